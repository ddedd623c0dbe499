import { type Period, periodContaining } from '../../domain/period.ts';
import { periodPath } from '../../listings/listing-service.ts';
import { periodLinkLabel } from '../period-labels.ts';

const TABS = [
  ['day', 'Daily'],
  ['week', 'Weekly'],
  ['month', 'Monthly'],
] as const;

/** Daily / Weekly / Monthly: the periods of each kind that contain `day`. */
export function PeriodTabs({ current, day }: { current: Period['kind']; day: string }) {
  return (
    <nav class="tabs" aria-label="Listing period">
      {TABS.map(([kind, label]) => (
        <a
          key={kind}
          href={periodPath(periodContaining(kind, day))}
          aria-current={current === kind ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Links to the nearest earlier and later periods that have papers, labelled with where they go. */
export interface PeriodNavProps {
  readonly previous: Period | null;
  readonly next: Period | null;
  /** The landmark's name; each navigation landmark on a page needs its own. */
  readonly label: string;
}

export function PeriodNav({ previous, next, label }: PeriodNavProps) {
  if (!previous && !next) return null;
  return (
    <nav class="period-nav" aria-label={label}>
      {previous ? (
        <a rel="prev" class="prev" href={periodPath(previous)}>
          <span class="dir">Earlier</span> {periodLinkLabel(previous)}
        </a>
      ) : null}
      {next ? (
        <a rel="next" class="next" href={periodPath(next)}>
          <span class="dir">Later</span> {periodLinkLabel(next)}
        </a>
      ) : null}
    </nav>
  );
}
