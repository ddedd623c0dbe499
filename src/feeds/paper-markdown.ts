/** A paper as Markdown (`/papers/{id}.md`): title, authors, links and abstract. Pure. */
import type { PaperView } from '../papers/paper-rows.ts';

export function paperMarkdown(paper: PaperView, publicUrl: string): string {
  const lines = [`# ${inline(paper.title)}`, ''];
  if (paper.authors.length > 0) lines.push(`**Authors:** ${paper.authors.map(inline).join(', ')}`, '');
  const facts = [
    `**arXiv:** [${paper.id}](https://arxiv.org/abs/${paper.id})`,
    `[PDF](https://arxiv.org/pdf/${paper.id})`,
    `[Paperpulse](${publicUrl}/papers/${paper.id})`,
  ];
  lines.push(facts.join(' · '), '');
  if (paper.publishedAt) lines.push(`**Published:** ${paper.publishedAt.slice(0, 10)}`, '');
  if (paper.categories.length > 0)
    lines.push(`**Categories:** ${paper.categories.map(inline).join(', ')}`, '');
  if (paper.doi) lines.push(`**DOI:** [${inline(paper.doi)}](https://doi.org/${encodeURI(paper.doi)})`, '');
  const links = paper.codeUrls.filter((url) => /^https?:\/\//i.test(url));
  if (links.length > 0) lines.push('**Links:**', '', ...links.map((url) => `- <${encodeURI(url)}>`), '');
  lines.push('## Abstract', '', inline(paper.abstract), '');
  return lines.join('\n');
}

/**
 * Text that must stay text in Markdown: no HTML, links, emphasis or headings. `\`, `_` and `$` stay as
 * they are so LaTeX such as `$x_1$` reads as the authors wrote it.
 */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([[\]*`])/g, '\\$1')
    .replace(/^([#+-]|\d+\.)(\s)/, '\\$1$2');
}
