import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { extraPapers } from './helpers/test-papers.ts';
import { startWebApp, type WebApp } from './helpers/web-app.ts';

/**
 * html-validate's recommended rules (which include its accessibility rules), with two adjustments and
 * one filtered finding:
 * - `void-style: selfclose`: preact-render-to-string writes void elements as `<meta/>`; both spellings are
 *   valid HTML, so the rule checks that we use one consistently instead of the other.
 * - `long-title` off: a paper page's `<title>` is the paper's full title, often over 70 characters;
 *   cutting it would make tabs, bookmarks and history ambiguous between papers of one series.
 * - `no-raw-characters` stays on, but its `Raw ">"` finding is dropped (see `isRawGreaterThan`): preact
 *   escapes `<`, `&` and `"` in text and leaves `>`, which HTML allows in text. A raw `<` or an
 *   ambiguous `&` is still an error.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'void-style': ['error', { style: 'selfclose' }],
    'long-title': 'off',
  },
});

function isRawGreaterThan(message: { ruleId: string; message: string }): boolean {
  return message.ruleId === 'no-raw-characters' && message.message.startsWith('Raw ">"');
}

/** The markup does not depend on the store's dialect, so SQLite alone is enough here. */
describe('rendered pages are valid HTML', () => {
  let web: WebApp;
  before(async () => {
    web = await startWebApp('sqlite', extraPapers);
  });
  after(() => web.dispose());

  const pages = [
    ['home', '/', 200],
    ['week', '/papers/week/2025-W11', 200],
    ['month', '/papers/month/2025-03', 200],
    ['empty day', '/papers/date/2025-03-05', 200],
    ['paper', '/papers/2502.05979', 200],
    ['paper with many authors and details', '/papers/2502.11111', 200],
    ['paper with hostile markup', '/papers/2503.01212', 200],
    ['unknown paper (404)', '/papers/2501.99999', 404],
    ['no such page (404)', '/nothing-here', 404],
    ['malformed period (400)', '/papers/date/2025-13-40', 400],
    ['not a paper id (400)', '/papers/not-an-id', 400],
    ['subscribe notice', '/subscribe', 200],
  ] as const;
  for (const [name, url, status] of pages) {
    test(`${name}: ${url}`, async () => {
      const res = await web.server.inject({ method: 'GET', url });
      assert.equal(res.statusCode, status);
      const report = await validator.validateString(res.body);
      const problems = report.results.flatMap((r) =>
        r.messages
          .filter((m) => !isRawGreaterThan(m))
          .map((m) => `${m.ruleId} at ${m.selector ?? `${m.line}:${m.column}`}: ${m.message}`),
      );
      assert.deepEqual(problems, []);
    });
  }
});
