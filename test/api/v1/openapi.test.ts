import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Fastify, { type RouteOptions } from 'fastify';
import { ApiGuard } from '../../../src/api/bearer-auth.ts';
import { registerRestApi } from '../../../src/api/v1/plugin.ts';
import { RestCommunity } from '../../../src/api/v1/rest-community.ts';
import { RestPapers } from '../../../src/api/v1/rest-papers.ts';
import { describeEachDialect } from '../../helpers/databases.ts';
import { startApiApp, type WebApp } from '../helpers/api-app.ts';

type OpenApiInput = Parameters<typeof SwaggerParser.validate>[0];
interface Operation {
  operationId?: string;
  responses: Record<string, unknown>;
  security?: Record<string, unknown>[];
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

/** `/api/v1/papers/:id` → `/api/v1/papers/{id}`, as OpenAPI writes paths. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

describeEachDialect('REST API v1: OpenAPI document and docs page', (kind) => {
  let web: WebApp;
  let doc: Doc;
  before(async () => {
    web = await startApiApp(kind);
    const res = await web.server.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = res.json() as Doc;
  });
  after(() => web.dispose());

  test('the document is valid OpenAPI 3.1', async () => {
    assert.equal(doc.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as unknown as OpenApiInput);
  });

  test('it lists every route the plugin registers, and nothing outside /api/v1', async () => {
    // The plugin on a bare server, to see every route it adds.
    const bare = Fastify();
    const routes: RouteOptions[] = [];
    bare.addHook('onRoute', (route) => {
      routes.push(route);
    });
    const { app } = web;
    await registerRestApi(
      bare,
      new RestPapers(app.papers, app.listings, app.listingService, app.paperSearch),
      {
        community: new RestCommunity({ ...app, listings: app.listings }),
        guard: new ApiGuard(app.apiTokens, async () => null),
      },
    );
    await bare.ready();
    const documented = routes
      .filter(
        (r) =>
          ['GET', 'POST', 'DELETE'].includes(String(r.method)) &&
          !(r.schema as { hide?: boolean } | undefined)?.hide,
      )
      .map((r) => `${String(r.method)} ${openApiPath(r.url)}`)
      .sort();
    const listed = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(listed, documented);
    assert.deepEqual(listed, [
      'DELETE /api/v1/papers/{id}/upvote',
      'GET /api/v1/listings/latest',
      'GET /api/v1/listings/month/{month}',
      'GET /api/v1/listings/week/{week}',
      'GET /api/v1/listings/{day}',
      'GET /api/v1/papers',
      'GET /api/v1/papers/{id}',
      'GET /api/v1/papers/{id}/comments',
      'GET /api/v1/papers/{id}/versions',
      'GET /api/v1/search',
      'GET /api/v1/trending',
      'POST /api/v1/papers/{id}/comments',
      'POST /api/v1/papers/{id}/upvote',
      'POST /api/v1/submissions',
      'POST /api/v1/subscriptions',
    ]);
    const hidden = routes.filter((r) => (r.schema as { hide?: boolean } | undefined)?.hide).map((r) => r.url);
    for (const url of ['/api/v1/openapi.json', '/api/v1/docs', '/api/v1/papers/:archive/:number']) {
      assert.ok(hidden.includes(url), `${url} is served but not documented`);
    }
    await bare.close();
  });

  test('every operation has an id and documents its success and 400 answers', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        assert.ok(op.operationId, `${method} ${path}`);
        const success = ['200', '201', '202'].filter((status) => op.responses[status]);
        assert.equal(success.length, 1, `${method} ${path}`);
        assert.ok(op.responses['400'], `${method} ${path}`);
      }
    }
  });

  test('writes need the bearer scheme and document 401, 403 and 429; reads need nothing', () => {
    assert.deepEqual(doc.components?.securitySchemes?.bearerAuth, {
      type: 'http',
      scheme: 'bearer',
      description: 'An API token from your profile page',
    });
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'get') {
          assert.equal(op.security, undefined, `${method} ${path}`);
          continue;
        }
        assert.deepEqual(op.security, [{ bearerAuth: [] }], `${method} ${path}`);
        for (const status of ['401', '403', '429'])
          assert.ok(op.responses[status], `${method} ${path} documents ${status}`);
      }
    }
    assert.ok(doc.paths['/api/v1/submissions']?.post?.responses['409'], 'a submission can conflict');
  });

  test('the docs page lists each operation with an example that answers, and loads nothing remote', async () => {
    const res = await web.server.inject({ method: 'GET', url: '/api/v1/docs' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    const html = res.body;
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'no remote resources');
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) {
        assert.ok(html.includes(`id="${op.operationId}"`), `${op.operationId} has a section`);
        assert.ok(html.includes(path), `${path} is shown`);
      }
    }
    const examples = [...html.matchAll(/Example: <a href="([^"]+)"/g)].map((m) =>
      (m[1] ?? '').replace(/&amp;/g, '&'),
    );
    const reads = Object.values(doc.paths).filter((item) => item.get).length;
    assert.equal(examples.length, reads, 'one followable example per read');
    assert.match(
      html,
      /curl -i -X POST -H 'Authorization: Bearer &lt;token&gt;'/,
      'writes show the token header',
    );
    for (const url of examples) {
      const example = await web.server.inject({ method: 'GET', url });
      assert.equal(example.statusCode, 200, `${url}: ${example.body.slice(0, 200)}`);
    }
    const css = await web.server.inject({ method: 'GET', url: '/api/v1/docs.css' });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
  });
});
