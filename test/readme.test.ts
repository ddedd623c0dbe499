import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { settings } from '../src/config/config.ts';
import { repoRoot } from './helpers/shared-data.ts';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

test('the README documents every setting the config reads', () => {
  for (const [names] of settings) {
    for (const name of names.split(', '))
      assert.ok(readme.includes(`\`${name}\``), `${name} is missing from README.md`);
  }
});

test('the README keeps the two quick-start commands', () => {
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /^npm test/m);
});
