import type { TrendingWindow } from '../../domain/trending.ts';
import type { AlternateLink } from '../../feeds/alternate-links.ts';
import type { TrendingItem } from '../../trending/trending-store.ts';
import { shortAuthors } from '../format.ts';
import { Layout } from './layout.tsx';

const WINDOWS: readonly [TrendingWindow, string][] = [
  ['day', 'Today'],
  ['week', 'This week'],
  ['month', 'This month'],
];

/** Papers ranked by the trending score, with the score and its parts on every row. */
export function TrendingPage({
  window,
  items,
  alternates,
}: {
  window: TrendingWindow;
  items: readonly TrendingItem[];
  /** Its feeds, for autodiscovery. */
  alternates?: readonly AlternateLink[];
}) {
  return (
    <Layout
      title="Trending papers · Paperpulse"
      canonical={`/papers/trending?window=${window}`}
      {...(alternates ? { alternates } : {})}
    >
      <section aria-labelledby="trending-heading">
        <h1 id="trending-heading">Trending papers</h1>
        <nav aria-label="Window" class="period-tabs">
          {WINDOWS.map(([w, label]) => (
            <a key={w} href={`/papers/trending?window=${w}`} aria-current={w === window ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        {items.length === 0 ? <p>No papers reached a listing in this window.</p> : null}
        <ol class="trending-list">
          {items.map((item) => (
            <li key={item.paper.id} class="trending-item" data-score={item.score}>
              <a href={`/papers/${item.paper.id}`}>{item.paper.title}</a>{' '}
              <span class="authors">{shortAuthors(item.paper.authors).names.join(', ')}</span>{' '}
              <span class="score">
                score {item.score.toFixed(4)}: {item.upvotes} upvotes, {item.starsGained} stars gained,{' '}
                {item.ageHours.toFixed(1)} hours old
              </span>
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
