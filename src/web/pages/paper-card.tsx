import type { ListingItem } from '../../listings/listing-store.ts';
import { arxivAbsUrl, arxivPdfUrl, codeLink, shortAuthors } from '../format.ts';

const PREVIEW_CHARS = 260;

export function PaperCard({ item }: { item: ListingItem }) {
  const { paper } = item;
  const authors = shortAuthors(paper.authors);
  const code = codeLink(paper.codeUrls);
  const folded = paper.abstract.length > PREVIEW_CHARS;
  const headingId = `p-${paper.id.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <article class="card" aria-labelledby={headingId}>
      <div class="upvotes" title="Upvotes">
        <span aria-hidden="true">▲</span>
        <span class="count">{paper.upvotes}</span>
        <span class="visually-hidden"> upvotes</span>
      </div>
      <div class="card-body">
        <h3 id={headingId} class="card-title">
          <a href={`/papers/${paper.id}`}>{paper.title}</a>
        </h3>
        {paper.authors.length > 0 ? (
          <p class="authors">
            {authors.names.join(', ')}
            {authors.more > 0 ? ` and ${authors.more} more` : ''}
          </p>
        ) : null}
        {paper.abstract === '' ? null : folded ? (
          <details class="abstract">
            <summary>
              <span class="preview">{`${paper.abstract.slice(0, PREVIEW_CHARS).replace(/\s+\S*$/, '')}…`}</span>
              <span class="toggle">
                <span class="more">Show full abstract</span>
                <span class="less">Show less</span>
              </span>
            </summary>
            <p>{paper.abstract}</p>
          </details>
        ) : (
          <p class="abstract">{paper.abstract}</p>
        )}
        <ul class="links" aria-label="Links">
          <li>
            <a href={arxivAbsUrl(paper.id)}>arXiv</a>
          </li>
          <li>
            <a href={arxivPdfUrl(paper.id)}>PDF</a>
          </li>
          {code ? (
            <li>
              <a href={code}>Code</a>
            </li>
          ) : null}
          {item.submitterName || item.submittedBy ? (
            <li class="submitter">Submitted by {item.submitterName ?? item.submittedBy}</li>
          ) : null}
        </ul>
      </div>
    </article>
  );
}
