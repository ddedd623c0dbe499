/** The readable report of a benchmark run. Figures only: goals are shown beside them, never asserted. */
import { BATCH_SIZE, type IngestFigures, type IngestMeasure } from './ingest.ts';
import { type ListingFigures, MIN_ARCHIVE_DAYS, type TargetFigures, type TargetSet } from './listing.ts';

export const GOALS = {
  firstImportPapersPerSecond: 20_000,
  listingRequestsPerSecond: 1_500,
  listingShareOfStatic: 0.5,
} as const;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
const versus = (value: number, goal: number) => (value >= goal ? 'meets' : 'below');

export function ingestReport(f: IngestFigures): string[] {
  const row = (label: string, m: IngestMeasure) =>
    `  ${label.padEnd(26)} ${int(m.papersPerSecond).padStart(7)} papers/s  ${m.seconds.toFixed(2).padStart(6)} s` +
    ` (CPU ${m.cpuSeconds.toFixed(2)} s${m.mainThreadCpuSeconds === null ? '' : `, main thread ${m.mainThreadCpuSeconds.toFixed(2)} s`})  peak RSS ${mb(m.peakRssBytes)} (${mb(m.baselineRssBytes)} before)` +
    `  db ${mb(m.dbBytes)}\n${' '.repeat(29)}read ${int(m.read)}: ${int(m.new)} new, ${int(m.updated)} updated, ` +
    `${int(m.unchanged)} unchanged, ${int(m.rejected)} rejected`;
  const catchUp = (label: string, m: IngestMeasure) => {
    if (!m.search) return [];
    const s = m.search;
    const total = m.seconds + s.seconds;
    return [
      `  ${label.padEnd(26)} ${int(s.indexed).padStart(7)} indexed, ${int(s.described)} described in ${s.seconds.toFixed(2)} s` +
        ` (CPU ${s.cpuSeconds.toFixed(2)} s); import + search ${int(m.read / total)} papers/s overall`,
    ];
  };
  return [
    `Ingest — JSONL into SQLite, ${int(BATCH_SIZE)} papers per transaction`,
    row('first import (pipeline)', f.firstImport),
    ...catchUp('  then search catches up', f.firstImport),
    row('re-import (pipeline)', f.reimport),
    ...catchUp('  then search catches up', f.reimport),
    row('raw better-sqlite3 floor', f.rawFloor),
    `  first import = ${pct(f.ratioToFloor)} of the floor's rate; goal ≥ ${int(GOALS.firstImportPapersPerSecond)} papers/s: ` +
      versus(f.firstImport.papersPerSecond, GOALS.firstImportPapersPerSecond),
  ];
}

export function listingReport(f: ListingFigures): string[] {
  const row = (label: string, t: TargetFigures) =>
    `  ${label.padEnd(24)} ${t.path.padEnd(30)} ${int(t.requestsPerSecond).padStart(7)} req/s` +
    `  p50 ${t.p50Ms.toFixed(1).padStart(5)} ms  p99 ${t.p99Ms.toFixed(1).padStart(5)} ms` +
    `  server CPU ${pct(t.serverCpu).padStart(5)}  ${int(t.bytesPerResponse)} B/response` +
    (t.non2xx + t.errors > 0 ? `  (!) ${t.non2xx} non-2xx, ${t.errors} errors/timeouts` : '');
  const archive = (figures: TargetFigures | null) =>
    figures
      ? row('archive days, uncached', figures)
      : `  archive days, uncached   skipped: ${f.archiveDays} archive days, fewer than ${MIN_ARCHIVE_DAYS} (give --n ≥ ${int((MIN_ARCHIVE_DAYS + 1) * f.papersPerDay)})`;
  const goals = (listing: TargetFigures, ratioToStaticFile: number) =>
    `goals ≥ ${int(GOALS.listingRequestsPerSecond)} req/s: ${versus(listing.requestsPerSecond, GOALS.listingRequestsPerSecond)}, ` +
    `≥ ${pct(GOALS.listingShareOfStatic)} of static: ${versus(ratioToStaticFile, GOALS.listingShareOfStatic)}`;
  const targets = (set: TargetSet) => [
    row('listing page', set.listing),
    archive(set.archive),
    row('static file (ceiling)', set.staticFile),
    row('same bytes from memory', set.staticMemory),
    `  /papers = ${pct(set.ratioToStaticFile)} of the static file, ${pct(set.ratioToStaticMemory)} of the in-memory route; ` +
      goals(set.listing, set.ratioToStaticFile),
  ];
  const c = f.compressed;
  return [
    `Listing — days of ${f.papersPerDay} papers (${int(f.listed)} listed), /papers ${int(f.pageBytes)} bytes, ` +
      `${f.connections} connections, ${f.seconds} s each`,
    '  without Accept-Encoding (as rendered):',
    ...targets(f),
    `  with a browser's Accept-Encoding: ${c.acceptEncoding} (${c.coding}: /papers ${int(c.brBytes)} bytes, ` +
      `${(f.pageBytes / c.brBytes).toFixed(1)}× smaller; gzip ${int(c.gzipBytes)} bytes):`,
    ...targets(c),
    '  (server CPU near 100 % means the server was the limit; well under it, autocannon on the other core was)',
  ];
}
