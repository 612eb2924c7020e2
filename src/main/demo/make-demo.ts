// Builds the demo library: plans every file from the recipe, renders clips and art in parallel, installs atomically.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, hostname } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { mediaTools } from '../media-tools/tools';
import { actorPhotoSvg, backdropSvg, posterSvg, svgToJpeg, type PosterText } from './artwork';
import { CONTAINER_EXT, encodeClip, findTitleFont, grabThumb, hasDrawtext, srtText, type ClipJob } from './clips';
import { episodeNfo, movieNfo, showNfo } from './nfo-writer';
import {
  DEMO_RECIPE_VERSION,
  loadRecipe,
  resolvePremiered,
  type ArtSpec,
  type ClipSpec,
  type Recipe,
  type RecipeEdition,
} from './recipe';

export { DEMO_RECIPE_VERSION };

export interface DemoProgress {
  done: number;
  total: number;
  current: string;
}
export interface MakeDemoOptions {
  onProgress?: (p: DemoProgress) => void;
  signal?: AbortSignal;
  /** Parallel ffmpeg encodes; default os.availableParallelism(). */
  concurrency?: number;
}
export interface DemoResult {
  dir: string;
  created: boolean;
  movies: number;
  series: number;
  files: number;
  bytes: number;
  seconds: number;
}

export const DEMO_MARKER = '.media-centre-demo';
const OWNER_FILE = '.owner';
const WORK_DIR = '.work';
const PARTIAL_INFIX = '.partial-';

interface MarkerData {
  version: number;
  generator: string;
  createdAt: string;
  movies: number;
  series: number;
  files: number;
  bytes: number;
}

