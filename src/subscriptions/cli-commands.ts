/** `paperpulse subscribers import|export|suppress`. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { BadRequestError } from '../domain/errors.ts';
import type { App } from '../main.ts';
import { normaliseEmail } from './email-address.ts';
import { exportSubscribers, importSubscribers } from './import-export.ts';

export type WithApp = (work: (app: App) => Promise<void>) => Promise<void>;

export function registerSubscriberCommands(program: Command, withApp: WithApp): void {
  const subscribers = program
    .command('subscribers')
    .description('import, export and suppress digest subscribers');

  subscribers
    .command('import')
    .description('add subscribers from a CSV file with a header row: email (required), frequency, topics')
    .argument('<file>', 'the CSV file')
    .option(
      '--confirmed',
      'they opted in elsewhere: subscribe them at once (otherwise each gets a confirmation email)',
    )
    .action((file: string, options: { confirmed?: boolean }) =>
      withApp(async (app) => {
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          throw new BadRequestError(`${file} cannot be read`);
        }
        const summary = await importSubscribers(text, app.subscriptionStore, app.subscriptions, {
          confirmed: options.confirmed === true,
          now: new Date(),
        });
        console.log(
          `${file}: read ${summary.read} rows: new ${summary.new}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length}`,
        );
        for (const r of summary.rejected) console.log(`  rejected ${file}:${r.line}: ${r.reason}`);
        process.exitCode = summary.rejected.length > 0 ? 3 : 0;
      }),
    );

  subscribers
    .command('export')
    .description('write every subscription as CSV to standard output (re-importable)')
    .action(() =>
      withApp(async (app) => {
        const count = await exportSubscribers(app.subscriptionStore, async (chunk) => {
          if (!process.stdout.write(chunk))
            await new Promise((resolve) => process.stdout.once('drain', resolve));
        });
        console.error(`Exported ${count} subscriptions.`);
      }),
    );

  subscribers
    .command('suppress')
    .description('put an address on the suppression list: nothing is ever sent to it again')
    .argument('<email>', 'the address')
    .option('--note <text>', 'why')
    .action((email: string, options: { note?: string }) =>
      withApp(async (app) => {
        const address = normaliseEmail(email);
        if (address === null) throw new BadRequestError(`“${email}” is not an email address`);
        await app.subscriptionStore.suppress(address, 'admin', options.note ?? null, new Date());
        console.log(`${address} is on the suppression list.`);
      }),
    );
}
