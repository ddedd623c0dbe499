import type { ListingItem } from '../../listings/listing-store.ts';
import type { PaperKeywords } from '../../search/keyword-store.ts';
import { arxivAbsUrl, arxivPdfUrl, codeLink, excerpt, formatDayShort, shortAuthors } from '../format.ts';
import { KeyphraseList } from './paper-keywords.tsx';

/** Characters of the abstract shown folded; CSS clamps them to three lines. */
const PREVIEW_CHARS = 240;

/** Key phrases on a card, best first; the paper page shows them all. */
const CARD_KEYPHRASES = 4;

export interface PaperCardProps {
  readonly item: ListingItem;
  /** The paper's one-line summary and key phrases; null until it is described. */
  readonly described: PaperKeywords | null;
  /** Shows the day the paper was featured on (in week and month listings). */
  readonly showDay: boolean;
}

/**
 * One paper on a listing. Kept lean: a listing page holds 50–100 of them and is rendered per request.
 * The abstract unfolds with `<details>`, so it works without JavaScript.
 */
export function PaperCard({ item, described, showDay }: PaperCardProps) {
  const { paper } = item;
  const authors = shortAuthors(paper.authors);
  const code = codeLink(paper.codeUrls);
  const submitter = item.submitterName ?? item.submittedBy;
  return (
    <li class="card">
      <h2>
        <a href={`/papers/${paper.id}`}>{paper.title}</a>
      </h2>
      {paper.authors.length > 0 ? (
        <p class="authors">
          {authors.names.join(', ')}
          {authors.more > 0 ? ` and ${authors.more} more` : ''}
        </p>
      ) : null}
      {described?.summary ? <p class="summary">{described.summary}</p> : null}
      <Abstract text={paper.abstract} />
      {described ? <KeyphraseList keywords={described.keywords} max={CARD_KEYPHRASES} /> : null}
      <p class="links">
        <a href={arxivAbsUrl(paper.id)}>arXiv</a> <a href={arxivPdfUrl(paper.id)}>PDF</a>
        {code ? (
          <>
            {' '}
            <a href={code}>Code</a>
          </>
        ) : null}
        {showDay ? <span> Featured {formatDayShort(item.day)}</span> : null}
        {submitter ? (
          <span>
            {' '}
            Submitted by{' '}
            {item.source === 'member' && item.submittedBy ? (
              <a href={`/members/${item.submittedBy}`}>{submitter}</a>
            ) : (
              submitter
            )}
          </span>
        ) : null}
      </p>
      <p class="votes">
        {paper.upvotes}
        <span class="vh"> {paper.upvotes === 1 ? 'upvote' : 'upvotes'}</span>
      </p>
      <UpvoteForm paperId={paper.id} title={paper.title} />
    </li>
  );
}

function Abstract({ text }: { text: string }) {
  if (text === '') return null;
  if (text.length <= PREVIEW_CHARS) return <p class="abstract">{text}</p>;
  return (
    <details class="abstract">
      <summary>
        <span class="preview">{excerpt(text, PREVIEW_CHARS)}</span>
        <span class="more">Show full abstract</span>
        <span class="less">Show less</span>
      </summary>
      <p>{text}</p>
    </details>
  );
}

/**
 * The card's upvote button: a plain form that works without JavaScript and redirects back. Listing
 * pages are cached and shared, so it shows no per-member state and always asks to upvote (idempotent);
 * the paper page, rendered per member, shows "Upvoted" and offers to take it back.
 */
function UpvoteForm({ paperId, title }: { paperId: string; title: string }) {
  return (
    <form class="upvote" method="post" action={`/upvote/${paperId}`}>
      <input type="hidden" name="vote" value="up" />
      <button type="submit" aria-label={`Upvote ${title}`}>
        ▲ Upvote
      </button>
    </form>
  );
}
