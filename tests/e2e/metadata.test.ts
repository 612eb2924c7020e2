// Online metadata in real Chromium: a library with no NFO files, served by `media-centre serve` pointed at the
// local TMDB/OMDb stand-in. Once a key is entered in Settings › Metadata, titles get posters, plots, cast, IMDb
// rating and Metascore; a name that matches nothing says so, and Fix match works with the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { ItemDetail, ItemsResponse, PersonDetail } from '../../src/shared/api';
import { launchBrowser, pageApi, REPO_ROOT, screenshot, type TestWindow } from './harness';
import { FAKE_OMDB_KEY, FAKE_TMDB_KEY, startFakeProviders, type FakeProviders } from '../helpers/fake-providers';
import { writeFile } from '../helpers/fixtures';

let fake: FakeProviders;
let dir: string;
let child: ChildProcess | undefined;
let url = '';
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
const pageErrors: string[] = [];

const api = <T>(path: string): Promise<T> => pageApi<T>(page, path);

async function seriousViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Waits, with a bound, until the catalogue says what `ready` wants. */
async function untilItems(ready: (items: ItemsResponse['items']) => boolean): Promise<ItemsResponse['items']> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await api<ItemsResponse>('/api/v1/items');
    if (ready(items)) return items;
    if (Date.now() > deadline) throw new Error(`the catalogue never got there: ${JSON.stringify(items.map((i) => [i.title, i.metadataState]))}`);
    await page.waitForTimeout(200);
  }
}

async function focusedCandidate(): Promise<string | null> {
  return page.evaluate(() => {
    const a = (globalThis as unknown as TestWindow).document.activeElement as { dataset?: Record<string, string | undefined> } | null;
    return a?.dataset?.candidateId ?? null;
  });
}

