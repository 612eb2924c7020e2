import { describe, expect, it } from 'vitest';
import { bitErrors, longestSharedStretch } from '../../src/main/segments/matcher';
import { sharedStretches, START_OFFSET_SECONDS, END_OFFSET_SECONDS } from '../../src/main/segments/season-matcher';
import { SECONDS_PER_ITEM } from '../../src/main/segments/fingerprint';

/** Deterministic 32-bit codes (mulberry32: every bit random, unlike a plain LCG's low bits), so a failure replays. */
function codes(seed: number, n: number): Uint32Array {
  let s = seed >>> 0;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    out[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return out;
}

/** Flips `bits` random bits of every code: what noise and a loudness change do to a fingerprint. */
function noisy(src: Uint32Array, seed: number, bits: number): Uint32Array {
  const rnd = codes(seed, src.length * bits);
  return src.map((c, i) => {
    let v = c;
    for (let k = 0; k < bits; k++) v ^= 1 << ((rnd[i * bits + k] as number) % 32);
    return v >>> 0;
  });
}

/** An episode: its own content with `shared` planted at `at`. */
function episode(seed: number, length: number, shared: Uint32Array, at: number, bits = 2): Uint32Array {
  const fp = codes(seed, length);
  fp.set(noisy(shared, seed + 7, bits), at);
  return fp;
}

const seconds = (items: number): number => Math.round(items * SECONDS_PER_ITEM * 1000) / 1000;
const items = (s: number): number => Math.round(s / SECONDS_PER_ITEM);

describe('the matcher on generated fingerprints with known offsets', () => {
  it('counts differing bits', () => {
    expect(bitErrors(0, 0)).toBe(0);
    expect(bitErrors(0xffffffff, 0)).toBe(32);
    expect(bitErrors(0b1011, 0b0001)).toBe(2);
  });

  it.each([
    [0, 0],
    [0, 400],
    [1200, 30],
    [1937, 1001],
  ])('finds a 40-s intro at item %i of one and %i of the other', (atA, atB) => {
    const intro = codes(99, items(40));
    const a = episode(1, 4800, intro, atA);
    const b = episode(2, 4800, intro, atB);
    const m = longestSharedStretch(a, b);
    expect(m).not.toBeNull();
    expect(m!.shift).toBe(atA - atB);
    expect(Math.abs(m!.aFirst - atA)).toBeLessThanOrEqual(2);
    expect(Math.abs(m!.aLast - (atA + intro.length - 1))).toBeLessThanOrEqual(2);
  });

  it('still finds it through noise that flips a few bits of every code', () => {
    const intro = codes(5, items(25));
    const m = longestSharedStretch(episode(11, 3000, intro, 700, 3), episode(12, 3000, intro, 90, 3));
    expect(m?.shift).toBe(610);
  });

  it('finds nothing between episodes that share nothing', () => {
    expect(longestSharedStretch(codes(1, 4800), codes(2, 4800))).toBeNull();
  });

  it('ignores what is shared for less than 10 s or more than 150 s', () => {
    const short = codes(3, items(8));
    expect(longestSharedStretch(episode(1, 3000, short, 100), episode(2, 3000, short, 900))).toBeNull();
    const long = codes(4, items(170));
    expect(longestSharedStretch(episode(1, 4000, long, 100), episode(2, 4000, long, 900))).toBeNull();
  });

  it('does not take shared silence (one code held) for an intro', () => {
    const silence = new Uint32Array(items(30)).fill(0x12345678);
    expect(longestSharedStretch(episode(1, 3000, silence, 100, 0), episode(2, 3000, silence, 900, 0))).toBeNull();
  });
});

describe('a season: each episode gets the stretch the others agree on', () => {
  it('places each intro in its own episode and leaves the one with another tune without', () => {
    const intro = codes(42, items(45));
    const other = codes(43, items(45));
    const at = [0, 250, 1900, 777, 1200];
    const fps = at.map((x, i) => episode(100 + i, 4800, intro, x));
    fps.push(episode(200, 4800, other, 300));
    const found = sharedStretches(fps);
    at.forEach((x, i) => {
      const s = found[i]!;
      expect(s).not.toBeNull();
      expect(Math.abs(s.start - START_OFFSET_SECONDS - seconds(x))).toBeLessThan(0.5);
      expect(Math.abs(s.end - END_OFFSET_SECONDS - seconds(x + intro.length))).toBeLessThan(0.5);
      expect(s.confidence).toBeGreaterThan(0.7);
    });
    expect(found[5]).toBeNull();
  });

  it('gives an episode without usable audio nothing, and the rest still match', () => {
    const intro = codes(8, items(30));
    const found = sharedStretches([episode(1, 3000, intro, 10), null, episode(3, 3000, intro, 500), new Uint32Array(0)]);
    expect(found[0]).not.toBeNull();
    expect(found[1]).toBeNull();
    expect(found[2]).not.toBeNull();
    expect(found[3]).toBeNull();
  });

  it('finds no intro in a season whose episodes share none', () => {
    expect(sharedStretches([codes(1, 4000), codes(2, 4000), codes(3, 4000)])).toEqual([null, null, null]);
  });
});
