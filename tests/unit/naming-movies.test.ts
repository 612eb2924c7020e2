import { describe, expect, it } from 'vitest';
import { identify, type Identification, type LibraryType } from '../../src/main/library/naming';

type Movie = Extract<Identification, { kind: 'movie' }>;
type Row = [path: string, expected: Partial<Movie>];

function movie(path: string, type: LibraryType = 'movies'): Movie {
  const id = identify(path, type);
  if (id.kind !== 'movie') throw new Error(`${path}: expected a movie, got ${JSON.stringify(id)}`);
  return id;
}

const check = (rows: Row[], type: LibraryType = 'movies') =>
  it.each(rows)('%s', (path, expected) => {
    const got = movie(path, type);
    expect(got).toMatchObject(expected);
    // Optional facts that the row does not name must be absent, so a stray year or part shows up as a failure.
    for (const key of ['year', 'part', 'edition', 'is3d'] as const) if (!(key in expected)) expect(got[key], key).toBeUndefined();
  });

describe('movies: the Jellyfin/Kodi folder layout', () => {
  check([
    ['The Matrix (1999)/The Matrix (1999).mkv', { title: 'The Matrix', year: 1999, movieFolder: 'The Matrix (1999)' }],
    ['Alien (1979)/Alien (1979).mp4', { title: 'Alien', year: 1979, movieFolder: 'Alien (1979)' }],
    ['Movies/Alien (1979)/Alien (1979).mkv', { title: 'Alien', year: 1979, movieFolder: 'Movies/Alien (1979)' }],
    ['Heat (1995)/Heat.mkv', { title: 'Heat', year: 1995, movieFolder: 'Heat (1995)' }],
    ['Amélie (2001)/Amélie (2001).mkv', { title: 'Amélie', year: 2001, movieFolder: 'Amélie (2001)' }],
    ['Se7en (1995)/Se7en (1995).mkv', { title: 'Se7en', year: 1995, movieFolder: 'Se7en (1995)' }],
    ['(500) Days of Summer (2009)/(500) Days of Summer (2009).mkv', { title: '(500) Days of Summer', year: 2009 }],
    ['Ocean\'s Eleven (2001)/Ocean\'s Eleven (2001).mkv', { title: "Ocean's Eleven", year: 2001 }],
    ['Mr. & Mrs. Smith (2005)/Mr. & Mrs. Smith (2005).mkv', { title: 'Mr. & Mrs. Smith', year: 2005 }],
    ['Spider-Man (2002)/Spider-Man (2002).mkv', { title: 'Spider-Man', year: 2002 }],
    ['Mission - Impossible (1996).mkv', { title: 'Mission - Impossible', year: 1996, movieFolder: null }],
    ['[REC] (2007)/[REC] (2007).mkv', { title: '[REC]', year: 2007, movieFolder: '[REC] (2007)' }],
    ['Kids/Frozen (2013)/Frozen (2013).mkv', { title: 'Frozen', year: 2013, movieFolder: 'Kids/Frozen (2013)' }],
    ['Movies/M/The Matrix (1999).mkv', { title: 'The Matrix', year: 1999, movieFolder: null }],
    ['Alien (1979)/Alien (1979) [1080p].mkv', { title: 'Alien', year: 1979, movieFolder: 'Alien (1979)' }],
    ['Alien (1979) [Blu-ray 1080p x265 10bit].mkv', { title: 'Alien', year: 1979 }],
    ['Alien.[1979].mkv', { title: 'Alien', year: 1979 }],
    ['Alien（1979）.mkv', { title: 'Alien', year: 1979 }],
  ]);
});

describe('movies: loose files among others take no movie folder', () => {
  check([
    ['Alien (1979).mkv', { title: 'Alien', year: 1979, movieFolder: null }],
    ['Movies/Alien (1979).mkv', { title: 'Alien', year: 1979, movieFolder: null }],
    ['Films/Heat 1995.avi', { title: 'Heat', year: 1995, movieFolder: null }],
    ['Video/home movie.mp4', { title: 'home movie', movieFolder: null }],
    ['Alien Collection/Alien (1979).mkv', { title: 'Alien', year: 1979, movieFolder: null }],
    ['Alien Collection/Aliens (1986).mkv', { title: 'Aliens', year: 1986, movieFolder: null }],
    ['Alien Quadrilogy (2003)/Aliens (1986).mkv', { title: 'Aliens', year: 1986, movieFolder: null }],
    ['Movies/Action/Die Hard (1988).mkv', { title: 'Die Hard', year: 1988, movieFolder: null }],
  ]);
});

