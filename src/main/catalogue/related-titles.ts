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

interface Profile {
  byRole: Record<RelatedCredit['role'], Map<string, RelatedCredit>>;
  genres: Set<string>;
  tags: Set<string>;
}

// Each entry's lookups are built once and reused for every pair it is scored in: a page scores
// thousands of candidates, and rebuilding the maps per pair made it ten times slower.
const profiles = new WeakMap<RelatedEntry, Profile>();
function profileOf(entry: RelatedEntry): Profile {
  let profile = profiles.get(entry);
  if (profile) return profile;
  const byRole: Profile['byRole'] = { actor: new Map(), director: new Map(), writer: new Map() };
  for (const credit of entry.credits) {
    const map = byRole[credit.role];
    if (map && !map.has(credit.personId)) map.set(credit.personId, credit);
  }
  profile = { byRole, genres: new Set(entry.genres), tags: new Set(entry.tags.map((tag) => tag.toLowerCase())) };
  profiles.set(entry, profile);
  return profile;
}

/** Scores one candidate against the target; returns the total and the reasons, strongest first. */
export function scorePair(target: RelatedEntry, other: RelatedEntry): { score: number; because: string[] } {
  const parts: Contribution[] = [];
  const mine = profileOf(target);
  const theirs = profileOf(other);

  if (target.collection !== null && target.collection === other.collection) {
    parts.push({ score: WEIGHTS.collection, reason: `In the same collection: ${target.collection}` });
  }

  for (const role of ['director', 'writer'] as const) {
    const their = theirs.byRole[role];
    if (their.size === 0) continue;
    const shared = [...mine.byRole[role].values()].filter((credit) => their.has(credit.personId));
    if (shared.length > 0) {
      const label = role === 'director' ? 'Same director' : 'Same writer';
      parts.push({ score: WEIGHTS[role] * shared.length, reason: `${label}: ${shared.map((c) => c.name).join(', ')}` });
    }
  }

  const theirActors = theirs.byRole.actor;
  const sharedActors = [...mine.byRole.actor.values()]
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

  const sharedGenres = target.genres.filter((genre) => theirs.genres.has(genre));
  const allGenres = mine.genres.size + theirs.genres.size - sharedGenres.length;
  const sameDecade = target.year !== null && other.year !== null && decadeOf(target.year) === decadeOf(other.year);
  const near = target.year !== null && other.year !== null && !sameDecade && Math.abs(target.year - other.year) <= 5;
  if (sharedGenres.length > 0) {
    const era = sameDecade && target.year !== null ? ` · ${decadeOf(target.year)}` : '';
    parts.push({ score: (WEIGHTS.genres * sharedGenres.length) / allGenres, reason: `Also ${sharedGenres.slice(0, 2).join(' & ')}${era}` });
  }
  if (sameDecade) parts.push({ score: WEIGHTS.sameDecade, reason: sharedGenres.length > 0 || target.year === null ? null : `Also from the ${decadeOf(target.year)}` });
  if (near) parts.push({ score: WEIGHTS.nearYears, reason: null });

  const sharedTags = target.tags.filter((tag) => theirs.tags.has(tag.toLowerCase()));
  if (sharedTags.length > 0) {
    parts.push({ score: Math.min(WEIGHTS.tagsMax, WEIGHTS.tag * sharedTags.length), reason: `Also about ${sharedTags.slice(0, 2).join(', ')}` });
  }

  parts.sort((a, b) => b.score - a.score);
  const score = parts.reduce((sum, part) => sum + part.score, 0);
  return { score, because: parts.flatMap((part) => (part.reason ? [part.reason] : [])).slice(0, 3) };
}

/**
 * scorePair's total without its reasons, with no allocation per pair: a page scores thousands of
 * candidates and explains only the dozen it shows. A unit test holds the two to the same numbers.
 */
export function quickScore(target: RelatedEntry, other: RelatedEntry): number {
  const mine = profileOf(target);
  const theirs = profileOf(other);
  let score = target.collection !== null && target.collection === other.collection ? WEIGHTS.collection : 0;
  for (const role of ['director', 'writer'] as const) {
    const their = theirs.byRole[role];
    if (their.size === 0) continue;
    for (const id of mine.byRole[role].keys()) if (their.has(id)) score += WEIGHTS[role];
  }
  const theirActors = theirs.byRole.actor;
  if (theirActors.size > 0) {
    for (const credit of mine.byRole.actor.values()) {
      const other = theirActors.get(credit.personId);
      if (other) score += WEIGHTS.actor(Math.min(credit.order, other.order));
    }
  }
  let sharedGenres = 0;
  for (const genre of mine.genres) if (theirs.genres.has(genre)) sharedGenres++;
  if (sharedGenres > 0) score += (WEIGHTS.genres * sharedGenres) / (mine.genres.size + theirs.genres.size - sharedGenres);
  if (target.year !== null && other.year !== null) {
    if (decadeOf(target.year) === decadeOf(other.year)) score += WEIGHTS.sameDecade;
    else if (Math.abs(target.year - other.year) <= 5) score += WEIGHTS.nearYears;
  }
  let sharedTags = 0;
  for (const tag of mine.tags) if (theirs.tags.has(tag)) sharedTags++;
  if (sharedTags > 0) score += Math.min(WEIGHTS.tagsMax, WEIGHTS.tag * sharedTags);
  return score;
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
    // Titles that share people, tags or the collection first. Titles that share only genres can
    // score at most genres + decade; when `limit` titles already beat that, none of the thousands
    // sharing a genre can enter the list, and they are not scored at all (same result, far less work).
    const keys = this.keysOf(target);
    const seen = new Set<RelatedEntry>();
    const scored: { entry: RelatedEntry; score: number }[] = [];
    const consider = (entry: RelatedEntry): void => {
      if (entry.id === id || seen.has(entry)) return;
      seen.add(entry);
      const score = quickScore(target, entry);
      if (score >= WEIGHTS.threshold) scored.push({ entry, score });
    };
    for (const key of keys) if (!key.startsWith('g:')) for (const entry of this.postings.get(key) ?? []) consider(entry);
    const genreOnlyMax = WEIGHTS.genres + WEIGHTS.sameDecade;
    if (scored.filter((s) => s.score > genreOnlyMax).length < limit) {
      for (const key of keys) if (key.startsWith('g:')) for (const entry of this.postings.get(key) ?? []) consider(entry);
    }
    scored.sort((a, b) => b.score - a.score || (b.entry.year ?? 0) - (a.entry.year ?? 0) || (a.entry.title < b.entry.title ? -1 : a.entry.title > b.entry.title ? 1 : 0));
    return scored.slice(0, limit).map(({ entry }) => toRelated(entry, scorePair(target, entry).because));
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
