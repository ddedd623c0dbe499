import type { ListingPage } from '../../listings/listing-service.ts';
import { periodPath } from '../../listings/listing-service.ts';
import { nearestWithPapers } from '../nearest-period.ts';
import { periodLinkLabel, periodName } from '../period-labels.ts';

/** What a listing without papers says: that it is empty, and where the nearest papers are. */
export function EmptyPeriod({ page }: { page: ListingPage }) {
  const nearest = nearestWithPapers(page);
  return (
    <div class="empty">
      <p class="empty-title">
        No papers were featured {page.period.kind === 'day' ? 'on' : 'in'} {periodName(page.period)}.
      </p>
      {nearest ? (
        <p>
          The nearest {page.period.kind} with papers is{' '}
          <a class="button" href={periodPath(nearest)}>
            {periodLinkLabel(nearest)}
          </a>
        </p>
      ) : (
        <p>
          This server has no listings yet: import papers with <code>paperpulse ingest FILE</code>.
        </p>
      )}
    </div>
  );
}
