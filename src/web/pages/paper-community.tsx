import type { Member } from '../../accounts/member.ts';
import type { Claim } from '../../community/claims.ts';
import type { CommentView } from '../../community/comment-thread.ts';
import { TRENDING } from '../../domain/trending.ts';
import type { TrendingItem } from '../../trending/trending-store.ts';

/** The per-member parts of a paper page. */
export interface PaperCommunity {
  readonly member: Member | null;
  readonly upvoted: boolean;
  readonly csrf: string;
  readonly editor: boolean;
  readonly trending: TrendingItem | null;
  /** The discussion as this reader sees it, and the paper's authorship claims. */
  readonly comments: readonly CommentView[];
  readonly claims: readonly Claim[];
  readonly commentMaxChars: number;
}

/** Upvote or take the upvote back; the signed-out reader is sent to sign in. */
export function PaperUpvote({ paperId, community }: { paperId: string; community: PaperCommunity }) {
  if (!community.member) {
    return (
      <a class="button" href="/sign-in">
        Sign in to upvote
      </a>
    );
  }
  return (
    <form class="upvote" method="post" action={`/upvote/${paperId}`}>
      <input type="hidden" name="_csrf" value={community.csrf} />
      <input type="hidden" name="vote" value={community.upvoted ? 'remove' : 'up'} />
      <button type="submit" aria-pressed={community.upvoted ? 'true' : 'false'}>
        {community.upvoted ? '▲ Upvoted (take back)' : '▲ Upvote'}
      </button>
    </form>
  );
}

/** The trending score with its parts, and the editor's listing actions. */
export function PaperCommunitySection({
  paperId,
  community,
}: {
  paperId: string;
  community: PaperCommunity;
}) {
  const t = community.trending;
  return (
    <>
      {t ? (
        <section aria-labelledby="trending-heading" class="trending-parts">
          <h2 id="trending-heading">Trending score</h2>
          <p>
            <strong class="trending-score">{t.score.toFixed(4)}</strong> = ({t.upvotes} upvotes +{' '}
            {TRENDING.starWeight} × {t.starsGained} stars gained this week) / ({t.ageHours.toFixed(1)} hours
            since listed + {TRENDING.ageOffsetHours})<sup>{TRENDING.gravity}</sup>
          </p>
        </section>
      ) : null}
      {community.editor ? (
        <section aria-labelledby="editor-heading">
          <h2 id="editor-heading">Editor</h2>
          <form method="post" action={`/editor/listing/${paperId}`} class="editor-actions">
            <input type="hidden" name="_csrf" value={community.csrf} />
            <label for="feature-day">Day</label>{' '}
            <input id="feature-day" name="day" placeholder="YYYY-MM-DD" />{' '}
            <button type="submit" name="action" value="feature">
              Feature on that day
            </button>{' '}
            <button type="submit" name="action" value="up">
              Move up
            </button>{' '}
            <button type="submit" name="action" value="down">
              Move down
            </button>{' '}
            <button type="submit" name="action" value="remove">
              Remove from listing
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
