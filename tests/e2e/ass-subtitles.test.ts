// A styled ASS sidecar painted by libass (JASSUB) in real Chromium: a red box sign placed with \pos
// and \c shows on the renderer's canvas where the script puts it, the WebVTT text of the same track
// is not shown meanwhile, and the sign follows the file's timeline after a seek and after a new
// session (an audio switch) that starts elsewhere. The sidecar is written next to a demo film and
// picked up by a rescan.
import { readdir, writeFile } from 'node:fs/promises';
import { join, parse } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ItemDetail, ItemSummary, LibrariesResponse, MediaFile } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, type TestWindow, openDemo, type DemoSession, pageApi } from './harness';

const PLAYBACK_TIMEOUT_MS = 60_000;

let server: RunningServer | undefined;
let page: Page;
let demo: DemoSession | undefined;
const cspViolations: string[] = [];
const pageErrors: string[] = [];
const consoleLines: string[] = [];

/** Where each sign's box is centred, as fractions of the script's 1280×720 frame. */
const EARLY_SIGN = { x: 0.25, y: 0.25 };
const LATE_SIGN = { x: 0.75, y: 0.25 };

function assScript(duration: number): string {
  const half = duration / 2;
  const stamp = (s: number): string => {
    const cs = Math.round(s * 100);
    const h = Math.floor(cs / 360000);
    const m = Math.floor((cs % 360000) / 6000);
    const sec = Math.floor((cs % 6000) / 100);
    return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
  };
  // A 160×100 box drawn with \p1 (no font involved), red by \c (ASS colours are BGR), and a caption.
  const box = (at: { x: number; y: number }): string => `{\\an5\\pos(${at.x * 1280},${at.y * 720})\\c&H0000FF&\\bord0\\shad0\\p1}m 0 0 l 160 0 160 100 0 100{\\p0}`;
  const caption = (at: { x: number; y: number }, text: string): string => `{\\an8\\pos(${at.x * 1280},${at.y * 720 + 60})\\c&H00FFFF&\\fs40\\bord2}${text}`;
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    'PlayResX: 1280',
    'PlayResY: 720',
    'WrapStyle: 0',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    'Style: Default,Liberation Sans,48,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,2,1,2,40,40,40,1',
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    `Dialogue: 0,${stamp(0)},${stamp(half)},Default,,0,0,0,,${box(EARLY_SIGN)}`,
    `Dialogue: 0,${stamp(0)},${stamp(half)},Default,,0,0,0,,${caption(EARLY_SIGN, 'EARLY SIGN')}`,
    `Dialogue: 0,${stamp(half)},${stamp(duration + 60)},Default,,0,0,0,,${box(LATE_SIGN)}`,
    `Dialogue: 0,${stamp(half)},${stamp(duration + 60)},Default,,0,0,0,,${caption(LATE_SIGN, 'LATE SIGN')}`,
    `Dialogue: 0,${stamp(0)},${stamp(duration + 60)},Default,,0,0,0,,Plain dialogue at the bottom`,
    '',
  ].join('\n');
}

const api = <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => pageApi<T>(page, path, init);

async function findFile(dir: string, name: string): Promise<string | null> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = await findFile(path, name);
      if (found) return found;
    } else if (entry.name === name) {
      return path;
    }
  }
  return null;
}

/** The canvas's pixels at each fraction of its size: is that spot the sign's red? */
async function redAt(spots: Array<{ x: number; y: number }>): Promise<boolean[]> {
  return page.getByTestId('ass-canvas').evaluate((element, points) => {
    const canvas = element as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
    };
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) return points.map(() => false);
    return points.map((p) => {
      // The box's centre: well clear of the caption below it.
      const x = Math.round(p.x * canvas.width);
      const y = Math.round(p.y * canvas.height);
      const { data } = ctx.getImageData(x - 2, y - 2, 5, 5);
      let red = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 200 && data[i]! > 180 && data[i + 1]! < 80 && data[i + 2]! < 80) red++;
      }
      return red >= 20;
    });
  }, spots);
}

