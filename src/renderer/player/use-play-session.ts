// One play session at a time for the player view: asked of the server with this browser's
// capabilities and the chosen tracks, attached to the element, replaced by the next method by
// itself when one fails. Every start gets a number, and news from an older attempt (a late
// rejection, an error of the source it replaced) is dropped, so it can never paint an error over
// the attempt that plays.
import { onBeforeUnmount, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { ClientCapabilities, ForcedPlayMethod, PlayMethod, TrickplayIndex } from '../../shared/api';
import { usePlayerStore } from '../stores/player';
import { fallbackMethod, fallbackNote } from './fallback';
import { attachSession, type AttachedSource, type PlaybackFailure } from './hls-player';
import { describeProblem, type PlayerProblem } from './playback-errors';
import { loadTrickplay } from './trickplay';

export interface StartOptions {
  audioStream: number | null;
  /** The picture subtitle the server paints into the video. */
  burnIn: number | null;
  forceMethod?: ForcedPlayMethod;
}

export interface PlaySessionSources {
  video: Ref<HTMLVideoElement | null>;
  fileId(): string;
  itemId(): string | null;
  /** Parts of one film the server should join on one timeline. */
  joinParts(): boolean;
  capabilities(): ClientCapabilities;
  speed(): number;
  /** The picture subtitle chosen now, kept by a fallback or a retry. */
  burnedIn(): number | null;
}

export interface PlaySession {
  problem: ShallowRef<PlayerProblem | null>;
  /** "Waking the share…" while the server waits for a sleeping source. */
  waking: Ref<string | null>;
  trickplay: ShallowRef<TrickplayIndex | null>;
  start(startSeconds: number, options: StartOptions): Promise<void>;
  /** Starts again where it stopped, with the same tracks (the error panel's Retry). */
  retry(): void;
  /** A new attempt that is not a start (loading the item first): false once it has been replaced. */
  claim(): () => boolean;
  /** Called when the element plays: says in the info panel that a fallback took over. */
  playing(): void;
  /** The autoplay-safe play(): a refused autoplay is not a failure, the big Play button is there. */
  play(): Promise<void>;
  close(): void;
}

export function usePlaySession(src: PlaySessionSources): PlaySession {
  const player = usePlayerStore();
  const problem = shallowRef<PlayerProblem | null>(null);
  const waking = shallowRef<string | null>(null);
  const trickplay = shallowRef<TrickplayIndex | null>(null);
  let source: AttachedSource | null = null;
  let closed = false;
  let attempt = 0;
  /** The method that failed, while its fallback starts: said in the info panel once it plays. */
  let fellBackFrom: PlayMethod | null = null;

  function detach(): void {
    source?.destroy();
    source = null;
  }

  async function play(): Promise<void> {
    const element = src.video.value;
    if (!element) return;
    try {
      await element.play();
    } catch (cause) {
      if (cause instanceof DOMException && (cause.name === 'NotAllowedError' || cause.name === 'AbortError')) return;
      throw cause;
    }
  }

  async function start(startSeconds: number, options: StartOptions): Promise<void> {
    const mine = ++attempt;
    problem.value = null;
    trickplay.value = null;
    detach();
    try {
      const session = await player.open({
        fileId: src.fileId(),
        itemId: src.itemId(),
        capabilities: src.capabilities(),
        startSeconds,
        audioStream: options.audioStream,
        subtitleStream: options.burnIn,
        ...(options.forceMethod ? { forceMethod: options.forceMethod } : {}),
        joinParts: src.joinParts(),
      });
      const element = src.video.value;
      if (!session || !element || closed || mine !== attempt) return;
      waking.value = null;
      // The server's startSeconds is the one offset, on the file's own timeline: the same second
      // whatever session came before (another audio track, a burned-in subtitle, a fallback).
      source = await attachSession(element, session, {
        startSeconds: session.startSeconds,
        onFailure: (failure) => {
          if (mine === attempt && !closed) onFailure(failure);
        },
      });
      if (closed || mine !== attempt) {
        if (mine === attempt) detach();
        return;
      }
      player.attached(source.engine);
      element.playbackRate = src.speed();
      if (session.trickplay) void loadThumbnails(session.trickplay.url, mine);
      await play();
    } catch (cause) {
      if (closed || mine !== attempt) return;
      waking.value = null;
      problem.value = describeProblem(cause);
      player.failed();
    }
  }

  async function loadThumbnails(url: string, mine: number): Promise<void> {
    try {
      const index = await loadTrickplay(url);
      if (mine === attempt) trickplay.value = index;
    } catch {
      // Thumbnails are a nicety: the seek bar works without them.
    }
  }

  function onFailure(failure: PlaybackFailure): void {
    const method = player.method;
    const next = method ? fallbackMethod(method, failure) : null;
    if (method && next) {
      // The server thought this browser could play it this way, and it could not: ask for the next
      // method at the same second, by ourselves.
      fellBackFrom = method;
      void start(failure.atSeconds ?? (src.video.value?.currentTime || player.position), { audioStream: player.audioStream, burnIn: src.burnedIn(), forceMethod: next });
      return;
    }
    detach();
    problem.value = describeProblem(failure);
    player.failed();
  }

  function retry(): void {
    fellBackFrom = null;
    void start(player.position, { audioStream: player.audioStream, burnIn: src.burnedIn() });
  }

  function claim(): () => boolean {
    const mine = ++attempt;
    fellBackFrom = null;
    player.setNote(null);
    problem.value = null;
    return () => !closed && mine === attempt;
  }

  function playing(): void {
    if (fellBackFrom && player.method) {
      player.setNote(fallbackNote(fellBackFrom, player.method));
      fellBackFrom = null;
    }
  }

  function close(): void {
    closed = true;
    attempt++;
    detach();
  }

  onBeforeUnmount(close);
  return { problem, waking, trickplay, start, retry, claim, playing, play, close };
}
