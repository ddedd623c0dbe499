/** Debug aid: `node --import tsx bench/search-topk-one.ts N "query words"` times one impact-index query. */
import { openDatabase } from '../src/db/connect.ts';
import { ImpactIndex } from '../src/search/impact-index.ts';
import { DEFAULT_FIELD_WEIGHTS } from '../src/search/keyword-index.ts';

const [n = '100000', text = 'cell cycle mouse'] = process.argv.slice(2);
const database = await openDatabase({ kind: 'sqlite', url: `/tmp/paperpulse-bench/search-${n}.db` });
const impacts = new ImpactIndex(database.db, DEFAULT_FIELD_WEIGHTS);
await impacts.build();
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const hits = await impacts.topK(text.split(' '), 10);
  console.log((performance.now() - t).toFixed(1), 'ms', hits ? hits.length : 'fallback');
}
await database.close();
