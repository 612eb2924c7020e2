// MPEG-TS, as a TV tuner or a Blu-ray rip leaves it: a timeline that starts at the broadcast clock
// (here 600 s in), a demuxer that seeks by byte position, and, on machines like this one, a bundled
// ffprobe that crashes on every such file. The file is read through ffmpeg where ffprobe dies, and
// plays from 0 on its own timeline by remux and by transcode, from the start and after far seeks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import { probeFile } from '../../src/main/library/probe';
import { parseInputBanner } from '../../src/main/library/probe-through-ffmpeg';
import { parseFramecrcKeyframes, readKeyframes } from '../../src/main/playback/keyframes';
import type { ItemDetail, PlaybackSession } from '../../src/shared/api';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { scannedFilms, startTestServer, type TestServer } from '../helpers/test-server';
import { play, playlistOf } from '../helpers/playback-client';

const SECONDS = 20;
const OFFSET = 600;
let dir: string;
let ts: string;
let crashingProbe: string;
let server: RunningServer;
let srv: TestServer;
let film: ItemDetail;

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  writeFile(lib, 'Recorded (2020)/.keep', '');
  ts = join(lib, 'Recorded (2020)', 'Recorded (2020).ts');
  // H.264 with a keyframe every 2 s, AC-3 English and AAC French, the clock starting 600 s in.
  const r = await runTool(mediaTools().ffmpeg, [
    '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25:duration=${SECONDS}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`,
    '-map', '0', '-map', '1', '-map', '1',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '50',
    '-c:a:0', 'ac3', '-c:a:1', 'aac', '-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fre',
    '-output_ts_offset', String(OFFSET), ts,
  ], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(r.stderr);
  // An ffprobe that dies as the bundled one does here, on any .ts, and is the real one otherwise: the
  // fallback is tested on every machine, whether or not its ffprobe crashes.
  crashingProbe = writeFile(dir, 'ffprobe-crashing-on-ts', `#!/bin/sh\nfor a in "$@"; do case "$a" in *.ts) kill -SEGV $$;; esac; done\nexec '${mediaTools().ffprobe}' "$@"\n`);
  chmodSync(crashingProbe, 0o755);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer });
  server = srv.server;
  film = (await scannedFilms(srv, [lib])).get('Recorded')!;
}, 120_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

/** Each stream's first and last packet time in one segment (init + segment, read by ffprobe). */
async function spans(s: PlaybackSession, name: string): Promise<{ video: [number, number]; audio: [number, number] }> {
  const get = async (n: string) => Buffer.from(await (await srv.api(s.url.replace('index.m3u8', n))).arrayBuffer());
  const path = writeFile(dir, `${s.sessionId}-${name}.mp4`, Buffer.concat([await get('init.mp4'), await get(name)]));
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-show_entries', 'packet=stream_index,pts_time', '-of', 'csv=p=0', path]);
  const rows = r.stdout.trim().split('\n').map((l) => l.split(',').map(Number));
  const span = (k: number): [number, number] => {
    const t = rows.filter((row) => row[0] === k).map((row) => row[1]!);
    return [Math.min(...t), Math.max(...t)];
  };
  return { video: span(0), audio: span(1) };
}

