// Searching, filtering and sorting the library in the browser. Pure: the catalogue store feeds
// it the items list and the chosen filters, and it must stay fast for 20,000 titles, so the
// text each item is searched by is folded once (prepareCatalogue) and the list is sorted once
// per sort order (sortCatalogue), not at every keystroke: filterCatalogue keeps the order it is given.
import type { ItemSummary, PersonRef, Resolution, TopKind } from '../../shared/api';

export type KindFilter = 'all' | TopKind;
export type SortOrder = 'title' | 'year' | 'added' | 'rating' | 'runtime';
export type SortDirection = 'asc' | 'desc';
export type WatchFilter = 'all' | 'unwatched' | 'in-progress' | 'watched';
export type GenreMode = 'any' | 'all';

export const SORT_ORDERS: readonly SortOrder[] = ['title', 'added', 'year', 'rating', 'runtime'];
export const WATCH_FILTERS: readonly WatchFilter[] = ['all', 'unwatched', 'in-progress', 'watched'];
export const RESOLUTIONS: readonly Resolution[] = ['sd', 'hd', '4k'];

/** Each sort's natural way: A to Z, and newest, best or longest first. */
export const DEFAULT_DIRECTION: Record<SortOrder, SortDirection> = {
  title: 'asc',
  year: 'desc',
  added: 'desc',
  rating: 'desc',
  runtime: 'desc',
};

/** A closed range; null at either end leaves that end open. */
export interface Range {
  from: number | null;
  to: number | null;
}

export interface CatalogueFilter {
  query: string;
  kind: KindFilter;
  /** Empty: every genre. */
  genres: readonly string[];
  /** Several genres: a title with any of them, or only titles with all of them. */
  genreMode: GenreMode;
  years: Range;
  /** IMDb rating, 0 to 10. */
  rating: Range;
  /** Audio languages (ISO 639-2/B): a title with any of them. */
  audio: readonly string[];
  subtitles: readonly string[];
  /** The language a title was made in (ISO 639-2/B): a title in any of them. */
  original: readonly string[];
  watch: WatchFilter;
  resolutions: readonly Resolution[];
  /** Only titles with an HDR video. */
  hdr: boolean;
  /** A person's id: only titles they are credited in. */
  person: string | null;
  sort: SortOrder;
  direction: SortDirection;
}

export const OPEN_RANGE: Range = { from: null, to: null };

export const DEFAULT_FILTER: CatalogueFilter = {
  query: '',
  kind: 'all',
  genres: [],
  genreMode: 'any',
  years: OPEN_RANGE,
  rating: OPEN_RANGE,
  audio: [],
  subtitles: [],
  original: [],
  watch: 'all',
  resolutions: [],
  hdr: false,
  person: null,
  sort: 'title',
  direction: 'asc',
};

export interface PreparedItem {
  item: ItemSummary;
  /**
   * Title, original title, sort key, year and people, lower-cased and without accents, each word
   * after a space. Folded on first read (the first search, or idle time after the first paint:
   * foldSearchText), so the grid does not wait for 20,000 titles to be folded.
   */
  readonly haystack: string;
  /** Ids of the people the summary names. */
  personIds: readonly string[];
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

class PreparedEntry implements PreparedItem {
  private folded: string | null = null;

  constructor(
    readonly item: ItemSummary,
    readonly personIds: readonly string[],
    private readonly people: readonly number[],
    private readonly names: () => readonly string[],
  ) {}

