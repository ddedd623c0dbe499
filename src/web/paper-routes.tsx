import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { PaperLookup, PaperService } from '../papers/paper-service.ts';
import type { PaperExtras } from '../search/paper-extras.ts';
import { NoSuchPaperPage } from './pages/error-page.tsx';
import type { PaperCommunity } from './pages/paper-community.tsx';
import { PaperPageView } from './pages/paper-page.tsx';
import { renderPage } from './render.ts';
import { sendHtml } from './reply.ts';

export interface PaperRouteDeps {
  readonly papers: PaperService;
  readonly publicUrl: string;
  /** The per-member parts of the page (upvote state, trending score, editor actions). */
  readonly community?: (
    request: FastifyRequest,
    reply: FastifyReply,
    paperId: string,
  ) => Promise<PaperCommunity>;
  /** Key phrases, summary and related papers of a paper (src/search). */
  readonly extras?: (paperId: string) => Promise<PaperExtras>;
}

/**
 * `/papers/{id}`, the paper page. Any other form of the id (`2502.05979v3`, `arXiv:2502.05979`,
 * `hep-th/9901001v2`, an arXiv link, and `/abs/{id}` as arXiv spells it) answers 301 to the canonical
 * address; a well-formed id we do not have is a 404, anything else a 400.
 */
export function registerPaperRoutes(app: FastifyInstance, deps: PaperRouteDeps): void {
  /** `atCanonicalPath` is false for `/abs/{id}`, which always redirects to `/papers/{id}`. */
  const show = async (
    input: string,
    request: FastifyRequest,
    reply: FastifyReply,
    atCanonicalPath: boolean,
  ) => {
    const found = await lookup(deps.papers, input);
    if (found === null) return notFound(reply, input);
    if (found.kind === 'redirect') return reply.redirect(`/papers/${found.id}`, 301);
    const { id } = found.details.paper;
    if (!atCanonicalPath) return reply.redirect(`/papers/${id}`, 301);
    const [community, extras] = await Promise.all([
      deps.community ? deps.community(request, reply, id) : undefined,
      deps.extras ? deps.extras(id) : undefined,
    ]);
    const canonical = `${deps.publicUrl}/papers/${id}`;
    return sendHtml(
      reply,
      renderPage(
        <PaperPageView
          details={found.details}
          canonical={canonical}
          {...(community ? { community } : {})}
          {...(extras ? { extras } : {})}
        />,
      ),
    );
  };
  app.get<{ Params: { '*': string } }>('/papers/*', (request, reply) =>
    show(request.params['*'], request, reply, true),
  );
  app.get<{ Params: { '*': string } }>('/abs/*', (request, reply) =>
    show(request.params['*'], request, reply, false),
  );
}

/** The paper, a redirect to its canonical id, or null when the id is well formed but unknown. */
async function lookup(papers: PaperService, input: string): Promise<PaperLookup | null> {
  try {
    return await papers.lookup(input);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

function notFound(reply: FastifyReply, input: string): FastifyReply {
  const parsed = parseArxivId(input);
  const id = parsed.ok ? parsed.value.id : input;
  return sendHtml(reply, renderPage(<NoSuchPaperPage id={id} />), 404);
}