describe('movies: scene release names', () => {
  check([
    ['The.Matrix.1999.1080p.BluRay.x264-GRP.mkv', { title: 'The Matrix', year: 1999 }],
    ['the.matrix.1999.1080p.bluray.x264-grp.mkv', { title: 'the matrix', year: 1999 }],
    ['The_Matrix_1999_720p.mkv', { title: 'The Matrix', year: 1999 }],
    ['The Matrix 1999 1080p BluRay x264-GRP.mkv', { title: 'The Matrix', year: 1999 }],
    ['Inception.2010.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-EPSiLON.mkv', { title: 'Inception', year: 2010 }],
    ['Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX.mkv', { title: 'Dune Part Two', year: 2024 }],
    ['Parasite.2019.KOREAN.1080p.BluRay.x264.DTS-FGT.mkv', { title: 'Parasite', year: 2019 }],
    ['Amelie.2001.FRENCH.720p.BluRay.x264.mkv', { title: 'Amelie', year: 2001 }],
    ['Heat.1995.REPACK.1080p.BluRay.x264-GRP.mkv', { title: 'Heat', year: 1995 }],
    ['Heat.1995.PROPER.720p.HDTV.x264.mkv', { title: 'Heat', year: 1995 }],
    ['Oppenheimer.2023.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb.mkv', { title: 'Oppenheimer', year: 2023 }],
    ['Joker.2019.MULTi.1080p.WEB.H264-GRP.mkv', { title: 'Joker', year: 2019 }],
    ['Tenet.2020.iNTERNAL.1080p.WEBRip.x264.mkv', { title: 'Tenet', year: 2020 }],
    ['Up.2009.720p.BRRip.XviD.AC3.avi', { title: 'Up', year: 2009 }],
    ['Casablanca.1942.DVDRip.XviD.avi', { title: 'Casablanca', year: 1942 }],
    ['Metropolis.1927.Restored.1080p.mkv', { title: 'Metropolis', year: 1927, edition: 'Restored' }],
    ['Some.Movie.1080p.BluRay.x264.mkv', { title: 'Some Movie' }],
    ['Some.Movie.WEB.mkv', { title: 'Some Movie' }],
    ['Some Movie 720p.mkv', { title: 'Some Movie' }],
    ['S.W.A.T.2003.1080p.BluRay.mkv', { title: 'S.W.A.T.', year: 2003 }],
    ['E.T.the.Extra-Terrestrial.1982.1080p.mkv', { title: 'E.T. the Extra-Terrestrial', year: 1982 }],
    ['M.A.S.H.1970.720p.mkv', { title: 'M.A.S.H.', year: 1970 }],
    ['A.Beautiful.Mind.2001.720p.mkv', { title: 'A Beautiful Mind', year: 2001 }],
    ['The.A.Team.2010.720p.mkv', { title: 'The A Team', year: 2010 }],
    ['Malcolm.X.1992.1080p.mkv', { title: 'Malcolm X', year: 1992 }],
    ['Mr. Smith Goes to Washington (1939).mkv', { title: 'Mr. Smith Goes to Washington', year: 1939 }],
    ['Charlotte\'s Web (2006).mkv', { title: "Charlotte's Web", year: 2006 }],
    ['CHARLOTTES.WEB.2006.1080p.mkv', { title: 'CHARLOTTES WEB', year: 2006 }],
    ['Cam (2018).mkv', { title: 'Cam', year: 2018 }],
    ['Movie.Title.2010.DTS-HD.MA.5.1.mkv', { title: 'Movie Title', year: 2010 }],
    ['[Group] Movie Title (2010) [1080p].mkv', { title: 'Movie Title', year: 2010 }],
    ['【字幕组】千と千尋の神隠し (2001).mkv', { title: '千と千尋の神隠し', year: 2001 }],
  ]);
});

