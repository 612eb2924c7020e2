// Keeps the catalogue current without full rescans: local roots are watched, each network share is polled
// alone at the interval the user set for it and left alone in between, so a NAS can spin down.
import { relative, sep, dirname } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { LibraryStore, RootRow } from '../db/library-store';
import type { ScanService } from './scan-service';
import { isIgnoredDirName } from './naming';

export interface WatcherOptions {
  debounceMs?: number;
  onError?: (message: string) => void;
}

/** How often a local library is rescanned when the system cannot watch all its folders. */
const LOCAL_FALLBACK_POLL_MINUTES = 5;

interface Pending {
  libraryId: string;
  dirs: Map<string, Set<string>>;
}

export class LibraryWatcher {
  private readonly watchers = new Map<string, FSWatcher[]>();
  /** Local libraries the system could not watch, rescanned whole on a timer instead (by library id). */
  private readonly polls = new Map<string, NodeJS.Timeout>();
  /** Network shares, each rescanned alone at its own interval (by root id). */
  private readonly rootPolls = new Map<string, { libraryId: string; minutes: number; timer: NodeJS.Timeout; since: number }>();
  /** Libraries the system ran out of watches for: polled instead, and said once. */
  private readonly cannotWatch = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  /** One promise per watched root, settled when its first crawl is done and changes are seen. */
  private readonly readiness: Promise<void>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly store: LibraryStore,
    private readonly scans: ScanService,
    private readonly opts: WatcherOptions = {},
  ) {}

  start(): void {
    for (const lib of this.store.listLibraries()) this.watchLibrary(lib.id);
  }

  watchLibrary(libraryId: string): void {
    const lib = this.store.library(libraryId);
    if (!lib || this.watchers.has(libraryId)) return;
    this.watchers.set(libraryId, []);
    for (const root of this.store.roots(libraryId)) {
      if (root.is_network === 1) this.pollRoot(root);
      else this.watchRoot(libraryId, root);
    }
  }

  /** Applies a share's interval as it is stored now: the next poll is due an interval after the last scan. */
  repollRoot(rootId: string): void {
    const current = this.rootPolls.get(rootId);
    if (current) clearTimeout(current.timer);
    this.rootPolls.delete(rootId);
    const root = this.store.root(rootId);
    // A share never read yet counts from when its polling began, so a shorter interval is not pushed back.
    if (root && root.is_network === 1 && this.watchers.has(root.library_id)) this.pollRoot(root, current?.since);
  }

  /** The interval a share is polled at now (minutes), or null when it is not polled. */
  pollingOf(rootId: string): number | null {
    return this.rootPolls.get(rootId)?.minutes ?? null;
  }

  private pollRoot(root: RootRow, since?: number): void {
    if (this.closed || root.poll_minutes <= 0) return;
    const libraryId = root.library_id;
    const only = [{ rootId: root.id, relDir: '' }];
    const minutes = root.poll_minutes;
    // A whole-library scan after this share's last poll read it too.
    const lastLibraryScan = this.store.library(libraryId)?.last_scan_at ?? null;
    const last = [root.last_poll_at, lastLibraryScan].filter((t): t is string => t !== null).sort().pop();
    let base = last !== undefined ? Date.parse(last) : (since ?? Date.now());
    const poll = (): void => {
      // Only this share is read: the library's other shares sleep on until their own time comes.
      base = Date.now();
      this.store.markRootPolled(root.id);
      this.scans.start({ libraryId, only });
    };
    this.schedule(base, minutes, poll, (timer) => this.rootPolls.set(root.id, { libraryId, minutes, timer, since: base }));
  }

  private poll(libraryId: string, minutes: number): void {
    const last = this.store.library(libraryId)?.last_scan_at;
    this.schedule(last ? Date.parse(last) : Date.now(), minutes, () => this.scans.start({ libraryId }), (timer) => this.polls.set(libraryId, timer));
  }

  /** Runs `scan` every `minutes`, the first time `minutes` after `base` (ms since the epoch). */
  private schedule(base: number, minutes: number, scan: () => void, keep: (timer: NodeJS.Timeout) => void): void {
    const every = minutes * 60_000;
    const tick = (): void => {
      if (!this.closed) scan();
    };
    // The first rescan is due when the last scan is `every` old, not `every` after start-up: a share left
    // asleep at start because it was scanned recently must not wait up to two intervals.
    const first = Math.max(0, base + every - Date.now());
    const t = setTimeout(() => {
      tick();
      const repeat = setInterval(tick, every);
      repeat.unref();
      keep(repeat);
    }, first);
    t.unref();
    keep(t);
  }

  /** Starts polling a library whose folders cannot all be watched; returns the interval in minutes. */
  private pollInstead(libraryId: string): number {
    const minutes = this.store.library(libraryId)?.poll_minutes || LOCAL_FALLBACK_POLL_MINUTES;
    if (!this.polls.has(libraryId) && !this.closed) this.poll(libraryId, minutes);
    return minutes;
  }

  /** Whether the library is rescanned on a timer (a network share, or folders the system cannot watch). */
  isPolled(libraryId: string): boolean {
    return this.polls.has(libraryId) || [...this.rootPolls.values()].some((p) => p.libraryId === libraryId);
  }

  /** Resolves once every watched root has been crawled, so a change made after it is seen. */
  async whenReady(): Promise<void> {
    await Promise.all(this.readiness);
  }

  async unwatchLibrary(libraryId: string): Promise<void> {
    const poll = this.polls.get(libraryId);
    if (poll) clearTimeout(poll);
    this.polls.delete(libraryId);
    for (const [rootId, p] of this.rootPolls) {
      if (p.libraryId !== libraryId) continue;
      clearTimeout(p.timer);
      this.rootPolls.delete(rootId);
    }
    const list = this.watchers.get(libraryId) ?? [];
    this.watchers.delete(libraryId);
    this.pending.delete(libraryId);
    this.cannotWatch.delete(libraryId);
    await Promise.allSettled(list.map((w) => w.close()));
  }

  private watchRoot(libraryId: string, root: RootRow): void {
    const w = watch(root.path, {
      ignoreInitial: true,
      persistent: true,
      followSymlinks: false,
      ignored: (path: string) => {
        const rel = relative(root.path, path);
        if (!rel) return false;
        return rel.split(sep).some((part) => part !== '.actors' && isIgnoredDirName(part));
      },
    });
    const onChange = (path: string): void => {
      const rel = relative(root.path, path).split(sep).join('/');
      if (rel.startsWith('..')) return;
      // A change inside a folder is read by rescanning that folder; a folder itself changing, by its parent.
      const dir = parentOf(rel);
      this.enqueue(libraryId, root.id, dir === '.actors' || dir.endsWith('/.actors') ? parentOf(dir) : dir);
    };
    this.readiness.push(new Promise((resolve) => w.once('ready', () => resolve())));
    w.on('add', (p) => onChange(p));
    w.on('change', (p) => onChange(p));
    w.on('unlink', (p) => onChange(p));
    w.on('addDir', (p) => onChange(p));
    w.on('unlinkDir', (p) => onChange(p));
    w.on('error', (e) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EMFILE') {
        // Out of inotify watches or file handles: some folders go unwatched, so poll the library
        // instead of silently missing their changes. chokidar reports it per folder; say it once.
        if (this.cannotWatch.has(libraryId)) return;
        this.cannotWatch.add(libraryId);
        const minutes = this.pollInstead(libraryId);
        this.opts.onError?.(
          `watching ${root.path}: the system ran out of ${code === 'ENOSPC' ? 'file watches (raise fs.inotify.max_user_watches)' : 'file handles'}; ` +
            `rescanning this library every ${minutes} min instead`,
        );
        return;
      }
      this.opts.onError?.(`watching ${root.path}: ${(e as Error).message}`);
    });
    this.watchers.get(libraryId)?.push(w);
  }

  private enqueue(libraryId: string, rootId: string, dir: string): void {
    const p = this.pending.get(libraryId) ?? { libraryId, dirs: new Map() };
    const set = p.dirs.get(rootId) ?? new Set<string>();
    set.add(dir);
    p.dirs.set(rootId, set);
    this.pending.set(libraryId, p);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.opts.debounceMs ?? 1000);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const p of batch) {
      if (this.closed) return;
      const only: { rootId: string; relDir: string }[] = [];
      for (const [rootId, dirs] of p.dirs) for (const relDir of dirs) only.push({ rootId, relDir });
      // One scan per library at a time: wait for the running one, then read what changed meanwhile.
      while (this.scans.isScanning(p.libraryId)) await new Promise((r) => setTimeout(r, 200));
      await this.scans.start({ libraryId: p.libraryId, only }).done.catch((e: unknown) => this.opts.onError?.(`rescan failed: ${(e as Error).message}`));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.polls.values()) clearTimeout(t);
    for (const p of this.rootPolls.values()) clearTimeout(p.timer);
    await Promise.allSettled([...this.watchers.values()].flat().map((w) => w.close()));
  }
}

function parentOf(rel: string): string {
  const d = dirname(rel);
  return d === '.' ? '' : d;
}
