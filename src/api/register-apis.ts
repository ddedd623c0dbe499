/**
 * Both APIs — the Hugging Face-compatible one (`/api/…`) and ours (`/api/v1`) — in one Fastify scope,
 * so one rate limit (src/api/rate-limit.ts) and one bearer-token guard cover them.
 */
import type { FastifyInstance } from 'fastify';
import { ApiGuard, type BearerAuthenticator } from './bearer-auth.ts';
import type { HfPapers } from './hf-papers.ts';
import { registerHfApi } from './hf-routes.ts';
import type { PaperSubmitter } from './ports.ts';
import { type ApiRateLimits, registerApiRateLimit } from './rate-limit.ts';
import { registerRestApi } from './v1/plugin.ts';
import type { RestCommunity } from './v1/rest-community.ts';
import type { RestPapers } from './v1/rest-papers.ts';

export interface ApiDeps {
  readonly hfPapers: HfPapers;
  readonly restPapers: RestPapers;
  readonly restCommunity: RestCommunity;
  readonly submissions: PaperSubmitter;
  /** Finds the member of an API token (src/accounts/api-tokens.ts). */
  readonly apiTokens: BearerAuthenticator;
  readonly rateLimits: ApiRateLimits;
}

export async function registerApis(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(async (api) => {
    const guard = new ApiGuard(deps.apiTokens, await registerApiRateLimit(api, deps.rateLimits));
    await registerHfApi(api, deps.hfPapers, { guard, submissions: deps.submissions });
    await registerRestApi(api, deps.restPapers, { community: deps.restCommunity, guard });
  });
}
