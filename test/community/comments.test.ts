import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addMember } from '../../src/accounts/add-member.ts';
import { communityDb } from '../../src/community/community-schema.ts';
import { describeEachDialect } from '../helpers/databases.ts';
import {
  type Browser,
  type CommunityApp,
  csrfIn,
  PUBLIC_URL,
  startCommunityApp,
} from './helpers/community-app.ts';

const PAPER = '2503.11111';
const OTHER = '2503.22222';
const papers = [
  {
    raw: { id: PAPER, title: 'Talking about papers', abstract: 'Short.', authors: ['Ada Lovelace'] },
    listing: { day: '2025-03-14', source: 'test' },
  },
  {
    raw: { id: OTHER, title: 'A quiet paper', abstract: 'Short.', authors: ['Alan Turing'] },
    listing: { day: '2025-03-14', source: 'test' },
  },
];

/** Posts a comment (or reply) from the paper page's form; returns the new comment's id. */
async function comment(browser: Browser, body: string, parent?: string): Promise<string> {
  const res = await browser.submit(`/papers/${PAPER}`, '/comments', {
    paper: PAPER,
    body,
    ...(parent ? { parent } : {}),
  });
  assert.equal(res.statusCode, 303, res.body);
  const id = /#comment-([\w-]+)$/.exec(String(res.headers.location))?.[1];
  assert.ok(id, `a redirect to the comment, got ${res.headers.location}`);
  return id;
}

