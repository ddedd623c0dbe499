import type { SignInService } from '../accounts/sign-in.ts';
import type { ProfileService } from '../community/profile.ts';
import type { SubmissionService } from '../community/submissions.ts';
import type { UpvoteStore } from '../community/upvote-store.ts';
import type { ListingStore } from '../listings/listing-store.ts';
import type { TrendingStore } from '../trending/trending-store.ts';
import type { CurrentMember } from './session.ts';

/** What the community pages (sign-in, profiles, upvotes, submissions, trending, editor actions) use. */
export interface CommunityDeps {
  readonly current: CurrentMember;
  readonly signIn: SignInService;
  readonly profiles: ProfileService;
  readonly upvotes: UpvoteStore;
  readonly submissions: SubmissionService;
  readonly listings: ListingStore;
  readonly trending: TrendingStore;
}
