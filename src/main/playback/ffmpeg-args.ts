// The one place that builds ffmpeg and ffprobe argv for playback. Every value comes from our own enums,
// the database, or numbers checked against their range — never a string from a request.
import type { PlayDecision } from './decision';
import type { HardwareKind } from '../../shared/settings-api';
import { segmentEnd, type SegmentPlan } from './playlist';

/** The muxer cuts on the first keyframe at or after each time, less this slack for rounding. */
const CUT_SLACK_SECONDS = 0.002;

/**
 * ffmpeg seeks an input with B-frames in a format that does not seek by presentation time (Matroska among
 * them) to 3/23 s before `-ss`, so a seek to a keyframe lands on the keyframe before it. A transcode trims
 * the decoded frames back to `-ss`; a copied video cannot be trimmed and began a whole GOP early (2 s of
 * picture put at the planned start: a restart played 2 s off sync). Copying, the video's seek aims this far
 * past the planned keyframe, which still lands on it (keyframes are further apart than this).
 */
const COPY_SEEK_LEAD_SECONDS = 0.135;

/** ffprobe's packet times and flags of the first video stream; `untilSeconds`: only the file's first seconds. */
export function keyframeArgs(input: string, untilSeconds?: number): string[] {
  const interval = untilSeconds === undefined ? [] : ['-read_intervals', `%+${seconds(untilSeconds)}`];
  return ['-v', 'error', ...interval, '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv', input];
}

/**
 * The same packets through ffmpeg, for a file ffprobe cannot read: the first video stream copied to
 * framecrc (one line a packet) on the file's own timeline; `untilSeconds` reads only the file's start.
 */
