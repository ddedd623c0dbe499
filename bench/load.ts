/** Load with autocannon: a warm-up whose figures are dropped, then the measured run. */
import autocannon from 'autocannon';

export interface LoadOptions {
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Responses that were not 2xx, connection errors and timeouts: any of them makes the figures suspect. */
  readonly non2xx: number;
  readonly errors: number;
  /** Bytes received per response, headers and body as sent (compressed bodies compressed). */
  readonly bytesPerResponse: number;
}

/**
 * Loads `origin` with GETs of `paths`: one path, or several taken in turn across all connections
 * (each one asked again only after all the others), each request with `headers` (such as a browser's
 * Accept-Encoding; none by default, as autocannon sends).
 */
export async function load(
  origin: string,
  paths: readonly string[],
  options: LoadOptions,
  headers: Readonly<Record<string, string>> = {},
): Promise<LoadFigures> {
  const [first] = paths;
  if (first === undefined) throw new Error('load: no paths');
  let next = 0;
  const rotate = (request: autocannon.Request): autocannon.Request => {
    const path = paths[next % paths.length];
    next++;
    return { ...request, path };
  };
  const request: autocannon.Request = {
    method: 'GET',
    headers: { ...headers },
    ...(paths.length > 1 ? { setupRequest: rotate } : {}),
  };
  // One path without headers is autocannon's plain default request.
  const plain = paths.length === 1 && Object.keys(headers).length === 0;
  const run = (duration: number) =>
    autocannon({
      url: origin + first,
      connections: options.connections,
      duration,
      ...(plain ? {} : { requests: [request] }),
    });
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const result = await run(options.seconds);
  const requests = result.requests.total;
  return {
    requestsPerSecond: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerResponse: requests > 0 ? result.throughput.total / requests : 0,
  };
}
