// Reads for the home page: which titles and episodes each row holds, and the slideshow's facts.
// Rows are chosen by id here (ORDER BY … LIMIT) and dressed as summaries by CatalogueQueries,
// so no query walks more than a row needs at 20,000 titles.
import type { Db } from './open';
import type { HomeCard, HomeSlide, TopKind } from '../../shared/api';

const img = (id: string | null | undefined): string | null => (id ? `/img/${id}` : null);

/** Listed titles only: present, or an announced series with no episodes (as in catalogue-queries). */
const LISTED = `i.kind IN ('movie', 'series')
  AND (i.missing_since IS NULL OR i.kind = 'series' AND NOT EXISTS (SELECT 1 FROM items e WHERE e.series_id = i.id AND e.kind = 'episode'))`;

interface EpisodeCardRow {
  id: string;
  kind: 'movie' | 'episode';
  title: string;
  year: number | null;
  series_id: string | null;
  series_title: string | null;
  season_number: number | null;
  episode_number: number | null;
  image: string | null;
  placeholder: string | null;
  position: number | null;
  played: number | null;
  duration: number | null;
  runtime: number | null;
  file_id: string | null;
}

// One playable card (movie or episode) with its picture, progress and first file.
const CARD_COLUMNS = `i.id, i.kind, i.title, i.year, i.series_id, s.title AS series_title, i.season_number, i.episode_number,
  COALESCE(th.id, po.id) AS image, COALESCE(th.placeholder, po.placeholder, i.placeholder) AS placeholder,
  u.position_seconds AS position, u.played,
  (SELECT f.duration FROM files f WHERE f.item_id = i.id AND f.missing_since IS NULL ORDER BY f.part LIMIT 1) AS duration,
  i.runtime_minutes AS runtime,
  (SELECT f.id FROM files f WHERE f.item_id = i.id AND f.missing_since IS NULL ORDER BY f.part, f.rel_path LIMIT 1) AS file_id`;
const CARD_JOINS = `LEFT JOIN items s ON s.id = i.series_id
  LEFT JOIN images th ON th.item_id = i.id AND th.kind = 'thumb' AND i.kind = 'episode'
  LEFT JOIN images po ON po.item_id = i.id AND po.kind = 'poster' AND i.kind = 'movie'`;

function episodeSubtitle(row: EpisodeCardRow): string | null {
  if (row.kind !== 'episode') return row.year === null ? null : String(row.year);
  const code = [row.season_number !== null ? `S${row.season_number}` : null, row.episode_number !== null ? `E${row.episode_number}` : null]
    .filter(Boolean)
    .join(' · ');
  return code ? `${code} · ${row.title}` : row.title;
}

function toCard(row: EpisodeCardRow): HomeCard {
  const length = row.duration ?? (row.runtime ? row.runtime * 60 : null);
  const position = row.position ?? 0;
  const card: HomeCard = {
    id: row.id,
    kind: row.kind,
    // An episode is known by its series' name first, as on every streaming service.
    title: row.kind === 'episode' ? (row.series_title ?? row.title) : row.title,
    subtitle: episodeSubtitle(row),
    year: row.year,
    image: img(row.image),
    placeholder: row.placeholder || null,
    progress: position > 0 && length ? Math.min(1, position / length) : null,
    watched: row.played === 1,
  };
  if (row.series_id) card.seriesId = row.series_id;
  if (row.file_id) card.fileId = row.file_id;
  if (position > 0) card.positionSeconds = position;
  return card;
}

export class HomeQueries {
  constructor(private readonly db: Db) {}

  /** Movies and episodes begun and not finished, the most recently played first. */
  continueWatching(profileId: string, limit: number): HomeCard[] {
    return this.db
      .prepare<[string, number], EpisodeCardRow>(
        `SELECT ${CARD_COLUMNS} FROM user_data u JOIN items i ON i.id = u.item_id ${CARD_JOINS}
         WHERE u.profile_id = ? AND u.played = 0 AND u.position_seconds > 0 AND i.kind IN ('movie', 'episode') AND i.missing_since IS NULL
         ORDER BY u.last_played_at DESC LIMIT ?`,
      )
      .all(profileId, limit)
      .map(toCard);
  }

