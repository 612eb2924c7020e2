// The kept library list through the real server: writes the list does not show (segments, retry bookkeeping,
// a share's poll time, an unchanged rescan) keep it, ETag and all, without a rebuild; each write it shows
// (a title added, a watched mark, a position, a probe's resolution and languages, a poster's colour, a
// metadata state, another connection's write) is in the very next reply, on /catalogue, /items and /home.
// Server-Timing says whether a reply was kept ("hit") or built, so nothing here reads a clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import type { HomeResponse, ItemSummary, ItemsResponse, Library } from '../../src/shared/api';
import { decodeCatalogue, type CatalogueColumns } from '../../src/shared/catalogue-columns';
import { LibraryScan } from '../../src/main/library/scanner';
import { ArtworkWorker } from '../../src/main/library/artwork';
import { MetadataQueries } from '../../src/main/db/metadata-queries';
import { movieNfo, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { nextEvent, rendererFolder, startTestServer, type TestServer } from '../helpers/test-server';
import { rawDatabase } from '../helpers/sqlite';

let dir: string;
let films: string;
let server: RunningServer;
let srv: TestServer;
let library: Library;

beforeAll(async () => {
  dir = tempDir();
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: rendererFolder(dir) });
  server = srv.server;
  films = join(dir, 'films');
  writeFile(films, 'Harbour Lights (1998)/Harbour Lights (1998).mkv', 'not video');
  writeFile(films, 'Harbour Lights (1998)/Harbour Lights (1998).nfo', movieNfo({ title: 'Harbour Lights', year: 1998, genres: ['Drama'], actors: [{ name: 'Ada Quill' }], director: 'Wren Dale', imdb: 7.1 }));
  writeFile(films, 'Paper Kites (2004)/Paper Kites (2004).mkv', 'not video');
  writeFile(films, 'Paper Kites (2004)/Paper Kites (2004).nfo', movieNfo({ title: 'Paper Kites', year: 2004, genres: ['Family'], actors: [{ name: 'Bo Lark' }] }));
  // Subscribed before the library exists, so the end of its first scan cannot be missed (it is the only library).
  const scanned = await nextEvent(srv, (e) => e.type === 'library-changed', 60_000);
  library = (await (await srv.api('/libraries', { method: 'POST', body: { type: 'movies', paths: [films], name: 'Films' } })).json()) as Library;
  const event = await scanned.event;
  expect(event.type === 'library-changed' && event.libraryId).toBe(library.id);
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

interface Reply {
  status: number;
  etag: string;
  answer: string;
  json: unknown;
}
async function get(path: '/catalogue' | '/items' | '/home', etag?: string): Promise<Reply> {
  const res = await srv.api(path, etag ? { headers: { 'If-None-Match': etag } } : {});
  const answer = /list;desc="(\w+)"/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? '';
  return { status: res.status, etag: res.headers.get('etag') ?? '', answer, json: res.status === 200 ? await res.json() : null };
}
const listed = (reply: Reply): ItemSummary[] => decodeCatalogue(reply.json as CatalogueColumns).items;
const byTitle = (reply: Reply, title: string): ItemSummary => listed(reply).find((i) => i.title === title)!;

/** The three lists as the pages hold them now: the next change is measured against these. */
async function lists(): Promise<Record<'/catalogue' | '/items' | '/home', Reply>> {
  return { '/catalogue': await get('/catalogue'), '/items': await get('/items'), '/home': await get('/home') };
}

describe('writes the list does not show', () => {
  it('keep the list, its ETag and its bytes: no rebuild', async () => {
    const before = await lists();
    const { store, segments, db } = server.services;
    const harbour = byTitle(before['/catalogue'], 'Harbour Lights');
    const root = library.roots[0]!.id;
    // Intros and credits found, and one marked by hand; the season analysis remembered.
    segments.saveAnalysis({ id: harbour.id, kind: 'film', pending: 0, members: [], signature: 'sig' }, new Map(), ['bench']);
    segments.setUserSegment(harbour.id, 'intro', 0, 30);
    // Online metadata retried and failed again: bookkeeping, the state stays.
    const metadata = new MetadataQueries(db);
    metadata.setOutcome(harbour.id, { state: 'needs-match', error: 'timeout', retryAt: new Date(Date.now() + 3_600_000).toISOString() });
    const afterFirstOutcome = await lists(); // that first outcome gave the title a state: a list write
    metadata.setOutcome(harbour.id, { state: 'needs-match', error: 'timeout again', retryAt: new Date(Date.now() + 7_200_000).toISOString() });
    // A share polled, found online, the library marked scanned; a rescan that finds nothing new.
    store.markRootPolled(root);
    store.setRootStatus(root, true, null);
    store.markLibraryScanned(library.id);
    await new LibraryScan(store, library.id).run();
    for (const path of ['/catalogue', '/items', '/home'] as const) {
      const now = await get(path, afterFirstOutcome[path].etag);
      expect({ path, status: now.status, answer: now.answer, etag: now.etag }).toEqual({ path, status: 304, answer: 'hit', etag: afterFirstOutcome[path].etag });
    }
    expect(before['/catalogue'].etag).not.toBe(afterFirstOutcome['/catalogue'].etag);
  });
});

describe('each write the list shows', () => {
  /** Runs `write`, then checks every list changed and was built for the very next request. */
  async function changes(what: string, write: () => unknown | Promise<unknown>, paths: readonly ('/catalogue' | '/items' | '/home')[] = ['/catalogue', '/items']): Promise<Record<string, Reply>> {
    const before = await lists();
    await write();
    const after: Record<string, Reply> = {};
    for (const path of paths) {
      const now = await get(path, before[path].etag);
      expect({ what, path, status: now.status, answer: now.answer, changed: now.etag !== before[path].etag }).toEqual({ what, path, status: 200, answer: 'built', changed: true });
      after[path] = now;
      expect((await get(path, now.etag)).answer).toBe('hit');
    }
    return after;
  }

  it('a title added by a scan that does not announce it', async () => {
    writeFile(films, 'Glass Fields (2010)/Glass Fields (2010).mkv', 'not video');
    const after = await changes('title added', () => new LibraryScan(server.services.store, library.id).run(), ['/catalogue', '/items', '/home']);
    expect(listed(after['/catalogue']!).map((i) => i.title)).toContain('Glass Fields');
  });

  it('a watched mark and a position, written without the progress route, on the list and on home', async () => {
    const kites = byTitle(await get('/catalogue'), 'Paper Kites');
    const watched = await changes('watched', () => server.services.queries.saveProgress(kites.id, 0, true), ['/catalogue', '/items', '/home']);
    expect(byTitle(watched['/catalogue']!, 'Paper Kites').watched).toBe(true);
    expect((watched['/items']!.json as ItemsResponse).items.find((i) => i.id === kites.id)!.watched).toBe(true);
    const harbour = byTitle(await get('/catalogue'), 'Harbour Lights');
    const begun = await changes('position', () => server.services.queries.saveProgress(harbour.id, 600, false), ['/catalogue', '/home']);
    expect(byTitle(begun['/catalogue']!, 'Harbour Lights').inProgress).toBe(true);
    const continueWatching = (begun['/home']!.json as HomeResponse).rows.find((r) => r.kind === 'continue-watching');
    expect(continueWatching?.items.map((c) => c.id)).toContain(harbour.id);
    // And through the route, as the player sends it.
    await changes('progress route', () => srv.api(`/items/${harbour.id}/progress`, { method: 'PUT', body: { positionSeconds: 900 } }), ['/home']);
  });

  it("a probe's resolution and languages", async () => {
    const harbour = byTitle(await get('/catalogue'), 'Harbour Lights');
    const file = server.services.queries.itemDetail(harbour.id)!.files[0]!;
    const stream = { isDefault: true, isForced: false, isExternal: false, isHearingImpaired: false };
    const after = await changes('probe', () =>
      server.services.store.saveProbe(file.id, harbour.id, '9:9', {
        container: 'matroska',
        durationSeconds: 5400,
        bitrate: null,
        chapters: [],
        streams: [
          { ...stream, index: 0, type: 'video', codec: 'hevc', width: 3840, height: 2160 },
          { ...stream, index: 1, type: 'audio', codec: 'aac', language: 'jpn' },
          { ...stream, index: 2, type: 'subtitle', codec: 'subrip', language: 'fre' },
        ],
      }),
    );
    expect(byTitle(after['/catalogue']!, 'Harbour Lights')).toMatchObject({ resolution: '4k', languages: ['jpn'], subtitleLanguages: ['fre'], originalLanguage: 'jpn' });
  });

  it("a poster and its placeholder colour from the artwork worker", async () => {
    const { default: sharp } = await import('sharp');
    const kites = byTitle(await get('/catalogue'), 'Paper Kites');
    const poster = join(dir, 'kites-poster.png');
    await sharp({ create: { width: 20, height: 30, channels: 3, background: '#cc2200' } }).png().toFile(poster);
    const withPoster = await changes('poster', () => server.services.store.setCachedImage(kites.id, 'poster', poster, '1:1'));
    expect(byTitle(withPoster['/catalogue']!, 'Paper Kites').poster).toMatch(/^\/img\//);
    const coloured = await changes('placeholder', () => new ArtworkWorker(server.services.db, join(dir, 'data', 'cache'), 'ffmpeg').run());
    expect(byTitle(coloured['/catalogue']!, 'Paper Kites').placeholder).toMatch(/^#c[0-9a-f]2[0-9a-f]0[0-9a-f]$/);
  });

  it('a metadata state, and a title renamed by another connection (a CLI beside the server)', async () => {
    const kites = byTitle(await get('/catalogue'), 'Paper Kites');
    const matched = await changes('metadata state', () => new MetadataQueries(server.services.db).setOutcome(kites.id, { state: 'matched', provider: 'tmdb', providerId: '1' }));
    expect(byTitle(matched['/catalogue']!, 'Paper Kites').metadataState).toBe('matched');
    const other = rawDatabase(join(dir, 'data', 'library.db'));
    try {
      const renamed = await changes('other connection', () => other.prepare(`UPDATE items SET title = 'Paper Kites Redux' WHERE id = ?`).run(kites.id), ['/catalogue', '/items', '/home']);
      expect(listed(renamed['/catalogue']!).map((i) => i.title)).toContain('Paper Kites Redux');
    } finally {
      other.close();
    }
  });
});

describe('the next start', () => {
  it('answers the first list request from the saved list when nothing it shows was written meanwhile', async () => {
    const before = await lists();
    const counter = (): number => server.services.db.prepare<[], number>('SELECT n FROM list_version').pluck().get()!;
    const count = counter();
    await server.close();
    srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: rendererFolder(dir) });
    server = srv.server;
    await server.services.scans.whenIdle(); // the start-up rescan finds nothing new
    expect(counter()).toBe(count);
    for (const path of ['/catalogue', '/items', '/home'] as const) {
      const first = await get(path);
      expect({ path, answer: first.answer, etag: first.etag }).toEqual({ path, answer: 'disk', etag: before[path].etag });
      expect(first.json).toEqual(before[path].json);
    }
  });
});
