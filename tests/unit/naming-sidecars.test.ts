import { describe, expect, it } from 'vitest';
import { classifyArtwork, parseSidecarSubtitle, type ArtworkKind, type SidecarSubtitle } from '../../src/main/library/naming';

const plain = { forced: false, sdh: false, default: false };

describe('sidecar subtitles belonging to a video', () => {
  it.each<[string, string, SidecarSubtitle]>([
    ['Alien (1979).srt', 'Alien (1979)', { ...plain, format: 'srt' }],
    ['Alien (1979).en.srt', 'Alien (1979)', { ...plain, format: 'srt', language: 'eng' }],
    ['Alien (1979).eng.srt', 'Alien (1979)', { ...plain, format: 'srt', language: 'eng' }],
    ['Alien (1979).English.srt', 'Alien (1979)', { ...plain, format: 'srt', language: 'eng' }],
    ['Alien (1979).en.forced.srt', 'Alien (1979)', { ...plain, forced: true, format: 'srt', language: 'eng' }],
    ['Alien (1979).eng.sdh.srt', 'Alien (1979)', { ...plain, sdh: true, format: 'srt', language: 'eng' }],
    ['Alien (1979).en.hi.srt', 'Alien (1979)', { ...plain, sdh: true, format: 'srt', language: 'eng' }],
    ['Alien (1979).en.cc.srt', 'Alien (1979)', { ...plain, sdh: true, format: 'srt', language: 'eng' }],
    ['Alien (1979).pt-BR.default.ass', 'Alien (1979)', { ...plain, default: true, format: 'ass', language: 'por' }],
    ['Alien (1979).fre.forced.default.ssa', 'Alien (1979)', { ...plain, forced: true, default: true, format: 'ssa', language: 'fre' }],
    ['Alien (1979).forced.en.srt', 'Alien (1979)', { ...plain, forced: true, format: 'srt', language: 'eng' }],
    ['Alien (1979).German.vtt', 'Alien (1979)', { ...plain, format: 'vtt', language: 'ger' }],
    ['Alien (1979).deu.sup', 'Alien (1979)', { ...plain, format: 'sup', language: 'ger' }],
    ['Alien (1979).ja.sub', 'Alien (1979)', { ...plain, format: 'sub', language: 'jpn' }],
    ['Alien (1979).zh-Hans.idx', 'Alien (1979)', { ...plain, format: 'idx', language: 'chi' }],
    ['Alien (1979).ko.smi', 'Alien (1979)', { ...plain, format: 'smi', language: 'kor' }],
    ['Alien (1979).English (SDH).srt', 'Alien (1979)', { ...plain, sdh: true, format: 'srt', language: 'eng' }],
    ['Alien (1979).en.Commentary.srt', 'Alien (1979)', { ...plain, format: 'srt', language: 'eng', title: 'Commentary' }],
    ["Alien (1979).Director's Commentary.srt", 'Alien (1979)', { ...plain, format: 'srt', title: "Director's Commentary" }],
    ['alien (1979).EN.SRT', 'Alien (1979)', { ...plain, format: 'srt', language: 'eng' }],
    ['The.Matrix.1999.1080p.BluRay.x264.en.srt', 'The.Matrix.1999.1080p.BluRay.x264', { ...plain, format: 'srt', language: 'eng' }],
    ['Alien (1979)_eng.srt', 'Alien (1979)', { ...plain, format: 'srt', language: 'eng' }],
    ['Alien (1979)-forced.srt', 'Alien (1979)', { ...plain, forced: true, format: 'srt' }],
    ['Show S01E01.spa.srt', 'Show S01E01', { ...plain, format: 'srt', language: 'spa' }],
    ['Show S01E01.Español.srt', 'Show S01E01', { ...plain, format: 'srt', language: 'spa' }],
    ['Show S01E01.Русский.srt', 'Show S01E01', { ...plain, format: 'srt', language: 'rus' }],
  ])('%s (video %s)', (file, stem, expected) => {
    expect(parseSidecarSubtitle(file, stem)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['Aliens (1986).en.srt', 'Alien (1979)'],
    ['Alien.en.srt', 'Alien (1979)'],
    ['Alien (1979) 2.srt', 'Alien (1979)'],
    ['Alien (1979)-Commentary.srt', 'Alien (1979)'],
    ['Alien (1979)x.srt', 'Alien (1979)'],
    ['Alien (1979).en.txt', 'Alien (1979)'],
    ['Alien (1979).mkv', 'Alien (1979)'],
    ['.srt', ''],
  ])('%s does not belong to %s', (file, stem) => {
    expect(parseSidecarSubtitle(file, stem)).toBeNull();
  });
});

type Art = { kind: ArtworkKind; season?: number; scope: 'folder' | 'file' };

describe('local artwork names', () => {
  it.each<[string, string | null, Art]>([
    ['poster.jpg', null, { kind: 'poster', scope: 'folder' }],
    ['folder.jpg', null, { kind: 'poster', scope: 'folder' }],
    ['cover.png', null, { kind: 'poster', scope: 'folder' }],
    ['default.jpg', null, { kind: 'poster', scope: 'folder' }],
    ['movie.jpg', 'Alien (1979)', { kind: 'poster', scope: 'folder' }],
    ['fanart.jpg', null, { kind: 'backdrop', scope: 'folder' }],
    ['backdrop.jpg', null, { kind: 'backdrop', scope: 'folder' }],
    ['background.jpg', null, { kind: 'backdrop', scope: 'folder' }],
    ['art.jpg', null, { kind: 'backdrop', scope: 'folder' }],
    ['fanart1.jpg', null, { kind: 'backdrop', scope: 'folder' }],
    ['backdrop2.jpg', null, { kind: 'backdrop', scope: 'folder' }],
    ['fanart-3.jpg', null, { kind: 'backdrop', scope: 'folder' }],
    ['landscape.jpg', null, { kind: 'thumb', scope: 'folder' }],
    ['thumb.jpg', null, { kind: 'thumb', scope: 'folder' }],
    ['clearlogo.png', null, { kind: 'logo', scope: 'folder' }],
    ['logo.png', null, { kind: 'logo', scope: 'folder' }],
    ['banner.jpg', null, { kind: 'banner', scope: 'folder' }],
    ['clearart.png', null, { kind: 'clearart', scope: 'folder' }],
    ['disc.png', null, { kind: 'disc', scope: 'folder' }],
    ['discart.png', null, { kind: 'disc', scope: 'folder' }],
    ['cdart.png', null, { kind: 'disc', scope: 'folder' }],
    ['POSTER.JPG', null, { kind: 'poster', scope: 'folder' }],
    ['Alien (1979)-poster.jpg', 'Alien (1979)', { kind: 'poster', scope: 'file' }],
    ['Alien (1979)-fanart.jpg', 'Alien (1979)', { kind: 'backdrop', scope: 'file' }],
    ['Alien (1979)-landscape.jpg', 'Alien (1979)', { kind: 'thumb', scope: 'file' }],
    ['Alien (1979)-clearlogo.png', 'Alien (1979)', { kind: 'logo', scope: 'file' }],
    ['Alien (1979)-banner.jpg', 'Alien (1979)', { kind: 'banner', scope: 'file' }],
    ['Alien (1979)-disc.png', 'Alien (1979)', { kind: 'disc', scope: 'file' }],
    ['Alien (1979)-clearart.png', 'Alien (1979)', { kind: 'clearart', scope: 'file' }],
    ['Alien (1979).jpg', 'Alien (1979)', { kind: 'poster', scope: 'file' }],
    ['Show S01E01.tbn', 'Show S01E01', { kind: 'poster', scope: 'file' }],
    ['Show S01E01-thumb.jpg', 'Show S01E01', { kind: 'thumb', scope: 'file' }],
    ['season01-poster.jpg', null, { kind: 'poster', season: 1, scope: 'folder' }],
    ['season1-poster.jpg', null, { kind: 'poster', season: 1, scope: 'folder' }],
    ['season12-banner.jpg', null, { kind: 'banner', season: 12, scope: 'folder' }],
    ['season02-fanart.jpg', null, { kind: 'backdrop', season: 2, scope: 'folder' }],
    ['season03-landscape.jpg', null, { kind: 'thumb', season: 3, scope: 'folder' }],
    ['season00-poster.jpg', null, { kind: 'poster', season: 0, scope: 'folder' }],
    ['season-specials-poster.jpg', null, { kind: 'poster', season: 0, scope: 'folder' }],
    ['season-all-poster.jpg', null, { kind: 'poster', season: -1, scope: 'folder' }],
    ['season01.jpg', null, { kind: 'poster', season: 1, scope: 'folder' }],
    ['Season01-Poster.JPG', 'Show S01E01', { kind: 'poster', season: 1, scope: 'folder' }],
  ])('%s (video %s)', (file, stem, expected) => {
    expect(classifyArtwork(file, stem)).toEqual(expected);
  });

  it.each<[string, string | null]>([
    ['holiday.jpg', null],
    ['Alien (1979)-poster.jpg', null],
    ['Aliens (1986)-poster.jpg', 'Alien (1979)'],
    ['Alien (1979)-random.jpg', 'Alien (1979)'],
    ['poster.txt', null],
    ['poster.svg', null],
    ['season-poster.jpg', null],
  ])('%s (video %s) is not artwork', (file, stem) => {
    expect(classifyArtwork(file, stem)).toBeNull();
  });
});
