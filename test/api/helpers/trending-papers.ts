import type { TestPaper } from '../../web/helpers/web-app.ts';

const HOUR = 3_600_000;

/**
 * Papers listed relative to `now`: two in the last day (the more upvoted one trends higher), one three
 * days ago (in the week, not the day), one forty days ago (in no window). Listed by `mokonkwo`.
 */
export function trendingPapers(now: Date): TestPaper[] {
  const listed = (id: string, title: string, hoursAgo: number, upvotes: number): TestPaper => {
    const at = new Date(now.getTime() - hoursAgo * HOUR);
    return {
      raw: { id, title, abstract: 'Short.', authors: ['Ada Lovelace'], publishedAt: at.toISOString() },
      listing: {
        day: at.toISOString().slice(0, 10),
        submittedAt: at.toISOString(),
        submittedBy: { username: 'mokonkwo', fullname: 'Mira Okonkwo' },
        upvotes,
        source: 'test',
      },
    };
  };
  return [
    listed('2511.00001', 'Hot today', 2, 40),
    listed('2511.00002', 'Warm today', 3, 5),
    listed('2511.00003', 'Earlier this week', 72, 30),
    listed('2511.00004', 'Long ago', 40 * 24, 100),
  ];
}
