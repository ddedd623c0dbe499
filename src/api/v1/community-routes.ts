/**
 * `/api/v1`'s community routes: trending and comments to read (open to all), and the writes — upvotes,
 * comments, submissions, subscriptions — for the member of an API token (`Authorization: Bearer …`).
 * Writes opt out of the CSRF check: a bearer token, not a cookie, authenticates them.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ApiGuard } from '../bearer-auth.ts';
import {
  CommentCreated,
  Comments,
  NewComment,
  NewSubmission,
  NewSubscription,
  SubmissionCreated,
  SubscriptionAccepted,
  Trending,
  TrendingQuery,
  UpvoteState,
} from './community-schemas.ts';
import type { OperationDocs } from './operation.ts';
import { PaperIdParams } from './params.ts';
import type { RestCommunity } from './rest-community.ts';
import { ErrorBody } from './schemas.ts';

export const BEARER_SCHEME = 'bearerAuth';

const error = (description: string) => Type.Object(ErrorBody.properties, { description });

const ERRORS = {
  400: 'bad_request: a parameter or body field is not valid; the message names it',
  401: 'unauthorized: no API token, or one that is not valid',
  403: 'forbidden: the request may not change anything here',
  404: 'not_found: no paper (or comment) by that id',
  409: 'conflict: the paper is already on a listing',
  429: 'rate_limited: too many requests; Retry-After says when to try again',
} as const;
type ErrorStatus = keyof typeof ERRORS;

interface Operation extends OperationDocs {
  readonly body?: TSchema;
  readonly status: 200 | 201 | 202;
  readonly errors: readonly ErrorStatus[];
  /** Needs an API token. */
  readonly write: boolean;
}

function schema(op: Operation): FastifySchema {
  const errors = Object.fromEntries(op.errors.map((status) => [status, error(ERRORS[status])]));
  return {
    operationId: op.operationId,
    tags: [...op.tags],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.params ? { params: op.params } : {}),
    ...(op.querystring ? { querystring: op.querystring } : {}),
    ...(op.body ? { body: op.body } : {}),
    ...(op.write ? { security: [{ [BEARER_SCHEME]: [] }] } : {}),
    response: { [op.status]: { ...op.ok, description: op.okDescription }, ...errors },
  };
}

const WRITE_ERRORS: readonly ErrorStatus[] = [400, 401, 403, 404, 429];
const writeConfig = { csrf: false } as const;

export function registerCommunityRoutes(
  scope: FastifyInstance,
  community: RestCommunity,
  guard: ApiGuard,
): void {
  scope.get<{ Querystring: TrendingQuery }>(
    '/trending',
    {
      schema: schema({
        operationId: 'listTrending',
        tags: ['community'],
        summary: 'Papers by trending score',
        description:
          'Papers that reached a listing in the window, highest trending score first, with the parts of the score.',
        querystring: TrendingQuery,
        status: 200,
        ok: Trending,
        okDescription: 'The trending papers',
        errors: [400, 429],
        write: false,
      }),
    },
    (request) => community.trending(request.query.window ?? 'week', request.query.limit ?? 50),
  );

  scope.get<{ Params: PaperIdParams }>(
    '/papers/:id/comments',
    {
      schema: schema({
        operationId: 'listComments',
        tags: ['community'],
        summary: "A paper's comments, with their replies",
        params: PaperIdParams,
        status: 200,
        ok: Comments,
        okDescription: 'The discussion',
        errors: [400, 404, 429],
        write: false,
      }),
    },
    (request) => community.comments(request.params.id),
  );

  scope.post<{ Params: PaperIdParams; Body: NewComment }>(
    '/papers/:id/comments',
    {
      config: writeConfig,
      schema: schema({
        operationId: 'postComment',
        tags: ['community'],
        summary: 'Comment on a paper, or reply to a comment',
        description: 'Markdown; give parentId to reply (a reply to a reply joins its thread).',
        params: PaperIdParams,
        body: NewComment,
        status: 201,
        ok: CommentCreated,
        okDescription: 'The comment was posted',
        errors: WRITE_ERRORS,
        write: true,
      }),
    },
    async (request, reply) => {
      const member = await guard.member(request, reply);
      return reply.status(201).send(await community.comment(member, request.params.id, request.body));
    },
  );

  for (const [method, on] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    scope.route<{ Params: PaperIdParams }>({
      method,
      url: '/papers/:id/upvote',
      config: writeConfig,
      schema: schema({
        operationId: on ? 'upvotePaper' : 'removeUpvote',
        tags: ['community'],
        summary: on ? 'Upvote a paper' : 'Take back an upvote',
        description: 'Asking twice changes nothing the second time.',
        params: PaperIdParams,
        status: 200,
        ok: UpvoteState,
        okDescription: 'The upvote state after the change',
        errors: WRITE_ERRORS,
        write: true,
      }),
      handler: async (request, reply) => {
        const member = await guard.member(request, reply);
        return community.upvote(member, request.params.id, on);
      },
    });
  }

  scope.post<{ Body: NewSubmission }>(
    '/submissions',
    {
      config: writeConfig,
      schema: schema({
        operationId: 'submitPaper',
        tags: ['community'],
        summary: "Put a paper on today's listing",
        description:
          'Under the submission rules: the first version at most SUBMISSION_MAX_AGE_DAYS old, at most ' +
          'SUBMISSIONS_PER_DAY per member in 24 hours (429), not already on a listing (409).',
        body: NewSubmission,
        status: 201,
        ok: SubmissionCreated,
        okDescription: 'The paper is on the listing',
        errors: [...WRITE_ERRORS, 409],
        write: true,
      }),
    },
    async (request, reply) => {
      const member = await guard.member(request, reply);
      return reply.status(201).send(await community.submit(member, request.body.paperId));
    },
  );

  scope.post<{ Body: NewSubscription }>(
    '/subscriptions',
    {
      config: writeConfig,
      schema: schema({
        operationId: 'subscribe',
        tags: ['subscriptions'],
        summary: 'Subscribe an address to the digest (double opt-in)',
        description:
          'Sends the address a confirmation link, as the subscribe form does; nothing is sent until it is ' +
          'opened. The answer is the same whether or not the address is known.',
        body: NewSubscription,
        status: 202,
        ok: SubscriptionAccepted,
        okDescription: 'The request was taken',
        errors: [400, 401, 403, 429],
        write: true,
      }),
    },
    async (request, reply) => {
      await guard.member(request, reply);
      return reply.status(202).send(await community.subscribe(request.body, request.ip));
    },
  );
}