export function keyframeFallbackArgs(input: string, untilSeconds?: number): string[] {
  const limit = untilSeconds === undefined ? [] : ['-t', seconds(untilSeconds)];
  return ['-hide_banner', '-nostdin', '-v', 'error', '-copyts', ...limit, '-i', input, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'];
}

export interface SegmentJobInput {
  input: string;
  outDir: string;
  decision: PlayDecision;
  plan: SegmentPlan;
  /** The first segment this run makes. */
  from: number;
  /** `input` is a concat-demuxer list of stacked parts (written by the session, paths from the database). */
  concat?: boolean;
  /**
   * Where the file's timeline starts, when away from 0 (MPEG-TS: the broadcast clock): the plan's times
   * count from there. Each input is seeked to the absolute time and shifted back by exactly this much;
   * not ffmpeg's -start_at_zero, which takes each input's start from the streams it maps (the picture's
   * for the video input, the sound's for the audio one), so the two would differ.
   */
  timelineStart?: number;
  /**
   * Set for an input whose demuxer seeks only roughly (MPEG-TS lands on a keyframe near the time, before
   * or after it): the file's keyframes as far as they are known (maybe none yet). Each input is then
   * seeked exactly onto a keyframe at or before where it must start (or, with none known, well before
   * it), and a decoded stream is trimmed from there to its start.
   */
  roughSeek?: readonly number[];
  /** Encode the video with this hardware encoder instead of libx264. */
  hardware?: HardwareChoice | null;
  /**
   * A fast start: libx264 at its lowest-latency settings; the session replaces this run by one at the
   * normal preset once the segments before `fastUntil` are made (a restart at a planned cut, seamless).
   */
  fastUntil?: number;
}

/**
 * Audio is read from a second opening of the input that starts this much before the video: the segment muxer
 * cuts on the keyframe's decode time, so with B-frames the segment before a cut ends its audio up to a few
 * frames before the picture at the cut, and a job starting there must begin its audio where that one ended.
 * The job drops what it made before that point (segment-job.ts); this only has to be more than the delay.
 */
export const AUDIO_LEAD_SECONDS = 0.5;

/** Encoded audio is AAC at 48 kHz: 1024 samples a frame. */
export const AAC_RATE = 48_000;
export const AAC_FRAME_SAMPLES = 1024;

/**
 * Where a job starting at `start` begins its audio input. Encoded audio starts on one grid of AAC frames from
 * the file's zero, whatever the job, so the frames of two jobs fall on the same times and a seam between them
 * is a frame boundary of both (no sliver of overlap or gap).
 */
export function audioStartFor(start: number, encode: boolean): number {
  const t = Math.max(0, start - AUDIO_LEAD_SECONDS);
  if (!encode) return t;
  return (Math.floor((t * AAC_RATE) / AAC_FRAME_SAMPLES) * AAC_FRAME_SAMPLES) / AAC_RATE;
}

/** How much of a transcode each (re)start makes at the fast settings before settling (seconds). */
export const FAST_START_SECONDS = 3;

/** The segment a fast start stops before: the first at least FAST_START_SECONDS after `from`; null when none is (near the end). */
export function fastStartEnd(plan: SegmentPlan, from: number): number | null {
  const until = plan.starts.findIndex((t, i) => i > from && t >= plan.starts[from]! + FAST_START_SECONDS);
  return until > from ? until : null;
}

function seconds(n: number): string {
  if (!Number.isFinite(n) || n < 0 || n > 1e7) throw new RangeError(`not a time: ${n}`);
  return n.toFixed(6).replace(/\.?0+$/, '') || '0';
}

const TONEMAP = 'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv';

function videoFilter(decision: PlayDecision): string {
  const filters: string[] = [];
  if (decision.encode.tonemap) filters.push(TONEMAP);
  const h = decision.encode.maxHeight;
  if (h !== null) {
    if (!Number.isInteger(h) || h < 144 || h > 4320) throw new RangeError(`not a height: ${h}`);
    filters.push(`scale=-2:'min(ih,${h})'`);
  } else {
    filters.push("scale='min(1920,iw)':-2");
  }
  filters.push('format=yuv420p');
  return filters.join(',');
}

/** The video encoder and its speed settings: libx264, or a hardware H.264 encoder. */
function videoEncoder(hw: HardwareChoice | null): string[] {
  switch (hw?.kind) {
    case undefined:
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-level:v', '4.1'];
    case 'nvenc':
      return ['-c:v', 'h264_nvenc', '-preset', 'fast', '-profile:v', 'high'];
    case 'qsv':
      return ['-c:v', 'h264_qsv', '-preset', 'veryfast', '-profile:v', 'high'];
    case 'vaapi':
      return ['-c:v', 'h264_vaapi', '-profile:v', 'high'];
    case 'videotoolbox':
      return ['-c:v', 'h264_videotoolbox', '-profile:v', 'high'];
    case 'amf':
      return ['-c:v', 'h264_amf', '-quality', 'speed', '-profile:v', 'high'];
  }
}

/** Constant quality in each encoder's own terms (x264's CRF 23 and roughly the same elsewhere). */
function quality(hw: HardwareChoice | null): string[] {
  switch (hw?.kind) {
    case undefined:
      return ['-crf', '23'];
    case 'nvenc':
      return ['-rc', 'vbr', '-cq', '23', '-b:v', '0'];
    case 'qsv':
      return ['-global_quality', '23'];
    case 'vaapi':
      return ['-qp', '23'];
    case 'videotoolbox':
      return ['-b:v', '8000k'];
    case 'amf':
      return ['-rc', 'cqp', '-qp_i', '23', '-qp_p', '23'];
  }
}

/**
 * One run of ffmpeg making segments `from`… of a plan: `-ss` before the input at the segment's start,
 * source timestamps kept (-copyts) so the cut list and forced keyframes are the plan's own times, and
 * fMP4 fragments written by the segment muxer (one header, then moof+mdat per segment).
 */
/** With no keyframe known, a rough seek aims this far before the start (more than a broadcast GOP). */
export const ROUGH_SEEK_MARGIN_SECONDS = 5;

/** Where a rough demuxer is sent to begin reading for `t`: a known keyframe at or before it, or well before it. */
export function roughSeekTo(keyframes: readonly number[], t: number): number {
  return keyframes.length > 0 ? keyframeAtOrBefore(keyframes, t) : Math.max(0, t - ROUGH_SEEK_MARGIN_SECONDS);
}

/** The last of `points` (ascending) at or before `t`, or 0. */
export function keyframeAtOrBefore(points: readonly number[], t: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]! <= t + 1e-6) {
      found = points[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function segmentJobArgs({ input, outDir, decision, plan, from, concat, timelineStart, roughSeek, hardware, fastUntil }: SegmentJobInput): string[] {
  if (!Number.isInteger(from) || from < 0 || from >= plan.starts.length) throw new RangeError(`no segment ${from}`);
  const start = plan.starts[from]!;
  const cuts = plan.starts.slice(from + 1);
  // Stacked parts: the list's `duration` lines put each part right after the one before on one timeline.
  const demuxer = concat ? ['-f', 'concat', '-safe', '0'] : [];
  const hw = decision.videoAction === 'encode' ? (hardware ?? null) : null;
  if (hw?.kind === 'vaapi' && !hw.device) throw new Error('vaapi needs a render device');
  const device = hw?.kind === 'vaapi' ? ['-vaapi_device', hw.device!] : [];
  const fast = decision.videoAction === 'encode' && !hw && fastUntil !== undefined && fastUntil > from && fastUntil < plan.starts.length;
  // A copy starts on the planned keyframe itself, which a rough demuxer is given exactly.
  const videoSeek = roughSeek ? (decision.videoAction === 'copy' ? start : roughSeekTo(roughSeek, start)) : decision.videoAction === 'copy' ? start + COPY_SEEK_LEAD_SECONDS : start;
  // One microsecond short of the start: an offset of exactly minus the file's start makes ffmpeg
  // (AVFMT_TS_DISCONT inputs) replace it by minus the start of the streams it maps, per input.
  const shift = timelineStart ? timelineStart - 1e-6 : 0;
  // Shifted inputs seek by absolute time and trim themselves (ffmpeg's own trim would count from its idea of the start).
  const seekTo = (t: number): string[] =>
    shift === 0 ? ['-ss', seconds(t)] : ['-noaccurate_seek', '-seek_timestamp', '1', '-ss', seconds(t + shift), '-itsoffset', `-${seconds(shift)}`];
  const videoTrim = (roughSeek || shift !== 0) && decision.videoAction === 'encode' && (videoSeek < start || shift !== 0) ? `trim=start=${seconds(start)},` : '';
  const args = ['-nostdin', '-hide_banner', '-v', 'error', ...device, '-copyts', ...seekTo(videoSeek), ...demuxer, '-i', input];
  const audioStart = audioStartFor(start, decision.audioAction === 'encode');
  // The audio's own opening of the file (input 1), a little before the video's: see AUDIO_LEAD_SECONDS.
  const audioSeek = roughSeek ? roughSeekTo(roughSeek, audioStart) : audioStart;
  if (decision.audio) args.push(...seekTo(audioSeek), ...demuxer, '-i', input);
  const audioTrim = (roughSeek || shift !== 0) && (audioSeek < audioStart || shift !== 0) ? `atrim=start=${seconds(audioStart)},` : '';
  const burn = decision.videoAction === 'encode' && decision.video && decision.burnIn && !decision.burnIn.isExternal ? decision.burnIn : null;
  const upload = hw?.kind === 'vaapi' ? ',format=nv12,hwupload' : hw?.kind === 'qsv' ? ',format=nv12' : '';
  if (burn && decision.video) {
    // Picture subtitles painted over the video before scaling; the timestamps are kept, so they line up.
    args.push('-filter_complex', `[0:${decision.video.index}][0:${burn.index}]overlay=eof_action=pass:repeatlast=0,${videoTrim}${videoFilter(decision)}${upload}[v]`, '-map', '[v]');
  } else if (decision.video) {
    args.push('-map', `0:${decision.video.index}`);
  }
  if (decision.audio) args.push('-map', `1:${decision.audio.index}`);
  args.push('-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1', '-max_muxing_queue_size', '4096');
  if (decision.videoAction === 'copy') {
    args.push('-c:v', 'copy');
    if (decision.video?.codec === 'hevc') args.push('-tag:v', 'hvc1');
  } else if (decision.videoAction === 'encode') {
    // superfast: no lookahead and a cheaper search, so the first segment closes soon after its frames are read;
    // B-frames are kept, as in the runs that follow (the timeline fix-up of a restart expects them alike).
    args.push(...(fast ? ['-c:v', 'libx264', '-preset', 'superfast', '-profile:v', 'high', '-level:v', '4.1'] : videoEncoder(hw)));
    if (!burn) args.push('-vf', videoTrim + videoFilter(decision) + upload);
    const kbps = decision.encode.maxBitrateKbps;
    if (kbps !== null) {
      if (!Number.isInteger(kbps) || kbps < 200 || kbps > 400_000) throw new RangeError(`not a bit rate: ${kbps}`);
      const video = Math.max(150, kbps - 256);
      args.push(...quality(hw), '-maxrate', `${video}k`, '-bufsize', `${video * 2}k`);
    } else {
      args.push(...quality(hw));
    }
    // A keyframe exactly where each planned segment starts; -copyts makes these the file's own times.
    if (cuts.length > 0) args.push('-force_key_frames', cuts.map(seconds).join(','));
  }
  if (decision.audioAction === 'copy') {
    args.push('-c:a', 'copy');
    // The 2018 build calls Opus and FLAC in MP4 experimental.
    if (decision.audio && (decision.audio.codec === 'opus' || decision.audio.codec === 'flac')) args.push('-strict', '-2');
  } else if (decision.audioAction === 'encode') {
    const ch = decision.audioChannels;
    // first_pts: the first sample lands exactly on the frame grid (padded or trimmed by a few samples at most).
    args.push('-af', `${audioTrim}aresample=${AAC_RATE}:first_pts=${Math.round(audioStart * AAC_RATE)}`);
    args.push('-c:a', 'aac', '-ac', String(ch), '-b:a', ch > 2 ? '384k' : '160k', '-ar', String(AAC_RATE));
  }
  args.push(
    '-f', 'segment',
    '-segment_format', 'mp4',
    '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof',
    '-individual_header_trailer', '0',
    '-segment_start_number', String(from),
  );
  if (cuts.length > 0) args.push('-segment_times', cuts.map(seconds).join(','), '-segment_time_delta', String(CUT_SLACK_SECONDS));
  else args.push('-segment_time', seconds(Math.max(1, segmentEnd(plan, from) - start + 1)));
  args.push(`${outDir}/seg-%05d.m4s`);
  return args;
}

/** The concat demuxer's list of stacked parts, each with its probed length so the timeline adds up exactly. */
export function concatList(parts: readonly { path: string; durationSeconds: number }[]): string {
  const quote = (p: string): string => `'${p.replace(/'/g, "'\\''")}'`;
  return ['ffconcat version 1.0', ...parts.flatMap((p) => [`file ${quote(p.path)}`, `duration ${seconds(p.durationSeconds)}`]), ''].join('\n');
}

/** One embedded text subtitle stream out as SRT (ffmpeg converts mov_text, WebVTT and SubRip), or ASS as it is. */
export function subtitleExtractArgs(input: string, streamIndex: number, as: 'srt' | 'ass'): string[] {
  if (!Number.isInteger(streamIndex) || streamIndex < 0 || streamIndex > 10_000) throw new RangeError(`not a stream: ${streamIndex}`);
  return ['-nostdin', '-hide_banner', '-v', 'error', '-i', input, '-map', `0:${streamIndex}`, '-c:s', as === 'ass' ? 'copy' : 'srt', '-f', as, 'pipe:1'];
}

export type { HardwareKind };

/** A hardware encoder to use, and for VA-API its render device. */
export interface HardwareChoice {
  kind: HardwareKind;
  device: string | null;
}

/** A one-second test encode of a small picture with one hardware H.264 encoder, to the null muxer. */
export function hardwareProbeArgs(kind: HardwareKind, device: string | null): string[] {
  const src = ['-nostdin', '-hide_banner', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=1'];
  const tail = ['-frames:v', '25', '-f', 'null', '-'];
  switch (kind) {
    case 'vaapi':
      if (!device) throw new Error('vaapi needs a render device');
      return ['-nostdin', '-hide_banner', '-v', 'error', '-vaapi_device', device, '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=1', '-vf', 'format=nv12,hwupload', '-c:v', 'h264_vaapi', ...tail];
    case 'qsv':
      return [...src, '-vf', 'format=nv12', '-c:v', 'h264_qsv', ...tail];
    default:
      return [...src, '-pix_fmt', 'yuv420p', '-c:v', `h264_${kind}`, ...tail];
  }
}

/**
 * Trickplay, first run: one small JPEG every `interval` seconds, decoding keyframes only (a thumbnail is the
 * nearest keyframe before its time, which is what a scrubbing eye needs, at a fraction of the decode cost).
 */
export function trickplayFrameArgs(input: string, outDir: string, interval: number, width: number, height: number): string[] {
  for (const [n, lo, hi] of [[interval, 1, 600], [width, 16, 1920], [height, 2, 1920]] as const) {
    if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`not a trickplay size: ${n}`);
  }
  return [
    '-nostdin', '-hide_banner', '-v', 'error', '-skip_frame', 'nokey', '-i', input,
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vf', `fps=1/${interval},scale=${width}:${height}`, '-vsync', 'vfr', '-q:v', '5',
    `${outDir}/thumb-%05d.jpg`,
  ];
}

/** Trickplay, second run: the thumbnails tiled into sprite sheets with the tile filter. */
export function trickplaySheetArgs(thumbDir: string, outDir: string, columns: number, rows: number): string[] {
  for (const n of [columns, rows]) if (!Number.isInteger(n) || n < 1 || n > 32) throw new RangeError(`not a tile count: ${n}`);
  return [
    '-nostdin', '-hide_banner', '-v', 'error', '-framerate', '1', '-i', `${thumbDir}/thumb-%05d.jpg`,
    '-vf', `tile=${columns}x${rows}`, '-q:v', '5', `${outDir}/sheet-%03d.jpg`,
  ];
}
