// TMDB person/{id} and collection/{id} against the local stand-in (tests/helpers/fake-providers.ts): people credited on
// matched titles get their biography, dates and photo, collections their overview and art; what an NFO or a local
// photo gave is kept; answers come from the cache after a restart; a field empty in the chosen language is English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { startMediaServer, type RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { ResponseCache } from '../../src/main/metadata/cache';
import { PoliteHttp } from '../../src/main/metadata/http';
import { TmdbClient } from '../../src/main/metadata/tmdb/client';
import type { ItemDetail, ItemsResponse, PersonDetail } from '../../src/shared/api';
import { FAKE_TMDB_KEY, startFakeProviders, type FakeProviders } from '../helpers/fake-providers';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';

let fake: FakeProviders;
let dir: string;
let dataDir: string;
let renderer: string;
let server: RunningServer;
let base: string;
let auth: Record<string, string>;

async function start(): Promise<void> {
  server = await startMediaServer({ dataDir, tools: mediaTools(), rendererDir: renderer, version: 'test', watch: false, log: () => {} });
  const url = new URL(server.url);
  base = `${url.origin}/api/v1`;
  auth = { Authorization: `Bearer ${url.searchParams.get('token') ?? ''}` };
}

const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
  const r = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...auth, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as T;
};
const settle = async (): Promise<void> => {
  await server.services.metadata.run({});
};
async function itemId(title: string): Promise<string> {
  const found = (await api<ItemsResponse>('/items')).items.find((i) => i.title === title);
  if (!found) throw new Error(`no item ${title}`);
  return found.id;
}
async function personNamed(item: ItemDetail, name: string): Promise<PersonDetail> {
  const credit = item.credits.find((c) => c.name === name);
  if (!credit) throw new Error(`${name} is not credited`);
  return api<PersonDetail>(`/people/${credit.personId}`);
}

beforeAll(async () => {
  fake = await startFakeProviders();
  dir = tempDir('mc-metadata-people-');
  dataDir = join(dir, 'data');
  renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const lib = join(dir, 'lib');
  writeFile(lib, 'Alien (1979)/Alien (1979).mkv');
  writeFile(lib, 'Blade Runner (1982)/Blade Runner (1982).mkv');
  // The NFO names the set and says what it is, and a local photo of its actor sits in Kodi's .actors folder.
  writeFile(
    lib,
    'Blade Runner (1982)/Blade Runner (1982).nfo',
    [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<movie><title>Blade Runner</title><year>1982</year>',
      '<set><name>Blade Runner Collection</name><overview>My own words about the set.</overview></set>',
      '<actor><name>Harrison Ford</name><role>Deckard</role><order>0</order></actor>',
      '<uniqueid type="tmdb" default="true">78</uniqueid></movie>',
    ].join('\n'),
  );
  writeFile(lib, 'Blade Runner (1982)/.actors/Harrison_Ford.jpg', await sharp({ create: { width: 40, height: 60, channels: 3, background: { r: 20, g: 90, b: 20 } } }).jpeg().toBuffer());
  await start();
  const id = server.services.addLibrary({ type: 'movies', paths: [lib] });
  await server.services.scans.start({ libraryId: id, probe: false }).done;
  await api('/settings', { method: 'PUT', body: { metadata: { tmdbApiKey: FAKE_TMDB_KEY, tmdbBaseUrl: fake.tmdbBaseUrl } } });
  await settle();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  removeDir(dir);
});

