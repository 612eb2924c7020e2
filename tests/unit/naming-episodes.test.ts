import { describe, expect, it } from 'vitest';
import { identify, type Identification, type LibraryType } from '../../src/main/library/naming';

type Episode = Extract<Identification, { kind: 'episode' }>;
type Row = [path: string, expected: Partial<Episode>];

function episode(path: string, type: LibraryType): Episode {
  const id = identify(path, type);
  if (id.kind !== 'episode') throw new Error(`${path}: expected an episode, got ${JSON.stringify(id)}`);
  return id;
}

const check = (rows: Row[], type: LibraryType = 'shows') =>
  it.each(rows)('%s', (path, expected) => {
    const got = episode(path, type);
    expect(got).toMatchObject(expected);
    // Facts the row does not name must be absent: a misread number shows up as a failure.
    for (const key of ['season', 'episode', 'episodeEnd', 'airDate', 'title', 'seriesYear'] as const) {
      if (!(key in expected)) expect(got[key], key).toBeUndefined();
    }
  });

describe('episodes: SxxEyy and its spellings', () => {
  check([
    ['Show/Season 1/Show S01E02.mkv', { series: 'Show', seriesFolder: 'Show', season: 1, episode: 2 }],
    ['Show/Season 1/show.s1e2.mkv', { series: 'Show', season: 1, episode: 2 }],
    ['Show/Season 1/Show.S01.E02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show S01 E02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show_S01_E02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show - S01-E02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show S01Ep02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 10/Show S10E120.mkv', { season: 10, episode: 120 }],
    ['Show/Season 1/Show - 1x02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show 1x2.mkv', { season: 1, episode: 2 }],
    ['Show/Season 12/Show 12x101.mkv', { season: 12, episode: 101 }],
    ['Show/Season 1/Show - Season 1 Episode 2.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show Season 1 Ep 2.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Ep 02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/E02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Episode 2.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Ep.02.mkv', { season: 1, episode: 2 }],
    ['Show/Staffel 2/Folge 5.mkv', { season: 2, episode: 5 }],
    ['Show/Season 1/Show.1080p.1x02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show.1920x1080.S01E02.mkv', { season: 1, episode: 2 }],
  ]);
});

describe('episodes: the season folder carries the season for bare numbers', () => {
  check([
    ['Show/Season 1/02 - Title.mkv', { season: 1, episode: 2, title: 'Title' }],
    ['Show/Season 1/02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 2/02. The Title.mkv', { season: 2, episode: 2, title: 'The Title' }],
    ['Show/Season 1/Show - 02 - Title.mkv', { season: 1, episode: 2, title: 'Title' }],
    ['Show/Season 1/Show 02.mkv', { season: 1, episode: 2 }],
    ['Show/Season 01/Pilot.mkv', { season: 1, title: 'Pilot' }],
    ['Show/S02/03 - Third.mkv', { season: 2, episode: 3, title: 'Third' }],
    ['Show/Series 3/01.mkv', { season: 3, episode: 1 }],
    ['Show/Season 1/01-02 - Double.mkv', { season: 1, episode: 1, episodeEnd: 2, title: 'Double' }],
    ['Show/Season 1/05v2.mkv', { season: 1, episode: 5 }],
    ['Show/Saison 3/04 - Titre.mkv', { season: 3, episode: 4, title: 'Titre' }],
    ['Show/第2季/第05集.mkv', { season: 2, episode: 5 }],
    ['Show/시즌 1/제3화.mkv', { season: 1, episode: 3 }],
    ['Show/シーズン1/第7話.mkv', { season: 1, episode: 7 }],
  ]);
});

describe('episodes: absolute numbering', () => {
  check([
    ['One Piece/Season 1/One Piece - 153.mkv', { series: 'One Piece', season: 1, episode: 153 }],
    ['One Piece/[Sub] One Piece - 1071 [1080p].mkv', { series: 'One Piece', episode: 1071 }],
    ['Frieren/[SubsPlease] Sousou no Frieren - 05 (1080p) [ABCD1234].mkv', { series: 'Frieren', episode: 5 }],
    ['Naruto/Naruto - 001.mkv', { series: 'Naruto', episode: 1 }],
    ['Show/Season 1/[Group] Show - 12v2 [720p].mkv', { season: 1, episode: 12 }],
  ]);
});

