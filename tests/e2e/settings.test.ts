// The Settings screen and run-time themes in real Chromium against `media-centre serve --demo`: every
// built-in theme switched without a reload (screenshots of home, a movie and a series in each), Auto
// following the system live, a user theme dropped into the data dir appearing and applying, a broken one
// showing its error, a library folder added by keyboard, scanned with progress, and removed, every
// section walked with arrow keys and Enter, home following its settings live (rows, density, slideshow,
// reduced motion, text size), and every setting still there after the server restarts on the same data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, copyFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { ItemSummary, Library } from '../../src/shared/api';
import type { ThemeEntry, ThemesResponse } from '../../src/shared/theme';
import type { SystemInfo } from '../../src/shared/settings-api';
import type { Settings, SettingsPatch } from '../../src/shared/settings';
import { READY_TIMEOUT_MS, REPO_ROOT, picturesOnScreen, screenshot, startServer, type RunningServer, type TestWindow, openDemo, watchPage, type DemoSession } from './harness';
import { makeClip, removeDir, tempDir } from '../helpers/fixtures';
import { rawDatabase } from '../helpers/sqlite';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
const cspViolations: string[] = [];
let themes: ThemeEntry[];
let items: ItemSummary[];
let system: SystemInfo;
let folder: string | undefined;
/** Kept across the restart test's two servers; removed at the end. */
let dataDir: string;
/**
 * An item page first probes what the background has not reached (GET /api/v1/items/:id): on a machine
 * shared by several suites (load 17 on 2 cores seen) that has taken over 20 s.
 */
const ITEM_PAGE_TIMEOUT_MS = 90_000;

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
  await picturesOnScreen(page);
  await page.evaluate(async () => {
    const d = (globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null }[] } }).document;
    const finite = d.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
  await screenshot(page, name, fullPage);
}

/** A change made elsewhere (another window, a script): the open page must hear of it through the events stream. */
async function putElsewhere(patch: SettingsPatch): Promise<Settings> {
  const res = await fetch(`${server!.origin}/api/v1/settings`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${new URL(server!.url).searchParams.get('token') ?? ''}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Settings;
}

/** A library request made elsewhere (another window, the CLI): the open page hears of it through the events stream. */
async function fromElsewhere<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server!.origin}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${new URL(server!.url).searchParams.get('token') ?? ''}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The value of a CSS custom property or property on the first element matching a selector, once it equals `want`. */
async function waitForStyle(selector: string, property: string, want: string): Promise<void> {
  await page.waitForFunction(
    ([sel, prop, value]) => {
      const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { getPropertyValue(n: string): string } };
      const element = g.document.querySelector(sel!);
      return element !== null && g.getComputedStyle(element).getPropertyValue(prop!).trim() === value;
    },
    [selector, property, want] as const,
    { timeout: 10_000 },
  );
}

/** The focused element: its place, whether it is in the section's content, and whether its focus ring shows. */
async function focused(): Promise<{ text: string; role: string | null; inContent: boolean; inNav: boolean; ring: boolean; section: string | null }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { activeElement: { textContent: string | null; getAttribute(n: string): string | null; closest(s: string): unknown; matches(s: string): boolean } | null };
      getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string };
    };
    const a = g.document.activeElement;
    if (!a) return { text: '', role: null, inContent: false, inNav: false, ring: false, section: null };
    const style = g.getComputedStyle(a);
    return {
      text: (a.textContent ?? '').trim(),
      role: a.matches('input[type="text"], input[type="password"], input[type="url"], input:not([type])') ? 'textbox' : (a.getAttribute('role') === 'switch' ? a.getAttribute('aria-label') : a.getAttribute('role') ?? a.getAttribute('aria-label')),
      inContent: a.closest('.settings__content') !== null,
      inNav: a.closest('.settings__nav') !== null,
      ring: a.matches(':focus-visible') && style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      section: a.getAttribute('data-section'),
    };
  });
}

/** axe's rules whose outcome depends on colours: contrast of text, and links told apart from text by colour alone. */
const PALETTE_RULES = ['color-contrast', 'link-in-text-block'];

