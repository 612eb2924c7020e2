// Episodes: the series folder, the season, and the episode numbers, air date and title inside a file name.

import type { Identification, LibraryType, ProviderIds } from './types';
import { PART_FOLDER_RE, isGenericFolder } from './tokens';
import { extractTags, parseFolderName, parseName, sameTitle } from './title';
import { parseSeasonFolder, parseSeasonPack } from './season';

type Episode = Extract<Identification, { kind: 'episode' }>;

interface EpisodeToken {
  start: number;
  end: number;
  season?: number;
  episode?: number;
  episodeEnd?: number;
  airDate?: string;
}

// S01E02, s1e2, S01.E02, S01 E02, S01_E02, S01-E02, S01Ep02, and the hybrids S01x02, S01xE02, S2009E02.
const SXE_RE = /(?<![a-z0-9])s(\d{1,4})(?:[ ._-]{0,3}ep?[ ._]?|x[ ._]?e?)(\d{1,4})(?!\d)/i;
// 1x02, and a year as the season (2009x02, 2016x1) — never inside `1920x1080`: no digit may touch it on either
// side, and a four-digit season takes at most two episode digits (`1920x800` is a picture size).
const NX_RE = /(?<![a-z0-9])(?:(\d{1,2})x(\d{1,3})|((?:19|20)\d{2})x(\d{1,2}))(?!\d)/i;
const WORDS_RE = /(?<![a-z0-9])season[ ._-]*(\d{1,4})[ ._-]*(?:episode|ep)[ ._-]*(\d{1,4})(?!\d)/i;
// The same separator twice: 2011-11-23, 2011.11.23, 2011 11 23; and 23-11-2011.
const DATE_YMD_RE = /(?<!\d)((?:19|20)\d{2})([-._ ])(\d{1,2})\2(\d{1,2})(?!\d)/;
const DATE_DMY_RE = /(?<!\d)(\d{1,2})([-._ ])(\d{1,2})\2((?:19|20)\d{2})(?!\d)/;
// Loose forms, trusted only inside a season folder or a shows library.
const EP_WORD_RE =
  /(?<![\p{L}\p{N}])(?:episode|episodio|épisode|folge|aflevering|afl|odcinek|jakso|avsnitt|серия|эпизод|ep|e)[ ._-]{0,2}(\d{1,4})(?!\d)/iu;
