import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ContentCoding, negotiateEncoding } from '../../src/web/accept-encoding.ts';

const PAGE: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

test('the best coding an Accept-Encoding allows, ties going to the server’s order', () => {
  const cases: [string | undefined, ContentCoding | null][] = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['*', 'br'],
    // q-values rank; identity not named ranks with the lowest q given
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['br;q=0.8', 'br'],
    ['gzip;q=0.5, identity', 'identity'],
    ['br;q=0.001, identity;q=0.5', 'identity'],
    [' br ; q=0.9 , gzip ; q=0.95 ', 'gzip'],
    // q=0 refuses
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['gzip;q=0, *', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['*;q=0, identity', 'identity'],
    ['identity;q=0, gzip', 'gzip'],
    ['identity;q=0', null],
    ['*;q=0', null],
    ['br;q=0, gzip;q=0, identity;q=0', null],
    // a malformed q-value drops its entry
    ['br;q=2, gzip', 'gzip'],
    ['br;q=abc', 'identity'],
    ['br;q=0.5000', 'identity'],
    // the first entry for a coding counts
    ['br;q=0, br', 'identity'],
  ];
  for (const [header, expected] of cases) {
    assert.equal(negotiateEncoding(header, PAGE), expected, JSON.stringify(header));
  }
});

test('only what is offered is chosen', () => {
  assert.equal(negotiateEncoding('br, gzip', ['gzip', 'identity']), 'gzip');
  assert.equal(negotiateEncoding('br', ['gzip', 'identity']), 'identity');
  assert.equal(negotiateEncoding(undefined, ['br']), null);
});
