// Intros and credits end to end: generated seasons with planted intros (real ffmpeg), the real `scan`
// command, the catalogue it writes, the API that shows and corrects it, and the rescans that must not
// decode anything again. Episodes are short (about a minute) so this runs in seconds; the full-size
// accuracy and cost figures come from `npm run bench -- segments`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, statSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeEpisode, planSeason, type EpisodeTruth, type PlannedEpisode } from '../../bench/segment-seasons.mjs';
import { binPath, requireBuilt } from '../helpers/built';
import { removeDir, tempDir } from '../helpers/fixtures';
import { rawDatabase } from '../helpers/sqlite';
import { mediaTools } from '../../src/main/media-tools/tools';
import { startMediaServer } from '../../src/main/server/media-server';
import type { ItemDetail, MediaSegment } from '../../src/shared/api';

let dir: string;
let shows: string;
let movies: string;
let data: string;
const truth = new Map<string, EpisodeTruth>();
const ffmpeg = mediaTools().ffmpeg;

const scan = (...extra: string[]) => {
  const r = spawnSync(process.execPath, [binPath, 'scan', '--data', data, '--library', shows, '--type', 'shows', '--library', movies, '--type', 'movies', '--json', ...extra], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`scan failed (${r.status}): ${r.stderr}`);
  return { summary: JSON.parse(r.stdout) as { segments?: { seasons: number; episodes: number; films: number; intros: number; credits: number; unchanged: number } }, log: r.stderr };
};