/** Names with characters Windows or macOS refuse in a path become readable lookalikes instead. */
export function safeFileName(name: string): string {
  return name
    .replace(/\s*:\s*/g, ' - ')
    .replace(/[<>"/\\|?*\u0000-\u001F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
}

/** Another version of a film, beside it: the Plex `{edition-…}` tag, which the scanner reads as the same title. */
export function editionFileName(base: string, edition: RecipeEdition): string {
  return `${base} {edition-${safeFileName(edition.edition)}}.${CONTAINER_EXT[edition.clip.codec]}`;
}

/** Kodi's convention for `.actors/`: the name with spaces as underscores. */
export function actorFileName(name: string): string {
  return `${safeFileName(name).replace(/ /g, '_')}.jpg`;
}

const two = (n: number): string => String(n).padStart(2, '0');

// ── Planning ───────────────────────────────────────────────────────────────

interface TaskContext {
  signal: AbortSignal;
  /** Reports one finished file (library-relative path). */
  finished: (relPath: string) => void;
}
interface Task {
  kind: 'video' | 'light';
  /** Files this task reports, for the progress total. */
  outputs: number;
  /** Relative cost, so the longest encodes start first. */
  weight: number;
  run: (ctx: TaskContext) => Promise<void>;
}

interface PlanContext {
  root: string;
  ffmpeg: string;
  font: string | undefined;
  threads: number;
  now: Date;
  photo: (name: string) => Promise<Buffer>;
  people: Map<string, boolean>;
}

const CODEC_COST: Record<ClipSpec['codec'], number> = {
  'h264-aac-mp4': 1,
  'vp9-opus-webm': 1.3,
  'h264-ac3-mkv': 1,
  'hevc-aac-mkv': 1.4,
  'h264-aac-ac3-mkv': 1.1,
};

function pixelsFactor(spec: ClipSpec): number {
  return spec.size === '854x480' ? 1.7 : 1;
}

function fileTask(ctx: PlanContext, rel: string, content: () => string | Buffer | Promise<string | Buffer>): Task {
  return {
    kind: 'light',
    outputs: 1,
    weight: 0,
    run: async ({ finished }) => {
      const abs = join(ctx.root, rel);
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, await content());
      finished(rel);
    },
  };
}

function artTask(ctx: PlanContext, rel: string, title: string, svg: () => string): Task {
  return fileTask(ctx, rel, async () => {
    try {
      return await svgToJpeg(svg());
    } catch (e) {
      throw new Error(`could not render ${basename(rel)} for "${title}": ${(e as Error).message}`);
    }
  });
}

function clipTask(
  ctx: PlanContext,
  rel: string,
  title: string,
  job: Omit<ClipJob, 'output' | 'workDir' | 'fontFile'>,
  thumbRel?: string,
): Task {
  return {
    kind: 'video',
    outputs: thumbRel ? 2 : 1,
    weight: job.spec.seconds * CODEC_COST[job.spec.codec] * pixelsFactor(job.spec),
    run: async ({ signal, finished }) => {
      const output = join(ctx.root, rel);
      await mkdir(dirname(output), { recursive: true });
      const key = randomBytes(4).toString('hex');
      signal.throwIfAborted();
      await encodeClip(
        { ...job, output, workDir: join(ctx.root, WORK_DIR), fontFile: ctx.font },
        key,
        { ffmpeg: ctx.ffmpeg, title, threads: ctx.threads, signal },
      );
      finished(rel);
      if (thumbRel) {
        signal.throwIfAborted();
        await grabThumb(ctx.ffmpeg, output, Math.min(6, job.spec.seconds / 2), join(ctx.root, thumbRel), { title, signal });
        finished(thumbRel);
      }
    },
  };
}

function actorTasks(ctx: PlanContext, folder: string, cast: readonly { name: string }[]): Task[] {
  return cast
    .filter((c) => ctx.people.get(c.name))
    .map((c) => fileTask(ctx, join(folder, '.actors', actorFileName(c.name)), () => ctx.photo(c.name)));
}

function actorThumbFor(ctx: PlanContext): (name: string) => string | undefined {
  return (name) => (ctx.people.get(name) ? `.actors/${actorFileName(name)}` : undefined);
}

function isLatin(text: string): boolean {
  return /^[\u0000-\u024F\u2000-\u206F]*$/.test(text);
}

function planLibrary(recipe: Recipe, ctx: PlanContext): Task[] {
  const tasks: Task[] = [];
  const art = (rel: string, title: string, spec: ArtSpec, text: PosterText, seed: string, kind: 'poster' | 'backdrop'): void => {
    tasks.push(artTask(ctx, rel, title, () => (kind === 'poster' ? posterSvg(spec, text, seed) : backdropSvg(spec, seed))));
  };

  for (const m of recipe.movies) {
    const base = safeFileName(`${m.title} (${m.year})`);
    const folder = join('Movies', base);
    const label = `${m.title} (${m.year})`;
    const ext = CONTAINER_EXT[m.clip.codec];
    const original = m.originalTitle && isLatin(m.originalTitle) ? `${m.originalTitle}  ·  ` : '';
    tasks.push(
      clipTask(ctx, join(folder, `${base}.${ext}`), label, {
        spec: m.clip,
        metadataTitle: m.title,
        card: { heading: m.title, subheading: `${original}${m.year}` },
      }),
    );
    for (const e of m.editions) {
      tasks.push(
        clipTask(ctx, join(folder, editionFileName(base, e)), `${label} ${e.edition}`, {
          spec: e.clip,
          metadataTitle: `${m.title} (${e.edition})`,
          card: { heading: m.title, subheading: `${e.edition}  ·  ${m.year}` },
        }),
      );
    }
    tasks.push(fileTask(ctx, join(folder, `${base}.nfo`), () => movieNfo(m, actorThumbFor(ctx))));
    const credits = `A film by ${m.directors.join(' & ')}  ·  ${m.cast.map((c) => c.name).join('   ')}`;
    art(join(folder, 'poster.jpg'), label, m.art, { title: m.title, year: m.year, tagline: m.tagline, credits }, label, 'poster');
    art(join(folder, 'fanart.jpg'), label, m.art, { title: m.title, year: m.year }, label, 'backdrop');
    for (const sub of m.subtitles) {
      const name = `${base}.${sub.language}${sub.forced ? '.forced' : ''}.srt`;
      tasks.push(fileTask(ctx, join(folder, name), () => srtText(sub.cues)));
    }
    if (m.trailer) {
      const rel =
        m.trailer === 'folder'
          ? join(folder, 'trailers', `${safeFileName(m.title)} Trailer.mp4`)
          : join(folder, `${base}-trailer.mp4`);
      // Trailers are always the direct-play kind, like the ones a scraper downloads.
      const spec: ClipSpec = {
        ...m.clip,
        codec: 'h264-aac-mp4',
        seconds: 10,
        size: '640x360',
        hue: (m.clip.hue + 35) % 360,
        tone: m.clip.tone * 1.25,
        audioLanguage: 'eng',
        audioTitle: undefined,
        secondAudio: undefined,
        embeddedSubtitle: undefined,
        chapters: undefined,
      };
      tasks.push(
        clipTask(ctx, rel, `${label} trailer`, {
          spec,
          metadataTitle: `${m.title} – Trailer`,
          card: { heading: m.title, subheading: `Official Trailer  ·  ${m.year}` },
        }),
      );
    }
    tasks.push(...actorTasks(ctx, folder, m.cast));
  }

  for (const s of recipe.shows) {
    const premiered = resolvePremiered(s.premiered, ctx.now);
    const year = premiered.slice(0, 4);
    const folder = join('Shows', safeFileName(`${s.title} (${year})`));
    const label = `${s.title} (${year})`;
    const showName = safeFileName(s.title);
    tasks.push(fileTask(ctx, join(folder, 'tvshow.nfo'), () => showNfo(s, premiered, actorThumbFor(ctx))));
    const coming = s.status === 'Upcoming' ? `Coming ${premiered.slice(0, 4)}` : undefined;
    const credits = `Starring ${s.cast.map((c) => c.name).join('   ')}`;
    art(join(folder, 'poster.jpg'), label, s.art, { title: s.title, year: coming ?? year, tagline: s.tagline, credits }, label, 'poster');
    art(join(folder, 'fanart.jpg'), label, s.art, { title: s.title, year: coming ?? year }, label, 'backdrop');
    tasks.push(...actorTasks(ctx, folder, s.cast));
    for (const season of s.seasons) {
      const seasonArt = { ...s.art, hue: (s.art.hue + season.season * 28) % 360 };
      const firstAired = season.episodes[0]?.aired.slice(0, 4) ?? year;
      art(
        join(folder, `season${two(season.season)}-poster.jpg`),
        label,
        seasonArt,
        { title: s.title, year: firstAired, label: `Season ${season.season}`, tagline: season.name, credits },
        `${label} season ${season.season}`,
        'poster',
      );
      for (const e of season.episodes) {
        const code = `S${two(season.season)}E${two(e.episode)}`;
        const base = `${showName} - ${code} - ${safeFileName(e.title)}`;
        const seasonFolder = join(folder, `Season ${two(season.season)}`);
        const epLabel = `${s.title} ${code} "${e.title}"`;
        tasks.push(
          clipTask(
            ctx,
            join(seasonFolder, `${base}.${CONTAINER_EXT[e.clip.codec]}`),
            epLabel,
            { spec: e.clip, metadataTitle: e.title, card: { heading: s.title, subheading: `${code}  ·  ${e.title}` }, ...(s.intro ? { intro: s.intro } : {}) },
            join(seasonFolder, `${base}-thumb.jpg`),
          ),
        );
        tasks.push(fileTask(ctx, join(seasonFolder, `${base}.nfo`), () => episodeNfo(s, season, e)));
      }
    }
  }
  return tasks;
}

// ── Running ────────────────────────────────────────────────────────────────

async function runTasks(tasks: Task[], concurrency: number, opts: MakeDemoOptions): Promise<void> {
  const total = tasks.reduce((n, t) => n + t.outputs, 0);
  const ctl = new AbortController();
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    // The first failure is the one to report; the cancellations it causes in other tasks are noise.
    if (failure) return;
    failure = { error };
    ctl.abort(error);
  };
  const onOuterAbort = (): void => fail(opts.signal?.reason ?? new Error('demo generation aborted'));
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let done = 0;
  const ctx: TaskContext = {
    signal: ctl.signal,
    finished: (current) => {
      done++;
      try {
        opts.onProgress?.({ done, total, current: current.split(sep).join('/') });
      } catch (e) {
        fail(e);
      }
    },
  };
  const pool = async (queue: Task[], width: number): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!ctl.signal.aborted && next < queue.length) {
        const task = queue[next++]!;
        try {
          await task.run(ctx);
        } catch (e) {
          fail(e);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(width, queue.length)) }, worker));
  };
  const videos = tasks.filter((t) => t.kind === 'video').sort((a, b) => b.weight - a.weight);
  const light = tasks.filter((t) => t.kind === 'light');
  try {
    // sharp renders on its own thread pool, so the light queue runs alongside the encodes rather than after.
    await Promise.all([pool(videos, concurrency), pool(light, 2)]);
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (failure) throw failure.error;
}

