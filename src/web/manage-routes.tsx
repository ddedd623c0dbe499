import type { FastifyInstance } from 'fastify';
import { csrfToken } from '../http/csrf.ts';
import { preferencesUrl } from '../subscriptions/links.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import { PreferencesPage } from './pages/preferences-page.tsx';
import { UnsubscribedPage, UnsubscribePage } from './pages/unsubscribe-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';
import type { CurrentMember } from './session.ts';
import { type FormBody, field, frequencyField, likesField, topicsFields } from './subscription-forms.ts';

export interface ManageRouteDeps {
  readonly subscriptions: SubscriptionService;
  readonly publicUrl: string;
  readonly current: CurrentMember;
  readonly now?: () => Date;
}

/** The preferences page and RFC 8058 one-click unsubscribe, both reached by a tokenised link. */
export function registerManageRoutes(app: FastifyInstance, deps: ManageRouteDeps): void {
  const now = deps.now ?? (() => new Date());

  app.get<{ Querystring: { token?: string; saved?: string } }>('/subscription', async (request, reply) => {
    const token = request.query.token ?? '';
    const subscription = await deps.subscriptions.byLinkToken(token);
    const member = await deps.current.of(request);
    const csrf = csrfToken(request, reply, deps.publicUrl);
    // Same-origin only: the token never leaves the site, and the form's POST still carries an Origin.
    reply.header('referrer-policy', 'same-origin');
    return sendHtml(
      reply,
      renderPage(
        <PreferencesPage
          subscription={subscription}
          token={token}
          csrf={csrf}
          saved={request.query.saved === '1'}
          signedIn={member !== null}
        />,
      ),
    );
  });

  app.post<{ Body: FormBody }>('/subscription', async (request, reply) => {
    const token = field(request.body, 'token');
    const frequency = frequencyField(request.body);
    const topics = topicsFields(request.body);
    const subscription = await deps.subscriptions.byLinkToken(token);
    const likes = likesField(request.body, await deps.current.of(request), subscription.email);
    if (field(request.body, 'action') === 'resubscribe') await deps.subscriptions.resubscribe(token, now());
    await deps.subscriptions.updatePreferences(token, frequency, topics, now(), likes);
    return reply.redirect(`${preferencesUrl('', token)}&saved=1`, 303);
  });

  app.get<{ Querystring: { token?: string } }>('/unsubscribe', async (request, reply) => {
    const token = request.query.token ?? '';
    const subscription = await deps.subscriptions.byLinkToken(token);
    reply.header('referrer-policy', 'no-referrer');
    return sendHtml(reply, renderPage(<UnsubscribePage token={token} email={subscription.email} />));
  });

  app.register(async (scope) => {
    // Some mail clients send the one-click body as multipart/form-data; its content does not matter.
    scope.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
    });
    // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` here without cookies; the token authenticates.
    scope.post<{ Querystring: { token?: string }; Body: FormBody }>(
      '/unsubscribe',
      { config: { csrf: false } },
      async (request, reply) => {
        const token = request.query.token ?? field(request.body, 'token');
        const subscription = await deps.subscriptions.unsubscribe(token, now());
        return sendHtml(
          reply,
          renderPage(
            <UnsubscribedPage email={subscription.email} preferencesUrl={preferencesUrl('', token)} />,
          ),
        );
      },
    );
  });
}
