import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { csrfToken } from '../http/csrf.ts';
import { preferencesUrl } from '../subscriptions/links.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import { ConfirmedPage, ConfirmPage } from './pages/confirm-page.tsx';
import { CheckInboxPage, SubscribePage } from './pages/subscribe-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';
import type { CurrentMember } from './session.ts';
import { type FormBody, field, frequencyField, likesField, topicsFields } from './subscription-forms.ts';

export interface SubscribeRouteDeps {
  readonly subscriptions: SubscriptionService;
  readonly publicUrl: string;
  /** Subscription requests one IP may make per hour. */
  readonly requestsPerIpPerHour: number;
  readonly current: CurrentMember;
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
    scope.get('/subscribe', async (request, reply) => {
      const member = await deps.current.of(request);
      return sendHtml(reply, renderPage(<SubscribePage signedIn={member !== null} />));
    });
    scope.post<{ Body: FormBody }>(
      '/subscribe',
      {
        // The banner is on cached, shared pages: no per-browser token, only the Origin check.
        config: { csrf: 'origin', rateLimit: { max: deps.requestsPerIpPerHour, timeWindow: '1 hour' } },
      },
      async (request, reply) => {
        const member = await deps.current.of(request);
        await deps.subscriptions.request(
          {
            email: field(request.body, 'email'),
            frequency: frequencyField(request.body),
            topics: topicsFields(request.body),
            source: field(request.body, 'source') === 'banner' ? 'banner' : 'form',
            ip: request.ip ?? null,
            likes: likesField(request.body, member, field(request.body, 'email')),
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
      // The token in this page's address never leaves the site; `no-referrer` would also make browsers send
      // `Origin: null` with the Confirm button's POST, which the CSRF check rightly refuses.
      reply.header('referrer-policy', 'same-origin');
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
