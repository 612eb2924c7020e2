// The schema, as numbered migrations run in order at open. Never edit a shipped migration: add one.

/**
 * A column a migration adds. SQLite has no ADD COLUMN IF NOT EXISTS, so the runner adds it only when the
 * table lacks it: the step can run again on a database whose version was rolled back (tests do that to
 * replay a backfill). `backfill` runs only when the column was just added, so a rerun never resets values.
 */
export interface AddedColumn {
  table: string;
  column: string;
  definition: string;
  backfill?: string;
}

export interface Migration {
  version: number;
  name: string;
  /** Added before `sql` runs. */
  columns?: readonly AddedColumn[];
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'catalogue',
    sql: `
CREATE TABLE libraries (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('movies', 'shows', 'mixed')),
  poll_minutes INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_scan_at TEXT
);

CREATE TABLE library_roots (
  id TEXT PRIMARY KEY,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  is_network INTEGER NOT NULL DEFAULT 0,
  online INTEGER NOT NULL DEFAULT 1,
  last_error TEXT,
  UNIQUE (library_id, path)
);

-- A hash of each folder's entries (names, sizes, mtimes): an unchanged folder is skipped whole.
CREATE TABLE dirs (
  root_id TEXT NOT NULL REFERENCES library_roots(id) ON DELETE CASCADE,
  rel_path TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (root_id, rel_path)
) WITHOUT ROWID;

CREATE TABLE collections (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  overview TEXT
);

CREATE TABLE items (
  id TEXT PRIMARY KEY,
  library_id TEXT NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('movie', 'series', 'season', 'episode', 'extra')),
  parent_id TEXT REFERENCES items(id) ON DELETE CASCADE,
  series_id TEXT REFERENCES items(id) ON DELETE CASCADE,
  -- What makes this item the same item at the next scan (root + folder, series + season + episode…).
  identity_key TEXT NOT NULL,
  root_id TEXT REFERENCES library_roots(id) ON DELETE CASCADE,
  folder TEXT,
  title TEXT NOT NULL,
  original_title TEXT,
  sort_key TEXT NOT NULL,
  year INTEGER,
  premiered TEXT,
  overview TEXT,
  outline TEXT,
  tagline TEXT,
  runtime_minutes INTEGER,
  content_rating TEXT,
  status TEXT,
  season_number INTEGER,
  episode_number INTEGER,
  episode_end INTEGER,
  extra_type TEXT,
  collection_id TEXT REFERENCES collections(id) ON DELETE SET NULL,
  provider_ids TEXT NOT NULL DEFAULT '{}',
  languages TEXT NOT NULL DEFAULT '[]',
  placeholder TEXT,
  metadata_source TEXT NOT NULL DEFAULT 'path',
  -- size:mtime of the NFO last read, so an unchanged NFO is not parsed again.
  nfo_signature TEXT,
  nfo_error TEXT,
  added_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  missing_since TEXT,
  UNIQUE (library_id, identity_key)
);
CREATE INDEX items_top ON items (kind, sort_key) WHERE kind IN ('movie', 'series');
CREATE INDEX items_parent ON items (parent_id);
CREATE INDEX items_series ON items (series_id, season_number, episode_number);
CREATE INDEX items_added ON items (kind, added_at);
CREATE INDEX items_collection ON items (collection_id);

CREATE TABLE files (
  id TEXT PRIMARY KEY,
  item_id TEXT REFERENCES items(id) ON DELETE SET NULL,
  root_id TEXT NOT NULL REFERENCES library_roots(id) ON DELETE CASCADE,
  rel_path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  inode TEXT,
  part INTEGER,
  edition TEXT,
  container TEXT,
  duration REAL,
  bitrate INTEGER,
  probe_state TEXT NOT NULL DEFAULT 'pending' CHECK (probe_state IN ('pending', 'ok', 'failed')),
  probe_error TEXT,
  -- size:mtime the probe saw: a changed file is probed again.
  probe_signature TEXT,
  added_at TEXT NOT NULL,
  missing_since TEXT,
  UNIQUE (root_id, rel_path)
);
CREATE INDEX files_item ON files (item_id);
CREATE INDEX files_probe ON files (probe_state) WHERE probe_state = 'pending';

CREATE TABLE streams (
  file_id TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('video', 'audio', 'subtitle')),
  codec TEXT NOT NULL,
  profile TEXT,
  language TEXT,
  title TEXT,
  is_default INTEGER NOT NULL DEFAULT 0,
  is_forced INTEGER NOT NULL DEFAULT 0,
  is_external INTEGER NOT NULL DEFAULT 0,
  is_hi INTEGER NOT NULL DEFAULT 0,
  external_path TEXT,
  width INTEGER,
  height INTEGER,
  fps REAL,
  bit_depth INTEGER,
  level INTEGER,
  hdr TEXT,
  channels INTEGER,
  channel_layout TEXT,
  sample_rate INTEGER,
  bitrate INTEGER,
  PRIMARY KEY (file_id, idx)
) WITHOUT ROWID;

CREATE TABLE chapters (
  file_id TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start REAL NOT NULL,
  end REAL NOT NULL,
  title TEXT,
  PRIMARY KEY (file_id, idx)
) WITHOUT ROWID;

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  photo_image_id TEXT
);

CREATE TABLE credits (
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  character TEXT,
  ord INTEGER NOT NULL
);
CREATE INDEX credits_item ON credits (item_id, ord);
CREATE INDEX credits_person ON credits (person_id);

-- Genres, tags, studios and countries: one vocabulary table, one link table.
CREATE TABLE terms (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('genre', 'tag', 'studio', 'country')),
  name TEXT NOT NULL COLLATE NOCASE,
  UNIQUE (kind, name)
);
CREATE TABLE item_terms (
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  term_id INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  PRIMARY KEY (item_id, term_id)
) WITHOUT ROWID;
CREATE INDEX item_terms_term ON item_terms (term_id);

CREATE TABLE ratings (
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  value REAL NOT NULL,
  max REAL NOT NULL,
  votes INTEGER,
  PRIMARY KEY (item_id, source)
) WITHOUT ROWID;

CREATE TABLE images (
  id TEXT PRIMARY KEY,
  item_id TEXT REFERENCES items(id) ON DELETE CASCADE,
  person_id TEXT REFERENCES people(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  -- A local file under a library root, or a file in the cache dir (grabbed frames).
  root_id TEXT REFERENCES library_roots(id) ON DELETE CASCADE,
  rel_path TEXT,
  cache_path TEXT,
  signature TEXT,
  placeholder TEXT,
  CHECK ((rel_path IS NOT NULL AND root_id IS NOT NULL) OR cache_path IS NOT NULL)
);
CREATE UNIQUE INDEX images_item_kind ON images (item_id, kind) WHERE item_id IS NOT NULL;
CREATE UNIQUE INDEX images_person ON images (person_id, kind) WHERE person_id IS NOT NULL;

CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
INSERT INTO profiles (id, name) VALUES ('default', 'Family');

CREATE TABLE user_data (
  profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  position_seconds REAL NOT NULL DEFAULT 0,
  played INTEGER NOT NULL DEFAULT 0,
  play_count INTEGER NOT NULL DEFAULT 0,
  last_played_at TEXT,
  favourite INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (profile_id, item_id)
) WITHOUT ROWID;
CREATE INDEX user_data_recent ON user_data (profile_id, last_played_at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Full-text search; rowid is the items rowid so a row is replaced without a scan.
CREATE VIRTUAL TABLE items_fts USING fts5 (
  title, original_title, people, overview,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
  },
  {
    version: 2,
    name: 'a folder row for every folder that holds a file',
    // Rescans now load file rows folder by folder, for the folders that changed or vanished; a file
    // whose folder has no row would never be seen to go. rtrim(p, p-without-slashes) is p's folder with its '/'.
    sql: `
INSERT OR IGNORE INTO dirs (root_id, rel_path, signature)
SELECT DISTINCT root_id,
  CASE WHEN instr(rel_path, '/') = 0 THEN ''
       ELSE substr(rtrim(rel_path, replace(rel_path, '/', '')), 1, length(rtrim(rel_path, replace(rel_path, '/', ''))) - 1) END,
  ''
FROM files;
`,
  },
  {
    version: 3,
    name: 'settings: when each section was last written',
    // The settings table (made empty in 1) holds one row per section, key = section name, value = its
    // JSON: a section is read and written whole and validated in src/shared/settings.ts, so a new field
    // needs no migration. Rebuilt rather than ALTERed, so the step can run again on a database whose
    // version was rolled back (ADD COLUMN would fail on the column it already added).
    sql: `
CREATE TABLE settings_v3 (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT
);
INSERT INTO settings_v3 (key, value) SELECT key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_v3 RENAME TO settings;
`,
  },
  {
    version: 4,
    name: 'media segments: intros, recaps, credits and previews, and the season analyses that found them',
    // One row per item, kind and source: an analysis replaces only its own sources, so a segment the user
    // marked (source 'user') survives every rescan; the API shows one segment per kind, the best source first.
    // segment_analyses remembers which files a group (a season, or a film) was analysed with, so an
    // unchanged group is never decoded again. IF NOT EXISTS: the step can run again on a database whose
    // version was rolled back.
    sql: `
CREATE TABLE IF NOT EXISTS media_segments (
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('intro', 'recap', 'credits', 'preview')),
  source TEXT NOT NULL CHECK (source IN ('chapter', 'fingerprint', 'black-frames', 'user')),
  start_seconds REAL NOT NULL CHECK (start_seconds >= 0),
  end_seconds REAL NOT NULL CHECK (end_seconds > start_seconds),
  confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (item_id, kind, source)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS segment_analyses (
  group_id TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  signature TEXT NOT NULL,
  analysed_at TEXT NOT NULL,
  episodes INTEGER NOT NULL,
  intros INTEGER NOT NULL,
  credits INTEGER NOT NULL,
  notes TEXT NOT NULL DEFAULT '[]'
);
`,
  },
  {
    version: 5,
    name: 'online metadata: match state, lock and trailers per item',
    // One row per movie, series or episode the online providers have seen (no row: nothing online is known,
    // the state is `local`). Its own table, so a rescan that rewrites an item from its name or NFO keeps the
    // match and its lock; IF NOT EXISTS so the step can run again after a version rollback.
    // name_title/name_year: what the file name said before a provider's title replaced it, so a rescan
    // compares names with names.
    sql: `
CREATE TABLE IF NOT EXISTS item_metadata (
  item_id TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'matched', 'needs-match', 'locked')),
  provider TEXT,
  provider_id TEXT,
  score REAL,
  name_title TEXT,
  name_year INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  retry_at TEXT,
  last_error TEXT,
  applied_at TEXT,
  replace_images INTEGER NOT NULL DEFAULT 0,
  videos TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS item_metadata_state ON item_metadata (state);
