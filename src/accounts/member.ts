import type { Role } from './accounts-schema.ts';

export type { Role };

export const ROLES: readonly Role[] = ['member', 'editor', 'admin'];

/** A member: an account (a subscriber is someone else — an email address with a digest). */
export interface Member {
  readonly id: string;
  readonly email: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly createdAt: string;
}

/** Editors and admins may feature, reorder and remove papers on listings and hide comments. */
export function isEditor(member: Member | null): boolean {
  return member !== null && (member.role === 'editor' || member.role === 'admin');
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const EMAIL =
  /^[^\s@<>()",;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/** The address as stored (trimmed, lower-cased), or null when it is not an email address. */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** A username made from an address's local part: lower-case letters, digits and dashes, 2–24 long. */
export function usernameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  const base = local
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  return base.length >= 2 ? base : `member-${base}`.replace(/-$/, '');
}
