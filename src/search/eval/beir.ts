/** Reads a BEIR-format folder: corpus.jsonl, queries.jsonl and qrels/<split>.tsv. */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { BadRequestError } from '../../domain/errors.ts';

export interface BeirDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface BeirQuery {
  readonly id: string;
  readonly text: string;
}

/** Query id → the ids of the documents judged relevant to it (score > 0). */
export type Qrels = Map<string, Set<string>>;

export async function* readCorpus(dir: string): AsyncGenerator<BeirDocument> {
  for await (const [record, where] of jsonLines(path.join(dir, 'corpus.jsonl'))) {
    const id = stringField(record, '_id', where);
    yield { id, title: optionalString(record, 'title'), text: optionalString(record, 'text') };
  }
}

export async function readQueries(dir: string): Promise<BeirQuery[]> {
  const queries: BeirQuery[] = [];
  for await (const [record, where] of jsonLines(path.join(dir, 'queries.jsonl'))) {
    queries.push({ id: stringField(record, '_id', where), text: stringField(record, 'text', where) });
  }
  return queries;
}

export function readQrels(dir: string, split: string): Qrels {
  const file = path.join(dir, 'qrels', `${split}.tsv`);
  if (!fs.existsSync(file))
    throw new BadRequestError(`${file}: no such file (is "${split}" a split of ${dir}?)`);
  const qrels: Qrels = new Map();
  for (const [i, line] of fs.readFileSync(file, 'utf8').split('\n').entries()) {
    const [queryId, docId, score] = line.trim().split('\t');
    if (!queryId || !docId || score === undefined || (i === 0 && queryId === 'query-id')) continue;
    if (Number(score) <= 0) continue;
    const docs = qrels.get(queryId) ?? new Set<string>();
    docs.add(docId);
    qrels.set(queryId, docs);
  }
  return qrels;
}

async function* jsonLines(file: string): AsyncGenerator<[Record<string, unknown>, string]> {
  if (!fs.existsSync(file)) throw new BadRequestError(`${file}: no such file`);
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new BadRequestError(`${file}:${n}: not JSON`, { cause: error });
    }
    if (typeof value !== 'object' || value === null) throw new BadRequestError(`${file}:${n}: not an object`);
    yield [value as Record<string, unknown>, `${file}:${n}`];
  }
}

function stringField(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new BadRequestError(`${where}: no "${key}"`);
  return String(value);
}

function optionalString(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}
