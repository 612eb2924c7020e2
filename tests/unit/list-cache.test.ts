// The kept library list (src/main/catalogue/list-cache.ts) on a real SQLite catalogue: kept across writes the
// list does not show, built again after one it does, and during a scan sent as it was and rebuilt behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/main/db/open';
import { ListCache } from '../../src/main/catalogue/list-cache';

let db: Db;
let builds: number;
const build = (): unknown => {
  builds++;
  return db.prepare('SELECT id, title FROM items ORDER BY id').all();
};
const titled = (id: string, title: string): void => {
  db.prepare(
    `INSERT INTO items (id, library_id, kind, identity_key, title, sort_key, added_at, updated_at) VALUES (?, 'l', 'movie', ?, ?, ?, 'a', 'a')`,
  ).run(id, id, title, title.toLowerCase());
};
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare(`INSERT INTO libraries (id, name, type, created_at) VALUES ('l', 'Films', 'movies', 'x')`).run();
  titled('a', 'Alpha');
  builds = 0;
});
afterEach(() => db.close());

describe('the kept list', () => {
  it('is kept across writes the list does not show, and built again after one it shows', async () => {
    const lists = new ListCache(db, 0);
    const first = await lists.get('k', build);
    expect(first.answer).toBe('built');
    db.prepare(`UPDATE libraries SET last_scan_at = 'now' WHERE id = 'l'`).run();
    db.prepare(`UPDATE items SET updated_at = 'b', nfo_signature = '1:2' WHERE id = 'a'`).run();
    db.prepare(`UPDATE items SET title = 'Alpha' WHERE id = 'a'`).run(); // written as it was
    const kept = await lists.get('k', build);
    expect(kept).toMatchObject({ answer: 'hit', body: first.body });
    db.prepare(`UPDATE items SET title = 'Alpha Prime' WHERE id = 'a'`).run();
    const after = await lists.get('k', build);
    expect(after.answer).toBe('built');
    expect(after.body.etag).not.toBe(first.body.etag);
    expect(builds).toBe(2);
  });

  it('does not answer a request with a build that started before a write it must show', async () => {
    const lists = new ListCache(db, 0);
    const early = lists.get('k', build); // its build has read the catalogue; its gzip is under way
    titled('b', 'Beta');
    const late = lists.get('k', build);
    const [e, l] = await Promise.all([early, late]);
    expect(l.body.etag).not.toBe(e.body.etag);
    expect(l.body.stamp).toBeGreaterThan(e.body.stamp);
    expect((await lists.get('k', build)).body.etag).toBe(l.body.etag);
  });

  it('sees a write committed by another connection', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/list-cache-${process.pid}-${Date.now()}.db`;
    const a = openDatabase(file);
    const b = openDatabase(file);
    try {
      a.prepare(`INSERT INTO libraries (id, name, type, created_at) VALUES ('l', 'Films', 'movies', 'x')`).run();
      const lists = new ListCache(a, 0);
      const read = (): unknown => a.prepare('SELECT title FROM items').all();
      const first = await lists.get('k', read);
      b.prepare(`INSERT INTO items (id, library_id, kind, identity_key, title, sort_key, added_at, updated_at) VALUES ('x', 'l', 'movie', 'x', 'Xi', 'xi', 'a', 'a')`).run();
      const after = await lists.get('k', read);
      expect(after.answer).toBe('built');
      expect(after.body.etag).not.toBe(first.body.etag);
    } finally {
      a.close();
      b.close();
      for (const suffix of ['', '-wal', '-shm']) await import('node:fs').then((fs) => fs.rmSync(`${file}${suffix}`, { force: true }));
    }
  });

  it('while a scan writes, sends the list it has at once and builds one behind, one at a time; after the scan a request waits', async () => {
    const lists = new ListCache(db, 0);
    const first = await lists.get('k', build);
    titled('b', 'Beta');
    const stale = await lists.get('k', build, true);
    expect(stale).toMatchObject({ answer: 'stale', body: first.body });
    // Built after the reply, not during it.
    expect(builds).toBe(1);
    // Requests meanwhile get the same list and queue no second build.
    expect((await lists.get('k', build, true)).answer).toBe('stale');
    let answer = 'stale';
    for (let i = 0; i < 1000 && answer !== 'hit'; i++) {
      await nextTick();
      answer = (await lists.get('k', build, true)).answer;
    }
    expect(answer).toBe('hit');
    expect(builds).toBe(2);
    // The scan is over: a change is never sent stale.
    titled('c', 'Gamma');
    const after = await lists.get('k', build, false);
    expect(after.answer).toBe('built');
    expect(JSON.parse((await import('node:zlib')).gunzipSync(after.body.gzip).toString())).toHaveLength(3);
  });

  it('is saved to disk and answers the first request of the next start, only for this catalogue at this count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'list-cache-'));
    try {
      const first = new ListCache(db, 0, dir);
      const built = await first.get('k', build);
      expect(readdirSync(dir)).toHaveLength(1);
      // The next start, nothing written since: from disk, no build.
      const again = new ListCache(db, 0, dir);
      const fromDisk = await again.get('k', build);
      expect(fromDisk.answer).toBe('disk');
      expect(fromDisk.body.etag).toBe(built.body.etag);
      expect(fromDisk.body.gzip.equals(built.body.gzip)).toBe(true);
      expect((await again.get('k', build)).answer).toBe('hit');
      expect(builds).toBe(1);
      // A write the list shows before the next start: built again.
      titled('b', 'Beta');
      const changed = await new ListCache(db, 0, dir).get('k', build);
      expect(changed.answer).toBe('built');
      expect(builds).toBe(2);
      // Another catalogue at the same count (a restored backup, a new file) never takes this file.
      const other = openDatabase(':memory:');
      try {
        other.prepare('UPDATE list_version SET n = ?').run(db.prepare('SELECT n FROM list_version').pluck().get());
        let otherBuilds = 0;
        const theirs = await new ListCache(other, 0, dir).get('k', () => ++otherBuilds);
        expect(theirs.answer).toBe('built');
        expect(otherBuilds).toBe(1);
      } finally {
        other.close();
      }
      // A damaged file is a build, not an error.
      for (const name of readdirSync(dir)) writeFileSync(join(dir, name), 'not a list');
      expect((await new ListCache(db, 0, dir).get('k', build)).answer).toBe('built');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
