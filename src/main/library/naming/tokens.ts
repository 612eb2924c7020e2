// The vocabulary the parsers share: file extensions, release junk, edition/3D/part tags, generic folder names, articles.

import type { SubtitleFormat } from './types';

const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  'mkv', 'mk3d', 'mp4', 'm4v', 'avi', 'mov', 'qt', 'wmv', 'asf', 'webm', 'ts', 'mts', 'm2ts', 'm2t', 'tp', 'trp',
  'mpg', 'mpeg', 'mpe', 'mp2v', 'm2v', 'm1v', 'ogv', 'ogm', 'flv', 'f4v', 'iso', '3gp', '3g2', 'vob', 'divx', 'xvid',
  'rm', 'rmvb', 'dv', 'mxf', 'wtv', 'dvr-ms', 'nsv', 'evo', 'y4m', 'bik', 'img',
]);

const SUBTITLE_FORMATS: ReadonlySet<string> = new Set(['srt', 'ass', 'ssa', 'vtt', 'sup', 'sub', 'idx', 'smi']);
const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp', 'tbn']);

/** Lower-cased extension without the dot; '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

/** The name without its last extension (a dotfile such as `.mkv` has an empty stem). */
export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

export const isVideoExtension = (ext: string): boolean => VIDEO_EXTENSIONS.has(ext);
export const isImageExtension = (ext: string): boolean => IMAGE_EXTENSIONS.has(ext);
export const isSubtitleExtension = (ext: string): ext is SubtitleFormat => SUBTITLE_FORMATS.has(ext);

// Words that never occur in a real title, so they end the title wherever they appear after its first word.
const STRONG_JUNK: ReadonlySet<string> = new Set([
  'bluray', 'blu-ray', 'bdrip', 'brrip', 'bd-rip', 'br-rip', 'bdremux', 'remux', 'bd25', 'bd50', 'bd66', 'bd100', 'uhdbd',
  'webdl', 'web-dl', 'webrip', 'web-rip', 'webdlrip', 'web-dlrip', 'hdtv', 'hdtvrip', 'pdtv', 'sdtv', 'dsrip', 'tvrip',
  'dvdrip', 'dvd-rip', 'dvdr', 'dvd5', 'dvd9', 'dvdscr', 'dvdscreener', 'hdrip', 'hdcam', 'camrip', 'telesync', 'telecine',
  'hdts', 'hdtc', 'vhsrip', 'vodrip', 'ppvrip', 'hddvd', 'hd-dvd', 'uhd', 'ultrahd', 'bdmv', 'hdc',
  'x264', 'x265', 'h264', 'h265', 'hevc', 'avc', 'xvid', 'divx', 'av1', 'vp9', 'mpeg2', 'mpeg-2', 'hi10p', 'hi10',
  '10bit', '8bit', '12bit', '10-bit', '8-bit', 'hdr', 'hdr10', 'hdr10+', 'hdr10plus', 'dovi', 'dolby', 'dolbyvision',
  'aac', 'ac3', 'eac3', 'e-ac3', 'dts', 'dts-hd', 'dtshd', 'dts-x', 'dtsx', 'dts-ma', 'truehd', 'atmos', 'flac', 'ddp',
  'dd+', 'lpcm', 'mp3', 'amzn', 'dsnp', 'hmax', 'atvp', 'pcok', 'repack', 'rerip', 'nfofix', 'dirfix', 'readnfo',
]);
const STRONG_JUNK_RE =
  /^(?:\d{3,4}[pi]|[48]k|\d{2,3}fps|(?:dd|ddp|dd\+|eac3|ac3|aac|dts|truehd|atmos|flac|opus|lpcm|pcm|mp3)?(?:[2578]\.[01]|6\.1)|(?:ddp|dd|aac|ac3|eac3)\d\.?\d?|[xh]\.?26[45])$/;
// A season pack's episode range, `E01-E16`, `E01~E16`: tested only for words starting with `e`.
const EPISODE_RANGE_RE = /^e\d{1,4}[-~]e?\d{1,4}$/;

// Words that are junk only when SHOUTED the scene way (`WEB`, `MULTi`, `FRENCH`), since "Charlotte's Web" is a title.
const WEAK_JUNK: ReadonlySet<string> = new Set([
  'web', 'cam', 'ts', 'tc', 'scr', 'r5', 'r6', 'proper', 'real', 'internal', 'limited', 'complete', 'dubbed', 'subbed',
  'multi', 'multisub', 'multisubs', 'dual', 'dl', 'hc', 'hardsub', 'hardsubs', 'sub', 'subs', 'festival', 'stv', 'ws',
  'pal', 'ntsc', 'dv', 'hlg', 'sdr', 'rip', 'retail', 'converted', 'docu', 'nf', 'hulu', 'hd', 'fhd', 'dd', 'ma',
  'extended', 'unrated', 'uncut', 'remastered', 'imax', 'theatrical', 'criterion',
  'english', 'eng', 'french', 'fre', 'fra', 'truefrench', 'vff', 'vfq', 'vf', 'vf2', 'vfi', 'vo', 'vost', 'vostfr',
  'subfrench', 'german', 'ger', 'deu', 'ita', 'italian', 'spanish', 'spa', 'esp', 'castellano', 'latino', 'lat',
  'japanese', 'jap', 'jpn', 'korean', 'kor', 'chinese', 'chs', 'cht', 'russian', 'rus', 'ukr', 'ukrainian', 'pol',
  'polish', 'plsub', 'hindi', 'hin', 'tamil', 'telugu', 'dutch', 'nl', 'flemish', 'nordic', 'swedish', 'swe', 'danish',
  'dan', 'norwegian', 'nor', 'finnish', 'fin', 'portuguese', 'por', 'ptbr', 'pt-br', 'greek', 'turkish', 'tur', 'arabic',
  'ara', 'hebrew', 'heb', 'thai', 'vietnamese', 'czech', 'cze', 'hungarian', 'hun', 'romanian', 'rum',
]);

