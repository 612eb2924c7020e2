// A polling interval per share: migration 6 on a database made before it, each share polled alone at its
// own interval (a change applies at once), and a root's online/offline flips reported by the store, from
// scans and from the check before playback.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, migrate, type Db } from '../../src/main/db/open';
import { migrations } from '../../src/main/db/migrations';
import { LibraryStore, type RootRow } from '../../src/main/db/library-store';
import { ScanService, type ScanRequest } from '../../src/main/library/scan-service';
import { LibraryWatcher } from '../../src/main/library/watcher';
import { LibraryScan } from '../../src/main/library/scanner';
import { checkSource } from '../../src/main/playback/source-check';
import { mediaTools } from '../../src/main/media-tools/tools';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { rawDatabase } from '../helpers/sqlite';

let dir: string;
let db: Db | undefined;
let watcher: LibraryWatcher | undefined;

beforeEach(() => {
  dir = tempDir();
});

afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  db?.close();
  db = undefined;
  vi.useRealTimers();
  removeDir(dir);
});

describe('migration 6', () => {
  it('gives every root of an old database its library\'s interval and last scan, and keeps its rows', () => {
    const file = join(dir, 'library.db');
    const old = rawDatabase(file);
    migrate(old, migrations.filter((m) => m.version <= 5));
    expect(old.pragma('user_version', { simple: true })).toBe(5);
    old.prepare("INSERT INTO libraries (id, name, type, poll_minutes, created_at, last_scan_at) VALUES ('nas', 'NAS', 'movies', 30, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')").run();
    old.prepare("INSERT INTO libraries (id, name, type, poll_minutes, created_at) VALUES ('local', 'Local', 'shows', 0, '2026-01-01T00:00:01.000Z')").run();
    old.prepare("INSERT INTO library_roots (id, library_id, path, is_network) VALUES ('a', 'nas', '/mnt/a', 1), ('b', 'nas', '/mnt/b', 1), ('c', 'local', '/srv/c', 0)").run();
    old.prepare("INSERT INTO dirs (root_id, rel_path, signature) VALUES ('a', '', 'sig')").run();
    old.close();

    db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    const roots = db.prepare<[], RootRow>('SELECT * FROM library_roots ORDER BY id').all();
    expect(roots.map((r) => [r.id, r.poll_minutes, r.last_poll_at])).toEqual([
      ['a', 30, '2026-01-02T00:00:00.000Z'],
      ['b', 30, '2026-01-02T00:00:00.000Z'],
      ['c', 0, null],
    ]);
    // Added in place, not rebuilt: what hangs off the roots is still there.
    expect(db.prepare('SELECT COUNT(*) AS n FROM dirs').get()).toEqual({ n: 1 });
  });

  it('a root added later starts at its library\'s interval', () => {
    db = openDatabase(join(dir, 'library.db'));
    const store = new LibraryStore(db);
    const id = store.addLibrary({ name: 'NAS', type: 'movies', paths: [{ path: '/mnt/x', isNetwork: true }], pollMinutes: 45 });
    expect(store.roots(id).map((r) => r.poll_minutes)).toEqual([45]);
  });
});