describe('movies: titles made of numbers and years', () => {
  check([
    ['Blade Runner 2049 (2017).mkv', { title: 'Blade Runner 2049', year: 2017 }],
    ['Blade Runner 2049 (2017)/Blade Runner 2049 (2017).mkv', { title: 'Blade Runner 2049', year: 2017 }],
    ['Blade.Runner.2049.2017.1080p.mkv', { title: 'Blade Runner 2049', year: 2017 }],
    ['Blade.Runner.2049.1080p.mkv', { title: 'Blade Runner 2049' }],
    ['1917 (2019).mkv', { title: '1917', year: 2019 }],
    ['1917.2019.1080p.mkv', { title: '1917', year: 2019 }],
    ['1917.mkv', { title: '1917' }],
    ['2001 A Space Odyssey (1968).mkv', { title: '2001 A Space Odyssey', year: 1968 }],
    ['2001.A.Space.Odyssey.1968.1080p.mkv', { title: '2001 A Space Odyssey', year: 1968 }],
    ['2012.2009.720p.mkv', { title: '2012', year: 2009 }],
    ['2012 (2009).mkv', { title: '2012', year: 2009 }],
    ['1984 (1984).mkv', { title: '1984', year: 1984 }],
    ['Apollo 13 (1995).mkv', { title: 'Apollo 13', year: 1995 }],
    ['Ocean\'s 8 (2018).mkv', { title: "Ocean's 8", year: 2018 }],
    ['21 Jump Street (2012).mkv', { title: '21 Jump Street', year: 2012 }],
    ['300.2006.1080p.mkv', { title: '300', year: 2006 }],
    ['9 (2009).mkv', { title: '9', year: 2009 }],
    ['2046 (2004).mkv', { title: '2046', year: 2004 }],
    ['Space 1999 (1975).mkv', { title: 'Space 1999', year: 1975 }],
    ['Alien 3 (1992).mkv', { title: 'Alien 3', year: 1992 }],
  ]);
});

describe('movies: non-Latin titles', () => {
  check([
    ['千と千尋の神隠し (2001).mkv', { title: '千と千尋の神隠し', year: 2001 }],
    ['千と千尋の神隠し (2001)/千と千尋の神隠し (2001).mkv', { title: '千と千尋の神隠し', year: 2001, movieFolder: '千と千尋の神隠し (2001)' }],
    ['Леон (1994).mkv', { title: 'Леон', year: 1994 }],
    ['Брат.1997.1080p.mkv', { title: 'Брат', year: 1997 }],
    ['기생충 (2019).mkv', { title: '기생충', year: 2019 }],
    ['올드보이 (2003)/올드보이 (2003).mkv', { title: '올드보이', year: 2003 }],
    ['الرسالة (1976).mkv', { title: 'الرسالة', year: 1976 }],
    ['הערת שוליים (2011).mkv', { title: 'הערת שוליים', year: 2011 }],
    ['卧虎藏龙 (2000).mkv', { title: '卧虎藏龙', year: 2000 }],
    ['Ελ Γκρέκο (2007).mkv', { title: 'Ελ Γκρέκο', year: 2007 }],
    ['दंगल (2016).mkv', { title: 'दंगल', year: 2016 }],
  ]);
});

