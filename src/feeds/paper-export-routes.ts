import type { FastifyInstance } from 'fastify';
import type { PaperReader } from '../api/ports.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { PaperView } from '../papers/paper-rows.ts';
import { bibtexEntry } from './bibtex.ts';
import { paperMarkdown } from './paper-markdown.ts';

/** Formats a paper is exported in, by the file extension of `/papers/{id}.{ext}`. */
const EXPORTS = {
  md: { type: 'text/markdown; charset=utf-8', render: paperMarkdown },
  bib: { type: 'application/x-bibtex; charset=utf-8', render: (paper: PaperView) => bibtexEntry(paper) },
} as const;
type ExportFormat = keyof typeof EXPORTS;

type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type RouteHandler = Parameters<ReturnType<ConstraintStrategy['storage']>['set']>[1];

const EXPORT_PATH = /^\/papers\/(.+)\.(md|bib)(?:\?|$)/;

/**
 * `/papers/{id}.md` and `/papers/{id}.bib` (any id form, old-style ids with their slash). The pages own
 * `/papers/*`; a router constraint derived from the extension makes these routes win for those addresses.
 */
export function registerPaperExports(
  app: FastifyInstance,
  deps: { readonly papers: PaperReader; readonly publicUrl: string },
): void {
  app.addConstraintStrategy({
    name: 'paperExport',
    storage() {
      const handlers = new Map<unknown, RouteHandler>();
      return {
        get: (format: unknown) => handlers.get(format) ?? null,
        set: (format: unknown, handler: RouteHandler) => void handlers.set(format, handler),
      };
    },
    deriveConstraint: (request) => EXPORT_PATH.exec(request.url ?? '')?.[2],
    mustMatchWhenDerived: false,
  });
  for (const format of Object.keys(EXPORTS) as ExportFormat[]) {
    app.get<{ Params: { '*': string } }>(
      '/papers/*',
      { constraints: { paperExport: format } },
      async (request, reply) => {
        const input = request.params['*'].slice(0, -(format.length + 1));
        const parsed = parseArxivId(input);
        const paper = parsed.ok ? await deps.papers.getPaper(parsed.value.id) : null;
        if (!paper)
          throw new NotFoundError(`no paper ${parsed.ok ? parsed.value.id : `"${input.slice(0, 60)}"`} here`);
        const { type, render } = EXPORTS[format];
        return reply
          .type(type)
          .header('cache-control', 'public, max-age=300')
          .send(render(paper, deps.publicUrl));
      },
    );
  }
}
