/**
 * "Like my upvotes": whether a paper of the period resembles one the member upvoted. Kept simple and
 * pure: it shares the upvoted paper's primary (first) category, or a key word of its title (a content word
 * of at least four letters, as src/domain/keyphrases.ts counts them). A paper the member upvoted
 * themselves is not "like" it.
 */
import { keyWords } from '../domain/keyphrases.ts';
import type { DigestCandidate } from './paper-source.ts';

/** What similarity looks at in a paper the member upvoted. */
export interface UpvotedPaper {
  readonly id: string;
  readonly title: string;
  readonly categories: readonly string[];
}

export const LIKE_UPVOTED_REASON = 'like a paper you upvoted';

/** A test for "like one of these", built once per subscriber. */
export function likeUpvoted(upvoted: readonly UpvotedPaper[]): (paper: DigestCandidate) => boolean {
  if (upvoted.length === 0) return () => false;
  const ids = new Set(upvoted.map((p) => p.id));
  const primaries = new Set(upvoted.flatMap((p) => p.categories.slice(0, 1)));
  const words = new Set(upvoted.flatMap((p) => titleWords(p.title)));
  return (paper) =>
    !ids.has(paper.id) &&
    ((paper.categories[0] !== undefined && primaries.has(paper.categories[0])) ||
      titleWords(paper.title).some((w) => words.has(w)));
}

function titleWords(title: string): string[] {
  return keyWords(title).filter((w) => w.length >= 4);
}
