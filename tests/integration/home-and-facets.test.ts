import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDatabase, type Db } from '../../src/main/db/open';
import { LibraryStore } from '../../src/main/db/library-store';
import { CatalogueQueries } from '../../src/main/db/catalogue-queries';
import { HomeQueries } from '../../src/main/db/home-queries';
import { buildHomePage } from '../../src/main/catalogue/home-page';
import { LibraryScan } from '../../src/main/library/scanner';
import { movieNfo, removeDir, tempDir, writeFile } from '../helpers/fixtures';

let dir: string;
let db: Db;
let queries: CatalogueQueries;
let home: HomeQueries;

beforeAll(async () => {
  dir = tempDir();
  const films = join(dir, 'films');
  const shows = join(dir, 'shows');
  mkdirSync(films);
  mkdirSync(shows);
  const film = (title: string, year: number, genres: string[], actor: string, set?: string) => {
    writeFile(films, `${title} (${year})/${title} (${year}).mkv`);
    writeFile(films, `${title} (${year})/${title} (${year}).nfo`, movieNfo({ title, year, genres, actors: [{ name: actor, role: 'Lead' }], director: 'Wren Dale', ...(set ? { set } : {}) }));
  };
  film('Harbour Lights', 1998, ['Drama', 'Mystery'], 'Ada Quill', 'Harbour Films');
  film('Harbour Lights Returns', 2003, ['Drama', 'Mystery'], 'Ada Quill', 'Harbour Films');
  film('Paper Kites', 2004, ['Drama', 'Family'], 'Bo Lark');
  film('Glass Fields', 2010, ['Drama'], 'Cy Moor');
  writeFile(shows, 'Night Ferry/tvshow.nfo', '<tvshow><title>Night Ferry</title><genre>Thriller</genre></tvshow>');
  for (const n of [1, 2, 3]) writeFile(shows, `Night Ferry/Season 1/Night Ferry - S01E0${n} - Part ${n}.mkv`);
  db = openDatabase(join(dir, 'library.db'));
  const store = new LibraryStore(db);
  const movies = store.addLibrary({ name: 'Films', type: 'movies', paths: [{ path: films, isNetwork: false }], pollMinutes: 0 });
  const series = store.addLibrary({ name: 'Shows', type: 'shows', paths: [{ path: shows, isNetwork: false }], pollMinutes: 0 });
  await new LibraryScan(store, movies).run();
  await new LibraryScan(store, series).run();
  queries = new CatalogueQueries(db);
  home = new HomeQueries(db);
});

afterAll(() => {
  db.close();
  removeDir(dir);
});

const idOf = (title: string): string => queries.listItems().find((i) => i.title === title)!.id;
const episodes = (): string[] =>
  db.prepare("SELECT id FROM items WHERE kind = 'episode' ORDER BY season_number, episode_number").pluck().all() as string[];

describe('the home page', () => {
  it('builds the rows in the default order, leaving out the empty ones', () => {
    const page = buildHomePage(home, queries);
    const ids = page.rows.map((row) => row.id);
    // Nothing watched yet: no Continue watching, no Next up.
    expect(ids.slice(0, 3)).toEqual(['latest-movies', 'latest-episodes', 'recently-added']);
    expect(ids).toContain('genre:Drama');
    expect(ids).not.toContain('genre:Thriller'); // one title is not a row
    expect(ids.some((id) => id.startsWith('collection:'))).toBe(true);
    const latest = page.rows.find((row) => row.id === 'latest-movies')!;
    expect(latest.items.map((card) => card.title)).toEqual(['Glass Fields', 'Paper Kites', 'Harbour Lights Returns', 'Harbour Lights']);
  });

  it('follows a saved order and hides what the settings hide', () => {
    const page = buildHomePage(home, queries, {
      rows: [
        { id: 'genres', visible: true },
        { id: 'latest-movies', visible: false },
        { id: 'latest-episodes', visible: false },
        { id: 'recently-added', visible: false },
        { id: 'collections', visible: false },
      ],
    });
    expect(page.rows.every((row) => row.kind === 'genres')).toBe(true);
  });

  it('shows a begun movie in Continue watching with its progress, and the next episode in Next up', () => {
    queries.saveProgress(idOf('Paper Kites'), 600, undefined);
    const [first] = episodes();
    queries.saveProgress(first!, 0, true);
    const page = buildHomePage(home, queries);
    expect(page.rows[0]?.id).toBe('continue-watching');
    expect(page.rows[0]?.items.map((card) => card.title)).toEqual(['Paper Kites']);
    expect(page.rows[0]?.items[0]?.positionSeconds).toBe(600);
    const nextUp = page.rows.find((row) => row.id === 'next-up')!;
    expect(nextUp.items).toEqual([expect.objectContaining({ id: episodes()[1], kind: 'episode', title: 'Night Ferry', subtitle: 'S1 · E2 · Part 2' })]);
  });
});

describe('the library list for filters', () => {
  it('carries people by index into one table, and marks in-progress titles', () => {
    const { items, people } = queries.catalogue();
    const lights = items.find((i) => i.title === 'Harbour Lights')!;
    const names = (lights.people ?? []).map((index) => people[index]?.name);
    expect(names).toEqual(['Ada Quill', 'Wren Dale']);
    // Each person is listed once, however many titles name them.
    expect(people.filter((p) => p.name === 'Wren Dale')).toHaveLength(1);
    expect(items.find((i) => i.title === 'Paper Kites')?.inProgress).toBe(true);
    expect(items.find((i) => i.title === 'Night Ferry')?.inProgress).toBe(true);
    expect(lights.inProgress).toBeUndefined();
  });
});
