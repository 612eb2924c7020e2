// Checks the in-process MP4/Matroska probe against ffprobe on real clips made with the bundled ffmpeg.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/main/db/library-store';
import { probeInProcess } from '../../src/main/library/probe-in-process';
import { PROBE_ARGS, parseProbeJson } from '../../src/main/library/probe';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';

const SECONDS = 2;
const VIDEO = ['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25:duration=${SECONDS}`];
const AUDIO = ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`];
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25'];
const X265 = ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p'];

const SRT = '1\n00:00:00,500 --> 00:00:01,500\nHallo\n\n2\n00:00:01,600 --> 00:00:01,900\nWelt\n';
const CHAPTERS = ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=Finale\n';

interface Clip {
  name: string;
  args: (dir: string) => string[];
  /** Why falling back to ffprobe is the expected answer for this clip. */
  fallsBack?: string;
}

/** Each clip exercises one container/codec path the in-process reader claims to handle. */
const CLIPS: Clip[] = [
  { name: 'h264-aac-faststart.mp4', args: () => [...VIDEO, ...AUDIO, ...X264, '-c:a', 'aac', '-movflags', '+faststart'] },
  { name: 'h264-aac-moov-at-end.mp4', args: () => [...VIDEO, ...AUDIO, ...X264, '-c:a', 'aac'] },
  { name: 'h264-high10.mp4', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-profile:v', 'high10', '-c:a', 'aac'] },
  { name: 'hevc-aac.mkv', args: () => [...VIDEO, ...AUDIO, ...X265, '-c:a', 'aac'] },
  { name: 'hevc-aac.mp4', args: () => [...VIDEO, ...AUDIO, ...X265, '-tag:v', 'hvc1', '-c:a', 'aac'] },
  { name: 'vp9-opus.webm', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-c:a', 'libopus'] },
  { name: 'h264-ac3-51.mkv', args: () => [...VIDEO, ...AUDIO, ...X264, '-c:a', 'ac3', '-ac', '6'] },
  {
    name: 'two-audio-subs-chapters.mkv',
    args: (dir) => [
      ...VIDEO, ...AUDIO, '-i', join(dir, 'subs.srt'), '-f', 'ffmetadata', '-i', join(dir, 'chapters.txt'),
      '-map', '0:v', '-map', '1:a', '-map', '1:a', '-map', '2:s', '-map_chapters', '3',
      ...X264, '-c:a:0', 'aac', '-c:a:1', 'ac3', '-c:s', 'srt',
      '-metadata:s:a:0', 'language=eng', '-metadata:s:a:0', 'title=English Stereo',
      '-metadata:s:a:1', 'language=fre', '-metadata:s:a:1', 'title=Français AC-3', '-disposition:a:1', '0',
      '-metadata:s:s:0', 'language=ger', '-disposition:s:0', 'forced',
    ],
  },
  { name: 'h264-bframes-aac51.mp4', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '3', '-c:a', 'aac', '-ac', '6'] },
  { name: 'h264-ac3-51.mp4', args: () => [...VIDEO, ...AUDIO, ...X264, '-c:a', 'ac3', '-ac', '6'] },
  { name: 'h264-eac3.mp4', args: () => [...VIDEO, ...AUDIO, ...X264, '-c:a', 'eac3', '-ac', '2'] },
  { name: 'h264-mp3.mp4', args: () => [...VIDEO, ...AUDIO, ...X264, '-c:a', 'libmp3lame'], fallsBack: 'MP3 channels are only in its frames' },
  { name: 'hevc10-hdr10-eac3.mkv', args: () => [...VIDEO, ...AUDIO, ...X265.slice(0, -1), 'yuv420p10le', '-color_trc', 'smpte2084', '-color_primaries', 'bt2020', '-colorspace', 'bt2020nc', '-c:a', 'eac3', '-ac', '6'] },
  { name: 'h264-flac-mp3.mkv', args: () => [...VIDEO, ...AUDIO, '-map', '0:v', '-map', '1:a', '-map', '1:a', ...X264, '-c:a:0', 'flac', '-c:a:1', 'libmp3lame'] },
  { name: 'vp9-vorbis.webm', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-c:a', 'libvorbis'] },
  { name: 'av1-opus.mkv', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libaom-av1', '-strict', 'experimental', '-cpu-used', '8', '-b:v', '100k', '-c:a', 'libopus'] },
  {
    name: 'h264-ass.mkv',
    args: (dir) => [...VIDEO, ...AUDIO, '-i', join(dir, 'subs.srt'), '-map', '0:v', '-map', '1:a', '-map', '2:s', ...X264, '-c:a', 'aac', '-c:s', 'ass', '-metadata:s:s:0', 'title=Full (SDH)'],
  },
  {
    name: 'two-audio-mov-text.mp4',
    args: (dir) => [
      ...VIDEO, ...AUDIO, '-i', join(dir, 'subs.srt'), '-map', '0:v', '-map', '1:a', '-map', '1:a', '-map', '2:s',
      ...X264, '-c:a:0', 'aac', '-c:a:1', 'ac3', '-c:s', 'mov_text',
      '-metadata:s:a:0', 'language=eng', '-metadata:s:a:0', 'title=Main', '-metadata:s:a:1', 'language=fre', '-disposition:a:1', '0', '-metadata:s:s:0', 'language=ger',
    ],
  },
  {
    name: 'h264-aac-mov-text.mp4',
    args: (dir) => [...VIDEO, ...AUDIO, '-i', join(dir, 'subs.srt'), '-map', '0:v', '-map', '1:a', '-map', '2:s', ...X264, '-c:a', 'aac', '-c:s', 'mov_text', '-metadata:s:s:0', 'language=ger'],
  },
];

let dir = '';
const made = new Map<string, string>();
const failures = new Map<string, string>();

async function ffprobe(file: string): Promise<ProbeResult | null> {
  const r = await runTool(mediaTools().ffprobe, [...PROBE_ARGS, '-i', file], { timeoutMs: 30_000 });
  return r.code === 0 ? parseProbeJson(r.stdout) : null;
}

async function makeClip(clip: Clip): Promise<void> {
  const out = join(dir, clip.name);
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', ...clip.args(dir), '-shortest', out], { timeoutMs: 120_000 });
  if (r.code === 0) made.set(clip.name, out);
  else failures.set(clip.name, r.stderr.trim().split('\n').slice(-2).join(' '));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mc-probe-in-process-'));
  writeFileSync(join(dir, 'subs.srt'), SRT);
  writeFileSync(join(dir, 'chapters.txt'), CHAPTERS);
  await Promise.all(CLIPS.map(makeClip));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function near(actual: number | null | undefined, expected: number | null | undefined, tolerance: number, what: string): void {
  if (expected === null || expected === undefined) return;
  expect(actual, what).toBeTypeOf('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** The fields the scan stores, compared the way the brief for this reader states. */
function expectSameAsFfprobe(ours: ProbeResult, ref: ProbeResult, file: string): void {
  const container = file.endsWith('.webm') && ref.container === 'mkv' ? 'webm' : ref.container;
  expect(ours.container).toBe(container);
  near(ours.durationSeconds, ref.durationSeconds, 0.05, 'duration');
  if (ref.bitrate) near(ours.bitrate, ref.bitrate, ref.bitrate * 0.01, 'bitrate');
  expect(ours.streams.length, 'stream count').toBe(ref.streams.length);
  ref.streams.forEach((want, i) => {
    const got = ours.streams[i];
    const at = `stream ${i}`;
    expect(got, at).toBeDefined();
    if (!got) return;
    expect({ index: got.index, type: got.type, codec: got.codec, language: got.language, title: got.title ?? null }, at).toEqual({
      index: want.index, type: want.type, codec: want.codec, language: want.language, title: want.title ?? null,
    });
    expect({ isDefault: got.isDefault, isForced: got.isForced, width: got.width, height: got.height, channels: got.channels, sampleRate: got.sampleRate }, at).toEqual({
      isDefault: want.isDefault, isForced: want.isForced, width: want.width, height: want.height, channels: want.channels, sampleRate: want.sampleRate,
    });
    if (want.bitDepth) expect(got.bitDepth, `${at} bit depth`).toBe(want.bitDepth);
    // ffprobe prints "unknown" for codecs without profiles (E-AC-3): that is no profile.
    if (want.profile && want.profile !== 'unknown') expect(got.profile?.toLowerCase(), `${at} profile`).toBe(want.profile.toLowerCase());
    if (want.fps) near(got.fps, want.fps, 0.01, `${at} fps`);
    expect(got.hdr ?? null, `${at} hdr`).toBe(want.hdr ?? null);
  });
  expect(ours.chapters.length, 'chapter count').toBe(ref.chapters.length);
  ref.chapters.forEach((want, i) => {
    const got = ours.chapters[i];
    near(got?.start, want.start, 0.01, `chapter ${i} start`);
    near(got?.end, want.end, 0.01, `chapter ${i} end`);
    expect(got?.title, `chapter ${i} title`).toBe(want.title);
  });
}

describe('probeInProcess matches ffprobe on real clips', () => {
  for (const clip of CLIPS) {
    it(clip.name, async (ctx) => {
      const file = made.get(clip.name);
      if (!file) {
        // Only a missing encoder in the bundled static ffmpeg may skip a case (e.g. no 10-bit libx264).
        ctx.skip(`the bundled ffmpeg could not make it: ${failures.get(clip.name) ?? 'unknown error'}`);
        return;
      }
      const ref = await ffprobe(file);
      expect(ref).not.toBeNull();
      const ours = probeInProcess(file);
      if (clip.fallsBack) {
        expect(ours, clip.fallsBack).toBeNull();
        return;
      }
      expect(ours, 'in-process probe fell back on a file it should read').not.toBeNull();
      expectSameAsFfprobe(ours as ProbeResult, ref as ProbeResult, file);
    });
  }

  it('reads the chapters, titles, languages and forced flag of the multi-track MKV', () => {
    const file = made.get('two-audio-subs-chapters.mkv');
    expect(file).toBeDefined();
    const ours = probeInProcess(file as string);
    expect(ours?.chapters.map((c) => c.title)).toEqual(['Opening', 'Finale']);
    expect(ours?.streams.map((s) => [s.index, s.codec, s.language, s.title, s.isForced])).toEqual([
      [0, 'h264', null, null, false],
      [1, 'aac', 'eng', 'English Stereo', false],
      [2, 'ac3', 'fre', 'Français AC-3', false],
      [3, 'subrip', 'ger', null, true],
    ]);
  });
});

/** EBML vint at `at`: value (marker kept for IDs) and byte length. */
function ebmlVint(buf: Buffer, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = buf[at] as number;
  let length = 1;
  while (!(first & (0x80 >> (length - 1)))) length++;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + (buf[at + i] as number);
  return { value, length };
}

/** An element with an 8-byte size, so a SeekHead's size does not depend on the positions it holds. */
function ebmlElement(id: number, body: Buffer): Buffer {
  const idBytes = Buffer.from(id.toString(16).padStart(2, '0').replace(/^(.(..)*)$/, '0$1'), 'hex');
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(body.length) | (1n << 56n));
  return Buffer.concat([idBytes, size, body]);
}

/**
 * Rewrites an ffmpeg MKV as some muxers lay files out: SeekHead, then the clusters, then Info, Tracks and
 * Chapters, so only the SeekHead leads to them. Cues, Tags and the old SeekHead are dropped.
 */
function withHeadersAfterClusters(src: string, dest: string): void {
  const buf = readFileSync(src);
  const ebmlSize = ebmlVint(buf, 4, false);
  const segmentAt = 4 + ebmlSize.length + ebmlSize.value;
  const segmentId = ebmlVint(buf, segmentAt, true);
  const segmentSize = ebmlVint(buf, segmentAt + segmentId.length, false);
  const bodyStart = segmentAt + segmentId.length + segmentSize.length;
  const level1: { id: number; bytes: Buffer }[] = [];
  for (let at = bodyStart; at < buf.length; ) {
    const id = ebmlVint(buf, at, true);
    const size = ebmlVint(buf, at + id.length, false);
    const end = at + id.length + size.length + size.value;
    level1.push({ id: id.value, bytes: buf.subarray(at, end) });
    at = end;
  }
  const pick = (id: number): Buffer[] => level1.filter((e) => e.id === id).map((e) => e.bytes);
  const clusters = Buffer.concat(pick(0x1f43b675));
  const moved = [0x1549a966, 0x1654ae6b, 0x1043a770].map((id) => ({ id, bytes: Buffer.concat(pick(id)) }));
  const seekHead = (positions: number[]): Buffer =>
    ebmlElement(0x114d9b74, Buffer.concat(moved.map((m, i) => {
      const position = Buffer.alloc(8);
      position.writeBigUInt64BE(BigInt(positions[i] ?? 0));
      return ebmlElement(0x4dbb, Buffer.concat([ebmlElement(0x53ab, Buffer.from(m.id.toString(16), 'hex')), ebmlElement(0x53ac, position)]));
    })));
  let position = seekHead([]).length + clusters.length;
  const positions = moved.map((m) => {
    const at = position;
    position += m.bytes.length;
    return at;
  });
  const segment = ebmlElement(0x18538067, Buffer.concat([seekHead(positions), clusters, ...moved.map((m) => m.bytes)]));
  writeFileSync(dest, Buffer.concat([buf.subarray(0, segmentAt), segment]));
}

describe('probeInProcess follows the SeekHead', () => {
  it('to Info, Tracks and Chapters written after the clusters', async () => {
    const file = join(dir, 'headers-at-end.mkv');
    withHeadersAfterClusters(made.get('two-audio-subs-chapters.mkv') as string, file);
    const ref = await ffprobe(file);
    expect(ref?.streams.length).toBe(4);
    const ours = probeInProcess(file);
    expect(ours).not.toBeNull();
    expectSameAsFfprobe(ours as ProbeResult, ref as ProbeResult, file);
    expect(ours?.chapters.length).toBe(2);
  });
});

describe('probeInProcess on damaged or foreign files', () => {
  function damaged(name: string, bytes: Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  /** Falling back is always acceptable; answering is only acceptable when the answer is ffprobe's. */
  async function expectNullOrSame(path: string): Promise<void> {
    let ours: ProbeResult | null = null;
    expect(() => (ours = probeInProcess(path))).not.toThrow();
    if (ours === null) return;
    const ref = await ffprobe(path);
    expect(ref, 'answered where ffprobe fails').not.toBeNull();
    expectSameAsFfprobe(ours, ref as ProbeResult, path);
  }

  it('a truncated MKV (first 20 KB)', async () => {
    const good = made.get('two-audio-subs-chapters.mkv') as string;
    await expectNullOrSame(damaged('truncated.mkv', readFileSync(good).subarray(0, 20 * 1024)));
  });

  it('a truncated MP4 whose moov was cut off', async () => {
    const good = made.get('h264-aac-moov-at-end.mp4') as string;
    const path = damaged('truncated.mp4', readFileSync(good).subarray(0, Math.floor(statSync(good).size / 2)));
    expect(probeInProcess(path)).toBeNull();
    await expectNullOrSame(path);
  });

  it('a live (piped) MKV with unknown sizes and no duration', async () => {
    const path = join(dir, 'live.mkv');
    const fd = openSync(path, 'w');
    try {
      // A pipe cannot be seeked back into, so the muxer leaves sizes unknown and writes no Duration, like a live recording.
      const args = ['-nostdin', '-v', 'error', '-y', ...VIDEO, ...AUDIO, ...X264, '-c:a', 'aac', '-shortest', '-f', 'matroska', 'pipe:1'];
      expect(spawnSync(mediaTools().ffmpeg, args, { stdio: ['ignore', fd, 'ignore'], timeout: 60_000 }).status).toBe(0);
    } finally {
      closeSync(fd);
    }
    await expectNullOrSame(path);
  });

  it('random bytes', async () => {
    const path = damaged('random.mkv', randomBytes(64 * 1024));
    expect(probeInProcess(path)).toBeNull();
  });

  it('an empty file and a missing file', () => {
    expect(probeInProcess(damaged('empty.mp4', Buffer.alloc(0)))).toBeNull();
    expect(probeInProcess(join(dir, 'does-not-exist.mkv'))).toBeNull();
  });
});

// Not an assertion: set PROBE_IN_PROCESS_TIMING=<file> to write per-file timings of both probes there.
describe.runIf(process.env.PROBE_IN_PROCESS_TIMING)('timing', () => {
  it('probeInProcess vs ffprobe over 200 copies', async () => {
    const results: Record<string, { inProcessMs: number; ffprobeMs: number }> = {};
    for (const name of ['h264-aac-faststart.mp4', 'h264-aac-moov-at-end.mp4', 'two-audio-subs-chapters.mkv']) {
      const copies = Array.from({ length: 200 }, (_, i) => {
        const copy = join(dir, `copy-${i}-${name}`);
        copyFileSync(made.get(name) as string, copy);
        return copy;
      });
      let t = performance.now();
      for (const copy of copies) probeInProcess(copy);
      const inProcessMs = (performance.now() - t) / copies.length;
      t = performance.now();
      for (const copy of copies) await ffprobe(copy);
      results[name] = { inProcessMs, ffprobeMs: (performance.now() - t) / copies.length };
    }
    writeFileSync(process.env.PROBE_IN_PROCESS_TIMING as string, JSON.stringify(results, null, 2));
  }, 300_000);
});
