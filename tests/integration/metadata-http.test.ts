// The provider client's manners against the local TMDB stand-in: backoff on 429 and 5xx, time-outs of a few
// seconds, "offline" when nothing answers, hosts it may not contact, and answers cached on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ResponseCache } from '../../src/main/metadata/cache';
import { HttpError, PoliteHttp } from '../../src/main/metadata/http';
import { TmdbClient } from '../../src/main/metadata/tmdb/client';
import { FAKE_TMDB_KEY, startFakeProviders, type FakeProviders } from '../helpers/fake-providers';
import { removeDir, tempDir } from '../helpers/fixtures';

let fake: FakeProviders;
let dir: string;

beforeAll(async () => {
  fake = await startFakeProviders();
  dir = tempDir('mc-metadata-http-');
});

afterAll(async () => {
  await fake.close();
  removeDir(dir);
});

function client(http: PoliteHttp, cacheName: string, baseUrl = fake.tmdbBaseUrl, apiKey = FAKE_TMDB_KEY): TmdbClient {
  return new TmdbClient({ baseUrl, apiKey, language: 'en-US', country: 'US' }, http, new ResponseCache(join(dir, cacheName)));
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
}

describe('provider HTTP manners', () => {
  it('backs off on 429 and succeeds when the provider lets it', async () => {
    const http = new PoliteHttp({ backoffMs: 5, retries: 2 });
    fake.tooMany = 2;
    const before = fake.log.length;
    const found = await client(http, 'c429').search('movie', 'Alien', 1979);
    expect(found.map((c) => c.id)).toEqual(['348']);
    expect(fake.tooMany).toBe(0);
    expect(fake.log.slice(before).filter((l) => l.startsWith('/3/search/movie'))).toHaveLength(3);
  });

  it('backs off on a 5xx too, and succeeds when the provider is back', async () => {
    const http = new PoliteHttp({ backoffMs: 5, retries: 2 });
    fake.serverErrors = 2;
    const found = await client(http, 'c503').search('movie', 'Blade Runner', 1982);
    expect(found.map((c) => c.id)).toEqual(['78']);
    expect(fake.serverErrors).toBe(0);
  });

  it('after too many 429s the provider counts as down (offline: retried later), not as an error', async () => {
    const http = new PoliteHttp({ backoffMs: 1, retries: 1 });
    fake.tooMany = 5;
    const e = await failure(client(http, 'c429b').search('movie', 'Solaris', 1972));
    fake.tooMany = 0;
    expect(e.kind).toBe('offline');
    expect(e.message).toMatch(/429/);
  });

  it('gives up on a slow provider after its time-out', async () => {
    const http = new PoliteHttp({ timeoutMs: 150, retries: 0 });
    fake.delayMs = 2000;
    try {
      const e = await failure(client(http, 'cslow').search('movie', 'Rocky II', 1979));
      expect(e.kind).toBe('offline');
      expect(e.message).toMatch(/timed out/);
    } finally {
      fake.delayMs = 0;
    }
  });

  it('with nothing listening it is offline, at once', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/3`;
    await new Promise<void>((r) => dead.close(() => r()));
    const e = await failure(client(new PoliteHttp(), 'cdead', url).search('movie', 'Alien', null));
    expect(e.kind).toBe('offline');
  });

  it('a refused key is said as such', async () => {
    const e = await failure(client(new PoliteHttp(), 'ckey', fake.tmdbBaseUrl, 'wrong').search('movie', 'Alien', null));
    expect(e.kind).toBe('unauthorised');
  });

  it('contacts only hosts it was given, and follows no redirect', async () => {
    const http = new PoliteHttp();
    const e = await failure(http.json(new URL('http://127.0.0.1:9/anything')));
    expect(e.kind).toBe('hostile');
    http.allowHost(new URL(fake.url).host);
    const r = await failure(http.json(new URL(`${fake.tmdbBaseUrl}/movie/667?api_key=${FAKE_TMDB_KEY}`)));
    expect(r.message).toMatch(/redirect/);
  });

  it('a huge body is cut off at the limit', async () => {
    const http = new PoliteHttp();
    http.allowHost(new URL(fake.url).host);
    const e = await failure(http.json(new URL(`${fake.tmdbBaseUrl}/movie/666?api_key=${FAKE_TMDB_KEY}`), 64 * 1024));
    expect(e.kind).toBe('hostile');
  });

  it('answers are cached on disk and reused by a new client (a restart), without the key in the cache', async () => {
    const first = client(new PoliteHttp(), 'cshared');
    await first.details('movie', '348');
    const before = fake.log.length;
    const again = await client(new PoliteHttp(), 'cshared').details('movie', '348');
    expect(again.title).toBe('Alien');
    expect(fake.log.length).toBe(before);
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync(join(dir, 'cshared'), { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(join(dir, 'cshared', f), 'utf8')).not.toContain(FAKE_TMDB_KEY);
  });

  it('image URLs come only from the configured image host, for image paths of the documented form', async () => {
    const c = client(new PoliteHttp(), 'cimg');
    expect((await c.imageUrl('/alien.jpg', 'poster'))?.href).toBe(`${fake.url}/t/p/w780/alien.jpg`);
    expect(await c.imageUrl('//evil.example/x.jpg', 'poster')).toBeNull();
    expect(await c.imageUrl('/../../etc/passwd', 'poster')).toBeNull();
  });
});
