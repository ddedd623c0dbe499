/**
 * The path and query parameters of `/api/v1`, as TypeBox schemas with examples (the docs page builds
 * its example requests from them). Each pattern has a human form that validation errors quote.
 */
import { type Static, Type } from '@sinclair/typebox';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

interface Written {
  readonly pattern: string;
  /** How to write it, for error messages. */
  readonly form: string;
}

const DAY: Written = { pattern: '^\\d{4}-\\d{2}-\\d{2}$', form: 'YYYY-MM-DD, e.g. 2025-03-14' };
const WEEK: Written = { pattern: '^\\d{4}-W\\d{2}$', form: 'YYYY-Www, e.g. 2025-W11' };
const MONTH: Written = { pattern: '^\\d{4}-\\d{2}$', form: 'YYYY-MM, e.g. 2025-03' };
const CATEGORY: Written = {
  pattern: '^[A-Za-z-]{1,20}(\\.[A-Za-z-]{1,10})?$',
  form: 'an arXiv category, e.g. cs.CL or hep-th',
};
const CURSOR: Written = {
  pattern: '^[A-Za-z0-9_-]{1,400}$',
  form: 'the nextCursor of a previous page, unchanged',
};

/** The human form of each pattern, keyed by the pattern as validation errors report it. */
export const PATTERN_FORMS: ReadonlyMap<string, string> = new Map(
  [DAY, WEEK, MONTH, CATEGORY, CURSOR].map((w) => [w.pattern, w.form]),
);

const limit = Type.Integer({
  minimum: 1,
  maximum: MAX_LIMIT,
  default: DEFAULT_LIMIT,
  description: `How many papers a page holds (1–${MAX_LIMIT})`,
  examples: [5],
});
const cursor = Type.String({ pattern: CURSOR.pattern, description: 'Where the page starts: a nextCursor' });

export const PaperIdParams = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 120,
    description: 'An arXiv id in any form: 2003.10555, 2003.10555v2, arXiv:2003.10555, hep-th/9901001',
    examples: ['2502.05979'],
  }),
});

/** Old-style ids (`hep-th/9901001`) sent with their slash unencoded. */
export const OldStyleIdParams = Type.Object({
  archive: Type.String({ pattern: '^[A-Za-z-]{1,20}(\\.[A-Za-z-]{1,10})?$' }),
  number: Type.String({ pattern: '^\\d{7}(v\\d{1,3})?$' }),
});

export const DayParams = Type.Object({
  day: Type.String({ pattern: DAY.pattern, description: 'A day: YYYY-MM-DD', examples: ['2025-03-14'] }),
});
export const WeekParams = Type.Object({
  week: Type.String({ pattern: WEEK.pattern, description: 'An ISO week: YYYY-Www', examples: ['2025-W11'] }),
});
export const MonthParams = Type.Object({
  month: Type.String({ pattern: MONTH.pattern, description: 'A month: YYYY-MM', examples: ['2025-03'] }),
});

export const PapersQuery = Type.Object(
  {
    category: Type.Optional(
      Type.String({
        pattern: CATEGORY.pattern,
        description: 'Only papers in this arXiv category',
        examples: ['cs.CL'],
      }),
    ),
    cursor: Type.Optional(cursor),
    limit: Type.Optional(limit),
  },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'The words to search for',
      examples: ['diffusion'],
    }),
    cursor: Type.Optional(cursor),
    limit: Type.Optional(limit),
  },
  { additionalProperties: false },
);

export type PaperIdParams = Static<typeof PaperIdParams>;
export type OldStyleIdParams = Static<typeof OldStyleIdParams>;
export type DayParams = Static<typeof DayParams>;
export type WeekParams = Static<typeof WeekParams>;
export type MonthParams = Static<typeof MonthParams>;
export type PapersQuery = Static<typeof PapersQuery>;
export type SearchQuery = Static<typeof SearchQuery>;
