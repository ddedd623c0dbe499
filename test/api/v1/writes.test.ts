import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { simpleParser } from 'mailparser';
import {
  CommentCreated,
  Comments,
  SubmissionCreated,
  UpvoteState,
} from '../../../src/api/v1/community-schemas.ts';
import { type CommunityApp, startCommunityApp } from '../../community/helpers/community-app.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { memberToken, tokenClient } from '../helpers/token-client.ts';
import { assertMatches } from './helpers/v1-client.ts';

const LISTED = '2503.06666';
const fresh = (id: string) => ({
  raw: {
    id,
    title: `Fresh paper ${id}`,
    abstract: 'Short.',
    authors: ['Ada Lovelace'],
    versions: [{ version: 1, submittedAt: '2025-03-10T10:00:00Z' }],
  },
});
const papers = [
  {
    raw: { id: LISTED, title: 'Already featured', abstract: 'Short.', authors: ['Emmy Noether'] },
    listing: { day: '2025-03-14', source: 'test', upvotes: 3 },
  },
  fresh('2503.07001'),
  fresh('2503.07002'),
  fresh('2503.07003'),
  fresh('2503.07004'),
];

function assertError(res: LightMyRequestResponse, status: number, code: string): string {
  assert.equal(res.statusCode, status, res.body.slice(0, 300));
  const body = res.json<{ error: { code: string; message: string } }>();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code, body.error.message);
  return body.error.message;
}

