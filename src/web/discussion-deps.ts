import type { ClaimService } from '../community/claims.ts';
import type { CommentService } from '../community/comments.ts';

/** What the comment and authorship-claim pages use (src/community/comments.ts, claims.ts). */
export interface DiscussionDeps {
  readonly comments: CommentService;
  readonly claims: ClaimService;
  /** Longest comment, for the forms' maxlength (the service enforces it). */
  readonly commentMaxChars: number;
}
