// Runs ffmpeg/ffprobe as child processes (argv only, never a shell) and tracks them so a stop ends them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';

const live = new Set<ChildProcess>();

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Lower CPU priority: background work (probing, artwork) must not slow playback or the UI; 'lowest'
   * for work nobody waits for (trickplay sheets), which yields even to the other background work.
   */
  nice?: boolean | 'lowest';
  maxOutputBytes?: number;
}

export class ToolError extends Error {
  constructor(
    message: string,
    readonly result?: RunResult,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export function runTool(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const maxOutput = opts.maxOutputBytes ?? 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    live.add(child);
    if (opts.nice && child.pid !== undefined) {
      try {
        setPriority(child.pid, opts.nice === 'lowest' ? 19 : 10);
      } catch {
        // Not permitted in some containers: run at normal priority.
      }
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let killedFor: string | undefined;
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes <= maxOutput) out.push(b);
      else if (!killedFor) {
        killedFor = 'output too large';
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (b: Buffer) => {
      // Keep only the tail of stderr: ffmpeg is chatty and the end holds the error.
      errBytes += b.length;
      err.push(b);
      while (errBytes > 256 * 1024 && err.length > 1) errBytes -= err.shift()!.length;
    });
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          killedFor = `timed out after ${opts.timeoutMs} ms`;
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    const onAbort = (): void => {
      killedFor = 'cancelled';
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      live.delete(child);
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(new ToolError(`could not start ${file}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      live.delete(child);
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      const result: RunResult = {
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (killedFor) reject(new ToolError(killedFor, result));
      else resolve(result);
    });
  });
}

/** Long-running children (HLS jobs) register here so a graceful stop can end them. */
export function trackChild(child: ChildProcess): void {
  live.add(child);
  child.once('close', () => live.delete(child));
}

export function liveChildren(): number {
  return live.size;
}

export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** The last lines of a tool's stderr: ffmpeg and ffprobe put the reason they failed at the end. */
export function stderrTail(stderr: string, lines = 2, joiner = ' '): string {
  return stderr.trim().split(/\r?\n/).slice(-lines).join(joiner);
}

/** Whether ffmpeg's -encoders, -muxers or -filters listing names `name` (each line: flags, name, description). */
export function ffmpegLists(listing: string, name: string): boolean {
  return new RegExp(`^\\s*\\S+\\s+${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\s`, 'm').test(listing);
}

/** The tool died by a signal of its own (a crash): runTool rejects when it killed the child itself. */
export function crashed(result: RunResult): boolean {
  return result.signal !== null;
}
