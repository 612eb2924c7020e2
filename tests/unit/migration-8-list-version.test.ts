// Migration 8: the library list's own change counter, bumped by triggers at the writes the list shows and at
// no other, on a catalogue made before it.
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/open';
import { migrations } from '../../src/main/db/migrations';
import { rawDatabase } from '../helpers/sqlite';

function catalogueAt7() {
  const db = rawDatabase(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.filter((m) => m.version <= 7));
  db.exec(`
    INSERT INTO libraries (id, name, type, created_at) VALUES ('l', 'Films', 'movies', 'x');
    INSERT INTO library_roots (id, library_id, path) VALUES ('r', 'l', '/films');
    INSERT INTO items (id, library_id, kind, identity_key, title, sort_key, added_at, updated_at) VALUES ('m', 'l', 'movie', 'm', 'Harbour', 'harbour', 'a', 'a');
    INSERT INTO files (id, item_id, root_id, rel_path, size, mtime_ms, added_at) VALUES ('f', 'm', 'r', 'Harbour/Harbour.mkv', 1, 1, 'a');
    INSERT INTO people (id, name, name_key) VALUES ('p', 'Ada Quill', 'ada quill');
    INSERT INTO credits (item_id, person_id, role, ord) VALUES ('m', 'p', 'actor', 0);
    INSERT INTO collections (id, name) VALUES ('c', 'Harbour Films');
  `);
  return db;
}

function catalogueAt7Migrated() {
  const db = catalogueAt7();
  migrate(db, migrations);
  return db;
}

