import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SourceError } from '../../src/domain/errors.ts';
import { normaliseRecord, type RawPaper } from '../../src/domain/normalise.ts';
import { PoliteHttpClient } from '../../src/ingest/http-client.ts';
import type { Source, SourceItem } from '../../src/ingest/source.ts';
import { oaiPmhFileSource, oaiPmhSource, parseOaiPmh } from '../../src/ingest/sources/oai-pmh.ts';
import { RecordingServer } from '../helpers/recording-server.ts';
import { repoRoot, sharedDataDir, skipWithoutSharedData } from '../helpers/shared-data.ts';

const fixtures = path.join(repoRoot, 'test/fixtures/oai-pmh');

const OAI_DC = 'ListRecords-oai_dc-cs-from-2024-01-25.xml';
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

function papers(items: readonly SourceItem[]): RawPaper[] {
  return items.flatMap((item) => (item.kind === 'paper' ? [item.raw] : []));
}

async function readAll(source: Source, cursor: string | null = null): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read({ cursor })) items.push(item);
  return items;
}

function whereOf(item: SourceItem | undefined): string | null {
  return item && item.kind !== 'checkpoint' ? item.where : null;
}

function checkpoints(items: readonly SourceItem[]): (string | null)[] {
  return items.flatMap((item) => (item.kind === 'checkpoint' ? [item.cursor] : []));
}

function paramsOf(server: RecordingServer, requestPath: string): Record<string, string> {
  return Object.fromEntries(new URL(requestPath, server.baseUrl).searchParams);
}

