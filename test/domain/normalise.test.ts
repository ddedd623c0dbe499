import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mergePaper } from '../../src/domain/merge.ts';
import { normaliseRecord, type RawPaper, toIsoDate } from '../../src/domain/normalise.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { collapseWhitespace, decodeLatexAccents, findLinks, splitAuthors } from '../../src/domain/text.ts';

function ok(raw: RawPaper): PaperRecord {
  const result = normaliseRecord(raw);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.record;
}

test('authors lines split into names in order, affiliations dropped', () => {
  const cases: [string, string[]][] = [
    ['J. Mueller-Quade and H. Imai', ['J. Mueller-Quade', 'H. Imai']],
    ['A. One, B. Two, and C. Three', ['A. One', 'B. Two', 'C. Three']],
    ['A. One (MIT), B. Two (Univ. of X, Y)', ['A. One', 'B. Two']],
    ['E. Schr\\"odinger and P. Erd\\H{o}s', ['E. Schrödinger', 'P. Erdős']],
    ['Single Author', ['Single Author']],
    ['M. Finger,\\, Jr., A. Name and B. Other III', ['M. Finger Jr.', 'A. Name', 'B. Other III']],
  ];
  for (const [line, names] of cases) assert.deepEqual(splitAuthors(line), names, line);
});

test('LaTeX accents become letters; math and markup-looking text stay as typed', () => {
  assert.equal(decodeLatexAccents("G\\'{e}rard {\\o}ksendal \\c{c}a"), 'Gérard øksendal ça');
  assert.equal(decodeLatexAccents('$\\alpha$-stable <b>x</b>'), '$\\alpha$-stable <b>x</b>');
});

test('links are found with trailing punctuation trimmed', () => {
  assert.deepEqual(findLinks('Code: https://github.com/a/b. See (https://x.org/p(1)), and http://y.io/z;'), [
    'https://github.com/a/b',
    'https://x.org/p(1)',
    'http://y.io/z',
  ]);
});

test('dates of every source form become ISO 8601 UTC', () => {
  assert.equal(toIsoDate('Sat, 4 Nov 2000 06:14:57 GMT'), '2000-11-04T06:14:57.000Z');
  assert.equal(toIsoDate('2024-10-22T17:59:30.000Z'), '2024-10-22T17:59:30.000Z');
  assert.equal(toIsoDate('2025-03-14'), '2025-03-14T00:00:00.000Z');
  assert.equal(toIsoDate('not a date'), null);
});

test('a record is cleaned: whitespace, categories, code links, versions', () => {
  const record = ok({
    id: 'arXiv:2003.10555v2',
    title: '  ELECTRA:\n  Pre-training ',
    abstract: 'Line one\n  line two. Code: https://github.com/google-research/electra.',
    authors: 'Kevin Clark, Minh-Thang Luong and Quoc V. Le',
    categories: 'cs.CL cs.LG',
    versions: [
      { version: 2, submittedAt: 'Mon, 23 Mar 2020 21:17:42 GMT' },
      { version: 1, submittedAt: 'Mon, 9 Mar 2020 10:00:00 GMT' },
    ],
  });
  assert.equal(record.paper.id, '2003.10555');
  assert.equal(record.version, 2);
  assert.equal(record.paper.title, 'ELECTRA: Pre-training');
  assert.equal(record.paper.abstract, 'Line one line two. Code: https://github.com/google-research/electra.');
  assert.deepEqual(record.paper.authors, ['Kevin Clark', 'Minh-Thang Luong', 'Quoc V. Le']);
  assert.deepEqual(record.paper.categories, ['cs.CL', 'cs.LG']);
  assert.deepEqual(record.paper.codeUrls, ['https://github.com/google-research/electra']);
  assert.equal(record.paper.publishedAt, '2020-03-09T10:00:00.000Z');
  assert.equal(record.paper.updatedAt, '2020-03-23T21:17:42.000Z');
  assert.deepEqual(
    record.versions.map((v) => v.version),
    [1, 2],
  );
});

test('records without a title or with a bad id are rejected with a reason', () => {
  const noTitle = normaliseRecord({ id: '2003.10555', title: '   ' });
  assert.deepEqual(noTitle, { ok: false, reason: '2003.10555: no title' });
  const badId = normaliseRecord({ id: 'paper-42', title: 'x' });
  assert.equal(badId.ok, false);
});

test('merge: same record twice is unchanged; newer version wins and keeps the old text; older fills gaps only', () => {
  const v1 = ok({ id: '2101.00001v1', title: 'Old title', abstract: 'Old', authors: ['A'] });
  const v2 = ok({ id: '2101.00001v2', title: 'New title', abstract: 'New', categories: ['cs.LG'] });
  const first = mergePaper(null, v1);
  assert.equal(first.outcome, 'new');
  assert.equal(mergePaper(first.merged, v1).outcome, 'unchanged');
  const second = mergePaper(first.merged, v2);
  assert.equal(second.outcome, 'updated');
  assert.equal(second.merged.paper.title, 'New title');
  assert.deepEqual(second.merged.paper.authors, ['A'], 'a field the newer record lacks is kept');
  assert.deepEqual(
    second.merged.versions.map((v) => [v.version, v.title]),
    [
      [1, 'Old title'],
      [2, 'New title'],
    ],
  );
  const third = mergePaper(second.merged, v1);
  assert.equal(third.outcome, 'unchanged');
  assert.equal(third.merged.paper.title, 'New title');
  const unversioned = ok({ id: '2101.00001', title: 'Other source title', doi: '10.1/x' });
  const fourth = mergePaper(second.merged, unversioned);
  assert.equal(fourth.merged.paper.doi, '10.1/x');
  assert.equal(fourth.merged.paper.latestVersion, 2);
});

test('property: whitespace collapses exactly as one space per run, trimmed', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '  ', ' \n '),
          fc.string({ maxLength: 5 }),
        ),
      ),
      (parts) => {
        const text = parts.join('');
        assert.equal(collapseWhitespace(text), text.replace(/\s+/g, ' ').trim());
      },
    ),
  );
});

test('only http(s) code links are kept from a source', () => {
  const record = ok({
    id: '2101.00002',
    title: 't',
    codeUrls: ['javascript:alert(1)', 'data:text/html,x', 'https://github.com/a/b', 'not a url'],
  });
  assert.deepEqual(record.paper.codeUrls, ['https://github.com/a/b']);
});