describe('migration 8', () => {
  it('adds a counter at 0 to a version-7 catalogue, keeps every row, and can run again after a rollback', () => {
    const db = catalogueAt7();
    expect(migrate(db, migrations)).toBe(migrations.filter((m) => m.version > 7).length);
    expect(db.prepare('SELECT n FROM list_version').pluck().all()).toEqual([0]);
    // A random epoch per catalogue: a list saved on disk is only ever taken for this one.
    const epoch = db.prepare<[], string>('SELECT epoch FROM list_version').pluck().get();
    expect(epoch).toMatch(/^[0-9a-f]{16}$/);
    expect(catalogueAt7Migrated().prepare('SELECT epoch FROM list_version').pluck().get()).not.toBe(epoch);
    expect(db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(1);
    db.prepare(`UPDATE items SET title = 'Harbour Lights'`).run();
    db.pragma('user_version = 7');
    migrate(db, migrations);
    expect(db.prepare('SELECT n, epoch FROM list_version').all()).toEqual([{ n: 1, epoch }]);
    db.close();
  });

  it('counts the writes the list shows', () => {
    const db = catalogueAt7();
    migrate(db, migrations);
    const counter = db.prepare<[], number>('SELECT n FROM list_version').pluck();
    const shows: [string, string][] = [
      ['a title added', `INSERT INTO items (id, library_id, kind, identity_key, title, sort_key, added_at, updated_at) VALUES ('n', 'l', 'movie', 'n', 'New', 'new', 'a', 'a')`],
      ['a title renamed', `UPDATE items SET title = 'Harbour Lights', sort_key = 'harbour lights' WHERE id = 'm'`],
      ['a placeholder colour', `UPDATE items SET placeholder = '#223344' WHERE id = 'm'`],
      ['a title gone missing', `UPDATE items SET missing_since = 'now' WHERE id = 'n'`],
      ['a poster', `INSERT INTO images (id, item_id, kind, cache_path) VALUES ('i', 'm', 'poster', '/p.jpg')`],
      ["a poster's colour", `UPDATE images SET placeholder = '#112233' WHERE id = 'i'`],
      ["a probe's video", `INSERT INTO streams (file_id, idx, type, codec, width, height) VALUES ('f', 0, 'video', 'hevc', 3840, 2160)`],
      ["a probe's audio language", `INSERT INTO streams (file_id, idx, type, codec, language) VALUES ('f', 1, 'audio', 'aac', 'jpn')`],
      ["a probe's duration (home's progress bars)", `UPDATE files SET duration = 5400, probe_state = 'ok' WHERE id = 'f'`],
      ['a watched mark', `INSERT INTO user_data (profile_id, item_id, played) VALUES ('default', 'm', 1)`],
      ['a position', `UPDATE user_data SET position_seconds = 60, played = 0 WHERE item_id = 'm'`],
      ['a genre', `INSERT INTO terms (kind, name) VALUES ('genre', 'Drama')`],
      ['a genre on a title', `INSERT INTO item_terms (item_id, term_id, ord) SELECT 'm', id, 0 FROM terms WHERE name = 'Drama'`],
      ['a rating', `INSERT INTO ratings (item_id, source, value, max) VALUES ('m', 'imdb', 7.1, 10)`],
      ['a rating changed', `UPDATE ratings SET value = 7.2 WHERE item_id = 'm'`],
      ['a credit', `INSERT INTO credits (item_id, person_id, role, ord) VALUES ('m', 'p', 'director', 0)`],
      ["a person's name", `UPDATE people SET name = 'Ada Quill-Moor' WHERE id = 'p'`],
      ['a collection renamed', `UPDATE collections SET name = 'Harbour Collection' WHERE id = 'c'`],
      ['a metadata state', `INSERT INTO item_metadata (item_id, state) VALUES ('m', 'waiting')`],
      ['a metadata state changed', `UPDATE item_metadata SET state = 'matched' WHERE item_id = 'm'`],
      ['a library removed (its titles go by cascade)', `DELETE FROM libraries WHERE id = 'l'`],
    ];
    for (const [what, sql] of shows) {
      const before = counter.get()!;
      db.exec(sql);
      expect({ what, moved: counter.get()! > before }).toEqual({ what, moved: true });
    }
    db.close();
  });

  it('counts nothing for the writes the list does not show', () => {
    const db = catalogueAt7();
    migrate(db, migrations);
    db.exec(`INSERT INTO item_metadata (item_id, state) VALUES ('m', 'needs-match');
      INSERT INTO user_data (profile_id, item_id, played) VALUES ('default', 'm', 0);`);
    const counter = db.prepare<[], number>('SELECT n FROM list_version').pluck();
    const before = counter.get();
    db.exec(`
      UPDATE libraries SET last_scan_at = 'now';
      UPDATE library_roots SET online = 0, last_error = 'asleep', last_poll_at = 'now';
      INSERT INTO dirs (root_id, rel_path, signature) VALUES ('r', 'Harbour', 'abc');
      UPDATE items SET updated_at = 'b', nfo_signature = '1:2', folder = 'Harbour', tagline = 'x' WHERE id = 'm';
      UPDATE items SET title = 'Harbour', year = NULL WHERE id = 'm';
      UPDATE files SET probe_state = 'failed', probe_error = 'not a video', probe_signature = '1:1', container = 'mkv' WHERE id = 'f';
      INSERT INTO chapters (file_id, idx, start, end) VALUES ('f', 0, 0, 60);
      INSERT INTO media_segments (item_id, kind, source, start_seconds, end_seconds, confidence, updated_at) VALUES ('m', 'intro', 'user', 0, 30, 1, 'now');
      INSERT INTO segment_analyses (group_id, signature, analysed_at, episodes, intros, credits) VALUES ('m', 's', 'now', 1, 0, 0);
      UPDATE item_metadata SET attempts = 3, retry_at = 'later', last_error = 'timeout', state = 'needs-match' WHERE item_id = 'm';
      UPDATE user_data SET play_count = 2, favourite = 1 WHERE item_id = 'm';
      UPDATE people SET tmdb_id = '42', biography = 'Born by the sea.', details_at = 'now' WHERE id = 'p';
      UPDATE collections SET overview = 'Three films.', tmdb_id = '7', details_at = 'now' WHERE id = 'c';
      INSERT INTO images (id, person_id, kind, cache_path) VALUES ('ph', 'p', 'photo', '/ada.jpg');
      INSERT INTO images (id, collection_id, kind, cache_path) VALUES ('cp', 'c', 'poster', '/c.jpg');
      INSERT INTO settings (key, value) VALUES ('home', '{}');
    `);
    expect(counter.get()).toBe(before);
    db.close();
  });
});
