// The library API as the Settings screen (and a script) will use it: add, scan with progress events, cancel, remove.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import type { ItemDetail, ItemsResponse, Library, PlaybackSession, ScanProgress, ServerEvent } from '../../src/shared/api';
import { LibraryScan } from '../../src/main/library/scanner';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { renameSync } from 'node:fs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';

let dir: string;
let server: RunningServer;
let srv: TestServer;
let base: string;
let auth: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Media centre</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer });
  server = srv.server;
  base = srv.base;
  auth = srv.auth;
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
type Reader = ReadableStreamDefaultReader<Uint8Array>;

/**
 * Opens the event stream and resolves once the server has answered, so it is registered before
 * the test starts anything whose events it wants: nothing can be sent before it listens.
 */
async function openEvents(): Promise<Reader> {
  const res = await fetch(`${base}/events`, { headers: auth });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  return res.body!.getReader();
}

/**
 * Collects the server's events about one library until `until` says stop, then closes the stream.
 * Events sent since the stream opened wait in it, so this may start after the library's id is known.
 */
async function libraryEvents(reader: Reader, libraryId: string, until: (e: ServerEvent) => boolean, onEvent: (e: ServerEvent) => void = () => {}): Promise<ServerEvent[]> {
  const decoder = new TextDecoder();
  const seen: ServerEvent[] = [];
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as ServerEvent;
        if ((event.type === 'scan' ? event.progress.libraryId : 'libraryId' in event ? event.libraryId : null) !== libraryId) continue;
        seen.push(event);
        onEvent(event);
        if (until(event)) return seen;
      }
    }
  } finally {
    await reader.cancel();
  }
}

/** The scan progress of one library until `until` says stop. */
async function scanEvents(reader: Reader, libraryId: string, until: (p: ScanProgress) => boolean, onEvent: (p: ScanProgress) => void = () => {}): Promise<ScanProgress[]> {
  const events = await libraryEvents(
    reader,
    libraryId,
    (e) => e.type === 'scan' && until(e.progress),
    (e) => {
      if (e.type === 'scan') onEvent(e.progress);
    },
  );
  return events.flatMap((e) => (e.type === 'scan' ? [e.progress] : []));
}

