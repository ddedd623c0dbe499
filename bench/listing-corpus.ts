/**
 * The listing benchmark's store, as one JSONL file in the corpus's own form with a `listing` per paper:
 * the first 50 papers on the latest day (what `/papers` shows), the next ones 50 a day on the days before.
 */
import fs from 'node:fs';
import readline from 'node:readline';

export interface ListingCorpus {
  readonly file: string;
  readonly latestDay: string;
  /** Earlier days with a full listing each, newest first. */
  readonly archiveDays: readonly string[];
  readonly papersPerDay: number;
}

export interface ListingCorpusOptions {
  readonly papersPerDay: number;
  readonly latestDay: string;
  readonly maxArchiveDays: number;
}

export async function writeListingCorpus(
  corpus: string,
  out: string,
  options: ListingCorpusOptions,
): Promise<ListingCorpus> {
  const { papersPerDay, latestDay, maxArchiveDays } = options;
  const maxPapers = papersPerDay * (1 + maxArchiveDays);
  const output = fs.createWriteStream(out, 'utf8');
  const reader = readline.createInterface({
    input: fs.createReadStream(corpus, 'utf8'),
    crlfDelay: Infinity,
  });
  let n = 0;
  let chunk: string[] = [];
  for await (const line of reader) {
    if (line === '') continue;
    if (n >= maxPapers) break;
    const dayIndex = Math.floor(n / papersPerDay);
    const paper = JSON.parse(line) as Record<string, unknown>;
    paper.listing = {
      day: daysBefore(latestDay, dayIndex),
      position: (n % papersPerDay) + 1,
      source: 'bench',
    };
    chunk.push(JSON.stringify(paper));
    n++;
    if (chunk.length >= 1000) {
      output.write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  reader.close();
  output.end(chunk.length > 0 ? `${chunk.join('\n')}\n` : '');
  await new Promise<void>((resolve, reject) => output.on('finish', resolve).on('error', reject));
  // Only full days count: a page of fewer papers would not be the same page.
  const archiveCount = Math.max(0, Math.floor(n / papersPerDay) - 1);
  const archiveDays = Array.from({ length: archiveCount }, (_, i) => daysBefore(latestDay, i + 1));
  return { file: out, latestDay, archiveDays, papersPerDay };
}

/** `YYYY-MM-DD`, `count` days before `day`. */
function daysBefore(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - count);
  return date.toISOString().slice(0, 10);
}
