// The renderer in real Chromium against `media-centre serve --demo`: the library, search, a
// movie page, direct play, remux through hls.js (under the page's CSP), and a series page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ItemDetail, ItemSummary, MediaFile } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, type TestImage, type TestVideo, type TestWindow, openDemo, type DemoSession } from './harness';

const PLAYBACK_TIMEOUT_MS = 60_000;

let server: RunningServer | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

interface Catalogue {
  items: ItemSummary[];
  details: ItemDetail[];
}
let catalogue: Catalogue;

/** Everything the demo holds, read through the API with the page's own cookie. */
async function readCatalogue(): Promise<Catalogue> {
  return page.evaluate(async () => {
    const w = globalThis as unknown as TestWindow;
    const list = (await (await w.fetch('/api/v1/items', { credentials: 'same-origin' })).json()) as { items: ItemSummary[] };
    const details = await Promise.all(
      list.items.map(
        async (item) =>
          (await (await w.fetch(`/api/v1/items/${encodeURIComponent(item.id)}`, { credentials: 'same-origin' })).json()) as ItemDetail,
      ),
    );
    return { items: list.items, details };
  });
}

function streamsOf(file: MediaFile, type: 'video' | 'audio'): string[] {
  return file.streams.filter((stream) => stream.type === type).map((stream) => stream.codec.toLowerCase());
}

function findMovie(describeIt: string, test: (file: MediaFile) => boolean): { movie: ItemDetail; file: MediaFile } {
  for (const detail of catalogue.details) {
    if (detail.kind !== 'movie') continue;
    const file = detail.files.find((candidate) => !candidate.missing && candidate.probe === 'ok' && test(candidate));
    if (file) return { movie: detail, file };
  }
  throw new Error(`The demo library has no ${describeIt}; titles: ${catalogue.items.map((item) => item.title).join(', ')}`);
}

/** Goes to the library through the app's own link, searches for a title and opens its card. */
async function openFromLibrary(item: { id: string; title: string }): Promise<void> {
  await page.getByTestId('nav-library').click();
  const search = page.getByTestId('library-search');
  await search.fill(item.title);
  const card = page.locator(`.poster-card[data-item-id="${item.id}"]`);
  await card.waitFor({ state: 'visible' });
  await card.click();
  await page.getByTestId('item-title').waitFor({ state: 'visible' });
}

/** Jumps to `fraction` of the video and waits (bounded) until it plays on from there; returns the seconds it took. */
async function farSeek(fraction: number): Promise<number> {
  const target = await page.getByTestId('video').evaluate((element, f) => {
    const video = element as unknown as { duration: number; currentTime: number };
    const to = Math.floor(video.duration * f);
    video.currentTime = to;
    return to;
  }, fraction);
  const started = Date.now();
  await page.waitForFunction(
    (to) => {
      const video = (globalThis as unknown as TestWindow).document.querySelector('video') as unknown as { currentTime: number; seeking: boolean; readyState: number; error: { code: number } | null } | null;
      if (video?.error) throw new Error(`video error ${video.error.code}`);
      return video !== null && !video.seeking && video.readyState >= 3 && video.currentTime > to + 0.5;
    },
    target,
    { timeout: PLAYBACK_TIMEOUT_MS, polling: 100 },
  );
  return (Date.now() - started) / 1000;
}

async function waitForPlayback(): Promise<TestVideo> {
  // Muted so headless runs never depend on an audio device.
  await page.getByTestId('video').evaluate((element) => {
    (element as unknown as TestVideo).muted = true;
  });
  await page.waitForFunction(
    () => {
      const d = (globalThis as unknown as TestWindow).document;
      const video = d.querySelector('video') as TestVideo | null;
      if (video?.error) throw new Error(`video error ${video.error.code}: ${video.error.message}`);
      return video !== null && video.currentTime > 1 && video.videoWidth > 0;
    },
    undefined,
    { timeout: PLAYBACK_TIMEOUT_MS, polling: 250 },
  );
  return page.getByTestId('video').evaluate((element) => {
    const video = element as unknown as TestVideo;
    return {
      currentTime: video.currentTime,
      videoWidth: video.videoWidth,
      paused: video.paused,
      muted: video.muted,
      currentSrc: video.currentSrc,
      readyState: video.readyState,
      error: null,
      dataset: { engine: video.dataset.engine },
    };
  });
}