describe('online metadata in the app', () => {
  beforeAll(async () => {
    fake = await startFakeProviders();
    dir = await mkdtemp(join(tmpdir(), 'media-centre-e2e-metadata-'));
    const lib = join(dir, 'lib');
    writeFile(lib, 'Movies/Alien (1979)/Alien (1979).mkv');
    writeFile(lib, 'Movies/Holiday Video (2019)/Holiday Video (2019).mkv');
    writeFile(lib, 'Shows/Doctor Who (2005)/Season 01/Doctor Who (2005) S01E01.mkv');
    child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'out/main/cli.js'), 'serve', '--data', join(dir, 'data'), '--no-watch', '--library', join(lib, 'Movies'), '--type', 'movies', '--library', join(lib, 'Shows'), '--type', 'shows', '--tmdb-url', fake.tmdbBaseUrl, '--omdb-url', fake.omdbBaseUrl],
      { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60_000);
      child?.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      child?.stdout?.on('data', (d: Buffer) => {
        log += d.toString();
        const m = /Media centre ready at (\S+)/.exec(log);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child?.once('exit', (code) => reject(new Error(`serve exited (${String(code)}):\n${log}`)));
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('without a key the titles come from the names', async () => {
    const items = await untilItems((list) => list.length === 3);
    expect(items.map((i) => [i.title, i.metadataState]).sort()).toEqual([['Alien', 'local'], ['Doctor Who', 'local'], ['Holiday Video', 'local']]);
  });

  it('a key entered in Settings › Metadata fills the library: posters, plots, cast, IMDb rating and Metascore', async () => {
    await page.goto(new URL('/settings/metadata', url).href);
    await page.locator('#tmdb-key').fill(FAKE_TMDB_KEY);
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Key saved.').waitFor();
    await page.locator('#omdb-key').fill(FAKE_OMDB_KEY);
    await page.locator('#omdb-key').press('Enter');
    await page.locator('#tmdb-key[placeholder="A key is set"]').waitFor();
    await page.locator('#omdb-key[placeholder="A key is set"]').waitFor();
    expect(await page.locator('#tmdb-key').inputValue()).toBe('');
    await screenshot(page, 'metadata-settings');
    const items = await untilItems((list) => list.every((i) => i.metadataState !== 'local' && i.metadataState !== 'waiting') && list.some((i) => i.ratings.metascore !== undefined));
    const alien = items.find((i) => i.title === 'Alien');
    expect(alien).toMatchObject({ metadataState: 'matched', ratings: { imdb: 8.5, metascore: 89 } });
    expect(alien?.poster).toMatch(/^\/img\//);

    await page.goto(new URL('/library', url).href);
    await page.locator(`[data-item-id="${alien?.id ?? ''}"] img`).waitFor();
    await page.getByText('Needs match').waitFor();
    await screenshot(page, 'metadata-library');

    await page.goto(new URL(`/movie/${alien?.id ?? ''}`, url).href);
    await page.getByText('A crew meets a deadly lifeform.').first().waitFor();
    await page.getByText('Sigourney Weaver').first().waitFor();
    await expect(page.locator('.ratings').first().textContent()).resolves.toMatch(/IMDb\s*8\.5/);
    await expect(page.locator('.ratings').first().textContent()).resolves.toMatch(/89\s*Metascore/);
    const trailer = page.locator('.trailers__link').first();
    expect(await trailer.getAttribute('href')).toBe('https://www.youtube.com/watch?v=LjLamj-b0I8');
    expect(await trailer.getAttribute('rel')).toContain('noopener');
    await screenshot(page, 'metadata-movie');
    expect(await seriousViolations()).toEqual([]);
  }, 90_000);

  it("a person's page shows TMDB's biography as text with the dates; a title shows its collection's overview", async () => {
    const alienId = (await untilItems((list) => list.some((i) => i.title === 'Alien' && i.metadataState === 'matched'))).find((i) => i.title === 'Alien')?.id ?? '';
    const alien = await api<ItemDetail>(`/api/v1/items/${alienId}`);
    const weaverId = alien.credits.find((c) => c.name === 'Sigourney Weaver')?.personId ?? '';
    // Person details come after the titles, at low priority: wait for them, with a bound.
    const deadline = Date.now() + 30_000;
    while ((await api<PersonDetail>(`/api/v1/people/${weaverId}`)).biography === null) {
      if (Date.now() > deadline) throw new Error('the person details never arrived');
      await page.waitForTimeout(200);
    }
    await page.goto(new URL(`/person/${weaverId}`, url).href);
    const bio = page.getByTestId('person-biography');
    await bio.waitFor();
    // Metadata is text: the markup in the made-up biography shows as characters, never as a bold element.
    expect(await bio.textContent()).toBe('A made-up biography: an actress from New York, in <b>space</b> films.');
    expect(await bio.locator('b').count()).toBe(0);
    await expect(page.getByTestId('person-born').textContent()).resolves.toMatch(/1949.*New York City/);
    await expect(page.getByTestId('person-department').textContent()).resolves.toBe('Acting');
    await expect(page.getByTestId('person-aka').textContent()).resolves.toBe('Susan Alexandra Weaver');
    expect(await seriousViolations()).toEqual([]);
    await screenshot(page, 'metadata-person');

    const deadline2 = Date.now() + 30_000;
    while (!(await api<ItemDetail>(`/api/v1/items/${alienId}`)).collectionDetails?.poster) {
      if (Date.now() > deadline2) throw new Error('the collection details never arrived');
      await page.waitForTimeout(200);
    }
    await page.goto(new URL(`/movie/${alienId}`, url).href);
    const intro = page.getByTestId('collection-intro');
    await intro.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('collection-overview').textContent()).resolves.toBe('A made-up overview: a deadly lifeform, film after film.');
    await intro.locator('img').evaluate((img) => new Promise((r) => ((img as unknown as { complete: boolean }).complete ? r(null) : img.addEventListener('load', () => r(null)))));
    expect(await seriousViolations()).toEqual([]);
    await screenshot(page, 'metadata-collection', false);
  }, 90_000);

  it('a name that matches nothing says so, and Fix match works by keyboard alone', async () => {
    const items = await untilItems((list) => list.some((i) => i.title === 'Holiday Video' && i.metadataState === 'needs-match'));
    const holiday = items.find((i) => i.title === 'Holiday Video');
    await page.goto(new URL(`/movie/${holiday?.id ?? ''}`, url).href);
    await page.getByText('No sure match was found online').waitFor();
    await page.getByRole('button', { name: 'Fix match…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Fix match' });
    await dialog.waitFor();
    // The title field has focus with its text selected: typing replaces it.
    await page.keyboard.type('The Thing');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1982');
    await page.keyboard.press('Enter');
    await dialog.locator('[data-candidate-id="1091"]').waitFor();
    await dialog.locator('.fix-match__poster').first().evaluate((img) => new Promise((r) => ((img as unknown as { complete: boolean }).complete ? r(null) : img.addEventListener('load', () => r(null)))));
    expect(await seriousViolations()).toEqual([]);
    await screenshot(page, 'metadata-fix-match', false);
    for (let i = 0; i < 6 && (await focusedCandidate()) !== '1091'; i++) await page.keyboard.press('Tab');
    expect(await focusedCandidate()).toBe('1091');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Antarctic researchers meet a shape-shifter.').first().waitFor();
    await expect(page.locator('h1').first().textContent()).resolves.toContain('The Thing');
    const after = await untilItems((list) => list.some((i) => i.id === holiday?.id && i.metadataState === 'locked'));
    expect(after.find((i) => i.id === holiday?.id)).toMatchObject({ title: 'The Thing', year: 1982, metadataState: 'locked' });
    // Escape closes the dialog without leaving the page.
    await page.getByRole('button', { name: /Fix match/ }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(page.url()).toContain(`/movie/${holiday?.id ?? ''}`);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
