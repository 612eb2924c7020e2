// The posters a heading collage is made of, for one scope of the catalogue: all titles, movies,
// series, one genre, or one person's titles. Read-only.
import { join } from 'node:path';
import type { Db } from './open';

export type CollageScope =
  | { kind: 'all' }
  | { kind: 'movies' }
  | { kind: 'series' }
  | { kind: 'genre'; name: string }
  | { kind: 'person'; id: string };

export interface CollagePoster {
  imageId: string;
  path: string;
  /** Where the image may be read from: its library root, or null for the cache dir. */
  rootPath: string | null;
  signature: string;
  placeholder: string | null;
}

export interface CollageSource {
  posters: CollagePoster[];
  /** Placeholder colours of the scope's titles, for a collage with no posters at all. */
  colours: string[];
  /** Titles in the scope, posters or not (0: nothing to show). */
  titles: number;
}

const LISTED = `i.kind IN ('movie', 'series') AND i.missing_since IS NULL`;

function scopeFilter(scope: CollageScope): { sql: string; params: string[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: '', params: [] };
    case 'movies':
      return { sql: ` AND i.kind = 'movie'`, params: [] };
    case 'series':
      return { sql: ` AND i.kind = 'series'`, params: [] };
    case 'genre':
      return {
        sql: ` AND i.id IN (SELECT it.item_id FROM item_terms it JOIN terms t ON t.id = it.term_id WHERE t.kind = 'genre' AND t.name = ? COLLATE NOCASE)`,
        params: [scope.name],
      };
    case 'person':
      // Their own titles, and the series of the episodes they appear in.
      return {
        sql: ` AND i.id IN (SELECT CASE WHEN x.kind = 'episode' THEN x.series_id ELSE x.id END FROM credits c JOIN items x ON x.id = c.item_id WHERE c.person_id = ?)`,
        params: [scope.id],
      };
  }
}

/**
 * Up to `limit` posters, the best-rated and newest first: the titles a family would recognise
 * make the picture, and the choice is stable from one request to the next.
 */
export function collageSource(db: Db, scope: CollageScope, limit: number): CollageSource {
  const filter = scopeFilter(scope);
  const posters = db
    .prepare<string[], { image_id: string; rel_path: string | null; cache_path: string | null; root_path: string | null; signature: string | null; placeholder: string | null }>(
      `SELECT im.id AS image_id, im.rel_path, im.cache_path, r.path AS root_path, im.signature, im.placeholder
       FROM items i JOIN images im ON im.item_id = i.id AND im.kind = 'poster'
       LEFT JOIN library_roots r ON r.id = im.root_id
       LEFT JOIN ratings ra ON ra.item_id = i.id AND ra.source = 'imdb'
       WHERE ${LISTED}${filter.sql}
       ORDER BY ra.value IS NULL, ra.value DESC, i.year DESC, i.sort_key LIMIT ${Math.max(1, Math.floor(limit))}`,
    )
    .all(...filter.params)
    .flatMap((row): CollagePoster[] => {
      const path = row.cache_path ?? (row.root_path && row.rel_path ? join(row.root_path, row.rel_path) : null);
      if (!path) return [];
      return [{ imageId: row.image_id, path, rootPath: row.cache_path ? null : row.root_path, signature: row.signature ?? '', placeholder: row.placeholder || null }];
    });
  const colours = db
    .prepare<string[], { placeholder: string }>(
      `SELECT i.placeholder FROM items i WHERE ${LISTED}${filter.sql} AND i.placeholder LIKE '#%' ORDER BY i.sort_key LIMIT 6`,
    )
    .all(...filter.params)
    .map((r) => r.placeholder);
  const titles = db.prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM items i WHERE ${LISTED}${filter.sql}`).get(...filter.params)?.n ?? 0;
  return { posters, colours, titles };
}