async function waitForSigns(want: [boolean, boolean]): Promise<void> {
  try {
    await expect
      .poll(async () => redAt([EARLY_SIGN, LATE_SIGN]), { timeout: PLAYBACK_TIMEOUT_MS, interval: 200 })
      .toEqual(want);
  } catch (error) {
    await screenshot(page, 'player-ass-failure', false).catch(() => undefined);
    const state = await page.locator('[data-testid="ass-subtitles"]').getAttribute('data-state', { timeout: 1000 }).catch(() => 'absent');
    const canvas = await page.getByTestId('ass-canvas').evaluate((element) => {
      const c = element as unknown as { width: number; height: number; style: { cssText: string }; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
      const ctx = c.getContext('2d');
      if (!ctx || !c.width || !c.height) return `${c.width}×${c.height} (${c.style.cssText}) empty`;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let painted = 0;
      let firstAt = -1;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) { painted++; if (firstAt < 0) firstAt = (i - 3) / 4; }
      return `${c.width}×${c.height} (${c.style.cssText}) painted ${painted}, first at ${firstAt % c.width},${Math.floor(firstAt / c.width)}`;
    }, undefined, { timeout: 1000 }).catch(() => 'no canvas');
    throw new Error(`The signs did not show as ${JSON.stringify(want)} (renderer ${state}, canvas ${canvas}, at ${page.url()}).\n${consoleLines.slice(-30).join('\n')}`, { cause: error });
  }
}

async function cueTexts(): Promise<string[]> {
  return page.getByTestId('subtitle-cue').allTextContents();
}

