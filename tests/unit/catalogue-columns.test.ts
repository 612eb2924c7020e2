// The library list in columns: every fact of a summary survives the trip, and the columns are smaller than the objects.
import { describe, expect, it } from 'vitest';
import type { ItemSummary, PersonRef } from '../../src/shared/api';
import { CatalogueFormatError, decodeCatalogue, encodeCatalogue, type CatalogueItem } from '../../src/shared/catalogue-columns';

const people: PersonRef[] = [
  { id: 'p0', name: 'Ada Quill' },
  { id: 'p1', name: 'Bo Lark' },
  { id: 'p2', name: 'Wren Dale' },
];

const movie: CatalogueItem = {
  id: 'm1',
  kind: 'movie',
  title: 'Harbour Lights',
  sortKey: 'harbour lights',
  year: 1998,
  genres: ['Drama', 'Mystery'],
  ratings: { imdb: 7.3, metascore: 61 },
  languages: ['eng', 'fre'],
  contentRating: 'PG-13',
  runtimeMinutes: 104,
  addedAt: '2026-11-30T10:00:05.000Z',
  poster: '/img/abcDEF123456',
  placeholder: '#1a2b3c',
  watched: true,
  missing: false,
  originalTitle: 'Les Lumières',
  subtitleLanguages: ['eng'],
  originalLanguage: 'fre',
  resolution: '4k',
  hdr: true,
  people: [2, 0],
  metadataState: 'needs-match',
};

const series: ItemSummary = {
  id: 's1',
  kind: 'series',
  title: 'Night Ferry',
  sortKey: 'Night Ferry',
  year: null,
  genres: ['Mystery'],
  ratings: {},
  languages: [],
  contentRating: null,
  runtimeMinutes: null,
  addedAt: '2026-12-01T08:30:00.000Z',
  poster: null,
  placeholder: null,
  watched: false,
  missing: true,
  episodeCount: 3,
  inProgress: true,
  metadataState: 'local',
};

describe('the catalogue in columns', () => {
  it('decodes every field a summary has, people as the same set of indexes', () => {
    const decoded = decodeCatalogue(encodeCatalogue({ items: [movie, series], people }));
    expect(decoded.people).toEqual(people);
    expect(decoded.items[0]).toEqual({ ...movie, people: [0, 2] });
    expect(decoded.items[1]).toEqual(series);
  });

  it('names each genre, language and person once, and a sort key equal to the title not at all', () => {
    const columns = encodeCatalogue({ items: [movie, series], people });
    expect(columns.dict.genres).toEqual(['Drama', 'Mystery']);
    expect(columns.dict.languages).toEqual(['eng', 'fre']);
    expect(columns.sortKey).toEqual(['harbour lights', null]);
    expect(columns.people).toEqual([[0, 2], []]);
    expect(columns.metadataState).toEqual([3, 0]);
  });

  it('reads a list without the metadata state column (a server with no providers) as local', () => {
    const { metadataState: _dropped, ...columns } = encodeCatalogue({ items: [series], people: [] });
    expect(decodeCatalogue(columns).items[0]?.metadataState).toBe('local');
  });

  it('is much smaller than the objects for a large library', () => {
    const { episodeCount: _none, ...plain } = series;
    const items: ItemSummary[] = Array.from({ length: 2000 }, (_, i): ItemSummary => ({
      ...plain,
      id: `id${i}`,
      title: `Film ${i}`,
      sortKey: `film ${i}`,
      kind: 'movie',
      year: 1950 + (i % 70),
      genres: ['Drama', 'Comedy'],
      languages: ['eng'],
      ratings: { imdb: (i % 90) / 10 },
      people: [i % 3],
    }));
    const objects = JSON.stringify({ items, people }).length;
    const columns = JSON.stringify(encodeCatalogue({ items, people })).length;
    expect(columns).toBeLessThan(objects / 3);
  });

  it('refuses columns of another format or of the wrong length with a clear error', () => {
    const columns = encodeCatalogue({ items: [movie], people });
    expect(() => decodeCatalogue({ ...columns, format: 2 as 1 })).toThrow(CatalogueFormatError);
    expect(() => decodeCatalogue({ ...columns, title: [] })).toThrow(/title|entries/);
  });
});
