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

describe('episodes: seasons of any length and the SxxXyy hybrids', () => {
  check([
    ['Doctor Who (2005)/Season 4/Doctor.Who.2005.S04x01.Partners.in.Crime.mkv', { series: 'Doctor Who', seriesYear: 2005, season: 4, episode: 1, title: 'Partners in Crime' }],
    ['Show/Season 1/show.s01xe02.720p.mkv', { season: 1, episode: 2 }],
    ['Show/Season 1/Show s01x01.mkv', { season: 1, episode: 1 }],
    ['Top Gear/Season 2016/Top Gear 2016x03.mkv', { series: 'Top Gear', season: 2016, episode: 3 }],
    ['Top Gear/Top Gear S2016E03.mkv', { series: 'Top Gear', season: 2016, episode: 3 }],
    ['Top Gear/Top Gear S2016xE03.mkv', { series: 'Top Gear', season: 2016, episode: 3 }],
    ['Show/Season 2016/2016x1.mkv', { season: 2016, episode: 1 }],
    ['Show/Season 1/Show 1920x800 S01E02.mkv', { season: 1, episode: 2 }],
  ]);
});

describe('episodes: a range after NxNN is a multi-episode, never the last number alone', () => {
  check([
    ['Elementary/Season 2/Elementary - 02x03-E04 - Step Nine.mkv', { series: 'Elementary', season: 2, episode: 3, episodeEnd: 4, title: 'Step Nine' }],
    ['Elementary/Season 2/Elementary - 02x03 - x04 - x05 - Ep.mkv', { season: 2, episode: 3, episodeEnd: 5, title: 'Ep' }],
    ['Elementary/Season 2/Elementary - 02x03x04.mkv', { season: 2, episode: 3, episodeEnd: 4 }],
    ['Top Gear/Season 2009/Top Gear - 2009x03-04-05.mkv', { season: 2009, episode: 3, episodeEnd: 5 }],
    ['Top Gear/Season 2009/Top Gear - 2009x03-E04.mkv', { season: 2009, episode: 3, episodeEnd: 4 }],
    ['Top Gear/Season 2009/Top Gear - 2009x03 - 2009x04.mkv', { season: 2009, episode: 3, episodeEnd: 4 }],
    ['Show/Season 2/Show - 02x03 - 04 Seconds.mkv', { season: 2, episode: 3, title: '04 Seconds' }],
  ]);
});

describe('episodes: fansub names, at a shows root and in a series folder', () => {
  check([
    ['[SubsPlease] Spy x Family - 13 (1080p) [ABCD1234].mkv', { series: 'Spy x Family', seriesFolder: '', episode: 13 }],
    ['[Erai-raws] Jujutsu Kaisen - 03 [720p][Multiple Subtitle].mkv', { series: 'Jujutsu Kaisen', episode: 3 }],
    ['[VCB-Studio] Re Zero kara Hajimeru Isekai Seikatsu [21][Ma10p_1080p][x265_flac].mkv', { series: 'Re Zero kara Hajimeru Isekai Seikatsu', episode: 21 }],
    ['[CASO&Sumisora][Oda_Nobuna_no_Yabou][04][BDRIP][1920x1080][x264_AAC][7620E503].mp4', { series: 'Oda Nobuna no Yabou', episode: 4 }],
    ['Re Zero/[VCB-Studio] Re Zero kara Hajimeru Isekai Seikatsu [21][Ma10p_1080p].mkv', { series: 'Re Zero', seriesFolder: 'Re Zero', episode: 21 }],
    ['Made in Abyss/[HorribleSubs] Made in Abyss - 13 [720p].mkv', { series: 'Made in Abyss', episode: 13 }],
    ['Anime/[Judas] Frieren - 01 - 28 [1080p]/[Judas] Frieren - 05.mkv', { series: 'Frieren', episode: 5 }],
    ['Show [2019]/Show [2019] [1080p].mkv', { series: 'Show', seriesYear: 2019 }],
  ]);
});

describe('episodes: series folders that carry release or season markers', () => {
  check([
    ['Breaking.Bad.S01.1080p.BluRay.x264-ROVERS/Breaking.Bad.S01E03.1080p.BluRay.x264-ROVERS.mkv', { series: 'Breaking Bad', seriesFolder: 'Breaking.Bad.S01.1080p.BluRay.x264-ROVERS', season: 1, episode: 3 }],
    ['Severance.S02.COMPLETE/Severance.S02E01.mkv', { series: 'Severance', season: 2, episode: 1 }],
    ['The Office Season 3/The Office - 3x05.mkv', { series: 'The Office', season: 3, episode: 5 }],
    ['The Office Season 3/05 - Initiation.mkv', { series: 'The Office', season: 3, episode: 5, title: 'Initiation' }],
    ['The_Expanse_Season_2/02.mkv', { series: 'The Expanse', season: 2, episode: 2 }],
    ['The Show s02e10 720p hdtv/The Show s02e10 720p hdtv.mkv', { series: 'The Show', season: 2, episode: 10 }],
    ['S.W.A.T.S01/S.W.A.T.S01E02.mkv', { series: 'S.W.A.T.', season: 1, episode: 2 }],
    ['The.Show.P.I.S01/The.Show.P.I.S01E02.mkv', { series: 'The Show P.I.', season: 1, episode: 2 }],
    ['Case Closed (1996-2007)/Case Closed - 317.mkv', { series: 'Case Closed', seriesYear: 1996, episode: 317 }],
    ['Show/2016x1.mkv', { series: 'Show', season: 2016, episode: 1 }],
    // A folder-derived name never eats the file's own episode token.
    ['The Show S01/The Show S01.E04.mkv', { series: 'The Show', season: 1, episode: 4 }],
    ['Love.Death.and.Robots.S01.1080p.NF.WEB-DL.DDP5.1.x264-NTG/Love.Death.and.Robots.S01E01.Sonnies.Edge.1080p.NF.WEB-DL.DDP5.1.x264-NTG.mkv', { series: 'Love Death and Robots', season: 1, episode: 1, title: 'Sonnies Edge' }],
  ]);
  check(
    [
      ['TV/Breaking.Bad.S01.1080p.BluRay.x264-ROVERS/Breaking.Bad.S01E03.mkv', { series: 'Breaking Bad', seriesFolder: 'TV/Breaking.Bad.S01.1080p.BluRay.x264-ROVERS', season: 1, episode: 3 }],
      ['The Wonder Years/The.Wonder.Years.S04.PDTV.x264-JCH/The Wonder Years s04e07 Christmas Party NTSC PDTV.avi', { series: 'The Wonder Years', seriesFolder: 'The Wonder Years', season: 4, episode: 7, title: 'Christmas Party' }],
      ['Dexter/Dexter.S01.720p/01.mkv', { series: 'Dexter', seriesFolder: 'Dexter', season: 1, episode: 1 }],
    ],
    'mixed',
  );
});

