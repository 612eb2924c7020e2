// The library list the library page loads: GET /api/v1/catalogue in columns says what GET /api/v1/items
// says, is served from a cache that a database change (a scan, a watched mark) replaces, and is revalidated by ETag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import type { ItemSummary, ItemsResponse, Library, ServerEvent } from '../../src/shared/api';
import { decodeCatalogue, type CatalogueColumns } from '../../src/shared/catalogue-columns';
import { makeClip, movieNfo, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';

let dir: string;
let server: RunningServer;
let srv: TestServer;
let base: string;
let auth: Record<string, string>;

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
/** Resolves at the library-changed that follows the scan; the stream is open before anything can send it. */
async function afterScan(start: () => Promise<Library>): Promise<void> {
  const res = await fetch(`${base}/events`, { headers: auth });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const lib = await start();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += decoder.decode(value, { stream: true });
      for (const block of buffer.split('\n\n').slice(0, -1)) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        const event = data ? (JSON.parse(data.slice(6)) as ServerEvent) : null;
        if (event?.type === 'library-changed' && event.libraryId === lib.id) return;
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
  } finally {
    await reader.cancel();
  }
}

beforeAll(async () => {
  dir = tempDir();
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Media centre</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer });
  server = srv.server;
  base = srv.base;
  auth = srv.auth;
  const films = join(dir, 'films');
  await makeClip(join(films, 'Two Tongues (2011)', 'Two Tongues (2011).mkv'), 'two-audio-mkv');
  writeFile(films, 'Two Tongues (2011)/Two Tongues (2011).nfo', movieNfo({ title: 'Two Tongues', year: 2011, genres: ['Drama', 'Comedy'], actors: [{ name: 'Ada Quill' }, { name: 'Bo Lark' }], director: 'Wren Dale', imdb: 7.3, metascore: 64 }));
  writeFile(films, 'Amélie Again (2003)/Amélie Again (2003).mkv', 'not video');
  writeFile(films, 'Amélie Again (2003)/Amélie Again (2003).nfo', movieNfo({ title: 'Amélie Again', year: 2003, genres: ['Comedy'], actors: [{ name: 'Bo Lark' }], director: 'Wren Dale' }));
  await afterScan(async () => (await (await api('/libraries', { method: 'POST', body: { type: 'movies', paths: [films], name: 'Films' } })).json()) as Library);
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

const columns = async (): Promise<CatalogueColumns> => (await (await api('/catalogue')).json()) as CatalogueColumns;
/** What a summary says, with the time added to the second (the columns carry seconds). */
const comparable = (items: readonly ItemSummary[]): ItemSummary[] =>
  items.map((item) => ({ ...item, addedAt: new Date(Math.floor(Date.parse(item.addedAt) / 1000) * 1000).toISOString() }));

describe('the library list in columns', () => {
  it('decodes to exactly what GET /items sends, people and genres named once in dictionaries', async () => {
    const objects = (await (await api('/items')).json()) as ItemsResponse;
    const encoded = await columns();
    expect(encoded.count).toBe(2);
    expect(encoded.dict.genres.sort()).toEqual(['Comedy', 'Drama']);
    expect(encoded.dict.personNames.filter((n) => n === 'Bo Lark')).toHaveLength(1);
    const decoded = decodeCatalogue(encoded);
    expect(decoded.people).toEqual(objects.people);
    const byId = (list: ItemSummary[]) => [...list].sort((a, b) => a.id.localeCompare(b.id)).map((i) => ({ ...i, people: [...(i.people ?? [])].sort() }));
    expect(byId(decoded.items)).toEqual(byId(comparable(objects.items)));
  });

  it('names the original language by the first audio track, apart from the audio languages', async () => {
    const two = decodeCatalogue(await columns()).items.find((i) => i.title === 'Two Tongues')!;
    expect(two.languages.sort()).toEqual(['eng', 'fre']);
    expect(two.originalLanguage).toBe('eng');
    expect(two.ratings).toEqual({ imdb: 7.3, metascore: 64 });
    expect(decodeCatalogue(await columns()).items.find((i) => i.title === 'Amélie Again')!.originalLanguage).toBeUndefined();
  });

  it('answers 304 to a page holding the same list, and a new list once a title is marked watched', async () => {
    const first = await api('/catalogue');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toContain('no-cache');
    expect((await api('/catalogue', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const two = decodeCatalogue((await first.json()) as CatalogueColumns).items.find((i) => i.title === 'Two Tongues')!;
    expect(two.watched).toBe(false);
    expect((await api(`/items/${two.id}/progress`, { method: 'PUT', body: { positionSeconds: 0, played: true } })).status).toBe(204);
    const after = await api('/catalogue', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(decodeCatalogue((await after.json()) as CatalogueColumns).items.find((i) => i.id === two.id)!.watched).toBe(true);
    // /items follows the same change.
    expect(((await (await api('/items')).json()) as ItemsResponse).items.find((i) => i.id === two.id)!.watched).toBe(true);
  });
});