`,
  },
  {
    version: 6,
    name: 'a polling interval per library folder',
    // A library may mix local folders (watched) and shares (polled), and two shares on different NASes
    // want different intervals: each root gets its own, starting at what its library had. The library's
    // column stays: it is the interval new roots start at and what PATCH { pollMinutes } sets for all.
    // last_poll_at: when this share alone was last read, so after a restart its next poll is due on time.
    columns: [
      {
        table: 'library_roots',
        column: 'poll_minutes',
        definition: 'INTEGER NOT NULL DEFAULT 0',
        backfill: 'UPDATE library_roots SET poll_minutes = (SELECT l.poll_minutes FROM libraries l WHERE l.id = library_roots.library_id)',
      },
      {
        table: 'library_roots',
        column: 'last_poll_at',
        definition: 'TEXT',
        backfill: 'UPDATE library_roots SET last_poll_at = (SELECT l.last_scan_at FROM libraries l WHERE l.id = library_roots.library_id)',
      },
    ],
    sql: '',
  },
  {
    version: 7,
    name: 'online metadata: person and collection details from TMDB',
    // People had only a name and a photo, collections a name and an overview: TMDB's person/{id} and
    // collection/{id} fill these columns where they are empty (what a local source set is never replaced).
    // tmdb_id links a row to the provider's; details_at says when it was last asked (null: not yet), so the
    // low-priority pass asks each once per cache age. Collection art lives in images, like items' and people's.
    columns: [
      { table: 'people', column: 'tmdb_id', definition: 'TEXT' },
      { table: 'people', column: 'biography', definition: 'TEXT' },
      { table: 'people', column: 'birthday', definition: 'TEXT' },
      { table: 'people', column: 'deathday', definition: 'TEXT' },
      { table: 'people', column: 'place_of_birth', definition: 'TEXT' },
      { table: 'people', column: 'known_for_department', definition: 'TEXT' },
      { table: 'people', column: 'also_known_as', definition: "TEXT NOT NULL DEFAULT '[]'" },
      { table: 'people', column: 'details_at', definition: 'TEXT' },
      { table: 'collections', column: 'tmdb_id', definition: 'TEXT' },
      { table: 'collections', column: 'details_at', definition: 'TEXT' },
      { table: 'images', column: 'collection_id', definition: 'TEXT REFERENCES collections(id) ON DELETE CASCADE' },
    ],
    sql: `
