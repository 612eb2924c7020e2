import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNfo, type Nfo, type NfoEpisode } from '../../src/main/library/nfo';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/nfo/${name}`, import.meta.url), 'utf8');

function expectKind<K extends Nfo['kind']>(nfo: Nfo, kind: K): Extract<Nfo, { kind: K }> {
  expect(nfo.kind).toBe(kind);
  return nfo as Extract<Nfo, { kind: K }>;
}

function onlyEpisode(nfo: Nfo): NfoEpisode {
  const { episodes } = expectKind(nfo, 'episode');
  expect(episodes).toHaveLength(1);
  return episodes[0]!;
}

describe('Kodi 20 movie.nfo', () => {
  const movie = expectKind(parseNfo(fixture('movie-kodi20.nfo')), 'movie');

  it('reads titles, plot text with entities and inner line breaks, tagline and outline', () => {
    expect(movie.title).toBe('The Matrix');
    expect(movie.originalTitle).toBe('The Matrix');
    expect(movie.sortTitle).toBe('Matrix 1');
    expect(movie.outline).toBe('A hacker learns the truth about his reality.');
    expect(movie.tagline).toBe('Welcome to the Real World.');
    expect(movie.plot).toMatch(/^Set in the 22nd century/);
    expect(movie.plot).toContain('\nwho joins');
    expect(movie.plot).toMatch(/earth & everything in it\.$/);
  });

  it('reads every <ratings> entry, maps themoviedb to tmdb, parses thousands separators and drops a non-numeric value', () => {
    expect(movie.ratings).toEqual([
      { source: 'imdb', value: 8.7, max: 10, votes: 1984123, isDefault: true },
      { source: 'tmdb', value: 8.2, max: 10, votes: 23456, isDefault: false },
      { source: 'metacritic', value: 73, max: 100, isDefault: false },
    ]);
    expect(movie.userRating).toBe(9);
  });

  it('prefers <uniqueid> over the legacy <id> and keeps all providers', () => {
    expect(movie.uniqueIds).toEqual({ imdb: 'tt0133093', tmdb: '603' });
  });

  it('reads runtime, content rating without "Rated ", dates and year', () => {
    expect(movie.runtimeMinutes).toBe(136);
    expect(movie.contentRating).toBe('R');
    expect(movie.premiered).toBe('1999-03-30');
    expect(movie.year).toBe(1999);
  });

  it('reads list fields and de-duplicates tags case-insensitively', () => {
    expect(movie.genres).toEqual(['Action', 'Science Fiction']);
    expect(movie.countries).toEqual(['United States of America', 'Australia']);
    expect(movie.studios).toEqual(['Village Roadshow Pictures', 'Groucho II Film Partnership']);
    expect(movie.tags).toEqual(['cyberpunk', 'dystopia']);
    expect(movie.writers).toEqual(['Lilly Wachowski', 'Lana Wachowski']);
    expect(movie.directors).toEqual(['Lana Wachowski', 'Lilly Wachowski']);
  });

  it('reads the structured <set>', () => {
    expect(movie.set).toEqual({ name: 'The Matrix Collection', overview: 'The Matrix trilogy and its sequel.' });
  });

  it('orders actors by <order>, keeps "/" inside a role and skips an actor without a name', () => {
    expect(movie.actors.map((a) => a.name)).toEqual(['Keanu Reeves', 'Laurence Fishburne', 'Carrie-Anne Moss']);
    expect(movie.actors[0]).toEqual({
      name: 'Keanu Reeves',
      role: 'Thomas A. Anderson / Neo',
      order: 0,
      thumb: 'https://image.tmdb.org/t/p/original/keanu.jpg',
    });
  });

  it('reads artwork with aspects and the fanart list', () => {
    expect(movie.thumbs).toEqual([
      { url: 'https://image.tmdb.org/t/p/original/poster.jpg', aspect: 'poster' },
      { url: 'https://assets.fanart.tv/fanart/movies/603/hdmovielogo/the-matrix.png', aspect: 'clearlogo' },
      { url: 'https://assets.fanart.tv/fanart/movies/603/moviethumb/the-matrix.jpg', aspect: 'landscape' },
    ]);
    expect(movie.fanart).toEqual([
      'https://image.tmdb.org/t/p/original/fanart1.jpg',
      'https://image.tmdb.org/t/p/original/fanart2.jpg',
    ]);
  });

  it('reads stream details: de-duplicated audio and subtitle languages and the duration', () => {
    expect(movie.audioLanguages).toEqual(['eng', 'ger']);
    expect(movie.subtitleLanguages).toEqual(['eng', 'fre']);
    expect(movie.durationSeconds).toBe(8180);
  });

  it('leaves out fields that are absent or empty instead of setting them to ""', () => {
    expect(Object.keys(movie)).not.toContain('status');
    expect(Object.values(movie)).not.toContain('');
    expect(Object.values(movie)).not.toContain(undefined);
  });
});

describe('old-format movie.nfo', () => {
  const old = `<?xml version="1.0" encoding="utf-8"?>
