/** The use cases behind `/api/v1`'s community routes: trending, comments, upvotes, submissions, subscribing. */
import type { Member } from '../../accounts/member.ts';
import type { CommentView } from '../../community/comment-thread.ts';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { TrendingWindow } from '../../domain/trending.ts';
import { parseTopics } from '../../subscriptions/topics.ts';
import { trendingWindowEnd } from '../trending-end.ts';
import type {
  Comment,
  CommentCreated,
  Comments,
  NewComment,
  NewSubscription,
  SubmissionCreated,
  SubscriptionAccepted,
  Trending,
  UpvoteState,
} from './community-schemas.ts';
import { API_PREFIX, paperJson } from './json.ts';
import type { RestCommunityPorts } from './ports.ts';

export class RestCommunity {
  constructor(
    private readonly ports: RestCommunityPorts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Papers by trending score in the window (ending as src/api/trending-end.ts says). */
  async trending(window: TrendingWindow, limit: number): Promise<Trending> {
    const at = trendingWindowEnd(await this.ports.listings.latestDayOnOrBefore(), this.now());
    const items = await this.ports.trending.ranked(window, at, limit);
    return {
      window,
      at: at.toISOString(),
      papers: items.map((item) => ({
        paper: paperJson(item.paper),
        day: item.day,
        upvotes: item.upvotes,
        starsGained: item.starsGained,
        ageHours: item.ageHours,
        score: item.score,
      })),
    };
  }

  /** A paper's discussion as every reader sees it. */
  async comments(input: string): Promise<Comments> {
    const paperId = await this.known(input);
    const thread = await this.ports.comments.thread(paperId, null);
    return { paperId, comments: thread.flatMap((c) => (c.state === 'hidden' ? [] : [commentJson(c)])) };
  }

  async comment(member: Member, input: string, body: NewComment): Promise<CommentCreated> {
    const paperId = paperIdOf(input);
    const parentId = body.parentId ?? null;
    const posted = await this.ports.comments.post(member, paperId, body.body, parentId, this.now());
    // A reply joins the thread of the comment it answers (one level of replies).
    const thread = parentId === null ? null : await this.threadOf(paperId, posted.id);
    return { id: posted.id, paperId, parentId: thread };
  }

  async upvote(member: Member, input: string, on: boolean): Promise<UpvoteState> {
    const paperId = paperIdOf(input);
    const state = await this.ports.upvotes.set(member.id, paperId, on, this.now());
    return { paperId, upvoted: state.upvoted, upvotes: state.upvotes };
  }

  async submit(member: Member, input: string): Promise<SubmissionCreated> {
    const { paperId, day } = await this.ports.submissions.submit(member, input, this.now());
    return { paperId, day, path: `${API_PREFIX}/papers/${paperId}` };
  }

  /** Starts the same double opt-in as the subscribe form: the address gets a confirmation link. */
  async subscribe(body: NewSubscription, ip: string): Promise<SubscriptionAccepted> {
    const topics = parseTopics((body.categories ?? []).join(','), (body.keywords ?? []).join(','));
    if (!topics.ok) throw new BadRequestError(topics.reason);
    await this.ports.subscriptions.request(
      { email: body.email, frequency: body.frequency ?? 'daily', topics: topics.topics, source: 'api', ip },
      this.now(),
    );
    return {
      status: 'pending',
      message: 'If the address can receive digests, a confirmation link is on its way to it.',
    };
  }

  private async known(input: string): Promise<string> {
    const paperId = paperIdOf(input);
    if (!(await this.ports.papers.getPaper(paperId))) throw new NotFoundError(`no paper ${paperId} here`);
    return paperId;
  }

  private async threadOf(paperId: string, commentId: string): Promise<string | null> {
    const thread = await this.ports.comments.thread(paperId, null);
    return thread.find((c) => c.replies.some((r) => r.id === commentId))?.id ?? null;
  }
}

function paperIdOf(input: string): string {
  const parsed = parseArxivId(input);
  if (!parsed.ok) throw new BadRequestError(parsed.reason);
  return parsed.value.id;
}

function commentFields(view: CommentView) {
  return {
    id: view.id,
    state: view.state === 'deleted' ? ('deleted' as const) : ('shown' as const),
    author: view.author ? { username: view.author.username, displayName: view.author.displayName } : null,
    body: view.body,
    createdAt: view.createdAt,
    editedAt: view.editedAt,
  };
}

function commentJson(view: CommentView): Comment {
  return {
    ...commentFields(view),
    replies: view.replies.filter((r) => r.state !== 'hidden').map(commentFields),
  };
}
