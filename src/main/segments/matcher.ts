// Finds the longest stretch of audio two fingerprints share, wherever it sits in each: the alignment search
// the Jellyfin intro-skipper describes, written for our own codes. Pure: two code arrays in, a stretch out.
//  1. Codes that occur in both (exactly) vote for a shift between the two timelines.
//  2. Each well-voted shift is walked: a position matches when its two codes differ in few bits.
//  3. Matching positions close enough together form a stretch; the longest one of a plausible length wins.
import { SECONDS_PER_ITEM } from './fingerprint';
import { MAX_SHARED_SECONDS, MIN_SHARED_SECONDS } from './types';

export interface MatchOptions {
  /** Two codes match when they differ in at most this many of their 32 bits. */
  maxBitErrors: number;
  /** A stretch may have holes (noise, a sound effect) this long and still be one stretch. */
  maxGapSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  /** How many of the best-voted shifts are walked. */
  candidates: number;
  secondsPerItem: number;
}

export const DEFAULT_MATCH: MatchOptions = {
  maxBitErrors: 6,
  maxGapSeconds: 3.5,
  minSeconds: MIN_SHARED_SECONDS,
  maxSeconds: MAX_SHARED_SECONDS,
  candidates: 12,
  secondsPerItem: SECONDS_PER_ITEM,
};

/** A stretch in item indices of both fingerprints: a[aFirst..aLast] lines up with b[aFirst-shift..aLast-shift]. */
export interface SharedStretch {
  aFirst: number;
  aLast: number;
  shift: number;
  /** Share of positions in the stretch whose codes matched. */
  density: number;
  /** Mean bit errors of the matching positions. */
  meanBitErrors: number;
}

const POP16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (t[i >> 1] ?? 0) + (i & 1);
  return t;
})();

export function bitErrors(x: number, y: number): number {
  const v = (x ^ y) >>> 0;
  return (POP16[v & 0xffff] ?? 0) + (POP16[v >>> 16] ?? 0);
}

/** A code seen this often in one fingerprint is a held note or silence: it says nothing about alignment. */
const MAX_OCCURRENCES = 12;

export function candidateShifts(a: Uint32Array, b: Uint32Array, count: number): number[] {
  // Each half of a code is a key of its own: noise that flips a bit or two mostly leaves one half whole,
  // so the true shift still gathers votes where whole-code equality would find none.
  const halves = [(c: number): number => c >>> 16, (c: number): number => c & 0xffff];
  const votes = new Map<number, number>();
  for (const half of halves) {
    const index = new Map<number, number[]>();
    for (let j = 0; j < b.length; j++) {
      const key = half(b[j] as number);
      const list = index.get(key);
      if (list) list.push(j);
      else index.set(key, [j]);
    }
    for (let i = 0; i < a.length; i++) {
      const list = index.get(half(a[i] as number));
      if (!list || list.length > MAX_OCCURRENCES) continue;
      for (const j of list) votes.set(i - j, (votes.get(i - j) ?? 0) + 1);
    }
  }
  // Neighbouring shifts are one alignment seen through jitter: their votes add up.
  const pooled = [...votes.keys()].map((s) => ({ s, v: (votes.get(s - 1) ?? 0) + (votes.get(s) ?? 0) * 2 + (votes.get(s + 1) ?? 0) }));
  pooled.sort((x, y) => y.v - x.v || x.s - y.s);
  const chosen: number[] = [];
  for (const { s, v } of pooled) {
    if (v < 4) break;
    if (chosen.some((c) => Math.abs(c - s) <= 1)) continue;
    chosen.push(s);
    if (chosen.length >= count) break;
  }
  return chosen;
}

/**
 * A code that barely differs from the one a quarter second before stands for a steady sound (a held
 * chord, hum, silence): Chromaprint's filters mostly measure change, so any two steady sounds give
 * near-equal codes. Such positions neither match nor extend a stretch.
 */
