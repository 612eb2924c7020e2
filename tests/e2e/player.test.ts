// The player in real Chromium against `media-centre serve --demo`: each play method plays and seeks
// by keyboard, audio and subtitle switches take effect, Resume lands where playback stopped, the
// next-episode card moves on, a direct-play failure falls back by itself, and an offline share says
// so with Retry. Screenshots of the controls, menus, subtitles and the card go to test-results/.
import { rename } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ItemDetail, ItemSummary, LibrariesResponse, MediaFile, PlaybackSession } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, type TestImage, type TestWindow, openDemo, type DemoSession, pageApi } from './harness';

const PLAYBACK_TIMEOUT_MS = 60_000;

let server: RunningServer | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
const cspViolations: string[] = [];
let details: ItemDetail[] = [];

interface VideoState {
  currentTime: number;
  duration: number;
  paused: boolean;
  videoWidth: number;
  engine: string;
}

const api = <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => pageApi<T>(page, path, init);

async function readCatalogue(): Promise<ItemDetail[]> {
  const list = await api<{ items: ItemSummary[] }>('/api/v1/items');
  const top = await Promise.all(list.items.map((item) => api<ItemDetail>(`/api/v1/items/${encodeURIComponent(item.id)}`)));
  const episodes = await Promise.all(
    top
      .flatMap((series) => series.seasons ?? [])
      .flatMap((season) => season.episodes)
      .map((episode) => api<ItemDetail>(`/api/v1/items/${encodeURIComponent(episode.id)}`)),
  );
  return [...top, ...episodes];
}

function codecs(file: MediaFile, type: 'video' | 'audio' | 'subtitle'): string[] {
  return file.streams.filter((s) => s.type === type).map((s) => s.codec.toLowerCase());
}

function findMovie(what: string, test: (file: MediaFile, item: ItemDetail) => boolean): { item: ItemDetail; file: MediaFile } {
  for (const item of details) {
    if (item.kind !== 'movie') continue;
    const file = item.files.find((f) => !f.missing && f.probe === 'ok' && test(f, item));
    if (file) return { item, file };
  }
  throw new Error(`The demo library has no ${what}.`);
}

async function video(): Promise<VideoState> {
  return page.getByTestId('video').evaluate((element) => {
    const v = element as unknown as { currentTime: number; duration: number; paused: boolean; videoWidth: number; dataset: Record<string, string | undefined> };
    return { currentTime: v.currentTime, duration: v.duration, paused: v.paused, videoWidth: v.videoWidth, engine: v.dataset.engine ?? '' };
  });
}

/** Waits (bounded) until the video plays past `after` seconds with a picture. */
async function waitForPlaying(after = 0.5): Promise<VideoState> {
  // An element error alone is not the end: the player may be falling back to the next method (that is what
  // one test provokes). It has failed when it says so on screen; then stop waiting and show why.
  const outcome = await page.waitForFunction(
    (min) => {
      const doc = (globalThis as unknown as TestWindow).document;
      const v = doc.querySelector('video') as unknown as {
        currentTime: number; videoWidth: number; paused: boolean; error: { code: number; message: string } | null;
      } | null;
      if (doc.querySelector('[data-testid="player-error"]')) return `failed: ${v?.error ? `video error ${v.error.code}: ${v.error.message}` : 'the player shows an error'}`;
      return v !== null && !v.paused && v.videoWidth > 0 && v.currentTime > min ? 'playing' : false;
    },
    after,
    { timeout: PLAYBACK_TIMEOUT_MS, polling: 100 },
  );
  const said = await outcome.jsonValue();
  if (said !== 'playing') throw new Error(String(said));
  return video();
}

async function openPlayer(fileId: string, itemId: string, start = 0): Promise<void> {
  const query = start > 0 ? `?item=${encodeURIComponent(itemId)}&start=${start}` : `?item=${encodeURIComponent(itemId)}`;
  await page.goto(`${server!.origin}/play/${encodeURIComponent(fileId)}${query}`);
  // Muted so headless runs never depend on an audio device.
  await page.getByTestId('video').evaluate((element) => {
    (element as unknown as { muted: boolean }).muted = true;
  });
}

