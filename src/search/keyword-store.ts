/**
 * Keywords and a one-line summary per paper (table paper_keywords), computed from the title and
 * abstract after each import (the queued search work, search-update.ts), and recounted by
 * `paperpulse reindex`. The key phrases are weighed by how many papers use each word (table
 * term_papers). The extractive summary may be replaced by one a chat model wrote (summary_model names
 * it; summarize-papers.ts).
 */
import type { Db } from '../db/schema.ts';
import type { DocumentFrequencies } from '../domain/keyphrases.ts';
import { chunks, paperTextPages } from '../papers/paper-store.ts';
import { addCounts, type PaperText } from './describe-papers.ts';
import { ParallelDescriber } from './parallel-describer.ts';
import { type SearchDb, searchDb } from './search-schema.ts';

/** What a card and a paper page show under the title. */
export interface PaperKeywords {
  readonly keywords: readonly string[];
  readonly summary: string;
}

/** A paper whose summary another model (or none) wrote, as read: its row is rewritten only if unchanged. */
export interface SummaryToReplace extends PaperText {
  readonly summary: string;
  readonly describedAt: string;
}

/** Under both engines' bound-parameter limits (two values per term row). */
const CHUNK = 400;
/** Term rows per upsert: two values each, well under SQLite's 32766 and Postgres's 65535. */
const TERM_CHUNK = 4000;
/** Keyword rows per upsert: five values each. */
const KEYWORD_CHUNK = 2000;
/** Papers described per transaction (the document frequencies are raised page by page). */
const PAGE = 1000;
/** Pages per transaction of `describeMissing`: term_papers is written once per transaction. */
const PAGES_PER_TRANSACTION = 20;

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

  /**
   * Describes every paper that has no keywords yet (new ones, and those whose text changed: a trigger
   * drops their row). Returns how many.
   */
  async describeMissing(now: Date, onProgress?: (done: number) => void): Promise<number> {
    const describer = new ParallelDescriber();
    try {
      return await this.describeMissingWith(describer, now, onProgress);
    } finally {
      await describer.close();
    }
  }

  private async describeMissingWith(
    describer: ParallelDescriber,
    now: Date,
    onProgress?: (done: number) => void,
  ): Promise<number> {
    let done = 0;
    // Counted once: describing adds no papers.
    let papers: number | undefined;
    // Walks the papers by id once, so each page reads only papers after the last one seen.
    let after = '';
    for (;;) {
      const described = await this.store.transaction().execute(async (trx) => {
        const sdb = searchDb(trx);
        papers ??= await countPapers(sdb);
        const frequencies = new TransactionFrequencies(sdb, papers);
        let described = 0;
        for (let page = 0; page < PAGES_PER_TRANSACTION; page++) {
          const rows = await sdb
            .selectFrom('papers as p')
            .leftJoin('paper_keywords as k', 'k.paper_id', 'p.id')
            .select(['p.id', 'p.title', 'p.abstract'])
            .where('k.paper_id', 'is', null)
            .where('p.id', '>', after)
            .orderBy('p.id')
            .limit(PAGE)
            .execute();
          if (rows.length === 0) break;
          after = rows.at(-1)?.id ?? after;
          // Each page sees the counts raised by the pages before it and by itself.
          const counts = await describer.countWords(rows);
          await frequencies.raise(counts);
          const keywords = await describer.describe(rows, frequencies, counts.keys());
          await saveKeywords(
            sdb,
            rows.map((p, i) => ({ id: p.id, ...keywords[i]! })),
            now,
          );
          described += rows.length;
        }
        await raiseTermCounts(sdb, frequencies.raised);
        return described;
      });
      if (described === 0) return done;
      done += described;
      onProgress?.(done);
    }
  }

  /** Recounts the word frequencies from every paper, then describes every paper again. */
  async rebuild(now: Date, onProgress?: (done: number) => void): Promise<number> {
    const describer = new ParallelDescriber();
    try {
      const counts = new Map<string, number>();
      let papers = 0;
      for await (const page of this.pages()) {
        addCounts(counts, await describer.countWords(page));
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
        const words = (await describer.countWords(page)).keys();
        const keywords = await describer.describe(page, frequencies, words);
        await saveKeywords(
          this.db,
          page.map((p, i) => ({ id: p.id, ...keywords[i]! })),
          now,
        );
        done += page.length;
        onProgress?.(done);
      }
      return done;
    } finally {
      await describer.close();
    }
  }

  /**
   * Up to `limit` papers after `after` (by id) whose summary `model` did not write: extractive ones
   * (summary_model NULL) and those of another model.
   */
  async summariesToReplace(model: string, after: string, limit: number): Promise<SummaryToReplace[]> {
    const rows = await this.db
      .selectFrom('paper_keywords as k')
      .innerJoin('papers as p', 'p.id', 'k.paper_id')
      .select(['p.id', 'p.title', 'p.abstract', 'k.summary', 'k.described_at'])
      .where('k.paper_id', '>', after)
      .where((eb) => eb.or([eb('k.summary_model', 'is', null), eb('k.summary_model', '!=', model)]))
      .orderBy('k.paper_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      abstract: r.abstract,
      summary: r.summary,
      describedAt: r.described_at,
    }));
  }

  /**
   * Writes the summary `model` wrote for a paper, unless its row changed since it was read (described
   * again, or its text changed): then the newer description stays. Returns whether it was written.
   */
  async replaceSummary(read: SummaryToReplace, summary: string, model: string): Promise<boolean> {
    const result = await this.db
      .updateTable('paper_keywords')
      .set({ summary, summary_model: model })
      .where('paper_id', '=', read.id)
      .where('described_at', '=', read.describedAt)
      .where('summary', '=', read.summary)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  private pages(): AsyncGenerator<PaperText[]> {
    return paperTextPages(this.store, PAGE);
  }
}

