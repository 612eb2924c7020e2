// `media-centre`: serve | scan | identify | library | demo | doctor. Results go to stdout, logs to stderr.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve, isAbsolute } from 'node:path';
import { UsageError, intOption, parseCommand, type Parsed } from './cli-args';
import { defaultDataDir, rendererDir } from './paths';
import { libraryName, newLibrary } from './library/new-library';
import { identify, type LibraryType } from './library/naming';
import type { LibraryStore } from './db/library-store';
import pkg from '../../package.json';
export { relaunchWithArenaCap } from './malloc-arenas';

// Each command loads what it needs when it runs: `identify` and a rescan must not pay for
// the HTTP server, sharp or the demo generator at start-up.
const load = {
  db: () => import('./db/open'),
  store: () => import('./db/library-store'),
  tools: () => import('./media-tools/tools'),
  scans: () => import('./library/scan-service'),
  artwork: () => import('./library/artwork'),
  server: () => import('./server/media-server'),
  demo: () => import('./demo'),
  doctor: () => import('./doctor'),
  progress: () => import('./progress-bar'),
  settings: () => import('./settings/settings-store'),
  metadata: () => import('./metadata/fetcher'),
  segments: () => import('./segments/segment-phase'),
};

const METADATA_OPTIONS = {
  'tmdb-key': { type: 'string' },
  'omdb-key': { type: 'string' },
  'tmdb-url': { type: 'string' },
  'omdb-url': { type: 'string' },
} as const;

const METADATA_HELP = `  --tmdb-key KEY  TMDB API key (or MEDIA_CENTRE_TMDB_KEY); stored with the settings, like Settings › Metadata
  --omdb-key KEY  OMDb API key, for IMDb ratings and Metascore (or MEDIA_CENTRE_OMDB_KEY)
  --tmdb-url URL  TMDB base URL, version included (or MEDIA_CENTRE_TMDB_URL; default https://api.themoviedb.org/3)
  --omdb-url URL  OMDb base URL (or MEDIA_CENTRE_OMDB_URL; default https://www.omdbapi.com/)
`;

