// Skip intro in the real player: an episode of the demo series with an intro marked through the API
// (source `user`, as the player's own Mark button saves it), played in Chromium; the button shows while
// the intro plays, Enter jumps past it, and the button goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ItemDetail, ItemsResponse, MediaSegment } from '../../src/shared/api';
import { launchBrowser, READY_TIMEOUT_MS, screenshot, startServer, type RunningServer, type TestVideo, type TestWindow } from './harness';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
const pageErrors: string[] = [];

const INTRO = { startSeconds: 0, endSeconds: 7 };

async function api<T>(path: string, init?: { method: string; body: unknown }): Promise<T> {
  return page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, {
        credentials: 'same-origin',
        ...(init ? { method: init.method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(init.body) } : {}),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { path, init },
  );
}

const currentTime = () => page.getByTestId('video').evaluate((el) => (el as unknown as TestVideo).currentTime);

describe('Skip intro in the player', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  it('shows Skip intro while the intro plays, and Enter jumps past it', async () => {
    const items = await api<ItemsResponse>('/api/v1/items');
    const series = items.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 0);
    expect(series, 'the demo has a series with episodes').toBeDefined();
    const detail = await api<ItemDetail>(`/api/v1/items/${series!.id}`);
    const episode = detail.seasons!.flatMap((s) => s.episodes).find((e) => e.fileIds.length > 0)!;
    const marked = await api<{ segments: MediaSegment[] }>(`/api/v1/items/${episode.id}/segments/intro`, { method: 'PUT', body: INTRO });
    expect(marked.segments).toContainEqual({ kind: 'intro', ...INTRO, source: 'user' });
    const full = await api<ItemDetail>(`/api/v1/items/${episode.id}`);
    expect(full.segments).toContainEqual({ kind: 'intro', ...INTRO, source: 'user' });

    await page.goto(`${server!.origin}/play/${episode.fileIds[0]}?item=${encodeURIComponent(episode.id)}`);
    await page.getByTestId('video').evaluate((el) => {
      (el as unknown as TestVideo).muted = true;
    });
    const skip = page.getByTestId('skip-segment');
    await skip.waitFor({ state: 'visible', timeout: 60_000 });
    expect((await skip.textContent())?.trim()).toBe('Skip intro');
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('video') as TestVideo).currentTime > 0.3, undefined, { timeout: 30_000, polling: 100 });
    expect(await currentTime()).toBeLessThan(INTRO.endSeconds);
    // Shown with nothing else focused, it has the focus: OK on a remote is Enter.
    expect(await page.evaluate(() => (globalThis as unknown as TestWindow).document.activeElement === (globalThis as unknown as TestWindow).document.querySelector('[data-testid="skip-segment"]'))).toBe(true);
    await screenshot(page, 'player-skip-intro', false);

    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (end) => ((globalThis as unknown as TestWindow).document.querySelector('video') as TestVideo).currentTime >= end - 0.6,
      INTRO.endSeconds,
      { timeout: 20_000, polling: 100 },
    );
    await skip.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await currentTime()).toBeGreaterThanOrEqual(INTRO.endSeconds - 0.6);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
