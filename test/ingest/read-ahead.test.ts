import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openFileSource } from '../../src/ingest/open-source.ts';
import { normalisedItem, READ_AHEAD_MIN_BYTES, readAhead } from '../../src/ingest/read-ahead.ts';
import type { Source, SourceItem } from '../../src/ingest/source.ts';

/** A JSONL file over the read-ahead threshold, with bad lines among the good ones. */
function writeLargeJsonl(file: string): number {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 1; bytes < READ_AHEAD_MIN_BYTES * 1.2; i++) {
    let line: string;
    if (i % 997 === 0) line = '{"id": "2401.00001", "title": "truncated';
    else if (i % 991 === 0) line = JSON.stringify({ id: `2402.${String(i).padStart(5, '0')}` });
    else if (i % 983 === 0) line = JSON.stringify({ id: 'not an id', title: 'A title' });
    else
      line = JSON.stringify({
        id: `2401.${String(i).padStart(5, '0')}`,
        title: `Paper ${i}: on $\\alpha$-sparse   attention`,
        abstract: `We study problem ${i} and find https://github.com/example/repo${i}. `.repeat(20),
        authors: [`Author ${i % 97}`, `Author ${i % 89}`],
        categories: ['cs.LG', 'cs.CL'],
        published_at: '2024-01-02',
        versions: [{ version: 1, submitted_at: 'Tue, 2 Jan 2024 10:00:00 GMT', size: '1kb' }],
        ...(i % 5 === 0 ? { listing: { day: '2024-01-03', position: i, source: 'file' }, upvotes: i } : {}),
      });
    lines.push(line);
    bytes += line.length + 1;
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length;
}

async function collect(source: Source, cursor: string | null = null): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read({ cursor })) items.push(item);
  return items;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-read-ahead-'));
const large = path.join(dir, 'large.jsonl');
const lines = writeLargeJsonl(large);

test('a large file read ahead in a worker yields what reading it here yields, in the same order', async () => {
  const here = await collect(openFileSource(large, 'jsonl'));
  const ahead = readAhead(openFileSource(large, 'jsonl'), large, 'jsonl');
  const there = await collect(ahead);
  assert.ok(
    there.every((item) => item.kind !== 'paper'),
    'records arrive normalised',
  );
  assert.equal(there.filter((item) => item.kind === 'normalised').length, lines - countRejected(here));
  assert.deepEqual(there, here.map(normalisedItem));
  const failed = there.filter((item) => item.kind === 'normalised' && !item.result.ok);
  assert.ok(failed.length > 0, 'records that fail to normalise come through as failures, with their place');
  assert.ok(there.some((item) => item.kind === 'rejected' && /not valid JSON/.test(item.reason)));
  assert.ok(there.some((item) => item.kind === 'normalised' && item.listing?.upvotes === 5));
  assert.deepEqual(there.at(-1), { kind: 'checkpoint', cursor: null });
});

test('read ahead resumes from a cursor like the source itself', async () => {
  const cursor = '2000';
  const here = await collect(openFileSource(large, 'jsonl'), cursor);
  const there = await collect(readAhead(openFileSource(large, 'jsonl'), large, 'jsonl'), cursor);
  assert.deepEqual(there, here.map(normalisedItem));
  const first = there[0];
  assert.ok(
    first?.kind === 'normalised' && first.where.startsWith(`${path.relative(process.cwd(), large)}:2001`),
  );
});

test('stopping early ends the worker; a small file is read here', async () => {
  const ahead = readAhead(openFileSource(large, 'jsonl'), large, 'jsonl');
  let taken = 0;
  for await (const _ of ahead.read({ cursor: null })) if (++taken === 10) break;
  assert.equal(taken, 10);

  const small = path.join(dir, 'small.jsonl');
  fs.writeFileSync(small, `${JSON.stringify({ id: '2401.00001', title: 'Small' })}\n`);
  const source = openFileSource(small, 'jsonl');
  assert.equal(readAhead(source, small, 'jsonl'), source);
});

function countRejected(items: readonly SourceItem[]): number {
  return items.filter((item) => item.kind === 'rejected').length;
}
