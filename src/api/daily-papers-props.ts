/**
 * The `data-props` value of `<div data-target="DailyPapers" data-props="…">` on the HTML listing pages,
 * which scrapers of Hugging Face's pages read: `{"dailyPapers": [items as /api/daily_papers answers]}`.
 * The page renders it as an attribute value (JSX escapes it); this returns the unescaped JSON text.
 */
import type { ListingItem } from '../listings/listing-store.ts';
import { hfDailyItem } from './hf-json.ts';

export function dailyPapersProps(items: readonly ListingItem[]): string {
  return JSON.stringify({ dailyPapers: items.map((item) => hfDailyItem(item)) });
}