describe('an MPEG-TS recording', () => {
  it('is read through ffmpeg when ffprobe crashes: container, length, start, and the streams with their own indices', async () => {
    const p = await probeFile({ ffprobe: crashingProbe, ffmpeg: mediaTools().ffmpeg }, ts);
    expect(p.container).toBe('ts');
    expect(p.durationSeconds).toBeCloseTo(SECONDS, 0);
    expect(p.startSeconds).toBeGreaterThan(OFFSET);
    expect(p.startSeconds).toBeLessThan(OFFSET + 2);
    expect(p.streams.map((s) => [s.index, s.type, s.codec, s.language])).toEqual([
      [0, 'video', 'h264', null],
      [1, 'audio', 'ac3', 'eng'],
      [2, 'audio', 'aac', 'fre'],
    ]);
    expect(p.streams[0]).toMatchObject({ width: 320, height: 180, fps: 25 });
    // With no ffmpeg to fall back on, the crash is a clear error, not a hang or a half-read file.
    await expect(probeFile(crashingProbe, ts)).rejects.toThrow(/./);
    // What the scan saved agrees.
    expect(film.files[0]).toMatchObject({ container: 'ts' });
  });

  it('has its keyframes read through ffmpeg as ffprobe would read them', async () => {
    const viaFfmpeg = await readKeyframes({ ffprobe: crashingProbe, ffmpeg: mediaTools().ffmpeg }, join(dir, 'kf-a'), { path: ts, signature: 'a' });
    expect(viaFfmpeg.times.length).toBe(SECONDS / 2);
    const gaps = viaFfmpeg.times.slice(1).map((t, i) => t - viaFfmpeg.times[i]!);
    for (const g of gaps) expect(g).toBeCloseTo(2, 3);
    expect(viaFfmpeg.times[0]).toBeGreaterThan(OFFSET);
    expect(parseFramecrcKeyframes('#tb 0: 1/90000\n0, 0, 180000, 3600, 10, 0x1\n0, 1, 183600, 3600, 10, 0x2, F=0x0\n0, 2, 360000, 3600, 10, 0x3, F=0x1\n')).toEqual([2, 4]);
    expect(parseInputBanner('Input #0, mpegts, from \'x.ts\':\n  Duration: 00:01:02.50, start: 1.400000, bitrate: 713 kb/s\n    Stream #0:0[0x100]: Video: h264\n    Stream #0:1[0x101](eng): Audio: ac3\n    Stream #0:2[0x102]: Data: bin_data\n')).toEqual({
      format: 'mpegts', durationSeconds: 62.5, startSeconds: 1.4, bitrate: 713_000,
      streams: [{ index: 0, type: 'video' }, { index: 1, type: 'audio' }, { index: 2, type: 'data' }],
    });
  });

  for (const method of ['remux', 'transcode'] as const) {
    it(`plays by ${method} on a timeline from 0, each segment where the playlist puts it, also after a far seek`, async () => {
      // A copy cuts on the file's own keyframes; an encode's B-frames may show up to two frames either side.
      const slack = method === 'remux' ? 0.01 : 0.09;
      const check = async (s: PlaybackSession, indices: number[]) => {
        const { durations, names } = playlistOf(await (await srv.api(s.url)).text());
        expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(SECONDS, 0);
        const starts = durations.map((_, i) => durations.slice(0, i).reduce((a, b) => a + b, 0));
        for (const i of indices) {
          const { video, audio } = await spans(s, names[i]!);
          const end = starts[i]! + durations[i]!;
          // The picture fills the segment (a transcode's frames at most two frames late, its B-frames' delay)…
          expect(video[0], `segment ${i} video start`).toBeGreaterThanOrEqual(starts[i]! - slack);
          expect(video[0], `segment ${i} video start`).toBeLessThan(starts[i]! + 0.09);
          expect(video[1], `segment ${i} video end`).toBeLessThan(end + 0.09);
          expect(video[1], `segment ${i} video end`).toBeGreaterThan(end - 0.1);
          // …and the sound covers it, on the same clock.
          expect(audio[0], `segment ${i} audio start`).toBeLessThan(starts[i]! + 0.1);
          // (a cut falls at the keyframe's decode time: the B-frames' delay, and the last audio frame's length, before it)
          expect(audio[1], `segment ${i} audio end`).toBeGreaterThan(end - 0.15);
        }
        return names.length;
      };
      const fromStart = await play(srv, { fileId: film.files[0]!.id, forceMethod: method });
      expect(fromStart.method).toBe(method);
      expect(fromStart.durationSeconds).toBeCloseTo(SECONDS, 0);
      const count = await check(fromStart, [0, 1]);
      await srv.api(`/playback/${fromStart.sessionId}`, { method: 'DELETE' });
      // A start far in: the first job seeks there (the rough demuxer, guided onto a keyframe).
      const far = await play(srv, { fileId: film.files[0]!.id, forceMethod: method, startSeconds: 13 });
      const { durations } = playlistOf(await (await srv.api(far.url)).text());
      let at = 0;
      let i = 0;
      while (at + durations[i]! <= 13) at += durations[i++]!;
      await check(far, [i, Math.min(i + 1, count - 1)]);
      await srv.api(`/playback/${far.sessionId}`, { method: 'DELETE' });
    }, 120_000);
  }
});