/** Adds these counts to term_papers; returns each word's count after the update. */
async function raiseTermCounts(
  db: SearchDb,
  counts: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  // In term order, so two ingests raising the same words lock them in the same order.
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([term, papers]) => ({ term, papers }));
  const raised = new Map<string, number>();
  for (const chunk of chunks(rows, TERM_CHUNK)) {
    const updated = await db
      .insertInto('term_papers')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('term')
          .doUpdateSet({ papers: (eb) => eb('term_papers.papers', '+', eb.ref('excluded.papers')) }),
      )
      .returning(['term', 'papers'])
      .execute();
    for (const row of updated) raised.set(row.term, Number(row.papers));
  }
  return raised;
}

/**
 * Document frequencies of a transaction that describes several pages: the stored counts (read once
 * per word) plus what its pages raised so far, written to term_papers once at the end.
 */
class TransactionFrequencies implements DocumentFrequencies {
  private readonly counts = new Map<string, number>();
  readonly raised = new Map<string, number>();

  constructor(
    private readonly db: SearchDb,
    readonly papers: number,
  ) {}

  papersWith(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  async raise(batch: ReadonlyMap<string, number>): Promise<void> {
    const unseen = [...batch.keys()].filter((w) => !this.counts.has(w));
    for (const chunk of chunks(unseen, TERM_CHUNK)) {
      const rows = await this.db.selectFrom('term_papers').selectAll().where('term', 'in', chunk).execute();
      for (const row of rows) this.counts.set(row.term, Number(row.papers));
    }
    for (const [word, n] of batch) {
      this.counts.set(word, (this.counts.get(word) ?? 0) + n);
      this.raised.set(word, (this.raised.get(word) ?? 0) + n);
    }
  }
}

async function countPapers(db: SearchDb): Promise<number> {
  const total = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(total.n);
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
    // Described again from the text: the summary is extractive until a chat model rewrites it.
    summary_model: null,
    described_at: stamp,
  }));
  for (const chunk of chunks(rows, KEYWORD_CHUNK)) {
    await db
      .insertInto('paper_keywords')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('paper_id').doUpdateSet({
          keywords: (eb) => eb.ref('excluded.keywords'),
          summary: (eb) => eb.ref('excluded.summary'),
          summary_model: null,
          described_at: (eb) => eb.ref('excluded.described_at'),
        }),
      )
      .execute();
  }
}
