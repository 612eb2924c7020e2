// What plays after this file, and when to say so: the next part of a stacked title (no card), or
// the next episode — across a season's end — with a card from the credits, or the last 30 s (the
// last 10 % of a title under five minutes). Pure over the API's items, so it is unit-tested.
import type { EpisodeSummary, ItemDetail, MediaFile } from '../../shared/api';

/** Past this share of the runtime a title counts as watched, as the Resume bounds say. */
export const WATCHED_FRACTION = 0.9;
const SHORT_TITLE_SECONDS = 300;
const CARD_SECONDS = 30;
const SHORT_CARD_FRACTION = 0.1;

/** The second from which the next-episode card shows. */
export function cardStartsAt(duration: number, credits: number | null): number {
  if (credits !== null && credits > 0 && (duration <= 0 || credits < duration)) return credits;
  if (duration <= 0) return Number.POSITIVE_INFINITY;
  return duration < SHORT_TITLE_SECONDS ? duration * (1 - SHORT_CARD_FRACTION) : duration - CARD_SECONDS;
}

/** Whether a position counts as watched: past 90 %, or once the credits start. */
export function isWatchedAt(position: number, duration: number, credits: number | null): boolean {
  if (duration <= 0) return false;
  if (credits !== null && credits > duration / 2 && position >= credits) return true;
  return position >= duration * WATCHED_FRACTION;
}

export interface NextEpisode {
  episode: EpisodeSummary;
  fileId: string;
  seasonNumber: number | null;
}

/**
 * The episode after `episodeId` in the series: the next one of its season, else the first of the
 * next season. Specials (season 0) are left out of the run unless the current episode is one.
 */
export function nextEpisodeOf(series: Pick<ItemDetail, 'seasons'>, episodeId: string): NextEpisode | null {
  const seasons = [...(series.seasons ?? [])].sort((a, b) => seasonOrder(a.number) - seasonOrder(b.number));
  const inSpecials = seasons.some((s) => s.number === 0 && s.episodes.some((e) => e.id === episodeId));
  const run = seasons
    .filter((s) => inSpecials || s.number !== 0)
    .flatMap((s) =>
      [...s.episodes]
        .sort((a, b) => (a.episode ?? Number.MAX_SAFE_INTEGER) - (b.episode ?? Number.MAX_SAFE_INTEGER))
        .map((episode) => ({ episode, seasonNumber: s.number })),
    );
  const at = run.findIndex((entry) => entry.episode.id === episodeId);
  if (at < 0) return null;
  for (const entry of run.slice(at + 1)) {
    const fileId = entry.episode.fileIds[0];
    if (!entry.episode.missing && fileId) return { episode: entry.episode, fileId, seasonNumber: entry.seasonNumber };
  }
  return null;
}

function seasonOrder(number: number | null): number {
  return number === null ? Number.MAX_SAFE_INTEGER : number;
}

/** The next part of a stacked title (cd1 → cd2), which plays on without a card. */
export function nextPartOf(files: readonly MediaFile[], fileId: string): MediaFile | null {
  const current = files.find((f) => f.id === fileId);
  if (!current || current.part === null) return null;
  const later = files
    .filter((f) => f.part !== null && f.part > current.part! && !f.missing && (f.edition ?? null) === (current.edition ?? null))
    .sort((a, b) => a.part! - b.part!);
  return later[0] ?? null;
}
