import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renameSync, rmSync, symlinkSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/main/db/open';
import { LibraryStore } from '../../src/main/db/library-store';
import { CatalogueQueries } from '../../src/main/db/catalogue-queries';
import { LibraryScan } from '../../src/main/library/scanner';
import { Prober } from '../../src/main/library/prober';
import { mediaTools } from '../../src/main/media-tools/tools';
import { makeClip, movieNfo, removeDir, tempDir, writeFile } from '../helpers/fixtures';

let dir: string;
let lib: string;
let db: Db;
let store: LibraryStore;
let queries: CatalogueQueries;

function addLibrary(type: 'movies' | 'shows' | 'mixed' = 'movies', root = lib): string {
  return store.addLibrary({ name: 'Test', type, paths: [{ path: root, isNetwork: false }], pollMinutes: 0 });
}

const scan = (libraryId: string, opts = {}) => new LibraryScan(store, libraryId, opts).run();

function titles(): string[] {
  return queries.listItems().map((i) => i.title).sort();
}

beforeEach(() => {
  dir = tempDir();
  lib = join(dir, 'lib');
  mkdirSync(lib);
  db = openDatabase(join(dir, 'library.db'));
  store = new LibraryStore(db);
  queries = new CatalogueQueries(db);
});

afterEach(() => {
  db.close();
  removeDir(dir);
});

