import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAnnouncementDay, parseDigestPeriod, previousWeekAt } from '../../src/digest/digest-period.ts';
import { duePeriods } from '../../src/digest/schedule.ts';
import { oneLineSummary } from '../../src/digest/summary.ts';
import { parseCsv } from '../../src/subscriptions/csv.ts';
import { parseMixedTopics, parseTopics } from '../../src/subscriptions/topics.ts';

describe('digest parts', () => {
  test('a one-line summary is the first sentence, not cut at "e.g." or decimals', () => {
    assert.equal(
      oneLineSummary('We study X, e.g. the case of 3.5 bits. Then more.'),
      'We study X, e.g. the case of 3.5 bits.',
    );
    assert.equal(oneLineSummary('  No full stop\nat all  '), 'No full stop at all');
    const long = `${'word '.repeat(100)}end.`;
    assert.ok(oneLineSummary(long).length <= 240);
    assert.ok(oneLineSummary(long).endsWith('…'));
  });

  test('periods: a day is the daily list, an ISO week the weekly one', () => {
    assert.deepEqual(parseDigestPeriod('2025-03-14'), {
      list: 'daily',
      key: '2025-03-14',
      from: '2025-03-14',
      to: '2025-03-14',
      label: 'Mar 14',
    });
    assert.deepEqual(parseDigestPeriod('2025-W11'), {
      list: 'weekly',
      key: '2025-W11',
      from: '2025-03-10',
      to: '2025-03-16',
      label: 'week 11',
    });
    assert.equal(parseDigestPeriod('2025-02-30'), null);
    assert.equal(parseDigestPeriod('2025-03'), null);
    assert.equal(previousWeekAt(new Date('2025-03-17T08:00:00Z'), 'UTC').key, '2025-W11');
  });

  test('arXiv announcement days are Monday to Friday', () => {
    assert.deepEqual(['2025-03-09', '2025-03-10', '2025-03-14', '2025-03-15'].map(isAnnouncementDay), [
      false,
      true,
      true,
      false,
    ]);
  });

  test('topics: categories are recognised, keywords lower-cased, junk refused', () => {
    assert.deepEqual(parseMixedTopics('cs.CL; Diffusion, hep-th'), {
      ok: true,
      topics: { categories: ['cs.CL', 'hep-th'], keywords: ['diffusion'] },
    });
    assert.equal(parseTopics('cs.CL, nonsense', '').ok, false);
  });

  test('CSV: quoted fields keep commas, quotes and newlines; line numbers are reported', () => {
    assert.deepEqual(parseCsv('a,b\r\n"x, ""y""","multi\nline"\nlast,\n'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'multi\nline'] },
      { line: 4, fields: ['last', ''] },
    ]);
  });

  test('schedule: daily runs from the hour on announcement days, the weekly one on Mondays', () => {
    const due = (iso: string, zone = 'UTC') =>
      duePeriods(new Date(iso), zone, 7).map((p) => `${p.list}:${p.key}`);
    assert.deepEqual(due('2025-03-14T06:59:00Z'), []);
    assert.deepEqual(due('2025-03-14T07:00:00Z'), ['daily:2025-03-14']);
    assert.deepEqual(due('2025-03-15T12:00:00Z'), []);
    assert.deepEqual(due('2025-03-17T08:00:00Z'), ['daily:2025-03-17', 'weekly:2025-W11']);
    // 02:00 UTC on Saturday is 22:00 on Friday in New York: Friday's daily digest is due there.
    assert.deepEqual(due('2025-03-15T02:00:00Z', 'America/New_York'), ['daily:2025-03-14']);
  });
});
