import type { ListingStore } from '../listings/listing-store.ts';
import type { PaperStore } from './paper-store.ts';

/**
 * Writes every paper as one JSON line, by id, in the format `paperpulse ingest` reads back:
 * the paper, its versions, its listing entry and its imported upvotes.
 */
export async function exportPapers(
  papers: PaperStore,
  listings: ListingStore,
  write: (chunk: string) => Promise<void> | void,
): Promise<number> {
  let count = 0;
  for await (const page of papers.pages()) {
    const entries = await listings.entriesFor(page.map((p) => p.paper.id));
    let chunk = '';
    for (const { paper, versions, upvotes } of page) {
      const listing = entries.get(paper.id);
      chunk += `${JSON.stringify({
        id: paper.id,
        // Only a version some source stated; an unknown one stays unknown on re-import.
        ...(versions.length > 0 ? { version: paper.latestVersion } : {}),
        title: paper.title,
        abstract: paper.abstract,
        authors: paper.authors,
        primary_category: paper.primaryCategory,
        categories: paper.categories,
        published_at: paper.publishedAt,
        updated_at: paper.updatedAt,
        comment: paper.comment,
        journal_ref: paper.journalRef,
        doi: paper.doi,
        license: paper.license,
        code_urls: paper.codeUrls,
        upvotes,
        versions: versions.map((v) => ({
          version: v.version,
          submitted_at: v.submittedAt,
          size: v.size,
          title: v.title,
          abstract: v.abstract,
        })),
        ...(listing
          ? {
              listing: {
                day: listing.day,
                position: listing.position,
                submitted_at: listing.submittedAt,
                submitted_by: listing.submittedBy,
                submitter_name: listing.submitterName,
                source: listing.source,
              },
            }
          : {}),
      })}\n`;
      count++;
    }
    await write(chunk);
  }
  return count;
}
