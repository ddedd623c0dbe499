/**
 * Every term's full posting list (the papers it occurs in, ascending rowid), held compactly for the
 * impact index: blocks of BLOCK postings, each posting a varint rowid gap and a varint frequency code
 * (an index into the distinct field-weighted frequencies). Each block keeps its first and last rowid
 * and the most any of its postings weighs (the bm25 share before IDF), so that a query can skip a
 * whole block that could not change its top k (block-max).
 */

/** Postings per block: smaller blocks skip more finely and take more memory. */
export const BLOCK = 128;

/** One term's postings while the index is built (rowids arrive in ascending order). */
class TermPostings {
  constructor(private readonly blockSize: number) {}

  bytes = new Uint8Array(8);
  used = 0;
  papers = 0;
  /** Per block: first rowid, last rowid, byte offset, most weight. */
  readonly blocks: number[] = [];
  private last = 0;
  private blockMax = 0;

  add(rowid: number, code: number, weight: number): void {
    if (this.papers % this.blockSize === 0) {
      if (this.papers > 0) this.closeBlock();
      this.blocks.push(rowid, rowid, this.used, 0);
      this.last = rowid;
      this.blockMax = weight;
    }
    if (this.used + 10 > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.used = writeVarint(this.bytes, this.used, rowid - this.last);
    this.used = writeVarint(this.bytes, this.used, code);
    this.last = rowid;
    if (weight > this.blockMax) this.blockMax = weight;
    this.papers++;
  }

  closeBlock(): void {
    const at = this.blocks.length - 4;
    this.blocks[at + 1] = this.last;
    this.blocks[at + 3] = this.blockMax;
  }
}

/** Collects postings by term id, then seals them into one set of typed arrays. */
export class PostingsBuilder {
  private readonly terms: (TermPostings | undefined)[] = [];

  constructor(private readonly blockSize = BLOCK) {}

  add(termId: number, rowid: number, code: number, weight: number): void {
    let postings = this.terms[termId];
    if (!postings) {
      postings = new TermPostings(this.blockSize);
      this.terms[termId] = postings;
    }
    postings.add(rowid, code, weight);
  }

  /** `ids` names the term ids used in `add`. */
  seal(ids: Map<string, number>): Postings {
    const count = this.terms.length;
    let bytes = 0;
    let blocks = 0;
    for (const p of this.terms) {
      if (!p) continue;
      p.closeBlock();
      bytes += p.used;
      blocks += p.blocks.length / 4;
    }
    const data = new Uint8Array(bytes);
    const blockFirst = new Int32Array(blocks);
    const blockLast = new Int32Array(blocks);
    const blockOffset = new Uint32Array(blocks);
    const blockMax = new Float64Array(blocks);
    const termBlocks = new Uint32Array(count + 1);
    const termPapers = new Int32Array(count);
    const termMax = new Float64Array(count);
    let byteAt = 0;
    let blockAt = 0;
    for (let id = 0; id < count; id++) {
      termBlocks[id] = blockAt;
      const p = this.terms[id];
      if (!p) continue;
      termPapers[id] = p.papers;
      data.set(p.bytes.subarray(0, p.used), byteAt);
      for (let i = 0; i < p.blocks.length; i += 4, blockAt++) {
        blockFirst[blockAt] = p.blocks[i]!;
        blockLast[blockAt] = p.blocks[i + 1]!;
        blockOffset[blockAt] = byteAt + p.blocks[i + 2]!;
        blockMax[blockAt] = p.blocks[i + 3]!;
        if (p.blocks[i + 3]! > termMax[id]!) termMax[id] = p.blocks[i + 3]!;
      }
      byteAt += p.used;
      this.terms[id] = undefined; // freed as it goes
    }
    termBlocks[count] = blockAt;
    this.terms.length = 0;
    return new Postings(
      this.blockSize,
      ids,
      data,
      blockFirst,
      blockLast,
      blockOffset,
      blockMax,
      termBlocks,
      termPapers,
      termMax,
    );
  }
}

export class Postings {
  constructor(
    readonly blockSize: number,
    private readonly ids: Map<string, number>,
    readonly data: Uint8Array,
    readonly blockFirst: Int32Array,
    readonly blockLast: Int32Array,
    readonly blockOffset: Uint32Array,
    readonly blockMax: Float64Array,
    /** Term id → its first block; the entry after the last term is the block count. */
    readonly termBlocks: Uint32Array,
    readonly termPapers: Int32Array,
    /** The most the term weighs in any paper. */
    readonly termMax: Float64Array,
  ) {}

  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Papers the term occurs in (its document frequency). */
  papers(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : this.termPapers[id]!;
  }

