import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import { openDatabase, type Db } from '../../src/main/db/open';
import { LibraryStore } from '../../src/main/db/library-store';
import { CatalogueQueries } from '../../src/main/db/catalogue-queries';
import { ScanService } from '../../src/main/library/scan-service';
import { LibraryWatcher } from '../../src/main/library/watcher';
import { LibraryScan, collapse } from '../../src/main/library/scanner';
import { mediaTools } from '../../src/main/media-tools/tools';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';

let dir: string;
let db: Db;
let store: LibraryStore;
let queries: CatalogueQueries;
let watcher: LibraryWatcher;
let scans: ScanService;

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir, 'library.db'));
  store = new LibraryStore(db);
  queries = new CatalogueQueries(db);
  scans = new ScanService(store, mediaTools().ffprobe, null);
});

afterEach(async () => {
  await watcher?.close();
  await scans.whenIdle();
  db.close();
  removeDir(dir);
});

describe('watching local folders', () => {
  it('shows new, changed and removed files within 5 seconds without a full rescan', async () => {
    const lib = join(dir, 'lib');
    writeFile(lib, 'First (2001)/First (2001).mkv');
    const id = store.addLibrary({ name: 'L', type: 'movies', paths: [{ path: lib, isNetwork: false }], pollMinutes: 0 });
    await new LibraryScan(store, id).run();
    watcher = new LibraryWatcher(store, scans, { debounceMs: 300 });
    watcher.start();
    await watcher.whenReady();

    writeFile(lib, 'Second (2002)/Second (2002).mkv');
    const added = await until(() => queries.listItems().some((i) => i.title === 'Second'), 5000);
    expect(added).toBeLessThan(5000);

    writeFile(lib, 'Second (2002)/Second (2002).nfo', '<movie><title>Second Renamed</title></movie>');
    await until(() => queries.listItems().some((i) => i.title === 'Second Renamed'), 5000);

    rmSync(join(lib, 'First (2001)'), { recursive: true });
    await until(() => !queries.listItems().some((i) => i.title === 'First'), 5000);
  });

  it('does not watch network shares: they are polled at the set interval instead', async () => {
    const share = join(dir, 'share');
    mkdirSync(share);
    store.addLibrary({ name: 'NAS', type: 'movies', paths: [{ path: share, isNetwork: true }], pollMinutes: 0 });
    // A local library beside it, changed at the same moment: once its change is in, a watched share's would be too.
    const local = join(dir, 'local');
    mkdirSync(local);
    store.addLibrary({ name: 'Local', type: 'movies', paths: [{ path: local, isNetwork: false }], pollMinutes: 0 });
    watcher = new LibraryWatcher(store, scans, { debounceMs: 100 });
    watcher.start();
    await watcher.whenReady();
    writeFile(share, 'Film (2001)/Film (2001).mkv');
    writeFile(local, 'Witness (2002)/Witness (2002).mkv');
    await until(() => queries.listItems().some((i) => i.title === 'Witness'), 10_000);
    await scans.whenIdle();
    expect(queries.listItems().map((i) => i.title)).toEqual(['Witness']);
  });

  it('polls a share when its last scan is an interval old, not an interval after start-up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    try {
      const share = join(dir, 'nas');
      mkdirSync(share);
      const id = store.addLibrary({ name: 'NAS', type: 'movies', paths: [{ path: share, isNetwork: true }], pollMinutes: 10 });
      store.markLibraryScanned(id);
      vi.advanceTimersByTime(9 * 60_000); // the app was closed and started again 9 minutes after the last scan
      const started: string[] = [];
      const spy = vi.spyOn(scans, 'start').mockImplementation((req) => {
        started.push(req.libraryId);
        return { scanId: 'x', done: new Promise(() => {}), phaseOne: Promise.resolve() };
      });
      watcher = new LibraryWatcher(store, scans);
      watcher.start();
      vi.advanceTimersByTime(59_000);
      expect(started).toEqual([]);
      vi.advanceTimersByTime(2_000); // 10 minutes since the last scan
      expect(started).toEqual([id]);
      vi.advanceTimersByTime(10 * 60_000);
      expect(started).toEqual([id, id]);
      spy.mockRestore();
    } finally {
      vi.useRealTimers();
    }
  });

  it('polls a local library instead when the system runs out of file watches, and says how to fix it', async () => {
    const lib = join(dir, 'lib');
    writeFile(lib, 'First (2001)/First (2001).mkv');
    const id = store.addLibrary({ name: 'L', type: 'movies', paths: [{ path: lib, isNetwork: false }], pollMinutes: 0 });
    const errors: string[] = [];
    watcher = new LibraryWatcher(store, scans, { onError: (m) => errors.push(m) });
    watcher.start();
    expect(watcher.isPolled(id)).toBe(false);
    // What chokidar reports when inotify's limit is reached.
    const chokidars = (watcher as unknown as { watchers: Map<string, EventEmitter[]> }).watchers.get(id)!;
    const outOfWatches = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    chokidars[0]!.emit('error', outOfWatches);
    chokidars[0]!.emit('error', outOfWatches);
    expect(watcher.isPolled(id)).toBe(true);
    expect(errors).toEqual([expect.stringContaining('raise fs.inotify.max_user_watches')]);
    expect(errors[0]).toContain('every 5 min');
  });

  it('collapses nested folders into the outermost', () => {
    expect(collapse(['a/b', 'a', 'c/d', 'c/d/e', 'f'])).toEqual(['a', 'f', 'c/d']);
    expect(collapse(['x', ''])).toEqual(['']);
  });
});