describe('episodes: season folders named with the series, a season pack, or a bare number', () => {
  check([
    ['Stargate SG-1/Stargate SG-1 Season 1/Stargate SG-1 - 1x01.mkv', { series: 'Stargate SG-1', seasonFolder: 'Stargate SG-1/Stargate SG-1 Season 1', season: 1, episode: 1 }],
    ['Stargate SG-1/Stargate SG-1 Season 1/01 - Children of the Gods.mkv', { series: 'Stargate SG-1', season: 1, episode: 1, title: 'Children of the Gods' }],
    ['Friends/Friends Season 10 1080p/Friends - 10x01.mkv', { series: 'Friends', season: 10, episode: 1 }],
    ['The Wonder Years/The.Wonder.Years.S04.PDTV.x264-JCH/03.mkv', { series: 'The Wonder Years', season: 4, episode: 3 }],
    ['The Wonder Years/The.Wonder.Years [S04][1080p.PDTV.x264-JCH]/03.mkv', { series: 'The Wonder Years', season: 4, episode: 3 }],
    ['Seinfeld/2/Seinfeld - 03.mkv', { series: 'Seinfeld', seasonFolder: 'Seinfeld/2', season: 2, episode: 3 }],
    ['Seinfeld/2/04 - The Phone Message.mkv', { series: 'Seinfeld', season: 2, episode: 4, title: 'The Phone Message' }],
    ['Seinfeld/Extras Season 2/03.mkv', { series: 'Seinfeld', episode: 3 }],
    ['Seinfeld/Season 2/2/03.mkv', { series: 'Seinfeld', season: 2, episode: 3 }],
  ]);
});

describe('episodes: generic containers are never the series, at any depth', () => {
  check([
    ['Series/LA X, Pt. 1_s06e32.mp4', { series: 'LA X, Pt. 1', seriesFolder: '', season: 6, episode: 32 }],
    ['TV Shows/Shows/Bluey/Season 1/Bluey S01E01.mkv', { series: 'Bluey', seriesFolder: 'TV Shows/Shows/Bluey', season: 1, episode: 1 }],
    ['Videos/Series/Bluey S01E02.mkv', { series: 'Bluey', seriesFolder: '', season: 1, episode: 2 }],
    ['Kids/Family/Season 1/Family S01E01.mkv', { series: 'Family', seriesFolder: 'Kids/Family', season: 1, episode: 1 }],
    ['Series/4-12 - The Woman.mp4', { series: '4-12 - The Woman', seriesFolder: '', season: 4, episode: 12, title: 'The Woman' }],
  ]);
});

describe('episodes: a number ending the name inside a season folder', () => {
  check([
    ['Season 21/One Piece 1001.mkv', { series: 'One Piece', season: 21, episode: 1001 }],
    ['One Piece/Season 21/One Piece 1001.mkv', { series: 'One Piece', season: 21, episode: 1001 }],
    ['Show/Season 1/Pilot Part 2.mkv', { season: 1, title: 'Pilot Part 2' }],
    ['Show/Season 1/Interview Vol 3.mkv', { season: 1, title: 'Interview Vol 3' }],
  ]);
});

describe('episodes: the season folder an episode sits in', () => {
  it.each([
    ['Show/Season 1/Show S01E02.mkv', 'Show/Season 1'],
    ['Season 1/Show.S01E02.mkv', 'Season 1'],
    ['The Wonder Years/The.Wonder.Years.S04.PDTV.x264-JCH/03.mkv', 'The Wonder Years/The.Wonder.Years.S04.PDTV.x264-JCH'],
    // The file's own season disagrees with the folder's, the season pack is the series folder, or there is no folder.
    ['Show/Season 2/Show S01E05.mkv', undefined],
    ['The.Show.S01/The.Show.S01E02.mkv', undefined],
    ['Show/Show S01E02.mkv', undefined],
  ])('%s → %s', (path, folder) => {
    expect(episode(path, 'shows').seasonFolder).toBe(folder);
  });
});
