import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../src/shared/api';
import {
  activeFilterCount,
  countLabel,
  DEFAULT_FILTER,
  filterCatalogue,
  filterEntries,
  foldSearchText,
  foldText,
  genreCounts,
  narrows,
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
    metadataState: 'local',
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
    expect(run({ kind: 'movie', genres: ['Science Fiction'] })).toEqual(['b', 'c', 'd']);
    expect(run({ genres: ['Action'], query: 'star' })).toEqual(['d']);
  });

  it('sorts by year (newest first, unknown last), date added and rating', () => {
    expect(run({ sort: 'year' })).toEqual(['e', 'f', 'a', 'b', 'd', 'c', 'g']);
    expect(run({ sort: 'added' }).slice(0, 2)).toEqual(['c', 'a']);
    expect(run({ sort: 'rating' }).slice(0, 3)).toEqual(['c', 'b', 'a']);
  });

  it('sorts a copy once per order, and filtering keeps the order it is given', () => {
    const byYear = sortCatalogue(prepared, 'year');
    expect(prepared.map((p) => p.item.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(filterCatalogue(byYear, { ...DEFAULT_FILTER, query: 'star' }).map((found) => found.id)).toEqual(['d', 'c']);
  });

  it('finds one title among 20,000 by words and genre together', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      item({ id: `m${i}`, title: `Film number ${i} of the night`, genres: i % 2 ? ['Drama'] : ['Comedy'] }),
    );
    const found = filterCatalogue(prepareCatalogue(many), { ...DEFAULT_FILTER, query: 'number 12345', genres: ['Drama'] });
    expect(found.map((f) => f.id)).toEqual(['m12345']);
  });
});

const people = [
  { id: 'p-keanu', name: 'Keanu Reeves' },
  { id: 'p-audrey', name: 'Audrey Tautou' },
  { id: 'p-lucas', name: 'George Lucas' },
];
const rich: ItemSummary[] = [
  item({ id: 'amelie', title: 'Amélie', originalTitle: 'Le Fabuleux Destin d’Amélie Poulain', year: 2001, genres: ['Comedy', 'Romance'],
    ratings: { imdb: 8.3 }, languages: ['fre'], subtitleLanguages: ['eng'], originalLanguage: 'fre', resolution: 'hd', runtimeMinutes: 122, people: [1], watched: true }),
  item({ id: 'matrix', title: 'The Matrix', sortKey: 'matrix', year: 1999, genres: ['Science Fiction', 'Action'], ratings: { imdb: 8.7 },
    languages: ['eng', 'fre'], subtitleLanguages: ['eng', 'fre'], originalLanguage: 'eng', resolution: '4k', hdr: true, runtimeMinutes: 136, people: [0], inProgress: true }),
  item({ id: 'starwars', title: 'Star Wars', year: 1977, genres: ['Science Fiction', 'Adventure'], ratings: { imdb: 8.6 },
    languages: ['eng'], resolution: 'sd', runtimeMinutes: 121, people: [2] }),
  item({ id: 'nothing', title: 'Home Movie', genres: [] }),
];
const richPrepared = prepareCatalogue(rich, people);
function runRich(filter: Partial<CatalogueFilter>): string[] {
  const chosen = { ...DEFAULT_FILTER, ...filter };
  return filterCatalogue(sortCatalogue(richPrepared, chosen.sort, chosen.direction), chosen).map((found) => found.id);
}

