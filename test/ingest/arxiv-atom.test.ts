import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SourceError } from '../../src/domain/errors.ts';
import { normaliseRecord, type RawPaper } from '../../src/domain/normalise.ts';
import { PoliteHttpClient } from '../../src/ingest/http-client.ts';
import type { Source, SourceItem } from '../../src/ingest/source.ts';
import {
  arxivApiSource,
  arxivApiUrlSource,
  arxivAtomFileSource,
  parseArxivAtom,
} from '../../src/ingest/sources/arxiv-atom.ts';
import { RecordingServer } from '../helpers/recording-server.ts';
import { repoRoot, sharedDataDir, skipWithoutSharedData } from '../helpers/shared-data.ts';

const fixtures = path.join(repoRoot, 'test/fixtures/arxiv-api');

interface Recording {
  readonly url: string;
  readonly status_code: number;
  readonly body: string;
}

function recording(name: string): Recording {
  return JSON.parse(fs.readFileSync(path.join(fixtures, 'recorded-json', name), 'utf8')) as Recording;
}

const S0 = 'q_testing_s0_m10_bc5a6c384fe9.json';
const S5 = 'q_testing_s5_m10_c0e94a259d4a.json';
const S10 = 'q_testing_s10_m10_34e56e15aaac.json';
const ABC = 'id_abc_s0_m100_b79c8dcf6bc3.json';

function papers(items: readonly SourceItem[]): RawPaper[] {
  return items.flatMap((item) => (item.kind === 'paper' ? [item.raw] : []));
}

async function readAll(source: Source, cursor: string | null = null): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read({ cursor })) items.push(item);
  return items;
}

function checkpoints(items: readonly SourceItem[]): (string | null)[] {
  return items.flatMap((item) => (item.kind === 'checkpoint' ? [item.cursor] : []));
}

