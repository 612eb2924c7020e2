// The seam a restart leaves: play, ask for segment k (job 1 starts there), then k-1 (job 2 starts one segment
// earlier), and read both with ffprobe. The video of k must start one frame after the last frame of k-1, and
// the audio must run on across the seam with no frame twice, no overlap and no hole. Clips without B-frames
// remuxed (audio copied, and AC-3 re-encoded to AAC) and a transcode (B-frames of its own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ItemDetail, PlaybackSession } from '../../src/shared/api';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { scannedFilms, startTestServer, type TestServer } from '../helpers/test-server';
import { play, playlistOf } from '../helpers/playback-client';

const CLIP_SECONDS = 30;
const LONG_SECONDS = 50;
/** 1 ms, in seconds: what "exactly" means after timescale rounding. */
const MS = 0.001;

let dir: string;
let server: RunningServer;
let srv: TestServer;
const files: Record<string, { id: string; streams: ItemDetail['files'][number]['streams'] }> = {};

interface Packet {
  pts: number;
  duration: number;
}

interface Probed {
  video: Packet[];
  audio: Packet[];
}

let probeCount = 0;
/** Video and audio packets (pts, duration) of one segment, read by ffprobe from init + segment, in time order. */
async function probeSegment(init: Buffer, segment: Buffer): Promise<Probed> {
  const path = writeFile(dir, `probe-${++probeCount}.mp4`, Buffer.concat([init, segment]));
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,duration_time', '-of', 'json', path]);
  expect(r.code, r.stderr).toBe(0);
  const out: Probed = { video: [], audio: [] };
  for (const p of (JSON.parse(r.stdout) as { packets: { codec_type: string; pts_time: string; duration_time: string }[] }).packets) {
    const packet = { pts: Number(p.pts_time), duration: p.duration_time === undefined ? NaN : Number(p.duration_time) };
    if (p.codec_type === 'video') out.video.push(packet);
    else if (p.codec_type === 'audio') out.audio.push(packet);
  }
  out.video.sort((a, b) => a.pts - b.pts);
  out.audio.sort((a, b) => a.pts - b.pts);
  // ffprobe gives the first packet of a fragmented file no duration: it lasts until the next one.
  for (const list of [out.video, out.audio]) list.forEach((p, i) => (p.duration = Number.isFinite(p.duration) && p.duration > 0 ? p.duration : (list[i + 1]?.pts ?? p.pts) - p.pts));
  return out;
}

