// PATCH /api/v1/libraries/:id with `roots`: one share's interval, a 400 that names every bad field, and the
// `root-status` event on the events stream when a scan finds a share gone and back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import type { ApiErrorBody, Library, ServerEvent } from '../../src/shared/api';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { nextEvent as nextEventOf, startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';

let dir: string;
let server: RunningServer;
let srv: TestServer;
let libraryId: string;
let shareA: string;
let shareB: string;
let local: string;

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
const nextEvent = (match: (e: ServerEvent) => boolean, timeoutMs?: number): Promise<{ event: Promise<ServerEvent> }> => nextEventOf(srv, match, timeoutMs);

const library = async (): Promise<Library> => ((await (await api('/libraries')).json()) as { libraries: Library[] }).libraries.find((l) => l.id === libraryId)!;
const rootAt = (lib: Library, path: string): Library['roots'][number] => lib.roots.find((r) => r.path === path)!;

beforeAll(async () => {
  dir = tempDir();
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: join(dir, 'renderer'), watch: true });
  server = srv.server;
  [shareA, shareB, local] = ['nas-a', 'nas-b', 'local'].map((n) => join(dir, n)) as [string, string, string];
  writeFile(shareA, 'Film (2001)/Film (2001).mkv');
  mkdirSync(shareB);
  mkdirSync(local);
  // Shares cannot be mounted in a test: the store is told these two are on the network, as a scan of /proc/mounts would.
  libraryId = server.services.store.addLibrary({
    name: 'Mixed',
    type: 'movies',
    paths: [
      { path: shareA, isNetwork: true },
      { path: shareB, isNetwork: true },
      { path: local, isNetwork: false },
    ],
    pollMinutes: 60,
  });
  server.services.watcher!.watchLibrary(libraryId);
  await server.services.scans.start({ libraryId }).phaseOne;
  await server.services.scans.whenIdle();
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe('PATCH /api/v1/libraries/:id { roots }', () => {
  it('sets one share\'s interval, leaves the others, and the poller follows at once', async () => {
    const before = await library();
    expect(before.roots.map((r) => r.pollMinutes)).toEqual([60, 60, 60]);
    const a = rootAt(before, shareA);
    const res = await api(`/libraries/${libraryId}`, { method: 'PATCH', body: { roots: [{ id: a.id, pollMinutes: 15 }] } });
    expect(res.status).toBe(200);
    const after = (await res.json()) as Library;
    expect(rootAt(after, shareA).pollMinutes).toBe(15);
    expect(rootAt(after, shareB).pollMinutes).toBe(60);
    expect(after.pollMinutes).toBe(60);
    expect(server.services.watcher!.pollingOf(a.id)).toBe(15);
    expect(server.services.watcher!.pollingOf(rootAt(after, shareB).id)).toBe(60);
    expect(server.services.watcher!.pollingOf(rootAt(after, local).id)).toBeNull();
    // Still there after the library list is read again.
    expect(rootAt(await library(), shareA).pollMinutes).toBe(15);
  });

  it('400 names every bad field at once and changes nothing', async () => {
    const lib = await library();
    const a = rootAt(lib, shareA);
    const zodBad = await api(`/libraries/${libraryId}`, {
      method: 'PATCH',
      body: { roots: [{ id: a.id, pollMinutes: -1 }, { id: a.id, pollMinutes: 2000 }, { pollMinutes: 5 }, { id: a.id, pollMinutes: 5, extra: 1 }] },
    });
    expect(zodBad.status).toBe(400);
    const zodFields = ((await zodBad.json()) as ApiErrorBody).error.fields?.map((f) => f.path).sort();
    expect(zodFields).toEqual(['roots.0.pollMinutes', 'roots.1.pollMinutes', 'roots.2.id', 'roots.3'].sort());

    const otherLib = server.services.store.addLibrary({ name: 'Other', type: 'movies', paths: [{ path: join(dir, 'elsewhere'), isNetwork: true }], pollMinutes: 5 });
    const foreign = server.services.store.roots(otherLib)[0]!.id;
    const bad = await api(`/libraries/${libraryId}`, {
      method: 'PATCH',
      body: { name: 'Renamed', roots: [{ id: 'nope', pollMinutes: 5 }, { id: rootAt(lib, local).id, pollMinutes: 5 }, { id: foreign, pollMinutes: 5 }, { id: a.id, pollMinutes: 30 }, { id: a.id, pollMinutes: 45 }] },
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ApiErrorBody;
    expect(body.error.fields?.map((f) => f.path)).toEqual(['roots.0.id', 'roots.1.id', 'roots.2.id', 'roots.4.id']);
    expect(body.error.fields?.[1]?.message).toContain('local folder');
    const unchanged = await library();
    expect(unchanged.name).toBe('Mixed');
    expect(rootAt(unchanged, shareA).pollMinutes).toBe(15);
    server.services.removeLibrary(otherLib);

    expect((await api('/libraries/nope', { method: 'PATCH', body: { roots: [{ id: a.id, pollMinutes: 5 }] } })).status).toBe(404);
  });

  it('the library-wide pollMinutes still sets every root', async () => {
    const res = await api(`/libraries/${libraryId}`, { method: 'PATCH', body: { pollMinutes: 30 } });
    expect(((await res.json()) as Library).roots.map((r) => r.pollMinutes)).toEqual([30, 30, 30]);
    expect(server.services.watcher!.pollingOf(rootAt(await library(), shareA).id)).toBe(30);
  });
});

describe('the root-status event', () => {
  it('is sent when a scan finds a share gone, and again when it is back', async () => {
    const a = rootAt(await library(), shareA);
    expect(a.online).toBe(true);
    const { event: offline } = await nextEvent((e) => e.type === 'root-status' && e.rootId === a.id);
    renameSync(shareA, `${shareA}-asleep`);
    // Phase one reads the folders (and finds the share gone); probing after it is not the subject.
    await server.services.scans.start({ libraryId }).phaseOne;
    expect(await offline).toEqual({ type: 'root-status', libraryId, rootId: a.id, online: false });
    expect(rootAt(await library(), shareA)).toMatchObject({ online: false, lastError: expect.any(String) });

    const { event: online } = await nextEvent((e) => e.type === 'root-status' && e.rootId === a.id);
    renameSync(`${shareA}-asleep`, shareA);
    await server.services.scans.whenIdle();
    await server.services.scans.start({ libraryId, only: [{ rootId: a.id, relDir: '' }] }).phaseOne;
    expect(await online).toEqual({ type: 'root-status', libraryId, rootId: a.id, online: true });
  });
});
