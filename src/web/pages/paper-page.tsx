import { periodPath } from '../../listings/listing-service.ts';
import type { PaperDetails as PaperDetailsData } from '../../papers/paper-service.ts';
import type { PaperExtras } from '../../search/paper-extras.ts';
import { arxivAbsUrl, arxivPdfUrl, excerpt, formatDayLong, httpUrl, linkLabel } from '../format.ts';
import { AuthorList } from './author-list.tsx';
import { Layout } from './layout.tsx';
import { PaperClaims } from './paper-claims.tsx';
import { PaperDiscussion } from './paper-comments.tsx';
import { type PaperCommunity, PaperCommunitySection, PaperUpvote } from './paper-community.tsx';
import { PaperDetails } from './paper-details.tsx';
import { PaperKeywordsSection } from './paper-keywords.tsx';
import { PaperVersions } from './paper-versions.tsx';
import { RelatedPapersSection } from './related-papers.tsx';

export interface PaperPageProps {
  readonly details: PaperDetailsData;
  readonly canonical: string;
  /** The signed-in member's view (upvote state, trending score, editor actions); rendered per request. */
  readonly community?: PaperCommunity;
  /** Key phrases, the one-line summary and related papers (src/search). */
  readonly extras?: PaperExtras;
}

/** One paper: its latest version's title, authors and abstract, its links, facts and versions. */
export function PaperPageView({ details, canonical, community, extras }: PaperPageProps) {
  const { paper, versions, listing } = details;
  const codeLinks = paper.codeUrls.map(httpUrl).filter((url) => url !== null);
  const submitter = listing?.submitterName ?? listing?.submittedBy;
  return (
    <Layout
      title={`${paper.title} · Paperpulse`}
      canonical={canonical}
      description={excerpt(paper.abstract, 200)}
      {...(community ? { member: community.member } : {})}
    >
      <article class="paper" aria-labelledby="paper-title">
        <p class="eyebrow">
          arXiv:{paper.id}v{paper.latestVersion}
          {paper.primaryCategory ? <> · {paper.primaryCategory}</> : null}
        </p>
        <h1 id="paper-title">{paper.title}</h1>
        <AuthorList authors={paper.authors} />
        {community?.claims.some((c) => c.status === 'approved') ? (
          <p class="verified-note">
            <span class="verified">Verified</span> by{' '}
            {community.claims
              .filter((c) => c.status === 'approved')
              .map((c) => c.authorName)
              .join(', ')}
          </p>
        ) : null}
        <div class="paper-actions">
          <p class="votes votes-inline">
            {paper.upvotes}
            <span class="vh"> {paper.upvotes === 1 ? 'upvote' : 'upvotes'}</span>
          </p>
          {community ? <PaperUpvote paperId={paper.id} community={community} /> : null}
          <a class="button" href={arxivAbsUrl(paper.id)}>
            View on arXiv
          </a>
          <a class="button" href={arxivPdfUrl(paper.id)}>
            PDF
          </a>
          {codeLinks.map((url) => (
            <a key={url} class="button code" href={url}>
              {linkLabel(url)}
            </a>
          ))}
        </div>
        {listing ? (
          <p class="featured">
            Featured on{' '}
            <a href={periodPath({ kind: 'day', day: listing.day })}>{formatDayLong(listing.day)}</a>
            {submitter ? <>, submitted by {submitter}</> : null}
          </p>
        ) : null}
        <section aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          <p class="abstract-full">{paper.abstract || 'No abstract is recorded for this paper.'}</p>
        </section>
        {extras ? <PaperKeywordsSection described={extras.described} /> : null}
        <PaperDetails paper={paper} />
        {extras ? <RelatedPapersSection related={extras.related} /> : null}
        {community ? <PaperCommunitySection paperId={paper.id} community={community} /> : null}
        {community ? (
          <PaperClaims
            paperId={paper.id}
            authors={paper.authors}
            claims={community.claims}
            member={community.member}
            csrf={community.csrf}
          />
        ) : null}
        {community ? (
          <PaperDiscussion
            paperId={paper.id}
            comments={community.comments}
            member={community.member}
            editor={community.editor}
            csrf={community.csrf}
            maxChars={community.commentMaxChars}
          />
        ) : null}
        <PaperVersions
          id={paper.id}
          title={paper.title}
          latestVersion={paper.latestVersion}
          versions={versions}
          publishedAt={paper.publishedAt}
          updatedAt={paper.updatedAt}
        />
      </article>
    </Layout>
  );
}