describe('libraries through the API', () => {
  it('adds a folder as a library, scans it with progress events, and lists its titles', async () => {
    const films = join(dir, 'films');
    for (let i = 0; i < 5; i++) writeFile(films, `Film ${i} (2001)/Film ${i} (2001).mkv`, `not really video ${i}`);
    const events = await openEvents();
    const res = await api('/libraries', { method: 'POST', body: { type: 'movies', paths: [films], name: 'Films' } });
    expect(res.status).toBe(201);
    const lib = (await res.json()) as Library;
    const id = lib.id;
    expect(lib).toMatchObject({ name: 'Films', type: 'movies' });
    const progress = await scanEvents(events, id, (p) => p.phase === 'done' || p.phase === 'cancelled');
    const last = progress.at(-1)!;
    // The clips are not video: every probe fails, each is recorded, and the scan still ends.
    expect(last).toMatchObject({ phase: 'done', found: 5, identified: 5, added: 5, failed: 5, etaSeconds: 0 });
    expect(progress.some((p) => p.phase === 'probing' && p.toProbe === 5 && p.etaSeconds !== null)).toBe(true);
    const items = (await (await api('/items')).json()) as { items: { title: string }[] };
    expect(items.items.map((i) => i.title).sort()).toEqual(['Film 0', 'Film 1', 'Film 2', 'Film 3', 'Film 4']);
    const libs = (await (await api('/libraries')).json()) as { libraries: Library[] };
    expect(libs.libraries.find((l) => l.id === id)).toMatchObject({ itemCount: 5 });
  });

  it('refuses a folder that is not there and a body that is not a library, with a clear error', async () => {
    const missing = await api('/libraries', { method: 'POST', body: { type: 'movies', paths: [join(dir, 'nowhere')] } });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not-a-folder');
    const bad = await api('/libraries', { method: 'POST', body: { type: 'films', paths: [] } });
    expect(bad.status).toBe(400);
    expect(await api('/libraries/nope/scan', { method: 'POST' })).toMatchObject({ status: 404 });
  });

  it('rescans on request, cancels a running scan and keeps what it committed, then removes the library', async () => {
    const many = join(dir, 'many');
    // Not video, so each goes to ffprobe: slow enough to cancel half-way through the probe phase.
    for (let i = 0; i < 120; i++) writeFile(many, `Title ${i} (1999)/Title ${i} (1999).avi`, `junk ${i}`);
    const firstScan = await openEvents();
    const added = (await (await api('/libraries', { method: 'POST', body: { type: 'movies', paths: [many] } })).json()) as Library;
    await scanEvents(firstScan, added.id, (p) => p.phase === 'done' || p.phase === 'cancelled');

    // Changed files are probed again: slow enough (ffprobe per file) to cancel half-way through.
    for (let i = 0; i < 120; i++) writeFile(many, `Title ${i} (1999)/Title ${i} (1999).avi`, `other junk, longer ${i}`);
    let cancelAsked = false;
    // Until the library-changed that follows the end of the scan: pages refresh after a cancel too.
    const cancelled = libraryEvents(
      await openEvents(),
      added.id,
      (e) => e.type === 'library-changed',
      (e) => {
        if (e.type === 'scan' && e.progress.phase === 'probing' && e.progress.probed >= 1 && !cancelAsked) {
          cancelAsked = true;
          void api(`/libraries/${added.id}/scan`, { method: 'DELETE' });
        }
      },
    );
    expect((await api(`/libraries/${added.id}/scan`, { method: 'POST' })).status).toBe(202);
    const seen = (await cancelled).flatMap((e) => (e.type === 'scan' ? [e.progress] : []));
    expect(seen.at(-1)!.phase).toBe('cancelled');
    expect(seen.at(-1)!.probed).toBeLessThan(120);
    // Phase one committed before the cancel: every title is still there.
    const libs = (await (await api('/libraries')).json()) as { libraries: Library[] };
    expect(libs.libraries.find((l) => l.id === added.id)).toMatchObject({ itemCount: 120 });
    expect((await api(`/libraries/${added.id}/scan`, { method: 'DELETE' })).status).toBe(404);

    expect((await api(`/libraries/${added.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = (await (await api('/libraries')).json()) as { libraries: Library[] };
    expect(after.libraries.some((l) => l.id === added.id)).toBe(false);
    expect((await api(`/libraries/${added.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('JSON replies', () => {
  const get = (path: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${base}${path}`);
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: { ...auth, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });

  it('are gzipped when the client accepts it, with the right length, and plain otherwise', async () => {
    const zipped = await get('/items', { 'Accept-Encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    const plain = await get('/items', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
  });
});

describe('probing on demand', () => {
  it('probes a title that phase two has not reached when someone opens it, and a file when someone plays it', async () => {
    const lib = join(dir, 'fresh');
    await makeClip(join(lib, 'Opened (2020)', 'Opened (2020).mp4'));
    await makeClip(join(lib, 'Played (2021)', 'Played (2021).mkv'), 'h264-ac3-mkv');
    const store = server.services.store;
    const id = store.addLibrary({ name: 'Fresh', type: 'movies', paths: [{ path: lib, isNetwork: false }], pollMinutes: 0 });
    await new LibraryScan(store, id).run(); // phase one only: nothing probed yet
    const { items } = (await (await api('/items')).json()) as ItemsResponse;
    const opened = items.find((i) => i.title === 'Opened')!;
    const played = items.find((i) => i.title === 'Played')!;

    const detail = (await (await api(`/items/${opened.id}`)).json()) as ItemDetail;
    expect(detail.files[0]).toMatchObject({ probe: 'ok', container: 'mp4' });
    expect(detail.files[0]!.streams.map((st) => st.type).sort()).toEqual(['audio', 'video']);

    const fileId = (server.services.queries.itemDetail(played.id) as ItemDetail).files[0]!.id;
    expect(server.services.queries.itemDetail(played.id)!.files[0]!.probe).toBe('pending');
    const res = await api('/playback', {
      method: 'POST',
      body: { fileId, capabilities: { containers: ['mp4', 'webm'], videoCodecs: ['h264'], audioCodecs: ['aac'], hls: true } },
    });
    expect(res.status).toBe(201);
    const session = (await res.json()) as PlaybackSession;
    // Probed first, so the decision knows the AC-3 audio: a remux to HLS, not a direct play that would be silent.
    expect(session.method).toBe('remux');
    expect(server.services.queries.itemDetail(played.id)!.files[0]!.probe).toBe('ok');
    await api(`/playback/${session.sessionId}`, { method: 'DELETE' });
  });

  it('leaves a title on an offline share unprobed instead of marking it unreadable', async () => {
    const share = join(dir, 'share');
    await makeClip(join(share, 'Asleep (2019)', 'Asleep (2019).mp4'));
    const store = server.services.store;
    const id = store.addLibrary({ name: 'Share', type: 'movies', paths: [{ path: share, isNetwork: true }], pollMinutes: 0 });
    await new LibraryScan(store, id).run();
    const item = ((await (await api('/items')).json()) as ItemsResponse).items.find((i) => i.title === 'Asleep')!;
    renameSync(share, `${share}-asleep`);
    await new LibraryScan(store, id).run(); // finds the share offline
    const detail = (await (await api(`/items/${item.id}`)).json()) as ItemDetail;
    expect(detail.files[0]!.probe).toBe('pending');
  });
});
