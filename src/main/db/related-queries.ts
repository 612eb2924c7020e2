// Reads every listed movie and series with what related-titles scoring compares: credits
// (actors, directors, writers), genres, tags, collection, year and poster. One pass per table.
import type { Db } from './open';
import type { RelatedCredit, RelatedEntry } from '../catalogue/related-titles';

const img = (id: string | null | undefined): string | null => (id ? `/img/${id}` : null);

export function relatedEntries(db: Db): RelatedEntry[] {
  const entries = new Map<string, RelatedEntry>();
  // SQLite hands back a new string per row: a person credited in 30 titles would be held 30 times
  // (140,000 credits at 20,000 titles were most of the server's heap). One copy of each is kept.
  const strings = new Map<string, string>();
  const once = (text: string): string => {
    const kept = strings.get(text);
    if (kept !== undefined) return kept;
    strings.set(text, text);
    return text;
  };
  for (const r of db
    .prepare<[], { id: string; kind: 'movie' | 'series'; title: string; year: number | null; poster: string | null; placeholder: string | null; collection: string | null }>(
      `SELECT i.id, i.kind, i.title, i.year, im.id AS poster, COALESCE(im.placeholder, i.placeholder) AS placeholder, c.name AS collection
       FROM items i LEFT JOIN images im ON im.item_id = i.id AND im.kind = 'poster'
       LEFT JOIN collections c ON c.id = i.collection_id
       WHERE i.kind IN ('movie', 'series') AND i.missing_since IS NULL`,
    )
    .iterate()) {
    entries.set(r.id, {
      id: r.id,
      kind: r.kind,
      title: r.title,
      year: r.year,
      poster: img(r.poster),
      placeholder: r.placeholder || null,
      genres: [],
      tags: [],
      collection: r.collection,
      credits: [],
    });
  }
  for (const r of db
    .prepare<[], { item_id: string; kind: 'genre' | 'tag'; name: string }>(
      `SELECT it.item_id, t.kind, t.name FROM item_terms it JOIN terms t ON t.id = it.term_id
       WHERE t.kind IN ('genre', 'tag') ORDER BY it.item_id, it.ord`,
    )
    .iterate()) {
    const entry = entries.get(r.item_id);
    if (entry) (r.kind === 'genre' ? entry.genres : entry.tags).push(once(r.name));
  }
  for (const r of db
    .prepare<[], { item_id: string; person_id: string; name: string; role: RelatedCredit['role']; ord: number }>(
      `SELECT c.item_id, c.person_id, p.name, c.role, c.ord FROM credits c JOIN people p ON p.id = c.person_id
       WHERE c.role IN ('actor', 'director', 'writer') ORDER BY c.item_id, c.ord`,
    )
    .iterate()) {
    entries.get(r.item_id)?.credits.push({ personId: once(r.person_id), name: once(r.name), role: r.role, order: r.ord });
  }
  strings.clear();
  return [...entries.values()];
}
