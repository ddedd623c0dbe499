import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearchQuery } from '../../src/domain/search-query.ts';
import { excerptAround, highlight, matchStems } from '../../src/search/highlight.ts';

function stems(text: string): string[] {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return matchStems(parsed.query);
}

const marked = (text: string, q: string) =>
  highlight(text, stems(q))
    .map((s) => (s.match ? `[${s.text}]` : s.text))
    .join('');

test('matches are marked by stem, whatever their case and ending', () => {
  assert.equal(
    marked('Token Merging: merged tokens for Transformers', 'token merging transformer'),
    '[Token] [Merging]: [merged] [tokens] for [Transformers]',
  );
  assert.equal(marked('Vitamin ViT', 'vit'), 'Vitamin [ViT]');
  assert.equal(marked('nothing here', 'token'), 'nothing here');
  assert.equal(marked('Yann LeCun and others', 'author:"Yann LeCun"'), '[Yann] [LeCun] and others');
});

test('the text survives highlighting unchanged', () => {
  const text = 'A <b>bold</b> claim: tokens & merging — 100%';
  assert.equal(
    highlight(text, stems('tokens merging'))
      .map((s) => s.text)
      .join(''),
    text,
  );
});

test('an excerpt shows the first match, cut at words', () => {
  const text = `${'filler words here '.repeat(30)}the token merging result ${'more words '.repeat(30)}`;
  const cut = excerptAround(text, stems('merging'), 80);
  assert.match(cut, /^… .*merging.* …$/);
  assert.ok(cut.length <= 84);
  assert.equal(excerptAround('short', stems('x'), 80), 'short');
});
