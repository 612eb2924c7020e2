// The public shape of a parsed Kodi NFO, its error type and the limits every NFO is held to.

/** Files above this are refused before any decoding or parsing: real NFOs are a few KiB, 2 MiB leaves room for huge casts. */
export const NFO_MAX_BYTES = 2 * 1024 * 1024;
/** Real NFOs nest 5 levels (movie > fileinfo > streamdetails > video > codec); anything far deeper is an attack on the parser. */
export const NFO_MAX_DEPTH = 32;
/** Opening tags allowed in one file: a 2 MiB flood of `<a/>` would otherwise cost half a second and a large tree. */
export const NFO_MAX_ELEMENTS = 100_000;

export type NfoErrorCode = 'too-large' | 'dtd-forbidden' | 'malformed' | 'unknown-root' | 'empty' | 'encoding';

export class NfoError extends Error {
  readonly code: NfoErrorCode;

  constructor(code: NfoErrorCode, message: string) {
    super(message);
    this.name = 'NfoError';
    this.code = code;
  }
}

export interface NfoPerson {
  name: string;
  role?: string;
  order?: number;
  thumb?: string;
}

export interface NfoRating {
  /** Lower-case provider: imdb, metacritic, tmdb, tvdb, trakt, rottentomatoes, … ('themoviedb' becomes 'tmdb'). */
  source: string;
  value: number;
  max: number;
  votes?: number;
  isDefault: boolean;
}

export interface NfoArt {
  url: string;
  /** poster, banner, clearlogo, landscape, … */
  aspect?: string;
  season?: number;
}

export interface NfoUniqueIds {
  imdb?: string;
  tmdb?: string;
  tvdb?: string;
  [other: string]: string | undefined;
}

export interface NfoCommon {
  title?: string;
  originalTitle?: string;
  sortTitle?: string;
  ratings: NfoRating[];
  userRating?: number;
  plot?: string;
  outline?: string;
  tagline?: string;
  runtimeMinutes?: number;
  /** From <mpaa> or <certification>, without Kodi's "Rated " prefix. */
  contentRating?: string;
  uniqueIds: NfoUniqueIds;
  genres: string[];
  tags: string[];
  countries: string[];
  studios: string[];
  writers: string[];
  directors: string[];
  /** YYYY-MM-DD when the date could be read unambiguously. */
  premiered?: string;
  year?: number;
  /** Sorted by explicit <order>, else document order. */
  actors: NfoPerson[];
  thumbs: NfoArt[];
  fanart: string[];
  audioLanguages: string[];
  subtitleLanguages: string[];
  durationSeconds?: number;
}

export interface NfoEpisode extends NfoCommon {
  season?: number;
  episode?: number;
  displaySeason?: number;
  displayEpisode?: number;
  aired?: string;
}

export type Nfo =
  | ({ kind: 'movie'; set?: { name: string; overview?: string } } & NfoCommon)
  | ({ kind: 'tvshow'; status?: string; namedSeasons: Record<number, string>; episodeGuideUrl?: string } & NfoCommon)
  | ({ kind: 'season'; seasonNumber?: number } & NfoCommon)
  | { kind: 'episode'; episodes: NfoEpisode[] }
  | { kind: 'url-only'; uniqueIds: NfoCommon['uniqueIds'] };