<movie>
  <title>007</title>
  <originaltitle>0.10</originaltitle>
  <rating>7.8</rating>
  <votes>1,234</votes>
  <year>2012</year>
  <outline></outline>
  <runtime>143 min</runtime>
  <mpaa>Rated PG-13</mpaa>
  <id>tt1074638</id>
  <genre>Action / Adventure / Thriller</genre>
  <genre>action</genre>
  <set>James Bond Collection</set>
  <credits>Neal Purvis / Robert Wade</credits>
  <writer>Robert Wade</writer>
  <director>Sam Mendes</director>
  <studio>Eon Productions / Columbia Pictures</studio>
  <releasedate>26.10.2012</releasedate>
  <thumb>http://example.org/poster.jpg</thumb>
  <fanart><thumb>http://example.org/fanart.jpg</thumb></fanart>
  <actor><name>Daniel Craig</name><role>James Bond</role><thumb>http://example.org/craig.jpg</thumb></actor>
  <actor><name>Judi Dench</name><role>M</role></actor>
  <actor><name>Javier Bardem</name><role>Silva</role></actor>
</movie>`;
  const movie = expectKind(parseNfo(old), 'movie');

  it('keeps numeric-looking titles as strings', () => {
    expect(movie.title).toBe('007');
    expect(movie.originalTitle).toBe('0.10');
  });

  it('treats the single <rating> as the default rating of unknown source', () => {
    expect(movie.ratings).toEqual([{ source: 'unknown', value: 7.8, max: 10, votes: 1234, isDefault: true }]);
  });

  it('reads a tt-prefixed legacy <id> as IMDb', () => {
    expect(movie.uniqueIds).toEqual({ imdb: 'tt1074638' });
  });

  it('splits " / "-joined genres, writers and studios and de-duplicates them', () => {
    expect(movie.genres).toEqual(['Action', 'Adventure', 'Thriller']);
    expect(movie.writers).toEqual(['Neal Purvis', 'Robert Wade']);
    expect(movie.studios).toEqual(['Eon Productions', 'Columbia Pictures']);
  });

  it('reads "143 min", "Rated PG-13", a plain-text <set> and a day-first <releasedate>', () => {
    expect(movie.runtimeMinutes).toBe(143);
    expect(movie.contentRating).toBe('PG-13');
    expect(movie.set).toEqual({ name: 'James Bond Collection' });
    expect(movie.premiered).toBe('2012-10-26');
    expect(movie.year).toBe(2012);
    expect(movie.outline).toBeUndefined();
  });

  it('keeps actors in document order when there is no <order>', () => {
    expect(movie.actors).toEqual([
      { name: 'Daniel Craig', role: 'James Bond', thumb: 'http://example.org/craig.jpg' },
      { name: 'Judi Dench', role: 'M' },
      { name: 'Javier Bardem', role: 'Silva' },
    ]);
    expect(movie.thumbs).toEqual([{ url: 'http://example.org/poster.jpg' }]);
    expect(movie.fanart).toEqual(['http://example.org/fanart.jpg']);
  });

  it('gives the old single <rating> the provider of the default <uniqueid>', () => {
    const nfo = expectKind(
      parseNfo('<movie><rating>6.5</rating><uniqueid type="imdb" default="true">tt0000001</uniqueid></movie>'),
      'movie',
    );
    expect(nfo.ratings).toEqual([{ source: 'imdb', value: 6.5, max: 10, isDefault: true }]);
  });

  it('reads a numeric legacy movie <id> and <tmdbid>/<imdbid> tags as provider ids', () => {
    expect(expectKind(parseNfo('<movie><id>603</id></movie>'), 'movie').uniqueIds).toEqual({ tmdb: '603' });
    expect(
      expectKind(parseNfo('<movie><imdbid>tt0133093</imdbid><tmdbid>603</tmdbid></movie>'), 'movie').uniqueIds,
    ).toEqual({ imdb: 'tt0133093', tmdb: '603' });
  });
});

describe('tvshow.nfo', () => {
  it('reads the Kodi 20 format: named seasons, status, season art and the JSON episode guide ids', () => {
    const show = expectKind(parseNfo(fixture('tvshow-kodi20.nfo')), 'tvshow');
    expect(show.title).toBe('Game of Thrones');
    expect(show.status).toBe('Ended');
    expect(show.contentRating).toBe('TV-MA');
    expect(show.namedSeasons).toEqual({ 1: 'Winter Is Coming', 8: 'The Last Season' });
    expect(show.uniqueIds).toEqual({ tmdb: '1399', imdb: 'tt0944947', tvdb: '121361' });
    expect(show.episodeGuideUrl).toBeUndefined();
    expect(show.genres).toEqual(['Sci-Fi & Fantasy', 'Drama', 'Action & Adventure']);
    expect(show.ratings.map((r) => [r.source, r.value, r.votes, r.isDefault])).toEqual([
      ['tmdb', 8.4, 21000, true],
      ['imdb', 9.2, 2100000, false],
    ]);
    expect(show.userRating).toBeUndefined();
    expect(show.premiered).toBe('2011-04-17');
    expect(show.year).toBe(2011);
    expect(show.thumbs).toContainEqual({ url: 'https://image.tmdb.org/t/p/original/s1.jpg', aspect: 'poster', season: 1 });
    expect(show.thumbs).toContainEqual({ url: 'https://image.tmdb.org/t/p/original/all.jpg', aspect: 'poster', season: -1 });
    expect(show.thumbs).toContainEqual({ url: 'https://image.tmdb.org/t/p/original/s0.jpg', aspect: 'poster', season: 0 });
    expect(show.actors.map((a) => a.name)).toEqual(['Emilia Clarke', 'Kit Harington']);
  });

  it('reads the old format: numeric <id> as TVDB, the <episodeguide><url>, and fanart relative to <fanart url>', () => {
    const show = expectKind(
      parseNfo(`<tvshow>
  <title>The Simpsons</title>
  <rating>8.9</rating>
  <votes>120</votes>
  <year>1989</year>
  <mpaa>TV-PG</mpaa>
  <episodeguide><url cache="71663-en.xml">http://thetvdb.com/api/KEY/series/71663/all/en.zip</url></episodeguide>
  <id>71663</id>
  <genre>Animation / Comedy</genre>
  <premiered>1989-12-17</premiered>
  <studio>FOX</studio>
  <status>Continuing</status>
  <fanart url="http://thetvdb.com/banners/">
    <thumb dim="1920x1080" preview="_cache/fanart/original/71663-1.jpg">fanart/original/71663-1.jpg</thumb>
    <thumb>https://elsewhere.example/absolute.jpg</thumb>
  </fanart>
  <thumb aspect="banner">http://thetvdb.com/banners/graphical/71663-g.jpg</thumb>
  <thumb aspect="poster" type="season" season="1">http://thetvdb.com/banners/seasons/71663-1.jpg</thumb>
