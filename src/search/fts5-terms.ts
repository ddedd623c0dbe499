/**
 * The terms FTS5 makes of a text (tokenizer 'porter unicode61 remove_diacritics 2', as papers_fts),
 * computed in-process: words split as unicode61 splits them, each stemmed by asking FTS5 itself once
 * per distinct word (a temporary FTS5 table and its fts5vocab), then remembered. SQLite only.
 */
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';

/** unicode61's token characters: letters, numbers and private-use characters; the rest separates. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const PROBE_CHUNK = 400;

/** The words of a text, lowercased, as unicode61 cuts them (before stemming). */
export function fts5Words(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

export class Fts5Terms {
  private readonly stems = new Map<string, string>();
  /** Each term's words: every word seen whose stem it is. */
  private readonly words = new Map<string, string[]>();
  private ready = false;

  constructor(private readonly db: Db) {}

  /** The stem of a word already resolved (by `resolve`), or undefined. */
  stemOf(word: string): string | undefined {
    return this.stems.get(word);
  }

  /** The words seen that FTS5 makes this term of ("cells", "cell" → "cell"). */
  wordsOf(term: string): readonly string[] {
    return this.words.get(term) ?? [term];
  }

  private remember(word: string, term: string): void {
    this.stems.set(word, term);
    const words = this.words.get(term);
    if (words) words.push(word);
    else this.words.set(term, [word]);
  }

  /** Stems every word not seen before, through FTS5's own tokenizer. */
  async resolve(words: Iterable<string>): Promise<void> {
    const unknown = [...new Set([...words].filter((w) => !this.stems.has(w)))];
    if (unknown.length === 0) return;
    await this.prepare();
    await this.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM temp.pp_stem_probe`.execute(trx);
      for (let i = 0; i < unknown.length; i += PROBE_CHUNK) {
        const chunk = unknown.slice(i, i + PROBE_CHUNK);
        const rows = chunk.map((w, j) => sql`(${i + j + 1}, ${w})`);
        await sql`INSERT INTO temp.pp_stem_probe (rowid, w) VALUES ${sql.join(rows)}`.execute(trx);
      }
      const found = await sql<{ doc: number; term: string }>`
        SELECT doc, term FROM temp.pp_stem_probe_terms WHERE offset = 0`.execute(trx);
      for (const row of found.rows) {
        const word = unknown[Number(row.doc) - 1];
        if (word !== undefined) this.remember(word, row.term);
      }
      await sql`DELETE FROM temp.pp_stem_probe`.execute(trx);
    });
    // A word FTS5 makes no token of keeps itself: it then matches nothing, as in FTS5.
    for (const w of unknown) if (!this.stems.has(w)) this.remember(w, w);
  }

  private async prepare(): Promise<void> {
    if (this.ready) return;
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.pp_stem_probe USING fts5(
      w, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(this.db);
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.pp_stem_probe_terms
      USING fts5vocab(temp, 'pp_stem_probe', 'instance')`.execute(this.db);
    this.ready = true;
  }
}
