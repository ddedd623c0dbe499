import path from 'node:path';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { registerPages, renderErrorPage, type WebDeps } from '../web/routes.tsx';
import { errorHandler } from './errors.ts';

export interface ServerDeps extends WebDeps {
  readonly logger: FastifyBaseLogger;
}

const assetsDir = path.resolve(import.meta.dirname, '../web/assets');

/** The HTTP server with every route; `listen` is left to the caller (tests use `inject`). */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // One line per request is noise at our request rates; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    routerOptions: { maxParamLength: 300 },
    trustProxy: true,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
  });
  app.setErrorHandler(errorHandler(renderErrorPage));
  app.setNotFoundHandler((request, reply) => {
    const message = `Nothing lives at ${request.url.slice(0, 200)}.`;
    reply.status(404);
    if (request.url.startsWith('/api/')) return reply.send({ error: { code: 'not_found', message } });
    return reply.type('text/html; charset=utf-8').send(renderErrorPage({ status: 404, message }));
  });
  app.get('/healthz', async () => ({ ok: true }));
  registerPages(app, deps);
  return app;
}
