// The next-episode card's Cancel: the card goes, the countdown stops, and the end of the episode does
// not move on to the next one: the player goes back instead. And the keys that only unit tests covered:
// A (next audio track, a new session at the same second), F (full screen through the Fullscreen API in a
// browser), and the picture-in-picture button. And a title in two versions: the picker on its page, the
// version menu in the player, and the choice remembered per title. And in the desktop app (its bridge
// stood in for), the machine kept awake only while playing, with the system's media keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ItemDetail, ItemSummary, PlaybackSession } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, openDemo, type DemoSession, pageApi } from './harness';
import { openPlayer, PLAYBACK_TIMEOUT_MS, waitForPlaying } from './player-helpers';


let server: RunningServer | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

describe('the next-episode card, versions and the player keys', () => {
  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 720 }, watch: { pageErrors, cspViolations } });
    ({ server, page } = demo);
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('Cancel dismisses it and the end of the episode does not play the next one', async () => {
    const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
    let pair: { first: ItemDetail; second: string } | null = null;
    for (const summary of list.items.filter((i) => i.kind === 'series')) {
      const series = await pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(summary.id)}`);
      const season = (series.seasons ?? []).find((s) => s.episodes.length >= 2);
      if (!season) continue;
      const [a, b] = [...season.episodes].sort((x, y) => (x.episode ?? 0) - (y.episode ?? 0));
      pair = { first: await pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(a!.id)}`), second: b!.id };
      break;
    }
    if (!pair) throw new Error('The demo library has no season with two episodes.');
    const file = pair.first.files.find((f) => !f.missing)!;
    const next = new RegExp(`item=${encodeURIComponent(pair.second)}`);

    await openPlayer(page, server!.origin, file.id, pair.first.id);
    await waitForPlaying(page);
    // The navigations of the page from here on: none may reach the next episode.
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    // A few seconds before the end, playing: the card shows with its countdown.
    await page.getByTestId('video').evaluate((e) => {
      const v = e as unknown as { currentTime: number; duration: number };
      v.currentTime = Math.max(0, v.duration - 3);
    });
    const card = page.getByTestId('next-episode');
    await card.waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
    await page.getByTestId('next-cancel').click();
    await card.waitFor({ state: 'detached', timeout: 5000 });
    expect(page.url()).not.toMatch(next);
    await screenshot(page, 'player-next-cancelled', false);

    // The episode plays out; with the card dismissed the end leaves the player (back where it came from)
    // instead of playing on.
    await page.waitForURL((url) => !url.pathname.startsWith('/play/'), { timeout: PLAYBACK_TIMEOUT_MS });
    expect([page.url(), ...navigations].filter((u) => next.test(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 180_000);
  async function detailsOf(kind: 'movie' | 'series'): Promise<ItemDetail[]> {
    const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
    return Promise.all(list.items.filter((i) => i.kind === kind).map((i) => pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(i.id)}`)));
  }

  it('A switches to the next audio track through a new session at the same second; F enters and leaves full screen', async () => {
    const films = await detailsOf('movie');
    const pick = films.flatMap((item) => item.files.map((file) => ({ item, file })))
      .find(({ file }) => !file.missing && file.probe === 'ok' && file.part === null && file.streams.filter((s) => s.type === 'audio').length >= 2);
    if (!pick) throw new Error('The demo library has no film with two audio tracks.');
    await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
    await waitForPlaying(page, 1);
    const before = await page.getByTestId('video').evaluate((e) => (e as unknown as { currentTime: number }).currentTime);
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/playback' && r.method() === 'POST', { timeout: PLAYBACK_TIMEOUT_MS });
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/playback' && r.request().method() === 'POST', { timeout: PLAYBACK_TIMEOUT_MS });
    await page.keyboard.press('a');
    const body = JSON.parse((await asked).postData() ?? '{}') as { audioStream?: number | null; startSeconds?: number };
    const audio = pick.file.streams.filter((s) => s.type === 'audio');
    // The file's default track played; A asks for the next one.
    const playing = audio.find((s) => s.isDefault) ?? audio[0]!;
    expect(body.audioStream).toBe(audio[(audio.indexOf(playing) + 1) % audio.length]!.index);
    expect(Math.abs((body.startSeconds ?? -10) - before)).toBeLessThan(3);
    const session = (await (await answered).json()) as PlaybackSession;
    expect(session.audioTracks.find((t) => t.selected)?.stream).toBe(body.audioStream);
    await waitForPlaying(page, Math.max(0, before - 1));

    const fullscreen = (): Promise<boolean> => page.evaluate(() => (globalThis as unknown as { document: { fullscreenElement: unknown } }).document.fullscreenElement !== null);
    await page.keyboard.press('f');
    await expect.poll(fullscreen, { timeout: 5000 }).toBe(true);
    await expect.poll(async () => page.getByTestId('fullscreen').getAttribute('aria-label'), { timeout: 5000 }).toMatch(/exit|leave/i);
    await page.keyboard.press('f');
    await expect.poll(fullscreen, { timeout: 5000 }).toBe(false);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('a title in two versions: its page picks which plays and remembers it, and the player switches at the same second', async () => {
    const films = await detailsOf('movie');
    const versionsOf = (item: ItemDetail) => item.files.filter((f) => !f.missing && (f.part === null || f.part <= 1));
    const item = films.find((f) => versionsOf(f).length >= 2);
    if (!item) throw new Error('The demo library has no film in two versions.');
    const versions = versionsOf(item);
    expect(versions.some((f) => f.edition === "Director's Cut")).toBe(true);

    await page.goto(`${server!.origin}/movie/${encodeURIComponent(item.id)}`);
    const picker = page.getByTestId('version-picker');
    await picker.waitFor({ state: 'visible' });
    const buttons = picker.getByRole('button');
    expect(await buttons.count()).toBe(versions.length);
    const labels = (await buttons.allTextContents()).map((l) => l.trim());
    // Each label says what sets the version apart.
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.some((l) => l.includes("Director's Cut"))).toBe(true);
    const pressed = async (): Promise<number> => (await buttons.evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-pressed')))).indexOf('true');
    const first = await pressed();
    expect(first).toBeGreaterThanOrEqual(0);
    const other = (first + 1) % versions.length;
    await buttons.nth(other).click();
    expect(await pressed()).toBe(other);
    await screenshot(page, 'movie-versions');

    await page.getByTestId('play').click();
    await page.waitForURL((url) => url.pathname === `/play/${encodeURIComponent(versions[other]!.id)}`, { timeout: 30_000 });
    await page.getByTestId('video').evaluate((element) => {
      (element as unknown as { muted: boolean }).muted = true;
    });
    await waitForPlaying(page, 1);

    // In the player: the version menu lists both, and a pick plays the other one from the same second.
    await page.mouse.move(420, 300);
    await page.mouse.move(440, 320);
    await page.getByTestId('version-button').click();
    const menu = page.getByTestId('version-menu');
    await menu.waitFor({ state: 'visible' });
    expect(await menu.locator('[data-value]').count()).toBe(versions.length);
    await screenshot(page, 'player-version-menu', false);
    const at = await page.getByTestId('video').evaluate((e) => (e as unknown as { currentTime: number }).currentTime);
    await menu.locator(`[data-value="${versions[first]!.id}"]`).click();
    await page.waitForURL((url) => url.pathname === `/play/${encodeURIComponent(versions[first]!.id)}`, { timeout: 30_000 });
    expect(Math.abs(Number(new URL(page.url()).searchParams.get('start')) - at)).toBeLessThan(2);
    await waitForPlaying(page, Math.max(0.3, at - 1));

    // The title's page, opened afresh, has the version chosen last.
    await page.goto(`${server!.origin}/movie/${encodeURIComponent(item.id)}`);
    await picker.waitFor({ state: 'visible' });
    await expect.poll(pressed, { timeout: 5000 }).toBe(first);
    await page.reload();
    await picker.waitFor({ state: 'visible' });
    await buttons.nth(other).click();
    await page.reload();
    await picker.waitFor({ state: 'visible' });
    await expect.poll(pressed, { timeout: 5000 }).toBe(other);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 180_000);

  it('the picture-in-picture button asks the browser for it, or is not offered where the browser has none', async () => {
    const films = await detailsOf('movie');
    const pick = films.flatMap((item) => item.files.map((file) => ({ item, file }))).find(({ file }) => !file.missing && file.probe === 'ok' && file.part === null)!;
    await openPlayer(page, server!.origin, pick.file.id, pick.item.id);
    await waitForPlaying(page, 0.5);
    const enabled = await page.evaluate(() => (globalThis as unknown as { document: { pictureInPictureEnabled?: boolean } }).document.pictureInPictureEnabled === true);
    const button = page.getByTestId('pip');
    if (!enabled) {
      expect(await button.count()).toBe(0);
      return;
    }
    // Count the calls on the element itself, whatever the browser then decides.
    await page.getByTestId('video').evaluate((e) => {
      const v = e as unknown as { requestPictureInPicture(): Promise<unknown>; dataset: Record<string, string> };
      const real = v.requestPictureInPicture.bind(v);
      v.dataset.pipCalls = '0';
      v.requestPictureInPicture = () => {
        v.dataset.pipCalls = String(Number(v.dataset.pipCalls) + 1);
        return real();
      };
    });
    await page.mouse.move(400, 300);
    await button.click();
    await expect.poll(async () => page.getByTestId('video').getAttribute('data-pip-calls'), { timeout: 5000 }).toBe('1');
    // Granted: the button is pressed (and says how to leave); refused (headless may): it stays as it was.
    const agrees = async (): Promise<boolean> => {
      const inPip = await page.evaluate(() => (globalThis as unknown as { document: { pictureInPictureElement: unknown } }).document.pictureInPictureElement !== null);
      return (await button.getAttribute('aria-pressed')) === String(inPip);
    };
    await expect.poll(agrees, { timeout: 5000 }).toBe(true);
    expect(await page.getByTestId('player-error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 180_000);
  // Last in this file: the stand-in desktop bridge it installs stays for every later page of the context.
  it('in the desktop app it keeps the machine awake only while playing, and the system media keys drive it', async () => {
    await demo!.context.addInitScript(() => {
      const w = globalThis as unknown as {
        desktopCalls: string[];
        mediaHandlers: Record<string, (details: object) => void>;
        desktop: unknown;
        navigator: { mediaSession?: { setActionHandler(action: string, handler: unknown): void } };
      };
      w.desktopCalls = [];
      w.desktop = {
        version: 'e2e',
        pickFolders: () => Promise.resolve([]),
        openExternal: () => Promise.resolve(false),
        setFullScreen: (on: boolean) => (w.desktopCalls.push(`fullscreen ${on}`), Promise.resolve()),
        keepAwake: (on: boolean) => (w.desktopCalls.push(`awake ${on}`), Promise.resolve()),
      };
      // The handlers the page gives the system, kept where the test can press them like a media key.
      w.mediaHandlers = {};
      const session = w.navigator.mediaSession;
      if (session) {
        const real = session.setActionHandler.bind(session);
        session.setActionHandler = (action: string, handler: unknown) => {
          if (typeof handler === 'function') w.mediaHandlers[action] = handler as (details: object) => void;
          else delete w.mediaHandlers[action];
          real(action, handler);
        };
      }
    });
    const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
    const series = list.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 1)!;
    const detail = await pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(series.id)}`);
    const episode = detail.seasons!.flatMap((s) => s.episodes).find((e) => e.fileIds.length > 0)!;
    await openPlayer(page, server!.origin, episode.fileIds[0]!, episode.id);
    await waitForPlaying(page, 0.5);
    const calls = (): Promise<string[]> => page.evaluate(() => (globalThis as unknown as { desktopCalls: string[] }).desktopCalls);
    const press = (action: string, details: object = {}): Promise<void> =>
      page.evaluate(([a, d]) => (globalThis as unknown as { mediaHandlers: Record<string, (x: object) => void> }).mediaHandlers[a as string]!(d as object), [action, details] as const);
    const paused = (): Promise<boolean> => page.getByTestId('video').evaluate((e) => (e as unknown as { paused: boolean }).paused);
    await expect.poll(calls, { timeout: 5000 }).toEqual(['awake true']);

    // The now-playing card names the episode and its series; Next is offered, since an episode follows.
    const card = await page.evaluate(() => {
      const m = (globalThis as unknown as { navigator: { mediaSession: { metadata: { title: string; artist: string; album: string } | null } } }).navigator.mediaSession.metadata;
      return m ? { title: m.title, artist: m.artist, album: m.album } : null;
    });
    expect(card).toEqual({ title: episode.title, artist: series.title, album: expect.stringMatching(/^S\d+E\d+/) });
    await expect.poll(() => page.evaluate(() => Object.keys((globalThis as unknown as { mediaHandlers: object }).mediaHandlers).sort()), { timeout: 5000 })
      .toEqual(['nexttrack', 'pause', 'play', 'previoustrack', 'seekbackward', 'seekforward', 'seekto', 'stop']);

    // Pause from the system: the picture stops and the machine may sleep; play again: awake again.
    await press('pause');
    await expect.poll(paused, { timeout: 5000 }).toBe(true);
    await expect.poll(calls, { timeout: 5000 }).toEqual(['awake true', 'awake false']);
    await press('seekto', { seekTime: 6 });
    await expect.poll(() => page.getByTestId('video').evaluate((e) => Math.round((e as unknown as { currentTime: number }).currentTime)), { timeout: 10_000 }).toBe(6);
    await press('play');
    await waitForPlaying(page, 6);
    await expect.poll(calls, { timeout: 5000 }).toEqual(['awake true', 'awake false', 'awake true']);

    // F goes full screen through the bridge, not the browser's API.
    await page.keyboard.press('f');
    await expect.poll(calls, { timeout: 5000 }).toContain('fullscreen true');
    await page.keyboard.press('f');
    await expect.poll(calls, { timeout: 5000 }).toContain('fullscreen false');

    // Next on the system's keys plays the next episode; leaving the player lets the machine sleep.
    await press('nexttrack');
    await page.waitForURL((url) => url.searchParams.get('item') !== episode.id, { timeout: 30_000 });
    await page.getByTestId('video').evaluate((e) => ((e as unknown as { muted: boolean }).muted = true));
    await waitForPlaying(page, 0.3);
    await page.keyboard.press('Backspace');
    await page.waitForURL((url) => !url.pathname.startsWith('/play/'), { timeout: 30_000 });
    await expect.poll(async () => (await calls()).at(-1), { timeout: 5000 }).toBe('awake false');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