const BRACKETS_RE = /^[(\[{]+|[)\]},]+$/g;

/** A token as the junk tables see it: lower-cased, without surrounding brackets. */
export function bareToken(token: string): string {
  const a = token.charCodeAt(0);
  const z = token.charCodeAt(token.length - 1);
  if (a === 40 || a === 91 || a === 123 || z === 41 || z === 93 || z === 125 || z === 44) return token.replace(BRACKETS_RE, '').toLowerCase();
  return token.toLowerCase();
}

export function isStrongJunk(bare: string): boolean {
  if (STRONG_JUNK.has(bare) || STRONG_JUNK_RE.test(bare)) return true;
  if (bare.charCodeAt(0) === 101 && EPISODE_RANGE_RE.test(bare)) return true;
  // `x264-GRP`: the release group rides on the last junk word.
  const dash = bare.indexOf('-');
  if (dash > 0) {
    const head = bare.slice(0, dash);
    return STRONG_JUNK.has(head) || STRONG_JUNK_RE.test(head);
  }
  return false;
}

/** At least two capitals and no run of lower case: `WEB`, `MULTi`, `iNTERNAL`, but not `Web`. */
export function isShouted(token: string): boolean {
  let upper = 0;
  let lowerRun = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      lowerRun = 0;
    } else if (c >= 97 && c <= 122) {
      if (++lowerRun > 1) return false;
    }
  }
  return upper >= 2;
}

export function isWeakJunk(token: string, bare: string): boolean {
  return WEAK_JUNK.has(bare) && isShouted(token);
}

// Known editions, longest phrases first so "Extended Edition" wins over "Extended".
const KNOWN_EDITIONS = [
  "\\d{1,3}(?:st|nd|rd|th) anniversary(?: edition)?", "director'?s cut", "extended (?:edition|cut|version)", 'extended',
  'theatrical (?:cut|edition|version)', 'theatrical', 'unrated (?:cut|edition)', 'unrated', 'uncut', 'final cut',
  '4k remaster(?:ed)?', 'remastered', 'imax(?: edition)?', 'special edition', "collector'?s edition", 'ultimate (?:edition|cut)',
  'criterion(?: collection)?', 'open matte', 'redux', 'rogue cut', 'noir edition', 'black and white', 'despecialized',
  'anniversary edition', 'limited edition', 'alternate cut', 'uncensored', 'restored',
].join('|');
/** Finds an edition anywhere in the part of a name after the title. */
export const EDITION_RE = new RegExp(`(?:^|\\s)(${KNOWN_EDITIONS}|[a-z']+ (?:edition|cut))(?=\\s|$)`, 'i');
/** An edition phrase glued to the end of a title that has no year after it. */
export const TRAILING_EDITION_RE = new RegExp(`\\s[(\\[]?(${KNOWN_EDITIONS})[)\\]]?$`, 'i');

const EDITION_NAMES: ReadonlyMap<string, string> = new Map([
  ["director's cut", "Director's Cut"], ['directors cut', "Director's Cut"], ['imax', 'IMAX'], ['imax edition', 'IMAX Edition'],
  ["collector's edition", "Collector's Edition"], ['collectors edition', "Collector's Edition"], ['4k remaster', '4K Remaster'],
  ['4k remastered', '4K Remastered'],
]);

// Last words an edition phrase can end with: the cheap gate before TRAILING_EDITION_RE runs.
const EDITION_LAST_WORDS: ReadonlySet<string> = new Set([
  'cut', 'edition', 'version', 'extended', 'theatrical', 'unrated', 'uncut', 'remaster', 'remastered', 'imax', 'criterion',
  'collection', 'matte', 'redux', 'white', 'despecialized', 'uncensored', 'restored',
]);
export const mayEndWithEdition = (lastBare: string): boolean => EDITION_LAST_WORDS.has(lastBare);
// First words of edition phrases: the cheap gate before EDITION_RE runs.
const ORDINAL_RE = /^\d{1,3}(?:st|nd|rd|th)$/;
const RUNS_OF_SPACE_RE = /\s+/g;
const WORD_START_RE = /(^|\s)(\p{L})/gu;
const EDITION_FIRST_WORDS: ReadonlySet<string> = new Set([
  "director's", 'directors', 'extended', 'theatrical', 'unrated', 'uncut', 'final', '4k', 'remastered', 'imax', 'special',
  "collector's", 'collectors', 'ultimate', 'criterion', 'open', 'redux', 'rogue', 'noir', 'black', 'despecialized',
  'anniversary', 'limited', 'alternate', 'uncensored', 'restored', 'cut', 'edition',
]);
/** Whether a word could take part in an edition phrase (an ordinal starts "25th Anniversary Edition"). */
export const mayBeEditionWord = (bare: string): boolean => EDITION_FIRST_WORDS.has(bare) || ORDINAL_RE.test(bare);

