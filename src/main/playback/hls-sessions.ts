// HLS play sessions: one ffmpeg job and one cache folder each, stopped on request, when idle, or at shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../db/ids';
import { stderrTail, trackChild } from '../media-tools/run';
import type { PlayDecision } from './decision';
import { hlsArgs } from './ffmpeg-args';

interface Session {
  id: string;
  dir: string;
  child: ChildProcess | null;
  exited: boolean;
  error: string | null;
  lastUsed: number;
}

const FILE_NAME = /^(index\.m3u8|init\.mp4|seg-\d{5}\.m4s)$/;

export class HlsSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ffmpeg: string,
    private readonly cacheDir: string,
    private readonly idleMs = 120_000,
  ) {
    rmSync(join(cacheDir, 'hls'), { recursive: true, force: true });
    this.timer = setInterval(() => this.reapIdle(), Math.min(idleMs, 30_000));
    this.timer.unref();
  }

  start(input: string, decision: PlayDecision, startSeconds: number): string {
    const id = newId();
    const dir = join(this.cacheDir, 'hls', id);
    mkdirSync(dir, { recursive: true });
    const child = spawn(this.ffmpeg, hlsArgs({ input, outDir: dir, decision, startSeconds }), { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    trackChild(child);
    const session: Session = { id, dir, child, exited: false, error: null, lastUsed: Date.now() };
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-4000);
    });
    child.on('error', (e) => {
      session.exited = true;
      session.error = e.message;
    });
    child.on('close', (code, signal) => {
      session.exited = true;
      session.child = null;
      // The 2018 ffmpeg prints a harmless rename warning on every HLS run; real failures exit non-zero.
      if (code !== 0 && signal === null) session.error = stderrTail(stderr) || `ffmpeg exited with ${String(code)}`;
    });
    this.sessions.set(id, session);
    return id;
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** Waits until the requested file exists (ffmpeg writes ahead of the player), or the job has failed. */
  async file(id: string, name: string, timeoutMs = 20_000): Promise<{ path: string } | { error: string; status: number }> {
    const s = this.sessions.get(id);
    if (!s) return { error: 'No such play session (it may have ended).', status: 404 };
    if (!FILE_NAME.test(name)) return { error: 'No such file in this session.', status: 404 };
    s.lastUsed = Date.now();
    const path = join(s.dir, name);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(path) && (name !== 'index.m3u8' || hasSegment(path))) {
        return { path };
      }
      if (s.exited) {
        if (existsSync(path)) return { path };
        return { error: s.error ?? 'The stream ended before this part was made.', status: s.error ? 500 : 404 };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return { error: 'The stream is taking too long to start.', status: 504 };
  }

  stop(id: string): boolean {
    const s = this.sessions.get(id);
    if (!s) return false;
    s.child?.kill('SIGKILL');
    this.sessions.delete(id);
    rmSync(s.dir, { recursive: true, force: true });
    return true;
  }

  stopAll(): void {
    clearInterval(this.timer);
    for (const id of [...this.sessions.keys()]) this.stop(id);
  }

  private reapIdle(): void {
    const now = Date.now();
    for (const s of this.sessions.values()) if (now - s.lastUsed > this.idleMs) this.stop(s.id);
  }
}

function hasSegment(playlist: string): boolean {
  try {
    return readFileSync(playlist, 'utf8').includes('#EXTINF');
  } catch {
    return false;
  }
}
