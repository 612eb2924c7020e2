// The player's controls that the other e2e files do not reach, on the demo library in Chromium: the clock
// and the time left, the info panel's facts, the speed, the quality cap (a new conversion at the same
// second), K, L, ↑ and `,`, the volume remembered, the position saved while playing, on a seek and on
// leaving, auto-play of the next episode turned off in the settings, the chapter marks on the seek bar with
// PageUp / PageDown, and the buffered bar growing as segments arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request, Route } from 'playwright-core';
import type { ItemDetail, ItemSummary, PlaybackSession } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, openDemo, type DemoSession, pageApi, type TestVideo } from './harness';
import { openPlayer, PLAYBACK_TIMEOUT_MS, waitForPlaying } from './player-helpers';

let server: RunningServer | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

interface VideoState {
  currentTime: number;
  duration: number;
  paused: boolean;
  playbackRate: number;
  volume: number;
}

const videoState = (): Promise<VideoState> =>
  page.getByTestId('video').evaluate((e) => {
    const v = e as unknown as VideoState;
    return { currentTime: v.currentTime, duration: v.duration, paused: v.paused, playbackRate: v.playbackRate, volume: v.volume };
  });

/** "1:05" or "0:07" → seconds; the remaining time has a leading minus sign. */
function clockSeconds(text: string): number {
  const parts = text.replace(/^[−-]/, '').trim().split(':').map(Number);
  return parts.reduce((total, n) => total * 60 + n, 0);
}