// ── Installing and cleaning up ─────────────────────────────────────────────

/** Partials this process is writing right now; never treated as stale. */
const activePartials = new Set<string>();
const inflight = new Map<string, Promise<DemoResult>>();

async function readMarker(dir: string): Promise<Partial<MarkerData> | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, DEMO_MARKER), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as unknown;
    return typeof data === 'object' && data !== null ? (data as Partial<MarkerData>) : {};
  } catch {
    return {};
  }
}

type Existing = 'missing' | 'empty' | 'demo' | 'foreign';
async function inspectTarget(dir: string): Promise<Existing> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  if (entries.length === 0) return 'empty';
  return entries.includes(DEMO_MARKER) ? 'demo' : 'foreign';
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A partial is stale when no live generator owns it: its owner process is gone, it is over an hour old,
 * or (no owner file) it has sat untouched for two minutes. Fresh ones may belong to another instance.
 */
async function isStale(path: string): Promise<boolean> {
  if (activePartials.has(path)) return false;
  const age = Date.now() - (await stat(path)).mtimeMs;
  try {
    const owner = JSON.parse(await readFile(join(path, OWNER_FILE), 'utf8')) as { pid?: unknown; host?: unknown };
    if (age > 3_600_000) return true;
    if (owner.host !== hostname()) return false;
    if (typeof owner.pid !== 'number' || owner.pid === process.pid) return true;
    return !pidAlive(owner.pid);
  } catch {
    return age > 120_000;
  }
}

