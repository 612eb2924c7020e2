// Series logic the Show page needs: season order, what to play next, how far along a season is.
import type { EpisodeSummary, SeasonDetail } from '../../shared/api';

/** Seasons in order, with specials (season 0) and unnumbered ones last. */
export function orderedSeasons(seasons: readonly SeasonDetail[]): SeasonDetail[] {
  const rank = (season: SeasonDetail) =>
    season.number === null ? Number.MAX_SAFE_INTEGER : season.number === 0 ? Number.MAX_SAFE_INTEGER - 1 : season.number;
  return [...seasons].sort((a, b) => rank(a) - rank(b));
}

export function isPlayable(episode: EpisodeSummary): boolean {
  return !episode.missing && episode.fileIds.length > 0;
}

/** How long an episode plays, in seconds: its file's length, else the metadata's runtime; 0 when neither is known. */
export function episodeSeconds(episode: EpisodeSummary): number {
  if (episode.durationSeconds && episode.durationSeconds > 0) return episode.durationSeconds;
  return (episode.runtimeMinutes ?? 0) * 60;
}

export interface NextUp {
  season: SeasonDetail;
  episode: EpisodeSummary;
  /** Part-watched: resume it rather than start it. */
  inProgress: boolean;
}

/**
 * The episode the big button plays: one left half-watched wins, then the first unwatched one
 * after the last watched, then (all watched, or none) the very first. Specials are skipped
 * unless the series has nothing else.
 */
export function nextUp(seasons: readonly SeasonDetail[]): NextUp | null {
  const ordered = orderedSeasons(seasons);
  const regular = ordered.filter((season) => season.number !== 0);
  const pool = regular.some((season) => season.episodes.some(isPlayable)) ? regular : ordered;
  const all = pool.flatMap((season) => season.episodes.filter(isPlayable).map((episode) => ({ season, episode })));
  if (all.length === 0) return null;

  const started = all.find(({ episode }) => !episode.userData.played && episode.userData.positionSeconds > 0);
  if (started) return { ...started, inProgress: true };

  let lastPlayed = -1;
  all.forEach(({ episode }, index) => {
    if (episode.userData.played) lastPlayed = index;
  });
  const next = all.slice(lastPlayed + 1).find(({ episode }) => !episode.userData.played) ?? all[0];
  return next ? { ...next, inProgress: false } : null;
}

export function episodeCount(seasons: readonly SeasonDetail[]): number {
  return seasons.reduce((sum, season) => sum + season.episodes.length, 0);
}

/** "Season 2", or "Season 2 · The Greenhouse Season" when the season has a name of its own. */
export function seasonLabel(season: SeasonDetail): string {
  if (season.number === 0) return season.title || 'Specials';
  if (season.number === null) return season.title || 'Episodes';
  const named = season.title.trim() !== '' && !/^season\s+\d+$/i.test(season.title.trim());
  return named ? `Season ${season.number} · ${season.title.trim()}` : `Season ${season.number}`;
}

export function watchedCount(season: SeasonDetail): number {
  return season.episodes.filter((episode) => episode.userData.played).length;
}
