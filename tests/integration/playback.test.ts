// The VOD HLS engine end to end, with real ffmpeg on generated clips through the real server: the playlist
// is whole before the first segment exists, ffprobe reads it to the end, a far segment carries its own
// time, a restart joins seamlessly, sessions are independent, capped, reaped, and sources that vanish say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ItemDetail, ItemsResponse, PlaybackSession, ServerEvent } from '../../src/shared/api';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { scannedFilms, startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';
import { CHROMIUM_CAPS, play as playOn, playlistOf } from '../helpers/playback-client';

const CLIP_SECONDS = 40;

let dir: string;
let server: RunningServer;
let srv: TestServer;
let origin: string;
let token: string;
const files: Record<string, string> = {};
const fileOf = (title: string): string => {
  const id = files[title];
  if (!id) throw new Error(`no file for ${title}`);
  return id;
};

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);

const play = (body: Record<string, unknown>): Promise<PlaybackSession> => playOn(srv, body);

async function bytes(url: string): Promise<Buffer> {
  const res = await api(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Video packet times of one segment, read by ffprobe from init + segment. */
async function segmentTimes(init: Buffer, segment: Buffer): Promise<{ first: number; last: number; frame: number }> {
  const path = join(dir, `probe-${Date.now()}-${Math.random()}.mp4`);
  writeFile(dir, path.slice(dir.length + 1), Buffer.concat([init, segment]));
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', path]);
  rmSync(path, { force: true });
  const rows = r.stdout.trim().split('\n').map((l) => l.split(',').map(Number));
  const pts = rows.map((row) => row[0]!).sort((a, b) => a - b);
  return { first: pts[0]!, last: pts[pts.length - 1]!, frame: rows[0]![1] ?? 0.04 };
}

interface Packet {
  stream: 'video' | 'audio';
  pts: number;
  duration: number;
  size: number;
}

async function packetsOf(path: string): Promise<Packet[]> {
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,duration_time,size', '-of', 'csv=p=0', path]);
  return r.stdout.trim().split('\n').filter(Boolean).map((line) => {
    const [type, pts, duration, size] = line.split(',');
    return { stream: type === 'video' ? 'video' : 'audio', pts: Number(pts), duration: Number(duration), size: Number(size) };
  });
}

async function segmentPackets(init: Buffer, segment: Buffer): Promise<Packet[]> {
  const path = join(dir, `packets-${Date.now()}-${Math.random()}.mp4`);
  writeFile(dir, path.slice(dir.length + 1), Buffer.concat([init, segment]));
  try {
    return await packetsOf(path);
  } finally {
    rmSync(path, { force: true });
  }
}

function segmentIndexAt(durations: number[], t: number): number {
  let at = 0;
  for (let i = 0; i < durations.length; i++) {
    if (t < at + durations[i]!) return i;
    at += durations[i]!;
  }
  return durations.length - 1;
}

function startOf(durations: number[], i: number): number {
  return durations.slice(0, i).reduce((a, b) => a + b, 0);
}

/** "Two Cuts": one title, a 320×180 file and a 640×360 one ({edition-…}), both direct in Chromium. */
async function versionsOfOne(): Promise<{ itemId: string; tall: string; short: string }> {
  const { items } = (await (await api('/items')).json()) as ItemsResponse;
  const item = items.find((i) => i.title === 'Two Cuts')!;
  const detail = (await (await api(`/items/${item.id}`)).json()) as ItemDetail;
  expect(detail.files).toHaveLength(2);
  const height = (f: (typeof detail.files)[number]): number => f.streams.find((x) => x.type === 'video')?.height ?? 0;
  const [short, tall] = [...detail.files].sort((a, b) => height(a) - height(b));
  return { itemId: item.id, tall: tall!.id, short: short!.id };
}

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  await makeClip(join(lib, 'Remux Me (2020)', 'Remux Me (2020).mkv'), 'h264-ac3-mkv', CLIP_SECONDS);
  await makeClip(join(lib, 'Direct (2021)', 'Direct (2021).mp4'), 'h264-aac-mp4', 4);
  await makeClip(join(lib, 'B Frames (2023)', 'B Frames (2023).mkv'), 'h264-bframes-ac3-mkv', 30);
  await makeClip(join(lib, 'Two Cuts (2024)', 'Two Cuts (2024).mp4'), 'h264-aac-mp4', 4);
  await makeClip(join(lib, 'Two Cuts (2024)', 'Two Cuts (2024) {edition-Extended}.mp4'), 'h264-aac-mp4-360p', 4);
  await makeClip(join(lib, 'Gone (2022)', 'Gone (2022).mp4'), 'h264-aac-mp4', 4);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer, playback: { maxTranscodes: 2 } });
  server = srv.server;
  origin = srv.origin;
  token = srv.token;
  for (const [title, detail] of await scannedFilms(srv, [lib])) files[title] = detail.files[0]!.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('POST /playback', () => {
  it('answers a direct play with every field of the contract', async () => {
    const s = await play({ fileId: fileOf('Direct') });
    expect(s).toMatchObject({ method: 'direct', reasons: ['direct-play'], url: `/stream/file/${fileOf('Direct')}`, mime: 'video/mp4', startSeconds: 0, subtitleTracks: [] });
    // Thumbnails are made in the background after the scan: either not yet, or the file's own index.
    expect([null, `/stream/trickplay/${fileOf('Direct')}/index.json`]).toContain(s.trickplay?.url ?? null);
    expect(s.audioTracks).toEqual([expect.objectContaining({ codec: 'aac', selected: true })]);
  });

  it('rejects a body with both or neither of fileId and itemId, and a stream the file lacks', async () => {
    expect((await api('/playback', { method: 'POST', body: { capabilities: CHROMIUM_CAPS } })).status).toBe(400);
    expect((await api('/playback', { method: 'POST', body: { capabilities: CHROMIUM_CAPS, fileId: fileOf('Direct'), itemId: 'x' } })).status).toBe(400);
    const res = await api('/playback', { method: 'POST', body: { capabilities: CHROMIUM_CAPS, fileId: fileOf('Direct'), audioStream: 9 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('no-such-stream');
  });

  it('plays a title by itemId, picking its file', async () => {
    const { items } = (await (await api('/items')).json()) as ItemsResponse;
    const s = await play({ itemId: items.find((i) => i.title === 'Direct')!.id });
    expect(s.url).toBe(`/stream/file/${fileOf('Direct')}`);
  });

  it('forced to remux, a directly playable file is remuxed and says why', async () => {
    const s = await play({ fileId: fileOf('Direct'), forceMethod: 'remux' });
    expect(s.method).toBe('remux');
    expect(s.reasons).toEqual(['forced-by-client']);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  });
});

describe('a remux', () => {
  it('has a whole VOD playlist at once, cut on keyframes, that ffprobe reads to the end', async () => {
    const s = await play({ fileId: fileOf('Remux Me') });
    expect(s.method).toBe('remux');
    const text = await (await api(s.url)).text();
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    const { durations } = playlistOf(text);
    expect(Math.abs(durations.reduce((a, b) => a + b, 0) - s.durationSeconds!)).toBeLessThan(0.5);
    // The clip has a keyframe every second: remux segments are whole seconds long.
    for (const d of durations.slice(0, -1)) expect(Math.abs(d - Math.round(d))).toBeLessThan(0.02);

    const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-headers', `Authorization: Bearer ${token}\r\n`, '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', `${origin}${s.url}`], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const pts = r.stdout.trim().split('\n').map(Number);
    expect(pts[0]!).toBeLessThan(0.1);
    expect(Math.max(...pts)).toBeGreaterThan(s.durationSeconds! - 0.2);
    // Every frame once: 25 fps over the whole clip.
    expect(pts.length).toBe(CLIP_SECONDS * 25);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  }, 90_000);

  it('a segment at 80 % carries the time of 80 %, made by a restarted job', async () => {
    const s = await play({ fileId: fileOf('Remux Me') });
    const { durations, names } = playlistOf(await (await api(s.url)).text());
    const init = await bytes(s.url.replace('index.m3u8', 'init.mp4'));
    const i = segmentIndexAt(durations, 0.8 * s.durationSeconds!);
    const seg = await bytes(s.url.replace('index.m3u8', names[i]!));
    const t = await segmentTimes(init, seg);
    expect(Math.abs(t.first - startOf(durations, i))).toBeLessThan(durations[i]!);
    expect(Math.abs(t.first - startOf(durations, i))).toBeLessThan(0.05);
    expect(server.services.hls.inspect(s.sessionId)!.jobs).toBe(2);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  }, 60_000);
});

describe('versions, the keyframe index, and names that are not ours', () => {
  it('of a title in two versions, plays the tallest that fits the client, direct play first', async () => {
    const ids = await versionsOfOne();
    const tall = await play({ itemId: ids.itemId });
    expect(tall.url).toBe(`/stream/file/${ids.tall}`);
    const capped = await play({ itemId: ids.itemId, capabilities: { ...CHROMIUM_CAPS, maxHeight: 200 } });
    expect(capped.url).toBe(`/stream/file/${ids.short}`);
    // Neither fits 144 lines: the shorter one is converted down, rather than the taller.
    const tiny = await play({ itemId: ids.itemId, capabilities: { ...CHROMIUM_CAPS, maxHeight: 144 } });
    expect(tiny).toMatchObject({ method: 'transcode', reasons: ['resolution-too-high'] });
    expect(tiny.durationSeconds).toBeCloseTo(4, 0);
    expect(server.services.hls.inspect(tiny.sessionId)).not.toBeNull();
    for (const s of [tall, capped, tiny]) await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  });

  it('reads a file\'s keyframes once: a second play of it uses the cached index', async () => {
    const dirOf = join(server.services.cacheDir, 'keyframes');
    const first = await play({ fileId: fileOf('B Frames') });
    await api(first.url);
    const cached = readdirSync(dirOf).filter((f) => f.endsWith('.json'));
    expect(cached.length).toBeGreaterThan(0);
    const stamps = new Map(cached.map((f) => [f, statSync(join(dirOf, f)).mtimeMs]));
    await api(`/playback/${first.sessionId}`, { method: 'DELETE' });
    const second = await play({ fileId: fileOf('B Frames') });
    await api(second.url);
    expect(new Map(readdirSync(dirOf).filter((f) => f.endsWith('.json')).map((f) => [f, statSync(join(dirOf, f)).mtimeMs]))).toEqual(stamps);
    await api(`/playback/${second.sessionId}`, { method: 'DELETE' });
  });

  it('answers a session or segment name that is not one of ours with 404 (or 400), never a path or a 500', async () => {
    const s = await play({ fileId: fileOf('Remux Me') });
    const good = s.url.split('/')[3]!;
    for (const path of [
      `/stream/hls/${'a'.repeat(8)}/index.m3u8`,
      `/stream/hls/${good}/seg-1.m4s`,
      `/stream/hls/${good}/seg-99999.m4s`,
      `/stream/hls/${good}/..%2Findex.m3u8`,
      `/stream/hls/${good}/index.m3u8%00`,
      `/stream/hls/${'Z'.repeat(64)}/init.mp4`,
    ]) {
      const res = await api(path);
      expect([400, 404], path).toContain(res.status);
    }
    expect((await api(`/playback/${'b'.repeat(80)}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api('/playback/not%20an%20id', { method: 'DELETE' })).status).toBe(404);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  });
});

describe('a remux of a Matroska film with B-frames', () => {
  it('restarted far ahead, serves the very frames of its segment at their times, with the audio beside them', async () => {
    const s = await play({ fileId: fileOf('B Frames') });
    expect(s.method).toBe('remux');
    const { durations, names } = playlistOf(await (await api(s.url)).text());
    const init = await bytes(s.url.replace('index.m3u8', 'init.mp4'));
    const k = segmentIndexAt(durations, 0.6 * s.durationSeconds!);
    const seg = await segmentPackets(init, await bytes(s.url.replace('index.m3u8', names[k]!)));
    expect(server.services.hls.inspect(s.sessionId)!.jobs).toBe(2);
    const from = startOf(durations, k);
    const to = from + durations[k]!;
    // The video is copied: the segment holds exactly the file's packets from its start to its end.
    const source = (await packetsOf(join(dir, 'films', 'B Frames (2023)', 'B Frames (2023).mkv'))).filter((p) => p.stream === 'video' && p.pts >= from - 0.001 && p.pts < to - 0.001);
    const video = seg.filter((p) => p.stream === 'video');
    expect(video.map((p) => p.size)).toEqual(source.map((p) => p.size));
    expect(Math.min(...video.map((p) => p.pts)) - Math.min(...source.map((p) => p.pts))).toBeCloseTo(0, 2);
    // The audio (made AAC) is as long as the segment, within a frame.
    const audio = seg.filter((p) => p.stream === 'audio');
    // The muxer cut the segment before at this picture's decode time (the B-frames put it 80 ms ahead of its
    // presentation), so the audio carries on from there: a little before the picture, never after it.
    const audioStart = Math.min(...audio.map((p) => p.pts));
    expect(audioStart).toBeGreaterThan(from - 0.1);
    expect(audioStart).toBeLessThan(from + 0.025);
    const aacFrame = 1024 / 48_000;
    const span = Math.max(...audio.map((p) => p.pts)) - Math.min(...audio.map((p) => p.pts)) + aacFrame;
    expect(Math.abs(span - durations[k]!)).toBeLessThan(0.05);
    // The last segment, made by a job of its own, has its sound too.
    const last = await segmentPackets(init, await bytes(s.url.replace('index.m3u8', names[names.length - 1]!)));
    expect(last.filter((p) => p.stream === 'audio').length).toBeGreaterThan(0);
    expect(last.filter((p) => p.stream === 'video').length).toBeGreaterThan(0);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  }, 90_000);
});

describe('a transcode', () => {
  it('starts where asked, and a restart behind it joins with no gap or overlap', async () => {
    const s = await play({ fileId: fileOf('Remux Me'), forceMethod: 'transcode', startSeconds: 20 });
    expect(s.method).toBe('transcode');
    expect(s.startSeconds).toBe(20);
    const { durations, names } = playlistOf(await (await api(s.url)).text());
    expect(Math.abs(durations.reduce((a, b) => a + b, 0) - s.durationSeconds!)).toBeLessThan(0.5);
    const k = segmentIndexAt(durations, 20);
    const init = await bytes(s.url.replace('index.m3u8', 'init.mp4'));
    const later = await bytes(s.url.replace('index.m3u8', names[k]!));
    // Behind the running job: a second job starts one segment earlier.
    const earlier = await bytes(s.url.replace('index.m3u8', names[k - 1]!));
    expect(server.services.hls.inspect(s.sessionId)!.jobs).toBe(2);
    const a = await segmentTimes(init, earlier);
    const b = await segmentTimes(init, later);
    expect(Math.abs(a.first - startOf(durations, k - 1))).toBeLessThan(0.1);
    // The next segment starts one frame after the last frame of the one before it: no gap, no overlap.
    expect(b.first - (a.last + a.frame)).toBeCloseTo(0, 2);
    // Back into what was made: served from the cache, no job started for it.
    await bytes(s.url.replace('index.m3u8', names[k]!));
    expect(server.services.hls.inspect(s.sessionId)!.jobs).toBe(2);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  }, 90_000);

  it('two sessions on one file do not disturb each other', async () => {
    const one = await play({ fileId: fileOf('Remux Me'), forceMethod: 'transcode' });
    const two = await play({ fileId: fileOf('Remux Me'), forceMethod: 'transcode' });
    const names = playlistOf(await (await api(one.url)).text()).names;
    await bytes(one.url.replace('index.m3u8', names[0]!));
    await bytes(two.url.replace('index.m3u8', names[names.length - 2]!));
    expect(server.services.hls.inspect(one.sessionId)!.jobs).toBe(1);
    expect(server.services.hls.inspect(two.sessionId)!.jobs).toBe(2);
    // A third is past the cap of two.
    const third = await api('/playback', { method: 'POST', body: { capabilities: CHROMIUM_CAPS, fileId: fileOf('Remux Me'), forceMethod: 'transcode' } });
    expect(third.status).toBe(503);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('too-many-transcodes');
    // Remuxes are not capped.
    const remux = await play({ fileId: fileOf('Remux Me') });
    expect(remux.method).toBe('remux');
    for (const s of [one, two, remux]) expect((await api(`/playback/${s.sessionId}`, { method: 'DELETE' })).status).toBe(204);
    expect(server.services.hls.transcodes()).toBe(0);
    expect(existsSync(join(server.services.cacheDir, 'hls', one.sessionId))).toBe(false);
    expect((await api(one.url)).status).toBe(404);
  }, 90_000);
});

describe('sources', () => {
  it('a file gone from a root that is there is file-missing (410)', async () => {
    const detail = server.services.queries.fileSource(fileOf('Gone'))!;
    rmSync(detail.path);
    const res = await api('/playback', { method: 'POST', body: { capabilities: CHROMIUM_CAPS, fileId: fileOf('Gone') } });
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('file-missing');
  });

  it('a root that is gone is source-offline (503) and names the root', async () => {
    const source = server.services.queries.fileSource(fileOf('Direct'))!;
    const moved = `${source.rootPath}-unplugged`;
    renameSync(source.rootPath, moved);
    try {
      const res = await api('/playback', { method: 'POST', body: { capabilities: CHROMIUM_CAPS, fileId: fileOf('Direct') } });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('source-offline');
      expect(body.error.message).toContain(source.rootPath);
    } finally {
      renameSync(moved, source.rootPath);
    }
  });
});

describe('idle sessions and the cache', () => {
  it('a session nobody reads is stopped and its files removed; the cache stays under its limit', async () => {
    const small = await startTestServer({ dataDir: join(dir, 'data2'), rendererDir: join(dir, 'renderer'), playback: { idleMs: 1500, cacheLimitBytes: 400_000 } });
    const hls = small.server.services.hls;
    try {
      small.server.services.addLibrary({ type: 'movies', paths: [join(dir, 'films')] });
      await small.server.services.scans.whenIdle();
      const fileId = small.server.services.queries.fileSource(fileOf('Remux Me'))?.id ?? (await firstRemuxFile(small));
      const s = await playOn(small, { fileId });
      const names = playlistOf(await (await small.api(s.url)).text()).names;
      let largest = 0;
      for (const name of names.slice(0, 8)) {
        const seg = await small.api(s.url.replace('index.m3u8', name));
        expect(seg.status).toBe(200);
        largest = Math.max(largest, (await seg.arrayBuffer()).byteLength);
        // Only segments a player is about to read may stay past the limit.
        expect(hls.cacheSize()).toBeLessThanOrEqual(400_000 + 3 * largest);
      }
      const sessionDir = join(small.server.services.cacheDir, 'hls', s.sessionId);
      expect(existsSync(sessionDir)).toBe(true);
      // Observed, not slept: the reaper runs on its own clock; wait (bounded) until it has.
      const deadline = Date.now() + 10_000;
      while (hls.has(s.sessionId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(hls.has(s.sessionId)).toBe(false);
      expect(existsSync(sessionDir)).toBe(false);
    } finally {
      await small.server.close();
    }
  }, 90_000);
});

async function firstRemuxFile(client: TestServer): Promise<string> {
  const { items } = (await (await client.api('/items')).json()) as ItemsResponse;
  const item = items.find((i) => i.title === 'Remux Me')!;
  const detail = (await (await client.api(`/items/${item.id}`)).json()) as ItemDetail;
  return detail.files[0]!.id;
}

export type { ServerEvent };
