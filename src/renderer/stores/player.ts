// The player's state: which item plays, the server's play session (method and why, and any
// fallback it took), where playback is, and reporting that position to the server (every ~10 s,
// on pause, on seek and at close). It must not touch the <video> element or hls.js: the player view drives those
// (through player/hls-player.ts) and tells this store what happened.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ClientCapabilities, ForcedPlayMethod, PlaybackSession, PlayMethod } from '../../shared/api';
import { reportProgress, startPlayback, stopPlayback } from '../api/client';
import type { PlaybackEngine } from '../player/hls-player';
import { isWatchedAt } from '../player/next-up';

export type PlayerStatus = 'idle' | 'starting' | 'playing' | 'paused' | 'ended' | 'error';

const REPORT_EVERY_MS = 10_000;

export interface OpenRequest {
  fileId: string;
  itemId: string | null;
  capabilities: ClientCapabilities;
  /** On the file's own timeline: the same second whatever session came before. */
  startSeconds: number;
  audioStream: number | null;
  /** A picture subtitle to burn in (text subtitles are painted by the player, no new session). */
  subtitleStream?: number | null;
  /** After a method failed at run time: the next one to try. */
  forceMethod?: ForcedPlayMethod;
  /** A stacked title (cd1, cd2…): ask by item, and the server joins the parts into one timeline. */
  joinParts?: boolean;
}

export const METHOD_LABELS: Record<PlayMethod, string> = {
  direct: 'Direct play',
  remux: 'Remux',
  transcode: 'Transcode',
};

export const usePlayerStore = defineStore('player', () => {
  const session = shallowRef<PlaybackSession | null>(null);
  const itemId = ref<string | null>(null);
  const audioStream = ref<number | null>(null);
  const engine = ref<PlaybackEngine | null>(null);
  const status = ref<PlayerStatus>('idle');
  const position = ref(0);
  const elementDuration = ref(0);
  const buffering = ref(false);
  /** Said in the info panel: "Switched from direct play to remux…". */
  const note = ref<string | null>(null);
  /** When the credits start, if known: from there the title counts as watched. */
  const creditsAt = ref<number | null>(null);

  const method = computed<PlayMethod | null>(() => session.value?.method ?? null);
  const duration = computed(() => {
    const fromServer = session.value?.durationSeconds ?? 0;
    return fromServer > 0 ? fromServer : Number.isFinite(elementDuration.value) ? elementDuration.value : 0;
  });
  const methodLabel = computed(() => (method.value ? METHOD_LABELS[method.value] : ''));

  let lastReportAt = 0;
  let lastReportedPosition = -1;
  let lastReportedPlayed = false;
  // Each open() gets a number, so an answer to an older request (the user switched audio
  // twice quickly) is dropped instead of replacing the newer session.
  let generation = 0;

  function isPlayed(): boolean {
    return status.value === 'ended' || isWatchedAt(position.value, duration.value, creditsAt.value);
  }

  /** Sends the position now, unless it has not moved since the last report. */
  function report(): void {
    const id = itemId.value;
    if (!id || !session.value) return;
    const seconds = Math.max(0, Math.round(position.value * 10) / 10);
    const played = isPlayed();
    if (seconds === lastReportedPosition && played === lastReportedPlayed) return;
    lastReportAt = Date.now();
    lastReportedPosition = seconds;
    lastReportedPlayed = played;
    reportProgress(id, played ? { positionSeconds: seconds, played } : { positionSeconds: seconds }).catch(() => {
      // Progress is best effort: a missed report is replaced by the next one.
    });
  }

  async function endSession(): Promise<void> {
    const current = session.value;
    if (!current) return;
    report();
    session.value = null;
    try {
      await stopPlayback(current.sessionId);
    } catch {
      // The server also ends idle sessions on its own.
    }
  }

  /** Asks the server for a play session; ends the previous one first. */
  async function open(request: OpenRequest): Promise<PlaybackSession | null> {
    const mine = ++generation;
    await endSession();
    if (mine !== generation) return null;
    itemId.value = request.itemId;
    audioStream.value = request.audioStream;
    engine.value = null;
    status.value = 'starting';
    position.value = request.startSeconds;
    elementDuration.value = 0;
    buffering.value = true;
    lastReportedPosition = -1;
    lastReportedPlayed = false;

    const next = await startPlayback({
      ...(request.joinParts && request.itemId ? { itemId: request.itemId } : { fileId: request.fileId }),
      capabilities: request.capabilities,
      ...(request.audioStream !== null ? { audioStream: request.audioStream } : {}),
      ...(request.subtitleStream !== undefined && request.subtitleStream !== null ? { subtitleStream: request.subtitleStream } : {}),
      ...(request.startSeconds > 0 ? { startSeconds: request.startSeconds } : {}),
      ...(request.forceMethod ? { forceMethod: request.forceMethod } : {}),
    });
    if (mine !== generation) {
      void stopPlayback(next.sessionId).catch(() => undefined);
      return null;
    }
    session.value = next;
    lastReportAt = Date.now();
    return next;
  }

  /** The user moved the playhead: remember the new place at once. */
  function seeked(seconds: number): void {
    position.value = seconds;
    report();
  }

  function setNote(text: string | null): void {
    note.value = text;
  }

  function setCredits(seconds: number | null): void {
    creditsAt.value = seconds;
  }

  function attached(which: PlaybackEngine): void {
    engine.value = which;
  }

  /** The element's clock moved: remember it, and report every ~10 s. */
  function timeUpdate(seconds: number, elementSeconds: number): void {
    position.value = seconds;
    elementDuration.value = elementSeconds;
    if (status.value === 'playing' && Date.now() - lastReportAt >= REPORT_EVERY_MS) report();
  }

  function playing(): void {
    status.value = 'playing';
    buffering.value = false;
  }

  function paused(): void {
    if (status.value === 'ended' || status.value === 'error') return;
    status.value = 'paused';
    report();
  }

  function ended(): void {
    status.value = 'ended';
    report();
  }

  function waiting(on: boolean): void {
    buffering.value = on;
  }

  function failed(): void {
    status.value = 'error';
    buffering.value = false;
  }

  /** The player closes: last report, then the server may drop the session's files. */
  async function close(): Promise<void> {
    generation++;
    await endSession();
    status.value = 'idle';
    engine.value = null;
    itemId.value = null;
    note.value = null;
    creditsAt.value = null;
  }

  return {
    session,
    itemId,
    audioStream,
    engine,
    status,
    position,
    duration,
    buffering,
    note,
    creditsAt,
    method,
    methodLabel,
    open,
    seeked,
    setNote,
    setCredits,
    attached,
    timeUpdate,
    playing,
    paused,
    ended,
    waiting,
    failed,
    close,
  };
});
