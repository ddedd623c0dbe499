import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What the test server does with one recipient's message: accept, answer an error, or drop the connection mid-DATA. */
export type SmtpBehaviour = 'accept' | 421 | 451 | 550 | 'drop';

export interface ReceivedMail {
  readonly to: string;
  readonly messageId: string;
  readonly raw: Buffer;
}

export interface TestSmtpServer {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Attempts per recipient (every RCPT TO, accepted or not). */
  readonly attempts: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process (smtp-server). `behaviour(recipient, attempt)` decides, per
 * recipient and attempt (1 first), what happens; `delayMs` slows each accepted message down.
 */
export async function startSmtpServer(
  behaviour: (recipient: string, attempt: number) => SmtpBehaviour = () => 'accept',
  delayMs = 0,
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number>();
  const decided = new WeakMap<object, SmtpBehaviour>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, session, callback) {
      const to = address.address.toLowerCase();
      const attempt = (attempts.get(to) ?? 0) + 1;
      attempts.set(to, attempt);
      const what = behaviour(to, attempt);
      decided.set(session, what);
      if (typeof what === 'number') {
        const error = Object.assign(new Error(`test server says ${what}`), { responseCode: what });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      const what = decided.get(session);
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        // Mid-DATA: part of the message arrived, then the connection goes.
        if (what === 'drop') {
          const socket = (session as unknown as { _socket?: { destroy(): void } })._socket;
          stream.removeAllListeners('data');
          stream.resume();
          dropConnection(server, session.id, socket);
        }
      });
      stream.on('end', () => {
        if (what === 'drop') return;
        const raw = Buffer.concat(chunks);
        const header = raw.toString('utf8', 0, Math.min(raw.length, 8192));
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(header)?.[1] ?? '';
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        setTimeout(() => {
          for (const address of to) received.push({ to: address, messageId, raw });
          callback();
        }, delayMs);
      });
    },
  });
  // A client killed mid-conversation resets its connection; that is the point of some tests, not an error.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** smtp-server keeps its connections in a set; destroying the one with this session id drops the client. */
function dropConnection(server: SMTPServer, sessionId: string, socket?: { destroy(): void }): void {
  if (socket) {
    socket.destroy();
    return;
  }
  const connections = (
    server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
  ).connections;
  for (const connection of connections) if (connection.id === sessionId) connection._socket.destroy();
}