async function bytes(url: string): Promise<Buffer> {
  const res = await srv.api(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/**
 * Stretches of silence in the audio of init + the two segments played one after the other (the clips' audio
 * is a steady sine, so any silence is a hole or an encoder's priming frame played as sound). Start times are
 * seconds from the first sample decoded.
 */
async function silencesAcross(init: Buffer, before: Buffer, after: Buffer): Promise<number[]> {
  const path = writeFile(dir, `seam-${++probeCount}.mp4`, Buffer.concat([init, before, after]));
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-hide_banner', '-nostats', '-i', path, '-vn', '-af', 'silencedetect=n=-40dB:d=0.003', '-f', 'null', '-']);
  expect(r.code, r.stderr).toBe(0);
  return [...r.stderr.matchAll(/silence_start: (-?[\d.]+)/g)].map((m) => Number(m[1]));
}

interface Seam {
  before: Probed;
  after: Probed;
  /** Silences heard across both segments, as `silencesAcross` finds them. */
  silences: number[];
  /** Where segment k starts in the playlist. */
  start: number;
}

function segmentIndexAt(durations: number[], t: number): number {
  let at = 0;
  for (let i = 0; i < durations.length; i++) {
    if (t < at + durations[i]!) return i;
    at += durations[i]!;
  }
  return durations.length - 1;
}

/** Plays from `startSeconds` (job 1 starts at its segment k), asks for k and then k-1 (job 2), and returns both probed. */
async function seam(body: Record<string, unknown>, startSeconds: number): Promise<Seam> {
  const s: PlaybackSession = await play(srv, { ...body, startSeconds });
  try {
    const { durations, names } = playlistOf(await (await srv.api(s.url)).text());
    const k = segmentIndexAt(durations, startSeconds);
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(names.length - 1);
    const at = (name: string): string => s.url.replace('index.m3u8', name);
    const after = await bytes(at(names[k]!));
    // Behind the running job: a second job starts at k-1 and ends where the first began.
    const before = await bytes(at(names[k - 1]!));
    expect(server.services.hls.inspect(s.sessionId)!.jobs).toBe(2);
    const init = await bytes(at('init.mp4'));
    return {
      before: await probeSegment(init, before),
      after: await probeSegment(init, after),
      silences: await silencesAcross(init, before, after),
      start: durations.slice(0, k).reduce((a, b) => a + b, 0),
    };
  } finally {
    await srv.api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  }
}

function last<T>(a: T[]): T {
  return a[a.length - 1]!;
}

/** The video of k starts one frame after the last frame of k-1 (within 1 ms), and at the playlist's time. */
function expectVideoJoins({ before, after, start }: Seam): void {
  const end = last(before.video);
  expect(after.video[0]!.pts - (end.pts + end.duration), 'video gap (+) or overlap (-) at the seam, s').toBeCloseTo(0, 3);
  expect(Math.abs(after.video[0]!.pts - (end.pts + end.duration))).toBeLessThanOrEqual(MS);
  expect(Math.abs(after.video[0]!.pts - start)).toBeLessThan(0.05);
}

/**
 * The audio of k follows the audio of k-1: its first packet starts where the last one before it ends, within 1 ms
 * (no frame twice, no overlap, no frame lost), and the packets inside each segment are back to back too.
 */
function expectAudioJoins({ before, after, silences }: Seam, tolerance = MS): { step: number } {
  for (const seg of [before, after]) {
    expect(seg.audio.length).toBeGreaterThan(10);
    // Every frame lasts one frame: the muxer's stretched first sample (covering a hole) would not.
    const frame = [...seg.audio].map((p) => p.duration).sort((a, b) => a - b)[seg.audio.length >> 1]!;
    for (const p of seg.audio) expect(Math.abs(p.duration - frame), `an audio packet of ${(p.duration * 1000).toFixed(2)} ms at ${p.pts}`).toBeLessThanOrEqual(MS);
  }
  const end = last(before.audio);
  const step = after.audio[0]!.pts - (end.pts + end.duration);
  expect(step, `audio at the seam: ${step > 0 ? 'a gap' : 'an overlap'} of ${(step * 1000).toFixed(2)} ms`).toBeGreaterThanOrEqual(-tolerance);
  expect(step, `audio at the seam: ${step > 0 ? 'a gap' : 'an overlap'} of ${(step * 1000).toFixed(2)} ms`).toBeLessThanOrEqual(tolerance);
  // And it sounds continuous: no silence past the first frames, which are decoded with nothing before them
  // (silencedetect counts from the first sample it decodes).
  expect(silences.filter((t) => t > 0.05)).toEqual([]);
  return { step };
}

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  const { ffmpeg, ffprobe } = mediaTools();
  // The clip maker's H.264 is libx264 ultrafast: no B-frames (checked below). AC-3 in MKV (audio re-encoded for Chromium) …
  await makeClip(join(lib, 'Encoded Audio (2020)', 'Encoded Audio (2020).mkv'), 'h264-ac3-mkv', CLIP_SECONDS);
  // Longer than what a cold remux start reads before it plans (30 s).
  await makeClip(join(lib, 'Long Cold (2020)', 'Long Cold (2020).mkv'), 'h264-ac3-mkv', LONG_SECONDS);
  // … and AAC in MKV (audio copied): the MP4 clip rewrapped as it is, so MKV's millisecond timestamps apply.
  const mp4 = await makeClip(join(dir, 'src', 'aac.mp4'), 'h264-aac-mp4', CLIP_SECONDS);
  const aacMkv = join(lib, 'Copied Audio (2020)', 'Copied Audio (2020).mkv');
  mkdirSync(dirname(aacMkv), { recursive: true });
  const r = await runTool(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', mp4, '-map', '0', '-c', 'copy', aacMkv]);
  expect(r.code, r.stderr).toBe(0);
  for (const path of [aacMkv, join(lib, 'Encoded Audio (2020)', 'Encoded Audio (2020).mkv')]) {
    const bf = await runTool(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=has_b_frames', '-of', 'csv=p=0', path]);
    expect(bf.stdout.trim()).toBe('0');
  }
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer, playback: { maxTranscodes: 2 } });
  server = srv.server;
  for (const [title, detail] of await scannedFilms(srv, [lib])) files[title] = { id: detail.files[0]!.id, streams: detail.files[0]!.streams };
  expect(Object.keys(files).sort()).toEqual(['Copied Audio', 'Encoded Audio', 'Long Cold']);
}, 120_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('a remux restart without B-frames', () => {
  it('copied AAC: the video joins frame to frame and the audio has no frame twice', async () => {
    const s = await seam({ fileId: files['Copied Audio']!.id }, 16);
    expectVideoJoins(s);
    expectAudioJoins(s);
  }, 60_000);

  it('AC-3 re-encoded to AAC: the video joins frame to frame and the audio neither overlaps nor leaves a hole', async () => {
    const s = await seam({ fileId: files['Encoded Audio']!.id }, 16);
    expectVideoJoins(s);
    expectAudioJoins(s);
  }, 60_000);
});

describe('a transcode restart', () => {
  it('joins video frame to frame, and audio without overlap or loss', async () => {
    const s = await seam({ fileId: files['Encoded Audio']!.id, forceMethod: 'transcode' }, 15);
    expectVideoJoins(s);
    expectAudioJoins(s);
  }, 90_000);
});


describe('the first job', () => {
  // A transcode's job 0 is not here: its first picture is decoded two frames before zero (B-frames), which a
  // tfdt cannot say, so its first fragment shows 80 ms late (see docs/benchmarks.md, playback, 2026-12-03).
  it('a remux with re-encoded audio from the start: segment 0 starts at the first picture and joins segment 1', async () => {
    const s = await play(srv, { fileId: files['Encoded Audio']!.id });
    try {
      const { names } = playlistOf(await (await srv.api(s.url)).text());
      const at = (name: string): string => s.url.replace('index.m3u8', name);
      const first = await bytes(at(names[0]!));
      const second = await bytes(at(names[1]!));
      const init = await bytes(at('init.mp4'));
      const [a, b] = [await probeSegment(init, first), await probeSegment(init, second)];
      expect(a.video[0]!.pts).toBeLessThan(0.01);
      expect(a.audio[0]!.pts).toBeLessThan(0.01);
      const seamAt = { before: a, after: b, silences: await silencesAcross(init, first, second), start: b.video[0]!.pts };
      expectVideoJoins(seamAt);
      expectAudioJoins(seamAt);
    } finally {
      await srv.api(`/playback/${s.sessionId}`, { method: 'DELETE' });
    }
  }, 60_000);
});

describe('a cold remux start', () => {
  it('plans its first segments on a short read, lists every segment all the same, and hands over seamlessly', async () => {
    // Cold: the keyframe index is not cached (the background queue may be reading it; that read is joined).
    rmSync(join(server.services.cacheDir, 'keyframes'), { recursive: true, force: true });
    const s = await play(srv, { fileId: files['Long Cold']!.id });
    try {
      const { durations, names } = playlistOf(await (await srv.api(s.url)).text());
      expect(Math.abs(durations.reduce((a, b) => a + b, 0) - s.durationSeconds!)).toBeLessThan(0.5);
      expect(names.length).toBe(Math.ceil((LONG_SECONDS - 1) / 4));
      const at = (name: string): string => s.url.replace('index.m3u8', name);
      const init = await bytes(at('init.mp4'));
      // In order, as a player reads them: the first job makes them, no seek restarts anything.
      const segments: Buffer[] = [];
      for (const name of names) segments.push(await bytes(at(name)));
      // The short read saw keyframes up to 29 s: its last start (28 s) is where the first job gave way.
      const m = 7;
      const [before, after] = [segments[m - 1]!, segments[m]!];
      const seamAt = { before: await probeSegment(init, before), after: await probeSegment(init, after), silences: await silencesAcross(init, before, after), start: durations.slice(0, m).reduce((a, b) => a + b, 0) };
      expectVideoJoins(seamAt);
      expectAudioJoins(seamAt);
      // Every frame of the file, once, across both runs.
      const frames: number[] = [];
      for (const seg of segments) frames.push(...(await probeSegment(init, seg)).video.map((p) => p.pts));
      expect(frames.length).toBe(LONG_SECONDS * 25);
      expect(new Set(frames.map((t) => Math.round(t * 1000))).size).toBe(frames.length);
      const inspect = server.services.hls.inspect(s.sessionId)!;
      expect(inspect.runs).toBeGreaterThanOrEqual(2);
      expect(inspect.jobs).toBe(1);
    } finally {
      await srv.api(`/playback/${s.sessionId}`, { method: 'DELETE' });
    }
  }, 90_000);
});
