// HLS play sessions: the plan and playlist of each, the segments already made, and the one ffmpeg job
// making more. A segment that exists is served at once; one just ahead of the job is waited for; one far
// ahead or behind restarts the job there. Sessions end on DELETE, after an idle spell, or at shutdown;
// concurrent transcodes are capped, and the segment cache is kept under a size limit (oldest out first).
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PlayDecision } from './decision';
import { concatList, fastStartEnd, segmentJobArgs, type HardwareChoice } from './ffmpeg-args';
import { renderPlaylist, SEGMENT_NAME, segmentAt, segmentCount, segmentName, type SegmentPlan } from './playlist';
import { SegmentJob } from './segment-job';
import { startGuard } from '../media-tools/child-guard';

export const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

export interface SessionSpec {
  input: string;
  decision: PlayDecision;
  plan: SegmentPlan;
  startSeconds: number;
  /** Where the file's first video picture is (its first keyframe): job 0 starts its clock there. */
  firstPicture: number;
  /** Where the file's timeline starts, when away from 0 (MPEG-TS): the plan counts from there. */
  timelineStart?: number;
  /**
   * The input's demuxer seeks roughly (MPEG-TS): its keyframes, filled in when read (a remux plan's own
   * starts serve until then); see SegmentJobInput.roughSeek.
   */
  roughSeek?: { keyframes: readonly number[] };
  /** Stacked parts played as one title (input is then the first part, for the record). */
  parts?: { path: string; durationSeconds: number }[];
  /** A transcode's hardware encoder; if it fails at run time the session goes on with libx264. */
  hardware?: HardwareChoice | null;
  /**
   * When `plan` is only the first segments of a cold remux (its last start's end unknown), the whole plan, still
   * being read. The first job starts on `plan`; nothing is served before the whole plan is in (the playlist lists
   * every segment), and the job is replaced by one on the whole plan at the first segment it could not cut.
   */
  finalPlan?: Promise<SegmentPlan>;
}

export interface SessionOptions {
  /** A path, or a function asked at each new job (so a changed ffmpeg setting applies without a restart). */
  ffmpeg: string | (() => string);
  cacheDir: string;
  /** A session nobody asked anything of for this long is stopped and its files removed. */
  idleMs?: number;
  maxTranscodes?: number;
  /** The segment cache across sessions; past it the oldest segments not near a player go. */
  cacheLimitBytes?: number;
  /** How far past the job's next segment a request still waits instead of restarting (seconds). */
  waitAheadSeconds?: number;
  /** The job pauses when it is this far ahead of the player (seconds). */
  runAheadSeconds?: number;
  /** Told when a session drops its hardware encoder for libx264 (for the log). */
  onFallback?: (message: string) => void;
  /** Each transcode (re)start makes its first seconds at the fastest settings (default on; the benchmark compares). */
  fastStarts?: boolean;
}

export class PlaybackError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface MadeSegment {
  session: string;
  index: number;
  bytes: number;
}

interface Session {
  id: string;
  dir: string;
  spec: SessionSpec;
  transcode: boolean;
  playlist: string;
  job: SegmentJob | null;
  /** Jobs started where a player asked (the first, and each restart for a seek). */
  jobCount: number;
  /** Every ffmpeg run, counting the ones that carry on after a fast start. */
  runs: number;
  made: Map<number, number>;
  lastUsed: number;
  lastRequested: number;
  events: EventEmitter;
  error: string | null;
  /** Requests waiting for a segment: a session being waited on is not idle. */
  waiting: number;
  /** The hardware encoder in use; null once it failed (or was never asked for): libx264. */
  hardware: HardwareChoice | null;
  /** Why the hardware encoder was dropped, when it was. */
  fallback: string | null;
  /** Until the whole plan is in: waited for by every request. */
  ready: Promise<void> | null;
  /** While the plan is the first segments only: the first segment the running job cannot cut (its last start). */
  provisionalFrom: number | null;
  /** The running job made its segments on the partial plan: replace it when it reaches this segment. */
  replaceAt: number | null;
}