</tvshow>`),
      'tvshow',
    );
    expect(show.uniqueIds).toEqual({ tvdb: '71663' });
    expect(show.episodeGuideUrl).toBe('http://thetvdb.com/api/KEY/series/71663/all/en.zip');
    expect(show.ratings).toEqual([{ source: 'unknown', value: 8.9, max: 10, votes: 120, isDefault: true }]);
    expect(show.genres).toEqual(['Animation', 'Comedy']);
    expect(show.status).toBe('Continuing');
    expect(show.namedSeasons).toEqual({});
    expect(show.fanart).toEqual([
      'http://thetvdb.com/banners/fanart/original/71663-1.jpg',
      'https://elsewhere.example/absolute.jpg',
    ]);
    expect(show.thumbs).toEqual([
      { url: 'http://thetvdb.com/banners/graphical/71663-g.jpg', aspect: 'banner' },
      { url: 'http://thetvdb.com/banners/seasons/71663-1.jpg', aspect: 'poster', season: 1 },
    ]);
  });
});

describe('season.nfo', () => {
  it('reads the season number, title, plot, ids and art', () => {
    const season = expectKind(
      parseNfo(`<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<season>
    <title>Season 1</title>
    <seasonnumber>1</seasonnumber>
    <plot>The first season.</plot>
    <premiered>2011-04-17</premiered>
    <uniqueid type="tmdb" default="true">3624</uniqueid>
    <thumb aspect="poster">https://image.tmdb.org/t/p/original/s1.jpg</thumb>