describe('episodes: multi-episode files', () => {
  check([
    ['Show/Season 1/Show S01E01-E02.mkv', { season: 1, episode: 1, episodeEnd: 2 }],
    ['Show/Season 1/Show S01E01E02.mkv', { season: 1, episode: 1, episodeEnd: 2 }],
    ['Show/Season 1/Show S01E01-02.mkv', { season: 1, episode: 1, episodeEnd: 2 }],
    ['Show/Season 1/Show 1x01-1x02.mkv', { season: 1, episode: 1, episodeEnd: 2 }],
    ['Show/Season 1/Show S01E01-S01E02.mkv', { season: 1, episode: 1, episodeEnd: 2 }],
    ['Show/Season 1/Show S01E01E02E03.mkv', { season: 1, episode: 1, episodeEnd: 3 }],
    ['Show/Season 1/Show S01E01 - E03 - Title.mkv', { season: 1, episode: 1, episodeEnd: 3, title: 'Title' }],
    ['Show/Season 1/Show 1x01-02.mkv', { season: 1, episode: 1, episodeEnd: 2 }],
    ['Show/Season 1/Show.S01E01-02.720p.mkv', { season: 1, episode: 1, episodeEnd: 2 }],
    ['Show/Season 1/Show - S01E05 - 10 Things.mkv', { season: 1, episode: 5, title: '10 Things' }],
    ['Show/Season 1/Show - 1x05 - 11 Minutes.mkv', { season: 1, episode: 5, title: '11 Minutes' }],
    ['Show/Season 1/Show.S01E05.720p.mkv', { season: 1, episode: 5 }],
  ]);
});

describe('episodes: air dates', () => {
  check([
    ['Show/Show 2011-11-23.mkv', { series: 'Show', airDate: '2011-11-23' }],
    ['Show/Show.2011.11.23.mkv', { airDate: '2011-11-23' }],
    ['Show/Show 23-11-2011.mkv', { airDate: '2011-11-23' }],
    ['Show/Show 11-23-2011.mkv', { airDate: '2011-11-23' }],
    ['Show/Show 05.04.2012.mkv', { airDate: '2012-04-05' }],
    ['The Daily Show/The.Daily.Show.2011.11.23.Guest.Name.720p.HDTV.mkv', { series: 'The Daily Show', airDate: '2011-11-23', title: 'Guest Name' }],
    ['Show/Season 2011/Show 2011-02-03.mkv', { season: 2011, airDate: '2011-02-03' }],
    ['Show/Show 2011-02-30.mkv', { title: '2011-02-30' }],
    ['Show/Show 2024-02-29.mkv', { airDate: '2024-02-29' }],
  ]);
});

describe('episodes: specials', () => {
  check([
    ['Show/Season 00/Show S00E01.mkv', { season: 0, episode: 1 }],
    ['Show/Specials/Show S00E02.mkv', { season: 0, episode: 2 }],
    ['Show/Specials/01 - Christmas.mkv', { season: 0, episode: 1, title: 'Christmas' }],
    ['Show/Specials/Christmas Special.mkv', { season: 0, title: 'Christmas Special' }],
    ['Show/Show S00E05.mkv', { season: 0, episode: 5 }],
    ['Show/Season 0/03.mkv', { season: 0, episode: 3 }],
  ]);
});

