// Trickplay through the real server and the bundled ffmpeg: sheets made after a scan (count and sheet size
// from the clip's length and shape), announced in the playback answer, reused rather than made twice, made
// again on first play when missing, removed with their file, and served only under validated names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ItemDetail, ItemsResponse, PlaybackSession, TrickplayIndex } from '../../src/shared/api';
import { trickplayKey } from '../../src/main/playback/trickplay/trickplay-store';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';
import { play as playOn } from '../helpers/playback-client';

/** 101 thumbnails (0, 10, … 1000 s): a full first sheet of 100 and one on the second. */
const LONG_SECONDS = 1015;

let dir: string;
let lib: string;
let server: RunningServer;
let srv: TestServer;
const files: Record<string, { id: string }> = {};

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
const play = (fileId: string): Promise<PlaybackSession> => playOn(srv, { fileId });

async function refreshFiles(): Promise<void> {
  const { items } = (await (await api('/items')).json()) as ItemsResponse;
  for (const item of items) {
    const detail = (await (await api(`/items/${item.id}`)).json()) as ItemDetail;
    files[item.title] = { id: detail.files[0]!.id };
  }
}

/** Where the server keeps a file's sheets, by the path and signature the catalogue holds for it. */
const sheetDirs: Record<string, string> = {};
function sheetDirOf(title: string): string {
  const row = server.services.trickplayQueries.filesToThumbnail().find((f) => f.id === files[title]!.id);
  if (row) sheetDirs[title] = join(server.services.cacheDir, 'trickplay', trickplayKey(row.path, row.signature));
  return sheetDirs[title]!;
}

beforeAll(async () => {
  dir = tempDir();
  lib = join(dir, 'films');
  // A long clip that is cheap to make: two pictures a second, a keyframe every ten.
  const long = join(lib, 'Long (2020)', 'Long (2020).mp4');
  writeFile(lib, 'Long (2020)/.keep', '');
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=2:duration=${LONG_SECONDS}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '20', long], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(r.stderr);
  rmSync(join(lib, 'Long (2020)', '.keep'));
  await makeClip(join(lib, 'Short (2021)', 'Short (2021).mp4'), 'h264-aac-mp4', 25);
  await makeClip(join(lib, 'Doomed (2022)', 'Doomed (2022).mp4'), 'h264-aac-mp4', 12);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer });
  server = srv.server;
  server.services.addLibrary({ type: 'movies', paths: [lib] });
  await server.services.scans.whenIdle();
  await server.services.trickplay.whenIdle();
  await refreshFiles();
}, 180_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('trickplay', () => {
  it('is made after a scan: one 320-px thumbnail per 10 s, tiled 10 × 10, announced in the playback answer', async () => {
    const s = await play(files.Long!.id);
    expect(s.trickplay).toEqual({ url: `/stream/trickplay/${files.Long!.id}/index.json` });
    const res = await api(s.trickplay!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const index = (await res.json()) as TrickplayIndex;
    expect(index).toMatchObject({ intervalSeconds: 10, tileWidth: 320, tileHeight: 180, columns: 10, rows: 10, count: 101 });
    expect(index.sheets).toEqual([1, 2].map((n) => `/stream/trickplay/${files.Long!.id}/sheet-00${n}.jpg`));
    for (const sheet of index.sheets) {
      const img = await api(sheet);
      expect(img.status).toBe(200);
      expect(img.headers.get('content-type')).toBe('image/jpeg');
      const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([3200, 1800]);
    }
    // The second sheet holds one thumbnail: its first tile has a picture, the rest is left blank.
    const second = await sharp(Buffer.from(await (await api(index.sheets[1]!)).arrayBuffer())).stats();
    expect(second.channels[0]!.max).toBeGreaterThan(100);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });

    // 25 s: thumbnails at 0 and 10 s, and 20 s too when the file goes on past 25 s (fps rounds to the nearest).
    const short = (await (await api(`/stream/trickplay/${files.Short!.id}/index.json`)).json()) as TrickplayIndex;
    expect(short).toMatchObject({ count: 2, tileHeight: 180 });
    expect(short.sheets).toHaveLength(1);
  });

  it('is reused, not made again, by the next scan', async () => {
    const madeBefore = server.services.trickplay.made;
    const indexFile = join(sheetDirOf('Long'), 'index.json');
    const mtime = statSync(indexFile).mtimeMs;
    server.services.trickplay.queueLibrary();
    await server.services.trickplay.whenIdle();
    expect(server.services.trickplay.made).toBe(madeBefore);
    expect(statSync(indexFile).mtimeMs).toBe(mtime);
  });

  it('is made on first play when a file has none, at the front of the queue', async () => {
    rmSync(sheetDirOf('Short'), { recursive: true, force: true });
    const first = await play(files.Short!.id);
    expect(first.trickplay).toBeNull();
    expect((await api(`/stream/trickplay/${files.Short!.id}/index.json`)).status).toBe(404);
    await server.services.trickplay.whenIdle();
    const again = await play(files.Short!.id);
    expect(again.trickplay).toEqual({ url: `/stream/trickplay/${files.Short!.id}/index.json` });
  });

  it('is removed when its file goes from the library', async () => {
    const doomed = sheetDirOf('Doomed');
    sheetDirOf('Long');
    expect(existsSync(join(doomed, 'sheet-001.jpg'))).toBe(true);
    rmSync(join(lib, 'Doomed (2022)'), { recursive: true });
    await server.services.scans.start({ libraryId: server.services.store.listLibraries()[0]!.id }).done;
    await server.services.trickplay.whenIdle();
    expect(existsSync(doomed)).toBe(false);
    expect(existsSync(sheetDirOf('Long'))).toBe(true);
    expect(readdirSync(join(server.services.cacheDir, 'trickplay')).filter((n) => n.startsWith('tmp-'))).toEqual([]);
  }, 60_000);

  it('serves only validated names of a known file, to an authorised client', async () => {
    const id = files.Long!.id;
    expect((await api(`/stream/trickplay/${id}/index.json`, { auth: false })).status).toBe(401);
    for (const bad of [
      `/stream/trickplay/${id}/sheet-009.jpg`,
      `/stream/trickplay/${id}/sheet-1.jpg`,
      `/stream/trickplay/${id}/thumbs`,
      `/stream/trickplay/nosuchfile123/index.json`,
      `/stream/trickplay/${files.Doomed!.id}/index.json`,
    ]) {
      const res = await api(bad);
      expect(res.status, bad).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, bad).toMatch(/^not-/);
    }
    for (const escape of [`/stream/trickplay/${id}/..%2F..%2Findex.json`, `/stream/trickplay/..%2F${id}/index.json`, `/stream/trickplay/${id}/%2e%2e`]) {
      expect([400, 404], escape).toContain((await api(escape)).status);
    }
  });
});
