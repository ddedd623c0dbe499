/**
 * The HTML part of a digest: a table layout with inline styles (mail clients drop most CSS), no remote
 * images, readable on phones, and colours a dark mode can invert or the dark media query replaces. Pure.
 */
import { render } from 'preact-render-to-string';
import {
  arxivUrl,
  authorLine,
  type DigestContent,
  digestSubject,
  paperUrl,
  pdfUrl,
} from './digest-content.ts';
import type { DigestEntry } from './select.ts';
import { oneLineSummary } from './summary.ts';

const DARK_MODE = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .pp-body, .pp-card { background: #0f1520 !important; color: #e6e9ef !important; }
  .pp-muted { color: #a9b1bf !important; }
  .pp-link { color: #8ab4ff !important; }
}`;

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function renderDigestHtml(content: DigestContent): string {
  const subject = digestSubject(content);
  return `<!DOCTYPE html>${render(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{subject}</title>
        <style>{DARK_MODE}</style>
      </head>
      <body class="pp-body" style={`margin:0;padding:0;background:#ffffff;color:#1b1f24;font-family:${FONT}`}>
        <table
          role="presentation"
          width="100%"
          cellPadding="0"
          cellSpacing="0"
          style="border-collapse:collapse"
        >
          <tr>
            <td align="center" style="padding:16px 8px">
              <table
                role="presentation"
                width="100%"
                cellPadding="0"
                cellSpacing="0"
                style="max-width:640px;border-collapse:collapse"
              >
                <tr>
                  <td style="padding:0 8px 12px 8px">
                    <h1 style="margin:0;font-size:22px;line-height:1.3">{subject}</h1>
                    {content.matchedTopics ? null : (
                      <p class="pp-muted" style="margin:8px 0 0 0;color:#57606a;font-size:14px">
                        Nothing matched your topics this time; here are the top papers instead.
                      </p>
                    )}
                  </td>
                </tr>
                {content.entries.map((entry, index) => (
                  <Entry key={entry.paper.id} entry={entry} index={index} site={content.links.site} />
                ))}
                <tr>
                  <td class="pp-muted" style="padding:16px 8px;font-size:13px;line-height:1.6;color:#57606a">
                    <a class="pp-link" style="color:#1f5fbf" href={content.links.web}>
                      View on the web
                    </a>
                    {' · '}
                    <a class="pp-link" style="color:#1f5fbf" href={content.links.preferences}>
                      Change topics or frequency
                    </a>
                    {' · '}
                    <a class="pp-link" style="color:#1f5fbf" href={content.links.unsubscribe}>
                      Unsubscribe
                    </a>
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>,
  )}`;
}

function Entry({ entry, index, site }: { entry: DigestEntry; index: number; site: string }) {
  const { paper } = entry;
  return (
    <tr>
      <td class="pp-card" style="padding:12px 8px;border-top:1px solid #d0d7de">
        <p class="pp-muted" style="margin:0 0 4px 0;font-size:13px;color:#57606a">
          {index + 1}. {entry.reasons.join(' · ')}
        </p>
        <h2 style="margin:0 0 4px 0;font-size:17px;line-height:1.35">
          <a class="pp-link" style="color:#1f5fbf;text-decoration:none" href={paperUrl(site, paper.id)}>
            {paper.title}
          </a>
        </h2>
        <p class="pp-muted" style="margin:0 0 6px 0;font-size:13px;color:#57606a">
          {authorLine(paper.authors)}
        </p>
        <p style="margin:0 0 6px 0;font-size:15px;line-height:1.5">{oneLineSummary(paper.abstract)}</p>
        <p style="margin:0;font-size:13px">
          <a class="pp-link" style="color:#1f5fbf" href={arxivUrl(paper.id)}>
            arXiv
          </a>
          {' · '}
          <a class="pp-link" style="color:#1f5fbf" href={pdfUrl(paper.id)}>
            PDF
          </a>
        </p>
      </td>
    </tr>
  );
}