describe('episodes: the series folder names the series', () => {
  check([
    ['Doctor Who (2005)/Season 1/Doctor.Who.2005.S01E02.mkv', { series: 'Doctor Who', seriesYear: 2005, seriesFolder: 'Doctor Who (2005)', season: 1, episode: 2 }],
    ['Doctor Who (2005) [tvdbid-78804]/Season 1/x.S01E01.mkv', { series: 'Doctor Who', seriesYear: 2005, providerIds: { tvdb: '78804' }, season: 1, episode: 1 }],
    ['Breaking Bad {tvdb-81189}/Season 1/Breaking Bad S01E01.mkv', { series: 'Breaking Bad', providerIds: { tvdb: '81189' }, season: 1, episode: 1 }],
    ['Breaking Bad [imdbid-tt0903747]/S01E01.mkv', { series: 'Breaking Bad', providerIds: { imdb: 'tt0903747' }, season: 1, episode: 1 }],
    ['Sherlock/Series 2/Sherlock - S02E01.mkv', { series: 'Sherlock', season: 2, episode: 1 }],
    ['Show/Show S01E02.mkv', { series: 'Show', seriesFolder: 'Show', season: 1, episode: 2 }],
    ['Show/Season 1/Disc 1/Show S01E02.mkv', { series: 'Show', seriesFolder: 'Show', season: 1, episode: 2 }],
    ['TV Shows/Show/Season 1/Show S01E02.mkv', { series: 'Show', seriesFolder: 'TV Shows/Show', season: 1, episode: 2 }],
    ['Show S01E02.mkv', { series: 'Show', seriesFolder: '', season: 1, episode: 2 }],
    ['Doctor.Who.2005.S01E02.mkv', { series: 'Doctor Who', seriesYear: 2005, seriesFolder: '', season: 1, episode: 2 }],
    ['Season 1/Show.S01E02.mkv', { series: 'Show', seriesFolder: '', season: 1, episode: 2 }],
    ['Star Trek - The Next Generation/Season 3/Star Trek - The Next Generation - 3x15 - Yesterday\'s Enterprise.mkv', { series: 'Star Trek - The Next Generation', season: 3, episode: 15, title: "Yesterday's Enterprise" }],
    ['Grey\'s Anatomy/Season 1/Greys.Anatomy.S01E01.mkv', { series: "Grey's Anatomy", season: 1, episode: 1 }],
    ['Show/Season 2/Show S01E05.mkv', { season: 1, episode: 5 }],
    ['Extras/Season 1/Extras S01E01.mkv', { series: 'Extras', season: 1, episode: 1 }],
    ['Shōgun (2024)/Season 1/Shogun.2024.S01E01.mkv', { series: 'Shōgun', seriesYear: 2024, season: 1, episode: 1 }],
  ]);
});

describe('episodes: series names made of numbers are not episode numbers', () => {
  check([
    ['The 100/Season 1/The.100.S01E01.mkv', { series: 'The 100', season: 1, episode: 1 }],
    ['The 100/Season 1/The 100 - 05.mkv', { series: 'The 100', season: 1, episode: 5 }],
    ['The 100/Season 2/The 100.mkv', { series: 'The 100', season: 2 }],
    ['24/Season 1/24 - 1x01 - 12-00 AM.mkv', { series: '24', season: 1, episode: 1, title: '12-00 AM' }],
    ['24/Season 3/24.S03E04.mkv', { series: '24', season: 3, episode: 4 }],
    ['24/Season 1/24 - 07.mkv', { series: '24', season: 1, episode: 7 }],
    ['9-1-1/Season 1/9-1-1.S01E01.mkv', { series: '9-1-1', season: 1, episode: 1 }],
    ['9-1-1 (2018)/Season 2/9-1-1 - 03.mkv', { series: '9-1-1', seriesYear: 2018, season: 2, episode: 3 }],
    ['1923/Season 1/1923.S01E01.mkv', { series: '1923', season: 1, episode: 1 }],
    ['1923/Season 1/1923 - 02 - Nobody Goes Home.mkv', { series: '1923', season: 1, episode: 2, title: 'Nobody Goes Home' }],
    ['1923 (2022)/Season 1/1923 (2022) - S01E03.mkv', { series: '1923', seriesYear: 2022, season: 1, episode: 3 }],
    ['The.100.S01E01.mkv', { series: 'The 100', season: 1, episode: 1 }],
    ['24.S01E01.mkv', { series: '24', season: 1, episode: 1 }],
    ['1923.S01E01.mkv', { series: '1923', season: 1, episode: 1 }],
    ['Stranger Things/Season 2/Stranger.Things.S02E01.mkv', { series: 'Stranger Things', season: 2, episode: 1 }],
    ['2 Broke Girls/Season 1/2.Broke.Girls.S01E03.mkv', { series: '2 Broke Girls', season: 1, episode: 3 }],
    ['30 Rock/Season 3/30 Rock - 3x05.mkv', { series: '30 Rock', season: 3, episode: 5 }],
    ['Room 104/Season 1/Room 104 - 02.mkv', { series: 'Room 104', season: 1, episode: 2 }],
  ]);
});

