import type { TSchema } from '@sinclair/typebox';

/** What every `/api/v1` route declares for its schema and for the OpenAPI document. */
export interface OperationDocs {
  readonly operationId: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly ok: TSchema;
  /** What a successful answer holds, for the document. */
  readonly okDescription: string;
}
