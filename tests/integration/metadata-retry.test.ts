// Offline is a state: titles wait while the provider does not answer, and the service tries again by itself,
// later, without a scan or a page asking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/main/db/open';
import { LibraryStore } from '../../src/main/db/library-store';
import { ScanService } from '../../src/main/library/scan-service';
import { SettingsStore } from '../../src/main/settings/settings-store';
import { MetadataService } from '../../src/main/metadata/fetcher';
import { FAKE_TMDB_KEY, startFakeProviders, type FakeProviders } from '../helpers/fake-providers';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';

let fake: FakeProviders;
let dir: string;
let db: Db;
let service: MetadataService;

beforeAll(async () => {
  fake = await startFakeProviders();
  dir = tempDir('mc-metadata-retry-');
  writeFile(join(dir, 'lib'), 'Alien (1979)/Alien (1979).mkv');
  db = openDatabase(join(dir, 'library.db'));
  const store = new LibraryStore(db);
  const libraryId = store.addLibrary({ name: 'Films', type: 'movies', paths: [{ path: join(dir, 'lib'), isNetwork: false }], pollMinutes: 0 });
  const settings = new SettingsStore(db);
  expect(settings.update({ metadata: { tmdbApiKey: FAKE_TMDB_KEY, tmdbBaseUrl: fake.tmdbBaseUrl } }).ok).toBe(true);
  // The provider is too slow to answer at first: every request times out.
  fake.delayMs = 3000;
  service = new MetadataService({ db, store, settings, cacheDir: join(dir, 'cache'), http: { timeoutMs: 150, retries: 0 }, retryCheckMs: 50, offlinePauseMs: 100 });
  await new ScanService(store, '', null, () => {}, service).start({ libraryId, probe: false }).done;
});

afterAll(async () => {
  service?.close();
  db?.close();
  fake.delayMs = 0;
  await fake?.close();
  removeDir(dir);
});

describe('a provider that does not answer', () => {
  it('leaves the title waiting with a retry time, and the service fetches it later by itself', async () => {
    const waiting = service.queries.counts();
    expect(waiting).toMatchObject({ waiting: 1, matched: 0 });
    fake.delayMs = 0;
    const deadline = Date.now() + 15_000;
    while (service.queries.counts().matched === 0) {
      if (Date.now() > deadline) throw new Error('the service never tried again');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(service.queries.counts()).toMatchObject({ waiting: 0, matched: 1 });
  });
});
