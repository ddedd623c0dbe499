import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Member } from '../accounts/member.ts';
import type { SessionStore } from '../accounts/session-store.ts';
import { UnauthorizedError } from '../domain/errors.ts';

export const SESSION_COOKIE = 'pp_session';

/** Who is asking: reads the session cookie once per request. */
export class CurrentMember {
  private readonly cache = new WeakMap<FastifyRequest, Promise<Member | null>>();

  constructor(
    readonly sessions: SessionStore,
    private readonly publicUrl: string,
    private readonly sessionDays: number,
  ) {}

  of(request: FastifyRequest): Promise<Member | null> {
    let found = this.cache.get(request);
    if (!found) {
      found = this.sessions.member(request.cookies[SESSION_COOKIE], new Date());
      this.cache.set(request, found);
    }
    return found;
  }

  /** The signed-in member, or a 401 that asks them to sign in. */
  async required(request: FastifyRequest, doing: string): Promise<Member> {
    const member = await this.of(request);
    if (!member) throw new UnauthorizedError(`Please sign in to ${doing}.`);
    return member;
  }

  /** Sets the cookie of a new session: HttpOnly, SameSite=Lax, Secure on an https site. */
  setCookie(reply: FastifyReply, sessionId: string): void {
    reply.setCookie(SESSION_COOKIE, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.publicUrl.startsWith('https://'),
      maxAge: this.sessionDays * 86_400,
    });
  }

  clearCookie(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
