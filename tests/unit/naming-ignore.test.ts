import { describe, expect, it } from 'vitest';
import {
  identify,
  isIgnoredDirName,
  isIgnoredFileName,
  isImageFile,
  isNfoFile,
  isSubtitleFile,
  isVideoFile,
} from '../../src/main/library/naming';

describe('ignored: identify() names the rule that excludes a path', () => {
  it.each([
    ['Alien (1979)/Alien (1979)-sample.mkv', 'sample'],
    ['Alien (1979)/Alien (1979).sample.mkv', 'sample'],
    ['Alien (1979)/alien_sample.mkv', 'sample'],
    ['Alien (1979)/Alien (1979) - sample.mkv', 'sample'],
    ['Alien (1979)/sample.mkv', 'sample'],
    ['Alien (1979)/SAMPLE.mkv', 'sample'],
    ['Alien (1979)/sample-grp-alien.mkv', 'sample'],
    ['Alien (1979)/Sample/alien.mkv', 'sample'],
    ['Alien (1979)/samples/anything.mkv', 'sample'],
    ['.hidden.mkv', 'dotfile'],
    ['Movies/.Alien (1979).mkv', 'dotfile'],
    ['Movies/._Alien (1979).mkv', 'appledouble'],
    ['Movies/@eaDir/Alien (1979).mkv/SYNOVIDEO_VIDEO_SCREENSHOT.mkv', 'system folder'],
    ['#recycle/Alien (1979).mkv', 'system folder'],
    ['#snapshot/2024/Alien (1979).mkv', 'system folder'],
    ['$RECYCLE.BIN/S-1-5-21/Alien.mkv', 'system folder'],
    ['.Trash-1000/files/Alien.mkv', 'system folder'],
    ['.AppleDouble/Alien.mkv', 'system folder'],
    ['System Volume Information/x.mkv', 'system folder'],
    ['lost+found/#12345.mkv', 'system folder'],
    ['Movies/.secret/Alien.mkv', 'hidden folder'],
    ['', 'empty path'],
    ['/', 'empty path'],
  ])('%s → %s', (path, reason) => {
    expect(identify(path, 'movies')).toEqual({ kind: 'ignored', reason });
    expect(identify(path, 'shows')).toEqual({ kind: 'ignored', reason });
  });
});

describe('ignored: folder names the scanner must not enter', () => {
  it.each([
    'sample', 'Sample', 'samples', 'SAMPLES', '.hidden', '.git', '@eaDir', 'eaDir', '#recycle', '#snapshot', '@Recycle',
    '$RECYCLE.BIN', '$Recycle.Bin', '.Trash-1000', '.Trashes', '.AppleDouble', 'System Volume Information', 'lost+found',
    '.@__thumb', '.zfs', '.snapshot', 'RECYCLER', '.Spotlight-V100', '.fseventsd',
  ])('%s is skipped', (name) => {
    expect(isIgnoredDirName(name)).toBe(true);
  });
  it.each(['Alien (1979)', 'Season 1', 'Specials', 'Extras', 'Trailers', 'extrafanart', 'Subs', 'Sample People (2000)', 'BDMV', 'VIDEO_TS', '.', '..'])(
    '%s is entered',
    (name) => {
      expect(isIgnoredDirName(name)).toBe(false);
    },
  );
});

describe('ignored: file names that are never media', () => {
  it.each([
    '.DS_Store', '._Alien.mkv', '.hidden', 'Thumbs.db', 'thumbs.db', 'desktop.ini', 'ehthumbs.db', 'movie-sample.mkv',
    'movie.sample.mkv', 'sample.mkv', 'Alien.mkv.part', 'Alien.mkv.crdownload', 'Alien.mkv.!qb',
  ])('%s is ignored', (name) => {
    expect(isIgnoredFileName(name)).toBe(true);
  });
  it.each(['Alien (1979).mkv', 'Free Sample (2010).mkv', 'Samples of Life.mkv', 'poster.jpg', 'movie.nfo', 'Alien.en.srt'])(
    '%s is kept',
    (name) => {
      expect(isIgnoredFileName(name)).toBe(false);
    },
  );
});

describe('file kinds by extension, case-insensitive', () => {
  it.each([
    'a.mkv', 'a.MKV', 'a.mp4', 'a.m4v', 'a.avi', 'a.mov', 'a.wmv', 'a.webm', 'a.ts', 'a.m2ts', 'a.mts', 'a.mpg', 'a.mpeg',
    'a.ogv', 'a.flv', 'a.iso', 'a.3gp', 'a.vob', 'a.divx', 'a.mk3d', 'a.rmvb', 'a.asf', 'a.wtv',
  ])('%s is a video', (name) => {
    expect(isVideoFile(name)).toBe(true);
  });
  it.each(['a.srt', 'a.mkv.txt', 'a', 'mkv', 'a.jpg', 'a.nfo', 'a.', 'a.mp3'])('%s is not a video', (name) => {
    expect(isVideoFile(name)).toBe(false);
  });
  it.each(['a.srt', 'a.ASS', 'a.ssa', 'a.vtt', 'a.sup', 'a.sub', 'a.idx', 'a.smi'])('%s is a subtitle', (name) => {
    expect(isSubtitleFile(name)).toBe(true);
  });
  it.each(['a.txt', 'a.mkv', 'a.srt.bak'])('%s is not a subtitle', (name) => {
    expect(isSubtitleFile(name)).toBe(false);
  });
  it.each(['a.jpg', 'a.JPEG', 'a.png', 'a.webp', 'a.gif', 'a.bmp', 'a.tbn'])('%s is an image', (name) => {
    expect(isImageFile(name)).toBe(true);
  });
  it.each(['a.svg', 'a.mkv', 'jpg'])('%s is not an image', (name) => {
    expect(isImageFile(name)).toBe(false);
  });
  it('an .nfo is an nfo, whatever its case', () => {
    expect(isNfoFile('movie.nfo')).toBe(true);
    expect(isNfoFile('tvshow.NFO')).toBe(true);
    expect(isNfoFile('movie.nfo.bak')).toBe(false);
  });
});