async function openSettings(section: string): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.locator(`.settings__tab[data-section="${section}"]`).click();
}

describe('themes and settings against the demo library', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'media-centre-e2e-settings-'));
    demo = await openDemo({ dataDir, viewport: { width: 1280, height: 800 }, watch: { pageErrors, cspViolations } });
    ({ browser, server, context, page } = demo);
    await page.locator('.app-header').waitFor({ state: 'visible', timeout: 30_000 });
    themes = (await getJson<ThemesResponse>('/api/v1/themes')).themes;
    items = (await getJson<{ items: ItemSummary[] }>('/api/v1/items')).items;
    system = await getJson<SystemInfo>('/api/v1/system');
    // Set once; a reload would lose it.
    await page.evaluate(() => ((globalThis as unknown as { __noReload: number }).__noReload = 1));
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
    // The restart test replaces the demo's server with its own.
    if (server !== demo?.server) await server?.stop();
    if (folder) removeDir(folder);
    if (dataDir) removeDir(dataDir);
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
      await page.getByTestId('item-title').waitFor({ state: 'visible', timeout: ITEM_PAGE_TIMEOUT_MS });
      await settledScreenshot(`theme-${entry.id}-movie`);

      await page.getByTestId('nav-library').click();
      await page.getByTestId('library-search').fill(series.title);
      await page.locator(`.poster-card[data-item-id="${series.id}"]`).click();
      await page.getByTestId('item-title').waitFor({ state: 'visible', timeout: ITEM_PAGE_TIMEOUT_MS });
      await settledScreenshot(`theme-${entry.id}-series`);
      await page.getByTestId('nav-library').click();
      await page.getByTestId('library-search').fill('');
      expect((await painted()).marker).toBe(1);
    }
  }, 480_000);

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

    // The folder goes away (a disk unplugged): a rescan by keyboard shows it offline, and online once it is back.
    renameSync(films, `${films}.away`);
    const rescan = card.getByTestId('rescan');
    await rescan.focus();
    await page.keyboard.press('Enter');
    await card.locator('.library__status', { hasText: 'Offline' }).waitFor({ state: 'visible', timeout: 30_000 });
    await settledScreenshot('settings-libraries-offline', true);
    renameSync(`${films}.away`, films);
    await rescan.focus();
    await page.keyboard.press('Enter');
    await card.locator('.library__status', { hasText: 'Online' }).waitFor({ state: 'visible', timeout: 30_000 });
    expect(await card.textContent()).toContain('1 title');

    const remove = card.getByTestId('remove');
    await remove.focus();
    await page.keyboard.press('Enter');
    expect(await remove.textContent()).toContain('Press again');
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    const end = await getJson<{ libraries: Library[] }>('/api/v1/libraries');
    expect(end.libraries.map((l) => l.id).sort()).toEqual(before.libraries.map((l) => l.id).sort());
  }, 120_000);

  it('shows each folder of a library with its state, and edits a share\'s polling interval by keyboard; a share found gone turns Offline live', async () => {
    const nas = tempDir('mc-e2e-nas-');
    const local = tempDir('mc-e2e-local-');
    try {
      mkdirSync(join(nas, 'Harbour (2003)'), { recursive: true });
      copyFileSync(await makeClip(join(local, '..', `${basename(local)}.mp4`)), join(nas, 'Harbour (2003)', 'Harbour (2003).mp4'));
      await openSettings('libraries');
      const created = await fromElsewhere<Library>('POST', '/libraries', { name: 'Two places', type: 'movies', paths: [nas, local] });
      // No share can be mounted here: the server's catalogue is told this folder is on the network, as
      // /proc/mounts would have said, and the library's interval is set again so the server reads it afresh.
      const db = rawDatabase(join(dataDir, 'library.db'));
      try {
        db.prepare('UPDATE library_roots SET is_network = 1 WHERE library_id = ? AND path = ?').run(created.id, nas);
      } finally {
        db.close();
      }
      await fromElsewhere<Library>('PATCH', `/libraries/${created.id}`, { pollMinutes: 60 });
      const card = page.locator(`[data-library-id="${created.id}"]`);
      await fromElsewhere('POST', `/libraries/${created.id}/scan`, { probe: false });
      const share = card.locator('[data-testid="library-root"]', { hasText: nas });
      const watched = card.locator('[data-testid="library-root"]', { hasText: local });
      await share.getByTestId('root-poll').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await share.textContent()).toContain('network share');
      expect(await share.getByTestId('root-status').textContent()).toBe('Online');
      // A watched local folder has no interval to set.
      expect(await watched.textContent()).toContain('watched for changes');
      expect(await watched.getByTestId('root-poll').count()).toBe(0);

      const less = share.getByRole('button', { name: `Less: Polling interval of ${nas}` });
      await less.focus();
      await page.keyboard.press('Enter'); // 60 → 45
      await page.keyboard.press('Tab');
      expect(await focused()).toMatchObject({ role: `More: Polling interval of ${nas}`, ring: true });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter'); // 45 → 75
      await share.locator('output', { hasText: '1 h 15 min' }).waitFor({ state: 'visible' });
      const saved = async (): Promise<number | undefined> =>
        (await getJson<{ libraries: Library[] }>('/api/v1/libraries')).libraries.find((l) => l.id === created.id)?.roots.find((r) => r.path === nas)?.pollMinutes;
      await expect.poll(saved, { timeout: 10_000 }).toBe(75);
      await settledScreenshot('settings-libraries-share', true);

      // The share goes away and a play request finds it so: no scan runs, the root-status event alone turns it Offline.
      const item = (await getJson<{ items: ItemSummary[] }>('/api/v1/items')).items.find((i) => i.title === 'Harbour');
      expect(item).toBeDefined();
      renameSync(nas, `${nas}.asleep`);
      const play = await fetch(`${server!.origin}/api/v1/playback`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${new URL(server!.url).searchParams.get('token') ?? ''}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ itemId: item!.id, capabilities: { containers: ['mp4'], videoCodecs: ['h264'], audioCodecs: ['aac'], hls: true } }),
      });
      expect(play.status).toBe(503);
      await share.locator('[data-testid="root-status"]', { hasText: 'Offline' }).waitFor({ state: 'visible', timeout: 15_000 });
      await share.locator('.library__root-error', { hasText: 'cannot be reached' }).waitFor({ state: 'visible', timeout: 15_000 });
      expect(await watched.getByTestId('root-status').textContent()).toBe('Online');
      await settledScreenshot('settings-libraries-share-offline', true);
      renameSync(`${nas}.asleep`, nas);
      const remove = card.getByTestId('remove');
      await remove.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await card.waitFor({ state: 'detached' });
    } finally {
      removeDir(nas);
      removeDir(`${nas}.asleep`);
      removeDir(`${local}.mp4`);
      removeDir(local);
    }
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

  it('Playback says what hardware encoding was found, and Test reports the ffmpeg\'s version and encoders', async () => {
    await openSettings('playback');
    const help = page.locator('.setting-row', { hasText: 'Hardware encoding' });
    const usable = system.hardwareDetection.filter((h) => h.usable);
    await help.getByText(usable.length ? 'Works here:' : 'No hardware encoder works here', { exact: false }).waitFor({ state: 'visible', timeout: 30_000 });
    const tried = page.getByTestId('hardware-detected');
    await tried.locator('summary').focus();
    await page.keyboard.press('Enter');
    for (const h of system.hardwareDetection) expect(await tried.textContent()).toContain(`${h.encoder}: ${h.usable ? 'works' : 'no'}, ${h.detail}`);
    // Empty path: the bundled ffmpeg is tested.
    const test = page.getByTestId('ffmpeg-test');
    await test.focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('ffmpeg-result');
    await result.getByText('This ffmpeg works.').waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(system.ffmpeg.version);
    expect(text).toMatch(/libx264 yes, aac yes/);
    await settledScreenshot('settings-playback-tested', true);
    // A program not named ffmpeg is refused with the field's reason, and nothing runs.
    await page.locator('#ffmpeg-path').fill('/bin/sh');
    await test.click();
    await result.getByText('a program named ffmpeg', { exact: false }).waitFor({ state: 'visible' });
    await page.locator('#ffmpeg-path').fill('');
  }, 60_000);

  it('every section is reached and used with arrow keys and Enter alone, with a visible focus ring', async () => {
    await page.goto(`${server!.origin}/settings/libraries`);
    await page.locator('.settings__tab[data-section="libraries"]').waitFor({ state: 'visible' });
    await page.locator('.settings__tab[data-section="libraries"]').focus();
    const order = ['libraries', 'playback', 'home', 'appearance', 'metadata', 'about'];
    for (const [i, section] of order.entries()) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      let where = await focused();
      expect(where.section).toBe(section);
      expect(where.ring).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/settings/${section}`);
      await page.locator('.settings__content section').first().waitFor({ state: 'visible' });
      if (section === 'about') await page.getByTestId('copy-about').waitFor({ state: 'visible', timeout: 30_000 });
      // Right leaves the tabs for the section's first control, Left comes back (a text field keeps Left for its caret).
      await page.keyboard.press('ArrowRight');
      where = await focused();
      expect(where.inContent, `ArrowRight from the ${section} tab went to ${JSON.stringify(where)}`).toBe(true);
      expect(where.ring).toBe(true);
      if (where.role !== 'textbox') {
        await page.keyboard.press('ArrowLeft');
        expect((await focused()).inNav, `ArrowLeft from ${JSON.stringify(where)}`).toBe(true);
      }
      await page.locator(`.settings__tab[data-section="${section}"]`).focus();
    }

    // A home row shown or hidden with arrows and Enter: down the list to its switch, Enter flips it.
    await page.locator('.settings__tab[data-section="home"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/settings/home');
    await page.keyboard.press('ArrowRight');
    let where = await focused();
    for (let i = 0; i < 12 && where.role !== 'Show Latest episodes'; i++) {
      await page.keyboard.press('ArrowDown');
      where = await focused();
    }
    expect(where.role).toBe('Show Latest episodes');
    const before = (await getJson<Settings>('/api/v1/settings')).home.rows.find((r) => r.id === 'latest-episodes')!.visible;
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      async (want) => {
        const w = globalThis as unknown as TestWindow;
        const s = (await (await w.fetch('/api/v1/settings', { credentials: 'same-origin' })).json()) as Settings;
        return s.home.rows.find((r) => r.id === 'latest-episodes')?.visible === want;
      },
      !before,
      { timeout: 10_000, polling: 200 },
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      async (want) => {
        const w = globalThis as unknown as TestWindow;
        const s = (await (await w.fetch('/api/v1/settings', { credentials: 'same-origin' })).json()) as Settings;
        return s.home.rows.find((r) => r.id === 'latest-episodes')?.visible === want;
      },
      before,
      { timeout: 10_000, polling: 200 },
    );
  }, 120_000);

  it('home follows its settings at once, also when they change elsewhere: rows, density, slideshow, reduced motion, text size', async () => {
    // Latest movies hidden and Recently added first, by keyboard on the screen.
    await openSettings('home');
    const hide = page.getByRole('switch', { name: 'Show Latest movies' });
    if ((await hide.getAttribute('aria-checked')) === 'true') {
      await hide.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (globalThis as unknown as TestWindow).document.querySelector('[data-row-id="latest-movies"] .home-rows__name--hidden') !== null);
    }
    for (let i = 0; i < 8; i++) {
      const up = page.getByRole('button', { name: 'Move Recently added up' });
      if (await up.isDisabled()) break;
      await up.focus();
      await page.keyboard.press('Enter');
    }
    await page.locator('.home-rows__item').first().locator('text=Recently added').waitFor();
    const saved = await getJson<Settings>('/api/v1/settings');
    expect(saved.home.rows[0]).toEqual({ id: 'recently-added', visible: true });

    await page.locator('.app-header__brand').click();
    // Home shows the page it kept from the last visit at once and asks again behind it: wait for the new rows.
    await page.waitForFunction(
      () => (Array.from((globalThis as unknown as TestWindow).document.querySelectorAll('[data-testid="media-row"]')) as unknown as { dataset: { rowId: string } }[])[0]?.dataset.rowId === 'recently-added',
      undefined,
      { timeout: 15_000 },
    );
    const kinds = async (): Promise<string[]> =>
      (await page.locator('[data-testid="media-row"]').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { rowId: string } }).dataset.rowId))).map((id) =>
        id.startsWith('genre:') ? 'genres' : id.startsWith('collection:') ? 'collections' : id,
      );
    const shown = await kinds();
    expect(shown[0]).toBe('recently-added');
    expect(shown).not.toContain('latest-movies');
    // Every row on the page comes in the settings' order (empty rows are left out).
    const wanted = saved.home.rows.filter((r) => r.visible).map((r) => r.id);
    const ranks = [...new Set(shown)].map((k) => wanted.indexOf(k as Settings['home']['rows'][number]['id']));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);

    // Shown again from elsewhere: the open page asks for its rows again.
    await putElsewhere({ home: { rows: saved.home.rows.map((r) => (r.id === 'latest-movies' ? { ...r, visible: true } : r)) } });
    await page.locator('[data-row-id="latest-movies"]').waitFor({ state: 'visible', timeout: 10_000 });

    // Density: pushed from elsewhere, then chosen on home itself (saved as the setting).
    await putElsewhere({ home: { density: 'compact' } });
    await waitForStyle('.home', '--row-poster-width', '8.5rem');
    await page.getByTestId('density').getByRole('button', { name: 'Large' }).click();
    await waitForStyle('.home', '--row-poster-width', '14.5rem');
    expect((await getJson<Settings>('/api/v1/settings')).home.density).toBe('large');
    await settledScreenshot('home-density-large');

    // The slideshow off and on.
    await putElsewhere({ home: { slideshow: false } });
    await page.getByTestId('slideshow').waitFor({ state: 'detached', timeout: 10_000 });
    await putElsewhere({ home: { slideshow: true } });
    await page.getByTestId('slideshow').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('slideshow-progress').waitFor({ state: 'visible' });

    // Reduce motion: no countdown, no auto-advance, no transitions.
    await page.mouse.move(5, 795);
    // A row's arrow button glides with motion and jumps at once without: after the click returns the scroll has not moved, or has.
    const jumped = async (): Promise<boolean> =>
      page.evaluate(() => {
        const d = (globalThis as unknown as { document: { querySelector(s: string): { scrollLeft: number; scrollWidth: number; clientWidth: number; querySelector(s: string): { click(): void } | null } | null; querySelectorAll(s: string): ArrayLike<{ scrollLeft: number; scrollWidth: number; clientWidth: number; querySelector(s: string): { click(): void; disabled?: boolean } | null }> } }).document;
        const row = Array.from(d.querySelectorAll('[data-testid="media-row"]')).find((r) => {
          const scroller = r.querySelector('[data-testid="row-scroller"]') as unknown as { scrollWidth: number; clientWidth: number; scrollLeft: number } | null;
          return scroller !== null && scroller.scrollWidth > scroller.clientWidth + 10 && scroller.scrollLeft === 0;
        });
        if (!row) throw new Error('no row wide enough to scroll');
        const scroller = row.querySelector('[data-testid="row-scroller"]') as unknown as { scrollLeft: number };
        row.querySelector('[data-testid="row-forward"]')!.click();
        const moved = scroller.scrollLeft > 0;
        scroller.scrollLeft = 0;
        return moved;
      });
    expect(await jumped()).toBe(false);
    const buttonTransition = (): Promise<string> =>
      page.evaluate(() => {
        const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { transitionDuration: string } };
        return g.getComputedStyle(g.document.querySelector('.mc-button')).transitionDuration;
      });
    expect(await buttonTransition()).not.toMatch(/^0s(, 0s)*$/);
    await putElsewhere({ appearance: { reduceMotion: true } });
    await page.getByTestId('slideshow-progress').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId('slideshow').getAttribute('data-paused')).toBe('');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { classList: { contains(c: string): boolean } } } }).document.documentElement.classList.contains('mc-reduce-motion'))).toBe(true);
    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { transitionDuration: string } };
        return /^0s(, 0s)*$/.test(g.getComputedStyle(g.document.querySelector('.mc-button')).transitionDuration);
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(await jumped()).toBe(true);
    await putElsewhere({ appearance: { reduceMotion: false } });
    await page.getByTestId('slideshow-progress').waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction(() => (globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]:not([data-paused])') !== null, undefined, { timeout: 10_000 });

    // Text size: the page's root font grows by the factor.
    const rootPx = async (): Promise<number> =>
      page.evaluate(() => {
        const g = globalThis as unknown as { document: { documentElement: unknown }; getComputedStyle(e: unknown): { fontSize: string } };
        return Number.parseFloat(g.getComputedStyle(g.document.documentElement).fontSize);
      });
    const base = await rootPx();
    await putElsewhere({ appearance: { textScale: 1.3 } });
    await waitForStyle('html', '--mc-text-scale', '1.3');
    expect((await rootPx()) / base).toBeCloseTo(1.3, 1);
    await putElsewhere({ appearance: { textScale: 1 } });
    await waitForStyle('html', '--mc-text-scale', '1');
  }, 120_000);

  it('axe finds nothing serious in any section of the screen, in any built-in theme', async () => {
    const found: string[] = [];
    const builtIns = themes.filter((t) => t.builtIn);
    for (const entry of builtIns) {
      await putElsewhere({ appearance: { theme: entry.id } });
      await waitForTheme(entry.id);
      for (const section of ['libraries', 'playback', 'home', 'appearance', 'about']) {
        await openSettings(section);
        await page.locator('.settings__content section').first().waitFor({ state: 'visible' });
        if (section === 'about') await page.getByTestId('about').waitFor({ state: 'visible', timeout: 30_000 });
        // The structure of a section is the same in every theme: all of axe's rules run in the first
        // theme, and in the others only those a palette can break.
        const axe = new AxeBuilder({ page });
        if (entry !== builtIns[0]) axe.withRules(PALETTE_RULES);
        const result = await axe.analyze();
        for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
          found.push(`${entry.id} ${section}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
        }
      }
    }
    await putElsewhere({ appearance: { theme: 'dark' } });
    expect(found).toEqual([]);
  }, 240_000);

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('keeps every setting after the server restarts on the same data, painted before any script runs', async () => {
    const chosen = await putElsewhere({
      appearance: { theme: 'light', textScale: 1.2, reduceMotion: true },
      playback: { audioLanguages: ['fre', 'eng'], maxTranscodes: 3, qualityCap: '720p' },
      home: { density: 'compact', slideshow: false },
      libraries: { defaultPollMinutes: 30 },
    });
    await page.close();
    await server!.stop();
    server = await startServer({ dataDir });
    page = await context!.newPage();
    watchPage(page, { pageErrors });
    // No script may run: what shows is what the server painted from the stored settings.
    const bare = await browser!.newContext({ javaScriptEnabled: false });
    const still = await bare.newPage();
    await still.goto(server.url);
    const first = await still.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { className: string } }; getComputedStyle(e: unknown): { getPropertyValue(n: string): string; colorScheme: string } };
      const root = g.getComputedStyle(g.document.documentElement);
      return { bg: root.getPropertyValue('--mc-bg').trim(), scale: root.getPropertyValue('--mc-text-scale').trim(), scheme: root.colorScheme, cls: g.document.documentElement.className };
    });
    await bare.close();
    const light = themes.find((t) => t.id === 'light')!;
    expect(first).toEqual({ bg: light.tokens!.colours.background, scale: '1.2', scheme: 'light', cls: 'mc-reduce-motion' });

    await page.goto(server.url);
    await page.locator('.app-header').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await getJson<Settings>('/api/v1/settings')).toEqual(chosen);
    await waitForTheme('light');
    await page.getByTestId('media-row').first().waitFor({ state: 'visible' });
    await waitForStyle('.home', '--row-poster-width', '8.5rem');
    expect(await page.getByTestId('slideshow').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, READY_TIMEOUT_MS + 60_000);
});
