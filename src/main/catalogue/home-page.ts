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
  // Rows of titles name their ids first; the summaries of all of them are read in one pass at the
  // end (one listItems per row made /home read the genre, rating and poster tables a dozen times).
  const wanted: { items: HomeCard[]; ids: readonly string[] }[] = [];
  /** The cards of these ids, in this order: empty now, filled in at the end. */
  const titles = (ids: readonly string[]): HomeCard[] => {
    const items: HomeCard[] = [];
    wanted.push({ items, ids });
    return items;
  };

  const rows: HomeRow[] = [];
  const add = (row: HomeRow): void => {
    rows.push(row);
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
  const ids = [...new Set(wanted.flatMap((w) => w.ids))];
  const byId = new Map(ids.length > 0 ? catalogue.listItems(profileId, ids).map((item) => [item.id, item]) : []);
  for (const { items, ids: rowIds } of wanted) {
    for (const id of rowIds) {
      const item = byId.get(id);
      if (item) items.push(summaryCard(item));
    }
  }
  // A row is left out when the library has nothing for it.
  return { slides: home.slides(profileId, SLIDES), rows: rows.filter((row) => row.items.length > 0) };
}
