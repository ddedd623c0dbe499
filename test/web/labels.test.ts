import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Period } from '../../src/domain/period.ts';
import { excerpt, formatDayRange, httpUrl } from '../../src/web/format.ts';
import { nearestWithPapers } from '../../src/web/nearest-period.ts';
import { periodHeading, periodLinkLabel, periodName, periodSubheading } from '../../src/web/period-labels.ts';

const day = (d: string): Period => ({ kind: 'day', day: d });
const week = (year: number, w: number): Period => ({ kind: 'week', year, week: w });

test('a range of days reads as briefly as it stays unambiguous', () => {
  assert.equal(formatDayRange('2025-03-10', '2025-03-16'), 'Mar 10 – 16, 2025');
  assert.equal(formatDayRange('2025-03-31', '2025-04-06'), 'Mar 31 – Apr 6, 2025');
  assert.equal(formatDayRange('2025-12-29', '2026-01-04'), 'Dec 29, 2025 – Jan 4, 2026');
});

test('periods are named for headings, sentences and links', () => {
  const cases: [Period, string, string | null, string, string][] = [
    [day('2025-03-14'), 'Mar 14', '2025', 'Mar 14, 2025', 'Mar 14, 2025'],
    [
      week(2025, 11),
      'Week 11',
      'Mar 10 – 16, 2025',
      'week 11 of 2025 (Mar 10 – 16, 2025)',
      'Week 11 · Mar 10 – 16, 2025',
    ],
    [
      week(2026, 1),
      'Week 1',
      'Dec 29, 2025 – Jan 4, 2026',
      'week 1 of 2026 (Dec 29, 2025 – Jan 4, 2026)',
      'Week 1 · Dec 29, 2025 – Jan 4, 2026',
    ],
    [{ kind: 'month', year: 2025, month: 2 }, 'February 2025', null, 'February 2025', 'February 2025'],
  ];
  for (const [period, heading, subheading, name, link] of cases) {
    assert.equal(periodHeading(period), heading);
    assert.equal(periodSubheading(period), subheading);
    assert.equal(periodName(period), name);
    assert.equal(periodLinkLabel(period), link);
  }
});

test('the nearest period with papers is the closer of the earlier and later ones', () => {
  const page = { from: '2025-03-05', to: '2025-03-05' };
  assert.deepEqual(
    nearestWithPapers({ ...page, previous: day('2025-03-03'), next: day('2025-03-12') }),
    day('2025-03-03'),
  );
  assert.deepEqual(
    nearestWithPapers({ ...page, previous: day('2025-02-01'), next: day('2025-03-06') }),
    day('2025-03-06'),
  );
  assert.deepEqual(
    nearestWithPapers({ ...page, previous: day('2025-03-04'), next: day('2025-03-06') }),
    day('2025-03-04'),
    'earlier on a tie',
  );
  assert.deepEqual(
    nearestWithPapers({ ...page, previous: null, next: day('2025-03-06') }),
    day('2025-03-06'),
  );
  assert.equal(nearestWithPapers({ ...page, previous: null, next: null }), null);
});

test('an excerpt ends at a word with an ellipsis, and only when something was cut', () => {
  assert.equal(excerpt('short text', 20), 'short text');
  assert.equal(excerpt('one two three four', 12), 'one two…');
  assert.equal(excerpt('one two, three', 9), 'one two…');
});

test('only http(s) links are linked', () => {
  assert.equal(httpUrl('https://github.com/a/b'), 'https://github.com/a/b');
  assert.equal(httpUrl('javascript:alert(1)'), null);
  assert.equal(httpUrl('data:text/html,<script>'), null);
  assert.equal(httpUrl('not a url'), null);
});