describe('every library filter', () => {
  it('searches original titles and people, accent- and case-insensitively', () => {
    expect(runRich({ query: 'fabuleux' })).toEqual(['amelie']);
    expect(runRich({ query: 'KEANU' })).toEqual(['matrix']);
    expect(runRich({ query: 'tautou' })).toEqual(['amelie']);
    expect(runRich({ query: 'poulain amelie' })).toEqual(['amelie']);
  });

  it('combines several genres as any or all of them', () => {
    expect(runRich({ genres: ['Romance', 'Adventure'] })).toEqual(['amelie', 'starwars']);
    expect(runRich({ genres: ['Science Fiction', 'Action'], genreMode: 'all' })).toEqual(['matrix']);
    expect(runRich({ genres: ['Romance', 'Adventure'], genreMode: 'all' })).toEqual([]);
  });

  it('keeps a year or rating range, either end open, and leaves out titles that do not say', () => {
    expect(runRich({ years: { from: 1990, to: 2000 } })).toEqual(['matrix']);
    expect(runRich({ years: { from: 2000, to: null } })).toEqual(['amelie']);
    expect(runRich({ years: { from: null, to: 1980 } })).toEqual(['starwars']);
    expect(runRich({ rating: { from: 8.5, to: null } })).toEqual(['matrix', 'starwars']);
    expect(runRich({ rating: { from: null, to: 8.5 } })).toEqual(['amelie']);
  });

  it('filters by audio and subtitle language, any of those chosen', () => {
    expect(runRich({ audio: ['fre'] })).toEqual(['amelie', 'matrix']);
    expect(runRich({ audio: ['fre', 'eng'] })).toEqual(['amelie', 'matrix', 'starwars']);
    expect(runRich({ subtitles: ['fre'] })).toEqual(['matrix']);
  });

  it('filters by original language apart from the audio tracks (a dub is not the original)', () => {
    expect(runRich({ original: ['fre'] })).toEqual(['amelie']);
    expect(runRich({ original: ['eng'] })).toEqual(['matrix']);
    // A title whose original language is not known is not in any of them.
    expect(runRich({ original: ['eng', 'fre'] })).toEqual(['amelie', 'matrix']);
  });

  it('tells watched, in progress and unwatched apart', () => {
    expect(runRich({ watch: 'watched' })).toEqual(['amelie']);
    expect(runRich({ watch: 'in-progress' })).toEqual(['matrix']);
    expect(runRich({ watch: 'unwatched' })).toEqual(['nothing', 'starwars']);
  });

  it('filters by resolution and HDR', () => {
    expect(runRich({ resolutions: ['4k'] })).toEqual(['matrix']);
    expect(runRich({ resolutions: ['sd', 'hd'] })).toEqual(['amelie', 'starwars']);
    expect(runRich({ hdr: true })).toEqual(['matrix']);
  });

  it('keeps the titles of one person', () => {
    expect(runRich({ person: 'p-lucas' })).toEqual(['starwars']);
    expect(runRich({ person: 'p-nobody' })).toEqual([]);
  });

  it('sorts by runtime and either way round, titles without a value last both ways', () => {
    expect(runRich({ sort: 'runtime', direction: 'desc' })).toEqual(['matrix', 'amelie', 'starwars', 'nothing']);
    expect(runRich({ sort: 'runtime', direction: 'asc' })).toEqual(['starwars', 'amelie', 'matrix', 'nothing']);
    expect(runRich({ sort: 'title', direction: 'desc' })).toEqual(['starwars', 'matrix', 'nothing', 'amelie']);
    expect(runRich({ sort: 'year', direction: 'asc' })).toEqual(['starwars', 'matrix', 'amelie', 'nothing']);
  });

  it('counts the filters that are set, for the Filters badge', () => {
    expect(activeFilterCount(DEFAULT_FILTER)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTER, genres: ['A', 'B'], hdr: true, years: { from: 1990, to: null } })).toBe(3);
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

describe('typing narrows the last result', () => {
  it('says a filter narrows only when the facets are the same and the query only grew', () => {
    const base = { ...DEFAULT_FILTER, query: 'star' };
    expect(narrows(base, { ...base, query: 'star w' })).toBe(true);
    expect(narrows(base, { ...base, query: 'Star  Wa' })).toBe(true);
    expect(narrows({ ...base, query: '' }, base)).toBe(true);
    expect(narrows(base, { ...base, query: 'sta' })).toBe(false);
    expect(narrows(base, { ...base, query: 'wars' })).toBe(false);
    expect(narrows(base, { ...base, query: 'star wars', genres: ['Drama'] })).toBe(false);
    expect(narrows(base, { ...base, query: 'star wars', kind: 'movie' })).toBe(false);
    expect(narrows(base, { ...base, query: 'star wars', rating: { from: 7, to: null } })).toBe(false);
    // New arrays with the same values are the same facets (a filter read back from the URL).
    expect(narrows({ ...base, genres: ['Drama'] }, { ...base, query: 'star w', genres: ['Drama'] })).toBe(true);
  });

  it('gives the same titles from the last result as from the whole list, query after query', () => {
    const sorted = sortCatalogue(richPrepared, 'title');
    let previous = { ...DEFAULT_FILTER };
    let entries = filterEntries(sorted, previous);
    for (const query of ['s', 'st', 'sta', 'star', 'star ', 'star w', 'star wars']) {
      const next = { ...DEFAULT_FILTER, query };
      expect(narrows(previous, next)).toBe(true);
      entries = filterEntries(entries, next);
      expect(entries.map((e) => e.item.id)).toEqual(filterCatalogue(sorted, next).map((found) => found.id));
      previous = next;
    }
    expect(entries.map((e) => e.item.id)).toEqual(['starwars']);
  });
});

describe('search text folded on demand', () => {
  it('folds nothing until asked, then all of it within its budget or from where it stopped', () => {
    const many = Array.from({ length: 1000 }, (_, i) => item({ id: `m${i}`, title: `Fílm ${i}` }));
    const entries = prepareCatalogue(many);
    let clock = 0;
    // A clock that moves 1 ms per read: a 10 ms budget stops early, at a multiple of 64 entries.
    const stopped = foldSearchText(entries, 0, 10, () => clock++);
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(1000);
    expect(foldSearchText(entries, stopped, 1e9)).toBe(1000);
    expect(entries[999]?.haystack).toContain(' film 999');
    expect(filterCatalogue(entries, { ...DEFAULT_FILTER, query: 'film 5' }).map((f) => f.id)).toEqual(
      ['m5', ...Array.from({ length: 10 }, (_, i) => `m${50 + i}`), ...Array.from({ length: 100 }, (_, i) => `m${500 + i}`)],
    );
  });

  it('sorts by title the same whether or not the list came in order', () => {
    const reversed = prepareCatalogue([...library].reverse());
    expect(sortCatalogue(reversed, 'title').map((p) => p.item.id)).toEqual(sortCatalogue(prepared, 'title').map((p) => p.item.id));
    expect(sortCatalogue(reversed, 'title', 'desc').map((p) => p.item.id)).toEqual(sortCatalogue(prepared, 'title', 'desc').map((p) => p.item.id));
  });
});
