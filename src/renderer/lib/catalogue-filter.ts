// Searching, filtering and sorting the library in the browser. Pure: the catalogue store feeds
// it the items list and the chosen filters, and it must stay fast for 20,000 titles, so the
// text each item is searched by is folded once (prepareCatalogue) and the list is sorted once
// per sort order (sortCatalogue), not at every keystroke: filterCatalogue keeps the order it is given.
import type { ItemSummary, TopKind } from '../../shared/api';

export type KindFilter = 'all' | TopKind;
export type SortOrder = 'title' | 'year' | 'added' | 'rating';

export interface CatalogueFilter {
  query: string;
  kind: KindFilter;
  /** One genre, or null for every genre. */
  genre: string | null;
  sort: SortOrder;
}

export const DEFAULT_FILTER: CatalogueFilter = { query: '', kind: 'all', genre: null, sort: 'title' };

export interface PreparedItem {
  item: ItemSummary;
  /** Title, original sort key and year, lower-cased and without accents. */
  haystack: string;
}

/** Lower case, accents off, punctuation to spaces: "Amélie" and "amelie" meet, so do "WALL·E" and "wall e". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function prepareCatalogue(items: readonly ItemSummary[]): PreparedItem[] {
  return items.map((item) => ({
    item,
    haystack: ` ${foldText(`${item.title} ${item.sortKey} ${item.year ?? ''}`)}`,
  }));
}

/**
 * Every word of the query must start a word of the title or the year, so "star wa" finds
 * "Star Wars" but "ar" does not find every title with an "ar" in it.
 */
function matchesQuery(haystack: string, words: readonly string[]): boolean {
  for (const word of words) {
    if (!haystack.includes(` ${word}`)) return false;
  }
  return true;
}

// One collator for every comparison: String.localeCompare with options builds one per call,
// which makes sorting 20,000 titles take seconds instead of milliseconds.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareTitle(a: ItemSummary, b: ItemSummary): number {
  const key = collator.compare(a.sortKey || a.title, b.sortKey || b.title);
  return key !== 0 ? key : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function ratingOf(item: ItemSummary): number {
  // IMDb is out of 10 and Metascore out of 100: bring them to one scale, prefer IMDb.
  if (item.ratings.imdb !== undefined) return item.ratings.imdb * 10;
  if (item.ratings.metascore !== undefined) return item.ratings.metascore;
  return -1;
}

const COMPARATORS: Record<SortOrder, (a: ItemSummary, b: ItemSummary) => number> = {
  title: compareTitle,
  // Newest first; titles without a year go last.
  year: (a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || compareTitle(a, b),
  added: (a, b) => b.addedAt.localeCompare(a.addedAt) || compareTitle(a, b),
  rating: (a, b) => ratingOf(b) - ratingOf(a) || compareTitle(a, b),
};

/** A sorted copy of the prepared list: depends only on the items and the sort order. */
export function sortCatalogue(prepared: readonly PreparedItem[], sort: SortOrder): PreparedItem[] {
  const compare = COMPARATORS[sort];
  return [...prepared].sort((a, b) => compare(a.item, b.item));
}

/** The items that pass the query, kind and genre, in the order of `sorted` (see sortCatalogue). */
export function filterCatalogue(sorted: readonly PreparedItem[], filter: Omit<CatalogueFilter, 'sort'>): ItemSummary[] {
  const words = foldText(filter.query).split(' ').filter((word) => word.length > 0);
  const genre = filter.genre;
  const result: ItemSummary[] = [];
  for (const { item, haystack } of sorted) {
    if (filter.kind !== 'all' && item.kind !== filter.kind) continue;
    if (genre !== null && !item.genres.includes(genre)) continue;
    if (words.length > 0 && !matchesQuery(haystack, words)) continue;
    result.push(item);
  }
  return result;
}

export interface GenreCount {
  name: string;
  count: number;
}

/** The genres present among the items of this kind, most common first. */
export function genreCounts(items: readonly ItemSummary[], kind: KindFilter = 'all'): GenreCount[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (kind !== 'all' && item.kind !== kind) continue;
    for (const genre of item.genres) counts.set(genre, (counts.get(genre) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
}

/** "1 title", "24 movies", "3 of 120 series"… */
export function countLabel(shown: number, total: number, kind: KindFilter): string {
  const noun =
    kind === 'movie' ? (total === 1 ? 'movie' : 'movies') : kind === 'series' ? 'series' : total === 1 ? 'title' : 'titles';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}