function changing(codes: Uint32Array, i: number): boolean {
  return i < 2 || bitErrors(codes[i] as number, codes[i - 2] as number) >= 2;
}

/** Matches this sparse at a stretch's edge are chance agreements of similar sound, not the shared part. */
const EDGE_WINDOW = 8;
const EDGE_DENSITY = 0.5;

/** Moves a stretch's ends inwards until the matches around them are dense. */
function trimEdges(hit: Uint8Array, first: number, last: number): [number, number] {
  const dense = (from: number, dir: 1 | -1): boolean => {
    let n = 0;
    for (let k = 0; k < EDGE_WINDOW; k++) n += hit[from + dir * k] ?? 0;
    return n >= EDGE_WINDOW * EDGE_DENSITY;
  };
  while (first < last && !(hit[first] && dense(first, 1))) first++;
  while (last > first && !(hit[last] && dense(last, -1))) last--;
  return [first, last];
}

function longestAtShift(a: Uint32Array, b: Uint32Array, shift: number, o: MatchOptions): SharedStretch | null {
  const from = Math.max(0, shift);
  const to = Math.min(a.length, b.length + shift);
  const gap = Math.max(1, Math.round(o.maxGapSeconds / o.secondsPerItem));
  const minItems = o.minSeconds / o.secondsPerItem;
  const maxItems = o.maxSeconds / o.secondsPerItem;
  const hit = new Uint8Array(a.length);
  const err = new Uint8Array(a.length);
  for (let i = from; i < to; i++) {
    const e = bitErrors(a[i] as number, b[i - shift] as number);
    err[i] = e;
    if (e <= o.maxBitErrors && changing(a, i)) hit[i] = 1;
  }
  let best: SharedStretch | null = null;
  const consider = (runFirst: number, runLast: number): void => {
    const [f, l] = trimEdges(hit, runFirst, runLast);
    const items = l - f + 1;
    if (items < minItems || items > maxItems || (best && items <= best.aLast - best.aFirst + 1)) return;
    let hits = 0;
    let errors = 0;
    for (let i = f; i <= l; i++) {
      if (!hit[i]) continue;
      hits++;
      errors += err[i] as number;
    }
    best = { aFirst: f, aLast: l, shift, density: hits / items, meanBitErrors: errors / Math.max(1, hits) };
  };
  let first = -1;
  let last = -1;
  for (let i = from; i < to; i++) {
    if (!hit[i]) continue;
    if (first >= 0 && i - last > gap) {
      consider(first, last);
      first = -1;
    }
    if (first < 0) first = i;
    last = i;
  }
  if (first >= 0) consider(first, last);
  return best;
}

/** Codes in a stretch that are all alike are a held tone or silence, which any two files can share. */
function isVaried(codes: Uint32Array, first: number, last: number): boolean {
  const distinct = new Set<number>();
  for (let i = first; i <= last; i++) distinct.add((codes[i] as number) >>> 4);
  return distinct.size >= 0.2 * (last - first + 1);
}

/** The longest shared stretch of a plausible length, or null when the two share nothing of the kind. */
export function longestSharedStretch(a: Uint32Array, b: Uint32Array, options: Partial<MatchOptions> = {}): SharedStretch | null {
  const o = { ...DEFAULT_MATCH, ...options };
  if (a.length === 0 || b.length === 0) return null;
  let best: SharedStretch | null = null;
  for (const shift of candidateShifts(a, b, o.candidates)) {
    for (const s of [shift - 1, shift, shift + 1]) {
      const found = longestAtShift(a, b, s, o);
      if (!found || found.density < 0.3 || !isVaried(a, found.aFirst, found.aLast)) continue;
      const len = found.aLast - found.aFirst;
      const bestLen = best ? best.aLast - best.aFirst : -1;
      if (len > bestLen || (len === bestLen && best && found.meanBitErrors < best.meanBitErrors)) best = found;
    }
  }
  return best;
}
