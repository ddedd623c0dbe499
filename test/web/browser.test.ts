import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, listenOnLoopback } from '../helpers/chromium.ts';
import { longPaper } from './helpers/test-papers.ts';
import { startWebApp, type WebApp } from './helpers/web-app.ts';

const WIDTHS = [375, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;
/** The body background of each theme, from style.css: proof the page follows the system's scheme. */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(13, 17, 23)' } as const;
const PAGES = [
  ['home', '/', 200],
  ['paper', '/papers/2502.05979', 200],
  ['long-paper', '/papers/2502.11111', 200],
  ['empty-day', '/papers/date/2025-03-13', 200],
  ['not-found', '/papers/2501.99999', 404],
  ['bad-period', '/papers/date/2025-13-40', 400],
] as const;

if (!chromiumAvailable('browser tests')) {
  test('browser tests', { skip: 'chromium not found' }, () => {});
} else {
  describe('pages in a real browser', () => {
    let web: WebApp;
    let browser: Browser;
    let base: string;
    const screenshots = process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pp-screens-'));

    before(async () => {
      web = await startWebApp('sqlite', [longPaper]);
      base = await listenOnLoopback(web.server);
      browser = await launchChromium();
      fs.mkdirSync(screenshots, { recursive: true });
      console.log(`NOTICE: browser screenshots are in ${screenshots}`);
    });
    after(async () => {
      await browser?.close();
      await web?.dispose();
    });

    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        test(`${width}px, ${scheme}: no axe violations, no sideways scrolling, the ${scheme} theme`, async () => {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
          try {
            const page = await context.newPage();
            for (const [name, url, status] of PAGES) {
              const response = await page.goto(base + url);
              assert.equal(response?.status(), status, url);
              const axe = await new AxeBuilder({ page }).analyze();
              const violations = axe.violations.map(
                (v) =>
                  `${v.id} (${v.impact}) on ${v.nodes.length} elements, e.g. ${v.nodes
                    .slice(0, 3)
                    .map((n) => n.target.join(' '))
                    .join(', ')}`,
              );
              assert.deepEqual(violations, [], `${url} at ${width}px ${scheme}`);
              assert.equal(await overflowX(page), 0, `${url} scrolls sideways at ${width}px`);
              assert.equal(await background(page), BACKGROUND[scheme], `${url} follows the ${scheme} scheme`);
              await page.screenshot({
                path: path.join(screenshots, `${name}-${width}-${scheme}.png`),
                fullPage: name !== 'home',
              });
            }
          } finally {
            await context.close();
          }
        });
      }
    }

    test('an abstract unfolds by clicking its summary with JavaScript off', async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 375, height: 900 },
      });
      try {
        const page = await context.newPage();
        await page.goto(base);
        const details = page.locator('li.card details.abstract').first();
        const full = details.locator('> p');
        assert.equal(await details.getAttribute('open'), null);
        assert.equal(await full.isVisible(), false, 'the full abstract starts folded');
        await details.locator('summary').click();
        assert.equal(await details.getAttribute('open'), '');
        assert.equal(await full.isVisible(), true, 'the full abstract shows after a click');
        assert.match(
          (await full.textContent()) ?? '',
          /making advanced VFX accessible to a broader audience\.$/,
        );
        assert.equal(await details.locator('.preview').isVisible(), false, 'the preview gives way');
        await details.locator('summary').click();
        assert.equal(await full.isVisible(), false, 'a second click folds it again');

        const second = page.locator('li.card details.abstract').nth(1);
        await second.locator('summary').focus();
        await page.keyboard.press('Enter');
        assert.equal(await second.locator('> p').isVisible(), true, 'Enter unfolds too');
        await page.screenshot({ path: path.join(screenshots, 'home-unfolded-375-nojs.png') });
      } finally {
        await context.close();
      }
    });

    test('keyboard focus is visible: the skip link appears, links get an outline', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(base);
        await page.keyboard.press('Tab');
        const skip = page.locator('a.skip');
        assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
        const box = await skip.boundingBox();
        assert.ok(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen');
        await page.keyboard.press('Tab');
        const outline = await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement as Element);
          return `${style.outlineStyle} ${style.outlineWidth}`;
        });
        assert.equal(outline, 'solid 3px');
      } finally {
        await context.close();
      }
    });
  });
}

/** How many pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

function background(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}
