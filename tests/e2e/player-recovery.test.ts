// hls.js error recovery in real Chromium on a remuxed demo film: segments that fail for a while (503s
// from the media server, made by page.route) are ridden out and playback goes on with nothing on screen;
// segments that keep failing end in the clear message with Retry and Back, and Retry plays once the
// server answers again; a remux whose media cannot be decoded falls back to a transcode at the same second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import type { ItemDetail, ItemSummary, MediaFile, PlaybackSession } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, openDemo, type DemoSession, pageApi, type TestWindow } from './harness';
import { openPlayer, PLAYBACK_TIMEOUT_MS, waitForPlaying } from './player-helpers';

const SEGMENTS = /\/seg-\d{5}\.m4s(\?.*)?$/;

let server: RunningServer | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
const cspViolations: string[] = [];
let film: { item: ItemDetail; file: MediaFile };

async function remuxedFilm(): Promise<{ item: ItemDetail; file: MediaFile }> {
  const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
  for (const summary of list.items.filter((i) => i.kind === 'movie')) {
    const item = await pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(summary.id)}`);
    // H.264 with AC-3 in Matroska: the server remuxes it to HLS (the audio is made AAC).
    const file = item.files.find((f) => !f.missing && f.probe === 'ok' && /matroska|mkv/.test(f.container ?? '')
      && f.streams.some((s) => s.type === 'video' && s.codec.toLowerCase() === 'h264')
      && f.streams.filter((s) => s.type === 'audio').every((s) => s.codec.toLowerCase() === 'ac3'));
    if (file) return { item, file };
  }
  throw new Error('The demo library has no H.264 + AC-3 MKV.');
}

const openFilm = (): Promise<void> => openPlayer(page, server!.origin, film.file.id, film.item.id);

describe('hls.js recovery against the demo library', () => {
  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 720 }, watch: { pageErrors, cspViolations } });
    ({ server, page } = demo);
    film = await remuxedFilm();
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('rides out segments that fail for a while: playback goes on, no error on screen', async () => {
    let refused = 0;
    let served = 0;
    await page.route(SEGMENTS, async (route: Route) => {
      if (refused < 3) {
        refused++;
        await route.fulfill({ status: 503, body: 'busy' });
        return;
      }
      served++;
      await route.continue();
    });
    try {
      await openFilm();
      await waitForPlaying(page, 1);
      expect(refused).toBe(3);
      expect(served).toBeGreaterThan(0);
      expect(await page.getByTestId('player-error').count()).toBe(0);
      expect(await page.getByTestId('play-method').getAttribute('data-method')).toBe('remux');
    } finally {
      await page.unroute(SEGMENTS);
    }
  }, 180_000);

  it('ends a lasting failure in the clear message with Retry and Back, and Retry plays once the server answers', async () => {
    let refused = 0;
    await page.route(SEGMENTS, async (route: Route) => {
      refused++;
      await route.fulfill({ status: 503, body: 'busy' });
    });
    try {
      await openFilm();
      const error = page.getByTestId('player-error');
      await error.waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
      expect(await error.getAttribute('data-code')).toBe('playback-network');
      expect(await error.textContent()).toMatch(/stopped loading/i);
      await expect(page.getByTestId('player-retry').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('player-error-back').isVisible()).resolves.toBe(true);
      // hls.js retried each segment, then the player restarted loading: more than one round of refusals.
      expect(refused).toBeGreaterThan(4);
      await screenshot(page, 'player-network-error', false);
    } finally {
      await page.unroute(SEGMENTS);
    }
    // Retry has focus, so a remote's OK is enough.
    await page.keyboard.press('Enter');
    await waitForPlaying(page, 0.5);
    expect(await page.getByTestId('player-error').count()).toBe(0);
  }, 180_000);

  it('falls back from remux to transcode at the same second when the remuxed media cannot be decoded, with no error on screen', async () => {
    // Every segment of the first (remux) session arrives with its media data scrambled: the boxes parse, the
    // decoder cannot use what is in them, and hls.js's recoveries cannot help. Later sessions are left alone.
    let remux: string | null = null;
    let scrambled = 0;
    await page.route(SEGMENTS, async (route: Route) => {
      const session = new URL(route.request().url()).pathname.split('/').at(-2) ?? '';
      remux ??= session;
      if (session !== remux) return route.continue();
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      const mdat = body.indexOf('mdat');
      for (let i = mdat < 0 ? body.length : mdat + 44; i < body.length; i++) body[i] = (body[i]! * 31 + 7) & 255;
      scrambled++;
      return route.fulfill({ response, body });
    });
    const FROM = 12;
    const fellBack = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/playback' && r.request().method() === 'POST' && /"forceMethod":"transcode"/.test(r.request().postData() ?? ''),
      { timeout: PLAYBACK_TIMEOUT_MS },
    );
    try {
      await page.goto(`${server!.origin}/play/${encodeURIComponent(film.file.id)}?item=${encodeURIComponent(film.item.id)}&start=${FROM}`);
      await page.getByTestId('video').evaluate((e) => ((e as unknown as { muted: boolean }).muted = true));
      const response = await fellBack;
      const asked = JSON.parse(response.request().postData() ?? '{}') as { startSeconds?: number };
      // Where the remux stopped, not the start of the film (hls.js's resets put the element back at 0).
      expect(Math.abs((asked.startSeconds ?? 0) - FROM)).toBeLessThan(3);
      const session = (await response.json()) as PlaybackSession;
      expect(session.method).toBe('transcode');
      // The first moment the transcode plays, it plays near that second.
      const firstPlayed = await page.waitForFunction(
        () => {
          const doc = (globalThis as unknown as TestWindow).document;
          if (doc.querySelector('[data-testid="player-error"]')) return -1;
          const method = (doc.querySelector('[data-testid="play-method"]') as { getAttribute(n: string): string | null } | null)?.getAttribute('data-method');
          const v = doc.querySelector('video') as { currentTime: number; videoWidth: number; paused: boolean } | null;
          return method === 'transcode' && v !== null && !v.paused && v.videoWidth > 0 && v.currentTime > 0 ? v.currentTime : false;
        },
        undefined,
        { timeout: PLAYBACK_TIMEOUT_MS, polling: 100 },
      );
      const at = (await firstPlayed.jsonValue()) as number;
      expect(at, 'the player showed an error').not.toBe(-1);
      expect(Math.abs(at - session.startSeconds)).toBeLessThan(3);
      expect(Math.abs(at - FROM)).toBeLessThan(4);
      expect(scrambled).toBeGreaterThan(0);
      expect(await page.getByTestId('player-error').count()).toBe(0);
      await page.mouse.move(400, 300);
      await page.mouse.move(420, 320);
      await page.getByTestId('info-button').click();
      expect(await page.getByTestId('fallback-note').textContent()).toMatch(/from remux to transcode/);
    } finally {
      await page.unroute(SEGMENTS);
    }
  }, 180_000);

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
