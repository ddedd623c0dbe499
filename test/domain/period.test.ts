import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  dayInZone,
  formatPeriod,
  isValidDay,
  parseMonth,
  parseWeek,
  periodContaining,
  periodRange,
  shiftPeriod,
} from '../../src/domain/period.ts';

test('days, weeks and months parse strictly', () => {
  assert.equal(isValidDay('2025-03-14'), true);
  assert.equal(isValidDay('2025-13-40'), false);
  assert.equal(isValidDay('2025-02-29'), false);
  assert.equal(isValidDay('2024-02-29'), true);
  assert.equal(parseWeek('2025-W11') !== null, true);
  assert.equal(parseWeek('2025-W53'), null, '2025 has 52 ISO weeks');
  assert.equal(parseWeek('2020-W53') !== null, true, '2020 has 53 ISO weeks');
  assert.equal(parseMonth('2025-00'), null);
});

test('ISO weeks run Monday to Sunday, across year ends', () => {
  assert.deepEqual(periodRange({ kind: 'week', year: 2025, week: 11 }), {
    from: '2025-03-10',
    to: '2025-03-16',
  });
  assert.deepEqual(periodRange({ kind: 'week', year: 2021, week: 1 }), {
    from: '2021-01-04',
    to: '2021-01-10',
  });
  assert.equal(formatPeriod(periodContaining('week', '2021-01-03')), '2020-W53');
  assert.deepEqual(periodRange({ kind: 'month', year: 2024, month: 2 }), {
    from: '2024-02-01',
    to: '2024-02-29',
  });
});

test('a day follows the configured time zone', () => {
  const instant = new Date('2025-03-14T02:00:00Z');
  assert.equal(dayInZone(instant, 'UTC'), '2025-03-14');
  assert.equal(dayInZone(instant, 'America/New_York'), '2025-03-13');
});

test('property: every day lies in the week and month that contain it, and shifting is reversible', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('1995-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
      (date) => {
        const day = date.toISOString().slice(0, 10);
        for (const kind of ['day', 'week', 'month'] as const) {
          const period = periodContaining(kind, day);
          const { from, to } = periodRange(period);
          assert.ok(from <= day && day <= to, `${day} in ${formatPeriod(period)}`);
          assert.deepEqual(shiftPeriod(shiftPeriod(period, 1), -1), period);
        }
      },
    ),
  );
});
