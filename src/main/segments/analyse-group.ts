// Analyses one group — a season, or a film on its own — into segments: chapters first, then fingerprints
// shared across the season's episodes (intro at the start, credits at the end), refined onto silences and
// scene cuts, then black frames for credits no other episode shares. Never throws for one bad file: it
// leaves that file without the segment and says why in the notes.
import { decodeAudio } from './audio-decode';
import { fingerprintPcm } from './fingerprint';
import { loudnessOf, type Loudness } from './loudness';
import { refineBoundary, snapToSilence } from './refine';
import { segmentsFromChapters, type ChapterLike } from './chapter-rules';
import { sharedStretches, type Stretch } from './season-matcher';
import { blackRuns, sceneCuts } from './video-cues';
import { creditsWindowSeconds, introWindowSeconds, MAX_SHARED_SECONDS, MIN_SHARED_SECONDS, type FoundSegment, type SegmentKind } from './types';

export interface EpisodeInput {
  itemId: string;
  /** For notes: the file name, never shown to clients. */
  label: string;
  path: string;
  durationSeconds: number | null;
  hasAudio: boolean;
  chapters: ChapterLike[];
}

export interface GroupAnalysis {
  segments: Map<string, FoundSegment[]>;
  notes: string[];
}

export interface AnalyseDeps {
  ffmpeg: string;
  signal?: AbortSignal;
}

/** Credits that stop this close to the end of the file run to its end. */
const RUNS_TO_END_SECONDS = 3;
/** Black-frame credits are at least this long and reach the last seconds of the file. */
const MIN_BLACK_CREDITS_SECONDS = 10;
/** An episode shorter than this has no room for an intro and the rest of an episode. */
const MIN_EPISODE_SECONDS = 30;
/** Refinement may stretch a 150-s intro by up to this much (each end moves at most 2 s, see refine.ts). */
const SNAPPED_SLACK = 2;
/** The keyframe-only pass sees black only at keyframes, which may lie seconds apart: it is judged loosely. */
const KEYFRAME_SLACK_SECONDS = 10;

interface Window {
  fingerprint: Uint32Array;
  loudness: Loudness;
  offset: number;
}

async function windowOf(ep: EpisodeInput, which: 'head' | 'tail', deps: AnalyseDeps, notes: string[], headEnd: number): Promise<Window | null> {
  const duration = ep.durationSeconds as number;
  const length = which === 'head' ? Math.min(introWindowSeconds(duration), headEnd) : creditsWindowSeconds(duration);
  const start = which === 'head' ? 0 : Math.max(0, duration - length);
  try {
    const audio = await decodeAudio({ ffmpeg: deps.ffmpeg, path: ep.path, startSeconds: start, seconds: length, ...(deps.signal ? { signal: deps.signal } : {}) });
    if (audio.pcm.length < audio.sampleRate * MIN_SHARED_SECONDS) {
      notes.push(`${ep.label}: its audio decoded to only ${(audio.pcm.length / audio.sampleRate).toFixed(1)} s${audio.warnings ? ` (${firstLine(audio.warnings)})` : ''}; no fingerprint`);
      return null;
    }
    // Frames that failed to decode shift everything after them: its times cannot be trusted, so no segment.
    if (/error while decoding|invalid data|corrupt/i.test(audio.warnings)) {
      notes.push(`${ep.label}: its audio is damaged (${firstLine(audio.warnings)}); not fingerprinted`);
      return null;
    }
    const fingerprint = await fingerprintPcm(audio.pcm);
    return { fingerprint, loudness: loudnessOf(audio.pcm, audio.sampleRate, start), offset: start };
  } catch (e) {
    if (deps.signal?.aborted) throw e;
    notes.push(`${ep.label}: its audio could not be decoded (${(e as Error).message}); no fingerprint`);
    return null;
  }
}

function firstLine(s: string): string {
  return (s.split(/\r?\n/)[0] ?? '').slice(0, 160);
}

function usable(ep: EpisodeInput, notes: string[]): boolean {
  if (!ep.hasAudio) {
    notes.push(`${ep.label}: no audio track; not fingerprinted`);
    return false;
  }
  if (ep.durationSeconds === null || !(ep.durationSeconds >= MIN_EPISODE_SECONDS)) {
    notes.push(`${ep.label}: ${ep.durationSeconds === null ? 'length unknown' : `only ${ep.durationSeconds.toFixed(1)} s long`}; not fingerprinted`);
    return false;
  }
  return true;
}

const round = (t: number): number => Math.round(t * 1000) / 1000;

async function refined(ep: EpisodeInput, w: Window, s: Stretch, deps: AnalyseDeps): Promise<{ start: number; end: number }> {
  const cuts = (t: number): Promise<number[]> => sceneCuts(deps.ffmpeg, ep.path, t - 2.5, 5, deps.signal);
  const start = await refineBoundary(w.offset + s.start, 'start', w.loudness, cuts);
  const end = await refineBoundary(w.offset + s.end, 'end', w.loudness, cuts);
  return { start: Math.max(0, start), end };
}

