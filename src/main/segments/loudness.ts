// A decoded stretch's loudness, kept small (one value per 20 ms) so a season's worth fits in memory after
// its PCM is dropped, and the silences in it: where refinement snaps an intro's ends and credits start.

export const FRAME_SECONDS = 0.02;
/** Quieter than this (dBFS) is silence. */
export const SILENCE_DB = -50;
const MIN_SILENCE_SECONDS = 0.15;

export interface Loudness {
  /** dBFS per FRAME_SECONDS, from offsetSeconds on. */
  db: Float32Array;
  offsetSeconds: number;
}

export function loudnessOf(pcm: Int16Array, sampleRate: number, offsetSeconds: number): Loudness {
  const frame = Math.max(1, Math.round(sampleRate * FRAME_SECONDS));
  const frames = Math.floor(pcm.length / frame);
  const db = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) {
      const v = (pcm[i] as number) / 32768;
      sum += v * v;
    }
    db[f] = 10 * Math.log10(sum / frame + 1e-12);
  }
  return { db, offsetSeconds };
}

export interface Silence {
  start: number;
  end: number;
}

/** Silences of at least 0.15 s, in file seconds. */
export function silences(l: Loudness, thresholdDb = SILENCE_DB): Silence[] {
  const out: Silence[] = [];
  let from = -1;
  const minFrames = Math.round(MIN_SILENCE_SECONDS / FRAME_SECONDS);
  for (let f = 0; f <= l.db.length; f++) {
    const quiet = f < l.db.length && (l.db[f] as number) < thresholdDb;
    if (quiet && from < 0) from = f;
    if (!quiet && from >= 0) {
      if (f - from >= minFrames) out.push({ start: l.offsetSeconds + from * FRAME_SECONDS, end: l.offsetSeconds + f * FRAME_SECONDS });
      from = -1;
    }
  }
  return out;
}
