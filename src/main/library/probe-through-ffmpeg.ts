// Reads a file that ffprobe crashes on, with ffmpeg: ffmpeg copies the file's first half second into a
// temporary Matroska file that ffprobe can read (its streams, codecs, sizes, languages), and its own
// banner gives what a half second cannot (the duration, the start, the bit rate, the container). Stream
// indices are put back to the source's, which playback maps by.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeResult } from '../db/library-store';
import { crashed, runTool, stderrTail } from '../media-tools/run';
import { containerName, parseProbeJson, PROBE_ARGS, ProbeError } from './probe';

export interface InputStreamLine {
  index: number;
  type: 'video' | 'audio' | 'subtitle' | 'data' | 'attachment';
}

export interface InputBanner {
  format: string | null;
  durationSeconds: number | null;
  startSeconds: number | null;
  bitrate: number | null;
  streams: InputStreamLine[];
}

/** ffmpeg's description of its input 0 (`Input #0, mpegts, from …`, `Duration: …`, `Stream #0:1[0x101](eng): Audio: …`). */
export function parseInputBanner(stderr: string): InputBanner {
  const format = /^Input #0, ([^,\s]+(?:,[^,\s]+)*), from /m.exec(stderr)?.[1] ?? null;
  const d = /^\s*Duration: (?:(\d+):(\d\d):(\d\d(?:\.\d+)?)|N\/A), start: (-?[\d.]+)(?:, bitrate: (\d+) kb\/s)?/m.exec(stderr);
  const streams: InputStreamLine[] = [];
  for (const m of stderr.matchAll(/^\s*Stream #0:(\d+)[^:]*: (Video|Audio|Subtitle|Data|Attachment): /gm)) {
    streams.push({ index: Number(m[1]), type: m[2]!.toLowerCase() as InputStreamLine['type'] });
  }
  return {
    format,
    durationSeconds: d && d[1] !== undefined ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : null,
    startSeconds: d ? Number(d[4]) : null,
    bitrate: d?.[5] ? Number(d[5]) * 1000 : null,
    streams,
  };
}

/** The streams a copy into Matroska takes, in order: data streams (EPG, teletext pages…) stay behind. */
const KEEP: readonly InputStreamLine['type'][] = ['video', 'audio', 'subtitle'];

export async function probeThroughFfmpeg(tools: { ffmpeg: string; ffprobe: string }, path: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ProbeResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-probe-'));
  const limits = { timeoutMs: opts.timeoutMs ?? 30_000, nice: true as const, ...(opts.signal ? { signal: opts.signal } : {}) };
  try {
    const head = join(dir, 'head.mkv');
    // Negative maps keep the source's order, so the n-th stream kept is the n-th audio/video/subtitle line.
    const copy = await runTool(tools.ffmpeg, ['-hide_banner', '-nostdin', '-v', 'info', '-i', path, '-map', '0', '-map', '-0:d', '-map', '-0:t', '-c', 'copy', '-t', '0.5', '-f', 'matroska', '-y', head], limits);
    const banner = parseInputBanner(copy.stderr);
    if (copy.code !== 0 || crashed(copy)) throw new ProbeError(`ffprobe crashed on this file, and ffmpeg could not read it either: ${stderrTail(copy.stderr).slice(0, 300)}`);
    const probe = await runTool(tools.ffprobe, [...PROBE_ARGS, '-i', head], limits);
    if (probe.code !== 0) throw new ProbeError(`ffprobe could not read the streams ffmpeg copied: ${stderrTail(probe.stderr).slice(0, 300)}`);
    const copied = parseProbeJson(probe.stdout);
    const kept = banner.streams.filter((s) => KEEP.includes(s.type));
    // parseProbeJson drops cover art; the rest are in kept order, index = position in the copy.
    const streams = copied.streams.map((s) => ({ ...s, index: kept[s.index]?.index ?? s.index }));
    return {
      container: banner.format ? containerName(banner.format) : copied.container,
      durationSeconds: banner.durationSeconds,
      startSeconds: banner.startSeconds,
      bitrate: banner.bitrate,
      streams,
      chapters: [],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
