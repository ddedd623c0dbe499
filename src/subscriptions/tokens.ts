/** Random confirmation tokens (only their hashes are stored) and keyed link tokens. Pure but for randomness. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for a link: 32 bytes, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps instead of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/**
 * The token of a subscription's preferences, unsubscribe and web digest links: its id and a MAC of the id
 * and its token version under the store's key, so nothing per subscriber needs storing and bumping the
 * version voids every old link.
 */
export function linkToken(key: Buffer, subscriptionId: string, version: number): string {
  return `${subscriptionId}.${mac(key, subscriptionId, version)}`;
}

/** The subscription id a link token names, when its MAC is right for `version` (which the caller looks up). */
export function linkTokenId(token: string): string | null {
  const match = /^([A-Za-z0-9_-]{16,40})\.([A-Za-z0-9_-]{32})$/.exec(token);
  return match ? (match[1] ?? null) : null;
}

export function linkTokenValid(key: Buffer, token: string, version: number): boolean {
  const id = linkTokenId(token);
  if (id === null) return false;
  const expected = Buffer.from(linkToken(key, id, version));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A keyed hash of an IP address for the consent record: comparable, not reversible without the key. */
export function hashIp(key: Buffer, ip: string): string {
  return createHmac('sha256', key).update(`ip:${ip}`).digest('base64url').slice(0, 22);
}

function mac(key: Buffer, id: string, version: number): string {
  return createHmac('sha256', key).update(`link:${id}:${version}`).digest('base64url').slice(0, 32);
}
