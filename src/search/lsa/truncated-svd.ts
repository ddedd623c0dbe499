/**
 * Randomized truncated SVD of a sparse matrix given by its columns (Halko, Martinsson & Tropp 2011):
 * a random projection, a few power iterations, then the exact SVD of the small projected matrix.
 */
import { orthonormaliseColumns, seededRandom, symmetricEigen } from './linear-algebra.ts';

/** One column: [row, value] pairs. */
export type SparseColumn = readonly (readonly [number, number])[];

export interface SvdOptions {
  readonly dimension: number;
  readonly powerIterations: number;
  readonly seed: number;
}

const OVERSAMPLE = 16;

/** The top `dimension` left singular vectors (rows × dimension, row-major) and the squared singular values. */
export function truncatedSvd(
  columns: readonly SparseColumn[],
  rows: number,
  options: SvdOptions,
): { u: Float64Array; values: Float64Array; dimension: number } {
  const width = Math.min(options.dimension + OVERSAMPLE, rows, columns.length);
  const random = seededRandom(options.seed);

  // Y = A·Ω, then power iterations Y = A·(Aᵀ·Y), orthonormalised each time: a basis Q of A's top range.
  let y = new Float64Array(rows * width);
  for (const column of columns) {
    const omega = Float64Array.from({ length: width }, () => random() - 0.5);
    for (const [t, w] of column) for (let j = 0; j < width; j++) y[t * width + j]! += w * omega[j]!;
  }
  orthonormaliseColumns(y, rows, width);
  for (let it = 0; it < options.powerIterations; it++) {
    const z = new Float64Array(columns.length * width);
    columns.forEach((column, d) => {
      for (const [t, w] of column) for (let j = 0; j < width; j++) z[d * width + j]! += w * y[t * width + j]!;
    });
    orthonormaliseColumns(z, columns.length, width);
    y = new Float64Array(rows * width);
    columns.forEach((column, d) => {
      for (const [t, w] of column) for (let j = 0; j < width; j++) y[t * width + j]! += w * z[d * width + j]!;
    });
    orthonormaliseColumns(y, rows, width);
  }
  // B = Qᵀ·A (width × columns, one column at a time); the eigenvectors W of B·Bᵀ rotate Q into U = Q·W.
  const gram = new Float64Array(width * width);
  const b = new Float64Array(width);
  for (const column of columns) {
    b.fill(0);
    for (const [t, w] of column) for (let j = 0; j < width; j++) b[j]! += w * y[t * width + j]!;
    for (let i = 0; i < width; i++) {
      const bi = b[i]!;
      if (bi === 0) continue;
      for (let j = 0; j < width; j++) gram[i * width + j]! += bi * b[j]!;
    }
  }
  const { values, vectors } = symmetricEigen(gram, width);
  const dimension = Math.min(options.dimension, width);
  const u = new Float64Array(rows * dimension);
  const row = new Float64Array(width);
  for (let t = 0; t < rows; t++) {
    for (let j = 0; j < width; j++) row[j] = y[t * width + j]!;
    for (let k = 0; k < dimension; k++) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += row[j]! * vectors[j * width + k]!;
      u[t * dimension + k] = sum;
    }
  }
  return { u, values, dimension };
}
