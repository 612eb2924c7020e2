import { describe, expect, it } from 'vitest';
import type { EpisodeSummary, SeasonDetail } from '../../src/shared/api';
import { episodeSeconds, nextUp, orderedSeasons, seasonLabel } from '../../src/renderer/lib/series';

function episode(id: string, season: number, number: number, userData: Partial<EpisodeSummary['userData']> = {}, files = true): EpisodeSummary {
  return {
    id,
    season,
    episode: number,
    episodeEnd: null,
    title: id,
    overview: null,
    airDate: null,
    runtimeMinutes: 45,
    thumb: null,
    placeholder: null,
    fileIds: files ? [`file-${id}`] : [],
    missing: !files,
    userData: { positionSeconds: 0, played: false, playCount: 0, lastPlayedAt: null, favourite: false, ...userData },
  };
}

function season(number: number | null, episodes: EpisodeSummary[], title = ''): SeasonDetail {
  return { id: `season-${number}`, number, title, overview: null, poster: null, episodes };
}

describe('series: season order and what plays next', () => {
  it('puts specials and unnumbered seasons after the numbered ones', () => {
    const ordered = orderedSeasons([season(0, []), season(2, []), season(null, []), season(1, [])]);
    expect(ordered.map((s) => s.number)).toEqual([1, 2, 0, null]);
    expect(seasonLabel(season(0, []))).toBe('Specials');
    expect(seasonLabel(season(3, [], 'Season 3'))).toBe('Season 3');
    expect(seasonLabel(season(2, [], 'The Greenhouse Season'))).toBe('Season 2 · The Greenhouse Season');
  });

  it('starts at the first episode of an unwatched series, skipping specials and missing files', () => {
    const up = nextUp([season(0, [episode('sp', 0, 1)]), season(1, [episode('e1', 1, 1, {}, false), episode('e2', 1, 2)])]);
    expect(up?.episode.id).toBe('e2');
    expect(up?.inProgress).toBe(false);
  });

  it('resumes a half-watched episode first', () => {
    const up = nextUp([season(1, [episode('e1', 1, 1, { played: true }), episode('e2', 1, 2), episode('e3', 1, 3, { positionSeconds: 600 })])]);
    expect(up?.episode.id).toBe('e3');
    expect(up?.inProgress).toBe(true);
  });

  it('continues after the last watched episode, across seasons', () => {
    const up = nextUp([
      season(1, [episode('e1', 1, 1, { played: true }), episode('e2', 1, 2, { played: true })]),
      season(2, [episode('e3', 2, 1), episode('e4', 2, 2)]),
    ]);
    expect(up?.episode.id).toBe('e3');
    expect(up?.season.number).toBe(2);
  });

  it('starts over when everything is watched, and gives nothing for an announced series', () => {
    expect(nextUp([season(1, [episode('e1', 1, 1, { played: true })])])?.episode.id).toBe('e1');
    expect(nextUp([])).toBeNull();
    expect(nextUp([season(1, [])])).toBeNull();
  });
});

describe('episodeSeconds', () => {
  it("measures by the file's probed length, and falls back to the metadata runtime, then 0", () => {
    const base = episode('e', 1, 1);
    expect(episodeSeconds({ ...base, runtimeMinutes: 44, durationSeconds: 32 })).toBe(32);
    expect(episodeSeconds({ ...base, runtimeMinutes: 44, durationSeconds: null })).toBe(44 * 60);
    expect(episodeSeconds({ ...base, runtimeMinutes: 44 })).toBe(44 * 60);
    expect(episodeSeconds({ ...base, runtimeMinutes: null, durationSeconds: 0 })).toBe(0);
  });
});
