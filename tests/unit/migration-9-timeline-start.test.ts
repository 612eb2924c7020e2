// Migration 9: where a file's timeline starts. MPEG-TS files are read again (their start was never kept,
// and the bundled ffprobe crashed on them, so many failed); nothing else is.
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/open';
import { migrations } from '../../src/main/db/migrations';
import { rawDatabase } from '../helpers/sqlite';

function catalogueAt8() {
  const db = rawDatabase(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.filter((m) => m.version <= 8));
  db.exec(`
    INSERT INTO libraries (id, name, type, created_at) VALUES ('l', 'Films', 'movies', 'x');
    INSERT INTO library_roots (id, library_id, path) VALUES ('r', 'l', '/films');
    INSERT INTO files (id, root_id, rel_path, size, mtime_ms, added_at, container, probe_state) VALUES
      ('ts-ok', 'r', 'A/A.ts', 1, 1, 'a', 'ts', 'ok'),
      ('ts-failed', 'r', 'B/B.M2TS', 1, 1, 'a', NULL, 'failed'),
      ('mkv-ok', 'r', 'C/C.mkv', 1, 1, 'a', 'mkv', 'ok'),
      ('mkv-failed', 'r', 'D/D.mkv', 1, 1, 'a', NULL, 'failed');
  `);
  return db;
}

describe('migration 9', () => {
  it('adds start_seconds and queues MPEG-TS files (read or failed) for another probe, and only them', () => {
    const db = catalogueAt8();
    expect(migrate(db, migrations)).toBe(migrations.filter((m) => m.version > 8).length);
    const states = Object.fromEntries(db.prepare<[], { id: string; probe_state: string }>('SELECT id, probe_state FROM files').all().map((r) => [r.id, r.probe_state]));
    expect(states).toEqual({ 'ts-ok': 'pending', 'ts-failed': 'pending', 'mkv-ok': 'ok', 'mkv-failed': 'failed' });
    expect(db.prepare('SELECT start_seconds FROM files').pluck().all()).toEqual([null, null, null, null]);
  });

  it('can run again after a rollback without queueing anything twice', () => {
    const db = catalogueAt8();
    migrate(db, migrations);
    db.exec(`UPDATE files SET probe_state = 'ok', start_seconds = 1.4 WHERE id = 'ts-ok'`);
    db.pragma('user_version = 8');
    migrate(db, migrations);
    expect(db.prepare(`SELECT probe_state, start_seconds FROM files WHERE id = 'ts-ok'`).get()).toEqual({ probe_state: 'ok', start_seconds: 1.4 });
  });
});
