/**
 * The shapes `/api/v1` answers with, as TypeBox schemas: Fastify serialises responses with them and
 * @fastify/swagger writes them into the OpenAPI document, so the two cannot drift apart.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({
        description: 'Stable: bad_request, not_found, rate_limited, internal',
        examples: ['not_found'],
      }),
      message: Type.String({ description: 'What went wrong, for people' }),
    }),
  },
  { description: 'An error', additionalProperties: false },
);

export const Paper = Type.Object(
  {
    id: Type.String({ description: 'Version-less arXiv id', examples: ['2003.10555'] }),
    version: Type.Integer({ minimum: 1, description: 'The latest version' }),
    title: Type.String(),
    abstract: Type.String(),
    authors: Type.Array(Type.String()),
    primaryCategory: Nullable(Type.String({ examples: ['cs.CL'] })),
    categories: Type.Array(Type.String(), { description: 'Every category, the primary first' }),
    publishedAt: Nullable(Type.String({ format: 'date-time', description: 'First-version time' })),
    updatedAt: Nullable(Type.String({ format: 'date-time', description: 'Latest-version time' })),
    comment: Nullable(Type.String()),
    journalRef: Nullable(Type.String()),
    doi: Nullable(Type.String()),
    license: Nullable(Type.String()),
    codeUrls: Type.Array(Type.String()),
    upvotes: Type.Integer({ minimum: 0 }),
    arxivUrl: Type.String({ format: 'uri' }),
    pdfUrl: Type.String({ format: 'uri' }),
  },
  { additionalProperties: false },
);

export const ListingEntry = Type.Object(
  {
    day: Type.String({ format: 'date', description: 'The day of the listing the paper is featured on' }),
    position: Type.Integer(),
    submittedAt: Type.String({ format: 'date-time' }),
    submittedBy: Nullable(Type.String({ description: 'Username of the submitter' })),
    submitterName: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const PaperDetails = Type.Composite([
  Paper,
  Type.Object({ listing: Nullable(ListingEntry) }, { additionalProperties: false }),
]);

export const Version = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    submittedAt: Nullable(Type.String({ format: 'date-time' })),
    title: Nullable(Type.String({ description: 'The title as it was in this version, when known' })),
    abstract: Nullable(Type.String()),
    size: Nullable(Type.String({ examples: ['1024kb'] })),
  },
  { additionalProperties: false },
);

export const Versions = Type.Object(
  {
    paperId: Type.String(),
    latestVersion: Type.Integer({ minimum: 1 }),
    versions: Type.Array(Version, { description: 'Oldest first' }),
  },
  { additionalProperties: false },
);

export const PeriodRef = Type.Object(
  {
    kind: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')]),
    label: Type.String({ examples: ['2025-03-14', '2025-W11', '2025-03'] }),
    from: Type.String({ format: 'date', description: 'First day, inclusive' }),
    to: Type.String({ format: 'date', description: 'Last day, inclusive' }),
    path: Type.String({ description: 'This listing in this API', examples: ['/api/v1/listings/2025-03-14'] }),
  },
  { additionalProperties: false },
);

export const Listing = Type.Object(
  {
    period: PeriodRef,
    previous: Type.Union([PeriodRef, Type.Null()], { description: 'The nearest earlier period with papers' }),
    next: Type.Union([PeriodRef, Type.Null()], { description: 'The nearest later period with papers' }),
    papers: Type.Array(Type.Object({ entry: ListingEntry, paper: Paper }, { additionalProperties: false }), {
      description: 'Most upvoted first, then by listing order; at most 500',
    }),
  },
  { additionalProperties: false },
);

const nextCursor = Nullable(
  Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' }),
);

export const PaperPage = Type.Object(
  { papers: Type.Array(Paper), nextCursor },
  { additionalProperties: false },
);

export const SearchPage = Type.Object(
  { query: Type.String(), papers: Type.Array(Paper, { description: 'Best match first' }), nextCursor },
  { additionalProperties: false },
);

export type ErrorBody = Static<typeof ErrorBody>;
export type Paper = Static<typeof Paper>;
export type ListingEntry = Static<typeof ListingEntry>;
export type PaperDetails = Static<typeof PaperDetails>;
export type Versions = Static<typeof Versions>;
export type PeriodRef = Static<typeof PeriodRef>;
export type Listing = Static<typeof Listing>;
export type PaperPage = Static<typeof PaperPage>;
export type SearchPage = Static<typeof SearchPage>;
