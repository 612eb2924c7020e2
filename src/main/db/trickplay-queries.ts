// Reads for trickplay: which files of a library can have thumbnails (probed, present, with a picture), and
// every present file's path and signature, so sheets of files that went can be removed.
import { join } from 'node:path';
import type { Db } from './open';

export interface TrickplayFileRow {
  id: string;
  path: string;
  signature: string;
  durationSeconds: number;
  width: number | null;
  height: number | null;
}

export class TrickplayQueries {
  constructor(private readonly db: Db) {}

  /** Files of one library (or all) that are probed, present and have a video stream, newest first. */
  filesToThumbnail(libraryId?: string): TrickplayFileRow[] {
    const rows = this.db
      .prepare<[string | null, string | null], { id: string; rel_path: string; root_path: string; size: number; mtime_ms: number; duration: number; width: number | null; height: number | null }>(
        `SELECT f.id, f.rel_path, r.path AS root_path, f.size, f.mtime_ms, f.duration, s.width, s.height
         FROM files f JOIN library_roots r ON r.id = f.root_id
         JOIN streams s ON s.file_id = f.id AND s.type = 'video' AND s.is_external = 0
           AND s.idx = (SELECT MIN(idx) FROM streams WHERE file_id = f.id AND type = 'video')
         WHERE f.missing_since IS NULL AND f.probe_state = 'ok' AND f.duration > 0 AND (? IS NULL OR r.library_id = ?)
         ORDER BY f.added_at DESC`,
      )
      .all(libraryId ?? null, libraryId ?? null);
    return rows.map((r) => ({ id: r.id, path: join(r.root_path, r.rel_path), signature: `${r.size}:${r.mtime_ms}`, durationSeconds: r.duration, width: r.width, height: r.height }));
  }

  /** Path and signature of every file still in a library (the same signature as CatalogueQueries.fileSource). */
  presentFiles(): { path: string; signature: string }[] {
    return this.db
      .prepare<[], { rel_path: string; root_path: string; size: number; mtime_ms: number }>(
        `SELECT f.rel_path, r.path AS root_path, f.size, f.mtime_ms FROM files f JOIN library_roots r ON r.id = f.root_id WHERE f.missing_since IS NULL`,
      )
      .all()
      .map((r) => ({ path: join(r.root_path, r.rel_path), signature: `${r.size}:${r.mtime_ms}` }));
  }
}
