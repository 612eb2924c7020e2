// Turning Kodi NFO elements into clean values: text, numbers, dates, runtimes, ids, ratings, people, art, stream details.
import type { XmlElement } from './safe-xml';
import type { NfoArt, NfoCommon, NfoPerson, NfoRating, NfoUniqueIds } from './types';

// ---------------------------------------------------------------------------
// Element access
// ---------------------------------------------------------------------------

export function kids(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((child) => child.name === name) : [];
}

export function kid(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((child) => child.name === name);
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el ? clean(el.attrs[name]) : undefined;
}

/** Trimmed, without control characters; empty becomes undefined. */
export function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // C0/C1 controls (but tab/newline) are invalid in XML and only ever come from broken writers.
  const stripped = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return stripped === '' ? undefined : stripped;
}

export function textOf(el: XmlElement | undefined): string | undefined {
  return el ? clean(el.text) : undefined;
}

/** The first non-empty `<name>` child: writers sometimes emit an empty tag before the real one. */
export function firstText(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  for (const child of el.children) {
    if (child.name !== name) continue;
    const value = textOf(child);
    if (value !== undefined) return value;
  }
  return undefined;
}

export function allTexts(el: XmlElement | undefined, ...names: string[]): string[] {
  const out: string[] = [];
  if (!el) return out;
  for (const child of el.children) {
    if (!names.includes(child.name)) continue;
    const value = textOf(child);
    if (value !== undefined) out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

export function dedupeCaseInsensitive(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.toLocaleLowerCase('en');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/**
 * Kodi's old exports joined several values into one tag with " / " ("Action / Drama").
 * A plain split, not a regex: a whitespace run in hostile input must not cost quadratic backtracking.
 */
export function splitJoined(values: string[]): string[] {
  const parts: string[] = [];
  for (const value of values) {
    for (const part of value.split(' / ')) {
      const trimmed = clean(part);
      if (trimmed !== undefined) parts.push(trimmed);
    }
  }
  return dedupeCaseInsensitive(parts);
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

// Field values longer than this are never numbers or dates; refusing them early keeps every regex below cheap.
const MAX_SCALAR = 64;

export function parseInteger(value: string | undefined): number | undefined {
  const text = clean(value);
  if (text === undefined || text.length > MAX_SCALAR || !/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** "8.7", "8,7" (a European writer) or "8.700000" (Kodi's own printf). */
export function parseDecimal(value: string | undefined): number | undefined {
  const text = clean(value);
  if (text === undefined || text.length > MAX_SCALAR || !/^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/.test(text)) return undefined;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** Vote counts: "1234567", "1,234,567", "1.234.567", "1 234 567". */
export function parseCount(value: string | undefined): number | undefined {
  const text = clean(value);
  if (text === undefined || text.length > MAX_SCALAR) return undefined;
  if (!/^\d+$/.test(text) && !/^\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+$/.test(text)) return undefined;
  const n = Number(text.replace(/\D/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Minutes from "116", "116 min", "116.4", "1h 56m", "2h", "1:56" or "1:56:00"; 0 (Kodi's "unknown") gives undefined. */
export function parseRuntimeMinutes(value: string | undefined): number | undefined {
  const text = clean(value)?.toLowerCase();
  if (text === undefined || text.length > MAX_SCALAR) return undefined;
  let minutes: number | undefined;
  const hm = /^(\d{1,3})\s*h(?:ours?|rs?)?\.?\s*(?:(\d{1,4})\s*(?:m(?:in(?:utes?|s)?)?\.?)?)?$/.exec(text);
  const clock = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const lead = /^(\d{1,6}(?:[.,]\d+)?)/.exec(text);
  if (hm) minutes = Number(hm[1]) * 60 + Number(hm[2] ?? 0);
  else if (clock) minutes = Number(clock[1]) * 60 + Number(clock[2]) + Math.round(Number(clock[3] ?? 0) / 60);
  else if (lead?.[1]) minutes = Math.round(Number(lead[1].replace(',', '.')));
  return minutes !== undefined && Number.isFinite(minutes) && minutes > 0 ? minutes : undefined;
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const MIN_YEAR = 1800;
const MAX_YEAR = 2200;

/**
 * YYYY-MM-DD from ISO-like dates (time part ignored), and from day-first "31.03.1999" / "31-03-1999".
 * Slashed dates with the year last are read only when one side is over 12; "03/04/1999" is ambiguous and dropped.
 */
export function normaliseDate(value: string | undefined): string | undefined {
  const text = clean(value);
  if (text === undefined || text.length > MAX_SCALAR) return undefined;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const yearLast = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(text);
  if (!yearLast) return undefined;
  const a = Number(yearLast[1]);
  const b = Number(yearLast[3]);
  const year = Number(yearLast[4]);
  if (yearLast[2] !== '/') return isoDate(year, b, a);
  if (a > 12) return isoDate(year, b, a);
  if (b > 12) return isoDate(year, a, b);
  return undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseYear(value: string | undefined): number | undefined {
  const year = parseInteger(value);
  return year !== undefined && year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined;
}

// ---------------------------------------------------------------------------
// Provider ids
// ---------------------------------------------------------------------------

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ID_LENGTH = 128;

/** Lower-case provider name, Kodi's long names folded to the short ones; undefined when it is not a sane key. */
export function normaliseProvider(value: string | undefined): string | undefined {
  const name = clean(value)?.toLowerCase();
  if (name === undefined || !/^[a-z0-9][a-z0-9_.-]{0,31}$/.test(name) || RESERVED_KEYS.has(name)) return undefined;
  if (name === 'themoviedb') return 'tmdb';
  if (name === 'thetvdb') return 'tvdb';
  return name;
}

function normaliseId(provider: string, value: string | undefined): string | undefined {
  const id = clean(value);
  if (id === undefined || id.length > MAX_ID_LENGTH) return undefined;
  return provider === 'imdb' ? id.toLowerCase() : id;
}

/** Adds each id whose provider has none yet: earlier sources win. */
export function fillIds(target: NfoUniqueIds, source: NfoUniqueIds): void {
  for (const [key, value] of Object.entries(source)) {
    const provider = normaliseProvider(key);
    if (provider === undefined || value === undefined || target[provider] !== undefined) continue;
    const id = normaliseId(provider, value);
    if (id !== undefined) target[provider] = id;
  }
}

export type NfoRootKind = 'movie' | 'tvshow' | 'season' | 'episode';

const IMDB_ID = /^tt\d{5,10}$/i;

/**
 * <uniqueid type=…> first, then the single-provider legacy tags, then the bare legacy <id>.
 * A numeric <id> is TVDB for TV NFOs (Kodi's TV scraper before v19) and TMDb for movies (Kodi's default movie scraper).
 */
export function readUniqueIds(root: XmlElement, kind: NfoRootKind): { ids: NfoUniqueIds; defaultProvider?: string } {
  const ids: NfoUniqueIds = {};
  let defaultProvider: string | undefined;
  for (const el of kids(root, 'uniqueid')) {
    const value = textOf(el);
    if (value === undefined) continue;
    // Kodi files a type-less uniqueid under "unknown"; only an IMDb-shaped value can be placed safely.
    const provider = normaliseProvider(attr(el, 'type')) ?? (IMDB_ID.test(value) ? 'imdb' : undefined);
    if (provider === undefined) continue;
    if (ids[provider] === undefined) {
      const id = normaliseId(provider, value);
      if (id === undefined) continue;
      ids[provider] = id;
    }
    if (defaultProvider === undefined && isTrue(attr(el, 'default'))) defaultProvider = provider;
  }
  const legacy: Record<string, string | undefined> = {
    imdb: firstText(root, 'imdbid') ?? firstText(root, 'imdb_id'),
    tmdb: firstText(root, 'tmdbid') ?? firstText(root, 'tmdb_id'),
    tvdb: firstText(root, 'tvdbid') ?? firstText(root, 'tvdb_id'),
  };
  // Kodi 18+ writes <id> as a copy of the default <uniqueid>, whatever its provider: it is only a guess worth
  // making in files old enough to have no <uniqueid> at all.
  const bare = Object.keys(ids).length === 0 ? firstText(root, 'id') : undefined;
  if (bare !== undefined) {
    if (IMDB_ID.test(bare)) legacy.imdb ??= bare;
    else if (/^\d{1,10}$/.test(bare)) {
      if (kind === 'movie') legacy.tmdb ??= bare;
      else legacy.tvdb ??= bare;
    }
  }
  fillIds(ids, legacy);
  return defaultProvider === undefined ? { ids } : { ids, defaultProvider };
}

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(?:true|1|yes)$/i.test(value);
}

// ---------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------

/**
 * New-style <ratings> when present; otherwise the old single <rating>/<votes>, which is the default rating
 * and belongs to the provider of the default <uniqueid> ('unknown' without one). When both are present the
 * old tag is the compatibility copy some writers add, and is ignored.
 * A 0 rating without votes is how Kodi writes "not rated", so it is dropped like any non-number.
 */
export function readRatings(root: XmlElement, defaultProvider: string | undefined): NfoRating[] {
  const out: NfoRating[] = [];
  for (const group of kids(root, 'ratings')) {
    for (const el of kids(group, 'rating')) {
      const rating = buildRating(
        normaliseProvider(attr(el, 'name')) ?? 'unknown',
        firstText(el, 'value') ?? textOf(el),
        attr(el, 'max'),
        firstText(el, 'votes'),
        isTrue(attr(el, 'default')),
      );
      if (rating) out.push(rating);
    }
  }
  if (out.length === 0) {
    const el = kids(root, 'rating').find((candidate) => textOf(candidate) !== undefined);
    const rating = buildRating(defaultProvider ?? 'unknown', textOf(el), attr(el, 'max'), firstText(root, 'votes'), true);
    if (rating) out.push(rating);
  }
  // One rating per provider and at most one default: consumers should not have to arbitrate.
  const seen = new Set<string>();
  let hasDefault = false;
  const unique: NfoRating[] = [];
  for (const rating of out) {
    if (seen.has(rating.source)) continue;
    seen.add(rating.source);
    if (rating.isDefault) {
      if (hasDefault) rating.isDefault = false;
      hasDefault = true;
    }
    unique.push(rating);
  }
  return unique;
}

function buildRating(
  source: string,
  valueText: string | undefined,
  maxText: string | undefined,
  votesText: string | undefined,
  isDefault: boolean,
): NfoRating | undefined {
  const value = parseDecimal(valueText);
  const max = maxText === undefined ? 10 : parseDecimal(maxText);
  if (value === undefined || max === undefined || !(max > 0) || value < 0 || value > max) return undefined;
  const votes = parseCount(votesText);
  if (value === 0 && !votes) return undefined;
  const rating: NfoRating = { source, value, max, isDefault };
  if (votes !== undefined) rating.votes = votes;
  return rating;
}

// ---------------------------------------------------------------------------
// People and art
// ---------------------------------------------------------------------------

/** Sorted like Kodi: by <order> where given, else by position in the file; actors without a name are skipped. */
export function readActors(root: XmlElement): NfoPerson[] {
  const ranked: Array<{ person: NfoPerson; rank: number; index: number }> = [];
  kids(root, 'actor').forEach((el, index) => {
    const name = firstText(el, 'name');
    if (name === undefined) return;
    const person: NfoPerson = { name };
    const role = firstText(el, 'role');
    if (role !== undefined) person.role = role;
    const order = parseInteger(firstText(el, 'order'));
    if (order !== undefined && order >= 0) person.order = order;
    const thumb = firstText(el, 'thumb');
    if (thumb !== undefined) person.thumb = thumb;
    ranked.push({ person, rank: person.order ?? index, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.map((entry) => entry.person);
}

export function readThumbs(root: XmlElement): NfoArt[] {
  const out: NfoArt[] = [];
  const seen = new Set<string>();
  for (const el of kids(root, 'thumb')) {
    const url = textOf(el);
    if (url === undefined) continue;
    const art: NfoArt = { url };
    const aspect = attr(el, 'aspect')?.toLowerCase();
    if (aspect !== undefined) art.aspect = aspect;
    // -1 is Kodi's "all seasons" artwork, so negative numbers are kept.
    const season = parseInteger(attr(el, 'season'));
    if (season !== undefined) art.season = season;
    const key = `${art.aspect ?? ''}\u0000${art.season ?? ''}\u0000${url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(art);
  }
  return out;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]{0,20}:/i;

/** <fanart><thumb>…</thumb></fanart>; old TVDB exports give a base in <fanart url=…> and relative thumbs. */
export function readFanart(root: XmlElement): string[] {
  const out: string[] = [];
  for (const fanart of kids(root, 'fanart')) {
    const base = attr(fanart, 'url');
    const thumbs = kids(fanart, 'thumb');
    if (thumbs.length === 0) {
      const direct = textOf(fanart);
      if (direct !== undefined) out.push(direct);
      continue;
    }
    for (const thumb of thumbs) {
      const url = textOf(thumb);
      if (url === undefined) continue;
      out.push(base !== undefined && !HAS_SCHEME.test(url) && !url.startsWith('/') ? base + url : url);
    }
  }
  return [...new Set(out)];
}

// ---------------------------------------------------------------------------
// Everything common to movie, tvshow, season and episode
// ---------------------------------------------------------------------------

function readStreamDetails(root: XmlElement): Pick<NfoCommon, 'audioLanguages' | 'subtitleLanguages' | 'durationSeconds'> {
  const audio: string[] = [];
  const subtitles: string[] = [];
  let durationSeconds: number | undefined;
  for (const fileinfo of kids(root, 'fileinfo')) {
    for (const details of kids(fileinfo, 'streamdetails')) {
      for (const stream of kids(details, 'audio')) audio.push(...allTexts(stream, 'language'));
      for (const stream of kids(details, 'subtitle')) subtitles.push(...allTexts(stream, 'language'));
      for (const stream of kids(details, 'video')) {
        const seconds = parseInteger(firstText(stream, 'durationinseconds'));
        if (durationSeconds === undefined && seconds !== undefined && seconds > 0) durationSeconds = seconds;
      }
    }
  }
  const result: Pick<NfoCommon, 'audioLanguages' | 'subtitleLanguages' | 'durationSeconds'> = {
    audioLanguages: dedupeCaseInsensitive(audio),
    subtitleLanguages: dedupeCaseInsensitive(subtitles),
  };
  if (durationSeconds !== undefined) result.durationSeconds = durationSeconds;
  return result;
}

/** Drops undefined members so results compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

const YEAR_AT_EDGE = /^\d{4}(?!\d)|(?<!\d)\d{4}$/;

export function readCommon(root: XmlElement, kind: NfoRootKind): NfoCommon {
  const { ids, defaultProvider } = readUniqueIds(root, kind);
  // Episodes are dated by <aired>, everything else by <premiered>; the others are what older writers used.
  const dateTags = kind === 'episode' ? ['aired', 'premiered', 'releasedate'] : ['premiered', 'releasedate', 'aired'];
  const rawDates = dateTags.map((tag) => firstText(root, tag)).filter((text) => text !== undefined);
  const premiered = rawDates.map(normaliseDate).find((date) => date !== undefined);
  // A date too vague for YYYY-MM-DD ("1999", "03/04/1999") still tells the year.
  const yearInDate =
    premiered?.slice(0, 4) ??
    rawDates.map((text) => (text.length <= 64 ? YEAR_AT_EDGE.exec(text)?.[0] : undefined)).find((y) => y !== undefined);
  const year = parseYear(firstText(root, 'year')) ?? parseYear(yearInDate);
  const userRating = parseDecimal(firstText(root, 'userrating'));
  // Kodi's US scraper writes "Rated PG-13", and a bare "Rated " when the certification is empty.
  const contentRating = clean((firstText(root, 'mpaa') ?? firstText(root, 'certification'))?.replace(/^rated(?:\s+|$)/i, ''));

  return compact<NfoCommon>({
    title: firstText(root, 'title'),
    originalTitle: firstText(root, 'originaltitle'),
    sortTitle: firstText(root, 'sorttitle'),
    ratings: readRatings(root, defaultProvider),
    // Kodi writes 0 for "no user rating".
    userRating: userRating !== undefined && userRating > 0 && userRating <= 10 ? userRating : undefined,
    plot: firstText(root, 'plot'),
    outline: firstText(root, 'outline'),
    tagline: firstText(root, 'tagline'),
    runtimeMinutes: parseRuntimeMinutes(firstText(root, 'runtime')),
    contentRating,
    uniqueIds: ids,
    genres: splitJoined(allTexts(root, 'genre')),
    // Tags are free text where " / " may be meant literally, so they are not split.
    tags: dedupeCaseInsensitive(allTexts(root, 'tag')),
    countries: splitJoined(allTexts(root, 'country')),
    studios: splitJoined(allTexts(root, 'studio')),
    writers: splitJoined(allTexts(root, 'credits', 'writer')),
    directors: splitJoined(allTexts(root, 'director')),
    premiered,
    year,
    actors: readActors(root),
    thumbs: readThumbs(root),
    fanart: readFanart(root),
    ...readStreamDetails(root),
  });
}
