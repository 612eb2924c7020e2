// Phase one of a scan: walk the roots, identify every video, read NFOs and local art, and commit —
// one transaction per file, so a kill at any moment leaves a consistent catalogue the next scan completes.
import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ScanProgress } from '../../shared/api';
import { fileSignature, type FileRow, type ItemMetadata, type LibraryStore, type RootRow, type ProbedStream } from '../db/library-store';
import { newId } from '../db/ids';
import {
  classifyArtwork,
  identify,
  parseSidecarSubtitle,
  type Identification,
  type LibraryType,
  type SubtitleFormat,
} from './naming';
import { parseNfo, NfoError, NFO_MAX_BYTES, type Nfo } from './nfo';
import { metadataFromNfo, metadataFromPath, type PathFacts } from './metadata';
import { rootReachable, walkTree, type WalkedDir, type WalkedFile, type WalkResult } from './walk';

export interface ScanWarning {
  path: string;
  message: string;
}

export interface RootOutcome {
  rootId: string;
  path: string;
  online: boolean;
  error: string | null;
}

export interface PhaseOneSummary {
  scanId: string;
  libraryId: string;
  /** Video files; `added` … `removed` count files too. */
  found: number;
  added: number;
  /** Series that appeared, announced ones with no episodes among them. */
  seriesAdded: number;
  /**
   * Known movies, episodes and series that the naming rules now read differently (another item, or another title
   * from the path): what a rules update changed.
   */
  reidentified: number;
  updated: number;
  unchanged: number;
  moved: number;
  removed: number;
  failed: number;
  dirsSkipped: number;
  dirsRead: number;
  roots: RootOutcome[];
  warnings: ScanWarning[];
  cancelled: boolean;
}

export interface PhaseOneOptions {
  /** Re-read every folder even when its signature is unchanged. */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** Scan only these folders (relative to their root), e.g. the ones a watcher saw change. */
  only?: { rootId: string; relDir: string }[];
  scanId?: string;
}

const DIRS_PER_BATCH = 64;

/**
 * Bumped whenever the scanner would read an unchanged folder differently (naming or NFO rules): a folder
 * signature carries it, so after such an update the next scan reads every folder once.
 */
const SCAN_RULES_VERSION = 4;

function seriesIdentity(rootId: string, seriesFolder: string): string {
  return `s:${rootId}:${seriesFolder}`;
}