const CJK_EP_RE = /第\s*(\d{1,4})\s*[話话集回]|제\s*(\d{1,4})\s*화|(?<!\d)(\d{1,4})[話话集]/u;
const LEADING_NUM_RE = /^[\s._\-#]*(\d{1,4})(?:v\d)?(?=$|[\s._\-[(])/;
const DASH_NUM_RE = /\s-\s#?(\d{1,4})(?:v\d)?(?=$|[\s._\-[(])/;
// `Title [21][1080p]`: a bracket holding only a number.
const BRACKET_NUM_RE = /\[(\d{1,4})(?:v\d)?\]/;
// `One Piece 1001`, `seriesname 05`: a number ending the name, unless a word says it is something else.
const TRAILING_NUM_RE = /(?<!(?:^|[\s._-])(?:part|pt|cd|dis[ck]|vol|volume|chapter|season|series|staffel|saison|no))[\s._]#?(\d{1,4})(?:v\d)?$/i;

const ALL_BARE = [LEADING_NUM_RE, DASH_NUM_RE, BRACKET_NUM_RE, TRAILING_NUM_RE];
const ROOT_BARE = [DASH_NUM_RE, BRACKET_NUM_RE];
// `4-12 - The Woman` at a shows library's root, where nothing else could give the season.
const ROOT_SEASON_DASH_RE = /^\s*(\d{1,2})-(\d{1,3})(?=\s+-\s)/;

// Multi-episode continuations, tried at the end of the first token.
const CONT_E_RE = /[ ._-]{0,3}(?:s\d{1,4}[ ._-]?)?ep?[ ._]?(\d{1,4})(?!\d)/iy;
const CONT_DASH_RE = /-(\d{1,4})(?=$|[ ._\-[(])/y;
const CONT_NX_RE = /[ ._]?-[ ._]?(?:\d{1,2}|(?:19|20)\d{2})x(\d{1,3})(?!\d)/iy;
// `02x03x04`, and the short continuation `02x03 - x04 - x15`.
const CONT_X_RE = /(?:[ ._]?-[ ._]?)?x(\d{1,3})(?!\d)/iy;

const HAS_WORD_RE = /[\p{L}\p{N}]/u;
// Scene separators left hanging where the episode token was cut out: `Show.` / `.Title`.
const EDGE_SEP_START_RE = /^[\s._\-–—:]+/;
const EDGE_SEP_END_RE = /[\s._\-–—:]+$/;
const LEADING_GROUP_RE = /^\s*[\[【][^\]】]*[\]】]\s*/;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function validDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days ? `${y}-${pad2(m)}-${pad2(d)}` : undefined;
}

function matchDate(s: string): EpisodeToken | null {
  const ymd = DATE_YMD_RE.exec(s);
  if (ymd) {
    const date = validDate(Number(ymd[1]), Number(ymd[3]), Number(ymd[4]));
    if (date) return { start: ymd.index, end: ymd.index + ymd[0].length, airDate: date };
  }
  const dmy = DATE_DMY_RE.exec(s);
  if (dmy) {
    const a = Number(dmy[1]);
    const b = Number(dmy[3]);
    const y = Number(dmy[4]);
    // Day first (23-11-2011) as Jellyfin reads it; month first only when day-first is impossible.
    const date = validDate(y, b, a) ?? validDate(y, a, b);
    if (date) return { start: dmy.index, end: dmy.index + dmy[0].length, airDate: date };
  }
  return null;
}

/** Follows `-E02`, `E02`, `-02`, `-S01E02`, `-1x02` after a first episode number to the last one. */
function extend(s: string, token: EpisodeToken, conts: readonly RegExp[]): void {
  const first = token.episode ?? 0;
  let last = first;
  let pos = token.end;
  for (let more = true; more; ) {
    more = false;
    for (const re of conts) {
      re.lastIndex = pos;
      const m = re.exec(s);
      const n = m?.[1] === undefined ? NaN : Number(m[1]);
      if (m && n > last && n < first + 100) {
        last = n;
        pos = re.lastIndex;
        more = true;
        break;
      }
    }
  }
  if (last > first) {
    token.episodeEnd = last;
    token.end = pos;
  }
}

function numbered(m: RegExpExecArray, season: string | undefined, episode: string | undefined): EpisodeToken {
  const token: EpisodeToken = { start: m.index, end: m.index + m[0].length, episode: Number(episode) };
  if (season !== undefined) token.season = Number(season);
  return token;
}

const isYearLike = (digits: string): boolean => digits.length === 4 && (digits.startsWith('19') || digits.startsWith('20'));

/**
 * Which bare numbers count: none; those a shows library's root allows (the fansub `Title - 13` and `Title [13]`, and
 * `4-12 - Title` as season 4 episode 12); or all, inside a series or season folder (also `02 - Title`, `Title 05`).
 */
export type BareNumbers = 'none' | 'root' | 'all';

function bareNumber(s: string, bare: BareNumbers): RegExpExecArray | null {
  if (bare === 'none') return null;
  const all = bare === 'all';
  for (const re of all ? ALL_BARE : ROOT_BARE) {
    const m = re.exec(s);
    if (m?.[1] !== undefined && !isYearLike(m[1])) return m;
  }
  return null;
}

/**
 * The episode token in a name (series prefix already removed). `loose` allows `E02`/`Episode 2`;
 * `bare` says which bare numbers count (all of them inside a season folder).
 */
export function matchEpisode(s: string, loose: boolean, bare: BareNumbers): EpisodeToken | null {
  let m = SXE_RE.exec(s);
  if (m) {
    const t = numbered(m, m[1], m[2]);
    extend(s, t, [CONT_E_RE, CONT_DASH_RE]);
    return t;
  }
  m = NX_RE.exec(s);
  if (m) {
    const t = numbered(m, m[1] ?? m[3], m[2] ?? m[4]);
    extend(s, t, [CONT_NX_RE, CONT_X_RE, CONT_E_RE, CONT_DASH_RE]);
    return t;
  }
  m = WORDS_RE.exec(s);
  if (m) return numbered(m, m[1], m[2]);
  const date = matchDate(s);
  if (date) return date;
  if (loose) {
    m = EP_WORD_RE.exec(s);
    if (m) {
      const t = numbered(m, undefined, m[1]);
      extend(s, t, [CONT_E_RE, CONT_DASH_RE]);
      return t;
    }
    m = CJK_EP_RE.exec(s);
    if (m) return numbered(m, undefined, m[1] ?? m[2] ?? m[3]);
  }
  if (bare === 'root') {
    m = ROOT_SEASON_DASH_RE.exec(s);
    if (m) return numbered(m, m[1], m[2]);
  }
  m = bareNumber(s, bare);
  if (m) {
    const t = numbered(m, undefined, m[1]);
    extend(s, t, [CONT_DASH_RE]);
    return t;
  }
  return null;
}

/** For mixed libraries: SxxEyy, NxNN, "Season N Episode M", a season folder or pack, or an air date under a folder. */
export function looksEpisodic(dirs: readonly string[], stem: string): boolean {
  for (const d of dirs) if (parseSeasonFolder(d) !== null || parseSeasonPack(d)?.season !== undefined) return true;
  if (SXE_RE.test(stem) || NX_RE.test(stem) || WORDS_RE.test(stem)) return true;
  return dirs.length > 0 && matchDate(stem) !== null;
}

const isSkippable = (c: number): boolean =>
  c === 32 || c === 46 || c === 95 || c === 45 || c === 39 || c === 58 || c === 44 || c === 33 || c === 63 || c === 0x2019;
const isAsciiWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);

