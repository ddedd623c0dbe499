import type { Member } from '../../accounts/member.ts';
import type { Claim } from '../../community/claims.ts';
import { formatInstant } from '../format.ts';
import { Layout } from './layout.tsx';

/** Editors: the authorship claims waiting for a decision. */
export function ClaimsReviewPage({
  member,
  claims,
  csrf,
}: {
  member: Member;
  claims: readonly Claim[];
  csrf: string;
}) {
  return (
    <Layout title="Authorship claims · Paperpulse" member={member} noindex>
      <section aria-labelledby="claims-review-heading">
        <h1 id="claims-review-heading">Authorship claims</h1>
        {claims.length === 0 ? <p>No claims are waiting.</p> : null}
        <ul class="plain-list claim-review">
          {claims.map((c) => (
            <li key={`${c.member.id}-${c.paperId}`}>
              <a href={`/members/${c.member.username}`}>
                {c.member.displayName} (@{c.member.username})
              </a>{' '}
              claims to be {c.authorName} on <a href={`/papers/${c.paperId}`}>{c.paperTitle}</a>,{' '}
              {formatInstant(c.createdAt)}
              <form method="post" action="/editor/claims">
                <input type="hidden" name="_csrf" value={csrf} />
                <input type="hidden" name="member" value={c.member.id} />
                <input type="hidden" name="paper" value={c.paperId} />
                <button type="submit" name="decision" value="approved">
                  Approve
                </button>{' '}
                <button type="submit" name="decision" value="rejected">
                  Reject
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
