import type { ComponentChildren } from 'preact';
import type { Paper } from '../../domain/paper.ts';
import { formatInstant, httpUrl, linkLabel } from '../format.ts';

/** The bibliographic facts of a paper as a description list; nothing at all when none is known. */
export function PaperDetails({ paper }: { paper: Paper }) {
  const published = formatInstant(paper.publishedAt);
  const updated = formatInstant(paper.updatedAt);
  const rows: [label: string, value: ComponentChildren][] = [];
  if (paper.categories.length > 0) rows.push(['Categories', paper.categories.join(', ')]);
  if (published) rows.push(['Published', published]);
  if (updated && updated !== published) rows.push(['Last updated', updated]);
  if (paper.comment) rows.push(['Comment', paper.comment]);
  if (paper.journalRef) rows.push(['Journal reference', paper.journalRef]);
  if (paper.doi) rows.push(['DOI', <a href={`https://doi.org/${encodeURI(paper.doi)}`}>{paper.doi}</a>]);
  if (paper.license) rows.push(['License', <LicenseText license={paper.license} />]);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl class="details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function LicenseText({ license }: { license: string }) {
  const url = httpUrl(license);
  return url ? <a href={url}>{linkLabel(url)}</a> : license;
}
