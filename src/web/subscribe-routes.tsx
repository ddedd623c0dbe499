import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { csrfToken } from '../http/csrf.ts';
import { preferencesUrl } from '../subscriptions/links.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import { ConfirmedPage, ConfirmPage } from './pages/confirm-page.tsx';
import { CheckInboxPage, SubscribePage } from './pages/subscribe-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';
import { type FormBody, field, frequencyField, topicsFields } from './subscription-forms.ts';

export interface SubscribeRouteDeps {
  readonly subscriptions: SubscriptionService;
  readonly publicUrl: string;
  /** Subscription requests one IP may make per hour. */
  readonly requestsPerIpPerHour: number;
  readonly now?: () => Date;
}

/**
 * /subscribe (the banner's and the full form's target) and /subscribe/confirm (double opt-in: the link
 * opens a page, only its button's POST confirms).
 */
export function registerSubscribeRoutes(app: FastifyInstance, deps: SubscribeRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    scope.get('/subscribe', (_request, reply) => sendHtml(reply, renderPage(<SubscribePage />)));
    scope.post<{ Body: FormBody }>(
      '/subscribe',
      {
        // The banner is on cached, shared pages: no per-browser token, only the Origin check.
        config: { csrf: 'origin', rateLimit: { max: deps.requestsPerIpPerHour, timeWindow: '1 hour' } },
      },
      async (request, reply) => {
        await deps.subscriptions.request(
          {
            email: field(request.body, 'email'),
            frequency: frequencyField(request.body),
            topics: topicsFields(request.body),
            source: field(request.body, 'source') === 'banner' ? 'banner' : 'form',
            ip: request.ip ?? null,
          },
          now(),
        );
        return sendHtml(reply, renderPage(<CheckInboxPage />));
      },
    );
    scope.get<{ Querystring: { token?: string } }>('/subscribe/confirm', async (request, reply) => {
      const token = request.query.token ?? '';
      const pending = await deps.subscriptions.pendingByToken(token, now());
      const csrf = csrfToken(request, reply, deps.publicUrl);
      reply.header('referrer-policy', 'no-referrer');
      return sendHtml(reply, renderPage(<ConfirmPage token={token} csrf={csrf} email={pending.email} />));
    });
    scope.post<{ Body: FormBody }>(
      '/subscribe/confirm',
      { config: { rateLimit: { max: deps.requestsPerIpPerHour * 6, timeWindow: '1 hour' } } },
      async (request, reply) => {
        const { linkToken } = await deps.subscriptions.confirm(field(request.body, 'token'), now());
        return sendHtml(reply, renderPage(<ConfirmedPage preferencesUrl={preferencesUrl('', linkToken)} />));
      },
    );
  });
}
