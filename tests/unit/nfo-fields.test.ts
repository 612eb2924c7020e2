import { describe, expect, it } from 'vitest';
import {
  normaliseDate,
  parseCount,
  parseDecimal,
  parseRuntimeMinutes,
  splitJoined,
} from '../../src/main/library/nfo/fields';
import { parseNfo, type Nfo } from '../../src/main/library/nfo';

function movie(inner: string): Extract<Nfo, { kind: 'movie' }> {
  const nfo = parseNfo(`<movie>${inner}</movie>`);
  if (nfo.kind !== 'movie') throw new Error(`expected a movie, got ${nfo.kind}`);
  return nfo;
}

describe('runtime', () => {
  it.each([
    ['116', 116],
    ['116 min', 116],
    ['116 mins', 116],
    ['116.4', 116],
    ['1h 56m', 116],
    ['1h56', 116],
    ['1 hr 56 min', 116],
    ['2h', 120],
    ['2 hours', 120],
    ['1:56', 116],
    ['01:56:00', 116],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseRuntimeMinutes(text)).toBe(minutes);
  });

  it.each(['0', '', 'unknown', '-5', 'x'.repeat(100)])('gives no runtime for %j', (text) => {
    expect(parseRuntimeMinutes(text)).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['1999-03-31', '1999-03-31'],
    ['1999-3-5', '1999-03-05'],
    ['1999-03-31 00:00:00', '1999-03-31'],
    ['1999-03-31T12:00:00Z', '1999-03-31'],
    ['1999/03/31', '1999-03-31'],
    ['31.03.1999', '1999-03-31'],
    ['31-03-1999', '1999-03-31'],
    ['31/03/1999', '1999-03-31'],
    ['03/31/1999', '1999-03-31'],
  ])('normalises %j to %s', (text, iso) => {
    expect(normaliseDate(text)).toBe(iso);
  });

  it.each(['03/04/1999', '1999-02-30', '1999-13-01', '1999', 'March 1999', '0000-00-00', ''])('does not guess a day for %j', (text) => {
    expect(normaliseDate(text)).toBeUndefined();
  });

  it('takes the year from <year>, else from a full date, else from a year-only date', () => {
    expect(movie('<year>1999</year><premiered>2001-01-01</premiered>').year).toBe(1999);
    expect(movie('<premiered>2001-01-01</premiered>').year).toBe(2001);
    const vague = movie('<premiered>03/04/1999</premiered>');
    expect([vague.premiered, vague.year]).toEqual([undefined, 1999]);
    expect(movie('<premiered>1999</premiered>').year).toBe(1999);
    expect(movie('<year>0</year>').year).toBeUndefined();
  });
});

describe('numbers', () => {
  it('reads vote counts with thousands separators and refuses anything else', () => {
    expect(parseCount('1,234,567')).toBe(1234567);
    expect(parseCount('1.234.567')).toBe(1234567);
    expect(parseCount('1 234')).toBe(1234);
    expect(parseCount('42')).toBe(42);
    expect(parseCount('1,23')).toBeUndefined();
    expect(parseCount('many')).toBeUndefined();
    expect(parseCount('-3')).toBeUndefined();
  });

  it('reads decimals with a point or a comma and refuses non-finite text', () => {
    expect(parseDecimal('8.700000')).toBe(8.7);
    expect(parseDecimal('8,7')).toBe(8.7);
    expect(parseDecimal('Infinity')).toBeUndefined();
    expect(parseDecimal('NaN')).toBeUndefined();
    expect(parseDecimal('1e400')).toBeUndefined();
    expect(parseDecimal('0x10')).toBeUndefined();
  });
});

describe('ratings', () => {
  it('keeps metacritic on its 100-point scale and reads a value written directly in <rating>', () => {
    expect(movie('<ratings><rating name="Metacritic" max="100">73</rating></ratings>').ratings).toEqual([
      { source: 'metacritic', value: 73, max: 100, isDefault: false },
    ]);
  });

  it('drops values that are not finite, negative, above max, or a 0 without votes', () => {
    const { ratings } = movie(`<ratings>
      <rating name="a"><value>NaN</value></rating>
      <rating name="b"><value>-1</value></rating>
      <rating name="c" max="10"><value>11</value></rating>
      <rating name="d" max="0"><value>0</value></rating>
      <rating name="e"><value>0.000000</value><votes>0</votes></rating>
      <rating name="f" max="abc"><value>5</value></rating>
      <rating name="g"><value>0</value><votes>12</votes></rating>
    </ratings>`);
    expect(ratings).toEqual([{ source: 'g', value: 0, max: 10, votes: 12, isDefault: false }]);
  });

  it('keeps one rating per source and at most one default', () => {
    const { ratings } = movie(`<ratings>
      <rating name="imdb" default="true"><value>8</value></rating>
      <rating name="IMDb"><value>7</value></rating>
      <rating name="trakt" default="true"><value>6</value></rating>
    </ratings>`);
    expect(ratings).toEqual([
      { source: 'imdb', value: 8, max: 10, isDefault: true },
      { source: 'trakt', value: 6, max: 10, isDefault: false },
    ]);
  });

  it('ignores the top-level compatibility <rating> when <ratings> is present', () => {
    const { ratings } = movie('<rating>5.5</rating><ratings><rating name="tmdb"><value>7.1</value></rating></ratings>');
    expect(ratings).toEqual([{ source: 'tmdb', value: 7.1, max: 10, isDefault: false }]);
  });

  it('drops Kodi\'s "0.000000" placeholder for an unrated old-format file', () => {
    expect(movie('<rating>0.000000</rating><votes></votes>').ratings).toEqual([]);
  });
});

