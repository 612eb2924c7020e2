// What the picture says near a boundary: scene cuts (where an intro's ends usually fall) and black frames
// (end credits over black, the fallback when no other episode shares them). ffmpeg at the lowest priority.
import { runTool } from '../media-tools/run';

const SCENE_THRESHOLD = 0.3;

function seekArgs(start: number, seconds: number, path: string, keyframesOnly = false): string[] {
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    ...(keyframesOnly ? ['-skip_frame', 'nokey'] : []),
    ...(start > 0 ? ['-ss', start.toFixed(3)] : []), '-t', seconds.toFixed(3), '-i', path, '-an', '-sn', '-dn',
  ];
}

/** File times of the scene cuts in [start, start + seconds]. Small pictures: a cut shows at any size. */
export async function sceneCuts(ffmpeg: string, path: string, start: number, seconds: number, signal?: AbortSignal): Promise<number[]> {
  const from = Math.max(0, start);
  const args = [...seekArgs(from, seconds, path), '-vf', `scale=96:-2,select='gt(scene,${SCENE_THRESHOLD})',showinfo`, '-threads', '1', '-f', 'null', '-'];
  const r = await runTool(ffmpeg, args, { nice: true, timeoutMs: 60_000, ...(signal ? { signal } : {}) });
  if (r.code !== 0) return [];
  const cuts: number[] = [];
  for (const m of r.stderr.matchAll(/\bpts_time:\s*([0-9.]+)/g)) cuts.push(from + Number(m[1]));
  return cuts;
}

export interface BlackRun {
  start: number;
  end: number;
}

/**
 * Stretches of (nearly) black picture of at least a second in [start, start + seconds], in file times.
 * `keyframesOnly` decodes only keyframes: a coarse look at minutes of a film for the cost of a few frames.
 */
export async function blackRuns(ffmpeg: string, path: string, start: number, seconds: number, signal?: AbortSignal, keyframesOnly = false): Promise<BlackRun[]> {
  const from = Math.max(0, start);
  // Credits are white lines on black: a picture 90 % black counts, the lines do not break the run.
  const detect = 'scale=96:-2,blackdetect=d=1:pic_th=0.90:pix_th=0.10';
  const args = [...seekArgs(from, seconds, path, keyframesOnly), '-vf', keyframesOnly ? detect : `fps=4,${detect}`, '-threads', '1', '-f', 'null', '-'];
  const r = await runTool(ffmpeg, args, { nice: true, timeoutMs: 120_000, ...(signal ? { signal } : {}) });
  if (r.code !== 0) return [];
  const runs: BlackRun[] = [];
  for (const m of r.stderr.matchAll(/black_start:\s*([0-9.]+)\s+black_end:\s*([0-9.]+)/g)) runs.push({ start: from + Number(m[1]), end: from + Number(m[2]) });
  return runs;
}
