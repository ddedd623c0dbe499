import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeConfig, loadConfig } from '../../src/config/config.ts';
import { AppError } from '../../src/domain/errors.ts';
import { ChatSummarizer, cleanSummary } from '../../src/search/chat-summarizer.ts';
import { downServerUrl, type FakeChatServer, startFakeChatServer } from './helpers/fake-chat-server.ts';

let server: FakeChatServer;
before(async () => {
  server = await startFakeChatServer();
});
after(() => server.close());

const paper = {
  title: 'Spectral Sparsification of Graphs',
  abstract: 'We keep every cut of a graph within 1 ± ε with few edges.',
};
const summarizer = (extra: object = {}) =>
  new ChatSummarizer({
    baseUrl: server.baseUrl,
    model: 'qwen2.5:3b',
    apiKey: 'sk-chat',
    backoffMs: 5,
    ...extra,
  });

test('asks /chat/completions for one sentence from the title and abstract, with the key as Bearer', async () => {
  server.requests.length = 0;
  const summary = await summarizer().summarize(paper);
  assert.equal(summary, 'Summary by qwen2.5:3b: Spectral Sparsification of Graphs.');
  const [request] = server.requests;
  assert.ok(request);
  assert.equal(request.auth, 'Bearer sk-chat');
  assert.equal(request.model, 'qwen2.5:3b');
  assert.equal(request.temperature, 0);
  assert.equal(request.maxTokens, 100);
  assert.deepEqual(
    request.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.match(request.messages[0]?.content ?? '', /one plain-text sentence of at most 30 words/);
  assert.match(request.messages[1]?.content ?? '', /Spectral Sparsification of Graphs[\s\S]*1 ± ε/);
});

test('no key, no Authorization header', async () => {
  server.requests.length = 0;
  await summarizer({ apiKey: null }).summarize(paper);
  assert.equal(server.requests[0]?.auth, undefined);
});

test('a multi-line, quoted, Markdown answer becomes one clean line', async () => {
  server.answers.push('  **Summary:** "The paper *sparsifies* graphs\n\n  while keeping   every `cut`."  \n');
  assert.equal(await summarizer().summarize(paper), 'The paper sparsifies graphs while keeping every cut.');
});

test('cleanSummary: one plain line from what chat models send', () => {
  const cases: [string, string][] = [
    ['Plain sentence.', 'Plain sentence.'],
    ['"Quoted sentence."', 'Quoted sentence.'],
    ['“Curly quoted.”', 'Curly quoted.'],
    ["'Single quoted.'", 'Single quoted.'],
    ['"A" beats "B" on graphs.', '"A" beats "B" on graphs.'],
    ['Summary: It works.', 'It works.'],
    ['**One-line summary:** *"It works."*', 'It works.'],
    ['# Heading\n- first point\n- second point', 'Heading first point second point'],
    ['<think>Let me think about it.\nOk.</think>\nIt merges tokens.', 'It merges tokens.'],
    [
      'It uses [FlashAttention](https://x.org) and __fused__ kernels.',
      'It uses FlashAttention and fused kernels.',
    ],
    ['snake_case_names and 2*3*4 stay.', 'snake_case_names and 2*3*4 stay.'],
    ['  \n\t ', ''],
    ['""', ''],
  ];
  for (const [answer, expected] of cases)
    assert.equal(cleanSummary(answer), expected, JSON.stringify(answer));
});

test('cleanSummary caps a long answer at a word, with an ellipsis', () => {
  const long = `${'word '.repeat(100)}end`;
  const summary = cleanSummary(long);
  assert.ok(summary.length <= 300, `${summary.length} chars`);
  assert.match(summary, /^(word )+word…$/);
});

test('an empty answer, or one without choices, is a source error', async () => {
  server.answers.push(' \n ');
  await assert.rejects(summarizer().summarize(paper), /an empty summary/);
  const odd = new ChatSummarizer({
    baseUrl: server.baseUrl,
    model: 'm',
    fetch: async () => Response.json({ object: 'list', data: [] }),
  });
  await assert.rejects(odd.summarize(paper), (e: unknown) => e instanceof AppError && e.code === 'source');
});

test('retries a busy server (503, then 429) and then succeeds', async () => {
  server.requests.length = 0;
  server.failNext = 1;
  server.failStatus = 503;
  assert.match(await summarizer().summarize(paper), /^Summary by/);
  assert.equal(server.requests.length, 2);
  server.failNext = 1;
  server.failStatus = 429;
  assert.match(await summarizer().summarize(paper), /^Summary by/);
});

test('gives up with a source error naming the endpoint: after the retries, at once on a 401, when down', async () => {
  server.failNext = 10;
  server.failStatus = 500;
  await assert.rejects(summarizer({ retries: 2 }).summarize(paper), (e: unknown) => {
    assert.ok(e instanceof AppError && e.code === 'source');
    assert.match(e.message, /\/v1\/chat\/completions: HTTP 500/);
    return true;
  });
  assert.equal(server.failNext, 7, 'one try and two retries');
  server.failNext = 1;
  server.failStatus = 401;
  server.failBody = '{"error":"invalid key: {auth}"}';
  await assert.rejects(summarizer().summarize(paper), (e: unknown) => {
    assert.match(String(e), /HTTP 401/);
    assert.doesNotMatch(String(e), /sk-chat/, 'a key the server quotes back is hidden');
    return true;
  });
  assert.equal(server.failNext, 0, 'a 401 is not retried');
  server.failNext = 0;
  server.failBody = '{"error":"busy"}';
  const down = new ChatSummarizer({ baseUrl: await downServerUrl(), model: 'm', backoffMs: 1, retries: 1 });
  await assert.rejects(down.summarize(paper), /chat\/completions: no answer/);
});

test('config: SUMMARY_URL needs SUMMARY_MODEL and an absolute URL; the key is hidden when printed', () => {
  assert.equal(loadConfig({ DEMO_DATA: 'off' }).search.summary, null);
  assert.throws(
    () => loadConfig({ SUMMARY_URL: 'http://localhost:11434/v1' }),
    /SUMMARY_URL needs SUMMARY_MODEL/,
  );
  assert.throws(
    () => loadConfig({ SUMMARY_URL: 'localhost:11434', SUMMARY_MODEL: 'm' }),
    (e: unknown) =>
      e instanceof AppError && e.code === 'config' && /SUMMARY_URL must be an absolute URL/.test(e.message),
  );
  const config = loadConfig({
    SUMMARY_URL: 'http://localhost:11434/v1',
    SUMMARY_MODEL: 'llama3.2',
    SUMMARY_API_KEY: 'sk-secret',
  });
  assert.deepEqual(config.search.summary, {
    url: 'http://localhost:11434/v1',
    model: 'llama3.2',
    apiKey: 'sk-secret',
  });
  const printed = JSON.stringify(describeConfig(config));
  assert.doesNotMatch(printed, /sk-secret/);
  assert.match(
    printed,
    /"summary":\{"url":"http:\/\/localhost:11434\/v1","model":"llama3.2","apiKey":"\[hidden\]"\}/,
  );
});
