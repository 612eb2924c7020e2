// Turns what the path says and what an NFO says into one item's metadata: the NFO wins, the path fills the gaps.
import type { ItemMetadata } from '../db/library-store';
import type { NfoCommon, NfoEpisode } from './nfo';
import { normaliseLanguage, sortKey, type ProviderIds } from './naming';

export interface PathFacts {
  title: string;
  year?: number | undefined;
  seasonNumber?: number | undefined;
  episodeNumber?: number | undefined;
  episodeEnd?: number | undefined;
  premiered?: string | undefined;
  extraType?: string | undefined;
  providerIds?: ProviderIds | undefined;
}

function cleanIds(ids: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ids)) if (v) out[k] = v;
  return out;
}

export function metadataFromPath(facts: PathFacts): ItemMetadata {
  return {
    title: facts.title,
    sortKey: sortKey(facts.title),
    year: facts.year,
    premiered: facts.premiered,
    seasonNumber: facts.seasonNumber,
    episodeNumber: facts.episodeNumber,
    episodeEnd: facts.episodeEnd,
    extraType: facts.extraType,
    providerIds: cleanIds({ ...(facts.providerIds ?? {}) }),
    genres: [],
    tags: [],
    studios: [],
    countries: [],
    ratings: [],
    credits: [],
    metadataSource: 'path',
  };
}

type NfoFields = NfoCommon | NfoEpisode;

export function metadataFromNfo(
  nfo: NfoFields,
  facts: PathFacts,
  extra: { status?: string | undefined; collection?: { name: string; overview?: string | undefined } | undefined } = {},
): ItemMetadata {
  const title = nfo.title ?? facts.title;
  const year = nfo.year ?? (nfo.premiered ? Number(nfo.premiered.slice(0, 4)) || undefined : undefined) ?? facts.year;
  const credits: ItemMetadata['credits'] = [];
  for (const d of nfo.directors) credits.push({ name: d, role: 'director', order: credits.length });
  for (const w of nfo.writers) credits.push({ name: w, role: 'writer', order: credits.length });
  const actors = [...nfo.actors].sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9));
  actors.forEach((a, i) => credits.push({ name: a.name, role: 'actor', character: a.role, order: i }));
  const episode = 'episode' in nfo ? nfo : undefined;
  return {
    title,
    originalTitle: nfo.originalTitle && nfo.originalTitle !== title ? nfo.originalTitle : undefined,
    sortKey: sortKey(nfo.sortTitle ?? title),
    year,
    premiered: nfo.premiered ?? episode?.aired ?? facts.premiered,
    overview: nfo.plot ?? nfo.outline,
    outline: nfo.outline,
    tagline: nfo.tagline,
    runtimeMinutes: nfo.runtimeMinutes,
    contentRating: nfo.contentRating,
    status: extra.status,
    seasonNumber: episode?.season ?? facts.seasonNumber,
    episodeNumber: episode?.episode ?? facts.episodeNumber,
    episodeEnd: facts.episodeEnd,
    extraType: facts.extraType,
    providerIds: cleanIds({ ...(facts.providerIds ?? {}), ...nfo.uniqueIds }),
    collection: extra.collection,
    genres: nfo.genres,
    tags: nfo.tags,
    studios: nfo.studios,
    countries: nfo.countries,
    ratings: dedupeRatings(nfo.ratings),
    credits: dedupeCredits(credits),
    languages: [...new Set(nfo.audioLanguages.map((l) => normaliseLanguage(l)).filter((l): l is string => l !== null))],
    metadataSource: 'nfo',
  };
}

function dedupeRatings(list: NfoCommon['ratings']): ItemMetadata['ratings'] {
  const seen = new Map<string, ItemMetadata['ratings'][number]>();
  for (const r of list) {
    if (!seen.has(r.source)) seen.set(r.source, { source: r.source, value: r.value, max: r.max, votes: r.votes });
  }
  return [...seen.values()];
}

/** The same person can be listed twice for one role (two NFO styles merged); keep the first. */
function dedupeCredits(list: ItemMetadata['credits']): ItemMetadata['credits'] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.role}\0${c.name.toLowerCase()}\0${c.character ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