export class PlaybackSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly timer: NodeJS.Timeout;
  private readonly root: string;
  /** Every segment on disk, oldest first (a Map keeps insertion order). */
  private readonly lru = new Map<string, MadeSegment>();
  private cacheBytes = 0;
  readonly idleMs: number;
  /** Follows the playback settings while the server runs. */
  maxTranscodes: number;
  readonly cacheLimitBytes: number;
  private readonly waitAhead: number;
  private readonly runAhead: number;
  private readonly fastStarts: boolean;

  constructor(private readonly o: SessionOptions) {
    this.root = join(o.cacheDir, 'hls');
    this.idleMs = o.idleMs ?? 60_000;
    this.maxTranscodes = o.maxTranscodes ?? 2;
    this.cacheLimitBytes = o.cacheLimitBytes ?? 4 * 1024 ** 3;
    this.waitAhead = o.waitAheadSeconds ?? 12;
    this.runAhead = o.runAheadSeconds ?? 120;
    this.fastStarts = o.fastStarts ?? true;
    // Left by a server that was killed: nothing can use those files now.
    rmSync(this.root, { recursive: true, force: true });
    startGuard();
    this.timer = setInterval(() => this.reapIdle(), Math.max(50, Math.min(this.idleMs / 4, 5_000)));
    this.timer.unref();
  }

  transcodes(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.transcode) n++;
    return n;
  }

  start(spec: SessionSpec): string {
    const transcode = spec.decision.method === 'transcode';
    if (transcode && this.transcodes() >= this.maxTranscodes) {
      throw new PlaybackError(503, 'too-many-transcodes', `${this.maxTranscodes} transcodes are running already; stop one, or play a title that needs no transcode.`);
    }
    const id = randomBytes(16).toString('base64url');
    const dir = join(this.root, id);
    mkdirSync(dir, { recursive: true });
    const playlist = spec.finalPlan ? '' : renderPlaylist(spec.plan);
    if (!spec.finalPlan) writeFileSync(join(dir, 'index.m3u8'), playlist);
    if (spec.parts) writeFileSync(join(dir, 'parts.ffconcat'), concatList(spec.parts));
    const first = segmentAt(spec.plan, spec.startSeconds);
    const session: Session = { id, dir, spec, transcode, playlist, job: null, jobCount: 0, runs: 0, made: new Map(), lastUsed: Date.now(), lastRequested: first, events: new EventEmitter(), error: null, waiting: 0, hardware: transcode ? (spec.hardware ?? null) : null, fallback: null, ready: null, provisionalFrom: null, replaceAt: null };
    if (spec.finalPlan) {
      session.provisionalFrom = spec.plan.starts.length - 1;
      session.replaceAt = session.provisionalFrom;
      session.ready = spec.finalPlan.then(
        (plan) => this.settlePlan(session, plan),
        (e: unknown) => {
          session.error = (e as Error).message;
          session.job?.kill();
        },
      );
    }
    session.events.setMaxListeners(0);
    this.sessions.set(id, session);
    this.startJob(session, first);
    return id;
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** For tests and the benchmark: what a session is doing. */
  inspect(id: string): { jobFrom: number | null; jobNext: number | null; jobs: number; runs: number; made: number[]; paused: boolean; encoder: string | null; fallback: string | null } | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    const encoder = !s.transcode ? null : s.hardware ? `h264_${s.hardware.kind}` : 'libx264';
    return { jobFrom: s.job?.from ?? null, jobNext: s.job?.next ?? null, jobs: s.jobCount, runs: s.runs, made: [...s.made.keys()].sort((a, b) => a - b), paused: s.job?.paused ?? false, encoder, fallback: s.fallback };
  }

  cacheSize(): number {
    return this.cacheBytes;
  }

  /** Resolves a session file name to a path, making or waiting for it as needed. */
  async file(id: string, name: string, timeoutMs = 30_000): Promise<string> {
    const s = this.sessions.get(id);
    if (!s || !SESSION_ID.test(id)) throw new PlaybackError(404, 'no-session', 'No such play session (it may have ended).');
    s.lastUsed = Date.now();
    if (s.ready) {
      s.waiting++;
      await s.ready.finally(() => s.waiting--);
      s.lastUsed = Date.now();
      if (s.provisionalFrom !== null) throw new PlaybackError(422, 'unplayable', `This file's keyframes could not be read: ${s.error ?? 'unknown error'}`);
      if (!this.sessions.has(id)) throw new PlaybackError(404, 'no-session', 'The play session ended.');
    }
    if (name === 'index.m3u8') return join(s.dir, name);
    if (name === 'init.mp4') return this.waitFor(s, () => existsSync(join(s.dir, 'init.mp4')), join(s.dir, name), timeoutMs);
    const m = SEGMENT_NAME.exec(name);
    const index = m ? Number(m[1]) : -1;
    if (index < 0 || index >= segmentCount(s.spec.plan)) throw new PlaybackError(404, 'not-found', 'No such segment in this session.');
    s.lastRequested = index;
    const path = join(s.dir, segmentName(index));
    if (s.made.has(index)) {
      this.touch(s, index);
      this.steer(s, index);
      return path;
    }
    this.steer(s, index);
    return this.waitFor(s, () => s.made.has(index), path, timeoutMs, () => this.steer(s, index));
  }

  stop(id: string): boolean {
    const s = this.sessions.get(id);
    if (!s) return false;
    this.sessions.delete(id);
    s.job?.kill();
    s.job = null;
    for (const i of s.made.keys()) this.forget(s.id, i);
    s.events.emit('change');
    rmSync(s.dir, { recursive: true, force: true });
    return true;
  }

  stopAll(): void {
    clearInterval(this.timer);
    for (const id of [...this.sessions.keys()]) this.stop(id);
  }

  /**
   * The whole plan is in: it must begin with the partial one (both come from the same keyframes by the same
   * rule; if not, the job starts again on the whole plan). The playlist is written, and the job that cuts on the
   * partial plan gives way at its last start, at once if it is there already.
   */
  private settlePlan(s: Session, plan: SegmentPlan): void {
    if (!this.sessions.has(s.id)) return;
    const partial = s.spec.plan.starts;
    const m = s.provisionalFrom ?? partial.length - 1;
    const same = partial.every((t, i) => Math.abs(t - (plan.starts[i] ?? Number.NaN)) < 1e-6);
    s.spec.plan = plan;
    s.playlist = renderPlaylist(plan);
    writeFileSync(join(s.dir, 'index.m3u8'), s.playlist);
    s.provisionalFrom = null;
    const job = s.job;
    if (!same) {
      for (const i of [...s.made.keys()]) this.forget(s.id, i);
      s.replaceAt = null;
      this.startJob(s, segmentAt(plan, s.spec.startSeconds));
    } else if (job && job.running && s.replaceAt !== null && job.next >= s.replaceAt) {
      this.startJob(s, m, true);
    } else if (!job || !job.running) {
      s.replaceAt = null;
    }
    s.ready = null;
    s.events.emit('change');
  }

  /** Decides whether the running job can reach `index` soon, else restarts it there. */
  private steer(s: Session, index: number): void {
    const job = s.job;
    const plan = s.spec.plan;
    if (s.made.has(index)) {
      job?.resume();
      return;
    }
    if (job && job.running) {
      const ahead = plan.starts[index]! - plan.starts[Math.min(job.next, segmentCount(plan) - 1)]!;
      if (index >= job.next && ahead <= this.waitAhead) {
        job.resume();
        return;
      }
    }
    this.startJob(s, index);
  }

  /**
   * Starts ffmpeg at segment `from`. A transcode started where a player asked begins with a fast start (see
   * FAST_START_SECONDS) and, when that run ends, carries on from there at the normal preset (`settle`).
   */
  private startJob(s: Session, from: number, settle = false): void {
    s.job?.kill();
    // A job started once the whole plan is in cuts on it.
    if (s.provisionalFrom === null) s.replaceAt = null;
    if (!settle) s.jobCount++;
    const jobDir = join(s.dir, `job-${++s.runs}`);
    const plan = s.spec.plan;
    const fastUntil = s.transcode && !settle && !s.hardware && this.fastStarts ? fastStartEnd(plan, from) : null;
    // Job 0 starts at the file's first picture; a later one at a planned cut, where a keyframe is.
    const firstVideoTime = from === 0 ? s.spec.firstPicture : plan.starts[from]!;
    const job: SegmentJob = new SegmentJob({
      ffmpeg: typeof this.o.ffmpeg === 'string' ? this.o.ffmpeg : this.o.ffmpeg(),
      args: segmentJobArgs({ input: s.spec.parts ? join(s.dir, 'parts.ffconcat') : s.spec.input, outDir: jobDir, decision: s.spec.decision, plan, from, concat: s.spec.parts !== undefined, ...(s.spec.timelineStart ? { timelineStart: s.spec.timelineStart } : {}), ...roughSeekOf(s.spec, plan), hardware: s.hardware, ...(fastUntil !== null ? { fastUntil } : {}) }),
      workDir: jobDir,
      sessionDir: s.dir,
      plan,
      from,
      firstVideoTime,
      onInit: () => s.events.emit('change'),
      onSegment: (i, bytes) => {
        // Past the partial plan's last start this job's cuts are wrong: the job after it makes these again.
        if (s.replaceAt !== null && i >= s.replaceAt) return;
        this.remember(s, i, bytes);
        // Cut on the partial plan: the next segment's end is not known to this job.
        if (s.replaceAt !== null && i === s.replaceAt - 1 && s.job === job) {
          if (s.provisionalFrom === null) this.startJob(s, s.replaceAt, true);
          else job.pause();
          s.events.emit('change');
          return;
        }
        // The fast start has done its part: carry on from the next cut at the normal preset.
        if (fastUntil !== null && i === fastUntil - 1 && s.job === job) this.startJob(s, fastUntil, true);
        // Far ahead of what the player asked for: rest until it comes closer.
        if (plan.starts[i]! - plan.starts[s.lastRequested]! > this.runAhead) job.pause();
        s.events.emit('change');
      },
      onExit: (error) => {
        if (s.job === job) s.job = null;
        const failed = error !== null && error !== 'stopped';
        if (failed && s.hardware && !s.job && this.sessions.has(s.id) && job.next < segmentCount(plan)) {
          // The hardware encoder failed (driver, device, a format it cannot take): same session, same place, libx264.
          s.fallback = `h264_${s.hardware.kind} failed, so libx264 took over: ${error}`;
          s.hardware = null;
          this.o.onFallback?.(s.fallback);
          this.startJob(s, job.next);
        } else if (failed) {
          s.error = error;
        }
        s.events.emit('change');
      },
    });
    s.job = job;
    s.error = null;
  }

  private waitFor(s: Session, ready: () => boolean, path: string, timeoutMs: number, onChange?: () => void): Promise<string> {
    if (ready()) return Promise.resolve(path);
    s.waiting++;
    return new Promise((resolve, reject) => {
      const done = (fn: () => void): void => {
        s.waiting--;
        s.lastUsed = Date.now();
        clearTimeout(timer);
        s.events.off('change', check);
        fn();
      };
      const check = (): void => {
        if (ready()) return done(() => resolve(path));
        if (!this.sessions.has(s.id)) return done(() => reject(new PlaybackError(404, 'no-session', 'The play session ended.')));
        if (!s.job && s.error) return done(() => reject(new PlaybackError(502, 'transcode-failed', `ffmpeg failed: ${s.error}`)));
        onChange?.();
        if (!s.job) return done(() => reject(new PlaybackError(404, 'not-found', 'The stream ended before this part was made.')));
      };
      const timer = setTimeout(() => done(() => reject(new PlaybackError(504, 'stream-timeout', 'The stream is taking too long to make this part.'))), timeoutMs);
      s.events.on('change', check);
      check();
    });
  }

  private key(session: string, index: number): string {
    return `${session}/${index}`;
  }

  private remember(s: Session, index: number, bytes: number): void {
    const previous = s.made.get(index);
    if (previous !== undefined) this.forget(s.id, index);
    s.made.set(index, bytes);
    this.lru.set(this.key(s.id, index), { session: s.id, index, bytes });
    this.cacheBytes += bytes;
    this.evict();
  }

  private touch(s: Session, index: number): void {
    const k = this.key(s.id, index);
    const entry = this.lru.get(k);
    if (!entry) return;
    this.lru.delete(k);
    this.lru.set(k, entry);
  }

  private forget(session: string, index: number): void {
    const k = this.key(session, index);
    const entry = this.lru.get(k);
    if (!entry) return;
    this.lru.delete(k);
    this.cacheBytes -= entry.bytes;
    this.sessions.get(session)?.made.delete(index);
  }

  /** Drops the oldest segments until the cache fits, never the ones a player is about to read. */
  private evict(): void {
    if (this.cacheBytes <= this.cacheLimitBytes) return;
    for (const entry of [...this.lru.values()]) {
      if (this.cacheBytes <= this.cacheLimitBytes) break;
      const s = this.sessions.get(entry.session);
      if (s && entry.index >= s.lastRequested && entry.index <= s.lastRequested + 2) continue;
      this.forget(entry.session, entry.index);
      if (s) rmSync(join(s.dir, segmentName(entry.index)), { force: true });
    }
  }

  private reapIdle(): void {
    const now = Date.now();
    for (const s of [...this.sessions.values()]) if (s.waiting === 0 && now - s.lastUsed > this.idleMs) this.stop(s.id);
  }
}

/** Whether a path handed out by `file` is a regular file (a session may end between the two). */
export function isServable(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function roughSeekOf(spec: SessionSpec, plan: SegmentPlan): { roughSeek?: readonly number[] } {
  if (!spec.roughSeek) return {};
  const known = spec.roughSeek.keyframes;
  return { roughSeek: known.length > 0 ? known : spec.decision.videoAction === 'copy' ? plan.starts : [] };
}
