// The catalogue's interactions that catalogue.test.ts leaves out, in real Chromium against
// `media-centre serve --demo`: the slideshow held by focus, stepped by keys, and its Play and More
// info; rows dragged and walked by keys; rows and the grid where they were on Back; the library's
// filters back on Back, genres any/all, the "to" ends of the ranges, watched state, every sort both
// ways, HD/SD; the person page's photo, known-for row and roles; a series' episode progress, related
// titles and people; a search by a word of an overview only; every extra of a movie playable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HomeResponse, ItemDetail, ItemsResponse, ItemSummary, PersonDetail } from '../../src/shared/api';
import { READY_TIMEOUT_MS, screenshot, type TestWindow, openDemo, type DemoSession, pageApi } from './harness';
import { waitForPlaying } from './player-helpers';

let demo: DemoSession | undefined;
let page: Page;
let origin = '';
const pageErrors: string[] = [];
let list: ItemsResponse;

const api = <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => pageApi<T>(page, path, init);

type El = { getAttribute(n: string): string | null; scrollLeft: number; dataset: Record<string, string | undefined> };

async function countText(): Promise<string> {
  return (await page.locator('.library__count').textContent())?.trim() ?? '';
}

function counted(n: number): string {
  return `${n} of ${list.items.length} titles`;
}

async function focusedItemId(): Promise<string | null> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as TestWindow).document.activeElement as { dataset?: Record<string, string | undefined> } | null;
    return active?.dataset?.itemId ?? null;
  });
}

async function setProgress(itemId: string, positionSeconds: number, played: boolean): Promise<void> {
  await api(`/api/v1/items/${itemId}/progress`, { method: 'PUT', body: { positionSeconds, played } });
}

/** Resolves after `n` animation frames: lets a requestAnimationFrame loop run without a fixed sleep. */
async function frames(n: number): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
        let left = count;
        const step = () => (--left <= 0 ? resolve() : w.requestAnimationFrame(step));
        w.requestAnimationFrame(step);
      }),
    n,
  );
}

const rowScrollLeft = (rowId: string) =>
  page.locator(`[data-row-id="${rowId}"] [data-testid="row-scroller"]`).evaluate((el) => (el as unknown as El).scrollLeft);

async function openLibrary(query = ''): Promise<void> {
  await page.goto(`${origin}/library${query}`);
  await page.locator('.poster-card').first().waitFor();
}

