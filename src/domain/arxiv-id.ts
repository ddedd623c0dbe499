/**
 * arXiv identifiers as people paste them. A paper is keyed by its version-less id
 * (`2003.10555`, `hep-th/9901001`); the version, when given, is kept beside it.
 */
export interface ArxivId {
  /** Version-less canonical id: new style `YYMM.NNNNN`, old style `archive/YYMMNNN`. */
  readonly id: string;
  /** The version asked for, or null when none was given. */
  readonly version: number | null;
}

export type ArxivIdResult = { ok: true; value: ArxivId } | { ok: false; reason: string };

/** Archives that issued old-style identifiers (before April 2007). */
const OLD_ARCHIVES = new Set([
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'quant-ph',
  'solv-int',
  'supr-con',
]);

const MAX_INPUT = 300;
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d{1,4}))?$/;
const OLD_STYLE = /^([a-z-]+)(?:\.([a-z]{2}))?\/(\d{2})(\d{2})(\d{3})(?:v(\d{1,4}))?$/;
const URL_PATH = /^(?:abs|pdf|html|format|src|ps|papers|paper)\/(.+)$/;
const ARXIV_HOSTS = /^(?:(?:www|export|lanl|[a-z]{2})\.)?arxiv\.org$/;
const HF_HOSTS = /^(?:www\.)?(?:huggingface\.co|hf\.co)$/;

export function parseArxivId(input: string): ArxivIdResult {
  if (typeof input !== 'string') return fail('an arXiv id must be text');
  if (input.length > MAX_INPUT) return fail(`too long to be an arXiv id (${input.length} characters)`);
  let text = input.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
  if (text === '') return fail('empty: expected an arXiv id such as 2003.10555');

  const fromUrl = stripUrl(text);
  if (fromUrl === null)
    return fail(`"${shorten(input)}" is a link, but not to an arXiv or Hugging Face paper`);
  text = fromUrl;
  text = text.replace(/^arxiv:/i, '').replace(/^10\.48550\/arxiv\./i, '');
  text = text.replace(/\.pdf$/i, '').replace(/\/+$/, '');

  const lower = text.toLowerCase();
  const newStyle = NEW_STYLE.exec(lower);
  if (newStyle) {
    const [, yy = '', mm = '', number = '', version] = newStyle;
    const month = Number(mm);
    if (month < 1 || month > 12) return fail(`"${shorten(input)}" has month ${mm}, which is not 01–12`);
    const yymm = Number(yy + mm);
    if (yymm < 704) return fail(`"${shorten(input)}": new-style ids start in April 2007 (0704)`);
    if (number.length === 4 && yymm >= 1501) {
      return fail(`"${shorten(input)}": ids from 2015 on have five digits after the dot`);
    }
    if (number.length === 5 && yymm < 1501) {
      return fail(`"${shorten(input)}": ids before 2015 have four digits after the dot`);
    }
    return ok(`${yy}${mm}.${number}`, version);
  }

  const oldStyle = OLD_STYLE.exec(lower);
  if (oldStyle) {
    const [, archive = '', , yy = '', mm = '', number = '', version] = oldStyle;
    if (!OLD_ARCHIVES.has(archive)) return fail(`"${archive}" is not an arXiv archive with old-style ids`);
    const month = Number(mm);
    if (month < 1 || month > 12) return fail(`"${shorten(input)}" has month ${mm}, which is not 01–12`);
    const year = Number(yy);
    if (year > 7 && year < 91) return fail(`"${shorten(input)}": old-style ids run from 1991 to 2007`);
    if (number === '000') return fail(`"${shorten(input)}": paper number 000 does not exist`);
    return ok(`${archive}/${yy}${mm}${number}`, version);
  }
  return fail(
    `"${shorten(input)}" is not an arXiv id (expected e.g. 2003.10555, 2003.10555v2 or hep-th/9901001)`,
  );
}

/** The id with its version, as arXiv spells it (`2003.10555v2`), or the bare id when no version is known. */
export function formatArxivId(value: ArxivId): string {
  return value.version === null ? value.id : `${value.id}v${value.version}`;
}

/** True when the id is old-style (`archive/YYMMNNN`). */
export function isOldStyleId(id: string): boolean {
  return id.includes('/');
}

function stripUrl(text: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : null;
  const bareHost = /^(?:[\w-]+\.)*(?:arxiv\.org|huggingface\.co|hf\.co|doi\.org)\//i.test(text)
    ? `https://${text}`
    : null;
  const candidate = withScheme ?? bareHost;
  if (candidate === null) return text;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  const path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  if (ARXIV_HOSTS.test(host)) return URL_PATH.exec(path)?.[1] ?? null;
  if (HF_HOSTS.test(host)) return /^papers\/(.+)$/.exec(path)?.[1] ?? null;
  if (host === 'doi.org' || host === 'dx.doi.org') return /^10\.48550\/arxiv\.(.+)$/i.exec(path)?.[1] ?? null;
  return null;
}

function ok(id: string, version: string | undefined): ArxivIdResult {
  if (version !== undefined && Number(version) < 1) return fail(`"${id}v${version}": versions start at v1`);
  return { ok: true, value: { id, version: version === undefined ? null : Number(version) } };
}

function fail(reason: string): ArxivIdResult {
  return { ok: false, reason };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