describe('movies: provider ids are kept as ids, never in the title', () => {
  check([
    ['The Matrix (1999) [tmdbid-603].mkv', { title: 'The Matrix', year: 1999, providerIds: { tmdb: '603' } }],
    ['The Matrix (1999) [tmdbid=603].mkv', { title: 'The Matrix', year: 1999, providerIds: { tmdb: '603' } }],
    ['The Matrix (1999) {tmdb-603}.mkv', { title: 'The Matrix', year: 1999, providerIds: { tmdb: '603' } }],
    ['The Matrix (1999) [imdbid-tt0133093].mkv', { title: 'The Matrix', year: 1999, providerIds: { imdb: 'tt0133093' } }],
    ['The Matrix (1999) {imdb-tt0133093}.mkv', { title: 'The Matrix', year: 1999, providerIds: { imdb: 'tt0133093' } }],
    ['The Matrix (1999) [tvdbid-81189].mkv', { title: 'The Matrix', year: 1999, providerIds: { tvdb: '81189' } }],
    ['The Matrix (1999) [imdbid-tt0133093] [tmdbid-603].mkv', { title: 'The Matrix', year: 1999, providerIds: { imdb: 'tt0133093', tmdb: '603' } }],
    ['The Matrix (1999) tt0133093.mkv', { title: 'The Matrix', year: 1999, providerIds: { imdb: 'tt0133093' } }],
    ['The Matrix (1999) - [tmdbid-603].mkv', { title: 'The Matrix', year: 1999, providerIds: { tmdb: '603' } }],
    ['[tmdbid-603] The Matrix (1999).mkv', { title: 'The Matrix', year: 1999, providerIds: { tmdb: '603' } }],
    ['The Matrix (1999) [tmdbid-603]/The Matrix (1999) [tmdbid-603].mkv', { title: 'The Matrix', year: 1999, providerIds: { tmdb: '603' }, movieFolder: 'The Matrix (1999) [tmdbid-603]' }],
    ['The Matrix (1999) [tmdbid-603]/movie.mkv', { title: 'The Matrix', year: 1999, providerIds: { tmdb: '603' }, movieFolder: 'The Matrix (1999) [tmdbid-603]' }],
    ['The Matrix (1999) {imdb-tt0133093}/tm-1080p.mkv', { title: 'The Matrix', year: 1999, providerIds: { imdb: 'tt0133093' } }],
  ]);
});

describe('movies: multi-part files', () => {
  check([
    ['Movie (2000)/Movie (2000) cd1.avi', { title: 'Movie', year: 2000, part: 1, movieFolder: 'Movie (2000)' }],
    ['Movie (2000)/Movie (2000) cd 2.avi', { title: 'Movie', year: 2000, part: 2 }],
    ['Movie (2000)/Movie (2000) - part2.mkv', { title: 'Movie', year: 2000, part: 2 }],
    ['Movie (2000)/Movie (2000) part 3.mkv', { title: 'Movie', year: 2000, part: 3 }],
    ['Movie (2000)/Movie (2000) disc 1.mkv', { title: 'Movie', year: 2000, part: 1 }],
    ['Movie (2000)/Movie (2000) disk2.mkv', { title: 'Movie', year: 2000, part: 2 }],
    ['Movie (2000)/Movie (2000) pt1.mkv', { title: 'Movie', year: 2000, part: 1 }],
    ['Movie (2000)/Movie (2000) dvd1.vob', { title: 'Movie', year: 2000, part: 1 }],
    ['Movie (2000)/Movie (2000)-cd2.avi', { title: 'Movie', year: 2000, part: 2 }],
    ['Movie (2000)/Movie (2000).cd2.avi', { title: 'Movie', year: 2000, part: 2 }],
    ['Movie (2000)/Movie (2000)_cd2.avi', { title: 'Movie', year: 2000, part: 2 }],
    ['Movie (2000)/Movie.2000.CD1.XviD.avi', { title: 'Movie', year: 2000, part: 1 }],
    ['Movie.cd1.avi', { title: 'Movie', part: 1 }],
    ['Movie cd 2.avi', { title: 'Movie', part: 2 }],
    ['Movie-part2.avi', { title: 'Movie', part: 2 }],
    ['Movie_pt3.avi', { title: 'Movie', part: 3 }],
    ['Movie (2000)/CD1/movie.avi', { title: 'Movie', year: 2000, part: 1, movieFolder: 'Movie (2000)' }],
    ['Movie (2000)/Disc 2/movie.avi', { title: 'Movie', year: 2000, part: 2, movieFolder: 'Movie (2000)' }],
    ['Harry Potter and the Deathly Hallows Part 2 (2011).mkv', { title: 'Harry Potter and the Deathly Hallows Part 2', year: 2011 }],
    ['Harry.Potter.and.the.Deathly.Hallows.Part.1.2010.1080p.mkv', { title: 'Harry Potter and the Deathly Hallows Part 1', year: 2010 }],
    ['Movie.2000.DVD9.mkv', { title: 'Movie', year: 2000 }],
  ]);
});

