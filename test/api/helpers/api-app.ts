import path from 'node:path';
import type { DatabaseKind } from '../../../src/config/config.ts';
import { ingestInput } from '../../../src/main.ts';
import { repoRoot, startWebApp, type TestPaper, type WebApp } from '../../web/helpers/web-app.ts';

export const hfFixture = path.join(repoRoot, 'test/fixtures/hf/daily_papers-handmade.json');
export const hfSearchFixture = path.join(repoRoot, 'test/fixtures/hf/papers-search-kazakh.json');

export const HOSTILE_TITLE = 'Attention <script>alert("x")</script> & "Friends" ]]> at <b>scale</b>';

/**
 * Papers around the hand-made HF day (2024-11-29, ISO week 48): a second paper by the submitter
 * `mokonkwo` three days earlier, a hostile title the day before that, and a paper on no listing.
 */
export const apiTestPapers: TestPaper[] = [
  {
    raw: {
      id: '2411.28001v2',
      title: 'Routing Tokens Through Depth, Revisited',
      abstract: 'We revisit depth routing for retrieval-heavy workloads.',
      authors: ['Mira Okonkwo', 'Bo Chen'],
      publishedAt: '2024-11-20T10:00:00Z',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.LG'],
    },
    listing: {
      day: '2024-11-26',
      submittedAt: '2024-11-26T08:15:00Z',
      submittedBy: { username: 'mokonkwo', fullname: 'Mira Okonkwo' },
      upvotes: 7,
      source: 'test',
    },
  },
  {
    raw: {
      id: '2411.27001',
      title: HOSTILE_TITLE,
      abstract: 'An abstract with <img src=x onerror=alert(1)> & an ampersand & ]]> too.',
      authors: ['Mallory <script>', 'Eve & Co'],
      publishedAt: '2024-11-21T10:00:00Z',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL'],
    },
    listing: { day: '2024-11-25', submittedAt: '2024-11-25T09:00:00Z', upvotes: 1, source: 'test' },
  },
  {
    raw: {
      id: 'hep-th/9901001v2',
      title: 'Dualities in $\\mathcal{N}=4$ gauge theory',
      abstract: 'We show $a<b$ & more, with 100% certainty {unbalanced.',
      authors: ['Edward Witten', 'Juan Maldacena'],
      publishedAt: '1999-01-04T10:00:00Z',
      primaryCategory: 'hep-th',
      categories: ['hep-th'],
    },
  },
];

/** The real app on a fresh database: the demo day, the hand-made HF day and `apiTestPapers`. */
export async function startApiApp(kind: DatabaseKind): Promise<WebApp> {
  const web = await startWebApp(kind, apiTestPapers);
  const summary = await ingestInput(web.app, hfFixture, 'hf-daily');
  if (summary.rejected > 0) throw new Error('the HF fixture was rejected');
  return web;
}

export type { WebApp };
