import type { LightMyRequestResponse } from 'fastify';
import type { CommunityApp } from '../../community/helpers/community-app.ts';

/** An API client that sends JSON with `Authorization: Bearer <token>` (or none when token is null). */
export function tokenClient(web: () => CommunityApp, token: string | null, ip = '127.0.0.1') {
  return (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> =>
    web().server.inject({
      method,
      url,
      remoteAddress: ip,
      headers: {
        ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
}

/** A member with an API token, made through the store as the profile page does. */
export async function memberToken(web: CommunityApp, email: string): Promise<string> {
  const member = await web.app.members.findOrCreate(email, new Date());
  return (await web.app.apiTokens.create(member, 'test', new Date())).token;
}
