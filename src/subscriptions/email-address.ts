/** Email addresses as subscriptions keep them. Pure. */

/** Deliberately simple: one @, a dot in the domain, no spaces or angle brackets; at most 254 characters. */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** The address trimmed and lower-cased, or null when it cannot be an email address. */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !ADDRESS.test(email)) return null;
  return email;
}
