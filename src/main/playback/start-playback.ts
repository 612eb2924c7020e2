// POST /api/v1/playback, behind the route: pick the file (or the best version of a title), make sure its
// source is there, decide the method, plan the segments (keyframes for a remux) and start the session,
// then describe it — tracks and all — in the answer the player needs.
import type { AudioTrack, MediaSegment, MediaStream, PlaybackSession, StartPlaybackBody, SubtitleTrack } from '../../shared/api';
import type { CatalogueQueries, FileSource } from '../db/catalogue-queries';
import { contentType } from '../server/files';
import { applyQualityCap, decidePlayMethod, isPictureSubtitle, type PlayDecision } from './decision';
import { keyframesKnown, readKeyframePrefix, readKeyframes } from './keyframes';
import { remuxPlan, transcodePlan, type SegmentPlan } from './playlist';
import { PlaybackError, type PlaybackSessions } from './sessions';
import { checkSource } from './source-check';
import { pickVersion } from './versions';
import { formatOfCodec } from './subtitles/text';
import type { TrickplayFileRow } from '../db/trickplay-queries';
import type { HardwareChoice } from './ffmpeg-args';

export interface StartDeps {
  queries: CatalogueQueries;
  sessions: PlaybackSessions;
  ffprobe: string;
  /** Reads the keyframes of files ffprobe crashes on. */
  ffmpeg?: string;
  cacheDir: string;
  probeNow(file: FileSource): Promise<void>;
  onWaiting(fileId: string, root: string, waitedSeconds: number): void;
  /** What the check before playback found the file's root to be (reachable or not, and why). */
  onRootStatus?(root: string, online: boolean, error: string | null): void;
  /** Trickplay: the index URL when the file has sheets, else null (and the file is made next). */
  trickplay?: { urlFor(file: TrickplayFileRow): { url: string } | null };
  /** When hardware encoding is on: the encoder a transcode should use (null: none works here). */
  hardware?: () => Promise<HardwareChoice | null>;
  /** Settings › Playback › quality cap, in lines (null = original): an upper bound for transcodes. */
  qualityCapHeight?: number | null;
  /** The item's intro, recap, credits and preview, for the answer. */
  segments?(itemId: string): MediaSegment[];
  /** For tests: how long a slow share is waited for. */
  sourceWaitMs?: number;
  /** For tests: how a root is asked whether it is there (slow-share-for-tests.ts). */
  statRoot?: (path: string) => Promise<{ isDirectory(): boolean }>;
}

function chooseFileId(deps: StartDeps, body: StartPlaybackBody): string {
  if (body.fileId !== undefined) return body.fileId;
  const item = deps.queries.itemDetail(body.itemId!);
  if (!item) throw new PlaybackError(404, 'not-found', 'No such item.');
  const file = pickVersion(item.files, body.capabilities);
  if (!file) throw new PlaybackError(item.files.length > 0 ? 410 : 404, item.files.length > 0 ? 'file-missing' : 'no-file', item.files.length > 0 ? 'Every file of this title is gone from the disk.' : 'This title has no file to play.');
  return file.id;
}

/**
 * The stacked parts (cd1, cd2…) of a title, in order, when the chosen file is the first of two or more of one
 * edition; null otherwise. Every part must be there: a film missing its second half is not played as whole.
 */
async function stackedParts(deps: StartDeps, itemId: string, first: FileSource): Promise<FileSource[] | null> {
  const files = deps.queries.itemDetail(itemId)?.files ?? [];
  const chosen = files.find((f) => f.id === first.id);
  if (!chosen || chosen.part === null) return null;
  const parts = files.filter((f) => f.part !== null && f.edition === chosen.edition).sort((a, b) => a.part! - b.part!);
  if (parts.length < 2 || parts[0]!.id !== first.id) return null;
  const sources: FileSource[] = [];
  for (const p of parts) {
    let source = p.id === first.id ? first : deps.queries.fileSource(p.id);
    if (!source || p.missing) throw new PlaybackError(410, 'file-missing', `Part ${p.part} of this title is gone from the disk.`);
    if (source.probe === 'pending') {
      await deps.probeNow(source).catch(() => undefined);
      source = deps.queries.fileSource(p.id) ?? source;
    }
    if (source.probe !== 'ok' || !source.durationSeconds || source.durationSeconds <= 0) throw new PlaybackError(422, 'unplayable', `Part ${p.part} of this title could not be read.`);
    sources.push(source);
  }
  return sources;
}

function checkStream(streams: MediaStream[], index: number | null | undefined, type: MediaStream['type'], field: string): void {
  if (index === undefined || index === null) return;
  if (!streams.some((s) => s.index === index && s.type === type)) throw new PlaybackError(400, 'no-such-stream', `${field}: this file has no ${type} stream ${index}.`);
}

