// Provider ids from the IMDb/TMDb/TVDB/TVmaze links Kodi accepts in place of, or after, the NFO's XML.
import type { NfoUniqueIds } from './types';

// Bounded quantifiers only: this runs over up to 2 MiB of untrusted text.
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/imdb\.com\/(?:[a-z]{2}\/)?title\/(tt\d{5,10})(?!\d)/i, 'imdb'],
  [/themoviedb\.org\/movie\/(\d{1,10})(?!\d)/i, 'tmdb'],
  [/themoviedb\.org\/tv\/(\d{1,10})(?!\d)/i, 'tmdb'],
  [/thetvdb\.com\/(?:dereferrer\/)?series\/(\d{1,10})(?![\w-])/i, 'tvdb'],
  [/thetvdb\.com\/[^\s<>"']{0,100}?[?&]id=(\d{1,10})(?!\d)/i, 'tvdb'],
  [/tvmaze\.com\/shows\/(\d{1,10})(?!\d)/i, 'tvmaze'],
];

/**
 * The first id per provider found in `text`. TVDB slugs (thetvdb.com/series/game-of-thrones) are not ids
 * and are ignored; a TMDb /movie/ and /tv/ link both give `tmdb`, the NFO's root says which it is.
 */
export function idsFromProviderUrls(text: string): NfoUniqueIds {
  const ids: NfoUniqueIds = {};
  if (text.trim() === '') return ids;
  for (const [pattern, key] of PATTERNS) {
    if (ids[key] !== undefined) continue;
    const match = pattern.exec(text);
    if (match?.[1]) ids[key] = key === 'imdb' ? match[1].toLowerCase() : match[1];
  }
  return ids;
}

/** Text before the first '<' and after the last '>': where Kodi looks for a link next to the XML. */
export function textOutsideMarkup(text: string): string {
  const first = text.indexOf('<');
  if (first === -1) return text;
  const last = text.lastIndexOf('>');
  const before = text.slice(0, first);
  const after = last === -1 ? '' : text.slice(last + 1);
  return `${before}\n${after}`;
}

export function hasIds(ids: NfoUniqueIds): boolean {
  return Object.values(ids).some((value) => value !== undefined);
}
