import type { PaperVersion } from '../../domain/paper.ts';
import { arxivAbsUrl, formatInstant } from '../format.ts';

/** More versions than this are not listed one by one (no real paper has them). */
const MAX_LISTED = 100;

export interface PaperVersionsProps {
  readonly id: string;
  readonly title: string;
  readonly latestVersion: number;
  /** The versions the store knows details of; the others are listed as links to arXiv. */
  readonly versions: readonly PaperVersion[];
  /** When v1 and the latest version were submitted, for versions without their own record. */
  readonly publishedAt: string | null;
  readonly updatedAt: string | null;
}

/** Every version from v1 to the latest, oldest first as arXiv lists them, with what is known of each. */
export function PaperVersions(props: PaperVersionsProps) {
  const { id, title, latestVersion, versions } = props;
  const known = new Map(versions.map((v) => [v.version, v]));
  // Sources that know only one date give it as both; it then says nothing of a later version.
  const updatedAt = props.updatedAt !== props.publishedAt ? props.updatedAt : null;
  const submittedAt = (n: number) =>
    known.get(n)?.submittedAt ??
    (n === 1 ? props.publishedAt : null) ??
    (n === latestVersion ? updatedAt : null);
  const numbers = Array.from({ length: Math.min(latestVersion, MAX_LISTED) }, (_, i) => i + 1);
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <p class="versions-note">
        This page shows v{latestVersion}
        {latestVersion > 1 ? ', the latest; arXiv keeps every earlier version.' : ', the only version.'}
      </p>
      <ol class="versions">
        {numbers.map((n) => (
          <VersionItem
            key={n}
            id={id}
            number={n}
            version={known.get(n)}
            submittedAt={submittedAt(n)}
            latest={n === latestVersion}
            title={title}
          />
        ))}
      </ol>
      {latestVersion > MAX_LISTED ? (
        <p>
          <a href={arxivAbsUrl(id)}>All {latestVersion} versions on arXiv</a>
        </p>
      ) : null}
    </section>
  );
}

interface VersionItemProps {
  readonly id: string;
  readonly number: number;
  readonly version: PaperVersion | undefined;
  readonly submittedAt: string | null;
  readonly latest: boolean;
  readonly title: string;
}

function VersionItem({ id, number, version, submittedAt, latest, title }: VersionItemProps) {
  const submitted = formatInstant(submittedAt);
  return (
    <li class={latest ? 'latest' : undefined}>
      <a href={arxivAbsUrl(id, number)}>v{number}</a>
      {latest ? <span class="tag">latest, shown here</span> : null}
      {submitted ? <span class="when">submitted {submitted}</span> : null}
      {version?.size ? <span class="size">{version.size}</span> : null}
      {version?.title && version.title !== title ? (
        <span class="old-title">titled “{version.title}”</span>
      ) : null}
    </li>
  );
}
