/** The part of autocannon's programmatic API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      /** Called before each request is sent; what it returns is sent. */
      setupRequest?: (request: Request) => Request;
    }

    interface Options {
      url: string;
      /** Cycled through in order by every connection. */
      requests?: Request[];
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Result {
      /** Seconds the run lasted. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      /** Milliseconds. */
      latency: Histogram;
      /** Requests per one-second sample; `total` is every completed request. */
      requests: Histogram & { sent: number };
      /** Bytes per one-second sample; `total` is every byte received. */
      throughput: Histogram;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