export async function startPlayback(deps: StartDeps, body: StartPlaybackBody): Promise<PlaybackSession> {
  const fileId = chooseFileId(deps, body);
  let file = deps.queries.fileSource(fileId);
  if (!file) throw new PlaybackError(404, 'not-found', 'No such file, or it is missing from disk.');
  await checkSource(file, {
    onWaiting: (s) => deps.onWaiting(file!.id, file!.rootPath, s),
    ...(deps.onRootStatus ? { onRootStatus: (online: boolean, error: string | null) => deps.onRootStatus?.(file!.rootPath, online, error) } : {}),
    ...(deps.sourceWaitMs !== undefined ? { maxWaitMs: deps.sourceWaitMs } : {}),
    ...(deps.statRoot ? { statRoot: deps.statRoot } : {}),
  });
  if (file.probe === 'pending') {
    await deps.probeNow(file).catch(() => undefined);
    file = deps.queries.fileSource(fileId) ?? file;
  }
  if (file.probe === 'failed') throw new PlaybackError(422, 'unplayable', 'This file could not be read: it may be damaged.');
  const parts = body.itemId !== undefined ? await stackedParts(deps, body.itemId, file) : null;
  checkStream(file.streams, body.audioStream, 'audio', 'audioStream');
  checkStream(file.streams, body.subtitleStream, 'subtitle', 'subtitleStream');

  // Stacked parts are one timeline: the parts' lengths added up.
  const duration = parts ? parts.reduce((sum, p) => sum + p.durationSeconds!, 0) : file.durationSeconds;
  const bitrate = duration && duration > 0 ? Math.round((file.size * 8) / duration) : null;
  const wanted = decidePlayMethod({ container: file.container, streams: file.streams, bitrate }, body.capabilities, {
    audioStream: body.audioStream,
    subtitleStream: body.subtitleStream,
    forceMethod: body.forceMethod,
    stacked: parts !== null,
  });
  const decision = applyQualityCap(wanted, deps.qualityCapHeight ?? null);
  if (decision.burnIn?.isExternal) throw new PlaybackError(422, 'burn-in-unavailable', 'Burning in a picture subtitle from a separate file is not supported yet; pick a text subtitle or one inside the video.');
  const startSeconds = Math.max(0, Math.min(body.startSeconds ?? 0, duration ? Math.max(0, duration - 1) : Number.MAX_SAFE_INTEGER));
  const describe = (sessionId: string, url: string, mime: string): PlaybackSession => ({
    sessionId,
    method: decision.method,
    reasons: decision.reasons,
    url,
    mime,
    durationSeconds: duration,
    startSeconds,
    audioTracks: audioTracks(file!.streams, decision),
    subtitleTracks: subtitleTracks(file!.id, file!.streams, decision),
    trickplay: trickplayOf(deps, file!),
    segments: file!.itemId && deps.segments ? deps.segments(file!.itemId) : [],
  });

  if (decision.method === 'direct') {
    // The type the stream route sends it with, so the two never disagree.
    return describe(`direct-${file.id}`, `/stream/file/${file.id}`, contentType(file.path));
  }
  if (!duration || duration <= 0) throw new PlaybackError(422, 'unplayable', 'The length of this file is unknown, so it cannot be streamed.');
  let plan: SegmentPlan;
  let firstPicture = 0;
  // MPEG-TS seeks by position, near a time but not on it: jobs seek onto keyframes (read beside the start).
  const roughSeek = !parts && ROUGH_SEEK_CONTAINERS.has(file.container ?? '') ? { keyframes: [] as readonly number[] } : null;
  let finalPlan: Promise<SegmentPlan> | undefined;
  if (decision.videoAction === 'copy') {
    const unreadable = (e: unknown): PlaybackError => new PlaybackError(422, 'unplayable', `This file's keyframes could not be read: ${(e as Error).message}`);
    const whole = timelineKeyframes(deps, parts ?? [file]);
    // Cold: plan the first segments on a short read and start on them while the whole index is read beside it.
    const early = !parts && startSeconds < PREFIX_SECONDS / 2 && !keyframesKnown(deps.cacheDir, file) ? await earlyPlan(deps, file, duration) : null;
    if (early) {
      whole.catch(() => undefined);
      plan = early.plan;
      firstPicture = early.firstPicture;
      finalPlan = whole.then((k) => remuxPlan(k, duration), (e: unknown) => Promise.reject(unreadable(e)));
    } else {
      let keyframes: number[];
      try {
        keyframes = await whole;
      } catch (e) {
        throw unreadable(e);
      }
      plan = remuxPlan(keyframes, duration);
      firstPicture = keyframes[0] ?? 0;
    }
  } else {
    plan = transcodePlan(duration);
  }
  if (roughSeek) {
    const shift = timelineShift(file);
    readKeyframes({ ffprobe: deps.ffprobe, ffmpeg: deps.ffmpeg ?? null }, deps.cacheDir, file).then(
      (k) => (roughSeek.keyframes = k.times.map((t) => t - shift)),
      () => undefined,
    );
  }
  const hardware = decision.method === 'transcode' && deps.hardware ? await deps.hardware() : null;
  const sessionId = deps.sessions.start({
    input: file.path,
    hardware,
    decision,
    plan,
    startSeconds,
    firstPicture,
    ...(!parts && timelineShift(file) !== 0 ? { timelineStart: timelineShift(file) } : {}),
    ...(roughSeek ? { roughSeek } : {}),
    ...(finalPlan ? { finalPlan } : {}),
    ...(parts ? { parts: parts.map((p) => ({ path: p.path, durationSeconds: p.durationSeconds! })) } : {}),
  });
  return describe(sessionId, `/stream/hls/${sessionId}/index.m3u8`, 'application/vnd.apple.mpegurl');
}

