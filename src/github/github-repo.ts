/** GitHub's own pages under github.com that are not `owner/name` repositories. */
const NOT_OWNERS = new Set([
  'about',
  'apps',
  'collections',
  'contact',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'issues',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'organizations',
  'pricing',
  'pulls',
  'search',
  'settings',
  'signup',
  'site',
  'sponsors',
  'topics',
  'trending',
  'users',
]);

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * The repository a code link names, as `owner/name` lower-cased (GitHub names are case-insensitive), or
 * null when the link is not a github.com repository. `…/tree/main/src`, `.git` and `www.` are allowed.
 */
export function githubRepoOf(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol)) return null;
  if (!/^(www\.)?github\.com$/i.test(url.hostname)) return null;
  const [owner, rawName] = url.pathname.split('/').filter((part) => part !== '');
  if (!owner || !rawName) return null;
  const name = rawName.replace(/\.git$/i, '');
  if (NOT_OWNERS.has(owner.toLowerCase()) || !NAME.test(owner) || !NAME.test(name)) return null;
  if (name === '.' || name === '..') return null;
  return `${owner}/${name}`.toLowerCase();
}