function versioned(listingSignature: string): string {
  return `${SCAN_RULES_VERSION}.${listingSignature}`;
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function isUnder(relPath: string, dir: string): boolean {
  return dir === '' || relPath === dir || relPath.startsWith(`${dir}/`);
}

/** Drops folders inside other folders of the list: scanning the outer one covers them, and none is read twice. */
export function collapse(dirs: string[]): string[] {
  const sorted = [...new Set(dirs)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const d of sorted) if (!kept.some((k) => isUnder(d, k))) kept.push(d);
  return kept;
}

interface NfoRead {
  nfo: Nfo | null;
  signature: string | null;
  error: string | null;
}

function readNfo(root: string, relPath: string): NfoRead {
  const abs = join(root, relPath);
  let size: number;
  let mtime: number;
  try {
    const st = statSync(abs);
    size = st.size;
    mtime = st.mtimeMs;
  } catch {
    return { nfo: null, signature: null, error: null };
  }
  const signature = fileSignature(size, mtime);
  if (size > NFO_MAX_BYTES) return { nfo: null, signature, error: `${relPath}: NFO is larger than ${NFO_MAX_BYTES} bytes` };
  try {
    return { nfo: parseNfo(readFileSync(abs)), signature, error: null };
  } catch (e) {
    const why = e instanceof NfoError ? `${e.code}: ${e.message}` : (e as Error).message;
    return { nfo: null, signature, error: `${relPath}: ${why}` };
  }
}

/** One library's phase one. Probing (phase two) is separate: see prober.ts. */
export class LibraryScan {
  private readonly summary: PhaseOneSummary;
  private readonly type: LibraryType;
  private readonly seriesCache = new Map<string, string>();
  private readonly seasonCache = new Map<string, string>();
  private readonly namedSeasons = new Map<string, Record<number, string>>();
  private readonly startedAt = Date.now();
  /** Items whose title this scan has already set or checked: the first of an item's files names it, once. */
  private readonly titled = new Set<string>();
  private identified = 0;

  constructor(
    private readonly store: LibraryStore,
    private readonly libraryId: string,
    private readonly opts: PhaseOneOptions = {},
  ) {
    const lib = store.library(libraryId);
    if (!lib) throw new Error(`no library ${libraryId}`);
    this.type = lib.type;
    this.summary = {
      scanId: opts.scanId ?? newId(),
      libraryId,
      found: 0,
      added: 0,
      seriesAdded: 0,
      reidentified: 0,
      updated: 0,
      unchanged: 0,
      moved: 0,
      removed: 0,
      failed: 0,
      dirsSkipped: 0,
      dirsRead: 0,
      roots: [],
      warnings: [],
      cancelled: false,
    };
  }

  async run(): Promise<PhaseOneSummary> {
    for (const root of this.store.roots(this.libraryId)) {
      if (this.stopped()) break;
      const scopes = this.opts.only?.filter((o) => o.rootId === root.id).map((o) => o.relDir);
      if (this.opts.only && (!scopes || scopes.length === 0)) continue;
      await this.scanRoot(root, scopes ? collapse(scopes) : ['']);
    }
    this.summary.cancelled = this.stopped();
    const changed = this.summary.added + this.summary.seriesAdded + this.summary.updated + this.summary.moved + this.summary.removed + this.summary.dirsRead > 0;
    if (!this.summary.cancelled) {
      if (changed) this.store.refreshMissing(this.libraryId);
      if (!this.opts.only) this.store.markLibraryScanned(this.libraryId);
    }
    this.report('walking');
    return this.summary;
  }

  private stopped(): boolean {
    return this.opts.signal?.aborted === true;
  }

  private warn(path: string, message: string): void {
    if (this.summary.warnings.length < 1000) this.summary.warnings.push({ path, message });
  }

  private report(phase: ScanProgress['phase'], message: string | null = null): void {
    this.opts.onProgress?.({
      scanId: this.summary.scanId,
      libraryId: this.libraryId,
      phase,
      found: this.summary.found,
      identified: this.identified,
      probed: 0,
      toProbe: 0,
      failed: this.summary.failed,
      added: this.summary.added,
      updated: this.summary.updated,
      removed: this.summary.removed,
      etaSeconds: null,
      message,
    });
  }

  private async scanRoot(root: RootRow, scopes: string[]): Promise<void> {
    const reach = rootReachable(root.path);
    if (!reach.ok || (reach.empty && this.store.rootHasPresentFiles(root.id))) {
      // An unmounted share often leaves an empty mount point: that is not "every file deleted".
      const error = reach.ok ? 'folder is empty but held media before (share not mounted?)' : reach.error;
      this.store.setRootStatus(root.id, false, error);
      this.summary.roots.push({ rootId: root.id, path: root.path, online: false, error });
      this.warn(root.path, `library folder offline: ${error}; nothing changed`);
      return;
    }

    // A folder whose listing (names, sizes, mtimes) matches the last scan is skipped as it is read and
    // never held: a rescan of an unchanged tree keeps nothing but the set of folder names.
    const signatures = this.store.dirSignatures(root.id);
    const walkedDirs = new Set<string>();
    const changedDirs: WalkedDir[] = [];
    const unreadable: string[] = [];
    const onDir = (d: WalkedDir): void => {
      walkedDirs.add(d.relPath);
      this.summary.found += d.videos.length;
      if (!this.opts.full && signatures.get(d.relPath) === versioned(d.signature)) {
        this.summary.dirsSkipped++;
        this.summary.unchanged += d.videos.length;
        this.identified += d.videos.length;
      } else changedDirs.push(d);
    };
    const walk: WalkResult = { warnings: [], unreadable };
    let read = 0;
    for (const scope of scopes) {
      for (const d of walkTree(root.path, scope, walk, () => this.stopped())) {
        onDir(d);
        // The server answers requests while it walks: ~15 ms of folders at a time, then the event loop.
        if (++read % 500 === 0) await new Promise((r) => setImmediate(r));
      }
    }
    for (const warning of walk.warnings) this.warn(join(root.path, warning.relPath), warning.message);
    if (this.stopped()) return;
    // The share may have gone while we walked: then what we did not see is not gone.
    const after = rootReachable(root.path);
    if (!after.ok) {
      this.store.setRootStatus(root.id, false, after.error);
      this.summary.roots.push({ rootId: root.id, path: root.path, online: false, error: after.error });
      this.warn(root.path, `library folder went offline during the scan: ${after.error}; nothing removed`);
      unreadable.push('');
    } else {
      this.store.setRootStatus(root.id, true, null);
      this.summary.roots.push({ rootId: root.id, path: root.path, online: true, error: null });
    }

    const inScope = (rel: string): boolean => scopes.some((s) => isUnder(rel, s));
    const isUnreadable = (rel: string): boolean => unreadable.some((u) => isUnder(rel, u));
    const vanishedDirs = [...signatures.keys()].filter((rel) => inScope(rel) && !walkedDirs.has(rel) && !isUnreadable(rel));
    // Only the folders that changed or vanished can hold a file that is new, changed, moved or gone.
    const byPath = new Map<string, FileRow>();
    for (const f of this.store.filesInDirs(root.id, [...changedDirs.map((d) => d.relPath), ...vanishedDirs])) byPath.set(f.rel_path, f);

    const seen = new Set<string>();
    for (const d of changedDirs) for (const v of d.videos) seen.add(v.relPath);

    // Moves: a file that vanished from one place and a new file elsewhere with the same inode (or size,
    // mtime and name) are one file; it keeps its id, its item and so its watch state.
    const gone = [...byPath.values()].filter((f) => !seen.has(f.rel_path) && !isUnreadable(f.rel_path));
    const goneByInode = new Map<string, FileRow>();
    const goneByShape = new Map<string, FileRow>();
    for (const f of gone) {
      if (f.inode) goneByInode.set(`${f.size}:${f.inode}`, f);
      goneByShape.set(`${f.size}:${f.mtime_ms}:${posix.basename(f.rel_path)}`, f);
    }
    const movedTo = new Map<string, FileRow>();
    for (const d of changedDirs) {
      for (const v of d.videos) {
        if (byPath.has(v.relPath)) continue;
        const match = goneByInode.get(`${v.size}:${v.inode}`) ?? goneByShape.get(`${v.size}:${v.mtimeMs}:${v.name}`);
        if (match && !movedTo.has(match.id)) {
          movedTo.set(v.relPath, match);
          movedTo.set(match.id, match);
        }
      }
    }

    const dirItems = new Map<string, DirItems>();
    // Files commit in batches: each file is still all-or-nothing (a savepoint inside the batch), but one
    // commit per batch instead of per file makes phase one several times faster. A kill loses at most the
    // open batch, which the next scan redoes because its folder signatures were not written.
    for (let i = 0; i < changedDirs.length; i += DIRS_PER_BATCH) {
      if (this.stopped()) return;
      const batch = changedDirs.slice(i, i + DIRS_PER_BATCH);
      this.store.db.transaction(() => {
        for (const d of batch) {
          this.summary.dirsRead++;
          this.store.ensureDirRow(root.id, d.relPath);
          dirItems.set(d.relPath, this.processDir(root, d, byPath, movedTo));
        }
      })();
      this.report('walking');
      await new Promise((r) => setImmediate(r));
    }
    for (let i = 0; i < changedDirs.length; i += DIRS_PER_BATCH) {
      if (this.stopped()) return;
      this.store.db.transaction(() => {
        for (const d of changedDirs.slice(i, i + DIRS_PER_BATCH)) {
          const items = dirItems.get(d.relPath);
          if (items) this.applyArtwork(root, d, items);
          // A folder with a file that could not be added keeps no signature, so the next scan tries again.
          if (!items?.failed) this.store.setDirSignature(root.id, d.relPath, versioned(d.signature));
        }
      })();
    }

    const movedIds = new Set([...movedTo.values()].map((f) => f.id));
    this.store.db.transaction(() => {
      for (const f of gone) {
        if (movedIds.has(f.id) || f.missing_since) continue;
        this.store.markFileMissing(f.id);
        this.summary.removed++;
      }
      // Folders that vanished lose their row, so their return is read afresh.
      for (const rel of vanishedDirs) this.store.forgetDirSignature(root.id, rel);
    })();
  }

  private processDir(root: RootRow, dir: WalkedDir, byPath: Map<string, FileRow>, movedTo: Map<string, FileRow>): DirItems {
    const items: DirItems = { byStem: new Map(), folderItem: null, seriesId: null, failed: false };
    const nfoNames = new Set(dir.nfos.map((f) => f.name.toLowerCase()));
    if (nfoNames.has('tvshow.nfo')) {
      items.seriesId = this.ensureSeries(root, dir.relPath);
      items.folderItem = { id: items.seriesId, kind: 'series' };
    }
    const idents = dir.videos.map((v) => ({ video: v, ident: identify(v.relPath, this.type) }));
    // Owners before their extras: a suffixed trailer needs its movie to exist.
    idents.sort((a, b) => Number(a.ident.kind === 'extra') - Number(b.ident.kind === 'extra'));
    for (const { video, ident } of idents) {
      try {
        this.store.db.transaction(() => this.processVideo(root, dir, video, ident, byPath, movedTo, items))();
      } catch (e) {
        this.summary.failed++;
        items.failed = true;
        this.warn(join(root.path, video.relPath), `could not be added: ${(e as Error).message}`);
      }
      this.identified++;
    }
    return items;
  }

  private processVideo(
    root: RootRow,
    dir: WalkedDir,
    video: WalkedFile,
    ident: Identification,
    byPath: Map<string, FileRow>,
    movedTo: Map<string, FileRow>,
    items: DirItems,
  ): void {
    if (ident.kind === 'ignored') return;
    const existing = byPath.get(video.relPath);
    const moved = existing ? undefined : movedTo.get(video.relPath);
    const row = existing ?? moved;
    const fileChanged = !row || row.size !== video.size || row.mtime_ms !== video.mtimeMs || moved !== undefined || row.missing_since !== null;

    const target = this.resolveItem(root, dir, video, ident, row?.item_id ?? null, fileChanged);
    if (!target) return;
    items.byStem.set(stem(video.name), { id: target.itemId, kind: target.kind });
    if (target.folderItem) items.folderItem = target.folderItem;

    const part = ident.kind === 'movie' ? ident.part : undefined;
    const edition = ident.kind === 'movie' ? ident.edition : undefined;
    let fileId: string;
    if (row) {
      fileId = row.id;
      if (fileChanged || row.item_id !== target.itemId) {
        this.store.updateFile({ id: row.id, itemId: target.itemId, relPath: video.relPath, size: video.size, mtimeMs: video.mtimeMs, inode: video.inode, part, edition });
        if (moved) this.summary.moved++;
        else this.summary.updated++;
      } else this.summary.unchanged++;
    } else {
      fileId = this.store.insertFile({ itemId: target.itemId, rootId: root.id, relPath: video.relPath, size: video.size, mtimeMs: video.mtimeMs, inode: video.inode, part, edition });
      this.summary.added++;
    }
    this.store.setSidecars(fileId, this.sidecarsFor(dir, video));
  }

  private sidecarsFor(dir: WalkedDir, video: WalkedFile): ProbedStream[] {
    const out: ProbedStream[] = [];
    const videoStem = stem(video.name);
    const names = new Set(dir.subtitles.map((s) => s.name.toLowerCase()));
    for (const sub of dir.subtitles) {
      const info = parseSidecarSubtitle(sub.name, videoStem);
      if (!info) continue;
      const codec = sidecarCodec(info.format, names.has(`${stem(sub.name).toLowerCase()}.idx`), names.has(`${stem(sub.name).toLowerCase()}.sub`));
      if (!codec) continue;
      out.push({
        index: 0,
        type: 'subtitle',
        codec,
        language: info.language ?? null,
        title: info.title ?? null,
        isDefault: info.default,
        isForced: info.forced,
        isExternal: true,
        isHearingImpaired: info.sdh,
        externalPath: sub.relPath,
      });
    }
    return out;
  }

  private resolveItem(
    root: RootRow,
    dir: WalkedDir,
    video: WalkedFile,
    ident: Exclude<Identification, { kind: 'ignored' }>,
    previousItemId: string | null,
    fileChanged: boolean,
  ): { itemId: string; kind: ItemKindHere; folderItem?: { id: string; kind: ItemKindHere } } | null {
    switch (ident.kind) {
      case 'movie': {
        const key = ident.movieFolder !== null
          ? `m:${root.id}:${ident.movieFolder}`
          : `m:${root.id}:${dir.relPath}:${ident.title.toLowerCase()}:${ident.year ?? ''}`;
        const itemId = this.placeItem(previousItemId, key, { kind: 'movie', parentId: null, seriesId: null, rootId: root.id, folder: ident.movieFolder, title: ident.title });
        const nfoPaths = [`${dir.relPath ? `${dir.relPath}/` : ''}${stem(video.name)}.nfo`];
        if (ident.movieFolder !== null) nfoPaths.push(`${ident.movieFolder ? `${ident.movieFolder}/` : ''}movie.nfo`);
        const facts: PathFacts = { title: ident.title, year: ident.year, providerIds: ident.providerIds };
        const retitled = this.refreshMetadata(root, itemId.id, itemId.created || fileChanged || itemId.reidentified, nfoPaths, facts, 'movie');
        if (!fileChanged && (itemId.reidentified || retitled)) this.summary.reidentified++;
        return { itemId: itemId.id, kind: 'movie', ...(ident.movieFolder === dir.relPath ? { folderItem: { id: itemId.id, kind: 'movie' as const } } : {}) };
      }
      case 'episode': {
        const seriesId = this.ensureSeries(root, ident.seriesFolder, ident);
        let parentId = seriesId;
        let folderItem: { id: string; kind: ItemKindHere } | undefined;
        if (ident.season !== undefined) {
          const inSeasonFolder = ident.seasonFolder === dir.relPath;
          parentId = this.ensureSeason(root, seriesId, ident.season, inSeasonFolder ? dir.relPath : null);
          if (inSeasonFolder) folderItem = { id: parentId, kind: 'season' };
        }
        const key = ident.season !== undefined && ident.episode !== undefined
          ? `e:${seriesId}:${ident.season}:${ident.episode}`
          : ident.airDate
            ? `e:${seriesId}:d:${ident.airDate}`
            : `e:${seriesId}:f:${stem(video.relPath)}`;
        const title = ident.title ?? (ident.episode !== undefined ? `Episode ${ident.episode}` : ident.airDate ?? stem(video.name));
        const item = this.placeItem(previousItemId, key, { kind: 'episode', parentId, seriesId, rootId: root.id, folder: dir.relPath, title });
        const facts: PathFacts = {
          title,
          seasonNumber: ident.season,
          episodeNumber: ident.episode,
          episodeEnd: ident.episodeEnd,
          premiered: ident.airDate,
          year: ident.airDate ? Number(ident.airDate.slice(0, 4)) : undefined,
        };
        const retitled = this.refreshMetadata(
          root, item.id, item.created || fileChanged || item.reidentified, [`${dir.relPath ? `${dir.relPath}/` : ''}${stem(video.name)}.nfo`], facts, 'episode', ident.episode,
        );
        if (!fileChanged && (item.reidentified || retitled)) this.summary.reidentified++;
        return { itemId: item.id, kind: 'episode', ...(folderItem ? { folderItem } : {}) };
      }
      case 'extra': {
        const ownerId = this.findOwner(root, ident.owner);
        const item = this.placeItem(previousItemId, `x:${root.id}:${video.relPath}`, { kind: 'extra', parentId: ownerId, seriesId: null, rootId: root.id, folder: dir.relPath, title: ident.title });
        if (item.created || fileChanged) {
          this.store.setMetadata(item.id, metadataFromPath({ title: ident.title, extraType: ident.extraType }));
        }
        if (!ownerId) this.warn(join(root.path, video.relPath), 'extra without a title it belongs to');
        return { itemId: item.id, kind: 'extra' };
      }
      default:
        return null;
    }
  }

  private placeItem(
    previousItemId: string | null,
    identityKey: string,
    input: { kind: ItemKindHere; parentId: string | null; seriesId: string | null; rootId: string; folder: string | null; title: string },
  ): { id: string; created: boolean; reidentified: boolean } {
    if (previousItemId) {
      const prev = this.store.itemById(previousItemId);
      if (prev && prev.kind === input.kind) {
        if (prev.identity_key === identityKey) return { id: prev.id, created: false, reidentified: false };
        if (this.store.relinkItem(prev.id, this.libraryId, { identityKey, parentId: input.parentId, seriesId: input.seriesId, folder: input.folder })) {
          return { id: prev.id, created: false, reidentified: true };
        }
      }
    }
    const made = this.store.ensureItem({
      libraryId: this.libraryId,
      kind: input.kind,
      identityKey,
      parentId: input.parentId,
      seriesId: input.seriesId,
      rootId: input.rootId,
      folder: input.folder,
      title: input.title,
      sortKey: input.title.toLowerCase(),
    });
    // A known file now read as another item (a version joining its film, an episode number found at last).
    return { id: made.id, created: made.created, reidentified: previousItemId !== null && made.id !== previousItemId };
  }

  private refreshMetadata(
    root: RootRow,
    itemId: string,
    force: boolean,
    nfoPaths: string[],
    facts: PathFacts,
    expect: 'movie' | 'episode',
    episodeNumber?: number,
  ): boolean {
    let read: NfoRead = { nfo: null, signature: null, error: null };
    let readPath: string | null = null;
    for (const p of nfoPaths) {
      read = readNfo(root.path, p);
      if (read.signature) {
        readPath = p;
        break;
      }
    }
    const current = this.store.itemById(itemId);
    // Without an NFO the path names the item: a title the rules now read differently is refreshed, and counted.
    const seen = this.titled.has(itemId);
    this.titled.add(itemId);
    // One item's several files (a folder the rules take for one film) would each rename it: the first one names it.
    if (seen && current) facts = { ...facts, title: current.title };
    const retitled = !force && !seen && read.signature === null && current !== undefined && current.title !== facts.title;
    if (!force && !retitled && !this.opts.full && current && current.nfo_signature === read.signature) return false;
    let meta: ItemMetadata;
    const nfo = read.nfo;
    if (nfo && expect === 'movie' && nfo.kind === 'movie') {
      meta = metadataFromNfo(nfo, facts, { collection: nfo.set });
    } else if (nfo && expect === 'episode' && nfo.kind === 'episode') {
      const ep = nfo.episodes.find((e) => e.episode === episodeNumber) ?? nfo.episodes[0];
      meta = ep ? metadataFromNfo(ep, facts) : metadataFromPath(facts);
    } else if (nfo && nfo.kind === 'url-only') {
      meta = metadataFromPath({ ...facts, providerIds: { ...facts.providerIds, ...definedIds(nfo.uniqueIds) } });
    } else {
      meta = metadataFromPath(facts);
      if (nfo && readPath) read.error = `${readPath}: NFO is a <${nfo.kind}>, not what this file needs`;
    }
    if (read.error) {
      this.summary.failed++;
      this.warn(join(root.path, read.error.split(':')[0] ?? ''), read.error);
    }
    meta.nfoSignature = read.signature;
    meta.nfoError = read.error;
    this.store.setMetadata(itemId, meta);
    return retitled;
  }

  private ensureSeries(root: RootRow, seriesFolder: string, ident?: Extract<Identification, { kind: 'episode' }>): string {
    const cacheKey = `${root.id}:${seriesFolder}`;
    const cached = this.seriesCache.get(cacheKey);
    if (cached) return cached;
    const title = ident?.series ?? (posix.basename(seriesFolder) || 'Unknown series');
    const made = this.store.ensureItem({
      libraryId: this.libraryId,
      kind: 'series',
      identityKey: seriesIdentity(root.id, seriesFolder),
      parentId: null,
      seriesId: null,
      rootId: root.id,
      folder: seriesFolder,
      title,
      sortKey: title.toLowerCase(),
    });
    const read = readNfo(root.path, `${seriesFolder ? `${seriesFolder}/` : ''}tvshow.nfo`);
    if (read.nfo?.kind === 'tvshow') this.namedSeasons.set(made.id, read.nfo.namedSeasons);
    const fromFolder = identify(`${seriesFolder}/x S01E01.mkv`, 'shows');
    const pathFacts: PathFacts =
      fromFolder.kind === 'episode' ? { title: fromFolder.series, year: fromFolder.seriesYear, providerIds: fromFolder.providerIds } : { title, year: ident?.seriesYear, providerIds: ident?.providerIds };
    // Without a tvshow.nfo the folder names the series: a name the rules now read differently is refreshed, and counted.
    const retitled = !made.created && read.signature === null && this.store.itemById(made.id)?.title !== pathFacts.title;
    if (retitled) this.summary.reidentified++;
    if (made.created || retitled || this.opts.full || made.nfoSignature !== read.signature) {
      const facts: PathFacts = { title, year: ident?.seriesYear, providerIds: ident?.providerIds };
      let meta: ItemMetadata;
      if (read.nfo && read.nfo.kind === 'tvshow') {
        meta = metadataFromNfo(read.nfo, facts, { status: read.nfo.status });
      } else {
        meta = metadataFromPath(pathFacts);
        if (read.nfo && !read.error) read.error = `${seriesFolder}/tvshow.nfo: NFO is a <${read.nfo.kind}>, not a <tvshow>`;
      }
      if (read.error) {
        this.summary.failed++;
        this.warn(join(root.path, seriesFolder, 'tvshow.nfo'), read.error);
      }
      meta.nfoSignature = read.signature;
      meta.nfoError = read.error;
      this.store.db.transaction(() => this.store.setMetadata(made.id, meta))();
      if (made.created) this.summary.seriesAdded++;
    }
    this.seriesCache.set(cacheKey, made.id);
    return made.id;
  }

  private ensureSeason(root: RootRow, seriesId: string, season: number, folder: string | null): string {
    const cacheKey = `${seriesId}:${season}`;
    const cached = this.seasonCache.get(cacheKey);
    if (cached) return cached;
    const title = this.namedSeasons.get(seriesId)?.[season] ?? (season === 0 ? 'Specials' : `Season ${season}`);
    const made = this.store.ensureItem({
      libraryId: this.libraryId,
      kind: 'season',
      identityKey: `se:${seriesId}:${season}`,
      parentId: seriesId,
      seriesId,
      rootId: null,
      folder,
      title,
      sortKey: String(season).padStart(4, '0'),
    });
    // season.nfo (plot, a title) lives in the season folder; tvshow.nfo's <namedseason> names it otherwise.
    const read: NfoRead = folder ? readNfo(root.path, `${folder}/season.nfo`) : { nfo: null, signature: null, error: null };
    if (made.created || this.opts.full || made.nfoSignature !== read.signature || title !== (this.store.itemById(made.id)?.title ?? title)) {
      const facts: PathFacts = { title, seasonNumber: season };
      const meta = read.nfo?.kind === 'season' ? metadataFromNfo(read.nfo, facts) : metadataFromPath(facts);
      if (read.nfo?.kind === 'season' && !read.nfo.title) meta.title = title;
      meta.seasonNumber = season;
      meta.sortKey = String(season).padStart(4, '0');
      meta.nfoSignature = read.signature;
      meta.nfoError = read.error;
      if (read.error) {
        this.summary.failed++;
        this.warn(join(root.path, folder ?? '', 'season.nfo'), read.error);
      }
      this.store.setMetadata(made.id, meta);
    }
    this.seasonCache.set(cacheKey, made.id);
    return made.id;
  }

  private findOwner(root: RootRow, owner: string): string | null {
    const ownerDir = posix.dirname(owner) === '.' ? '' : posix.dirname(owner);
    const candidates = [`m:${root.id}:${owner}`, seriesIdentity(root.id, owner), `m:${root.id}:${ownerDir}`];
    // A suffixed extra beside a loose film (`Films/Alien (1979)-trailer.mkv`) names the film by its stem.
    const asMovie = identify(`${owner}.mkv`, 'movies');
    if (asMovie.kind === 'movie' && asMovie.movieFolder === null) {
      candidates.push(`m:${root.id}:${ownerDir}:${asMovie.title.toLowerCase()}:${asMovie.year ?? ''}`);
    }
    for (const key of candidates) {
      const found = this.store.itemByIdentity(this.libraryId, key);
      if (found) return found.id;
    }
    // A season folder's extras belong to the series.
    const parent = posix.dirname(owner);
    const series = this.store.itemByIdentity(this.libraryId, seriesIdentity(root.id, parent === '.' ? '' : parent));
    return series?.id ?? null;
  }

  private applyArtwork(root: RootRow, dir: WalkedDir, items: DirItems): void {
    if (!items.folderItem && dir.images.length > 0) {
      // A series folder without a tvshow.nfo is known only through its episodes, read after it: find it now.
      const seriesId = this.seriesCache.get(`${root.id}:${dir.relPath}`) ?? this.store.itemByIdentity(this.libraryId, seriesIdentity(root.id, dir.relPath))?.id;
      if (seriesId) {
        items.folderItem = { id: seriesId, kind: 'series' };
        items.seriesId = seriesId;
      }
    }
    const single = dir.videos.length === 1 ? stem((dir.videos[0] as WalkedFile).name) : null;
    for (const img of dir.images) {
      let placed = false;
      for (const [videoStem, item] of items.byStem) {
        const lower = img.name.toLowerCase();
        const s = videoStem.toLowerCase();
        if (!lower.startsWith(`${s}-`) && !lower.startsWith(`${s}.`)) continue;
        const cls = classifyArtwork(img.name, videoStem);
        if (!cls || cls.scope !== 'file') continue;
        const kind = item.kind === 'episode' && cls.kind === 'poster' ? 'thumb' : cls.kind;
        this.store.setImage(item.id, kind, root.id, img.relPath, fileSignature(img.size, img.mtimeMs));
        placed = true;
        break;
      }
      if (placed) continue;
      const cls = classifyArtwork(img.name, single);
      if (!cls) continue;
      if (cls.season !== undefined && items.seriesId) {
        if (cls.season < 0) continue;
        const season = this.store.itemByIdentity(this.libraryId, `se:${items.seriesId}:${cls.season}`);
        if (season) this.store.setImage(season.id, cls.kind, root.id, img.relPath, fileSignature(img.size, img.mtimeMs));
        continue;
      }
      const target = cls.scope === 'file' && single ? items.byStem.get(single) : items.folderItem;
      if (!target) continue;
      const kind = target.kind === 'episode' && cls.kind === 'poster' ? 'thumb' : cls.kind;
      this.store.setImage(target.id, kind, root.id, img.relPath, fileSignature(img.size, img.mtimeMs));
    }
    for (const photo of dir.actorPhotos) {
      const name = stem(photo.name).replace(/_/g, ' ').trim();
      if (name) this.store.setPersonPhoto(name, root.id, photo.relPath, fileSignature(photo.size, photo.mtimeMs));
    }
  }
}

type ItemKindHere = 'movie' | 'series' | 'season' | 'episode' | 'extra';

interface DirItems {
  byStem: Map<string, { id: string; kind: ItemKindHere }>;
  folderItem: { id: string; kind: ItemKindHere } | null;
  seriesId: string | null;
  failed: boolean;
}

function definedIds(ids: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ids)) if (v) out[k] = v;
  return out;
}

/**
 * The codec a sidecar's extension stands for, or null when it is not a track of its own. A VobSub pair is one
 * track, named by its .idx (ffmpeg's vobsub demuxer opens the .sub beside it); an .idx without its .sub has no
 * pictures to show. A .sub with no .idx is MicroDVD text ({frame}{frame}words), the other format of that name.
 */
export function sidecarCodec(format: SubtitleFormat, hasIdxTwin: boolean, hasSubTwin: boolean): string | null {
  switch (format) {
    case 'srt':
      return 'subrip';
    case 'sup':
      return 'hdmv_pgs_subtitle';
    case 'idx':
      return hasSubTwin ? 'dvd_subtitle' : null;
    case 'sub':
      return hasIdxTwin ? null : 'microdvd';
    case 'smi':
      return 'sami';
    case 'ass':
    case 'ssa':
    case 'vtt':
      return format;
  }
}
