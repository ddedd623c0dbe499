import type { ApiTokenInfo } from '../../accounts/api-tokens.ts';
import { MAX_TOKEN_NAME } from '../../accounts/api-tokens.ts';
import { formatInstant } from '../format.ts';

export interface ProfileTokensProps {
  readonly tokens: readonly ApiTokenInfo[];
  /** A token just made: shown this once, never again. */
  readonly created?: { readonly name: string; readonly token: string } | undefined;
  readonly csrf: string;
}

/** The member's own API tokens: make one (shown once), see each one's name and last use, revoke. */
export function ProfileTokens({ tokens, created, csrf }: ProfileTokensProps) {
  return (
    <section class="api-tokens" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p>
        Scripts use a token to upvote, comment and submit through the <a href="/api/v1/docs">API</a>, sending
        it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      {created ? (
        <div class="new-token" role="status">
          <p>
            Your new token “{created.name}”. Copy it now: it is shown only this once, and we keep only a
            fingerprint of it.
          </p>
          <p>
            <label for="new-token-value">Token</label>{' '}
            <input id="new-token-value" type="text" readOnly value={created.token} size={50} />
          </p>
        </div>
      ) : null}
      {tokens.length === 0 ? <p>No tokens yet.</p> : null}
      <ul class="plain-list">
        {tokens.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong> <span>made {formatInstant(t.createdAt)}</span>,{' '}
            <span>{t.lastUsedAt ? `last used ${formatInstant(t.lastUsedAt)}` : 'never used'}</span>{' '}
            <form method="post" action={`/account/tokens/${t.id}/revoke`}>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" aria-label={`Revoke the token ${t.name}`}>
                Revoke
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action="/account/tokens">
        <input type="hidden" name="_csrf" value={csrf} />
        <label for="token-name">Name of a new token</label>{' '}
        <input id="token-name" type="text" name="name" maxLength={MAX_TOKEN_NAME} required />{' '}
        <button type="submit">Make a token</button>
      </form>
    </section>
  );
}
