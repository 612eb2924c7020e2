// Our own run of the patterns in the public naming suites of Jellyfin (tests/Jellyfin.Naming.Tests) and Kodi
// (xbmc/video/test/TestVideoInfoScanner.cpp), written as our tables: for each path, what the peer's suite says in
// our terms. A row either agrees, or names what we say instead and why (docs/naming.md, "Where conventions conflict").
// The per-group counts printed in docs/naming.md are checked against these tables, so the document cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identify, parseSeasonFolder, type Identification, type LibraryType } from '../../src/main/library/naming';

/** The facts a peer's test asserts, in our vocabulary; `null` means "absent". */
interface Facts {
  kind?: Identification['kind'];
  series?: string;
  seriesYear?: number | null;
  season?: number | null;
  episode?: number | null;
  episodeEnd?: number | null;
  airDate?: string | null;
  title?: string;
  year?: number | null;
  part?: number | null;
  extraType?: string | null;
  reason?: string;
  movieFolder?: string | null;
}

interface Case {
  path: string;
  type?: LibraryType;
  /** What the peer's suite says. */
  peer: Facts;
  /** Only for a divergence: what we say instead, and why. */
  ours?: Facts;
  why?: string;
}

interface Group {
  name: string;
  peer: 'Jellyfin' | 'Kodi';
  /** The default library type of the group's paths. */
  type: LibraryType;
  cases: Case[];
}

// Peers keep separators in raw names ('The.Show', 'curse.of.chucky'); a title is the same title whatever its
// case or separators.
const loose = (s: string): string => s.toLowerCase().replace(/[\s._]+/g, ' ').trim();

function factsOf(id: Identification): Facts {
  switch (id.kind) {
    case 'movie':
      return { kind: 'movie', title: id.title, year: id.year ?? null, part: id.part ?? null, movieFolder: id.movieFolder };
    case 'episode':
      return {
        kind: 'episode',
        series: id.series,
        seriesYear: id.seriesYear ?? null,
        season: id.season ?? null,
        episode: id.episode ?? null,
        episodeEnd: id.episodeEnd ?? null,
        airDate: id.airDate ?? null,
        title: id.title ?? '',
      };
    case 'extra':
      return { kind: 'extra', extraType: id.extraType, title: id.title };
    case 'ignored':
      return { kind: 'ignored', reason: id.reason, extraType: null };
  }
}

/** The keys of `want` on which `got` differs. */
function differences(got: Facts, want: Facts): string[] {
  const out: string[] = [];
  for (const key of Object.keys(want) as (keyof Facts)[]) {
    const w = want[key];
    const g = got[key] ?? null;
    const same = typeof w === 'string' && typeof g === 'string' ? loose(w) === loose(g) : w === g;
    // An extra type asked of a movie or an episode is "no extra type".
    if (!same && !(key === 'extraType' && w === null && got.kind !== 'extra')) out.push(`${key}: got ${JSON.stringify(g)}, want ${JSON.stringify(w)}`);
  }
  return out;
}

