import { GitHubRateLimitedError, type StarAnswer } from './github-client.ts';
import { githubRepoOf } from './github-repo.ts';
import type { RepoState } from './star-store.ts';

/** The GitHub API, as star refreshing needs it (src/github/github-client.ts implements it). */
export interface StarSource {
  repoStars(repo: string, etag: string | null): Promise<StarAnswer>;
  /** When the last answer used up the rate limit, the time it resets; otherwise null. */
  exhausted(): Date | null;
}

/** Where star refreshing reads and writes (src/github/star-store.ts implements it). */
export interface StarSink {
  listedPapersWithCode(since: string): Promise<{ paperId: string; codeUrls: string[] }[]>;
  repoState(repo: string): Promise<RepoState | null>;
  record(
    repo: string,
    paperIds: readonly string[],
    stars: number,
    etag: string | null,
    now: Date,
  ): Promise<void>;
  markNotFound(repo: string, now: Date): Promise<void>;
}

export interface StarRefreshSummary {
  /** Repositories linked from the papers in scope. */
  readonly repos: number;
  readonly updated: number;
  readonly notModified: number;
  readonly notFound: number;
  readonly failed: readonly { repo: string; reason: string }[];
  /** Set when GitHub's rate limit stopped the run: try again after this time. */
  readonly stoppedUntil: Date | null;
  /** Repositories not asked about because the run stopped. */
  readonly left: number;
}

export interface StarRefreshOptions {
  /** Papers on a listing in the last this many days have their repositories' stars recorded. */
  readonly days: number;
  readonly now?: () => Date;
  readonly onProgress?: (done: number, total: number, repo: string) => void;
}

/**
 * Records a star snapshot of every GitHub repository linked from recently listed papers, so trending
 * can count "stars gained in the window". A 304 records the last known count again (the repository is
 * still observed at this time). Stops at GitHub's rate limit and says when to try again.
 */
export async function refreshStars(
  source: StarSource,
  sink: StarSink,
  options: StarRefreshOptions,
): Promise<StarRefreshSummary> {
  const now = options.now ?? (() => new Date());
  const since = new Date(now().getTime() - options.days * 86_400_000).toISOString();
  const papersOf = new Map<string, string[]>();
  for (const { paperId, codeUrls } of await sink.listedPapersWithCode(since)) {
    for (const repo of new Set(codeUrls.map(githubRepoOf))) {
      if (repo === null) continue;
      const list = papersOf.get(repo) ?? [];
      if (!list.includes(paperId)) list.push(paperId);
      papersOf.set(repo, list);
    }
  }
  const repos = [...papersOf.keys()].sort();
  let updated = 0;
  let notModified = 0;
  let notFound = 0;
  const failed: { repo: string; reason: string }[] = [];
  for (const [index, repo] of repos.entries()) {
    const resetAt = source.exhausted();
    if (resetAt) return summary(resetAt, repos.length - index);
    const papers = papersOf.get(repo) ?? [];
    const state = await sink.repoState(repo);
    try {
      const answer = await source.repoStars(repo, state?.stars != null ? state.etag : null);
      if (answer.kind === 'stars') {
        await sink.record(repo, papers, answer.stars, answer.etag, now());
        updated++;
      } else if (answer.kind === 'not-modified' && state?.stars != null) {
        await sink.record(repo, papers, state.stars, state.etag, now());
        notModified++;
      } else if (answer.kind === 'not-found') {
        await sink.markNotFound(repo, now());
        notFound++;
      } else {
        failed.push({ repo, reason: 'GitHub answered 304 to a request we made without an ETag' });
      }
    } catch (error) {
      if (error instanceof GitHubRateLimitedError) return summary(error.resetAt, repos.length - index);
      failed.push({ repo, reason: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(index + 1, repos.length, repo);
  }
  return summary(null, 0);

  function summary(stoppedUntil: Date | null, left: number): StarRefreshSummary {
    return { repos: repos.length, updated, notModified, notFound, failed, stoppedUntil, left };
  }
}