/** Canonical spelling for an edition found in a name (scene names shout it, or lose the apostrophe). */
export function prettyEdition(found: string): string {
  const text = found.trim().replace(RUNS_OF_SPACE_RE, ' ');
  const known = EDITION_NAMES.get(text.toLowerCase());
  if (known) return known;
  if (text !== text.toUpperCase() && text !== text.toLowerCase()) return text;
  return text.toLowerCase().replace(WORD_START_RE, (_m, sp: string, ch: string) => sp + ch.toUpperCase());
}

// 3D layouts. `ou`, `tab`, `hou` are ordinary words in some languages, so they count only after the title.
const THREE_D_TAGS: ReadonlySet<string> = new Set([
  '3d', 'hsbs', 'h-sbs', 'half-sbs', 'sbs', 'fsbs', 'f-sbs', 'full-sbs', 'hou', 'h-ou', 'half-ou', 'ou', 'fou', 'f-ou',
  'htab', 'h-tab', 'half-tab', 'tab', 'ftab', 'mvc', '3d-sbs', '3d-hsbs', '3d-ou', '3d-hou',
]);
export const isThreeDTag = (bare: string): boolean => THREE_D_TAGS.has(bare);
export const TRAILING_3D_RE = /[\s-][(\[]?(?:3d|h-?sbs|half-sbs|f-?sbs|full-sbs|sbs|mvc|h-?tab|h-?ou)[)\]]?$/i;

// `dvd5`/`dvd9` are disc sizes, not parts. `parta`–`partd`, `cd a`, `disc b` are parts 1–4 (Jellyfin's letters).
export const PART_RE = /(?<![\p{L}\p{N}])(?:(?:cd|dvd(?![59](?!\d))|part|pt|disc|disk)[ -]?(\d{1,2})(?!\d)|(?:cd|part|disc|disk)[ -]?([a-d])(?![\p{L}\p{N}]))/iu;
export const TRAILING_PART_RE = /[\s-][(\[]?(?:(?:cd|dvd(?![59](?!\d))|part|pt|disc|disk)[ -]?(\d{1,2})|(?:cd|part|disc|disk)[ -]?([a-d]))[)\]]?$/i;

/** The part number a PART_RE / TRAILING_PART_RE match names: its digits, or its letter a–d as 1–4. */
export function partNumber(m: RegExpExecArray): number {
  if (m[1] !== undefined) return Number(m[1]);
  return m[2] === undefined ? 0 : m[2].toLowerCase().charCodeAt(0) - 96;
}
/** A folder that is only a part marker: `CD1`, `Disc 2`, `Part 1`. */
export const PART_FOLDER_RE = /^(?:cd|dvd|part|pt|disc|disk)[ ._-]?(\d{1,2})$/i;

// Folders that group many titles and so never name one.
const GENERIC_FOLDERS: ReadonlySet<string> = new Set([
  'movies', 'movie', 'films', 'film', 'video', 'videos', 'my videos', 'my movies', 'media', 'cinema', 'kino', 'filme',
  'tv', 'tv shows', 'tvshows', 'tv-shows', 'tv series', 'shows', 'series', 'television', 'anime', 'cartoons',
  'documentaries', 'documentary', 'docs', 'downloads', 'download', 'complete', 'completed', 'new', 'unsorted', 'misc',
  'other movies', '4k', 'uhd', 'hd', '1080p', '720p', '2160p', 'dvd', 'dvds', 'bluray', 'blu-ray', 'library', 'share',
  'public', 'kids', 'kids movies', 'children', 'family', 'action', 'adventure', 'animation', 'animated', 'comedy',
  'drama', 'horror', 'thriller', 'sci-fi', 'scifi', 'science fiction', 'fantasy', 'romance', 'crime', 'war',
  'western', 'westerns', 'musicals', 'classics', 'foreign', 'a-z', '0-9', '#',
]);

export function isGenericFolder(name: string): boolean {
  const lower = name.trim().toLowerCase();
  // A single letter or digit is an A–Z index folder.
  if (lower.length === 1) return true;
  return GENERIC_FOLDERS.has(lower);
}

export const ARTICLES: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'der', 'die', 'das', 'le', 'la', 'les', 'el', 'los', 'las', 'il', 'gli', 'un', 'une', 'ein', 'eine', 'het', 'een',
]);
