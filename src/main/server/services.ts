// Everything the routes use, made once per server: database, queries, scans, watcher, play sessions, events.
import { join } from 'node:path';
import type { Db } from '../db/open';
import { LibraryStore } from '../db/library-store';
import { CatalogueQueries } from '../db/catalogue-queries';
import { HomeQueries } from '../db/home-queries';
import { relatedEntries } from '../db/related-queries';
import { RelatedIndex } from '../catalogue/related-titles';
import { ScanService } from '../library/scan-service';
import { ArtworkWorker } from '../library/artwork';
import { LibraryWatcher } from '../library/watcher';
import { newLibrary } from '../library/new-library';
import { PlaybackSessions, type SessionOptions } from '../playback/sessions';
import { TrickplayWorker } from '../playback/trickplay/trickplay-worker';
import { TrickplayQueries } from '../db/trickplay-queries';
import { HardwareEncoders } from '../playback/encoders';
import { readKeyframes } from '../playback/keyframes';
import { ffmpegFor, type MediaTools } from '../media-tools/tools';
import type { LibraryType } from '../../shared/api';
import { EventHub } from './events';
import { SettingsStore } from '../settings/settings-store';
import { ThemeLibrary } from '../settings/theme-library';
import { MetadataService } from '../metadata/fetcher';
import { SegmentPhase } from '../segments/segment-phase';
import type { SegmentStore } from '../segments/store';

export interface ServerServices {
  version: string;
  dataDir: string;
  cacheDir: string;
  db: Db;
  store: LibraryStore;
  queries: CatalogueQueries;
  home: HomeQueries;
  /** Built on first use and again after the library changes. */
  related(): RelatedIndex;
  scans: ScanService;
  /** Intros, recaps, credits and previews, found by scans or marked by users. */
  segments: SegmentStore;
  watcher: LibraryWatcher | null;
  hls: PlaybackSessions;
  /** Trickplay sheets, made in the background after scans and on first play. */
  trickplay: TrickplayWorker;
  trickplayQueries: TrickplayQueries;
  /** Hardware encoders that work with the configured ffmpeg (detected once per ffmpeg). */
  hardware: HardwareEncoders;
  tools: MediaTools;
  /** The ffmpeg a new job runs now: Settings › Playback's ffmpegPath when set and runnable, else `tools.ffmpeg`. */
  ffmpeg(): string;
  events: EventHub;
  settings: SettingsStore;
  metadata: MetadataService;
  themes: ThemeLibrary;
  logFile: string;
  log: (message: string) => void;
  addLibrary(input: { name?: string | undefined; type: LibraryType; paths: string[]; pollMinutes?: number | undefined }): string;
  removeLibrary(id: string): boolean;
  /** Brings every library up to date; resolves when the never-scanned ones are browsable. */
  startupScans(): Promise<void>;
  close(): Promise<void>;
}

