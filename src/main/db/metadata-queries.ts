// Reads and writes of online metadata's own state (table item_metadata, migration 5; person and collection
// details, migration 7) and the item facts the metadata fetcher needs: which titles wait, what an item holds
// now, its episodes and images.
import type { Db } from './open';
import { nowIso } from './ids';
import { personKey, type ItemMetadata, type CreditRoleName } from './library-store';
import type { MetadataState, TrailerLink } from '../../shared/api';

export type StoredState = Exclude<MetadataState, 'local'>;

export interface MetadataRow {
  item_id: string;
  state: StoredState;
  provider: string | null;
  provider_id: string | null;
  score: number | null;
  name_title: string | null;
  name_year: number | null;
  attempts: number;
  retry_at: string | null;
  last_error: string | null;
  applied_at: string | null;
  replace_images: number;
}

export interface WorkItem extends MetadataRow {
  kind: 'movie' | 'series';
  library_id: string;
  title: string;
  original_title: string | null;
  year: number | null;
  provider_ids: string;
  metadata_source: 'nfo' | 'path';
  updated_at: string;
}

export class MetadataQueries {
  constructor(private readonly db: Db) {}

  /** Every listed movie and series without a row gets one, waiting. Returns how many. */
  markNewAsWaiting(libraryId?: string): number {
    return this.db
      .prepare(
        `INSERT INTO item_metadata (item_id, state) SELECT id, 'waiting' FROM items
         WHERE kind IN ('movie', 'series') AND missing_since IS NULL ${libraryId ? 'AND library_id = @lib' : ''}
           AND NOT EXISTS (SELECT 1 FROM item_metadata m WHERE m.item_id = items.id)`,
      )
      .run(libraryId ? { lib: libraryId } : {}).changes;
  }

  /** The language or country changed: every match is applied again (from the cache where it can be). */
  reapplyAll(): void {
    this.db.prepare(`UPDATE item_metadata SET applied_at = NULL WHERE state IN ('matched', 'locked')`).run();
  }

  /** A new key (or a provider back): what waited or needed a match is tried again now. Matches stay. */
  retryAllNow(): void {
    this.db.prepare(`UPDATE item_metadata SET state = 'waiting', retry_at = NULL, attempts = 0 WHERE state IN ('waiting', 'needs-match')`).run();
  }

  /** No provider any more: what was only waiting is plainly local again. What was matched keeps its data. */
  forgetWaiting(): void {
    this.db.prepare(`DELETE FROM item_metadata WHERE state IN ('waiting', 'needs-match')`).run();
  }

  /** Titles to work on: waiting ones whose retry time has come, and matched ones a rescan rewrote since. */
  due(libraryId: string | null, now = nowIso()): WorkItem[] {
    return this.db
      .prepare<Record<string, string | null>, WorkItem>(
        `SELECT m.*, i.kind, i.library_id, i.title, i.original_title, i.year, i.provider_ids, i.metadata_source, i.updated_at
         FROM item_metadata m JOIN items i ON i.id = m.item_id
         WHERE i.missing_since IS NULL AND i.kind IN ('movie', 'series') AND (@lib IS NULL OR i.library_id = @lib)
           AND ((m.state = 'waiting' AND (m.retry_at IS NULL OR m.retry_at <= @now))
             OR (m.state IN ('matched', 'locked') AND (m.applied_at IS NULL OR i.updated_at > m.applied_at
               OR EXISTS (SELECT 1 FROM items e WHERE e.series_id = i.id AND e.kind = 'episode' AND e.updated_at > m.applied_at))))
         ORDER BY i.kind, i.sort_key`,
      )
      .all({ lib: libraryId, now });
  }

  work(itemId: string): WorkItem | undefined {
    return this.db
      .prepare<[string], WorkItem>(
        `SELECT m.*, i.kind, i.library_id, i.title, i.original_title, i.year, i.provider_ids, i.metadata_source, i.updated_at
         FROM item_metadata m JOIN items i ON i.id = m.item_id WHERE m.item_id = ?`,
      )
      .get(itemId);
  }