describe('styled ASS subtitles through libass', () => {
  let item: ItemDetail;
  let file: MediaFile;
  let assIndex = -1;

  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 720 }, watch: { pageErrors, cspViolations } });
    ({ server, page } = demo);

    // A film with two audio tracks, so an audio switch makes a new session mid-film.
    const list = await api<{ items: ItemSummary[] }>('/api/v1/items');
    const films = await Promise.all(list.items.filter((i) => i.kind === 'movie').map((i) => api<ItemDetail>(`/api/v1/items/${encodeURIComponent(i.id)}`)));
    const pick = films
      .flatMap((f) => f.files.map((mf) => ({ item: f, file: mf })))
      .find(({ file: f }) => !f.missing && f.probe === 'ok' && f.part === null && (f.durationSeconds ?? 0) >= 10 && f.streams.filter((s) => s.type === 'audio').length >= 2);
    if (!pick) throw new Error('The demo library has no film with two audio tracks.');
    item = pick.item;
    file = pick.file;

    const { libraries } = await api<LibrariesResponse>('/api/v1/libraries');
    const films_ = libraries.find((l) => l.type === 'movies');
    if (!films_) throw new Error('No films library.');
    let videoPath: string | null = null;
    for (const root of films_.roots) videoPath ??= await findFile(root.path, file.name);
    if (!videoPath) throw new Error(`${file.name} is not under the films library.`);
    const { dir, name } = parse(videoPath);
    await writeFile(join(dir, `${name}.en.ass`), assScript(file.durationSeconds ?? 30), 'utf8');
    await api(`/api/v1/libraries/${encodeURIComponent(films_.id)}/scan`, { method: 'POST', body: {} });
    // The scan (or the folder watcher) picks the sidecar up: waited for with a bound.
    const until = Date.now() + PLAYBACK_TIMEOUT_MS;
    for (;;) {
      const detail = await api<ItemDetail>(`/api/v1/items/${encodeURIComponent(item.id)}`);
      const mine = detail.files.find((f) => f.id === file.id);
      if (mine?.streams.some((s) => s.type === 'subtitle' && s.codec.toLowerCase() === 'ass' && s.isExternal)) break;
      if (Date.now() > until) throw new Error(`The rescan did not find the .ass sidecar of ${file.name}.`);
      await page.waitForTimeout(500);
    }
    const detail = await api<ItemDetail>(`/api/v1/items/${encodeURIComponent(item.id)}`);
    file = detail.files.find((f) => f.id === file.id)!;
    assIndex = file.streams.find((s) => s.type === 'subtitle' && s.codec.toLowerCase() === 'ass' && s.isExternal)!.index;
  }, READY_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('paints the positioned, coloured sign on its canvas, not as text, on the file timeline across a seek and a new session', async () => {
    await playWithAss();
    await page.locator('[data-testid="ass-subtitles"][data-state="drawing"]').waitFor({ state: 'attached', timeout: PLAYBACK_TIMEOUT_MS });
    // Paused, so the short film cannot end under the checks; a seek while paused still presents a
    // frame, which is what makes libass draw.
    await page.getByTestId('video').evaluate((element) => (element as unknown as { pause(): void }).pause());
    await page.keyboard.press('0');

    // Early in the film: the early sign where \pos put it, in its \c red; the late one not yet.
    await waitForSigns([true, false]);
    // libass draws the track: its WebVTT text (the same lines, unstyled) is not shown over it.
    expect(await cueTexts()).toEqual([]);
    await page.getByTestId('info-button').click();
    await expect.poll(async () => page.getByTestId('info-panel').textContent()).toMatch(/Styled \(ASS\) through libass/);
    await page.getByTestId('info-button').click();
    await screenshot(page, 'player-ass-early', false);

    // A seek past the middle: the late sign, the early one gone.
    await page.keyboard.press('6');
    await waitForSigns([false, true]);
    expect(await cueTexts()).toEqual([]);

    // A new session (another audio track) starting from where it is: still the file's timeline.
    const before = await page.getByTestId('video').evaluate((element) => (element as unknown as { currentTime: number }).currentTime);
    await page.mouse.move(420, 320);
    await page.getByTestId('audio-button').click();
    const other = file.streams.filter((s) => s.type === 'audio').find((s) => !s.isDefault) ?? file.streams.filter((s) => s.type === 'audio')[1]!;
    const sessionAnswered = page.waitForResponse((r) => /\/api\/v1\/playback$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST', { timeout: PLAYBACK_TIMEOUT_MS });
    await page.getByTestId('audio-menu').locator(`[data-value="${other.index}"]`).click();
    const session = (await (await sessionAnswered).json()) as { startSeconds: number };
    expect(session.startSeconds).toBeGreaterThan((file.durationSeconds ?? 30) / 2);
    expect(Math.abs(session.startSeconds - before)).toBeLessThan(3);
    await page.waitForFunction((min) => {
      const v = (globalThis as unknown as TestWindow).document.querySelector('video') as unknown as { currentTime: number; paused: boolean } | null;
      return v !== null && !v.paused && v.currentTime >= min;
    }, session.startSeconds, { timeout: PLAYBACK_TIMEOUT_MS });
    await page.getByTestId('video').evaluate((element) => (element as unknown as { pause(): void }).pause());
    await waitForSigns([false, true]);
    expect(await cueTexts()).toEqual([]);
    await page.mouse.move(400, 300);
    await screenshot(page, 'player-ass-late', false);

    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 240_000);
  /** The lowest row libass painted, in viewport pixels (the canvas's CSS transform included), or null. */
  async function lowestPaintedY(): Promise<number | null> {
    return page.getByTestId('ass-canvas').evaluate((element) => {
      const c = element as unknown as {
        width: number;
        height: number;
        getBoundingClientRect(): { top: number; height: number };
        getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
      };
      const ctx = c.getContext('2d');
      if (!ctx || !c.width || !c.height) return null;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      for (let row = c.height - 1; row >= 0; row--) {
        for (let x = 0; x < c.width; x++) if (data[(row * c.width + x) * 4 + 3]! > 40) {
          const rect = c.getBoundingClientRect();
          return rect.top + ((row + 1) * rect.height) / c.height;
        }
      }
      return null;
    });
  }

  async function barTop(): Promise<number> {
    const box = await page.locator('.controls__bottom').boundingBox();
    if (!box) throw new Error('The control bar is not laid out.');
    return box.y;
  }

  async function playWithAss(): Promise<void> {
    await page.goto(`${server!.origin}/play/${encodeURIComponent(file.id)}?item=${encodeURIComponent(item.id)}`);
    await page.getByTestId('video').evaluate((element) => {
      (element as unknown as { muted: boolean }).muted = true;
    });
    await page.waitForFunction(() => {
      const v = (globalThis as unknown as TestWindow).document.querySelector('video') as unknown as { currentTime: number; paused: boolean } | null;
      return v !== null && !v.paused && v.currentTime > 0.3;
    }, undefined, { timeout: PLAYBACK_TIMEOUT_MS });
    await page.mouse.move(400, 300);
    await page.getByTestId('subtitles-button').click();
    await page.getByTestId('subtitles-menu').locator(`[data-value="${assIndex}"]`).click();
  }

  it('keeps the bottom dialogue above the control bar while the controls show, and lets it down when they hide', async () => {
    await playWithAss();
    await page.locator('[data-testid="ass-subtitles"][data-state="drawing"]').waitFor({ state: 'attached', timeout: PLAYBACK_TIMEOUT_MS });
    // Paused: the controls stay on screen.
    await page.getByTestId('video').evaluate((element) => (element as unknown as { pause(): void }).pause());
    await page.keyboard.press('0');
    const bar = await barTop();
    await expect.poll(lowestPaintedY, { timeout: PLAYBACK_TIMEOUT_MS, interval: 200 }).not.toBeNull();
    await expect.poll(async () => (await lowestPaintedY())! <= bar, { timeout: 5000, interval: 100 }).toBe(true);
    await screenshot(page, 'player-ass-controls', false);

    // Playing with no input: the controls fade after their 3 s, and the frame goes back to the picture's full height.
    await page.getByTestId('video').evaluate((element) => void (element as unknown as { play(): Promise<void> }).play());
    await page.locator('.player--idle').waitFor({ state: 'attached', timeout: 20_000 });
    await expect.poll(async () => page.getByTestId('ass-canvas').evaluate((c) => (c as unknown as { style: { transform: string } }).style.transform), { timeout: 5000 }).toBe('');
    // Unlifted, the authored bottom line reaches into where the bar is drawn: the lift above was needed.
    await expect.poll(async () => (await lowestPaintedY()) ?? 0, { timeout: 5000, interval: 100 }).toBeGreaterThan(bar);
    await screenshot(page, 'player-ass-idle', false);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('falls back to the WebVTT of the same track, and says so, when the libass worker cannot load', async () => {
    const refused: string[] = [];
    await page.route(/\/assets\/jassub-worker[^/]*$/, async (route) => {
      refused.push(route.request().url());
      await route.fulfill({ status: 404, body: 'not here' });
    });
    try {
      await playWithAss();
      await page.locator('[data-testid="ass-subtitles"][data-state="failed"]').waitFor({ state: 'attached', timeout: PLAYBACK_TIMEOUT_MS });
      expect(refused.length).toBeGreaterThan(0);
      // The same line, as page text from the track's WebVTT.
      await expect.poll(cueTexts, { timeout: PLAYBACK_TIMEOUT_MS }).toContain('Plain dialogue at the bottom');
      await page.getByTestId('info-button').click();
      await expect.poll(async () => page.getByTestId('info-panel').textContent()).toMatch(/Plain text: the styled renderer could not start/);
      await screenshot(page, 'player-ass-fallback', false);
      await page.getByTestId('info-button').click();
      await expect(page.getByTestId('player-error').count()).resolves.toBe(0);
    } finally {
      await page.unroute(/\/assets\/jassub-worker[^/]*$/);
    }
  }, 240_000);
});