async function films(): Promise<ItemDetail[]> {
  const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
  return Promise.all(list.items.filter((i) => i.kind === 'movie').map((i) => pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(i.id)}`)));
}

const isProgress = (r: Request): boolean => /\/api\/v1\/items\/[^/]+\/progress$/.test(new URL(r.url()).pathname) && r.method() === 'PUT';
const positionOf = (r: Request): number => (JSON.parse(r.postData() ?? '{}') as { positionSeconds: number }).positionSeconds;

const SEGMENTS = /\/seg-\d{5}\.m4s(\?.*)?$/;

interface MarkBox {
  start: number;
  left: number;
  centre: number;
}

interface BufferedShown {
  /** Percent of the duration the element holds, summed over its ranges. */
  element: number;
  /** Percent the seek bar paints, summed over its bars. */
  bar: number;
}

const bufferedShown = (): Promise<BufferedShown> =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown; querySelectorAll(s: string): ArrayLike<unknown> } }).document;
    const v = doc.querySelector('video') as { duration: number; buffered: { length: number; start(i: number): number; end(i: number): number } };
    let seconds = 0;
    for (let i = 0; i < v.buffered.length; i++) seconds += v.buffered.end(i) - v.buffered.start(i);
    const bars = Array.from(doc.querySelectorAll('[data-testid="seek-buffered"]')) as { style: { width: string } }[];
    return { element: v.duration > 0 ? (seconds / v.duration) * 100 : 0, bar: bars.reduce((sum, b) => sum + (parseFloat(b.style.width) || 0), 0) };
  });

/** Waits until the controls have hidden themselves (3 s without input). */
const controlsHidden = (): Promise<unknown> => page.locator('.player--idle').waitFor({ state: 'attached', timeout: 15_000 });

describe('the player controls', () => {
  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 720 }, watch: { pageErrors, cspViolations } });
    ({ server, page } = demo);
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('shows the time played and left, the facts of the conversion, the speed, and a quality cap that converts anew from the same second', async () => {
    // HEVC: converted for Chromium, so the quality cap applies.
    const pick = (await films()).flatMap((item) => item.files.map((file) => ({ item, file })))
      .find(({ file }) => !file.missing && file.streams.some((s) => s.type === 'video' && s.codec.toLowerCase() === 'hevc'));
    if (!pick) throw new Error('The demo library has no HEVC film.');
    await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
    await waitForPlaying(page, 2);
    await page.keyboard.press('k');
    await expect.poll(async () => (await videoState()).paused, { timeout: 5000 }).toBe(true);

    // Paused on a film: nothing offers to mark an intro (episodes have them; a film's opening is the film).
    expect(await page.getByTestId('mark-intro').count()).toBe(0);
    const state = await videoState();
    const clock = clockSeconds((await page.getByTestId('player-clock').textContent()) ?? '');
    const left = clockSeconds((await page.getByTestId('player-remaining').textContent()) ?? '');
    expect(Math.abs(clock - state.currentTime)).toBeLessThanOrEqual(1);
    expect(Math.abs(left - (state.duration - state.currentTime))).toBeLessThanOrEqual(1);

    await page.getByTestId('info-button').click();
    const info = page.getByTestId('info-panel');
    await info.waitFor({ state: 'visible' });
    const facts = (await info.textContent()) ?? '';
    expect(facts).toMatch(/Play method\s*Convert|Play method\s*Transcode/i);
    expect(facts).toMatch(/HEVC · \d+×\d+ → H\.264/);
    expect(facts).toMatch(/Audio\s*AAC/);
    expect(facts).toMatch(/Bitrate\s*[\d.]+ Mb\/s/);
    expect(facts).toMatch(/Picture shown\s*\d+×\d+/);
    await screenshot(page, 'player-info-panel', false);
    await page.getByTestId('info-close').click();

    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-menu').locator('[data-value="1.5"]').click();
    await expect.poll(async () => (await videoState()).playbackRate, { timeout: 5000 }).toBe(1.5);
    expect(await page.getByTestId('settings-button').textContent()).toContain('1.5×');

    // A cap lower than the picture: a new conversion, asked for at most that height, at the same second.
    const at = (await videoState()).currentTime;
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/playback' && r.method() === 'POST', { timeout: PLAYBACK_TIMEOUT_MS });
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/playback' && r.request().method() === 'POST', { timeout: PLAYBACK_TIMEOUT_MS });
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-menu').locator('[data-value="480p"]').click();
    const body = JSON.parse((await asked).postData() ?? '{}') as { capabilities: { maxHeight?: number }; startSeconds?: number };
    expect(body.capabilities.maxHeight).toBe(480);
    expect(Math.abs((body.startSeconds ?? -10) - at)).toBeLessThan(1.5);
    const session = (await (await answered).json()) as PlaybackSession;
    expect(session.method).toBe('transcode');
    // The new source loads where the old one was; if it waits paused (it was paused), K plays it.
    await page.waitForFunction(
      (t) => {
        const v = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('video') as TestVideo;
        return v.readyState >= 2 && Math.abs(v.currentTime - t) < 1.5;
      },
      at,
      { timeout: PLAYBACK_TIMEOUT_MS, polling: 100 },
    );
    if ((await videoState()).paused) await page.keyboard.press('k');
    await waitForPlaying(page, Math.max(0.3, at - 1));
    // The speed stays with the new source.
    expect((await videoState()).playbackRate).toBe(1.5);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('L jumps 10 s, `,` steps back a frame when paused, ↑ turns it up once the controls hide, and the volume is remembered', async () => {
    const pick = (await films()).flatMap((item) => item.files.map((file) => ({ item, file })))
      .find(({ file }) => !file.missing && file.probe === 'ok' && file.part === null && (file.durationSeconds ?? 0) >= 18 && /mp4/.test(file.container ?? ''));
    if (!pick) throw new Error('The demo library has no MP4 film of 18 s or more.');
    await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
    await waitForPlaying(page, 0.5);
    await page.keyboard.press('k');
    await expect.poll(async () => (await videoState()).paused, { timeout: 5000 }).toBe(true);
    const before = (await videoState()).currentTime;
    await page.keyboard.press('l');
    await expect.poll(async () => (await videoState()).currentTime, { timeout: 10_000 }).toBeCloseTo(before + 10, 0);

    const fps = pick.file.streams.find((s) => s.type === 'video')?.fps ?? 25;
    const onFrame = (await videoState()).currentTime;
    await page.keyboard.press(',');
    await expect.poll(async () => onFrame - (await videoState()).currentTime, { timeout: 5000 }).toBeCloseTo(1 / fps, 2);

    // The volume: lower it with the slider's keys, then ↑ with the controls hidden turns it up a step.
    await page.getByTestId('video').evaluate((e) => ((e as unknown as TestVideo & { volume: number }).volume = 0.5));
    await page.keyboard.press('k');
    await controlsHidden();
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await videoState()).volume, { timeout: 5000 }).toBeGreaterThan(0.5);
    const volume = (await videoState()).volume;

    // Reopened, the player starts at the volume it was left at.
    await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
    await waitForPlaying(page, 0.3);
    expect((await videoState()).volume).toBeCloseTo(volume, 2);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('saves the position while playing, at once on a seek, and on leaving', async () => {
    // An episode: at 32 s the longest title of the demo, room for two reports while it plays.
    const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
    const series = list.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 1)!;
    const detail = await pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(series.id)}`);
    const episode = detail.seasons!.flatMap((s) => s.episodes).filter((e) => e.fileIds.length > 0).at(-1)!;
    const pick = { item: { id: episode.id }, file: { id: episode.fileIds[0]! } };
    const reports: Request[] = [];
    page.on('request', (r) => {
      if (isProgress(r) && new URL(r.url()).pathname.includes(encodeURIComponent(pick.item.id))) reports.push(r);
    });
    await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
    await waitForPlaying(page, 0.3);
    // Every ~10 s while it plays, with no input at all: two reports in a row, about 10 s of film apart.
    const first = await page.waitForRequest(isProgress, { timeout: 30_000 });
    const second = await page.waitForRequest((r) => isProgress(r) && r !== first, { timeout: 30_000 });
    expect((await videoState()).paused).toBe(false);
    expect(positionOf(second)).toBeGreaterThan(positionOf(first) + 3);

    // A seek is saved at once, where it landed.
    const seekSaved = page.waitForRequest((r) => isProgress(r) && Math.abs(positionOf(r) - 4) < 1.5, { timeout: 10_000 });
    await page.getByTestId('video').evaluate((e) => ((e as unknown as TestVideo).currentTime = 4));
    await seekSaved;

    // Leaving: the last place is saved on the way out.
    await page.waitForFunction(() => ((globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('video') as TestVideo).currentTime > 6, undefined, { timeout: 20_000 });
    const leaving = page.waitForRequest((r) => isProgress(r) && positionOf(r) > 5, { timeout: 10_000 });
    await page.keyboard.press('Backspace');
    await leaving;
    expect(reports.length).toBeGreaterThanOrEqual(3);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('with auto-play off in the settings, the end of an episode goes back instead of playing the next', async () => {
    await pageApi(page, '/api/v1/settings', { method: 'PUT', body: { playback: { autoPlayNext: false } } });
    try {
      const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
      const series = list.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 1)!;
      const detail = await pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(series.id)}`);
      const [episode, next] = detail.seasons!.flatMap((s) => s.episodes).filter((e) => e.fileIds.length > 0);
      await openPlayer(page, server!.origin, episode!.fileIds[0]!, episode!.id);
      await waitForPlaying(page, 0.3);
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
      await page.getByTestId('video').evaluate((e) => {
        const v = e as unknown as TestVideo & { duration: number };
        v.currentTime = Math.max(0, v.duration - 2);
      });
      // The card still offers the next episode, with no countdown: nothing plays by itself.
      const card = page.getByTestId('next-episode');
      await card.waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
      expect(await card.textContent()).not.toMatch(/in \d+/i);
      await screenshot(page, 'player-next-no-autoplay', false);
      await page.waitForURL((url) => !url.pathname.startsWith('/play/'), { timeout: PLAYBACK_TIMEOUT_MS });
      expect([page.url(), ...navigations].some((u) => new URL(u).searchParams.get('item') === next!.id)).toBe(false);
    } finally {
      await pageApi(page, '/api/v1/settings', { method: 'PUT', body: { playback: { autoPlayNext: true } } });
    }
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 180_000);

  it('marks each chapter where it starts on the seek bar, names it in the preview, and PageDown / PageUp go between them', async () => {
    const pick = (await films()).flatMap((item) => item.files.map((file) => ({ item, file }))).find(({ file }) => !file.missing && file.chapters.length >= 3);
    if (!pick) throw new Error('The demo library has no film with chapters.');
    const chapters = pick.file.chapters;
    await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
    await waitForPlaying(page, 0.3);
    // Paused, the controls stay on screen to be measured.
    await page.keyboard.press('k');
    await expect.poll(async () => (await videoState()).paused, { timeout: 5000 }).toBe(true);
    const { duration } = await videoState();
    const marks = page.getByTestId('chapter-mark');
    // No mark for the first chapter: it starts where the bar does.
    await expect.poll(() => marks.count(), { timeout: 5000 }).toBe(chapters.length - 1);
    const bar = (await page.getByTestId('seek-bar').boundingBox())!;
    const placed = await marks.evaluateAll((elements) =>
      elements.map((e) => {
        const el = e as unknown as { dataset: Record<string, string | undefined>; style: { left: string }; getBoundingClientRect(): { left: number; width: number } };
        const r = el.getBoundingClientRect();
        return { start: Number(el.dataset.start), left: parseFloat(el.style.left), centre: r.left + r.width / 2 };
      }),
    );
    expect(placed.map((m: MarkBox) => m.start)).toEqual(chapters.slice(1).map((c) => c.start));
    for (const mark of placed) {
      expect(Math.abs(mark.left - (mark.start / duration) * 100), `mark at ${mark.start} s`).toBeLessThan(0.5);
      expect(Math.abs(mark.centre - (bar.x + (bar.width * mark.start) / duration)), `mark at ${mark.start} s on screen`).toBeLessThan(3);
    }

    // Over the middle of the third chapter, the preview names it beside the time.
    const third = chapters[2]!;
    const middle = (third.start + (chapters[3]?.start ?? duration)) / 2;
    await page.mouse.move(bar.x + (bar.width * middle) / duration, bar.y + bar.height / 2);
    await expect.poll(() => page.getByTestId('seek-chapter').textContent(), { timeout: 5000 }).toBe(third.title);
    await screenshot(page, 'player-chapter-marks', false);

    // PageDown to the next chapter's start, twice; PageUp just after a start goes back one chapter.
    await page.mouse.move(bar.x + bar.width / 2, 150);
    await page.keyboard.press('0');
    const landsAt = (seconds: number) => expect.poll(async () => Math.abs((await videoState()).currentTime - seconds), { timeout: 10_000 }).toBeLessThan(0.3);
    await page.keyboard.press('PageDown');
    await landsAt(chapters[1]!.start);
    await page.keyboard.press('PageDown');
    await landsAt(chapters[2]!.start);
    await page.keyboard.press('PageUp');
    await landsAt(chapters[1]!.start);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('paints what is buffered on the seek bar, and the painted bar grows as more of the stream arrives', async () => {
    // A remuxed film (HLS), whose segments are held back after the first two, so the buffer grows when the test says.
    const pick = (await films()).flatMap((item) => item.files.map((file) => ({ item, file })))
      .find(({ file }) => !file.missing && /matroska|mkv/.test(file.container ?? '') && (file.durationSeconds ?? 0) >= 16
        && file.streams.some((s) => s.type === 'video' && s.codec.toLowerCase() === 'h264'));
    if (!pick) throw new Error('The demo library has no H.264 MKV of 16 s or more.');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    await page.route(SEGMENTS, async (route: Route) => {
      if (asked++ >= 2) await held;
      await route.continue().catch(() => undefined);
    });
    try {
      await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
      await waitForPlaying(page, 0.3);
      const agree = (shown: BufferedShown): boolean => shown.element > 0 && Math.abs(shown.bar - shown.element) < 2;
      await expect.poll(async () => agree(await bufferedShown()), { timeout: 10_000 }).toBe(true);
      const before = await bufferedShown();
      expect(before.bar).toBeLessThan(90);
      release();
      await expect.poll(async () => {
        const now = await bufferedShown();
        return agree(now) && now.bar > before.bar + 10;
      }, { timeout: 30_000 }).toBe(true);
    } finally {
      release();
      await page.unroute(SEGMENTS);
    }
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
