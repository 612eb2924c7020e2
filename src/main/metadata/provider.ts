// What every metadata provider gives, whoever it is: candidates to match, and the details of one title,
// in our own words. The clients (tmdb/, omdb/) turn their documented answers into these; the matcher,
// apply and the routes know nothing of any provider's shapes.
import type { TrailerLink } from '../../shared/api';

export type ProviderKind = 'movie' | 'series';

export interface Candidate {
  provider: 'tmdb';
  id: string;
  kind: ProviderKind;
  title: string;
  originalTitle: string | null;
  /** Release year, or first-air year for a series. */
  year: number | null;
  overview: string | null;
  /** The provider's image path (`/abc.jpg`), never a URL to fetch as is. */
  posterPath: string | null;
  popularity: number;
}

export interface ProviderCredit {
  name: string;
  role: 'actor' | 'director' | 'writer' | 'producer' | 'composer';
  character: string | null;
  order: number;
  profilePath: string | null;
  /** The provider's own id of the person, for person/{id}. */
  personId: string | null;
}

export interface TitleDetails {
  provider: 'tmdb';
  id: string;
  kind: ProviderKind;
  title: string;
  originalTitle: string | null;
  alternativeTitles: string[];
  year: number | null;
  premiered: string | null;
  overview: string | null;
  tagline: string | null;
  runtimeMinutes: number | null;
  contentRating: string | null;
  status: string | null;
  genres: string[];
  studios: string[];
  countries: string[];
  tags: string[];
  collection: string | null;
  /** The provider's id of that collection, for collection/{id}. */
  collectionId: string | null;
  credits: ProviderCredit[];
  ratings: { source: string; value: number; max: number; votes: number | null }[];
  /** tmdb, imdb, tvdb: as NFO <uniqueid> types name them. */
  providerIds: Record<string, string>;
  images: { poster: string | null; backdrop: string | null; logo: string | null };
  videos: TrailerLink[];
  /** Series: the season numbers the provider knows. */
  seasons: number[];
}

export interface EpisodeDetails {
  season: number;
  episode: number;
  title: string | null;
  overview: string | null;
  airDate: string | null;
  runtimeMinutes: number | null;
  stillPath: string | null;
}

export interface PersonDetails {
  id: string;
  biography: string | null;
  /** YYYY-MM-DD. */
  birthday: string | null;
  deathday: string | null;
  placeOfBirth: string | null;
  knownForDepartment: string | null;
  alsoKnownAs: string[];
  profilePath: string | null;
}

export interface CollectionDetails {
  id: string;
  name: string | null;
  overview: string | null;
  posterPath: string | null;
  backdropPath: string | null;
  /** Its films, in release order: the provider's ids with their titles and years. */
  parts: { id: string; title: string | null; year: number | null }[];
}

/** IMDb's figures, as OMDb reports them. */
export interface ImdbRatings {
  imdb: { value: number; votes: number | null } | null;
  metascore: number | null;
}

export interface TitleProvider {
  readonly name: 'tmdb';
  search(kind: ProviderKind, title: string, year: number | null, signal?: AbortSignal): Promise<Candidate[]>;
  /** Looks an id up as is: the provider's own, or an IMDb/TVDB id it can translate. */
  lookup(kind: ProviderKind, id: { source: 'tmdb' | 'imdb' | 'tvdb'; value: string }, signal?: AbortSignal): Promise<Candidate | null>;
  details(kind: ProviderKind, id: string, signal?: AbortSignal): Promise<TitleDetails>;
  season(seriesId: string, season: number, signal?: AbortSignal): Promise<EpisodeDetails[]>;
  /** null when the provider does not know the id. */
  person(id: string, signal?: AbortSignal): Promise<PersonDetails | null>;
  collection(id: string, signal?: AbortSignal): Promise<CollectionDetails | null>;
  /** The full URL of one of its images at a width it offers, on the one image host its configuration names. */
  imageUrl(path: string, use: 'poster' | 'backdrop' | 'still' | 'profile' | 'logo', signal?: AbortSignal): Promise<URL | null>;
}

export interface RatingsProvider {
  ratings(imdbId: string, signal?: AbortSignal): Promise<ImdbRatings | null>;
}
