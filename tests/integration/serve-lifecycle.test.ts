import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { requireBuilt } from '../helpers/built';
import { makeClip, removeDir, tempDir } from '../helpers/fixtures';

let dir: string;
let server: ChildProcess;
let base = '';
let token = '';
let stdout = '';

const chromiumCaps = { containers: ['mp4', 'webm'], videoCodecs: ['h264', 'vp9', 'av1'], audioCodecs: ['aac', 'mp3', 'opus', 'flac'], hls: true };

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
}

function ffmpegChildrenOf(pid: number): number {
  const r = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes('ffmpeg')).length;
}

beforeAll(async () => {
  const cli = requireBuilt();
  dir = tempDir();
  const lib = join(dir, 'films');
  await makeClip(join(lib, 'Remux Me (2020)', 'Remux Me (2020).mkv'), 'h264-ac3-mkv', 12);
  server = spawn(process.execPath, [cli, 'serve', '--data', join(dir, 'data'), '--library', lib, '--type', 'movies', '--no-watch'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr?.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${stdout}`)), 60_000);
    server.stdout?.on('data', (b: Buffer) => {
      stdout += b.toString();
      const m = /^Media centre ready at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\n$/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        base = m[1] as string;
        token = m[2] as string;
        resolve();
      }
    });
  });
});

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
  removeDir(dir);
});

describe('serve', () => {
  it('prints exactly one line on stdout when it accepts requests, with the catalogue already there', async () => {
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
    const items = (await (await api('/api/v1/items')).json()) as { items: { title: string }[] };
    expect(items.items.map((i) => i.title)).toEqual(['Remux Me']);
  });

  it('remuxes H.264 + AC-3 in MKV to HLS, then stops every ffmpeg and closes cleanly on SIGTERM', async () => {
    const items = (await (await api('/api/v1/items')).json()) as { items: { id: string }[] };
    const detail = (await (await api(`/api/v1/items/${items.items[0]!.id}`)).json()) as { files: { id: string }[] };
    const res = await api('/api/v1/playback', { method: 'POST', body: JSON.stringify({ fileId: detail.files[0]!.id, capabilities: chromiumCaps }) });
    expect(res.status).toBe(201);
    const session = (await res.json()) as { method: string; url: string; reasons: string[] };
    expect(session.method).toBe('remux');
    expect(session.reasons).toEqual(['container-not-supported', 'audio-codec-not-supported']);
    const playlist = await (await api(session.url)).text();
    expect(playlist).toContain('#EXTM3U');
    expect(playlist).toMatch(/#EXT-X-MAP:URI="init\.mp4"/);
    const init = await api(session.url.replace('index.m3u8', 'init.mp4'));
    expect(init.status).toBe(200);
    expect(Buffer.from(await init.arrayBuffer()).subarray(4, 8).toString()).toBe('ftyp');

    // A second session keeps ffmpeg busy, so the stop has a child to end.
    await api('/api/v1/playback', { method: 'POST', body: JSON.stringify({ fileId: detail.files[0]!.id, capabilities: { ...chromiumCaps, videoCodecs: [] } }) });
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(ffmpegChildrenOf(server.pid as number)).toBe(0);
  });
});
