// Writes of the library: libraries and roots, files, items with their metadata, folder signatures, images, probes.
// The scanner speaks to SQLite only through this module.
import type { Db } from './open';
import { newId, nowIso } from './ids';
import type { LibraryType } from '../../shared/api';

export type ItemRowKind = 'movie' | 'series' | 'season' | 'episode' | 'extra';
export type CreditRoleName = 'actor' | 'director' | 'writer' | 'producer' | 'composer' | 'guest';

export interface ItemMetadata {
  title: string;
  originalTitle?: string | undefined;
  sortKey: string;
  year?: number | undefined;
  premiered?: string | undefined;
  overview?: string | undefined;
  outline?: string | undefined;
  tagline?: string | undefined;
  runtimeMinutes?: number | undefined;
  contentRating?: string | undefined;
  status?: string | undefined;
  seasonNumber?: number | undefined;
  episodeNumber?: number | undefined;
  episodeEnd?: number | undefined;
  extraType?: string | undefined;
  providerIds: Record<string, string>;
  collection?: { name: string; overview?: string | undefined } | undefined;
  genres: string[];
  tags: string[];
  studios: string[];
  countries: string[];
  ratings: { source: string; value: number; max: number; votes?: number | undefined }[];
  credits: { name: string; role: CreditRoleName; character?: string | undefined; order: number }[];
  /** Audio languages an NFO lists; the probe's own findings replace them. */
  languages?: string[] | undefined;
  metadataSource: 'nfo' | 'path';
  nfoSignature?: string | null;
  nfoError?: string | null;
}

export interface ItemRef {
  id: string;
  rowid: number;
  kind: ItemRowKind;
  identity_key: string;
  nfo_signature: string | null;
  library_id: string;
  title: string;
}

export interface FileRow {
  id: string;
  item_id: string | null;
  root_id: string;
  rel_path: string;
  size: number;
  mtime_ms: number;
  inode: string | null;
  probe_state: 'pending' | 'ok' | 'failed';
  probe_signature: string | null;
  missing_since: string | null;
}

export interface RootRow {
  id: string;
  library_id: string;
  path: string;
  is_network: number;
  online: number;
  last_error: string | null;
  /** How often this share is rescanned (minutes, 0 = never); unused for a watched local folder. */
  poll_minutes: number;
  /** When a poll last read this share (or its library was scanned whole, before migration 6). */
  last_poll_at: string | null;
}

export interface LibraryRow {
  id: string;
  name: string;
  type: LibraryType;
  poll_minutes: number;
  created_at: string;
  last_scan_at: string | null;
}

export interface ProbedStream {
  index: number;
  type: 'video' | 'audio' | 'subtitle';
  codec: string;
  profile?: string | null;
  language?: string | null;
  title?: string | null;
  isDefault: boolean;
  isForced: boolean;
  isExternal: boolean;
  isHearingImpaired: boolean;
  externalPath?: string | null;
  width?: number | null;
  height?: number | null;
  fps?: number | null;
  bitDepth?: number | null;
  level?: number | null;
  hdr?: string | null;
  channels?: number | null;
  channelLayout?: string | null;
  sampleRate?: number | null;
  bitrate?: number | null;
}

export interface ProbeResult {
  container: string | null;
  durationSeconds: number | null;
  /** Where the container's timeline starts (MPEG-TS: the broadcast clock); null when unknown, read as 0. */
  startSeconds?: number | null;
  bitrate: number | null;
  streams: ProbedStream[];
  chapters: { start: number; end: number; title: string | null }[];
}

const TERM_KINDS = ['genre', 'tag', 'studio', 'country'] as const;

