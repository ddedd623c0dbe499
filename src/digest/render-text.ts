/** The plain-text part of a digest. Pure. */
import {
  arxivUrl,
  authorLine,
  type DigestContent,
  digestSubject,
  paperUrl,
  pdfUrl,
} from './digest-content.ts';
import { oneLineSummary } from './summary.ts';

export function renderDigestText(content: DigestContent): string {
  const lines = [digestSubject(content), ''];
  if (!content.matchedTopics) {
    lines.push('Nothing matched your topics this time; here are the top papers instead.', '');
  }
  content.entries.forEach((entry, index) => {
    const { paper } = entry;
    lines.push(
      `${index + 1}. ${paper.title}`,
      `   Why: ${entry.reasons.join('; ')}`,
      `   ${authorLine(paper.authors)}`,
      `   ${oneLineSummary(paper.abstract)}`,
      `   ${paperUrl(content.links.site, paper.id)}`,
      `   arXiv: ${arxivUrl(paper.id)} · PDF: ${pdfUrl(paper.id)}`,
      '',
    );
  });
  lines.push(
    '--',
    `On the web: ${content.links.web}`,
    `Change topics or frequency: ${content.links.preferences}`,
    `Unsubscribe: ${content.links.unsubscribe}`,
  );
  return `${lines.join('\n')}\n`;
}
