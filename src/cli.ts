/** The `paperpulse` command: parses arguments and calls into the composition root. */

import { once } from 'node:events';
import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { formatSummary, progressReporter } from './cli/progress.ts';
import { type Config, describeConfig, loadConfig, settings } from './config/config.ts';
import { openDatabase } from './db/connect.ts';
import { migrate, schemaStatus } from './db/migrate.ts';
import { AppError } from './domain/errors.ts';
import { isValidDay } from './domain/period.ts';
import { SOURCE_FORMATS, type SourceFormat } from './ingest/source.ts';
import { createApp, createServer, importDemoOnFirstStart, ingestInput } from './main.ts';
import { exportPapers } from './papers/export.ts';

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
    const stop = async () => {
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
    'import papers from a file or directory (JSONL, HF daily papers JSON, arXiv Atom, OAI-PMH, .abs)',
  )
  .argument('<input>', 'a file or a directory')
  .addOption(
    new Option('--format <format>', 'the input format').choices(['auto', ...SOURCE_FORMATS]).default('auto'),
  )
  .option('--listing-day <day>', 'put every paper read on this day’s listing (YYYY-MM-DD)', parseDayOption)
  .option('--batch-size <n>', 'records per transaction', parsePositive, 1000)
  .action(
    async (
      input: string,
      options: { format: SourceFormat | 'auto'; listingDay?: string; batchSize: number },
    ) => {
      const config = loadConfig();
      const app = await createApp(config, { schema: config.autoMigrate ? 'auto' : 'check' });
      const progress = progressReporter();
      try {
        const summary = await ingestInput(app, input, options.format, {
          batchSize: options.batchSize,
          ...(options.listingDay ? { listingDay: options.listingDay } : {}),
          onProgress: (s) => progress.update(s),
        });
        progress.done();
        console.log(formatSummary(summary));
        process.exitCode = summary.rejected > 0 ? EXIT.partial : EXIT.ok;
      } finally {
        progress.done();
        await app.close();
      }
    },
  );

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