async function openFilters(): Promise<void> {
  if ((await page.getByTestId('more-filters').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('more-filters').click();
  await page.getByTestId('filter-panel').waitFor();
}

async function setField(testid: string, value: string, url: RegExp): Promise<void> {
  await page.getByTestId(testid).fill(value);
  await page.getByTestId(testid).press('Tab');
  await page.waitForURL(url);
}

describe('more of the catalogue against the demo library', () => {
  beforeAll(async () => {
    demo = await openDemo({ viewport: { width: 1280, height: 800 }, watch: { pageErrors } });
    page = demo.page;
    origin = demo.server.origin;
    list = await api<ItemsResponse>('/api/v1/items');
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
  }, 30_000);

  it('holds the slideshow while focus is inside it, steps it by arrow keys, and lets go once focus leaves', async () => {
    await page.goto(`${origin}/`);
    const show = page.getByTestId('slideshow');
    await show.waitFor();
    await page.locator('[data-testid="slideshow"]:not([data-paused])').waitFor();
    // Keyboard focus on More info, the mouse far away: the slideshow holds.
    await page.mouse.move(640, 790);
    await page.getByTestId('slide-more').focus();
    await page.locator('[data-testid="slideshow"][data-paused]').waitFor();
    const slide = await show.getAttribute('data-slide');
    const bar = page.getByTestId('slideshow-progress');
    const held = await bar.getAttribute('aria-valuenow');
    await frames(60);
    expect(await show.getAttribute('data-slide')).toBe(slide);
    expect(await bar.getAttribute('aria-valuenow')).toBe(held);

    // The dots take the arrow keys: Right shows the next slide, Left the one before.
    const dots = page.getByTestId('slide-dot');
    const count = await dots.count();
    expect(count).toBeGreaterThan(2);
    await dots.nth(0).focus();
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]') as El | null)?.getAttribute('data-slide') === '0');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]') as El | null)?.getAttribute('data-slide') === '1');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]') as El | null)?.getAttribute('data-slide') === '2');
    expect(await dots.nth(2).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]') as El | null)?.getAttribute('data-slide') === '1');
    // Still held: focus is still inside.
    expect(await show.getAttribute('data-paused')).toBe('');
    await screenshot(page, 'home-slideshow-focused', false);

    // Focus leaves (to the main navigation): it moves on by itself again.
    await page.getByTestId('nav-library').focus();
    await page.locator('[data-testid="slideshow"]:not([data-paused])').waitFor();
    await page.waitForFunction(() => ((globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]') as El | null)?.getAttribute('data-slide') !== '1', undefined, { timeout: 20_000 });
  }, 60_000);

  it('says "Paused" whenever the slideshow holds, and its pause button stops it until pressed again', async () => {
    await page.goto(`${origin}/`);
    const show = page.getByTestId('slideshow');
    await show.waitFor();
    await page.mouse.move(640, 790);
    await page.locator('[data-testid="slideshow"]:not([data-paused])').waitFor();
    const state = page.getByTestId('slideshow-state');
    expect(await state.count()).toBe(0);
    await show.hover();
    await state.waitFor();
    expect((await state.textContent())?.trim()).toBe('Paused while you look');

    const toggle = page.getByTestId('slideshow-toggle');
    expect(await toggle.getAttribute('aria-label')).toBe('Pause the slideshow');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    // Pointer and focus gone: a paused slideshow stays put, and says why.
    await page.mouse.move(640, 790);
    await page.getByTestId('nav-library').focus();
    expect((await state.textContent())?.trim()).toBe('Paused');
    const slide = await show.getAttribute('data-slide');
    await frames(60);
    expect(await show.getAttribute('data-slide')).toBe(slide);
    expect(await show.getAttribute('data-paused')).toBe('');
    await screenshot(page, 'home-slideshow-paused', false);

    // Play, pressed with the pointer still on it: it moves at once, not when the pointer leaves.
    await toggle.click();
    expect(await toggle.getAttribute('aria-label')).toBe('Pause the slideshow');
    await page.locator('[data-testid="slideshow"]:not([data-paused])').waitFor();
    expect(await state.count()).toBe(0);
    await page.waitForFunction((was) => ((globalThis as unknown as TestWindow).document.querySelector('[data-testid="slideshow"]') as El | null)?.getAttribute('data-slide') !== was, slide, { timeout: 20_000 });
  }, 60_000);

  it("plays the slide's title from its Play button and opens its page from More info", async () => {
    const home = await api<HomeResponse>('/api/v1/home');
    const slides = home.slides ?? [];
    const at = slides.findIndex((s) => s.play !== null && s.play !== undefined);
    expect(at).toBeGreaterThanOrEqual(0);
    const target = slides[at];
    if (!target?.play) throw new Error('No slide can be played.');

    await page.goto(`${origin}/`);
    await page.getByTestId('slideshow').waitFor();
    await page.getByTestId('slide-dot').nth(at).click();
    expect(await page.getByTestId('slideshow').getAttribute('data-slide')).toBe(String(at));
    await page.getByTestId('slide-play').click();
    await page.waitForURL(/\/play\//);
    expect(decodeURIComponent(page.url())).toContain(`/play/${target.play.fileId}`);
    await page.getByTestId('video').evaluate((element) => {
      (element as unknown as { muted: boolean }).muted = true;
    });
    await waitForPlaying(page);
    await page.goBack();
    await page.getByTestId('slideshow').waitFor();

    await page.getByTestId('slide-dot').nth(at).click();
    await page.getByTestId('slide-more').click();
    await page.waitForURL(new RegExp(`/(movie|series)/${target.id}$`));
    await page.getByTestId('item-title').waitFor();
    expect((await page.getByTestId('item-title').textContent())?.trim()).toBe(target.title);
  }, 120_000);

  it('scrolls a row by dragging it without opening the card the drag started on, and a plain click still opens one', async () => {
    await page.goto(`${origin}/`);
    const scroller = page.locator('[data-row-id="latest-movies"] [data-testid="row-scroller"]');
    await scroller.waitFor();
    await scroller.scrollIntoViewIfNeeded();
    expect(await rowScrollLeft('latest-movies')).toBe(0);
    const box = await scroller.boundingBox();
    if (!box) throw new Error('The row has no box.');
    const y = box.y + box.height / 3;
    // Every click that reaches a card (and is not cancelled) is written down as it happens.
    await page.evaluate(() => {
      const w = globalThis as unknown as { cardClicks: string[]; addEventListener(t: string, f: (e: { target: unknown; defaultPrevented: boolean }) => void): void };
      w.cardClicks = [];
      w.addEventListener('click', (event) => {
        const card = (event.target as { closest?(s: string): { dataset: Record<string, string> } | null }).closest?.('.row-card');
        if (card && !event.defaultPrevented) w.cardClicks.push(card.dataset.itemId ?? '');
      });
    });
    await page.mouse.move(box.x + box.width * 0.7, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * 0.7 - i * 30, y);
    await page.mouse.up();
    await page.waitForFunction(() => (((globalThis as unknown as TestWindow).document.querySelector('[data-row-id="latest-movies"] [data-testid="row-scroller"]') as El | null)?.scrollLeft ?? 0) >= 250);
    // The drag started and ended over a card: no click reached it, and the page stayed home.
    expect(await page.evaluate(() => (globalThis as unknown as { cardClicks: string[] }).cardClicks)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/');
    await screenshot(page, 'home-row-dragged', false);

    // The next plain click is a click.
    const card = page.locator('[data-row-id="latest-movies"] .row-card').nth(3);
    const id = await card.getAttribute('data-item-id');
    await card.click();
    await page.waitForURL(new RegExp(`/(movie|series)/${id}$`));
  }, 60_000);

  it('walks a row with the arrow keys, scrolling the focused card into view', async () => {
    await page.goto(`${origin}/`);
    const row = page.locator('[data-row-id="latest-movies"]');
    await row.waitFor();
    const cards = row.locator('.row-card');
    const ids = await cards.evaluateAll((els) => els.map((e) => (e as unknown as El).dataset.itemId ?? ''));
    expect(ids.length).toBeGreaterThan(6);
    await cards.first().focus();
    expect(await focusedItemId()).toBe(ids[0]);
    const steps = Math.min(ids.length - 1, 8);
    for (let i = 1; i <= steps; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((want) => {
        const active = (globalThis as unknown as TestWindow).document.activeElement as { dataset?: Record<string, string | undefined> } | null;
        return active?.dataset?.itemId === want;
      }, ids[i]);
    }
    // The row moved to show it, and the card is inside the row's box.
    await page.waitForFunction((want) => {
      const d = (globalThis as unknown as TestWindow).document;
      const scroller = d.querySelector('[data-row-id="latest-movies"] [data-testid="row-scroller"]') as { scrollLeft: number; getBoundingClientRect(): { left: number; right: number } } | null;
      const card = d.querySelector(`[data-row-id="latest-movies"] .row-card[data-item-id="${want}"]`) as { getBoundingClientRect(): { left: number; right: number } } | null;
      if (!scroller || !card) return false;
      const s = scroller.getBoundingClientRect();
      const c = card.getBoundingClientRect();
      return scroller.scrollLeft > 0 && c.left >= s.left - 1 && c.right <= s.right + 1;
    }, ids[steps]);
    await screenshot(page, 'home-row-keys', false);
    // Left walks back.
    await page.keyboard.press('ArrowLeft');
    expect(await focusedItemId()).toBe(ids[steps - 1]);
  }, 60_000);

  it('keeps a row where it was scrolled when the family comes back from a title', async () => {
    await page.goto(`${origin}/`);
    const row = page.locator('[data-row-id="latest-movies"]');
    await row.waitFor();
    await row.getByTestId('row-forward').click();
    await page.waitForFunction(() => (((globalThis as unknown as TestWindow).document.querySelector('[data-row-id="latest-movies"] [data-testid="row-scroller"]') as El | null)?.scrollLeft ?? 0) > 100);
    // Wait for the smooth scroll to settle before reading where it stopped.
    let left = -1;
    await expect.poll(async () => {
      const now = await rowScrollLeft('latest-movies');
      const settled = now === left;
      left = now;
      return settled;
    }, { timeout: 10_000, interval: 200 }).toBe(true);
    // Open a card wholly inside the row (one cut by its edge would be scrolled into view as it takes focus).
    const visible = await row.getByTestId('row-scroller').evaluate((scroller) => {
      type Box = { getBoundingClientRect(): { left: number; right: number } };
      const s = (scroller as unknown as Box).getBoundingClientRect();
      const cards = Array.from((scroller as unknown as { querySelectorAll(q: string): ArrayLike<unknown> }).querySelectorAll('.row-card'));
      const found = cards.find((e) => {
        const r = (e as Box).getBoundingClientRect();
        return r.left >= s.left + 20 && r.right <= s.right - 20;
      });
      return (found as El | undefined)?.dataset.itemId ?? null;
    });
    if (!visible) throw new Error('No card of the row is in view.');
    await row.locator(`.row-card[data-item-id="${visible}"]`).click();
    await page.getByTestId('item-title').waitFor();
    await page.goBack();
    await page.locator('[data-row-id="latest-movies"] .row-card').first().waitFor();
    await expect.poll(() => rowScrollLeft('latest-movies'), { timeout: 10_000 }).toBeCloseTo(left, -1);
  }, 60_000);

  it('keeps the grid where it was scrolled when the family comes back from a title', async () => {
    // The demo's fourteen posters fill about two screens only on a short window.
    await page.setViewportSize({ width: 1280, height: 520 });
    try {
      await openLibrary();
      await page.mouse.move(640, 400);
      await page.mouse.wheel(0, 3000);
      await page.waitForFunction(() => (globalThis as unknown as { scrollY: number }).scrollY >= 200);
      let y = -1;
      await expect.poll(async () => {
        const now = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
        const settled = now === y;
        y = now;
        return settled;
      }, { timeout: 10_000, interval: 200 }).toBe(true);
      const visible = await page.locator('.poster-card').evaluateAll((els) => {
        const w = globalThis as unknown as { innerHeight: number };
        const found = els.find((e) => {
          const r = (e as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
          return r.top > 60 && r.bottom < w.innerHeight;
        });
        return (found as unknown as El | undefined)?.dataset.itemId ?? null;
      });
      if (!visible) throw new Error('No poster is in view.');
      await page.locator(`.poster-card[data-item-id="${visible}"]`).click();
      await page.getByTestId('item-title').waitFor();
      await page.goBack();
      await page.locator('.poster-card').first().waitFor();
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY), { timeout: 10_000 }).toBeGreaterThan(y - 40);
      expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBeLessThan(y + 40);
      // The card that was opened is on screen, and has focus.
      expect(await page.locator(`.poster-card[data-item-id="${visible}"]`).isVisible()).toBe(true);
      await expect.poll(focusedItemId, { timeout: 10_000 }).toBe(visible);
      await screenshot(page, 'library-back-scrolled', false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 60_000);

  it('brings back the filters, their controls and the count on Back from a title', async () => {
    await openLibrary();
    await page.getByRole('button', { name: /^Drama/ }).click();
    await page.waitForURL(/genre=Drama/);
    await openFilters();
    await setField('year-to', '2005', /year=-2005/);
    const want = list.items.filter((i) => i.genres.includes('Drama') && i.year !== null && i.year <= 2005).length;
    expect(want).toBeGreaterThan(0);
    expect(await countText()).toBe(counted(want));
    const search = new URL(page.url()).search;

    await page.locator('.poster-card').first().click();
    await page.getByTestId('item-title').waitFor();
    await page.goBack();
    await page.locator('.poster-card').first().waitFor();
    expect(new URL(page.url()).search).toBe(search);
    expect(await countText()).toBe(counted(want));
    expect(await page.getByRole('button', { name: /^Drama/ }).getAttribute('aria-pressed')).toBe('true');
    await openFilters();
    expect(await page.getByTestId('year-to').inputValue()).toBe('2005');
    await screenshot(page, 'library-back-filters', false);
  }, 60_000);

  it('narrows by several genres, any of them or all of them', async () => {
    // Two genres that overlap without one holding the other.
    const names = [...new Set(list.items.flatMap((i) => i.genres))];
    const having = (g: string) => list.items.filter((i) => i.genres.includes(g));
    let pair: [string, string] | null = null;
    for (const a of names) {
      for (const b of names) {
        if (a >= b) continue;
        const both = list.items.filter((i) => i.genres.includes(a) && i.genres.includes(b)).length;
        if (both > 0 && both < having(a).length && both < having(b).length) pair = [a, b];
      }
    }
    if (!pair) throw new Error('The demo has no two overlapping genres.');
    const [a, b] = pair;
    const any = list.items.filter((i) => i.genres.includes(a) || i.genres.includes(b)).length;
    const all = list.items.filter((i) => i.genres.includes(a) && i.genres.includes(b)).length;

    await openLibrary();
    await page.getByRole('button', { name: new RegExp(`^${a}`) }).click();
    await page.getByRole('button', { name: new RegExp(`^${b}`) }).click();
    await page.waitForURL((url) => url.searchParams.getAll('genre').length === 2);
    await expect.poll(countText).toBe(counted(any));
    await openFilters();
    const modes = page.getByRole('group', { name: 'Titles with' });
    expect(await modes.getByRole('button', { name: 'Any of them' }).getAttribute('aria-pressed')).toBe('true');
    await modes.getByRole('button', { name: 'All of them' }).click();
    await expect.poll(countText).toBe(counted(all));
    await screenshot(page, 'library-genres-all', false);
    await page.reload();
    await page.locator('.poster-card').first().waitFor();
    expect(await countText()).toBe(counted(all));
    await openFilters();
    expect(await page.getByRole('group', { name: 'Titles with' }).getByRole('button', { name: 'All of them' }).getAttribute('aria-pressed')).toBe('true');
  }, 60_000);

  it('narrows by the "to" end of the year and rating ranges, and by both ends', async () => {
    await openLibrary();
    await openFilters();
    await setField('year-to', '1999', /year=-1999/);
    const old = list.items.filter((i) => i.year !== null && i.year <= 1999).length;
    expect(old).toBeGreaterThan(0);
    expect(old).toBeLessThan(list.items.length);
    expect(await countText()).toBe(counted(old));
    await setField('year-from', '1980', /year=1980-1999/);
    expect(await countText()).toBe(counted(list.items.filter((i) => i.year !== null && i.year >= 1980 && i.year <= 1999).length));
    await setField('year-from', '', /^(?!.*year=1980)/);
    await setField('year-to', '', /^(?!.*year=)/);
    await expect.poll(countText).toBe(`${list.items.length} titles`);

    await setField('rating-to', '6.5', /rating=-6\.5/);
    const modest = list.items.filter((i) => i.ratings.imdb !== undefined && i.ratings.imdb !== null && i.ratings.imdb <= 6.5).length;
    expect(modest).toBeGreaterThan(0);
    expect(await countText()).toBe(counted(modest));
    await setField('rating-from', '5', /rating=5-6\.5/);
    const band = list.items.filter((i) => (i.ratings.imdb ?? -1) >= 5 && (i.ratings.imdb ?? 99) <= 6.5).length;
    expect(await countText()).toBe(counted(band));
    await screenshot(page, 'library-ranges', false);
    await setField('rating-from', '', /^(?!.*rating=5)/);
    await setField('rating-to', '', /^(?!.*rating=)/);
  }, 60_000);

  it('narrows to the unwatched titles and to those in progress', async () => {
    const movie = list.items.find((i) => i.kind === 'movie' && !i.watched && i.runtimeMinutes !== null && !i.inProgress);
    if (!movie) throw new Error('The demo has no unwatched movie with a runtime.');
    const detail = await api<ItemDetail>(`/api/v1/items/${movie.id}`);
    const duration = detail.files[0]?.durationSeconds ?? (movie.runtimeMinutes ?? 0) * 60;
    await setProgress(movie.id, Math.round(duration / 2), false);
    try {
      const now = await api<ItemsResponse>('/api/v1/items');
      const inProgress = now.items.filter((i) => i.inProgress);
      expect(inProgress.map((i) => i.id)).toContain(movie.id);
      // Three states, each title in one: unwatched is neither watched nor started.
      const unwatched = now.items.filter((i) => !i.watched && !i.inProgress).length;
      expect(unwatched).toBeGreaterThan(0);

      await openLibrary();
      await openFilters();
      const states = page.getByTestId('watch-filter');
      await states.getByRole('button', { name: 'In progress', exact: true }).click();
      await page.waitForURL(/watch=in-progress/);
      expect(await countText()).toBe(`${inProgress.length} of ${now.items.length} titles`);
      const shown = await page.locator('.poster-card').evaluateAll((els) => els.map((e) => (e as unknown as El).dataset.itemId));
      expect(shown.sort()).toEqual(inProgress.map((i) => i.id).sort());
      await screenshot(page, 'library-in-progress', false);

      await states.getByRole('button', { name: 'Unwatched', exact: true }).click();
      await page.waitForURL(/watch=unwatched/);
      expect(await countText()).toBe(`${unwatched} of ${now.items.length} titles`);
      await states.getByRole('button', { name: 'All', exact: true }).click();
      await page.waitForFunction(() => !/watch=/.test((globalThis as unknown as { location: { search: string } }).location.search));
    } finally {
      await setProgress(movie.id, 0, false);
    }
  }, 60_000);

  it('sorts by each key both ways: the first poster is the one the API list puts first', async () => {
    type Key = (i: ItemSummary) => number | null;
    const keys: { label: string; param: string; key: Key }[] = [
      { label: 'Year', param: 'year', key: (i) => i.year },
      // The grid's list carries addedAt to the second (shared/catalogue-columns.ts).
      { label: 'Added', param: 'added', key: (i) => Math.floor(Date.parse(i.addedAt) / 1000) },
      { label: 'Length', param: 'runtime', key: (i) => i.runtimeMinutes },
      { label: 'Rating', param: 'rating', key: (i) => i.ratings.imdb ?? null },
    ];
    await openLibrary();
    const firstId = () => page.locator('.poster-card').first().getAttribute('data-item-id');
    const sorter = page.locator('.library__sort');
    const keyOf = (key: Key, id: string | null) => key(list.items.find((i) => i.id === id) as ItemSummary);
    for (const { label, param, key } of keys) {
      const values = list.items.map(key).filter((v): v is number => v !== null);
      await sorter.getByRole('button', { name: label, exact: true }).click();
      await page.waitForURL(new RegExp(`sort=${param}`));
      // Natural way first: newest, longest, best.
      await expect.poll(async () => keyOf(key, await firstId()), { timeout: 10_000 }).toBe(Math.max(...values));
      await page.getByTestId('sort-direction').click();
      await page.waitForURL(/order=asc/);
      await expect.poll(async () => keyOf(key, await firstId()), { timeout: 10_000 }).toBe(Math.min(...values));
    }
    // Title: A to Z, then Z to A.
    const byTitle = [...list.items].sort((x, y) => new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare(x.sortKey || x.title, y.sortKey || y.title));
    await sorter.getByRole('button', { name: 'A–Z', exact: true }).click();
    await expect.poll(firstId, { timeout: 10_000 }).toBe(byTitle[0]?.id);
    await page.getByTestId('sort-direction').click();
    await expect.poll(firstId, { timeout: 10_000 }).toBe(byTitle[byTitle.length - 1]?.id);
    expect(await page.getByTestId('sort-direction').textContent()).toMatch(/Z to A/);
    await screenshot(page, 'library-z-to-a', false);
    await page.getByTestId('sort-direction').click();
  }, 90_000);

  it('narrows by HD and by SD', async () => {
    const hd = list.items.filter((i) => i.resolution === 'hd').length;
    const sd = list.items.filter((i) => i.resolution === 'sd').length;
    expect(hd + sd).toBeGreaterThan(0);
    await openLibrary();
    await openFilters();
    for (const [value, n] of [['hd', hd], ['sd', sd]] as const) {
      await page.getByTestId(`res-${value}`).click();
      await page.waitForURL(new RegExp(`res=${value}`));
      if (n === 0) await page.getByText('No titles match these filters.').waitFor();
      else expect(await countText()).toBe(counted(n));
      expect(await page.getByTestId(`res-${value}`).getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId(`res-${value}`).click();
      await page.waitForFunction(() => !/res=/.test((globalThis as unknown as { location: { search: string } }).location.search));
    }
    // Both at once: either.
    await page.getByTestId('res-hd').click();
    await page.getByTestId('res-sd').click();
    await expect.poll(countText).toBe(hd + sd === list.items.length ? `${list.items.length} titles` : counted(hd + sd));
  }, 60_000);

  it("shows a person's photo, a known-for row and each title's role: as a character, Director, Writer", async () => {
    // One person who acted, one who directed and one who wrote, read from the items' details.
    const people = new Map<string, PersonDetail>();
    const wanted = { actor: null as string | null, director: null as string | null, writer: null as string | null };
    for (const item of list.items.filter((i) => i.kind === 'movie')) {
      if (wanted.actor && wanted.director && wanted.writer) break;
      const detail = await api<ItemDetail>(`/api/v1/items/${item.id}`);
      for (const credit of detail.credits) {
        const role = credit.role as keyof typeof wanted;
        if (role in wanted && wanted[role] === null && (role !== 'actor' || credit.character)) wanted[role] = credit.personId;
      }
    }
    for (const id of Object.values(wanted)) if (id && !people.has(id)) people.set(id, await api<PersonDetail>(`/api/v1/people/${id}`));
    expect(wanted.actor && wanted.director && wanted.writer).toBeTruthy();

    for (const [role, id] of Object.entries(wanted)) {
      const person = people.get(id ?? '');
      if (!person) throw new Error(`No ${role} in the demo.`);
      await page.goto(`${origin}/person/${person.id}`);
      await page.getByTestId('person-name').waitFor();
      if (person.photo) {
        await page.waitForFunction(() => {
          const img = (globalThis as unknown as TestWindow).document.querySelector('.person__photo img') as { complete: boolean; naturalWidth: number } | null;
          return img !== null && img.complete && img.naturalWidth > 0;
        });
      } else {
        await page.locator('.person__photo .avatar__initials').waitFor();
      }
      // Known for: its movies and series.
      const titles = new Set(person.credits.filter((c) => c.kind === 'movie' || c.kind === 'series').map((c) => c.itemId));
      const known = page.locator('[data-row-id="known-for"] .row-card');
      if (titles.size > 0) {
        await known.first().waitFor();
        const shown = await known.evaluateAll((els) => els.map((e) => (e as unknown as El).dataset.itemId ?? ''));
        expect(shown.length).toBe(Math.min(16, titles.size));
        for (const s of shown) expect(titles.has(s)).toBe(true);
      }
      // Each entry of the timeline says the roles of that credit.
      const entries = await page.getByTestId('timeline-entry').evaluateAll((els) =>
        els.map((e) => {
          const el = e as unknown as { querySelector(s: string): { textContent: string | null } | null };
          return { title: el.querySelector('.timeline__title')?.textContent?.trim() ?? '', role: el.querySelector('.timeline__role')?.textContent?.trim() ?? '' };
        }),
      );
      for (const credit of person.credits.filter((c) => c.kind === 'movie')) {
        const entry = entries.find((e) => e.title === credit.title);
        expect(entry, `${person.name}: ${credit.title}`).toBeTruthy();
        const text = credit.role === 'actor' ? (credit.character ? `as ${credit.character}` : 'Actor') : credit.role === 'director' ? 'Director' : credit.role === 'writer' ? 'Writer' : null;
        if (text) expect(entry?.role.split(' · ')).toContain(text);
      }
      if (role === 'actor') await screenshot(page, 'person-actor');
      if (role === 'director') await screenshot(page, 'person-director');
    }
  }, 120_000);

  it('shows episode progress and watched marks after progress reports, and related titles and people on a series page', async () => {
    const series = list.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 2);
    if (!series) throw new Error('The demo has no series with three episodes.');
    const detail = await api<ItemDetail>(`/api/v1/items/${series.id}`);
    const episodes = detail.seasons?.find((s) => s.number === 1)?.episodes ?? [];
    const [first, second] = episodes;
    if (!first || !second) throw new Error('The first season has fewer than two episodes.');
    const secondDetail = await api<ItemDetail>(`/api/v1/items/${second.id}`);
    const length = secondDetail.files[0]?.durationSeconds ?? (second.runtimeMinutes ?? 0) * 60;
    expect(length).toBeGreaterThan(0);
    await setProgress(first.id, 0, true);
    await setProgress(second.id, Math.round(length / 2), false);
    try {
      await page.goto(`${origin}/series/${series.id}`);
      await page.getByTestId('item-title').waitFor();
      const rows = page.getByTestId('episode');
      await rows.first().waitFor();
      // The first: watched, no bar. The second: a bar about half full, not watched.
      expect(await rows.nth(0).locator('.episode__watched').count()).toBe(1);
      expect(await rows.nth(0).locator('.episode__progress').count()).toBe(0);
      expect(await rows.nth(1).locator('.episode__watched').count()).toBe(0);
      const fill = rows.nth(1).locator('.episode__progress span');
      await fill.waitFor();
      const width = await fill.evaluate((el) => Number.parseFloat((el as unknown as { style: { width: string } }).style.width));
      expect(width).toBeGreaterThan(35);
      expect(width).toBeLessThan(65);
      expect(await rows.nth(2).locator('.episode__progress, .episode__watched').count()).toBe(0);
      // Play says Resume on the episode in progress.
      expect(await page.getByTestId('play').textContent()).toMatch(/Resume/);

      // Cast lead to their pages; related titles say why.
      const cast = page.getByTestId('cast-person');
      if ((detail.credits ?? []).length > 0) {
        await cast.first().waitFor();
        expect(await cast.count()).toBeGreaterThan(0);
      }
      const related = page.locator('[data-row-id="related"]');
      if ((detail.related ?? []).length > 0) {
        await related.waitFor();
        const reasons = await related.getByTestId('because').allTextContents();
        expect(reasons.length).toBe(Math.min(detail.related?.length ?? 0, await related.locator('.row-card').count()));
        for (const r of reasons) expect(r.trim()).not.toBe('');
      }
      await screenshot(page, 'series-progress');
      if ((detail.credits ?? []).length > 0) {
        const name = (await cast.first().locator('.cast__name').textContent().catch(() => null))?.trim();
        await cast.first().click();
        await page.getByTestId('person-name').waitFor();
        if (name) expect((await page.getByTestId('person-name').textContent())?.trim()).toBe(name);
        const personId = new URL(page.url()).pathname.split('/person/')[1] ?? '';
        const person = await api<PersonDetail>(`/api/v1/people/${personId}`);
        expect(person.credits.some((c) => c.itemId === series.id || c.seriesId === series.id)).toBe(true);
      }
    } finally {
      await setProgress(first.id, 0, false);
      await setProgress(second.id, 0, false);
    }
  }, 60_000);

  it('finds a title by a word of its overview alone', async () => {
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const names = fold([...list.items.map((i) => `${i.title} ${i.originalTitle ?? ''}`), ...list.people.map((p) => p.name)].join(' '));
    let found: { item: ItemSummary; word: string } | null = null;
    for (const item of list.items) {
      const detail = await api<ItemDetail>(`/api/v1/items/${item.id}`);
      const words = fold(detail.overview ?? '').match(/\p{L}{7,}/gu) ?? [];
      const word = words.find((w) => !names.includes(w));
      if (word) {
        found = { item, word };
        break;
      }
    }
    if (!found) throw new Error('No overview in the demo has a word of its own.');
    await page.goto(`${origin}/`);
    await page.getByTestId('slideshow').waitFor();
    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search-input').waitFor();
    await page.keyboard.type(found.word);
    const hit = page.getByTestId('search-hit').filter({ hasText: found.item.title });
    await hit.first().waitFor();
    // Found in its story, not its title: the line under it quotes the story with the word marked.
    const marks = await hit.first().getByTestId('search-why').locator('mark').allTextContents();
    expect(marks.map(fold)).toContain(found.word);
    await screenshot(page, 'global-search-overview', false);
    await hit.first().click();
    await page.waitForURL(new RegExp(`/(movie|series)/${found.item.id}$`));
  }, 90_000);

  it('plays every extra of a movie from its link', async () => {
    let movie: ItemDetail | null = null;
    for (const item of list.items.filter((i) => i.kind === 'movie')) {
      const detail = await api<ItemDetail>(`/api/v1/items/${item.id}`);
      if (detail.extras.filter((e) => e.fileId).length > (movie?.extras.filter((e) => e.fileId).length ?? 0)) movie = detail;
    }
    if (!movie) throw new Error('No movie in the demo has extras.');
    const playable = movie.extras.filter((e) => e.fileId);
    expect(playable.length).toBe(movie.extras.length);
    await page.goto(`${origin}/movie/${movie.id}`);
    await page.getByTestId('item-title').waitFor();
    const links = page.locator('.extras__item');
    expect(await links.count()).toBe(movie.extras.length);
    await screenshot(page, 'movie-extras');
    for (let i = 0; i < movie.extras.length; i++) {
      const link = page.locator('.extras__item').nth(i);
      const label = await link.getAttribute('aria-label');
      expect(label).toMatch(/^Play /);
      await link.click();
      await page.waitForURL(/\/play\//);
      await page.getByTestId('video').evaluate((element) => {
        (element as unknown as { muted: boolean }).muted = true;
      });
      await waitForPlaying(page);
      await page.goBack();
      await page.getByTestId('item-title').waitFor();
      await page.locator('.extras__item').first().waitFor();
    }
  }, 240_000);

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
