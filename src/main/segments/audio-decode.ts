// Decodes a stretch of a file's first audio track to mono 16-bit PCM at Chromaprint's rate, with the
// bundled ffmpeg at the lowest CPU priority: this is background work and must never slow playback.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { trackChild } from '../media-tools/run';
import { FINGERPRINT_SAMPLE_RATE } from './fingerprint';

export interface DecodedAudio {
  pcm: Int16Array;
  sampleRate: number;
  /** Where the stretch starts in the file. */
  offsetSeconds: number;
  /** ffmpeg's complaints (a damaged stream decodes in part and says so here). */
  warnings: string;
}

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export interface DecodeOptions {
  ffmpeg: string;
  path: string;
  startSeconds: number;
  seconds: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The argv, kept apart so the benchmark's baseline decodes exactly the same audio. */
export function decodeArgs(path: string, startSeconds: number, seconds: number): string[] {
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
    ...(startSeconds > 0 ? ['-ss', startSeconds.toFixed(3)] : []),
    '-t', seconds.toFixed(3), '-i', path,
    // Gaps in the stream's timestamps become silence, so a time in the PCM stays a time in the file.
    '-map', '0:a:0', '-vn', '-sn', '-dn', '-af', 'aresample=async=1:first_pts=0', '-ac', '1', '-ar', String(FINGERPRINT_SAMPLE_RATE),
    '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1',
  ];
}

export function decodeAudio(opts: DecodeOptions): Promise<DecodedAudio> {
  const maxBytes = Math.ceil(opts.seconds * FINGERPRINT_SAMPLE_RATE * 2) + 65536;
  return new Promise((resolve, reject) => {
    const child = spawn(opts.ffmpeg, decodeArgs(opts.path, opts.startSeconds, opts.seconds), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    trackChild(child);
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, 19);
      } catch {
        // Some containers forbid it: the decode then runs at normal priority.
      }
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    let failure: string | null = null;
    child.stdout.on('data', (b: Buffer) => {
      if (bytes + b.length > maxBytes) b = b.subarray(0, Math.max(0, maxBytes - bytes));
      bytes += b.length;
      chunks.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 16_384) stderr += b.toString('utf8');
    });
    const kill = (why: string): void => {
      failure = why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(`timed out after ${opts.timeoutMs ?? 120_000} ms`), opts.timeoutMs ?? 120_000);
    const onAbort = (): void => kill('cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new DecodeError(`could not start ffmpeg: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(new DecodeError(failure));
      const all = Buffer.concat(chunks);
      const samples = Math.floor(all.length / 2);
      if (code !== 0 && samples === 0) {
        const tail = stderr.trim().split(/\r?\n/).slice(-2).join(' ');
        return reject(new DecodeError(tail || `ffmpeg exited with ${code}`));
      }
      // Copied out so the PCM is aligned and owns its memory, whatever Buffer pooling did.
      const pcm = new Int16Array(samples);
      for (let i = 0; i < samples; i++) pcm[i] = all.readInt16LE(i * 2);
      resolve({ pcm, sampleRate: FINGERPRINT_SAMPLE_RATE, offsetSeconds: opts.startSeconds, warnings: stderr.trim() });
    });
  });
}
