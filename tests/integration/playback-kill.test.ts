// A server killed with SIGKILL mid-transcode gets no chance to clean up: its ffmpeg children must still
// die (the child guard sees its pipe break), or a family's PC keeps encoding for nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { requireBuilt } from '../helpers/built';
import { makeClip, removeDir, tempDir } from '../helpers/fixtures';

let dir: string;
let server: ChildProcess;
let base = '';
let token = '';

const api = (path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });

/** ffmpeg processes working in this test's data folder, whoever their parent is now. */
function ourEncoders(): number {
  const r = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes('ffmpeg') && l.includes(dir)).length;
}

beforeAll(async () => {
  const cli = requireBuilt();
  dir = tempDir();
  const lib = join(dir, 'films');
  await makeClip(join(lib, 'Long (2020)', 'Long (2020).mkv'), 'hevc-aac-mkv', 60);
  server = spawn(process.execPath, [cli, 'serve', '--data', join(dir, 'data'), '--library', lib, '--type', 'movies', '--no-watch'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${stdout}`)), 60_000);
    server.stdout?.on('data', (b: Buffer) => {
      stdout += b.toString();
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\n/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        base = m[1]!;
        token = m[2]!;
        resolve();
      }
    });
  });
}, 120_000);

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
  removeDir(dir);
});

describe('a server killed with SIGKILL', () => {
  it('leaves no ffmpeg running within 5 s', async () => {
    const { items } = (await (await api('/api/v1/items')).json()) as { items: { id: string }[] };
    const res = await api('/api/v1/playback', {
      method: 'POST',
      body: JSON.stringify({ itemId: items[0]!.id, capabilities: { containers: ['mp4'], videoCodecs: ['h264'], audioCodecs: ['aac'], hls: true } }),
    });
    expect(res.status).toBe(201);
    const session = (await res.json()) as { method: string; url: string };
    expect(session.method).toBe('transcode');
    // The first segment is out, so the encoder is mid-job (60 s of HEVC take longer than one segment).
    expect((await api(session.url.replace('index.m3u8', 'seg-00000.m4s'))).status).toBe(200);
    expect(ourEncoders()).toBeGreaterThan(0);
    const exited = new Promise<void>((r) => server.once('exit', () => r()));
    server.kill('SIGKILL');
    await exited;
    const deadline = Date.now() + 5_000;
    while (ourEncoders() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(ourEncoders()).toBe(0);
  }, 60_000);
});
