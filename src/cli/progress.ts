import type { IngestSummary } from '../ingest/ingest.ts';
import type { SearchUpdate } from '../search/search-update.ts';

/**
 * Progress for long jobs: a line redrawn in place on a TTY, a plain line every few seconds otherwise
 * (so logs from cron or CI stay readable).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr, intervalMs = 5000) {
  const tty = stream.isTTY === true;
  let lastLine = 0;
  const show = (line: () => string) => {
    const now = Date.now();
    if (!tty && now - lastLine < intervalMs) return;
    lastLine = now;
    if (tty) stream.write(`\r\x1b[2K${spinner(now)} ${line()}`);
    else stream.write(`${new Date().toISOString()} ${line()}\n`);
  };
  return {
    update(summary: Readonly<IngestSummary>) {
      show(() => {
        const rate = summary.seconds > 0 ? Math.round(summary.read / summary.seconds) : 0;
        return `${summary.source}: ${summary.read.toLocaleString('en-US')} read · ${summary.new} new · ${summary.updated} updated · ${summary.unchanged} unchanged · ${summary.rejected} rejected · ${rate.toLocaleString('en-US')}/s`;
      });
    },
    /** A later step of the same job: how many papers it has done so far. */
    phase(name: string, done: number) {
      show(() => `search: ${name} · ${done.toLocaleString('en-US')} papers`);
    },
    done() {
      if (tty) stream.write('\r\x1b[2K');
    },
  };
}

function spinner(now: number): string {
  return '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'[Math.floor(now / 100) % 10] ?? '·';
}

export function formatSummary(summary: IngestSummary): string {
  const lines = [
    `${summary.source}: read ${summary.read} records in ${summary.seconds.toFixed(1)} s`,
    `  new ${summary.new}, updated ${summary.updated}, unchanged ${summary.unchanged}, listed ${summary.listed}, rejected ${summary.rejected}`,
  ];
  if (summary.resumedFrom) lines.push(`  resumed from cursor ${summary.resumedFrom}`);
  for (const r of summary.rejections) lines.push(`  rejected ${r.where}: ${r.reason}`);
  if (summary.rejected > summary.rejections.length) {
    lines.push(`  … and ${summary.rejected - summary.rejections.length} more rejected`);
  }
  return lines.join('\n');
}

export function formatSearchUpdate(update: SearchUpdate): string {
  const line = `search: ${update.indexed} indexed, ${update.described} described, ${update.embedded} embedded, ${update.summarized} summarized in ${update.seconds.toFixed(1)} s`;
  return update.summaryError ? `${line}\n  ${update.summaryError}` : line;
}
