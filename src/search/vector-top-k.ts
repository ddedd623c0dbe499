/** The k best-scoring slots offered so far: a min-heap on score, so the weakest of them is at the root. */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float32Array;
  private count = 0;

  constructor(readonly k: number) {
    this.slots = new Int32Array(Math.max(k, 1));
    this.scores = new Float32Array(Math.max(k, 1));
  }

  offer(slot: number, score: number): void {
    if (this.count < this.k) {
      this.slots[this.count] = slot;
      this.scores[this.count] = score;
      this.count++;
      this.siftUp(this.count - 1);
    } else if (this.k > 0 && score > this.scores[0]!) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.siftDown();
    }
  }

  /** The slots kept, in heap order (not sorted). */
  entries(): { slot: number; score: number }[] {
    const found: { slot: number; score: number }[] = [];
    for (let i = 0; i < this.count; i++) found.push({ slot: this.slots[i]!, score: this.scores[i]! });
    return found;
  }

  private siftUp(at: number): void {
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.count && this.scores[left]! < this.scores[smallest]!) smallest = left;
      if (right < this.count && this.scores[right]! < this.scores[smallest]!) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const slot = this.slots[a]!;
    this.slots[a] = this.slots[b]!;
    this.slots[b] = slot;
    const score = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = score;
  }
}
