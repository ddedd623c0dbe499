import type { FastifyInstance } from 'fastify';
import type { SignInService } from '../accounts/sign-in.ts';
import type { ProfileService } from '../community/profile.ts';
import { NotFoundError, UnauthorizedError } from '../domain/errors.ts';
import { csrfToken } from '../http/csrf.ts';
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
}

/** Sign-in by emailed link, sign-out (here or everywhere), `/account` and member profiles. */
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

  app.get<{ Params: { username: string } }>('/members/:username', async (request, reply) => {
    const profile = await deps.profiles.profile(request.params.username);
    if (!profile) throw new NotFoundError(`There is no member @${request.params.username.slice(0, 40)}.`);
    const viewer = await current.of(request);
    const csrf = csrfToken(request, reply, publicUrl);
    return sendHtml(reply, renderPage(<ProfilePage profile={profile} viewer={viewer} csrf={csrf} />));
  });
}
