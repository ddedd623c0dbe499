/**
 * The read routes of `/api/v1`, each with its TypeBox schemas (params, query, responses) and the
 * summary the OpenAPI document and the docs page show. Registered inside the plugin's scope (plugin.ts).
 */
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { BadRequestError } from '../../domain/errors.ts';
import { type Period, parseDay, parseMonth, parseWeek } from '../../domain/period.ts';
import type { OperationDocs } from './operation.ts';
import {
  DayParams,
  DEFAULT_LIMIT,
  MonthParams,
  OldStyleIdParams,
  PaperIdParams,
  PapersQuery,
  SearchQuery,
  WeekParams,
} from './params.ts';
import type { RestPapers } from './rest-papers.ts';
import { ErrorBody, Listing, PaperDetails, PaperPage, SearchPage, Versions } from './schemas.ts';

const badRequest = Type.Object(ErrorBody.properties, { description: 'A parameter is not valid' });
const notFound = Type.Object(ErrorBody.properties, { description: 'Nothing by that name here' });

interface Operation extends OperationDocs {
  readonly notFound?: boolean;
  readonly hide?: boolean;
}

function schema(op: Operation): FastifySchema {
  return {
    operationId: op.operationId,
    tags: [...op.tags],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.params ? { params: op.params } : {}),
    ...(op.querystring ? { querystring: op.querystring } : {}),
    ...(op.hide ? { hide: true } : {}),
    response: {
      200: { ...op.ok, description: op.okDescription },
      400: badRequest,
      ...(op.notFound ? { 404: notFound } : {}),
    },
  };
}

export function registerRestRoutes(scope: FastifyInstance, rest: RestPapers): void {
  const paperOp: Operation = {
    operationId: 'getPaper',
    tags: ['papers'],
    summary: 'A paper, by any form of its arXiv id',
    description:
      'The latest version of the paper and the listing it is featured on, if any. Write an old-style id ' +
      'with its slash encoded (hep-th%2F9901001) or as it is (hep-th/9901001). An id that cannot be an ' +
      'arXiv id is a 400; one that is not here, a 404.',
    params: PaperIdParams,
    ok: PaperDetails,
    okDescription: 'The paper',
    notFound: true,
  };
  const versionsOp: Operation = {
    operationId: 'getPaperVersions',
    tags: ['papers'],
    summary: "A paper's arXiv versions, oldest first",
    params: PaperIdParams,
    ok: Versions,
    okDescription: 'The versions',
    notFound: true,
  };
  scope.get<{ Params: PaperIdParams }>('/papers/:id', { schema: schema(paperOp) }, (request) =>
    rest.paper(request.params.id),
  );
  scope.get<{ Params: PaperIdParams }>('/papers/:id/versions', { schema: schema(versionsOp) }, (request) =>
    rest.versions(request.params.id),
  );
  // Old-style ids sent with their slash: the same operations, left out of the document.
  const oldStyle = (op: Operation): Operation => ({
    ...op,
    operationId: `${op.operationId}OldStyle`,
    params: OldStyleIdParams,
    hide: true,
  });
  scope.get<{ Params: OldStyleIdParams }>(
    '/papers/:archive/:number',
    { schema: schema(oldStyle(paperOp)) },
    (r) => rest.paper(`${r.params.archive}/${r.params.number}`),
  );
  scope.get<{ Params: OldStyleIdParams }>(
    '/papers/:archive/:number/versions',
    { schema: schema(oldStyle(versionsOp)) },
    (r) => rest.versions(`${r.params.archive}/${r.params.number}`),
  );

  scope.get<{ Querystring: PapersQuery }>(
    '/papers',
    {
      schema: schema({
        operationId: 'listPapers',
        tags: ['papers'],
        summary: 'Papers, newest first',
        description:
          'Every paper by its first-version time, newest first (papers with no known time last), ' +
          'optionally in one arXiv category. Follow `nextCursor` for the next page: a paper added ' +
          'meanwhile never repeats or shifts a page.',
        querystring: PapersQuery,
        ok: PaperPage,
        okDescription: 'A page of papers',
      }),
    },
    (request) => {
      const { category, cursor, limit } = request.query;
      return rest.newest({
        ...(category !== undefined ? { category } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit: limit ?? DEFAULT_LIMIT,
      });
    },
  );

  const listingOp = (operationId: string, summary: string, params?: TSchema): Operation => ({
    operationId,
    tags: ['listings'],
    summary,
    description:
      'The papers featured on the listing, most upvoted first, with the nearest earlier and later ' +
      'periods that have papers.',
    ...(params ? { params } : {}),
    ok: Listing,
    okDescription: 'The listing',
    notFound: !params,
  });
  scope.get(
    '/listings/latest',
    { schema: schema(listingOp('getLatestListing', 'The latest day with papers')) },
    () => rest.latestListing(),
  );
  scope.get<{ Params: DayParams }>(
    '/listings/:day',
    { schema: schema(listingOp('getDayListing', "A day's listing", DayParams)) },
    (request) => rest.listing(period(parseDay, request.params.day, 'day')),
  );
  scope.get<{ Params: WeekParams }>(
    '/listings/week/:week',
    { schema: schema(listingOp('getWeekListing', "An ISO week's listing", WeekParams)) },
    (request) => rest.listing(period(parseWeek, request.params.week, 'week')),
  );
  scope.get<{ Params: MonthParams }>(
    '/listings/month/:month',
    { schema: schema(listingOp('getMonthListing', "A month's listing", MonthParams)) },
    (request) => rest.listing(period(parseMonth, request.params.month, 'month')),
  );

  scope.get<{ Querystring: SearchQuery }>(
    '/search',
    {
      schema: schema({
        operationId: 'searchPapers',
        tags: ['search'],
        summary: 'Papers matching words, best match first',
        description: 'Every word must appear in the title or the abstract. Follow `nextCursor` for more.',
        querystring: SearchQuery,
        ok: SearchPage,
        okDescription: 'A page of matching papers',
      }),
    },
    (request) => {
      const { q, cursor, limit } = request.query;
      return rest.search({ q, ...(cursor !== undefined ? { cursor } : {}), limit: limit ?? DEFAULT_LIMIT });
    },
  );
}

/** A period that matched its pattern but is not on the calendar (2025-13-40, 2025-W60) is a 400. */
function period(parse: (text: string) => Period | null, text: string, name: string): Period {
  const parsed = parse(text);
  if (!parsed) throw new BadRequestError(`path parameter ${name} "${text}" is not on the calendar`);
  return parsed;
}
