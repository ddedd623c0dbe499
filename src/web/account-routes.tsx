import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiTokenStore } from '../accounts/api-tokens.ts';
import type { Member } from '../accounts/member.ts';
import type { SignInService } from '../accounts/sign-in.ts';
import type { ProfileService } from '../community/profile.ts';
import { NotFoundError, UnauthorizedError } from '../domain/errors.ts';
import { csrfToken } from '../http/csrf.ts';
import { formField } from './form-fields.ts';
import { ProfilePage } from './pages/profile-page.tsx';
import { LinkSentPage, SignInPage } from './pages/sign-in-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';
import { type CurrentMember, SESSION_COOKIE } from './session.ts';

export interface AccountRouteDeps {
  readonly signIn: SignInService;
  readonly profiles: ProfileService;
  readonly current: CurrentMember;
  readonly publicUrl: string;
  /** Members' API tokens, made and revoked on their own profile page. */
  readonly apiTokens: ApiTokenStore;
}

/**
 * Sign-in by emailed link, sign-out (here or everywhere), `/account`, member profiles, and a member's
 * API tokens (`POST /account/tokens` makes one and shows it once; `…/{id}/revoke` revokes one).
 */
export function registerAccountRoutes(app: FastifyInstance, deps: AccountRouteDeps): void {
  const { current, publicUrl } = deps;

  app.get('/sign-in', (request, reply) =>
    sendHtml(reply, renderPage(<SignInPage csrf={csrfToken(request, reply, publicUrl)} />)),
  );

  app.post<{ Body: { email?: unknown } }>('/sign-in', async (request, reply) => {
    const email = typeof request.body?.email === 'string' ? request.body.email : '';
    await deps.signIn.requestLink(email, request.ip, new Date());
    return sendHtml(reply, renderPage(<LinkSentPage />));
  });

  app.get<{ Querystring: { token?: string } }>('/sign-in/link', async (request, reply) => {
    let member: Awaited<ReturnType<SignInService['redeem']>>;
    try {
      member = await deps.signIn.redeem(String(request.query.token ?? ''), new Date());
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      const page = <SignInPage csrf={csrfToken(request, reply, publicUrl)} notice={error.message} />;
      return sendHtml(reply, renderPage(page), 401);
    }
    // A new session id at every sign-in, and whatever session the browser brought is ended:
    // an id planted before sign-in (session fixation) never becomes a signed-in session.
    await current.sessions.end(request.cookies[SESSION_COOKIE]);
    current.setCookie(reply, await current.sessions.start(member.id, new Date()));
    return reply.redirect(`/members/${member.username}`, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    await current.sessions.end(request.cookies[SESSION_COOKIE]);
    current.clearCookie(reply);
    return reply.redirect('/', 303);
  });

  app.post('/sign-out-everywhere', async (request, reply) => {
    const member = await current.required(request, 'sign out everywhere');
    await current.sessions.endAll(member.id);
    current.clearCookie(reply);
    return reply.redirect('/', 303);
  });

  app.get('/account', async (request, reply) => {
    const member = await current.of(request);
    return reply.redirect(member ? `/members/${member.username}` : '/sign-in', 303);
  });

  const profilePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    username: string,
    viewer: Member | null,
    createdToken?: { name: string; token: string },
  ): Promise<string> => {
    const profile = await deps.profiles.profile(username);
    if (!profile) throw new NotFoundError(`There is no member @${username.slice(0, 40)}.`);
    const csrf = csrfToken(request, reply, publicUrl);
    const own = viewer !== null && viewer.id === profile.member.id;
    const tokens = own ? await deps.apiTokens.list(viewer.id) : undefined;
    const page = (
      <ProfilePage
        profile={profile}
        viewer={viewer}
        csrf={csrf}
        publicUrl={publicUrl}
        {...(tokens ? { tokens } : {})}
        {...(createdToken ? { createdToken } : {})}
      />
    );
    return renderPage(page);
  };

  app.get<{ Params: { username: string } }>('/members/:username', async (request, reply) =>
    sendHtml(reply, await profilePage(request, reply, request.params.username, await current.of(request))),
  );

  app.post('/account/tokens', async (request, reply) => {
    const member = await current.required(request, 'make an API token');
    const { info, token } = await deps.apiTokens.create(member, formField(request.body, 'name'), new Date());
    const html = await profilePage(request, reply, member.username, member, { name: info.name, token });
    // The one time the token is shown: no cache may keep this page.
    return reply.status(201).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', async (request, reply) => {
    const member = await current.required(request, 'revoke an API token');
    await deps.apiTokens.revoke(member.id, request.params.id.slice(0, 40));
    return reply.redirect(`/members/${member.username}`, 303);
  });
}
