/**
 * The shapes of `/api/v1`'s community routes — trending, comments, upvotes, submissions, subscriptions —
 * as TypeBox schemas: request bodies are validated with them and the OpenAPI document is written from them.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Paper } from './schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const COMMENT_ID_PATTERN = '^[A-Za-z0-9_-]{1,40}$';

export const TrendingQuery = Type.Object(
  {
    window: Type.Optional(
      Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
        default: 'week',
        description: 'How far back papers reached a listing: day (24 h), week (7 days) or month (30 days)',
        examples: ['week'],
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: 50,
        description: 'How many papers (1–100)',
        examples: [5],
      }),
    ),
  },
  { additionalProperties: false },
);

export const TrendingPaper = Type.Object(
  {
    paper: Paper,
    day: Type.String({ format: 'date', description: 'The listing the paper is on' }),
    upvotes: Type.Integer({ minimum: 0 }),
    starsGained: Type.Number({ description: "GitHub stars the paper's code gained in the window" }),
    ageHours: Type.Number({ minimum: 0, description: 'Hours since the paper reached its listing' }),
    score: Type.Number({
      description: 'The trending score: (upvotes + 0.1 · stars gained) / (age in hours + 2)^1.8',
    }),
  },
  { additionalProperties: false },
);

export const Trending = Type.Object(
  {
    window: Type.String(),
    at: Type.String({
      format: 'date-time',
      description: 'When the window ends: now, or the end of the latest listing day when that is earlier',
    }),
    papers: Type.Array(TrendingPaper, { description: 'Highest trending score first' }),
  },
  { additionalProperties: false },
);

const Author = Nullable(
  Type.Object(
    { username: Type.String(), displayName: Type.String() },
    { additionalProperties: false, description: 'Null for a deleted comment' },
  ),
);

const commentFields = {
  id: Type.String(),
  state: Type.Union([Type.Literal('shown'), Type.Literal('deleted')]),
  author: Author,
  body: Nullable(Type.String({ description: 'Markdown; null when deleted' })),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
};

export const Reply = Type.Object(commentFields, { additionalProperties: false });
export const Comment = Type.Object(
  { ...commentFields, replies: Type.Array(Reply, { description: 'Oldest first' }) },
  { additionalProperties: false },
);

export const Comments = Type.Object(
  {
    paperId: Type.String(),
    comments: Type.Array(Comment, { description: 'Oldest first, each with its replies' }),
  },
  { additionalProperties: false },
);

export const NewComment = Type.Object(
  {
    body: Type.String({
      minLength: 1,
      maxLength: 100_000,
      description: 'Markdown',
      examples: ['Nice ablations.'],
    }),
    parentId: Type.Optional(
      Type.String({
        pattern: COMMENT_ID_PATTERN,
        description: 'Reply to this comment (one level of replies)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CommentCreated = Type.Object(
  {
    id: Type.String(),
    paperId: Type.String(),
    parentId: Nullable(Type.String({ description: 'The thread this reply joined' })),
  },
  { additionalProperties: false },
);

export const UpvoteState = Type.Object(
  {
    paperId: Type.String(),
    upvoted: Type.Boolean({ description: "Whether the token's member upvotes the paper now" }),
    upvotes: Type.Integer({ minimum: 0, description: "The paper's upvotes now" }),
  },
  { additionalProperties: false },
);

export const NewSubmission = Type.Object(
  {
    paperId: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'An arXiv id or link',
      examples: ['2503.01234'],
    }),
  },
  { additionalProperties: false },
);

export const SubmissionCreated = Type.Object(
  {
    paperId: Type.String(),
    day: Type.String({ format: 'date', description: "The day's listing the paper went on" }),
    path: Type.String({ description: 'The paper in this API' }),
  },
  { additionalProperties: false },
);

export const NewSubscription = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254, examples: ['ada@example.org'] }),
    frequency: Type.Optional(
      Type.Union([Type.Literal('daily'), Type.Literal('weekly')], { default: 'daily' }),
    ),
    categories: Type.Optional(
      Type.Array(Type.String({ maxLength: 40 }), {
        maxItems: 20,
        description: 'arXiv categories, e.g. cs.CL',
      }),
    ),
    keywords: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const SubscriptionAccepted = Type.Object(
  {
    status: Type.Literal('pending'),
    message: Type.String({ description: 'The same answer whether or not the address was known' }),
  },
  { additionalProperties: false },
);

export type TrendingQuery = Static<typeof TrendingQuery>;
export type Trending = Static<typeof Trending>;
export type Comments = Static<typeof Comments>;
export type Comment = Static<typeof Comment>;
export type NewComment = Static<typeof NewComment>;
export type CommentCreated = Static<typeof CommentCreated>;
export type UpvoteState = Static<typeof UpvoteState>;
export type NewSubmission = Static<typeof NewSubmission>;
export type SubmissionCreated = Static<typeof SubmissionCreated>;
export type NewSubscription = Static<typeof NewSubscription>;
export type SubscriptionAccepted = Static<typeof SubscriptionAccepted>;