CREATE UNIQUE INDEX IF NOT EXISTS images_collection ON images (collection_id, kind) WHERE collection_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS people_tmdb_pending ON people (tmdb_id) WHERE tmdb_id IS NOT NULL AND details_at IS NULL;
`,
  },
  {
    version: 8,
    name: "the library list's own change counter",
    // The library list, its object form and the home rows (GET /api/v1/catalogue, /items, /home) are kept
    // encoded between requests (src/main/catalogue/list-cache.ts) and must be built again after a change
    // they show, and only then. SQLite's total_changes() and data_version move at every write, so while
    // the background wrote rows the list never shows (segment analyses, retry bookkeeping, a share's poll
    // time) every list request rebuilt it, at 20,000 titles in 1 to 2.5 s. Here one row counts the writes
    // the list can show, bumped by triggers: any insert or delete in a table the list reads, and an update
    // only when a column the list reads changes (a rescan that rewrites a title as it was counts nothing).
    // Triggers run for every connection (a CLI scan beside the server), and a fresh SELECT sees their
    // commits, so the counter alone says when a kept list is out of date. `epoch` is random per catalogue,
    // so a list saved to disk at count n is never taken for another catalogue's count n (a restored backup).
    // Columns read, by table (catalogue-queries.ts listItems, library-facets.ts, home-queries.ts):
    //   items: id kind series_id title original_title sort_key year premiered overview outline runtime_minutes
    //          content_rating season_number episode_number collection_id languages placeholder added_at missing_since
    //   files: id item_id rel_path part duration missing_since       streams: file_id idx type language width height hdr is_external
    //   people: id name     credits: item_id person_id role ord      terms: id kind name     item_terms: item_id term_id ord
    //   ratings: item_id source value      images (of items only): id item_id kind placeholder      collections: id name
    //   user_data: profile_id item_id position_seconds played last_played_at      item_metadata: item_id state
    // Not read, so not counted: chapters, dirs, libraries, library_roots, media_segments, segment_analyses,
    // settings, profiles, items_fts, and every other column above (people's TMDB details, a file's probe
    // state and size, a title's NFO signature…). A query that starts reading one must add it here, by a migration.
    // IF NOT EXISTS: the step can run again on a database whose version was rolled back.
    sql: `
