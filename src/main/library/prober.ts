// Phase two of a scan: probe files in the background (headers read in process where we can, else ffprobe
// in parallel bounded by the cores, at low priority, with a timeout per file). A title someone opens is probed at once, ahead of the queue.
import type { ProbeTools } from '../media-tools/tools';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { fileSignature, type LibraryStore } from '../db/library-store';
import { probeInProcess } from './probe-in-process';

export interface ProbeJob {
  fileId: string;
  itemId: string | null;
  path: string;
  signature: string;
}

export interface ProbeRunSummary {
  probed: number;
  failed: number;
  cancelled: boolean;
}

export interface ProbeOptions {
  libraryId?: string;
  /** Only this item's files and its children's (a page someone opened). */
  itemId?: string;
  concurrency?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, failed: number) => void;
}

/** Files waiting for a probe, on roots that are online: of one library, or of one item and its children. */
export function pendingProbeJobs(db: Db, scope: { libraryId?: string | undefined; itemId?: string | undefined } = {}): ProbeJob[] {
  const rows = db
    .prepare<{ library: string | null; item: string | null }, { id: string; item_id: string | null; rel_path: string; root_path: string; size: number; mtime_ms: number }>(
      `SELECT f.id, f.item_id, f.rel_path, r.path AS root_path, f.size, f.mtime_ms
       FROM files f JOIN library_roots r ON r.id = f.root_id
       WHERE f.probe_state = 'pending' AND f.missing_since IS NULL AND r.online = 1
         AND (@library IS NULL OR r.library_id = @library)
         AND (@item IS NULL OR f.item_id IN (SELECT id FROM items WHERE id = @item OR parent_id = @item))
       ORDER BY f.added_at, f.rel_path`,
    )
    .all({ library: scope.libraryId ?? null, item: scope.itemId ?? null });
  return rows.map((r) => ({ fileId: r.id, itemId: r.item_id, path: join(r.root_path, r.rel_path), signature: fileSignature(r.size, r.mtime_ms) }));
}

export class Prober {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly store: LibraryStore,
    private readonly tools: string | ProbeTools,
  ) {}

  /** Probes one file now (someone opened or is playing it); shares the run if it is already under way. */
  probeNow(job: ProbeJob, timeoutMs = 30_000): Promise<void> {
    const running = this.inFlight.get(job.fileId);
    if (running) return running;
    const p = this.probeOne(job, timeoutMs).finally(() => this.inFlight.delete(job.fileId));
    this.inFlight.set(job.fileId, p);
    return p;
  }

  private async probeOne(job: ProbeJob, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    try {
      // MP4 and Matroska headers are read in process (~0.2 ms, against ~30 ms for starting ffprobe);
      // anything the reader is not certain of goes to ffprobe, which stays the reference.
      // The ffprobe path (and zod, which checks its output) loads on first use: ~80 ms a rescan need not pay.
      const result =
        probeInProcess(job.path) ??
        (await (await import('./probe')).probeFile(this.tools, job.path, { timeoutMs, ...(signal ? { signal } : {}) }));
      if (result.container === 'matroska' || result.container === 'mkv') {
        if (/\.webm$/i.test(job.path)) result.container = 'webm';
      }
      this.store.saveProbe(job.fileId, job.itemId, job.signature, result);
    } catch (e) {
      if (signal?.aborted) throw e;
      this.store.saveProbeFailure(job.fileId, job.signature, (e as Error).message);
      throw e;
    }
  }

  async run(opts: ProbeOptions = {}): Promise<ProbeRunSummary> {
    const jobs = pendingProbeJobs(this.store.db, { libraryId: opts.libraryId, itemId: opts.itemId });
    const concurrency = Math.max(1, opts.concurrency ?? availableParallelism());
    const summary: ProbeRunSummary = { probed: 0, failed: 0, cancelled: false };
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        if (opts.signal?.aborted) return;
        const job = jobs[next++] as ProbeJob;
        const running = this.inFlight.get(job.fileId);
        try {
          if (running) await running;
          else {
            const p = this.probeOne(job, opts.timeoutMs ?? 30_000, opts.signal);
            this.inFlight.set(job.fileId, p);
            await p.finally(() => this.inFlight.delete(job.fileId));
          }
          summary.probed++;
        } catch {
          if (opts.signal?.aborted) return;
          summary.failed++;
        }
        done++;
        opts.onProgress?.(done, jobs.length, summary.failed);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
    summary.cancelled = opts.signal?.aborted === true;
    return summary;
  }
}