describeEachDialect('REST API v1: writes with an API token', (kind) => {
  let web: CommunityApp;
  let api: ReturnType<typeof tokenClient>;
  before(async () => {
    web = await startCommunityApp(kind, papers, {
      SUBMISSION_MAX_AGE_DAYS: '100000',
      SUBMISSIONS_PER_DAY: '2',
      API_TOKEN_RATE_PER_MINUTE: '1000',
    });
    api = tokenClient(() => web, await memberToken(web, 'ada@example.org'));
  });
  after(() => web.dispose());

  test('without a token, or with a wrong one, a write is 401 unauthorized and changes nothing', async () => {
    const anonymous = tokenClient(() => web, null);
    const missing = await anonymous('POST', `/api/v1/papers/${LISTED}/upvote`);
    assert.match(assertError(missing, 401, 'unauthorized'), /Authorization: Bearer/);
    assert.match(String(missing.headers['www-authenticate']), /^Bearer realm="Paperpulse"$/);
    const wrong = await tokenClient(() => web, `pp_${'a'.repeat(43)}`)(
      'POST',
      `/api/v1/papers/${LISTED}/upvote`,
    );
    assertError(wrong, 401, 'unauthorized');
    assert.match(String(wrong.headers['www-authenticate']), /error="invalid_token"/);
    const posted = await anonymous('POST', `/api/v1/papers/${LISTED}/comments`, { body: 'hi' });
    assertError(posted, 401, 'unauthorized');
    assert.equal((await web.app.papers.getPaper(LISTED))?.upvotes, 3);
    assert.equal((await web.app.comments.counts([LISTED])).get(LISTED), undefined);
  });

  test('a bearer write needs no CSRF token, even with a foreign Origin, and gets no CORS header', async () => {
    const res = await web.server.inject({
      method: 'POST',
      url: `/api/v1/papers/${LISTED}/upvote`,
      headers: {
        authorization: `Bearer ${await memberToken(web, 'cors@example.org')}`,
        origin: 'https://evil.example',
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    await web.server.inject({
      method: 'DELETE',
      url: `/api/v1/papers/${LISTED}/upvote`,
      headers: { authorization: `Bearer ${await memberToken(web, 'cors@example.org')}` },
    });
  });

  test('upvote and take back: once per member, asking twice changes nothing; unknown 404, malformed 400', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await api('POST', `/api/v1/papers/arXiv:${LISTED}v1/upvote`);
      assert.equal(res.statusCode, 200, res.body);
      assertMatches(UpvoteState, res.json(), 'upvote');
      assert.deepEqual(res.json(), { paperId: LISTED, upvoted: true, upvotes: 4 });
    }
    const back = await api('DELETE', `/api/v1/papers/${LISTED}/upvote`);
    assert.deepEqual(back.json(), { paperId: LISTED, upvoted: false, upvotes: 3 });
    assertError(await api('POST', '/api/v1/papers/2501.99999/upvote'), 404, 'not_found');
    assertError(await api('POST', '/api/v1/papers/not-an-id/upvote'), 400, 'bad_request');
  });

  test('comment and reply; the discussion reads back with the reply under its comment', async () => {
    const posted = await api('POST', `/api/v1/papers/${LISTED}/comments`, { body: 'Nice **ablations**.' });
    assert.equal(posted.statusCode, 201, posted.body);
    const comment = posted.json<CommentCreated>();
    assertMatches(CommentCreated, comment, 'comment');
    assert.equal(comment.parentId, null);
    const reply = await api('POST', `/api/v1/papers/${LISTED}/comments`, {
      body: 'Agreed.',
      parentId: comment.id,
    });
    assert.equal(reply.statusCode, 201, reply.body);
    assert.equal(reply.json<CommentCreated>().parentId, comment.id);
    const replyToReply = await api('POST', `/api/v1/papers/${LISTED}/comments`, {
      body: 'Same thread.',
      parentId: reply.json<CommentCreated>().id,
    });
    assert.equal(
      replyToReply.json<CommentCreated>().parentId,
      comment.id,
      'a reply to a reply joins the thread',
    );

    const read = await web.server.inject({ method: 'GET', url: `/api/v1/papers/${LISTED}/comments` });
    assert.equal(read.statusCode, 200, read.body);
    const thread = read.json<Comments>();
    assertMatches(Comments, thread, 'comments');
    assert.equal(thread.comments.length, 1);
    assert.equal(thread.comments[0]?.body, 'Nice **ablations**.');
    assert.equal(thread.comments[0]?.author?.username, 'ada');
    assert.deepEqual(
      thread.comments[0]?.replies.map((r) => r.body),
      ['Agreed.', 'Same thread.'],
    );

    assertError(await api('POST', `/api/v1/papers/${LISTED}/comments`, { body: '   ' }), 400, 'bad_request');
    assertError(await api('POST', `/api/v1/papers/${LISTED}/comments`, {}), 400, 'bad_request');
    assertError(await api('POST', '/api/v1/papers/2501.99999/comments', { body: 'x' }), 404, 'not_found');
    assertError(
      await web.server.inject({ method: 'GET', url: '/api/v1/papers/2501.99999/comments' }),
      404,
      'not_found',
    );
  });

  test('submissions follow the rules: 201 on the listing, 409 when listed, 429 with Retry-After past the limit', async () => {
    const res = await api('POST', '/api/v1/submissions', { paperId: 'https://arxiv.org/abs/2503.07001v1' });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<SubmissionCreated>();
    assertMatches(SubmissionCreated, created, 'submission');
    assert.equal(created.paperId, '2503.07001');
    assert.equal(created.path, '/api/v1/papers/2503.07001');
    const listing = await web.app.listings.listingOf('2503.07001');
    assert.equal(listing?.submittedBy, 'ada');
    assert.equal(listing?.source, 'member');

    assert.match(
      assertError(await api('POST', '/api/v1/submissions', { paperId: LISTED }), 409, 'conflict'),
      /already on the listing/,
    );
    assertError(
      await api('POST', '/api/v1/submissions', { paperId: 'evil.example/x.pdf' }),
      400,
      'bad_request',
    );
    assert.equal((await api('POST', '/api/v1/submissions', { paperId: '2503.07002' })).statusCode, 201);
    const third = await api('POST', '/api/v1/submissions', { paperId: '2503.07003' });
    assert.match(assertError(third, 429, 'rate_limited'), /most allowed/);
    assert.ok(Number(third.headers['retry-after']) > 0);
    assert.equal(await web.app.listings.listingOf('2503.07003'), null);
  });

  test('the Hugging Face submit route: {paper_id} with a bearer token, HF-style errors', async () => {
    const hf = tokenClient(() => web, await memberToken(web, 'hf@example.org'));
    const ok = await hf('POST', '/api/papers/submit', { paper_id: '2503.07004' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json<{ id: string; title: string }>().title, 'Fresh paper 2503.07004');
    assert.equal((await web.app.listings.listingOf('2503.07004'))?.submittedBy, 'hf');
    const cases: [unknown, number, RegExp][] = [
      [{ paper_id: LISTED }, 409, /already on the listing of 2025-03-14/],
      [{}, 400, /paper_id is required/],
      [{ paper_id: 'nonsense' }, 400, /not an arXiv id/],
    ];
    for (const [body, status, message] of cases) {
      const res = await hf('POST', '/api/papers/submit', body);
      assert.equal(res.statusCode, status, res.body);
      const error = res.json<{ error: unknown }>().error;
      assert.equal(typeof error, 'string', 'HF errors are {"error": "…"}');
      assert.match(String(error), message);
    }
    const anonymous = await tokenClient(() => web, null)('POST', '/api/papers/submit', {
      paper_id: '2503.07003',
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(typeof anonymous.json<{ error: unknown }>().error, 'string');
    await hf('POST', '/api/papers/submit', { paper_id: '2503.07003' });
    const limited = await hf('POST', '/api/papers/submit', { paper_id: '2503.07002' });
    assert.equal(limited.statusCode, 429, limited.body);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(typeof limited.json<{ error: unknown }>().error, 'string');
  });

  test('subscribing starts the double opt-in: 202, and a confirmation link goes to the address', async () => {
    const before = fs.existsSync(web.outbox) ? fs.readdirSync(web.outbox).length : 0;
    const res = await api('POST', '/api/v1/subscriptions', {
      email: 'reader@example.org',
      frequency: 'weekly',
      categories: ['cs.CL'],
      keywords: ['retrieval'],
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json<{ status: string }>().status, 'pending');
    const files = fs.readdirSync(web.outbox).filter((f) => f.endsWith('.eml'));
    assert.equal(files.length, before + 1);
    const newest =
      files
        .map((f) => `${web.outbox}/${f}`)
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0] ?? '';
    const mail = await simpleParser(fs.readFileSync(newest));
    assert.match(mail.text ?? '', /\/subscribe\/confirm\?token=/);
    const stored = await web.app.subscriptionStore.byEmail('reader@example.org');
    assert.equal(stored?.status, 'pending', 'nothing is confirmed until the link is opened');
    assertError(await api('POST', '/api/v1/subscriptions', { email: 'not an address' }), 400, 'bad_request');
    assertError(
      await api('POST', '/api/v1/subscriptions', { email: 'a@example.org', categories: ['nope nope'] }),
      400,
      'bad_request',
    );
  });
});
