import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ingest } from '../../src/ingest/ingest.ts';
import type { Source, SourceItem } from '../../src/ingest/source.ts';
import { StoreSink } from '../../src/ingest/store-sink.ts';
import { PaperStore } from '../../src/papers/paper-store.ts';
import { migratedDatabase } from '../helpers/databases.ts';

const paper = (n: number): SourceItem => ({
  kind: 'paper',
  raw: { id: `2403.${String(n).padStart(5, '0')}`, title: `Paper ${n}`, abstract: 'Text.' },
  where: `test:${n}`,
});

/** A source that yields `steps` in order (a number: wait that many ms) and then breaks off. */
function interrupted(key: string, steps: readonly (SourceItem | number)[]): Source {
  return {
    name: key,
    cursorKey: key,
    async *read() {
      for (const step of steps) {
        if (typeof step === 'number') await new Promise((resolve) => setTimeout(resolve, step));
        else yield step;
      }
      throw new Error('connection reset');
    },
  };
}

let database: Awaited<ReturnType<typeof migratedDatabase>>;
let sink: StoreSink;
before(async () => {
  database = await migratedDatabase('sqlite');
  sink = new StoreSink(database.db);
});
after(() => database.dispose());

test('a checkpoint is stored with the next full batch, never ahead of what landed', async () => {
  const steps = [paper(1), paper(2), paper(3), { kind: 'checkpoint', cursor: 'after 3' } as const];
  const source = interrupted('fast', [...steps, paper(4), paper(5), paper(6)]);
  await assert.rejects(ingest(source, sink, { timeZone: 'UTC', batchSize: 5 }), /connection reset/);
  // The batch of five landed with the checkpoint read before it; the sixth paper did not.
  assert.equal(await sink.getCursor('fast'), 'after 3');
  assert.equal(await new PaperStore(database.db).countPapers(), 5);
});

test('a slow source has its checkpoint committed within a second, however small the batch', async () => {
  const source = interrupted('slow', [
    paper(11),
    { kind: 'checkpoint', cursor: 'page 1' },
    1100,
    paper(12),
    { kind: 'checkpoint', cursor: 'page 2' },
    paper(13),
  ]);
  const before = await new PaperStore(database.db).countPapers();
  await assert.rejects(ingest(source, sink, { timeZone: 'UTC', batchSize: 5000 }), /connection reset/);
  // Over a second after the start, the second checkpoint commits both papers before it.
  assert.equal(await sink.getCursor('slow'), 'page 2');
  assert.equal((await new PaperStore(database.db).countPapers()) - before, 2);
});
