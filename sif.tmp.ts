import { lsaTerms } from './src/search/lsa/lsa-model.ts';
import { truncatedSvd } from './src/search/lsa/truncated-svd.ts';
import { openDatabase } from './src/db/connect.ts';
import { migrate } from './src/db/migrate.ts';
import { parseSearchQuery } from './src/domain/search-query.ts';
import { PaperStore } from './src/papers/paper-store.ts';
import { KeywordIndex } from './src/search/keyword-index.ts';
import { readCorpus, readQrels, readQueries } from './src/search/eval/beir.ts';
import { loadBeirCorpus } from './src/search/eval/run-beir.ts';
import { mean, ndcgAt } from './src/search/eval/metrics.ts';
import { ExactVectorIndex } from './src/search/vector-index.ts';
import { fuseRankings } from './src/search/rank-fusion.ts';
const dir = '/work/shared/data/beir-scifact';
const database = await openDatabase({ kind: 'sqlite', url: '/tmp/pp-sweep/eval.db' });
await migrate(database);
const papers = new PaperStore(database.db);
if ((await papers.countPapers()) === 0) await loadBeirCorpus(dir, papers);
const docs = []; for await (const d of readCorpus(dir)) docs.push(d);
const queries = await readQueries(dir); const qrels = readQrels(dir, 'train');
const judged = queries.filter((q) => qrels.has(q.id));
const kw = new KeywordIndex(database.db, 'sqlite');
const kwRank = new Map<string, { paperId: string; score: number }[]>();
for (const q of judged) { const p = parseSearchQuery(q.text); kwRank.set(q.id, p.ok ? await kw.search(p.query, { limit: 100, offset: 0 }) : []); }

const W = Number(process.env.WIN ?? 5); const DIM = Number(process.env.DIM ?? 256); const EIG = Number(process.env.EIG ?? 0.5); const A = Number(process.env.SIFA ?? 1e-3);
const t0 = Date.now();
const toks = docs.map((d) => lsaTerms(`${d.title}. ${d.text}`));
const df = new Map<string, number>(); const tf = new Map<string, number>(); let total = 0;
for (const t of toks) { for (const w of t) { tf.set(w, (tf.get(w) ?? 0) + 1); total++; } for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1); }
const vocabList = [...df].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1]).slice(0, 40000).map(([w]) => w);
const vocab = new Map(vocabList.map((w, i) => [w, i])); const V = vocabList.length;
const co = new Map<number, number>(); const rowSum = new Float64Array(V);
for (const t of toks) { const ids = t.map((w) => vocab.get(w) ?? -1); for (let i = 0; i < ids.length; i++) { const a = ids[i]!; if (a < 0) continue; for (let j = i + 1; j <= Math.min(ids.length - 1, i + W); j++) { const b = ids[j]!; if (b < 0 || b === a) continue; const wgt = 1 / (j - i); co.set(a * V + b, (co.get(a * V + b) ?? 0) + wgt); co.set(b * V + a, (co.get(b * V + a) ?? 0) + wgt); rowSum[a] += wgt; rowSum[b] += wgt; } } }
let sumAll = 0; for (const x of rowSum) sumAll += x;
const ctxPow = Float64Array.from(rowSum, (x) => x ** 0.75); let ctxTotal = 0; for (const x of ctxPow) ctxTotal += x;
const cols: [number, number][][] = Array.from({ length: V }, () => []);
for (const [key, n] of co) { const a = Math.floor(key / V); const b = key % V; const pmi = Math.log((n * ctxTotal) / (rowSum[a]! * ctxPow[b]!)); if (pmi > 0) cols[b]!.push([a, pmi]); }
const { u, values, dimension } = truncatedSvd(cols, V, { dimension: DIM, powerIterations: 2, seed: 7 });
const wv = new Float32Array(V * dimension);
for (let t = 0; t < V; t++) { let n = 0; for (let k = 0; k < dimension; k++) { const x = u[t * dimension + k]! * Math.max(values[k]!, 1e-12) ** (EIG / 2); wv[t * dimension + k] = x; n += x * x; } n = Math.sqrt(n) || 1; for (let k = 0; k < dimension; k++) wv[t * dimension + k] /= n; }
const pw = (w: string) => (tf.get(w) ?? 0) / total;
const idf = (w: string) => Math.log((docs.length + 1) / ((df.get(w) ?? 0) + 0.5));
const WEIGHT = process.env.WEIGHT ?? 'sif';
function embed(text: string) { const v = new Float32Array(dimension); for (const w of lsaTerms(text)) { const t = vocab.get(w); if (t === undefined) continue; const a = WEIGHT === 'sif' ? A / (A + pw(w)) : idf(w); for (let k = 0; k < dimension; k++) v[k] += a * wv[t * dimension + k]!; } return v; }
const raw = docs.map((d) => embed(`${d.title}. ${d.text}`));
// common component removal: first principal direction via power iteration
const pc = new Float32Array(dimension).fill(1);
for (let it = 0; it < 30; it++) { const nx = new Float32Array(dimension); for (const v of raw) { let d = 0; for (let k = 0; k < dimension; k++) d += v[k]! * pc[k]!; for (let k = 0; k < dimension; k++) nx[k] += d * v[k]!; } let n = 0; for (const x of nx) n += x * x; n = Math.sqrt(n); for (let k = 0; k < dimension; k++) pc[k] = nx[k]! / n; }
const finish = (v: Float32Array) => { if (process.env.PC !== '0') { let d = 0; for (let k = 0; k < dimension; k++) d += v[k]! * pc[k]!; for (let k = 0; k < dimension; k++) v[k] -= d * pc[k]!; } let n = 0; for (const x of v) n += x * x; n = Math.sqrt(n) || 1; for (let k = 0; k < dimension; k++) v[k] /= n; return v; };
const index = new ExactVectorIndex(dimension, docs.length);
docs.forEach((d, i) => index.set(d.id, finish(raw[i]!)));
const t1 = Date.now();
const mRank = new Map(judged.map((q) => [q.id, index.nearest(finish(embed(q.text)), 100)]));
const line = [`V=${V} win ${W} dim ${dimension} eig ${EIG} w=${WEIGHT} ${(t1 - t0) / 1000}s meaning ${mean(judged.map((q) => ndcgAt(10, mRank.get(q.id)!.map((r) => r.paperId), qrels.get(q.id)!))).toFixed(4)}`];
for (const [wm, k] of [[1, 60], [0.5, 60], [0.3, 10], [0.5, 10], [1, 10]]) {
  line.push(`rrf(${wm},${k})=${mean(judged.map((q) => ndcgAt(10, fuseRankings(kwRank.get(q.id)!, mRank.get(q.id)!, { keyword: 1, meaning: wm!, k: k!, feedback: 0 }).map((r) => r.paperId), qrels.get(q.id)!))).toFixed(4)}`);
}
console.log(line.join(' '));
await database.close();
