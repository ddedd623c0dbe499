import type { Kysely } from 'kysely';
import type { Db, Schema } from '../db/schema.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../domain/errors.ts';
import type { AccountsSchema } from './accounts-schema.ts';
import type { Member } from './member.ts';
import { memberFromRow } from './member-store.ts';
import { hashToken, randomId, randomToken } from './tokens.ts';

/** migrations/<dialect>/0008_api_tokens.sql */
export interface ApiTokensTable {
  id: string;
  member_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

type ApiTokensDb = Kysely<Schema & AccountsSchema & { api_tokens: ApiTokensTable }>;

/** What the profile page lists: never the token itself, which only its maker saw once. */
export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** `pp_` and 32 random bytes, base64url: the prefix lets secret scanners and people recognise one. */
const PREFIX = 'pp_';
const TOKEN = /^pp_[A-Za-z0-9_-]{43}$/;
export const MAX_TOKENS_PER_MEMBER = 20;
export const MAX_TOKEN_NAME = 60;
/** `last_used_at` moves at most this often, so every API call does not write. */
const LAST_USED_STEP_MS = 60_000;

export function isApiToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/**
 * A member's API tokens, for `Authorization: Bearer …` on the APIs' write routes. The store keeps only
 * each token's SHA-256, so a copy of the store authenticates nobody.
 */
export class ApiTokenStore {
  private readonly db: ApiTokensDb;

  constructor(db: Db) {
    this.db = db.withTables<AccountsSchema & { api_tokens: ApiTokensTable }>();
  }

  /** Makes a token named `name`; the returned `token` is the only copy there will ever be. */
  async create(member: Member, name: string, now: Date): Promise<{ info: ApiTokenInfo; token: string }> {
    const label = name.trim().replace(/\s+/g, ' ');
    if (label === '')
      throw new BadRequestError('Give the token a name, such as the script that will use it.');
    if (label.length > MAX_TOKEN_NAME)
      throw new BadRequestError(`A token name is at most ${MAX_TOKEN_NAME} characters long.`);
    const count = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('member_id', '=', member.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_TOKENS_PER_MEMBER) {
      throw new ConflictError(
        `You have ${MAX_TOKENS_PER_MEMBER} tokens, the most allowed. Revoke one you no longer use first.`,
      );
    }
    const token = `${PREFIX}${randomToken()}`;
    const info: ApiTokenInfo = {
      id: randomId(),
      name: label,
      createdAt: now.toISOString(),
      lastUsedAt: null,
    };
    await this.db
      .insertInto('api_tokens')
      .values({
        id: info.id,
        member_id: member.id,
        name: info.name,
        token_hash: hashToken(token),
        created_at: info.createdAt,
        last_used_at: null,
      })
      .execute();
    return { info, token };
  }

  /** The member's tokens, newest first. */
  async list(memberId: string): Promise<ApiTokenInfo[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('member_id', '=', memberId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  /** Revokes one of the member's own tokens; someone else's is not found, and changes nothing. */
  async revoke(memberId: string, id: string): Promise<void> {
    const deleted = await this.db
      .deleteFrom('api_tokens')
      .where('id', '=', id)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw new NotFoundError('You have no such token.');
  }

  /** The member a bearer token belongs to (noting when it was used), or null. */
  async memberFor(token: string, now: Date): Promise<Member | null> {
    if (!isApiToken(token)) return null;
    const tokenHash = hashToken(token);
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('members', 'members.id', 'api_tokens.member_id')
      .selectAll('members')
      .select('api_tokens.last_used_at')
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    const { last_used_at: lastUsed, ...member } = row;
    if (lastUsed === null || Date.parse(lastUsed) <= now.getTime() - LAST_USED_STEP_MS) {
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    return memberFromRow(member);
  }
}
