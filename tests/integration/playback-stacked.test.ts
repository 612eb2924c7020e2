// Stacked parts (cd1, cd2) of one film play as one title through the real server and ffmpeg: one VOD
// playlist whose durations add up to both parts, whose frames ffprobe reads end to end with no gap or
// repeat at the join, and a transcode segment past the join that carries its own time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ItemDetail, ItemsResponse, PlaybackSession } from '../../src/shared/api';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';
import { play as playOn, playlistOf } from '../helpers/playback-client';

const PART_ONE = 12;
const PART_TWO = 8;

let dir: string;
let server: RunningServer;
let srv: TestServer;
let origin: string;
let token: string;
let item: ItemDetail;

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
const play = (body: Record<string, unknown>): Promise<PlaybackSession> => playOn(srv, body);

/** Every video frame's time as ffprobe reads the whole playlist over HTTP, in order. */
async function framesOf(url: string): Promise<number[]> {
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-headers', `Authorization: Bearer ${token}\r\n`, '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', `${origin}${url}`], { timeoutMs: 90_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map(Number).sort((a, b) => a - b);
}

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  await makeClip(join(lib, 'Stacked (2019)', 'Stacked (2019) cd1.mp4'), 'h264-aac-mp4', PART_ONE);
  await makeClip(join(lib, 'Stacked (2019)', 'Stacked (2019) cd2.mp4'), 'h264-aac-mp4', PART_TWO);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer, playback: { maxTranscodes: 2 } });
  server = srv.server;
  origin = srv.origin;
  token = srv.token;
  server.services.addLibrary({ type: 'movies', paths: [lib] });
  await server.services.scans.whenIdle();
  const { items } = (await (await api('/items')).json()) as ItemsResponse;
  expect(items.map((i) => i.title)).toEqual(['Stacked']);
  item = (await (await api(`/items/${items[0]!.id}`)).json()) as ItemDetail;
}, 120_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('stacked parts', () => {
  it('are one title with two files, parts 1 and 2', () => {
    expect(item.files.map((f) => f.part).sort()).toEqual([1, 2]);
  });

  it('remux as one timeline: durations add up, and every frame of both parts comes once, in order', async () => {
    const s = await play({ itemId: item.id });
    expect(s.method).toBe('remux');
    expect(s.reasons).toEqual(['stacked-parts']);
    expect(s.durationSeconds!).toBeCloseTo(PART_ONE + PART_TWO, 0);
    const { durations } = playlistOf(await (await api(s.url)).text());
    expect(Math.abs(durations.reduce((a, b) => a + b, 0) - (PART_ONE + PART_TWO))).toBeLessThan(0.5);
    const pts = await framesOf(s.url);
    expect(pts).toHaveLength((PART_ONE + PART_TWO) * 25);
    expect(pts[0]!).toBeLessThan(0.1);
    // 25 fps throughout, across the join at 12 s too: no gap, no frame twice.
    const steps = pts.slice(1).map((t, i) => t - pts[i]!);
    expect(Math.max(...steps)).toBeLessThan(0.05);
    expect(Math.min(...steps)).toBeGreaterThan(0.03);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  }, 120_000);

  it('transcode as one timeline: a segment in the second part carries its time on the joined timeline', async () => {
    const s = await play({ itemId: item.id, forceMethod: 'transcode', startSeconds: 15 });
    expect(s.method).toBe('transcode');
    expect(s.reasons).toContain('stacked-parts');
    const { durations, names } = playlistOf(await (await api(s.url)).text());
    expect(Math.abs(durations.reduce((a, b) => a + b, 0) - (PART_ONE + PART_TWO))).toBeLessThan(0.5);
    let at = 0;
    let k = 0;
    while (at + durations[k]! <= 15) at += durations[k++]!;
    const init = Buffer.from(await (await api(s.url.replace('index.m3u8', 'init.mp4'))).arrayBuffer());
    const seg = Buffer.from(await (await api(s.url.replace('index.m3u8', names[k]!))).arrayBuffer());
    const probe = join(dir, 'probe.mp4');
    writeFile(dir, 'probe.mp4', Buffer.concat([init, seg]));
    const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', probe]);
    rmSync(probe);
    const first = Math.min(...r.stdout.trim().split('\n').map(Number));
    expect(Math.abs(first - at)).toBeLessThan(0.1);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  }, 120_000);

  it('a part played by its own fileId is just that part', async () => {
    const two = item.files.find((f) => f.part === 2)!;
    const s = await play({ fileId: two.id });
    expect(s.method).toBe('direct');
    expect(s.durationSeconds!).toBeCloseTo(PART_TWO, 0);
  });
});
