import { describe, expect, it } from 'vitest';
import { identify, type Identification, type LibraryType } from '../../src/main/library/naming';

type Extra = Extract<Identification, { kind: 'extra' }>;
type Row = [path: string, expected: Omit<Extra, 'kind'>];

const check = (rows: Row[], type: LibraryType = 'movies') =>
  it.each(rows)('%s', (path, expected) => {
    expect(identify(path, type)).toEqual({ kind: 'extra', ...expected });
  });

describe('extras: by folder, owned by the folder above the extras folder', () => {
  check([
    ['Alien (1979)/Trailers/Teaser.mkv', { extraType: 'trailer', title: 'Teaser', owner: 'Alien (1979)' }],
    ['Alien (1979)/trailers/teaser.mkv', { extraType: 'trailer', title: 'teaser', owner: 'Alien (1979)' }],
    ['Alien (1979)/Extras/Making of.mkv', { extraType: 'extra', title: 'Making of', owner: 'Alien (1979)' }],
    ['Alien (1979)/Behind The Scenes/Ridley.mkv', { extraType: 'behindthescenes', title: 'Ridley', owner: 'Alien (1979)' }],
    ['Alien (1979)/Deleted Scenes/Airlock.mkv', { extraType: 'deletedscene', title: 'Airlock', owner: 'Alien (1979)' }],
    ['Alien (1979)/Featurettes/Design.mkv', { extraType: 'featurette', title: 'Design', owner: 'Alien (1979)' }],
    ['Alien (1979)/Interviews/Sigourney Weaver.mkv', { extraType: 'interview', title: 'Sigourney Weaver', owner: 'Alien (1979)' }],
    ['Alien (1979)/Scenes/Chestburster.mkv', { extraType: 'scene', title: 'Chestburster', owner: 'Alien (1979)' }],
    ['Alien (1979)/Shorts/Short One.mkv', { extraType: 'short', title: 'Short One', owner: 'Alien (1979)' }],
    ['Alien (1979)/Clips/Clip 1.mkv', { extraType: 'clip', title: 'Clip 1', owner: 'Alien (1979)' }],
    ['Alien (1979)/Other/Stuff.mkv', { extraType: 'extra', title: 'Stuff', owner: 'Alien (1979)' }],
    ['Alien (1979)/EXTRAS/Gag.Reel.1080p.mkv', { extraType: 'extra', title: 'Gag Reel', owner: 'Alien (1979)' }],
    ['Movies/Alien (1979)/Trailers/Alien-trailer.mkv', { extraType: 'trailer', title: 'Alien', owner: 'Movies/Alien (1979)' }],
    ['Alien (1979)/Extras/Interviews/Cast.mkv', { extraType: 'interview', title: 'Cast', owner: 'Alien (1979)' }],
  ]);
  check(
    [
      ['Show/Extras/Bloopers.mkv', { extraType: 'extra', title: 'Bloopers', owner: 'Show' }],
      ['Show/Season 1/Extras/Bloopers.mkv', { extraType: 'extra', title: 'Bloopers', owner: 'Show/Season 1' }],
      ['Show/Season 2/Behind the Scenes/Set Tour.mkv', { extraType: 'behindthescenes', title: 'Set Tour', owner: 'Show/Season 2' }],
      ['Show/Trailers/Season 1 Trailer.mkv', { extraType: 'trailer', title: 'Season 1 Trailer', owner: 'Show' }],
    ],
    'shows',
  );
});

describe('extras: by file-name suffix, owned by the video without the suffix', () => {
  check([
    ['Movies/Alien (1979)-trailer.mkv', { extraType: 'trailer', title: 'Alien - Trailer', owner: 'Movies/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-trailer.mkv', { extraType: 'trailer', title: 'Alien - Trailer', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979).trailer.mkv', { extraType: 'trailer', title: 'Alien - Trailer', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)_trailer.mkv', { extraType: 'trailer', title: 'Alien - Trailer', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-Trailer.mkv', { extraType: 'trailer', title: 'Alien - Trailer', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-trailer2.mkv', { extraType: 'trailer', title: 'Alien - Trailer', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-behindthescenes.mkv', { extraType: 'behindthescenes', title: 'Alien - Behind the Scenes', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-deleted.mkv', { extraType: 'deletedscene', title: 'Alien - Deleted Scene', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-deletedscene.mkv', { extraType: 'deletedscene', title: 'Alien - Deleted Scene', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-featurette.mkv', { extraType: 'featurette', title: 'Alien - Featurette', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-interview.mkv', { extraType: 'interview', title: 'Alien - Interview', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-scene.mkv', { extraType: 'scene', title: 'Alien - Scene', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-short.mkv', { extraType: 'short', title: 'Alien - Short', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-clip.mkv', { extraType: 'clip', title: 'Alien - Clip', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-other.mkv', { extraType: 'extra', title: 'Alien - Extra', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979)/Alien (1979)-extra.mkv', { extraType: 'extra', title: 'Alien - Extra', owner: 'Alien (1979)/Alien (1979)' }],
    ['Alien (1979) - Trailer.mkv', { extraType: 'trailer', title: 'Alien - Trailer', owner: 'Alien (1979)' }],
  ]);
  check(
    [['Show/Season 1/Show S01E01-deleted.mkv', { extraType: 'deletedscene', title: 'Show S01E01 - Deleted Scene', owner: 'Show/Season 1/Show S01E01' }]],
    'shows',
  );
});

describe("extras: Kodi's trailer names in a movie folder", () => {
  check([
    ['Alien (1979)/trailer.mkv', { extraType: 'trailer', title: 'Trailer', owner: 'Alien (1979)' }],
    ['Alien (1979)/movie-trailer.mkv', { extraType: 'trailer', title: 'Trailer', owner: 'Alien (1979)' }],
    ['Alien (1979)/Trailer.mp4', { extraType: 'trailer', title: 'Trailer', owner: 'Alien (1979)' }],
  ]);
});

describe('extras: what is not an extra', () => {
  it.each<[string, LibraryType, Identification['kind']]>([
    ['Extras/Season 1/Extras S01E01.mkv', 'shows', 'episode'],
    ['Extras (2005)/Season 1/Extras.S01E02.mkv', 'shows', 'episode'],
    ['Show/Specials/Show S00E01.mkv', 'shows', 'episode'],
    ['Shorts/Luxo Jr (1986).mkv', 'movies', 'movie'],
    ['Movies/Shorts/Luxo Jr (1986).mkv', 'movies', 'movie'],
    ['Trailers/Alien.mkv', 'movies', 'movie'],
    ['Some.Movie.2010.720p.BluRay.x264-SHORT.mkv', 'movies', 'movie'],
    ['Some.Movie.2010.1080p.WEB-DL.H264-CLIP.mkv', 'movies', 'movie'],
    ['The Interview (2014).mkv', 'movies', 'movie'],
    ['The Big Short (2015).mkv', 'movies', 'movie'],
    ['Alien (1979)/sample.mkv', 'movies', 'ignored'],
    ['Alien (1979)/Samples/x.mkv', 'movies', 'ignored'],
  ])('%s (%s) is a %s', (path, type, kind) => {
    expect(identify(path, type).kind).toBe(kind);
  });
});