describe('parseOaiPmh', () => {
  test('reads oai_dc: abs URL ids, "Last, First" creators, dates, comments, the resumption token', () => {
    const page = parseOaiPmh(fixture(OAI_DC), OAI_DC);
    assert.equal(page.resumptionToken, '6960524|1001');
    assert.equal(page.completeListSize, 1162);
    const raws = papers(page.items);
    assert.deepEqual(
      raws.map((raw) => raw.id),
      ['1303.2033', '2401.14034', '2401.14036', '2401.14038', '2401.14040'],
    );
    const [first] = raws;
    assert.equal(first?.title, 'Extended Fourier analysis of signals');
    assert.deepEqual(first?.authors, ['Vilnis Liepins']);
    assert.equal(first?.comment, '32 pages, 9 figures');
    assert.equal(first?.publishedAt, '2013-03-08');
    assert.equal(first?.updatedAt, '2024-01-23');
    assert.match(first?.abstract ?? '', /^This summary of the doctoral thesis/);
    assert.deepEqual(raws[1]?.authors?.slice(0, 2), ['Chuankun Li', 'Shuai Li']);
    for (const raw of raws) assert.ok(normaliseRecord(raw).ok, raw.id);
  });

  test('reads metadataPrefix=arXiv, skipping deleted records', () => {
    const page = parseOaiPmh(fixture('listrecords-arxiv-page1.xml'), 'page1');
    assert.equal(page.resumptionToken, '4917321|1001');
    assert.equal(page.items.length, 2, 'the deleted record is neither a paper nor a rejection');
    const [attention, overview] = papers(page.items);
    assert.equal(attention?.id, '1706.03762');
    assert.equal(attention?.title, 'Attention Is All You Need');
    assert.deepEqual(attention?.authors?.slice(0, 3), ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']);
    assert.equal(attention?.primaryCategory, 'cs.CL');
    assert.deepEqual(attention?.categories, ['cs.CL', 'cs.LG']);
    assert.equal(attention?.publishedAt, '2017-06-12');
    assert.equal(attention?.updatedAt, '2023-08-02');
    assert.equal(overview?.updatedAt, '2017-06-15', 'never updated: updated is created');
    assert.equal(whereOf(page.items[0]), 'page1 record 1 (oai:arXiv.org:1706.03762)');
  });

  test('reads metadataPrefix=arXivRaw: every version with its date and size', () => {
    const page = parseOaiPmh(fixture('listrecords-arxivraw.xml'), 'raw');
    assert.equal(page.resumptionToken, null);
    const [first, second] = papers(page.items);
    assert.deepEqual(first?.versions, [
      { version: 1, submittedAt: 'Mon, 2 Apr 2007 19:18:42 GMT', size: '37kb' },
      { version: 2, submittedAt: 'Tue, 24 Jul 2007 20:10:27 GMT', size: '37kb' },
    ]);
    assert.equal(first?.journalRef, 'Phys.Rev.D76:013009,2007');
    assert.equal(first?.doi, '10.1103/PhysRevD.76.013009');
    assert.equal(second?.primaryCategory, 'math.CO');

    const normalised = normaliseRecord(first!);
    assert.ok(normalised.ok);
    const { paper, versions } = normalised.record;
    assert.equal(paper.id, '0704.0001');
    assert.equal(paper.latestVersion, 2);
    assert.equal(paper.publishedAt, '2007-04-02T19:18:42.000Z');
    assert.equal(paper.updatedAt, '2007-07-24T20:10:27.000Z');
    assert.deepEqual(paper.authors, ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan']);
    assert.deepEqual(
      versions.map((v) => [v.version, v.size]),
      [
        [1, '37kb'],
        [2, '37kb'],
      ],
    );
    const streinu = normaliseRecord(second!);
    assert.ok(streinu.ok);
    assert.deepEqual(streinu.record.paper.authors, ['Ileana Streinu', 'Louis Theran']);
  });

  test('noRecordsMatch is an empty page, not an error', () => {
    assert.deepEqual(parseOaiPmh(fixture('error-no-records-match.xml'), 'x'), {
      items: [],
      resumptionToken: null,
      completeListSize: 0,
    });
  });

  test('other OAI errors throw with their code and message', () => {
    assert.throws(() => parseOaiPmh(fixture('error-bad-resumption-token.xml'), 'resume'), {
      message:
        'resume: OAI-PMH error badResumptionToken: Invalid or expired resumption token (resumption tokens expire; start the harvest again)',
    });
    const badArgument = fixture('error-bad-resumption-token.xml').replace(
      /<error[\s\S]*<\/error>/,
      '<error code="badArgument">Illegal argument: foo</error>',
    );
    assert.throws(() => parseOaiPmh(badArgument, 'x'), {
      message: 'x: OAI-PMH error badArgument: Illegal argument: foo',
    });
  });

  test('a record with an unknown metadata format is rejected with a reason', () => {
    const xml = fixture('listrecords-arxiv-page2.xml').replace(
      /<arXiv [\s\S]*<\/arXiv>/,
      '<marc xmlns="x"/>',
    );
    assert.deepEqual(parseOaiPmh(xml, 'p2').items, [
      {
        kind: 'rejected',
        where: 'p2 record 1 (oai:arXiv.org:1706.02216)',
        reason: 'unsupported metadata format <marc>',
      },
    ]);
  });

  test('malformed XML, HTML and other verbs throw, naming where they came from', () => {
    assert.throws(
      () => parseOaiPmh(fixture(OAI_DC).slice(0, 3_000), 'cut.xml'),
      /^SourceError: cut\.xml: not well-formed XML/,
    );
    assert.throws(() => parseOaiPmh(fixture('retry-after-503.html'), 'busy'), {
      message: 'busy: not an OAI-PMH response (root element <html>)',
    });
    const identify =
      '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate/><Identify/></OAI-PMH>';
    assert.throws(() => parseOaiPmh(identify, 'id'), {
      message: 'id: expected ListRecords or GetRecord, got Identify',
    });
  });
});

describe('oaiPmhSource over HTTP', () => {
  let server: RecordingServer;
  const page1 = '/oai2?verb=ListRecords&metadataPrefix=arXiv&from=2017-06-01&until=2017-06-30&set=cs';
  const page2 = '/oai2?verb=ListRecords&resumptionToken=4917321|1001';

  before(async () => {
    server = await RecordingServer.start();
    server
      .reply(page1, {
        status: 200,
        headers: { 'Content-Type': 'text/xml' },
        body: fixture('listrecords-arxiv-page1.xml'),
      })
      .reply(page2, {
        status: 200,
        headers: { 'Content-Type': 'text/xml' },
        body: fixture('listrecords-arxiv-page2.xml'),
      })
      .reply('/oai2?verb=ListRecords&resumptionToken=expired|1', {
        status: 200,
        body: fixture('error-bad-resumption-token.xml'),
      })
      .reply('/oai2?verb=ListRecords&metadataPrefix=arXiv&from=2030-01-01', {
        status: 200,
        body: fixture('error-no-records-match.xml'),
      });
  });
  after(() => server.close());

  function harvest(
    sleep?: (ms: number) => Promise<void>,
    extra: { from?: string; until?: string; set?: string } = {},
  ) {
    const client = new PoliteHttpClient({ minIntervalMs: 50, ...(sleep ? { sleep } : {}) });
    return oaiPmhSource({
      client,
      baseUrl: server.url('/oai2'),
      metadataPrefix: 'arXiv',
      cursorKey: 'oai:arXiv:cs',
      ...extra,
    });
  }
  const june = { from: '2017-06-01', until: '2017-06-30', set: 'cs' };

  test('follows resumption tokens, checkpointing each token after its page, then clearing it', async () => {
    const before = server.requests.length;
    const items = await readAll(harvest(undefined, june));

    assert.deepEqual(
      papers(items).map((raw) => raw.id),
      ['1706.03762', '1706.05098', '1706.02216'],
    );
    assert.deepEqual(
      items.map((item) => item.kind),
      ['paper', 'paper', 'checkpoint', 'paper', 'checkpoint'],
    );
    assert.deepEqual(checkpoints(items), ['4917321|1001', null]);
    const sent = server.requests.slice(before);
    assert.deepEqual(paramsOf(server, sent[0]!.path), {
      verb: 'ListRecords',
      metadataPrefix: 'arXiv',
      from: '2017-06-01',
      until: '2017-06-30',
      set: 'cs',
    });
    assert.deepEqual(paramsOf(server, sent[1]!.path), {
      verb: 'ListRecords',
      resumptionToken: '4917321|1001',
    });
    assert.equal(server.maxInFlight, 1);
  });

  test('resumes an interrupted harvest from the stored token', async () => {
    const before = server.requests.length;
    const items = await readAll(harvest(undefined, june), '4917321|1001');
    assert.deepEqual(
      papers(items).map((raw) => raw.id),
      ['1706.02216'],
    );
    assert.deepEqual(
      server.requests.slice(before).map((r) => paramsOf(server, r.path)),
      [{ verb: 'ListRecords', resumptionToken: '4917321|1001' }],
    );
  });

  test('waits out 503 + Retry-After: 10 before the first page', async () => {
    const path503 = '/oai2?verb=ListRecords&metadataPrefix=arXiv&from=2017-06-01&until=2017-06-30&set=cs';
    const busy = await RecordingServer.start();
    busy
      .reply(
        path503,
        {
          status: 503,
          headers: { 'Retry-After': '10', 'Content-Type': 'text/html' },
          body: fixture('retry-after-503.html'),
        },
        { status: 200, body: fixture('listrecords-arxiv-page1.xml') },
      )
      .reply(page2, { status: 200, body: fixture('listrecords-arxiv-page2.xml') });
    const waits: number[] = [];
    const client = new PoliteHttpClient({ minIntervalMs: 0, sleep: async (ms) => void waits.push(ms) });
    const source = oaiPmhSource({
      client,
      baseUrl: busy.url('/oai2'),
      metadataPrefix: 'arXiv',
      cursorKey: 'k',
      ...june,
    });
    try {
      const items = await readAll(source);
      assert.deepEqual(waits, [10_000]);
      assert.equal(papers(items).length, 3);
      assert.deepEqual(
        busy.requests.map((r) => paramsOf(busy, r.path).verb),
        ['ListRecords', 'ListRecords', 'ListRecords'],
      );
    } finally {
      await busy.close();
    }
  });

  test('an expired token fails with the OAI error code and the URL', async () => {
    await assert.rejects(readAll(harvest(), 'expired|1'), (error) => {
      assert.ok(error instanceof SourceError);
      assert.match(
        error.message,
        /^http:\/\/127\.0\.0\.1:\d+\/oai2\?verb=ListRecords&resumptionToken=expired%7C1: /,
      );
      assert.match(error.message, /OAI-PMH error badResumptionToken: Invalid or expired resumption token/);
      return true;
    });
  });

  test('noRecordsMatch ends the harvest with nothing but the final checkpoint', async () => {
    const items = await readAll(harvest(undefined, { from: '2030-01-01' }));
    assert.deepEqual(items, [{ kind: 'checkpoint', cursor: null }]);
  });
});

test('oaiPmhFileSource reads a saved answer', async () => {
  const file = path.join(fixtures, OAI_DC);
  const source = oaiPmhFileSource(file);
  assert.equal(source.cursorKey, null);
  const items = await readAll(source);
  assert.equal(papers(items).length, 5);
  assert.equal(whereOf(items[0]), `${file} record 1 (oai:arXiv.org:1303.2033)`);
});

describe('the paperhive recordings in ../shared/data (GPL-3.0, not copied)', () => {
  const skip = skipWithoutSharedData('the paperhive OAI-PMH replay tests');
  const nock = path.join(sharedDataDir ?? '', 'arxiv-oai-pmh/paperhive-nock-fixtures');

  interface NockEntry {
    readonly path: string;
    readonly status: number;
    readonly response: string;
    readonly rawHeaders: readonly string[];
  }
  const entries = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(nock, `oaipmh-${name}.json`), 'utf8')) as NockEntry[];
  const headersOf = (raw: readonly string[]) =>
    Object.fromEntries(raw.flatMap((value, i) => (i % 2 === 0 ? [[value, raw[i + 1] ?? '']] : [])));

  test('replays arXiv\'s real "503, Retry-After: 10, then 200" and waits 10 s', {
    skip,
  }, async () => {
    const recorded = entries('listrecords---should-list-identifiers-from-arxiv');
    assert.deepEqual(
      recorded.map((e) => e.status),
      [503, 200],
    );
    const server = await RecordingServer.start();
    server.reply(
      recorded[0]!.path,
      ...recorded.map((e) => ({ status: e.status, headers: headersOf(e.rawHeaders), body: e.response })),
    );
    const told: [number, string][] = [];
    const waits: number[] = [];
    const client = new PoliteHttpClient({
      minIntervalMs: 0,
      sleep: async (ms) => void waits.push(ms),
      onWait: (ms, why) => told.push([ms, why]),
    });
    const source = oaiPmhSource({
      client,
      baseUrl: server.url('/oai2'),
      metadataPrefix: 'arXiv',
      from: '2015-01-01',
      until: '2015-01-03',
      cursorKey: 'oai:arXiv',
    });
    try {
      const items = await readAll(source);
      assert.deepEqual(waits, [10_000]);
      assert.match(told[0]![1], /^HTTP 503 .*the server asked us to wait 10 s$/);
      assert.deepEqual(
        papers(items).map((raw) => raw.id),
        ['1412.8544', 'hep-th/9504118'],
      );
      assert.deepEqual(checkpoints(items), [null]);
      assert.equal(server.requests.length, 2);
    } finally {
      await server.close();
    }
  });

  test('reads the recorded GetRecord answer', { skip }, () => {
    const [getRecord] = entries('getrecord---should-get-a-record');
    const [raw] = papers(parseOaiPmh(getRecord!.response, 'GetRecord').items);
    assert.equal(raw?.id, '1412.8544');
    assert.deepEqual(raw?.authors, ['Sander Uijlen', 'Bas Westerbaan']);
    assert.equal(raw?.doi, '10.4204/EPTCS.172.11');
    assert.equal(raw?.journalRef, 'EPTCS 172, 2014, pp. 154-164');
  });
});