  /**
   * For each series watched lately, the episode after the last one watched, if it is not
   * watched and not begun (a begun one is in Continue watching already).
   */
  nextUp(profileId: string, limit: number): HomeCard[] {
    const series = this.db
      .prepare<[string, number], { series_id: string }>(
        `SELECT i.series_id FROM user_data u JOIN items i ON i.id = u.item_id AND i.kind = 'episode'
         WHERE u.profile_id = ? AND (u.played = 1 OR u.position_seconds > 0) GROUP BY i.series_id
         ORDER BY MAX(u.last_played_at) DESC LIMIT ?`,
      )
      .all(profileId, limit);
    const episodes = this.db.prepare<[string, string], EpisodeCardRow & { last_played_at: string | null }>(
      `SELECT ${CARD_COLUMNS}, u.last_played_at FROM items i ${CARD_JOINS}
       LEFT JOIN user_data u ON u.item_id = i.id AND u.profile_id = ?
       WHERE i.series_id = ? AND i.kind = 'episode' AND i.missing_since IS NULL
       ORDER BY i.season_number = 0, i.season_number, i.episode_number, i.premiered`,
    );
    const cards: HomeCard[] = [];
    for (const { series_id } of series) {
      const list = episodes.all(profileId, series_id);
      let last = -1;
      list.forEach((e, index) => {
        if (e.played === 1 || (e.position ?? 0) > 0) last = index;
      });
      const next = list.slice(last + 1).find((e) => e.played !== 1);
      if (next && !((next.position ?? 0) > 0)) cards.push(toCard(next));
    }
    return cards;
  }

  /** The episodes added last, newest first (then by air date). */
  latestEpisodes(profileId: string, limit: number): HomeCard[] {
    return this.db
      .prepare<[string, number], EpisodeCardRow>(
        `SELECT ${CARD_COLUMNS} FROM items i ${CARD_JOINS}
         LEFT JOIN user_data u ON u.item_id = i.id AND u.profile_id = ?
         WHERE i.kind = 'episode' AND i.missing_since IS NULL
         ORDER BY i.added_at DESC, i.premiered DESC, i.season_number DESC, i.episode_number DESC LIMIT ?`,
      )
      .all(profileId, limit)
      .map(toCard);
  }

  /** Ids of movies by release, newest first. */
  latestMovieIds(limit: number): string[] {
    return this.ids(`SELECT i.id FROM items i WHERE i.kind = 'movie' AND i.missing_since IS NULL
      ORDER BY COALESCE(i.premiered, i.year || '-12-31') DESC, i.sort_key LIMIT ?`, limit);
  }

  /** Ids of movies and series by the date they came into the library, newest first. */
  recentlyAddedIds(limit: number): string[] {
    return this.ids(`SELECT i.id FROM items i WHERE ${LISTED} ORDER BY i.added_at DESC, i.year DESC, i.sort_key LIMIT ?`, limit);
  }

  /** The most common genres with at least `minTitles` titles. */
  topGenres(minTitles: number, limit: number): { name: string; count: number }[] {
    return this.db
      .prepare<[number, number], { name: string; count: number }>(
        `SELECT t.name, COUNT(*) AS count FROM item_terms it JOIN terms t ON t.id = it.term_id AND t.kind = 'genre'
         JOIN items i ON i.id = it.item_id AND ${LISTED}
         GROUP BY t.id HAVING COUNT(*) >= ? ORDER BY count DESC, t.name LIMIT ?`,
      )
      .all(minTitles, limit);
  }

  /** A genre's titles, best rated first. */
  genreIds(genre: string, limit: number): string[] {
    return this.db
      .prepare<[string, number], { id: string }>(
        `SELECT i.id FROM item_terms it JOIN terms t ON t.id = it.term_id AND t.kind = 'genre' AND t.name = ?
         JOIN items i ON i.id = it.item_id AND ${LISTED}
         LEFT JOIN ratings r ON r.item_id = i.id AND r.source = 'imdb'
         ORDER BY r.value IS NULL, r.value DESC, i.sort_key LIMIT ?`,
      )
      .all(genre, limit)
      .map((r) => r.id);
  }

