// Makes trickplay sheets in the background, one file at a time at the lowest CPU priority: every file of a
// library after its scan has probed it, and a file being played ahead of the rest. Also removes the sheets
// of files that are no longer in any library.
import type { TrickplayIndex } from '../../../shared/api';
import type { TrickplayFileRow, TrickplayQueries } from '../../db/trickplay-queries';
import { trickplayKey, TrickplayStore, type StoredTrickplay } from './trickplay-store';

export interface TrickplayWorkerOptions {
  cacheDir: string;
  queries: TrickplayQueries;
  /** Asked for each make, so a newly configured ffmpeg applies without a restart. */
  ffmpeg: () => string;
  log?: (message: string) => void;
  /** Other per-file work worth doing before a first play, in the same quiet queue (the keyframe index). */
  prepare?: (file: TrickplayFileRow) => Promise<unknown>;
}

export function trickplayIndexUrl(fileId: string): string {
  return `/stream/trickplay/${encodeURIComponent(fileId)}/index.json`;
}

/** The public index: sheet names become URLs under the file's trickplay route. */
export function publicIndex(fileId: string, stored: StoredTrickplay): TrickplayIndex {
  const { intervalSeconds, tileWidth, tileHeight, columns, rows, count } = stored;
  return { intervalSeconds, tileWidth, tileHeight, columns, rows, count, sheets: stored.sheets.map((s) => `/stream/trickplay/${encodeURIComponent(fileId)}/${s}`) };
}

export class TrickplayWorker {
  readonly store: TrickplayStore;
  private readonly queue = new Map<string, TrickplayFileRow>();
  /** Files ffmpeg could not thumbnail, by key: not tried again until they change. */
  private readonly failed = new Set<string>();
  private running: Promise<void> | null = null;
  private sweepWanted = false;
  private readonly controller = new AbortController();
  private idleWaiters: (() => void)[] = [];
  made = 0;

  constructor(private readonly o: TrickplayWorkerOptions) {
    this.store = new TrickplayStore(o.cacheDir);
  }

  /** The index URL when the file's sheets exist; otherwise null, and the file goes to the front of the queue. */
  urlFor(file: TrickplayFileRow): { url: string } | null {
    if (this.store.read(file)) return { url: trickplayIndexUrl(file.id) };
    this.enqueue(file, true);
    return null;
  }

  /** After a scan: sheets for every file of the library that has none, and the sheets of removed files go. */
  queueLibrary(libraryId?: string): void {
    this.sweepWanted = true;
    for (const f of this.o.queries.filesToThumbnail(libraryId)) this.enqueue(f, false);
    this.kick();
  }

  pending(): number {
    return this.queue.size + (this.running ? 1 : 0);
  }

  /** Resolves when nothing is queued or being made (tests, shutdown). */
  whenIdle(): Promise<void> {
    if (!this.running && this.queue.size === 0 && !this.sweepWanted) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.queue.clear();
    this.sweepWanted = false;
    this.controller.abort();
  }

  private enqueue(file: TrickplayFileRow, urgent: boolean): void {
    if (this.controller.signal.aborted) return;
    const key = trickplayKey(file.path, file.signature);
    if (this.failed.has(key)) return;
    if (urgent) {
      // A Map keeps insertion order: rebuild it with this file first.
      const rest = [...this.queue].filter(([k]) => k !== key);
      this.queue.clear();
      this.queue.set(key, file);
      for (const [k, v] of rest) this.queue.set(k, v);
    } else if (!this.queue.has(key) && !this.store.read(file)) {
      this.queue.set(key, file);
    }
    this.kick();
  }

  private kick(): void {
    if (this.running || this.controller.signal.aborted) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.queue.size > 0 || this.sweepWanted) this.kick();
      else for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.controller.signal.aborted) return;
      if (this.sweepWanted) {
        this.sweepWanted = false;
        const live = new Set(this.o.queries.presentFiles().map((f) => trickplayKey(f.path, f.signature)));
        const removed = this.store.sweep(live);
        if (removed > 0) this.o.log?.(`trickplay: removed the thumbnails of ${removed} file(s) no longer in a library`);
      }
      const next = this.queue.entries().next();
      if (next.done) return;
      const [key, file] = next.value;
      this.queue.delete(key);
      // Cheap next to the thumbnails, and it takes the ffprobe pass out of a first remux's start.
      await this.o.prepare?.(file).catch(() => undefined);
      if (this.store.read(file)) continue;
      try {
        await this.store.make(this.o.ffmpeg(), file, this.controller.signal);
        this.made++;
      } catch (e) {
        if (this.controller.signal.aborted) return;
        this.failed.add(key);
        this.o.log?.(`trickplay: no thumbnails for ${file.path}: ${(e as Error).message}`);
      }
    }
  }
}
