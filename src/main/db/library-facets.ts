// The compact facts the library page filters by and that a summary does not carry for its own
// sake: original title, subtitle languages, resolution and HDR of the best video, whether it is
// in progress, and the people (first billed actors, directors, writers) by index into one table.
// Read for every movie and series in a few set-wide queries, like CatalogueQueries.listItems.
import type { Db } from './open';
import type { ItemSummary, PersonRef } from '../../shared/api';
import { resolutionOf } from '../../shared/resolution';

/** Actors past this billing order are left out: search by them is rare and they are most of the credits. */
const ACTORS_PER_TITLE = 8;

type Facets = Pick<ItemSummary, 'originalTitle' | 'subtitleLanguages' | 'originalLanguage' | 'resolution' | 'hdr' | 'inProgress' | 'people'> & {
  /** A series' audio languages, from its episodes (a movie's are on the item row already). */
  seriesLanguages?: string[];
};

export interface LibraryFacets {
  byItem: Map<string, Facets>;
  people: PersonRef[];
}

export function libraryFacets(db: Db, profileId: string): LibraryFacets {
  const byItem = new Map<string, Facets>();
  const entry = (id: string): Facets => {
    let facets = byItem.get(id);
    if (!facets) byItem.set(id, (facets = {}));
    return facets;
  };

  for (const r of db
    .prepare<[], { id: string; original_title: string }>(
      `SELECT id, original_title FROM items WHERE kind IN ('movie', 'series') AND original_title IS NOT NULL
       AND original_title <> '' AND original_title <> title COLLATE NOCASE`,
    )
    .iterate()) {
    entry(r.id).originalTitle = r.original_title;
  }

  // A series' streams are its episodes' streams.
  const owner = `CASE WHEN i.kind = 'episode' THEN i.series_id ELSE i.id END`;
  for (const r of db
    .prepare<[], { owner: string; language: string }>(
      `SELECT DISTINCT ${owner} AS owner, s.language FROM streams s
       JOIN files f ON f.id = s.file_id AND f.missing_since IS NULL
       JOIN items i ON i.id = f.item_id AND i.kind IN ('movie', 'episode')
       WHERE s.type = 'subtitle' AND s.language IS NOT NULL AND s.language <> ''`,
    )
    .iterate()) {
    const facets = entry(r.owner);
    (facets.subtitleLanguages ??= []).push(r.language);
  }

  for (const r of db
    .prepare<[], { owner: string; language: string }>(
      `SELECT DISTINCT i.series_id AS owner, s.language FROM streams s
       JOIN files f ON f.id = s.file_id AND f.missing_since IS NULL
       JOIN items i ON i.id = f.item_id AND i.kind = 'episode'
       WHERE s.type = 'audio' AND s.language IS NOT NULL AND s.language <> '' AND s.language <> 'und'`,
    )
    .iterate()) {
    (entry(r.owner).seriesLanguages ??= []).push(r.language);
  }

  // The original language: the first audio track (by stream order) of the first present file, the
  // track releases put first; for a series, of its first episode. Without a language tag it is not known.
  for (const r of db
    .prepare<[], { owner: string; language: string }>(
      `SELECT owner, language FROM (
         SELECT ${owner} AS owner, s.language,
           ROW_NUMBER() OVER (PARTITION BY ${owner} ORDER BY i.season_number IS NULL, i.season_number = 0, i.season_number, i.episode_number, f.part, f.rel_path, s.is_external, s.idx) AS n
         FROM streams s JOIN files f ON f.id = s.file_id AND f.missing_since IS NULL
         JOIN items i ON i.id = f.item_id AND i.kind IN ('movie', 'episode')
         WHERE s.type = 'audio')
       WHERE n = 1 AND language IS NOT NULL AND language <> '' AND language <> 'und'`,
    )
    .iterate()) {
    entry(r.owner).originalLanguage = r.language;
  }

  for (const r of db
    .prepare<[], { owner: string; width: number | null; height: number | null; hdr: number }>(
      `SELECT ${owner} AS owner, MAX(s.width) AS width, MAX(s.height) AS height, MAX(s.hdr IS NOT NULL AND s.hdr <> '') AS hdr
       FROM streams s JOIN files f ON f.id = s.file_id AND f.missing_since IS NULL
       JOIN items i ON i.id = f.item_id AND i.kind IN ('movie', 'episode')
       WHERE s.type = 'video' GROUP BY owner`,
    )
    .iterate()) {
    const resolution = resolutionOf(r.width, r.height);
    const facets = entry(r.owner);
    if (resolution) facets.resolution = resolution;
    if (r.hdr === 1) facets.hdr = true;
  }

  // In progress: a movie with a position and not finished; a series with an episode begun, or some watched and some not.
  for (const r of db
    .prepare<[string], { owner: string }>(
      `SELECT DISTINCT ${owner} AS owner FROM user_data u JOIN items i ON i.id = u.item_id AND i.kind IN ('movie', 'episode')
       WHERE u.profile_id = ? AND u.played = 0 AND u.position_seconds > 0`,
    )
    .iterate(profileId)) {
    entry(r.owner).inProgress = true;
  }
  for (const r of db
    .prepare<[string], { series_id: string }>(
      `SELECT e.series_id FROM items e LEFT JOIN user_data u ON u.item_id = e.id AND u.profile_id = ?
       WHERE e.kind = 'episode' AND e.missing_since IS NULL GROUP BY e.series_id
       HAVING SUM(COALESCE(u.played, 0)) > 0 AND SUM(COALESCE(u.played, 0)) < COUNT(*)`,
    )
    .iterate(profileId)) {
    entry(r.series_id).inProgress = true;
  }

  // People: credits read in table order without joins or SQL sorting (140,000 rows at 20,000
  // titles: the join with people and items and the ORDER BY cost over a second); each title's list
  // is put in billing order here (actors by order, then directors, then writers), names looked up after.
  const topLevel = new Set(db.prepare<[], { id: string }>(`SELECT id FROM items WHERE kind IN ('movie', 'series')`).pluck().all() as unknown as string[]);
  const people: PersonRef[] = [];
  const personIndex = new Map<string, number>();
  const ranked = new Map<string, { index: number; rank: number }[]>();
  const ROLE_RANK: Record<string, number> = { actor: 0, director: 1_000_000, writer: 2_000_000 };
  for (const r of db
    .prepare<[number], { item_id: string; person_id: string; role: string; ord: number }>(
      `SELECT item_id, person_id, role, ord FROM credits WHERE role IN ('director', 'writer') OR (role = 'actor' AND ord < ?)`,
    )
    .iterate(ACTORS_PER_TITLE)) {
    if (!topLevel.has(r.item_id)) continue;
    let index = personIndex.get(r.person_id);
    if (index === undefined) {
      index = people.length;
      people.push({ id: r.person_id, name: '' });
      personIndex.set(r.person_id, index);
    }
    const rank = (ROLE_RANK[r.role] ?? 3_000_000) + r.ord;
    const list = ranked.get(r.item_id);
    if (list) list.push({ index, rank });
    else ranked.set(r.item_id, [{ index, rank }]);
  }
  for (const [itemId, list] of ranked) {
    list.sort((a, b) => a.rank - b.rank);
    const indexes: number[] = [];
    for (const { index } of list) if (!indexes.includes(index)) indexes.push(index);
    entry(itemId).people = indexes;
  }
  if (people.length > 0) {
    for (const p of db.prepare<[], { id: string; name: string }>('SELECT id, name FROM people').iterate()) {
      const index = personIndex.get(p.id);
      if (index !== undefined) (people[index] as PersonRef).name = p.name;
    }
  }

  return { byItem, people };
}
