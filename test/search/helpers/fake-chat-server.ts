import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  readonly auth: string | undefined;
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly temperature: unknown;
  readonly maxTokens: unknown;
}

/**
 * A local server speaking POST /v1/chat/completions. By default it answers
 * `Summary by <model>: <title>.`; `answers` queues raw contents instead, `failNext` answers that many
 * requests with `failStatus`, and `body` replaces the whole next answer's JSON.
 */
export interface FakeChatServer {
  /** The API base, `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  readonly requests: ChatRequest[];
  answers: string[];
  failNext: number;
  failStatus: number;
  /** Sent with a failure; `{auth}` is replaced by the Authorization header received. */
  failBody: string;
  close(): Promise<void>;
}

export async function startFakeChatServer(): Promise<FakeChatServer> {
  const state = {
    requests: [] as ChatRequest[],
    answers: [] as string[],
    failNext: 0,
    failStatus: 503,
    failBody: '{"error":"busy"}',
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
      const body = JSON.parse(raw) as {
        model: string;
        messages: { role: string; content: string }[];
        temperature: unknown;
        max_tokens: unknown;
      };
      state.requests.push({
        auth: req.headers.authorization,
        model: body.model,
        messages: body.messages,
        temperature: body.temperature,
        maxTokens: body.max_tokens,
      });
      if (state.failNext > 0) {
        state.failNext--;
        return void res
          .writeHead(state.failStatus, { 'content-type': 'application/json' })
          .end(state.failBody.replace('{auth}', req.headers.authorization ?? ''));
      }
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
      const title = /^Title: (.*)$/m.exec(user)?.[1] ?? '?';
      const content = state.answers.shift() ?? `Summary by ${body.model}: ${title}.`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return Object.assign(state, {
    baseUrl,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** The API base of a server that is down: a port that was just free. */
export async function downServerUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
