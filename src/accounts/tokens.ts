import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): sign-in link tokens and session ids. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps instead of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether this looks like one of our tokens (anything else is not looked up). */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** A random id for stored rows (members, comments). */
export function randomId(): string {
  return randomBytes(12).toString('base64url');
}