CREATE TABLE IF NOT EXISTS list_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL,
  -- Which catalogue the counter counts: a list kept on disk is only this catalogue's at this count.
  epoch TEXT NOT NULL DEFAULT (lower(hex(randomblob(8))))
);
INSERT OR IGNORE INTO list_version (id, n) VALUES (1, 0);
${listTriggers({
  items: ['id', 'kind', 'series_id', 'title', 'original_title', 'sort_key', 'year', 'premiered', 'overview', 'outline', 'runtime_minutes', 'content_rating', 'season_number', 'episode_number', 'collection_id', 'languages', 'placeholder', 'added_at', 'missing_since'],
  files: ['id', 'item_id', 'rel_path', 'part', 'duration', 'missing_since'],
  streams: ['file_id', 'idx', 'type', 'language', 'width', 'height', 'hdr', 'is_external'],
  people: ['id', 'name'],
  credits: ['item_id', 'person_id', 'role', 'ord'],
  terms: ['id', 'kind', 'name'],
  item_terms: ['item_id', 'term_id', 'ord'],
  ratings: ['item_id', 'source', 'value'],
  images: ['id', 'item_id', 'kind', 'placeholder'],
  collections: ['id', 'name'],
  user_data: ['profile_id', 'item_id', 'position_seconds', 'played', 'last_played_at'],
  item_metadata: ['item_id', 'state'],
})}`,
  },
  {
    version: 9,
    name: "where a file's timeline starts",
    // MPEG-TS recordings start at their broadcast clock (1.4 s when ffmpeg wrote them, hours when a tuner
    // did); playback puts such a file's first moment at 0 (ffmpeg's -start_at_zero), and the keyframes it
    // cuts at with it. Files already read that might have an offset are read again; so are MPEG-TS files
    // whose probe failed, since the bundled ffprobe crashed on every one of them (ffmpeg reads them now).
    columns: [
      {
        table: 'files',
        column: 'start_seconds',
        definition: 'REAL',
        backfill: `UPDATE files SET probe_state = 'pending' WHERE container IN ('ts', 'mpeg', 'mpegps')
          OR (probe_state = 'failed' AND (lower(rel_path) LIKE '%.ts' OR lower(rel_path) LIKE '%.m2ts' OR lower(rel_path) LIKE '%.mts'))`,
      },
    ],
    sql: '',
  },
  {
    version: 10,
    name: 'sidecar subtitles named by what they hold',
    // A VobSub pair (Film.idx + Film.sub) was listed as two tracks, 'idx' and 'sub', neither of which could be
    // shown, and a lone .sub (MicroDVD text, the other format of that name) was taken for a picture track.
    // Now the pair is one dvd_subtitle track named by its .idx (ffmpeg's vobsub demuxer reads the .sub beside
    // it), an .idx without its pictures is no track, a lone .sub is 'microdvd' text and .smi is 'sami'. The
    // scanner writes them so from now on; this puts the rows already kept right without a rescan.
    // Paths are compared without their last four characters (".idx", ".sub"), as the scanner pairs stems.
    sql: `
