import type { Member } from '../../accounts/member.ts';
import type { Claim } from '../../community/claims.ts';

export interface PaperClaimsProps {
  readonly paperId: string;
  readonly authors: readonly string[];
  readonly claims: readonly Claim[];
  readonly member: Member | null;
  readonly csrf: string;
}

/** Verified authors (approved claims), the reader's own claim, and the form to claim an author name. */
export function PaperClaims({ paperId, authors, claims, member, csrf }: PaperClaimsProps) {
  const verified = claims.filter((c) => c.status === 'approved');
  const mine = member ? claims.find((c) => c.member.id === member.id) : undefined;
  if (verified.length === 0 && !member) return null;
  return (
    <section aria-labelledby="claims-heading" class="claims">
      <h2 id="claims-heading">Authors on Paperpulse</h2>
      {verified.length > 0 ? (
        <ul class="plain-list verified-authors">
          {verified.map((c) => (
            <li key={c.member.id}>
              {c.authorName} is <a href={`/members/${c.member.username}`}>@{c.member.username}</a>{' '}
              <span class="verified">verified author</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No author of this paper is verified here yet.</p>
      )}
      {mine ? (
        <p class="own-claim">
          You claimed to be {mine.authorName}: {STATUS[mine.status]}
        </p>
      ) : member && authors.length > 0 ? (
        <form method="post" action="/claims" class="claim-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="paper" value={paperId} />
          <label for="claim-author">I am</label>{' '}
          <select id="claim-author" name="author" required>
            {authors.map((a, i) => (
              <option key={`${i}-${a}`} value={a}>
                {a}
              </option>
            ))}
          </select>{' '}
          <button type="submit">Claim authorship</button>
        </form>
      ) : null}
    </section>
  );
}

const STATUS = {
  pending: 'waiting for an editor to verify it.',
  approved: 'verified.',
  rejected: 'an editor could not verify it.',
} as const;
