// The box surgery on a job's first fragment, on fragments built here the way ffmpeg's 2018 mp4 muxer writes
// them (moof with one traf per track, data offsets from the moof, its mdat right after): the stretched first
// sample put back, the first picture's times, and leading audio samples cut out with every offset following.
import { describe, expect, it } from 'vitest';
import { dropLeadingSamples, firstVideoSample, shiftFragments, unstretchFirstSamples, type TrackInfo } from '../../src/main/playback/fmp4';

const TRACKS = new Map<number, TrackInfo>([
  [1, { timescale: 12800, handler: 'vide' }],
  [2, { timescale: 48000, handler: 'soun' }],
]);

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function u32(...n: number[]): Buffer {
  const b = Buffer.alloc(4 * n.length);
  n.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

interface TrackRun {
  trackId: number;
  tfdt: number;
  /** Per-sample durations (trun 0x100) or null: tfhd's default of `defaultDuration`. */
  durations: number[] | null;
  defaultDuration?: number;
  sizes: number[];
  cts?: number[];
  /** The byte each sample is filled with, so a test can tell them apart. */
  fill: number;
}

/** moof (mfhd + one traf per run) + mdat, data offsets from the moof start, the runs' data in order. */
function fragment(runs: TrackRun[]): Buffer {
  const trunFlags = (r: TrackRun): number => 0x01 | (r.durations ? 0x100 : 0) | 0x200 | (r.cts ? 0x800 : 0);
  const build = (offsets: number[]): Buffer =>
    box(
      'moof',
      box('mfhd', u32(0, 1)),
      ...runs.map((r, k) => {
        const entries = r.sizes.map((size, i) => u32(...(r.durations ? [r.durations[i]!] : []), size, ...(r.cts ? [r.cts[i]!] : [])));
        const tfhd = box('tfhd', u32(0x020000 | (r.durations ? 0 : 0x08), r.trackId, ...(r.durations ? [] : [r.defaultDuration ?? 512])));
        const tfdt = Buffer.alloc(12);
        tfdt.writeUInt32BE(0x01000000, 0);
        tfdt.writeBigUInt64BE(BigInt(r.tfdt), 4);
        const version = r.cts ? 0x01000000 : 0;
        return box('traf', tfhd, box('tfdt', tfdt), box('trun', u32(version | trunFlags(r), r.sizes.length, offsets[k]!), ...entries));
      }),
    );
  const draft = build(runs.map(() => 0));
  const offsets: number[] = [];
  let at = draft.length + 8;
  for (const r of runs) {
    offsets.push(at);
    at += r.sizes.reduce((a, b) => a + b, 0);
  }
  const data = runs.map((r) => Buffer.alloc(r.sizes.reduce((a, b) => a + b, 0), r.fill));
  // Each sample's bytes carry its index too, so a shifted read shows.
  runs.forEach((r, k) => {
    let p = 0;
    r.sizes.forEach((s, i) => {
      data[k]![p] = i;
      p += s;
    });
  });
  return Buffer.concat([build(offsets), box('mdat', ...data)]);
}

/** Reads back each run of the first moof: tfdt, durations, and each sample's bytes found through the data offset. */
function readBack(buf: Buffer): { trackId: number; tfdt: number; durations: number[]; samples: Buffer[] }[] {
  const out: { trackId: number; tfdt: number; durations: number[]; samples: Buffer[] }[] = [];
  const moofSize = buf.readUInt32BE(0);
  expect(buf.toString('latin1', 4, 8)).toBe('moof');
  expect(buf.toString('latin1', moofSize + 4, moofSize + 8)).toBe('mdat');
  let at = 8;
  while (at < moofSize) {
    const size = buf.readUInt32BE(at);
    if (buf.toString('latin1', at + 4, at + 8) === 'traf') {
      let p = at + 8;
      let trackId = 0;
      let tfdt = 0;
      let defaultDuration = 0;
      const durations: number[] = [];
      const samples: Buffer[] = [];
      while (p < at + size) {
        const s = buf.readUInt32BE(p);
        const type = buf.toString('latin1', p + 4, p + 8);
        if (type === 'tfhd') {
          const flags = buf.readUInt32BE(p + 8) & 0xffffff;
          trackId = buf.readUInt32BE(p + 12);
          if (flags & 0x08) defaultDuration = buf.readUInt32BE(p + 16);
        } else if (type === 'tfdt') {
          tfdt = Number(buf.readBigUInt64BE(p + 12));
        } else if (type === 'trun') {
          const flags = buf.readUInt32BE(p + 8) & 0xffffff;
          const count = buf.readUInt32BE(p + 12);
          let data = buf.readInt32BE(p + 16);
          let e = p + 20;
          for (let i = 0; i < count; i++) {
            durations.push(flags & 0x100 ? buf.readUInt32BE(e) : defaultDuration);
            if (flags & 0x100) e += 4;
            const len = buf.readUInt32BE(e);
            e += 4;
            if (flags & 0x800) e += 4;
            // Every sample lies inside the mdat after the moof.
            expect(data).toBeGreaterThanOrEqual(moofSize + 8);
            expect(data + len).toBeLessThanOrEqual(moofSize + buf.readUInt32BE(moofSize));
            samples.push(buf.subarray(data, data + len));
            data += len;
          }
          expect(e).toBe(p + s);
        }
        p += s;
      }
      out.push({ trackId, tfdt, durations, samples });
    }
    at += size;
  }
  return out;
}

const VIDEO: TrackRun = { trackId: 1, tfdt: 0, durations: null, sizes: [300, 40, 40, 40], fill: 0xaa };
/** Copied AAC that starts 11 ms after the picture: the muxer says it starts with it and lasts 32 ms. */
const STRETCHED_AUDIO: TrackRun = { trackId: 2, tfdt: 0, durations: [1552, 1024, 1024, 1024, 1024, 1016], sizes: [10, 11, 12, 13, 14, 15], fill: 0xbb };

describe('unstretchFirstSamples', () => {
  it('gives a stretched first sample the usual duration back and starts its run that much later', () => {
    const buf = fragment([VIDEO, STRETCHED_AUDIO]);
    unstretchFirstSamples(buf);
    const [video, audio] = readBack(buf);
    expect(audio!.durations).toEqual([1024, 1024, 1024, 1024, 1024, 1016]);
    expect(audio!.tfdt).toBe(528);
    // A run on tfhd's default duration was never stretched.
    expect(video!.tfdt).toBe(0);
    expect(video!.durations).toEqual([512, 512, 512, 512]);
  });

  it('leaves a run alone whose first sample is not longer than the others', () => {
    const plain = fragment([VIDEO, { ...STRETCHED_AUDIO, durations: [1024, 1024, 1024, 1024, 1024, 1024] }]);
    const copy = Buffer.from(plain);
    unstretchFirstSamples(copy);
    expect(copy.equals(plain)).toBe(true);
  });

  it('puts a stretched first picture back too, and firstVideoSample reads its decode and presentation times', () => {
    // B-frames: the first picture shows two frames (1024 ticks) after its decode time; the audio started 0.5 s early.
    const buf = fragment([{ ...VIDEO, durations: [512 + 6400, 512, 512, 512], cts: [1024, 2560, 1024, 0] }, { ...STRETCHED_AUDIO, durations: [1024, 1024, 1024, 1024, 1024, 1024] }]);
    unstretchFirstSamples(buf);
    expect(firstVideoSample(buf, TRACKS)).toEqual({ dts: 0.5, pts: 0.58 });
  });
});

describe('dropLeadingSamples', () => {
  it('cuts the audio samples before a time out of the trun and the mdat, and every offset follows', () => {
    const audio: TrackRun = { trackId: 2, tfdt: 0, durations: [1024, 1024, 1024, 1024, 1024, 1024], sizes: [10, 11, 12, 13, 14, 15], fill: 0xbb };
    const before = fragment([audio, VIDEO]);
    const tail = box('moof', box('mfhd', u32(0, 2)));
    const { media, dropped } = dropLeadingSamples(Buffer.concat([before, tail]), TRACKS, 'soun', 2048 / 48000 - 0.0001);
    expect(dropped).toBe(2);
    const original = readBack(before);
    const [a, v] = readBack(media);
    expect(a!.tfdt).toBe(2048);
    expect(a!.durations).toEqual([1024, 1024, 1024, 1024]);
    expect(a!.samples.map((s) => [...s])).toEqual(original[0]!.samples.slice(2).map((s) => [...s]));
    expect(v!.samples.map((s) => [...s])).toEqual(original[1]!.samples.map((s) => [...s]));
    expect(media.length).toBe(before.length + tail.length - 2 * 8 - (10 + 11));
    // What follows the first fragment is untouched.
    expect(media.subarray(media.length - tail.length).equals(tail)).toBe(true);
  });

  it('works with the audio run after the video run in the mdat, and keeps at least one sample', () => {
    const audio: TrackRun = { trackId: 2, tfdt: 0, durations: [1024, 1024, 1024], sizes: [10, 11, 12], fill: 0xbb };
    const before = fragment([VIDEO, audio]);
    const { media, dropped } = dropLeadingSamples(before, TRACKS, 'soun', 10);
    expect(dropped).toBe(2);
    const [v, a] = readBack(media);
    expect(a!.tfdt).toBe(2048);
    expect([...a!.samples[0]!]).toEqual([...readBack(before)[1]!.samples[2]!]);
    expect(v!.samples.map((s) => [...s])).toEqual(readBack(before)[0]!.samples.map((s) => [...s]));
  });

  it('returns the buffer itself when nothing starts before the time', () => {
    const before = fragment([VIDEO, STRETCHED_AUDIO]);
    expect(dropLeadingSamples(before, TRACKS, 'soun', 0).media).toBe(before);
  });
});

describe('shiftFragments', () => {
  it('adds the offset to every run in its own timescale', () => {
    const buf = fragment([VIDEO, STRETCHED_AUDIO]);
    const firsts = shiftFragments(buf, TRACKS, 12.5);
    expect(firsts).toEqual(new Map([[1, 12.5], [2, 12.5]]));
    expect(readBack(buf).map((r) => r.tfdt)).toEqual([160_000, 600_000]);
  });
});
