// The Settings screen and run-time themes in real Chromium against `media-centre serve --demo`: every
// built-in theme switched without a reload (screenshots of home, a movie and a series in each), Auto
// following the system live, a user theme dropped into the data dir appearing and applying, a broken one
// showing its error, and a library folder added by keyboard, scanned with progress, and removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ItemSummary, Library } from '../../src/shared/api';
import type { ThemeEntry, ThemesResponse } from '../../src/shared/theme';
import type { SystemInfo } from '../../src/shared/settings-api';
import { launchBrowser, READY_TIMEOUT_MS, REPO_ROOT, screenshot, startServer, type RunningServer, type TestWindow } from './harness';
import { makeClip, removeDir, tempDir } from '../helpers/fixtures';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
const pageErrors: string[] = [];
const cspViolations: string[] = [];
let themes: ThemeEntry[];
let items: ItemSummary[];
let system: SystemInfo;
let folder: string | undefined;

async function getJson<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const w = globalThis as unknown as TestWindow;
    return (await (await w.fetch(p, { credentials: 'same-origin' })).json()) as T;
  }, path);
}

interface Painted {
  theme: string | undefined;
  bg: string;
  scheme: string;
  bodyBg: string;
  marker: unknown;
}

/** What the page is painted with now: the applied theme id, its --mc-bg, color-scheme, and the no-reload marker. */
async function painted(): Promise<Painted> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { documentElement: { dataset: Record<string, string | undefined> }; body: unknown };
      getComputedStyle(e: unknown): { getPropertyValue(n: string): string; colorScheme: string; backgroundColor: string };
      __noReload?: unknown;
    };
    const root = g.getComputedStyle(g.document.documentElement);
    return {
      theme: g.document.documentElement.dataset.theme,
      bg: root.getPropertyValue('--mc-bg').trim(),
      scheme: root.colorScheme,
      bodyBg: g.getComputedStyle(g.document.body).backgroundColor,
      marker: g.__noReload,
    };
  });
}

function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

async function waitForTheme(id: string): Promise<void> {
  await page.waitForFunction(
    (want) => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string | undefined> } } }).document.documentElement.dataset.theme === want,
    id,
    { timeout: 10_000 },
  );
}

/** A screenshot once the theme's colour transitions and the posters' fade-in are over (endless spinners aside). */
async function settledScreenshot(name: string, fullPage = false): Promise<void> {
  await page
    .waitForFunction(() => (Array.from((globalThis as unknown as TestWindow).document.querySelectorAll('img')) as { complete: boolean }[]).every((i) => i.complete), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  await page.evaluate(async () => {
    const d = (globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null }[] } }).document;
    const finite = d.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
  await screenshot(page, name, fullPage);
}

async function openSettings(section: string): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.locator(`.settings__tab[data-section="${section}"]`).click();
}

