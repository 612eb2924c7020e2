// Turns pairwise matches into one intro (or credits) per episode of a season. Pure: fingerprints in,
// stretches out, in seconds from the start of each episode's window. An episode gets a stretch only when
// the episodes it matched agree on where it is, so a lone episode with another tune gets none.
import { SECONDS_PER_ITEM } from './fingerprint';
import { longestSharedStretch, type MatchOptions } from './matcher';

export interface Stretch {
  start: number;
  end: number;
  /** Share of the other episodes that agree. */
  confidence: number;
}

/**
 * Where a matched run of codes lies in time. A code sums the chroma of about 16 items (its filters are
 * up to 16 wide), so the last code that still matches starts that much before the shared sound stops;
 * these offsets were measured on the planted seasons (bench/segments.mjs) and are part of the rule.
 */
export const START_OFFSET_SECONDS = 0.7;
export const END_OFFSET_SECONDS = 1.35;

/** Candidates closer than this on both ends are the same stretch seen from two episodes. */
const AGREE_SECONDS = 1.5;
/** With more episodes than this, each is compared with its nearest neighbours only. */
const ALL_PAIRS_UP_TO = 16;
const NEIGHBOURS = 6;

function pairs(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const reach = n <= ALL_PAIRS_UP_TO ? n : Math.min(n, i + 1 + NEIGHBOURS);
    for (let j = i + 1; j < reach; j++) out.push([i, j]);
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** For each fingerprint (null: no usable audio), its shared stretch or null. */
export function sharedStretches(fingerprints: readonly (Uint32Array | null)[], options: Partial<MatchOptions> = {}): (Stretch | null)[] {
  const n = fingerprints.length;
  const spi = options.secondsPerItem ?? SECONDS_PER_ITEM;
  const candidates: { start: number; end: number }[][] = Array.from({ length: n }, () => []);
  const compared = new Array<number>(n).fill(0);
  for (const [i, j] of pairs(n)) {
    const a = fingerprints[i];
    const b = fingerprints[j];
    if (!a || !b || a.length === 0 || b.length === 0) continue;
    compared[i]!++;
    compared[j]!++;
    const m = longestSharedStretch(a, b, options);
    if (!m) continue;
    const toTime = (first: number, last: number): { start: number; end: number } => ({
      start: Math.max(0, first * spi + START_OFFSET_SECONDS),
      end: (last + 1) * spi + END_OFFSET_SECONDS,
    });
    candidates[i]!.push(toTime(m.aFirst, m.aLast));
    candidates[j]!.push(toTime(m.aFirst - m.shift, m.aLast - m.shift));
  }
  return candidates.map((list, i) => {
    if (list.length === 0) return null;
    let best: { start: number; end: number }[] = [];
    for (const c of list) {
      const agreeing = list.filter((o) => Math.abs(o.start - c.start) <= AGREE_SECONDS && Math.abs(o.end - c.end) <= AGREE_SECONDS);
      if (agreeing.length > best.length) best = agreeing;
    }
    return {
      start: median(best.map((c) => c.start)),
      end: median(best.map((c) => c.end)),
      confidence: Math.min(1, best.length / Math.max(1, compared[i] ?? 1)),
    };
  });
}
