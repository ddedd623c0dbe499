/**
 * The LSA model as bytes, for the embedding_models table: a 4-byte header length, a JSON header
 * (dimension, paper count, subword weight and buckets, vocabulary in row order), then idf, the term
 * vectors and the subword vectors as float32. Models saved before subwords have neither field: none.
 */
import type { LsaModel } from './lsa-model.ts';

interface Header {
  readonly dimension: number;
  readonly trainedOn: number;
  readonly subwordWeight?: number;
  readonly subwordBuckets?: number;
  readonly terms: readonly string[];
}

export function encodeLsaModel(model: LsaModel): Uint8Array {
  const terms = [...model.vocabulary.keys()];
  const header = new TextEncoder().encode(
    JSON.stringify({
      dimension: model.dimension,
      trainedOn: model.trainedOn,
      subwordWeight: model.subwordWeight,
      subwordBuckets: model.subwordVectors.length / model.dimension,
      terms,
    } satisfies Header),
  );
  const floats = model.idf.length + model.termVectors.length + model.subwordVectors.length;
  const start = align4(4 + header.length);
  const bytes = new Uint8Array(start + floats * 4);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  const body = new Float32Array(bytes.buffer, start, floats);
  body.set(model.idf, 0);
  body.set(model.termVectors, model.idf.length);
  body.set(model.subwordVectors, model.idf.length + model.termVectors.length);
  return bytes;
}

export function decodeLsaModel(data: Uint8Array): LsaModel {
  const copy = Uint8Array.from(data); // aligned, and our own
  const headerLength = new DataView(copy.buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(copy.subarray(4, 4 + headerLength))) as Header;
  const start = align4(4 + headerLength);
  const n = header.terms.length;
  const idf = new Float32Array(copy.buffer, start, n);
  const termVectors = new Float32Array(copy.buffer, start + n * 4, n * header.dimension);
  const subwordVectors = new Float32Array(
    copy.buffer,
    start + (n + n * header.dimension) * 4,
    (header.subwordBuckets ?? 0) * header.dimension,
  );
  return {
    dimension: header.dimension,
    trainedOn: header.trainedOn,
    subwordWeight: header.subwordWeight ?? 0,
    subwordVectors,
    vocabulary: new Map(header.terms.map((term, i) => [term, i])),
    idf,
    termVectors,
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