/** The metadata settings given on the command line or in the environment (the flag wins), as a settings patch. */
function metadataPatchOf(values: Parsed['values']): Record<string, string> | null {
  const pick = (flag: string, env: string): string | undefined => {
    const v = values[flag];
    return typeof v === 'string' ? v : process.env[env] || undefined;
  };
  const patch: Record<string, string> = {};
  const fields: [string, string, string][] = [
    ['tmdb-key', 'MEDIA_CENTRE_TMDB_KEY', 'tmdbApiKey'],
    ['omdb-key', 'MEDIA_CENTRE_OMDB_KEY', 'omdbApiKey'],
    ['tmdb-url', 'MEDIA_CENTRE_TMDB_URL', 'tmdbBaseUrl'],
    ['omdb-url', 'MEDIA_CENTRE_OMDB_URL', 'omdbBaseUrl'],
  ];
  for (const [flag, env, field] of fields) {
    const v = pick(flag, env);
    if (v !== undefined) patch[field] = v;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Writes them into the stored settings, the same as a PUT from the settings screen; a bad value is a usage error. */
async function applyMetadataSettings(db: import('./db/open').Db, values: Parsed['values'], command: string): Promise<void> {
  const patch = metadataPatchOf(values);
  if (!patch) return;
  const { SettingsStore } = await load.settings();
  const result = new SettingsStore(db).update({ metadata: patch });
  if (!result.ok) throw new UsageError(result.errors.map((e) => `${e.path.replace(/^metadata\./, '')}: ${e.message}`).join('; '), command);
}

const TYPES = ['movies', 'shows', 'mixed'] as const;

const HELP: Record<string, string> = {
  main: `media-centre ${pkg.version} — a home media centre

Usage: media-centre <command> [options]

Commands:
  serve      start the media server and print the address to open
  scan       scan libraries into the catalogue (both phases; --no-probe for the first)
  identify   show how file paths are identified (movie, episode, extra, ignored)
  library    add, list or remove library folders
  demo       write the demo library into a folder
  doctor     show the ffmpeg, ffprobe and SQLite in use and what they can do

Run \`media-centre <command> --help\` for a command's options.
Data lives in ${defaultDataDir()} unless --data or MEDIA_CENTRE_DATA says otherwise.
`,
  serve: `Usage: media-centre serve [--data DIR] [--library DIR [--type T]]… [--demo] [--port N] [--no-watch]

Starts the media server on 127.0.0.1 and prints one line:
  Media centre ready at http://127.0.0.1:PORT/?token=TOKEN

  --data DIR      where the catalogue and caches live
  --library DIR   add this folder as a library (repeatable; --type after it: movies, shows, mixed)
  --demo          make the demo library in the data folder on first use and add it
  --port N        listen on this port (default: a free one)
  --no-watch      do not watch library folders for changes
${METADATA_HELP}`,
  scan: `Usage: media-centre scan [--data DIR] [--library DIR --type T]… [--json] [--no-probe] [--no-metadata] [--no-segments] [--full]

Scans every library (or the --library folders, added if new) and prints a summary. With a TMDB key set,
it then fetches online metadata and finds intros and credits (phase three), and waits for both.
  --no-probe     phase one only: every title browsable, streams read later
  --no-metadata  do not look titles up online this time
  --no-segments  skip phase three (finding intros and credits season by season)
  --full         read every folder again even when nothing changed
  --json         print the summary as JSON
${METADATA_HELP}`,
  identify: `Usage: media-centre identify --type movies|shows|mixed [--root DIR] PATH…  (or --stdin)

Prints one JSON object per path: how the library would identify it. Paths need not exist; each is read
relative to --root (by default its own first folder).
`,
  library: `Usage: media-centre library add --type T [--name NAME] [--poll MINUTES] DIR…
       media-centre library list [--json]
       media-centre library remove [--] ID
Options: --data DIR
An id that begins with "-" (made by an older version) goes after "--".
`,
  demo: `Usage: media-centre demo DIR

Writes the demo library (films and series made with the bundled ffmpeg) into DIR.
`,
  doctor: `Usage: media-centre doctor

Shows the ffmpeg and ffprobe in use with their versions, the SQLite version, and which encoders,
muxers and filters the media centre relies on are present.
`,
};

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}
function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

function dataDirOf(values: Parsed['values']): string {
  return typeof values.data === 'string' ? resolve(values.data) : defaultDataDir();
}

function libraryPairs(p: Parsed, command: string): { path: string; type: LibraryType }[] {
  const pairs: { path: string; type: LibraryType }[] = [];
  let pendingType: LibraryType | undefined;
  for (const t of p.ordered) {
    if (t.name === 'library') pairs.push({ path: resolve(t.value as string), type: 'mixed' });
    if (t.name === 'type') {
      const v = t.value as string;
      if (!(TYPES as readonly string[]).includes(v)) throw new UsageError(`--type must be one of ${TYPES.join(', ')}`, command);
      const last = pairs[pairs.length - 1];
      if (last) last.type = v as LibraryType;
      else pendingType = v as LibraryType;
    }
  }
  if (pendingType && pairs[0]) pairs[0].type = pendingType;
  return pairs;
}

function ensureLibrary(store: LibraryStore, path: string, type: LibraryType, name?: string): string {
  const real = existsSync(path) ? realpathSync(path) : path;
  for (const root of store.allRoots()) if (root.path === real || root.path === path) return root.library_id;
  return store.addLibrary(newLibrary({ type, paths: [real], name }));
}

async function cmdServe(args: string[]): Promise<number> {
  const p = parseCommand('serve', args, {
    data: { type: 'string' },
    library: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    demo: { type: 'boolean' },
    port: { type: 'string' },
    'no-watch': { type: 'boolean' },
    ...METADATA_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  }, 0);
  if (p.values.help) return help('serve');
  const dataDir = dataDirOf(p.values);
  const port = intOption(p.values.port, 'port', 0, 65535);
  const pairs = libraryPairs(p, 'serve');
  const [{ mediaTools }, { openDatabase }, { LibraryStore }, { startMediaServer }] = await Promise.all([
    load.tools(),
    load.db(),
    load.store(),
    load.server(),
  ]);
  const tools = mediaTools();

  if (p.values.demo) {
    // The demo generator (and sharp with it) loads only when asked for.
    const { makeDemoLibrary } = await load.demo();
    const demoDir = join(dataDir, 'demo');
    const started = Date.now();
    const result = await makeDemoLibrary(demoDir, {
      onProgress: (pr) => {
        if (process.stderr.isTTY) process.stderr.write(`\rMaking the demo library: ${pr.done}/${pr.total} ${pr.current.slice(0, 40).padEnd(40)}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (result.created) err(`Demo library made in ${((Date.now() - started) / 1000).toFixed(1)} s at ${demoDir}`);
    pairs.push({ path: join(demoDir, 'Movies'), type: 'movies' }, { path: join(demoDir, 'Shows'), type: 'shows' });
  }

  // Register libraries before the server starts, so its first scan covers them.
  {
    const db = openDatabase(join(dataDir, 'library.db'));
    const store = new LibraryStore(db);
    for (const pair of pairs) {
      if (!existsSync(pair.path)) throw new UsageError(`--library ${pair.path}: no such folder`, 'serve');
      ensureLibrary(store, pair.path, pair.type, p.values.demo && pair.path.startsWith(join(dataDir, 'demo')) ? `Demo ${pair.type === 'movies' ? 'films' : 'series'}` : undefined);
    }
    try {
      await applyMetadataSettings(db, p.values, 'serve');
    } finally {
      db.close();
    }
  }

  const server = await startMediaServer({
    dataDir,
    ...(port !== undefined ? { port } : {}),
    tools,
    rendererDir: rendererDir(),
    version: pkg.version,
    watch: !p.values['no-watch'],
    log: err,
  });
  const sv = server.services;
  // A library never scanned is scanned before we say ready, so the first page a user sees is complete;
  // known libraries are brought up to date in the background.
  await sv.startupScans();

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    err(`${signal}: stopping`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  out(`Media centre ready at ${server.url}`);
  return -1;
}

async function cmdScan(args: string[]): Promise<number> {
  const p = parseCommand('scan', args, {
    data: { type: 'string' },
    library: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    'no-probe': { type: 'boolean' },
    'no-metadata': { type: 'boolean' },
    'no-segments': { type: 'boolean' },
    full: { type: 'boolean' },
    ...METADATA_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  }, 0);
  if (p.values.help) return help('scan');
  const dataDir = dataDirOf(p.values);
  const [{ openDatabase }, { LibraryStore }, { ScanService }] = await Promise.all([load.db(), load.store(), load.scans()]);
  const db = openDatabase(join(dataDir, 'library.db'));
  const store = new LibraryStore(db);
  const pairs = libraryPairs(p, 'scan');
  for (const pair of pairs) if (!existsSync(pair.path)) err(`warning: ${pair.path} does not exist (offline?)`);
  const libraryIds = pairs.length > 0 ? [...new Set(pairs.map((pair) => ensureLibrary(store, pair.path, pair.type)))] : store.listLibraries().map((l) => l.id);
  if (libraryIds.length === 0) {
    err('No libraries yet: give --library DIR --type movies|shows|mixed.');
    db.close();
    return 2;
  }
  try {
    await applyMetadataSettings(db, p.values, 'scan');
  } catch (e) {
    db.close();
    throw e;
  }
  const probe = !p.values['no-probe'];
  const tools = probe ? (await load.tools()).mediaTools() : { ffmpeg: '', ffprobe: '', source: 'bundled' as const };
  const bar = process.stderr.isTTY && !p.values.json ? new (await load.progress()).ProgressBar(process.stderr) : null;
  const artwork = probe ? new (await load.artwork()).ArtworkWorker(db, join(dataDir, 'cache'), tools.ffmpeg) : null;
  let metadata: import('./metadata/fetcher').MetadataService | null = null;
  if (!p.values['no-metadata']) {
    const [{ SettingsStore }, { MetadataService }] = await Promise.all([load.settings(), load.metadata()]);
    const service = new MetadataService({ db, store, settings: new SettingsStore(db, err), cacheDir: join(dataDir, 'cache'), log: err, ...(artwork ? { afterImages: (signal?: AbortSignal) => artwork.run(signal) } : {}) });
    // Without a key there is nothing to fetch: the scan is what it always was.
    if (service.enabled()) metadata = service;
    else service.close();
  }
  const scans = new ScanService(store, tools, artwork, (pr) => bar?.update(pr), metadata);
  const withSegments = probe && !p.values['no-segments'];
  if (withSegments) scans.segments = new (await load.segments()).SegmentPhase(db, tools.ffmpeg, (m) => err(m));
  const controller = new AbortController();
  const onSigint = (): void => {
    err('\nCancelling the scan (what is done is kept)…');
    for (const id of libraryIds) scans.cancel(id);
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const started = Date.now();
  const results = [];
  const segments = { seasons: 0, episodes: 0, films: 0, intros: 0, credits: 0, unchanged: 0 };
  for (const id of libraryIds) {
    const outcome = await scans.start({ libraryId: id, probe, ...(p.values.full ? { full: true } : {}) }).done;
    const lib = store.library(id);
    for (const k of Object.keys(segments) as (keyof typeof segments)[]) segments[k] += outcome.segments?.[k] ?? 0;
    results.push({
      id,
      name: lib?.name ?? id,
      type: lib?.type ?? 'mixed',
      ...outcome.phaseOne,
      warnings: outcome.phaseOne.warnings.length,
      probed: outcome.probe?.probed ?? 0,
      probeFailed: outcome.probe?.failed ?? 0,
      seconds: outcome.seconds,
    });
    if (controller.signal.aborted) break;
  }
  process.removeListener('SIGINT', onSigint);
  bar?.done();
  const items = (db.prepare("SELECT COUNT(*) AS n FROM items WHERE kind IN ('movie', 'series') AND missing_since IS NULL").get() as { n: number }).n;
  const online = metadata ? metadata.queries.counts() : null;
  metadata?.close();
  db.close();
  const seconds = (Date.now() - started) / 1000;
  const cancelled = controller.signal.aborted || results.some((r) => r.cancelled);
  if (p.values.json) {
    out(JSON.stringify({ libraries: results.map(({ scanId: _s, libraryId: _l, ...rest }) => rest), items, ...(withSegments ? { segments } : {}), seconds, cancelled, ...(online ? { metadata: online } : {}) }));
  } else {
    for (const r of results) {
      out(`${r.name} (${r.type}): ${r.found} files; ${r.added} added, ${r.updated} updated, ${r.moved} moved, ${r.removed} missing, ${r.unchanged} unchanged${r.seriesAdded > 0 ? `; ${r.seriesAdded} new series` : ''}${r.reidentified > 0 ? `; ${r.reidentified} identified anew` : ''}; ${r.failed} failed${probe ? `; ${r.probed} probed, ${r.probeFailed} unreadable` : ''}`);
      for (const root of r.roots) if (!root.online) out(`  offline: ${root.path} (${root.error ?? 'unreachable'})`);
    }
    if (withSegments) out(`Intros and credits: ${segments.seasons} seasons (${segments.episodes} episodes) and ${segments.films} films analysed, ${segments.unchanged} unchanged; ${segments.intros} intros, ${segments.credits} credits found`);
    if (online) out(`Online metadata: ${online.matched + online.locked} matched, ${online['needs-match']} need a match, ${online.waiting} waiting (offline or not reached yet)`);
    out(`${items} titles in the catalogue; ${seconds.toFixed(2)} s${cancelled ? ' (cancelled)' : ''}`);
  }
  return cancelled ? 130 : 0;
}

async function cmdIdentify(args: string[]): Promise<number> {
  const p = parseCommand('identify', args, {
    type: { type: 'string' },
    root: { type: 'string' },
    stdin: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (p.values.help) return help('identify');
  const type = p.values.type;
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--type is required: one of ${TYPES.join(', ')}`, 'identify');
  }
  let paths = p.positionals;
  if (p.values.stdin) paths = [...paths, ...readFileSync(0, 'utf8').split(/\r?\n/).filter(Boolean)];
  if (paths.length === 0) throw new UsageError('give at least one PATH (or --stdin)', 'identify');
  const root = typeof p.values.root === 'string' ? p.values.root.replace(/\\/g, '/').replace(/\/+$/, '') : null;
  const lines: string[] = [];
  for (const path of paths) {
    const rel = relativeTo(path, root);
    const id = identify(rel, type as LibraryType);
    const row: Record<string, unknown> = { path, kind: id.kind };
    if (id.kind === 'movie') Object.assign(row, { title: id.title, year: id.year, part: id.part, edition: id.edition });
    else if (id.kind === 'episode') Object.assign(row, { series: id.series, year: id.seriesYear, season: id.season, episode: id.episode, episodeEnd: id.episodeEnd, airDate: id.airDate, title: id.title });
    else if (id.kind === 'extra') Object.assign(row, { title: id.title, extraType: id.extraType, owner: id.owner });
    else Object.assign(row, { reason: id.reason });
    lines.push(JSON.stringify(row));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function relativeTo(path: string, root: string | null): string {
  const norm = path.replace(/\\/g, '/');
  if (root !== null) {
    if (norm.startsWith(`${root}/`)) return norm.slice(root.length + 1);
    if (!isAbsolute(norm) && !norm.startsWith('../')) return norm;
    return norm.replace(/^\/+/, '');
  }
  const parts = norm.split('/').filter(Boolean);
  return parts.length > 1 ? parts.slice(1).join('/') : (parts[0] ?? '');
}

async function cmdLibrary(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return help('library');
  const p = parseCommand(`library ${sub}`, rest, {
    data: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    poll: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (p.values.help) return help('library');
  const [{ openDatabase }, { LibraryStore }] = await Promise.all([load.db(), load.store()]);
  const db = openDatabase(join(dataDirOf(p.values), 'library.db'));
  const store = new LibraryStore(db);
  try {
    if (sub === 'add') {
      const type = p.values.type;
      if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) throw new UsageError(`--type is required: one of ${TYPES.join(', ')}`, 'library');
      if (p.positionals.length === 0) throw new UsageError('give at least one folder', 'library');
      const paths = p.positionals.map((d) => resolve(d));
      for (const d of paths) if (!existsSync(d)) throw new UsageError(`${d}: no such folder`, 'library');
      const id = store.addLibrary(
        newLibrary({
          type: type as LibraryType,
          paths: paths.map((d) => realpathSync(d)),
          // Named after the folder as the user typed it, not where its links lead.
          name: typeof p.values.name === 'string' ? p.values.name : libraryName(paths[0] ?? ''),
          pollMinutes: intOption(p.values.poll, 'poll', 0, 1440),
        }),
      );
      out(id);
      return 0;
    }
    if (sub === 'list') {
      const libs = store.listLibraries().map((l) => ({ ...l, roots: store.roots(l.id) }));
      if (p.values.json) out(JSON.stringify(libs));
      else for (const l of libs) out(`${l.id}  ${l.name} (${l.type})  ${l.roots.map((r) => `${r.path}${r.online ? '' : ' [offline]'}`).join(', ')}`);
      return 0;
    }
    if (sub === 'remove') {
      const id = p.positionals[0];
      if (!id) throw new UsageError('give the library id (see `library list`)', 'library');
      if (!store.removeLibrary(id)) {
        err(`No library ${id}.`);
        return 1;
      }
      return 0;
    }
    throw new UsageError(`unknown subcommand "${sub}" (add, list, remove)`, 'library');
  } finally {
    db.close();
  }
}

async function cmdDemo(args: string[]): Promise<number> {
  const p = parseCommand('demo', args, { help: { type: 'boolean', short: 'h' } }, 1);
  if (p.values.help) return help('demo');
  const dir = p.positionals[0];
  if (!dir) throw new UsageError('give the folder to write the demo library into', 'demo');
  const { makeDemoLibrary } = await load.demo();
  const r = await makeDemoLibrary(resolve(dir), {
    onProgress: (pr) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${pr.done}/${pr.total} ${pr.current.slice(0, 50).padEnd(50)}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  out(r.created ? `Demo library written to ${r.dir}: ${r.movies} films, ${r.series} series, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s` : `Demo library already in ${r.dir}`);
  return 0;
}

async function cmdDoctor(args: string[]): Promise<number> {
  const p = parseCommand('doctor', args, { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } }, 0);
  if (p.values.help) return help('doctor');
  const report = await (await load.doctor()).doctorReport();
  if (p.values.json) out(JSON.stringify(report));
  else for (const line of report.lines) out(line);
  return report.ok ? 0 : 1;
}

function help(topic: string): number {
  out(HELP[topic] ?? HELP.main ?? '');
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: cmdServe,
  scan: cmdScan,
  identify: cmdIdentify,
  library: cmdLibrary,
  demo: cmdDemo,
  doctor: cmdDoctor,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return help(rest[0] ?? 'main');
  if (command === '--version' || command === '-v') {
    out(pkg.version);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    err(`media-centre: unknown command "${command}". Run \`media-centre --help\` for the list.`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`media-centre ${e.command ?? command}: ${e.message}. Run \`media-centre ${command} --help\`.`);
      return 2;
    }
    err(`media-centre ${command}: ${(e as Error).message}`);
    return 1;
  }
}

/** Runs one command as a process: its exit code becomes the process's. */
export function runCli(argv: string[]): void {
  main(argv).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (e: unknown) => {
      err(String((e as Error).stack ?? e));
      process.exit(1);
    },
  );
}

// `node out/main/cli.js …` runs it directly; the installed command (bin/media-centre.js) requires
// this module and calls runCli itself, since here it is not the main module.
if (require.main === module) runCli(process.argv.slice(2));
