/**
 * Keywords and a one-line summary per paper (table paper_keywords), computed from the title and
 * abstract at ingest, inside the batch's transaction, and recounted by `paperpulse reindex`. The key
 * phrases are weighed by how many papers use each word (table term_papers).
 */
import type { Db } from '../db/schema.ts';
import { type DocumentFrequencies, extractKeyphrases, keyWords } from '../domain/keyphrases.ts';
import { oneLineSummary } from '../domain/summary.ts';
import { chunks } from '../papers/paper-store.ts';
import { type SearchDb, searchDb } from './search-schema.ts';

/** What a card and a paper page show under the title. */
export interface PaperKeywords {
  readonly keywords: readonly string[];
  readonly summary: string;
}

interface PaperText {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
}

/** Under both engines' bound-parameter limits (two values per term row). */
const CHUNK = 400;
const PAGE = 1000;

export function describe(paper: PaperText, frequencies: DocumentFrequencies): PaperKeywords {
  return {
    keywords: extractKeyphrases(paper.title, paper.abstract, frequencies),
    summary: oneLineSummary(paper.abstract),
  };
}

/**
 * Describes the papers among `ids` that have no keywords yet (new ones, and those whose text changed:
 * a trigger drops their row), inside the caller's transaction. Returns how many were described.
 */
export async function describePapersIn(db: Db, ids: readonly string[], now: Date): Promise<number> {
  const sdb = searchDb(db);
  const missing: PaperText[] = [];
  for (const chunk of chunks([...new Set(ids)], CHUNK)) {
    const rows = await sdb
      .selectFrom('papers as p')
      .leftJoin('paper_keywords as k', 'k.paper_id', 'p.id')
      .select(['p.id', 'p.title', 'p.abstract'])
      .where('p.id', 'in', chunk)
      .where('k.paper_id', 'is', null)
      .execute();
    missing.push(...rows);
  }
  if (missing.length === 0) return 0;
  const batchCounts = countWords(missing);
  await raiseTermCounts(sdb, batchCounts);
  const frequencies = await loadFrequencies(sdb, [...batchCounts.keys()]);
  await saveKeywords(
    sdb,
    missing.map((p) => ({ id: p.id, ...describe(p, frequencies) })),
    now,
  );
  return missing.length;
}

export class KeywordStore {
  private readonly db: SearchDb;

  constructor(private readonly store: Db) {
    this.db = searchDb(store);
  }

  /** The keywords and summary of these papers, by id (papers not yet described are absent). */
  async get(ids: readonly string[]): Promise<Map<string, PaperKeywords>> {
    const found = new Map<string, PaperKeywords>();
    for (const chunk of chunks([...new Set(ids)], CHUNK)) {
      const rows = await this.db
        .selectFrom('paper_keywords')
        .select(['paper_id', 'keywords', 'summary'])
        .where('paper_id', 'in', chunk)
        .execute();
      for (const row of rows) {
        found.set(row.paper_id, { keywords: JSON.parse(row.keywords) as string[], summary: row.summary });
      }
    }
    return found;
  }

  async getOne(id: string): Promise<PaperKeywords | null> {
    return (await this.get([id])).get(id) ?? null;
  }

  /** Describes every paper that has no keywords yet (a store from before 0006). Returns how many. */
  async describeMissing(now: Date, onProgress?: (done: number) => void): Promise<number> {
    let done = 0;
    // Walks the papers by id once, so each page reads only papers after the last one seen.
    let after = '';
    for (;;) {
      const ids = await this.db
        .selectFrom('papers as p')
        .leftJoin('paper_keywords as k', 'k.paper_id', 'p.id')
        .select('p.id')
        .where('k.paper_id', 'is', null)
        .where('p.id', '>', after)
        .orderBy('p.id')
        .limit(PAGE)
        .execute();
      if (ids.length === 0) return done;
      after = ids.at(-1)?.id ?? after;
      done += await this.store.transaction().execute((trx) =>
        describePapersIn(
          trx,
          ids.map((r) => r.id),
          now,
        ),
      );
      onProgress?.(done);
    }
  }

  /** Recounts the word frequencies from every paper, then describes every paper again. */
  async rebuild(now: Date, onProgress?: (done: number) => void): Promise<number> {
    const counts = new Map<string, number>();
    let papers = 0;
    for await (const page of this.pages()) {
      for (const [word, n] of countWords(page)) counts.set(word, (counts.get(word) ?? 0) + n);
      papers += page.length;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('term_papers').execute();
      const rows = [...counts].map(([term, n]) => ({ term, papers: n }));
      for (const chunk of chunks(rows, CHUNK)) await trx.insertInto('term_papers').values(chunk).execute();
    });
    const frequencies: DocumentFrequencies = { papers, papersWith: (w) => counts.get(w) ?? 0 };
    let done = 0;
    for await (const page of this.pages()) {
      await saveKeywords(
        this.db,
        page.map((p) => ({ id: p.id, ...describe(p, frequencies) })),
        now,
      );
      done += page.length;
      onProgress?.(done);
    }
    return done;
  }

  private async *pages(): AsyncGenerator<PaperText[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('papers')
        .select(['id', 'title', 'abstract'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)!.id;
    }
  }
}

/** How many of these papers use each word (each paper counts a word once). */
function countWords(papers: readonly PaperText[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) {
    for (const word of new Set(keyWords(`${p.title} ${p.abstract}`))) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

async function raiseTermCounts(db: SearchDb, counts: ReadonlyMap<string, number>): Promise<void> {
  // In term order, so two ingests raising the same words lock them in the same order.
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([term, papers]) => ({ term, papers }));
  for (const chunk of chunks(rows, CHUNK)) {
    await db
      .insertInto('term_papers')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('term')
          .doUpdateSet({ papers: (eb) => eb('term_papers.papers', '+', eb.ref('excluded.papers')) }),
      )
      .execute();
  }
}

async function loadFrequencies(db: SearchDb, words: readonly string[]): Promise<DocumentFrequencies> {
  const counts = new Map<string, number>();
  for (const chunk of chunks(words, CHUNK)) {
    const rows = await db.selectFrom('term_papers').selectAll().where('term', 'in', chunk).execute();
    for (const row of rows) counts.set(row.term, Number(row.papers));
  }
  const total = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { papers: Number(total.n), papersWith: (w) => counts.get(w) ?? 0 };
}

async function saveKeywords(
  db: SearchDb,
  described: readonly (PaperKeywords & { id: string })[],
  now: Date,
): Promise<void> {
  const stamp = now.toISOString();
  const rows = described.map((d) => ({
    paper_id: d.id,
    keywords: JSON.stringify(d.keywords),
    summary: d.summary,
    described_at: stamp,
  }));
  for (const chunk of chunks(rows, CHUNK / 2)) {
    await db
      .insertInto('paper_keywords')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('paper_id').doUpdateSet({
          keywords: (eb) => eb.ref('excluded.keywords'),
          summary: (eb) => eb.ref('excluded.summary'),
          described_at: (eb) => eb.ref('excluded.described_at'),
        }),
      )
      .execute();
  }
}