async function removeStalePartials(target: string): Promise<void> {
  const parent = dirname(target);
  const prefix = `${basename(target)}${PARTIAL_INFIX}`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const path = join(parent, name);
    try {
      if (await isStale(path)) await removeTree(path);
    } catch {
      // Another instance may have removed or installed it in the meantime.
    }
  }
}

async function removeTree(path: string): Promise<void> {
  // Retries cover Windows, where a just-killed ffmpeg or an indexer may still hold a handle for a moment.
  await rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 8 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw e;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }
}

function refuseForeign(target: string): Error {
  return new Error(`${target} already exists and is not a demo library (no ${DEMO_MARKER}); refusing to replace it`);
}

async function install(partial: string, target: string): Promise<void> {
  switch (await inspectTarget(target)) {
    case 'missing':
      return renameWithRetry(partial, target);
    case 'empty':
      await rmdir(target);
      return renameWithRetry(partial, target);
    case 'demo': {
      // An older demo is swapped out, then deleted; its temporary name is a partial, so a crash here is cleaned later.
      const old = `${target}${PARTIAL_INFIX}old-${randomBytes(5).toString('hex')}`;
      await renameWithRetry(target, old);
      try {
        await renameWithRetry(partial, target);
      } catch (e) {
        await rename(old, target).catch(() => undefined);
        throw e;
      }
      await removeTree(old).catch(() => undefined);
      return;
    }
    case 'foreign':
      throw refuseForeign(target);
  }
}