/** Presses a key and waits until the playhead is near `target` (a seek that took effect). */
async function pressAndLand(key: string, target: (before: number) => number, tolerance = 1.5): Promise<number> {
  const before = (await video()).currentTime;
  const expected = target(before);
  await page.keyboard.press(key);
  await page.waitForFunction(
    ({ want, tol }) => {
      const v = (globalThis as unknown as TestWindow).document.querySelector('video') as unknown as { currentTime: number; seeking: boolean };
      return !v.seeking && Math.abs(v.currentTime - want) <= tol;
    },
    { want: expected, tol: tolerance },
    { timeout: PLAYBACK_TIMEOUT_MS, polling: 100 },
  );
  return expected;
}

async function wakeControls(): Promise<void> {
  await page.mouse.move(400, 300);
  await page.mouse.move(420, 320);
}

async function seriousViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

async function methodOf(): Promise<string | null> {
  return page.getByTestId('play-method').getAttribute('data-method');
}

describe('the player against the demo library', () => {
  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 720 }, watch: { pageErrors, cspViolations } });
    ({ server, page } = demo);
    details = await readCatalogue();
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('direct play plays and seeks by keyboard: → and J/L by 10 s, a digit to that tenth', async () => {
    const { item, file } = findMovie('H.264/AAC MP4', (f) => /mp4/.test(f.container ?? '') && codecs(f, 'video').includes('h264') && codecs(f, 'audio').every((c) => c === 'aac') && codecs(f, 'subtitle').length === 0);
    await openPlayer(file.id, item.id);
    const state = await waitForPlaying();
    expect(await methodOf()).toBe('direct');
    expect(state.engine).toBe('native');
    await pressAndLand('5', () => state.duration * 0.5);
    await pressAndLand('j', (t) => Math.max(0, t - 10));
    await pressAndLand('ArrowRight', (t) => t + 10);
    await pressAndLand('0', () => 0, 1);
    // Space pauses; the controls stay while paused.
    await page.keyboard.press('Space');
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('video') as unknown as { paused: boolean }).paused);
    // Frame steps move by a frame when paused.
    const paused = (await video()).currentTime;
    await page.keyboard.press('.');
    await page.waitForFunction((t) => ((globalThis as unknown as TestWindow).document.querySelector('video') as unknown as { currentTime: number }).currentTime > t, paused);
    // M mutes, and the volume is remembered for the next play.
    const mutedBefore = await page.getByTestId('video').evaluate((e) => (e as unknown as { muted: boolean }).muted);
    await page.keyboard.press('m');
    expect(await page.getByTestId('video').evaluate((e) => (e as unknown as { muted: boolean }).muted)).toBe(!mutedBefore);
    await page.keyboard.press('m');
    await screenshot(page, 'player-controls', false);
  }, 120_000);

  it('remux plays through hls.js and seeks by keyboard', async () => {
    const { item, file } = findMovie('H.264 + AC-3 MKV', (f) => /matroska|mkv/.test(f.container ?? '') && codecs(f, 'video').includes('h264') && codecs(f, 'audio').length === 1 && codecs(f, 'audio')[0] === 'ac3');
    await openPlayer(file.id, item.id);
    const state = await waitForPlaying();
    expect(await methodOf()).toBe('remux');
    expect(state.engine).toBe('hls.js');
    await pressAndLand('8', () => state.duration * 0.8);
    await waitForPlaying(state.duration * 0.8 + 0.3);
    await pressAndLand('ArrowLeft', (t) => Math.max(0, t - 10));
    await waitForPlaying();
    // With the controls hidden (3 s without input), down lowers the volume and brings them back.
    await page.locator('.player--idle').waitFor({ state: 'attached', timeout: 15_000 });
    const before = await page.getByTestId('video').evaluate((e) => (e as unknown as { volume: number }).volume);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => page.getByTestId('video').evaluate((e) => (e as unknown as { volume: number }).volume)).toBeCloseTo(Math.max(0, before - 0.1), 2);
    expect(await page.locator('.player--idle').count()).toBe(0);
    await page.keyboard.press('ArrowUp');
  }, 120_000);

  it('transcode plays through hls.js and seeks by keyboard', async () => {
    const { item, file } = findMovie('HEVC movie', (f) => codecs(f, 'video').includes('hevc'));
    await openPlayer(file.id, item.id);
    const state = await waitForPlaying();
    expect(await methodOf()).toBe('transcode');
    await pressAndLand('7', () => state.duration * 0.7);
    await waitForPlaying(state.duration * 0.7 + 0.3);
    await screenshot(page, 'player-transcode-playing', false);
  }, 150_000);

  it('shows trickplay thumbnails from the sprite sheets when the pointer is over the seek bar', async () => {
    const { item, file } = findMovie('H.264 + AC-3 MKV', (f) => /matroska|mkv/.test(f.container ?? '') && codecs(f, 'video').includes('h264') && (f.durationSeconds ?? 0) >= 15);
    // Thumbnails are made in the background after the scan (or on a first play): wait, bounded, until they are.
    const indexUrl = `/stream/trickplay/${encodeURIComponent(file.id)}/index.json`;
    await expect
      .poll(
        async () => page.evaluate(async (url) => (await (globalThis as unknown as TestWindow).fetch(url, { credentials: 'same-origin' })).status, indexUrl),
        { timeout: 120_000, interval: 1000 },
      )
      .toBe(200);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/playback') && r.request().method() === 'POST');
    const index = page.waitForResponse((r) => r.url().endsWith('/index.json') && r.ok());
    await openPlayer(file.id, item.id);
    const session = (await (await answer).json()) as PlaybackSession;
    expect(session.trickplay?.url).toBeTruthy();
    await waitForPlaying();
    await index;
    const bar = page.getByTestId('seek-bar');
    const box = (await bar.boundingBox())!;
    // 60 % in, past the first ten-second tile.
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    const thumb = page.getByTestId('trickplay-thumb');
    await thumb.waitFor({ state: 'visible' });
    expect(Number(await thumb.getAttribute('data-thumb'))).toBeGreaterThanOrEqual(1);
    expect(await thumb.evaluate((e) => (e as unknown as { style: { backgroundImage: string } }).style.backgroundImage)).toMatch(/\/stream\/trickplay\/.+\.jpg/);
    // The sheet itself loads (same origin, allowed by the page's CSP).
    const sheet = await thumb.evaluate((e) => /url\("?([^")]+)"?\)/.exec((e as unknown as { style: { backgroundImage: string } }).style.backgroundImage)?.[1] ?? '');
    expect(await page.evaluate(async (url) => (await (globalThis as unknown as TestWindow).fetch(url, { credentials: 'same-origin' })).status, sheet)).toBe(200);
    await screenshot(page, 'player-trickplay', false);
    // While dragging, and after a keyboard seek with the pointer away from the bar, the thumbnail is the one of
    // the time the preview shows.
    const tiles = (await (await index).json()) as { intervalSeconds: number; count: number };
    const expectedThumb = async (): Promise<number> => {
      const [m, sec] = ((await page.locator('.seek__preview .seek__time').textContent()) ?? '0:00').trim().split(':').map(Number);
      return Math.min(tiles.count - 1, Math.floor(((m ?? 0) * 60 + (sec ?? 0)) / tiles.intervalSeconds));
    };
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
    await page.mouse.down();
    const atStart = Number(await thumb.getAttribute('data-thumb'));
    await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 5 });
    await expect.poll(async () => Number(await thumb.getAttribute('data-thumb')), { timeout: 5000 }).toBeGreaterThan(atStart);
    expect(Number(await thumb.getAttribute('data-thumb'))).toBe(await expectedThumb());
    await page.mouse.up();
    await page.mouse.move(box.x + box.width / 2, 200);
    await page.keyboard.press('5');
    await thumb.waitFor({ state: 'visible', timeout: 5000 });
    expect(Number(await thumb.getAttribute('data-thumb'))).toBe(await expectedThumb());
  }, 200_000);

  it('subtitles show as text in the page, and an audio switch resumes at the same second with the new track', async () => {
    const { item, file } = findMovie('film with two audio tracks and subtitles', (f) => codecs(f, 'audio').length >= 2 && codecs(f, 'subtitle').length >= 1);
    await openPlayer(file.id, item.id);
    await waitForPlaying();
    await wakeControls();
    await page.getByTestId('subtitles-button').click();
    await screenshot(page, 'player-subtitle-menu', false);
    const english = file.streams.find((s) => s.type === 'subtitle' && !s.isForced && /^en/.test(s.language ?? ''));
    expect(english).toBeDefined();
    await page.getByTestId('subtitles-menu').locator(`[data-value="${english!.index}"]`).click();
    // Back to the start: the first English line is on screen from 1.5 s to 4 s.
    await page.keyboard.press('0');
    await page.getByTestId('subtitle-cue').first().waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
    expect(await page.getByTestId('subtitle-cue').first().textContent()).toMatch(/light comes in sideways/i);
    // With the controls showing, the line sits above their bar; once they hide, it comes down.
    const cueBottom = (): Promise<number> => page.getByTestId('subtitle-cue').first().evaluate((e) => (e as unknown as { getBoundingClientRect(): { bottom: number } }).getBoundingClientRect().bottom);
    const barTop = await page.locator('.controls__bottom').evaluate((e) => (e as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top);
    await page.mouse.move(500, 300);
    expect(await cueBottom()).toBeLessThanOrEqual(barTop);
    const raisedAt = await cueBottom();
    await page.locator('.player--idle').waitFor({ state: 'attached', timeout: 15_000 });
    if (await page.getByTestId('subtitle-cue').count() > 0) expect(await cueBottom()).toBeGreaterThan(raisedAt);
    await page.keyboard.press('0');
    await page.getByTestId('subtitle-cue').first().waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
    await page.keyboard.press('Space');
    await screenshot(page, 'player-subtitles', false);
    // Size and background from the settings menu restyle the cue at once.
    await page.getByTestId('settings-button').click();
    await screenshot(page, 'player-settings-menu', false);
    await page.getByTestId('settings-menu').locator('[data-value="box"]').click();
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-menu').locator('[data-value="large"]').click();
    expect(await page.getByTestId('subtitles').getAttribute('class')).toMatch(/subs--large.*subs--box|subs--box.*subs--large/);
    await screenshot(page, 'player-subtitles-large-box', false);
    // C cycles to the next subtitle and then off.
    await page.keyboard.press('c');
    await page.keyboard.press('c');
    await expect.poll(async () => page.getByTestId('subtitles-button').getAttribute('aria-label')).toMatch(/Off$/);

    // The audio switch: a new session from the same second, on the same timeline.
    await page.keyboard.press('Space');
    await waitForPlaying(6);
    await page.keyboard.press('Space');
    const at = (await video()).currentTime;
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/playback') && r.request().method() === 'POST');
    await wakeControls();
    await page.getByTestId('audio-button').click();
    await screenshot(page, 'player-audio-menu', false);
    const french = file.streams.find((s) => s.type === 'audio' && /^fr/.test(s.language ?? ''));
    expect(french).toBeDefined();
    await page.getByTestId('audio-menu').locator(`[data-value="${french!.index}"]`).click();
    const session = (await (await answer).json()) as PlaybackSession;
    expect(session.audioTracks.find((t) => t.selected)?.stream).toBe(french!.index);
    expect(session.startSeconds).toBeCloseTo(at, 0);
    await page.waitForFunction(
      () => {
        const v = (globalThis as unknown as TestWindow).document.querySelector('video') as unknown as { readyState: number; videoWidth: number };
        return v.readyState >= 2 && v.videoWidth > 0;
      },
      undefined,
      { timeout: PLAYBACK_TIMEOUT_MS },
    );
    const after = (await video()).currentTime;
    // Once, not twice: the new session starts where the old one stopped.
    expect(Math.abs(after - at)).toBeLessThan(2);
    await expect.poll(async () => page.getByTestId('audio-button').getAttribute('aria-label')).toMatch(/French/);
  }, 150_000);

  it('reaches every control by arrow keys and Enter with a visible focus, and axe finds nothing serious', async () => {
    const { item, file } = findMovie('film with two audio tracks and subtitles', (f) => codecs(f, 'audio').length >= 2 && codecs(f, 'subtitle').length >= 1);
    await openPlayer(file.id, item.id);
    await waitForPlaying();
    await page.keyboard.press('Space');
    const focused = () =>
      page.evaluate(() => {
        const d = (globalThis as unknown as { document: { activeElement: { dataset?: Record<string, string>; closest(s: string): unknown; getAttribute(n: string): string | null } | null }; getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string; transform: string } }).document;
        const e = d.activeElement;
        const style = e ? (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string } }).getComputedStyle(e) : null;
        return { testid: e?.dataset?.testid ?? '', inRow: e ? e.closest('.controls__row') !== null : false, outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '', label: e?.getAttribute('aria-label') ?? '' };
      });
    expect((await focused()).testid).toBe('seek-bar');
    // Down leaves the seek bar for the row of buttons.
    await page.keyboard.press('ArrowDown');
    expect((await focused()).inRow).toBe(true);
    const seen: string[] = [];
    for (let i = 0; i < 20 && (await focused()).testid !== 'subtitles-button'; i++) {
      seen.push((await focused()).testid);
      await page.keyboard.press('ArrowRight');
    }
    const onSubtitles = await focused();
    expect(onSubtitles.testid, `walked ${seen.join(' → ')}`).toBe('subtitles-button');
    expect(onSubtitles.outline).toMatch(/^solid [1-9]/);
    await page.keyboard.press('Enter');
    const menu = page.getByTestId('subtitles-menu');
    await menu.waitFor({ state: 'visible' });
    const violationsOpen = await seriousViolations();
    // The checked choice (Off) has focus; down is the first track, OK picks it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused()).label).not.toMatch(/Off$/);
    expect((await focused()).testid).toBe('subtitles-button');
    const violationsClosed = await seriousViolations();
    expect(violationsOpen).toEqual([]);
    expect(violationsClosed).toEqual([]);
  }, 150_000);

  it('offers Resume on reopening, and Resume lands within 2 s of the saved point', async () => {
    const { item, file } = findMovie('MP4 without subtitles', (f, i) => /mp4/.test(f.container ?? '') && i.userData.positionSeconds === 0 && codecs(f, 'audio').every((c) => c === 'aac') && (f.durationSeconds ?? 0) >= 15);
    await page.goto(`${server!.origin}/movie/${encodeURIComponent(item.id)}`);
    await page.getByTestId('play').click();
    await page.waitForURL(/\/play\//);
    await page.getByTestId('video').evaluate((e) => ((e as unknown as { muted: boolean }).muted = true));
    await waitForPlaying();
    await page.keyboard.press('5');
    await waitForPlaying((file.durationSeconds ?? 20) * 0.5 + 0.5);
    // Pausing saves the position (and leaving would, had it moved since).
    const progress = page.waitForRequest((r) => /\/progress$/.test(r.url()) && r.method() === 'PUT');
    await page.keyboard.press('Space');
    const saved = (await video()).currentTime;
    const body = JSON.parse((await progress).postData() ?? '{}') as { positionSeconds?: number };
    expect(Math.abs((body.positionSeconds ?? -10) - saved)).toBeLessThan(0.5);
    await page.keyboard.press('Backspace');
    await page.getByTestId('item-title').waitFor({ state: 'visible' });
    const play = page.getByTestId('play');
    await expect.poll(async () => play.textContent(), { timeout: 10_000 }).toMatch(/Resume from \d+:\d\d/);
    expect(await page.getByRole('button', { name: 'Start over' }).count()).toBe(1);
    await screenshot(page, 'player-resume-offer', false);
    await play.click();
    await page.waitForURL(/\/play\//);
    await page.getByTestId('video').evaluate((e) => ((e as unknown as { muted: boolean }).muted = true));
    const resumed = await waitForPlaying(0.1);
    expect(Math.abs(resumed.currentTime - saved)).toBeLessThan(2);
  }, 150_000);

  it('shows the next-episode card near the end, and Play now moves on to the next episode', async () => {
    const episodes = details.filter((d) => d.kind === 'episode' && d.files.some((f) => !f.missing));
    const series = details.find((d) => d.kind === 'series' && (d.seasons ?? []).some((s) => s.episodes.length >= 2))!;
    const season = (series.seasons ?? []).find((s) => s.episodes.length >= 2)!;
    const [firstSummary, secondSummary] = [...season.episodes].sort((a, b) => (a.episode ?? 0) - (b.episode ?? 0));
    const first = episodes.find((e) => e.id === firstSummary!.id)!;
    const file = first.files.find((f) => !f.missing)!;
    await openPlayer(file.id, first.id);
    const state = await waitForPlaying();
    await page.getByTestId('video').evaluate((e, to) => ((e as unknown as { currentTime: number }).currentTime = to), state.duration - 1.3);
    const card = page.getByTestId('next-episode');
    await card.waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
    await page.getByTestId('video').evaluate((e) => (e as unknown as { pause(): void }).pause());
    expect(await card.textContent()).toContain(secondSummary!.title);
    // Its still is the next episode's own image (not this one's), and it has arrived.
    expect(secondSummary!.thumb).toBeTruthy();
    expect(secondSummary!.thumb).not.toBe(firstSummary!.thumb);
    const still = card.locator('img');
    await expect
      .poll(() => still.evaluate((e) => (e as unknown as TestImage).complete && (e as unknown as TestImage).naturalWidth > 0), { timeout: 10_000 })
      .toBe(true);
    const src = await still.evaluate((e) => (e as unknown as TestImage).currentSrc);
    expect(new URL(src).pathname).toBe(new URL(secondSummary!.thumb!, server!.origin).pathname);
    await screenshot(page, 'player-next-episode', false);
    await page.getByTestId('next-play').click();
    await page.waitForURL(new RegExp(`item=${encodeURIComponent(secondSummary!.id)}`));
    await page.getByTestId('video').evaluate((e) => ((e as unknown as { muted: boolean }).muted = true));
    await waitForPlaying();
    await expect.poll(async () => page.locator('.controls__title').textContent()).toBe(secondSummary!.title);
  }, 150_000);

  it('plays on to the next episode by itself when an episode ends', async () => {
    const series = details.find((d) => d.kind === 'series' && (d.seasons ?? []).some((s) => s.episodes.length >= 3))!;
    const season = (series.seasons ?? []).find((s) => s.episodes.length >= 3)!;
    const [, second, third] = [...season.episodes].sort((a, b) => (a.episode ?? 0) - (b.episode ?? 0));
    await openPlayer(second!.fileIds[0]!, second!.id);
    const state = await waitForPlaying();
    await page.getByTestId('video').evaluate((e, to) => ((e as unknown as { currentTime: number }).currentTime = to), state.duration - 1);
    await page.waitForURL(new RegExp(`item=${encodeURIComponent(third!.id)}`), { timeout: PLAYBACK_TIMEOUT_MS });
    await page.getByTestId('video').evaluate((e) => ((e as unknown as { muted: boolean }).muted = true));
    await waitForPlaying();
  }, 150_000);

  it('falls back by itself when direct play fails in the browser, with no error left on screen', async () => {
    const { item, file } = findMovie('H.264/AAC MP4', (f) => /mp4/.test(f.container ?? '') && codecs(f, 'audio').every((c) => c === 'aac'));
    // The file arrives as bytes no decoder takes: what a codec the element cannot decode after all looks like.
    await page.route('**/stream/file/**', (route) => route.fulfill({ status: 200, contentType: 'video/mp4', body: Buffer.alloc(4096, 7) }));
    const requests: string[] = [];
    const onRequest = (request: { url(): string; method(): string; postData(): string | null }) => {
      if (request.url().endsWith('/api/v1/playback') && request.method() === 'POST') requests.push(request.postData() ?? '');
    };
    page.on('request', onRequest);
    try {
      await openPlayer(file.id, item.id);
      const state = await waitForPlaying();
      expect(state.engine).toBe('hls.js');
      expect(await methodOf()).toBe('remux');
      expect(requests.some((body) => /"forceMethod":"remux"/.test(body))).toBe(true);
      expect(await page.getByTestId('player-error').count()).toBe(0);
      await wakeControls();
      await page.getByTestId('info-button').click();
      expect(await page.getByTestId('fallback-note').textContent()).toMatch(/from direct play to remux/);
      await screenshot(page, 'player-info-fallback', false);
    } finally {
      page.off('request', onRequest);
      await page.unroute('**/stream/file/**');
    }
  }, 150_000);

  it('says an offline share is offline, with Retry that plays once it is back', async () => {
    const { item, file } = findMovie('H.264/AAC MP4', (f) => /mp4/.test(f.container ?? ''));
    const { libraries } = await api<LibrariesResponse>('/api/v1/libraries');
    // The demo keeps its films in one folder of the films library: unplug that folder.
    const root = libraries.find((l) => l.type === 'movies')?.roots[0];
    if (!root) throw new Error(`No films library in ${JSON.stringify(libraries.map((l) => [l.name, l.type]))}`);
    const away = `${root.path}.unplugged`;
    await rename(root.path, away);
    try {
      await openPlayer(file.id, item.id);
      const error = page.getByTestId('player-error');
      await error.waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
      expect(await error.getAttribute('data-code')).toBe('source-offline');
      expect(await error.textContent()).toMatch(/offline/i);
      await screenshot(page, 'player-offline', false);
    } finally {
      await rename(away, root.path);
    }
    // Retry has focus: a remote's OK is enough.
    await page.keyboard.press('Enter');
    await waitForPlaying();
    expect(await page.getByTestId('player-error').count()).toBe(0);
  }, 150_000);

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