/** Length of `title` at the start of `text`, ignoring case, separators and punctuation; 0 when it is not there. */
function prefixLength(text: string, title: string): number {
  const a = text.toLowerCase();
  const b = title.toLowerCase();
  if (a.length !== text.length || b.length === 0) return 0;
  let i = 0;
  let matched = false;
  for (let j = 0; j < b.length; j++) {
    const cb = b.charCodeAt(j);
    if (isSkippable(cb)) continue;
    while (i < a.length && isSkippable(a.charCodeAt(i))) i++;
    if (i >= a.length || a.charCodeAt(i) !== cb) return 0;
    i++;
    matched = true;
  }
  // "The 100" must not eat the start of "The 1000 …".
  return matched && !isAsciiWord(a.charCodeAt(i)) ? i : 0;
}

const BARE_SEASON_RE = /^\d{1,4}$/;

/** The series name a series folder gives: the name before a season or release marker (`The.Show.S01.1080p` → The Show). */
function seriesInfo(folder: string): { title: string; year?: number; ids: ProviderIds } {
  const pack = parseSeasonPack(folder);
  const info = parseFolderName(pack ? pack.series : folder);
  const ids = pack ? { ...parseFolderName(folder).ids, ...info.ids } : info.ids;
  return info.year === undefined ? { title: info.title, ids } : { title: info.title, year: info.year, ids };
}

/**
 * The season of a folder below the series folder: `Season 1`, `S01`; the series' name then a season
 * (`Stargate SG-1 Season 1`); a season pack (`The.Wonder.Years.S04.PDTV.x264-JCH`); or, right below the series folder
 * of a shows library, a bare number (`Seinfeld/2`).
 */
function seasonBelow(name: string, series: string | null, bareNumber: boolean): number | null {
  const plain = parseSeasonFolder(name);
  if (plain !== null) return plain;
  if (bareNumber && BARE_SEASON_RE.test(name)) return Number(name);
  if (series) {
    const cut = prefixLength(name, series);
    if (cut > 0) {
      const rest = parseSeasonFolder(name.slice(cut).replace(EDGE_SEP_START_RE, ''));
      if (rest !== null) return rest;
    }
  }
  const pack = parseSeasonPack(name);
  return pack?.season !== undefined && !pack.byWord ? pack.season : null;
}

function nearestTitleFolder(dirs: readonly string[], below: number): number {
  for (let i = below - 1; i >= 0; i--) {
    const d = dirs[i] as string;
    if (!isGenericFolder(d) && !PART_FOLDER_RE.test(d) && parseSeasonFolder(d) === null) return i;
  }
  return -1;
}

interface Located {
  /** Index of the series folder in `dirs`, -1 when the file name has to name the series. */
  series: number;
  /** Index of the season folder, -1 when absent; the season folder may be the series folder itself (a season pack). */
  seasonAt: number;
  season?: number;
}

function located(series: number, seasonAt: number, season: number | null | undefined): Located {
  return season === null || season === undefined || seasonAt < 0 ? { series, seasonAt: -1 } : { series, seasonAt, season };
}