async function measure(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        files++;
        bytes += (await stat(path)).size;
      }
    }
  };
  await walk(dir);
  return { files, bytes };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

async function build(target: string, opts: MakeDemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const seconds = (): number => round2((performance.now() - started) / 1000);
  const marker = await readMarker(target);
  if (marker?.version === DEMO_RECIPE_VERSION) {
    // Cheap, and the only chance to clear a leftover of a crash in the middle of swapping libraries.
    await removeStalePartials(target);
    return {
      dir: target,
      created: false,
      movies: marker.movies ?? 0,
      series: marker.series ?? 0,
      files: marker.files ?? 0,
      bytes: marker.bytes ?? 0,
      seconds: seconds(),
    };
  }
  opts.signal?.throwIfAborted();
  // Fail before spending a minute of CPU when the destination could never be replaced.
  if ((await inspectTarget(target)) === 'foreign') throw refuseForeign(target);
  const recipe = loadRecipe();
  const tools = mediaTools();
  await mkdir(dirname(target), { recursive: true });
  await removeStalePartials(target);

  const partial = `${target}${PARTIAL_INFIX}${randomBytes(5).toString('hex')}`;
  activePartials.add(partial);
  try {
    await mkdir(partial);
    await writeFile(join(partial, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
    const cores = availableParallelism();
    const concurrency = Math.max(1, Math.floor(opts.concurrency ?? cores));
    const photos = new Map<string, Promise<Buffer>>();
    const ctx: PlanContext = {
      root: partial,
      ffmpeg: tools.ffmpeg,
      font: (await hasDrawtext(tools.ffmpeg)) ? findTitleFont() : undefined,
      threads: Math.max(1, Math.round(cores / concurrency)),
      now: new Date(),
      people: new Map(recipe.people.map((p) => [p.name, p.photo])),
      photo: (name) => {
        let p = photos.get(name);
        if (!p) {
          p = svgToJpeg(actorPhotoSvg(name), 86);
          photos.set(name, p);
        }
        return p;
      },
    };
    const tasks = planLibrary(recipe, ctx);
    await runTasks(tasks, concurrency, opts);
    opts.signal?.throwIfAborted();

    await removeTree(join(partial, WORK_DIR));
    await rm(join(partial, OWNER_FILE), { force: true });
    const size = await measure(partial);
    const data: MarkerData = {
      version: DEMO_RECIPE_VERSION,
      generator: 'media-centre demo library',
      createdAt: new Date().toISOString(),
      movies: recipe.movies.length,
      series: recipe.shows.length,
      ...size,
    };
    await writeFile(join(partial, DEMO_MARKER), `${JSON.stringify(data, null, 2)}\n`);
    await install(partial, target);
    return { dir: target, created: true, movies: data.movies, series: data.series, files: size.files, bytes: size.bytes, seconds: seconds() };
  } catch (e) {
    await removeTree(partial).catch(() => undefined);
    throw e;
  } finally {
    activePartials.delete(partial);
  }
}

/**
 * Writes the demo library into `dir` (creates it). Idempotent: when `dir/.media-centre-demo` records the
 * current recipe version, returns created:false at once. Atomic: builds in a sibling temp folder
 * (`<dir>.partial-<random>`) and renames into place, so a killed run never leaves a half library; stale
 * partial folders are removed on the next run. Concurrent calls for one folder share a single run.
 */
export function makeDemoLibrary(dir: string, opts: MakeDemoOptions = {}): Promise<DemoResult> {
  const target = resolve(dir);
  const running = inflight.get(target);
  if (running) return running;
  const run = build(target, opts).finally(() => inflight.delete(target));
  inflight.set(target, run);
  return run;
}