const GROUPS: Group[] = [
  {
    name: 'Episode and season numbers',
    peer: 'Jellyfin',
    type: 'shows',
    cases: [
      { path: 'Season 21/One Piece 1001.mkv', peer: { season: 21, episode: 1001 } },
      { path: 'Watchmen (2019)/Watchmen 1x03 [WEBDL-720p][EAC3 5.1][h264][-TBS] - She Was Killed by Space Junk.mkv', peer: { series: 'Watchmen', seriesYear: 2019, season: 1, episode: 3 } },
      { path: 'The Daily Show/The Daily Show 25x22 - [WEBDL-720p][AAC 2.0][x264] Noah Baumbach-TBS.mkv', peer: { series: 'The Daily Show', season: 25, episode: 22 } },
      { path: 'Castle Rock 2x01 Que el rio siga su curso [WEB-DL HULU 1080p h264 Dual DD5.1 Subs].mkv', peer: { series: 'Castle Rock', season: 2, episode: 1 } },
      { path: 'After Life 1x06 Episodio 6 [WEB-DL NF 1080p h264 Dual DD 5.1 Sub].mkv', peer: { series: 'After Life', season: 1, episode: 6 } },
      { path: 'Show/Season 02/S02E03 blah.avi', peer: { series: 'Show', season: 2, episode: 3 } },
      { path: 'Season 1/01x02 blah.avi', peer: { season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/S01x02 blah.avi', peer: { season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/S01E02 blah.avi', peer: { season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/S01xE02 blah.avi', peer: { season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/seriesname S01E02 blah.avi', peer: { series: 'seriesname', season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/seriesname 01x02 blah.avi', peer: { series: 'seriesname', season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/seriesname S01x02 blah.avi', peer: { series: 'seriesname', season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/seriesname S01xE02 blah.avi', peer: { series: 'seriesname', season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 2/Episode - 16.avi', peer: { season: 2, episode: 16 } },
      { path: 'Season 2/Episode 16.avi', peer: { season: 2, episode: 16 } },
      { path: 'Season 2/Episode 16 - Some Title.avi', peer: { season: 2, episode: 16 } },
      { path: 'Season 2/16 Some Title.avi', peer: { season: 2, episode: 16 } },
      { path: 'Season 2/16 - 12 Some Title.avi', peer: { season: 2, episode: 16, episodeEnd: null } },
      { path: 'Season 2/7 - 12 Angry Men.avi', peer: { season: 2, episode: 7, episodeEnd: null } },
      { path: 'Season 25/The Simpsons.S25E09.Steal this episode.mp4', peer: { series: 'The Simpsons', season: 25, episode: 9 } },
      { path: 'The Simpsons/The Simpsons.S25E09.Steal this episode.mp4', peer: { series: 'The Simpsons', season: 25, episode: 9 } },
      { path: 'Season 1/02 - blah-02 a.avi', peer: { season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 1/02 - blah.avi', peer: { season: 1, episode: 2, episodeEnd: null } },
      { path: 'Season 2/02 - blah 14 blah.avi', peer: { season: 2, episode: 2, episodeEnd: null } },
      { path: 'Season 2/02.avi', peer: { season: 2, episode: 2, episodeEnd: null } },
      { path: 'Season 2/2. Infestation.avi', peer: { season: 2, episode: 2 } },
      { path: 'Running Man/Running Man S2017E368.mkv', peer: { series: 'Running Man', season: 2017, episode: 368 } },
      { path: 'Season 2/Episode 21 - 94 Meetings.mp4', peer: { season: 2, episode: 21 } },
      { path: 'Season 3/The Series Season 3 Episode 9 - The title.avi', peer: { season: 3, episode: 9 } },
      { path: 'Season 3/The Series S3 E9 - The title.avi', peer: { season: 3, episode: 9 } },
      { path: 'Season 3/S003 E009.avi', peer: { season: 3, episode: 9 } },
      { path: 'Season 3/Season 3 Episode 9.avi', peer: { season: 3, episode: 9 } },
      { path: 'Season 1/Show Name - 1234 [720p].mkv', peer: { season: 1, episode: 1234 } },
      { path: 'Season 1/seriesname 05.mkv', peer: { season: 1, episode: 5 } },
      { path: 'Series/1-12 - The Woman.mp4', peer: { season: 1, episode: 12 } },
      { path: 'Series/4x12 - The Woman.mp4', peer: { season: 4, episode: 12 } },
      { path: 'Series/4-12 - The Woman.mp4', peer: { season: 4, episode: 12, episodeEnd: null } },
      { path: 'Series/LA X, Pt. 1_s06e32.mp4', peer: { series: 'LA X, Pt. 1', season: 6, episode: 32 } },
      { path: 'anything_s01e02.mp4', peer: { series: 'anything', season: 1, episode: 2 } },
      { path: 'anything_s1e2.mp4', peer: { series: 'anything', season: 1, episode: 2 } },
      { path: 'anything_s01.e02.mp4', peer: { series: 'anything', season: 1, episode: 2 } },
      { path: 'anything_1x02.mp4', peer: { series: 'anything', season: 1, episode: 2 } },
      { path: 'The Walking Dead 4x01.mp4', peer: { series: 'The Walking Dead', season: 4, episode: 1 } },
      { path: 'the_simpsons-s02e01_18536.mp4', peer: { series: 'the simpsons', season: 2, episode: 1 } },
      { path: 'Temp/S01E02 foo.mp4', peer: { season: 1, episode: 2 } },
      {
        path: 'anything_102.mp4',
        peer: { season: 1, episode: 2 },
        ours: { season: null, episode: null },
        why: 'no three-digit season+episode (`102`): it misreads The 100, 24, 1923',
      },
      { path: 'Foo/Foo-S01E01.mkv', peer: { series: 'Foo', season: 1, episode: 1 } },
      { path: 'Foo - S04E011.mkv', peer: { series: 'Foo', season: 4, episode: 11 } },
      { path: 'Foo/Foo s01x01.mkv', peer: { series: 'Foo', season: 1, episode: 1 } },
      { path: 'Foo (2019)/Season 4/Foo (2019).S04E03.mkv', peer: { series: 'Foo', seriesYear: 2019, season: 4, episode: 3 } },
      { path: 'The.Sopranos/Season 3/The Sopranos Season 3 Episode 09 - The Telltale Moozadell.avi', peer: { series: 'The Sopranos', season: 3, episode: 9 } },
      { path: 'test/01-03.avi', peer: { episode: 1, episodeEnd: 3 } },
    ],
  },
  {
    name: 'Seasons of any length and multi-episodes',
    peer: 'Jellyfin',
    type: 'shows',
    cases: [
      ...['02x03 - 02x04 - 02x15', '02x03-04-15', '02x03-E15', '02x03 - x04 - x15', '02x03x04x15'].flatMap((ep) => [
        { path: `Season 2/${ep} - Ep Name.mp4`, peer: { season: 2, episode: 3, episodeEnd: 15, title: 'Ep Name' } },
        { path: `Season 2/Elementary - ${ep} - Ep Name.mp4`, peer: { series: 'Elementary', season: 2, episode: 3, episodeEnd: 15, title: 'Ep Name' } },
      ]),
      ...['2009x03 - 2009x04 - 2009x15', '2009x03-04-15', '2009x03-E15', '2009x03 - x04 - x15', '2009x03x04x15'].flatMap((ep) => [
        { path: `Season 2009/${ep} - Ep Name.mp4`, peer: { season: 2009, episode: 3, episodeEnd: 15, title: 'Ep Name' } },
        { path: `Season 2009/Elementary - ${ep} - Ep Name.mp4`, peer: { series: 'Elementary', season: 2009, episode: 3, episodeEnd: 15, title: 'Ep Name' } },
      ]),
      { path: 'Season 1/Elementary - S01E23-E24-E26 - The Woman.mp4', peer: { season: 1, episode: 23, episodeEnd: 26 } },
      { path: 'Season 1/S01E23-E24-E26 - The Woman.mp4', peer: { season: 1, episode: 23, episodeEnd: 26 } },
      { path: 'Season 2009/Elementary - S2009E23-E24-E26 - The Woman.mp4', peer: { season: 2009, episode: 23, episodeEnd: 26 } },
      { path: 'Season 2009/S2009E23-E24-E26 - The Woman.mp4', peer: { season: 2009, episode: 23, episodeEnd: 26 } },
      ...['2009x02', 'S2009x02', 'S2009E02', 'S2009xE02'].flatMap((ep) => [
        { path: `Season 2009/${ep} blah.avi`, peer: { season: 2009, episode: 2, episodeEnd: null } },
        { path: `Season 2009/seriesname ${ep} blah.avi`, peer: { series: 'seriesname', season: 2009, episode: 2, episodeEnd: null } },
      ]),
      { path: '2016/Season s2016e1.mp4', peer: { season: 2016, episode: 1 } },
      { path: '2016/Season 2016x1.mp4', peer: { season: 2016, episode: 1 } },
      { path: 'Season 2/02x03 - 04 Ep Name.mp4', peer: { season: 2, episode: 3, episodeEnd: null } },
      { path: 'Season 2/My show name 02x03 - 04 Ep Name.mp4', peer: { season: 2, episode: 3, episodeEnd: null } },
      { path: 'Season 1/4x01 – 20 Hours in America (1).mkv', peer: { season: 4, episode: 1, episodeEnd: null } },
      { path: 'Season 1/02-03 - blah.avi', peer: { season: 1, episode: 2, episodeEnd: 3 } },
      { path: 'Season 2/02-04 - blah 14 blah.avi', peer: { season: 2, episode: 2, episodeEnd: 4 } },
      { path: 'Season 1/02-05 - blah-02 a.avi', peer: { season: 1, episode: 2, episodeEnd: 5 } },
      { path: 'Season 2/02-04.avi', peer: { season: 2, episode: 2, episodeEnd: 4 } },
      { path: 'Season 1/series-s09e14-1080p.mkv', peer: { season: 9, episode: 14, episodeEnd: null } },
      { path: 'Season 1/series-s09e14-720p.mkv', peer: { season: 9, episode: 14, episodeEnd: null } },
      { path: 'Season 1/series-s09e14-720i.mkv', peer: { season: 9, episode: 14, episodeEnd: null } },
      { path: 'Season 1/MOONLIGHTING_s01e01-e04.mkv', peer: { season: 1, episode: 1, episodeEnd: 4 } },
      { path: 'Season 1/S01E01 The 6-10 to Lubbock [WEBRip-1080p][AV1 Opus].mkv', peer: { season: 1, episode: 1, episodeEnd: null } },
      { path: 'Season 5/S05E23 11-59 [HDTV-1080p][x265 AC3].mkv', peer: { season: 5, episode: 23, episodeEnd: null } },
      { path: 'Season 5/S05E23 11-59 [HDTV-1080p][HEVC AC3].mkv', peer: { season: 5, episode: 23, episodeEnd: null } },
      { path: 'Season 1/S01E01 1-23-45 [Bluray-1080p][AV1 Opus].mkv', peer: { season: 1, episode: 1, episodeEnd: null } },
    ],
  },
  {
    name: 'Fansub and absolute numbering',
    peer: 'Jellyfin',
    type: 'shows',
    cases: [
      { path: 'Season 2/[HorribleSubs] Hunter X Hunter - 136 [720p].mkv', peer: { season: 2, episode: 136 } },
      { path: 'Season 2 /[HorribleSubs] Hunter X Hunter - 136[720p].mkv', peer: { season: 2, episode: 136, episodeEnd: null } },
      { path: 'Log Horizon 2/[HorribleSubs] Log Horizon 2 - 03 [720p].mkv', peer: { series: 'Log Horizon 2', episode: 3 } },
      { path: '[BBT-RMX] Ranma ½ - 154 [50AC421A].mkv', peer: { series: 'Ranma ½', episode: 154 } },
      { path: '[VCB-Studio] Re Zero kara Hajimeru Isekai Seikatsu [21][Ma10p_1080p][x265_flac].mkv', peer: { series: 'Re Zero kara Hajimeru Isekai Seikatsu', episode: 21 } },
      { path: '[CASO&Sumisora][Oda_Nobuna_no_Yabou][04][BDRIP][1920x1080][x264_AAC][7620E503].mp4', peer: { series: 'Oda Nobuna no Yabou', episode: 4 } },
      { path: 'Case Closed (1996-2007)/Case Closed - 317.mkv', peer: { series: 'Case Closed', season: null, episode: 317 } },
      { path: 'Season 2/Hunter X Hunter - 101.mkv', peer: { season: 2, episode: 101 } },
      { path: '[Baz-Bar]Foo - [1080p][Multiple Subtitle]/[Baz-Bar] Foo - 05 [1080p][Multiple Subtitle].mkv', peer: { series: 'Foo', season: null, episode: 5 } },
      { path: '[Baz-Bar]Foo - 01 - 12[1080p][Multiple Subtitle]/[Baz-Bar] Foo - 05 [1080p][Multiple Subtitle].mkv', peer: { series: 'Foo', season: null, episode: 5 } },
      {
        path: '[YuiSubs] Tensura Nikki - Tensei Shitara Slime Datta Ken/[YuiSubs] Tensura Nikki - Tensei Shitara Slime Datta Ken - 12 (NVENC H.265 1080p).mkv',
        peer: { series: 'Tensura Nikki - Tensei Shitara Slime Datta Ken', season: null, episode: 12 },
      },
      { path: 'The Simpsons/12.avi', peer: { series: 'The Simpsons', episode: 12 } },
      { path: 'The Simpsons/The Simpsons 12.avi', peer: { episode: 12 } },
      { path: 'The Simpsons/The Simpsons 82.avi', peer: { episode: 82 } },
      { path: 'The Simpsons/The Simpsons 112.avi', peer: { episode: 112 } },
      { path: 'The Simpsons/Foo_ep_02.avi', peer: { episode: 2 } },
      { path: 'The Simpsons/The Simpsons 889.avi', peer: { episode: 889 } },
      { path: 'The Simpsons/The Simpsons 101.avi', peer: { episode: 101 } },
      { path: 'The Simpsons/The Simpsons.S25E08.Steal this episode.mp4', peer: { episode: 8 } },
      { path: 'The Simpsons/The Simpsons - 02 - Ep Name.avi', peer: { episode: 2 } },
      { path: 'The Simpsons/02.avi', peer: { episode: 2 } },
      { path: 'The Simpsons/02 - Ep Name.avi', peer: { episode: 2 } },
      { path: 'The Simpsons/02-Ep Name.avi', peer: { episode: 2 } },
      { path: 'The Simpsons/02.EpName.avi', peer: { episode: 2 } },
      { path: 'The Simpsons/The Simpsons - 02.avi', peer: { episode: 2 } },
      { path: 'The Simpsons/The Simpsons - 02 Ep Name.avi', peer: { episode: 2 } },
      { path: 'GJ Club (2013)/GJ Club - 07.mkv', peer: { series: 'GJ Club', episode: 7 } },
    ],
  },
  {
    name: 'Series folders',
    peer: 'Jellyfin',
    type: 'shows',
    cases: [
      { path: 'The.Show.S01/The.Show.S01E02.mkv', peer: { series: 'The Show', season: 1, episode: 2 } },
      { path: 'some/place/The.Show.S01/01.mkv', type: 'mixed', peer: { series: 'The Show', season: 1 } },
      { path: 'The Show Season 10/01.mkv', peer: { series: 'The Show', season: 10 } },
      { path: 'The Show S01E01/The Show S01E01.mkv', peer: { series: 'The Show', season: 1, episode: 1 } },
      { path: 'The Show S01E01 Episode/x.mkv', peer: { series: 'The Show' } },
      { path: 'something/The Show/Season 1/x.mkv', type: 'mixed', peer: { series: 'The Show', season: 1 } },
      { path: 'something/The Show/S01/x.mkv', type: 'mixed', peer: { series: 'The Show', season: 1 } },
      { path: 'The.Show.S01.COMPLETE/x.mkv', peer: { series: 'The Show', season: 1 } },
      { path: 'S.H.O.W.S01/x.mkv', peer: { series: 'S.H.O.W', season: 1 } },
      { path: 'The.Show.P.I.S01/x.mkv', peer: { series: 'The Show P.I', season: 1 } },
      { path: 'The_Show_Season_1/x.mkv', peer: { series: 'The Show', season: 1 } },
      { path: 'The_Show/Season 10/x.mkv', peer: { series: 'The Show', season: 10 } },
      { path: 'The Show/x.mkv', peer: { series: 'The Show' } },
      { path: 'The Show s02e10 720p hdtv/x.mkv', peer: { series: 'The Show' } },
      { path: 'The Show s02e10 the episode 720p hdtv/x.mkv', peer: { series: 'The Show' } },
      { path: '1923 (2022)/x.mkv', peer: { series: '1923', seriesYear: 2022 } },
      { path: 'Foo/The.Series.Name.S01E04.WEBRip.x264-Baz[Bar]/the.series.name.s01e04.webrip.x264-Baz[Bar].mkv', type: 'mixed', peer: { series: 'The Series Name', season: 1, episode: 4 } },
      {
        path: 'Love.Death.and.Robots.S01.1080p.NF.WEB-DL.DDP5.1.x264-NTG/Love.Death.and.Robots.S01E01.Sonnies.Edge.1080p.NF.WEB-DL.DDP5.1.x264-NTG.mkv',
        peer: { series: 'Love Death and Robots', season: 1, episode: 1 },
      },
      {
        path: 'The Wonder Years/The.Wonder.Years.S04.PDTV.x264-JCH/The Wonder Years s04e07 Christmas Party NTSC PDTV.avi',
        peer: { series: 'The Wonder Years', season: 4, episode: 7 },
      },
      {
        path: 'The.Legend.of.Condor.Heroes.2017.V2.web-dl.1080p.h264.aac-hdctv/The.Legend.of.Condor.Heroes.2017.E07.V2.web-dl.1080p.h264.aac-hdctv.mkv',
        peer: { episode: 7 },
      },
    ],
  },
  {
    name: 'Season folders',
    peer: 'Jellyfin',
    type: 'shows',
    cases: [
      ...[
        'Season 1', 'SEASON 1', 'Staffel 1', 'STAFFEL 1', 'Stagione 1', 'STAGIONE 1', 'sæson 1', 'SÆSON 1', 'Temporada 1', 'TEMPORADA 1',
        'series 1', 'SERIES 1', 'Kausi 1', 'KAUSI 1', 'Säsong 1', 'SÄSONG 1', 'Seizoen 1', 'SEIZOEN 1', 'Seasong 1', 'SEASONG 1',
        'Sezon 1', 'SEZON 1', 'sezona 1', 'SEZONA 1', 'sezóna 1', 'SEZÓNA 1', 'Sezonul 1', 'SEZONUL 1', '시즌 1', 'シーズン 1', 'сезон 1',
        'Сезон 1', 'СЕЗОН 1', 's1', 'S1', 'Season1', '3.Staffel',
      ].map((f) => ({ path: `Drive/${f}/01.mkv`, peer: { season: f === '3.Staffel' ? 3 : 1, episode: 1 } })),
      ...([['Season 10', 10], ['Season 100', 100], ['Season 2', 2], ['Season 02', 2], ['Season 2009', 2009], ['Season 7 (2016)', 7], ['Staffel 7 (2016)', 7], ['Stagione 7 (2016)', 7], ['specials', 0], ['SPECIALS', 0]] as const).map(
        ([f, n]) => ({ path: `Drive/${f}/01.mkv`, peer: { season: n } }),
      ),
      { path: 'Seinfeld/S02/01.mkv', peer: { series: 'Seinfeld', season: 2 } },
      { path: 'Seinfeld/2/01.mkv', peer: { series: 'Seinfeld', season: 2 } },
      { path: 'Drive/Seinfeld Season 2/01.mkv', peer: { series: 'Drive', season: null } },
      { path: 'Stargate SG-1/Season 1/01.mkv', peer: { series: 'Stargate SG-1', season: 1 } },
      { path: 'Stargate SG-1/Stargate SG-1 Season 1/01.mkv', peer: { series: 'Stargate SG-1', season: 1 } },
      { path: 'Drive/Season (8)/01.mkv', peer: { season: null } },
      { path: 'Drive/s06e05/01.mkv', peer: { season: null, episode: 1 } },
      { path: 'Drive/The.Legend.of.Condor.Heroes.2017.V2.web-dl.1080p.h264.aac-hdctv/01.mkv', peer: { season: null } },
      { path: 'Drive/Episode 1 Season 2/01.mkv', peer: { season: null } },
      { path: 'Drive/Episode 1 SEASON 2/01.mkv', peer: { season: null } },
      { path: 'YouTube/Devyn Johnston/2024-01-24 4070 Ti SUPER in under 7 minutes/a.mkv', peer: { season: null } },
      { path: 'YouTube/Devyn Johnston/2025-01-28 5090 vs 2 SFF Cases/a.mkv', peer: { season: null } },
      { path: 'Drive/202401244070/a.mkv', peer: { season: null } },
      { path: 'Drive/Drive.S01.2160p.WEB-DL.DDP5.1.H.265-XXXX/a.mkv', peer: { season: 1 } },
      { path: 'The Wonder Years/The.Wonder.Years.S04.PDTV.x264-JCH/a.mkv', peer: { series: 'The Wonder Years', season: 4 } },
      { path: 'The Wonder Years/The.Wonder.Years.S04.1080p.PDTV.x264-JCH/a.mkv', peer: { series: 'The Wonder Years', season: 4 } },
      { path: 'The Wonder Years/[The.Wonder.Years.S04.1080p.PDTV.x264-JCH]/a.mkv', peer: { series: 'The Wonder Years', season: 4 } },
      { path: 'The Wonder Years/The.Wonder.Years [S04][1080p.PDTV.x264-JCH]/a.mkv', peer: { series: 'The Wonder Years', season: 4 } },
      { path: 'The Wonder Years/The Wonder Years Season 01 1080p/a.mkv', peer: { series: 'The Wonder Years', season: 1 } },
      {
        path: 'Drive/extras/01.mkv',
        peer: { kind: 'episode', season: 0 },
        ours: { kind: 'extra', extraType: 'extra' },
        why: '`Extras` is an extras folder, as for a film; only `Specials` is season 0',
      },
      {
        path: 'Drive/EXTRAS/01.mkv',
        peer: { kind: 'episode', season: 0 },
        ours: { kind: 'extra', extraType: 'extra' },
        why: '`Extras` is an extras folder, as for a film; only `Specials` is season 0',
      },
      // In a mixed library a folder is a season folder only when it says so.
      ...['300 (2006)', '300 Rise of an Empire', '1', '300 Disc 1'].map((f) => ({ path: `300 Collection/${f}/a.mkv`, type: 'mixed' as const, peer: { kind: 'movie' as const } })),
      ...['28 Days Later', '28 Weeks Later (2007)', '28 Years Later 2025'].map((f) => ({ path: `28 Years Later Collection/${f}/a.mkv`, type: 'mixed' as const, peer: { kind: 'movie' as const } })),
      ...(['Season 1', 'S01', 'S1'] as const).map((f) => ({ path: `300 Collection/${f}/a.mkv`, type: 'mixed' as const, peer: { kind: 'episode' as const, series: '300 Collection', season: 1 } })),
      { path: '28 Years Later Collection/Season 01/a.mkv', type: 'mixed', peer: { kind: 'episode', series: '28 Years Later Collection', season: 1 } },
    ],
  },
  {
    name: 'Air dates',
    peer: 'Jellyfin',
    type: 'shows',
    cases: [
      { path: 'anything_1996.11.14.mp4', peer: { series: 'anything', airDate: '1996-11-14' } },
      { path: 'anything_1996-11-14.mp4', peer: { series: 'anything', airDate: '1996-11-14' } },
      { path: 'james.corden.2017.04.20.anne.hathaway.720p.hdtv.x264-crooks.mkv', peer: { series: 'james corden', airDate: '2017-04-20' } },
      { path: 'ABC News 2018_03_24_19_00_00.mkv', peer: { series: 'ABC News', airDate: '2018-03-24' } },
      { path: 'Jeopardy 2023 07 14 HDTV x264 AC3.mkv', peer: { series: 'Jeopardy', airDate: '2023-07-14' } },
    ],
  },
  {
    name: 'Titles and years',
    peer: 'Jellyfin',
    type: 'movies',
    cases: [
      ...(
        [
          ['The Wolf of Wall Street (2013)', 'The Wolf of Wall Street', 2013],
          ['The Wolf of Wall Street 2 (2013)', 'The Wolf of Wall Street 2', 2013],
          ['The Wolf of Wall Street - 2 (2013)', 'The Wolf of Wall Street - 2', 2013],
          ['The Wolf of Wall Street 2001 (2013)', 'The Wolf of Wall Street 2001', 2013],
          ['300 (2006)', '300', 2006],
          ['300 2 (2006)', '300 2', 2006],
          ['300 - 2 (2006)', '300 - 2', 2006],
          ['300 2001 (2006)', '300 2001', 2006],
          ['curse.of.chucky.2013.stv.unrated.multi.1080p.bluray.x264-rough', 'curse.of.chucky', 2013],
          ['curse.of.chucky.2013.stv.unrated.multi.2160p.bluray.x264-rough', 'curse.of.chucky', 2013],
          ['Arrival.2016.2160p.Blu-Ray.HEVC', 'Arrival', 2016],
          ['American.Psycho', 'American Psycho', null],
          ['American Psycho', 'American Psycho', null],
          ['[rec]', '[rec]', null],
          ['St. Vincent (2014)', 'St. Vincent', 2014],
          ['Super movie(2009)', 'Super movie', 2009],
          ['Drug War 2013', 'Drug War', 2013],
          ['My Movie (1997) - GreatestReleaseGroup 2019', 'My Movie', 1997],
          ['First Man 2018 1080p', 'First Man', 2018],
          ['First Man (2018) 1080p', 'First Man', 2018],
          ['Maximum Ride - 2016 - WEBDL-1080p - x264 AC3', 'Maximum Ride', 2016],
          ['3.Days.to.Kill.2014.720p.BluRay.x264.YIFY', '3 Days to Kill', 2014],
          ['3 days to kill (2005)', '3 days to kill', 2005],
          ['Rain Man 1988 REMASTERED 1080p BluRay x264 AAC - Ozlem', 'Rain Man', 1988],
          ['My Movie 2013.12.09', 'My Movie 2013.12.09', null],
          ['My Movie 2013-12-09', 'My Movie 2013-12-09', null],
          ['My Movie 20131209', 'My Movie 20131209', null],
          ['My Movie 2013-12-09 2013', 'My Movie 2013-12-09', 2013],
        ] as const
      ).map(([name, title, year]) => ({ path: `${name}.mkv`, peer: { title, year } })),
      { path: 'movies/300 (2007)/300 (2006).bluray.mkv', peer: { title: '300', year: 2006 } },
      { path: 'movies/300 (2007)/300 (2006).mkv', peer: { title: '300', year: 2006 } },
      { path: 'The Phantom of the Opera (1925)/The Phantom of the Opera (1925) - 1929 version.mkv', peer: { title: 'The Phantom of the Opera', year: 1925 } },
    ],
  },
  {
    name: 'Clean strings',
    peer: 'Jellyfin',
    type: 'movies',
    cases: [
      ...(
        [
          ['Super movie 480p', 'Super movie'],
          ['Super movie 480p 2001', 'Super movie'],
          ['Super movie [480p]', 'Super movie'],
          ['480 Super movie [tmdbid=12345]', '480 Super movie'],
          ['Crouching.Tiger.Hidden.Dragon.4k', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon.UltraHD', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon.UHD', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon.HDR', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon.HDC', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon-HDC', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon.BDrip', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon.BDrip-HDC', 'Crouching Tiger Hidden Dragon'],
          ['Crouching.Tiger.Hidden.Dragon.4K.UltraHD.HDR.BDrip-HDC', 'Crouching Tiger Hidden Dragon'],
          ['Last.Call.for.Nowhere.WEB-DL.1080p', 'Last Call for Nowhere'],
          ['[HorribleSubs] Made in Abyss - 13 [720p]', 'Made in Abyss'],
          ['[Tsundere] Kore wa Zombie Desu ka of the Dead [BDRip h264 1920x1080 FLAC]', 'Kore wa Zombie Desu ka of the Dead'],
          ['[Erai-raws] Jujutsu Kaisen - 03 [720p][Multiple Subtitle]', 'Jujutsu Kaisen'],
          ['[OCN] 애타는 로맨스 720p-NEXT', '애타는 로맨스'],
          ['[tvN] 혼술남녀.E01-E16.720p-NEXT', '혼술남녀'],
          ['[tvN] 연애말고 결혼 E01~E16 END HDTV.H264.720p-WITH', '연애말고 결혼'],
          ['Run lola run (lola rennt) (2009)', 'Run lola run (lola rennt)'],
        ] as const
      ).map(([name, title]) => ({ path: `${name}.mkv`, peer: { title } })),
      {
        path: 'Super movie Multi.mkv',
        peer: { title: 'Super movie' },
        ours: { title: 'Super movie Multi' },
        why: 'words that are also ordinary words (`Multi`, `Web`, `French`) are junk only when shouted (`MULTi`)',
      },
      {
        path: '2026年01月10日23時00分00秒-[新]TRIGUN　STARGAZE[字].mp4',
        peer: { title: '2026年01月10日23時00分00秒-[新]TRIGUN　STARGAZE' },
        ours: { title: 'TRIGUN STARGAZE' },
        why: 'a broadcast recorder\'s timestamp and its [新]/[字] marks are not the title',
      },
      {
        path: '2026年01月05日00時55分00秒-[新]違国日記【ＡＮｉＭｉＤＮｉＧＨＴ！！！】＃１.mp4',
        peer: { title: '2026年01月05日00時55分00秒-[新]違国日記【ＡＮｉＭｉＤＮｉＧＨＴ！！！】＃１' },
        ours: { title: '違国日記' },
        why: 'a broadcast recorder\'s timestamp and its [新]/[字] marks are not the title',
      },
    ],
  },
  {
    name: 'Extras',
    peer: 'Jellyfin',
    type: 'movies',
    cases: [
      ...(
        [
          ['behind the scenes', 'behindthescenes'], ['deleted scenes', 'deletedscene'], ['interviews', 'interview'], ['scenes', 'scene'],
          ['shorts', 'short'], ['trailers', 'trailer'], ['featurettes', 'featurette'], ['clips', 'clip'], ['extra', 'extra'], ['extras', 'extra'], ['other', 'extra'],
        ] as const
      ).flatMap(([dir, extraType]) => [
        { path: `300/${dir}/something.mkv`, peer: { kind: 'extra' as const, extraType } },
        { path: `data/something/Movies/300/${dir}/whoknows.mp4`, peer: { kind: 'extra' as const, extraType } },
        {
          path: `${dir}/300.mp4`,
          peer: { kind: 'extra' as const, extraType },
          ours: { kind: 'movie' as const },
          why: 'an extras folder at the library root has no film to belong to: it is a category',
        },
      ]),
      { path: 'samples/300.mp4', peer: { kind: 'ignored', reason: 'sample' } },
      { path: '300/samples/something.mkv', peer: { kind: 'ignored', reason: 'sample' } },
      {
        path: '300/backdrops/something.mkv',
        peer: { kind: 'extra', extraType: 'themevideo' },
        ours: { kind: 'extra', extraType: 'extra' },
        why: 'no theme-video type (nothing plays in the background): a `backdrops` video is a plain extra',
      },
      ...['gibberish', 'not a scene', 'The Big Short'].flatMap((dir) => [
        { path: `${dir}/300.mp4`, peer: { kind: 'movie' as const, extraType: null } },
        { path: `300/${dir}/something.mkv`, peer: { kind: 'movie' as const, extraType: null } },
        { path: `data/something/Movies/300/${dir}/whoknows.mp4`, peer: { extraType: null } },
        { path: `data/something/Movies/${dir}/${dir}.mp4`, peer: { kind: 'movie' as const, extraType: null } },
      ]),
      ...['trailer.mp4', '300-trailer.mp4', '300.trailer.mp4', '300_trailer.mp4', '300 - trailer.mp4'].map((f) => ({ path: f, peer: { kind: 'extra' as const, extraType: 'trailer' } })),
      { path: 'stuff trailerthings.mkv', peer: { extraType: null } },
      { path: 'I Live In A Trailer.mp4', peer: { extraType: null } },
      ...(
        [
          ['300-scene.mp4', 'scene'], ['300-scene2.mp4', 'scene'], ['300-clip.mp4', 'clip'], ['300-deleted.mp4', 'deletedscene'], ['300-deletedscene.mp4', 'deletedscene'],
          ['300-interview.mp4', 'interview'], ['300-behindthescenes.mp4', 'behindthescenes'], ['300-featurette.mp4', 'featurette'], ['300-short.mp4', 'short'],
          ['300-extra.mp4', 'extra'], ['300-other.mp4', 'extra'],
        ] as const
      ).map(([f, extraType]) => ({ path: f, peer: { kind: 'extra' as const, extraType } })),
      ...['sample.mp4', '300-sample.mp4', '300.sample.mp4', '300_sample.mp4', '300 - sample.mp4'].map((f) => ({ path: f, peer: { kind: 'ignored' as const, reason: 'sample' } })),
    ],
  },
  {
    name: 'Stacks (parts)',
    peer: 'Jellyfin',
    type: 'movies',
    cases: [
      ...[1, 2, 3, 4].map((n) => ({ path: `Bad Boys (2006) part${n}.mkv`, peer: { title: 'Bad Boys', year: 2006, part: n } })),
      ...[1, 2, 3, 4].map((n) => ({ path: `Bad Boys (2006).part${n}.stv.unrated.multi.1080p.bluray.x264-rough.mkv`, peer: { title: 'Bad Boys', year: 2006, part: n } })),
      ...['a', 'b', 'c', 'd'].map((l, i) => ({ path: `300 (2006) part${l}.mkv`, peer: { title: '300', year: 2006, part: i + 1 } })),
      ...['e', 'f', 'g'].map((l) => ({ path: `300 (2006) part${l}.mkv`, peer: { part: null } })),
      ...['Bad Boys (2006)', 'Bad Boys (2007)', 'Bad Boys 2006', 'Bad Boys 2007', '300 (2006)', '300 (2007)', '300 2006', '300 2007'].map((n) => ({ path: `${n}.mkv`, peer: { part: null } })),
      ...['Star Trek 1 - The motion picture', 'Star Trek 2- The wrath of khan', 'Bad Boys (2006) 1', 'Bad Boys (2006) 2', '300a', '300b', '300c'].map((n) => ({ path: `${n}.mkv`, peer: { part: null } })),
      ...[1983, 1980, 1974].map((y) => ({ path: `Red Riding in the Year of Our Lord ${y} (2009).mkv`, peer: { title: `Red Riding in the Year of Our Lord ${y}`, year: 2009, part: null } })),
      ...[1, 2, 3, 4].map((n) => ({ path: `Harry Potter and the Deathly Hallows ${n}.mkv`, peer: { part: null } })),
      ...[1, 2].map((n) => ({ path: `movies/300 2006 part${n}.mkv`, peer: { title: '300', year: 2006, part: n } })),
      ...[1, 2].map((n) => ({ path: `blah blah - cd ${n}.mkv`, peer: { title: 'blah blah', part: n } })),
      ...[1, 2].map((n) => ({ path: `Neverland (2011)[720p][PG][Voted 6.5][Family-Fantasy]part${n}.mkv`, peer: { title: 'Neverland', year: 2011, part: n } })),
      ...[1, 2].map((n) => ({ path: `300 (2006) part${n}/VIDEO_TS/VTS_01_1.VOB`, peer: { title: '300', year: 2006, part: n } })),
      ...[1, 2].map((n) => ({
        path: `Movies (DVD)/Movies (Musical)/The Sound of Music/The Sound of Music (1965) (Disc 0${n})/VIDEO_TS/VTS_01_1.VOB`,
        peer: { title: 'The Sound of Music', year: 1965, part: n },
      })),
    ],
  },
  {
    name: 'Versions of one film',
    peer: 'Jellyfin',
    type: 'movies',
    cases: [
      ...['X-Men Days of Future Past - 1080p', 'X-Men Days of Future Past - [hsbs]', 'X-Men Days of Future Past [hsbs]', 'X-Men Days of Future Past - apple', 'X-Men Days of Future Past - banana', 'X-Men Days of Future Past [banana]'].map(
        (f) => ({ path: `movies/X-Men Days of Future Past/${f}.mkv`, peer: { title: 'X-Men Days of Future Past', movieFolder: 'movies/X-Men Days of Future Past' } }),
      ),
      { path: 'movies/X-Men Days of Future Past/X-Men Days of Future Past-trailer.mp4', peer: { kind: 'extra', extraType: 'trailer' } },
      ...['1925 version', '1929 version'].map((v) => ({
        path: `movies/The Phantom of the Opera (1925)/The Phantom of the Opera (1925) - ${v}.mkv`,
        peer: { title: 'The Phantom of the Opera', year: 1925, movieFolder: 'movies/The Phantom of the Opera (1925)' },
      })),
      ...[1, 2, 3].map((n) => ({ path: `movies/M/Movie ${n}.mkv`, peer: { title: `Movie ${n}`, movieFolder: null } })),
      ...['Movie', 'Movie-2', 'Movie-3', 'Movie-8'].map((f) => ({
        path: `movies/Movie/${f}.mkv`,
        peer: { title: 'Movie', movieFolder: 'movies/Movie' },
        ours: { title: f, movieFolder: null },
        why: 'a folder called `Movie` (like `Movies`, `Films`) is a generic container, never a film\'s own folder',
      })),
      ...[1, 2, 9].map((n) => ({ path: `movies/Mo/Movie ${n}.mkv`, peer: { title: `Movie ${n}` } })),
      ...[1, 2, 5].map((n) => ({ path: `movies/Movie/Movie ${n}.mkv`, peer: { title: `Movie ${n}` } })),
      ...[2008, 2009, 2010].map((y) => ({
        path: `movies/Iron Man/Iron Man (${y}).mkv`,
        peer: { title: 'Iron Man', year: y, movieFolder: null },
        ours: { title: 'Iron Man', year: y, movieFolder: 'movies/Iron Man' },
        why: 'a folder named like the film, without a year, is its own folder (`Heat/Heat (1995).mkv`); identify sees one path, not the siblings that would say the folder holds several films',
      })),
      ...['Iron Man', 'Iron Man-720p', 'Iron Man-test', 'Iron Man-bluray', 'Iron Man-3d', 'Iron Man-3d-hsbs', 'Iron Man[test]', 'Iron Man - 720p', 'Iron Man - test', 'Iron Man - bluray', 'Iron Man - 3d', 'Iron Man - 3d-hsbs', 'Iron Man [test]', 'Iron Man_720p', 'Iron Man_test', 'Iron Man_bluray', 'Iron Man_3d', 'Iron Man_3d-hsbs', 'Iron Man_3d.hsbs'].map(
        (f) => ({ path: `movies/Iron Man/${f}.mkv`, peer: { title: 'Iron Man', movieFolder: 'movies/Iron Man' } }),
      ),
      ...['Iron Man - B (2006)', 'Iron Man - C (2007)'].map((f) => ({ path: `movies/Iron Man/${f}.mkv`, peer: { title: f.slice(0, -7), movieFolder: null } })),
      ...['Blade Runner (1982) [Final Cut] [1080p HEVC AAC]', 'Blade Runner (1982) [EE by ADM] [480p HEVC AAC,AAC,AAC]'].map((f) => ({
        path: `movies/Blade Runner (1982)/${f}.mkv`,
        peer: { title: 'Blade Runner', year: 1982, movieFolder: 'movies/Blade Runner (1982)' },
      })),
      ...['', ' [1080p] Blu-ray.x264.DTS', ' [2160p] Blu-ray.x265.AAC', ' - Theatrical Release', ' - Directors Cut', ' - 1080p', ' - 2160p Remux', ' - 1080p High Bitrate', ' - 720p Directors Cut'].map((v) => ({
        path: `movies/X-Men Apocalypse (2016)/X-Men Apocalypse (2016)${v}.mkv`,
        peer: { title: 'X-Men Apocalypse', year: 2016, movieFolder: 'movies/X-Men Apocalypse (2016)' },
      })),
      ...['Version 1', 'Version 2'].map((v) => ({
        path: `movies/John Wick - Kapitel 3 (2019) [imdbid=tt6146586]/John Wick - Kapitel 3 (2019) [imdbid=tt6146586] - ${v}.mkv`,
        peer: { title: 'John Wick - Kapitel 3', year: 2019, movieFolder: 'movies/John Wick - Kapitel 3 (2019) [imdbid=tt6146586]' },
      })),
      ...['_4K', '_1080p', '.UHD', '.1080p'].map((v) => ({ path: `movies/Movie (2020)/Movie (2020)${v}.mkv`, peer: { title: 'Movie', year: 2020, movieFolder: 'movies/Movie (2020)' } })),
      ...['1080p', '720p'].map((v) => ({ path: `TV/Dexter/Season 1/Dexter - S01E01 - ${v}.mkv`, type: 'shows' as const, peer: { series: 'Dexter', season: 1, episode: 1, episodeEnd: null } })),
    ],
  },
  {
    name: 'Kodi: episode items',
    peer: 'Kodi',
    type: 'shows',
    cases: [
      { path: 'foo.S02E03.mkv', peer: { season: 2, episode: 3 } },
      { path: 'foo.203.mkv', peer: { season: 2, episode: 3 }, ours: { season: null, episode: null }, why: 'no three-digit season+episode (`102`): it misreads The 100, 24, 1923' },
      { path: 'foo.Ep03.mkv', peer: { season: 1, episode: 3 }, ours: { season: null, episode: 3 }, why: 'no season is invented: an episode without one is filed under the series alone' },
      { path: 'foo.Ep_03.mkv', peer: { season: 1, episode: 3 }, ours: { season: null, episode: 3 }, why: 'no season is invented: an episode without one is filed under the series alone' },
      { path: 'foo.E03.mkv', peer: { season: 1, episode: 3 }, ours: { season: null, episode: 3 }, why: 'no season is invented: an episode without one is filed under the series alone' },
      { path: 'foo.2009.E03.mkv', peer: { season: 1, episode: 3 }, ours: { season: null, episode: 3 }, why: 'no season is invented: an episode without one is filed under the series alone' },
      { path: 'foo.Part.3.mkv', peer: { season: 1, episode: 3 }, ours: { season: null, episode: null }, why: '`Part 3` of a name is a title (a two-part episode, a film in parts), not an episode number' },
      { path: 'foo.Part.III.mkv', peer: { season: 1, episode: 3 }, ours: { season: null, episode: null }, why: '`Part 3` of a name is a title (a two-part episode, a film in parts), not an episode number' },
      { path: 'The Legend of Korra - S01E01-02 - Welcome to Republic City & A Leaf in the Wind.mkv', peer: { season: 1, episode: 1, episodeEnd: 2 } },
      { path: 'foo.S01E01E02.mkv', peer: { season: 1, episode: 1, episodeEnd: 2 } },
      { path: 'foo.S01E03E04E05.mkv', peer: { season: 1, episode: 3, episodeEnd: 5 } },
    ],
  },
];

function run(c: Case, group: Group): Facts {
  return factsOf(identify(c.path, c.type ?? group.type));
}

describe.each(GROUPS)('peers: $peer — $name', (group) => {
  const agreed = group.cases.filter((c) => c.ours === undefined);
  const diverging = group.cases.filter((c) => c.ours !== undefined);
  if (agreed.length > 0) {
    it.each(agreed.map((c) => [c.path, c] as const))('agrees: %s', (_p, c) => {
      expect(differences(run(c, group), c.peer).join('; ')).toBe('');
    });
  }
  if (diverging.length > 0) {
    it.each(diverging.map((c) => [c.path, c] as const))('diverges on purpose: %s', (_p, c) => {
      const got = run(c, group);
      expect(c.why, 'a divergence names its reason').toBeTruthy();
      expect(differences(got, c.ours as Facts).join('; ')).toBe('');
      expect(differences(got, c.peer).join('; '), 'a listed divergence that agrees is no longer one').not.toBe('');
    });
  }
});

describe('peers: the comparison table in docs/naming.md', () => {
  it('prints the counts these tables give', () => {
    const doc = readFileSync(join(__dirname, '../../docs/naming.md'), 'utf8');
    const rows = GROUPS.map((g) => {
      const agree = g.cases.filter((c) => c.ours === undefined).length;
      return `| ${g.peer} | ${g.name} | ${g.cases.length} | ${agree} | ${g.cases.length - agree} |`;
    });
    const jellyfin = GROUPS.filter((g) => g.peer === 'Jellyfin').flatMap((g) => g.cases);
    const agreed = jellyfin.filter((c) => c.ours === undefined).length;
    rows.push(`Jellyfin: ${agreed} of ${jellyfin.length} cases agree (${((100 * agreed) / jellyfin.length).toFixed(1)} %)`);
    expect(rows.filter((r) => !doc.includes(r)).join('\n')).toBe('');
  });

  it('the season folder parser agrees with the folder cases on its own', () => {
    // The same answers as the path rows above, for the names that carry their season alone.
    for (const name of ['Season 1', 'SEASONG 1', 'sezóna 1', 'Sezonul 1', 's1', '3.Staffel', 'Season 7 (2016)']) expect(parseSeasonFolder(name), name).not.toBeNull();
    for (const name of ['Season (8)', 's06e05', 'Episode 1 Season 2', '202401244070']) expect(parseSeasonFolder(name), name).toBeNull();
  });
});