  ensureRow(itemId: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO item_metadata (item_id, state) VALUES (?, 'waiting')`).run(itemId);
  }

  nextRetryAt(): string | null {
    return this.db.prepare<[], { at: string | null }>(`SELECT MIN(retry_at) AS at FROM item_metadata WHERE state = 'waiting'`).get()?.at ?? null;
  }

  setOutcome(itemId: string, o: { state: StoredState; provider?: string | null; providerId?: string | null; score?: number | null; error?: string | null; retryAt?: string | null; nameTitle?: string | null; nameYear?: number | null; applied?: boolean; replaceImages?: boolean; videos?: TrailerLink[] }): void {
    const cur = this.db.prepare<[string], MetadataRow>('SELECT * FROM item_metadata WHERE item_id = ?').get(itemId);
    const failed = o.error !== undefined && o.error !== null;
    this.db
      .prepare(
        `INSERT INTO item_metadata (item_id, state, provider, provider_id, score, name_title, name_year, attempts, retry_at, last_error, applied_at, replace_images, videos)
         VALUES (@id, @state, @provider, @pid, @score, @nt, @ny, @attempts, @retry, @err, @applied, @ri, @videos)
         ON CONFLICT (item_id) DO UPDATE SET state = excluded.state, provider = excluded.provider, provider_id = excluded.provider_id,
           score = excluded.score, name_title = excluded.name_title, name_year = excluded.name_year, attempts = excluded.attempts,
           retry_at = excluded.retry_at, last_error = excluded.last_error, applied_at = excluded.applied_at,
           replace_images = excluded.replace_images, videos = excluded.videos`,
      )
      .run({
        id: itemId,
        state: o.state,
        provider: o.provider !== undefined ? o.provider : (cur?.provider ?? null),
        pid: o.providerId !== undefined ? o.providerId : (cur?.provider_id ?? null),
        score: o.score !== undefined ? o.score : (cur?.score ?? null),
        nt: o.nameTitle !== undefined ? o.nameTitle : (cur?.name_title ?? null),
        ny: o.nameYear !== undefined ? o.nameYear : (cur?.name_year ?? null),
        attempts: failed ? (cur?.attempts ?? 0) + 1 : 0,
        retry: o.retryAt ?? null,
        err: o.error ?? null,
        applied: o.applied ? nowIso() : (cur?.applied_at ?? null),
        ri: o.replaceImages !== undefined ? (o.replaceImages ? 1 : 0) : (cur?.replace_images ?? 0),
        videos: o.videos ? JSON.stringify(o.videos) : (this.db.prepare<[string], { videos: string }>('SELECT videos FROM item_metadata WHERE item_id = ?').get(itemId)?.videos ?? '[]'),
      });
  }

  /** An item's metadata as the store would write it, read back from the tables. */
  current(itemId: string): ItemMetadata | null {
    const r = this.db
      .prepare<[string], { title: string; original_title: string | null; sort_key: string; year: number | null; premiered: string | null; overview: string | null; outline: string | null; tagline: string | null; runtime_minutes: number | null; content_rating: string | null; status: string | null; season_number: number | null; episode_number: number | null; episode_end: number | null; extra_type: string | null; provider_ids: string; collection: string | null; metadata_source: 'nfo' | 'path'; nfo_signature: string | null; nfo_error: string | null }>(
        `SELECT i.*, c.name AS collection FROM items i LEFT JOIN collections c ON c.id = i.collection_id WHERE i.id = ?`,
      )
      .get(itemId);
    if (!r) return null;
    const terms = this.db
      .prepare<[string], { kind: string; name: string }>('SELECT t.kind, t.name FROM item_terms it JOIN terms t ON t.id = it.term_id WHERE it.item_id = ? ORDER BY it.ord')
      .all(itemId);
    const pick = (k: string): string[] => terms.filter((t) => t.kind === k).map((t) => t.name);
    let providerIds: Record<string, string> = {};
    try {
      providerIds = JSON.parse(r.provider_ids) as Record<string, string>;
    } catch {
      providerIds = {};
    }
    return {
      title: r.title,
      originalTitle: r.original_title ?? undefined,
      sortKey: r.sort_key,
      year: r.year ?? undefined,
      premiered: r.premiered ?? undefined,
      overview: r.overview ?? undefined,
      outline: r.outline ?? undefined,
      tagline: r.tagline ?? undefined,
      runtimeMinutes: r.runtime_minutes ?? undefined,
      contentRating: r.content_rating ?? undefined,
      status: r.status ?? undefined,
      seasonNumber: r.season_number ?? undefined,
      episodeNumber: r.episode_number ?? undefined,
      episodeEnd: r.episode_end ?? undefined,
      extraType: r.extra_type ?? undefined,
      providerIds,
      collection: r.collection ? { name: r.collection } : undefined,
      genres: pick('genre'),
      tags: pick('tag'),
      studios: pick('studio'),
      countries: pick('country'),
      ratings: this.db
        .prepare<[string], { source: string; value: number; max: number; votes: number | null }>('SELECT source, value, max, votes FROM ratings WHERE item_id = ?')
        .all(itemId)
        .map((x) => ({ source: x.source, value: x.value, max: x.max, votes: x.votes ?? undefined })),
      credits: this.db
        .prepare<[string], { name: string; role: CreditRoleName; character: string | null; ord: number }>(
          'SELECT p.name, c.role, c.character, c.ord FROM credits c JOIN people p ON p.id = c.person_id WHERE c.item_id = ? ORDER BY c.ord',
        )
        .all(itemId)
        .map((c) => ({ name: c.name, role: c.role, character: c.character ?? undefined, order: c.ord })),
      metadataSource: r.metadata_source,
      nfoSignature: r.nfo_signature,
      nfoError: r.nfo_error,
    };
  }

  /** Rewriting an item through the store moves updated_at; this keeps what the scanner last wrote comparable. */
  episodesOf(seriesId: string): { id: string; season: number; episode: number; updatedAt: string }[] {
    return this.db
      .prepare<[string], { id: string; season: number; episode: number; updatedAt: string }>(
        `SELECT id, season_number AS season, episode_number AS episode, updated_at AS updatedAt FROM items
         WHERE series_id = ? AND kind = 'episode' AND season_number IS NOT NULL AND episode_number IS NOT NULL AND missing_since IS NULL`,
      )
      .all(seriesId);
  }

  image(itemId: string, kind: string): { id: string; root_id: string | null; cache_path: string | null } | undefined {
    return this.db
      .prepare<[string, string], { id: string; root_id: string | null; cache_path: string | null }>('SELECT id, root_id, cache_path FROM images WHERE item_id = ? AND kind = ?')
      .get(itemId, kind);
  }

  personWithoutPhoto(personName: string): string | null {
    const row = this.db
      .prepare<[string], { id: string }>(
        `SELECT p.id FROM people p WHERE p.name = ? AND NOT EXISTS (SELECT 1 FROM images i WHERE i.person_id = p.id AND i.kind = 'photo')`,
      )
      .get(personName);
    return row?.id ?? null;
  }

  personHasPhoto(personId: string): boolean {
    return this.db.prepare<[string], { n: number }>(`SELECT 1 AS n FROM images WHERE person_id = ? AND kind = 'photo'`).get(personId) !== undefined;
  }

  setPersonPhoto(personId: string, imageId: string, cachePath: string, signature: string): void {
    this.db
      .prepare(
        `INSERT INTO images (id, person_id, kind, cache_path, signature) VALUES (?, ?, 'photo', ?, ?)
         ON CONFLICT (person_id, kind) WHERE person_id IS NOT NULL DO NOTHING`,
      )
      .run(imageId, personId, cachePath, signature);
  }

  /** Ties the people credited on an item to the provider's ids, by name; an id already known stays. */
  linkPeople(itemId: string, people: { name: string; tmdbId: string }[]): void {
    const link = this.db.prepare(
      `UPDATE people SET tmdb_id = ? WHERE name_key = ? AND tmdb_id IS NULL
         AND EXISTS (SELECT 1 FROM credits c WHERE c.person_id = people.id AND c.item_id = ?)`,
    );
    for (const p of people) link.run(p.tmdbId, personKey(p.name), itemId);
  }

  /** Ties the item's collection to the provider's, when the provider names it the same (an NFO's own set stays its own). */
  linkCollection(itemId: string, name: string, tmdbId: string): void {
    this.db
      .prepare(
        `UPDATE collections SET tmdb_id = @tmdb WHERE tmdb_id IS NULL AND name = @name
           AND id = (SELECT collection_id FROM items WHERE id = @item)`,
      )
      .run({ tmdb: tmdbId, name, item: itemId });
  }

  /** People and collections linked to the provider but never asked about yet, a batch at a time. */
  peopleDue(limit: number): { id: string; tmdbId: string }[] {
    return this.db
      .prepare<[number], { id: string; tmdbId: string }>(
        `SELECT id, tmdb_id AS tmdbId FROM people WHERE tmdb_id IS NOT NULL AND details_at IS NULL ORDER BY name_key LIMIT ?`,
      )
      .all(limit);
  }

  collectionsDue(limit: number): { id: string; tmdbId: string }[] {
    return this.db
      .prepare<[number], { id: string; tmdbId: string }>(
        `SELECT id, tmdb_id AS tmdbId FROM collections WHERE tmdb_id IS NOT NULL AND details_at IS NULL ORDER BY name LIMIT ?`,
      )
      .all(limit);
  }

  /** Fills only what is empty: a biography or date that a local source gave is never replaced. */
  fillPerson(personId: string, d: { biography: string | null; birthday: string | null; deathday: string | null; placeOfBirth: string | null; knownForDepartment: string | null; alsoKnownAs: string[] } | null): void {
    this.db
      .prepare(
        `UPDATE people SET details_at = @now,
           biography = COALESCE(biography, @bio), birthday = COALESCE(birthday, @born), deathday = COALESCE(deathday, @died),
           place_of_birth = COALESCE(place_of_birth, @place), known_for_department = COALESCE(known_for_department, @dept),
           also_known_as = CASE WHEN also_known_as = '[]' THEN @aka ELSE also_known_as END
         WHERE id = @id`,
      )
      .run({
        id: personId,
        now: nowIso(),
        bio: d?.biography ?? null,
        born: d?.birthday ?? null,
        died: d?.deathday ?? null,
        place: d?.placeOfBirth ?? null,
        dept: d?.knownForDepartment ?? null,
        aka: JSON.stringify(d?.alsoKnownAs ?? []),
      });
  }

  fillCollection(collectionId: string, d: { overview: string | null } | null): void {
    this.db
      .prepare(`UPDATE collections SET details_at = @now, overview = COALESCE(NULLIF(TRIM(overview), ''), @overview) WHERE id = @id`)
      .run({ id: collectionId, now: nowIso(), overview: d?.overview ?? null });
  }

  collectionImage(collectionId: string, kind: 'poster' | 'backdrop'): { id: string; cache_path: string | null } | undefined {
    return this.db
      .prepare<[string, string], { id: string; cache_path: string | null }>('SELECT id, cache_path FROM images WHERE collection_id = ? AND kind = ?')
      .get(collectionId, kind);
  }

  setCollectionImage(collectionId: string, kind: 'poster' | 'backdrop', imageId: string, cachePath: string, signature: string): void {
    this.db
      .prepare(
        `INSERT INTO images (id, collection_id, kind, cache_path, signature) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (collection_id, kind) WHERE collection_id IS NOT NULL DO UPDATE SET cache_path = excluded.cache_path, signature = excluded.signature, placeholder = NULL`,
      )
      .run(imageId, collectionId, kind, cachePath, signature);
  }

  counts(): Record<StoredState, number> {
    const out: Record<StoredState, number> = { waiting: 0, matched: 0, 'needs-match': 0, locked: 0 };
    for (const r of this.db
      .prepare<[], { state: StoredState; n: number }>(
        `SELECT m.state, COUNT(*) AS n FROM item_metadata m JOIN items i ON i.id = m.item_id WHERE i.kind IN ('movie', 'series') GROUP BY m.state`,
      )
      .all()) out[r.state] = r.n;
    return out;
  }
}
