import { formatPeriod, type Period, periodContaining } from '../../domain/period.ts';
import { type ListingPage, periodPath } from '../../listings/listing-service.ts';
import { formatDayLong, formatDayShort, formatMonth } from '../format.ts';
import { Layout } from './layout.tsx';
import { PaperCard } from './paper-card.tsx';

export function periodHeading(period: Period, from: string, to: string): string {
  if (period.kind === 'day') return formatDayShort(period.day);
  if (period.kind === 'month') return formatMonth(period.year, period.month);
  return `Week ${period.week}, ${formatDayShort(from)} – ${formatDayShort(to)}`;
}

export function periodTitle(period: Period, from: string, to: string): string {
  if (period.kind === 'day') return formatDayLong(period.day);
  if (period.kind === 'month') return formatMonth(period.year, period.month);
  return `week ${formatPeriod(period)} (${formatDayLong(from)} – ${formatDayLong(to)})`;
}

export function ListingPageView({ page, canonical }: { page: ListingPage; canonical: string }) {
  const { period, from, to, items } = page;
  const title = periodTitle(period, from, to);
  return (
    <Layout
      title={`Daily papers — ${title} · Paperpulse`}
      canonical={canonical}
      description={`Papers featured on ${title}`}
    >
      <SubscribeBanner />
      <section class="listing" aria-labelledby="listing-heading">
        <div class="listing-head">
          <div>
            <p class="eyebrow">Daily papers · by the research community</p>
            <h1 id="listing-heading">
              <time datetime={period.kind === 'day' ? period.day : formatPeriod(period)}>
                {periodHeading(period, from, to)}
              </time>
              {period.kind === 'day' ? <span class="year"> {period.day.slice(0, 4)}</span> : null}
            </h1>
          </div>
          <PeriodTabs period={period} day={to} />
        </div>
        <PeriodNav page={page} />
        {items.length === 0 ? (
          <EmptyPeriod page={page} title={title} />
        ) : (
          <>
            <p class="count">
              {items.length} {items.length === 1 ? 'paper' : 'papers'}
            </p>
            <ol class="cards">
              {items.map((item) => (
                <li key={item.paper.id}>
                  <PaperCard item={item} />
                </li>
              ))}
            </ol>
            <PeriodNav page={page} />
          </>
        )}
      </section>
    </Layout>
  );
}

function SubscribeBanner() {
  return (
    <aside class="banner" aria-labelledby="subscribe-heading">
      <h2 id="subscribe-heading">Get trending papers in your email inbox!</h2>
      <form class="subscribe" method="get" action="/subscribe">
        <label for="subscribe-email" class="visually-hidden">
          Email address
        </label>
        <input
          id="subscribe-email"
          type="email"
          name="email"
          placeholder="you@example.org"
          autocomplete="email"
          maxLength={254}
        />
        <button type="submit">Subscribe</button>
      </form>
    </aside>
  );
}

function PeriodTabs({ period, day }: { period: Period; day: string }) {
  const tabs = [
    ['day', 'Daily'],
    ['week', 'Weekly'],
    ['month', 'Monthly'],
  ] as const;
  return (
    <nav class="tabs" aria-label="Period">
      {tabs.map(([kind, label]) => (
        <a
          key={kind}
          href={periodPath(periodContaining(kind, day))}
          aria-current={period.kind === kind ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}

function PeriodNav({ page }: { page: ListingPage }) {
  if (!page.previous && !page.next) return null;
  const label = (p: Period) =>
    p.kind === 'day'
      ? formatDayLong(p.day)
      : p.kind === 'month'
        ? formatMonth(p.year, p.month)
        : `Week ${p.week}, ${p.year}`;
  return (
    <nav class="period-nav" aria-label="Earlier and later">
      {page.previous ? (
        <a rel="prev" href={periodPath(page.previous)}>
          ← {label(page.previous)}
        </a>
      ) : (
        <span />
      )}
      {page.next ? (
        <a rel="next" href={periodPath(page.next)}>
          {label(page.next)} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

function EmptyPeriod({ page, title }: { page: ListingPage; title: string }) {
  const nearest = page.previous ?? page.next;
  return (
    <div class="empty">
      <p>No papers were featured on {title}.</p>
      {nearest ? (
        <p>
          The nearest {nearest === page.previous ? 'earlier' : 'later'} one with papers is{' '}
          <a href={periodPath(nearest)}>{formatPeriod(nearest)}</a>.
        </p>
      ) : (
        <p>
          This server has no listings yet: import papers with <code>paperpulse ingest</code>.
        </p>
      )}
    </div>
  );
}