describe('TMDB person and collection details', () => {
  it('people credited on a matched title get biography, dates, place of birth, department, other names and a photo', async () => {
    const alien = await api<ItemDetail>(`/items/${await itemId('Alien')}`);
    const weaver = await personNamed(alien, 'Sigourney Weaver');
    expect(weaver).toMatchObject({
      biography: 'A made-up biography: an actress from New York, in <b>space</b> films.',
      birthday: '1949-10-08',
      deathday: null,
      placeOfBirth: 'New York City, New York, USA',
      knownForDepartment: 'Acting',
      alsoKnownAs: ['Susan Alexandra Weaver'],
    });
    expect(weaver.photo).toMatch(/^\/img\//);
    // Crew too, by the id in the credits; a person TMDB does not know stays as it was.
    expect(await personNamed(alien, 'Ridley Scott')).toMatchObject({ knownForDepartment: 'Directing', photo: null, alsoKnownAs: ['Sir Ridley Scott'] });
    expect(fake.log.filter((l) => l.startsWith('/3/person/10205'))).toHaveLength(1);
  });

  it('a collection gets its overview, poster and backdrop, shown with the title that belongs to it', async () => {
    const alien = await api<ItemDetail>(`/items/${await itemId('Alien')}`);
    expect(alien.collection).toBe('Alien Collection');
    expect(alien.collectionDetails).toMatchObject({ name: 'Alien Collection', overview: 'A made-up overview: a deadly lifeform, film after film.' });
    expect(alien.collectionDetails?.poster).toMatch(/^\/img\//);
    expect(alien.collectionDetails?.backdrop).toMatch(/^\/img\//);
    const poster = await fetch(`${new URL(base).origin}${alien.collectionDetails?.poster ?? ''}?w=200`, { headers: auth });
    expect(poster.status).toBe(200);
  });

  it('what the NFO and local files give wins: the set keeps its overview, the actor his local photo; gaps are filled', async () => {
    const br = await api<ItemDetail>(`/items/${await itemId('Blade Runner')}`);
    expect(br.collectionDetails).toMatchObject({ name: 'Blade Runner Collection', overview: 'My own words about the set.', backdrop: null });
    expect(br.collectionDetails?.poster).toMatch(/^\/img\//);
    const ford = await personNamed(br, 'Harrison Ford');
    expect(ford).toMatchObject({ biography: 'A made-up biography of a carpenter turned actor.', birthday: '1942-07-13' });
    const photo = server.services.store.db.prepare<[string], { root_id: string | null; cache_path: string | null }>(`SELECT root_id, cache_path FROM images WHERE person_id = ? AND kind = 'photo'`).get(ford.id);
    expect(photo).toMatchObject({ cache_path: null });
    expect(photo?.root_id).toBeTruthy();
    expect(fake.log.some((l) => l.endsWith('/ford.jpg'))).toBe(false);
  });

  it('after a restart, asking again is answered from the cache', async () => {
    await server.close();
    await start();
    await settle();
    const before = fake.log.length;
    server.services.store.db.prepare('UPDATE people SET details_at = NULL, biography = NULL WHERE tmdb_id IS NOT NULL').run();
    server.services.store.db.prepare('UPDATE collections SET details_at = NULL WHERE tmdb_id IS NOT NULL').run();
    await settle();
    expect(fake.log.slice(before)).toEqual([]);
    expect(server.services.metadata.cacheStats.hits).toBeGreaterThan(0);
    const alien = await api<ItemDetail>(`/items/${await itemId('Alien')}`);
    expect((await personNamed(alien, 'Tom Skerritt')).biography).toBe('A made-up biography of a character actor.');
  });

  it('a field empty in the chosen language is taken from English, field by field', async () => {
    const cacheDir = join(dir, 'lang-cache');
    const tmdb = new TmdbClient({ baseUrl: fake.tmdbBaseUrl, apiKey: FAKE_TMDB_KEY, language: 'fr-FR', country: 'FR' }, new PoliteHttp(), new ResponseCache(cacheDir));
    expect((await tmdb.person('10205'))?.biography).toBe('Une biographie inventée, en français.');
    expect((await tmdb.person('4139'))?.biography).toBe('A made-up biography of a character actor.');
    expect(await tmdb.person('999999')).toBeNull();
    const coll = await tmdb.collection('8091');
    expect(coll).toMatchObject({ name: 'Alien - Saga', overview: 'A made-up overview: a deadly lifeform, film after film.' });
    expect(coll?.parts.map((p) => p.id)).toEqual(['348', '679']);
  });
});
