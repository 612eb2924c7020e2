// The catalogue in real Chromium against `media-centre serve --demo`: the home page (slideshow,
// rows, density), the library's filters and their URL, search by person, the person page,
// related titles with their reasons, the season accordion, keyboard-only navigation, and axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { ItemDetail, ItemsResponse } from '../../src/shared/api';
import { launchBrowser, READY_TIMEOUT_MS, screenshot, startServer, type RunningServer, type TestWindow } from './harness';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
const pageErrors: string[] = [];
let list: ItemsResponse;

async function api<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const w = globalThis as unknown as TestWindow;
    return (await (await w.fetch(p, { credentials: 'same-origin' })).json()) as T;
  }, path);
}

async function countText(): Promise<string> {
  return (await page.locator('.library__count').textContent())?.trim() ?? '';
}

/** What has focus, as the test reads it. */
async function focused(): Promise<{ testid: string | null; itemId: string | null; cls: string }> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as TestWindow).document.activeElement as {
      dataset?: Record<string, string | undefined>;
      className?: string;
    } | null;
    return { testid: active?.dataset?.testid ?? null, itemId: active?.dataset?.itemId ?? null, cls: String(active?.className ?? '') };
  });
}

async function seriousViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

describe('the catalogue against the demo library', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    list = await api<ItemsResponse>('/api/v1/items');
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  it('opens on a home page whose slideshow advances while its bar fills, and holds while hovered', async () => {
    const show = page.getByTestId('slideshow');
    await show.waitFor({ state: 'visible' });
    const bar = page.getByTestId('slideshow-progress');
    expect(await bar.getAttribute('role')).toBe('progressbar');
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    const first = await show.getAttribute('data-slide');
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow-progress"]') as { getAttribute(n: string): string } | null;
      return Number(el?.getAttribute('aria-valuenow')) >= 20;
    });
    await screenshot(page, 'home', false);
    await page.waitForFunction((was) => {
      const el = (globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]') as { getAttribute(n: string): string } | null;
      return el?.getAttribute('data-slide') !== was;
    }, first, { timeout: 20_000 });

    await show.hover();
    await page.locator('[data-testid="slideshow"][data-paused]').waitFor();
    await page.mouse.move(640, 790);
    await page.locator('[data-testid="slideshow"]:not([data-paused])').waitFor();

    // A dot picks its slide.
    await page.getByTestId('slide-dot').nth(2).click();
    expect(await show.getAttribute('data-slide')).toBe('2');
    await screenshot(page, 'home-full');
  }, 60_000);

  it('shows rows that scroll by their arrow button and by the wheel', async () => {
    const row = page.locator('[data-row-id="latest-movies"]');
    await row.waitFor({ state: 'visible' });
    const scroller = row.getByTestId('row-scroller');
    const left = () => scroller.evaluate((el) => (el as unknown as { scrollLeft: number }).scrollLeft);
    expect(await left()).toBe(0);
    await row.getByTestId('row-forward').click();
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as TestWindow).document.querySelector('[data-row-id="latest-movies"] [data-testid="row-scroller"]') as { scrollLeft: number } | null;
      return (el?.scrollLeft ?? 0) > 100;
    });
    await row.getByTestId('row-back').click();
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as TestWindow).document.querySelector('[data-row-id="latest-movies"] [data-testid="row-scroller"]') as { scrollLeft: number } | null;
      return el?.scrollLeft === 0;
    });
    await scroller.scrollIntoViewIfNeeded();
    const box = await scroller.boundingBox();
    if (!box) throw new Error('The row has no box.');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as TestWindow).document.querySelector('[data-row-id="latest-movies"] [data-testid="row-scroller"]') as { scrollLeft: number } | null;
      return (el?.scrollLeft ?? 0) > 0;
    });
  }, 60_000);

  it('makes posters larger or smaller at once when the density changes', async () => {
    const card = page.locator('[data-row-id="latest-movies"] .row-card').first();
    const width = async () => (await card.boundingBox())?.width ?? 0;
    const comfortable = await width();
    await page.getByTestId('density').getByText('Large').click();
    await page.waitForFunction((w) => {
      const el = (globalThis as unknown as TestWindow).document.querySelector('[data-row-id="latest-movies"] .row-card') as { getBoundingClientRect(): { width: number } } | null;
      return (el?.getBoundingClientRect().width ?? 0) > w + 20;
    }, comfortable);
    await screenshot(page, 'home-large', false);
    await page.getByTestId('density').getByText('Compact').click();
    expect(await width()).toBeLessThan(comfortable);
    await page.getByTestId('density').getByText('Comfortable').click();
  }, 60_000);

  it('narrows the grid with each filter, keeps them in the URL, and brings them back on reload', async () => {
    await page.getByTestId('nav-library').click();
    await page.locator('.poster-card').first().waitFor();
    const all = await countText();
    expect(all).toBe(`${list.items.length} titles`);

    await page.getByRole('button', { name: /^Drama/ }).click();
    await page.waitForURL(/genre=Drama/);
    const drama = list.items.filter((i) => i.genres.includes('Drama')).length;
    expect(await countText()).toBe(`${drama} of ${list.items.length} titles`);

    await page.getByTestId('more-filters').click();
    await page.getByTestId('year-from').fill('1990');
    await page.getByTestId('year-from').press('Tab');
    await page.waitForURL(/year=1990-/);
    const recentDrama = list.items.filter((i) => i.genres.includes('Drama') && (i.year ?? 0) >= 1990).length;
    expect(await countText()).toBe(`${recentDrama} of ${list.items.length} titles`);

    await page.getByTestId('audio-fre').click();
    await page.waitForURL(/audio=fre/);
    const french = list.items.filter((i) => i.genres.includes('Drama') && (i.year ?? 0) >= 1990 && i.languages.includes('fre')).length;
    expect(french).toBeGreaterThan(0);
    expect(await countText()).toBe(`${french} of ${list.items.length} titles`);
    await screenshot(page, 'library-filtered');

    await page.reload();
    await page.locator('.poster-card').first().waitFor();
    expect(await countText()).toBe(`${french} of ${list.items.length} titles`);
    expect(await page.getByTestId('audio-fre').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('watch-filter').getByRole('button', { name: 'Watched', exact: true }).click();
    await page.getByText('No titles match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.waitForFunction(() => !/[?&](genre|audio|year|watch)=/.test((globalThis as unknown as { location: { search: string } }).location.search));
    expect(await countText()).toBe(all);
  }, 60_000);

  it('finds the titles of a person by typing their name', async () => {
    const lionel = list.people.find((p) => p.name === 'Lionel Strathearn');
    if (!lionel) throw new Error('The demo has no Lionel Strathearn.');
    const index = list.people.indexOf(lionel);
    const his = list.items.filter((i) => (i.people ?? []).includes(index));
    await page.getByTestId('library-search').fill('strathearn');
    await page.waitForFunction((n) => (globalThis as unknown as TestWindow).document.querySelectorAll('.poster-card').length === n, his.length);
    const shown = await page.locator('.poster-card').evaluateAll((cards) => cards.map((c) => (c as unknown as { dataset: { itemId: string } }).dataset.itemId));
    expect(shown.sort()).toEqual(his.map((i) => i.id).sort());
    await page.getByTestId('library-search').fill('');
  }, 60_000);

  it('shows related titles that say why, and people rows, on a movie page', async () => {
    const pip = list.items.find((i) => i.title === 'Pip and the Cardboard Comet');
    if (!pip || !server) throw new Error('The demo has no Pip film.');
    await page.goto(`${server.origin}/movie/${pip.id}`);
    await page.getByTestId('item-title').waitFor();
    const related = page.locator('[data-row-id="related"]');
    await related.waitFor();
    const reasons = await related.getByTestId('because').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.join(' | ')).toMatch(/In the same collection: Pip Collection/);
    await page.locator('[data-row-id="collection"]').waitFor();
    expect(await page.locator('[data-row-id^="director-"] h2').textContent()).toMatch(/^More directed by /);
    await screenshot(page, 'movie-related');
  }, 60_000);

  it('leads from a cast member to their page with a filmography by year, and on to the library', async () => {
    await page.getByTestId('cast-person').first().click();
    await page.getByTestId('person-name').waitFor();
    const name = (await page.getByTestId('person-name').textContent())?.trim() ?? '';
    const id = page.url().split('/person/')[1]?.split(/[?#]/)[0] ?? '';
    const person = await api<{ credits: { itemId: string; year: number | null }[] }>(`/api/v1/people/${id}`);
    const years = await page.locator('.timeline__label').allTextContents();
    const numeric = years.map(Number).filter((y) => !Number.isNaN(y));
    expect([...numeric].sort((a, b) => b - a)).toEqual(numeric);
    expect(await page.getByTestId('timeline-entry').count()).toBe(new Set(person.credits.map((c) => c.itemId)).size);
    await screenshot(page, 'person');
    expect(await seriousViolations()).toEqual([]);

    await page.getByTestId('person-library').click();
    await page.waitForURL(/\/library\?person=/);
    await page.locator('.poster-card').first().waitFor();
    expect(await page.locator('.library__person').textContent()).toContain(name);
    const titles = new Set(person.credits.map((c) => c.itemId));
    const topLevel = list.items.filter((i) => titles.has(i.id)).length;
    expect(await countText()).toBe(`${topLevel} of ${list.items.length} titles`);
  }, 60_000);

  it('opens one season at a time', async () => {
    const series = list.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 0);
    if (!series || !server) throw new Error('The demo has no series with episodes.');
    const detail = await api<ItemDetail>(`/api/v1/items/${series.id}`);
    if ((detail.seasons ?? []).length < 2) return;
    await page.goto(`${server.origin}/series/${series.id}`);
    const toggles = page.locator('.season__toggle');
    await toggles.first().waitFor();
    await toggles.nth(1).click();
    expect(await page.locator('.season__toggle[aria-expanded="true"]').count()).toBe(1);
    await toggles.nth(0).click();
    expect(await page.locator('.season__toggle[aria-expanded="true"]').count()).toBe(1);
    expect(await toggles.nth(0).getAttribute('aria-expanded')).toBe('true');
  }, 60_000);

  it('goes home → library → movie → person → back with the keyboard alone', async () => {
    if (!server) throw new Error('No server.');
    await page.goto(`${server.origin}/`);
    await page.getByTestId('slideshow').waitFor();
    // Tab to the main navigation's Library link, then arrows and Enter only.
    for (let i = 0; i < 5 && (await focused()).testid !== 'nav-library'; i++) await page.keyboard.press('Tab');
    expect((await focused()).testid).toBe('nav-library');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/library$/);
    for (let i = 0; i < 12 && !(await focused()).cls.includes('poster-card'); i++) await page.keyboard.press('ArrowDown');
    const card = await focused();
    expect(card.cls).toContain('poster-card');
    await page.keyboard.press('ArrowRight');
    const second = await focused();
    expect(second.itemId).not.toBe(card.itemId);
    const movie = list.items.find((i) => i.id === second.itemId);
    await page.keyboard.press('Enter');
    await page.getByTestId('item-title').waitFor();
    expect((await focused()).testid).toBe('play');
    for (let i = 0; i < 15 && (await focused()).testid !== 'cast-person'; i++) await page.keyboard.press('ArrowDown');
    if (movie?.kind === 'movie') {
      expect((await focused()).testid).toBe('cast-person');
      await page.keyboard.press('Enter');
      await page.getByTestId('person-name').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('item-title').waitFor();
    }
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/library$/);
    await page.waitForFunction((id) => {
      const active = (globalThis as unknown as TestWindow).document.activeElement as { dataset?: Record<string, string> } | null;
      return active?.dataset?.itemId === id;
    }, second.itemId);
  }, 90_000);

  it('searches everywhere from / with the keyboard: a person is found and opened', async () => {
    if (!server) throw new Error('No server.');
    await page.goto(`${server.origin}/`);
    await page.getByTestId('slideshow').waitFor();
    await page.keyboard.press('/');
    const input = page.getByTestId('global-search-input');
    await input.waitFor();
    expect((await focused()).testid).toBe('global-search-input');
    await page.keyboard.type('strathearn');
    const people = page.locator('[data-testid="global-search"] section[aria-label="People"]');
    await people.waitFor();
    expect(await people.textContent()).toContain('Lionel Strathearn');
    await screenshot(page, 'global-search', false);
    // Down walks the results in order; Enter on the person opens their page.
    const hits = await page.getByTestId('search-hit').allTextContents();
    const at = hits.findIndex((h) => h.includes('Lionel Strathearn'));
    for (let i = 0; i <= at; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('person-name').waitFor();
    expect(await page.getByTestId('person-name').textContent()).toContain('Lionel Strathearn');
    // Ctrl+K opens it too, and Escape closes it without leaving the page.
    await page.keyboard.press('Control+k');
    await input.waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('global-search').waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/\/person\//);
  }, 60_000);

  it('has no serious or critical accessibility violations on home, library and a movie', async () => {
    if (!server) throw new Error('No server.');
    const movie = list.items.find((i) => i.kind === 'movie');
    const found: Record<string, string[]> = {};
    for (const path of ['/', '/library', `/movie/${movie?.id ?? ''}`]) {
      await page.goto(`${server.origin}${path}`);
      await page.locator('#main *').first().waitFor();
      await page.waitForLoadState('networkidle');
      const violations = await seriousViolations();
      if (violations.length > 0) found[path] = violations;
    }
    expect(found).toEqual({});
  }, 90_000);

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
