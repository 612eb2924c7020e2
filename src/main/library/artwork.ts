// Artwork in the background and on demand: placeholder colours, frames grabbed for episodes without a thumb,
// and resized copies at the sizes the UI asks for, cached on disk.
import { mkdirSync, existsSync, statSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { runTool, stderrTail } from '../media-tools/run';
import { newId } from '../db/ids';
import { coveringWidth } from '../../shared/image-widths';


export interface ImageSource {
  id: string;
  path: string;
  signature: string;
}

/** The smallest of our widths that covers the request, so the cache holds few variants. */
export function variantWidth(requested: number | undefined): number | null {
  return requested === undefined ? null : coveringWidth(requested);
}

/**
 * sharp (libvips) is loaded on first use: a scan with no artwork to do never pays for it.
 * Its defaults keep up to 50 MB of operations in libvips' cache and a thread per core for each
 * image. Resized copies are cached on disk, so libvips' cache buys nothing here; it is off, and one
 * thread per image with few images at once (withImageSlot) bounds what resizing holds in memory.
 */
export async function loadSharp(): Promise<(typeof import('sharp'))['default']> {
  const sharp = (await import('sharp')).default;
  if (!sharpBounded) {
    sharp.cache(false);
    sharp.concurrency(1);
    sharpBounded = true;
  }
  return sharp;
}
let sharpBounded = false;

/** Images decoded at once by the server (each a full-size poster or backdrop in memory). */
const IMAGE_JOBS = 2;
let imageJobs = 0;
const waitingJobs: (() => void)[] = [];

/** Runs `job` when fewer than IMAGE_JOBS others are running. */
export async function withImageSlot<T>(job: () => Promise<T>): Promise<T> {
  if (imageJobs >= IMAGE_JOBS) await new Promise<void>((resolve) => waitingJobs.push(resolve));
  imageJobs++;
  try {
    return await job();
  } finally {
    imageJobs--;
    waitingJobs.shift()?.();
  }
}

export async function resizedImage(cacheDir: string, src: ImageSource, width: number): Promise<string> {
  const dir = join(cacheDir, 'img', src.id.slice(0, 2));
  const out = join(dir, `${src.id}-${width}-${src.signature.replace(/[^0-9a-z]/gi, '')}.webp`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${newId()}.tmp`;
  const sharp = await loadSharp();
  await withImageSlot(async () => {
    // Another request for the same variant may have made it while this one waited.
    if (existsSync(out)) return;
    await sharp(src.path, { failOn: 'none' }).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 78 }).toFile(tmp);
    renameSync(tmp, out);
  });
  return out;
}

export async function dominantColour(path: string): Promise<string> {
  const sharp = await loadSharp();
  const { dominant } = await sharp(path, { failOn: 'none' }).resize(32, 32, { fit: 'inside' }).stats();
  const hex = (n: number): string => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');
  return `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}`;
}

export class ArtworkWorker {
  constructor(
    private readonly db: Db,
    private readonly cacheDir: string,
    private readonly ffmpeg: string,
  ) {}

  async run(signal?: AbortSignal): Promise<{ placeholders: number; grabbed: number; failed: number }> {
    const result = { placeholders: 0, grabbed: 0, failed: 0 };
    await this.grabEpisodeThumbs(result, signal);
    await this.fillPlaceholders(result, signal);
    return result;
  }

  private async fillPlaceholders(result: { placeholders: number; failed: number }, signal?: AbortSignal): Promise<void> {
    const rows = this.db
      .prepare<[], { id: string; item_id: string | null; kind: string; path: string | null; cache_path: string | null }>(
        `SELECT i.id, i.item_id, i.kind, r.path || '/' || i.rel_path AS path, i.cache_path
         FROM images i LEFT JOIN library_roots r ON r.id = i.root_id
         WHERE i.placeholder IS NULL AND i.kind IN ('poster', 'thumb', 'backdrop')`,
      )
      .all();
    const setImage = this.db.prepare('UPDATE images SET placeholder = ? WHERE id = ?');
    const setItem = this.db.prepare(
      `UPDATE items SET placeholder = ? WHERE id = ? AND (placeholder IS NULL OR ? = 'poster')`,
    );
    for (const row of rows) {
      if (signal?.aborted) return;
      const path = row.cache_path ?? row.path;
      if (!path) continue;
      try {
        const colour = await dominantColour(path);
        setImage.run(colour, row.id);
        if (row.item_id && (row.kind === 'poster' || row.kind === 'thumb')) setItem.run(colour, row.item_id, row.kind);
        result.placeholders++;
      } catch {
        // An unreadable image keeps no placeholder; the UI falls back to its surface colour.
        setImage.run('', row.id);
        result.failed++;
      }
    }
  }

  /** Episodes without a local thumb get a frame from 10 % in, so the season list is not a wall of blanks. */
  private async grabEpisodeThumbs(result: { grabbed: number; failed: number }, signal?: AbortSignal): Promise<void> {
    const rows = this.db
      .prepare<[], { item_id: string; file_id: string; path: string; duration: number; size: number; mtime_ms: number }>(
        `SELECT e.id AS item_id, f.id AS file_id, r.path || '/' || f.rel_path AS path, f.duration, f.size, f.mtime_ms
         FROM items e
         JOIN files f ON f.item_id = e.id AND f.missing_since IS NULL AND f.probe_state = 'ok' AND f.duration > 0
         JOIN library_roots r ON r.id = f.root_id AND r.online = 1
         WHERE e.kind = 'episode' AND NOT EXISTS (SELECT 1 FROM images i WHERE i.item_id = e.id AND i.kind = 'thumb')
         GROUP BY e.id`,
      )
      .all();
    if (rows.length === 0) return;
    const dir = join(this.cacheDir, 'thumbs');
    mkdirSync(dir, { recursive: true });
    const insert = this.db.prepare(
      `INSERT INTO images (id, item_id, kind, cache_path, signature) VALUES (?, ?, 'thumb', ?, ?)
       ON CONFLICT (item_id, kind) WHERE item_id IS NOT NULL DO NOTHING`,
    );
    for (const row of rows) {
      if (signal?.aborted) return;
      const out = join(dir, `${row.file_id}.jpg`);
      const at = (row.duration * 0.1).toFixed(2);
      try {
        const r = await runTool(
          this.ffmpeg,
          ['-nostdin', '-v', 'error', '-ss', at, '-i', row.path, '-frames:v', '1', '-vf', 'scale=480:-2', '-q:v', '4', '-y', out],
          { timeoutMs: 30_000, nice: true, ...(signal ? { signal } : {}) },
        );
        if (r.code !== 0 || !existsSync(out) || statSync(out).size === 0) throw new Error(stderrTail(r.stderr) || `ffmpeg exited with ${String(r.code)}`);
        insert.run(newId(), row.item_id, out, `${row.size}:${row.mtime_ms}`);
        result.grabbed++;
      } catch {
        result.failed++;
      }
    }
  }
}