</season>`),
      'season',
    );
    expect(season).toMatchObject({
      kind: 'season',
      title: 'Season 1',
      seasonNumber: 1,
      plot: 'The first season.',
      premiered: '2011-04-17',
      year: 2011,
      uniqueIds: { tmdb: '3624' },
      thumbs: [{ url: 'https://image.tmdb.org/t/p/original/s1.jpg', aspect: 'poster' }],
      actors: [],
      ratings: [],
    });
  });

  it('accepts season 0 (specials)', () => {
    expect(expectKind(parseNfo('<season><seasonnumber>0</seasonnumber></season>'), 'season').seasonNumber).toBe(0);
  });
});

const EPISODE_1 = `<episodedetails>
    <title>Winter Is Coming</title>
    <showtitle>Game of Thrones</showtitle>
    <ratings>
        <rating name="tmdb" max="10" default="true"><value>7.8</value><votes>300</votes></rating>
    </ratings>
    <userrating>0</userrating>
    <season>1</season>
    <episode>1</episode>
    <displayseason>-1</displayseason>
    <displayepisode>-1</displayepisode>
    <plot>Lord Stark is troubled by reports from a Night's Watch deserter.</plot>
    <runtime>62</runtime>
    <thumb spoof="" cache="" aspect="thumb" preview="">https://image.tmdb.org/t/p/original/ep1.jpg</thumb>
    <mpaa>TV-MA</mpaa>
    <uniqueid type="tmdb" default="true">63056</uniqueid>
    <uniqueid type="tvdb">3254641</uniqueid>
    <uniqueid type="imdb">tt1480055</uniqueid>
    <credits>David Benioff</credits>
    <credits>D. B. Weiss</credits>
    <director>Tim Van Patten</director>
    <premiered>2011-04-17</premiered>
    <aired>2011-04-17</aired>
    <actor><name>Sean Bean</name><role>Eddard Stark</role><order>0</order></actor>
    <fileinfo><streamdetails><video><durationinseconds>3720</durationinseconds></video><audio><language>eng</language></audio></streamdetails></fileinfo>
</episodedetails>`;

const EPISODE_2 = `<episodedetails>
    <title>The Kingsroad</title>
    <season>1</season>
    <episode>2</episode>
    <displayseason>0</displayseason>
    <displayepisode>5</displayepisode>
    <aired>2011-04-24</aired>
    <uniqueid type="tvdb" default="true">3436411</uniqueid>
</episodedetails>`;

describe('episode .nfo', () => {
  it('reads a Kodi 20 single episode: numbering, unset display numbers, ids, people and streams', () => {
    const ep = onlyEpisode(parseNfo(`<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n${EPISODE_1}`));
    expect(ep).toMatchObject({
      title: 'Winter Is Coming',
      season: 1,
      episode: 1,
      aired: '2011-04-17',
      premiered: '2011-04-17',
      year: 2011,
      runtimeMinutes: 62,
      contentRating: 'TV-MA',
      uniqueIds: { tmdb: '63056', tvdb: '3254641', imdb: 'tt1480055' },
      writers: ['David Benioff', 'D. B. Weiss'],
      directors: ['Tim Van Patten'],
      actors: [{ name: 'Sean Bean', role: 'Eddard Stark', order: 0 }],
      thumbs: [{ url: 'https://image.tmdb.org/t/p/original/ep1.jpg', aspect: 'thumb' }],
      audioLanguages: ['eng'],
      durationSeconds: 3720,
      ratings: [{ source: 'tmdb', value: 7.8, max: 10, votes: 300, isDefault: true }],
    });
    expect(ep.displaySeason).toBeUndefined();
    expect(ep.displayEpisode).toBeUndefined();
    expect(ep.userRating).toBeUndefined();
  });

  it('reads a multi-episode file (several <episodedetails> roots) in file order', () => {
    const nfo = expectKind(
      parseNfo(`<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<!-- two parts -->\n${EPISODE_1}\n${EPISODE_2}\n`),
      'episode',
    );
    expect(nfo.episodes.map((e) => [e.title, e.season, e.episode])).toEqual([
      ['Winter Is Coming', 1, 1],
      ['The Kingsroad', 1, 2],
    ]);
    expect(nfo.episodes[1]).toMatchObject({ displaySeason: 0, displayEpisode: 5, uniqueIds: { tvdb: '3436411' } });
  });

  it('reads an old episode: single <rating>, numeric <id> as TVDB, <premiered> standing in for <aired>', () => {
    const ep = onlyEpisode(
      parseNfo(`<episodedetails>
  <title>Pilot</title>
  <rating>7.9</rating>
  <season>1</season>
  <episode>1</episode>
  <premiered>2008-01-20</premiered>
  <id>349232</id>
  <credits>Vince Gilligan</credits>
  <director>Vince Gilligan</director>
</episodedetails>`),
    );
    expect(ep).toMatchObject({
      title: 'Pilot',
      season: 1,
      episode: 1,
      premiered: '2008-01-20',
      uniqueIds: { tvdb: '349232' },
      ratings: [{ source: 'unknown', value: 7.9, max: 10, isDefault: true }],
    });
    expect(ep.aired).toBeUndefined();
  });

  it('reads season 0 episode 0 as real numbers', () => {
    const ep = onlyEpisode(parseNfo('<episodedetails><season>0</season><episode>0</episode></episodedetails>'));
    expect([ep.season, ep.episode]).toEqual([0, 0]);
  });
});
