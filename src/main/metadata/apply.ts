// How provider details meet what an item already has. Pure: the fetcher reads the item, calls these, writes it.
// What an NFO said is never overwritten: the provider only fills its gaps. An item named by its file alone takes
// the provider's title, year and fields (the name stays behind in item_metadata for rescans to compare with).
import type { ItemMetadata } from '../db/library-store';
import { sortKey } from '../library/naming';
import type { EpisodeDetails, ImdbRatings, TitleDetails } from './provider';

type Ratings = ItemMetadata['ratings'];

/** The provider's ratings (TMDB's own, IMDb and Metascore from OMDb) as rows of the ratings table. */
export function providerRatings(d: TitleDetails, imdb: ImdbRatings | null): Ratings {
  const out: Ratings = d.ratings.map((r) => ({ source: r.source, value: r.value, max: r.max, votes: r.votes ?? undefined }));
  if (imdb?.imdb) out.push({ source: 'imdb', value: imdb.imdb.value, max: 10, votes: imdb.imdb.votes ?? undefined });
  if (imdb?.metascore !== null && imdb?.metascore !== undefined) out.push({ source: 'metacritic', value: imdb.metascore, max: 100 });
  return out;
}

function mergeRatings(ours: Ratings, theirs: Ratings): Ratings {
  const have = new Set(ours.map((r) => r.source));
  return [...ours, ...theirs.filter((r) => !have.has(r.source))];
}

function credits(d: TitleDetails): ItemMetadata['credits'] {
  return d.credits.map((c) => ({ name: c.name, role: c.role, character: c.character ?? undefined, order: c.order }));
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/**
 * The item's metadata once the provider's details are applied. `fromNfo`: the NFO's fields win and the
 * provider fills only empty ones; otherwise the provider's replace what the file name gave.
 */
export function applyTitle(current: ItemMetadata, d: TitleDetails, imdb: ImdbRatings | null): ItemMetadata {
  const ratings = providerRatings(d, imdb);
  if (current.metadataSource === 'nfo') {
    return {
      ...current,
      originalTitle: current.originalTitle ?? (d.originalTitle && d.originalTitle !== current.title ? d.originalTitle : undefined),
      year: current.year ?? orUndefined(d.year),
      premiered: current.premiered ?? orUndefined(d.premiered),
      overview: current.overview ?? orUndefined(d.overview),
      tagline: current.tagline ?? orUndefined(d.tagline),
      runtimeMinutes: current.runtimeMinutes ?? orUndefined(d.runtimeMinutes),
      contentRating: current.contentRating ?? orUndefined(d.contentRating),
      status: current.status ?? orUndefined(d.status),
      collection: current.collection ?? (d.collection ? { name: d.collection } : undefined),
      providerIds: { ...d.providerIds, ...current.providerIds },
      genres: current.genres.length > 0 ? current.genres : d.genres,
      tags: current.tags.length > 0 ? current.tags : d.tags,
      studios: current.studios.length > 0 ? current.studios : d.studios,
      countries: current.countries.length > 0 ? current.countries : d.countries,
      ratings: mergeRatings(current.ratings, ratings),
      credits: current.credits.length > 0 ? current.credits : credits(d),
    };
  }
  const title = d.title || current.title;
  return {
    ...current,
    title,
    sortKey: sortKey(title),
    originalTitle: d.originalTitle && d.originalTitle !== title ? d.originalTitle : undefined,
    year: d.year ?? current.year,
    premiered: orUndefined(d.premiered),
    overview: orUndefined(d.overview),
    outline: undefined,
    tagline: orUndefined(d.tagline),
    runtimeMinutes: orUndefined(d.runtimeMinutes),
    contentRating: orUndefined(d.contentRating),
    status: orUndefined(d.status),
    collection: d.collection ? { name: d.collection } : undefined,
    // The provider's ids are the truth now: a stale id from a name would send the next lookup elsewhere.
    providerIds: { ...current.providerIds, ...d.providerIds },
    genres: d.genres,
    tags: d.tags,
    studios: d.studios,
    countries: d.countries,
    ratings,
    credits: credits(d),
  };
}

/** One episode from its season's list: the same rule (an NFO's fields win, a name's give way). */
export function applyEpisode(current: ItemMetadata, e: EpisodeDetails): ItemMetadata {
  if (current.metadataSource === 'nfo') {
    return {
      ...current,
      overview: current.overview ?? orUndefined(e.overview),
      premiered: current.premiered ?? orUndefined(e.airDate),
      runtimeMinutes: current.runtimeMinutes ?? orUndefined(e.runtimeMinutes),
    };
  }
  const title = e.title ?? current.title;
  return {
    ...current,
    title,
    sortKey: current.sortKey,
    overview: orUndefined(e.overview),
    premiered: e.airDate ?? current.premiered,
    year: e.airDate ? Number(e.airDate.slice(0, 4)) : current.year,
    runtimeMinutes: e.runtimeMinutes ?? current.runtimeMinutes,
  };
}