export function makeServices(opts: {
  db: Db;
  dataDir: string;
  tools: MediaTools;
  version: string;
  watch: boolean;
  log: (m: string) => void;
  logFile?: string;
  /** Idle time, transcode cap and cache limit of play sessions (tests shorten them). */
  playback?: Omit<SessionOptions, 'ffmpeg' | 'cacheDir'>;
}): ServerServices {
  const cacheDir = join(opts.dataDir, 'cache');
  const store = new LibraryStore(opts.db);
  const queries = new CatalogueQueries(opts.db);
  const home = new HomeQueries(opts.db);
  let relatedIndex: RelatedIndex | null = null;
  const events = new EventHub();
  const artwork = new ArtworkWorker(opts.db, cacheDir, opts.tools.ffmpeg);
  const settings = new SettingsStore(opts.db, opts.log);
  const metadata = new MetadataService({
    db: opts.db,
    store,
    settings,
    cacheDir,
    log: opts.log,
    onChanged: (itemIds) => {
      relatedIndex = null;
      events.send({ type: 'library-changed', libraryId: '', itemIds });
    },
    afterImages: (signal) => artwork.run(signal),
  });
  const ffmpeg = (): string => ffmpegFor(settings.get().playback.ffmpegPath, opts.tools, opts.log);
  const trickplayQueries = new TrickplayQueries(opts.db);
  const prepare = (f: { path: string; signature: string }): Promise<unknown> => readKeyframes(opts.tools, cacheDir, f);
  const trickplay = new TrickplayWorker({ cacheDir, queries: trickplayQueries, ffmpeg, log: opts.log, prepare });
  const scans = new ScanService(store, opts.tools, artwork, (progress) => {
    events.send({ type: 'scan', progress });
    // Thumbnails come after everything a scan does, at the lowest priority.
    if (progress.phase === 'done') trickplay.queueLibrary(progress.libraryId);
    // A cancelled scan keeps what it committed, so pages refresh after it too.
    if (progress.phase === 'done' || progress.phase === 'cancelled') {
      relatedIndex = null;
      events.send({ type: 'library-changed', libraryId: progress.libraryId, itemIds: [] });
    }
  }, metadata);
  const segmentPhase = new SegmentPhase(opts.db, opts.tools.ffmpeg, opts.log);
  scans.segments = segmentPhase;
  const watcher = opts.watch ? new LibraryWatcher(store, scans, { onError: opts.log }) : null;
  const hardware = new HardwareEncoders(ffmpeg);
  const hls = new PlaybackSessions({ ffmpeg, cacheDir, onFallback: opts.log, maxTranscodes: settings.get().playback.maxTranscodes, ...opts.playback });
  // The transcode cap is a setting: a change applies to the next play request, without a restart.
  if (opts.playback?.maxTranscodes === undefined) settings.onChange((s) => (hls.maxTranscodes = s.playback.maxTranscodes));
  const themes = new ThemeLibrary(opts.dataDir, opts.log);
  // Open pages apply a change at once: the new settings, or "the list of themes changed".
  settings.onChange((s) => events.send({ type: 'settings-changed', settings: s }));
  themes.onChange(() => events.send({ type: 'themes-changed' }));
  // Scans, polls and the check before playback all record a root's state here; pages hear when it flips.
  store.onRootStatus((root) => events.send({ type: 'root-status', libraryId: root.library_id, rootId: root.id, online: root.online === 1 }));
  return {
    version: opts.version,
    dataDir: opts.dataDir,
    cacheDir,
    db: opts.db,
    store,
    queries,
    home,
    related: () => (relatedIndex ??= new RelatedIndex(relatedEntries(opts.db))),
    scans,
    segments: segmentPhase.store,
    watcher,
    hls,
    trickplay,
    trickplayQueries,
    hardware,
    tools: opts.tools,
    ffmpeg,
    events,
    settings,
    metadata,
    themes,
    logFile: opts.logFile ?? join(opts.dataDir, 'media-centre.log'),
    log: opts.log,
    addLibrary(input) {
      // A library added without an interval starts at the family's default (Settings › Libraries).
      const id = store.addLibrary(newLibrary({ ...input, pollMinutes: input.pollMinutes ?? settings.get().libraries.defaultPollMinutes }));
      watcher?.watchLibrary(id);
      scans.start({ libraryId: id });
      return id;
    },
    removeLibrary(id) {
      scans.cancel(id);
      void watcher?.unwatchLibrary(id);
      return store.removeLibrary(id);
    },
    startupScans() {
      metadata.start();
      const firstScans: Promise<void>[] = [];
      for (const lib of store.listLibraries()) {
        const roots = store.roots(lib.id);
        // A share is left asleep at start when its last scan is within its polling interval.
        // Each share by its own interval and its own last poll (or the library's last whole scan, if later).
        const readWithin = (r: (typeof roots)[number]): boolean => {
          const last = [r.last_poll_at, lib.last_scan_at].filter((t): t is string => t !== null).sort().pop();
          return last !== undefined && Date.now() - Date.parse(last) < r.poll_minutes * 60_000;
        };
        if (roots.length > 0 && roots.every((r) => r.is_network === 1 && readWithin(r))) continue;
        const { phaseOne } = scans.start({ libraryId: lib.id });
        if (lib.last_scan_at === null) firstScans.push(phaseOne);
      }
      return Promise.all(firstScans).then(() => undefined);
    },
    async close() {
      metadata.close();
      scans.cancelAll();
      trickplay.stop();
      hls.stopAll();
      events.close();
      await themes.close();
      await watcher?.close();
      await scans.whenIdle();
    },
  };
}

