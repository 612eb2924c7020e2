// The keyframe index of a file (the times a remux can cut at), read once with ffprobe's packet flags and
// cached in the cache dir under the file's path and signature, so a changed file is read again. Where
// ffprobe crashes (the bundled one on MPEG-TS), ffmpeg's framecrc lists the same packets.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crashed, runTool, stderrTail, ToolError, type RunOptions } from '../media-tools/run';
import { probeToolsOf, type ProbeTools } from '../media-tools/tools';
import { keyframeArgs, keyframeFallbackArgs } from './ffmpeg-args';

export interface KeyframeIndex {
  /** Presentation times (seconds, the file's own timeline) of the video keyframes, ascending. */
  times: number[];
}

const inFlight = new Map<string, Promise<KeyframeIndex>>();

export function keyframeCacheKey(path: string, signature: string): string {
  return createHash('sha256').update(`${path}\0${signature}`).digest('hex').slice(0, 32);
}

/** Parses `packet,<pts_time>,<flags>` lines and keeps the keyframes. */
export function parseKeyframePackets(csv: string): number[] {
  const times: number[] = [];
  for (const line of csv.split('\n')) {
    const [, pts, flags] = line.trim().split(',');
    if (!flags?.startsWith('K') || pts === undefined) continue;
    const t = Number(pts);
    if (Number.isFinite(t)) times.push(t);
  }
  times.sort((a, b) => a - b);
  return times.filter((t, i) => i === 0 || t - times[i - 1]! > 1e-4);
}

/**
 * ffmpeg's framecrc lines (`stream, dts, pts, duration, size, crc[, F=0x…]…`, times in the `#tb` of the
 * stream): a packet without an F= field, or with the key bit in it, is a keyframe.
 */
export function parseFramecrcKeyframes(text: string): number[] {
  const tb = /^#tb 0: (\d+)\/(\d+)/m.exec(text);
  const unit = tb ? Number(tb[1]) / Number(tb[2]) : NaN;
  if (!Number.isFinite(unit) || unit <= 0) return [];
  const times: number[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 6 || fields[0] !== '0') continue;
    const flags = fields.find((f) => f.startsWith('F='));
    if (flags !== undefined && (Number(flags.slice(2)) & 1) === 0) continue;
    const pts = Number(fields[2]);
    if (Number.isFinite(pts)) times.push(Math.round(pts * unit * 1e6) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times.filter((t, i) => i === 0 || t - times[i - 1]! > 1e-4);
}

async function keyframeTimes(tools: ProbeTools, path: string, limits: RunOptions, untilSeconds?: number): Promise<number[]> {
  const result = await runTool(tools.ffprobe, keyframeArgs(path, untilSeconds), limits);
  if (crashed(result) && tools.ffmpeg) {
    const viaFfmpeg = await runTool(tools.ffmpeg, keyframeFallbackArgs(path, untilSeconds), limits);
    if (viaFfmpeg.code !== 0) throw new ToolError(`could not read the keyframes (ffprobe crashed, ffmpeg: ${stderrTail(viaFfmpeg.stderr)})`, viaFfmpeg);
    return parseFramecrcKeyframes(viaFfmpeg.stdout);
  }
  if (result.code !== 0) throw new ToolError(`could not read the keyframes: ${stderrTail(result.stderr)}`, result);
  return parseKeyframePackets(result.stdout);
}

export function readKeyframes(tools: string | ProbeTools, cacheDir: string, file: { path: string; signature: string }): Promise<KeyframeIndex> {
  const key = keyframeCacheKey(file.path, file.signature);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = load(probeToolsOf(tools), join(cacheDir, 'keyframes'), key, file.path).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** Whether the index of this file is cached already: then there is no ffprobe to wait for. */
export function keyframesKnown(cacheDir: string, file: { path: string; signature: string }): boolean {
  return existsSync(join(cacheDir, 'keyframes', `${keyframeCacheKey(file.path, file.signature)}.json`));
}

/**
 * The keyframes of the file's first `seconds` only, not cached: a cold start plans its first segments on them
 * while the whole index is read beside it (a short read is one process start and a few MB, whatever the film's length).
 */
export function readKeyframePrefix(tools: string | ProbeTools, path: string, seconds: number): Promise<number[]> {
  return keyframeTimes(probeToolsOf(tools), path, { timeoutMs: 60_000, maxOutputBytes: 64 * 1024 * 1024 }, seconds);
}

async function load(tools: ProbeTools, dir: string, key: string, path: string): Promise<KeyframeIndex> {
  const cached = join(dir, `${key}.json`);
  try {
    const parsed = JSON.parse(await readFile(cached, 'utf8')) as unknown;
    if (isIndex(parsed)) return parsed;
  } catch {
    // Not cached yet, or a torn write: read it again.
  }
  const index: KeyframeIndex = { times: await keyframeTimes(tools, path, { timeoutMs: 120_000, maxOutputBytes: 256 * 1024 * 1024 }) };
  await mkdir(dir, { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(index));
  await rename(tmp, cached);
  return index;
}

function isIndex(v: unknown): v is KeyframeIndex {
  return typeof v === 'object' && v !== null && Array.isArray((v as KeyframeIndex).times) && (v as KeyframeIndex).times.every((t) => typeof t === 'number');
}
