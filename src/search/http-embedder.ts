/**
 * An Embedder that asks an OpenAI-compatible server (`POST {baseUrl}/embeddings`: OpenAI, Ollama,
 * text-embeddings-inference, vLLM): batched, each request with a timeout, retried with backoff on
 * network errors, 429 and 5xx (openai-request.ts). Vectors are made unit length, so the index can
 * compare by dot product.
 */
import { SourceError } from '../domain/errors.ts';
import type { Embedder } from './embedder.ts';
import { endpointOf, type OpenAiRequestOptions, postJson } from './openai-request.ts';

export interface HttpEmbedderOptions extends OpenAiRequestOptions {
  /** The API base, e.g. `http://localhost:11434/v1` or `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly batchSize?: number;
}

interface EmbeddingsResponse {
  readonly data: readonly { readonly index: number; readonly embedding: readonly number[] }[];
}

export class HttpEmbedder implements Embedder {
  readonly model: string;

  private constructor(
    private readonly options: HttpEmbedderOptions,
    readonly dimension: number,
  ) {
    this.model = `openai-compatible:${options.model}`;
  }

  /** Connects and learns the model's dimension from one embedding. */
  static async connect(options: HttpEmbedderOptions): Promise<HttpEmbedder> {
    const probe = new HttpEmbedder(options, 0);
    const [vector] = await probe.request(['dimension probe']);
    if (!vector || vector.length === 0)
      throw new SourceError(probe.endpoint, 'the server sent an empty embedding');
    return new HttpEmbedder(options, vector.length);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const size = this.options.batchSize ?? 64;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size) {
      for (const vector of await this.request(texts.slice(i, i + size))) {
        if (this.dimension !== 0 && vector.length !== this.dimension) {
          throw new SourceError(
            this.endpoint,
            `an embedding of ${vector.length} values, expected ${this.dimension}`,
          );
        }
        out.push(vector);
      }
    }
    return out;
  }

  private get endpoint(): string {
    return endpointOf(this.options.baseUrl, 'embeddings');
  }

  private async request(input: readonly string[]): Promise<Float32Array[]> {
    const body = (await postJson(
      this.endpoint,
      { model: this.options.model, input },
      this.options,
    )) as EmbeddingsResponse;
    if (!Array.isArray(body?.data) || body.data.length !== input.length) {
      throw new SourceError(this.endpoint, `expected ${input.length} embeddings in "data"`);
    }
    return [...body.data]
      .sort((a, b) => a.index - b.index)
      .map((item) => {
        if (!Array.isArray(item.embedding) || item.embedding.some((x: unknown) => typeof x !== 'number')) {
          throw new SourceError(this.endpoint, 'an embedding that is not a list of numbers');
        }
        return unit(Float32Array.from(item.embedding));
      });
  }
}

function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
