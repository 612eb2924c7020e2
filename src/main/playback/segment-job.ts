// One ffmpeg run making the segments of a plan from one index on, in its own work folder. It reports each
// segment once the muxer has closed it (the next one exists, or ffmpeg ended cleanly) and moves it into
// the session's folder fixed up: the header split off as init.mp4, decode times put on the file's timeline.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { guardChild } from '../media-tools/child-guard';
import { stderrTail, trackChild } from '../media-tools/run';
import { dropLeadingSamples, firstVideoSample, shiftFragments, splitInit, trackInfo, unstretchFirstSamples, type TrackInfo } from './fmp4';
import { segmentCount, segmentName, type SegmentPlan } from './playlist';

/**
 * An audio frame that starts exactly at the cut went to the segment after it (the muxer puts the video first
 * when decode times are equal); our times carry the video timescale's rounding, so "exactly" is within this.
 */
const TIE_SECONDS = 0.00025;

export interface SegmentJobOptions {
  ffmpeg: string;
  args: string[];
  workDir: string;
  sessionDir: string;
  plan: SegmentPlan;
  from: number;
  /** Where the job's first video picture lies on the file's timeline (its -ss point, or the first keyframe). */
  firstVideoTime: number;
  /** Segment i is in the session folder, `bytes` long. */
  onSegment(i: number, bytes: number): void;
  onInit(): void;
  onExit(error: string | null): void;
}

export class SegmentJob {
  readonly from: number;
  /** The next segment this job has not finished. */
  next: number;
  exited = false;
  error: string | null = null;
  paused = false;
  private readonly child: ChildProcess;
  private readonly watcher: FSWatcher | null;
  private readonly poll: NodeJS.Timeout;
  private tracks: Map<number, TrackInfo> | null = null;
  private offset = 0;
  private stderr = '';

  constructor(private readonly o: SegmentJobOptions) {
    this.from = o.from;
    this.next = o.from;
    rmSync(o.workDir, { recursive: true, force: true });
    mkdirSync(o.workDir, { recursive: true });
    this.child = spawn(o.ffmpeg, o.args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    trackChild(this.child);
    guardChild(this.child);
    this.child.stderr?.on('data', (b: Buffer) => {
      this.stderr = (this.stderr + b.toString()).slice(-4000);
    });
    this.child.on('error', (e) => this.finish(`could not start ffmpeg: ${e.message}`));
    this.child.on('close', (code, signal) => {
      if (signal !== null) return this.finish(this.error ?? 'stopped');
      this.collect(true);
      this.finish(code === 0 ? null : stderrTail(this.stderr) || `ffmpeg exited with ${String(code)}`);
    });
    let w: FSWatcher | null = null;
    try {
      w = watch(o.workDir, () => this.collect(false));
      w.on('error', () => undefined);
    } catch {
      // Some file systems cannot be watched: the poll below still sees every segment.
    }
    this.watcher = w;
    this.poll = setInterval(() => this.collect(false), 250);
    this.poll.unref();
  }

  get running(): boolean {
    return !this.exited;
  }

  kill(): void {
    if (this.exited) return;
    this.error ??= 'stopped';
    if (this.paused) this.resume();
    this.child.kill('SIGKILL');
  }

  /** Stops making segments far ahead of the player without losing the encoder's state. */
  pause(): void {
    if (this.exited || this.paused || process.platform === 'win32') return;
    this.paused = this.child.kill('SIGSTOP');
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.child.kill('SIGCONT');
  }

  private finish(error: string | null): void {
    if (this.exited) return;
    this.exited = true;
    this.error = error;
    clearInterval(this.poll);
    this.watcher?.close();
    rmSync(this.o.workDir, { recursive: true, force: true });
    this.o.onExit(error);
  }

  /** Moves every closed segment into the session folder, in order. */
  private collect(ended: boolean): void {
    if (this.exited) return;
    const total = segmentCount(this.o.plan);
    while (this.next < total) {
      const path = join(this.o.workDir, segmentName(this.next));
      if (!existsSync(path)) return;
      const closed = ended || existsSync(join(this.o.workDir, segmentName(this.next + 1)));
      if (!closed) return;
      try {
        this.publish(this.next, path);
      } catch (e) {
        this.error = `segment ${this.next} is unreadable: ${(e as Error).message}`;
        this.child.kill('SIGKILL');
        return;
      }
      this.next++;
    }
  }

  private publish(i: number, path: string): void {
    const raw = readFileSync(path);
    let media: Buffer = raw;
    if (i === this.from) {
      const { init, media: rest } = splitInit(raw);
      if (!init) throw new Error('no header in the first segment');
      this.tracks = trackInfo(init);
      // Our own read of the file: changed in place, no copy of the media data.
      media = rest;
      // Each track's first sample back where it starts (the muxer stretched it to its zero) …
      unstretchFirstSamples(media);
      // … then shift so the first picture lands where it is in the file.
      const video = firstVideoSample(media, this.tracks);
      this.offset = this.o.firstVideoTime - (video?.pts ?? 0);
      // The audio began early (AUDIO_LEAD_SECONDS): keep it from where the segment before this one ends its
      // own, which is where its muxer cut, at the decode time of this first picture. Job 0 keeps all but the
      // encoder's priming frame, which lies before zero.
      const from = this.from === 0 ? 0 : this.o.firstVideoTime - (video ? video.pts - video.dts : 0);
      media = dropLeadingSamples(media, this.tracks, 'soun', from - this.offset - TIE_SECONDS).media;
      const initPath = join(this.o.sessionDir, 'init.mp4');
      if (!existsSync(initPath)) {
        writeAtomically(initPath, Buffer.from(init));
        this.o.onInit();
      }
    }
    if (!this.tracks) throw new Error('segment before the header');
    shiftFragments(media, this.tracks, this.offset);
    const dest = join(this.o.sessionDir, segmentName(i));
    writeAtomically(dest, media);
    rmSync(path, { force: true });
    this.o.onSegment(i, media.length);
  }
}

function writeAtomically(path: string, data: Buffer): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
