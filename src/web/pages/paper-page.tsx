import { periodPath } from '../../listings/listing-service.ts';
import type { PaperDetails } from '../../papers/paper-service.ts';
import { arxivAbsUrl, arxivPdfUrl, formatDayLong, formatInstant } from '../format.ts';
import { Layout } from './layout.tsx';

export function PaperPageView({ details, canonical }: { details: PaperDetails; canonical: string }) {
  const { paper, versions, listing } = details;
  const published = formatInstant(paper.publishedAt);
  const updated = formatInstant(paper.updatedAt);
  return (
    <Layout
      title={`${paper.title} · Paperpulse`}
      canonical={canonical}
      description={paper.abstract.slice(0, 200)}
    >
      <article class="paper" aria-labelledby="paper-title">
        <p class="eyebrow">
          arXiv:{paper.id}
          {paper.primaryCategory ? <> · {paper.primaryCategory}</> : null}
          {published ? <> · Published {published}</> : null}
        </p>
        <h1 id="paper-title">{paper.title}</h1>
        {paper.authors.length > 0 ? (
          <ul class="author-list" aria-label="Authors">
            {paper.authors.map((name, i) => (
              <li key={`${i}-${name}`}>{name}</li>
            ))}
          </ul>
        ) : null}
        <div class="paper-actions">
          <span class="upvotes-inline">
            <span aria-hidden="true">▲</span> {paper.upvotes} {paper.upvotes === 1 ? 'upvote' : 'upvotes'}
          </span>
          <a class="button" href={arxivAbsUrl(paper.id)}>
            View on arXiv
          </a>
          <a class="button" href={arxivPdfUrl(paper.id)}>
            PDF
          </a>
          {paper.codeUrls.map((url) => (
            <a key={url} class="button" href={url}>
              {linkLabel(url)}
            </a>
          ))}
        </div>
        {listing ? (
          <p class="featured">
            Featured on{' '}
            <a href={periodPath({ kind: 'day', day: listing.day })}>{formatDayLong(listing.day)}</a>
            {listing.submitterName || listing.submittedBy ? (
              <>, submitted by {listing.submitterName ?? listing.submittedBy}</>
            ) : null}
          </p>
        ) : null}
        <section aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          <p class="abstract-full">{paper.abstract || 'No abstract.'}</p>
        </section>
        <section aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl class="details">
            {paper.categories.length > 0 ? (
              <>
                <dt>Categories</dt>
                <dd>{paper.categories.join(', ')}</dd>
              </>
            ) : null}
            {paper.comment ? (
              <>
                <dt>Comment</dt>
                <dd>{paper.comment}</dd>
              </>
            ) : null}
            {paper.journalRef ? (
              <>
                <dt>Journal reference</dt>
                <dd>{paper.journalRef}</dd>
              </>
            ) : null}
            {paper.doi ? (
              <>
                <dt>DOI</dt>
                <dd>
                  <a href={`https://doi.org/${paper.doi}`}>{paper.doi}</a>
                </dd>
              </>
            ) : null}
            {updated && updated !== published ? (
              <>
                <dt>Last updated</dt>
                <dd>{updated}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          {versions.length === 0 ? (
            <p>Showing v{paper.latestVersion}; no earlier versions are recorded here.</p>
          ) : (
            <ol class="versions">
              {versions.map((v) => (
                <li key={v.version}>
                  <a href={`${arxivAbsUrl(paper.id)}v${v.version}`}>v{v.version}</a>
                  {v.submittedAt ? <> — {formatInstant(v.submittedAt)}</> : null}
                  {v.size ? <> ({v.size})</> : null}
                  {v.version === paper.latestVersion ? <> · shown above</> : null}
                  {v.title && v.title !== paper.title ? (
                    <span class="old-title"> · titled “{v.title}”</span>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </article>
    </Layout>
  );
}

function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname === 'github.com'
      ? `Code: ${u.pathname.replace(/^\/|\/$/g, '')}`
      : u.hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
