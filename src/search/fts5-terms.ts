/**
 * The terms FTS5 makes of a text (tokenizer 'porter unicode61 remove_diacritics 2', as papers_fts),
 * computed in-process: words split as unicode61 splits them, each stemmed by asking FTS5 itself once
 * per distinct word (a temporary FTS5 table and its fts5vocab), then remembered. SQLite only.
 */
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';

/** unicode61's token characters: letters, numbers and private-use characters; the rest separates. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
/** The same for ASCII text (most of it), where a plain class is several times faster. */
const ASCII_TOKEN = /[a-z0-9]+/g;
const NON_ASCII = /[^\p{ASCII}]/u;
const PROBE_CHUNK = 400;

/** The words of a text, lowercased, as unicode61 cuts them (before stemming). */
export function fts5Words(text: string): string[] {
  const lower = text.toLowerCase();
  return lower.match(NON_ASCII.test(lower) ? TOKEN : ASCII_TOKEN) ?? [];
}

export class Fts5Terms {
  private readonly stems = new Map<string, string>();
  private ready = false;

  constructor(private readonly db: Db) {}

  /** The stem of a word already resolved (by `resolve`), or undefined. */
  stemOf(word: string): string | undefined {
    return this.stems.get(word);
  }

  /** Stems every word not seen before, through FTS5's own tokenizer, and remembers the stems. */
  async resolve(words: Iterable<string>): Promise<void> {
    const unknown = [...new Set([...words].filter((w) => !this.stems.has(w)))];
    if (unknown.length === 0) return;
    const stems = await this.stem(unknown);
    for (const [i, w] of unknown.entries()) this.stems.set(w, stems[i]!);
  }

  /** The stems of these words, through FTS5's own tokenizer, without remembering them. */
  async stem(words: readonly string[]): Promise<string[]> {
    await this.prepare();
    // A word FTS5 makes no token of keeps itself: it then matches nothing, as in FTS5.
    const stems = [...words];
    await this.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM temp.pp_stem_probe`.execute(trx);
      for (let i = 0; i < words.length; i += PROBE_CHUNK) {
        const chunk = words.slice(i, i + PROBE_CHUNK);
        const rows = chunk.map((w, j) => sql`(${i + j + 1}, ${w})`);
        await sql`INSERT INTO temp.pp_stem_probe (rowid, w) VALUES ${sql.join(rows)}`.execute(trx);
      }
      const found = await sql<{ doc: number; term: string }>`
        SELECT doc, term FROM temp.pp_stem_probe_terms WHERE offset = 0`.execute(trx);
      for (const row of found.rows) stems[Number(row.doc) - 1] = row.term;
      await sql`DELETE FROM temp.pp_stem_probe`.execute(trx);
    });
    return stems;
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
