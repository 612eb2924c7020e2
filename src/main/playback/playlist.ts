// The segment plan of a play session and its VOD playlist, both made before the first segment exists:
// remux segments start on the file's keyframes, transcode segments are fixed (short ones first, for a
// fast start) and get keyframes forced on them. Pure: the same plan drives the playlist and every ffmpeg run.

export interface SegmentPlan {
  /** starts[i] is where segment i begins (seconds); the last segment ends at `duration`. */
  starts: number[];
  duration: number;
}

export const REMUX_TARGET_SECONDS = 4;
export const TRANSCODE_SEGMENT_SECONDS = 3;
/** The first transcode segments are short: the player can start when one second is made. */
export const TRANSCODE_LEAD_SECONDS = [1, 2] as const;
/** A keyframe this close to the end would make a sliver of a last segment: cut no more there. */
const TAIL_SECONDS = 1;

export function segmentCount(plan: SegmentPlan): number {
  return plan.starts.length;
}

export function segmentEnd(plan: SegmentPlan, i: number): number {
  return i + 1 < plan.starts.length ? plan.starts[i + 1]! : plan.duration;
}

/** Segments cut on keyframes, each at least `target` seconds long (longer when the keyframes are far apart). */
export function remuxPlan(keyframes: readonly number[], duration: number, target = REMUX_TARGET_SECONDS): SegmentPlan {
  const starts = [0];
  for (const k of keyframes) {
    if (k >= duration - TAIL_SECONDS) break;
    if (k - starts[starts.length - 1]! >= target) starts.push(k);
  }
  return { starts, duration };
}

/** Fixed segments: the lead ones short, then `target` seconds each. */
export function transcodePlan(duration: number, target = TRANSCODE_SEGMENT_SECONDS, lead: readonly number[] = TRANSCODE_LEAD_SECONDS): SegmentPlan {
  const starts = [0];
  let at = 0;
  for (const step of [...lead]) {
    at += step;
    if (at >= duration - TAIL_SECONDS) return { starts, duration };
    starts.push(at);
  }
  for (;;) {
    at += target;
    if (at >= duration - TAIL_SECONDS) break;
    starts.push(round6(at));
  }
  return { starts, duration };
}

/** The segment that holds time t. */
export function segmentAt(plan: SegmentPlan, t: number): number {
  let lo = 0;
  let hi = plan.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (plan.starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function segmentName(i: number): string {
  return `seg-${String(i).padStart(5, '0')}.m4s`;
}

export const SEGMENT_NAME = /^seg-(\d{5})\.m4s$/;

export function renderPlaylist(plan: SegmentPlan): string {
  const durations = plan.starts.map((s, i) => segmentEnd(plan, i) - s);
  const target = Math.max(1, Math.ceil(Math.max(...durations) - 1e-6));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-MAP:URI="init.mp4"',
  ];
  durations.forEach((d, i) => lines.push(`#EXTINF:${d.toFixed(6)},`, segmentName(i)));
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
