/**
 * Which comments a reader sees, and how: pure, over the rows of one paper's discussion.
 * - One level of replies: a reply's `parentId` names a top-level comment.
 * - A deleted comment with visible replies stays as "[deleted]" (so the replies keep their context);
 *   without them it is gone.
 * - A comment an editor hid is absent for everyone but editors, who see it marked as hidden; a hidden
 *   top-level comment takes its replies with it.
 */
export interface CommentRecord {
  readonly id: string;
  readonly parentId: string | null;
  readonly memberId: string;
  readonly username: string;
  readonly displayName: string;
  readonly body: string;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly deletedAt: string | null;
  readonly hiddenBy: string | null;
}

export type CommentState = 'shown' | 'deleted' | 'hidden';

export interface CommentView {
  readonly id: string;
  readonly state: CommentState;
  /** Null for a deleted comment: neither its author nor its text is shown. */
  readonly author: { readonly username: string; readonly displayName: string } | null;
  /** The Markdown source (null when deleted); the page renders it through renderCommentMarkdown. */
  readonly body: string | null;
  readonly createdAt: string;
  readonly editedAt: string | null;
  /** The reader wrote it: they may edit and delete it. */
  readonly own: boolean;
  readonly replies: readonly CommentView[];
}

export interface Reader {
  readonly memberId: string | null;
  readonly editor: boolean;
}

/** The discussion as `reader` sees it, oldest first at both levels. */
export function commentThread(records: readonly CommentRecord[], reader: Reader): CommentView[] {
  const sorted = [...records].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const repliesOf = new Map<string, CommentRecord[]>();
  for (const r of sorted) {
    if (r.parentId === null) continue;
    const list = repliesOf.get(r.parentId) ?? [];
    list.push(r);
    repliesOf.set(r.parentId, list);
  }
  const views: CommentView[] = [];
  for (const top of sorted) {
    if (top.parentId !== null || !visible(top, reader)) continue;
    const replies = (repliesOf.get(top.id) ?? [])
      .filter((r) => visible(r, reader) && r.deletedAt === null)
      .map((r) => view(r, reader, []));
    if (top.deletedAt !== null && replies.length === 0) continue;
    views.push(view(top, reader, replies));
  }
  return views;
}

function visible(record: CommentRecord, reader: Reader): boolean {
  return record.hiddenBy === null || reader.editor;
}

function view(record: CommentRecord, reader: Reader, replies: CommentView[]): CommentView {
  const deleted = record.deletedAt !== null;
  return {
    id: record.id,
    state: deleted ? 'deleted' : record.hiddenBy !== null ? 'hidden' : 'shown',
    author: deleted ? null : { username: record.username, displayName: record.displayName },
    body: deleted ? null : record.body,
    createdAt: record.createdAt,
    editedAt: record.editedAt,
    own: !deleted && reader.memberId === record.memberId,
    replies,
  };
}

/** How many comments a paper shows to every reader (the count in listings and the HF API). */
export function isCounted(record: Pick<CommentRecord, 'deletedAt' | 'hiddenBy'>): boolean {
  return record.deletedAt === null && record.hiddenBy === null;
}
