import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { LightMyRequestResponse } from 'fastify';
import type { WebApp } from '../../helpers/api-app.ts';

// TypeBox checks formats only when told what they mean; these are the ones schemas.ts uses.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => ISO_INSTANT.test(v));
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v));
if (!FormatRegistry.Has('uri')) FormatRegistry.Set('uri', (v) => URL.canParse(v));

/** Asserts a body matches its declared schema, naming the first mismatch. */
export function assertMatches<T extends TSchema>(schema: T, body: unknown, what: string): void {
  const first = Value.Errors(schema, body).First();
  assert.ok(
    Value.Check(schema, body),
    `${what} does not match its schema: ${first?.path} ${first?.message} (${JSON.stringify(first?.value)})`,
  );
}

export interface V1Client {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** GETs a URL, asserts the status and JSON, and, for a 200, the body against `schema`. */
  json<T>(url: string, schema: TSchema, status?: number): Promise<T>;
  /** GETs a URL expected to fail; asserts the status and the `{error:{code,message}}` shape. */
  error(url: string, status: number, code: string): Promise<string>;
}

export function v1Client(web: () => WebApp): V1Client {
  const get = (url: string, headers: Record<string, string> = {}) =>
    web().server.inject({ method: 'GET', url, headers });
  return {
    get,
    async json<T>(url: string, schema: TSchema, status = 200): Promise<T> {
      const res = await get(url);
      assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const body: unknown = res.json();
      if (status === 200) assertMatches(schema, body, url);
      return body as T;
    },
    async error(url: string, status: number, code: string): Promise<string> {
      const res = await get(url);
      assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
      const body = res.json() as { error: { code: string; message: string } };
      assert.deepEqual(Object.keys(body), ['error']);
      assert.equal(body.error.code, code, `${url}: ${body.error.message}`);
      assert.equal(typeof body.error.message, 'string');
      return body.error.message;
    },
  };
}
