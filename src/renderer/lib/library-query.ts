// The library's filters in the address bar: every filter is a query parameter, so Back, reload
// and a shared link bring the same grid back. Pure; a value that cannot be read is dropped (a
// hand-edited link never breaks the page) and defaults are left out, so links stay short.
import type { Resolution } from '../../shared/api';
import {
  DEFAULT_DIRECTION,
  DEFAULT_FILTER,
  RESOLUTIONS,
  SORT_ORDERS,
  WATCH_FILTERS,
  type CatalogueFilter,
  type KindFilter,
  type Range,
  type SortOrder,
  type WatchFilter,
} from './catalogue-filter';

/** What vue-router gives for route.query (and takes back). */
export type QueryValue = string | null | (string | null)[] | undefined;
export type RawQuery = Record<string, QueryValue>;

const KINDS: readonly KindFilter[] = ['all', 'movie', 'series'];
const LANGUAGE = /^[a-z]{2,3}$/;
const MAX_LIST = 50;

function first(value: QueryValue): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : null;
}

/** Repeated parameters and comma lists both count (`genre=A&genre=B`, `audio=eng,fre`). */
function list(value: QueryValue, split: boolean): string[] {
  const all = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const parts = split ? all.flatMap((v) => v.split(',')) : all;
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 0 && p.length <= 100))].slice(0, MAX_LIST);
}

function oneOf<T extends string>(value: QueryValue, allowed: readonly T[], fallback: T): T {
  const text = first(value);
  return text !== null && (allowed as readonly string[]).includes(text) ? (text as T) : fallback;
}

/** "1990-1999", "1990-", "-1999", "7.5-": either end may be open; a reversed range is put right. */
function range(value: QueryValue, min: number, max: number): Range {
  const text = first(value);
  const match = text === null ? null : /^\s*(\d+(?:\.\d+)?)?\s*-\s*(\d+(?:\.\d+)?)?\s*$/.exec(text);
  if (!match) return DEFAULT_FILTER.years;
  const read = (part: string | undefined): number | null => {
    if (part === undefined) return null;
    const n = Number(part);
    return Number.isFinite(n) && n >= min && n <= max ? n : null;
  };
  const from = read(match[1]);
  const to = read(match[2]);
  if (from !== null && to !== null && from > to) return { from: to, to: from };
  return { from, to };
}

function rangeText(r: Range): string | null {
  if (r.from === null && r.to === null) return null;
  return `${r.from ?? ''}-${r.to ?? ''}`;
}

export function filterFromQuery(query: RawQuery): CatalogueFilter {
  const sort = oneOf<SortOrder>(query.sort, SORT_ORDERS, DEFAULT_FILTER.sort);
  const direction = oneOf(query.order, ['asc', 'desc'] as const, DEFAULT_DIRECTION[sort]);
  const person = first(query.person);
  return {
    query: (first(query.q) ?? '').slice(0, 200),
    kind: oneOf(query.kind, KINDS, DEFAULT_FILTER.kind),
    genres: list(query.genre, false),
    genreMode: oneOf(query.genres, ['any', 'all'] as const, DEFAULT_FILTER.genreMode),
    years: range(query.year, 1800, 3000),
    rating: range(query.rating, 0, 10),
    audio: list(query.audio, true).filter((code) => LANGUAGE.test(code)),
    subtitles: list(query.subs, true).filter((code) => LANGUAGE.test(code)),
    original: list(query.orig, true).filter((code) => LANGUAGE.test(code)),
    watch: oneOf<WatchFilter>(query.watch, WATCH_FILTERS, DEFAULT_FILTER.watch),
    resolutions: list(query.res, true).filter((r): r is Resolution => (RESOLUTIONS as readonly string[]).includes(r)),
    hdr: first(query.hdr) === '1',
    person: person && person.length <= 64 ? person : null,
    sort,
    direction,
  };
}

/** Only what differs from the defaults, in a fixed order of keys. */
export function filterToQuery(filter: CatalogueFilter): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  const q = filter.query.trim();
  if (q) query.q = filter.query;
  if (filter.kind !== 'all') query.kind = filter.kind;
  if (filter.genres.length > 0) query.genre = [...filter.genres];
  if (filter.genres.length > 1 && filter.genreMode === 'all') query.genres = 'all';
  const years = rangeText(filter.years);
  if (years) query.year = years;
  const rating = rangeText(filter.rating);
  if (rating) query.rating = rating;
  if (filter.audio.length > 0) query.audio = filter.audio.join(',');
  if (filter.subtitles.length > 0) query.subs = filter.subtitles.join(',');
  if (filter.original.length > 0) query.orig = filter.original.join(',');
  if (filter.watch !== 'all') query.watch = filter.watch;
  if (filter.resolutions.length > 0) query.res = filter.resolutions.join(',');
  if (filter.hdr) query.hdr = '1';
  if (filter.person) query.person = filter.person;
  if (filter.sort !== DEFAULT_FILTER.sort) query.sort = filter.sort;
  if (filter.direction !== DEFAULT_DIRECTION[filter.sort]) query.order = filter.direction;
  return query;
}

/** Two queries name the same filters (so writing one back to the URL would change nothing). */
export function sameQuery(a: RawQuery, b: RawQuery): boolean {
  return JSON.stringify(filterToQuery(filterFromQuery(a))) === JSON.stringify(filterToQuery(filterFromQuery(b)));
}
