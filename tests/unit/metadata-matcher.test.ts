// The matching rule, on real-world cases that first-hit matching gets wrong: remakes, one title in several
// years, numbers in titles, non-Latin titles, series named by their first air year, and names that match nothing.
import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLD, bestMatch, idsToLookUp, normaliseTitle, parseMatchQuery, scoreCandidate } from '../../src/main/metadata/matcher';
import type { Candidate } from '../../src/main/metadata/provider';

const c = (id: string, title: string, year: number | null, extra: Partial<Candidate> = {}): Candidate => ({
  provider: 'tmdb', id, kind: 'movie', title, originalTitle: null, year, overview: null, posterPath: null, popularity: 10, ...extra,
});

// Search results in the order a provider might list them: the wrong one first on purpose.
const CASES: { name: string; want: { title: string; year: number | null; kind?: 'movie' | 'series' }; candidates: Candidate[]; expect: string | null }[] = [
  { name: 'a remake with its year is the remake, not the more popular original', want: { title: 'The Thing', year: 2011 }, candidates: [c('1091', 'The Thing', 1982, { popularity: 40 }), c('60935', 'The Thing', 2011, { popularity: 20 })], expect: '60935' },
  { name: 'the original with its year is the original', want: { title: 'The Thing', year: 1982 }, candidates: [c('60935', 'The Thing', 2011, { popularity: 90 }), c('1091', 'The Thing', 1982)], expect: '1091' },
  { name: 'same title, other years: the year decides', want: { title: 'Solaris', year: 1972 }, candidates: [c('2103', 'Solaris', 2002, { popularity: 25 }), c('593', 'Solaris', 1972, { popularity: 15 })], expect: '593' },
  { name: 'a release year one off (festival vs cinema) still matches', want: { title: 'Amélie', year: 2002 }, candidates: [c('194', 'Amélie', 2001)], expect: '194' },
  { name: 'Roman numerals and digits are one title', want: { title: 'Rocky 2', year: 1979 }, candidates: [c('1366', 'Rocky', 1976), c('1367', 'Rocky II', 1979)], expect: '1367' },
  { name: 'a sequel number is not ignored', want: { title: 'Blade Runner', year: 1982 }, candidates: [c('335984', 'Blade Runner 2049', 2017, { popularity: 70 }), c('78', 'Blade Runner', 1982)], expect: '78' },
  { name: 'punctuation and colons do not matter', want: { title: '2001 A Space Odyssey', year: 1968 }, candidates: [c('62', '2001: A Space Odyssey', 1968)], expect: '62' },
  { name: 'a non-Latin name matches the original title', want: { title: '千と千尋の神隠し', year: 2001 }, candidates: [c('129', 'Spirited Away', 2001, { originalTitle: '千と千尋の神隠し' })], expect: '129' },
  { name: 'Cyrillic against Cyrillic', want: { title: 'Брат', year: 1997 }, candidates: [c('20992', 'Brother', 1997, { originalTitle: 'Брат' }), c('5', 'Брат 2', 2000, { originalTitle: 'Брат 2' })], expect: '20992' },
  { name: 'a series is named by its first air year', want: { title: 'Doctor Who', year: 2005, kind: 'series' }, candidates: [c('121', 'Doctor Who', 1963, { kind: 'series', popularity: 80 }), c('57243', 'Doctor Who', 2005, { kind: 'series' })], expect: '57243' },
  { name: 'no year: the exact title wins, popularity breaks the tie', want: { title: 'Dune', year: null }, candidates: [c('841', 'Dune', 1984, { popularity: 10 }), c('438631', 'Dune', 2021, { popularity: 90 })], expect: '438631' },
  { name: 'a home video matches nothing', want: { title: 'Holiday Video', year: 2019 }, candidates: [c('1', 'Holiday', 2006), c('2', 'The Holiday', 2006)], expect: null },
  { name: 'the right title in a very wrong year waits for a Fix match', want: { title: 'Alien', year: 2015 }, candidates: [c('348', 'Alien', 1979)], expect: null },
  { name: 'a loosely similar title is not taken', want: { title: 'The Matrix Resurrections', year: 1999 }, candidates: [c('603', 'The Matrix', 1999)], expect: null },
];

describe('matching scores candidates instead of taking the first hit', () => {
  for (const t of CASES) {
    it(t.name, () => {
      const kind = t.want.kind ?? 'movie';
      const picked = bestMatch({ kind, title: t.want.title, year: t.want.year }, t.candidates.map((x) => ({ ...x, kind })));
      expect(picked?.candidate.id ?? null).toBe(t.expect);
    });
  }

  it('alternative titles count: a film known by its English name matches its German title', () => {
    const cand = c('582', 'Das Leben der Anderen', 2006);
    expect(scoreCandidate({ kind: 'movie', title: 'The Lives of Others', year: 2006 }, cand)).toBeLessThan(MATCH_THRESHOLD);
    expect(scoreCandidate({ kind: 'movie', title: 'The Lives of Others', year: 2006 }, cand, ['The Lives of Others'])).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('normalises case, accents, articles, "&" and Roman numerals', () => {
    expect(normaliseTitle('The Lord of the Rings: The Return of the King')).toBe('lord of the rings the return of the king');
    expect(normaliseTitle('Amélie')).toBe('amelie');
    expect(normaliseTitle('Fast & Furious')).toBe('fast and furious');
    expect(normaliseTitle('Star Wars: Episode IV')).toBe('star wars episode 4');
  });
});

describe('ids are looked up as is', () => {
  it('takes tmdb, then imdb, then (series) tvdb ids, and ignores malformed ones', () => {
    expect(idsToLookUp({ tmdb: '60935', imdb: 'tt0905372' }, 'movie')).toEqual([{ source: 'tmdb', value: '60935' }, { source: 'imdb', value: 'tt0905372' }]);
    expect(idsToLookUp({ tvdb: '78804' }, 'series')).toEqual([{ source: 'tvdb', value: '78804' }]);
    expect(idsToLookUp({ tvdb: '78804' }, 'movie')).toEqual([]);
    expect(idsToLookUp({ tmdb: '12a', imdb: '0905372' }, 'movie')).toEqual([]);
  });

  it('reads what a user pastes into Fix match', () => {
    expect(parseMatchQuery('60935')).toEqual({ id: { source: 'tmdb', value: '60935' } });
    expect(parseMatchQuery('tmdb-60935')).toEqual({ id: { source: 'tmdb', value: '60935' } });
    expect(parseMatchQuery('tt0905372')).toEqual({ id: { source: 'imdb', value: 'tt0905372' } });
    expect(parseMatchQuery('https://www.imdb.com/title/tt0905372/')).toEqual({ id: { source: 'imdb', value: 'tt0905372' } });
    expect(parseMatchQuery('https://www.themoviedb.org/movie/60935-the-thing')).toEqual({ id: { source: 'tmdb', value: '60935' } });
    expect(parseMatchQuery('  The Thing ')).toEqual({ title: 'The Thing' });
    expect(parseMatchQuery('1917')).toEqual({ id: { source: 'tmdb', value: '1917' } });
  });
});
