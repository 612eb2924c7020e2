// What a transcode makes, read back with ffprobe: H.264 High scaled to the client's height, a bit rate
// under the client's cap, HDR10 tone-mapped to 8-bit BT.709 SDR, and the concurrent-transcode cap taken
// from the settings while the server runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ClientCapabilities, PlaybackSession } from '../../src/shared/api';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { scannedFilms, startTestServer, type TestServer } from '../helpers/test-server';
import { play as playOn, playlistOf } from '../helpers/playback-client';

const SECONDS = 6;
let dir: string;
let server: RunningServer;
let srv: TestServer;
let fileIds: Map<string, string>;

const play = (title: string, body: Record<string, unknown> = {}, caps: Partial<ClientCapabilities> = {}): Promise<PlaybackSession> =>
  playOn(srv, { fileId: fileIds.get(title)!, ...body }, caps);
const end = (s: PlaybackSession) => srv.api(`/playback/${s.sessionId}`, { method: 'DELETE' });

async function fetchBytes(s: PlaybackSession, name: string): Promise<Buffer> {
  const res = await srv.api(s.url.replace('index.m3u8', name));
  expect(res.status, name).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The whole transcode (init and every segment, in order) as one MP4 ffprobe can read. */
async function wholeOutput(s: PlaybackSession): Promise<{ path: string; bytes: number; seconds: number }> {
  const { durations, names } = playlistOf(await (await srv.api(s.url)).text());
  const parts = [await fetchBytes(s, 'init.mp4')];
  for (const name of names) parts.push(await fetchBytes(s, name));
  const joined = Buffer.concat(parts);
  return { path: writeFile(dir, `out-${s.sessionId}.mp4`, joined), bytes: joined.length - parts[0]!.length, seconds: durations.reduce((a, b) => a + b, 0) };
}

async function videoStream(path: string): Promise<Record<string, string>> {
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,profile,height,pix_fmt,color_transfer,color_primaries,color_space', '-of', 'json', path]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { streams: Record<string, string>[] }).streams[0] ?? {};
}

/** The mean luma (0–255) of a file's first frame after the filter chain. */
async function meanLuma(path: string, filters: string): Promise<number> {
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'info', '-i', path, '-frames:v', '1', '-vf', `${filters},signalstats,metadata=print:key=lavfi.signalstats.YAVG`, '-f', 'null', '-']);
  const value = Number(/YAVG=([\d.]+)/.exec(r.stderr)?.[1] ?? 'NaN');
  expect(value, r.stderr.slice(-400)).toBeGreaterThan(0);
  return value;
}

async function make(path: string, args: string[]): Promise<void> {
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', ...args, path], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(r.stderr);
}

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  writeFile(lib, 'Wide (2021)/.keep', '');
  writeFile(lib, 'Bright (2022)/.keep', '');
  const audio = ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`];
  // 1080p noise-like test pattern at ultrafast: many megabits a second, well over the cap below.
  await make(join(lib, 'Wide (2021)', 'Wide (2021).mp4'), ['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=25:duration=${SECONDS}`, ...audio, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'aac', '-shortest']);
  // HDR10 as a UHD disc has it: HEVC Main 10, PQ transfer, BT.2020 primaries.
  await make(join(lib, 'Bright (2022)', 'Bright (2022).mkv'), [
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${SECONDS}`, ...audio,
    '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p10le',
    '-color_trc', 'smpte2084', '-color_primaries', 'bt2020', '-colorspace', 'bt2020nc', '-c:a', 'aac', '-shortest',
  ]);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer });
  server = srv.server;
  const films = await scannedFilms(srv, [lib]);
  fileIds = new Map([...films].map(([title, detail]) => [title, detail.files[0]!.id]));
}, 240_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('a transcode', () => {
  it('is H.264 High at the client’s height, under the client’s bit rate, for those reasons', async () => {
    const CAP = 2000;
    const s = await play('Wide', {}, { maxHeight: 720, maxBitrateKbps: CAP });
    expect(s.method).toBe('transcode');
    expect(s.reasons).toEqual(expect.arrayContaining(['resolution-too-high', 'bitrate-too-high']));
    const out = await wholeOutput(s).finally(() => end(s));
    const v = await videoStream(out.path);
    expect(v).toMatchObject({ codec_name: 'h264', profile: 'High', height: 720, pix_fmt: 'yuv420p' });
    expect(out.seconds).toBeGreaterThan(SECONDS - 0.5);
    // The encoder's rate control (maxrate = cap − audio, a two-second buffer) may overshoot a little in
    // the first second; over the whole clip the picture and sound stay near the cap.
    const kbps = (out.bytes * 8) / out.seconds / 1000;
    expect(kbps).toBeLessThan(CAP * 1.25);
    // Without the cap, the same picture takes far more: the cap is what held it.
    const free = await play('Wide', { forceMethod: 'transcode' }, { maxHeight: 720 });
    const uncapped = await wholeOutput(free).finally(() => end(free));
    expect((uncapped.bytes * 8) / uncapped.seconds / 1000).toBeGreaterThan(kbps);
  }, 180_000);

  it('tone-maps HDR10 to 8-bit BT.709 SDR, and says so', async () => {
    const s = await play('Bright');
    expect(s.method).toBe('transcode');
    expect(s.reasons).toEqual(expect.arrayContaining(['hdr-tonemap']));
    const out = await wholeOutput(s).finally(() => end(s));
    const v = await videoStream(out.path);
    expect(v).toMatchObject({ codec_name: 'h264', profile: 'High', height: 360, pix_fmt: 'yuv420p' });
    expect(v.color_transfer).not.toBe('smpte2084');
    expect(v.color_primaries).not.toBe('bt2020');
    // The picture went through the curve: its mean luma is what a reference tone-map of the source
    // gives, and not what a plain 10-to-8-bit conversion of it gives (on this pattern the curve darkens the mean by some 6 levels).
    const source = join(dir, 'films', 'Bright (2022)', 'Bright (2022).mkv');
    const plain = await meanLuma(source, 'format=yuv420p');
    const reference = await meanLuma(source, 'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p');
    const actual = await meanLuma(out.path, 'format=yuv420p');
    expect(plain - reference).toBeGreaterThan(5);
    // Lossy coding moves the mean a level or three; the curve moves it twice that.
    expect(actual).toBeLessThan(plain - 5);
    expect(Math.abs(actual - reference)).toBeLessThan(5);
  }, 180_000);
});

describe('the concurrent-transcode cap', () => {
  it('follows the settings while the server runs', async () => {
    const setMax = async (n: number) => expect((await srv.api('/settings', { method: 'PUT', body: { playback: { maxTranscodes: n } } })).status).toBe(200);
    await setMax(1);
    const first = await play('Wide', { forceMethod: 'transcode' });
    const refused = await srv.api('/playback', { method: 'POST', body: { fileId: fileIds.get('Bright')!, capabilities: { containers: ['mp4'], videoCodecs: ['h264'], audioCodecs: ['aac'], hls: true } } });
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too-many-transcodes');
    expect(body.error.message).toMatch(/^1 transcodes? (is|are) running/);
    // Remuxes and direct play are cheap and never counted.
    expect((await play('Wide')).method).toBe('direct');
    await setMax(2);
    const second = await play('Bright');
    expect(second.method).toBe('transcode');
    await Promise.all([end(first), end(second)]);
  }, 120_000);
});
