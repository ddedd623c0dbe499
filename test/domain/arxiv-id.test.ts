import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatArxivId, parseArxivId } from '../../src/domain/arxiv-id.ts';
import { repoRoot, sharedDataDir, skipWithoutSharedData } from '../helpers/shared-data.ts';

const accepted: [input: string, id: string, version: number | null][] = [
  ['2003.10555', '2003.10555', null],
  ['2003.10555v2', '2003.10555', 2],
  ['arXiv:2003.10555', '2003.10555', null],
  ['ARXIV:2003.10555V2', '2003.10555', 2],
  ['  2003.10555 \n', '2003.10555', null],
  ['https://arxiv.org/abs/2003.10555', '2003.10555', null],
  ['http://arxiv.org/abs/2003.10555v3', '2003.10555', 3],
  ['https://arxiv.org/pdf/2003.10555.pdf', '2003.10555', null],
  ['https://arxiv.org/pdf/2003.10555v1', '2003.10555', 1],
  ['https://export.arxiv.org/abs/2003.10555', '2003.10555', null],
  ['arxiv.org/abs/2003.10555', '2003.10555', null],
  ['https://huggingface.co/papers/2502.05979', '2502.05979', null],
  ['https://hf.co/papers/2502.05979v3', '2502.05979', 3],
  ['https://doi.org/10.48550/arXiv.2003.10555', '2003.10555', null],
  ['0704.0001', '0704.0001', null],
  ['1412.8544', '1412.8544', null],
  ['hep-th/9901001', 'hep-th/9901001', null],
  ['HEP-TH/9901001V1', 'hep-th/9901001', 1],
  ['math.GT/0309136v1', 'math/0309136', 1],
  ['arXiv:math.GT/0309136', 'math/0309136', null],
  ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001', 2],
  ['https://arxiv.org/pdf/astro-ph/0601001', 'astro-ph/0601001', null],
  ['quant-ph/0201082v1', 'quant-ph/0201082', 1],
  ['cs/0011004', 'cs/0011004', null],
];

const rejected: [input: string, reason: RegExp][] = [
  ['', /empty/],
  ['   ', /empty/],
  ['abc', /not an arXiv id/],
  ['0000.0000', /month 00/],
  ['0612.00001', /0704/],
  ['2013.12345', /month 13/],
  ['1501.1234', /five digits/],
  ['1412.12345', /four digits/],
  ['2003.10555v0', /v1/],
  ['foo-bar/9901001', /not an arXiv archive/],
  ['hep-th/9913001', /month 13/],
  ['hep-th/1501001', /1991 to 2007/],
  ['https://example.com/abs/2003.10555', /not to an arXiv/],
  ['https://arxiv.org/list/cs.CL/recent', /not to an arXiv/],
  ['2003.10555; DROP TABLE papers', /not an arXiv id/],
  ['x'.repeat(400), /too long/],
];

test('every pasted form of a real id parses to the version-less id and its version', () => {
  for (const [input, id, version] of accepted) {
    const result = parseArxivId(input);
    assert.ok(result.ok, `${JSON.stringify(input)} should parse: ${result.ok ? '' : result.reason}`);
    assert.deepEqual(result.value, { id, version }, JSON.stringify(input));
  }
});

test('anything else is rejected with a reason', () => {
  for (const [input, reason] of rejected) {
    const result = parseArxivId(input);
    assert.equal(result.ok, false, `${JSON.stringify(input)} should be rejected`);
    if (!result.ok) assert.match(result.reason, reason, JSON.stringify(input));
  }
});

test('every id of the demo set parses', () => {
  const lines = fs.readFileSync(path.join(repoRoot, 'demo/papers.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 61);
  for (const line of lines) {
    const { arxiv_id } = JSON.parse(line) as { arxiv_id: string };
    const result = parseArxivId(arxiv_id);
    assert.ok(result.ok, arxiv_id);
    assert.equal(formatArxivId(result.value), arxiv_id);
  }
});

test('every .abs file name in ../shared/data is a valid id', {
  skip: skipWithoutSharedData('.abs id table'),
}, () => {
  const root = path.join(sharedDataDir ?? '', 'arxiv-abs-metadata-arxiv-browse/abs');
  let count = 0;
  for (const archive of fs.readdirSync(root)) {
    for (const file of fs.readdirSync(path.join(root, archive, 'papers'), { recursive: true }) as string[]) {
      if (!file.endsWith('.abs')) continue;
      const number = path.basename(file, '.abs');
      const id = archive === 'arxiv' ? number : `${archive}/${number}`;
      const result = parseArxivId(id);
      assert.ok(result.ok, `${id}: ${result.ok ? '' : result.reason}`);
      assert.equal(result.value.id, id);
      count++;
    }
  }
  assert.ok(count > 1000, `expected over 1,000 .abs files, saw ${count}`);
});

const newStyleId = fc
  .tuple(
    fc.integer({ min: 15, max: 29 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 99999 }),
  )
  .map(([yy, mm, n]) => `${yy}${String(mm).padStart(2, '0')}.${String(n).padStart(5, '0')}`);
const oldStyleId = fc
  .tuple(
    fc.constantFrom('hep-th', 'math', 'cond-mat', 'astro-ph', 'quant-ph', 'cs'),
    fc.constantFrom('91', '99', '00', '07'),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 999 }),
  )
  .map(([a, yy, mm, n]) => `${a}/${yy}${String(mm).padStart(2, '0')}${String(n).padStart(3, '0')}`);
const anyId = fc.oneof(newStyleId, oldStyleId);
const version = fc.option(fc.integer({ min: 1, max: 99 }), { nil: null });

test('property: decorating a valid id (prefix, URL, version, case, spaces) parses back to it', () => {
  const decorate = fc.constantFrom(
    (s: string) => s,
    (s: string) => `arXiv:${s}`,
    (s: string) => `https://arxiv.org/abs/${s}`,
    (s: string) => `https://arxiv.org/pdf/${s}.pdf`,
    (s: string) => `https://huggingface.co/papers/${s}`,
    (s: string) => ` \t${s.toUpperCase()}\n`,
  );
  fc.assert(
    fc.property(anyId, version, decorate, (id, v, wrap) => {
      const result = parseArxivId(wrap(v === null ? id : `${id}v${v}`));
      assert.ok(result.ok);
      assert.deepEqual(result.value, { id, version: v });
    }),
  );
});

test('property: any string gives a value or a reason, never a throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (input) => {
      const result = parseArxivId(input);
      if (result.ok) assert.match(result.value.id, /^(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})$/);
      else assert.ok(result.reason.length > 0);
    }),
  );
});
