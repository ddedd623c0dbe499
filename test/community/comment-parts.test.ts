import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCommentMarkdown } from '../../src/community/comment-markdown.ts';
import { commentLimitVerdict } from '../../src/community/comment-rate-limit.ts';
import { type CommentRecord, commentThread } from '../../src/community/comment-thread.ts';

test('comment Markdown: raw HTML and dangerous links come out inert', () => {
  const table: [string, RegExp, RegExp][] = [
    ['<script>alert(1)</script>', /&lt;script&gt;/, /<script/],
    ['<img src=x onerror=alert(1)>', /&lt;img/, /<img/],
    ['[x](javascript:alert(1))', /\[x\]/, /href="javascript/i],
    ['[x](JAVASCRIPT:alert(1))', /\[x\]/, /href=/i],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', /\[x\]/, /href=/],
    ['![alt text](https://example.org/a.png)', /<span>alt text<\/span>/, /<img/],
    ['# Big\n\ntext', /<p>Big<\/p>/, /<h1/],
    ['**bold** and `<b>`', /<strong>bold<\/strong> and <code>&lt;b&gt;<\/code>/, /<b>/],
    [
      'see https://example.org',
      /<a href="https:\/\/example.org" rel="ugc nofollow noopener">https:\/\/example.org<\/a>/,
      /target=/,
    ],
    ['[t](http://example.org "title")', /rel="ugc nofollow noopener"/, /title=/],
  ];
  for (const [input, present, absent] of table) {
    const html = renderCommentMarkdown(input);
    assert.match(html, present, `${input} → ${html}`);
    assert.doesNotMatch(html, absent, `${input} → ${html}`);
  }
});

const record = (id: string, over: Partial<CommentRecord> = {}): CommentRecord => ({
  id,
  parentId: null,
  memberId: 'm1',
  username: 'ada',
  displayName: 'Ada',
  body: `body of ${id}`,
  createdAt: `2025-03-14T10:00:0${id.length % 10}Z`,
  editedAt: null,
  deletedAt: null,
  hiddenBy: null,
  ...over,
});

test('comment thread: deleted, hidden and replies as each reader sees them', () => {
  const records = [
    record('a', { createdAt: '2025-03-14T10:00:00Z' }),
    record('b', { createdAt: '2025-03-14T10:01:00Z', deletedAt: '2025-03-14T11:00:00Z', body: '' }),
    record('c', { createdAt: '2025-03-14T10:02:00Z', deletedAt: '2025-03-14T11:00:00Z', body: '' }),
    record('c1', { createdAt: '2025-03-14T10:03:00Z', parentId: 'c', memberId: 'm2' }),
    record('d', { createdAt: '2025-03-14T10:04:00Z', hiddenBy: 'ed', memberId: 'm2' }),
    record('d1', { createdAt: '2025-03-14T10:05:00Z', parentId: 'd' }),
    record('a1', { createdAt: '2025-03-14T10:06:00Z', parentId: 'a', hiddenBy: 'ed' }),
  ];
  const reader = commentThread(records, { memberId: 'm1', editor: false });
  assert.deepEqual(
    reader.map((c) => [c.id, c.state, c.replies.map((r) => r.id)]),
    [
      ['a', 'shown', []],
      ['c', 'deleted', ['c1']],
    ],
  );
  assert.equal(reader[0]?.own, true);
  assert.equal(reader[1]?.author, null, 'a deleted comment shows no author');
  assert.equal(reader[1]?.own, false, 'nor edit/delete actions');
  const editor = commentThread(records, { memberId: 'ed', editor: true });
  assert.deepEqual(
    editor.map((c) => [c.id, c.state, c.replies.map((r) => `${r.id}:${r.state}`)]),
    [
      ['a', 'shown', ['a1:hidden']],
      ['c', 'deleted', ['c1:shown']],
      ['d', 'hidden', ['d1:shown']],
    ],
  );
});

test('comment rate limit: stricter on the first day; Retry-After is when a place frees up', () => {
  const limits = { perHour: 3, perHourFirstDay: 1 };
  const now = new Date('2025-03-14T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const table: [string, string[], boolean, number | null][] = [
    // created, recent comments, first day?, retry after (s)
    [minutesAgo(60), [], true, null],
    [minutesAgo(60), [minutesAgo(10)], true, 50 * 60],
    [minutesAgo(60 * 25), [minutesAgo(10)], false, null],
    [minutesAgo(60 * 25), [minutesAgo(10), minutesAgo(20), minutesAgo(40)], false, 20 * 60],
    [minutesAgo(60 * 25), [minutesAgo(10), minutesAgo(20), minutesAgo(70)], false, null],
  ];
  for (const [created, recent, firstDay, retry] of table) {
    const verdict = commentLimitVerdict(limits, created, recent, now);
    assert.equal(verdict.firstDay, firstDay);
    assert.equal(verdict.retryAfterSeconds, retry, JSON.stringify(recent));
  }
});
