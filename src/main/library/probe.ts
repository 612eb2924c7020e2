// Reads a media file's container, streams and chapters with ffprobe, and maps them to our stream model.
import { z } from 'zod';
import { crashed, runTool, stderrTail } from '../media-tools/run';
import { probeToolsOf, type ProbeTools } from '../media-tools/tools';
import type { ProbeResult, ProbedStream } from '../db/library-store';
import { normaliseLanguage } from './naming';

const num = z.union([z.number(), z.string()]).optional().transform((v) => {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
});

const ffStream = z
  .object({
    index: z.number(),
    codec_type: z.string().optional(),
    codec_name: z.string().optional(),
    codec_tag_string: z.string().optional(),
    profile: z.string().optional(),
    width: num,
    height: num,
    level: num,
    pix_fmt: z.string().optional(),
    bits_per_raw_sample: num,
    color_transfer: z.string().optional(),
    color_primaries: z.string().optional(),
    avg_frame_rate: z.string().optional(),
    r_frame_rate: z.string().optional(),
    channels: num,
    channel_layout: z.string().optional(),
    sample_rate: num,
    bit_rate: num,
    disposition: z.record(z.string(), z.number()).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    side_data_list: z.array(z.object({ side_data_type: z.string().optional() }).loose()).optional(),
  })
  .loose();

const ffOutput = z.object({
  format: z
    .object({
      format_name: z.string().optional(),
      duration: num,
      start_time: num,
      bit_rate: num,
    })
    .loose()
    .optional(),
  streams: z.array(ffStream).optional(),
  chapters: z
    .array(
      z
        .object({
          start_time: num,
          end_time: num,
          tags: z.record(z.string(), z.string()).optional(),
        })
        .loose(),
    )
    .optional(),
});

export class ProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeError';
  }
}

export const PROBE_ARGS = [
  '-v', 'error',
  '-print_format', 'json',
  '-show_format',
  '-show_streams',
  '-show_chapters',
] as const;

export async function probeFile(tools: string | ProbeTools, path: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ProbeResult> {
  const { ffprobe, ffmpeg } = probeToolsOf(tools);
  let result;
  try {
    result = await runTool(ffprobe, [...PROBE_ARGS, '-i', path], {
      timeoutMs: opts.timeoutMs ?? 30_000,
      ...(opts.signal ? { signal: opts.signal } : {}),
      nice: true,
      maxOutputBytes: 8 * 1024 * 1024,
    });
  } catch (e) {
    throw new ProbeError(`ffprobe ${(e as Error).message}`);
  }
  if (crashed(result) && ffmpeg) {
    const { probeThroughFfmpeg } = await import('./probe-through-ffmpeg');
    return probeThroughFfmpeg({ ffmpeg, ffprobe }, path, opts);
  }
  if (result.code !== 0) {
    const why = stderrTail(result.stderr).slice(0, 300);
    throw new ProbeError(why || `ffprobe exited with code ${String(result.code)}`);
  }
  return parseProbeJson(result.stdout);
}

export function parseProbeJson(text: string): ProbeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProbeError('ffprobe printed no readable JSON');
  }
  const parsed = ffOutput.safeParse(raw);
  if (!parsed.success) throw new ProbeError('ffprobe output has an unexpected shape');
  const out = parsed.data;
  const streams: ProbedStream[] = [];
  for (const s of out.streams ?? []) {
    const type = s.codec_type === 'video' || s.codec_type === 'audio' || s.codec_type === 'subtitle' ? s.codec_type : null;
    if (!type) continue;
    // Cover art in MKV/MP4 shows up as a one-frame video stream.
    if (type === 'video' && s.disposition?.attached_pic === 1) continue;
    const tags = lowerKeys(s.tags);
    const title = tags.title ?? null;
    streams.push({
      index: s.index,
      type,
      codec: (s.codec_name ?? s.codec_tag_string ?? 'unknown').toLowerCase(),
      profile: s.profile ?? null,
      language: tags.language ? normaliseLanguage(tags.language) : null,
      title,
      isDefault: s.disposition?.default === 1,
      isForced: s.disposition?.forced === 1,
      isExternal: false,
      isHearingImpaired: s.disposition?.hearing_impaired === 1 || /\b(sdh|hi|cc)\b/i.test(title ?? ''),
      width: type === 'video' ? (s.width ?? null) : null,
      height: type === 'video' ? (s.height ?? null) : null,
      fps: type === 'video' ? frameRate(s.avg_frame_rate) ?? frameRate(s.r_frame_rate) : null,
      bitDepth: type === 'video' ? bitDepth(s.bits_per_raw_sample, s.pix_fmt) : null,
      level: type === 'video' ? (s.level ?? null) : null,
      hdr: type === 'video' ? hdrKind(s.color_transfer, s.side_data_list) : null,
      channels: type === 'audio' ? (s.channels ?? null) : null,
      channelLayout: type === 'audio' ? (s.channel_layout ?? null) : null,
      sampleRate: type === 'audio' ? (s.sample_rate ?? null) : null,
      bitrate: s.bit_rate ?? (tags.bps ? Number(tags.bps) || null : null),
    });
  }
  const chapters = (out.chapters ?? [])
    .filter((c) => c.start_time !== undefined && c.end_time !== undefined)
    .map((c) => ({ start: c.start_time as number, end: c.end_time as number, title: lowerKeys(c.tags).title ?? null }));
  return {
    container: out.format?.format_name ? containerName(out.format.format_name) : null,
    durationSeconds: out.format?.duration ?? null,
    startSeconds: out.format?.start_time ?? null,
    bitrate: out.format?.bit_rate ?? null,
    streams,
    chapters,
  };
}

function lowerKeys(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function frameRate(text: string | undefined): number | null {
  if (!text) return null;
  const [n, d] = text.split('/').map(Number);
  if (!n || !d) return null;
  return Math.round((n / d) * 1000) / 1000;
}

function bitDepth(raw: number | undefined, pixFmt: string | undefined): number | null {
  if (raw) return raw;
  if (!pixFmt) return null;
  const m = /p(\d{2})(le|be)$/.exec(pixFmt);
  return m ? Number(m[1]) : 8;
}

function hdrKind(transfer: string | undefined, sideData: { side_data_type?: string | undefined }[] | undefined): string | null {
  if (sideData?.some((d) => /dovi|dolby vision/i.test(d.side_data_type ?? ''))) return 'dolby-vision';
  if (transfer === 'smpte2084') return sideData?.some((d) => /hdr10\+|dynamic/i.test(d.side_data_type ?? '')) ? 'hdr10+' : 'hdr10';
  if (transfer === 'arib-std-b67') return 'hlg';
  return null;
}

/** ffprobe names demuxers ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"): keep the one a user knows. */
export function containerName(formatName: string): string {
  if (formatName.startsWith('mov,mp4')) return 'mp4';
  if (formatName.startsWith('matroska')) return 'mkv';
  const first = formatName.split(',')[0] ?? formatName;
  return first === 'mpegts' ? 'ts' : first;
}
