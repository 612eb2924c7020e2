// "Waking the share…": a server started with the slow-share test hook (its environment only) answers
// the root check before playback seconds late, as a sleeping NAS does, and sends playback-waiting
// events meanwhile. The player says so while it waits, and the words go once the film plays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ItemDetail, ItemSummary } from '../../src/shared/api';
import { SLOW_SHARE_ENV } from '../../src/main/playback/slow-share-for-tests';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, openDemo, type DemoSession, pageApi } from './harness';
import { PLAYBACK_TIMEOUT_MS, waitForPlaying } from './player-helpers';


let server: RunningServer | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

describe('a share that is slow to wake', () => {
  beforeAll(async () => {
    // The harness hands its environment to the server it starts; this file runs in its own worker.
    process.env[SLOW_SHARE_ENV] = '4000';
    try {
      demo = await openDemo({ viewport: { width: 1280, height: 720 }, watch: { pageErrors, cspViolations } });
    } finally {
      delete process.env[SLOW_SHARE_ENV];
    }
    ({ server, page } = demo);
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('shows "Waking the share…" while the server waits for the root, and not once it plays', async () => {
    const list = await pageApi<{ items: ItemSummary[] }>(page, '/api/v1/items');
    const movie = list.items.find((i) => i.kind === 'movie');
    if (!movie) throw new Error('The demo library has no film.');
    const item = await pageApi<ItemDetail>(page, `/api/v1/items/${encodeURIComponent(movie.id)}`);
    const file = item.files.find((f) => !f.missing && f.probe === 'ok' && f.part === null);
    if (!file) throw new Error(`${item.title} has no playable file.`);

    await page.goto(`${server!.origin}/play/${encodeURIComponent(file.id)}?item=${encodeURIComponent(item.id)}`);
    const waking = page.getByTestId('player-waking');
    await waking.waitFor({ state: 'visible', timeout: PLAYBACK_TIMEOUT_MS });
    expect(await waking.textContent()).toMatch(/^Waking the share… \(\d+ s\)$/);
    await screenshot(page, 'player-waking', false);

    await page.getByTestId('video').evaluate((element) => {
      (element as unknown as { muted: boolean }).muted = true;
    });
    await waitForPlaying(page);
    expect(await waking.count()).toBe(0);
    expect(await page.getByTestId('player-error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 180_000);
});
