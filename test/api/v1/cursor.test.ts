import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePapersCursor, decodeSearchCursor, encodeCursor } from '../../../src/api/v1/cursor.ts';
import { BadRequestError } from '../../../src/domain/errors.ts';

test('a papers cursor round-trips, base64url only, and is tied to its category', () => {
  const text = encodeCursor({
    kind: 'papers',
    category: 'cs.CL',
    sortKey: '2024-11-20T10:00:00.000Z',
    id: 'hep-th/9901001',
  });
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodePapersCursor(text, 'cs.CL'), {
    kind: 'papers',
    category: 'cs.CL',
    sortKey: '2024-11-20T10:00:00.000Z',
    id: 'hep-th/9901001',
  });
  assert.throws(() => decodePapersCursor(text, null), BadRequestError);
  const unfiltered = encodeCursor({ kind: 'papers', category: null, sortKey: '', id: '2003.10555' });
  assert.equal(decodePapersCursor(unfiltered, null).sortKey, '');
});

test('a search cursor round-trips and is tied to its query', () => {
  const text = encodeCursor({ kind: 'search', query: 'model', offset: 20 });
  assert.equal(decodeSearchCursor(text, 'model').offset, 20);
  assert.throws(() => decodeSearchCursor(text, 'models'), /another search/);
  assert.throws(() => decodePapersCursor(text, null), /not one this API gave out/);
});

test('garbage and tampered cursors are bad requests', () => {
  const forged = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');
  for (const text of [
    '',
    'x',
    '!!!',
    forged([1]),
    forged({ k: 'p', c: null, s: 1, i: 'a' }),
    forged({ k: 's', q: 'x', o: -1 }),
  ]) {
    assert.throws(() => decodePapersCursor(text, null), BadRequestError, text);
    assert.throws(() => decodeSearchCursor(text, 'x'), BadRequestError, text);
  }
});
