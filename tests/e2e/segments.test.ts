// Skip intro in the real player on the demo library: the demo series' episodes share an intro (theme tune
// and title card, 3–15 s) and end credits (last 12 s), which the server's scan finds by itself; played in
// Chromium, Skip intro shows while the intro plays, Enter jumps past it, and a user can mark an intro from
// the player.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { ItemDetail, ItemsResponse } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, type TestVideo, type TestWindow, openDemo, type DemoSession, pageApi } from './harness';

let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];

/** Where the demo recipe puts the intro and credits of "The Allotment Detectives" (32-s episodes). */
const INTRO = { startSeconds: 3, endSeconds: 15 };
const CREDITS_START = 20;

const api = <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => pageApi<T>(page, path, init);

const currentTime = () => page.getByTestId('video').evaluate((el) => (el as unknown as TestVideo).currentTime);

describe('Skip intro in the player', () => {
  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 720 }, watch: { pageErrors } });
    ({ server, context, page } = demo);
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('finds the demo series\' intro and credits, shows Skip intro while the intro plays, and Enter jumps past it', async () => {
    const items = await api<ItemsResponse>('/api/v1/items');
    const series = items.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 0);
    expect(series, 'the demo has a series with episodes').toBeDefined();
    const detail = await api<ItemDetail>(`/api/v1/items/${series!.id}`);
    const episode = detail.seasons!.flatMap((s) => s.episodes).find((e) => e.fileIds.length > 0)!;
    // Phase three runs after the startup scan's probes, in the background: wait for it, within a bound.
    let full: ItemDetail | null = null;
    const until = Date.now() + 150_000;
    while (Date.now() < until) {
      full = await api<ItemDetail>(`/api/v1/items/${episode.id}`);
      if (full.segments?.some((s) => s.kind === 'intro')) break;
      await page.waitForTimeout(1000);
    }
    const intro = full?.segments?.find((s) => s.kind === 'intro');
    const credits = full?.segments?.find((s) => s.kind === 'credits');
    expect(intro, JSON.stringify(full?.segments)).toBeDefined();
    expect(Math.abs(intro!.startSeconds - INTRO.startSeconds)).toBeLessThanOrEqual(1);
    expect(Math.abs(intro!.endSeconds - INTRO.endSeconds)).toBeLessThanOrEqual(1);
    expect(Math.abs(credits!.startSeconds - CREDITS_START)).toBeLessThanOrEqual(1);

    await page.goto(`${server!.origin}/play/${episode.fileIds[0]}?item=${encodeURIComponent(episode.id)}`);
    await page.getByTestId('video').evaluate((el) => {
      (el as unknown as TestVideo).muted = true;
    });
    const skip = page.getByTestId('skip-segment');
    await skip.waitFor({ state: 'visible', timeout: 60_000 });
    expect((await skip.textContent())?.trim()).toBe('Skip intro');
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('video') as TestVideo).currentTime > 0.3, undefined, { timeout: 30_000, polling: 100 });
    const shownAt = await currentTime();
    expect(shownAt).toBeGreaterThanOrEqual(intro!.startSeconds - 0.3);
    expect(shownAt).toBeLessThan(intro!.endSeconds);
    // Shown with nothing else focused, it has the focus: OK on a remote is Enter.
    expect(await page.evaluate(() => (globalThis as unknown as TestWindow).document.activeElement === (globalThis as unknown as TestWindow).document.querySelector('[data-testid="skip-segment"]'))).toBe(true);
    await screenshot(page, 'player-skip-intro', false);

    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (end) => ((globalThis as unknown as TestWindow).document.querySelector('video') as TestVideo).currentTime >= end - 0.6,
      intro!.endSeconds,
      { timeout: 20_000, polling: 100 },
    );
    await skip.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await currentTime()).toBeGreaterThanOrEqual(intro!.endSeconds - 0.6);

    // Marking from the player: pause, "Intro starts here", move on, "Intro ends here".
    await page.keyboard.press('Space');
    const mark = page.getByTestId('mark-intro');
    await mark.waitFor({ state: 'visible' });
    const from = await currentTime();
    await mark.click();
    await page.getByTestId('video').evaluate((el, t) => {
      (el as unknown as TestVideo).currentTime = t;
    }, from + 5);
    // The seek is done (and its timeupdate, which moves the player's clock, sent) when `seeking` clears.
    await page.waitForFunction(
      (t) => {
        const v = (globalThis as unknown as TestWindow).document.querySelector('video') as TestVideo & { seeking: boolean };
        return v.currentTime >= t - 0.1 && !v.seeking;
      },
      from + 5,
      { timeout: 20_000, polling: 100 },
    );
    await expect.poll(async () => (await mark.textContent())?.trim()).toMatch(/^Intro ends here/);
    await mark.click();
    await page.getByText('Intro saved').waitFor({ state: 'visible' });
    const after = await api<ItemDetail>(`/api/v1/items/${episode.id}`);
    const userIntro = after.segments?.find((s) => s.kind === 'intro');
    expect(userIntro?.source).toBe('user');
    expect(Math.abs(userIntro!.startSeconds - from)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(userIntro!.endSeconds - (from + 5))).toBeLessThanOrEqual(0.3);
    await screenshot(page, 'player-mark-intro', false);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('the next-episode card comes when the credits start, not only in the last seconds, and Play now moves on', async () => {
    const items = await api<ItemsResponse>('/api/v1/items');
    const series = items.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 1)!;
    const detail = await api<ItemDetail>(`/api/v1/items/${series.id}`);
    const season = detail.seasons!.find((s) => s.episodes.filter((e) => e.fileIds.length > 0).length >= 2)!;
    const [episode, next] = [...season.episodes].filter((e) => e.fileIds.length > 0).sort((a, b) => (a.episode ?? 0) - (b.episode ?? 0));
    const full = await api<ItemDetail>(`/api/v1/items/${episode!.id}`);
    const credits = full.segments?.find((s) => s.kind === 'credits');
    expect(credits, JSON.stringify(full.segments)).toBeDefined();

    await page.goto(`${server!.origin}/play/${episode!.fileIds[0]}?item=${encodeURIComponent(episode!.id)}`);
    await page.getByTestId('video').evaluate((el) => {
      (el as unknown as TestVideo).muted = true;
    });
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('video') as TestVideo).currentTime > 0.3, undefined, { timeout: 60_000, polling: 100 });
    // Three seconds before the credits: no card yet.
    await page.getByTestId('video').evaluate((el, t) => {
      (el as unknown as TestVideo).currentTime = t;
    }, credits!.startSeconds - 3);
    const before = await page.waitForFunction(
      (t) => {
        const doc = (globalThis as unknown as TestWindow).document;
        const v = doc.querySelector('video') as TestVideo & { seeking: boolean };
        if (v.seeking || v.currentTime < t - 3.1) return false;
        return { time: v.currentTime, card: doc.querySelector('[data-testid="next-episode"]') !== null };
      },
      credits!.startSeconds,
      { timeout: 20_000, polling: 50 },
    );
    const early = (await before.jsonValue()) as { time: number; card: boolean };
    expect(early.time).toBeLessThan(credits!.startSeconds);
    expect(early.card).toBe(false);
    // Playing on into the credits, the card comes at their start: well before the last tenth of the episode.
    const shown = await page.waitForFunction(
      () => {
        const doc = (globalThis as unknown as TestWindow).document;
        const v = doc.querySelector('video') as TestVideo & { duration: number };
        return doc.querySelector('[data-testid="next-episode"]') ? { time: v.currentTime, duration: v.duration } : false;
      },
      undefined,
      { timeout: 30_000, polling: 50 },
    );
    const at = (await shown.jsonValue()) as { time: number; duration: number };
    expect(at.time).toBeGreaterThanOrEqual(credits!.startSeconds - 0.3);
    expect(at.time).toBeLessThan(0.9 * at.duration);
    expect(await page.getByTestId('next-episode').textContent()).toContain(next!.title);
    await screenshot(page, 'player-next-at-credits', false);
    await page.getByTestId('next-play').click();
    await page.waitForURL((url) => url.searchParams.get('item') === next!.id, { timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('with "Skip intros by themselves" on, the player jumps past the intro with no key pressed', async () => {
    // Every seek the page makes is recorded from before its scripts run, so none can be missed.
    await context!.addInitScript(() => {
      const w = globalThis as unknown as {
        mcSeeks: number[];
        document: { addEventListener(type: string, listener: (e: { target: unknown }) => void, capture: boolean): void };
      };
      w.mcSeeks = [];
      w.document.addEventListener('seeking', (e) => w.mcSeeks.push((e.target as TestVideo).currentTime), true);
    });
    await api('/api/v1/settings', { method: 'PUT', body: { playback: { skipIntroAutomatically: true } } });
    const items = await api<ItemsResponse>('/api/v1/items');
    const series = items.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 1)!;
    const detail = await api<ItemDetail>(`/api/v1/items/${series.id}`);
    // Not the episode the first test marked by hand: this one's intro is the one the scan found.
    const episode = detail.seasons!.flatMap((s) => s.episodes).filter((e) => e.fileIds.length > 0)[1]!;
    const full = await api<ItemDetail>(`/api/v1/items/${episode.id}`);
    const intro = full.segments?.find((s) => s.kind === 'intro');
    expect(intro?.source, JSON.stringify(full.segments)).toBe('fingerprint');

    await page.goto(`${server!.origin}/play/${episode.fileIds[0]}?item=${encodeURIComponent(episode.id)}`);
    await page.getByTestId('video').evaluate((el) => {
      (el as unknown as TestVideo).muted = true;
    });
    await page.waitForFunction(
      (end) => ((globalThis as unknown as TestWindow & { mcSeeks: number[] }).mcSeeks ?? []).some((t) => Math.abs(t - end) < 0.6),
      intro!.endSeconds,
      { timeout: 60_000, polling: 100 },
    );
    const seeks = await page.evaluate(() => (globalThis as unknown as { mcSeeks: number[] }).mcSeeks);
    // One jump to the intro's end, and none before it was reached: nothing else moved the playhead.
    expect(seeks.filter((t) => t > 1)).toEqual([expect.closeTo(intro!.endSeconds, 0)]);
    await api('/api/v1/settings', { method: 'PUT', body: { playback: { skipIntroAutomatically: false } } });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