/** Intros (or credits) shared by the season's episodes, for those episodes that need one. */
async function sharedKind(kind: 'intro' | 'credits', episodes: EpisodeInput[], deps: AnalyseDeps, notes: string[], out: Map<string, FoundSegment[]>): Promise<Set<string>> {
  const found = new Set<string>();
  const windows: (Window | null)[] = [];
  for (const ep of episodes) {
    deps.signal?.throwIfAborted();
    // In a short episode the intro window reaches the credits, which every episode shares too: it stops
    // where they start, so shared credits are never taken for an intro.
    const creditsStart = out.get(ep.itemId)?.find((s) => s.kind === 'credits')?.startSeconds ?? Infinity;
    windows.push(await windowOf(ep, kind === 'intro' ? 'head' : 'tail', deps, notes, creditsStart));
  }
  if (windows.filter(Boolean).length < 2) return found;
  const stretches = sharedStretches(windows.map((w) => w?.fingerprint ?? null));
  for (let i = 0; i < episodes.length; i++) {
    const ep = episodes[i] as EpisodeInput;
    const w = windows[i];
    const s = stretches[i];
    if (!w) continue;
    if (!s) {
      if (kind === 'intro') notes.push(`${ep.label}: shares no intro with the other episodes of its season`);
      continue;
    }
    const edges = await refined(ep, w, s, deps);
    const duration = ep.durationSeconds as number;
    const start = edges.start;
    const end = kind === 'credits' && duration - edges.end <= RUNS_TO_END_SECONDS ? duration : edges.end;
    if (end - start < MIN_SHARED_SECONDS || end - start > MAX_SHARED_SECONDS + SNAPPED_SLACK) continue;
    out.get(ep.itemId)!.push({ kind, startSeconds: round(start), endSeconds: round(end), source: 'fingerprint', confidence: round(0.5 + 0.5 * s.confidence) });
    found.add(ep.itemId);
  }
  return found;
}

/**
 * Credits over black to the end of the file: found on keyframes alone (cheap over minutes of video), then
 * placed to the frame around where the black began, and onto a drop to silence when there is one near.
 */
async function blackFrameCredits(ep: EpisodeInput, deps: AnalyseDeps, notes: string[]): Promise<FoundSegment | null> {
  const duration = ep.durationSeconds as number;
  const length = creditsWindowSeconds(duration);
  const finalRun = (runs: { start: number; end: number }[]): { start: number; end: number } | null => {
    const last = runs[runs.length - 1];
    return last && duration - last.end <= RUNS_TO_END_SECONDS + KEYFRAME_SLACK_SECONDS && last.end - last.start >= MIN_BLACK_CREDITS_SECONDS - KEYFRAME_SLACK_SECONDS ? last : null;
  };
  let start: number;
  try {
    const coarse = finalRun(await blackRuns(deps.ffmpeg, ep.path, duration - length, length, deps.signal, true));
    if (!coarse) return null;
    const from = Math.max(0, coarse.start - 12);
    const fine = await blackRuns(deps.ffmpeg, ep.path, from, duration - from, deps.signal);
    const last = fine[fine.length - 1];
    if (!last || duration - last.end > RUNS_TO_END_SECONDS || last.end - last.start < MIN_BLACK_CREDITS_SECONDS) return null;
    start = last.start;
  } catch (e) {
    if (deps.signal?.aborted) throw e;
    notes.push(`${ep.label}: black frames could not be read (${(e as Error).message})`);
    return null;
  }
  if (ep.hasAudio) {
    const from = Math.max(0, start - 3);
    const audio = await decodeAudio({ ffmpeg: deps.ffmpeg, path: ep.path, startSeconds: from, seconds: 6, ...(deps.signal ? { signal: deps.signal } : {}) }).catch(() => null);
    const drop = audio ? snapToSilence(start, 'end', loudnessOf(audio.pcm, audio.sampleRate, from)) : null;
    if (drop !== null) start = drop;
  }
  return { kind: 'credits', startSeconds: round(start), endSeconds: round(duration), source: 'black-frames', confidence: 0.6 };
}

function has(out: Map<string, FoundSegment[]>, itemId: string, kind: SegmentKind): boolean {
  return (out.get(itemId) ?? []).some((s) => s.kind === kind);
}

/** A season: every episode's chapters, then the intro and credits its episodes share. */
export async function analyseSeason(episodes: EpisodeInput[], deps: AnalyseDeps): Promise<GroupAnalysis> {
  const notes: string[] = [];
  const out = new Map<string, FoundSegment[]>(episodes.map((ep) => [ep.itemId, segmentsFromChapters(ep.chapters, ep.durationSeconds)]));
  const candidates = episodes.filter((ep) => usable(ep, notes));
  // Credits first: the intro search must know where they start (see sharedKind).
  const needCredits = candidates.filter((ep) => !has(out, ep.itemId, 'credits'));
  const withCredits = needCredits.length >= 2 ? await sharedKind('credits', needCredits, deps, notes, out) : new Set<string>();
  for (const ep of needCredits) {
    if (withCredits.has(ep.itemId)) continue;
    deps.signal?.throwIfAborted();
    const credits = await blackFrameCredits(ep, deps, notes);
    if (credits) out.get(ep.itemId)!.push(credits);
  }
  const needIntro = candidates.filter((ep) => !has(out, ep.itemId, 'intro'));
  if (needIntro.length >= 2) await sharedKind('intro', needIntro, deps, notes, out);
  for (const list of out.values()) list.sort((a, b) => a.startSeconds - b.startSeconds);
  return { segments: out, notes };
}

/** A film: its chapters, and credits over black; never an intro or a recap. */
export async function analyseFilm(film: EpisodeInput, deps: AnalyseDeps): Promise<GroupAnalysis> {
  const notes: string[] = [];
  const fromChapters = segmentsFromChapters(film.chapters, film.durationSeconds).filter((s) => s.kind === 'credits' || s.kind === 'preview');
  const segments = [...fromChapters];
  if (!segments.some((s) => s.kind === 'credits') && film.durationSeconds !== null && film.durationSeconds >= MIN_EPISODE_SECONDS) {
    const credits = await blackFrameCredits(film, deps, notes);
    if (credits) segments.push(credits);
  }
  return { segments: new Map([[film.itemId, segments]]), notes };
}
