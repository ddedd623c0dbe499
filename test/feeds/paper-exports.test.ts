import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startApiApp, type WebApp } from '../api/helpers/api-app.ts';
import { describeEachDialect } from '../helpers/databases.ts';

describeEachDialect('paper exports: Markdown and BibTeX', (kind) => {
  let web: WebApp;
  before(async () => {
    web = await startApiApp(kind);
  });
  after(() => web.dispose());
  const get = (url: string) => web.server.inject({ method: 'GET', url });

  test('/papers/{id}.md is Markdown with title, authors, links and abstract, and wins over the page', async () => {
    const res = await get('/papers/2411.29001.md');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/markdown; charset=utf-8/);
    const lines = res.body.split('\n');
    assert.equal(lines[0], '# Sparse Mixture-of-Depths Routing for Long-Context Retrieval');
    assert.ok(lines.includes('**Authors:** Mira Okonkwo, Tomasz Wierzbicki, Anaïs Delacroix'));
    assert.match(res.body, /\[2411\.29001\]\(https:\/\/arxiv\.org\/abs\/2411\.29001\)/);
    assert.match(res.body, /\[Paperpulse\]\(http:\/\/localhost:3000\/papers\/2411\.29001\)/);
    assert.match(res.body, /- <https:\/\/github\.com\/example-lab\/sparse-mod>/);
    assert.match(res.body, /## Abstract\n\nLong-context language models spend/);
    const page = await get('/papers/2411.29001');
    assert.match(page.headers['content-type'] as string, /^text\/html/, 'the HTML page still answers');
  });

  test('old-style ids and other id forms work; unknown and malformed ids are 404', async () => {
    const old = await get('/papers/hep-th/9901001v2.md');
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /^# Dualities in \$\\mathcal\{N\}=4\$ gauge theory\n/);
    assert.match(old.body, /We show \$a&lt;b\$ &amp; more/);
    assert.equal((await get('/papers/arXiv:2411.29001.md')).statusCode, 200);
    for (const url of ['/papers/2501.99999.md', '/papers/nonsense.md', '/papers/2501.99999.bib']) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  test('markup in a title stays text in Markdown', async () => {
    const { body } = await get('/papers/2411.27001.md');
    assert.ok(!body.includes('<script>'));
    assert.ok(!body.includes('<b>'));
    assert.match(
      body,
      /^# Attention &lt;script&gt;alert\("x"\)&lt;\/script&gt; &amp; "Friends" \\\]\\\]&gt;/,
    );
  });

  test('/papers/{id}.bib is one @misc entry with arXiv eprint fields', async () => {
    const res = await get('/papers/2411.29001.bib');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/x-bibtex/);
    assert.match(res.body, /^@misc\{okonkwo2024sparse,\n/);
    assert.match(
      res.body,
      /\n {2}title = \{Sparse Mixture-of-Depths Routing for Long-Context Retrieval\},\n/,
    );
    assert.match(res.body, /\n {2}author = \{Mira Okonkwo and Tomasz Wierzbicki and Anaïs Delacroix\},\n/);
    assert.match(res.body, /\n {2}eprint = \{2411\.29001\},\n {2}archivePrefix = \{arXiv\},\n/);
    assert.match(res.body, /\n {2}url = \{https:\/\/arxiv\.org\/abs\/2411\.29001\}\n\}\n$/);
  });

  test('BibTeX escapes %, & and # and drops unbalanced braces, keeping LaTeX', async () => {
    const { body } = await get('/papers/hep-th/9901001.bib');
    assert.match(body, /title = \{Dualities in \$\\mathcal\{N\}=4\$ gauge theory\}/);
    assert.match(body, /eprint = \{hep-th\/9901001\}/);
    const hostile = (await get('/papers/2411.27001.bib')).body;
    assert.match(
      hostile,
      /title = \{Attention <script>alert\("x"\)<\/script> \\& "Friends" \]\]> at <b>scale<\/b>\}/,
    );
  });
});
