import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PaperDetails as PaperDetailsT, Versions as VersionsT } from '../../../src/api/v1/schemas.ts';
import { PaperDetails, Versions } from '../../../src/api/v1/schemas.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { startApiApp, type WebApp } from '../helpers/api-app.ts';
import { v1Client } from './helpers/v1-client.ts';

describeEachDialect('REST API v1: papers', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const api = v1Client(() => web);

  test('a paper by its id, with the listing it is featured on', async () => {
    const paper = await api.json<PaperDetailsT>('/api/v1/papers/2411.28001', PaperDetails);
    assert.equal(paper.id, '2411.28001');
    assert.equal(paper.version, 2);
    assert.equal(paper.title, 'Routing Tokens Through Depth, Revisited');
    assert.deepEqual(paper.categories, ['cs.CL', 'cs.LG']);
    assert.equal(paper.arxivUrl, 'https://arxiv.org/abs/2411.28001');
    assert.equal(paper.listing?.day, '2024-11-26');
    assert.equal(paper.listing?.submittedBy, 'mokonkwo');
  });

  test('any id form finds the same paper: versioned, arXiv: prefix, old style encoded or not', async () => {
    for (const form of [
      '2411.28001v1',
      'arXiv:2411.28001',
      encodeURIComponent('https://arxiv.org/abs/2411.28001'),
    ]) {
      const paper = await api.json<PaperDetailsT>(`/api/v1/papers/${form}`, PaperDetails);
      assert.equal(paper.id, '2411.28001', form);
    }
    for (const form of ['hep-th/9901001', 'hep-th%2F9901001', 'hep-th/9901001v1']) {
      const paper = await api.json<PaperDetailsT>(`/api/v1/papers/${form}`, PaperDetails);
      assert.equal(paper.id, 'hep-th/9901001', form);
      assert.equal(paper.listing, null, 'on no listing');
    }
  });

  test('an unknown paper is 404 not_found; an id that cannot be an arXiv id is 400 bad_request', async () => {
    assert.match(await api.error('/api/v1/papers/2501.99999', 404, 'not_found'), /2501\.99999/);
    assert.match(await api.error('/api/v1/papers/hep-th/9912999', 404, 'not_found'), /hep-th\/9912999/);
    await api.error('/api/v1/papers/2501.99999/versions', 404, 'not_found');
    assert.match(await api.error('/api/v1/papers/not-a-paper', 400, 'bad_request'), /arXiv id/);
    await api.error(`/api/v1/papers/${'9'.repeat(130)}`, 400, 'bad_request');
  });

  test("a paper's versions, oldest first, by any id form", async () => {
    const versions = await api.json<VersionsT>('/api/v1/papers/2411.28001v2/versions', Versions);
    assert.equal(versions.paperId, '2411.28001');
    assert.equal(versions.latestVersion, 2);
    assert.ok(versions.versions.length >= 1);
    assert.equal(versions.versions.at(-1)?.version, 2);
    const numbers = versions.versions.map((v) => v.version);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
    const old = await api.json<VersionsT>('/api/v1/papers/hep-th/9901001/versions', Versions);
    assert.equal(old.paperId, 'hep-th/9901001');
  });

  test('hostile text comes back as JSON strings, unchanged', async () => {
    const paper = await api.json<PaperDetailsT>('/api/v1/papers/2411.27001', PaperDetails);
    assert.match(paper.title, /<script>alert\("x"\)<\/script>/);
    assert.deepEqual(paper.authors, ['Mallory <script>', 'Eve & Co']);
  });
});
