// Moves a boundary the fingerprints found (good to about half a second) onto the nearest silence or scene
// cut, where an edit really is. Pure but for the scene cuts, which the caller looks up only when needed.
import { silences, type Loudness } from './loudness';

/** How far a boundary may move: beyond this a silence or cut is another edit, not this one. */
export const SNAP_SECONDS = 2;

export type Edge = 'start' | 'end';

/**
 * Where sound starts after a silence (for a start), or stops before one (for an end), nearest `t`
 * within SNAP_SECONDS; null when there is none.
 */
export function snapToSilence(t: number, edge: Edge, loudness: Loudness | null): number | null {
  if (!loudness) return null;
  let best: number | null = null;
  for (const s of silences(loudness)) {
    const at = edge === 'start' ? s.end : s.start;
    if (Math.abs(at - t) <= SNAP_SECONDS && (best === null || Math.abs(at - t) < Math.abs(best - t))) best = at;
  }
  return best;
}

export function nearest(t: number, times: readonly number[]): number | null {
  let best: number | null = null;
  for (const x of times) if (Math.abs(x - t) <= SNAP_SECONDS && (best === null || Math.abs(x - t) < Math.abs(best - t))) best = x;
  return best;
}

export async function refineBoundary(t: number, edge: Edge, loudness: Loudness | null, cutsNear: (t: number) => Promise<number[]>): Promise<number> {
  const silent = snapToSilence(t, edge, loudness);
  if (silent !== null) return silent;
  const cut = nearest(t, await cutsNear(t).catch(() => []));
  return cut ?? t;
}
