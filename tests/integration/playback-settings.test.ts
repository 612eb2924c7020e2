// Playback settings applied by the running server, without a restart: the quality cap bounds transcodes
// (never direct play), ffmpegPath picks the ffmpeg of the next job, and hardware encoding on a machine
// without a usable encoder says why in GET /system and transcodes with libx264.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ClientCapabilities, ItemDetail, ItemsResponse, PlaybackSession } from '../../src/shared/api';
import type { SystemInfo } from '../../src/shared/settings-api';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';
import { play as playOn } from '../helpers/playback-client';


let dir: string;
let server: RunningServer;
let srv: TestServer;
let fileId: string;

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
const play = (body: Record<string, unknown> = {}, caps: Partial<ClientCapabilities> = {}): Promise<PlaybackSession> => playOn(srv, { fileId, ...body }, caps);

async function setPlayback(patch: Record<string, unknown>): Promise<void> {
  const res = await api('/settings', { method: 'PUT', body: { playback: patch } });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The picture height of a session's first segment, as ffprobe reads init + segment. */
async function firstSegmentHeight(s: PlaybackSession): Promise<number> {
  const get = async (name: string): Promise<Buffer> => Buffer.from(await (await api(s.url.replace('index.m3u8', name))).arrayBuffer());
  const [init, seg] = [await get('init.mp4'), await get('seg-00000.m4s')];
  const path = writeFile(dir, `probe-${s.sessionId}.mp4`, Buffer.concat([init, seg]));
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=height', '-of', 'csv=p=0', path]);
  return Number(r.stdout.trim());
}

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  const clip = join(lib, 'Tall (2020)', 'Tall (2020).mp4');
  writeFile(lib, 'Tall (2020)/.keep', '');
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=6', '-f', 'lavfi', '-i', 'sine=duration=6', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'aac', '-shortest', clip], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(r.stderr);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer });
  server = srv.server;
  server.services.addLibrary({ type: 'movies', paths: [lib] });
  await server.services.scans.whenIdle();
  const { items } = (await (await api('/items')).json()) as ItemsResponse;
  const detail = (await (await api(`/items/${items.find((i) => i.title === 'Tall')!.id}`)).json()) as ItemDetail;
  fileId = detail.files[0]!.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('the quality cap', () => {
  it('bounds a transcode, takes the client maxHeight when lower, and never caps direct play', async () => {
    await setPlayback({ qualityCap: '480p' });
    const direct = await play();
    expect(direct.method).toBe('direct');
    const capped = await play({ forceMethod: 'transcode' });
    expect(await firstSegmentHeight(capped)).toBe(480);
    await api(`/playback/${capped.sessionId}`, { method: 'DELETE' });
    const lower = await play({}, { maxHeight: 360 });
    expect(lower.reasons).toContain('resolution-too-high');
    expect(await firstSegmentHeight(lower)).toBe(360);
    await api(`/playback/${lower.sessionId}`, { method: 'DELETE' });
    await setPlayback({ qualityCap: 'original' });
    const full = await play({ forceMethod: 'transcode' });
    expect(await firstSegmentHeight(full)).toBe(720);
    await api(`/playback/${full.sessionId}`, { method: 'DELETE' });
  }, 90_000);
});

describe('ffmpegPath', () => {
  it('runs the next job with the configured ffmpeg, without a restart, and the bundled one when it is unset or broken', async () => {
    const calls = join(dir, 'calls.log');
    const wrapper = writeFile(dir, 'bin/ffmpeg', `#!/bin/sh\necho "$@" >> '${calls}'\nexec '${mediaTools().ffmpeg}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    await setPlayback({ ffmpegPath: wrapper });
    const s = await play({ forceMethod: 'transcode' });
    expect(await firstSegmentHeight(s)).toBe(720);
    expect(readFileSync(calls, 'utf8')).toContain('-f segment');
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });

    // Not executable: the server's own ffmpeg plays, and nothing reaches the wrapper.
    const broken = writeFile(dir, 'other/ffmpeg', 'not a program');
    await setPlayback({ ffmpegPath: broken });
    const before = readFileSync(calls, 'utf8');
    const t = await play({ forceMethod: 'transcode' });
    expect(await firstSegmentHeight(t)).toBe(720);
    await api(`/playback/${t.sessionId}`, { method: 'DELETE' });
    await setPlayback({ ffmpegPath: null });
    const u = await play({ forceMethod: 'transcode' });
    expect(await firstSegmentHeight(u)).toBe(720);
    await api(`/playback/${u.sessionId}`, { method: 'DELETE' });
    expect(readFileSync(calls, 'utf8')).toBe(before);
  }, 90_000);
});

describe('hardware encoding', () => {
  it('is reported per encoder in GET /system, and with none usable a transcode uses libx264', async () => {
    const info = (await (await api('/system')).json()) as SystemInfo;
    expect(info.hardwareDetection!.map((h) => h.kind)).toEqual(['vaapi', 'nvenc', 'qsv', 'videotoolbox', 'amf']);
    for (const h of info.hardwareDetection!) expect(h.detail.length).toBeGreaterThan(5);
    await setPlayback({ hardwareEncoding: true });
    const s = await play({ forceMethod: 'transcode' });
    expect(await firstSegmentHeight(s)).toBe(720);
    const usable = info.hardwareDetection!.some((h) => h.usable);
    expect(server.services.hls.inspect(s.sessionId)!.encoder).toBe(usable ? expect.stringMatching(/^h264_/) : 'libx264');
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
    expect(existsSync(join(server.services.cacheDir, 'hls', s.sessionId))).toBe(false);
  }, 90_000);
});
