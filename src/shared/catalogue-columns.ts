// The library list in columns (GET /api/v1/catalogue): the same facts as GET /api/v1/items, one
// array per field instead of one object per title, with genres, languages, content ratings and
// people sent once in dictionaries and named by index. At 20,000 titles the object form spends
// most of its bytes (and the browser most of its parse time) on repeated keys and strings.
// Pure and shared: the server encodes, the renderer decodes back to ItemSummary. No Node, no DOM.
import type { ItemSummary, ItemsResponse, MetadataState, PersonRef, Resolution, TopKind } from './api';

export const CATALOGUE_FORMAT = 1;

/** Where a title's metadata came from (docs/metadata.md). Kept as a small enum column, in this order. */
export const METADATA_STATES = ['local', 'waiting', 'matched', 'needs-match', 'locked'] as const satisfies readonly MetadataState[];

/** A summary as the columns carry it. */
export type CatalogueItem = ItemSummary;

const KINDS: readonly TopKind[] = ['movie', 'series'];
/** Index 0 is "not known". */
const RESOLUTION_CODES: readonly (Resolution | null)[] = [null, 'sd', 'hd', '4k'];

/** Bits of `flags`. */
export const FLAG = { watched: 1, missing: 2, hdr: 4, inProgress: 8 } as const;

export interface CatalogueColumns {
  format: typeof CATALOGUE_FORMAT;
  count: number;
  dict: {
    genres: string[];
    languages: string[];
    contentRatings: string[];
    /** Person ids and names, in one order: `people` columns index into both. */
    personIds: string[];
    personNames: string[];
  };
  id: string[];
  /** Index into KINDS: 0 movie, 1 series. */
  kind: number[];
  title: string[];
  /** null when the sort key is the title itself. */
  sortKey: (string | null)[];
  originalTitle: (string | null)[];
  year: (number | null)[];
  /** Tenths of a point (IMDb 7.3 is 73). */
  imdb: (number | null)[];
  metascore: (number | null)[];
  /** Indexes into dict.languages, per title. */
  languages: number[][];
  subtitleLanguages: number[][];
  /** Index into dict.languages, or -1. */
  originalLanguage: number[];
  genres: number[][];
  /** Index into dict.contentRatings, or -1. */
  contentRating: number[];
  runtimeMinutes: (number | null)[];
  /** Seconds from `addedBase`. */
  addedAt: number[];
  /** Unix seconds every addedAt counts from. */
  addedBase: number;
  /** The poster's image id (its URL is /img/<id>), or null. */
  poster: (string | null)[];
  /** #rrggbb without the #, or null. */
  placeholder: (string | null)[];
  /** FLAG bits. */
  flags: number[];
  /** Index into RESOLUTION_CODES (0: not known). */
  resolution: number[];
  /** Series: episodes on disk; movies: null. */
  episodeCount: (number | null)[];
  /** People per title, sorted and delta-coded (each is the gap from the one before; the first from 0). */
  people: number[][];
  /** Index into METADATA_STATES per title; absent until the server tracks metadata state. */
  metadataState?: number[];
}