describe('themes and settings against the demo library', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(server.url);
    await page.locator('.app-header').waitFor({ state: 'visible', timeout: 30_000 });
    themes = (await getJson<ThemesResponse>('/api/v1/themes')).themes;
    items = (await getJson<{ items: ItemSummary[] }>('/api/v1/items')).items;
    system = await getJson<SystemInfo>('/api/v1/system');
    // Set once; a reload would lose it.
    await page.evaluate(() => ((globalThis as unknown as { __noReload: number }).__noReload = 1));
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (folder) removeDir(folder);
  }, 30_000);

  it('opens in Dark, painted by the server before any script ran', async () => {
    const p = await painted();
    const dark = themes.find((t) => t.id === 'dark');
    expect(p.bg).toBe(dark?.tokens?.colours.background);
    expect(p.scheme).toBe('dark');
    expect(p.bodyBg).toBe(rgb(dark!.tokens!.colours.background));
  });

  it('switches to every built-in theme at run time, without a reload', async () => {
    const movie = items.find((i) => i.kind === 'movie');
    const series = items.find((i) => i.kind === 'series');
    if (!movie || !series) throw new Error('The demo library lacks a movie or a series.');
    for (const entry of themes.filter((t) => t.builtIn)) {
      await openSettings('appearance');
      await page.locator(`[data-theme-choice="${entry.id}"]`).click();
      await waitForTheme(entry.id);
      const p = await painted();
      expect(p.marker).toBe(1);
      expect(p.bg).toBe(entry.tokens?.colours.background);
      expect(p.scheme).toBe(entry.tokens?.scheme);
      expect(p.bodyBg).toBe(rgb(entry.tokens!.colours.background));
      await settledScreenshot(`theme-${entry.id}-settings`);

      await page.locator('.app-header__brand').click();
      await page.getByTestId('slide-title').first().waitFor({ state: 'visible' });
      await settledScreenshot(`theme-${entry.id}-home`);

      await page.getByTestId('nav-library').click();
      await page.locator('.poster-card img').first().waitFor({ state: 'visible' });
      await settledScreenshot(`theme-${entry.id}-library`);
      await page.getByTestId('library-search').fill(movie.title);
      await page.locator(`.poster-card[data-item-id="${movie.id}"]`).click();
      await page.getByTestId('item-title').waitFor({ state: 'visible' });
      await settledScreenshot(`theme-${entry.id}-movie`);

      await page.getByTestId('nav-library').click();
      await page.getByTestId('library-search').fill(series.title);
      await page.locator(`.poster-card[data-item-id="${series.id}"]`).click();
      await page.getByTestId('item-title').waitFor({ state: 'visible' });
      await settledScreenshot(`theme-${entry.id}-series`);
      await page.getByTestId('nav-library').click();
      await page.getByTestId('library-search').fill('');
      expect((await painted()).marker).toBe(1);
    }
  }, 240_000);

  it('Auto follows the system preference, and changes when it changes', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSettings('appearance');
    await page.locator('[data-theme-choice="auto"]').click();
    await waitForTheme('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await waitForTheme('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await waitForTheme('light');
    expect((await painted()).scheme).toBe('light');
    // A fresh load in Auto is painted right by the server's media query alone.
    const fresh = await context!.newPage();
    await fresh.emulateMedia({ colorScheme: 'light' });
    await fresh.goto(`${server!.origin}/settings/appearance`);
    const bg = await fresh.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: unknown }; getComputedStyle(e: unknown): { getPropertyValue(n: string): string } };
      return g.getComputedStyle(g.document.documentElement).getPropertyValue('--mc-bg').trim();
    });
    expect(bg).toBe(themes.find((t) => t.id === 'light')?.tokens?.colours.background);
    await fresh.close();
  });

  it('a theme dropped into the data dir appears in the picker and applies live; a broken one shows its error', async () => {
    const dir = join(system.dataDir, 'themes');
    mkdirSync(dir, { recursive: true });
    const base = JSON.parse(readFileSync(join(REPO_ROOT, 'themes', 'cobalt.json'), 'utf8')) as { colours: Record<string, string> };
    writeFileSync(join(dir, 'forest.json'), JSON.stringify({ ...base, name: 'Forest', colours: { ...base.colours, background: '#0c1a12' } }));
    const choice = page.locator('[data-theme-choice="forest"]');
    await choice.waitFor({ state: 'visible', timeout: 15_000 });
    await choice.click();
    await waitForTheme('forest');
    expect((await painted()).bg).toBe('#0c1a12');
    // Edited while in use: the page follows the file.
    writeFileSync(join(dir, 'forest.json'), JSON.stringify({ ...base, name: 'Forest', colours: { ...base.colours, background: '#10241a' } }));
    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as { document: { documentElement: unknown }; getComputedStyle(e: unknown): { getPropertyValue(n: string): string } };
        return g.getComputedStyle(g.document.documentElement).getPropertyValue('--mc-bg').trim() === '#10241a';
      },
      undefined,
      { timeout: 15_000 },
    );
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...base, name: 'Broken', colours: { ...base.colours, accent: 'orange' } }));
    const error = page.locator('[data-broken-theme="broken"]');
    await error.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await error.textContent()).toContain('broken.json: colours.accent: a colour written as #rrggbb');
    // A readable-enough file with one weak pair is usable, with a warning that names the pair and its ratio.
    writeFileSync(join(dir, 'faint.json'), JSON.stringify({ ...base, name: 'Faint', colours: { ...base.colours, textMuted: '#2a3550' } }));
    const warning = page.locator('[data-theme-choice="faint"] .themes__warning', { hasText: 'muted text on page' });
    await warning.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await warning.textContent()).toMatch(/muted text on page is \d+(\.\d+)?:1 \(needs 4\.5:1\)/);
    await settledScreenshot('settings-appearance-user-themes', true);
    await page.locator('[data-theme-choice="dark"]').click();
    await waitForTheme('dark');
  });

  it('adds a library folder by keyboard with completion, shows its scan progress, and removes it', async () => {
    folder = tempDir('mc-e2e-folder-');
    const films = join(folder, 'Family Films');
    mkdirSync(join(films, 'Picnic (2004)'), { recursive: true });
    copyFileSync(await makeClip(join(folder, 'tmp.mp4')), join(films, 'Picnic (2004)', 'Picnic (2004).mp4'));
    await openSettings('libraries');
    const before = await getJson<{ libraries: Library[] }>('/api/v1/libraries');
    const input = page.getByTestId('folder-path');
    await input.focus();
    await page.keyboard.type(`${folder}/Fam`);
    const option = page.getByRole('option', { name: 'Family Films' });
    await option.waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe(`${films}/`);
    // The next Enter, with no suggestion chosen, adds the folder.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    const card = page.locator('[data-testid="library"]', { hasText: films });
    await card.waitFor({ state: 'visible' });
    expect(await card.textContent()).toContain('Online');
    await card.getByTestId('scan-progress').waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(
      (path) => {
        const d = (globalThis as unknown as TestWindow).document;
        const cards = Array.from(d.querySelectorAll('[data-testid="library"]')) as { textContent: string | null }[];
        const mine = cards.find((c) => (c.textContent ?? '').includes(path));
        return (mine?.textContent ?? '').includes('Scan finished: 1 added');
      },
      films,
      { timeout: 60_000 },
    );
    await settledScreenshot('settings-libraries', true);
    const after = await getJson<{ libraries: Library[] }>('/api/v1/libraries');
    expect(after.libraries.length).toBe(before.libraries.length + 1);

    const remove = card.getByTestId('remove');
    await remove.focus();
    await page.keyboard.press('Enter');
    expect(await remove.textContent()).toContain('Press again');
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    const end = await getJson<{ libraries: Library[] }>('/api/v1/libraries');
    expect(end.libraries.map((l) => l.id).sort()).toEqual(before.libraries.map((l) => l.id).sort());
  }, 120_000);

  it('changes playback, home and appearance settings by keyboard, saved on the server at once', async () => {
    await openSettings('playback');
    const autoPlay = page.getByRole('switch', { name: 'Play the next episode' });
    await autoPlay.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      async () => {
        const w = globalThis as unknown as TestWindow;
        const s = (await (await w.fetch('/api/v1/settings', { credentials: 'same-origin' })).json()) as { playback: { autoPlayNext: boolean } };
        return s.playback.autoPlayNext === false;
      },
      undefined,
      { timeout: 10_000, polling: 200 },
    );
    await settledScreenshot('settings-playback', true);

    await openSettings('home');
    await page.getByRole('button', { name: 'Move Next up up' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.home-rows__item').first().locator('text=Next up').waitFor();
    const rows = (await getJson<{ home: { rows: { id: string }[] } }>('/api/v1/settings')).home.rows.map((r) => r.id);
    expect(rows.slice(0, 2)).toEqual(['next-up', 'continue-watching']);
    await settledScreenshot('settings-home', true);

    await openSettings('appearance');
    await page.getByRole('button', { name: 'More: Text size' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as { document: { documentElement: unknown }; getComputedStyle(e: unknown): { getPropertyValue(n: string): string } };
        return g.getComputedStyle(g.document.documentElement).getPropertyValue('--mc-text-scale').trim() === '1.1';
      },
      undefined,
      { timeout: 10_000 },
    );
    await page.getByRole('button', { name: 'Less: Text size' }).focus();
    await page.keyboard.press('Enter');

    await openSettings('about');
    await page.getByTestId('about').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByTestId('about').textContent()).toContain(system.dataDir);
    await settledScreenshot('settings-about', true);
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
