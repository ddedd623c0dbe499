/** Reading the subscribe and preferences forms. */
import { BadRequestError } from '../domain/errors.ts';
import { normaliseEmail } from '../subscriptions/email-address.ts';
import type { Frequency } from '../subscriptions/schema.ts';
import type { UpvoteLikes } from '../subscriptions/subscription-store.ts';
import { parseTopics, type Topics } from '../subscriptions/topics.ts';

export type FormBody = Readonly<Record<string, unknown>>;

export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

export function frequencyField(body: FormBody | undefined): Frequency {
  const value = field(body, 'frequency') || 'daily';
  if (value !== 'daily' && value !== 'weekly')
    throw new BadRequestError('How often must be daily or weekly.');
  return value;
}

export function topicsFields(body: FormBody | undefined): Topics {
  const parsed = parseTopics(field(body, 'categories'), field(body, 'keywords'));
  if (!parsed.ok) throw new BadRequestError(`Topics: ${parsed.reason}.`);
  return parsed.topics;
}

/**
 * "Like my upvotes" as the form asks for it, for the member signed in — and only for their own address:
 * a digest built from one member's upvotes must not go to somebody else's inbox.
 */
export function likesField(
  body: FormBody | undefined,
  member: { readonly id: string; readonly email: string } | null,
  subscriberEmail: string,
): UpvoteLikes {
  const own = member !== null && normaliseEmail(subscriberEmail) === member.email;
  return { memberId: own ? member.id : null, on: field(body, 'like_upvotes') === 'on' };
}