describeEachDialect('comments', (kind) => {
  let web: CommunityApp;
  let ada: Browser;
  let grace: Browser;
  before(async () => {
    web = await startCommunityApp(kind, papers, {
      COMMENT_MAX_CHARS: '200',
      COMMENTS_PER_HOUR: '50',
      COMMENTS_PER_HOUR_FIRST_DAY: '50',
    });
    ada = web.browser();
    grace = web.browser();
    await ada.signIn('ada@example.org');
    await grace.signIn('grace@example.org');
  });
  after(() => web.dispose());

  const stored = (id: string) =>
    communityDb(web.app.database.db)
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();

  test('script injection through a comment comes out inert; links get rel="ugc nofollow noopener"', async () => {
    const hostile = [
      '<script>alert("pp-xss-1")</script>',
      '<img src=x onerror=alert("pp-xss-2")>',
      '[click me](javascript:alert("pp-xss-3"))',
      '<a href="javascript:alert(4)" onclick="alert(5)">raw link</a>',
      '<iframe src="https://evil.example"></iframe> and https://example.org/paper',
    ];
    for (const body of hostile) await comment(ada, body);
    const html = (await grace.get(`/papers/${PAPER}`)).body;
    const discussion = html.slice(html.indexOf('id="discussion-heading"'));
    assert.doesNotMatch(discussion, /<script/i, 'no script element');
    assert.doesNotMatch(discussion, /<img/i, 'no img element');
    assert.doesNotMatch(discussion, /<iframe/i, 'no iframe element');
    assert.doesNotMatch(discussion, /<a [^>]*href="javascript:/i, 'no javascript: link');
    assert.doesNotMatch(discussion, /<[^>]+\son(error|click)=/i, 'no event-handler attribute on any element');
    assert.match(
      discussion,
      /&lt;script&gt;alert\(&quot;pp-xss-1&quot;\)&lt;\/script&gt;|&lt;script&gt;alert\("pp-xss-1"\)&lt;\/script&gt;/,
    );
    assert.match(
      discussion,
      /<a href="https:\/\/example.org\/paper" rel="ugc nofollow noopener">https:\/\/example.org\/paper<\/a>/,
    );
  });

  test('one level of replies: a reply to a reply joins the thread', async () => {
    const top = await comment(ada, 'A top-level remark about *depth*.');
    const reply = await comment(grace, 'A reply.', top);
    const replyToReply = await comment(ada, 'A reply to the reply.', reply);
    assert.equal((await stored(reply))?.parent_id, top);
    assert.equal((await stored(replyToReply))?.parent_id, top, 'attached to the top-level comment');
    const html = (await grace.get(`/papers/${PAPER}`)).body;
    assert.match(
      html,
      new RegExp(`id="comment-${top}"[\\s\\S]*<ol class="replies">[\\s\\S]*id="comment-${reply}"`),
    );
    assert.match(html, /<em>depth<\/em>/);
  });

  test("acting on another member's comment is 403 and changes nothing", async () => {
    const id = await comment(ada, 'Mine, not yours.');
    const token = csrfIn((await grace.get(`/papers/${PAPER}`)).body);
    const edit = await grace.post(`/comments/${id}/edit`, { _csrf: token, body: 'Defaced.' });
    assert.equal(edit.statusCode, 403);
    const del = await grace.post(`/comments/${id}/delete`, { _csrf: token });
    assert.equal(del.statusCode, 403);
    const hide = await grace.post(`/comments/${id}/hide`, { _csrf: token, hidden: 'yes' });
    assert.equal(hide.statusCode, 403, 'only editors hide');
    assert.equal((await grace.get(`/comments/${id}/edit`)).statusCode, 403);
    const row = await stored(id);
    assert.equal(row?.body, 'Mine, not yours.');
    assert.equal(row?.edited_at, null);
    assert.equal(row?.deleted_at, null);
    assert.equal(row?.hidden_by, null);
  });

  test('a member edits and deletes their own; a deleted comment with replies stays as [deleted]', async () => {
    const lonely = await comment(ada, 'Nobody answers this.');
    const answered = await comment(ada, 'Somebody answers this.');
    await comment(grace, 'I answer.', answered);
    const editPage = await ada.get(`/comments/${answered}/edit`);
    assert.match(editPage.body, /Somebody answers this\./);
    const edited = await ada.submit(`/comments/${answered}/edit`, `/comments/${answered}/edit`, {
      body: 'Somebody answers this (edited).',
    });
    assert.equal(edited.statusCode, 303);
    for (const id of [lonely, answered]) {
      const res = await ada.submit(`/papers/${PAPER}`, `/comments/${id}/delete`);
      assert.equal(res.statusCode, 303);
    }
    const html = (await grace.get(`/papers/${PAPER}`)).body;
    assert.doesNotMatch(html, new RegExp(`id="comment-${lonely}"`), 'gone without replies');
    assert.match(
      html,
      new RegExp(`id="comment-${answered}"[^]*?\\[deleted\\]`),
      '[deleted] above its replies',
    );
    assert.doesNotMatch(html, /Somebody answers this/, 'its text is gone');
    assert.match(html, /I answer\./, 'the reply stays');
  });

  test('the CSRF token is required: without it 403 and nothing is stored', async () => {
    const before = await communityDb(web.app.database.db)
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await ada.post('/comments', { paper: PAPER, body: 'no token' }, { origin: PUBLIC_URL });
    assert.equal(res.statusCode, 403);
    const wrong = await ada.post('/comments', { paper: PAPER, body: 'wrong token', _csrf: 'x'.repeat(43) });
    assert.equal(wrong.statusCode, 403);
    const afterCount = await communityDb(web.app.database.db)
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  test('editors hide a comment: absent for readers, marked hidden for editors', async () => {
    await addMember(web.app.members, 'editor@example.org', 'editor', new Date());
    const editor = web.browser();
    await editor.signIn('editor@example.org');
    const id = await comment(grace, 'Buy cheap watches.');
    const res = await editor.submit(`/papers/${PAPER}`, `/comments/${id}/hide`, { hidden: 'yes' });
    assert.equal(res.statusCode, 303);
    assert.doesNotMatch((await ada.get(`/papers/${PAPER}`)).body, /cheap watches/);
    assert.doesNotMatch((await web.browser().get(`/papers/${PAPER}`)).body, /cheap watches/);
    const seen = (await editor.get(`/papers/${PAPER}`)).body;
    assert.match(seen, new RegExp(`id="comment-${id}" class="comment comment-hidden"[^]*?cheap watches`));
    assert.match(seen, /hidden by an editor/);
  });

  test('numComments in the Hugging Face API counts the comments every reader sees', async () => {
    const counted = await web.app.comments.counts([PAPER, OTHER]);
    const res = await web.server.inject({ url: '/api/daily_papers?date=2025-03-14' });
    const items = res.json() as { paper: { id: string }; numComments: number }[];
    const byId = new Map(items.map((i) => [i.paper.id, i.numComments]));
    assert.ok((byId.get(PAPER) ?? 0) > 0);
    assert.equal(byId.get(PAPER), counted.get(PAPER));
    assert.equal(byId.get(OTHER), 0);
    const rows = await communityDb(web.app.database.db)
      .selectFrom('comments')
      .select(['deleted_at', 'hidden_by'])
      .where('paper_id', '=', PAPER)
      .execute();
    assert.equal(byId.get(PAPER), rows.filter((r) => r.deleted_at === null && r.hidden_by === null).length);
    assert.ok(rows.length > (byId.get(PAPER) ?? 0), 'deleted and hidden comments are not counted');
  });

  test('a comment longer than COMMENT_MAX_CHARS, or empty, is a 400 that stores nothing', async () => {
    const long = await ada.submit(`/papers/${PAPER}`, '/comments', { paper: PAPER, body: 'x'.repeat(201) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /at most 200 characters/);
    const empty = await ada.submit(`/papers/${PAPER}`, '/comments', { paper: PAPER, body: '   ' });
    assert.equal(empty.statusCode, 400);
  });
});

describeEachDialect('comment rate limits', (kind) => {
  let web: CommunityApp;
  before(async () => {
    web = await startCommunityApp(kind, papers, { COMMENTS_PER_HOUR: '4', COMMENTS_PER_HOUR_FIRST_DAY: '2' });
  });
  after(() => web.dispose());

  test("a new account's first day has the stricter limit: 429 with Retry-After", async () => {
    const newcomer = web.browser();
    await newcomer.signIn('new@example.org');
    await comment(newcomer, 'one');
    await comment(newcomer, 'two');
    const third = await newcomer.submit(`/papers/${PAPER}`, '/comments', { paper: PAPER, body: 'three' });
    assert.equal(third.statusCode, 429);
    const retry = Number(third.headers['retry-after']);
    assert.ok(retry > 3500 && retry <= 3600, `Retry-After about an hour, got ${retry}`);
    assert.match(third.body, /first day/);
  });

  test('an account older than a day gets the ordinary limit', async () => {
    const veteran = web.browser();
    await veteran.signIn('old@example.org');
    await communityDb(web.app.database.db)
      .updateTable('members')
      .set({ created_at: new Date(Date.now() - 2 * 86_400_000).toISOString() })
      .where('email', '=', 'old@example.org')
      .execute();
    for (const body of ['one', 'two', 'three', 'four']) await comment(veteran, body);
    const fifth = await veteran.submit(`/papers/${PAPER}`, '/comments', { paper: PAPER, body: 'five' });
    assert.equal(fifth.statusCode, 429);
    assert.doesNotMatch(fifth.body, /first day/);
  });
});