describe('the renderer against the demo library', () => {
  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 800 }, watch: { pageErrors, cspViolations } });
    ({ server, page } = demo);
    catalogue = await readCatalogue();
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('shows the posters of the demo library', async () => {
    try {
      await page.locator('.app-header').waitFor({ state: 'visible', timeout: 15_000 });
    } catch {
      const body = await page.evaluate(() => String((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText));
      throw new Error(`The app did not start; the page says: ${body.slice(0, 300) || '(nothing)'}`);
    }
    // The app opens on the home page; the library is one click away.
    await page.getByTestId('nav-library').click();
    await page.waitForFunction(
      () => {
        const d = (globalThis as unknown as TestWindow).document;
        const images = Array.from(d.querySelectorAll('.poster-card img')) as TestImage[];
        return images.filter((image) => image.complete && image.naturalWidth > 0).length >= 12;
      },
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.locator('.poster-card').count()).toBeGreaterThanOrEqual(12);
    // The smallest resized copy that covers the card, never the full-size original.
    // Posters below the fold load lazily and have no currentSrc yet: judge the ones the page has loaded.
    const sources = await page.locator('.poster-card img').evaluateAll((images) =>
      (images as unknown as TestImage[]).filter((image) => image.complete && image.naturalWidth > 0).map((image) => image.currentSrc),
    );
    expect(sources.length).toBeGreaterThanOrEqual(12);
    for (const source of sources) expect(source).toMatch(/\/img\/.+[?&]w=(160|320|480)$/);
    await screenshot(page, 'library');
  }, 60_000);

  it('filters the grid as soon as a search is typed', async () => {
    const search = page.getByTestId('library-search');
    const countText = page.locator('.library__count');
    const before = await countText.textContent();
    const target = catalogue.items.find((item) => item.kind === 'movie');
    if (!target) throw new Error('The demo library has no movie.');
    const word = target.title.split(/\s+/).sort((a, b) => b.length - a.length)[0] ?? target.title;

    await search.fill(word);
    await page.locator(`.poster-card[data-item-id="${target.id}"]`).waitFor({ state: 'visible' });
    const titles = await page.locator('.poster-card .poster-card__title').allTextContents();
    const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThan(catalogue.items.length);
    for (const title of titles) expect(fold(title)).toContain(fold(word).replace(/[^\p{L}\p{N}]+/gu, ''));
    expect(await countText.textContent()).not.toBe(before);
    await screenshot(page, 'library-search');

    await search.fill('zzqx no such title');
    await page.getByText('Nothing matches').waitFor({ state: 'visible' });
    expect(await page.locator('.poster-card').count()).toBe(0);

    await search.fill('');
    await page.locator('.poster-card').nth(11).waitFor({ state: 'visible' });
    expect(await countText.textContent()).toBe(before);
  }, 60_000);

  it('opens a movie with its title, cast and a focused Play button', async () => {
    const { movie } = findMovie('H.264/AAC MP4 movie', (file) => /mp4/.test(file.container ?? ''));
    await openFromLibrary(movie);
    expect((await page.getByTestId('item-title').textContent())?.trim()).toBe(movie.title);
    const actors = movie.credits.filter((credit) => credit.role === 'actor');
    if (actors.length > 0) {
      await page.getByTestId('cast').waitFor({ state: 'visible' });
      expect(await page.locator('[data-testid="cast"] li').count()).toBeGreaterThan(0);
    }
    const play = page.getByTestId('play');
    await play.waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const active = (globalThis as unknown as TestWindow).document.activeElement as { dataset?: Record<string, string> } | null;
      return active?.dataset?.testid === 'play';
    });
    await screenshot(page, 'movie');
  }, 60_000);

  it('plays an H.264/AAC MP4 directly, and Space and Escape work', async () => {
    const { movie } = findMovie(
      'H.264/AAC MP4 movie',
      (file) =>
        /mp4/.test(file.container ?? '') &&
        streamsOf(file, 'video').includes('h264') &&
        streamsOf(file, 'audio').length > 0 &&
        streamsOf(file, 'audio').every((codec) => codec === 'aac'),
    );
    if ((await page.getByTestId('item-title').textContent())?.trim() !== movie.title) await openFromLibrary(movie);
    await page.getByTestId('play').click();
    await page.waitForURL(/\/play\//);
    const video = await waitForPlayback();
    expect(video.currentTime).toBeGreaterThan(1);
    expect(video.videoWidth).toBeGreaterThan(0);
    const info = page.getByTestId('play-method');
    expect(await info.getAttribute('data-method')).toBe('direct');
    expect(await info.textContent()).toMatch(/direct/i);
    expect(video.currentSrc).toMatch(/\/stream\/file\//);
    await screenshot(page, 'player-direct', false);

    await page.keyboard.press('Space');
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('video') as TestVideo).paused);
    await page.keyboard.press('Escape');
    await page.getByTestId('item-title').waitFor({ state: 'visible' });
    expect(page.url()).not.toMatch(/\/play\//);
  }, 90_000);

  it('plays an H.264 + AC-3 MKV as a remux through hls.js', async () => {
    const { movie } = findMovie(
      'H.264 + AC-3 MKV movie',
      (file) =>
        /matroska|mkv/.test(file.container ?? '') &&
        streamsOf(file, 'video').includes('h264') &&
        streamsOf(file, 'audio').length > 0 &&
        streamsOf(file, 'audio').every((codec) => codec === 'ac3'),
    );
    await openFromLibrary(movie);
    await page.getByTestId('play').click();
    await page.waitForURL(/\/play\//);
    const video = await waitForPlayback();
    expect(video.currentTime).toBeGreaterThan(1);
    expect(video.videoWidth).toBeGreaterThan(0);
    const info = page.getByTestId('play-method');
    expect(await info.getAttribute('data-method')).toBe('remux');
    expect(await info.getAttribute('data-engine')).toBe('hls.js');
    expect(await info.textContent()).toMatch(/remux/i);
    // hls.js feeds the element through Media Source Extensions.
    expect(video.currentSrc).toMatch(/^blob:/);
    await screenshot(page, 'player-remux', false);
    // The whole playlist is there from the start: a jump far ahead plays on from there.
    await farSeek(0.8);
    // The controls hide after 3 s without input (the far seek may take longer): a move brings them back.
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 320);
    await page.getByTestId('player-back').click();
    await page.getByTestId('item-title').waitFor({ state: 'visible' });
  }, 90_000);

  it('plays an HEVC MKV as a transcode through hls.js, and a far seek plays on from there', async () => {
    const { movie } = findMovie('HEVC movie', (file) => streamsOf(file, 'video').includes('hevc'));
    await openFromLibrary(movie);
    await page.getByTestId('play').click();
    await page.waitForURL(/\/play\//);
    const video = await waitForPlayback();
    expect(video.videoWidth).toBeGreaterThan(0);
    const info = page.getByTestId('play-method');
    expect(await info.getAttribute('data-method')).toBe('transcode');
    expect(await info.getAttribute('data-engine')).toBe('hls.js');
    await farSeek(0.75);
    await screenshot(page, 'player-transcode', false);
    // Back from the remote's key, which works whether or not the controls show.
    await page.keyboard.press('Backspace');
    await page.getByTestId('item-title').waitFor({ state: 'visible' });
  }, 120_000);

  it('opens a series with its seasons and episodes', async () => {
    const series = catalogue.details.find(
      (detail) => detail.kind === 'series' && (detail.seasons ?? []).some((season) => season.episodes.length > 0),
    );
    if (!series) throw new Error('The demo library has no series with episodes.');
    await openFromLibrary(series);
    expect((await page.getByTestId('item-title').textContent())?.trim()).toBe(series.title);
    await page.getByTestId('season').first().waitFor({ state: 'visible' });
    expect(await page.getByTestId('season').count()).toBe((series.seasons ?? []).length);
    await page.getByTestId('episode').first().waitFor({ state: 'visible' });
    await screenshot(page, 'series');
  }, 60_000);

  it('says when an announced series has no episodes yet', async () => {
    const announced = catalogue.details.find(
      (detail) => detail.kind === 'series' && (detail.seasons ?? []).every((season) => season.episodes.length === 0),
    );
    // Only when the demo has one: the other series tests cover the page itself.
    if (!announced) return;
    await openFromLibrary(announced);
    await page.getByTestId('no-episodes').waitFor({ state: 'visible' });
    expect(await page.getByTestId('no-episodes').textContent()).toContain('No episodes yet');
    await screenshot(page, 'series-announced');
  }, 60_000);

  it('comes back to the same page on a reload of a deep link', async () => {
    const movie = catalogue.details.find((detail) => detail.kind === 'movie');
    if (!movie || !server) throw new Error('The demo library has no movie.');
    await page.goto(`${server.origin}/movie/${encodeURIComponent(movie.id)}`);
    await page.getByTestId('item-title').waitFor({ state: 'visible' });
    expect((await page.getByTestId('item-title').textContent())?.trim()).toBe(movie.title);
    await page.reload();
    await page.getByTestId('item-title').waitFor({ state: 'visible' });
  }, 60_000);

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
