// What the player's e2e files share: opening the player on a file (muted, so headless runs never depend
// on an audio device) and waiting, with a bound, until the picture plays.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestWindow } from './harness';

export const PLAYBACK_TIMEOUT_MS = 90_000;

export async function openPlayer(page: Page, origin: string, fileId: string, itemId: string): Promise<void> {
  await page.goto(`${origin}/play/${encodeURIComponent(fileId)}?item=${encodeURIComponent(itemId)}`);
  await page.getByTestId('video').evaluate((element) => {
    (element as unknown as { muted: boolean }).muted = true;
  });
}

/** Waits until the video plays past `after` s with a picture; fails at once if the player shows an error. */
export async function waitForPlaying(page: Page, after = 0.3): Promise<void> {
  const outcome = await page.waitForFunction(
    (min) => {
      const doc = (globalThis as unknown as TestWindow).document;
      if (doc.querySelector('[data-testid="player-error"]')) return 'the player shows an error';
      const v = doc.querySelector('video') as unknown as { currentTime: number; videoWidth: number; paused: boolean } | null;
      return v !== null && !v.paused && v.videoWidth > 0 && v.currentTime > min ? 'playing' : false;
    },
    after,
    { timeout: PLAYBACK_TIMEOUT_MS, polling: 100 },
  );
  expect(await outcome.jsonValue()).toBe('playing');
}
