import { describe, expect, it } from 'vitest';
import {
  classifyArtwork,
  identify,
  isIgnoredDirName,
  isIgnoredFileName,
  normaliseLanguage,
  parseSeasonFolder,
  parseSidecarSubtitle,
  sortKey,
  type Identification,
  type LibraryType,
} from '../../src/main/library/naming';

// Deterministic PRNG (mulberry32) so a failure reproduces from the seed.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  'a', 'Z', '0', '7', '19', '2024', ' ', '.', '_', '-', '/', '//', '(', ')', '[', ']', '{', '}', '（', '）', '【', '】', "'", '&', '#', '$',
  '@', '+', '~', 'S01E02', 's1e2', '1x02', 'E05', '-E06', 'x', 'Season 1', 'Specials', 'sample', 'trailer', '-trailer', 'Extras',
  '1080p', 'x264-GRP', 'BluRay', 'WEB', 'MULTi', 'HSBS', '3D', 'cd1', 'part 2', '{edition-', 'Cut}', '[tmdbid-', '603]', 'tt0133093',
  '{imdb-tt', 'BDMV', 'VIDEO_TS', '2011-11-23', '23.11.2011', '99-99-9999', '千と千尋', 'Леон', 'الرسالة', 'עונה', '시즌', '第1季', '🙂',
  '👨‍👩‍👧', '\uFFFD', '\uD800', '\uDC00', '\u200B', '\u202E', 'é', 'e\u0301', 'ß', 'İ', 'ﬁ', '.mkv', '.srt', '.jpg', '\t', '\n', '\0',
  '..', '.', '._', 'season01-poster', '-poster', 'forced', 'pt-BR', 'Die', 'The', '000000000000000000001',
];

function randomString(next: () => number, maxParts: number): string {
  let s = '';
  const n = Math.floor(next() * maxParts);
  for (let i = 0; i < n; i++) {
    if (next() < 0.15) s += String.fromCharCode(Math.floor(next() * 0xffff));
    else s += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] as string;
  }
  return s;
}

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const KINDS = new Set(['movie', 'episode', 'extra', 'ignored']);
const EXTRA_TYPES = new Set(['trailer', 'featurette', 'behindthescenes', 'deletedscene', 'interview', 'scene', 'short', 'clip', 'extra']);

/** Every shape rule the scanner relies on; returns the first broken one, or null. */
function problem(id: Identification): string | null {
  if (!KINDS.has(id.kind)) return 'kind';
  const ids = 'providerIds' in id ? id.providerIds : {};
  for (const v of Object.values(ids)) if (typeof v !== 'string' || v.length === 0) return 'provider id';
  switch (id.kind) {
    case 'movie':
      if (typeof id.title !== 'string' || id.title.length === 0) return 'movie title';
      if (id.year !== undefined && (!isInt(id.year) || id.year < 1888)) return 'year';
      if (id.part !== undefined && (!isInt(id.part) || id.part < 1)) return 'part';
      if (id.edition !== undefined && id.edition.trim().length === 0) return 'edition';
      if (id.is3d !== undefined && id.is3d !== true) return 'is3d';
      if (id.movieFolder !== null && typeof id.movieFolder !== 'string') return 'movieFolder';
      return null;
    case 'episode':
      if (typeof id.series !== 'string' || id.series.length === 0) return 'series';
      if (typeof id.seriesFolder !== 'string') return 'seriesFolder';
      for (const n of [id.season, id.episode, id.episodeEnd, id.seriesYear]) if (n !== undefined && (!isInt(n) || n < 0)) return 'number';
      if (id.episodeEnd !== undefined && (id.episode === undefined || id.episodeEnd <= id.episode)) return 'episodeEnd';
      if (id.airDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(id.airDate)) return 'airDate';
      if (id.title !== undefined && id.title.length === 0) return 'episode title';
      return null;
    case 'extra':
      if (!EXTRA_TYPES.has(id.extraType)) return 'extraType';
      if (id.title.length === 0) return 'extra title';
      return typeof id.owner === 'string' ? null : 'owner';
    case 'ignored':
      return id.reason.length > 0 ? null : 'reason';
  }
}

const TYPES: LibraryType[] = ['movies', 'shows', 'mixed'];

describe('fuzz: random names never throw and always give a well-formed answer', () => {
  it('identify() on 3,000 random paths in each library type', () => {
    const next = rng(20240611);
    const failures: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const path = randomString(next, 14) + (next() < 0.8 ? '.mkv' : '');
      for (const type of TYPES) {
        const why = problem(identify(path, type));
        if (why) failures.push(`${type} ${JSON.stringify(path)}: ${why}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('identify() on names at the 255-byte limit and on pathological inputs', () => {
    const next = rng(7);
    const inputs = [
      '',
      '/',
      '.mkv',
      '..mkv',
      '/////a.mkv',
      './a.mkv',
      '\uFFFD\uFFFD\uFFFD.mkv',
      '🙂🙂🙂 (2020).mkv',
      'שלום עולם (2020).mkv',
      '\u202Eevil\u202C.mkv',
      'a'.repeat(251) + '.mkv',
      '千'.repeat(85) + '.mkv',
      '('.repeat(300) + '.mkv',
      '[' + ']['.repeat(200) + '.mkv',
      '1'.repeat(251) + '.mkv',
      'S01E01'.repeat(40) + '.mkv',
      '-'.repeat(250) + '.mkv',
      ' '.repeat(250) + '.mkv',
      'Season 1/'.repeat(30) + 'x.mkv',
      'Extras/'.repeat(30) + 'x.mkv',
      // The season-pack, continuation and bare-number patterns on their worst shapes.
      'Season 1' + ' - x'.repeat(60) + '/a.mkv',
      'Show S01' + ' - 1'.repeat(60) + '/01x02' + ' - x03'.repeat(40) + '.mkv',
      '[' + '1]['.repeat(80) + '.mkv',
      's1.'.repeat(80) + '/x.mkv',
      'Season 1 ' + '1080p '.repeat(40) + '/02.mkv',
      '2013 12 09 '.repeat(20) + '.mkv',
      '年'.repeat(100) + '.mkv',
      randomString(next, 200) + '.mkv',
    ];
    for (const path of inputs) for (const type of TYPES) expect(problem(identify(path, type)), `${type} ${JSON.stringify(path)}`).toBeNull();
  });

  it('the other classifiers accept any string', () => {
    const next = rng(99);
    for (let i = 0; i < 2000; i++) {
      const a = randomString(next, 8);
      const b = randomString(next, 6);
      const season = parseSeasonFolder(a);
      expect(season === null || (Number.isInteger(season) && season >= 0)).toBe(true);
      const sub = parseSidecarSubtitle(a + '.srt', b);
      if (sub) expect(sub.format).toBe('srt');
      const art = classifyArtwork(a + '.jpg', next() < 0.5 ? null : b);
      if (art) expect(['folder', 'file']).toContain(art.scope);
      const lang = normaliseLanguage(a);
      expect(lang === null || /^[a-z]{3}$/.test(lang)).toBe(true);
      if (a.length > 0) expect(sortKey(a).length).toBeGreaterThan(0);
      expect(typeof isIgnoredDirName(a)).toBe('boolean');
      expect(typeof isIgnoredFileName(a)).toBe('boolean');
    }
  });
});
