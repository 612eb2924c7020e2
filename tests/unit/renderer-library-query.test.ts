import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, type CatalogueFilter } from '../../src/renderer/lib/catalogue-filter';
import { filterFromQuery, filterToQuery, sameQuery } from '../../src/renderer/lib/library-query';

describe('library filters in the URL', () => {
  it('writes nothing for the defaults, so the plain library link stays /library', () => {
    expect(filterToQuery(DEFAULT_FILTER)).toEqual({});
    expect(filterFromQuery({})).toEqual(DEFAULT_FILTER);
  });

  it('round-trips every filter through the query', () => {
    const filter: CatalogueFilter = {
      query: 'amélie poulain',
      kind: 'movie',
      genres: ['Comedy', 'Romance'],
      genreMode: 'all',
      years: { from: 1990, to: null },
      rating: { from: 7.5, to: 9 },
      audio: ['fre', 'eng'],
      subtitles: ['eng'],
      original: ['jpn'],
      watch: 'in-progress',
      resolutions: ['hd', '4k'],
      hdr: true,
      person: 'p-123',
      sort: 'year',
      direction: 'asc',
    };
    const query = filterToQuery(filter);
    expect(query).toEqual({
      q: 'amélie poulain',
      kind: 'movie',
      genre: ['Comedy', 'Romance'],
      genres: 'all',
      year: '1990-',
      rating: '7.5-9',
      audio: 'fre,eng',
      subs: 'eng',
      orig: 'jpn',
      watch: 'in-progress',
      res: 'hd,4k',
      hdr: '1',
      person: 'p-123',
      sort: 'year',
      order: 'asc',
    });
    expect(filterFromQuery(query)).toEqual(filter);
  });

  it('leaves out a sort direction that is the natural one for its sort', () => {
    expect(filterToQuery({ ...DEFAULT_FILTER, sort: 'rating', direction: 'desc' })).toEqual({ sort: 'rating' });
    expect(filterFromQuery({ sort: 'rating' }).direction).toBe('desc');
    expect(filterFromQuery({ sort: 'title' }).direction).toBe('asc');
  });

  it('drops what it cannot read instead of breaking the page', () => {
    const filter = filterFromQuery({
      kind: 'podcast',
      sort: 'colour',
      watch: 'sometimes',
      year: 'last summer',
      rating: '11-12',
      audio: 'english,fr,<script>',
      res: '8k,hd',
      hdr: 'yes',
      genres: 'some',
    });
    expect(filter).toEqual({ ...DEFAULT_FILTER, audio: ['fr'], resolutions: ['hd'] });
  });

  it('puts a reversed range the right way round and accepts open ends', () => {
    expect(filterFromQuery({ year: '2000-1990' }).years).toEqual({ from: 1990, to: 2000 });
    expect(filterFromQuery({ year: '-1980' }).years).toEqual({ from: null, to: 1980 });
    expect(filterFromQuery({ rating: '8-' }).rating).toEqual({ from: 8, to: null });
  });

  it('reads repeated parameters and comma lists alike, and each value once', () => {
    expect(filterFromQuery({ genre: ['Drama', 'Drama', 'War'] }).genres).toEqual(['Drama', 'War']);
    expect(filterFromQuery({ audio: ['eng', 'fre,eng'] }).audio).toEqual(['eng', 'fre']);
  });

  it('tells two queries that name the same filters apart from ones that do not', () => {
    expect(sameQuery({ sort: 'rating', order: 'desc' }, { sort: 'rating' })).toBe(true);
    expect(sameQuery({ genre: 'Drama' }, { genre: 'War' })).toBe(false);
  });
});
