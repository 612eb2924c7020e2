// Reads of the catalogue for the API: the item list, one item's page, people, search, user data.
import { join } from 'node:path';
import type { Db } from './open';
import type {
  Credit,
  CreditRole,
  EpisodeSummary,
  ExtraSummary,
  Images,
  ItemDetail,
  ItemKind,
  ItemSummary,
  ItemsResponse,
  Library,
  MediaFile,
  MediaStream,
  MetadataState,
  PersonDetail,
  Rating,
  SearchResponse,
  SeasonDetail,
  UserData,
} from '../../shared/api';
import { nowIso } from './ids';
import { libraryFacets } from './library-facets';
import { explainMatch } from './search-match';

const img = (id: string | null | undefined): string | null => (id ? `/img/${id}` : null);

interface ItemRow {
  rowid: number;
  id: string;
  library_id: string;
  kind: ItemKind;
  parent_id: string | null;
  series_id: string | null;
  title: string;
  original_title: string | null;
  sort_key: string;
  year: number | null;
  premiered: string | null;
  overview: string | null;
  tagline: string | null;
  runtime_minutes: number | null;
  content_rating: string | null;
  status: string | null;
  season_number: number | null;
  episode_number: number | null;
  episode_end: number | null;
  extra_type: string | null;
  collection_id: string | null;
  provider_ids: string;
  languages: string;
  placeholder: string | null;
  added_at: string;
  missing_since: string | null;
}

/** What the catalogue lists: present movies and series, and series announced with no episodes yet. */
const LISTED = `kind IN ('movie', 'series')
  AND (missing_since IS NULL OR kind = 'series' AND NOT EXISTS (SELECT 1 FROM items e WHERE e.series_id = items.id AND e.kind = 'episode'))`;

type SummaryRow = Pick<ItemRow, 'id' | 'kind' | 'title' | 'sort_key' | 'year' | 'languages' | 'content_rating' | 'runtime_minutes' | 'added_at' | 'placeholder' | 'missing_since'> & { metadata_state: Exclude<MetadataState, 'local'> | null };

interface UserRow {
  item_id: string;
  position_seconds: number;
  played: number;
  play_count: number;
  last_played_at: string | null;
  favourite: number;
}

const NO_USER_DATA: UserData = { positionSeconds: 0, played: false, playCount: 0, lastPlayedAt: null, favourite: false };

