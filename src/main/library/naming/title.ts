// Turns one file or folder name into a clean title: provider ids, release junk, year, edition, 3D and part tags.

import type { ProviderIds } from './types';
import {
  ARTICLES,
  EDITION_RE,
  PART_RE,
  TRAILING_3D_RE,
  TRAILING_EDITION_RE,
  TRAILING_PART_RE,
  bareToken,
  isShouted,
  isStrongJunk,
  isThreeDTag,
  isWeakJunk,
  mayBeEditionWord,
  mayEndWithEdition,
  partNumber,
  prettyEdition,
} from './tokens';

export interface NameInfo {
  /** Never empty in title mode; '' in episode-title mode when nothing but junk was left. */
  title: string;
  year?: number;
  edition?: string;
  is3d: boolean;
  part?: number;
  ids: ProviderIds;
  /** Release junk (resolution, codec, source …) was found: the name is a scene name. */
  hasJunk: boolean;
}

// Years beyond the near future are numbers in titles ("Blade Runner 2049"), not release years.
const MIN_YEAR = 1888;
const MAX_YEAR = new Date().getFullYear() + 3;

const QUICK_TAG_RE = /imdb|tmdb|tvdb|tt\d{7}|\{\s*edition/i;
const ID_TAG_RE = /[\[{(]\s*(imdb|tmdb|tvdb)(?:id)?\s*[-=:\s]\s*(tt\d+|\d+)\s*[\]})]/gi;
const BARE_IMDB_RE = /(?<![a-z0-9])tt\d{7,9}(?![0-9])/gi;
const EDITION_TAG_RE = /\{\s*edition\s*[-=:]\s*([^}]*)\}/gi;
const DOTTED_CODEC_RE = /\b([hx])\.(26[45])\b/gi;
const LEADING_GROUP_RE = /^\s*[\[【]([^\]】]*)[\]】]\s*/;
const HAS_LETTER_RE = /\p{L}/u;
const YEAR_TOKEN_RE = /^[(\[]?(\d{4})[)\]]?$/;
const YEAR_RANGE_RE = /^\((\d{4})[-–](?:\d{4})?\)$/;
const TRAIL_SEP_RE = /[\s\-–—:,;|~+]+$/;
const LEAD_SEP_RE = /^[\s\-–—:,;|~+]+/;
const EMPTY_BRACKETS_RE = /\(\s*\)|\[\s*\]|\{\s*\}/g;
const BRACKET_CHARS_RE = /[()[\]{}]/g;
const SPACES_RE = /\s+/g;
const DIGITS_ONLY_RE = /^\d+$/;
const OPEN_BRACKET_RE = /[([]/;
const AMPERSAND_RE = /&/g;
const PART_WORD_START_RE = /(?:^|-)(?:cd|dvd|part|pt|dis[ck])/;
// A name whose dots and underscores are all plain word separators (the usual scene name) is rewritten in one pass.
const PLAIN_SEPARATORS_RE = /[._]/g;
const SPECIAL_DOT_RE = /(?:^|[\s.(\[{])[a-z]\.|(?<!\d)\d\.\d(?!\d)|\.\.|\s\.|\.\s|^\.|\.$|\S[([{]|[)\]}]\S|[（）【】［］]/i;

export interface Tagged {
  text: string;
  ids: ProviderIds;
  edition?: string;
}

/** Pulls `[tmdbid-603]`, `{imdb-tt0133093}`, bare `tt0133093` and Plex `{edition-…}` out of a name. */
export function extractTags(raw: string): Tagged {
  const ids: ProviderIds = {};
  if (!QUICK_TAG_RE.test(raw)) return { text: raw, ids };
  let edition: string | undefined;
  let text = raw.replace(ID_TAG_RE, (_m, kind: string, value: string) => {
    const k = kind.toLowerCase();
    if (k === 'imdb') ids.imdb = value.toLowerCase().startsWith('tt') ? value.toLowerCase() : `tt${value}`;
    else if (DIGITS_ONLY_RE.test(value)) {
      if (k === 'tmdb') ids.tmdb = value;
      else ids.tvdb = value;
    }
    return ' ';
  });
  text = text.replace(BARE_IMDB_RE, (m) => {
    ids.imdb ??= m.toLowerCase();
    return ' ';
  });
  text = text.replace(EDITION_TAG_RE, (_m, value: string) => {
    if (value.trim()) edition ??= value.trim();
    return ' ';
  });
  return edition === undefined ? { text, ids } : { text, ids, edition };
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isOpen = (c: number): boolean => c === 40 || c === 91 || c === 123;
const isClose = (c: number): boolean => c === 41 || c === 93 || c === 125;

/** A letter standing alone between dots (or the start): one link of `S.W.A.T.` or `E.T.`. */
function singleLetterAt(s: string, i: number): boolean {
  if (!isAsciiLetter(s.charCodeAt(i))) return false;
  const before = i === 0 ? 46 : s.charCodeAt(i - 1);
  const after = i + 1 >= s.length ? 46 : s.charCodeAt(i + 1);
  return (before === 46 || isSpace(before) || i === 0) && (after === 46 || i + 1 >= s.length);
}

/**
 * Dots and underscores between words become spaces, except in acronyms (`S.W.A.T.`), audio channels (`5.1`),
 * ellipses and a trailing abbreviation dot (`Mr. Smith`). Brackets get spaces around them so they tokenise alone.
 */
export function normaliseSeparators(input: string): string {
  const s = input.indexOf('.') >= 0 ? input.replace(DOTTED_CODEC_RE, '$1$2') : input;
  if (!SPECIAL_DOT_RE.test(s)) return s.replace(PLAIN_SEPARATORS_RE, ' ');
  // Unchanged runs are copied as slices: most characters need no rewriting.
  let out = '';
  let from = 0;
  const emit = (i: number, text: string, skip: number): void => {
    out += s.slice(from, i) + text;
    from = i + skip;
  };
  for (let i = 0; i < s.length; i++) {
    const original = s.charCodeAt(i);
    if (original < 40 && original !== 32) continue;
    // Full-width brackets are common in CJK names.
    const c = original === 0xff08 ? 40 : original === 0xff09 ? 41 : original === 0x3010 || original === 0xff3b ? 91 : original === 0x3011 || original === 0xff3d ? 93 : original;
    if (c === 95) {
      emit(i, ' ', 1);
    } else if (c === 46) {
      const prev = i > 0 ? s.charCodeAt(i - 1) : NaN;
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : NaN;
      if (Number.isNaN(prev) || Number.isNaN(next) || isSpace(prev) || isSpace(next) || prev === 46 || next === 46) continue;
      if (isDigit(prev) && isDigit(next) && !isDigit(s.charCodeAt(i - 2)) && !isDigit(s.charCodeAt(i + 2))) continue;
      if (singleLetterAt(s, i - 1) && (singleLetterAt(s, i + 1) || (i >= 2 && s.charCodeAt(i - 2) === 46 && singleLetterAt(s, i - 3)))) {
        // Inside an acronym keep the dot; after its last letter keep it and start a new word.
        if (!singleLetterAt(s, i + 1)) emit(i, '. ', 1);
        continue;
      }
      emit(i, ' ', 1);
    } else if (isOpen(c) || isClose(c)) {
      const before = isOpen(c) && i > 0 && !isSpace(s.charCodeAt(i - 1)) ? ' ' : '';
      const after = isClose(c) && i + 1 < s.length && !isSpace(s.charCodeAt(i + 1)) ? ' ' : '';
      if (before || after || c !== original) emit(i, before + String.fromCharCode(c) + after, 1);
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Splits on spaces, and splits `tm-1080p` before its junk so the junk can end the title. */
function tokenise(text: string): string[] {
  const parts = text.split(' ');
  if (!text.includes('  ') && !text.includes('-') && text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32) return parts;
  const out: string[] = [];
  for (const tok of parts) {
    if (tok.length === 0) continue;
    let dash = tok.indexOf('-', 1);
    while (dash > 0) {
      const next = tok.indexOf('-', dash + 1);
      if (isStrongJunk(bareToken(tok.slice(dash + 1, next < 0 ? tok.length : next)))) break;
      dash = next;
    }
    if (dash > 0 && dash < tok.length - 1) out.push(tok.slice(0, dash), tok.slice(dash + 1));
    else out.push(tok);
  }
  return out;
}

/** The title's last word, bare: what the trailing-tag patterns would have to match. */
function lastWord(title: string): string {
  const cut = Math.max(title.lastIndexOf(' '), title.lastIndexOf('-'));
  return bareToken(cut < 0 ? title : title.slice(cut + 1));
}

function isArticleOnly(text: string): boolean {
  return ARTICLES.has(text.trim().toLowerCase());
}

/** Removes `pattern` from the end of `title` when something worth calling a title is left. */
function stripTrailing(title: string, pattern: RegExp): { rest: string; match: RegExpExecArray } | null {
  const m = pattern.exec(title);
  if (!m) return null;
  const rest = title.slice(0, m.index).replace(TRAIL_SEP_RE, '');
  if (!rest || isArticleOnly(rest)) return null;
  return { rest, match: m };
}

function yearOf(token: string): number | undefined {
  const c = token.charCodeAt(0);
  if (token.length < 4 || token.length > 11 || !(isDigit(c) || c === 40 || c === 91) || (token.length > 6 && c !== 40)) return undefined;
  // A series' run, `(1996-2007)`, gives the year it began.
  const m = token.length > 6 ? YEAR_RANGE_RE.exec(token) : YEAR_TOKEN_RE.exec(token);
  if (!m) return undefined;
  const y = Number(m[1]);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : undefined;
}

const SEP_CHAR_RE = /[\s\-–—:,;|~+]/;
const RECORDER_STAMP_RE = /^\s*\d{4}年\d{1,2}月\d{1,2}日(?:\d{1,2}時(?:\d{1,2}分(?:\d{1,2}秒)?)?)?[\s_-]*/u;
const FANSUB_NUMBER_RE = /\s-\s#?\d{1,4}(?:v\d)?$/;
const SHORT_NUMBER_RE = /^\d{1,2}$/;
const FOUR_DIGITS_RE = /^(?:19|20)\d{2}$/;

/**
 * `2013 12 09` (a dotted or spaced date, split by the separator rewrite) becomes one token `2013.12.09`, so a
 * full date reads the same whichever separator it had (`2013-12-09` is one token already) and is never a year.
 */
function joinDates(tokens: string[]): string[] {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const y = tokens[i] as string;
    if (y.length !== 4 || !FOUR_DIGITS_RE.test(y)) continue;
    const m = tokens[i + 1] as string;
    const d = tokens[i + 2] as string;
    if (!SHORT_NUMBER_RE.test(m) || !SHORT_NUMBER_RE.test(d)) continue;
    const mm = Number(m);
    const dd = Number(d);
    if (mm < 1 || mm > 12 || dd < 1 || dd > 31) continue;
    tokens.splice(i, 3, `${y}.${m}.${d}`);
  }
  return tokens;
}
const ODD_SPACE_RE = /\s\s|[^\S ]/;

/** Collapses spaces and trims separators; each rewrite runs only when its character is present. */
function tidy(text: string): string {
  let t = text;
  if (t.includes('()') || t.includes('[]') || t.includes('{}') || t.includes('( ') || t.includes('[ ') || t.includes('{ ')) t = t.replace(EMPTY_BRACKETS_RE, ' ');
  if (ODD_SPACE_RE.test(t)) t = t.replace(SPACES_RE, ' ');
  if (SEP_CHAR_RE.test(t.charAt(0))) t = t.replace(LEAD_SEP_RE, '');
  if (SEP_CHAR_RE.test(t.charAt(t.length - 1))) t = t.replace(TRAIL_SEP_RE, '');
  return t;
}

/**
 * Title mode: a movie, series or extra name → title (never empty), year, edition, 3D, part.
 * Episode-title mode (`episodeTitle`): only junk is cut; no year, part or edition is taken, and '' is a valid answer.
 */
export function parseName(raw: string, episodeTitle = false): NameInfo {
  const tagged = extractTags(raw);
  let text = tagged.text;
  // A broadcast recorder's file starts with when it recorded: `2026年01月10日23時00分00秒-Title`.
  if (text.includes('年')) {
    const stamp = RECORDER_STAMP_RE.exec(text);
    if (stamp && HAS_LETTER_RE.test(text.slice(stamp[0].length))) text = text.slice(stamp[0].length);
  }
  // `[Group] Title …` anime/fansub style; but `[REC] (2007)` is itself the title.
  const lead = LEADING_GROUP_RE.exec(text);
  let fansub = false;
  if (lead) {
    const rest = text.slice(lead[0].length);
    const cut = rest.search(OPEN_BRACKET_RE);
    if (episodeTitle || HAS_LETTER_RE.test(cut < 0 ? rest : rest.slice(0, cut))) {
      text = rest;
      fansub = true;
    }
  }
  const tokens = joinDates(tokenise(normaliseSeparators(text)));
  const bares = tokens.map(bareToken);
  const first = episodeTitle ? 0 : 1;

  // Strong junk (or a square/curly bracket group) ends the title.
  let strongCut = tokens.length;
  for (let i = first; i < tokens.length; i++) {
    const tok = tokens[i] as string;
    const open = tok.charCodeAt(0);
    if (isStrongJunk(bares[i] as string) || ((open === 91 || open === 123) && yearOf(tok) === undefined)) {
      strongCut = i;
      break;
    }
  }
  // The last year before the junk is the year; a year as the first word is part of the title ("1917 (2019)").
  let yearAt = -1;
  let year: number | undefined;
  if (!episodeTitle) {
    for (let i = strongCut - 1; i >= 1; i--) {
      year = yearOf(tokens[i] as string);
      if (year !== undefined) {
        yearAt = i;
        break;
      }
    }
    // A year in brackets says "this is the year"; a bare one after it is a note ("Movie (1925) - 1929 version").
    if (yearAt > 1 && isDigit((tokens[yearAt] as string).charCodeAt(0))) {
      for (let i = yearAt - 1; i >= 1; i--) {
        const tok = tokens[i] as string;
        const bracketed = yearOf(tok);
        if (bracketed !== undefined && !isDigit(tok.charCodeAt(0))) {
          yearAt = i;
          year = bracketed;
          break;
        }
      }
    }
  }
  let titleEnd = yearAt >= 0 ? yearAt : strongCut;
  let hasJunk = strongCut < tokens.length;
  if (yearAt < 0) {
    for (let i = first; i < strongCut; i++) {
      if (isWeakJunk(tokens[i] as string, bares[i] as string)) {
        titleEnd = i;
        hasJunk = true;
        break;
      }
    }
  }

  const info: NameInfo = { title: '', is3d: false, ids: tagged.ids, hasJunk };
  if (year !== undefined) info.year = year;
  if (tagged.edition !== undefined) info.edition = tagged.edition;

  let title = tidy(tokens.slice(0, titleEnd).join(' '));
  if (episodeTitle) {
    info.title = title;
    return info;
  }

  const tailStart = yearAt >= 0 ? yearAt + 1 : titleEnd;
  if (tailStart < tokens.length) {
    // The tail is joined and searched only when one of its words could start an edition or a part.
    let editionWord = false;
    let partWord = false;
    for (let i = tailStart; i < bares.length; i++) {
      const bare = bares[i] as string;
      if (isThreeDTag(bare)) info.is3d = true;
      editionWord ||= mayBeEditionWord(bare);
      partWord ||= PART_WORD_START_RE.test(bare);
    }
    if (editionWord || partWord) {
      const tail = tokens.slice(tailStart).join(' ').replace(BRACKET_CHARS_RE, ' ');
      if (info.edition === undefined && editionWord) {
        const ed = EDITION_RE.exec(tail);
        if (ed?.[1]) info.edition = prettyEdition(ed[1]);
      }
      const part = partWord ? PART_RE.exec(tail) : null;
      if (part && partNumber(part) > 0) info.part = partNumber(part);
    }
  }

  // Tags glued to the end of the title itself: "Avatar 3D", "Movie cd1", "Blade Runner Final Cut".
  for (let guard = 0; guard < 4; guard++) {
    const last = lastWord(title);
    const three = isThreeDTag(last) ? stripTrailing(title, TRAILING_3D_RE) : null;
    if (three) {
      info.is3d = true;
      title = three.rest;
      continue;
    }
    if (yearAt < 0 && info.part === undefined && (isDigit(last.charCodeAt(last.length - 1)) || last.length === 1 || PART_WORD_START_RE.test(last))) {
      const part = stripTrailing(title, TRAILING_PART_RE);
      if (part && partNumber(part.match) > 0) {
        info.part = partNumber(part.match);
        title = part.rest;
        continue;
      }
    }
    if (info.edition === undefined && mayEndWithEdition(last)) {
      const ed = stripTrailing(title, TRAILING_EDITION_RE);
      // Before a year only a shouted scene tag counts: "The Final Cut (2004)" is a title.
      if (ed?.match[1] && (yearAt < 0 || isShouted(ed.match[1]))) {
        info.edition = prettyEdition(ed.match[1]);
        title = ed.rest;
        continue;
      }
    }
    break;
  }

  // `[Group] Title - 13 [720p]`: the number after the dash is the episode, not the title's.
  if (fansub) {
    const num = FANSUB_NUMBER_RE.exec(title);
    if (num && num.index > 0) title = title.slice(0, num.index);
  }
  title = tidy(title);
  if (!title) title = tidy(tokens.join(' '));
  if (!title) title = raw.trim();
  if (!title) title = raw;
  info.title = title;
  return info;
}

const folderCache = new Map<string, NameInfo>();

/**
 * `parseName` for folder names, which repeat for every file inside them. Bounded, and the result is shared:
 * callers copy before changing anything.
 */
export function parseFolderName(name: string): NameInfo {
  let info = folderCache.get(name);
  if (info === undefined) {
    if (folderCache.size >= 512) folderCache.clear();
    info = parseName(name);
    folderCache.set(name, info);
  }
  return info;
}

/** Comparable form of a title: case, accents, punctuation and a leading article do not matter. */
const NON_ASCII_RE = /[^\x00-\x7f]/;
const FOLDABLE_RE = /[\u00c0-\u024f\u0300-\u03ff\u1e00-\u1fff\ufb00-\ufb4f\uff00-\uffef]/;
const MARKS_RE = /\p{M}+/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

export function titleKey(title: string): string {
  let folded = title.toLowerCase();
  // Accents are folded where they occur (Latin, Greek, compatibility forms); other scripts compare as written.
  if (FOLDABLE_RE.test(folded)) folded = folded.normalize('NFKD').replace(MARKS_RE, '');
  folded = folded.replace(AMPERSAND_RE, ' and ').replace(NON_WORD_RE, ' ').trim();
  const space = folded.indexOf(' ');
  if (space > 0 && ARTICLES.has(folded.slice(0, space))) return folded.slice(space + 1).replace(/ /g, '');
  return folded.replace(/ /g, '');
}

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Where the title starts once a leading article is skipped (only when a word follows it). */
function afterArticle(s: string): number {
  let p = 0;
  while (p < s.length && !isAsciiAlnum(s.charCodeAt(p))) p++;
  let q = p;
  while (q < s.length && isAsciiAlnum(s.charCodeAt(q))) q++;
  if (q - p > 4 || !ARTICLES.has(s.slice(p, q).toLowerCase())) return 0;
  for (let r = q; r < s.length; r++) if (isAsciiAlnum(s.charCodeAt(r))) return q;
  return 0;
}

/** `titleKey(a) === titleKey(b)` for non-empty keys; plain ASCII titles are compared in place, without building keys. */
export function sameTitle(a: string, b: string): boolean {
  if (NON_ASCII_RE.test(a) || NON_ASCII_RE.test(b) || a.includes('&') || b.includes('&')) {
    const key = titleKey(a);
    return key.length > 0 && key === titleKey(b);
  }
  let i = afterArticle(a);
  let j = afterArticle(b);
  let matched = false;
  for (;;) {
    while (i < a.length && !isAsciiAlnum(a.charCodeAt(i))) i++;
    while (j < b.length && !isAsciiAlnum(b.charCodeAt(j))) j++;
    if (i >= a.length || j >= b.length) return matched && i >= a.length && j >= b.length;
    // `| 32` folds ASCII capitals onto lower case and leaves digits as they are.
    if ((a.charCodeAt(i) | 32) !== (b.charCodeAt(j) | 32)) return false;
    i++;
    j++;
    matched = true;
  }
}
