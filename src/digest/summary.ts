/** A one-line summary of a paper: its abstract's first sentence (until search provides real summaries). Pure. */

const MAX = 240;

export function oneLineSummary(abstract: string): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! or ? followed by a space and a capital letter or digit (not "e.g. the", "Fig. 3").
  const end = /[.!?](?=\s+[A-Z0-9])/.exec(text);
  const sentence = end ? text.slice(0, end.index + 1) : text;
  if (sentence.length <= MAX) return sentence;
  const cut = sentence.slice(0, MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > MAX / 2 ? space : cut.length)}…`;
}
