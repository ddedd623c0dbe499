import type { TestPaper } from './web-app.ts';

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';

/** Sixty authors, as collaborations have; the paper page folds all but the first fifteen. */
export const manyAuthors = Array.from({ length: 60 }, (_, i) => `Author Number${i + 1} Withalongsurname`);

/** A paper built to stress narrow screens: a long title with an unbreakable token, many authors, code. */
export const longPaper: TestPaper = {
  raw: {
    id: '2502.11111v4',
    title:
      'Supercalifragilisticexpialidociously-Long-Hyphenated-Model-Names-That-Never-Break: ' +
      'a very long title about scaling laws for extremely long paper titles on small phone screens',
    abstract: `${'A long abstract sentence about narrow layouts. '.repeat(30)}Code: https://github.com/example/a-repository-with-a-very-long-name-indeed`,
    authors: manyAuthors,
    primaryCategory: 'cs.CL',
    categories: ['cs.CL', 'cs.LG'],
    comment: '12 pages, 3 figures',
    doi: '10.48550/arXiv.2502.11111',
    license: 'http://creativecommons.org/licenses/by/4.0/',
  },
};

/**
 * Listings around the demo day (2025-03-14, week 11): a hostile paper on Mar 12 (week 11),
 * one on Mar 3 (week 10), one on Jan 20 (January; February has none), and an old-style paper
 * with two versions and the long paper on no listing.
 */
export const extraPapers: TestPaper[] = [
  {
    raw: {
      id: '2503.01212',
      title: `Hostile ${SCRIPT} title ${IMG}`,
      abstract: `An abstract with ${SCRIPT} and ${IMG} and $\\alpha$ <b>x</b> in it.`,
      authors: [`Mallory ${SCRIPT}`, `Eve ${IMG}`],
      codeUrls: ['javascript:alert(1)'],
    },
    listing: { day: '2025-03-12', source: 'test', upvotes: 3 },
  },
  {
    raw: { id: '2503.00303', title: 'A paper of week ten', abstract: 'Short.', authors: ['Ada Lovelace'] },
    listing: { day: '2025-03-03', source: 'test' },
  },
  {
    raw: { id: '2501.02020', title: 'A paper of January', abstract: 'Short.', authors: ['Emmy Noether'] },
    listing: { day: '2025-01-20', source: 'test' },
  },
  {
    raw: {
      id: 'hep-th/9901001v2',
      title: 'Dualities in $\\mathcal{N}=4$ <i>SYM</i>',
      abstract: 'We show $\\alpha$ <b>x</b> holds when $a<b$ and $c>d$.',
      authors: ['Edward Witten', 'Juan Maldacena'],
      versions: [
        { version: 1, submittedAt: '1999-01-04T10:00:00Z', size: '20kb', title: 'Dualities, first draft' },
        { version: 2, submittedAt: '1999-02-11T10:00:00Z', size: '22kb' },
      ],
    },
  },
  longPaper,
];
