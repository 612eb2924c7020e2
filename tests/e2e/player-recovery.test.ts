// hls.js error recovery in real Chromium on a remuxed demo film: segments that fail for a while (503s
// from the media server, made by page.route) are ridden out and playback goes on with nothing on screen;
// segments that keep failing end in the clear message with Retry and Back, and Retry plays once the
// server answers again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import type { ItemDetail, ItemSummary, MediaFile } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, openDemo, type DemoSession, pageApi } from './harness';
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

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