describe('phase one', () => {
  it('lists movies from folder names and NFOs, with the NFO winning over the path', async () => {
    writeFile(lib, 'Alien Planet (1979)/Alien Planet (1979).mkv');
    writeFile(lib, 'Alien Planet (1979)/Alien Planet (1979).nfo', movieNfo({ title: 'Alien Planet', year: 1979, plot: 'In space.', genres: ['Horror', 'Science Fiction'], director: 'Rhea Scott', imdb: 8.5, metascore: 89, actors: [{ name: 'Sig Weaver', role: 'Ripley' }] }));
    writeFile(lib, 'The.Quiet.Harbour.2004.1080p.BluRay.x264-GRP.mkv');
    const id = addLibrary();
    const s = await scan(id);
    expect(s.found).toBe(2);
    expect(s.added).toBe(2);
    expect(titles()).toEqual(['Alien Planet', 'The Quiet Harbour']);
    const alien = queries.listItems().find((i) => i.title === 'Alien Planet');
    expect(alien).toMatchObject({ year: 1979, genres: ['Horror', 'Science Fiction'], ratings: { imdb: 8.5, metascore: 89 } });
    const detail = queries.itemDetail(alien!.id)!;
    expect(detail.overview).toBe('In space.');
    expect(detail.credits.map((c) => [c.name, c.role, c.character])).toEqual([
      ['Rhea Scott', 'director', null],
      ['Sig Weaver', 'actor', 'Ripley'],
    ]);
    expect(queries.listItems().find((i) => i.title === 'The Quiet Harbour')?.year).toBe(2004);
  });

  it('builds series, seasons and episodes, and keeps an announced series with no episodes', async () => {
    writeFile(lib, 'Harbour Lights (2015)/tvshow.nfo', '<tvshow><title>Harbour Lights</title><year>2015</year><status>Continuing</status><genre>Drama</genre><namedseason number="2">The Return</namedseason></tvshow>');
    writeFile(lib, 'Harbour Lights (2015)/Season 01/season.nfo', '<season><seasonnumber>1</seasonnumber><plot>The first winter.</plot></season>');
    writeFile(lib, 'Harbour Lights (2015)/Season 01/Harbour Lights - S01E01 - Arrival.mkv');
    writeFile(lib, 'Harbour Lights (2015)/Season 01/Harbour Lights - S01E02 - Storm.mkv');
    writeFile(lib, 'Harbour Lights (2015)/Season 02/Harbour Lights - S02E01.mkv');
    writeFile(lib, 'Harbour Lights (2015)/Season 02/Harbour Lights - S02E01.nfo', '<episodedetails><title>Return</title><season>2</season><episode>1</episode><aired>2017-03-01</aired></episodedetails>');
    writeFile(lib, 'Coming Soon (2027)/tvshow.nfo', '<tvshow><title>Coming Soon</title><premiered>2027-01-01</premiered><status>Upcoming</status></tvshow>');
    const id = addLibrary('shows');
    const s = await scan(id);
    // Files and series are counted apart: "3 files, 3 added" and "2 new series", not "5 added".
    expect(s).toMatchObject({ found: 3, added: 3, seriesAdded: 2 });
    const items = queries.listItems();
    expect(items.map((i) => [i.title, i.kind, i.episodeCount])).toEqual([
      ['Coming Soon', 'series', 0],
      ['Harbour Lights', 'series', 3],
    ]);
    const show = queries.itemDetail(items[1]!.id)!;
    expect(show.status).toBe('Continuing');
    expect(show.seasons!.map((s) => [s.number, s.episodes.map((e) => `${e.episode}:${e.title}`)])).toEqual([
      [1, ['1:Arrival', '2:Storm']],
      [2, ['1:Return']],
    ]);
    expect(show.seasons![1]!.episodes[0]!.airDate).toBe('2017-03-01');
    expect(show.seasons!.map((s) => [s.title, s.overview])).toEqual([
      ['Season 1', 'The first winter.'],
      ['The Return', null],
    ]);
  });

  it('reads season.nfo in a season folder named with the series or as a bare number', async () => {
    writeFile(lib, 'Stargate SG-1/Stargate SG-1 Season 1/season.nfo', '<season><seasonnumber>1</seasonnumber><plot>The gate opens.</plot></season>');
    writeFile(lib, 'Stargate SG-1/Stargate SG-1 Season 1/Stargate SG-1 - 1x01.mkv');
    writeFile(lib, 'Seinfeld/2/season.nfo', '<season><seasonnumber>2</seasonnumber><plot>The second.</plot></season>');
    writeFile(lib, 'Seinfeld/2/Seinfeld - 03.mkv');
    const id = addLibrary('shows');
    await scan(id);
    const overviews = queries.listItems().map((i) => queries.itemDetail(i.id)!.seasons!.map((s) => [i.title, s.number, s.overview]));
    expect(overviews.flat()).toEqual([
      ['Seinfeld', 2, 'The second.'],
      ['Stargate SG-1', 1, 'The gate opens.'],
    ]);
  });

  it('gives a series folder without a tvshow.nfo its poster, fanart and season posters', async () => {
    writeFile(lib, 'Night Ferry/poster.jpg', 'poster');
    writeFile(lib, 'Night Ferry/fanart.jpg', 'fanart');
    writeFile(lib, 'Night Ferry/season01-poster.jpg', 'season poster');
    writeFile(lib, 'Night Ferry/Season 1/Night Ferry - S01E01.mkv');
    writeFile(lib, 'Loose Show/Loose Show - S01E01.mkv');
    writeFile(lib, 'Loose Show/folder.jpg', 'poster');
    const id = addLibrary('shows');
    await scan(id);
    const [loose, ferry] = queries.listItems();
    expect([loose!.title, ferry!.title]).toEqual(['Loose Show', 'Night Ferry']);
    expect(loose!.poster).not.toBeNull();
    const detail = queries.itemDetail(ferry!.id)!;
    expect(detail.images.poster).not.toBeNull();
    expect(detail.images.backdrop).not.toBeNull();
    expect(detail.seasons![0]!.poster).not.toBeNull();
  });

  it('hangs trailers on their movie and ignores samples', async () => {
    writeFile(lib, 'Paper Moon River (1999)/Paper Moon River (1999).mp4');
    writeFile(lib, 'Paper Moon River (1999)/trailers/Teaser.mp4');
    writeFile(lib, 'Paper Moon River (1999)/Paper Moon River (1999)-trailer.mp4');
    writeFile(lib, 'Paper Moon River (1999)/Paper Moon River (1999)-sample.mp4');
    writeFile(lib, 'Paper Moon River (1999)/.hidden.mp4');
    const id = addLibrary();
    await scan(id);
    const [movie] = queries.listItems();
    expect(queries.listItems()).toHaveLength(1);
    const detail = queries.itemDetail(movie!.id)!;
    expect(detail.extras.map((e) => e.extraType)).toEqual(['trailer', 'trailer']);
    expect(detail.files).toHaveLength(1);
  });

  it('hangs a suffixed trailer on a loose film in a shared folder', async () => {
    writeFile(lib, 'Films/Alien Planet (1979).mkv');
    writeFile(lib, 'Films/Alien Planet (1979)-trailer.mkv');
    writeFile(lib, 'Films/Other Film (1980).mkv');
    const id = addLibrary();
    await scan(id);
    expect(titles()).toEqual(['Alien Planet', 'Other Film']);
    const alien = queries.itemDetail(queries.listItems().find((i) => i.title === 'Alien Planet')!.id)!;
    expect(alien.extras.map((e) => e.extraType)).toEqual(['trailer']);
  });

  it('records a broken NFO as a failure, keeps the title from the path and goes on', async () => {
    writeFile(lib, 'Glass Garden (2011)/Glass Garden (2011).mkv');
    writeFile(lib, 'Glass Garden (2011)/Glass Garden (2011).nfo', '<movie><title>Glass Gar');
    writeFile(lib, 'Evil (2000)/Evil (2000).mkv');
    writeFile(lib, 'Evil (2000)/Evil (2000).nfo', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><movie><title>&e;</title></movie>');
    const id = addLibrary();
    const s = await scan(id);
    expect(titles()).toEqual(['Evil', 'Glass Garden']);
    expect(s.failed).toBeGreaterThanOrEqual(1);
    expect(s.warnings.some((w) => /Evil/.test(w.message))).toBe(true);
    expect(JSON.stringify(queries.listItems())).not.toContain('root:');
  });

  it('survives symbolic link loops, broken links and names that are not UTF-8', async () => {
    writeFile(lib, 'Loop Film (2001)/Loop Film (2001).mkv');
    symlinkSync(lib, join(lib, 'Loop Film (2001)', 'back-to-root'));
    symlinkSync(join(lib, 'nowhere'), join(lib, 'broken.mkv'));
    writeFileSync(Buffer.concat([Buffer.from(`${lib}/`), Buffer.from([0x42, 0xff, 0xfe, 0x2e, 0x6d, 0x6b, 0x76])]), 'x');
    writeFile(lib, `${'A'.repeat(120)} (2001)/${'B'.repeat(247)}.mkv`);
    const id = addLibrary();
    const s = await scan(id);
    expect(titles()).toContain('Loop Film');
    expect(s.warnings.some((w) => /UTF-8/.test(w.message))).toBe(true);
    expect(s.warnings.some((w) => /loop|already seen/.test(w.message))).toBe(true);
  });
});

describe('incremental rescans', () => {
  it('skips unchanged folders and changes nothing', async () => {
    for (let i = 0; i < 20; i++) writeFile(lib, `Film ${i} (2000)/Film ${i} (2000).mkv`);
    const id = addLibrary();
    await scan(id);
    const before = db.prepare('SELECT id, updated_at FROM items ORDER BY id').all();
    const s = await scan(id);
    expect(s).toMatchObject({ added: 0, updated: 0, removed: 0, moved: 0, dirsRead: 0 });
    expect(s.dirsSkipped).toBe(21);
    expect(db.prepare('SELECT id, updated_at FROM items ORDER BY id').all()).toEqual(before);
  });

  it('after a naming-rules update reads every folder once and counts the items it now identifies differently', async () => {
    writeFile(lib, 'The.Show.S01.1080p.WEB-DL/The.Show.S01E02.1080p.WEB-DL.mkv');
    writeFile(lib, 'The.Show.S01.1080p.WEB-DL/The.Show.S01E03.1080p.WEB-DL.mkv');
    writeFile(lib, 'Elementary/Season 2009/Elementary - 2009x03 - Ep Name.mkv');
    writeFile(lib, 'Seinfeld (1989)/tvshow.nfo', '<tvshow><title>Seinfeld</title></tvshow>');
    writeFile(lib, 'Seinfeld (1989)/Season 1/Seinfeld - S01E01.mkv');
    const id = addLibrary('shows');
    expect(await scan(id)).toMatchObject({ added: 4, reidentified: 0 });
    const showId = (db.prepare("SELECT id FROM items WHERE kind = 'series' AND title = 'The Show'").get() as { id: string }).id;
    const epId = (db.prepare("SELECT id FROM items WHERE kind = 'episode' AND title = 'Ep Name'").get() as { id: string }).id;
    // What the previous rules left: the release tags in the series' name, the 2009x03 episode unnumbered, and every
    // folder signed with the old rules version.
    db.prepare("UPDATE items SET title = 'The Show S01' WHERE id = ?").run(showId);
    db.prepare("UPDATE items SET identity_key = identity_key || ':old', title = 'Elementary - 2009x03 - Ep Name' WHERE id = ?").run(epId);
    db.prepare("UPDATE dirs SET signature = '3.' || substr(signature, instr(signature, '.') + 1)").run();

    const s = await scan(id);
    expect(s.dirsSkipped).toBe(0);
    // The series and the episode changed; the other episodes, the NFO-named series and the files did not.
    expect(s).toMatchObject({ reidentified: 2, added: 0, updated: 0, moved: 0, removed: 0, unchanged: 4 });
    expect(titles()).toEqual(['Elementary', 'Seinfeld', 'The Show']);
    const ep = db.prepare('SELECT id, title, season_number AS season, episode_number AS episode FROM items WHERE id = ?').get(epId);
    expect(ep).toEqual({ id: epId, title: 'Ep Name', season: 2009, episode: 3 });

    expect(await scan(id)).toMatchObject({ reidentified: 0, dirsRead: 0 });
  });

  it('counts nothing anew when a folder holding one item\'s several files is read again', async () => {
    writeFile(lib, 'Pixar Shorts/Luxo Jr.mkv');
    writeFile(lib, "Pixar Shorts/Geri's Game.mkv");
    const id = addLibrary();
    await scan(id);
    writeFile(lib, "Pixar Shorts/Red's Dream.mkv");
    const first = await scan(id);
    expect(first.added).toBe(1);
    // The files share one item; its title settles on one of them and stays there.
    writeFile(lib, 'Pixar Shorts/Tin Toy.mkv');
    expect(await scan(id)).toMatchObject({ added: 1, reidentified: 0 });
    utimesSync(join(lib, 'Pixar Shorts'), new Date(), new Date(Date.now() + 10_000));
    db.prepare("UPDATE dirs SET signature = 'stale'").run();
    expect(await scan(id)).toMatchObject({ added: 0, reidentified: 0 });
  });

  it('reads a folder again when its NFO changes', async () => {
    writeFile(lib, 'Film (2000)/Film (2000).mkv');
    const nfo = writeFile(lib, 'Film (2000)/Film (2000).nfo', movieNfo({ title: 'First Name' }));
    const id = addLibrary();
    await scan(id);
    writeFileSync(nfo, movieNfo({ title: 'Second Name', plot: 'Changed.' }));
    utimesSync(nfo, new Date(), new Date(Date.now() + 5000));
    await scan(id);
    expect(titles()).toEqual(['Second Name']);
  });

  it('keeps the item and its watch state when a file is renamed or moved', async () => {
    writeFile(lib, 'Old Name (2000)/Old Name (2000).mkv', 'some bytes');
    const id = addLibrary();
    await scan(id);
    const [item] = queries.listItems();
    queries.saveProgress(item!.id, 1234, true);
    renameSync(join(lib, 'Old Name (2000)'), join(lib, 'New Name (2000)'));
    renameSync(join(lib, 'New Name (2000)', 'Old Name (2000).mkv'), join(lib, 'New Name (2000)', 'New Name (2000).mkv'));
    const s = await scan(id);
    expect(s.moved).toBe(1);
    const items = queries.listItems();
    expect(items).toHaveLength(1);
    expect(items[0]!.id).toBe(item!.id);
    expect(items[0]!.title).toBe('New Name');
    expect(items[0]!.watched).toBe(true);
    expect(queries.itemDetail(item!.id)!.userData.positionSeconds).toBe(1234);
  });

  it('marks a removed file missing without deleting its history, and brings it back', async () => {
    const file = writeFile(lib, 'Gone Film (2003)/Gone Film (2003).mkv', 'bytes');
    writeFile(lib, 'Stays (2003)/Stays (2003).mkv');
    const id = addLibrary();
    await scan(id);
    const gone = queries.listItems().find((i) => i.title === 'Gone Film')!;
    queries.saveProgress(gone.id, 60, false);
    renameSync(file, join(dir, 'parked.mkv'));
    const s = await scan(id);
    expect(s.removed).toBe(1);
    expect(titles()).toEqual(['Stays']);
    expect(queries.itemDetail(gone.id)!.missing).toBe(true);
    expect(queries.itemDetail(gone.id)!.userData.positionSeconds).toBe(60);
    renameSync(join(dir, 'parked.mkv'), file);
    await scan(id);
    expect(titles()).toEqual(['Gone Film', 'Stays']);
    expect(queries.listItems().find((i) => i.title === 'Gone Film')!.id).toBe(gone.id);
  });

  it('moves a file between two folders that both stay, keeping its item', async () => {
    writeFile(lib, 'Shelf A/Wanderer (1999).mkv', 'wanderer bytes');
    writeFile(lib, 'Shelf A/Stays Put (1998).mkv', 'other bytes');
    writeFile(lib, 'Shelf B/Resident (2001).mkv', 'resident bytes');
    const id = addLibrary();
    await scan(id);
    const wanderer = queries.listItems().find((i) => i.title === 'Wanderer')!;
    renameSync(join(lib, 'Shelf A', 'Wanderer (1999).mkv'), join(lib, 'Shelf B', 'Wanderer (1999).mkv'));
    const s = await scan(id);
    expect(s).toMatchObject({ moved: 1, removed: 0, added: 0, dirsSkipped: 1 });
    expect(titles()).toEqual(['Resident', 'Stays Put', 'Wanderer']);
    expect(queries.listItems().find((i) => i.title === 'Wanderer')!.id).toBe(wanderer.id);
  });

  it('notices a deleted folder tree, its nested extras and a loose file in the root folder', async () => {
    writeFile(lib, 'Boxed (2004)/Boxed (2004).mkv', 'boxed');
    writeFile(lib, 'Boxed (2004)/trailers/Teaser.mkv', 'teaser');
    writeFile(lib, 'Boxed (2004)/extras/deep/Making Of.mkv', 'making of');
    const loose = writeFile(lib, 'Loose Film (2006).mkv', 'loose');
    writeFile(lib, 'Keeper (2005)/Keeper (2005).mkv', 'keeper');
    const id = addLibrary();
    await scan(id);
    rmSync(join(lib, 'Boxed (2004)'), { recursive: true });
    rmSync(loose);
    const s = await scan(id);
    expect(s.removed).toBe(4);
    expect(titles()).toEqual(['Keeper']);
    const present = db.prepare('SELECT rel_path FROM files WHERE missing_since IS NULL').pluck().all();
    expect(present).toEqual(['Keeper (2005)/Keeper (2005).mkv']);
    // The vanished folders lose their rows, so a folder that comes back is read afresh.
    expect(db.prepare("SELECT COUNT(*) FROM dirs WHERE rel_path LIKE 'Boxed%'").pluck().get()).toBe(0);
  });

  it('sees a folder vanish even when the scan that added its files was killed before its signature', async () => {
    writeFile(lib, 'Half Done (2010)/Half Done (2010).mkv', 'half');
    writeFile(lib, 'Other (2011)/Other (2011).mkv', 'other');
    const id = addLibrary();
    await scan(id);
    // What a database from before folder rows looked like, or a kill between the file and its folder row.
    db.exec('DELETE FROM dirs');
    db.pragma('user_version = 1');
    db.close();
    db = openDatabase(join(dir, 'library.db'));
    store = new LibraryStore(db);
    queries = new CatalogueQueries(db);
    expect(db.prepare('SELECT rel_path FROM dirs ORDER BY rel_path').pluck().all()).toEqual(['Half Done (2010)', 'Other (2011)']);
    rmSync(join(lib, 'Half Done (2010)'), { recursive: true });
    const s = await scan(id);
    expect(s.removed).toBe(1);
    expect(titles()).toEqual(['Other']);
  });

  it('finds moves and removals as well when so many folders changed that their files load in one pass', async () => {
    for (let i = 0; i < 600; i++) writeFile(lib, `Film ${i} (2000)/Film ${i} (2000).mkv`, `bytes of film ${i}`);
    const id = addLibrary();
    await scan(id);
    const moving = queries.listItems().find((i) => i.title === 'Film 7')!;
    renameSync(join(lib, 'Film 7 (2000)'), join(lib, 'Film Seven (2000)'));
    renameSync(join(lib, 'Film Seven (2000)', 'Film 7 (2000).mkv'), join(lib, 'Film Seven (2000)', 'Film Seven (2000).mkv'));
    rmSync(join(lib, 'Film 8 (2000)'), { recursive: true });
    const s = await scan(id, { full: true });
    expect(s).toMatchObject({ moved: 1, removed: 1, added: 0, dirsRead: 600 });
    expect(queries.listItems().find((i) => i.title === 'Film Seven')!.id).toBe(moving.id);
    expect(queries.countItems()).toBe(599);
  });

  it('reads a folder once when the watcher reports it and its parent together', async () => {
    writeFile(lib, 'Show Case (2012)/Show Case (2012).mkv', 'case');
    const id = addLibrary();
    await scan(id);
    writeFile(lib, 'Show Case (2012)/trailers/Trailer.mkv', 'trailer');
    const rootId = store.roots(id)[0]!.id;
    const s = await scan(id, { only: [{ rootId, relDir: 'Show Case (2012)' }, { rootId, relDir: 'Show Case (2012)/trailers' }] });
    expect(s).toMatchObject({ added: 1, dirsRead: 2, found: 2 });
    expect(db.prepare("SELECT COUNT(*) FROM items WHERE kind = 'extra'").pluck().get()).toBe(1);
  });

  it('changes nothing when the library folder is unreachable, and shows it offline', async () => {
    writeFile(lib, 'Film A (2000)/Film A (2000).mkv');
    const id = addLibrary();
    await scan(id);
    renameSync(lib, `${lib}-away`);
    const s = await scan(id);
    expect(s.roots[0]).toMatchObject({ online: false });
    expect(s.removed).toBe(0);
    expect(titles()).toEqual(['Film A']);
    expect(queries.libraries()[0]!.roots[0]!.online).toBe(false);
    // An unmounted share often leaves an empty mount point behind.
    mkdirSync(lib);
    const s2 = await scan(id);
    expect(s2.roots[0]).toMatchObject({ online: false });
    expect(titles()).toEqual(['Film A']);
    rmSync(lib, { recursive: true });
    renameSync(`${lib}-away`, lib);
    const s3 = await scan(id);
    expect(s3.roots[0]).toMatchObject({ online: true });
  });

  it('keeps what it knew when the share vanishes while the scan is committing', async () => {
    for (let i = 0; i < 60; i++) writeFile(lib, `Film ${i} (2000)/Film ${i} (2000).mkv`);
    const id = addLibrary();
    await scan(id);
    writeFile(lib, 'Film 99 (2000)/Film 99 (2000).mkv');
    let renamed = false;
    const s = await scan(id, {
      onProgress: () => {
        if (!renamed) {
          renamed = true;
          renameSync(lib, `${lib}-gone`);
        }
      },
    });
    expect(s.removed).toBe(0);
    expect(queries.listItems().filter((i) => !i.missing).length).toBeGreaterThanOrEqual(60);
  });

  it('a scan cancelled half-way keeps what it committed and the next one completes it without duplicates', async () => {
    for (let i = 0; i < 100; i++) writeFile(lib, `Film ${i} (2000)/Film ${i} (2000).mkv`);
    const id = addLibrary();
    const controller = new AbortController();
    let n = 0;
    await scan(id, { signal: controller.signal, onProgress: () => { if (++n === 1) controller.abort(); } });
    const partial = queries.listItems().length;
    expect(partial).toBeLessThan(100);
    await scan(id);
    expect(queries.listItems()).toHaveLength(100);
    const dupes = db.prepare('SELECT COUNT(*) AS n FROM (SELECT identity_key FROM items GROUP BY library_id, identity_key HAVING COUNT(*) > 1)').get() as { n: number };
    expect(dupes.n).toBe(0);
  });
});

describe('phase two: probing', () => {
  it('reads streams of real clips, sidecar subtitles, and records a corrupt file without stopping', async () => {
    await makeClip(join(lib, 'Clip One (2020)', 'Clip One (2020).mp4'), 'h264-aac-mp4');
    await makeClip(join(lib, 'Clip Two (2021)', 'Clip Two (2021).mkv'), 'two-audio-mkv');
    writeFile(lib, 'Clip Two (2021)/Clip Two (2021).en.srt', '1\n00:00:00,000 --> 00:00:01,000\nHello\n');
    writeFile(lib, 'Clip Two (2021)/Clip Two (2021).fr.forced.srt', '1\n00:00:00,000 --> 00:00:01,000\nBonjour\n');
    writeFile(lib, 'Broken (2022)/Broken (2022).mkv', 'this is not a video');
    const id = addLibrary();
    await scan(id);
    const prober = new Prober(store, mediaTools().ffprobe);
    const r = await prober.run({ libraryId: id });
    expect(r).toMatchObject({ probed: 2, failed: 1 });
    const two = queries.itemDetail(queries.listItems().find((i) => i.title === 'Clip Two')!.id)!;
    const streams = two.files[0]!.streams;
    expect(two.files[0]!.container).toBe('mkv');
    expect(streams.filter((s) => s.type === 'audio').map((s) => [s.codec, s.language])).toEqual([
      ['aac', 'eng'],
      ['ac3', 'fre'],
    ]);
    expect(streams.filter((s) => s.isExternal).map((s) => [s.language, s.isForced])).toEqual([
      ['eng', false],
      ['fre', true],
    ]);
    expect(streams.find((s) => s.type === 'video')).toMatchObject({ codec: 'h264', width: 320, height: 180 });
    expect(queries.listItems().find((i) => i.title === 'Clip Two')!.languages).toEqual(['eng', 'fre']);
    const broken = queries.itemDetail(queries.listItems().find((i) => i.title === 'Broken')!.id)!;
    expect(broken.files[0]).toMatchObject({ probe: 'failed' });
    expect(broken.files[0]!.probeError).toBeTruthy();
  });
});
