import type { RelatedPaper } from '../../search/related-papers.ts';
import { shortAuthors } from '../format.ts';

/** "Related papers" on a paper page: each with why it is related (the key phrases both share). */
export function RelatedPapersSection({ related }: { related: readonly RelatedPaper[] }) {
  if (related.length === 0) return null;
  return (
    <section class="related-papers" aria-labelledby="related-heading">
      <h2 id="related-heading">Related papers</h2>
      <ol class="related">
        {related.map(({ paper, shared, by }) => {
          const authors = shortAuthors(paper.authors);
          return (
            <li key={paper.id}>
              <a href={`/papers/${paper.id}`}>{paper.title}</a>
              {paper.authors.length > 0 ? (
                <span class="authors">
                  {' '}
                  {authors.names.join(', ')}
                  {authors.more > 0 ? ` and ${authors.more} more` : ''}
                </span>
              ) : null}
              <span class="reason">
                {' '}
                {shared.length > 0
                  ? `Shares: ${shared.join(', ')}`
                  : by === 'meaning'
                    ? 'Close in meaning'
                    : 'Similar words'}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
