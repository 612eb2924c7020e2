import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../src/shared/api';
import {
  countLabel,
  DEFAULT_FILTER,
  filterCatalogue,
  foldText,
  genreCounts,
  prepareCatalogue,
  sortCatalogue,
  type CatalogueFilter,
} from '../../src/renderer/lib/catalogue-filter';

function item(partial: Partial<ItemSummary> & Pick<ItemSummary, 'id' | 'title'>): ItemSummary {
  return {
    kind: 'movie',
    sortKey: partial.title.toLowerCase(),
    year: null,
    genres: [],
    ratings: {},
    languages: [],
    contentRating: null,
    runtimeMinutes: null,
    addedAt: '2024-01-01T00:00:00Z',
    poster: null,
    placeholder: null,
    watched: false,
    missing: false,
    ...partial,
  };
}

const library: ItemSummary[] = [
  item({ id: 'a', title: 'Amélie', year: 2001, genres: ['Comedy', 'Romance'], ratings: { imdb: 8.3 }, addedAt: '2024-03-01T00:00:00Z' }),
  item({ id: 'b', title: 'The Matrix', sortKey: 'matrix', year: 1999, genres: ['Science Fiction', 'Action'], ratings: { imdb: 8.7 } }),
  item({ id: 'c', title: 'Star Wars', year: 1977, genres: ['Science Fiction'], ratings: { metascore: 90 }, addedAt: '2024-05-01T00:00:00Z' }),
  item({ id: 'd', title: 'Starship Troopers', year: 1997, genres: ['Science Fiction', 'Action'] }),
  item({ id: 'e', kind: 'series', title: 'Dark', year: 2017, genres: ['Science Fiction', 'Mystery'], episodeCount: 26 }),
  item({ id: 'f', title: 'WALL·E', year: 2008, genres: ['Animation'] }),
  item({ id: 'g', title: 'Untitled Project', genres: [] }),
];
const prepared = prepareCatalogue(library);

function run(filter: Partial<CatalogueFilter>): string[] {
  const chosen = { ...DEFAULT_FILTER, ...filter };
  // As the store does: sort once per sort order, then filter the sorted list (which keeps its order).
  return filterCatalogue(sortCatalogue(prepared, chosen.sort), chosen).map((found) => found.id);
}

describe('catalogue filtering in the browser', () => {
  it('folds accents, case and punctuation so "amelie" finds "Amélie" and "wall e" finds "WALL·E"', () => {
    expect(foldText('Amélie')).toBe('amelie');
    expect(run({ query: 'amelie' })).toEqual(['a']);
    expect(run({ query: 'AMÉLIE' })).toEqual(['a']);
    expect(run({ query: 'wall e' })).toEqual(['f']);
  });

  it('matches every query word at the start of a word, not in the middle', () => {
    expect(run({ query: 'star' })).toEqual(['c', 'd']);
    expect(run({ query: 'star wa' })).toEqual(['c']);
    expect(run({ query: 'tar' })).toEqual([]);
    expect(run({ query: 'matrix' })).toEqual(['b']);
  });

  it('finds titles by year', () => {
    expect(run({ query: '1999' })).toEqual(['b']);
  });

  it('keeps everything for an empty or blank query, sorted by sort key', () => {
    expect(run({ query: '   ' })).toEqual(['a', 'e', 'b', 'c', 'd', 'g', 'f']);
  });

  it('filters by kind and by genre, together with the query', () => {
    expect(run({ kind: 'series' })).toEqual(['e']);
    expect(run({ kind: 'movie', genre: 'Science Fiction' })).toEqual(['b', 'c', 'd']);
    expect(run({ genre: 'Action', query: 'star' })).toEqual(['d']);
  });

  it('sorts by year (newest first, unknown last), date added and rating', () => {
    expect(run({ sort: 'year' })).toEqual(['e', 'f', 'a', 'b', 'd', 'c', 'g']);
    expect(run({ sort: 'added' }).slice(0, 2)).toEqual(['c', 'a']);
    expect(run({ sort: 'rating' }).slice(0, 3)).toEqual(['c', 'b', 'a']);
  });

  it('sorts a copy once per order, and filtering keeps the order it is given', () => {
    const byYear = sortCatalogue(prepared, 'year');
    expect(prepared.map((p) => p.item.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(filterCatalogue(byYear, { query: 'star', kind: 'all', genre: null }).map((found) => found.id)).toEqual(['d', 'c']);
  });

  it('filters 20,000 titles in well under a frame budget per keystroke', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      item({ id: `m${i}`, title: `Film number ${i} of the night`, genres: i % 2 ? ['Drama'] : ['Comedy'] }),
    );
    const index = prepareCatalogue(many);
    const started = performance.now();
    const found = filterCatalogue(index, { ...DEFAULT_FILTER, query: 'number 12345', genre: 'Drama' });
    const elapsed = performance.now() - started;
    expect(found.map((f) => f.id)).toEqual(['m12345']);
    expect(elapsed).toBeLessThan(100);
  });
});

describe('genre list and count line', () => {
  it('lists genres of the chosen kind, most common first', () => {
    expect(genreCounts(library).slice(0, 2)).toEqual([
      { name: 'Science Fiction', count: 4 },
      { name: 'Action', count: 2 },
    ]);
    expect(genreCounts(library, 'series').map((genre) => genre.name)).toEqual(['Mystery', 'Science Fiction']);
  });

  it('says how many titles show, and of how many when filtered', () => {
    expect(countLabel(7, 7, 'all')).toBe('7 titles');
    expect(countLabel(1, 1, 'all')).toBe('1 title');
    expect(countLabel(3, 6, 'movie')).toBe('3 of 6 movies');
    expect(countLabel(1, 1, 'series')).toBe('1 series');
  });
});
