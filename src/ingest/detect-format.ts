import type { SourceFormat } from './source.ts';

/**
 * Guesses a file's format from its first bytes: JSON Lines, a JSON array (Hugging Face papers API),
 * a recorded arXiv API answer (`{"url","status_code","body"}`), Atom, OAI-PMH, or arXiv `.abs` metadata.
 */
export function detectFormat(head: string): SourceFormat | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'hf-daily';
  if (text.startsWith('{')) {
    return /^\{\s*"url"\s*:/.test(text) && /"status_code"\s*:|"body"\s*:/.test(text) ? 'arxiv-atom' : 'jsonl';
  }
  if (text.startsWith('<')) {
    if (/<OAI-PMH[\s>]/.test(text)) return 'oai-pmh';
    if (/<feed[\s>]/.test(text)) return 'arxiv-atom';
    return null;
  }
  if (/^(-{10,}\s*\n\s*\\\\\s*\n\s*)?arXiv:\S+/.test(text)) return 'abs';
  return null;
}