describe('movies: editions', () => {
  check([
    ["Movie (2000) {edition-Director's Cut}.mkv", { title: 'Movie', year: 2000, edition: "Director's Cut" }],
    ['Movie (2000) {edition-Extended Edition}.mkv', { title: 'Movie', year: 2000, edition: 'Extended Edition' }],
    ["Movie (2000) - Director's Cut.mkv", { title: 'Movie', year: 2000, edition: "Director's Cut" }],
    ['Movie (2000) Extended Edition.mkv', { title: 'Movie', year: 2000, edition: 'Extended Edition' }],
    ['Movie (2000) - Theatrical Cut.mkv', { title: 'Movie', year: 2000, edition: 'Theatrical Cut' }],
    ['Movie (2000) Unrated.mkv', { title: 'Movie', year: 2000, edition: 'Unrated' }],
    ['Blade Runner (1982) - Final Cut.mkv', { title: 'Blade Runner', year: 1982, edition: 'Final Cut' }],
    ['Jaws (1975) Remastered.mkv', { title: 'Jaws', year: 1975, edition: 'Remastered' }],
    ['Dunkirk (2017) IMAX.mkv', { title: 'Dunkirk', year: 2017, edition: 'IMAX' }],
    ['Movie (2000) [Special Edition].mkv', { title: 'Movie', year: 2000, edition: 'Special Edition' }],
    ['Movie (2000) - 25th Anniversary Edition.mkv', { title: 'Movie', year: 2000, edition: '25th Anniversary Edition' }],
    ['Movie.2000.EXTENDED.1080p.BluRay.x264.mkv', { title: 'Movie', year: 2000, edition: 'Extended' }],
    ['Movie.2000.Directors.Cut.1080p.mkv', { title: 'Movie', year: 2000, edition: "Director's Cut" }],
    ['Movie.EXTENDED.2000.1080p.mkv', { title: 'Movie', year: 2000, edition: 'Extended' }],
    ['Aliens.1986.Special.Edition.720p.mkv', { title: 'Aliens', year: 1986, edition: 'Special Edition' }],
    ["Blade Runner - Director's Cut.mkv", { title: 'Blade Runner', edition: "Director's Cut" }],
    ['Blade Runner Final Cut.mkv', { title: 'Blade Runner', edition: 'Final Cut' }],
    ['The Final Cut (2004).mkv', { title: 'The Final Cut', year: 2004 }],
    ['The Final Cut.mkv', { title: 'The Final Cut' }],
    ['Movie (2000) - The Snyder Cut.mkv', { title: 'Movie', year: 2000, edition: 'Snyder Cut' }],
    ["Alien (1979)/Alien (1979) {edition-Director's Cut}.mkv", { title: 'Alien', year: 1979, edition: "Director's Cut", movieFolder: 'Alien (1979)' }],
  ]);
});

describe('movies: 3D', () => {
  check([
    ['Avatar (2009) 3D.mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar (2009) 3D HSBS.mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar (2009) - SBS.mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar (2009) [H-SBS].mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar.2009.3D.FSBS.1080p.mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar.2009.3D.HOU.1080p.mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar.2009.OU.mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar.2009.1080p.MVC.mkv', { title: 'Avatar', year: 2009, is3d: true }],
    ['Avatar 3D.mkv', { title: 'Avatar', is3d: true }],
    ['Gravity.3D.HSBS.mkv', { title: 'Gravity', is3d: true }],
    ['Tout ou rien (2010).mkv', { title: 'Tout ou rien', year: 2010 }],
  ]);
});

