import type { Member } from '../../accounts/member.ts';
import { Layout } from './layout.tsx';

export interface CommentEditProps {
  readonly member: Member;
  readonly commentId: string;
  readonly paperId: string;
  readonly body: string;
  readonly csrf: string;
  readonly maxChars: number;
}

/** Editing one's own comment: its Markdown in a text area. */
export function CommentEditPage({ member, commentId, paperId, body, csrf, maxChars }: CommentEditProps) {
  return (
    <Layout title="Edit your comment · Paperpulse" member={member} noindex>
      <section class="message" aria-labelledby="edit-heading">
        <h1 id="edit-heading">Edit your comment</h1>
        <form method="post" action={`/comments/${commentId}/edit`} class="comment-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for="comment-body">Comment (Markdown)</label>
          <textarea id="comment-body" name="body" rows={8} maxLength={maxChars} required>
            {body}
          </textarea>
          <button type="submit">Save</button> <a href={`/papers/${paperId}#comment-${commentId}`}>Cancel</a>
        </form>
      </section>
    </Layout>
  );
}
