// The Settings screen's routes: settings (partial PUT, every bad field named), themes, folder completion
// for adding a library, a library's polling interval, the ffmpeg test and the About facts.
import { readdirSync, statSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { API_PREFIX } from '../../shared/api';
import type { SettingsPatch, FieldError } from '../../shared/settings';
import type { ThemesResponse } from '../../shared/theme';
import { ffmpegTestBody, fsDirsQuery, updateLibraryBody, type FsDirsResponse, type SystemInfo } from '../../shared/settings-api';
import { HttpError, invalidRequest, readJson, sendJson, type Router } from './http-kit';
import type { ServerServices } from './services';
import { testFfmpeg } from '../settings/ffmpeg-test';
import { doctorReport } from '../doctor';

const P = API_PREFIX;
const MAX_DIRS = 200;

export function settingsRoutes(router: Router, sv: ServerServices): void {
  router.on('GET', `${P}/settings`, (ctx) => sendJson(ctx, 200, sv.settings.get()));

  router.on('PUT', `${P}/settings`, async (ctx) => {
    // Read as plain JSON, then checked by the store: it reports every bad field, and knows which themes exist.
    const body = await readJson(ctx, z.unknown());
    const result = sv.settings.update(body, (patch: SettingsPatch): FieldError[] => {
      const theme = patch.appearance?.theme;
      if (theme !== undefined && theme !== 'auto' && !sv.themes.tokens(theme)) {
        const known = sv.themes.exists(theme);
        return [{ path: 'appearance.theme', message: known ? `the theme "${theme}" has an error and cannot be used` : `no theme is called "${theme}"` }];
      }
      return [];
    });
    if (!result.ok) throw invalidRequest(result.errors);
    sendJson(ctx, 200, result.settings);
  });

  router.on('GET', `${P}/themes`, (ctx) => {
    const body: ThemesResponse = { themes: sv.themes.list() };
    sendJson(ctx, 200, body);
  });

  router.on('GET', `${P}/fs/dirs`, (ctx) => {
    const parsed = fsDirsQuery.safeParse({ path: ctx.url.searchParams.get('path') ?? '' });
    if (!parsed.success) throw new HttpError(400, 'invalid-request', 'path: at most 4096 characters.');
    sendJson(ctx, 200, listDirs(parsed.data.path));
  });

  router.on('PATCH', `${P}/libraries/:id`, async (ctx) => {
    const body = await readJson(ctx, updateLibraryBody);
    const id = ctx.params.id as string;
    if (!sv.store.library(id)) throw new HttpError(404, 'not-found', 'No such library.');
    const bad = badRoots(sv, id, body.roots ?? []);
    if (bad.length > 0) throw invalidRequest(bad);
    sv.store.updateLibrary(id, body);
    // A new polling interval takes effect now, not at the next start.
    if (body.pollMinutes !== undefined && sv.watcher) await sv.watcher.unwatchLibrary(id).then(() => sv.watcher?.watchLibrary(id));
    else for (const r of body.roots ?? []) sv.watcher?.repollRoot(r.id);
    sendJson(ctx, 200, sv.queries.libraries().find((l) => l.id === id));
  });

  router.on('POST', `${P}/system/ffmpeg-test`, async (ctx) => {
    const body = await readJson(ctx, ffmpegTestBody);
    sendJson(ctx, 200, await testFfmpeg(resolve(body.path)));
  });

  let about: Promise<SystemInfo> | null = null;
  let aboutFfmpeg = '';
  router.on('GET', `${P}/system`, async (ctx) => {
    // Six processes to ask: once per ffmpeg is enough (asked again when Settings point at another one).
    if (aboutFfmpeg !== sv.ffmpeg()) about = null;
    aboutFfmpeg = sv.ffmpeg();
    about ??= systemInfo(sv).catch((e: unknown) => {
      about = null;
      throw e;
    });
    sendJson(ctx, 200, await about);
  });
}

/** Every `roots` entry that is not a share of this library, named by its place in the body. */
function badRoots(sv: ServerServices, libraryId: string, roots: readonly { id: string }[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  roots.forEach((r, i) => {
    const root = sv.store.root(r.id);
    if (!root || root.library_id !== libraryId) errors.push({ path: `roots.${i}.id`, message: `this library has no folder with the id "${r.id}"` });
    else if (root.is_network !== 1) errors.push({ path: `roots.${i}.id`, message: `${root.path} is a local folder: it is watched for changes, not polled` });
    else if (seen.has(r.id)) errors.push({ path: `roots.${i}.id`, message: 'this folder is given twice' });
    seen.add(r.id);
  });
  return errors;
}

async function systemInfo(sv: ServerServices): Promise<SystemInfo> {
  const [doctor, ffmpeg] = await Promise.all([doctorReport(sv.ffmpeg()), testFfmpeg(sv.ffmpeg())]);
  return {
    version: sv.version,
    dataDir: sv.dataDir,
    logFile: sv.logFile,
    themesDir: sv.themes.dir,
    node: process.versions.node,
    platform: `${platform()} ${process.arch}`,
    ffmpeg: doctor.ffmpeg,
    ffprobe: doctor.ffprobe,
    sqlite: doctor.sqlite,
    hardwareEncoders: ffmpeg.hardwareEncoders,
    hardwareDetection: doctor.hardware,
  };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Completion for a typed folder path: the subfolders of the folder it names, or of its parent that start
 * with what follows the last separator. Only names of folders; no file is listed or opened.
 */
export function listDirs(typed: string): FsDirsResponse {
  const home = homedir();
  const expanded = typed === '' ? home : typed.startsWith('~') ? join(home, typed.slice(1)) : typed;
  const absolute = isAbsolute(expanded) ? expanded : resolve(home, expanded);
  // "/media/" lists /media; "/media/Fi" lists the folders of /media whose names start with "Fi".
  const atFolder = typed === '' || /[\\/]$/.test(typed);
  const dir = atFolder ? resolve(absolute) : dirname(resolve(absolute));
  const prefix = atFolder ? '' : basename(absolute);
  let names: string[] = [];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() || (d.isSymbolicLink() && isDir(join(dir, d.name))))
      .map((d) => d.name);
  } catch {
    names = [];
  }
  const lower = prefix.toLowerCase();
  const matches = names
    .filter((n) => n.toLowerCase().startsWith(lower))
    // Hidden folders only when asked for by a leading dot.
    .filter((n) => !n.startsWith('.') || prefix.startsWith('.'))
    .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }));
  const parent = dirname(dir) === dir ? null : dirname(dir);
  return {
    dir,
    prefix,
    parent,
    dirs: matches.slice(0, MAX_DIRS).map((name) => ({ name, path: join(dir, name) })),
    truncated: matches.length > MAX_DIRS,
  };
}
