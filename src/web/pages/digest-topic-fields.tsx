import type { Frequency } from '../../subscriptions/schema.ts';
import type { Topics } from '../../subscriptions/topics.ts';

/**
 * "Like my upvotes", offered where it can work: to a signed-in member, or on a subscription that already
 * follows a member's upvotes (so it can be switched off without signing in).
 */
export interface LikeUpvotesChoice {
  readonly checked: boolean;
}

/** How often and about what: the fields the subscribe and preferences forms share. */
export function DigestTopicFields({
  frequency,
  topics,
  likeUpvotes,
}: {
  frequency: Frequency;
  topics: Topics;
  likeUpvotes?: LikeUpvotesChoice | null;
}) {
  return (
    <>
      <fieldset>
        <legend>How often</legend>
        <p>
          <label>
            <input type="radio" name="frequency" value="daily" checked={frequency === 'daily'} /> Daily, on
            the days arXiv announces new papers (Monday to Friday)
          </label>
        </p>
        <p>
          <label>
            <input type="radio" name="frequency" value="weekly" checked={frequency === 'weekly'} /> Weekly, on
            Mondays, for the week before
          </label>
        </p>
      </fieldset>
      <p>
        <label for="digest-categories">arXiv categories (optional, separated by commas)</label>
        <br />
        <input
          id="digest-categories"
          type="text"
          name="categories"
          placeholder="cs.CL, cs.LG"
          maxLength={400}
          value={topics.categories.join(', ')}
        />
      </p>
      <p>
        <label for="digest-keywords">Keywords (optional, separated by commas)</label>
        <br />
        <input
          id="digest-keywords"
          type="text"
          name="keywords"
          placeholder="diffusion, retrieval"
          maxLength={600}
          value={topics.keywords.join(', ')}
        />
      </p>
      {likeUpvotes ? (
        <p>
          <label>
            <input type="checkbox" name="like_upvotes" value="on" checked={likeUpvotes.checked} /> Also papers
            like the ones I upvoted (same main category, or a word of the title in common)
          </label>
        </p>
      ) : null}
      <p>
        Without topics you get the top papers of the listing. With topics, the papers that match them, and the
        top papers when none do.
      </p>
    </>
  );
}
