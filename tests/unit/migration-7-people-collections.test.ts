// Migration 7 on a catalogue made before it: people and collections keep their rows and gain empty detail
// columns, and collection art has its own place in images.
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/open';
import { migrations } from '../../src/main/db/migrations';
import { rawDatabase } from '../helpers/sqlite';

describe('migration 7', () => {
  it('adds person and collection detail columns to a version-5 catalogue without losing a row', () => {
    const db = rawDatabase(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 5));
    db.prepare(`INSERT INTO people (id, name, name_key) VALUES ('p1', 'Sigourney Weaver', 'sigourney weaver')`).run();
    db.prepare(`INSERT INTO collections (id, name, overview) VALUES ('c1', 'Alien Collection', 'From an NFO.')`).run();
    expect(migrate(db, migrations)).toBe(migrations.filter((m) => m.version > 5).length);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7);
    expect(db.prepare('SELECT * FROM people').get()).toMatchObject({ id: 'p1', tmdb_id: null, biography: null, birthday: null, also_known_as: '[]', details_at: null });
    expect(db.prepare('SELECT * FROM collections').get()).toMatchObject({ id: 'c1', overview: 'From an NFO.', tmdb_id: null, details_at: null });
    db.prepare(`INSERT INTO images (id, collection_id, kind, cache_path) VALUES ('i1', 'c1', 'poster', '/x.jpg')`).run();
    expect(() => db.prepare(`INSERT INTO images (id, collection_id, kind, cache_path) VALUES ('i2', 'c1', 'poster', '/y.jpg')`).run()).toThrow(/UNIQUE/);
    db.prepare(`DELETE FROM collections WHERE id = 'c1'`).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM images').get()).toEqual({ n: 0 });
    db.close();
  });
});
