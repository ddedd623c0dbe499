/**
 * Stable stand-ins for the 24-hex-digit object ids Hugging Face gives authors, discussions and users.
 * Derived from what they name, so the same paper answers the same ids on every node and every day.
 */
import { createHash } from 'node:crypto';

function objectId(kind: string, key: string): string {
  return createHash('sha256').update(`${kind}\u0000${key}`).digest('hex').slice(0, 24);
}

/** The id of the author at `position` (0-based) on a paper's author list. */
export function authorObjectId(paperId: string, position: number): string {
  return objectId('author', `${paperId}#${position}`);
}

/** The id of a paper's discussion thread (there is one per paper). */
export function discussionObjectId(paperId: string): string {
  return objectId('discussion', paperId);
}

export function userObjectId(username: string): string {
  return objectId('user', username);
}
