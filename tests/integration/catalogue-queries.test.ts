import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDatabase, type Db } from '../../src/main/db/open';
import { LibraryStore } from '../../src/main/db/library-store';
import { CatalogueQueries } from '../../src/main/db/catalogue-queries';
import { LibraryScan } from '../../src/main/library/scanner';
import { movieNfo, removeDir, tempDir, writeFile } from '../helpers/fixtures';

let dir: string;
let db: Db;
let queries: CatalogueQueries;

beforeAll(async () => {
  dir = tempDir();
  const films = join(dir, 'films');
  const shows = join(dir, 'shows');
  mkdirSync(films);
  mkdirSync(shows);
  writeFile(films, 'Harbour Lights (1998)/Harbour Lights (1998).mkv');
  writeFile(films, 'Harbour Lights (1998)/Harbour Lights (1998).nfo', movieNfo({
    title: 'Harbour Lights', year: 1998, plot: 'A lighthouse keeper and a storm.', genres: ['Drama', 'Mystery'],
    actors: [{ name: 'Ada Quill', role: 'Keeper' }], imdb: 7.4, metascore: 71,
  }));
  writeFile(films, 'Paper Kites (2004)/Paper Kites (2004).mkv');
  writeFile(films, 'Paper Kites (2004)/Paper Kites (2004).nfo', movieNfo({ title: 'Paper Kites', year: 2004, genres: ['Family'], actors: [{ name: 'Ada Quill', role: 'Aunt' }] }));
  writeFile(films, 'Harbourmaster (2011)/Harbourmaster (2011).mkv');
  writeFile(shows, 'Night Ferry/tvshow.nfo', '<tvshow><title>Night Ferry</title><genre>Thriller</genre></tvshow>');
  writeFile(shows, 'Night Ferry/Season 1/Night Ferry - S01E01 - Harbour Wall.mkv');
  writeFile(shows, 'Night Ferry/Season 1/Night Ferry - S01E02 - Fog.mkv');
  writeFile(shows, 'Coming Soon/tvshow.nfo', '<tvshow><title>Coming Soon</title><status>Upcoming</status></tvshow>');
  db = openDatabase(join(dir, 'library.db'));
  const store = new LibraryStore(db);
  const movies = store.addLibrary({ name: 'Films', type: 'movies', paths: [{ path: films, isNetwork: false }], pollMinutes: 0 });
  const series = store.addLibrary({ name: 'Shows', type: 'shows', paths: [{ path: shows, isNetwork: false }], pollMinutes: 0 });
  await new LibraryScan(store, movies).run();
  await new LibraryScan(store, series).run();
  queries = new CatalogueQueries(db);
});

afterAll(() => {
  db.close();
  removeDir(dir);
});

describe('the catalogue list', () => {
  it('lists movies and series with their genres, ratings and episode counts, and counts them alike', () => {
    const items = queries.listItems();
    expect(items.map((i) => i.title)).toEqual(['Coming Soon', 'Harbour Lights', 'Harbourmaster', 'Night Ferry', 'Paper Kites']);
    const harbour = items.find((i) => i.title === 'Harbour Lights')!;
    expect(harbour).toMatchObject({ kind: 'movie', year: 1998, genres: ['Drama', 'Mystery'], ratings: { imdb: 7.4, metascore: 71 }, watched: false, missing: false });
    expect(items.find((i) => i.title === 'Night Ferry')).toMatchObject({ kind: 'series', episodeCount: 2, genres: ['Thriller'] });
    // An announced series with no episodes is listed, not hidden as missing.
    expect(items.find((i) => i.title === 'Coming Soon')).toMatchObject({ kind: 'series', episodeCount: 0 });
    expect(queries.countItems()).toBe(items.length);
  });

  it('builds the same summaries for a chosen few as for the whole list', () => {
    const all = queries.listItems();
    const few = [all[1]!.id, all[3]!.id];
    expect(queries.listItems('default', few)).toEqual([all[1], all[3]]);
    expect(queries.listItems('default', [])).toEqual([]);
  });

  it('marks a watched movie, and a series once all its episodes are watched', () => {
    const all = queries.listItems();
    const kites = all.find((i) => i.title === 'Paper Kites')!;
    queries.saveProgress(kites.id, 0, true);
    const ferry = all.find((i) => i.title === 'Night Ferry')!;
    const episodes = db.prepare("SELECT id FROM items WHERE kind = 'episode' AND series_id = ?").pluck().all(ferry.id) as string[];
    queries.saveProgress(episodes[0]!, 0, true);
    expect(queries.listItems('default', [ferry.id])[0]!.watched).toBe(false);
    queries.saveProgress(episodes[1]!, 0, true);
    const after = queries.listItems('default', [kites.id, ferry.id]);
    expect(after.map((i) => [i.title, i.watched])).toEqual([['Night Ferry', true], ['Paper Kites', true]]);
  });
});

describe('search', () => {
  it('finds titles by word prefix, episodes by title, and people by name', () => {
    const r = queries.search('harb');
    expect(r.movies.map((m) => m.title).sort()).toEqual(['Harbour Lights', 'Harbourmaster']);
    expect(r.episodes).toEqual([expect.objectContaining({ title: 'Harbour Wall', seriesTitle: 'Night Ferry', season: 1, episode: 1 })]);
    expect(r.movies.find((m) => m.title === 'Harbour Lights')).toEqual({ ...queries.listItems().find((i) => i.title === 'Harbour Lights'), match: null });
    const people = queries.search('ada');
    expect(people.people).toEqual([expect.objectContaining({ name: 'Ada Quill', credits: 2 })]);
    // Through FTS, a cast member's name finds the titles they are in.
    expect(people.movies.map((m) => m.title).sort()).toEqual(['Harbour Lights', 'Paper Kites']);
    // …and each says it was found through them, the matched word marked.
    for (const m of people.movies) {
      expect(m.match?.field).toBe('people');
      expect(m.match?.parts).toContainEqual({ text: 'Ada', hit: true });
      expect(m.match?.parts.map((p) => p.text).join('')).toBe('Ada Quill');
    }
  });

  it('keeps FTS5 syntax out of the user\'s hands', () => {
    for (const q of ['"', 'harb*"', 'NEAR(a b)', 'title:x', '-', '(((', 'AND OR NOT']) {
      expect(() => queries.search(q)).not.toThrow();
    }
    expect(queries.search('   ').movies).toEqual([]);
  });
});