  get bytes(): number {
    return (
      this.data.byteLength +
      this.blockFirst.byteLength * 2 +
      this.blockOffset.byteLength +
      this.blockMax.byteLength +
      this.termBlocks.byteLength +
      this.termPapers.byteLength +
      this.termMax.byteLength
    );
  }
}

/**
 * Walks one term's postings in rowid order; `doc` is the current rowid (Infinity past the end). A block
 * is decoded when the cursor enters it.
 */
export class PostingCursor {
  doc = Number.POSITIVE_INFINITY;
  /** The current posting's frequency code. */
  code = 0;
  /** The current block (an index into the postings' block arrays). */
  block: number;
  private readonly first: number;
  private readonly end: number;
  /** Papers the term is in. */
  readonly papers: number;
  private readonly docs: Int32Array;
  private readonly codes: Int32Array;
  private size = 0;
  private at = 0;

  constructor(
    private readonly postings: Postings,
    termId: number | undefined,
  ) {
    this.first = termId === undefined ? 0 : postings.termBlocks[termId]!;
    this.end = termId === undefined ? 0 : postings.termBlocks[termId + 1]!;
    this.papers = termId === undefined ? 0 : postings.termPapers[termId]!;
    this.docs = new Int32Array(postings.blockSize);
    this.codes = new Int32Array(postings.blockSize);
    this.block = this.first;
    if (this.first < this.end) this.enter(this.first);
  }

  /** The current block's last rowid. */
  get blockLast(): number {
    return this.postings.blockLast[this.block]!;
  }

  /** The most any posting of the current block weighs. */
  get blockMax(): number {
    return this.postings.blockMax[this.block]!;
  }

  next(): void {
    if (++this.at < this.size) {
      this.doc = this.docs[this.at]!;
      this.code = this.codes[this.at]!;
    } else if (this.block + 1 < this.end) this.enter(this.block + 1);
    else this.finish();
  }

  /** Moves to the first posting at or after `target` (never backwards). */
  seek(target: number): void {
    if (this.doc >= target) return;
    const { blockLast } = this.postings;
    if (blockLast[this.block]! < target) {
      // Gallop, then bisect, to the first block whose last rowid reaches the target.
      let low = this.block + 1;
      let step = 1;
      while (low + step < this.end && blockLast[low + step - 1]! < target) {
        low += step;
        step *= 2;
      }
      let high = Math.min(low + step, this.end);
      while (low < high) {
        const mid = (low + high) >> 1;
        if (blockLast[mid]! < target) low = mid + 1;
        else high = mid;
      }
      if (low >= this.end) {
        this.finish();
        return;
      }
      this.enter(low);
    }
    while (this.docs[this.at]! < target) this.at++;
    this.doc = this.docs[this.at]!;
    this.code = this.codes[this.at]!;
  }

  private enter(block: number): void {
    this.block = block;
    const { data } = this.postings;
    const size = this.postings.blockSize;
    const count = Math.min(size, this.papers - (block - this.first) * size);
    let at = this.postings.blockOffset[block]!;
    let doc = this.postings.blockFirst[block]!;
    for (let i = 0; i < count; i++) {
      let gap = 0;
      let shift = 1;
      let byte: number;
      do {
        byte = data[at++]!;
        gap += (byte & 0x7f) * shift;
        shift *= 128;
      } while (byte & 0x80);
      doc += gap;
      let code = 0;
      shift = 1;
      do {
        byte = data[at++]!;
        code += (byte & 0x7f) * shift;
        shift *= 128;
      } while (byte & 0x80);
      this.docs[i] = doc;
      this.codes[i] = code;
    }
    this.size = count;
    this.at = 0;
    this.doc = this.docs[0]!;
    this.code = this.codes[0]!;
  }

  private finish(): void {
    this.size = 0;
    this.doc = Number.POSITIVE_INFINITY;
  }
}

/** Little-endian 7-bit groups, high bit = more. */
function writeVarint(bytes: Uint8Array, start: number, value: number): number {
  let at = start;
  let rest = value;
  while (rest >= 0x80) {
    bytes[at++] = (rest & 0x7f) | 0x80;
    rest = Math.floor(rest / 128);
  }
  bytes[at++] = rest;
  return at;
}