/** Lower-case, accent-free key so "Zoë Kravitz" and "Zoe Kravitz" are one person. */
export function personKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export class LibraryStore {
  private readonly s;
  private readonly rootStatusListeners = new Set<(root: RootRow) => void>();

  constructor(readonly db: Db) {
    this.s = {
      libraryById: db.prepare<[string], LibraryRow>('SELECT * FROM libraries WHERE id = ?'),
      libraries: db.prepare<[], LibraryRow>('SELECT * FROM libraries ORDER BY created_at'),
      rootsOf: db.prepare<[string], RootRow>('SELECT * FROM library_roots WHERE library_id = ? ORDER BY path'),
      allRoots: db.prepare<[], RootRow>('SELECT * FROM library_roots'),
      insertLibrary: db.prepare(
        'INSERT INTO libraries (id, name, type, poll_minutes, created_at) VALUES (@id, @name, @type, @poll_minutes, @created_at)',
      ),
      insertRoot: db.prepare(
        'INSERT INTO library_roots (id, library_id, path, is_network, poll_minutes) VALUES (@id, @library_id, @path, @is_network, @poll_minutes)',
      ),
      rootById: db.prepare<[string], RootRow>('SELECT * FROM library_roots WHERE id = ?'),
      rootsAt: db.prepare<[string], RootRow>('SELECT * FROM library_roots WHERE path = ?'),
      setRootStatus: db.prepare('UPDATE library_roots SET online = ?, last_error = ? WHERE id = ?'),
      setRootPoll: db.prepare('UPDATE library_roots SET poll_minutes = ? WHERE id = ?'),
      touchRootPoll: db.prepare('UPDATE library_roots SET last_poll_at = ? WHERE id = ?'),
      setLibraryRootsPoll: db.prepare('UPDATE library_roots SET poll_minutes = ? WHERE library_id = ?'),
      deleteLibrary: db.prepare('DELETE FROM libraries WHERE id = ?'),
      touchLibraryScan: db.prepare('UPDATE libraries SET last_scan_at = ? WHERE id = ?'),
      // Files directly in one folder: a range over the (root_id, rel_path) index, nested folders left out.
      filesInDir: db.prepare<{ root: string; lo: string; hi: string }, FileRow>(
        `SELECT id, item_id, root_id, rel_path, size, mtime_ms, inode, probe_state, probe_signature, missing_since FROM files
         WHERE root_id = @root AND rel_path >= @lo AND rel_path < @hi AND instr(substr(rel_path, length(@lo) + 1), '/') = 0`,
      ),
      filesOfRoot: db.prepare<[string], FileRow>(
        'SELECT id, item_id, root_id, rel_path, size, mtime_ms, inode, probe_state, probe_signature, missing_since FROM files WHERE root_id = ?',
      ),
      rootHasPresentFiles: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM files WHERE root_id = ? AND missing_since IS NULL LIMIT 1'),
      insertFile: db.prepare(
        `INSERT INTO files (id, item_id, root_id, rel_path, size, mtime_ms, inode, part, edition, added_at)
         VALUES (@id, @item_id, @root_id, @rel_path, @size, @mtime_ms, @inode, @part, @edition, @added_at)`,
      ),
      updateFile: db.prepare(
        `UPDATE files SET item_id = @item_id, rel_path = @rel_path, size = @size, mtime_ms = @mtime_ms, inode = @inode,
           part = @part, edition = @edition, missing_since = NULL,
           probe_state = CASE WHEN probe_signature IS @sig THEN probe_state ELSE 'pending' END
         WHERE id = @id`,
      ),
      markFileMissing: db.prepare('UPDATE files SET missing_since = ? WHERE id = ? AND missing_since IS NULL'),
      dirSignatures: db.prepare<[string], { rel_path: string; signature: string }>(
        'SELECT rel_path, signature FROM dirs WHERE root_id = ?',
      ),
      setDirSignature: db.prepare(
        'INSERT INTO dirs (root_id, rel_path, signature) VALUES (?, ?, ?) ON CONFLICT (root_id, rel_path) DO UPDATE SET signature = excluded.signature',
      ),
      deleteDirSignature: db.prepare('DELETE FROM dirs WHERE root_id = ? AND rel_path = ?'),
      ensureDirRow: db.prepare("INSERT OR IGNORE INTO dirs (root_id, rel_path, signature) VALUES (?, ?, '')"),
      itemByIdentity: db.prepare<[string, string], { id: string; rowid: number; nfo_signature: string | null }>(
        'SELECT id, rowid, nfo_signature FROM items WHERE library_id = ? AND identity_key = ?',
      ),
      itemById: db.prepare<[string], ItemRef>(
        // A title a provider gave is not the name's: rescans compare the name they read with the name the file had.
        `SELECT id, rowid, kind, identity_key, nfo_signature, library_id,
           COALESCE((SELECT m.name_title FROM item_metadata m WHERE m.item_id = items.id), title) AS title FROM items WHERE id = ?`,
      ),
      insertItem: db.prepare(
        `INSERT INTO items (id, library_id, kind, parent_id, series_id, identity_key, root_id, folder, title, sort_key, added_at, updated_at)
         VALUES (@id, @library_id, @kind, @parent_id, @series_id, @identity_key, @root_id, @folder, @title, @sort_key, @now, @now)`,
      ),
      relinkItem: db.prepare(
        'UPDATE items SET identity_key = @identity_key, parent_id = @parent_id, series_id = @series_id, folder = @folder, missing_since = NULL WHERE id = @id',
      ),
      updateItemMeta: db.prepare(
        `UPDATE items SET title = @title, original_title = @original_title, sort_key = @sort_key, year = @year,
           premiered = @premiered, overview = @overview, outline = @outline, tagline = @tagline,
           runtime_minutes = COALESCE(@runtime_minutes, runtime_minutes), content_rating = @content_rating, status = @status,
           season_number = @season_number, episode_number = @episode_number, episode_end = @episode_end,
           extra_type = @extra_type, collection_id = @collection_id, provider_ids = @provider_ids,
           metadata_source = @metadata_source, nfo_signature = @nfo_signature, nfo_error = @nfo_error,
           languages = CASE WHEN languages = '[]' AND @languages IS NOT NULL THEN @languages ELSE languages END,
           updated_at = @now, missing_since = NULL
         WHERE id = @id`,
      ),
      collectionByName: db.prepare<[string], { id: string }>('SELECT id FROM collections WHERE name = ?'),
      insertCollection: db.prepare('INSERT INTO collections (id, name, overview) VALUES (?, ?, ?)'),
      termId: db.prepare<[string, string], { id: number }>('SELECT id FROM terms WHERE kind = ? AND name = ?'),
      insertTerm: db.prepare('INSERT INTO terms (kind, name) VALUES (?, ?)'),
      deleteItemTerms: db.prepare('DELETE FROM item_terms WHERE item_id = ?'),
      insertItemTerm: db.prepare('INSERT OR IGNORE INTO item_terms (item_id, term_id, ord) VALUES (?, ?, ?)'),
      deleteRatings: db.prepare('DELETE FROM ratings WHERE item_id = ?'),
      insertRating: db.prepare(
        'INSERT OR REPLACE INTO ratings (item_id, source, value, max, votes) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteCredits: db.prepare('DELETE FROM credits WHERE item_id = ?'),
      insertCredit: db.prepare('INSERT INTO credits (item_id, person_id, role, character, ord) VALUES (?, ?, ?, ?, ?)'),
      personByKey: db.prepare<[string], { id: string }>('SELECT id FROM people WHERE name_key = ?'),
      insertPerson: db.prepare('INSERT INTO people (id, name, name_key) VALUES (?, ?, ?)'),
      deleteFts: db.prepare('DELETE FROM items_fts WHERE rowid = ?'),
      insertFts: db.prepare(
        'INSERT INTO items_fts (rowid, title, original_title, people, overview) VALUES (?, ?, ?, ?, ?)',
      ),
      upsertImage: db.prepare(
        `INSERT INTO images (id, item_id, person_id, kind, root_id, rel_path, cache_path, signature)
         VALUES (@id, @item_id, @person_id, @kind, @root_id, @rel_path, @cache_path, @signature)
         ON CONFLICT (item_id, kind) WHERE item_id IS NOT NULL DO UPDATE SET
           root_id = excluded.root_id, rel_path = excluded.rel_path, cache_path = excluded.cache_path,
           placeholder = CASE WHEN images.signature IS excluded.signature THEN images.placeholder ELSE NULL END,
           signature = excluded.signature`,
      ),
      upsertPersonImage: db.prepare(
        `INSERT INTO images (id, person_id, kind, root_id, rel_path, signature)
         VALUES (@id, @person_id, 'photo', @root_id, @rel_path, @signature)
         ON CONFLICT (person_id, kind) WHERE person_id IS NOT NULL DO NOTHING`,
      ),
      updateFileProbe: db.prepare(
        `UPDATE files SET container = @container, duration = @duration, start_seconds = @start, bitrate = @bitrate, probe_state = @state,
           probe_error = @error, probe_signature = @sig WHERE id = @id`,
      ),
      deleteStreams: db.prepare('DELETE FROM streams WHERE file_id = ? AND is_external = 0'),
      deleteSidecars: db.prepare('DELETE FROM streams WHERE file_id = ? AND is_external = 1'),
      insertStream: db.prepare(
        `INSERT INTO streams (file_id, idx, type, codec, profile, language, title, is_default, is_forced, is_external, is_hi,
           external_path, width, height, fps, bit_depth, level, hdr, channels, channel_layout, sample_rate, bitrate)
         VALUES (@file_id, @idx, @type, @codec, @profile, @language, @title, @is_default, @is_forced, @is_external, @is_hi,
           @external_path, @width, @height, @fps, @bit_depth, @level, @hdr, @channels, @channel_layout, @sample_rate, @bitrate)`,
      ),
      deleteChapters: db.prepare('DELETE FROM chapters WHERE file_id = ?'),
      insertChapter: db.prepare('INSERT INTO chapters (file_id, idx, start, end, title) VALUES (?, ?, ?, ?, ?)'),
      setItemLanguages: db.prepare('UPDATE items SET languages = ? WHERE id = ?'),
      setItemRuntimeIfEmpty: db.prepare(
        'UPDATE items SET runtime_minutes = ? WHERE id = ? AND runtime_minutes IS NULL',
      ),
    };
  }

  // ── libraries ──

  listLibraries(): LibraryRow[] {
    return this.s.libraries.all();
  }

  library(id: string): LibraryRow | undefined {
    return this.s.libraryById.get(id);
  }

  roots(libraryId: string): RootRow[] {
    return this.s.rootsOf.all(libraryId);
  }

  allRoots(): RootRow[] {
    return this.s.allRoots.all();
  }

  addLibrary(input: { name: string; type: LibraryType; paths: { path: string; isNetwork: boolean }[]; pollMinutes: number }): string {
    const id = newId();
    this.db.transaction(() => {
      this.s.insertLibrary.run({ id, name: input.name, type: input.type, poll_minutes: input.pollMinutes, created_at: nowIso() });
      for (const p of input.paths) {
        this.s.insertRoot.run({ id: newId(), library_id: id, path: p.path, is_network: p.isNetwork ? 1 : 0, poll_minutes: input.pollMinutes });
      }
    })();
    return id;
  }

  removeLibrary(id: string): boolean {
    return this.s.deleteLibrary.run(id).changes > 0;
  }

  root(rootId: string): RootRow | undefined {
    return this.s.rootById.get(rootId);
  }

  /**
   * Renames a library or changes how often its shares are polled: `pollMinutes` sets every root's interval,
   * then `roots` sets single ones. False when there is no such library (callers check the root ids).
   */
  updateLibrary(
    id: string,
    change: { name?: string | undefined; pollMinutes?: number | undefined; roots?: readonly { id: string; pollMinutes: number }[] | undefined },
  ): boolean {
    const row = this.library(id);
    if (!row) return false;
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE libraries SET name = ?, poll_minutes = ? WHERE id = ?')
        .run(change.name ?? row.name, change.pollMinutes ?? row.poll_minutes, id);
      if (change.pollMinutes !== undefined) this.s.setLibraryRootsPoll.run(change.pollMinutes, id);
      for (const r of change.roots ?? []) this.s.setRootPoll.run(r.pollMinutes, r.id);
    })();
    return true;
  }

  markRootPolled(rootId: string): void {
    this.s.touchRootPoll.run(nowIso(), rootId);
  }

  /** Called when a root goes online or offline (not on every check that finds it as it was). */
  onRootStatus(listener: (root: RootRow) => void): () => void {
    this.rootStatusListeners.add(listener);
    return () => this.rootStatusListeners.delete(listener);
  }

  setRootStatus(rootId: string, online: boolean, error: string | null): void {
    const before = this.s.rootById.get(rootId);
    this.s.setRootStatus.run(online ? 1 : 0, error, rootId);
    if (before && before.online !== (online ? 1 : 0)) {
      const after: RootRow = { ...before, online: online ? 1 : 0, last_error: error };
      for (const l of this.rootStatusListeners) l(after);
    }
  }

  /** What a check of one folder found (e.g. before playback): every library root at that path. */
  setRootStatusAt(path: string, online: boolean, error: string | null): void {
    for (const r of this.s.rootsAt.all(path)) this.setRootStatus(r.id, online, error);
  }

  markLibraryScanned(id: string): void {
    this.s.touchLibraryScan.run(nowIso(), id);
  }

  // ── files and folders ──

  /** Files directly in these folders ('' is the root itself), as the last scan left them. */
  filesInDirs(rootId: string, relDirs: readonly string[]): FileRow[] {
    const out: FileRow[] = [];
    if (relDirs.length > 512) {
      // A first scan or a big change: one pass over the root beats thousands of small queries.
      const wanted = new Set(relDirs);
      for (const r of this.s.filesOfRoot.iterate(rootId)) {
        const slash = r.rel_path.lastIndexOf('/');
        if (wanted.has(slash < 0 ? '' : r.rel_path.slice(0, slash))) out.push(r);
      }
      return out;
    }
    for (const rel of relDirs) {
      // '0' is the character after '/', so [rel/, rel0) is exactly what lies under rel; under the root
      // folder ('') lies everything, up to the last code point.
      const range = rel === '' ? { lo: '', hi: '\u{10FFFF}' } : { lo: `${rel}/`, hi: `${rel}0` };
      for (const r of this.s.filesInDir.iterate({ root: rootId, ...range })) out.push(r);
    }
    return out;
  }

  rootHasPresentFiles(rootId: string): boolean {
    return this.s.rootHasPresentFiles.get(rootId) !== undefined;
  }

  /**
   * Every folder that holds a file has a row, written with its files: so a folder that vanishes is
   * always noticed, even when a killed scan never wrote its signature. '' never matches a listing.
   */
  ensureDirRow(rootId: string, relPath: string): void {
    this.s.ensureDirRow.run(rootId, relPath);
  }

  dirSignatures(rootId: string): Map<string, string> {
    const map = new Map<string, string>();
    for (const row of this.s.dirSignatures.iterate(rootId)) map.set(row.rel_path, row.signature);
    return map;
  }

  setDirSignature(rootId: string, relPath: string, signature: string): void {
    this.s.setDirSignature.run(rootId, relPath, signature);
  }

  forgetDirSignature(rootId: string, relPath: string): void {
    this.s.deleteDirSignature.run(rootId, relPath);
  }

  insertFile(f: { itemId: string | null; rootId: string; relPath: string; size: number; mtimeMs: number; inode: string | null; part?: number | undefined; edition?: string | undefined }): string {
    const id = newId();
    this.s.insertFile.run({
      id,
      item_id: f.itemId,
      root_id: f.rootId,
      rel_path: f.relPath,
      size: f.size,
      mtime_ms: Math.round(f.mtimeMs),
      inode: f.inode,
      part: f.part ?? null,
      edition: f.edition ?? null,
      added_at: nowIso(),
    });
    return id;
  }

  updateFile(f: { id: string; itemId: string | null; relPath: string; size: number; mtimeMs: number; inode: string | null; part?: number | undefined; edition?: string | undefined }): void {
    this.s.updateFile.run({
      id: f.id,
      item_id: f.itemId,
      rel_path: f.relPath,
      size: f.size,
      mtime_ms: Math.round(f.mtimeMs),
      inode: f.inode,
      part: f.part ?? null,
      edition: f.edition ?? null,
      sig: fileSignature(f.size, f.mtimeMs),
    });
  }

  markFileMissing(fileId: string, when = nowIso()): void {
    this.s.markFileMissing.run(when, fileId);
  }

  /** Items all of whose files are gone get missing_since; items that have a file again lose it. Series follow their episodes. */
  refreshMissing(libraryId: string): void {
    const now = nowIso();
    this.db
      .prepare(
        `UPDATE items SET missing_since = CASE
            WHEN EXISTS (SELECT 1 FROM files f WHERE f.item_id = items.id AND f.missing_since IS NULL) THEN NULL
            ELSE COALESCE(missing_since, @now) END
         WHERE library_id = @lib AND kind IN ('movie', 'episode', 'extra')`,
      )
      .run({ lib: libraryId, now });
    this.db
      .prepare(
        `UPDATE items SET missing_since = CASE
            WHEN EXISTS (SELECT 1 FROM items c WHERE c.parent_id = items.id AND c.missing_since IS NULL AND c.kind <> 'extra') THEN NULL
            WHEN NOT EXISTS (SELECT 1 FROM items c WHERE c.parent_id = items.id AND c.kind <> 'extra') THEN missing_since
            ELSE COALESCE(missing_since, @now) END
         WHERE library_id = @lib AND kind = 'season'`,
      )
      .run({ lib: libraryId, now });
    this.db
      .prepare(
        `UPDATE items SET missing_since = CASE
            WHEN EXISTS (SELECT 1 FROM items c WHERE c.series_id = items.id AND c.kind = 'episode' AND c.missing_since IS NULL) THEN NULL
            WHEN NOT EXISTS (SELECT 1 FROM items c WHERE c.series_id = items.id AND c.kind = 'episode') THEN missing_since
            ELSE COALESCE(missing_since, @now) END
         WHERE library_id = @lib AND kind = 'series'`,
      )
      .run({ lib: libraryId, now });
  }

  // ── items ──

  itemByIdentity(libraryId: string, identityKey: string): { id: string; rowid: number; nfo_signature: string | null } | undefined {
    return this.s.itemByIdentity.get(libraryId, identityKey);
  }

  itemById(id: string): ItemRef | undefined {
    return this.s.itemById.get(id);
  }

  /** Finds or makes the item that `identityKey` names; returns its id and whether it was made now. */
  ensureItem(input: {
    libraryId: string;
    kind: ItemRowKind;
    identityKey: string;
    parentId: string | null;
    seriesId: string | null;
    rootId: string | null;
    folder: string | null;
    title: string;
    sortKey: string;
  }): { id: string; created: boolean; nfoSignature: string | null } {
    const existing = this.s.itemByIdentity.get(input.libraryId, input.identityKey);
    if (existing) return { id: existing.id, created: false, nfoSignature: existing.nfo_signature };
    const id = newId();
    this.s.insertItem.run({
      id,
      library_id: input.libraryId,
      kind: input.kind,
      parent_id: input.parentId,
      series_id: input.seriesId,
      identity_key: input.identityKey,
      root_id: input.rootId,
      folder: input.folder,
      title: input.title,
      sort_key: input.sortKey,
      now: nowIso(),
    });
    return { id, created: true, nfoSignature: null };
  }

  /** A moved file keeps its item: the item takes the identity of its new place, unless another item already has it. */
  relinkItem(id: string, libraryId: string, next: { identityKey: string; parentId: string | null; seriesId: string | null; folder: string | null }): boolean {
    const clash = this.s.itemByIdentity.get(libraryId, next.identityKey);
    if (clash && clash.id !== id) return false;
    this.s.relinkItem.run({ id, identity_key: next.identityKey, parent_id: next.parentId, series_id: next.seriesId, folder: next.folder });
    return true;
  }

  setMetadata(itemId: string, m: ItemMetadata): void {
    const row = this.s.itemById.get(itemId);
    if (!row) throw new Error(`no item ${itemId}`);
    let collectionId: string | null = null;
    if (m.collection) {
      const found = this.s.collectionByName.get(m.collection.name);
      if (found) collectionId = found.id;
      else {
        collectionId = newId();
        this.s.insertCollection.run(collectionId, m.collection.name, m.collection.overview ?? null);
      }
    }
    this.s.updateItemMeta.run({
      id: itemId,
      title: m.title,
      original_title: m.originalTitle ?? null,
      sort_key: m.sortKey,
      year: m.year ?? null,
      premiered: m.premiered ?? null,
      overview: m.overview ?? null,
      outline: m.outline ?? null,
      tagline: m.tagline ?? null,
      runtime_minutes: m.runtimeMinutes ?? null,
      content_rating: m.contentRating ?? null,
      status: m.status ?? null,
      season_number: m.seasonNumber ?? null,
      episode_number: m.episodeNumber ?? null,
      episode_end: m.episodeEnd ?? null,
      extra_type: m.extraType ?? null,
      collection_id: collectionId,
      provider_ids: JSON.stringify(m.providerIds),
      metadata_source: m.metadataSource,
      nfo_signature: m.nfoSignature ?? null,
      nfo_error: m.nfoError ?? null,
      languages: m.languages && m.languages.length > 0 ? JSON.stringify(m.languages) : null,
      now: nowIso(),
    });
    this.s.deleteItemTerms.run(itemId);
    const lists: Record<(typeof TERM_KINDS)[number], string[]> = {
      genre: m.genres,
      tag: m.tags,
      studio: m.studios,
      country: m.countries,
    };
    for (const kind of TERM_KINDS) {
      lists[kind].forEach((name, ord) => this.s.insertItemTerm.run(itemId, this.termId(kind, name), ord));
    }
    this.s.deleteRatings.run(itemId);
    for (const r of m.ratings) this.s.insertRating.run(itemId, r.source, r.value, r.max, r.votes ?? null);
    this.s.deleteCredits.run(itemId);
    const names: string[] = [];
    for (const c of m.credits) {
      const personId = this.ensurePerson(c.name);
      this.s.insertCredit.run(itemId, personId, c.role, c.character ?? null, c.order);
      names.push(c.name);
    }
    this.s.deleteFts.run(row.rowid);
    this.s.insertFts.run(row.rowid, m.title, m.originalTitle ?? null, names.join(' · '), m.overview ?? m.outline ?? null);
  }

  ensurePerson(name: string): string {
    const key = personKey(name);
    const found = this.s.personByKey.get(key);
    if (found) return found.id;
    const id = newId();
    this.s.insertPerson.run(id, name.trim(), key);
    return id;
  }

  private termId(kind: string, name: string): number {
    const found = this.s.termId.get(kind, name);
    if (found) return found.id;
    return Number(this.s.insertTerm.run(kind, name).lastInsertRowid);
  }

  // ── images ──

  setImage(itemId: string, kind: string, rootId: string, relPath: string, signature: string): void {
    this.s.upsertImage.run({ id: newId(), item_id: itemId, person_id: null, kind, root_id: rootId, rel_path: relPath, cache_path: null, signature });
  }

  setCachedImage(itemId: string, kind: string, cachePath: string, signature: string): void {
    this.s.upsertImage.run({ id: newId(), item_id: itemId, person_id: null, kind, root_id: null, rel_path: null, cache_path: cachePath, signature });
  }

  setPersonPhoto(personName: string, rootId: string, relPath: string, signature: string): void {
    const personId = this.ensurePerson(personName);
    this.s.upsertPersonImage.run({ id: newId(), person_id: personId, root_id: rootId, rel_path: relPath, signature });
  }

  // ── probes ──

  saveProbe(fileId: string, itemId: string | null, signature: string, result: ProbeResult): void {
    this.db.transaction(() => {
      this.s.updateFileProbe.run({
        id: fileId,
        container: result.container,
        duration: result.durationSeconds,
        start: result.startSeconds ?? null,
        bitrate: result.bitrate,
        state: 'ok',
        error: null,
        sig: signature,
      });
      this.s.deleteStreams.run(fileId);
      for (const st of result.streams) {
        this.s.insertStream.run(streamRow(fileId, st.index, st));
      }
      this.s.deleteChapters.run(fileId);
      result.chapters.forEach((c, i) => this.s.insertChapter.run(fileId, i, c.start, c.end, c.title));
      if (itemId) {
        const langs = [...new Set(result.streams.filter((s) => s.type === 'audio' && s.language).map((s) => s.language as string))];
        // Untagged tracks say nothing: then the NFO's languages, if any, stay.
        if (langs.length > 0) this.s.setItemLanguages.run(JSON.stringify(langs), itemId);
        if (result.durationSeconds) this.s.setItemRuntimeIfEmpty.run(Math.round(result.durationSeconds / 60) || 1, itemId);
      }
    })();
  }

  /** Sidecar subtitles are found by the walk, not the probe: they keep indexes from 1000 up so they never clash. */
  setSidecars(fileId: string, sidecars: ProbedStream[]): void {
    this.s.deleteSidecars.run(fileId);
    sidecars.forEach((st, i) => this.s.insertStream.run(streamRow(fileId, 1000 + i, { ...st, isExternal: true })));
  }

  saveProbeFailure(fileId: string, signature: string, error: string): void {
    this.s.updateFileProbe.run({ id: fileId, container: null, duration: null, start: null, bitrate: null, state: 'failed', error, sig: signature });
  }
}

export function fileSignature(size: number, mtimeMs: number): string {
  return `${size}:${Math.round(mtimeMs)}`;
}

function streamRow(fileId: string, idx: number, st: ProbedStream): Record<string, string | number | null> {
  return {
    file_id: fileId,
    idx,
    type: st.type,
    codec: st.codec,
    profile: st.profile ?? null,
    language: st.language ?? null,
    title: st.title ?? null,
    is_default: st.isDefault ? 1 : 0,
    is_forced: st.isForced ? 1 : 0,
    is_external: st.isExternal ? 1 : 0,
    is_hi: st.isHearingImpaired ? 1 : 0,
    external_path: st.externalPath ?? null,
    width: st.width ?? null,
    height: st.height ?? null,
    fps: st.fps ?? null,
    bit_depth: st.bitDepth ?? null,
    level: st.level ?? null,
    hdr: st.hdr ?? null,
    channels: st.channels ?? null,
    channel_layout: st.channelLayout ?? null,
    sample_rate: st.sampleRate ?? null,
    bitrate: st.bitrate ?? null,
  };
}
