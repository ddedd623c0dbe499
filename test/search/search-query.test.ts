import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_QUERY_LENGTH, parseSearchQuery, type SearchQuery } from '../../src/domain/search-query.ts';

function parsed(input: string): SearchQuery {
  const result = parseSearchQuery(input);
  if (!result.ok) throw new Error(`expected a query, got: ${result.reason}`);
  return result.query;
}

function reason(input: string): string {
  const result = parseSearchQuery(input);
  assert.equal(result.ok, false, `expected "${input}" to be refused`);
  return result.ok ? '' : result.reason;
}

test('plain words are lowercased letters and digits', () => {
  assert.deepEqual(parsed('Token MERGING, ViT-B/16!').terms, [
    { kind: 'word', text: 'token' },
    { kind: 'word', text: 'merging' },
    { kind: 'word', text: 'vit' },
    { kind: 'word', text: 'b' },
    { kind: 'word', text: '16' },
  ]);
});

test('a quoted phrase keeps its words in order; an unclosed quote runs to the end', () => {
  assert.deepEqual(parsed('"State Space" models').terms, [
    { kind: 'phrase', words: ['state', 'space'] },
    { kind: 'word', text: 'models' },
  ]);
  assert.deepEqual(parsed('mamba "selective scan').terms, [
    { kind: 'word', text: 'mamba' },
    { kind: 'phrase', words: ['selective', 'scan'] },
  ]);
});

test('token* is a prefix; a one-letter prefix is just a word', () => {
  assert.deepEqual(parsed('token* a*').terms, [
    { kind: 'prefix', text: 'token' },
    { kind: 'word', text: 'a' },
  ]);
});

test('author:, cat: and date bounds are filters, not words', () => {
  const query = parsed(
    'author:"Yann LeCun" author:hinton cat:cs.cl cat:Q-BIO.nc cat:math after:2024-01-01 before:2024-06-01 energy',
  );
  assert.deepEqual(query.authors, [['yann', 'lecun'], ['hinton']]);
  assert.deepEqual(query.categories, ['cs.CL', 'q-bio.NC', 'math']);
  assert.equal(query.after, '2024-01-01');
  assert.equal(query.before, '2024-06-01');
  assert.deepEqual(query.terms, [{ kind: 'word', text: 'energy' }]);
});

test('a filter alone is a query', () => {
  assert.deepEqual(parsed('cat:cs.CL').categories, ['cs.CL']);
  assert.deepEqual(parsed('cat:cs.CL').terms, []);
});

test('unknown fields and empty fields are searched as words', () => {
  assert.deepEqual(
    parsed('ratio:3 author:').terms.map((t) => (t.kind === 'phrase' ? t.words.join(' ') : t.text)),
    ['ratio', '3', 'author'],
  );
});

test('the typed text is kept, whitespace collapsed, for exact id and title matches', () => {
  assert.equal(parsed('  Attention   Is All\nYou Need ').text, 'Attention Is All You Need');
});

test('bad input gets a clear reason', () => {
  assert.match(reason(''), /type some words/);
  assert.match(reason('   !!! '), /type some words/);
  assert.match(reason('after:2024-13-01'), /YYYY-MM-DD/);
  assert.match(reason('before:yesterday'), /YYYY-MM-DD/);
  assert.match(reason('after:2024-05-01 before:2024-05-01'), /nothing could match/);
  assert.match(reason('cat:cs..CL'), /not an arXiv category/);
  assert.match(reason('x'.repeat(MAX_QUERY_LENGTH + 1)), /too long/);
  assert.match(reason(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')), /too many words/);
});

test('any string gives a query or a reason, and words hold only letters and digits', () => {
  const typed = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .array(
        fc.constantFrom(
          '"',
          '*',
          ':',
          'author:',
          'cat:',
          'after:',
          'before:',
          '(',
          ')',
          'OR',
          'NEAR',
          '-',
          '^',
          "'",
          '\\',
          ' ',
          'x',
          'é',
          '漢',
          '2024-01-01',
          'cs.CL',
          '\u0000',
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join('')),
  );
  fc.assert(
    fc.property(typed, (input) => {
      const result = parseSearchQuery(input);
      if (!result.ok) {
        assert.equal(typeof result.reason, 'string');
        assert.ok(result.reason.length > 0);
        return;
      }
      for (const term of result.query.terms) {
        const words = term.kind === 'phrase' ? term.words : [term.text];
        for (const w of words) assert.match(w, /^[\p{L}\p{N}]+$/u);
      }
      for (const author of result.query.authors) for (const w of author) assert.match(w, /^[\p{L}\p{N}]+$/u);
    }),
    { numRuns: 2000 },
  );
});
