// Migration 10: sidecar subtitle rows kept before the scanner named them by what they hold are put right:
// a VobSub pair becomes one dvd_subtitle track, a lone .idx goes, a lone .sub is MicroDVD, .smi is SAMI.
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/open';
import { migrations } from '../../src/main/db/migrations';
import { rawDatabase } from '../helpers/sqlite';

function catalogueAt9() {
  const db = rawDatabase(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.filter((m) => m.version <= 9));
  db.exec(`
    INSERT INTO libraries (id, name, type, created_at) VALUES ('l', 'Films', 'movies', 'x');
    INSERT INTO library_roots (id, library_id, path) VALUES ('r', 'l', '/films');
    INSERT INTO files (id, root_id, rel_path, size, mtime_ms, added_at, container, probe_state) VALUES
      ('a', 'r', 'A/A.mkv', 1, 1, 'a', 'mkv', 'ok'), ('b', 'r', 'B/B.mkv', 1, 1, 'a', 'mkv', 'ok');
    INSERT INTO streams (file_id, idx, type, codec, is_external, external_path) VALUES
      ('a', 0, 'video', 'h264', 0, NULL),
      ('a', 1, 'subtitle', 'sub', 0, NULL),
      ('a', 2, 'subtitle', 'idx', 1, 'A/A.en.idx'),
      ('a', 3, 'subtitle', 'sub', 1, 'A/A.en.SUB'),
      ('a', 4, 'subtitle', 'idx', 1, 'A/A.fr.idx'),
      ('a', 5, 'subtitle', 'sub', 1, 'A/A.de.sub'),
      ('a', 6, 'subtitle', 'smi', 1, 'A/A.ko.smi'),
      ('b', 0, 'subtitle', 'sub', 1, 'B/B.en.sub'),
      ('b', 1, 'subtitle', 'subrip', 1, 'B/B.en.srt');
  `);
  return db;
}

const rows = (db: ReturnType<typeof catalogueAt9>) =>
  db.prepare<[], { file_id: string; idx: number; codec: string }>('SELECT file_id, idx, codec FROM streams ORDER BY file_id, idx').all();

describe('migration 10', () => {
  it('pairs .idx with .sub, drops an .idx alone, names a lone .sub MicroDVD and .smi SAMI, touching nothing embedded', () => {
    const db = catalogueAt9();
    migrate(db, migrations);
    expect(rows(db)).toEqual([
      { file_id: 'a', idx: 0, codec: 'h264' },
      { file_id: 'a', idx: 1, codec: 'sub' },
      { file_id: 'a', idx: 2, codec: 'dvd_subtitle' },
      { file_id: 'a', idx: 5, codec: 'microdvd' },
      { file_id: 'a', idx: 6, codec: 'sami' },
      { file_id: 'b', idx: 0, codec: 'microdvd' },
      { file_id: 'b', idx: 1, codec: 'subrip' },
    ]);
  });

  it('changes nothing when run again after a rollback', () => {
    const db = catalogueAt9();
    migrate(db, migrations);
    const once = rows(db);
    db.pragma('user_version = 9');
    migrate(db, migrations);
    expect(rows(db)).toEqual(once);
  });
});