describe('movies: the folder name wins over a junk file name', () => {
  check([
    ['The Matrix (1999)/tm-1080p.mkv', { title: 'The Matrix', year: 1999, movieFolder: 'The Matrix (1999)' }],
    ['The Matrix (1999)/The.Matrix.1999.1080p.BluRay.x264-GRP.mkv', { title: 'The Matrix', year: 1999, movieFolder: 'The Matrix (1999)' }],
    ['The Matrix (1999)/matrix.1999.1080p.mkv', { title: 'The Matrix', year: 1999, movieFolder: 'The Matrix (1999)' }],
    ['Léon (1994)/Leon.The.Professional.1994.720p.mkv', { title: 'Léon', year: 1994, movieFolder: 'Léon (1994)' }],
    ['Heat/h-1080p.mkv', { title: 'Heat', movieFolder: 'Heat' }],
    ['Heat (1995)/movie.mkv', { title: 'Heat', year: 1995, movieFolder: 'Heat (1995)' }],
    ['Heat (1995)/Heat.mkv', { title: 'Heat', year: 1995 }],
    ['Movies/Heat (1995)/heat-720p.mkv', { title: 'Heat', year: 1995, movieFolder: 'Movies/Heat (1995)' }],
    ['The.Matrix.1999.1080p.BluRay.x264-GRP/the.matrix.1999.1080p-grp.mkv', { title: 'The Matrix', year: 1999, movieFolder: 'The.Matrix.1999.1080p.BluRay.x264-GRP' }],
    ['The.Matrix.1999.1080p.BluRay.x264-GRP/grp-tm1080p.mkv', { title: 'The Matrix', year: 1999 }],
    ['Movies/tm-1080p.mkv', { title: 'tm', movieFolder: null }],
    ['tm-1080p.mkv', { title: 'tm', movieFolder: null }],
    ['Pixar Shorts/Luxo Jr.mkv', { title: 'Luxo Jr', movieFolder: 'Pixar Shorts' }],
  ]);
});

describe('movies: disc structures belong to the folder above them', () => {
  check([
    ['Movie (2000)/BDMV/STREAM/00001.m2ts', { title: 'Movie', year: 2000, movieFolder: 'Movie (2000)' }],
    ['Movie (2000)/VIDEO_TS/VTS_01_1.VOB', { title: 'Movie', year: 2000, movieFolder: 'Movie (2000)' }],
    ['Movies/Heat (1995)/BDMV/STREAM/00800.m2ts', { title: 'Heat', year: 1995, movieFolder: 'Movies/Heat (1995)' }],
    ['Heat (1995)/Disc 2/BDMV/STREAM/00001.m2ts', { title: 'Heat', year: 1995, part: 2, movieFolder: 'Heat (1995)' }],
    ['Heat (1995)/VIDEO_TS/VIDEO_TS.VOB', { title: 'Heat', year: 1995, movieFolder: 'Heat (1995)' }],
    ['Heat (1995)/BDMV/STREAM/00001.m2ts', { title: 'Heat', year: 1995, movieFolder: 'Heat (1995)' }],
  ]);
  check([['Heat (1995)/VIDEO_TS/VTS_01_1.VOB', { title: 'Heat', year: 1995, movieFolder: 'Heat (1995)' }]], 'mixed');
});

describe('movies: a title is never empty', () => {
  check([
    ['1080p.mkv', { title: '1080p' }],
    ['x264.mkv', { title: 'x264' }],
    ['[tmdbid-603].mkv', { title: '[tmdbid-603]', providerIds: { tmdb: '603' } }],
    ['-.mkv', { title: '-' }],
    ['(2019).mkv', { title: '(2019)' }],
    ['   .mkv', { title: '   ' }],
  ]);
});

describe('movies: a year in brackets wins over a bare year after it', () => {
  check([
    ['The Phantom of the Opera (1925) - 1929 version.mkv', { title: 'The Phantom of the Opera', year: 1925 }],
    ['My Movie (1997) - GreatestReleaseGroup 2019.mp4', { title: 'My Movie', year: 1997 }],
    ['Movie [1997] 2019 upload.mkv', { title: 'Movie', year: 1997 }],
    ['The Wolf of Wall Street 2001 (2013).mkv', { title: 'The Wolf of Wall Street 2001', year: 2013 }],
    ['2001 (1968) 2018 restoration.mkv', { title: '2001', year: 1968 }],
  ]);
});

describe('movies: a full date after a title is part of it, whichever separator', () => {
  check([
    ['My Movie 2013.12.09.mkv', { title: 'My Movie 2013.12.09' }],
    ['My Movie 2013_12_09.mkv', { title: 'My Movie 2013.12.09' }],
    ['My Movie 2013 12 09.mkv', { title: 'My Movie 2013.12.09' }],
    ['My Movie 2013-12-09.mkv', { title: 'My Movie 2013-12-09' }],
    ['My Movie 20131209.mkv', { title: 'My Movie 20131209' }],
    ['My Movie 2013-12-09 2013.mkv', { title: 'My Movie 2013-12-09', year: 2013 }],
    ['Concert.2013.12.09.1080p.WEB.mkv', { title: 'Concert 2013.12.09' }],
    ['Movie 2013 13 09.mkv', { title: 'Movie', year: 2013 }],
  ]);
});

