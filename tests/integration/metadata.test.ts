// Online metadata end to end against a local TMDB/OMDb stand-in (tests/helpers/fake-providers.ts): the real
// server, scanner, clients, cache and SQLite. Offline first, then a key; matching, NFO fields kept, episodes from
// their season, Fix match and its lock across rescans, the cache across a restart, language fallback, hostile answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RunningServer } from '../../src/main/server/media-server';
import { ScanService } from '../../src/main/library/scan-service';
import type { ApiErrorBody, ItemDetail, ItemsResponse, MatchCandidatesResponse, ScanProgress } from '../../src/shared/api';
import type { Settings } from '../../src/shared/settings';
import { FAKE_OMDB_KEY, FAKE_TMDB_KEY, startFakeProviders, type FakeProviders } from '../helpers/fake-providers';
import { movieNfo, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';

let fake: FakeProviders;
let dir: string;
let dataDir: string;
let renderer: string;
let server: RunningServer;
let srv: TestServer;
let origin: string;
let auth: Record<string, string>;
let deadUrl: string;
let lib: string;

async function start(): Promise<void> {
  srv = await startTestServer({ dataDir, rendererDir: renderer });
  server = srv.server;
  origin = srv.origin;
  auth = srv.auth;
}

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
async function items(): Promise<ItemsResponse['items']> {
  return ((await (await api('/items')).json()) as ItemsResponse).items;
}
async function detail(id: string): Promise<ItemDetail> {
  return (await (await api(`/items/${id}`)).json()) as ItemDetail;
}
async function putSettings(metadata: Record<string, unknown>): Promise<Settings> {
  const r = await api('/settings', { method: 'PUT', body: { metadata } });
  expect(r.status).toBe(200);
  return (await r.json()) as Settings;
}
/** Everything due, fetched: runs queue behind each other, so this also waits for the background one. */
async function settle(): Promise<void> {
  await server.services.metadata.run({});
}
async function rescan(full: boolean): Promise<void> {
  for (const lib of server.services.store.listLibraries()) await server.services.scans.start({ libraryId: lib.id, probe: false, full }).done;
}

const ids = new Map<string, string>();

beforeAll(async () => {
  fake = await startFakeProviders();
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/3`;
  await new Promise<void>((r) => dead.close(() => r()));

  dir = tempDir('mc-metadata-');
  dataDir = join(dir, 'data');
  renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  lib = join(dir, 'lib');
  for (const name of ['The Thing (2011)', 'Alien (1979)', '千と千尋の神隠し (2001)', 'Solaris [tmdbid-593]', 'Holiday Video (2019)', 'The Lives of Others (2006)', 'Blade Runner (1982)']) {
    writeFile(lib, `Movies/${name}/${name}.mkv`);
  }
  writeFile(lib, 'Movies/Blade Runner (1982)/Blade Runner (1982).nfo', movieNfo({ title: 'Blade Runner', year: 1982, plot: 'My own plot, from my NFO.' }));
  writeFile(lib, 'Shows/Doctor Who (2005)/Season 01/Doctor Who (2005) S01E01.mkv');
  writeFile(lib, 'Shows/Doctor Who (2005)/Season 01/Doctor Who (2005) S01E02.mkv');
  await start();
  for (const [path, type] of [[join(lib, 'Movies'), 'movies'], [join(lib, 'Shows'), 'shows']] as const) {
    const id = server.services.addLibrary({ type, paths: [path] });
    await server.services.scans.start({ libraryId: id }).done;
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  removeDir(dir);
});

describe('online metadata', () => {
  it('without a key the library works from names and says so (local)', async () => {
    const all = await items();
    expect(all.map((i) => i.title).sort()).toEqual(['Alien', 'Blade Runner', 'Doctor Who', 'Holiday Video', 'Solaris', 'The Lives of Others', 'The Thing', '千と千尋の神隠し']);
    expect(new Set(all.map((i) => i.metadataState))).toEqual(new Set(['local']));
    for (const i of all) ids.set(i.title, i.id);
  });

  it('with the provider unreachable, every title waits, the pages still answer, and nothing is lost', async () => {
    const s = await putSettings({ tmdbApiKey: FAKE_TMDB_KEY, omdbApiKey: FAKE_OMDB_KEY, tmdbBaseUrl: deadUrl, omdbBaseUrl: fake.omdbBaseUrl });
    // The keys are write-only: GET and PUT say whether one is set, never what it is.
    expect(s.metadata).toMatchObject({ tmdbApiKeySet: true, omdbApiKeySet: true });
    expect(JSON.stringify(await (await api('/settings')).json())).not.toContain(FAKE_TMDB_KEY);
    await settle();
    const all = await items();
    expect(new Set(all.map((i) => i.metadataState))).toEqual(new Set(['waiting']));
    const alien = await detail(ids.get('Alien') ?? '');
    expect(alien).toMatchObject({ title: 'Alien', year: 1979, metadataState: 'waiting', overview: null });
    const row = server.services.metadata.queries.work(alien.id);
    expect(row?.last_error).toMatch(/could not be reached/);
    expect(row?.retry_at).not.toBeNull();
  });

  it('once the provider answers, a library with no NFOs gets titles, plots, cast, posters, IMDb rating and Metascore', async () => {
    await putSettings({ tmdbBaseUrl: fake.tmdbBaseUrl });
    await settle();
    const alien = await detail(ids.get('Alien') ?? '');
    expect(alien).toMatchObject({ title: 'Alien', year: 1979, metadataState: 'matched', overview: 'A crew meets a deadly lifeform.', tagline: 'In space no one can hear you scream.', contentRating: 'R' });
    expect(alien.genres).toEqual(['Science Fiction', 'Horror']);
    expect(alien.credits.filter((c) => c.role === 'actor').map((c) => c.name)).toEqual(['Sigourney Weaver', 'Tom Skerritt']);
    expect(alien.credits.find((c) => c.role === 'director')?.name).toBe('Ridley Scott');
    expect(alien.credits[0]?.photo).toMatch(/^\/img\//);
    expect(alien.ratings).toEqual(expect.arrayContaining([{ source: 'imdb', value: 8.5, max: 10, votes: 1012345 }, { source: 'metascore', value: 89, max: 100, votes: null }]));
    expect(alien.providerIds).toMatchObject({ tmdb: '348', imdb: 'tt0078748' });
    // Trailers: only links we build, to known video sites.
    expect(alien.trailers).toEqual([{ name: 'Alien trailer', kind: 'trailer', site: 'youtube', url: 'https://www.youtube.com/watch?v=LjLamj-b0I8' }]);
    expect(alien.images.poster).toMatch(/^\/img\//);
    const poster = await fetch(`${origin}${alien.images.poster ?? ''}?w=200`, { headers: auth });
    expect(poster.status).toBe(200);
    expect((await sharp(Buffer.from(await poster.arrayBuffer())).metadata()).format).toBe('webp');
    const summary = (await items()).find((i) => i.id === alien.id);
    expect(summary).toMatchObject({ metadataState: 'matched', ratings: { imdb: 8.5, metascore: 89 } });
    expect(summary?.poster).toMatch(/^\/img\//);
  });

  it('a remake with its year is the remake; a non-Latin name finds its film; an id in the name is looked up, not searched', async () => {
    expect(await detail(ids.get('The Thing') ?? '')).toMatchObject({ title: 'The Thing', year: 2011, providerIds: { tmdb: '60935' }, overview: 'A prequel set at a Norwegian base.' });
    expect(await detail(ids.get('千と千尋の神隠し') ?? '')).toMatchObject({ title: 'Spirited Away', originalTitle: '千と千尋の神隠し', year: 2001, metadataState: 'matched' });
    expect(await detail(ids.get('Solaris') ?? '')).toMatchObject({ year: 1972, providerIds: { tmdb: '593' } });
    expect(fake.log.some((l) => l.startsWith('/3/search/movie') && l.includes('query=Solaris'))).toBe(false);
    // Known abroad by another name: matched through the provider's alternative titles.
    expect(await detail(ids.get('The Lives of Others') ?? '')).toMatchObject({ title: 'Das Leben der Anderen', providerIds: { tmdb: '582' } });
  });

  it('a name that matches nothing keeps its name and needs a match', async () => {
    const holiday = await detail(ids.get('Holiday Video') ?? '');
    expect(holiday).toMatchObject({ title: 'Holiday Video', year: 2019, metadataState: 'needs-match', overview: null });
  });

  it('what the NFO says wins: the provider only fills its gaps', async () => {
    const br = await detail(ids.get('Blade Runner') ?? '');
    expect(br).toMatchObject({ title: 'Blade Runner', overview: 'My own plot, from my NFO.', metadataState: 'matched' });
    expect(br.studios).toEqual(['Fake Studio']);
    expect(br.runtimeMinutes).toBe(117);
  });

  it('episodes get their titles, plots, air dates and stills from the season', async () => {
    const show = await detail(ids.get('Doctor Who') ?? '');
    expect(show).toMatchObject({ year: 2005, providerIds: { tmdb: '57243', tvdb: '78804' }, metadataState: 'matched', contentRating: 'TV-PG' });
    const eps = show.seasons?.[0]?.episodes ?? [];
    expect(eps.map((e) => [e.episode, e.title, e.airDate])).toEqual([[1, 'Rose', '2005-03-26'], [2, 'The End of the World', '2005-04-02']]);
    expect(eps[0]?.overview).toBe('Rose meets the Doctor.');
    expect(eps[0]?.thumb).toMatch(/^\/img\//);
  });

  it('a full rescan keeps the matches, re-applied from the cache without asking the providers again', async () => {
    const before = fake.log.length;
    await rescan(true);
    expect(await detail(ids.get('千と千尋の神隠し') ?? '')).toMatchObject({ title: 'Spirited Away', metadataState: 'matched' });
    const show = await detail(ids.get('Doctor Who') ?? '');
    expect(show.seasons?.[0]?.episodes.map((e) => e.title)).toEqual(['Rose', 'The End of the World']);
    expect(fake.log.slice(before)).toEqual([]);
  });

  it('a scan looks new titles up as its last phase, with progress in the scan events', async () => {
    writeFile(lib, 'Movies/Rocky II (1979)/Rocky II (1979).mkv');
    const seen: ScanProgress[] = [];
    const movies = server.services.store.listLibraries().find((l) => l.type === 'movies');
    const scans = new ScanService(server.services.store, '', null, (p) => seen.push(p), server.services.metadata);
    await scans.start({ libraryId: movies?.id ?? '', probe: false }).done;
    const phases = seen.map((p) => p.phase);
    expect(phases.indexOf('metadata')).toBeGreaterThan(-1);
    expect(phases.at(-1)).toBe('done');
    expect(seen.filter((p) => p.phase === 'metadata').at(-1)).toMatchObject({ metadataDone: 1, metadataTotal: 1 });
    const rocky = (await items()).find((i) => i.title === 'Rocky II');
    expect(rocky).toMatchObject({ year: 1979, metadataState: 'matched' });
  });

  it('a page that opens a waiting title starts its lookup without waiting for it', async () => {
    writeFile(lib, 'Movies/Solaris (2002)/Solaris (2002).mkv');
    const movies = server.services.store.listLibraries().find((l) => l.type === 'movies');
    // A scan without the metadata phase (as `scan --no-metadata` leaves it), then the title marked as waiting.
    await new ScanService(server.services.store, '', null, () => {}, null).start({ libraryId: movies?.id ?? '', probe: false }).done;
    server.services.metadata.prepare(movies?.id ?? '');
    const fresh = (await items()).find((i) => i.title === 'Solaris' && i.year === 2002);
    expect(fresh?.metadataState).toBe('waiting');
    expect(await detail(fresh?.id ?? '')).toMatchObject({ metadataState: 'waiting', overview: null });
    const deadline = Date.now() + 10_000;
    let now = await detail(fresh?.id ?? '');
    while (now.metadataState === 'waiting' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      now = await detail(fresh?.id ?? '');
    }
    expect(now).toMatchObject({ metadataState: 'matched', providerIds: { tmdb: '2103' }, overview: 'Soderbergh, on a space station.' });
  });

  it('Fix match: search by title and year or a pasted id, posters through our /img/, a choice that locks across rescans', async () => {
    const id = ids.get('Holiday Video') ?? '';
    const byName = (await (await api(`/items/${id}/match?q=${encodeURIComponent('The Thing')}&year=1982`)).json()) as MatchCandidatesResponse;
    expect(byName.candidates[0]).toMatchObject({ provider: 'tmdb', id: '1091', title: 'The Thing', year: 1982, poster: '/img/tmdb/thing1982.jpg' });
    const img = await fetch(`${origin}${byName.candidates[0]?.poster ?? ''}?w=120`, { headers: auth });
    expect(img.status).toBe(200);
    const pasted = (await (await api(`/items/${id}/match?q=tt0905372`)).json()) as MatchCandidatesResponse;
    expect(pasted.candidates.map((c) => c.id)).toEqual(['60935']);
    const bad = await api(`/items/${id}/match`, { method: 'POST', body: { provider: 'tmdb', id: 'abc' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiErrorBody).error.fields?.[0]?.path).toBe('id');
    expect((await api(`/items/${id}/match?year=12`)).status).toBe(400);
    expect((await api(`/items/${id}/match`, { method: 'POST', body: { provider: 'tmdb', id: '999999' } })).status).toBe(404);
    const chosen = await api(`/items/${id}/match`, { method: 'POST', body: { provider: 'tmdb', id: '1091' } });
    expect(chosen.status).toBe(200);
    expect((await chosen.json()) as ItemDetail).toMatchObject({ title: 'The Thing', year: 1982, metadataState: 'locked', overview: 'Antarctic researchers meet a shape-shifter.' });
    await rescan(true);
    await settle();
    expect(await detail(id)).toMatchObject({ title: 'The Thing', year: 1982, metadataState: 'locked' });
    await rescan(false);
    expect(await detail(id)).toMatchObject({ title: 'The Thing', metadataState: 'locked' });
  });

  it('the cache survives a restart: applying everything again asks the providers nothing', async () => {
    await server.close();
    await start();
    // The key was kept with the settings, and is still not shown.
    expect(((await (await api('/settings')).json()) as Settings).metadata.tmdbApiKeySet).toBe(true);
    expect(server.services.metadata.enabled()).toBe(true);
    await settle();
    const alienId = ids.get('Alien') ?? '';
    const appliedBefore = server.services.metadata.queries.work(alienId)?.applied_at;
    const before = fake.log.length;
    server.services.metadata.queries.reapplyAll();
    await settle();
    expect(server.services.metadata.queries.work(alienId)?.applied_at).not.toBe(appliedBefore);
    expect(server.services.metadata.cacheStats.hits).toBeGreaterThan(0);
    expect(fake.log.slice(before)).toEqual([]);
    expect(await detail(ids.get('Alien') ?? '')).toMatchObject({ metadataState: 'matched', overview: 'A crew meets a deadly lifeform.' });
  });

  it('a field empty in the chosen language falls back to English, field by field', async () => {
    await putSettings({ language: 'fr-FR', country: 'FR' });
    await settle();
    const alien = await detail(ids.get('Alien') ?? '');
    expect(alien.title).toBe('Alien, le huitième passager');
    expect(alien.overview).toBe('A crew meets a deadly lifeform.');
    expect(alien.tagline).toBe('In space no one can hear you scream.');
    expect(alien.trailers.length).toBe(1);
    await putSettings({ language: 'en-US', country: 'US' });
    await settle();
    expect((await detail(ids.get('Alien') ?? '')).title).toBe('Alien');
  });

  it('hostile answers are refused: a huge body, a redirect to another host, an image that is not an image', async () => {
    const target = createServer((_req, res) => res.end('{}'));
    let reached = 0;
    target.on('request', () => reached++);
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    fake.redirectTo = `http://127.0.0.1:${(target.address() as AddressInfo).port}/3/movie/1`;
    const id = ids.get('The Lives of Others') ?? '';
    const huge = await api(`/items/${id}/match`, { method: 'POST', body: { provider: 'tmdb', id: '666' } });
    expect(huge.status).toBe(502);
    expect(((await huge.json()) as ApiErrorBody).error.message).toMatch(/more than/);
    const redirect = await api(`/items/${id}/match`, { method: 'POST', body: { provider: 'tmdb', id: '667' } });
    expect(redirect.status).toBe(502);
    expect(((await redirect.json()) as ApiErrorBody).error.message).toMatch(/redirect/);
    expect(reached).toBe(0);
    await new Promise<void>((r) => target.close(() => r()));
    // Nothing was changed by the refused answers.
    expect(await detail(id)).toMatchObject({ title: 'Das Leben der Anderen', metadataState: 'matched' });
    const notImage = await api(`/items/${id}/match`, { method: 'POST', body: { provider: 'tmdb', id: '668' } });
    expect(notImage.status).toBe(200);
    const after = (await notImage.json()) as ItemDetail;
    expect(after).toMatchObject({ title: 'Not An Image', metadataState: 'locked' });
    expect(fake.log.some((l) => l.endsWith('/notanimage.jpg'))).toBe(true);
    // The old poster stays: bytes that do not decode as a picture are never stored or served.
    const poster = await fetch(`${origin}${after.images.poster ?? ''}`, { headers: auth });
    expect(poster.status).toBe(200);
    expect((await sharp(Buffer.from(await poster.arrayBuffer())).metadata()).format).toBe('jpeg');
    expect((await api(`/img/tmdb/..%2f..%2fetc%2fpasswd`)).status).toBeGreaterThanOrEqual(400);
  });

  it('removing the key makes waiting titles plainly local again; matched ones keep their data', async () => {
    await putSettings({ tmdbApiKey: '' });
    const all = await items();
    expect(all.find((i) => i.id === ids.get('Alien'))?.metadataState).toBe('matched');
    const s = (await (await api('/settings')).json()) as Settings;
    expect(s.metadata.tmdbApiKeySet).toBe(false);
    const m = await (await api(`/items/${ids.get('Alien') ?? ''}/match?q=Alien`)).json() as MatchCandidatesResponse;
    expect(m.message).toMatch(/No TMDB key/);
  });
});