describe('parseArxivAtom', () => {
  test('reads a 2026 page: totals, ids with versions, titles, authors in order', () => {
    const page = parseArxivAtom(recording(S0).body, 'S0');
    assert.equal(page.totalResults, 214881);
    assert.equal(page.startIndex, 0);
    assert.equal(page.itemsPerPage, 10);
    const raws = papers(page.items);
    assert.equal(raws.length, 10);
    assert.equal(page.items.length, 10);
    const [first] = raws;
    assert.equal(first?.id, '2202.12139v1');
    assert.equal(
      first?.title,
      'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
    );
    assert.deepEqual(first?.authors, ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker']);
    assert.equal(first?.primaryCategory, 'cs.SE');
    assert.deepEqual(first?.versions, [{ version: 1, submittedAt: first?.updatedAt }]);
    assert.equal(raws[2]?.id, '2005.14124v2');
    for (const raw of raws) assert.ok(normaliseRecord(raw).ok, raw.id);
  });

  test('reads a 2016 page, whose namespaces are declared on each element, into a complete paper', () => {
    const xml = fs.readFileSync(path.join(fixtures, 'atom-xml/id_list=1111.2011v2.xml'), 'utf8');
    const page = parseArxivAtom(xml, 'id_list=1111.2011v2.xml');
    assert.deepEqual([page.totalResults, page.startIndex, page.itemsPerPage], [1, 0, 10]);
    const [raw] = papers(page.items);
    assert.ok(raw);
    assert.equal(raw.id, '1111.2011v2');
    assert.deepEqual(raw.authors, ['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic']);
    assert.equal(raw.primaryCategory, 'cond-mat.str-el');
    assert.deepEqual(raw.categories, ['cond-mat.str-el', 'cond-mat.stat-mech']);
    assert.equal(raw.doi, '10.1103/PhysRevB.85.115117');
    assert.equal(raw.journalRef, 'Phys. Rev. B 85, 115117 (2012)');
    assert.equal(raw.comment, '8 pages, 3 figures. Published version');
    assert.deepEqual(raw.versions, [
      { version: 1, submittedAt: '2011-11-08T18:48:36Z' },
      { version: 2, submittedAt: '2012-04-02T12:38:54Z' },
    ]);

    const normalised = normaliseRecord(raw);
    assert.ok(normalised.ok);
    assert.equal(normalised.record.paper.id, '1111.2011');
    assert.equal(normalised.record.paper.latestVersion, 2);
    assert.equal(
      normalised.record.paper.title,
      'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
    );
    assert.equal(normalised.record.paper.publishedAt, '2011-11-08T18:48:36.000Z');
  });

  test('reads a 2016 search page of 10 out of 31', () => {
    const xml = fs.readFileSync(path.join(fixtures, 'atom-xml/search_query=au_del_maestro.xml'), 'utf8');
    const page = parseArxivAtom(xml, 'au:del_maestro');
    assert.equal(page.totalResults, 31);
    const raws = papers(page.items);
    assert.equal(raws.length, 10);
    assert.equal(raws[0]?.title, 'A Luttinger Liquid Core Inside Helium-4 Filled Nanopores');
    assert.ok(raws.every((raw) => (raw.authors as string[]).some((name) => name.includes('Del Maestro'))));
  });

  test('keeps a title of "0" as text', () => {
    const [raw] = papers(
      parseArxivAtom(recording('id_2104.12255v1_s0_m100_6ae69987ffe1.json').body, 'x').items,
    );
    assert.equal(raw?.title, '0');
    assert.equal(raw?.id, '2104.12255v1');
  });

  test('reads old-style ids, comments and journal refs', () => {
    const [raw] = papers(
      parseArxivAtom(recording('id_astro-ph_0601001_s0_m100_3150dca9dc76.json').body, 'x').items,
    );
    assert.equal(raw?.id, 'astro-ph/0601001v1');
    assert.deepEqual(raw?.authors, ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski']);
    assert.equal(raw?.journalRef, 'ActaAstron.56:1-50,2006');
    assert.match(raw?.comment ?? '', /^62 pages including 16 figures/);
    assert.equal(raw?.primaryCategory, 'astro-ph');
  });

  test("turns the API's error feed into a SourceError with the API's message", () => {
    assert.throws(() => parseArxivAtom(recording(ABC).body, 'the id_list=abc answer'), {
      name: 'SourceError',
      message: 'the id_list=abc answer: arXiv API error: incorrect id format for abc',
    });
  });

  test('rejects an entry whose id is not an arXiv abs URL, and reads the others', () => {
    const body = recording(S0).body.replace('<id>http://arxiv.org/abs/2202.12139v1</id>', '<id>urn:x:1</id>');
    const page = parseArxivAtom(body, 'edited');
    assert.deepEqual(page.items[0], {
      kind: 'rejected',
      where: 'edited entry 1',
      reason: 'entry id urn:x:1 is not an arXiv abs URL',
    });
    assert.equal(papers(page.items).length, 9);
  });

  test('malformed XML and other documents throw, naming where they came from', () => {
    const cut = recording(S0).body.slice(0, 5_000);
    assert.throws(
      () => parseArxivAtom(cut, 'page.xml'),
      /^SourceError: page\.xml: not well-formed XML: .+ \(line \d+, column \d+\)$/,
    );
    assert.throws(() => parseArxivAtom('<html><body>Retry later</body></html>', 'page.html'), {
      message: 'page.html: not an Atom feed (root element <html>)',
    });
  });

  const skipShared = skipWithoutSharedData('the test that parses all 25 arXiv API recordings');
  test('every entry of every recording in ../shared/data parses', { skip: skipShared }, () => {
    const sharedRecordings = path.join(sharedDataDir ?? '', 'arxiv-api-atom-arxivpy');
    let entries = 0;
    let files = 0;
    const bodies: [string, string][] = [
      ...fs
        .readdirSync(path.join(sharedRecordings, 'atom-xml'))
        .map((f): [string, string] => [
          f,
          fs.readFileSync(path.join(sharedRecordings, 'atom-xml', f), 'utf8'),
        ]),
      ...fs.readdirSync(path.join(sharedRecordings, 'recorded-json')).map((f): [string, string] => {
        const text = fs.readFileSync(path.join(sharedRecordings, 'recorded-json', f), 'utf8');
        return [f, (JSON.parse(text) as Recording).body];
      }),
    ];
    for (const [name, body] of bodies) {
      files++;
      if (name.startsWith('id_abc_')) {
        assert.throws(() => parseArxivAtom(body, name), /incorrect id format for abc/);
        entries++;
        continue;
      }
      const page = parseArxivAtom(body, name);
      assert.equal(page.items.length, body.split('<entry>').length - 1, name);
      for (const raw of papers(page.items)) {
        const normalised = normaliseRecord(raw);
        assert.ok(normalised.ok, `${name} ${raw.id}: ${normalised.ok ? '' : normalised.reason}`);
      }
      assert.equal(papers(page.items).length, page.items.length, `${name} has rejected entries`);
      entries += page.items.length;
    }
    assert.equal(files, 25);
    assert.equal(entries, 246);
  });
});

describe('arXiv API sources over HTTP', () => {
  let server: RecordingServer;
  let client: PoliteHttpClient;
  const page = (name: string) => ({ status: recording(name).status_code, body: recording(name).body });

  before(async () => {
    server = await RecordingServer.start();
    client = new PoliteHttpClient({ minIntervalMs: 50 });
    server
      .reply('/api/query?search_query=testing&start=0&max_results=10', page(S0))
      .reply('/api/query?search_query=testing&start=10&max_results=10', page(S10))
      .reply('/api/query?search_query=testing&start=5&max_results=10', page(S5))
      .reply(
        '/api/query?id_list=2104.12255v1&start=0&max_results=100',
        page('id_2104.12255v1_s0_m100_6ae69987ffe1.json'),
      )
      .reply(
        '/api/query?id_list=0000.0000&start=0&max_results=100',
        page('id_0000.0000_s0_m100_8b51d9633a68.json'),
      )
      .reply('/api/query?id_list=abc&start=0&max_results=100', page(ABC))
      .reply('/warm-up', { status: 200, body: '' });
    // The first request of a process loads fetch and connects, which would skew the spacing measured below.
    await client.get(server.url('/warm-up'));
  });
  after(() => server.close());

  test('pages with start and max_results up to maxResults, checkpointing the next start after each page', async () => {
    const before = server.requests.length;
    const source = arxivApiSource({
      client,
      apiUrl: server.url('/api/query'),
      query: 'testing',
      pageSize: 10,
      maxResults: 20,
    });
    const items = await readAll(source);

    assert.equal(source.cursorKey, 'arxiv-api:search_query=testing');
    assert.equal(papers(items).length, 20);
    assert.deepEqual(checkpoints(items), ['10', null], 'the next start, then cleared at the end');
    assert.equal(items.at(10)?.kind, 'checkpoint', 'the checkpoint comes after its page');
    assert.equal(papers(items)[10]?.id, '2403.16981v2');
    const requests = server.requests.slice(before);
    assert.deepEqual(
      requests.map((r) => new URL(r.path, server.baseUrl).searchParams.get('start')),
      ['0', '10'],
    );
    assert.ok(requests[1]!.receivedAt - requests[0]!.receivedAt >= 40, 'requests spaced by the client');
    assert.equal(server.maxInFlight, 1);
  });

  test('an interrupted run has checkpointed the next start', async () => {
    const failing = await RecordingServer.start();
    failing
      .reply('/api/query?search_query=testing&start=0&max_results=10', page(S0))
      .reply('/api/query?search_query=testing&start=10&max_results=10', { status: 502, body: 'Bad Gateway' });
    const impatient = new PoliteHttpClient({ minIntervalMs: 0, maxRetries: 0 });
    const source = arxivApiSource({
      client: impatient,
      apiUrl: failing.url('/api/query'),
      query: 'testing',
      pageSize: 10,
    });
    const items: SourceItem[] = [];
    try {
      await assert.rejects(async () => {
        for await (const item of source.read({ cursor: null })) items.push(item);
      }, /HTTP 502 Bad Gateway/);
    } finally {
      await failing.close();
    }
    assert.equal(papers(items).length, 10);
    assert.deepEqual(checkpoints(items), ['10']);
  });

  test('resumes from the stored cursor', async () => {
    const before = server.requests.length;
    const source = arxivApiSource({
      client,
      apiUrl: server.url('/api/query'),
      query: 'testing',
      pageSize: 10,
      maxResults: 15,
    });
    const items = await readAll(source, '5');

    assert.deepEqual(
      server.requests.slice(before).map((r) => r.path),
      ['/api/query?search_query=testing&start=5&max_results=10'],
    );
    assert.equal(papers(items)[0]?.id, '1202.4527v1');
    assert.deepEqual(checkpoints(items), [null]);
  });

  test('a resumed run already past maxResults asks for nothing', async () => {
    const before = server.requests.length;
    const source = arxivApiSource({
      client,
      apiUrl: server.url('/api/query'),
      query: 'testing',
      maxResults: 20,
    });
    assert.deepEqual(await readAll(source, '20'), [{ kind: 'checkpoint', cursor: null }]);
    assert.equal(server.requests.length, before);
  });

  test('stops when totalResults is reached', async () => {
    const before = server.requests.length;
    const source = arxivApiSource({
      client,
      apiUrl: server.url('/api/query'),
      ids: ['2104.12255v1'],
      cursorKey: null,
    });
    const items = await readAll(source);
    assert.equal(source.cursorKey, null);
    assert.deepEqual(
      papers(items).map((r) => r.id),
      ['2104.12255v1'],
    );
    assert.deepEqual(checkpoints(items), [null]);
    assert.equal(server.requests.length - before, 1);
  });

  test('stops at an empty page', async () => {
    const before = server.requests.length;
    const items = await readAll(
      arxivApiSource({ client, apiUrl: server.url('/api/query'), ids: ['0000.0000'] }),
    );
    assert.deepEqual(items, [{ kind: 'checkpoint', cursor: null }]);
    assert.equal(server.requests.length - before, 1);
  });

  test('an empty page short of totalResults stops the run but keeps the cursor', async () => {
    const empty = recording('id_0000.0000_s0_m100_8b51d9633a68.json').body.replace(
      '<opensearch:totalResults>0</opensearch:totalResults>',
      '<opensearch:totalResults>214881</opensearch:totalResults>',
    );
    server.reply('/api/query?search_query=testing&start=20&max_results=10', { status: 200, body: empty });
    const source = arxivApiSource({
      client,
      apiUrl: server.url('/api/query'),
      query: 'testing',
      pageSize: 10,
    });
    const items = await readAll(source, '20');
    assert.deepEqual(items, [{ kind: 'checkpoint', cursor: '20' }]);
  });

  test("an HTTP 400 error feed fails with the API's message, the URL and the status", async () => {
    const url = server.url('/api/query?id_list=abc&start=0&max_results=100');
    await assert.rejects(
      readAll(arxivApiSource({ client, apiUrl: server.url('/api/query'), ids: ['abc'] })),
      (error) => {
        assert.ok(error instanceof SourceError);
        assert.equal(error.status, 400);
        assert.equal(error.message, `${url}: arXiv API error: incorrect id format for abc`);
        return true;
      },
    );
  });

  test('pages a pasted API URL, keeping its query and replacing start and max_results', async () => {
    const before = server.requests.length;
    const pasted = (name: string) => {
      const recorded = new URL(recording(name).url);
      return `/api/query${recorded.search}`;
    };
    server.reply(pasted(S0), page(S0)).reply(pasted(S10), page(S10));
    const url = server.url(pasted(S5)).replace('max_results=10', 'max_results=3');
    const source = arxivApiUrlSource(client, url, { pageSize: 10, maxResults: 20 });
    const items = await readAll(source);

    assert.equal(papers(items).length, 20);
    const sent = server.requests.slice(before).map((r) => new URL(r.path, server.baseUrl).searchParams);
    assert.deepEqual(
      sent.map((p) => [p.get('start'), p.get('max_results'), p.get('sortBy'), p.get('sortOrder')]),
      [
        ['0', '10', 'relevance', 'descending'],
        ['10', '10', 'relevance', 'descending'],
      ],
    );
  });

  test('refuses a page size over the API limit and a source with no query', () => {
    const apiUrl = server.url('/api/query');
    assert.throws(
      () => arxivApiSource({ client, apiUrl, query: 'x', pageSize: 5000 }),
      /from 1 to 2000, not 5000/,
    );
    assert.throws(() => arxivApiSource({ client, apiUrl }), /needs a query or a list of ids/);
    assert.throws(() => arxivApiUrlSource(client, `${apiUrl}?start=0`), /needs search_query or id_list/);
  });

  test('a stored cursor that is not a start offset is a clear error', async () => {
    const source = arxivApiSource({ client, apiUrl: server.url('/api/query'), query: 'testing' });
    await assert.rejects(
      readAll(source, 'oai-token|1001'),
      /the stored cursor "oai-token\|1001" is not a start offset/,
    );
  });
});

describe('arxivAtomFileSource', () => {
  test('reads the recorded-json wrapper and raw Atom XML', async () => {
    const wrapped = path.join(fixtures, 'recorded-json', S0);
    const items = await readAll(arxivAtomFileSource(wrapped));
    assert.equal(papers(items).length, 10);
    assert.equal(items[0]?.kind === 'paper' && items[0].where, `${wrapped} entry 1 (2202.12139v1)`);

    const raw = path.join(fixtures, 'atom-xml/search_query=au_del_maestro.xml');
    assert.equal(papers(await readAll(arxivAtomFileSource(raw))).length, 10);
  });

  test('a recorded error status fails naming the file, the status and the API message', async () => {
    const file = path.join(fixtures, 'recorded-json', ABC);
    await assert.rejects(readAll(arxivAtomFileSource(file)), {
      message: `${file}: recorded HTTP 400 from ${recording(ABC).url}: arXiv API error: incorrect id format for abc`,
    });
  });

  test('a missing file fails naming it', async () => {
    await assert.rejects(
      readAll(arxivAtomFileSource('/nonexistent/feed.xml')),
      /^SourceError: \/nonexistent\/feed\.xml: cannot read the file \(ENOENT/,
    );
  });
});
