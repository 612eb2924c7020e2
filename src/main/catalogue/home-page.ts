// Builds the home page (GET /api/v1/home): the slideshow and the rows, in the order the settings
// give (src/shared/home-rows.ts), each row left out when the library has nothing for it.
import type { HomeCard, HomeResponse, HomeRow, ItemSummary } from '../../shared/api';
import {
  GENRE_ROW_MIN_TITLES,
  GENRE_ROWS_MAX,
  HOME_ROW_LIMIT,
  HOME_ROW_TITLES,
  resolveHomeRows,
  type HomeRowSetting,
} from '../../shared/home-rows';
import type { CatalogueQueries } from '../db/catalogue-queries';
import type { HomeQueries } from '../db/home-queries';

const SLIDES = 8;
const COLLECTION_ROWS_MAX = 10;

export function summaryCard(item: ItemSummary): HomeCard {
  const subtitle =
    item.kind === 'series'
      ? [item.year, item.episodeCount ? `${item.episodeCount} episodes` : 'Coming soon'].filter(Boolean).join(' · ')
      : item.year === null
        ? null
        : String(item.year);
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    subtitle: subtitle || null,
    year: item.year,
    image: item.poster,
    placeholder: item.placeholder,
    progress: null,
    watched: item.watched,
  };
}

export function buildHomePage(
  home: HomeQueries,
  catalogue: CatalogueQueries,
  options: { profileId?: string; rows?: readonly HomeRowSetting[] } = {},
): HomeResponse {
  const profileId = options.profileId ?? 'default';
  /** Summaries of these ids, in this order. */
  const titles = (ids: readonly string[]): HomeCard[] => {
    if (ids.length === 0) return [];
    const byId = new Map(catalogue.listItems(profileId, ids).map((item) => [item.id, item]));
    return ids.flatMap((id) => {
      const item = byId.get(id);
      return item ? [summaryCard(item)] : [];
    });
  };

  const rows: HomeRow[] = [];
  const add = (row: HomeRow): void => {
    if (row.items.length > 0) rows.push(row);
  };
  for (const kind of resolveHomeRows(options.rows)) {
    switch (kind) {
      case 'continue-watching':
        add({ id: kind, kind, title: HOME_ROW_TITLES[kind], shape: 'still', items: home.continueWatching(profileId, HOME_ROW_LIMIT) });
        break;
      case 'next-up':
        add({ id: kind, kind, title: HOME_ROW_TITLES[kind], shape: 'still', items: home.nextUp(profileId, HOME_ROW_LIMIT) });
        break;
      case 'latest-episodes':
        add({ id: kind, kind, title: HOME_ROW_TITLES[kind], shape: 'still', items: home.latestEpisodes(profileId, HOME_ROW_LIMIT) });
        break;
      case 'latest-movies':
        add({
          id: kind,
          kind,
          title: HOME_ROW_TITLES[kind],
          shape: 'poster',
          items: titles(home.latestMovieIds(HOME_ROW_LIMIT)),
          libraryQuery: { kind: 'movie', sort: 'year' },
        });
        break;
      case 'recently-added':
        add({
          id: kind,
          kind,
          title: HOME_ROW_TITLES[kind],
          shape: 'poster',
          items: titles(home.recentlyAddedIds(HOME_ROW_LIMIT)),
          libraryQuery: { sort: 'added' },
        });
        break;
      case 'genres':
        for (const genre of home.topGenres(GENRE_ROW_MIN_TITLES, GENRE_ROWS_MAX)) {
          add({
            id: `genre:${genre.name}`,
            kind,
            title: genre.name,
            shape: 'poster',
            items: titles(home.genreIds(genre.name, HOME_ROW_LIMIT)),
            libraryQuery: { genre: genre.name, sort: 'rating' },
          });
        }
        break;
      case 'collections':
        for (const collection of home.collections(COLLECTION_ROWS_MAX)) {
          add({ id: `collection:${collection.id}`, kind, title: collection.name, shape: 'poster', items: titles(collection.itemIds) });
        }
        break;
    }
  }
  return { slides: home.slides(profileId, SLIDES), rows };
}