describe('movies: more release junk, and names a recorder or a fansub group wrote', () => {
  check([
    ['Crouching.Tiger.Hidden.Dragon.2000.UltraHD.mkv', { title: 'Crouching Tiger Hidden Dragon', year: 2000 }],
    ['Crouching.Tiger.Hidden.Dragon.4K.UltraHD.HDR.BDrip-HDC.mkv', { title: 'Crouching Tiger Hidden Dragon' }],
    ['Crouching.Tiger.Hidden.Dragon-HDC.mkv', { title: 'Crouching Tiger Hidden Dragon' }],
    ['[tvN] 혼술남녀.E01-E16.720p-NEXT.mkv', { title: '혼술남녀' }],
    ['[tvN] 연애말고 결혼 E01~E16 END HDTV.H264.720p-WITH.mkv', { title: '연애말고 결혼' }],
    ['2026年01月10日23時00分00秒-[新]TRIGUN　STARGAZE[字].mp4', { title: 'TRIGUN STARGAZE' }],
    ['2026年01月05日00時55分00秒-[新]違国日記【ＡＮｉＭｉＤＮｉＧＨＴ！！！】＃１.mp4', { title: '違国日記' }],
    ['[HorribleSubs] Made in Abyss - 13 [720p].mkv', { title: 'Made in Abyss' }],
    ['Mission - 2 (2010).mkv', { title: 'Mission - 2', year: 2010 }],
    ['2046 (2004).mkv', { title: '2046', year: 2004 }],
  ]);
});

describe('movies: parts by letter', () => {
  check([
    ['Kill Bill (2003)/Kill Bill (2003) parta.mkv', { title: 'Kill Bill', year: 2003, part: 1 }],
    ['Kill Bill (2003)/Kill Bill (2003) partd.mkv', { title: 'Kill Bill', year: 2003, part: 4 }],
    ['Movie (2000) cd a.avi', { title: 'Movie', year: 2000, part: 1 }],
    ['Movie (2000) disc b.mkv', { title: 'Movie', year: 2000, part: 2 }],
    ['Movie partc.mkv', { title: 'Movie', part: 3 }],
    ['Movie (2000) parte.mkv', { title: 'Movie', year: 2000 }],
    ['300a.mkv', { title: '300a' }],
  ]);
});

describe('movies: in a film\'s own folder, the folder\'s name then a label is a version of that film', () => {
  check([
    ['Iron Man/Iron Man - 720p.mkv', { title: 'Iron Man', movieFolder: 'Iron Man' }],
    ['Iron Man/Iron Man - test.mkv', { title: 'Iron Man', movieFolder: 'Iron Man' }],
    ['Iron Man/Iron Man_test.mkv', { title: 'Iron Man', movieFolder: 'Iron Man' }],
    ['Iron Man/Iron Man-test.mkv', { title: 'Iron Man', movieFolder: 'Iron Man' }],
    ['Iron Man/Iron Man [test].mkv', { title: 'Iron Man', movieFolder: 'Iron Man' }],
    ['Dune (2021)/Dune (2021) - Fan Edit.mkv', { title: 'Dune', year: 2021, movieFolder: 'Dune (2021)' }],
    ['Dune (2021)/Dune (2021)_4K.mkv', { title: 'Dune', year: 2021, movieFolder: 'Dune (2021)' }],
    ['Dune (2021)/Dune (2021).UHD.mkv', { title: 'Dune', year: 2021, movieFolder: 'Dune (2021)' }],
    ['Dune (2021)/Dune - Family Cut.mkv', { title: 'Dune', year: 2021, movieFolder: 'Dune (2021)' }],
    ['Dune (2021)/Dune (2021) - Directors Cut.mkv', { title: 'Dune', year: 2021, edition: "Director's Cut", movieFolder: 'Dune (2021)' }],
    ['Iron Man/Iron Man - B (2006).mkv', { title: 'Iron Man - B', year: 2006, movieFolder: null }],
    ['Alien/Alien.Resurrection.mkv', { title: 'Alien Resurrection', movieFolder: 'Alien' }],
  ]);
});
