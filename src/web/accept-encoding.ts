/** The content codings Paperpulse sends pages in; `identity` is the page as rendered, uncompressed. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

interface Preference {
  readonly coding: string;
  readonly q: number;
}

/**
 * The coding to send for a request's Accept-Encoding (RFC 9110 §12.5.3): the acceptable one of
 * `offered` with the highest q-value, ties going to the earlier in `offered` (the server's
 * preference), or null when the header refuses every one of them, identity included.
 *
 * - No header: identity. A client that says nothing may not be able to decode anything else.
 * - `q=0` refuses a coding; `*` stands for every coding the header does not name; `x-gzip` is gzip.
 * - identity is acceptable unless refused (`identity;q=0`, or `*;q=0` without an `identity` entry);
 *   when not named, it ranks with the lowest q-value the header gives, so `br;q=0.8` still gets br.
 * - An entry with a malformed q-value is ignored.
 */
export function negotiateEncoding(
  header: string | undefined,
  offered: readonly ContentCoding[],
): ContentCoding | null {
  if (header === undefined) return offered.includes('identity') ? 'identity' : null;
  const preferences = parseAcceptEncoding(header);
  const named = (coding: string) => preferences.find((p) => p.coding === coding)?.q;
  const anyOther = named('*');
  const lowestGiven = Math.min(1, ...preferences.filter((p) => p.q > 0).map((p) => p.q));
  let best: ContentCoding | null = null;
  let bestQ = 0;
  for (const coding of offered) {
    const q = named(coding) ?? anyOther ?? (coding === 'identity' ? lowestGiven : 0);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

/** `gzip;q=0.8, br, *;q=0` as entries; the first entry for a coding wins. */
function parseAcceptEncoding(header: string): Preference[] {
  const preferences: Preference[] = [];
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (name === '') continue;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    const q = qValue(params);
    if (q === null || preferences.some((p) => p.coding === coding)) continue;
    preferences.push({ coding, q });
  }
  return preferences;
}

/** The q parameter's value (1 when absent), or null when it is not a qvalue (0 to 1, 3 decimals). */
function qValue(params: readonly string[]): number | null {
  const param = params.find((p) => /^q\s*=/.test(p));
  if (param === undefined) return 1;
  const value = param.replace(/^q\s*=\s*/, '');
  return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : null;
}
