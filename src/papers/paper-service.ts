import { parseArxivId } from '../domain/arxiv-id.ts';
import { BadRequestError, NotFoundError } from '../domain/errors.ts';
import type { PaperVersion } from '../domain/paper.ts';
import type { ListingItem, ListingStore } from '../listings/listing-store.ts';
import type { PaperView } from './paper-rows.ts';
import type { PaperStore } from './paper-store.ts';

export interface PaperDetails {
  readonly paper: PaperView;
  readonly versions: readonly PaperVersion[];
  readonly listing: Omit<ListingItem, 'paper'> | null;
}

export type PaperLookup = { kind: 'found'; details: PaperDetails } | { kind: 'redirect'; id: string };

export class PaperService {
  constructor(
    private readonly papers: PaperStore,
    private readonly listings: ListingStore,
  ) {}

  /** Finds a paper by any id form; a non-canonical form answers with the canonical id to redirect to. */
  async lookup(input: string): Promise<PaperLookup> {
    const parsed = parseArxivId(input);
    if (!parsed.ok) throw new BadRequestError(parsed.reason);
    const { id } = parsed.value;
    if (id !== input) {
      const exists = await this.papers.getPaper(id);
      if (!exists) throw new NotFoundError(`no paper ${id} here`);
      return { kind: 'redirect', id };
    }
    const paper = await this.papers.getPaper(id);
    if (!paper) throw new NotFoundError(`no paper ${id} here`);
    const [versions, listing] = await Promise.all([this.papers.getVersions(id), this.listings.listingOf(id)]);
    return { kind: 'found', details: { paper, versions, listing } };
  }
}