DELETE FROM streams WHERE is_external = 1 AND codec = 'idx' AND NOT EXISTS (
  SELECT 1 FROM streams t WHERE t.file_id = streams.file_id AND t.is_external = 1 AND t.codec = 'sub'
    AND lower(substr(t.external_path, 1, length(t.external_path) - 4)) = lower(substr(streams.external_path, 1, length(streams.external_path) - 4)));
DELETE FROM streams WHERE is_external = 1 AND codec = 'sub' AND EXISTS (
  SELECT 1 FROM streams t WHERE t.file_id = streams.file_id AND t.is_external = 1 AND t.codec = 'idx'
    AND lower(substr(t.external_path, 1, length(t.external_path) - 4)) = lower(substr(streams.external_path, 1, length(streams.external_path) - 4)));
UPDATE streams SET codec = 'dvd_subtitle' WHERE is_external = 1 AND codec = 'idx';
UPDATE streams SET codec = 'microdvd' WHERE is_external = 1 AND codec = 'sub';
UPDATE streams SET codec = 'sami' WHERE is_external = 1 AND codec = 'smi';
`,
  },
];

/**
 * The triggers of migration 8: per table, one that counts inserts, one deletes, one updates that change
 * one of `columns`. Images count only when they belong to an item (person photos and collection art are not
 * in the list). Written out here once; a later change to what the list reads is a new migration, never an
 * edit of this list.
 */
function listTriggers(tables: Readonly<Record<string, readonly string[]>>): string {
  const bump = 'UPDATE list_version SET n = n + 1 WHERE id = 1;';
  const out: string[] = [];
  for (const [table, columns] of Object.entries(tables)) {
    const rowOf = (row: 'NEW' | 'OLD'): string => (table === 'images' ? ` WHEN ${row}.item_id IS NOT NULL` : '');
    const changed = columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
    const updateWhen = table === 'images' ? `(OLD.item_id IS NOT NULL OR NEW.item_id IS NOT NULL) AND (${changed})` : changed;
    out.push(
      `CREATE TRIGGER IF NOT EXISTS list_${table}_insert AFTER INSERT ON ${table}${rowOf('NEW')} BEGIN ${bump} END;`,
      `CREATE TRIGGER IF NOT EXISTS list_${table}_delete AFTER DELETE ON ${table}${rowOf('OLD')} BEGIN ${bump} END;`,
      `CREATE TRIGGER IF NOT EXISTS list_${table}_update AFTER UPDATE OF ${columns.join(', ')} ON ${table} WHEN ${updateWhen} BEGIN ${bump} END;`,
    );
  }
  return out.join('\n');
}
