import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One recorded answer, as a real server gave it (or as a hand-made fixture describes it). */
export interface RecordedReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
  /** Holds the answer back this long, to make a request slow. */
  readonly delayMs?: number;
  /** Closes the connection instead of answering, as a failing network does. */
  readonly hangUp?: boolean;
}

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** `performance.now()` when the request arrived, and when its answer was sent (null until then). */
  readonly receivedAt: number;
  answeredAt: number | null;
}

/** Headers a recording may carry that describe the old connection, not the answer. */
const CONNECTION_HEADERS = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);

/**
 * A real HTTP server on 127.0.0.1 that answers requests with recorded replies, matched by path and
 * query (parameter order ignored), and keeps every request it received.
 */
export class RecordingServer {
  readonly requests: ReceivedRequest[] = [];
  /** The most requests the server was answering at one time. */
  maxInFlight = 0;
  /** The most TCP connections open at one time. */
  maxOpenConnections = 0;
  private inFlight = 0;
  private openConnections = 0;
  private readonly replies = new Map<string, RecordedReply[]>();

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<RecordingServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const recording = new RecordingServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (request, response) => void recording.answer(request, response));
    server.on('connection', (socket) => {
      recording.openConnections++;
      recording.maxOpenConnections = Math.max(recording.maxOpenConnections, recording.openConnections);
      socket.on('close', () => recording.openConnections--);
    });
    return recording;
  }

  /** The full URL of a path on this server. */
  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** Answers `path` (with its query) with these replies in turn; the last one repeats. */
  reply(path: string, ...replies: RecordedReply[]): this {
    if (replies.length === 0) throw new Error('reply() needs at least one reply');
    this.replies.set(canonical(path), [...replies]);
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const received: ReceivedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      receivedAt: performance.now(),
      answeredAt: null,
    };
    this.requests.push(received);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const queue = this.replies.get(canonical(received.path));
    const reply: RecordedReply = (queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? {
      status: 404,
      headers: { 'content-type': 'text/plain' },
      body: `no recording for ${received.method} ${received.path}`,
    };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.hangUp) {
      request.socket.destroy();
      this.inFlight--;
      return;
    }
    for (const [name, value] of Object.entries(reply.headers ?? {})) {
      if (!CONNECTION_HEADERS.has(name.toLowerCase())) response.setHeader(name, value);
    }
    response.statusCode = reply.status;
    response.end(reply.body);
    this.inFlight--;
    received.answeredAt = performance.now();
  }
}

/** Path plus sorted query, so `?a=1&b=2` and `?b=2&a=1` name the same recording. */
function canonical(path: string): string {
  const url = new URL(path, 'http://recording.invalid');
  url.searchParams.sort();
  return `${url.pathname}?${url.searchParams}`;
}
