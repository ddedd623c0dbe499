/** The `paperpulse` command: parses arguments and calls into the composition root. */

import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { addMember } from './accounts/add-member.ts';
import { formatSearchUpdate, formatSummary, progressReporter } from './cli/progress.ts';
import { type Config, describeConfig, loadConfig, settings } from './config/config.ts';
import { openDatabase } from './db/connect.ts';
import { migrate, schemaStatus } from './db/migrate.ts';
import { registerDigestCommands } from './digest/cli-commands.ts';
import { startDigestScheduler } from './digest/scheduler.ts';
import { AppError } from './domain/errors.ts';
import { isValidDay } from './domain/period.ts';
import { registerStarCommands } from './github/cli-commands.ts';
import { DEFAULT_BATCH_SIZE, type IngestOptions, type IngestSummary } from './ingest/ingest.ts';
import type { Source } from './ingest/source.ts';
import { SOURCE_FORMATS, type SourceFormat } from './ingest/source.ts';
import { arxivApiSource } from './ingest/sources/arxiv-atom.ts';
import { hfPapersUrlSource } from './ingest/sources/hf-daily.ts';
import { type OaiMetadataPrefix, oaiPmhSource } from './ingest/sources/oai-pmh.ts';
import {
  type App,
  createApp,
  createServer,
  importDemoOnFirstStart,
  importInput,
  importSource,
  startSearchByMeaning,
  updateAppSearch,
} from './main.ts';
import { exportPapers } from './papers/export.ts';
import { readQrels, readQueries } from './search/eval/beir.ts';
import { evaluateBeir, loadBeirCorpus } from './search/eval/run-beir.ts';
import { reindexSearch, startMeaningSearch } from './search/reindex.ts';
import { SEARCH_MODES, type SearchMode } from './search/search-service.ts';
import { registerSubscriberCommands, type WithApp } from './subscriptions/cli-commands.ts';

/** Exit codes: 0 done, 1 failed, 2 bad usage or input, 3 finished but some records were rejected. */
const EXIT = { ok: 0, failed: 1, usage: 2, partial: 3 } as const;

const program = new Command('paperpulse')
  .description('A self-hosted home for research papers.')
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.usage));