class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  code(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

const IMAGE_URL = /^\/img\/([^/?#]+)$/;

export function encodeCatalogue(list: { items: readonly CatalogueItem[]; people: readonly PersonRef[] }): CatalogueColumns {
  const genres = new Dictionary();
  const languages = new Dictionary();
  const ratings = new Dictionary();
  const n = list.items.length;
  let addedBase = Infinity;
  const added: number[] = new Array<number>(n);
  list.items.forEach((item, i) => {
    const seconds = Math.floor(Date.parse(item.addedAt) / 1000);
    added[i] = Number.isFinite(seconds) ? seconds : 0;
    if (added[i] < addedBase) addedBase = added[i];
  });
  if (addedBase === Infinity) addedBase = 0;
  const columns: CatalogueColumns = {
    format: CATALOGUE_FORMAT,
    count: n,
    dict: {
      genres: genres.values,
      languages: languages.values,
      contentRatings: ratings.values,
      personIds: list.people.map((p) => p.id),
      personNames: list.people.map((p) => p.name),
    },
    id: [],
    kind: [],
    title: [],
    sortKey: [],
    originalTitle: [],
    year: [],
    imdb: [],
    metascore: [],
    languages: [],
    subtitleLanguages: [],
    originalLanguage: [],
    genres: [],
    contentRating: [],
    runtimeMinutes: [],
    addedAt: [],
    addedBase,
    poster: [],
    placeholder: [],
    flags: [],
    resolution: [],
    episodeCount: [],
    people: [],
  };
  const states: number[] = [];
  list.items.forEach((item, i) => {
    columns.id.push(item.id);
    columns.kind.push(KINDS.indexOf(item.kind));
    columns.title.push(item.title);
    columns.sortKey.push(item.sortKey === item.title ? null : item.sortKey);
    columns.originalTitle.push(item.originalTitle ?? null);
    columns.year.push(item.year);
    columns.imdb.push(item.ratings.imdb === undefined ? null : Math.round(item.ratings.imdb * 10));
    columns.metascore.push(item.ratings.metascore ?? null);
    columns.languages.push(item.languages.map((l) => languages.code(l)));
    columns.subtitleLanguages.push((item.subtitleLanguages ?? []).map((l) => languages.code(l)));
    columns.originalLanguage.push(item.originalLanguage === undefined ? -1 : languages.code(item.originalLanguage));
    columns.genres.push(item.genres.map((g) => genres.code(g)));
    columns.contentRating.push(item.contentRating === null ? -1 : ratings.code(item.contentRating));
    columns.runtimeMinutes.push(item.runtimeMinutes);
    columns.addedAt.push((added[i] as number) - addedBase);
    const poster = item.poster === null ? null : (IMAGE_URL.exec(item.poster)?.[1] ?? null);
    columns.poster.push(poster);
    columns.placeholder.push(item.placeholder && /^#[0-9a-f]{6}$/i.test(item.placeholder) ? item.placeholder.slice(1) : null);
    columns.flags.push(
      (item.watched ? FLAG.watched : 0) | (item.missing ? FLAG.missing : 0) | (item.hdr ? FLAG.hdr : 0) | (item.inProgress ? FLAG.inProgress : 0),
    );
    columns.resolution.push(item.resolution ? RESOLUTION_CODES.indexOf(item.resolution) : 0);
    columns.episodeCount.push(item.kind === 'series' ? (item.episodeCount ?? 0) : null);
    // Order within a title does not matter to the filters; sorted gaps are small numbers that gzip well.
    const sorted = [...(item.people ?? [])].sort((a, b) => a - b);
    columns.people.push(sorted.map((p, k) => (k === 0 ? p : p - (sorted[k - 1] as number))));
    const state = METADATA_STATES.indexOf(item.metadataState);
    states.push(state);
  });
  columns.metadataState = states;
  return columns;
}

export class CatalogueFormatError extends Error {}

/** Back to summaries, as GET /api/v1/items would have sent them (addedAt to the second). */
export function decodeCatalogue(columns: CatalogueColumns): ItemsResponse & { items: CatalogueItem[] } {
  if (columns.format !== CATALOGUE_FORMAT) throw new CatalogueFormatError(`Unknown catalogue format ${String(columns.format)}.`);
  const n = columns.count;
  for (const key of ['id', 'kind', 'title', 'sortKey', 'year', 'imdb', 'genres', 'languages', 'poster', 'flags', 'people', 'addedAt'] as const) {
    if (!Array.isArray(columns[key]) || columns[key].length !== n) throw new CatalogueFormatError(`Column ${key} does not have ${n} entries.`);
  }
  const { genres, languages, contentRatings, personIds, personNames } = columns.dict;
  const people: PersonRef[] = personIds.map((id, i) => ({ id, name: personNames[i] ?? '' }));
  const items: CatalogueItem[] = new Array<CatalogueItem>(n);
  const lang = (codes: readonly number[]): string[] => codes.map((c) => languages[c] ?? 'und');
  for (let i = 0; i < n; i++) {
    const kind = KINDS[columns.kind[i] as number] ?? 'movie';
    const title = columns.title[i] as string;
    const imdb = columns.imdb[i];
    const metascore = columns.metascore[i];
    const ratings: ItemSummary['ratings'] = {};
    if (imdb !== null && imdb !== undefined) ratings.imdb = imdb / 10;
    if (metascore !== null && metascore !== undefined) ratings.metascore = metascore;
    const flags = columns.flags[i] as number;
    const poster = columns.poster[i];
    const placeholder = columns.placeholder[i];
    const rating = columns.contentRating[i] ?? -1;
    const item: CatalogueItem = {
      id: columns.id[i] as string,
      kind,
      title,
      sortKey: columns.sortKey[i] ?? title,
      year: columns.year[i] ?? null,
      genres: (columns.genres[i] as number[]).map((g) => genres[g] ?? ''),
      ratings,
      languages: lang(columns.languages[i] ?? []),
      contentRating: rating >= 0 ? (contentRatings[rating] ?? null) : null,
      runtimeMinutes: columns.runtimeMinutes[i] ?? null,
      addedAt: new Date(((columns.addedAt[i] as number) + columns.addedBase) * 1000).toISOString(),
      poster: poster ? `/img/${poster}` : null,
      placeholder: placeholder ? `#${placeholder}` : null,
      watched: (flags & FLAG.watched) !== 0,
      missing: (flags & FLAG.missing) !== 0,
      // A list without the column comes from a server with no providers at all.
      metadataState: METADATA_STATES[columns.metadataState?.[i] ?? 0] ?? 'local',
    };
    if (kind === 'series') item.episodeCount = columns.episodeCount[i] ?? 0;
    const originalTitle = columns.originalTitle[i];
    if (originalTitle) item.originalTitle = originalTitle;
    const subtitles = columns.subtitleLanguages[i] ?? [];
    if (subtitles.length > 0) item.subtitleLanguages = lang(subtitles);
    const original = columns.originalLanguage[i] ?? -1;
    if (original >= 0 && languages[original] !== undefined) item.originalLanguage = languages[original];
    const resolution = RESOLUTION_CODES[columns.resolution[i] ?? 0];
    if (resolution) item.resolution = resolution;
    if (flags & FLAG.hdr) item.hdr = true;
    if (flags & FLAG.inProgress) item.inProgress = true;
    const gaps = columns.people[i] as number[];
    if (gaps.length > 0) {
      const list: number[] = new Array<number>(gaps.length);
      let at = 0;
      for (let k = 0; k < gaps.length; k++) list[k] = at += gaps[k] as number;
      item.people = list;
    }
    items[i] = item;
  }
  return { items, people };
}
