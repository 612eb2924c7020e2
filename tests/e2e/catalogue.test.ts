// The catalogue in real Chromium against `media-centre serve --demo`: the home page (slideshow,
// rows, density), the library's filters and their URL, search by person, the person page,
// related titles with their reasons, the season accordion, keyboard-only navigation, and axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { ItemDetail, ItemsResponse } from '../../src/shared/api';
import { resumePosition } from '../../src/renderer/lib/resume';
import { READY_TIMEOUT_MS, screenshot, type RunningServer, type TestDocument, type TestWindow, openDemo, type DemoSession, pageApi } from './harness';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
let demo: DemoSession | undefined;
const pageErrors: string[] = [];
let list: ItemsResponse;

const api = <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => pageApi<T>(page, path, init);

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

/** Sends a progress report as the player would (same origin, the page's cookie). */
async function setProgress(itemId: string, positionSeconds: number, played: boolean): Promise<void> {
  const status = await page.evaluate(
    async ({ id, body }) => {
      const w = globalThis as unknown as { fetch(url: string, init: unknown): Promise<{ status: number }> };
      return (await w.fetch(`/api/v1/items/${id}/progress`, { method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status;
    },
    { id: itemId, body: { positionSeconds, played } },
  );
  expect(status).toBe(204);
}

/** The heading collage once its picture has arrived: its address and its natural width. */
async function collage(): Promise<{ src: string; width: number }> {
  const img = page.locator('[data-testid="collage"] img');
  await page.waitForFunction(() => {
    const image = (globalThis as unknown as TestWindow).document.querySelector('[data-testid="collage"] img') as { complete: boolean; naturalWidth: number } | null;
    return image !== null && image.complete && image.naturalWidth > 0;
  });
  // It fades in once loaded: wait for the fade, so screenshots show it.
  await page.waitForFunction(() => {
    const w = globalThis as unknown as { document: TestDocument; getComputedStyle(e: unknown): { opacity: string } };
    const box = w.document.querySelector('[data-testid="collage"]');
    return box !== null && w.getComputedStyle(box).opacity === '1';
  });
  return img.evaluate((el) => {
    const image = el as unknown as { naturalWidth: number; src: string };
    return { src: new URL(image.src).pathname, width: image.naturalWidth };
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
    demo = await openDemo({ viewport: { width: 1280, height: 800 }, watch: { pageErrors } });
    ({ browser, server, page } = demo);
    list = await api<ItemsResponse>('/api/v1/items');
  }, READY_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await demo?.close();
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
    // His titles are found through their cast, and say so: "With Lionel Strathearn", the name marked.
    const why = page.locator('[data-testid="global-search"] section[aria-label="Movies"]').getByTestId('search-why').first();
    await why.waitFor();
    expect((await why.textContent())?.replace(/\s+/g, ' ').trim()).toMatch(/^With (.+, )?Lionel Strathearn/);
    expect(await why.locator('mark').allTextContents()).toContain('Strathearn');
    await screenshot(page, 'global-search', false);
    // Down walks the results in order; Enter on the person opens their page.
    // (His films' hits name him too, so the person is picked by their group.)
    const at = await page.getByTestId('search-hit').evaluateAll((els) =>
      els.findIndex((el) => el.closest('section')?.getAttribute('aria-label') === 'People' && (el.textContent ?? '').includes('Lionel Strathearn')),
    );
    expect(at).toBeGreaterThan(0);
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

  it('puts a poster collage behind the library heading that follows the kind and a single genre', async () => {
    if (!server) throw new Error('No server.');
    await page.goto(`${server.origin}/library`);
    await page.locator('.poster-card').first().waitFor();
    expect(await collage()).toEqual({ src: '/img/collage/all', width: 1600 });
    await screenshot(page, 'library', false);
    await page.locator('.library__kind').getByRole('button', { name: 'Movies' }).click();
    await page.waitForURL(/kind=movie/);
    expect((await collage()).src).toBe('/img/collage/movies');
    expect(await page.getByTestId('library-title').textContent()).toBe('Movies');
    await page.getByRole('button', { name: /^Drama/ }).click();
    await page.waitForURL(/genre=Drama/);
    expect((await collage()).src).toBe('/img/collage/genre/Drama');
    // One genre chosen: the page reads as that genre's page.
    expect(await page.getByTestId('library-title').textContent()).toBe('Drama');
    await screenshot(page, 'genre', false);
    expect(await seriousViolations()).toEqual([]);
  }, 60_000);

  it('narrows the grid by kind, rating, subtitle and original language, and resolution, and sorts by rating, all in the URL', async () => {
    if (!server) throw new Error('No server.');
    const total = list.items.length;
    await page.goto(`${server.origin}/library?kind=series`);
    await page.locator('.poster-card').first().waitFor();
    expect(await countText()).toBe(`${list.items.filter((i) => i.kind === 'series').length} series`);

    await page.goto(`${server.origin}/library`);
    await page.locator('.poster-card').first().waitFor();
    await page.getByTestId('more-filters').click();
    await page.getByTestId('rating-from').fill('7');
    await page.getByTestId('rating-from').press('Tab');
    await page.waitForURL(/rating=7-/);
    const good = list.items.filter((i) => (i.ratings.imdb ?? -1) >= 7);
    expect(good.length).toBeGreaterThan(0);
    expect(good.length).toBeLessThan(total);
    expect(await countText()).toBe(`${good.length} of ${total} titles`);
    await page.getByTestId('rating-from').fill('');
    await page.getByTestId('rating-from').press('Tab');
    await page.waitForFunction(() => !/rating=/.test((globalThis as unknown as { location: { search: string } }).location.search));

    await page.getByTestId('subs-fre').click();
    await page.waitForURL(/subs=fre/);
    const frenchSubs = list.items.filter((i) => (i.subtitleLanguages ?? []).includes('fre')).length;
    expect(frenchSubs).toBeGreaterThan(0);
    expect(await countText()).toBe(`${frenchSubs} of ${total} titles`);
    await page.getByTestId('subs-fre').click();

    // Made in Japanese: not the same as "has a Japanese track".
    await page.getByTestId('orig-jpn').click();
    await page.waitForURL(/orig=jpn/);
    const japanese = list.items.filter((i) => i.originalLanguage === 'jpn');
    expect(japanese.length).toBeGreaterThan(0);
    expect(await countText()).toBe(`${japanese.length} of ${total} titles`);
    await screenshot(page, 'library-original-language', false);
    await page.reload();
    await page.locator('.poster-card').first().waitFor();
    expect(await page.getByTestId('orig-jpn').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('orig-jpn').click();
    await page.waitForFunction(() => !/orig=/.test((globalThis as unknown as { location: { search: string } }).location.search));

    await page.getByTestId('res-4k').click();
    await page.waitForURL(/res=4k/);
    const fourK = list.items.filter((i) => i.resolution === '4k').length;
    if (fourK === 0) await page.getByText('No titles match these filters.').waitFor();
    else expect(await countText()).toBe(`${fourK} of ${total} titles`);
    await page.getByTestId('res-4k').click();

    await page.locator('.library__sort').getByRole('button', { name: 'Rating' }).click();
    await page.waitForURL(/sort=rating/);
    const best = [...list.items].filter((i) => i.ratings.imdb !== undefined).sort((a, b) => (b.ratings.imdb ?? 0) - (a.ratings.imdb ?? 0))[0];
    const firstCard = await page.locator('.poster-card').first().getAttribute('data-item-id');
    expect(list.items.find((i) => i.id === firstCard)?.ratings.imdb).toBe(best?.ratings.imdb);
    await page.goto(`${server.origin}/library`);
  }, 90_000);

  it('shows a movie with its trailer first and playable, Resume with its progress and Start over, and file details on request', async () => {
    if (!server) throw new Error('No server.');
    const night = list.items.find((i) => i.title === 'Night Shift at the Observatory');
    if (!night) throw new Error('The demo has no Night Shift at the Observatory.');
    const detail = await api<ItemDetail>(`/api/v1/items/${night.id}`);
    const duration = detail.files[0]?.durationSeconds ?? 0;
    expect(duration).toBeGreaterThan(0);
    const half = Math.round(duration / 2);
    await setProgress(night.id, half, false);
    // Whether half-way is worth resuming is resume.ts's rule (the player's): the page must follow it.
    const offered = resumePosition({ positionSeconds: half, played: false, playCount: 0, lastPlayedAt: null, favourite: false }, duration) !== null;
    try {
      await page.goto(`${server.origin}/movie/${night.id}`);
      await page.getByTestId('item-title').waitFor();
      if (offered) {
        expect(await page.getByTestId('play').textContent()).toMatch(/Resume from/);
        const bar = page.getByTestId('resume-progress');
        expect(await bar.getAttribute('role')).toBe('progressbar');
        expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(40);
        expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(60);
        await page.getByTestId('start-over').waitFor();
      } else {
        expect(await page.getByTestId('play').textContent()).toMatch(/Play/);
        expect(await page.getByTestId('resume-progress').count()).toBe(0);
      }

      const extras = page.locator('.extras__item');
      expect(await page.locator('.extras__type').first().textContent()).toBe('Trailer');
      expect(await extras.first().getAttribute('href')).toMatch(/^\/play\//);

      const toggle = page.getByTestId('file-details');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByTestId('media-info').count()).toBe(0);
      await toggle.click();
      await page.getByTestId('media-info').waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await screenshot(page, 'movie');
      expect(await seriousViolations()).toEqual([]);

      if (offered) {
        // Start over plays from the beginning: the player is opened without a start.
        await page.getByTestId('start-over').click();
        await page.waitForURL(/\/play\//);
        expect(new URL(page.url()).searchParams.get('start')).toBeNull();
        await page.keyboard.press('Backspace');
        await page.getByTestId('item-title').waitFor();
      }
    } finally {
      await setProgress(night.id, 0, false);
    }
  }, 90_000);

  it('offers the next episode on a series page once the first is watched, and marks it watched', async () => {
    if (!server) throw new Error('No server.');
    const series = list.items.find((i) => i.kind === 'series' && (i.episodeCount ?? 0) > 1);
    if (!series) throw new Error('The demo has no series with episodes.');
    const detail = await api<ItemDetail>(`/api/v1/items/${series.id}`);
    const first = detail.seasons?.find((s) => s.number === 1)?.episodes[0];
    if (!first) throw new Error('The demo series has no first episode.');
    await setProgress(first.id, 0, true);
    try {
      await page.goto(`${server.origin}/series/${series.id}`);
      await page.getByTestId('item-title').waitFor();
      expect(await page.getByTestId('play').textContent()).toMatch(/S0?1\s?·?\s?E0?2|S01E02/);
      await page.locator('.episode__watched').first().waitFor();
      expect(await page.locator('.episode__watched').count()).toBe(1);
      await screenshot(page, 'series');
      expect(await seriousViolations()).toEqual([]);
    } finally {
      await setProgress(first.id, 0, false);
    }
  }, 60_000);

  it('grows text, posters and the focus ring on a TV-wide screen (the ten-foot layout)', async () => {
    if (!server || !browser) throw new Error('No server.');
    const rootFont = (p: Page) => p.evaluate(() => Number.parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string }; document: { documentElement: unknown } }).getComputedStyle((globalThis as unknown as { document: { documentElement: unknown } }).document.documentElement).fontSize));
    const laptop = await rootFont(page);
    const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    try {
      const tvPage = await tv.newPage();
      await tvPage.goto(server.url);
      await tvPage.getByTestId('slideshow').waitFor();
      const big = await rootFont(tvPage);
      // 1280 px: about 17 px; 1920 px: about 24.7 px (the width alone would give 20.6).
      expect(big).toBeGreaterThan(laptop * 1.3);
      await screenshot(tvPage, 'home-tv', false);
      await tvPage.goto(`${server.origin}/library`);
      await tvPage.locator('.poster-card').first().waitFor();
      const perRow = await tvPage.locator('.poster-card').evaluateAll((cards) => {
        const tops = cards.map((c) => Math.round((c as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top));
        return tops.filter((t) => t === tops[0]).length;
      });
      // Posters a sofa can read: no more than seven across a 1920-px screen.
      expect(perRow).toBeLessThanOrEqual(7);
      await screenshot(tvPage, 'library-tv', false);
    } finally {
      await tv.close();
    }
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