  get haystack(): string {
    if (this.folded === null) {
      const folded = this.names();
      const names = this.people.map((index) => folded[index] ?? '');
      const { item } = this;
      const text = foldText(`${item.title} ${item.originalTitle ?? ''} ${item.sortKey} ${item.year ?? ''}`);
      this.folded = ` ${text} ${names.join(' ')}`;
    }
    return this.folded;
  }
}

export function prepareCatalogue(items: readonly ItemSummary[], people: readonly PersonRef[] = []): PreparedItem[] {
  // Each name is folded once for the whole library (on the first search), not once per title it appears in.
  let folded: string[] | null = null;
  const names = (): readonly string[] => (folded ??= people.map((person) => foldText(person.name)));
  return items.map((item) => {
    const indexes: number[] = [];
    const personIds: string[] = [];
    for (const index of item.people ?? []) {
      const person = people[index];
      if (!person) continue;
      personIds.push(person.id);
      indexes.push(index);
    }
    return new PreparedEntry(item, personIds, indexes, names);
  });
}

/**
 * Folds the search text of the entries from `from` on until `budgetMs` has passed; returns where
 * it stopped (entries.length when all are folded). For idle callbacks, so the first search is instant.
 */
export function foldSearchText(entries: readonly PreparedItem[], from: number, budgetMs: number, now: () => number = () => performance.now()): number {
  const until = now() + budgetMs;
  let index = from;
  while (index < entries.length) {
    void (entries[index] as PreparedItem).haystack;
    index++;
    if ((index & 63) === 0 && now() >= until) break;
  }
  return index;
}

/**
 * Every word of the query must start a word of the title, original title, year or a person's
 * name, so "star wa" finds "Star Wars" but "ar" does not find every title with an "ar" in it.
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

/** IMDb out of 10; a title with only a Metascore is placed by it (out of 100), for sorting only. */
function sortRatingOf(item: ItemSummary): number | null {
  if (item.ratings.imdb !== undefined) return item.ratings.imdb * 10;
  if (item.ratings.metascore !== undefined) return item.ratings.metascore;
  return null;
}

const SORT_KEYS: Record<Exclude<SortOrder, 'title'>, (item: ItemSummary) => number | null> = {
  year: (item) => item.year,
  added: (item) => {
    const time = Date.parse(item.addedAt);
    return Number.isNaN(time) ? null : time;
  },
  rating: sortRatingOf,
  runtime: (item) => item.runtimeMinutes,
};

function inOrder(entries: readonly PreparedItem[], compare: (a: PreparedItem, b: PreparedItem) => number): boolean {
  for (let index = 1; index < entries.length; index++) {
    if (compare(entries[index - 1] as PreparedItem, entries[index] as PreparedItem) > 0) return false;
  }
  return true;
}

/** A sorted copy of the prepared list: depends only on the items, the sort order and its direction. */
export function sortCatalogue(prepared: readonly PreparedItem[], sort: SortOrder, direction: SortDirection = DEFAULT_DIRECTION[sort]): PreparedItem[] {
  const sign = direction === 'asc' ? 1 : -1;
  if (sort === 'title') {
    const byTitle = (a: PreparedItem, b: PreparedItem): number => sign * compareTitle(a.item, b.item);
    // The server sends the list by sort key: one pass confirms the order instead of sorting again.
    return inOrder(prepared, byTitle) ? [...prepared] : [...prepared].sort(byTitle);
  }
  const key = SORT_KEYS[sort];
  // Keys read once per item, not once per comparison.
  const keyed = prepared.map((entry) => ({ entry, key: key(entry.item) }));
  keyed.sort((a, b) => {
    // Titles that do not say (no year, no rating) go last either way.
    if (a.key === null || b.key === null) return a.key === b.key ? compareTitle(a.entry.item, b.entry.item) : a.key === null ? 1 : -1;
    return sign * (a.key - b.key) || compareTitle(a.entry.item, b.entry.item);
  });
  return keyed.map(({ entry }) => entry);
}

function inRange(value: number | null | undefined, range: Range): boolean {
  if (range.from === null && range.to === null) return true;
  if (value === null || value === undefined) return false;
  return (range.from === null || value >= range.from) && (range.to === null || value <= range.to);
}

function anyOf(values: readonly string[] | undefined, wanted: readonly string[]): boolean {
  if (!values) return false;
  for (const value of values) if (wanted.includes(value)) return true;
  return false;
}

function watchState(item: ItemSummary): Exclude<WatchFilter, 'all'> {
  if (item.watched) return 'watched';
  return item.inProgress ? 'in-progress' : 'unwatched';
}

/** Everything but the query and the sort: what the grid is narrowed to before the search box. */
export type FilterFacets = Omit<CatalogueFilter, 'sort' | 'direction'>;

/** The items that pass every filter, in the order of `sorted` (see sortCatalogue). */
export function filterCatalogue(sorted: readonly PreparedItem[], filter: FilterFacets): ItemSummary[] {
  return filterEntries(sorted, filter).map((entry) => entry.item);
}

/** filterCatalogue, keeping the prepared entries: a later, narrower filter can start from them (narrows). */
export function filterEntries(sorted: readonly PreparedItem[], filter: FilterFacets): PreparedItem[] {
  const words = queryWords(filter.query);
  const { genres, genreMode, audio, subtitles, original, resolutions, person, watch } = filter;
  const result: PreparedItem[] = [];
  for (const entry of sorted) {
    const { item } = entry;
    if (filter.kind !== 'all' && item.kind !== filter.kind) continue;
    if (genres.length > 0) {
      const has = genreMode === 'all' ? genres.every((g) => item.genres.includes(g)) : genres.some((g) => item.genres.includes(g));
      if (!has) continue;
    }
    if (!inRange(item.year, filter.years)) continue;
    if (!inRange(item.ratings.imdb, filter.rating)) continue;
    if (audio.length > 0 && !anyOf(item.languages, audio)) continue;
    if (subtitles.length > 0 && !anyOf(item.subtitleLanguages, subtitles)) continue;
    if (original.length > 0 && (item.originalLanguage === undefined || !original.includes(item.originalLanguage))) continue;
    if (watch !== 'all' && watchState(item) !== watch) continue;
    if (resolutions.length > 0 && (item.resolution === undefined || !resolutions.includes(item.resolution))) continue;
    if (filter.hdr && item.hdr !== true) continue;
    if (person !== null && !entry.personIds.includes(person)) continue;
    if (words.length > 0 && !matchesQuery(entry.haystack, words)) continue;
    result.push(entry);
  }
  return result;
}

function queryWords(query: string): string[] {
  return foldText(query).split(' ').filter((word) => word.length > 0);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((value, index) => b[index] === value));
}

