/**
 * `paperpulse subscribers import|export`: moving subscribers between Paperpulse and other tools. Bad rows
 * are reported and skipped while good rows are kept; importing the same file again changes nothing.
 */
import { BadRequestError } from '../domain/errors.ts';
import { csvLine, parseCsv } from './csv.ts';
import { normaliseEmail } from './email-address.ts';
import type { Frequency } from './schema.ts';
import type { SubscriptionService } from './subscription-service.ts';
import type { SubscriptionStore } from './subscription-store.ts';
import { formatTopics, parseMixedTopics, type Topics } from './topics.ts';

export interface ImportSummary {
  read: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

export interface ImportOptions {
  /** The operator vouches the addresses opted in elsewhere: they become subscribers at once. */
  readonly confirmed: boolean;
  readonly now: Date;
}

export async function importSubscribers(
  csv: string,
  store: SubscriptionStore,
  service: SubscriptionService,
  options: ImportOptions,
): Promise<ImportSummary> {
  const [header, ...rows] = parseCsv(csv);
  const columns = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  const col = (name: string) => columns.indexOf(name);
  if (col('email') < 0)
    throw new BadRequestError('the first line must be a header with at least an "email" column');
  const summary: ImportSummary = { read: 0, new: 0, updated: 0, unchanged: 0, rejected: [] };
  const seen = new Set<string>();
  for (const row of rows) {
    summary.read++;
    const value = (name: string) => (col(name) >= 0 ? (row.fields[col(name)] ?? '').trim() : '');
    const parsed = parseRow(value('email'), value('frequency'), value('topics'));
    if ('reason' in parsed) {
      summary.rejected.push({ line: row.line, reason: parsed.reason });
      continue;
    }
    if (seen.has(parsed.email)) {
      summary.rejected.push({
        line: row.line,
        reason: `${parsed.email} appears twice; the first row counts`,
      });
      continue;
    }
    seen.add(parsed.email);
    summary[await upsert(parsed, store, service, options)]++;
  }
  return summary;
}

type Row = { email: string; frequency: Frequency; topics: Topics };

function parseRow(emailText: string, frequencyText: string, topicsText: string): Row | { reason: string } {
  const email = normaliseEmail(emailText);
  if (email === null) return { reason: `“${emailText.slice(0, 80)}” is not an email address` };
  const frequency = (frequencyText.toLowerCase() || 'daily') as Frequency;
  if (frequency !== 'daily' && frequency !== 'weekly') {
    return { reason: `frequency must be daily or weekly, not “${frequencyText.slice(0, 20)}”` };
  }
  const topics = parseMixedTopics(topicsText);
  if (!topics.ok) return { reason: topics.reason };
  return { email, frequency, topics: topics.topics };
}

async function upsert(
  row: Row,
  store: SubscriptionStore,
  service: SubscriptionService,
  options: ImportOptions,
): Promise<'new' | 'updated' | 'unchanged'> {
  const status = options.confirmed ? 'confirmed' : 'pending';
  const inserted = await store.insert(
    {
      ...row,
      status,
      consentSource: 'import',
      consentIpHash: null,
      consentAt: options.confirmed ? options.now.toISOString() : null,
    },
    options.now,
  );
  const existing = await store.byEmail(row.email);
  if (!existing) return 'unchanged';
  if (inserted) {
    if (!options.confirmed)
      await service.sendConfirmation(existing, { ...row, source: 'import' }, null, options.now);
    return 'new';
  }
  const same =
    existing.frequency === row.frequency && formatTopics(existing.topics) === formatTopics(row.topics);
  if (same) return 'unchanged';
  await store.updatePreferences(existing.id, row.frequency, row.topics, options.now);
  return 'updated';
}

/** Every subscription as CSV (email, frequency, topics, status, consent), by email, re-importable. */
export async function exportSubscribers(store: SubscriptionStore, write: (chunk: string) => Promise<void>) {
  await write(csvLine(['email', 'frequency', 'topics', 'status', 'consent_at', 'consent_source']));
  let after = '';
  let count = 0;
  for (;;) {
    const page = await store.page(after, 1000);
    if (page.length === 0) return count;
    let chunk = '';
    for (const s of page) {
      chunk += csvLine([
        s.email,
        s.frequency,
        formatTopics(s.topics),
        s.status,
        s.consentAt ?? '',
        s.consentSource ?? '',
      ]);
    }
    await write(chunk);
    count += page.length;
    after = page[page.length - 1]?.email ?? after;
  }
}
