// Related titles: which movies and series are like a given one, and why, in words a family reads
// ("Same director: …", "3 actors in common", "Also Drama · 1960s"). Pure: the index is built from
// plain entries (src/main/db/related-queries.ts reads them) and kept until the library changes.
// The scoring is written down in docs/related-titles.md; keep the two in step.
import type { PersonRow, RelatedTitle, TopKind } from '../../shared/api';

export interface RelatedCredit {
  personId: string;
  name: string;
  role: 'actor' | 'director' | 'writer';
  order: number;
}

export interface RelatedEntry {
  id: string;
  kind: TopKind;
  title: string;
  year: number | null;
  poster: string | null;
  placeholder: string | null;
  genres: string[];
  tags: string[];
  collection: string | null;
  credits: RelatedCredit[];
}

/** The weights of docs/related-titles.md. */
export const WEIGHTS = {
  collection: 6,
  director: 4,
  writer: 2.5,
  /** By the better billing of the two: a shared lead counts most. */
  actor: (order: number): number => (order === 0 ? 3 : order <= 2 ? 2 : order <= 6 ? 1.2 : 0.6),
  /** Times the share of genres in common (shared ÷ all genres of the two). */
  genres: 3,
  tag: 0.8,
  tagsMax: 2.4,
  sameDecade: 1,
  /** Within five years but in another decade (1979 and 1982). */
  nearYears: 0.5,
  /** A title must score this much to be shown: one genre alone is not "related". */
  threshold: 2.5,
};

const decadeOf = (year: number): string => `${Math.floor(year / 10) * 10}s`;

interface Contribution {
  score: number;
  reason: string | null;
}

/** Scores one candidate against the target; returns the total and the reasons, strongest first. */
export function scorePair(target: RelatedEntry, other: RelatedEntry): { score: number; because: string[] } {
  const parts: Contribution[] = [];

  if (target.collection !== null && target.collection === other.collection) {
    parts.push({ score: WEIGHTS.collection, reason: `In the same collection: ${target.collection}` });
  }

  const credits = (entry: RelatedEntry, role: RelatedCredit['role']): Map<string, RelatedCredit> => {
    const map = new Map<string, RelatedCredit>();
    for (const credit of entry.credits) if (credit.role === role && !map.has(credit.personId)) map.set(credit.personId, credit);
    return map;
  };
  for (const role of ['director', 'writer'] as const) {
    const theirs = credits(other, role);
    const shared = [...credits(target, role).values()].filter((credit) => theirs.has(credit.personId));
    if (shared.length > 0) {
      const label = role === 'director' ? 'Same director' : 'Same writer';
      parts.push({ score: WEIGHTS[role] * shared.length, reason: `${label}: ${shared.map((c) => c.name).join(', ')}` });
    }
  }

  const theirActors = credits(other, 'actor');
  const sharedActors = [...credits(target, 'actor').values()]
    .filter((credit) => theirActors.has(credit.personId))
    .sort((a, b) => a.order - b.order);
  if (sharedActors.length > 0) {
    const score = sharedActors.reduce(
      (sum, credit) => sum + WEIGHTS.actor(Math.min(credit.order, theirActors.get(credit.personId)?.order ?? credit.order)),
      0,
    );
    const reason = sharedActors.length === 1 ? `With ${sharedActors[0]?.name ?? ''}` : `${sharedActors.length} actors in common`;
    parts.push({ score, reason });
  }

  const theirGenres = new Set(other.genres);
  const sharedGenres = target.genres.filter((genre) => theirGenres.has(genre));
  const allGenres = new Set([...target.genres, ...other.genres]).size;
  const sameDecade = target.year !== null && other.year !== null && decadeOf(target.year) === decadeOf(other.year);
  const near = target.year !== null && other.year !== null && !sameDecade && Math.abs(target.year - other.year) <= 5;
  if (sharedGenres.length > 0) {
    const era = sameDecade && target.year !== null ? ` · ${decadeOf(target.year)}` : '';
    parts.push({ score: (WEIGHTS.genres * sharedGenres.length) / allGenres, reason: `Also ${sharedGenres.slice(0, 2).join(' & ')}${era}` });
  }
  if (sameDecade) parts.push({ score: WEIGHTS.sameDecade, reason: sharedGenres.length > 0 || target.year === null ? null : `Also from the ${decadeOf(target.year)}` });
  if (near) parts.push({ score: WEIGHTS.nearYears, reason: null });

  const theirTags = new Set(other.tags.map((tag) => tag.toLowerCase()));
  const sharedTags = target.tags.filter((tag) => theirTags.has(tag.toLowerCase()));
  if (sharedTags.length > 0) {
    parts.push({ score: Math.min(WEIGHTS.tagsMax, WEIGHTS.tag * sharedTags.length), reason: `Also about ${sharedTags.slice(0, 2).join(', ')}` });
  }

  parts.sort((a, b) => b.score - a.score);
  const score = parts.reduce((sum, part) => sum + part.score, 0);
  return { score, because: parts.flatMap((part) => (part.reason ? [part.reason] : [])).slice(0, 3) };
}