/** Where the series and season folders are in `dirs`. */
function locate(dirs: readonly string[], type: LibraryType): Located {
  if (type === 'shows') {
    // Generic containers (`TV Shows/`, `Series/`) at any depth above the series are skipped; but a generic name
    // right above season folders is a series called so (`Family/Season 1/`).
    let base = 0;
    while (base < dirs.length && isGenericFolder(dirs[base] as string) && (base + 1 >= dirs.length || parseSeasonFolder(dirs[base + 1] as string) === null)) base++;
    if (base >= dirs.length) return { series: -1, seasonAt: -1 };
    const first = dirs[base] as string;
    const firstSeason = parseSeasonFolder(first);
    if (firstSeason !== null) {
      for (let i = dirs.length - 1; i > base; i--) {
        const n = parseSeasonFolder(dirs[i] as string);
        if (n !== null) return located(-1, i, n);
      }
      return located(-1, base, firstSeason);
    }
    const name = seriesInfo(first).title;
    for (let i = dirs.length - 1; i > base; i--) {
      const n = seasonBelow(dirs[i] as string, name, i === base + 1);
      if (n !== null) return located(base, i, n);
    }
    return located(base, base, parseSeasonPack(first)?.season);
  }
  for (let i = dirs.length - 1; i >= 0; i--) {
    const d = dirs[i] as string;
    const plain = parseSeasonFolder(d);
    if (plain !== null) return located(nearestTitleFolder(dirs, i), i, plain);
    const pack = parseSeasonPack(d);
    if (pack?.season === undefined) continue;
    // A pack below a folder of the same series is its season; otherwise the pack is the series folder too.
    const above = nearestTitleFolder(dirs, i);
    if (above >= 0 && sameTitle(seriesInfo(dirs[above] as string).title, parseFolderName(pack.series).title)) return located(above, i, pack.season);
    return located(i, i, pack.season);
  }
  return { series: nearestTitleFolder(dirs, dirs.length), seasonAt: -1 };
}

/** Where the episode token starts in a name, for the strict forms only (`S01E02`, `1x02`); -1 when there is none. */
function strictTokenAt(text: string): number {
  const m = SXE_RE.exec(text) ?? NX_RE.exec(text);
  return m ? m.index : -1;
}

const WHOLE_BRACKET_RE = /^\[([^\]]+)\]$/;

export function identifyEpisode(dirs: readonly string[], stem: string, type: LibraryType): Episode {
  const { series: seriesIdx, seasonAt, season: folderSeason } = locate(dirs, type);

  const tagged = extractTags(stem);
  let text = tagged.text;
  const group = LEADING_GROUP_RE.exec(text);
  if (group && HAS_WORD_RE.test(text.slice(group[0].length))) text = text.slice(group[0].length);

  let series = '';
  let seriesYear: number | undefined;
  let providerIds: ProviderIds = {};
  let rest = text;
  if (seriesIdx >= 0) {
    const info = seriesInfo(dirs[seriesIdx] as string);
    series = info.title;
    seriesYear = info.year;
    providerIds = { ...info.ids };
    let cut = prefixLength(text, series);
    // The series' name must never eat the file's own `s01e04`.
    const strict = cut > 0 ? strictTokenAt(text) : -1;
    if (strict >= 0 && strict < cut) cut = 0;
    rest = text.slice(cut);
  }

  const inSeason = seasonAt >= 0;
  const bare: BareNumbers = inSeason || (type === 'shows' && seriesIdx >= 0) ? 'all' : type === 'shows' ? 'root' : 'none';
  const token = matchEpisode(rest, inSeason || type === 'shows', bare);
  const titleText = (token ? rest.slice(token.end) : rest).replace(EDGE_SEP_START_RE, '');
  const title = parseName(titleText, true).title;

  if (seriesIdx < 0) {
    let prefix = token ? rest.slice(0, token.start).replace(EDGE_SEP_END_RE, '') : '';
    // `[Group][Title][04]`: the title in brackets of its own.
    const wrapped = WHOLE_BRACKET_RE.exec(prefix);
    if (wrapped?.[1] !== undefined) prefix = wrapped[1];
    const info = parseName(HAS_WORD_RE.test(prefix) ? prefix : stem);
    series = info.title;
    seriesYear = info.year;
    providerIds = { ...info.ids, ...tagged.ids };
  }
  if (!series) series = stem || 'Unknown';

  const ep: Episode = { kind: 'episode', series, seriesFolder: seriesIdx >= 0 ? dirs.slice(0, seriesIdx + 1).join('/') : '', providerIds };
  if (seriesYear !== undefined) ep.seriesYear = seriesYear;
  const season = token?.season ?? folderSeason;
  if (season !== undefined) ep.season = season;
  if (seasonAt > seriesIdx && season === folderSeason) ep.seasonFolder = dirs.slice(0, seasonAt + 1).join('/');
  if (token?.episode !== undefined) ep.episode = token.episode;
  if (token?.episodeEnd !== undefined) ep.episodeEnd = token.episodeEnd;
  if (token?.airDate !== undefined) ep.airDate = token.airDate;
  if (title) ep.title = title;
  return ep;
}