function userData(row: UserRow | undefined): UserData {
  if (!row) return NO_USER_DATA;
  return {
    positionSeconds: row.position_seconds,
    played: row.played === 1,
    playCount: row.play_count,
    lastPlayedAt: row.last_played_at,
    favourite: row.favourite === 1,
  };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export interface FileSource {
  id: string;
  itemId: string | null;
  path: string;
  rootPath: string;
  size: number;
  container: string | null;
  probe: 'pending' | 'ok' | 'failed';
  signature: string;
  durationSeconds: number | null;
  /** Where the container's timeline starts (see migration 9); 0 when unknown. */
  startSeconds: number;
  streams: MediaStream[];
}

export interface SubtitleSource {
  file: FileSource;
  codec: string;
  /** The sidecar file, for an external track; null for a track inside the video. */
  sidecarPath: string | null;
}

export class CatalogueQueries {
  constructor(private readonly db: Db) {}

  /** How many movies and series the catalogue shows, without building their summaries. */
  countItems(): number {
    return this.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM items WHERE ${LISTED}`).get()?.n ?? 0;
  }

  /**
   * Every movie and series (or just `only` of them) in one pass: a handful of queries joined in memory,
   * not one per item. Only the columns a summary shows are read: `SELECT *` with the plots made the
   * 10,000-title list six times slower.
   */
  listItems(profileId = 'default', only?: readonly string[]): ItemSummary[] {
    const ids = only ? JSON.stringify(only) : null;
    // With `only`, every query keeps to those ids; json_each takes the list as one bound value.
    const forIds = (column: string): string => (ids === null ? '' : ` AND ${column} IN (SELECT value FROM json_each(@ids))`);
    const bind: Record<string, string> = ids === null ? { profile: profileId } : { profile: profileId, ids };
    const rows = this.db
      .prepare<Record<string, string>, SummaryRow>(
        `SELECT id, kind, title, sort_key, year, languages, content_rating, runtime_minutes, added_at, placeholder, missing_since,
           (SELECT m.state FROM item_metadata m WHERE m.item_id = items.id) AS metadata_state
         FROM items WHERE ${LISTED}${forIds('id')} ORDER BY sort_key`,
      )
      .all(bind);
    // Genres and ratings are read without joining items or sorting in SQL: the lookups below are
    // made for listed titles only, and a join plus ORDER BY over 40,000 rows cost most of a second.
    const genreNames = new Map<number, string>();
    for (const t of this.db.prepare<[], { id: number; name: string }>(`SELECT id, name FROM terms WHERE kind = 'genre'`).iterate()) {
      genreNames.set(t.id, t.name);
    }
    const genreLinks = new Map<string, { name: string; ord: number }[]>();
    for (const g of this.db
      .prepare<Record<string, string>, { item_id: string; term_id: number; ord: number }>(
        `SELECT item_id, term_id, ord FROM item_terms WHERE term_id IN (SELECT id FROM terms WHERE kind = 'genre')${forIds('item_id')}`,
      )
      .iterate(bind)) {
      const name = genreNames.get(g.term_id);
      if (name === undefined) continue;
      const list = genreLinks.get(g.item_id);
      if (list) list.push({ name, ord: g.ord });
      else genreLinks.set(g.item_id, [{ name, ord: g.ord }]);
    }
    const genres = new Map<string, string[]>();
    for (const [itemId, links] of genreLinks) genres.set(itemId, links.sort((a, b) => a.ord - b.ord).map((l) => l.name));
    const ratings = new Map<string, ItemSummary['ratings']>();
    for (const r of this.db
      .prepare<Record<string, string>, { item_id: string; source: string; value: number }>(
        `SELECT item_id, source, value FROM ratings WHERE source IN ('imdb', 'metacritic')${forIds('item_id')}`,
      )
      .iterate(bind)) {
      const entry = ratings.get(r.item_id) ?? {};
      if (r.source === 'imdb') entry.imdb = r.value;
      else entry.metascore = r.value;
      ratings.set(r.item_id, entry);
    }
    const posters = new Map<string, { id: string; placeholder: string | null }>();
    for (const p of this.db
      .prepare<Record<string, string>, { item_id: string; id: string; placeholder: string | null }>(
        `SELECT im.item_id, im.id, im.placeholder FROM images im JOIN items i ON i.id = im.item_id AND i.kind IN ('movie', 'series')
         WHERE im.kind = 'poster'${forIds('im.item_id')}`,
      )
      .iterate(bind)) {
      posters.set(p.item_id, { id: p.id, placeholder: p.placeholder || null });
    }
    const watched = new Set<string>();
    for (const u of this.db
      .prepare<Record<string, string>, { item_id: string }>(`SELECT item_id FROM user_data WHERE profile_id = @profile AND played = 1${forIds('item_id')}`)
      .iterate(bind)) {
      watched.add(u.item_id);
    }
    const episodeCounts = new Map<string, { total: number; unwatched: number }>();
    for (const e of this.db
      .prepare<Record<string, string>, { series_id: string; total: number; played: number }>(
        `SELECT e.series_id, COUNT(*) AS total, SUM(COALESCE(u.played, 0)) AS played FROM items e
         LEFT JOIN user_data u ON u.item_id = e.id AND u.profile_id = @profile
         WHERE e.kind = 'episode' AND e.missing_since IS NULL${forIds('e.series_id')} GROUP BY e.series_id`,
      )
      .iterate(bind)) {
      episodeCounts.set(e.series_id, { total: e.total, unwatched: e.total - e.played });
    }
    return rows.map((r) => {
      const poster = posters.get(r.id);
      const counts = episodeCounts.get(r.id);
      const summary: ItemSummary = {
        id: r.id,
        kind: r.kind as 'movie' | 'series',
        title: r.title,
        sortKey: r.sort_key,
        year: r.year,
        genres: genres.get(r.id) ?? [],
        ratings: ratings.get(r.id) ?? {},
        languages: parseJson<string[]>(r.languages, []),
        contentRating: r.content_rating,
        runtimeMinutes: r.runtime_minutes,
        addedAt: r.added_at,
        poster: img(poster?.id),
        placeholder: poster?.placeholder ?? r.placeholder,
        watched: r.kind === 'series' ? counts !== undefined && counts.total > 0 && counts.unwatched === 0 : watched.has(r.id),
        missing: r.missing_since !== null,
        metadataState: r.metadata_state ?? 'local',
      };
      if (r.kind === 'series') summary.episodeCount = counts?.total ?? 0;
      return summary;
    });
  }

  /** The library page's list: every summary with the compact facts its filters need (see library-facets.ts). */
  catalogue(profileId = 'default'): ItemsResponse {
    const items = this.listItems(profileId);
    const { byItem, people } = libraryFacets(this.db, profileId);
    for (const item of items) {
      const facets = byItem.get(item.id);
      if (!facets) continue;
      const { seriesLanguages, ...rest } = facets;
      Object.assign(item, rest);
      if (seriesLanguages && item.languages.length === 0) item.languages = seriesLanguages;
    }
    return { items, people };
  }

  itemRow(id: string): ItemRow | undefined {
    return this.db.prepare<[string], ItemRow>('SELECT rowid, * FROM items WHERE id = ?').get(id);
  }

  itemDetail(id: string, profileId = 'default'): ItemDetail | null {
    const r = this.itemRow(id);
    if (!r) return null;
    const terms = this.db
      .prepare<[string], { kind: string; name: string }>(
        'SELECT t.kind, t.name FROM item_terms it JOIN terms t ON t.id = it.term_id WHERE it.item_id = ? ORDER BY it.ord',
      )
      .all(id);
    const pick = (kind: string): string[] => terms.filter((t) => t.kind === kind).map((t) => t.name);
    const ratings: Rating[] = this.db
      .prepare<[string], { source: string; value: number; max: number; votes: number | null }>(
        'SELECT source, value, max, votes FROM ratings WHERE item_id = ? ORDER BY source',
      )
      .all(id)
      .map((x) => ({ source: x.source === 'metacritic' ? 'metascore' : x.source, value: x.value, max: x.max, votes: x.votes }));
    const credits: Credit[] = this.db
      .prepare<[string], { person_id: string; name: string; role: CreditRole; character: string | null; ord: number; photo: string | null }>(
        `SELECT c.person_id, p.name, c.role, c.character, c.ord, im.id AS photo
         FROM credits c JOIN people p ON p.id = c.person_id
         LEFT JOIN images im ON im.person_id = p.id AND im.kind = 'photo'
         WHERE c.item_id = ? ORDER BY c.ord`,
      )
      .all(id)
      .map((c) => ({ personId: c.person_id, name: c.name, role: c.role, character: c.character, order: c.ord, photo: img(c.photo) }));
    const images = this.imagesOf(id);
    const coll = r.collection_id
      ? this.db
          .prepare<[string], { id: string; name: string; overview: string | null; poster: string | null; backdrop: string | null }>(
            `SELECT c.id, c.name, c.overview, p.id AS poster, b.id AS backdrop FROM collections c
             LEFT JOIN images p ON p.collection_id = c.id AND p.kind = 'poster'
             LEFT JOIN images b ON b.collection_id = c.id AND b.kind = 'backdrop' WHERE c.id = ?`,
          )
          .get(r.collection_id)
      : undefined;
    const collection = coll?.name ?? null;
    const detail: ItemDetail = {
      id: r.id,
      kind: r.kind,
      title: r.title,
      originalTitle: r.original_title,
      sortKey: r.sort_key,
      year: r.year,
      premiered: r.premiered,
      overview: r.overview,
      tagline: r.tagline,
      runtimeMinutes: r.runtime_minutes,
      contentRating: r.content_rating,
      status: r.status,
      ratings,
      genres: pick('genre'),
      tags: pick('tag'),
      studios: pick('studio'),
      countries: pick('country'),
      collection,
      collectionDetails: coll ? { id: coll.id, name: coll.name, overview: coll.overview || null, poster: img(coll.poster), backdrop: img(coll.backdrop) } : null,
      providerIds: parseJson<Record<string, string>>(r.provider_ids, {}),
      credits,
      extras: this.extrasOf(id),
      images,
      placeholder: r.placeholder,
      files: this.filesOf(id),
      addedAt: r.added_at,
      missing: r.missing_since !== null,
      userData: userData(this.userRows([id], profileId).get(id)),
      ...this.metadataFacts(id),
    };
    if (r.kind === 'series') detail.seasons = this.seasonsOf(id, profileId);
    if (r.kind === 'episode') {
      if (r.series_id) detail.seriesId = r.series_id;
      detail.seasonNumber = r.season_number;
      detail.episodeNumber = r.episode_number;
    }
    return detail;
  }

  /** Online metadata's state and trailer links (table item_metadata; an episode answers for its series). */
  private metadataFacts(itemId: string): { metadataState: MetadataState; trailers: ItemDetail['trailers'] } {
    const row = this.db
      .prepare<[string], { state: Exclude<MetadataState, 'local'>; videos: string }>(
        'SELECT m.state, m.videos FROM items i JOIN item_metadata m ON m.item_id = COALESCE(i.series_id, i.id) WHERE i.id = ?',
      )
      .get(itemId);
    return row ? { metadataState: row.state, trailers: parseJson<ItemDetail['trailers']>(row.videos, []) } : { metadataState: 'local', trailers: [] };
  }

  private imagesOf(itemId: string): Images {
    const rows = this.db.prepare<[string], { id: string; kind: string }>('SELECT id, kind FROM images WHERE item_id = ?').all(itemId);
    const find = (kind: string): string | null => img(rows.find((x) => x.kind === kind)?.id);
    return { poster: find('poster'), backdrop: find('backdrop'), thumb: find('thumb'), logo: find('logo'), banner: find('banner') };
  }

  private extrasOf(itemId: string): ExtraSummary[] {
    return this.db
      .prepare<[string], { id: string; title: string; extra_type: string | null; duration: number | null; file_id: string | null; thumb: string | null }>(
        `SELECT x.id, x.title, x.extra_type, f.duration, f.id AS file_id, im.id AS thumb
         FROM items x LEFT JOIN files f ON f.item_id = x.id AND f.missing_since IS NULL
         LEFT JOIN images im ON im.item_id = x.id AND im.kind = 'thumb'
         WHERE x.parent_id = ? AND x.kind = 'extra' AND x.missing_since IS NULL GROUP BY x.id ORDER BY x.extra_type, x.sort_key`,
      )
      .all(itemId)
      .map((x) => ({ id: x.id, title: x.title, extraType: x.extra_type ?? 'extra', durationSeconds: x.duration, fileId: x.file_id, thumb: img(x.thumb) }));
  }

  filesOf(itemId: string): MediaFile[] {
    const files = this.db
      .prepare<[string], { id: string; rel_path: string; part: number | null; edition: string | null; container: string | null; size: number; duration: number | null; bitrate: number | null; probe_state: MediaFile['probe']; probe_error: string | null; missing_since: string | null }>(
        `SELECT id, rel_path, part, edition, container, size, duration, bitrate, probe_state, probe_error, missing_since
         FROM files WHERE item_id = ? ORDER BY missing_since IS NOT NULL, part, rel_path`,
      )
      .all(itemId);
    return files.map((f) => ({
      id: f.id,
      name: f.rel_path.split('/').pop() ?? f.rel_path,
      part: f.part,
      edition: f.edition,
      container: f.container,
      sizeBytes: f.size,
      durationSeconds: f.duration,
      bitrate: f.bitrate,
      probe: f.probe_state,
      probeError: f.probe_error,
      missing: f.missing_since !== null,
      streams: this.streamsOf(f.id),
      chapters: this.db
        .prepare<[string], { start: number; end: number; title: string | null }>('SELECT start, end, title FROM chapters WHERE file_id = ? ORDER BY idx')
        .all(f.id),
    }));
  }

  streamsOf(fileId: string): MediaStream[] {
    return this.db
      .prepare<[string], Record<string, number | string | null>>('SELECT * FROM streams WHERE file_id = ? ORDER BY idx')
      .all(fileId)
      .map((s) => ({
        index: s.idx as number,
        type: s.type as MediaStream['type'],
        codec: s.codec as string,
        profile: s.profile as string | null,
        language: s.language as string | null,
        title: s.title as string | null,
        isDefault: s.is_default === 1,
        isForced: s.is_forced === 1,
        isExternal: s.is_external === 1,
        isHearingImpaired: s.is_hi === 1,
        width: s.width as number | null,
        height: s.height as number | null,
        fps: s.fps as number | null,
        bitDepth: s.bit_depth as number | null,
        level: s.level as number | null,
        hdr: s.hdr as string | null,
        channels: s.channels as number | null,
        channelLayout: s.channel_layout as string | null,
        sampleRate: s.sample_rate as number | null,
        bitrate: s.bitrate as number | null,
      }));
  }

  private userRows(ids: string[], profileId: string): Map<string, UserRow> {
    const map = new Map<string, UserRow>();
    if (ids.length === 0) return map;
    const stmt = this.db.prepare<[string, string], UserRow>('SELECT * FROM user_data WHERE profile_id = ? AND item_id = ?');
    for (const id of ids) {
      const row = stmt.get(profileId, id);
      if (row) map.set(id, row);
    }
    return map;
  }

  private seasonsOf(seriesId: string, profileId: string): SeasonDetail[] {
    const seasons = this.db
      .prepare<[string], { id: string; title: string; season_number: number | null; overview: string | null; poster: string | null }>(
        `SELECT s.id, s.title, s.season_number, s.overview, im.id AS poster FROM items s
         LEFT JOIN images im ON im.item_id = s.id AND im.kind = 'poster'
         WHERE s.parent_id = ? AND s.kind = 'season' ORDER BY s.season_number = 0, s.season_number`,
      )
      .all(seriesId);
    const episodes = this.db
      .prepare<[string], ItemRow & { thumb: string | null; thumb_placeholder: string | null }>(
        `SELECT e.rowid, e.*, im.id AS thumb, im.placeholder AS thumb_placeholder FROM items e
         LEFT JOIN images im ON im.item_id = e.id AND im.kind = 'thumb'
         WHERE e.series_id = ? AND e.kind = 'episode' ORDER BY e.season_number, e.episode_number, e.premiered, e.sort_key`,
      )
      .all(seriesId);
    const fileIds = new Map<string, string[]>();
    // The length of the file a row plays (its first), for its progress bar and Resume.
    const durations = new Map<string, number | null>();
    for (const f of this.db
      .prepare<[string], { id: string; item_id: string; duration: number | null }>(
        `SELECT f.id, f.item_id, f.duration FROM files f JOIN items e ON e.id = f.item_id WHERE e.series_id = ? AND f.missing_since IS NULL ORDER BY f.part, f.rel_path`,
      )
      .iterate(seriesId)) {
      const list = fileIds.get(f.item_id);
      if (list) list.push(f.id);
      else {
        fileIds.set(f.item_id, [f.id]);
        durations.set(f.item_id, f.duration);
      }
    }
    const users = this.userRows(episodes.map((e) => e.id), profileId);
    const toEpisode = (e: (typeof episodes)[number]): EpisodeSummary => ({
      id: e.id,
      season: e.season_number,
      episode: e.episode_number,
      episodeEnd: e.episode_end,
      title: e.title,
      overview: e.overview,
      airDate: e.premiered,
      runtimeMinutes: e.runtime_minutes,
      durationSeconds: durations.get(e.id) ?? null,
      thumb: img(e.thumb),
      placeholder: e.thumb_placeholder || e.placeholder,
      fileIds: fileIds.get(e.id) ?? [],
      missing: e.missing_since !== null,
      userData: userData(users.get(e.id)),
    });
    const result: SeasonDetail[] = seasons.map((s) => ({
      id: s.id,
      number: s.season_number,
      title: s.title,
      overview: s.overview,
      poster: img(s.poster),
      episodes: episodes.filter((e) => e.parent_id === s.id).map(toEpisode),
    }));
    const loose = episodes.filter((e) => e.parent_id === seriesId);
    if (loose.length > 0) result.push({ id: seriesId, number: null, title: 'Episodes', overview: null, poster: null, episodes: loose.map(toEpisode) });
    return result;
  }

  person(id: string): PersonDetail | null {
    const p = this.db
      .prepare<[string], { id: string; name: string; photo: string | null; biography: string | null; birthday: string | null; deathday: string | null; place_of_birth: string | null; known_for_department: string | null; also_known_as: string }>(
        `SELECT p.id, p.name, im.id AS photo, p.biography, p.birthday, p.deathday, p.place_of_birth, p.known_for_department, p.also_known_as
         FROM people p LEFT JOIN images im ON im.person_id = p.id AND im.kind = 'photo' WHERE p.id = ?`,
      )
      .get(id);
    if (!p) return null;
    const credits = this.db
      .prepare<[string], { item_id: string; kind: ItemKind; title: string; year: number | null; role: CreditRole; character: string | null; poster: string | null; placeholder: string | null; series_id: string | null; series_title: string | null }>(
        `SELECT i.id AS item_id, i.kind, i.title, i.year, c.role, c.character, im.id AS poster, COALESCE(im.placeholder, i.placeholder) AS placeholder, i.series_id,
           s.title AS series_title
         FROM credits c JOIN items i ON i.id = c.item_id LEFT JOIN items s ON s.id = i.series_id
         LEFT JOIN images im ON im.item_id = i.id AND im.kind = 'poster'
         WHERE c.person_id = ? AND i.missing_since IS NULL ORDER BY i.year DESC, i.sort_key`,
      )
      .all(id);
    return {
      id: p.id,
      name: p.name,
      photo: img(p.photo),
      biography: p.biography,
      birthday: p.birthday,
      deathday: p.deathday,
      placeOfBirth: p.place_of_birth,
      knownForDepartment: p.known_for_department,
      alsoKnownAs: parseJson<string[]>(p.also_known_as, []),
      credits: credits.map((c) => ({
        itemId: c.item_id,
        kind: c.kind,
        title: c.title,
        year: c.year,
        role: c.role,
        character: c.character,
        poster: img(c.poster),
        placeholder: c.placeholder || null,
        ...(c.series_id ? { seriesId: c.series_id, seriesTitle: c.series_title ?? undefined } : {}),
      })),
    };
  }

  search(q: string, limit = 30): SearchResponse {
    // Each word becomes a prefix query; quotes keep FTS5 syntax out of users' hands.
    const words = q
      .split(/\s+/)
      .map((w) => w.replace(/"/g, ''))
      .filter(Boolean)
      .map((w) => `"${w}"*`);
    const response: SearchResponse = { query: q, movies: [], series: [], episodes: [], people: [] };
    if (words.length === 0) return response;
    const match = words.join(' ');
    // char(1)/char(2) around each matched token: explainMatch reads them to say why a title was found.
    const hits = this.db
      .prepare<[string, number], { id: string; kind: ItemKind; h_title: string | null; h_original: string | null; h_people: string | null; s_overview: string | null }>(
        `SELECT i.id, i.kind,
           highlight(items_fts, 0, char(1), char(2)) AS h_title,
           highlight(items_fts, 1, char(1), char(2)) AS h_original,
           highlight(items_fts, 2, char(1), char(2)) AS h_people,
           snippet(items_fts, 3, char(1), char(2), '…', 12) AS s_overview
         FROM items_fts JOIN items i ON i.rowid = items_fts.rowid
         WHERE items_fts MATCH ? AND i.missing_since IS NULL AND i.kind IN ('movie', 'series', 'episode') ORDER BY rank LIMIT ?`,
      )
      .all(match, limit * 3);
    const matchOf = (h: (typeof hits)[number]) => explainMatch(q, { title: h.h_title, originalTitle: h.h_original, people: h.h_people, overview: h.s_overview });
    const summaries = new Map(this.listItemsByIds(hits.filter((h) => h.kind !== 'episode').map((h) => h.id)).map((s) => [s.id, s]));
    for (const h of hits) {
      const s = summaries.get(h.id);
      if (s?.kind === 'movie' && response.movies.length < limit) response.movies.push({ ...s, match: matchOf(h) });
      if (s?.kind === 'series' && response.series.length < limit) response.series.push({ ...s, match: matchOf(h) });
    }
    const episodeHits = hits.filter((h) => h.kind === 'episode').slice(0, limit);
    const epStmt = this.db.prepare<[string], { id: string; series_id: string; title: string; series_title: string; season_number: number | null; episode_number: number | null }>(
      `SELECT e.id, e.series_id, e.title, s.title AS series_title, e.season_number, e.episode_number FROM items e JOIN items s ON s.id = e.series_id WHERE e.id = ?`,
    );
    for (const h of episodeHits) {
      const e = epStmt.get(h.id);
      if (e) response.episodes.push({ id: e.id, seriesId: e.series_id, title: e.title, seriesTitle: e.series_title, season: e.season_number, episode: e.episode_number, match: matchOf(h) });
    }
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    response.people = this.db
      .prepare<[string, number], { id: string; name: string; photo: string | null; credits: number }>(
        `SELECT p.id, p.name, im.id AS photo, (SELECT COUNT(*) FROM credits c WHERE c.person_id = p.id) AS credits
         FROM people p LEFT JOIN images im ON im.person_id = p.id AND im.kind = 'photo'
         WHERE p.name LIKE ? ESCAPE '\\' ORDER BY credits DESC, p.name LIMIT ?`,
      )
      .all(like, limit)
      .map((p) => ({ id: p.id, name: p.name, photo: img(p.photo), credits: p.credits }));
    return response;
  }

  private listItemsByIds(ids: string[]): ItemSummary[] {
    return ids.length === 0 ? [] : this.listItems('default', ids);
  }

  libraries(): Library[] {
    const libs = this.db
      .prepare<[], { id: string; name: string; type: Library['type']; poll_minutes: number; last_scan_at: string | null; item_count: number }>(
        `SELECT l.id, l.name, l.type, l.poll_minutes, l.last_scan_at,
           (SELECT COUNT(*) FROM items i WHERE i.library_id = l.id AND i.kind IN ('movie', 'series') AND i.missing_since IS NULL) AS item_count
         FROM libraries l ORDER BY l.created_at`,
      )
      .all();
    const roots = this.db
      .prepare<[], { id: string; library_id: string; path: string; online: number; last_error: string | null; is_network: number; poll_minutes: number }>(
        'SELECT id, library_id, path, online, last_error, is_network, poll_minutes FROM library_roots ORDER BY path',
      )
      .all();
    return libs.map((l) => ({
      id: l.id,
      name: l.name,
      type: l.type,
      pollMinutes: l.poll_minutes,
      lastScanAt: l.last_scan_at,
      itemCount: l.item_count,
      roots: roots
        .filter((r) => r.library_id === l.id)
        .map((r) => ({ id: r.id, path: r.path, online: r.online === 1, lastError: r.last_error, isNetwork: r.is_network === 1, pollMinutes: r.poll_minutes })),
    }));
  }

  /** Where an image is, and the library root it must lie in (null: it is in our cache). */
  imageFile(imageId: string): { path: string; signature: string; rootPath: string | null } | null {
    const row = this.db
      .prepare<[string], { rel_path: string | null; cache_path: string | null; root_path: string | null; signature: string | null }>(
        `SELECT i.rel_path, i.cache_path, r.path AS root_path, i.signature FROM images i
         LEFT JOIN library_roots r ON r.id = i.root_id WHERE i.id = ?`,
      )
      .get(imageId);
    if (!row) return null;
    const path = row.cache_path ?? (row.root_path && row.rel_path ? join(row.root_path, row.rel_path) : null);
    return path ? { path, signature: row.signature ?? '', rootPath: row.cache_path ? null : row.root_path } : null;
  }

  fileSource(fileId: string): FileSource | null {
    const row = this.db
      .prepare<[string], { id: string; item_id: string | null; rel_path: string; root_path: string; size: number; mtime_ms: number; container: string | null; probe_state: FileSource['probe']; duration: number | null; start_seconds: number | null }>(
        `SELECT f.id, f.item_id, f.rel_path, r.path AS root_path, f.size, f.mtime_ms, f.container, f.probe_state, f.duration, f.start_seconds
         FROM files f JOIN library_roots r ON r.id = f.root_id WHERE f.id = ? AND f.missing_since IS NULL`,
      )
      .get(fileId);
    if (!row) return null;
    return {
      id: row.id,
      itemId: row.item_id,
      path: join(row.root_path, row.rel_path),
      rootPath: row.root_path,
      size: row.size,
      container: row.container,
      probe: row.probe_state,
      signature: `${row.size}:${row.mtime_ms}`,
      durationSeconds: row.duration,
      startSeconds: row.start_seconds ?? 0,
      streams: this.streamsOf(row.id),
    };
  }

  /** A subtitle stream of a file: the video it belongs to, and for a sidecar its own file (both under the root). */
  subtitleSource(fileId: string, index: number): SubtitleSource | null {
    const file = this.fileSource(fileId);
    if (!file) return null;
    const row = this.db
      .prepare<[string, number], { codec: string; is_external: number; external_path: string | null }>(
        "SELECT codec, is_external, external_path FROM streams WHERE file_id = ? AND idx = ? AND type = 'subtitle'",
      )
      .get(fileId, index);
    if (!row) return null;
    return {
      file,
      codec: row.codec,
      sidecarPath: row.is_external === 1 && row.external_path ? join(file.rootPath, row.external_path) : null,
    };
  }

  saveProgress(itemId: string, positionSeconds: number, played: boolean | undefined, profileId = 'default'): void {
    this.db
      .prepare(
        `INSERT INTO user_data (profile_id, item_id, position_seconds, played, play_count, last_played_at)
         VALUES (@profile, @item, @pos, @played, @played, @now)
         ON CONFLICT (profile_id, item_id) DO UPDATE SET
           position_seconds = @pos,
           played = CASE WHEN @playedSet THEN @played ELSE played END,
           play_count = play_count + CASE WHEN @playedSet AND @played = 1 AND played = 0 THEN 1 ELSE 0 END,
           last_played_at = @now`,
      )
      .run({ profile: profileId, item: itemId, pos: positionSeconds, played: played ? 1 : 0, playedSet: played === undefined ? 0 : 1, now: nowIso() });
  }
}
