import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isEditor } from '../accounts/member.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { csrfToken } from '../http/csrf.ts';
import type { CommunityDeps } from './community-deps.ts';
import type { PageCache } from './page-cache.ts';
import { SubmitPage } from './pages/submit-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';

type Form = Record<string, unknown>;

const field = (body: unknown, name: string): string => {
  const value = (body as Form | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** The version-less id of a paper in an address, or a 400. */
function paperIdOf(input: string): string {
  const parsed = parseArxivId(input);
  if (!parsed.ok) throw new BadRequestError(parsed.reason);
  return parsed.value.id;
}

/**
 * Upvotes, submissions and editor actions. The upvote button sits on cached listing pages shared by
 * every visitor, which cannot carry a per-browser CSRF token: that form is checked by its Origin (or
 * Referer), which browsers always send with a form POST, and the session cookie is SameSite=Lax, so a
 * cross-site form never carries it. Every other form carries the token.
 */
export function registerCommunityRoutes(
  app: FastifyInstance,
  deps: CommunityDeps & { publicUrl: string; cache: PageCache },
): void {
  const { current } = deps;

  app.post<{ Params: { '*': string } }>(
    '/upvote/*',
    { config: { csrf: 'origin' } },
    async (request, reply) => {
      if (!request.headers.origin && !request.headers.referer) {
        throw new ForbiddenError('This form did not say where it came from. Reload the page and try again.');
      }
      const member = await current.required(request, 'upvote papers');
      const paperId = paperIdOf(request.params['*']);
      const vote = field(request.body, 'vote') || 'up';
      if (vote !== 'up' && vote !== 'remove' && vote !== 'toggle') {
        throw new BadRequestError('vote must be up, remove or toggle');
      }
      const now = new Date();
      const state =
        vote === 'toggle'
          ? await deps.upvotes.toggle(member.id, paperId, now)
          : await deps.upvotes.set(member.id, paperId, vote === 'up', now);
      deps.cache.invalidate();
      if (request.headers.accept?.includes('application/json')) return reply.send(state);
      return reply.redirect(backTo(request, deps.publicUrl, `/papers/${paperId}`), 303);
    },
  );

  app.get('/submit', async (request, reply) => {
    const member = await current.required(request, 'submit papers');
    const csrf = csrfToken(request, reply, deps.publicUrl);
    return sendHtml(reply, renderPage(<SubmitPage csrf={csrf} member={member} />));
  });

  app.post('/submit', async (request, reply) => {
    const member = await current.required(request, 'submit papers');
    const { paperId } = await deps.submissions.submit(member, field(request.body, 'paper'), new Date());
    deps.cache.invalidate();
    return reply.redirect(`/papers/${paperId}`, 303);
  });

  /** Editors: feature a paper on a day's listing, move it up or down, or take it off. */
  app.post<{ Params: { '*': string } }>('/editor/listing/*', async (request, reply) => {
    const member = await current.required(request, 'edit listings');
    if (!isEditor(member)) throw new ForbiddenError('Only editors can change listings.');
    const paperId = paperIdOf(request.params['*']);
    const action = field(request.body, 'action');
    if (action === 'remove') {
      if (!(await deps.listings.removeEntry(paperId)))
        throw new NotFoundError(`${paperId} is on no listing.`);
    } else if (action === 'up' || action === 'down') {
      await deps.listings.moveEntry(paperId, action === 'up' ? -1 : 1);
    } else if (action === 'feature') {
      const day = field(request.body, 'day');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new BadRequestError('day must be YYYY-MM-DD');
      const counts = await deps.listings.upsertEntries([
        {
          day,
          paperId,
          position: null,
          submittedAt: null,
          submittedBy: { username: member.username, fullname: member.displayName },
          upvotes: null,
          source: 'editor',
        },
      ]);
      const conflict = counts.conflicts[0];
      if (conflict)
        throw new BadRequestError(`${paperId} is already on the listing of ${conflict.existingDay}.`);
    } else {
      throw new BadRequestError('action must be feature, up, down or remove');
    }
    deps.cache.invalidate();
    return reply.redirect(backTo(request, deps.publicUrl, `/papers/${paperId}`), 303);
  });
}

/** Where a form POST without JavaScript returns to: the page it came from, when it is on this site. */
function backTo(request: FastifyRequest, publicUrl: string, fallback: string): string {
  const referer = request.headers.referer;
  if (!referer) return fallback;
  try {
    const url = new URL(referer);
    const own = new URL(publicUrl);
    const sameSite = url.origin === own.origin || url.host === request.host;
    return sameSite && url.pathname.startsWith('/') && !url.pathname.startsWith('//')
      ? `${url.pathname}${url.search}`
      : fallback;
  } catch {
    return fallback;
  }
}