/**
 * A timeline that starts this far from 0 (MPEG-TS: 1.4 s when ffmpeg wrote it, the broadcast clock when a
 * tuner did) is moved to start at 0, and its keyframes with it; a smaller start is a container's rounding
 * (AAC priming, an edit list) and stays as the segment timing was tuned on.
 */
const SHIFT_FROM_SECONDS = 0.5;

export function timelineShift(file: Pick<FileSource, 'startSeconds'>): number {
  // A timeline that starts before 0 by that much is left alone: no container we read makes one.
  return file.startSeconds >= SHIFT_FROM_SECONDS ? file.startSeconds : 0;
}

/** Containers whose demuxer seeks by byte position, landing near a time rather than on it. */
const ROUGH_SEEK_CONTAINERS = new Set(['ts', 'mpeg', 'mpegps']);

/** How much of a file a cold remux start reads before it plans its first segments. */
const PREFIX_SECONDS = 30;

/**
 * A plan of the file's first segments from its first PREFIX_SECONDS: each start is the one the whole index
 * gives (a start depends only on the keyframes before it), all but the last one's end known. Null when the
 * read fails or gives fewer than two starts (keyframes far apart): then the whole index is waited for.
 */
async function earlyPlan(deps: StartDeps, file: FileSource, duration: number): Promise<{ plan: SegmentPlan; firstPicture: number } | null> {
  if (duration <= PREFIX_SECONDS) return null;
  const shift = timelineShift(file);
  const keyframes = await readKeyframePrefix({ ffprobe: deps.ffprobe, ffmpeg: deps.ffmpeg ?? null }, file.path, PREFIX_SECONDS).then(
    (times) => times.map((t) => t - shift),
    () => null,
  );
  if (!keyframes || keyframes.length === 0) return null;
  const plan = remuxPlan(keyframes.filter((k) => k < PREFIX_SECONDS - 1), duration);
  return plan.starts.length >= 2 ? { plan, firstPicture: keyframes[0]! } : null;
}

/** The keyframes of one file, or of stacked parts each shifted by the lengths of the parts before it. */
async function timelineKeyframes(deps: StartDeps, parts: FileSource[]): Promise<number[]> {
  const each = await Promise.all(parts.map((p) => readKeyframes({ ffprobe: deps.ffprobe, ffmpeg: deps.ffmpeg ?? null }, deps.cacheDir, p)));
  const times: number[] = [];
  let offset = 0;
  each.forEach((k, i) => {
    // One file may start away from 0 (stacked parts are joined by the concat demuxer, which starts each at 0).
    const shift = parts.length === 1 ? timelineShift(parts[0]!) : 0;
    for (const t of k.times) times.push(offset + t - shift);
    offset += parts[i]!.durationSeconds ?? 0;
  });
  return times;
}

function trickplayOf(deps: StartDeps, file: FileSource): { url: string } | null {
  const video = file.streams.find((s) => s.type === 'video' && !s.isExternal);
  if (!deps.trickplay || !video || !file.durationSeconds || file.durationSeconds <= 0) return null;
  return deps.trickplay.urlFor({ id: file.id, path: file.path, signature: file.signature, durationSeconds: file.durationSeconds, width: video.width, height: video.height });
}

function audioTracks(streams: MediaStream[], decision: PlayDecision): AudioTrack[] {
  return streams
    .filter((s) => s.type === 'audio')
    .map((s) => ({ stream: s.index, language: s.language, title: s.title, codec: s.codec, channels: s.channels, isDefault: s.isDefault, selected: decision.audio?.index === s.index }));
}

function subtitleTracks(fileId: string, streams: MediaStream[], decision: PlayDecision): SubtitleTrack[] {
  return streams
    .filter((s) => s.type === 'subtitle')
    .map((s) => {
      const picture = isPictureSubtitle(s);
      return {
        stream: s.index,
        language: s.language,
        title: s.title,
        codec: s.codec,
        isForced: s.isForced,
        isDefault: s.isDefault,
        kind: picture ? 'picture' : 'text',
        // On the file's own timeline, like the playlist, so it lines up whatever startSeconds was.
        url: picture || !formatOfCodec(s.codec) ? null : `/stream/subs/${encodeURIComponent(fileId)}/${s.index}.vtt`,
        burnedIn: decision.burnIn?.index === s.index,
      };
    });
}
