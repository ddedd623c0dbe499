/** The port search needs to turn text into vectors (the built-in LSA model, or an HTTP embedding server). */
export interface Embedder {
  /** Names the model and its training; vectors of different model ids never mix. */
  readonly model: string;
  readonly dimension: number;
  /** One unit-length vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The text of a paper that is embedded: its title, then its abstract. */
export function paperText(paper: { readonly title: string; readonly abstract: string }): string {
  return `${paper.title}. ${paper.abstract}`;
}