describe('polling each share at its own interval', () => {
  function setUp(): { store: LibraryStore; scans: ScanService; polls: ScanRequest[]; libraryId: string; fast: RootRow; slow: RootRow; local: RootRow } {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    db = openDatabase(join(dir, 'library.db'));
    const store = new LibraryStore(db);
    const paths = ['fast', 'slow', 'local'].map((n) => join(dir, n));
    for (const p of paths) mkdirSync(p);
    const libraryId = store.addLibrary({
      name: 'Mixed',
      type: 'movies',
      paths: [
        { path: paths[0]!, isNetwork: true },
        { path: paths[1]!, isNetwork: true },
        { path: paths[2]!, isNetwork: false },
      ],
      pollMinutes: 60,
    });
    const byPath = (p: string): RootRow => store.roots(libraryId).find((r) => r.path === p)!;
    const [fast, slow, local] = paths.map(byPath) as [RootRow, RootRow, RootRow];
    store.updateLibrary(libraryId, { roots: [{ id: fast.id, pollMinutes: 10 }, { id: slow.id, pollMinutes: 30 }] });
    const scans = new ScanService(store, mediaTools().ffprobe, null);
    const polls: ScanRequest[] = [];
    // The scans themselves are not the subject: each poll is recorded, and what it asks to read.
    vi.spyOn(scans, 'start').mockImplementation((req) => {
      polls.push(req);
      return { scanId: 'x', done: new Promise(() => {}), phaseOne: Promise.resolve() };
    });
    return { store, scans, polls, libraryId, fast, slow, local };
  }

  const rootsPolled = (polls: ScanRequest[]): string[] => polls.map((p) => (p.only ?? []).map((o) => `${o.rootId}:${o.relDir}`).join(','));

  it('reads each share alone at its interval, and never polls the watched local folder', () => {
    const { store, scans, polls, fast, slow, local } = setUp();
    watcher = new LibraryWatcher(store, scans);
    watcher.start();
    expect(watcher.pollingOf(fast.id)).toBe(10);
    expect(watcher.pollingOf(slow.id)).toBe(30);
    expect(watcher.pollingOf(local.id)).toBeNull();

    vi.advanceTimersByTime(10 * 60_000);
    expect(rootsPolled(polls)).toEqual([`${fast.id}:`]);
    vi.advanceTimersByTime(20 * 60_000); // 30 minutes in: the fast share's third poll and the slow one's first
    expect(rootsPolled(polls).filter((r) => r === `${fast.id}:`)).toHaveLength(3);
    expect(rootsPolled(polls).filter((r) => r === `${slow.id}:`)).toHaveLength(1);
    expect(polls.every((p) => p.only?.length === 1)).toBe(true);
    // Each poll is remembered per share, so a restart does not wake a share read a minute ago.
    expect(store.root(slow.id)!.last_poll_at).toBe(new Date().toISOString());
  });

  it('a new interval applies at once: due an interval after the last poll, and 0 stops polling', () => {
    const { store, scans, polls, libraryId, fast, slow } = setUp();
    watcher = new LibraryWatcher(store, scans);
    watcher.start();
    vi.advanceTimersByTime(10 * 60_000);
    expect(polls).toHaveLength(1);

    // The slow share now every 15 min: due 15 min after start (its last read), i.e. 5 min from now.
    store.updateLibrary(libraryId, { roots: [{ id: slow.id, pollMinutes: 15 }] });
    watcher.repollRoot(slow.id);
    expect(watcher.pollingOf(slow.id)).toBe(15);
    vi.advanceTimersByTime(5 * 60_000);
    expect(rootsPolled(polls)).toEqual([`${fast.id}:`, `${slow.id}:`]);

    store.updateLibrary(libraryId, { roots: [{ id: fast.id, pollMinutes: 0 }] });
    watcher.repollRoot(fast.id);
    expect(watcher.pollingOf(fast.id)).toBeNull();
    vi.advanceTimersByTime(60 * 60_000);
    expect(rootsPolled(polls).filter((r) => r === `${fast.id}:`)).toHaveLength(1);
    expect(watcher.isPolled(libraryId)).toBe(true); // the slow share still is
  });

  it('the library-wide interval sets every share\'s', () => {
    const { store, libraryId } = setUp();
    store.updateLibrary(libraryId, { pollMinutes: 20 });
    expect(store.roots(libraryId).map((r) => r.poll_minutes)).toEqual([20, 20, 20]);
  });
});

describe('a root going online and offline', () => {
  it('is reported once per flip by a scan, not on every scan that finds it as it was', async () => {
    db = openDatabase(join(dir, 'library.db'));
    const store = new LibraryStore(db);
    const share = join(dir, 'share');
    writeFile(share, 'Film (2001)/Film (2001).mkv');
    const id = store.addLibrary({ name: 'NAS', type: 'movies', paths: [{ path: share, isNetwork: true }], pollMinutes: 0 });
    const seen: [string, number][] = [];
    store.onRootStatus((r) => seen.push([r.path, r.online]));
    await new LibraryScan(store, id).run();
    expect(seen).toEqual([]);
    renameSync(share, `${share}-away`);
    await new LibraryScan(store, id).run();
    await new LibraryScan(store, id).run();
    expect(seen).toEqual([[share, 0]]);
    expect(store.roots(id)[0]!.last_error).toBeTruthy();
    renameSync(`${share}-away`, share);
    await new LibraryScan(store, id).run();
    expect(seen).toEqual([[share, 0], [share, 1]]);
  });

  it('is told by the check before playback: offline with the reason, online once it answers', async () => {
    const root = join(dir, 'gone');
    const found: [boolean, string | null][] = [];
    const onRootStatus = (online: boolean, error: string | null): void => void found.push([online, error]);
    await expect(checkSource({ path: join(root, 'a.mkv'), rootPath: root }, { onRootStatus })).rejects.toMatchObject({ code: 'source-offline' });
    expect(found).toEqual([[false, expect.stringContaining('cannot be reached')]]);
    mkdirSync(root);
    writeFile(root, 'a.mkv');
    await checkSource({ path: join(root, 'a.mkv'), rootPath: root }, { onRootStatus });
    expect(found[1]).toEqual([true, null]);
  });
});
