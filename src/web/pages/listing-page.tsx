import { dailyPapersProps } from '../../api/daily-papers-props.ts';
import { formatPeriod, periodRange } from '../../domain/period.ts';
import { alternateLinks } from '../../feeds/alternate-links.ts';
import type { ListingPage } from '../../listings/listing-service.ts';
import { periodPath } from '../../listings/listing-service.ts';
import type { PaperKeywords } from '../../search/keyword-store.ts';
import { periodHeading, periodName, periodSubheading } from '../period-labels.ts';
import { EmptyPeriod } from './empty-period.tsx';
import { Layout } from './layout.tsx';
import { PaperCard } from './paper-card.tsx';
import { PeriodNav, PeriodTabs } from './period-nav.tsx';
import { SubscribeBanner } from './subscribe-banner.tsx';

export interface ListingPageProps {
  readonly page: ListingPage;
  /** The key phrases and summaries of the page's papers, by paper id (ListingService.described). */
  readonly described: ReadonlyMap<string, PaperKeywords>;
  readonly canonical: string;
  readonly publicUrl: string;
}

/** A day's, week's or month's papers, laid out like the Hugging Face Papers page. */
export function ListingPageView({ page, described, canonical, publicUrl }: ListingPageProps) {
  const { period, items } = page;
  const name = periodName(period);
  const subheading = periodSubheading(period);
  return (
    <Layout
      title={`Papers of ${name} · Paperpulse`}
      canonical={canonical}
      description={`The research papers featured on Paperpulse for ${name}.`}
      section="listings"
      alternates={alternateLinks(periodPath(period), publicUrl, `Papers of ${name}`)}
    >
      {/* Scrapers of Hugging Face's listing pages (e.g. RSSHub) read this element, a direct child of <main>. */}
      <div data-target="DailyPapers" data-props={dailyPapersProps(items)} />
      <SubscribeBanner />
      <div class="listing-head">
        <div>
          <p class="eyebrow">Daily papers by the research community</p>
          <h1>
            <time datetime={formatPeriod(period)}>{periodHeading(period)}</time>
            {subheading ? <span class="sub"> {subheading}</span> : null}
          </h1>
        </div>
        <PeriodTabs current={period.kind} day={anchorDay(page)} />
      </div>
      {items.length === 0 ? (
        <>
          <EmptyPeriod page={page} />
          {page.previous && page.next ? (
            <PeriodNav previous={page.previous} next={page.next} label="Earlier and later listings" />
          ) : null}
        </>
      ) : (
        <>
          <p class="count">
            {items.length} {items.length === 1 ? 'paper' : 'papers'}
          </p>
          <PeriodNav previous={page.previous} next={page.next} label="Earlier and later listings" />
          <ol class="cards">
            {items.map((item) => (
              <PaperCard
                key={item.paper.id}
                item={item}
                described={described.get(item.paper.id) ?? null}
                showDay={period.kind !== 'day'}
              />
            ))}
          </ol>
          <PeriodNav previous={page.previous} next={page.next} label="More listings" />
        </>
      )}
    </Layout>
  );
}

/** The day the Daily/Weekly/Monthly tabs start from: the latest day with papers on this page. */
function anchorDay(page: ListingPage): string {
  let latest: string | null = null;
  for (const item of page.items) if (latest === null || item.day > latest) latest = item.day;
  return latest ?? (page.period.kind === 'day' ? page.period.day : periodRange(page.period).from);
}
