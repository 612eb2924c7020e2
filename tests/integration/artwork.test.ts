// Artwork after the scan: placeholder colours, frames grabbed for episodes without a thumb, resized copies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { openDatabase, type Db } from '../../src/main/db/open';
import { LibraryStore } from '../../src/main/db/library-store';
import { CatalogueQueries } from '../../src/main/db/catalogue-queries';
import { LibraryScan } from '../../src/main/library/scanner';
import { Prober } from '../../src/main/library/prober';
import { ArtworkWorker, resizedImage, variantWidth } from '../../src/main/library/artwork';
import { mediaTools } from '../../src/main/media-tools/tools';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';

let dir: string;
let db: Db;
let queries: CatalogueQueries;
let worker: ArtworkWorker;
let first: { placeholders: number; grabbed: number; failed: number };

const solid = (width: number, height: number, colour: string): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();

beforeAll(async () => {
  dir = tempDir();
  const shows = join(dir, 'shows');
  await makeClip(join(shows, 'Quiet Harbour', 'Season 1', 'Quiet Harbour - S01E01.mp4'), 'h264-aac-mp4', 4);
  writeFile(shows, 'Quiet Harbour/poster.jpg', await solid(600, 900, '#c02020'));
  writeFile(shows, 'Broken Poster/tvshow.nfo', '<tvshow><title>Broken Poster</title></tvshow>');
  writeFile(shows, 'Broken Poster/poster.jpg', 'this is not a jpeg');
  db = openDatabase(join(dir, 'library.db'));
  const store = new LibraryStore(db);
  queries = new CatalogueQueries(db);
  const id = store.addLibrary({ name: 'Shows', type: 'shows', paths: [{ path: shows, isNetwork: false }], pollMinutes: 0 });
  await new LibraryScan(store, id).run();
  await new Prober(store, mediaTools().ffprobe).run();
  worker = new ArtworkWorker(db, join(dir, 'cache'), mediaTools().ffmpeg);
  first = await worker.run();
});

afterAll(() => {
  db.close();
  removeDir(dir);
});

describe('artwork worker', () => {
  it('grabs a frame for an episode without a thumb, and gives it a placeholder', () => {
    expect(first.grabbed).toBe(1);
    const harbour = queries.listItems().find((i) => i.title === 'Quiet Harbour')!;
    const episode = queries.itemDetail(harbour.id)!.seasons![0]!.episodes[0]!;
    expect(episode.thumb).not.toBeNull();
    const row = db.prepare("SELECT cache_path, placeholder FROM images WHERE item_id = ? AND kind = 'thumb'").get(episode.id) as { cache_path: string; placeholder: string };
    expect(existsSync(row.cache_path)).toBe(true);
    expect(row.placeholder).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('keeps a poster\'s dominant colour as the title\'s placeholder, so the grid paints before images load', () => {
    const harbour = queries.listItems().find((i) => i.title === 'Quiet Harbour')!;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(harbour.placeholder!.slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(0xa0);
    expect(g).toBeLessThan(0x50);
    expect(b).toBeLessThan(0x50);
  });

  it('records an unreadable image without stopping, and does not try it again', async () => {
    expect(first.failed).toBe(1);
    expect(first.placeholders).toBe(2); // the poster and the grabbed frame
    const again = await worker.run();
    expect(again).toEqual({ placeholders: 0, grabbed: 0, failed: 0 });
  });
});

describe('resized copies', () => {
  it('picks the smallest width we keep that covers the request', () => {
    expect([variantWidth(undefined), variantWidth(1), variantWidth(300), variantWidth(320), variantWidth(5000)]).toEqual([null, 160, 320, 320, 1920]);
  });

  it('writes a WebP at that width once, and serves the cached file after', async () => {
    const poster = db.prepare("SELECT i.id, r.path || '/' || i.rel_path AS path, i.signature FROM images i JOIN library_roots r ON r.id = i.root_id WHERE i.kind = 'poster' AND i.rel_path LIKE 'Quiet%'").get() as { id: string; path: string; signature: string };
    const cache = join(dir, 'cache');
    const out = await resizedImage(cache, poster, 320);
    expect(await sharp(out).metadata()).toMatchObject({ format: 'webp', width: 320, height: 480 });
    // Dated an hour back: a rewrite would date it now, whatever the clock's resolution.
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(out, past, past);
    const made = statSync(out).mtimeMs;
    expect(await resizedImage(cache, poster, 320)).toBe(out);
    expect(statSync(out).mtimeMs).toBe(made);
    // A changed source (another signature) gets a new copy rather than the stale one.
    expect(await resizedImage(cache, { ...poster, signature: `${poster.signature}9` }, 320)).not.toBe(out);
  });
});