describe('text and list fields', () => {
  it('trims, removes control characters and turns empty values into undefined', () => {
    const nfo = movie('<title>  \n Spaced \u0007Out \t</title><plot>   </plot><tagline/>');
    expect(nfo.title).toBe('Spaced Out');
    expect(nfo.plot).toBeUndefined();
    expect(nfo.tagline).toBeUndefined();
  });

  it('takes the first non-empty occurrence of a single-valued tag', () => {
    expect(movie('<title></title><title>Second</title><title>Third</title>').title).toBe('Second');
  });

  it('splits " / " joins, de-duplicates case-insensitively, keeps the first spelling and leaves "AC/DC" alone', () => {
    expect(splitJoined(['Action / Drama', 'drama', 'AC/DC', ' / Thriller / '])).toEqual(['Action', 'Drama', 'AC/DC', 'Thriller']);
  });

  it('reads <certification> when there is no <mpaa>, keeping country prefixes', () => {
    expect(movie('<certification>UK:15</certification>').contentRating).toBe('UK:15');
    expect(movie('<mpaa>Rated TV-MA</mpaa><certification>x</certification>').contentRating).toBe('TV-MA');
    expect(movie('<mpaa>Rated </mpaa>').contentRating).toBeUndefined();
    expect(movie('<mpaa>Unrated</mpaa>').contentRating).toBe('Unrated');
  });

  it('reads tag and attribute names case-insensitively', () => {
    const nfo = movie('<Title>Upper</Title><UniqueID Type="IMDB">TT0133093</UniqueID><Genre>Drama</Genre>');
    expect([nfo.title, nfo.uniqueIds, nfo.genres]).toEqual(['Upper', { imdb: 'tt0133093' }, ['Drama']]);
  });
});

describe('ids', () => {
  it('prefers <uniqueid> over legacy tags, infers IMDb for a type-less tt id and drops other type-less ids', () => {
    const nfo = movie(`
      <uniqueid>tt0000001</uniqueid>
      <uniqueid>12345</uniqueid>
      <uniqueid type="TheMovieDb">603</uniqueid>
      <uniqueid type="tmdb">999</uniqueid>
      <uniqueid type="trakt">481</uniqueid>
      <tmdbid>111</tmdbid>
      <tvdbid>222</tvdbid>
      <id>tt9999999</id>`);
    expect(nfo.uniqueIds).toEqual({ imdb: 'tt0000001', tmdb: '603', trakt: '481', tvdb: '222' });
  });

  it('drops provider names that are not plain keys and absurdly long ids', () => {
    const nfo = movie(`<uniqueid type="a b">1</uniqueid><uniqueid type="x">${'9'.repeat(500)}</uniqueid><uniqueid type="ok">7</uniqueid>`);
    expect(nfo.uniqueIds).toEqual({ ok: '7' });
  });
});

describe('people and art', () => {
  it('sorts actors Kodi\'s way: explicit <order>, else their position, stable on ties', () => {
    const nfo = movie(`
      <actor><name>Pos0</name></actor>
      <actor><name>Order5</name><order>5</order></actor>
      <actor><name>Pos2</name></actor>
      <actor><name>Order0</name><order>0</order></actor>
      <actor><name>BadOrder</name><order>first</order></actor>
      <actor><role>No name</role></actor>`);
    expect(nfo.actors.map((a) => a.name)).toEqual(['Pos0', 'Order0', 'Pos2', 'BadOrder', 'Order5']);
  });

  it('skips empty thumbs and exact duplicates, keeps the same image for different aspects', () => {
    const nfo = movie(`
      <thumb aspect="poster">a.jpg</thumb><thumb aspect="Poster">a.jpg</thumb><thumb aspect="banner">a.jpg</thumb>
      <thumb aspect="poster"></thumb><thumb season="x">b.jpg</thumb>`);
    expect(nfo.thumbs).toEqual([
      { url: 'a.jpg', aspect: 'poster' },
      { url: 'a.jpg', aspect: 'banner' },
      { url: 'b.jpg' },
    ]);
  });
});

describe('tvshow and movie extras', () => {
  it('keeps the first name for a repeated <namedseason> and ignores bad numbers', () => {
    const nfo = parseNfo(`<tvshow>
      <namedseason number="2">Two</namedseason><namedseason number="2">Again</namedseason>
      <namedseason number="-1">Neg</namedseason><namedseason number="3"></namedseason><namedseason>None</namedseason>
    </tvshow>`);
    expect(nfo.kind === 'tvshow' && nfo.namedSeasons).toEqual({ 2: 'Two' });
  });

  it('reads an <episodeguide> holding the URL as bare text', () => {
    const nfo = parseNfo('<tvshow><episodeguide>https://api.example/series/1</episodeguide></tvshow>');
    expect(nfo.kind === 'tvshow' && nfo.episodeGuideUrl).toBe('https://api.example/series/1');
  });

  it('gives no set for an empty <set> or a structured set without a name', () => {
    expect(movie('<set></set>').set).toBeUndefined();
    expect(movie('<set><overview>Only overview</overview></set>').set).toBeUndefined();
  });
});