  /** Collections with two titles or more, and their titles in release order. */
  collections(limit: number): { id: string; name: string; itemIds: string[] }[] {
    const rows = this.db
      .prepare<[number], { id: string; name: string; ids: string }>(
        `SELECT c.id, c.name, json_group_array(i.id) AS ids FROM collections c
         JOIN (SELECT i.id, i.collection_id FROM items i WHERE ${LISTED} ORDER BY i.year, i.sort_key) i ON i.collection_id = c.id
         GROUP BY c.id HAVING COUNT(*) >= 2 ORDER BY c.name LIMIT ?`,
      )
      .all(limit);
    return rows.map((r) => ({ id: r.id, name: r.name, itemIds: JSON.parse(r.ids) as string[] }));
  }

  /** The newest titles that have a backdrop, with what a slide shows. */
  slides(profileId: string, limit: number): HomeSlide[] {
    const rows = this.db
      .prepare<[number], { id: string; kind: TopKind; title: string; year: number | null; overview: string | null; content_rating: string | null; backdrop: string; logo: string | null; placeholder: string | null; imdb: number | null }>(
        `SELECT i.id, i.kind, i.title, i.year, COALESCE(i.overview, i.outline) AS overview, i.content_rating,
           bd.id AS backdrop, lg.id AS logo, COALESCE(bd.placeholder, i.placeholder) AS placeholder, r.value AS imdb
         FROM items i JOIN images bd ON bd.item_id = i.id AND bd.kind = 'backdrop'
         LEFT JOIN images lg ON lg.item_id = i.id AND lg.kind = 'logo'
         LEFT JOIN ratings r ON r.item_id = i.id AND r.source = 'imdb'
         WHERE i.kind IN ('movie', 'series') AND i.missing_since IS NULL
         ORDER BY i.added_at DESC, COALESCE(i.premiered, i.year || '-12-31') DESC LIMIT ?`,
      )
      .all(limit);
    const genres = this.db.prepare<[string], { name: string }>(
      `SELECT t.name FROM item_terms it JOIN terms t ON t.id = it.term_id AND t.kind = 'genre' WHERE it.item_id = ? ORDER BY it.ord LIMIT 3`,
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      year: r.year,
      overview: r.overview,
      genres: genres.all(r.id).map((g) => g.name),
      imdb: r.imdb,
      contentRating: r.content_rating,
      backdrop: img(r.backdrop),
      logo: img(r.logo),
      placeholder: r.placeholder || null,
      play: this.playTarget(r.id, r.kind, profileId),
    }));
  }

  /** What Play starts for a title: the movie's file where it was left, or the series' next episode. */
  playTarget(itemId: string, kind: TopKind, profileId: string): HomeSlide['play'] {
    const row =
      kind === 'movie'
        ? this.db
            .prepare<[string, string], { item_id: string; file_id: string; position: number | null }>(
              `SELECT i.id AS item_id, f.id AS file_id, u.position_seconds AS position FROM items i
               JOIN files f ON f.item_id = i.id AND f.missing_since IS NULL
               LEFT JOIN user_data u ON u.item_id = i.id AND u.profile_id = ? AND u.played = 0
               WHERE i.id = ? ORDER BY f.part, f.rel_path LIMIT 1`,
            )
            .get(profileId, itemId)
        : this.db
            .prepare<[string, string], { item_id: string; file_id: string; position: number | null }>(
              `SELECT e.id AS item_id, f.id AS file_id, u.position_seconds AS position FROM items e
               JOIN files f ON f.item_id = e.id AND f.missing_since IS NULL
               LEFT JOIN user_data u ON u.item_id = e.id AND u.profile_id = ?
               WHERE e.series_id = ? AND e.kind = 'episode' AND COALESCE(u.played, 0) = 0
               ORDER BY e.season_number = 0, e.season_number, e.episode_number, f.part LIMIT 1`,
            )
            .get(profileId, itemId);
    return row ? { itemId: row.item_id, fileId: row.file_id, positionSeconds: row.position ?? 0 } : null;
  }

  private ids(sql: string, limit: number): string[] {
    return this.db.prepare<[number], { id: string }>(sql).all(limit).map((r) => r.id);
  }
}
