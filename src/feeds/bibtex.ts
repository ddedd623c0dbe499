/** BibTeX entries for papers (`@misc` with arXiv's eprint fields), one per paper, keys unique. Pure. */
import type { PaperView } from '../papers/paper-rows.ts';

export function bibtexEntries(papers: readonly PaperView[]): string {
  const used = new Set<string>();
  return papers.map((paper) => bibtexEntry(paper, uniqueKey(citationKey(paper), used))).join('\n');
}

export function bibtexEntry(paper: PaperView, key = citationKey(paper)): string {
  const year = (paper.publishedAt ?? paper.updatedAt)?.slice(0, 4);
  const fields: [string, string | null | undefined][] = [
    ['title', paper.title],
    ['author', paper.authors.join(' and ')],
    ['year', year],
    ['eprint', paper.id],
    ['archivePrefix', 'arXiv'],
    ['primaryClass', paper.primaryCategory],
    ['doi', paper.doi],
    ['url', `https://arxiv.org/abs/${paper.id}`],
  ];
  const body = fields
    .filter((field): field is [string, string] => typeof field[1] === 'string' && field[1] !== '')
    .map(([name, value]) => `  ${name} = {${bibtexText(value)}}`)
    .join(',\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/** `surnameYYYYword`: the first author's last name, the year and the first long title word, in ASCII. */
export function citationKey(paper: PaperView): string {
  const surname = ascii(paper.authors[0]?.split(/\s+/).at(-1) ?? '') || 'anon';
  const year = (paper.publishedAt ?? paper.updatedAt)?.slice(0, 4) ?? '';
  const word = ascii(paper.title.split(/\s+/).find((w) => ascii(w).length > 3) ?? '');
  return `${surname}${year}${word}` || paper.id.replace(/\W/g, '');
}

function uniqueKey(key: string, used: Set<string>): string {
  let candidate = key;
  for (let n = 0; used.has(candidate); n++)
    candidate = `${key}${String.fromCharCode(98 + (n % 25))}${n >= 25 ? n : ''}`;
  used.add(candidate);
  return candidate;
}

function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/**
 * Field text inside braces: arXiv titles are LaTeX already, so `\`, `$` and balanced braces stay;
 * `%`, `&` and `#` (comment, alignment, parameter) are escaped. BibTeX counts every brace, escaped
 * or not, so unbalanced braces are dropped: one would end the field early.
 */
export function bibtexText(text: string): string {
  let escaped = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<!\\)([%&#])/g, '\\$1');
  if (!balanced(escaped)) escaped = escaped.replace(/[{}]/g, '');
  return escaped;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}
