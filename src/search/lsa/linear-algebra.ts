/** The little dense linear algebra the LSA model needs, over row-major Float64Arrays. */

/** Orthonormalises the columns of a rows×cols matrix in place (modified Gram-Schmidt, column by column). */
export function orthonormaliseColumns(m: Float64Array, rows: number, cols: number): void {
  // Columns are copied out so that every inner loop runs over contiguous memory.
  const columns = Array.from({ length: cols }, (_, j) => {
    const c = new Float64Array(rows);
    for (let i = 0; i < rows; i++) c[i] = m[i * cols + j]!;
    return c;
  });
  for (let j = 0; j < cols; j++) {
    const cj = columns[j]!;
    for (let p = 0; p < j; p++) {
      const cp = columns[p]!;
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += cj[i]! * cp[i]!;
      for (let i = 0; i < rows; i++) cj[i]! -= dot * cp[i]!;
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += cj[i]! * cj[i]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < rows; i++) cj[i]! /= norm;
  }
  for (let j = 0; j < cols; j++) {
    const c = columns[j]!;
    for (let i = 0; i < rows; i++) m[i * cols + j] = c[i]!;
  }
}

/**
 * Eigen-decomposition of a symmetric n×n matrix (cyclic Jacobi). Returns eigenvalues in descending
 * order and the matching eigenvectors as the columns of a row-major n×n matrix.
 */
export function symmetricEigen(
  input: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = a[from * n + from]!;
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from]!;
  });
  return { values, vectors };
}

/** A deterministic pseudo-random generator (mulberry32), so a model trained twice is the same model. */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
