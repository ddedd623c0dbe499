import type { ApiTokenInfo } from '../../accounts/api-tokens.ts';
import type { Member } from '../../accounts/member.ts';
import type { Profile } from '../../community/profile.ts';
import { alternateLinks } from '../../feeds/alternate-links.ts';
import { formatDayShort } from '../format.ts';
import { Layout } from './layout.tsx';
import { ProfileTokens } from './profile-tokens.tsx';

export interface ProfilePageProps {
  readonly profile: Profile;
  /** Who is looking; their own profile has the sign-out buttons. */
  readonly viewer: Member | null;
  readonly csrf: string;
  /** For the absolute address of the member's submissions feed. */
  readonly publicUrl: string;
  /** The viewer's own API tokens (their own profile only). */
  readonly tokens?: readonly ApiTokenInfo[];
  /** A token just made, shown this once. */
  readonly createdToken?: { readonly name: string; readonly token: string };
}

/** A member's profile: their names, submissions, comments and claimed (verified) papers. */
export function ProfilePage({ profile, viewer, csrf, publicUrl, tokens, createdToken }: ProfilePageProps) {
  const { member } = profile;
  const own = viewer?.id === member.id;
  const path = `/members/${member.username}`;
  return (
    <Layout
      title={`${member.displayName} (@${member.username}) · Paperpulse`}
      member={viewer}
      noindex
      alternates={alternateLinks(path, publicUrl, `Submitted by @${member.username}`)}
    >
      <section class="profile" aria-labelledby="profile-heading">
        <h1 id="profile-heading">{member.displayName}</h1>
        <p class="eyebrow">
          @{member.username}
          {member.role !== 'member' ? <> · {member.role}</> : null}
        </p>
        <h2>Submissions</h2>
        {profile.submissions.length === 0 ? <p>No submissions yet.</p> : null}
        <ul class="plain-list">
          {profile.submissions.map((s) => (
            <li key={s.paperId}>
              <a href={`/papers/${s.paperId}`}>{s.title}</a> <span>{formatDayShort(s.day)}</span>
            </li>
          ))}
        </ul>
        <h2>Comments</h2>
        {profile.comments.length === 0 ? <p>No comments yet.</p> : null}
        <ul class="plain-list">
          {profile.comments.map((c) => (
            <li key={c.id}>
              On <a href={`/papers/${c.paperId}#comment-${c.id}`}>{c.paperTitle}</a>: {c.excerpt}
            </li>
          ))}
        </ul>
        <h2>Papers by {member.displayName}</h2>
        {profile.claimedPapers.length === 0 ? <p>No verified papers yet.</p> : null}
        <ul class="plain-list">
          {profile.claimedPapers.map((p) => (
            <li key={p.paperId}>
              <a href={`/papers/${p.paperId}`}>{p.title}</a> <span class="verified">verified author</span>
            </li>
          ))}
        </ul>
        {own && tokens ? <ProfileTokens tokens={tokens} created={createdToken} csrf={csrf} /> : null}
        {own ? (
          <div class="message-actions">
            <form method="post" action="/sign-out">
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit">Sign out</button>
            </form>
            <form method="post" action="/sign-out-everywhere">
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit">Sign out everywhere</button>
            </form>
          </div>
        ) : null}
      </section>
    </Layout>
  );
}