function segmentsByFile(): Map<string, { kind: string; source: string; start: number; end: number }[]> {
  const db = rawDatabase(join(data, 'library.db'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT f.rel_path AS rel, s.kind, s.source, s.start_seconds AS start, s.end_seconds AS end
         FROM media_segments s JOIN files f ON f.item_id = s.item_id`,
      )
      .all() as { rel: string; kind: string; source: string; start: number; end: number }[];
    const out = new Map<string, { kind: string; source: string; start: number; end: number }[]>();
    for (const r of rows) out.set(r.rel.split('/').pop()!, [...(out.get(r.rel.split('/').pop()!) ?? []), r]);
    return out;
  } finally {
    db.close();
  }
}

/** Overwrites stretches of a file's middle with junk: its audio fails to decode there. */
function damage(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  try {
    for (let k = 0; k < 60; k++) writeSync(fd, Buffer.alloc(2000, 0xa5 ^ k), 0, 2000, Math.floor(size * 0.12) + k * 7000);
  } finally {
    closeSync(fd);
  }
}

const SEASON = (name: string) => join(shows, name, 'Season 1');
const file = (show: string, n: number) => `${show} - S01E${String(n).padStart(2, '0')}.mp4`;

beforeAll(async () => {
  requireBuilt();
  dir = tempDir('mc-segments-');
  shows = join(dir, 'Shows');
  movies = join(dir, 'Movies');
  data = join(dir, 'data');
  const planted = planSeason({ seed: 4, episodes: 5, introSeconds: 22, coldOpen: [0, 25], content: [15, 25], creditsSeconds: 12, theme: 31 });
  // Episode 5 opens with another theme tune (and keeps the shared credits); 6 has no audio; 7 is 20 s long;
  // 8 is like the others but its audio is damaged at the start.
  planted[4] = { ...planted[4]!, intro: { theme: 77, seconds: 22, gain: 0.9 } };
  planted.push({ ...planted[0]!, seed: 4090, audio: false });
  planted.push({ seed: 4091, coldOpen: 0, content: 20, noise: 0.04 });
  planted.push({ ...planted[1]!, seed: 4092 });
  const unshared = planSeason({ seed: 6, episodes: 3, introSeconds: 22, coldOpen: [0, 25], content: [30, 40], theme: 50, sharedIntro: false });
  const film: PlannedEpisode = { seed: 7001, coldOpen: 0, content: 45, noise: 0.04, credits: { theme: 60, seconds: 14, gain: 1 } };
  const jobs: Promise<void>[] = [];
  const add = (key: string, path: string, plan: PlannedEpisode) => jobs.push(makeEpisode(ffmpeg, path, plan).then((t) => void truth.set(key, t)));
  planted.forEach((p, i) => add(file('Planted', i + 1), join(SEASON('Planted'), file('Planted', i + 1)), p));
  unshared.forEach((p, i) => add(file('Unshared', i + 1), join(SEASON('Unshared'), file('Unshared', i + 1)), p));
  add('Film (2020).mp4', join(movies, 'Film (2020)', 'Film (2020).mp4'), film);
  // Two at a time: the machine has two cores and others use them too.
  for (let i = 0; i < jobs.length; i += 2) await Promise.all(jobs.slice(i, i + 2));
  await Promise.all(jobs);
  damage(join(SEASON('Planted'), file('Planted', 8)));
}, 240_000);

afterAll(() => (process.env.KEEP_SEGMENTS_TEST ? console.log(dir) : removeDir(dir)));

describe('segments found by `scan` on generated seasons', () => {
  let first: ReturnType<typeof scan>;
  let found: ReturnType<typeof segmentsByFile>;
  beforeAll(() => {
    first = scan();
    found = segmentsByFile();
  }, 180_000);

  it('reports its counts in the summary', () => {
    expect(first.summary.segments).toMatchObject({ seasons: 2, episodes: 11, films: 1, unchanged: 0 });
    expect(first.summary.segments!.intros).toBe(4);
  });

  it('places every planted intro and the shared credits within 1.0 s of the truth', () => {
    for (const n of [1, 2, 3, 4]) {
      const key = file('Planted', n);
      const t = truth.get(key)!;
      const intro = found.get(key)?.find((s) => s.kind === 'intro');
      expect(intro, key).toBeDefined();
      expect(intro!.source).toBe('fingerprint');
      expect(Math.abs(intro!.start - t.intro!.start), `${key} intro start`).toBeLessThanOrEqual(1);
      expect(Math.abs(intro!.end - t.intro!.end), `${key} intro end`).toBeLessThanOrEqual(1);
    }
    for (const n of [1, 2, 3, 4, 5]) {
      const key = file('Planted', n);
      const t = truth.get(key)!;
      const credits = found.get(key)?.find((s) => s.kind === 'credits');
      expect(credits, key).toBeDefined();
      expect(Math.abs(credits!.start - t.credits!.start), `${key} credits start`).toBeLessThanOrEqual(1);
      // Credits that run to the end of the file end at its duration.
      expect(Math.abs(credits!.end - t.duration), `${key} credits end`).toBeLessThanOrEqual(0.1);
    }
  });

  it('gives no intro to the episode with another tune, none to a season that shares none, and none to a film', () => {
    expect(found.get(file('Planted', 5))?.some((s) => s.kind === 'intro')).toBe(false);
    expect(first.log).toContain(`${file('Planted', 5)}: shares no intro`);
    for (const n of [1, 2, 3]) expect(found.get(file('Unshared', n)) ?? [], file('Unshared', n)).toEqual([]);
    const film = found.get('Film (2020).mp4') ?? [];
    expect(film.some((s) => s.kind === 'intro' || s.kind === 'recap')).toBe(false);
  });

  it('finds a film\'s credits over black frames', () => {
    const t = truth.get('Film (2020).mp4')!;
    const credits = (found.get('Film (2020).mp4') ?? []).find((s) => s.kind === 'credits');
    expect(credits?.source).toBe('black-frames');
    expect(Math.abs(credits!.start - t.credits!.start)).toBeLessThanOrEqual(1);
    expect(credits!.end).toBeCloseTo(t.duration, 1);
  });

  it('handles bad input without a crash or a wrong segment, and says why in the log', () => {
    expect(found.get(file('Planted', 6))?.some((s) => s.kind === 'intro') ?? false).toBe(false);
    expect(first.log).toContain(`${file('Planted', 6)}: no audio track`);
    expect(found.get(file('Planted', 7)) ?? []).toEqual([]);
    expect(first.log).toContain(`${file('Planted', 7)}: only 20.0 s long`);
    expect(found.get(file('Planted', 8))?.some((s) => s.kind === 'intro') ?? false).toBe(false);
    expect(first.log).toMatch(new RegExp(`${file('Planted', 8).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: its audio is damaged`));
  });

  it('does not analyse an unchanged library again, and a new episode re-analyses only its season', async () => {
    const again = scan();
    expect(again.summary.segments).toMatchObject({ seasons: 0, episodes: 0, films: 0, unchanged: 3 });
    const t = await makeEpisode(ffmpeg, join(SEASON('Planted'), file('Planted', 9)), planSeason({ seed: 9, episodes: 1, introSeconds: 22, coldOpen: [5, 5], content: [15, 15], creditsSeconds: 12, theme: 31 })[0]!);
    truth.set(file('Planted', 9), t);
    const withNew = scan();
    expect(withNew.summary.segments).toMatchObject({ seasons: 1, episodes: 9, films: 0, unchanged: 2 });
    const intro = segmentsByFile().get(file('Planted', 9))?.find((s) => s.kind === 'intro');
    expect(Math.abs(intro!.start - 5)).toBeLessThanOrEqual(1);
  }, 120_000);

  it('skips phase three with --no-segments', () => {
    expect(scan('--no-segments').summary.segments).toBeUndefined();
  });
});

describe('chapters first', () => {
  it('turns named chapters into segments without analysis, and a film keeps its credits but not an intro', async () => {
    const lib = join(dir, 'Chaptered');
    const meta = join(dir, 'chapters.txt');
    writeFileSync(
      meta,
      [';FFMETADATA1', '[CHAPTER]', 'TIMEBASE=1/1000', 'START=0', 'END=5000', 'title=Previously on Chaptered', '[CHAPTER]', 'TIMEBASE=1/1000', 'START=5000', 'END=15000', 'title=Générique de début',
        '[CHAPTER]', 'TIMEBASE=1/1000', 'START=15000', 'END=30000', 'title=Chapter 3', '[CHAPTER]', 'TIMEBASE=1/1000', 'START=30000', 'END=40000', 'title=Abspann', ''].join('\n'),
    );
    const make = (out: string) => {
      mkdirSync(join(out, '..'), { recursive: true });
      const r = spawnSync(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=10:d=40', '-f', 'lavfi', '-i', 'sine=f=300:d=40', '-i', meta, '-map', '0', '-map', '1', '-map_metadata', '2', '-map_chapters', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', out]);
      if (r.status !== 0) throw new Error(String(r.stderr));
    };
    make(join(lib, 'Shows', 'Chaptered', 'Season 1', 'Chaptered - S01E01.mkv'));
    make(join(lib, 'Movies', 'Chaptered Film (2001)', 'Chaptered Film (2001).mkv'));
    const data2 = join(dir, 'data-chapters');
    const r = spawnSync(process.execPath, [binPath, 'scan', '--data', data2, '--library', join(lib, 'Shows'), '--type', 'shows', '--library', join(lib, 'Movies'), '--type', 'movies', '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const db = rawDatabase(join(data2, 'library.db'), { readonly: true });
    const rows = db.prepare('SELECT f.rel_path AS rel, s.kind, s.source, s.start_seconds AS start, s.end_seconds AS end FROM media_segments s JOIN files f ON f.item_id = s.item_id ORDER BY f.rel_path, s.start_seconds').all() as { rel: string; kind: string; source: string; start: number; end: number }[];
    db.close();
    const of = (prefix: string) => rows.filter((x) => x.rel.startsWith(prefix)).map(({ kind, source, start, end }) => ({ kind, source, start, end: Math.round(end) }));
    expect(of('Chaptered/')).toEqual([
      { kind: 'recap', source: 'chapter', start: 0, end: 5 },
      { kind: 'intro', source: 'chapter', start: 5, end: 15 },
      { kind: 'credits', source: 'chapter', start: 30, end: 40 },
    ]);
    expect(of('Chaptered Film')).toEqual([{ kind: 'credits', source: 'chapter', start: 30, end: 40 }]);
  }, 120_000);
});

describe('segments in the API', () => {
  it('shows them on the episode, takes a correction from the user, keeps it across a full rescan, and refuses bad input', async () => {
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    const db = rawDatabase(join(data, 'library.db'), { readonly: true });
    const row = db.prepare("SELECT item_id AS id FROM files WHERE rel_path LIKE '%S01E02.mp4' AND rel_path LIKE 'Planted/%'").get() as { id: string };
    const filmRow = db.prepare("SELECT item_id AS id FROM files WHERE rel_path LIKE 'Film%'").get() as { id: string };
    db.close();
    const server = await startMediaServer({ dataDir: data, tools: mediaTools(), rendererDir: renderer, version: 'test', watch: false, log: () => {} });
    try {
      const url = new URL(server.url);
      const auth = { Authorization: `Bearer ${url.searchParams.get('token') ?? ''}` };
      const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
        fetch(`${url.origin}/api/v1${path}`, {
          method: init.method ?? 'GET',
          headers: { ...auth, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        });
      const item = (await (await api(`/items/${row.id}`)).json()) as ItemDetail;
      const t = truth.get(file('Planted', 2))!;
      expect(item.segments?.map((s) => s.kind)).toEqual(['intro', 'credits']);
      expect(item.segments?.[0]).toMatchObject({ kind: 'intro', source: 'fingerprint' });
      expect(Math.abs(item.segments![0]!.startSeconds - t.intro!.start)).toBeLessThanOrEqual(1);

      const put = await api(`/items/${row.id}/segments/intro`, { method: 'PUT', body: { startSeconds: 10, endSeconds: 30 } });
      expect(put.status).toBe(200);
      expect(((await put.json()) as { segments: MediaSegment[] }).segments[0]).toEqual({ kind: 'intro', startSeconds: 10, endSeconds: 30, source: 'user' });

      for (const [path, body, status] of [
        [`/items/${row.id}/segments/intro`, { startSeconds: 30, endSeconds: 10 }, 400],
        [`/items/${row.id}/segments/intro`, { startSeconds: -1, endSeconds: 10 }, 400],
        [`/items/${row.id}/segments/intro`, { startSeconds: 0, endSeconds: 10_000 }, 400],
        [`/items/${row.id}/segments/intro`, { startSeconds: 1, endSeconds: 9, extra: 1 }, 400],
        [`/items/${row.id}/segments/opening`, { startSeconds: 1, endSeconds: 9 }, 400],
        [`/items/${filmRow.id}/segments/intro`, { startSeconds: 1, endSeconds: 9 }, 400],
        ['/items/nope/segments/intro', { startSeconds: 1, endSeconds: 9 }, 404],
      ] as const) {
        const r = await api(path, { method: 'PUT', body });
        expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(status);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBeTruthy();
      }
    } finally {
      await server.close();
    }
    // A full rescan re-reads every file; the user's intro stays and wins.
    scan('--full');
    const after = segmentsByFile().get(file('Planted', 2))!;
    expect(after.find((s) => s.source === 'user')).toMatchObject({ kind: 'intro', start: 10, end: 30 });
  }, 120_000);
});