program
  .command('serve')
  .description('serve the web site (imports the demo set into an empty store on first start)')
  .action(async () => {
    const started = Date.now();
    const config = loadConfig();
    const app = await createApp(config, { schema: config.autoMigrate ? 'auto' : 'check' });
    const demo = await importDemoOnFirstStart(app);
    if (demo) console.log(`Imported the demo set: ${demo.new} papers on the listing of 2025-03-14.`);
    const server = await createServer(app);
    const address = await server.listen({ port: config.port, host: config.host });
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    console.log(
      `Paperpulse is serving at ${config.publicUrl} (listening on ${address}, ready in ${seconds} s)`,
    );
    startSearchByMeaning(app).then(
      () =>
        app.logger.info({ papers: app.meaning.size, model: app.meaning.model }, 'search by meaning is ready'),
      (error: unknown) =>
        app.logger.error({ err: error }, 'search by meaning could not start; searches rank by keyword'),
    );
    const { scheduleHour, timeZone } = config.digest;
    const stopDigests =
      scheduleHour === null
        ? () => {}
        : startDigestScheduler(app.digests, { timeZone, hour: scheduleHour }, app.logger);
    const stop = async () => {
      stopDigests();
      await server.close();
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--status', 'only show which migrations are applied and pending')
  .action(async (options: { status?: boolean }) => {
    const config = loadConfig();
    const database = await openDatabase(config.database);
    try {
      if (options.status) {
        const status = await schemaStatus(database);
        console.log(JSON.stringify(status, null, 2));
        return;
      }
      const applied = await migrate(database);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The schema is up to date.');
    } finally {
      await database.close();
    }
  });

program
  .command('ingest')
  .description(
    'import papers from a file, a directory of .abs files, or a URL (arXiv API, OAI-PMH, Hugging Face)',
  )
  .argument('<input>', 'a file, a directory or an http(s) URL')
  .addOption(
    new Option('--format <format>', 'the input format').choices(['auto', ...SOURCE_FORMATS]).default('auto'),
  )
  .option('--listing-day <day>', 'put every paper read on this day’s listing (YYYY-MM-DD)', parseDayOption)
  .option('--batch-size <n>', 'records per transaction', parsePositive, DEFAULT_BATCH_SIZE)
  .action((input: string, options: { format: SourceFormat | 'auto' } & RunOptions) =>
    runIngest(options, (app, onProgress) =>
      importInput(app, input, options.format, ingestOptions(options, onProgress)),
    ),
  );

const harvest = program
  .command('harvest')
  .description('fetch papers from arXiv or Hugging Face into the store');

harvest
  .command('arxiv')
  .description('search the arXiv API, or look up ids, page by page (one request every ARXIV_MIN_INTERVAL_MS)')
  .option('--query <query>', 'arXiv search_query, e.g. "cat:cs.CL AND ti:transformer"')
  .option('--ids <ids>', 'comma-separated arXiv ids')
  .option('--max <n>', 'stop after this many results', parsePositive)
  .option('--page-size <n>', 'results per request (at most 2000)', parsePositive, 100)
  .option('--batch-size <n>', 'records per transaction', parsePositive, DEFAULT_BATCH_SIZE)
  .action((options: { query?: string; ids?: string; max?: number; pageSize: number } & RunOptions) =>
    runIngest(options, (app, onProgress) =>
      importSource(
        app,
        arxivApiSource({
          client: app.http,
          apiUrl: app.config.arxiv.apiUrl,
          ...(options.query ? { query: options.query } : {}),
          ...(options.ids ? { ids: options.ids.split(',').map((id) => id.trim()) } : {}),
          ...(options.max ? { maxResults: options.max } : {}),
          pageSize: options.pageSize,
        }),
        ingestOptions(options, onProgress),
      ),
    ),
  );

harvest
  .command('oai')
  .description('harvest arXiv over OAI-PMH (ListRecords); an interrupted harvest resumes where it stopped')
  .addOption(
    new Option('--prefix <prefix>', 'metadata format')
      .choices(['arXiv', 'arXivRaw', 'oai_dc'])
      .default('arXiv'),
  )
  .option('--set <set>', 'an arXiv set, e.g. cs or physics:hep-th')
  .option('--from <day>', 'first datestamp (YYYY-MM-DD)', parseDayOption)
  .option('--until <day>', 'last datestamp (YYYY-MM-DD)', parseDayOption)
  .option('--batch-size <n>', 'records per transaction', parsePositive, DEFAULT_BATCH_SIZE)
  .action(
    (options: { prefix: OaiMetadataPrefix; set?: string; from?: string; until?: string } & RunOptions) =>
      runIngest(options, (app, onProgress) =>
        importSource(
          app,
          oaiPmhSource({
            client: app.http,
            baseUrl: app.config.arxiv.oaiUrl,
            metadataPrefix: options.prefix,
            ...(options.set ? { set: options.set } : {}),
            ...(options.from ? { from: options.from } : {}),
            ...(options.until ? { until: options.until } : {}),
            cursorKey: `oai:${options.prefix}:${options.set ?? ''}:${options.from ?? ''}:${options.until ?? ''}`,
          }),
          ingestOptions(options, onProgress),
        ),
      ),
  );

harvest
  .command('hf')
  .description('import a day of the Hugging Face daily papers, with its upvotes and submitters')
  .option('--date <day>', 'the day (YYYY-MM-DD); the latest when not given', parseDayOption)
  .option('--batch-size <n>', 'records per transaction', parsePositive, DEFAULT_BATCH_SIZE)
  .action((options: { date?: string } & RunOptions) =>
    runIngest(options, (app, onProgress) => {
      const url = `${app.config.huggingFaceUrl}/api/daily_papers${options.date ? `?date=${options.date}` : ''}`;
      const source: Source = hfPapersUrlSource(async (u) => (await app.http.get(u)).body, url, {
        listing: true,
      });
      return importSource(app, source, ingestOptions(options, onProgress));
    }),
  );

interface RunOptions {
  readonly batchSize: number;
  readonly listingDay?: string;
}

type ProgressCallback = NonNullable<IngestOptions['onProgress']>;

function ingestOptions(options: RunOptions, onProgress: ProgressCallback) {
  return {
    batchSize: options.batchSize,
    onProgress,
    ...(options.listingDay ? { listingDay: options.listingDay } : {}),
  };
}

/** Opens the store, runs one import with progress, prints its summary and sets the exit code. */
async function runIngest(
  _options: RunOptions,
  run: (app: App, onProgress: ProgressCallback) => Promise<IngestSummary>,
): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, { schema: config.autoMigrate ? 'auto' : 'check' });
  const progress = progressReporter();
  const interrupt = () => {
    progress.done();
    console.error('Interrupted: what was committed stays; run the same command again to resume.');
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  try {
    const summary = await run(app, (s) => progress.update(s));
    progress.done();
    console.log(formatSummary(summary));
    process.exitCode = summary.rejected > 0 ? EXIT.partial : EXIT.ok;
    // The papers are in; search catches up with them (an interruption here loses nothing: it stays queued).
    const update = await updateAppSearch(app, (p) => progress.phase(p.phase, p.done));
    progress.done();
    console.log(formatSearchUpdate(update));
  } finally {
    progress.done();
    process.off('SIGINT', interrupt);
    await app.close();
  }
}

program
  .command('export')
  .description('write every paper as JSON Lines, by id (re-importable with `paperpulse ingest`)')
  .option('--out <file>', 'write to a file instead of standard output')
  .action(async (options: { out?: string }) => {
    const config = loadConfig();
    const app = await createApp(config, { schema: 'check' });
    const target = options.out ? fs.createWriteStream(`${options.out}.partial`) : process.stdout;
    try {
      const count = await exportPapers(app.papers, app.listings, async (chunk) => {
        if (!target.write(chunk)) await once(target, 'drain');
      });
      if (options.out) {
        await new Promise<void>((resolve, reject) =>
          target.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        fs.renameSync(`${options.out}.partial`, options.out);
      }
      console.error(`Exported ${count} papers${options.out ? ` to ${options.out}` : ''}.`);
    } finally {
      await app.close();
    }
  });

program
  .command('reindex')
  .description('rebuild the search indexes: the keyword index, the built-in model and every paper vector')
  .action(async () => {
    const config = loadConfig();
    const app = await createApp(config, { schema: config.autoMigrate ? 'auto' : 'check' });
    const started = Date.now();
    try {
      let last = 0;
      await reindexSearch(app.database.db, app.database.kind, app.meaning, app.vectors, {
        onProgress: (p) => {
          const now = Date.now();
          if (p.done > 0 && now - last < 1000) return;
          last = now;
          if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${p.phase}: ${p.done} papers`);
          else console.error(`${p.phase}: ${p.done} papers`);
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `Reindexed: keyword index rebuilt, ${app.meaning.size} papers embedded with ${app.meaning.model} in ${seconds} s.`,
      );
      // Describing again put the extractive summaries back: the chat model writes its own again.
      if (app.summarizer) console.log(formatSearchUpdate(await updateAppSearch(app)));
    } finally {
      await app.close();
    }
  });

program
  .command('eval')
  .description('measure search quality')
  .command('beir')
  .description(
    'index a BEIR folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv) into a throwaway store and print nDCG@10 and recall@100',
  )
  .argument('<dir>', 'the BEIR folder')
  .option('--split <split>', 'the qrels split to judge by', 'test')
  .addOption(
    new Option('--mode <mode>', 'which ranking to measure').choices([...SEARCH_MODES, 'all']).default('all'),
  )
  .action(async (dir: string, options: { split: string; mode: SearchMode | 'all' }) => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-eval-'));
    const base = loadConfig();
    const config: Config = {
      ...base,
      database: { kind: 'sqlite', url: path.join(scratch, 'eval.db') },
      demoDataFile: null,
    };
    const app = await createApp(config, { schema: 'auto' });
    try {
      const qrels = readQrels(dir, options.split);
      const queries = await readQueries(dir);
      const started = Date.now();
      const count = await loadBeirCorpus(dir, app.papers);
      // The keyword index is filled after an import (queued): building the in-memory index, as serving
      // does, fills it first.
      await app.impacts?.build();
      console.error(`Indexed ${count} documents in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      const modes = options.mode === 'all' ? SEARCH_MODES : [options.mode];
      if (modes.some((m) => m !== 'keyword')) {
        const training = Date.now();
        await startMeaningSearch(app.meaning, app.vectors);
        console.error(
          `Trained ${app.meaning.model} and embedded ${app.meaning.size} papers in ${((Date.now() - training) / 1000).toFixed(1)} s.`,
        );
      }
      const figures = await evaluateBeir(app.search, queries, qrels, modes);
      console.log(JSON.stringify(figures));
    } finally {
      await app.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

const user = program.command('user').description('manage members');
user
  .command('add')
  .description("create a member (or change an existing one's role)")
  .argument('<email>', "the member's email address")
  .option('--role <role>', 'member, editor or admin', 'member')
  .action(async (email: string, options: { role: string }) => {
    const config = loadConfig();
    const app = await createApp(config, { schema: config.autoMigrate ? 'auto' : 'check' });
    try {
      const member = await addMember(app.members, email, options.role, new Date());
      console.log(`${member.email} is @${member.username}, ${member.role}.`);
    } finally {
      await app.close();
    }
  });

/** Opens the app (migrating when AUTO_MIGRATE allows), runs `work`, closes it. */
const withApp: WithApp = async (work) => {
  const config = loadConfig();
  const app = await createApp(config, { schema: config.autoMigrate ? 'auto' : 'check' });
  try {
    await work(app);
  } finally {
    await app.close();
  }
};
registerSubscriberCommands(program, withApp);
registerDigestCommands(program, withApp);
registerStarCommands(program, withApp);

program
  .command('config')
  .description('print the configuration in force (secrets hidden) and the settings that change it')
  .action(() => {
    const config: Config = loadConfig();
    console.log(JSON.stringify(describeConfig(config), null, 2));
    console.log('\nSettings (environment variables):');
    for (const [name, fallback, meaning] of settings)
      console.log(`  ${name.padEnd(22)} ${meaning} (default ${fallback})`);
  });

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('a whole number from 1 to 100000');
  return n;
}

function parseDayOption(value: string): string {
  if (!isValidDay(value)) throw new InvalidArgumentError('a date as YYYY-MM-DD');
  return value;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`paperpulse: ${error.message}`);
    process.exit(error.code === 'bad_request' || error.code === 'config' ? EXIT.usage : EXIT.failed);
  }
  console.error('paperpulse: unexpected failure');
  console.error(error);
  process.exit(EXIT.failed);
}