describe('episodes: the episode title comes from the file name, junk removed', () => {
  check([
    ['House/Season 1/Show - 1x02 - Rounds.mkv', { season: 1, episode: 2, title: 'Rounds' }],
    ['Show/Season 1/Show.S01E02.Rounds.720p.WEB.mkv', { season: 1, episode: 2, title: 'Rounds' }],
    ['Show/Season 1/Show.S01E02.The.Web.720p.mkv', { season: 1, episode: 2, title: 'The Web' }],
    ['Show/Season 1/Show.S01E02.720p.HDTV.x264-LOL.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show - S01E02 - Title Part 2.mkv', { season: 1, episode: 2, title: 'Title Part 2' }],
    ['Show/Season 1/Show - S01E02 - Title (1080p).mkv', { season: 1, episode: 2, title: 'Title' }],
    ['Show/Season 1/Show S01E02 [tvdbid-12345].mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show.S01E02.Cam.720p.mkv', { season: 1, episode: 2, title: 'Cam' }],
    ['Show/Season 1/Show - S01E02 - Пилот.mkv', { season: 1, episode: 2, title: 'Пилот' }],
  ]);
});

describe('episodes: mixed libraries recognise episodic paths', () => {
  check(
    [
      ['Doctor Who (2005)/Season 1/Doctor.Who.S01E01.mkv', { series: 'Doctor Who', seriesYear: 2005, seriesFolder: 'Doctor Who (2005)', season: 1, episode: 1 }],
      ['Doctor Who/Doctor.Who.S01E01.mkv', { series: 'Doctor Who', seriesFolder: 'Doctor Who', season: 1, episode: 1 }],
      ['TV/Doctor Who/Doctor.Who.1x01.mkv', { series: 'Doctor Who', seriesFolder: 'TV/Doctor Who', season: 1, episode: 1 }],
      ['Doctor.Who.S01E01.mkv', { series: 'Doctor Who', seriesFolder: '', season: 1, episode: 1 }],
      ['Show/Season 2/02 - Title.mkv', { series: 'Show', seriesFolder: 'Show', season: 2, episode: 2, title: 'Title' }],
      ['Show/Specials/Christmas.mkv', { series: 'Show', season: 0, title: 'Christmas' }],
      ['News/News 2011-11-23.mkv', { series: 'News', airDate: '2011-11-23' }],
      ['Show/Show - Season 1 Episode 2.mkv', { series: 'Show', season: 1, episode: 2 }],
      ['TV/Season 1/Show S01E01.mkv', { series: 'Show', seriesFolder: '', season: 1, episode: 1 }],
      ['Kids/Bluey/Season 1/Bluey S01E03.mkv', { series: 'Bluey', seriesFolder: 'Kids/Bluey', season: 1, episode: 3 }],
    ],
    'mixed',
  );

  it.each([
    'The Matrix (1999)/The Matrix (1999).mkv',
    'Season of the Witch (2011)/Season of the Witch (2011).mkv',
    'Series 7 The Contenders (2001).mkv',
    'The 100 Foot Journey (2014).mkv',
    'Movie 2011-11-23.mkv',
    'Apollo 13 (1995).mkv',
    '1917 (2019)/1917 (2019).mkv',
  ])('a movie stays a movie in a mixed library: %s', (path) => {
    expect(identify(path, 'mixed').kind).toBe('movie');
  });

  it('a movies library never reads episodes, whatever the name says', () => {
    expect(identify('Show/Season 1/Show S01E01.mkv', 'movies').kind).toBe('movie');
  });
});
