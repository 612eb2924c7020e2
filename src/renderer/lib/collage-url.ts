// Which heading collage a page shows: the server names collages by scope (all, movies, series, one
// genre, one person), never by path. Pure.
import type { KindFilter } from './catalogue-filter';

const BASE = '/img/collage';

export function personCollage(personId: string): string {
  return `${BASE}/person/${encodeURIComponent(personId)}`;
}

export function genreCollage(genre: string): string {
  return `${BASE}/genre/${encodeURIComponent(genre)}`;
}

/** The library's heading follows what the grid is narrowed to: a person, one genre, or the kind. */
export function libraryCollage(filter: { kind: KindFilter; genres: readonly string[]; person: string | null }): string {
  if (filter.person) return personCollage(filter.person);
  if (filter.genres.length === 1) return genreCollage(filter.genres[0] as string);
  if (filter.kind === 'movie') return `${BASE}/movies`;
  if (filter.kind === 'series') return `${BASE}/series`;
  return `${BASE}/all`;
}
