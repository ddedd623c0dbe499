import type { Member } from '../../accounts/member.ts';
import { renderCommentMarkdown } from '../../community/comment-markdown.ts';
import type { CommentView } from '../../community/comment-thread.ts';
import { formatInstant } from '../format.ts';

export interface DiscussionProps {
  readonly paperId: string;
  readonly comments: readonly CommentView[];
  readonly member: Member | null;
  readonly editor: boolean;
  readonly csrf: string;
  readonly maxChars: number;
}

/**
 * A paper's discussion: comments with one level of replies, each form carrying the CSRF token (the
 * paper page is rendered per request). Comment text is Markdown made safe by renderCommentMarkdown.
 */
export function PaperDiscussion(props: DiscussionProps) {
  const { paperId, comments, member, csrf, maxChars } = props;
  return (
    <section aria-labelledby="discussion-heading" class="discussion">
      <h2 id="discussion-heading">Discussion</h2>
      {comments.length === 0 ? <p>No comments yet.</p> : null}
      <ol class="comments">
        {comments.map((c) => (
          <CommentItem key={c.id} comment={c} top={true} {...props} />
        ))}
      </ol>
      {member ? (
        <form method="post" action="/comments" class="comment-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="paper" value={paperId} />
          <label for="comment-new">Add a comment (Markdown)</label>
          <textarea id="comment-new" name="body" rows={4} maxLength={maxChars} required />
          <button type="submit">Post comment</button>
        </form>
      ) : (
        <p>
          <a href="/sign-in">Sign in</a> to join the discussion.
        </p>
      )}
    </section>
  );
}

function CommentItem({
  comment: c,
  top,
  paperId,
  member,
  editor,
  csrf,
  maxChars,
}: DiscussionProps & { comment: CommentView; top: boolean }) {
  const when = formatInstant(c.createdAt);
  return (
    <li id={`comment-${c.id}`} class={`comment comment-${c.state}`}>
      <p class="comment-meta">
        {c.author ? <a href={`/members/${c.author.username}`}>{c.author.displayName}</a> : '[deleted]'}
        {when ? (
          <>
            {' · '}
            <time datetime={c.createdAt}>{when}</time>
          </>
        ) : null}
        {c.editedAt && c.state !== 'deleted' ? ' · edited' : null}
        {c.state === 'hidden' ? <strong class="hidden-note"> · hidden by an editor</strong> : null}
      </p>
      {c.body !== null ? (
        // Safe: renderCommentMarkdown escapes raw HTML and sanitises with an allow-list.
        <div class="comment-body" dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(c.body) }} />
      ) : (
        <p class="comment-body">[deleted]</p>
      )}
      <div class="comment-actions">
        {c.own ? (
          <>
            <a href={`/comments/${c.id}/edit`}>Edit</a>
            <form method="post" action={`/comments/${c.id}/delete`}>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit">Delete</button>
            </form>
          </>
        ) : null}
        {editor && c.state !== 'deleted' ? (
          <form method="post" action={`/comments/${c.id}/hide`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="hidden" value={c.state === 'hidden' ? 'no' : 'yes'} />
            <button type="submit">{c.state === 'hidden' ? 'Show again' : 'Hide'}</button>
          </form>
        ) : null}
        {top && member && c.state === 'shown' ? (
          <details class="reply">
            <summary>Reply</summary>
            <form method="post" action="/comments">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="paper" value={paperId} />
              <input type="hidden" name="parent" value={c.id} />
              <label for={`reply-${c.id}`}>Your reply (Markdown)</label>
              <textarea id={`reply-${c.id}`} name="body" rows={3} maxLength={maxChars} required />
              <button type="submit">Post reply</button>
            </form>
          </details>
        ) : null}
      </div>
      {c.replies.length > 0 ? (
        <ol class="replies">
          {c.replies.map((r) => (
            <CommentItem
              key={r.id}
              comment={r}
              top={false}
              paperId={paperId}
              comments={[]}
              member={member}
              editor={editor}
              csrf={csrf}
              maxChars={maxChars}
            />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
