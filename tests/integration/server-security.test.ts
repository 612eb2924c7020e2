import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMediaServer, type RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { removeDir, tempDir, writeFile, makeClip } from '../helpers/fixtures';
import { LibraryScan } from '../../src/main/library/scanner';

let dir: string;
let server: RunningServer;
let cookie = '';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw requests: fetch would refuse to send a forged Host header or an unnormalised path. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const authed = (path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> => raw(path, { Cookie: cookie, ...headers }, method, body);

beforeAll(async () => {
  dir = tempDir();
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Media centre</title>');
  writeFileSync(join(renderer, 'assets', 'app-abc.js'), 'console.log(1)');
  const lib = join(dir, 'lib');
  await makeClip(join(lib, 'Clip (2020)', 'Clip (2020).mp4'));
  writeFile(lib, 'Clip (2020)/poster.jpg', 'not really a jpeg');
  server = await startMediaServer({ dataDir: join(dir, 'data'), tools: mediaTools(), rendererDir: renderer, version: 'test', watch: false, log: () => {} });
  const libId = server.services.store.addLibrary({ name: 'L', type: 'movies', paths: [{ path: lib, isNetwork: false }], pollMinutes: 0 });
  await new LibraryScan(server.services.store, libId).run();
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe('loopback server security', () => {
  it('prints a 127.0.0.1 URL with a 256-bit token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses requests without the token or cookie', async () => {
    expect((await raw('/api/v1/items')).status).toBe(401);
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/api/v1/items', { Cookie: 'mc_session=guess' })).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
  });

  it('trades the start token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const r = await raw(`/?token=${server.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    cookie = set.split(';')[0] as string;
    expect(cookie).not.toContain(server.token);
    const page = await authed('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await authed('/movie/abc')).body.toString()).toContain('<title>Media centre');
  });

  it('accepts the token as a Bearer header', async () => {
    const r = await raw('/api/v1/items', { Authorization: `Bearer ${server.token}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString()).items).toHaveLength(1);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, and never allows any origin', async () => {
    expect((await raw('/api/v1/items', { Host: 'evil.example', Cookie: cookie })).status).toBe(421);
    expect((await raw('/api/v1/items', { Host: `evil.example:${server.port}`, Cookie: cookie })).status).toBe(421);
    const cross = await authed('/api/v1/items', { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const same = await authed('/api/v1/items', { Origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
    expect((await raw('/api/v1/items', { Cookie: cookie, 'X-Forwarded-Host': 'evil.example' })).status).toBe(200);
  });

  it('answers traversal attempts with 4xx and no file bytes', async () => {
    const attempts = [
      '/img/..%2f..%2fetc%2fpasswd',
      '/img/../../etc/passwd',
      '/stream/../../etc/passwd',
      '/stream/file/..%2f..%2fetc%2fpasswd',
      '/stream/hls/x/..%2f..%2fetc%2fpasswd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%5c..%5cetc%5cpasswd',
      '/assets/%00',
    ];
    for (const path of attempts) {
      const r = await authed(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body.toString(), path).not.toMatch(/root:.*:0:0/);
    }
  });

  it('validates request bodies and answers errors as { error: { code, message } }', async () => {
    const r = await authed('/api/v1/playback', { 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ fileId: 1 }));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body.toString())).toMatchObject({ error: { code: 'invalid-request' } });
    const notJson = await authed('/api/v1/playback', { 'Content-Type': 'text/plain' }, 'POST', 'x');
    expect(notJson.status).toBe(415);
    expect((await authed('/api/v1/items/nope')).status).toBe(404);
  });

  it('serves a file with HTTP Range for direct play', async () => {
    const items = JSON.parse((await authed('/api/v1/items')).body.toString()).items as { id: string }[];
    const detail = JSON.parse((await authed(`/api/v1/items/${items[0]!.id}`)).body.toString());
    const fileId = detail.files[0].id as string;
    const r = await authed(`/stream/file/${fileId}`, { Range: 'bytes=0-99' });
    expect(r.status).toBe(206);
    expect(r.body.length).toBe(100);
    expect(String(r.headers['content-range'])).toMatch(/^bytes 0-99\/\d+$/);
    expect(r.body.subarray(4, 8).toString()).toBe('ftyp');
  });
});
