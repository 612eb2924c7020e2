// The settings and themes routes over real HTTP and SQLite: partial updates, a 400 that names every bad
// field, settings that survive a restart, users' themes appearing live (and broken ones with their
// error), the themed index.html under its CSP, and folder completion that lists folders only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import type { ApiErrorBody, ServerEvent } from '../../src/shared/api';
import type { Settings } from '../../src/shared/settings';
import type { ThemesResponse } from '../../src/shared/theme';
import type { FsDirsResponse, SystemInfo } from '../../src/shared/settings-api';
import { movieNfo, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { rawDatabase } from '../helpers/sqlite';
import type { HomeResponse, Library } from '../../src/shared/api';
import { nextEvent as nextEventOf, startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';

let dir: string;
let dataDir: string;
let renderer: string;
let server: RunningServer;
let srv: TestServer;
let origin: string;
let auth: Record<string, string>;

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta name="color-scheme" content="dark" />
    <link rel="stylesheet" href="/assets/index.css">
  </head>
  <body><div id="app"></div></body>
</html>`;

async function start(): Promise<void> {
  srv = await startTestServer({ dataDir, rendererDir: renderer });
  server = srv.server;
  origin = srv.origin;
  auth = srv.auth;
}

beforeAll(async () => {
  dir = tempDir();
  dataDir = join(dir, 'data');
  renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), INDEX);
  await start();
});

afterAll(async () => {
  await server.close();
  removeDir(dir);
});

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
const nextEvent = (match: (e: ServerEvent) => boolean, timeoutMs?: number): Promise<{ event: Promise<ServerEvent> }> => nextEventOf(srv, match, timeoutMs);

describe('GET/PUT /api/v1/settings', () => {
  it('starts from the defaults: Dark theme, every home row listed once', async () => {
    const s = (await (await api('/settings')).json()) as Settings;
    expect(s.appearance.theme).toBe('dark');
    expect(new Set(s.home.rows.map((r) => r.id)).size).toBe(s.home.rows.length);
    expect(s.playback.maxTranscodes).toBeGreaterThanOrEqual(1);
  });

  it('a partial PUT changes that field alone, and open pages hear of it', async () => {
    const before = (await (await api('/settings')).json()) as Settings;
    const { event } = await nextEvent((e) => e.type === 'settings-changed');
    const res = await api('/settings', { method: 'PUT', body: { appearance: { theme: 'light' } } });
    expect(res.status).toBe(200);
    const after = (await res.json()) as Settings;
    expect(after.appearance).toEqual({ ...before.appearance, theme: 'light' });
    expect(after.playback).toEqual(before.playback);
    expect(after.home).toEqual(before.home);
    const pushed = await event;
    expect(pushed.type === 'settings-changed' && pushed.settings.appearance.theme).toBe('light');
  });

  it('a bad PUT is refused with every bad field named, and changes nothing', async () => {
    const before = (await (await api('/settings')).json()) as Settings;
    const res = await api('/settings', {
      method: 'PUT',
      body: {
        appearance: { textScale: 9, reduceMotion: 'yes' },
        playback: { maxTranscodes: 0, audioLanguages: ['english'], qualityCap: '8k' },
        home: { density: 'tiny' },
        colours: {},
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiErrorBody;
    expect(body.error.code).toBe('invalid-request');
    const paths = (body.error.fields ?? []).map((f) => f.path).sort();
    expect(paths).toEqual(
      ['appearance.textScale', 'appearance.reduceMotion', 'playback.maxTranscodes', 'playback.audioLanguages.0', 'playback.qualityCap', 'home.density', 'body'].sort(),
    );
    // The unknown section is named in the message of the body-level issue.
    expect(body.error.fields?.find((f) => f.path === 'body')?.message).toContain('colours');
    expect(await (await api('/settings')).json()).toEqual(before);
  });

  it('refuses a theme that does not exist, naming the field', async () => {
    const res = await api('/settings', { method: 'PUT', body: { appearance: { theme: 'no-such-theme' }, home: { slideshow: false } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiErrorBody;
    expect(body.error.fields).toEqual([{ path: 'appearance.theme', message: 'no theme is called "no-such-theme"' }]);
    expect(((await (await api('/settings')).json()) as Settings).home.slideshow).toBe(true);
  });

  it('keeps every setting across a restart', async () => {
    const rows = [
      { id: 'latest-movies', visible: true },
      { id: 'continue-watching', visible: false },
    ];
    const put = await api('/settings', {
      method: 'PUT',
      body: {
        appearance: { theme: 'cobalt', textScale: 1.25, reduceMotion: true },
        playback: { audioLanguages: ['fre', 'eng'], autoPlayNext: false, maxTranscodes: 3 },
        home: { rows, density: 'compact' },
      },
    });
    expect(put.status).toBe(200);
    const saved = (await put.json()) as Settings;
    // Rows the list left out are kept, after the ones given.
    expect(saved.home.rows.slice(0, 2)).toEqual(rows);
    expect(saved.home.rows.length).toBeGreaterThan(2);
    await server.close();
    await start();
    const reloaded = (await (await api('/settings')).json()) as Settings;
    expect(reloaded).toEqual(saved);
  });
});

describe('settings an older version stored', () => {
  it('are upgraded at start to the one list of home rows and densities, keeping the family\'s order, and written back', async () => {
    await server.close();
    const db = rawDatabase(join(dataDir, 'library.db'));
    const old = {
      rows: [
        { id: 'latest-movies', visible: true },
        { id: 'favourites', visible: true },
        { id: 'next-up', visible: false },
        { id: 'latest-series', visible: true },
        { id: 'recently-released', visible: false },
      ],
      density: 'spacious',
      slideshow: false,
    };
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('home', ?, '2026-01-01T00:00:00Z') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(old));
    db.close();
    await start();
    const s = (await (await api('/settings')).json()) as Settings;
    expect(s.home.density).toBe('large');
    expect(s.home.slideshow).toBe(false);
    expect(s.home.rows.slice(0, 2)).toEqual([
      { id: 'latest-movies', visible: true },
      { id: 'next-up', visible: false },
    ]);
    expect(s.home.rows.map((r) => r.id).sort()).toEqual(['collections', 'continue-watching', 'genres', 'latest-episodes', 'latest-movies', 'next-up', 'recently-added']);
    const check = rawDatabase(join(dataDir, 'library.db'), { readonly: true });
    const stored = JSON.parse(check.prepare("SELECT value FROM settings WHERE key = 'home'").pluck().get() as string) as Settings['home'];
    check.close();
    expect(stored).toEqual(s.home);
  });
});

describe('GET /api/v1/home follows the home settings', () => {
  it('shows the rows in the saved order, hides hidden ones, at once and without a restart', async () => {
    const films = join(dir, 'home-films');
    for (const [title, year] of [['Harbour Lights', 1998], ['Paper Kites', 2004], ['Glass Fields', 2010]] as const) {
      writeFile(films, `${title} (${year})/${title} (${year}).mkv`);
      writeFile(films, `${title} (${year})/${title} (${year}).nfo`, movieNfo({ title, year, genres: ['Drama'] }));
    }
    const { event: scanned } = await nextEvent((e) => e.type === 'scan' && e.progress.phase === 'done', 60_000);
    const added = await api('/libraries', { method: 'POST', body: { type: 'movies', paths: [films] } });
    expect(added.status).toBe(201);
    const library = (await added.json()) as Library;
    await scanned;
    const home = async (): Promise<string[]> => ((await (await api('/home')).json()) as HomeResponse).rows.map((r) => r.id);

    await api('/settings', { method: 'PUT', body: { home: { rows: [{ id: 'latest-movies', visible: true }, { id: 'recently-added', visible: true }, { id: 'genres', visible: true }] } } });
    expect(await home()).toEqual(['latest-movies', 'recently-added', 'genre:Drama']);
    await api('/settings', { method: 'PUT', body: { home: { rows: [{ id: 'genres', visible: true }, { id: 'recently-added', visible: false }, { id: 'latest-movies', visible: true }] } } });
    expect(await home()).toEqual(['genre:Drama', 'latest-movies']);
    await api('/settings', { method: 'PUT', body: { home: { rows: [{ id: 'latest-movies', visible: false }, { id: 'recently-added', visible: false }, { id: 'genres', visible: false }] } } });
    expect(await home()).toEqual([]);
    expect((await api(`/libraries/${library.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('the served page', () => {
  it('inlines the chosen theme after the bundle CSS, with its color-scheme, allowed by hash and no unsafe-inline', async () => {
    await api('/settings', { method: 'PUT', body: { appearance: { theme: 'light', reduceMotion: false } } });
    const res = await fetch(`${origin}/library`, { headers: auth });
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const style = /<style id="mc-theme">([^<]*)<\/style>/.exec(html);
    expect(style).not.toBeNull();
    const css = style![1] as string;
    const light = JSON.parse(readFileSync(join(__dirname, '../../themes/light.json'), 'utf8')) as { colours: { background: string } };
    expect(css).toContain('color-scheme:light');
    expect(css).toContain(`--mc-bg:${light.colours.background}`);
    expect(html).toContain('<meta name="color-scheme" content="light" />');
    expect(html.indexOf('mc-theme')).toBeGreaterThan(html.indexOf('/assets/index.css'));
    const hash = createHash('sha256').update(css).digest('base64');
    expect(csp).toContain(`style-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("script-src 'self'");
  });

  it('for Auto, carries Dark and Light with the system preference choosing', async () => {
    await api('/settings', { method: 'PUT', body: { appearance: { theme: 'auto' } } });
    const html = await (await fetch(`${origin}/`, { headers: auth })).text();
    expect(html).toContain('<meta name="color-scheme" content="dark light" />');
    expect(html).toMatch(/:root\{color-scheme:dark;.*@media \(prefers-color-scheme: light\)\{:root\{color-scheme:light;/);
  });
});

describe('themes', () => {
  const themesDir = (): string => join(dataDir, 'themes');
  const dark = (): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '../../themes/dark.json'), 'utf8')) as Record<string, unknown>;

  it('lists the five built-ins, valid, with their tokens', async () => {
    const { themes } = (await (await api('/themes')).json()) as ThemesResponse;
    expect(themes.filter((t) => t.builtIn).map((t) => t.id)).toEqual(['dark', 'cobalt', 'light', 'high-contrast', 'oled']);
    for (const t of themes.filter((x) => x.builtIn)) {
      expect(t.valid).toBe(true);
      expect(t.error).toBeNull();
      expect(t.contrast).toEqual([]);
      expect(t.tokens?.colours.text).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });

  it('a theme file dropped into the data dir appears live, and can be chosen', async () => {
    const { event } = await nextEvent((e) => e.type === 'themes-changed');
    writeFileSync(join(themesDir(), 'sunset.json'), JSON.stringify({ ...dark(), name: 'Sunset' }));
    await event;
    const { themes } = (await (await api('/themes')).json()) as ThemesResponse;
    const sunset = themes.find((t) => t.id === 'sunset');
    expect(sunset).toMatchObject({ name: 'Sunset', builtIn: false, valid: true, error: null });
    const put = await api('/settings', { method: 'PUT', body: { appearance: { theme: 'sunset' } } });
    expect(put.status).toBe(200);
  });

  it('a broken file is listed with its file and field, and cannot be chosen', async () => {
    const { event } = await nextEvent((e) => e.type === 'themes-changed');
    const broken = dark();
    (broken.colours as Record<string, string>).text = 'white';
    delete broken.radius;
    writeFileSync(join(themesDir(), 'broken.json'), JSON.stringify(broken));
    await event;
    const { themes } = (await (await api('/themes')).json()) as ThemesResponse;
    const entry = themes.find((t) => t.id === 'broken');
    expect(entry?.valid).toBe(false);
    expect(entry?.tokens).toBeNull();
    expect(entry?.error).toContain('broken.json: ');
    expect(entry?.error).toContain('colours.text: a colour written as #rrggbb');
    expect(entry?.error).toContain('radius');
    const put = await api('/settings', { method: 'PUT', body: { appearance: { theme: 'broken' } } });
    expect(put.status).toBe(400);
  });

  it('a file that is not JSON says so, and a user theme with weak contrast carries the pair and ratio', async () => {
    let change = await nextEvent((e) => e.type === 'themes-changed');
    writeFileSync(join(themesDir(), 'half.json'), '{ "name": "Half", ');
    await change.event;
    change = await nextEvent((e) => e.type === 'themes-changed');
    const faint = dark();
    (faint.colours as Record<string, string>).textMuted = '#30343c';
    writeFileSync(join(themesDir(), 'faint.json'), JSON.stringify({ ...faint, name: 'Faint' }));
    await change.event;
    const { themes } = (await (await api('/themes')).json()) as ThemesResponse;
    expect(themes.find((t) => t.id === 'half')?.error).toMatch(/^half\.json: not valid JSON/);
    const weak = themes.find((t) => t.id === 'faint');
    expect(weak?.valid).toBe(true);
    expect(weak?.contrast.find((c) => c.pair === 'muted text on page')).toMatchObject({ foreground: '#30343c', required: 4.5 });
  });

  it('a removed file leaves the list live, and the page falls back to Dark when its theme is gone', async () => {
    await api('/settings', { method: 'PUT', body: { appearance: { theme: 'sunset' } } });
    const { event } = await nextEvent((e) => e.type === 'themes-changed');
    unlinkSync(join(themesDir(), 'sunset.json'));
    await event;
    const { themes } = (await (await api('/themes')).json()) as ThemesResponse;
    expect(themes.some((t) => t.id === 'sunset')).toBe(false);
    const html = await (await fetch(`${origin}/`, { headers: auth })).text();
    expect(html).toContain('--mc-bg:#0d0f14');
  });
});

describe('GET /api/v1/fs/dirs', () => {
  it('lists the subfolders of a folder, never its files, and completes a typed prefix', async () => {
    const root = join(dir, 'disk');
    writeFile(root, 'Films/a.mkv');
    writeFile(root, 'Fiction/b.txt');
    writeFile(root, 'Series/c.mkv');
    writeFile(root, 'notes.txt', 'secret');
    writeFile(root, '.hidden/x', 'x');
    const all = (await (await api(`/fs/dirs?path=${encodeURIComponent(`${root}/`)}`)).json()) as FsDirsResponse;
    expect(all.dir).toBe(root);
    expect(all.dirs.map((d) => d.name)).toEqual(['Fiction', 'Films', 'Series']);
    expect(JSON.stringify(all)).not.toContain('notes.txt');
    expect(JSON.stringify(all)).not.toContain('secret');
    const some = (await (await api(`/fs/dirs?path=${encodeURIComponent(join(root, 'fi'))}`)).json()) as FsDirsResponse;
    expect(some.prefix).toBe('fi');
    expect(some.dirs.map((d) => d.path)).toEqual([join(root, 'Fiction'), join(root, 'Films')]);
  });

  it('answers an empty list for a folder that does not exist', async () => {
    const res = await api(`/fs/dirs?path=${encodeURIComponent('/no/such/place/')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as FsDirsResponse).dirs).toEqual([]);
  });
});

describe('the Settings screen\'s other routes', () => {
  it('PATCH a library changes its polling interval and name, and 404s an unknown one', async () => {
    const root = join(dir, 'share');
    writeFile(root, 'Film (2001)/Film (2001).mkv');
    await api('/settings', { method: 'PUT', body: { libraries: { defaultPollMinutes: 90 } } });
    const created = (await (await api('/libraries', { method: 'POST', body: { type: 'movies', paths: [root] } })).json()) as { id: string; pollMinutes: number };
    // Added without an interval: the family's default applies at once, no restart.
    expect(created.pollMinutes).toBe(90);
    const res = await api(`/libraries/${created.id}`, { method: 'PATCH', body: { pollMinutes: 45, name: 'Shared films' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: created.id, pollMinutes: 45, name: 'Shared films' });
    const bad = await api(`/libraries/${created.id}`, { method: 'PATCH', body: { pollMinutes: -5, colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiErrorBody).error.fields?.map((f) => f.path).sort()).toEqual(['body', 'pollMinutes']);
    expect((await api('/libraries/nope', { method: 'PATCH', body: { pollMinutes: 5 } })).status).toBe(404);
    await api(`/libraries/${created.id}`, { method: 'DELETE' });
  });

  it('tests the bundled ffmpeg, and refuses to run a program not named ffmpeg', async () => {
    const ok = (await (await api('/system/ffmpeg-test', { method: 'POST', body: { path: mediaTools().ffmpeg } })).json()) as { ok: boolean; version: string; encoders: Record<string, boolean> };
    expect(ok.ok).toBe(true);
    expect(ok.version).toMatch(/^ffmpeg version/);
    expect(ok.encoders.libx264).toBe(true);
    const refused = await api('/system/ffmpeg-test', { method: 'POST', body: { path: '/bin/sh' } });
    expect(refused.status).toBe(400);
    const missing = (await (await api('/system/ffmpeg-test', { method: 'POST', body: { path: '/no/such/ffmpeg' } })).json()) as { ok: boolean; error: string };
    expect(missing).toMatchObject({ ok: false, error: 'There is no file at this path.' });
  });

  it('says where the data, the themes and the log live, with the tools\' versions and what hardware encoding was found', async () => {
    const info = (await (await api('/system')).json()) as SystemInfo;
    expect(info.dataDir).toBe(dataDir);
    expect(info.themesDir).toBe(join(dataDir, 'themes'));
    expect(info.logFile.startsWith(dataDir)).toBe(true);
    expect(info.ffmpeg.version).toMatch(/ffmpeg/);
    expect(info.sqlite.fts5).toBe(true);
    // Every kind is tried and answered, with a reason when it cannot be used (the bundled ffmpeg has none).
    expect(info.hardwareDetection.map((h) => h.encoder).sort()).toEqual(['h264_amf', 'h264_nvenc', 'h264_qsv', 'h264_vaapi', 'h264_videotoolbox']);
    for (const h of info.hardwareDetection) expect(h.detail.length).toBeGreaterThan(0);
  });
});
