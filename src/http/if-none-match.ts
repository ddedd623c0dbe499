/**
 * If-None-Match's weak comparison (RFC 9110 §13.1.2), for every conditional GET (pages and `/api/v1`):
 * `W/` prefixes are ignored, any tag of a list may match, and `*` alone matches any current body.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
