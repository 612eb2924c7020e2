// Ratings as badges: which source, what to print, and (for Metascore) which colour band.
import type { Rating } from '../../shared/api';

export type RatingTone = 'good' | 'mixed' | 'bad' | 'neutral';

export interface RatingBadge {
  key: string;
  kind: 'imdb' | 'metascore' | 'other';
  /** The source's name as people know it. */
  source: string;
  /** The value as the source prints it: "7.8", "74", "91%". */
  value: string;
  /** Full sentence for screen readers. */
  description: string;
  tone: RatingTone;
}

function normalisedSource(source: string): string {
  return source.toLowerCase().replace(/[^a-z]/g, '');
}

/** Metacritic's own bands: 61 and up favourable, 40–60 mixed, below 40 unfavourable. */
export function metascoreTone(score: number): RatingTone {
  if (score >= 61) return 'good';
  if (score >= 40) return 'mixed';
  return 'bad';
}

function trimNumber(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.0+$/, '');
}

export function ratingBadge(rating: Rating): RatingBadge | null {
  if (!Number.isFinite(rating.value) || rating.value < 0 || !(rating.max > 0)) return null;
  const source = normalisedSource(rating.source);
  const votes = rating.votes ? ` from ${rating.votes.toLocaleString('en')} votes` : '';
  if (source === 'imdb') {
    const value = (rating.value / rating.max) * 10;
    return {
      key: 'imdb',
      kind: 'imdb',
      source: 'IMDb',
      value: value.toFixed(1),
      description: `IMDb rating ${value.toFixed(1)} out of 10${votes}`,
      tone: 'neutral',
    };
  }
  if (source === 'metacritic' || source === 'metascore') {
    const value = Math.round((rating.value / rating.max) * 100);
    return {
      key: 'metascore',
      kind: 'metascore',
      source: 'Metascore',
      value: String(value),
      description: `Metascore ${value} out of 100`,
      tone: metascoreTone(value),
    };
  }
  const name =
    source === 'tomatometer' || source === 'rottentomatoes'
      ? 'Rotten Tomatoes'
      : source === 'tmdb' || source === 'themoviedb'
        ? 'TMDB'
        : source === 'tvdb'
          ? 'TVDB'
          : rating.source.trim() || 'Rating';
  const value = rating.max === 100 ? `${Math.round(rating.value)}%` : `${trimNumber(rating.value, 1)}/${trimNumber(rating.max, 1)}`;
  return {
    key: `other-${source}`,
    kind: 'other',
    source: name,
    value,
    description: `${name} ${value}${votes}`,
    tone: 'neutral',
  };
}

/** IMDb first, Metascore second, then the rest; one badge per source. */
export function ratingBadges(ratings: readonly Rating[]): RatingBadge[] {
  const order = { imdb: 0, metascore: 1, other: 2 } as const;
  const seen = new Set<string>();
  const badges: RatingBadge[] = [];
  for (const rating of ratings) {
    const badge = ratingBadge(rating);
    if (!badge || seen.has(badge.key)) continue;
    seen.add(badge.key);
    badges.push(badge);
  }
  return badges.sort((a, b) => order[a.kind] - order[b.kind]);
}