function sameRange(a: Range, b: Range): boolean {
  return a.from === b.from && a.to === b.to;
}

/**
 * True when every title `next` lets through is also let through by `previous`: the same facets and
 * a query that only grew ("star w" → "star wa"), so typing filters the last result, not the library.
 */
export function narrows(previous: FilterFacets, next: FilterFacets): boolean {
  const sameFacets =
    previous.kind === next.kind &&
    sameList(previous.genres, next.genres) &&
    previous.genreMode === next.genreMode &&
    sameRange(previous.years, next.years) &&
    sameRange(previous.rating, next.rating) &&
    sameList(previous.audio, next.audio) &&
    sameList(previous.subtitles, next.subtitles) &&
    sameList(previous.original, next.original) &&
    previous.watch === next.watch &&
    sameList(previous.resolutions, next.resolutions) &&
    previous.hdr === next.hdr &&
    previous.person === next.person;
  if (!sameFacets) return false;
  // Each word must start a word of the haystack: if the folded query only grew at its end, each old
  // word is a next word or the start of one, so whatever matches the next query matched the old one.
  return queryWords(next.query).join(' ').startsWith(queryWords(previous.query).join(' '));
}

export interface GenreCount {
  name: string;
  count: number;
}

/** The genres present among the items of this kind, most common first. */
export function genreCounts(items: readonly ItemSummary[], kind: KindFilter = 'all'): GenreCount[] {
  return valueCounts(items, kind, (item) => item.genres);
}

/** Any list-valued field's values among the items of this kind, most common first (languages…). */
export function valueCounts(items: readonly ItemSummary[], kind: KindFilter, values: (item: ItemSummary) => readonly string[] | undefined): GenreCount[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (kind !== 'all' && item.kind !== kind) continue;
    for (const value of new Set(values(item) ?? [])) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
}

/** The years the library spans, for the year range's bounds; null for a library without years. */
export function yearBounds(items: readonly ItemSummary[]): Range | null {
  let from = Infinity;
  let to = -Infinity;
  for (const item of items) {
    if (item.year === null) continue;
    if (item.year < from) from = item.year;
    if (item.year > to) to = item.year;
  }
  return from === Infinity ? null : { from, to };
}

/** How many filters beyond kind, query and sort are set: the "Filters (3)" badge. */
export function activeFilterCount(filter: FilterFacets): number {
  return (
    (filter.genres.length > 0 ? 1 : 0) +
    (filter.years.from !== null || filter.years.to !== null ? 1 : 0) +
    (filter.rating.from !== null || filter.rating.to !== null ? 1 : 0) +
    (filter.audio.length > 0 ? 1 : 0) +
    (filter.subtitles.length > 0 ? 1 : 0) +
    (filter.original.length > 0 ? 1 : 0) +
    (filter.watch !== 'all' ? 1 : 0) +
    (filter.resolutions.length > 0 ? 1 : 0) +
    (filter.hdr ? 1 : 0) +
    (filter.person !== null ? 1 : 0)
  );
}

/** "1 title", "24 movies", "3 of 120 series"… */
export function countLabel(shown: number, total: number, kind: KindFilter): string {
  const noun =
    kind === 'movie' ? (total === 1 ? 'movie' : 'movies') : kind === 'series' ? 'series' : total === 1 ? 'title' : 'titles';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}
