// Generates the demo library once (after two interrupted attempts) and checks its tree, codecs, sidecars and NFOs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECIPE_VERSION, makeDemoLibrary, type DemoProgress, type DemoResult } from '../../src/main/demo';
import { CONTAINER_EXT } from '../../src/main/demo/clips';
import { actorFileName, editionFileName, safeFileName } from '../../src/main/demo/make-demo';
import { identify } from '../../src/main/library/naming';
import { loadRecipe, resolvePremiered, type ClipSpec, type CodecSet } from '../../src/main/demo/recipe';
import { runTool } from '../../src/main/media-tools/run';
import { mediaTools } from '../../src/main/media-tools/tools';

const recipe = loadRecipe();
const MB = 1024 * 1024;

interface ProbeStream {
  index: number;
  codec_type: string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  channels?: number;
  tags?: Record<string, string>;
  disposition?: Record<string, number>;
}
interface Probe {
  streams: ProbeStream[];
  format: { format_name: string; duration: string };
}

async function probe(file: string): Promise<Probe> {
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], {
    timeoutMs: 30_000,
  });
  if (r.code !== 0) throw new Error(`ffprobe ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Probe;
}

async function keyframeTimes(file: string): Promise<number[]> {
  const r = await runTool(
    mediaTools().ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file],
    { timeoutMs: 30_000 },
  );
  return r.stdout
    .split('\n')
    .filter((l) => l.includes('K'))
    .map((l) => Number(l.split(',')[0]));
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
type Xml = Record<string, unknown>;
async function readNfo(file: string, root: string): Promise<Xml> {
  const text = await readFile(file, 'utf8');
  expect(XMLValidator.validate(text), file).toBe(true);
  const doc = parser.parse(text) as Xml;
  expect(doc[root], `${file} has <${root}>`).toBeTypeOf('object');
  return doc[root] as Xml;
}
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Expected probe result per codec set: the container, the video codec and the audio codecs in order. */
const EXPECTED: Record<CodecSet, { format: string; video: string; audio: string[] }> = {
  'h264-aac-mp4': { format: 'mp4', video: 'h264', audio: ['aac'] },
  'vp9-opus-webm': { format: 'webm', video: 'vp9', audio: ['opus'] },
  'h264-ac3-mkv': { format: 'matroska', video: 'h264', audio: ['ac3'] },
  'hevc-aac-mkv': { format: 'matroska', video: 'hevc', audio: ['aac'] },
  'h264-aac-ac3-mkv': { format: 'matroska', video: 'h264', audio: ['aac', 'ac3'] },
};

let root: string;
let lib: string;
let result: DemoResult;
const progress: DemoProgress[] = [];
const interrupted = {
  thrown: undefined as unknown,
  leftAfterThrow: [] as string[],
  aborted: undefined as unknown,
  leftAfterAbort: [] as string[],
};
const stale: string[] = [];

function movieDir(m: (typeof recipe.movies)[number]): string {
  return join(lib, 'Movies', safeFileName(`${m.title} (${m.year})`));
}
function movieBase(m: (typeof recipe.movies)[number]): string {
  return safeFileName(`${m.title} (${m.year})`);
}
function showDir(s: (typeof recipe.shows)[number]): string {
  return join(lib, 'Shows', safeFileName(`${s.title} (${resolvePremiered(s.premiered).slice(0, 4)})`));
}
interface Video {
  label: string;
  file: string;
  spec: ClipSpec;
}
function allVideos(): Video[] {
  const out: Video[] = recipe.movies.map((m) => ({
    label: m.title,
    file: join(movieDir(m), `${movieBase(m)}.${CONTAINER_EXT[m.clip.codec]}`),
    spec: m.clip,
  }));
  for (const m of recipe.movies) {
    for (const e of m.editions) out.push({ label: `${m.title} ${e.edition}`, file: join(movieDir(m), editionFileName(movieBase(m), e)), spec: e.clip });
  }
  for (const s of recipe.shows) {
    for (const season of s.seasons) {
      for (const e of season.episodes) {
        const code = `S${String(season.season).padStart(2, '0')}E${String(e.episode).padStart(2, '0')}`;
        out.push({
          label: `${s.title} ${code}`,
          file: join(
            showDir(s),
            `Season ${String(season.season).padStart(2, '0')}`,
            `${safeFileName(s.title)} - ${code} - ${safeFileName(e.title)}.${CONTAINER_EXT[e.clip.codec]}`,
          ),
          spec: e.clip,
        });
      }
    }
  }
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mc-demo-'));
  // Spaces and an apostrophe in the path exercise the filtergraph escaping of drawtext's file paths.
  lib = join(root, "Family's Demo Library");

  // A run killed half-way: the progress callback throws after a few files.
  let seen = 0;
  interrupted.thrown = await makeDemoLibrary(lib, {
    onProgress: () => {
      if (++seen === 5) throw new Error('simulated kill');
    },
  }).catch((e: unknown) => e);
  interrupted.leftAfterThrow = await readdir(root);

  // A run cancelled through its signal once the first clip is done.
  const ctl = new AbortController();
  interrupted.aborted = await makeDemoLibrary(lib, {
    signal: ctl.signal,
    onProgress: (p) => {
      if (/\.(mp4|mkv|webm)$/.test(p.current)) ctl.abort();
    },
  }).catch((e: unknown) => e);
  interrupted.leftAfterAbort = await readdir(root);

  // Leftovers of runs that really were killed: one owned by a dead process, one ownerless and old.
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  const a = `${lib}.partial-0dead0pid0`;
  await mkdir(join(a, 'Movies'), { recursive: true });
  await writeFile(join(a, '.owner'), JSON.stringify({ pid: dead, host: hostname() }));
  const b = `${lib}.partial-0ld0n0owner`;
  await mkdir(join(b, 'Shows'), { recursive: true });
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(b, hourAgo, hourAgo);
  stale.push(a, b);

  result = await makeDemoLibrary(lib, { onProgress: (p) => progress.push(p) });
  console.log(
    `demo library: ${result.files} files, ${(result.bytes / MB).toFixed(1)} MB in ${result.seconds.toFixed(1)} s ` +
      `(${result.movies} movies, ${result.series} series)`,
  );
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('demo library: atomic and idempotent', () => {
  it('a run killed half-way leaves neither a library nor a partial folder behind', () => {
    expect((interrupted.thrown as Error).message).toBe('simulated kill');
    expect(interrupted.leftAfterThrow).toEqual([]);
    expect((interrupted.aborted as Error).name).toBe('AbortError');
    expect(interrupted.leftAfterAbort).toEqual([]);
  });

  it('the next run completes the library and removes stale partial folders', async () => {
    expect(result.created).toBe(true);
    expect(result.dir).toBe(lib);
    for (const p of stale) expect(existsSync(p), p).toBe(false);
    expect(await readdir(root)).toEqual(["Family's Demo Library"]);
    const marker = JSON.parse(await readFile(join(lib, '.media-centre-demo'), 'utf8')) as { version: number };
    expect(marker.version).toBe(DEMO_RECIPE_VERSION);
  });

  it('reports progress up to the total', () => {
    const last = progress.at(-1);
    expect(last?.done).toBe(last?.total);
    expect(progress.length).toBe(last?.total);
    expect(progress.every((p, i) => p.done === i + 1 && p.current.length > 0)).toBe(true);
  });

  it('a second call is a no-op', async () => {
    const markerFile = join(lib, '.media-centre-demo');
    const before = (await stat(markerFile)).mtimeMs;
    const again = await makeDemoLibrary(lib);
    expect(again).toMatchObject({ created: false, movies: result.movies, series: result.series, files: result.files, bytes: result.bytes });
    expect((await stat(markerFile)).mtimeMs).toBe(before);
  });

  it('refuses to replace a folder that is not a demo library', async () => {
    const foreign = join(root, 'My Films');
    await mkdir(foreign);
    await writeFile(join(foreign, 'keep.txt'), 'mine');
    await expect(makeDemoLibrary(foreign)).rejects.toThrow(/not a demo library/);
    expect(await readFile(join(foreign, 'keep.txt'), 'utf8')).toBe('mine');
    await rm(foreign, { recursive: true });
  });
});

describe('demo library: contents', () => {
  it('is small and counts what it wrote', () => {
    expect(result.movies).toBeGreaterThanOrEqual(10);
    expect(result.series).toBeGreaterThanOrEqual(2);
    expect(result.bytes).toBeLessThan(80 * MB);
    expect(result.files).toBeGreaterThan(60);
  });

  it('lays out movies and shows the Jellyfin/Kodi way', async () => {
    for (const m of recipe.movies) {
      const dir = movieDir(m);
      const base = movieBase(m);
      for (const f of [`${base}.${CONTAINER_EXT[m.clip.codec]}`, `${base}.nfo`, 'poster.jpg', 'fanart.jpg']) {
        expect(existsSync(join(dir, f)), join(dir, f)).toBe(true);
      }
    }
    const [series, announced] = recipe.shows;
    expect(series?.seasons.length).toBe(2);
    expect(series?.seasons[0]?.episodes.length).toBe(3);
    expect(series?.seasons[1]?.episodes.length).toBeGreaterThanOrEqual(2);
    const showFiles = await readdir(showDir(series!));
    expect(showFiles).toEqual(
      expect.arrayContaining(['tvshow.nfo', 'poster.jpg', 'fanart.jpg', 'season01-poster.jpg', 'season02-poster.jpg', 'Season 01', 'Season 02', '.actors']),
    );
    for (const v of allVideos()) expect(existsSync(v.file), v.file).toBe(true);
    const seasonOne = await readdir(join(showDir(series!), 'Season 01'));
    expect(seasonOne.filter((f) => f.endsWith('.nfo'))).toHaveLength(3);
    expect(seasonOne.filter((f) => f.endsWith('-thumb.jpg'))).toHaveLength(3);

    // The announced show has its metadata and art, and nothing to play.
    expect(announced?.status).toBe('Upcoming');
    const announcedFiles = await readdir(showDir(announced!));
    expect(announcedFiles).toEqual(expect.arrayContaining(['tvshow.nfo', 'poster.jpg', 'fanart.jpg']));
    expect(announcedFiles.some((f) => f.startsWith('Season'))).toBe(false);
  });

  it('encodes each play-method case with the codecs it promises', async () => {
    const seen = new Set<CodecSet>();
    for (const v of allVideos()) {
      const p = await probe(v.file);
      const want = EXPECTED[v.spec.codec];
      seen.add(v.spec.codec);
      expect(p.format.format_name, v.label).toContain(want.format);
      const video = p.streams.filter((s) => s.codec_type === 'video');
      expect(video.map((s) => s.codec_name), v.label).toEqual([want.video]);
      const [w, h] = v.spec.size.split('x').map(Number);
      expect([video[0]?.width, video[0]?.height], v.label).toEqual([w, h]);
      if (want.video === 'h264') expect(video[0]?.profile, v.label).toBe('High');
      expect(p.streams.filter((s) => s.codec_type === 'audio').map((s) => s.codec_name), v.label).toEqual(want.audio);
      const duration = Number(p.format.duration);
      expect(duration, v.label).toBeGreaterThanOrEqual(10);
      // Episodes of a show with an intro carry it and the credits around their own picture (see the recipe).
      expect(duration, v.label).toBeLessThanOrEqual(45.5);
      expect(Math.abs(duration - v.spec.seconds), v.label).toBeLessThan(0.5);
    }
    expect([...seen].sort()).toEqual(Object.keys(EXPECTED).sort());
    const count = (c: CodecSet): number => recipe.movies.filter((m) => m.clip.codec === c).length;
    expect(count('h264-aac-mp4')).toBeGreaterThanOrEqual(4);
    expect(count('vp9-opus-webm')).toBeGreaterThanOrEqual(2);
    expect(allVideos().filter((v) => v.spec.codec === 'h264-ac3-mkv').length).toBeGreaterThanOrEqual(2);
    expect(count('hevc-aac-mkv')).toBeGreaterThanOrEqual(1);
  });

  it('puts a keyframe every two seconds', async () => {
    for (const codec of ['h264-aac-mp4', 'vp9-opus-webm', 'hevc-aac-mkv'] as const) {
      const v = allVideos().find((x) => x.spec.codec === codec)!;
      const times = await keyframeTimes(v.file);
      expect(times.length, v.label).toBeGreaterThanOrEqual(Math.floor(v.spec.seconds / 2));
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      for (const gap of gaps) expect(gap, v.label).toBeCloseTo(2, 1);
    }
  });

  it('has one film with two audio tracks and an embedded text subtitle', async () => {
    const m = recipe.movies.find((x) => x.clip.codec === 'h264-aac-ac3-mkv')!;
    const p = await probe(join(movieDir(m), `${movieBase(m)}.mkv`));
    const audio = p.streams.filter((s) => s.codec_type === 'audio');
    expect(audio.map((s) => [s.codec_name, s.channels, s.tags?.language])).toEqual([
      ['aac', 2, 'eng'],
      ['ac3', 6, 'fre'],
    ]);
    expect(audio.every((s) => (s.tags?.title ?? '').length > 0)).toBe(true);
    expect(audio[0]?.disposition?.default).toBe(1);
    const subs = p.streams.filter((s) => s.codec_type === 'subtitle');
    expect(subs.map((s) => [s.codec_name, s.tags?.language])).toEqual([['subrip', 'eng']]);
  });

  it('has a film in two versions, which the naming rules read as one title', () => {
    const m = recipe.movies.find((x) => x.editions.length > 0)!;
    const main = identify(`Movies/${movieBase(m)}/${movieBase(m)}.${CONTAINER_EXT[m.clip.codec]}`, 'movies');
    if (main.kind !== 'movie') throw new Error(`the film reads as ${main.kind}`);
    for (const e of m.editions) {
      const name = editionFileName(movieBase(m), e);
      expect(existsSync(join(movieDir(m), name)), name).toBe(true);
      const other = identify(`Movies/${movieBase(m)}/${name}`, 'movies');
      expect(other).toMatchObject({ kind: 'movie', title: main.title, year: main.year, edition: e.edition });
    }
  });

  it('writes SRT sidecars whose cues fall inside the clip', async () => {
    const names: string[] = [];
    for (const m of recipe.movies) {
      for (const sub of m.subtitles) {
        const name = `${movieBase(m)}.${sub.language}${sub.forced ? '.forced' : ''}.srt`;
        names.push(name);
        const text = await readFile(join(movieDir(m), name), 'utf8');
        const times = [...text.matchAll(/(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)/g)];
        expect(times.length, name).toBe(sub.cues.length);
        for (const t of times) {
          const end = Number(t[5]) * 3600 + Number(t[6]) * 60 + Number(t[7]) + Number(t[8]) / 1000;
          expect(end, name).toBeLessThanOrEqual(m.clip.seconds);
        }
      }
    }
    expect(names.some((n) => n.endsWith('.en.srt'))).toBe(true);
    expect(names.some((n) => n.endsWith('.fr.forced.srt'))).toBe(true);
  });

  it('has a trailer in a trailers folder and one with the -trailer suffix', async () => {
    const folder = recipe.movies.find((m) => m.trailer === 'folder')!;
    const suffix = recipe.movies.find((m) => m.trailer === 'suffix')!;
    const files = [
      join(movieDir(folder), 'trailers', `${safeFileName(folder.title)} Trailer.mp4`),
      join(movieDir(suffix), `${movieBase(suffix)}-trailer.mp4`),
    ];
    for (const f of files) {
      const p = await probe(f);
      expect(p.streams.map((s) => s.codec_name), f).toEqual(['h264', 'aac']);
      expect(Number(p.format.duration), f).toBeGreaterThanOrEqual(9.5);
    }
  });

  it('renders artwork at the promised sizes', async () => {
    const m = recipe.movies[0]!;
    const poster = await sharp(join(movieDir(m), 'poster.jpg')).metadata();
    const fanart = await sharp(join(movieDir(m), 'fanart.jpg')).metadata();
    expect([poster.format, poster.width, poster.height]).toEqual(['jpeg', 600, 900]);
    expect([fanart.format, fanart.width, fanart.height]).toEqual(['jpeg', 1280, 720]);
    const withPhoto = recipe.people.find((p) => p.photo && m.cast.some((c) => c.name === p.name))!;
    const photo = await sharp(join(movieDir(m), '.actors', actorFileName(withPhoto.name))).metadata();
    expect([photo.width, photo.height]).toEqual([300, 450]);
    const season = await sharp(join(showDir(recipe.shows[0]!), 'season01-poster.jpg')).metadata();
    expect([season.width, season.height]).toEqual([600, 900]);
  });

  it('writes movie NFOs with the Kodi fields', async () => {
    let nonEnglishOriginal = 0;
    let sets = 0;
    for (const m of recipe.movies) {
      const nfo = await readNfo(join(movieDir(m), `${movieBase(m)}.nfo`), 'movie');
      expect(nfo.title).toBe(m.title);
      expect(nfo.originaltitle).toBe(m.originalTitle ?? m.title);
      if (nfo.originaltitle !== nfo.title) nonEnglishOriginal++;
      if (m.title.startsWith('The ')) expect(nfo.sorttitle).toBe(m.title.slice(4));
      for (const field of ['plot', 'outline', 'tagline', 'runtime', 'mpaa', 'premiered', 'year']) {
        expect(String(nfo[field] ?? ''), `${m.title} <${field}>`).not.toBe('');
      }
      expect(nfo.year).toBe(String(m.year));
      expect(list(nfo.genre).length).toBeGreaterThanOrEqual(2);
      expect(list(nfo.genre).length).toBeLessThanOrEqual(3);
      for (const field of ['tag', 'country', 'studio', 'director', 'credits']) expect(list(nfo[field]).length, field).toBeGreaterThan(0);
      const ratings = list((nfo.ratings as Xml).rating) as Xml[];
      const imdb = ratings.find((r) => r['@name'] === 'imdb');
      expect(Number(imdb?.value)).toBeGreaterThan(0);
      expect(Number(imdb?.votes)).toBeGreaterThan(0);
      const meta = ratings.find((r) => r['@name'] === 'metacritic');
      if (meta) {
        expect(meta['@max']).toBe('100');
        expect(Number(meta.value)).toBeLessThanOrEqual(100);
      }
      const ids = list(nfo.uniqueid) as Xml[];
      expect(ids.find((i) => i['@type'] === 'imdb')?.['#text']).toMatch(/^tt\d+$/);
      expect(ids.find((i) => i['@type'] === 'tmdb')?.['#text']).toMatch(/^\d+$/);
      if (nfo.set) sets++;
      const actors = list(nfo.actor) as Xml[];
      expect(actors.length).toBeGreaterThanOrEqual(4);
      for (const a of actors) {
        expect(a.name).toBeTruthy();
        expect(a.role).toBeTruthy();
        if (a.thumb) expect(existsSync(join(movieDir(m), String(a.thumb))), String(a.thumb)).toBe(true);
      }
    }
    expect(nonEnglishOriginal).toBeGreaterThanOrEqual(1);
    expect(sets).toBeGreaterThanOrEqual(2);
    const years = recipe.movies.map((m) => m.year);
    expect(Math.min(...years)).toBeLessThanOrEqual(1970);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2024);
  });

  it('writes show and episode NFOs', async () => {
    const [series, announced] = recipe.shows;
    const show = await readNfo(join(showDir(series!), 'tvshow.nfo'), 'tvshow');
    expect(show.title).toBe(series!.title);
    expect(show.status).toBe('Continuing');
    expect(list(show.actor).length).toBeGreaterThanOrEqual(4);
    for (const season of series!.seasons) {
      const folder = join(showDir(series!), `Season ${String(season.season).padStart(2, '0')}`);
      const nfos = (await readdir(folder)).filter((f) => f.endsWith('.nfo')).sort();
      expect(nfos).toHaveLength(season.episodes.length);
      for (const [i, name] of nfos.entries()) {
        const ep = await readNfo(join(folder, name), 'episodedetails');
        const want = season.episodes[i]!;
        expect(ep.title).toBe(want.title);
        expect(ep.season).toBe(String(season.season));
        expect(ep.episode).toBe(String(want.episode));
        expect(ep.aired).toBe(want.aired);
        for (const field of ['plot', 'runtime', 'director', 'credits']) expect(String(ep[field] ?? ''), field).not.toBe('');
      }
    }
    const upcoming = await readNfo(join(showDir(announced!), 'tvshow.nfo'), 'tvshow');
    expect(upcoming.status).toBe('Upcoming');
    expect(new Date(String(upcoming.premiered)).getTime()).toBeGreaterThan(Date.now());
  });

  it('shares a cast across titles so people pages have something to show', () => {
    const credits = new Map<string, Set<string>>();
    const directed = new Map<string, number>();
    const titles = [...recipe.movies.map((m) => ({ key: m.title, cast: m.cast })), ...recipe.shows.map((s) => ({ key: s.title, cast: s.cast }))];
    for (const t of titles) for (const c of t.cast) credits.set(c.name, (credits.get(c.name) ?? new Set()).add(t.key));
    for (const m of recipe.movies) for (const d of m.directors) directed.set(d, (directed.get(d) ?? 0) + 1);
    expect(recipe.people.length).toBeGreaterThanOrEqual(20);
    for (const [name, set] of credits) {
      expect(set.size, name).toBeGreaterThanOrEqual(2);
      expect(set.size, name).toBeLessThanOrEqual(5);
    }
    expect([...directed.values()]).toContain(3);
    expect([...directed.keys()].some((d) => credits.has(d))).toBe(true);
    expect(recipe.people.filter((p) => p.photo).length).toBeGreaterThan(10);
  });
});

describe('the demo library through our own scanner', () => {
  it('scans cleanly: every title, season, episode, trailer, sidecar, artwork and person photo lands where it belongs', async () => {
    const { openDatabase } = await import('../../src/main/db/open');
    const { LibraryStore } = await import('../../src/main/db/library-store');
    const { CatalogueQueries } = await import('../../src/main/db/catalogue-queries');
    const { LibraryScan } = await import('../../src/main/library/scanner');
    const { Prober } = await import('../../src/main/library/prober');
    const db = openDatabase(join(root, 'scan.db'));
    try {
      const store = new LibraryStore(db);
      const queries = new CatalogueQueries(db);
      const movies = store.addLibrary({ name: 'Films', type: 'movies', paths: [{ path: join(lib, 'Movies'), isNetwork: false }], pollMinutes: 0 });
      const shows = store.addLibrary({ name: 'Series', type: 'shows', paths: [{ path: join(lib, 'Shows'), isNetwork: false }], pollMinutes: 0 });
      const a = await new LibraryScan(store, movies).run();
      const b = await new LibraryScan(store, shows).run();
      expect([...a.warnings, ...b.warnings]).toEqual([]);
      expect(a.failed + b.failed).toBe(0);
      const probe = await new Prober(store, mediaTools().ffprobe).run();
      expect(probe.failed).toBe(0);

      const items = queries.listItems();
      expect(items.filter((i) => i.kind === 'movie').map((i) => i.title).sort()).toEqual(recipe.movies.map((m) => m.title).sort());
      expect(items.filter((i) => i.kind === 'series').map((i) => i.title).sort()).toEqual(recipe.shows.map((s) => s.title).sort());
      for (const item of items) {
        expect(item.poster, item.title).not.toBeNull();
        expect(item.year, item.title).not.toBeNull();
        expect(item.genres.length, item.title).toBeGreaterThan(0);
      }
      for (const m of items.filter((i) => i.kind === 'movie')) {
        const d = queries.itemDetail(m.id)!;
        expect(d.images.backdrop, m.title).not.toBeNull();
        expect(d.credits.filter((c) => c.role === 'actor').length, m.title).toBeGreaterThanOrEqual(4);
        expect(d.files[0]!.probe, m.title).toBe('ok');
      }
      const withTrailers = items.filter((i) => i.kind === 'movie').map((i) => queries.itemDetail(i.id)!).filter((d) => d.extras.some((x) => x.extraType === 'trailer'));
      expect(withTrailers.length).toBeGreaterThanOrEqual(2);
      const allFiles = items.filter((i) => i.kind === 'movie').flatMap((i) => queries.itemDetail(i.id)!.files);
      expect(allFiles.some((f) => f.streams.filter((s) => s.type === 'audio').length === 2)).toBe(true);
      expect(allFiles.some((f) => f.streams.some((s) => s.isExternal && s.language === 'eng'))).toBe(true);
      const people = db.prepare("SELECT COUNT(*) AS n FROM images WHERE kind = 'photo'").get() as { n: number };
      expect(people.n).toBeGreaterThan(10);

      const series = items.filter((i) => i.kind === 'series').map((i) => queries.itemDetail(i.id)!);
      const running = series.find((s) => (s.seasons ?? []).length > 0)!;
      expect(running.seasons!.map((s) => s.number)).toEqual([1, 2]);
      expect(running.seasons!.every((s) => s.episodes.every((e) => e.thumb !== null && e.fileIds.length === 1))).toBe(true);
      const announced = series.find((s) => (s.seasons ?? []).length === 0)!;
      expect(announced.status).toBe('Upcoming');
    } finally {
      db.close();
    }
  });
});
