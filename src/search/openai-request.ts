/**
 * One JSON request to an OpenAI-compatible server (`/embeddings`, `/chat/completions`: OpenAI, Ollama,
 * vLLM, llama.cpp, text-embeddings-inference), shared by the HTTP embedder and the chat summarizer:
 * each try with a timeout, retried with backoff on network errors, timeouts, 429 and 5xx. Any failure
 * is a SourceError naming the endpoint (never the key).
 */
import { SourceError } from '../domain/errors.ts';

export interface OpenAiRequestOptions {
  readonly apiKey?: string | null;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** The first retry waits this long; each next one twice as long. */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
}

/** `{baseUrl}/{path}`, whether or not the base ends with a slash. */
export function endpointOf(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}

/** POSTs `body` as JSON and returns the parsed answer; a 4xx other than 429 is not retried. */
export async function postJson(
  endpoint: string,
  body: unknown,
  options: OpenAiRequestOptions = {},
): Promise<unknown> {
  const retries = options.retries ?? 3;
  let wait = options.backoffMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    try {
      return await postOnce(endpoint, body, options);
    } catch (error) {
      const retryable = !(error instanceof SourceError) || error.status === 429 || (error.status ?? 0) >= 500;
      if (!retryable || attempt >= retries) {
        throw error instanceof SourceError
          ? error
          : new SourceError(endpoint, `no answer (${describe(error)})`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait *= 2;
    }
  }
}

async function postOnce(endpoint: string, body: unknown, options: OpenAiRequestOptions): Promise<unknown> {
  const response = await (options.fetch ?? fetch)(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  if (!response.ok) {
    let detail = (await response.text().catch(() => '')).slice(0, 200);
    // A server may quote the key it refused: the message ends up in logs.
    if (options.apiKey) detail = detail.replaceAll(options.apiKey, '[hidden]');
    throw new SourceError(endpoint, `HTTP ${response.status} ${detail}`.trim(), {
      status: response.status,
    });
  }
  // A body cut short or not JSON is retried like a network error.
  return response.json();
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  return error instanceof Error ? error.message : String(error);
}
