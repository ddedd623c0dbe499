import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseDigestPeriod } from '../../src/digest/digest-period.ts';
import { likeUpvoted } from '../../src/digest/like-upvoted.ts';
import type { ListingItem } from '../../src/listings/listing-store.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import { type DigestApp, startDigestApp } from '../subscriptions/helpers/digest-app.ts';
import { ingestPapers } from '../web/helpers/web-app.ts';
import { addSubscribers, subscriptionId } from './helpers/subscribers.ts';

const MAR_14 = parseDigestPeriod('2025-03-14');
if (!MAR_14) throw new Error('bad period');

/** The papers of a digest's text part, in order, with their "Why:" line. */
function entries(text: string): { title: string; why: string }[] {
  return [...text.matchAll(/^\d+\. (.+)\n {3}Why: (.+)$/gm)].map((m) => ({
    title: m[1] ?? '',
    why: m[2] ?? '',
  }));
}

describeEachDialect('digests ranked by trending score, and "like my upvotes"', (kind) => {
  let web: DigestApp;
  let items: ListingItem[];
  let upvotedPaper: ListingItem;
  let starredPaper: ListingItem;

  before(async () => {
    web = await startDigestApp(kind);
    // No demo paper is in cs.DL: three cs.DL papers join the demo listing of Mar 14, last.
    await ingestPapers(
      web.app,
      ['2503.70001', '2503.70002', '2503.70003'].map((id, i) => ({
        raw: {
          id,
          title: `Dialogue study ${i}`,
          abstract: 'Short.',
          authors: ['Ada'],
          categories: ['cs.DL'],
        },
        listing: { day: '2025-03-14', upvotes: 0, source: 'test' },
      })),
    );
    items = await web.app.listings.itemsBetween('2025-03-14', '2025-03-14', 100);
    upvotedPaper = items[0] as ListingItem;
    starredPaper = items.find((i) => i.paper.id === '2503.70003') as ListingItem;
    const member = await web.app.members.findOrCreate('liker@example.org', new Date());
    await addSubscribers(web.app, [
      { email: 'all@example.org' },
      { email: 'topic@example.org', categories: ['cs.DL'] },
    ]);
    await web.app.subscriptionStore.insert(
      {
        email: 'liker@example.org',
        frequency: 'daily',
        topics: { categories: [], keywords: [] },
        status: 'confirmed',
        consentSource: 'form',
        consentIpHash: null,
        consentAt: new Date().toISOString(),
        likes: { memberId: member.id, on: true },
      },
      new Date(),
    );
    await web.app.upvotes.set(member.id, upvotedPaper.paper.id, true, new Date());
  });
  after(() => web.dispose());

  test('before anyone upvoted or starred, the listing order ranks and reasons say so', async () => {
    // The demo set has no upvotes: only the member's one (set in `before`) — take it back for this check.
    const member = await web.app.members.byEmail('liker@example.org');
    assert.ok(member);
    await web.app.upvotes.set(member.id, upvotedPaper.paper.id, false, new Date());
    const found = await web.app.subscriptionStore.byEmail('all@example.org');
    assert.ok(found);
    const token = await web.app.subscriptions.linkToken(found);
    const html = await web.app.digests.webDigest(token, '2025-03-14');
    assert.match(html, /1\. #1 on the listing of Mar 14/);
    assert.doesNotMatch(html, /trending #/);
    await web.app.upvotes.set(member.id, upvotedPaper.paper.id, true, new Date());
  });

  test('a paper whose repository gained stars in the period outranks one upvote: "trending #1 of Mar 14"', async () => {
    await web.app.github.store.record(
      'o/r',
      [starredPaper.paper.id],
      10,
      null,
      new Date('2025-03-14T01:00:00Z'),
    );
    await web.app.github.store.record(
      'o/r',
      [starredPaper.paper.id],
      60,
      null,
      new Date('2025-03-14T20:00:00Z'),
    );
    // Stars after the period do not count toward it.
    await web.app.github.store.record(
      'o/r',
      [starredPaper.paper.id],
      9000,
      null,
      new Date('2025-03-20T00:00:00Z'),
    );
    const summary = await web.app.digests.run(MAR_14);
    assert.equal(summary.counts.sent, 3);
    const mails = await web.outbox();
    const textTo = (to: string) => {
      const mail = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.text === to);
      assert.ok(mail, `a digest to ${to}`);
      return mail.text ?? '';
    };

    const all = entries(textTo('all@example.org'));
    assert.equal(all.length, 10);
    assert.deepEqual(all.slice(0, 2), [
      { title: starredPaper.paper.title, why: 'trending #1 of Mar 14' },
      { title: upvotedPaper.paper.title, why: 'trending #2 of Mar 14' },
    ]);
    all.forEach((entry, index) => {
      assert.equal(entry.why, `trending #${index + 1} of Mar 14`);
    });

    // In listing order the starred paper is last of the three cs.DL papers; by trending score it is first.
    assert.deepEqual(entries(textTo('topic@example.org')), [
      { title: 'Dialogue study 2', why: 'trending #1 in cs.DL' },
      { title: 'Dialogue study 0', why: 'trending #2 in cs.DL' },
      { title: 'Dialogue study 1', why: 'trending #3 in cs.DL' },
    ]);
  });

  test('"like my upvotes": papers like the one the member upvoted, never that paper itself', async () => {
    const liked = entries(
      (await web.outbox()).find((m) => m.to && !Array.isArray(m.to) && m.to.text === 'liker@example.org')
        ?.text ?? '',
    );
    assert.ok(liked.length > 0);
    const isLike = likeUpvoted([
      {
        id: upvotedPaper.paper.id,
        title: upvotedPaper.paper.title,
        categories: upvotedPaper.paper.categories,
      },
    ]);
    const expected = items.filter((i) => isLike({ ...i.paper, day: i.day })).map((i) => i.paper.title);
    for (const entry of liked) {
      assert.equal(entry.why, 'like a paper you upvoted');
      assert.ok(expected.includes(entry.title), `${entry.title} is like the upvoted paper`);
      assert.notEqual(entry.title, upvotedPaper.paper.title);
    }
    assert.equal(liked.length, Math.min(10, expected.length));
    assert.ok(await subscriptionId(web.app, 'liker@example.org'));
  });
});