function toRelated(entry: RelatedEntry, because: string[]): RelatedTitle {
  return { id: entry.id, kind: entry.kind, title: entry.title, year: entry.year, poster: entry.poster, placeholder: entry.placeholder, because };
}

/**
 * The whole library's entries with inverted lists (person, genre, tag, collection → titles), so a
 * page scores only the titles that share something with it, not all 20,000.
 */
export class RelatedIndex {
  private readonly byId = new Map<string, RelatedEntry>();
  private readonly postings = new Map<string, RelatedEntry[]>();

  constructor(entries: readonly RelatedEntry[]) {
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      for (const key of this.keysOf(entry)) {
        const list = this.postings.get(key);
        if (list) list.push(entry);
        else this.postings.set(key, [entry]);
      }
    }
  }

  private keysOf(entry: RelatedEntry): string[] {
    const keys = new Set<string>();
    for (const credit of entry.credits) keys.add(`p:${credit.personId}`);
    for (const genre of entry.genres) keys.add(`g:${genre}`);
    for (const tag of entry.tags) keys.add(`t:${tag.toLowerCase()}`);
    if (entry.collection !== null) keys.add(`c:${entry.collection}`);
    return [...keys];
  }

  get size(): number {
    return this.byId.size;
  }

  /** The titles most like `id`, best first (ties: newer first, then title), each with its reasons. */
  related(id: string, limit = 12): RelatedTitle[] {
    const target = this.byId.get(id);
    if (!target) return [];
    const candidates = new Set<RelatedEntry>();
    for (const key of this.keysOf(target)) for (const entry of this.postings.get(key) ?? []) if (entry.id !== id) candidates.add(entry);
    const scored: { entry: RelatedEntry; score: number; because: string[] }[] = [];
    for (const entry of candidates) {
      const { score, because } = scorePair(target, entry);
      if (score >= WEIGHTS.threshold) scored.push({ entry, score, because });
    }
    scored.sort((a, b) => b.score - a.score || (b.entry.year ?? 0) - (a.entry.year ?? 0) || a.entry.title.localeCompare(b.entry.title));
    return scored.slice(0, limit).map(({ entry, because }) => toRelated(entry, because));
  }

  /** "More with <lead actor>" and "More directed by <director>", when the person has other titles. */
  peopleRows(id: string, limit = 20): PersonRow[] {
    const target = this.byId.get(id);
    if (!target) return [];
    const rows: PersonRow[] = [];
    const lead = target.credits.filter((c) => c.role === 'actor').sort((a, b) => a.order - b.order)[0];
    const directors = [...new Map(target.credits.filter((c) => c.role === 'director').map((c) => [c.personId, c])).values()];
    const picks: { credit: RelatedCredit; role: PersonRow['role'] }[] = [
      ...(lead ? [{ credit: lead, role: 'actor' as const }] : []),
      ...directors.map((credit) => ({ credit, role: 'director' as const })),
    ];
    for (const { credit, role } of picks) {
      const items = (this.postings.get(`p:${credit.personId}`) ?? [])
        .filter((entry) => entry.id !== id && entry.credits.some((c) => c.personId === credit.personId && c.role === role))
        .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.title.localeCompare(b.title))
        .slice(0, limit)
        .map((entry) => toRelated(entry, []));
      if (items.length === 0) continue;
      const title = role === 'actor' ? `More with ${credit.name}` : `More directed by ${credit.name}`;
      rows.push({ role, person: { id: credit.personId, name: credit.name }, title, items });
    }
    return rows;
  }

  /** The other titles of its collection, in release order. */
  collectionItems(id: string): RelatedTitle[] {
    const target = this.byId.get(id);
    if (!target || target.collection === null) return [];
    return (this.postings.get(`c:${target.collection}`) ?? [])
      .filter((entry) => entry.id !== id)
      .sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.title.localeCompare(b.title))
      .map((entry) => toRelated(entry, []));
  }
}
