import type { PaperKeywords } from '../../search/keyword-store.ts';

/** A key phrase as a search for it: the phrase in quotes, so its words are found together. */
export function keyphraseSearchHref(phrase: string): string {
  return `/search?${new URLSearchParams({ q: `"${phrase}"` }).toString()}`;
}

/**
 * A paper's one-line summary and key phrases (computed at ingest, src/search/keyword-store.ts), for
 * the paper page. Renders nothing for a paper not yet described.
 */
export function PaperKeywordsSection({ described }: { described: PaperKeywords | null }) {
  if (!described || (described.summary === '' && described.keywords.length === 0)) return null;
  return (
    <section class="paper-keywords" aria-labelledby="keywords-heading">
      <h2 id="keywords-heading">In short</h2>
      {described.summary ? <p class="summary">{described.summary}</p> : null}
      <KeyphraseList keywords={described.keywords} />
    </section>
  );
}

/** The key phrases alone, each a link to a search for it: for cards (pass `max` to keep them lean). */
export function KeyphraseList({ keywords, max }: { keywords: readonly string[]; max?: number }) {
  const shown = max === undefined ? keywords : keywords.slice(0, max);
  if (shown.length === 0) return null;
  return (
    <ul class="keywords">
      {shown.map((phrase) => (
        <li key={phrase}>
          <a href={keyphraseSearchHref(phrase)}>{phrase}</a>
        </li>
      ))}
    </ul>
  );
}
