import type { RecordedReply } from '../../helpers/recording-server.ts';

/**
 * Answers of the GitHub REST API, written by hand in the format GitHub documents
 * (docs.github.com/en/rest/repos/repos#get-a-repository, …/using-the-rest-api/rate-limits-for-the-rest-api,
 * …/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate): a trimmed
 * "full-repository" body, the ETag, and the X-RateLimit-* headers every answer carries.
 */
const RESET = 1_767_225_600; // 2026-01-01T00:00:00Z

function rateHeaders(remaining: number, reset = RESET): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(reset),
    'x-ratelimit-used': String(5000 - remaining),
    'x-ratelimit-resource': 'core',
    'x-github-api-version-selected': '2022-11-28',
  };
}

export function repoReply(fullName: string, stars: number, etag: string, remaining = 4999): RecordedReply {
  const [owner, name] = fullName.split('/');
  return {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      etag,
      'cache-control': 'private, max-age=60, s-maxage=60',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
      ...rateHeaders(remaining),
    },
    body: JSON.stringify({
      id: 1296269,
      node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
      name,
      full_name: fullName,
      owner: { login: owner, id: 1, type: 'User', site_admin: false },
      private: false,
      html_url: `https://github.com/${fullName}`,
      description: 'This your first repo!',
      fork: false,
      url: `https://api.github.com/repos/${fullName}`,
      homepage: 'https://github.com',
      size: 108,
      stargazers_count: stars,
      watchers_count: stars,
      language: null,
      forks_count: 9,
      open_issues_count: 0,
      default_branch: 'master',
      created_at: '2011-01-26T19:01:12Z',
      updated_at: '2011-01-26T19:14:43Z',
      pushed_at: '2011-01-26T19:06:43Z',
    }),
  };
}

/** 304 Not Modified to a matching If-None-Match: no body, and it does not count against the limit. */
export function notModifiedReply(etag: string, remaining = 4999): RecordedReply {
  return { status: 304, headers: { etag, ...rateHeaders(remaining) }, body: '' };
}

export function notFoundReply(): RecordedReply {
  return {
    status: 404,
    headers: { 'content-type': 'application/json; charset=utf-8', ...rateHeaders(4998) },
    body: JSON.stringify({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
      status: '404',
    }),
  };
}

/** The primary rate limit used up: 403, X-RateLimit-Remaining: 0 and the reset time. */
export function rateLimitedReply(reset = RESET): RecordedReply {
  return {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8', ...rateHeaders(0, reset) },
    body: JSON.stringify({
      message:
        "API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
      documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
    }),
  };
}

/** A secondary rate limit: 429 with Retry-After (seconds). */
export function secondaryLimitReply(retryAfter: number): RecordedReply {
  return {
    status: 429,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(retryAfter),
      ...rateHeaders(4000),
    },
    body: JSON.stringify({
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    }),
  };
}

export const RESET_AT = new Date(RESET * 1000);
