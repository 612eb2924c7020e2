// The player's pure rules: Resume bounds, the fallback ladder, default tracks, when the next-episode
// card shows and what plays next, credits, keys, menus, device preferences and the quality cap.
import { describe, expect, it } from 'vitest';
import type { EpisodeSummary, MediaFile, MediaStream, SeasonDetail, SubtitleTrack, UserData } from '../../src/shared/api';
import { resumePosition } from '../../src/renderer/lib/resume';
import { withQualityCap } from '../../src/renderer/player/capabilities';
import { fallbackMethod, fallbackNote } from '../../src/renderer/player/fallback';
import { PlaybackFailure } from '../../src/renderer/player/playback-failure';
import { actionForKey, frameSeconds, tenthPosition } from '../../src/renderer/player/keys';
import { normaliseLanguage } from '../../src/renderer/player/languages';
import { buildMenus, subtitleLabel, SUBTITLES_OFF } from '../../src/renderer/player/menus';
import { cardStartsAt, isWatchedAt, nextEpisodeOf, nextPartOf } from '../../src/renderer/player/next-up';
import { DEFAULT_PREFERENCES, loadPreferences, rememberedVersion, rememberVersion, savePreferences, type KeyValueStore } from '../../src/renderer/player/preferences';
import { creditsStart, segmentsOf } from '../../src/renderer/player/segments';
import { chooseAudio, chooseSubtitle, cycle } from '../../src/renderer/player/tracks';
import { describeProblem } from '../../src/renderer/player/playback-errors';
import { ApiError } from '../../src/renderer/api/api-error';

const user: UserData = { positionSeconds: 0, played: false, playCount: 0, lastPlayedAt: null, favourite: false };

describe('Resume is offered between 5 % and 90 % of the runtime, whatever its length', () => {
  it('offers it on a short title, which the old one-minute rule hid', () => {
    expect(resumePosition({ ...user, positionSeconds: 10 }, 18)).toBe(10);
    expect(resumePosition({ ...user, positionSeconds: 45 }, 180)).toBe(45);
  });

  it('hides it before 5 % and from 90 %, and for a watched title', () => {
    expect(resumePosition({ ...user, positionSeconds: 0.8 }, 18)).toBeNull();
    expect(resumePosition({ ...user, positionSeconds: 16.2 }, 18)).toBeNull();
    expect(resumePosition({ ...user, positionSeconds: 16.1 }, 18)).toBe(16.1);
    expect(resumePosition({ ...user, positionSeconds: 10, played: true }, 18)).toBeNull();
  });

  it('offers a real position when the runtime is unknown', () => {
    expect(resumePosition({ ...user, positionSeconds: 300 }, null)).toBe(300);
    expect(resumePosition({ ...user, positionSeconds: 0 }, null)).toBeNull();
  });
});

describe('fallback after a run-time failure', () => {
  it('goes direct → remux → transcode for decode failures, then stops', () => {
    const decode = new PlaybackFailure('x', 'decode');
    expect(fallbackMethod('direct', decode)).toBe('remux');
    expect(fallbackMethod('remux', decode)).toBe('transcode');
    expect(fallbackMethod('transcode', decode)).toBeNull();
    expect(decode.unsupported).toBe(true);
  });

  it('does not change method for a network failure, which another method would not cure', () => {
    expect(fallbackMethod('direct', new PlaybackFailure('x', 'network'))).toBeNull();
    expect(fallbackMethod('remux', new PlaybackFailure('x', 'other'))).toBeNull();
  });

  it('says what it did', () => {
    expect(fallbackNote('direct', 'remux')).toMatch(/from direct play to remux/);
  });
});

function stream(partial: Partial<MediaStream> & Pick<MediaStream, 'index' | 'type'>): MediaStream {
  return {
    codec: partial.type === 'subtitle' ? 'subrip' : partial.type === 'audio' ? 'aac' : 'h264',
    profile: null, language: null, title: null, isDefault: false, isForced: false, isExternal: false, isHearingImpaired: false,
    width: null, height: null, fps: null, bitDepth: null, level: null, hdr: null, channels: null, channelLayout: null, sampleRate: null, bitrate: null,
    ...partial,
  };
}

describe('default tracks from the language settings', () => {
  const film = [
    stream({ index: 0, type: 'video' }),
    stream({ index: 1, type: 'audio', language: 'eng', isDefault: true }),
    stream({ index: 2, type: 'audio', language: 'fre' }),
    stream({ index: 3, type: 'subtitle', language: 'eng' }),
    stream({ index: 4, type: 'subtitle', language: 'fr', isForced: true }),
    stream({ index: 5, type: 'subtitle', language: 'fre' }),
    stream({ index: 6, type: 'subtitle', language: 'eng', codec: 'hdmv_pgs_subtitle', isForced: true }),
  ];
  const base = { audioLanguages: [], subtitleLanguages: [], forcedSubtitlesOnly: false };

  it('normalises language codes so fr, fra and fre match', () => {
    expect(normaliseLanguage('fr')).toBe('fre');
    expect(normaliseLanguage('fra')).toBe('fre');
    expect(normaliseLanguage('en-GB')).toBe('eng');
    expect(normaliseLanguage('und')).toBeNull();
  });

  it('picks the first preferred audio language, else the default track', () => {
    expect(chooseAudio(film, { ...base, audioLanguages: ['fre', 'eng'] })).toBe(2);
    expect(chooseAudio(film, { ...base, audioLanguages: ['jpn'] })).toBe(1);
    expect(chooseAudio(film, base)).toBe(1);
    expect(chooseAudio([stream({ index: 0, type: 'video' })], base)).toBeNull();
  });

  it('shows only forced subtitles when the audio is in a language the family reads', () => {
    expect(chooseSubtitle(film, 2, { ...base, subtitleLanguages: ['fre'] })).toBe(4);
    expect(chooseSubtitle(film, 1, { ...base, subtitleLanguages: ['eng'] })).toBeNull();
  });

  it('shows full subtitles in their language for foreign audio, unless forced only', () => {
    expect(chooseSubtitle(film, 2, { ...base, subtitleLanguages: ['eng'] })).toBe(3);
    expect(chooseSubtitle(film, 2, { ...base, subtitleLanguages: ['eng'], forcedSubtitlesOnly: true })).toBeNull();
  });

  it('falls back on the browser language and never turns a picture subtitle on by itself', () => {
    expect(chooseSubtitle(film, 1, { ...base, browserLanguage: 'fr-FR' })).toBe(5);
    const onlyPicture = [stream({ index: 1, type: 'audio', language: 'jpn' }), stream({ index: 2, type: 'subtitle', language: 'eng', codec: 'hdmv_pgs_subtitle' })];
    expect(chooseSubtitle(onlyPicture, 1, { ...base, subtitleLanguages: ['eng'] })).toBeNull();
  });

  it('cycles through Off and each choice', () => {
    expect(cycle([3, 5], null, true)).toBe(3);
    expect(cycle([3, 5], 3, true)).toBe(5);
    expect(cycle([3, 5], 5, true)).toBeNull();
    expect(cycle([1, 2], 2, false)).toBe(1);
    expect(cycle<number>([], null, false)).toBeNull();
  });
});

function episode(id: string, number: number, fileIds = [`f-${id}`], missing = false): EpisodeSummary {
  return {
    id, season: null, episode: number, episodeEnd: null, title: `Episode ${id}`, overview: null, airDate: null, runtimeMinutes: null,
    thumb: null, placeholder: null, fileIds, missing, userData: user,
  };
}

function season(number: number | null, episodes: EpisodeSummary[]): SeasonDetail {
  return { id: `s${number}`, number, title: `Season ${number}`, overview: null, poster: null, episodes };
}

describe('the next-episode card and what plays next', () => {
  it('starts 30 s before the end, 10 % before it under five minutes, or at the credits', () => {
    expect(cardStartsAt(2400, null)).toBe(2370);
    expect(cardStartsAt(20, null)).toBeCloseTo(18);
    expect(cardStartsAt(2400, 2280)).toBe(2280);
    expect(cardStartsAt(0, null)).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts a title watched past 90 % or once the closing credits start', () => {
    expect(isWatchedAt(2159, 2400, null)).toBe(false);
    expect(isWatchedAt(2160, 2400, null)).toBe(true);
    expect(isWatchedAt(2000, 2400, 1990)).toBe(true);
    // A "credits" mark in the first half is the opening titles.
    expect(isWatchedAt(300, 2400, 200)).toBe(false);
  });

  it('moves to the next episode, across a season end, skipping missing ones and specials', () => {
    const series = {
      seasons: [
        season(2, [episode('b1', 1)]),
        season(0, [episode('sp', 1)]),
        season(1, [episode('a2', 2), episode('a1', 1), episode('a3', 3, [], true)]),
      ],
    };
    expect(nextEpisodeOf(series, 'a1')?.episode.id).toBe('a2');
    expect(nextEpisodeOf(series, 'a2')?.episode.id).toBe('b1');
    expect(nextEpisodeOf(series, 'a2')?.fileId).toBe('f-b1');
    expect(nextEpisodeOf(series, 'b1')).toBeNull();
    expect(nextEpisodeOf(series, 'unknown')).toBeNull();
  });

  it('plays a stacked title on to its next part', () => {
    const part = (id: string, n: number | null): MediaFile => ({
      id, name: id, part: n, edition: null, container: 'mp4', sizeBytes: 1, durationSeconds: 10, bitrate: null, probe: 'ok', probeError: null, missing: false, streams: [], chapters: [],
    });
    const files = [part('cd2', 2), part('cd1', 1), part('cd3', 3)];
    expect(nextPartOf(files, 'cd1')?.id).toBe('cd2');
    expect(nextPartOf(files, 'cd3')).toBeNull();
    expect(nextPartOf([part('solo', null)], 'solo')).toBeNull();
  });
});

describe('credits from segments or chapters', () => {
  it('reads segments as optional and drops malformed ones', () => {
    expect(segmentsOf({})).toEqual([]);
    expect(segmentsOf(null)).toEqual([]);
    expect(segmentsOf({ segments: 'no' })).toEqual([]);
    const parsed = segmentsOf({
      segments: [
        { kind: 'intro', startSeconds: 5, endSeconds: 60, source: 'chapter' },
        { kind: 'credits', startSeconds: 100, endSeconds: 90 },
        { kind: 'sponsor', startSeconds: 1, endSeconds: 2 },
      ],
    });
    expect(parsed).toEqual([{ kind: 'intro', startSeconds: 5, endSeconds: 60, source: 'chapter' }]);
  });

  it('takes a credits segment first, then a closing chapter named for them', () => {
    const credits = [{ kind: 'credits' as const, startSeconds: 2300, endSeconds: 2400 }];
    expect(creditsStart(credits, [], 2400)).toBe(2300);
    expect(creditsStart([], [{ start: 2250, end: 2400, title: 'End Credits' }], 2400)).toBe(2250);
    expect(creditsStart([], [{ start: 10, end: 90, title: 'Opening credits' }], 2400)).toBeNull();
    expect(creditsStart([], [], 2400)).toBeNull();
  });
});

describe('keys and remote', () => {
  it('maps the documented keys', () => {
    expect(actionForKey({ key: ' ' })).toEqual({ type: 'toggle' });
    expect(actionForKey({ key: 'k' })).toEqual({ type: 'toggle' });
    expect(actionForKey({ key: 'J' })).toEqual({ type: 'seek-by', seconds: -10 });
    expect(actionForKey({ key: 'ArrowRight' })).toEqual({ type: 'seek-by', seconds: 10 });
    expect(actionForKey({ key: 'ArrowUp' })).toEqual({ type: 'volume-by', delta: 0.1 });
    expect(actionForKey({ key: '7' })).toEqual({ type: 'jump-to-tenth', tenth: 7 });
    expect(actionForKey({ key: ',' })).toEqual({ type: 'frame-step', direction: -1 });
    expect(actionForKey({ key: 'c' })).toEqual({ type: 'cycle-subtitles' });
    expect(actionForKey({ key: 'a' })).toEqual({ type: 'cycle-audio' });
    expect(actionForKey({ key: 'MediaPlayPause' })).toEqual({ type: 'toggle' });
    expect(actionForKey({ key: 'Backspace' })).toEqual({ type: 'back' });
    expect(actionForKey({ key: 'f', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: 'q' })).toBeNull();
  });

  it('jumps to tenths and steps frames', () => {
    expect(tenthPosition(3, 200)).toBe(60);
    expect(tenthPosition(0, 200)).toBe(0);
    expect(tenthPosition(5, 0)).toBe(0);
    expect(frameSeconds(24)).toBeCloseTo(1 / 24);
    expect(frameSeconds(null)).toBeCloseTo(0.04);
  });
});

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('device preferences and remembered versions', () => {
  it('round-trips and falls back to defaults on broken storage', () => {
    const store = memoryStore();
    expect(loadPreferences(store)).toEqual(DEFAULT_PREFERENCES);
    savePreferences({ volume: 0.4, muted: true, subtitleSize: 'large', subtitleBackground: 'box' }, store);
    expect(loadPreferences(store)).toEqual({ volume: 0.4, muted: true, subtitleSize: 'large', subtitleBackground: 'box' });
    store.data.set('mc.player.preferences', '{"volume": 7, "muted": "yes"');
    expect(loadPreferences(store)).toEqual(DEFAULT_PREFERENCES);
  });

  it('remembers one version per title', () => {
    const store = memoryStore();
    expect(rememberedVersion('movie', store)).toBeNull();
    rememberVersion('movie', 'file-4k', store);
    rememberVersion('other', 'file-a', store);
    rememberVersion('movie', 'file-1080', store);
    expect(rememberedVersion('movie', store)).toBe('file-1080');
    expect(rememberedVersion('other', store)).toBe('file-a');
    store.data.set('mc.player.versions', '[["x"]]');
    expect(rememberedVersion('movie', store)).toBeNull();
  });
});

describe('the quality cap sent as maxHeight', () => {
  const caps = { containers: ['mp4' as const], videoCodecs: ['h264' as const], audioCodecs: ['aac' as const], hls: true };
  it('adds the height of the cap, and none for original', () => {
    expect(withQualityCap(caps, '720p').maxHeight).toBe(720);
    expect(withQualityCap({ ...caps, maxHeight: 720 }, 'original')).not.toHaveProperty('maxHeight');
  });
});

describe('menus', () => {
  const track = (stream: number, language: string, extra: Partial<SubtitleTrack> = {}): SubtitleTrack => ({
    stream, language, title: null, codec: 'subrip', isForced: false, isDefault: false, kind: 'text', url: `/stream/subs/f/${stream}.vtt`, burnedIn: false, ...extra,
  });

  it('lists Off and each subtitle, with the chosen one checked', () => {
    const menus = buildMenus({
      audioTracks: [], audioStream: null, subtitleTracks: [track(3, 'eng'), track(4, 'fre', { isForced: true })], subtitleStream: 4,
      speed: 1, qualityCap: 'original', prefs: DEFAULT_PREFERENCES, versions: [], fileId: 'f',
    });
    const subtitles = menus.find((m) => m.id === 'subtitles')!;
    expect(subtitles.sections[0]!.choices.map((c) => c.value)).toEqual([SUBTITLES_OFF, '3', '4']);
    expect(subtitles.sections[0]!.selected).toBe('4');
    expect(subtitles.value).toBe('French (forced)');
    expect(menus.some((m) => m.id === 'audio')).toBe(false);
    expect(menus.find((m) => m.id === 'settings')!.sections.map((s) => s.id)).toEqual(['speed', 'quality', 'subtitle-size', 'subtitle-background']);
  });

  it('names a picture subtitle as burned in', () => {
    expect(subtitleLabel(track(5, 'eng', { kind: 'picture', codec: 'hdmv_pgs_subtitle', url: null }), 0)).toBe('English (burned in)');
  });
});

describe('playback errors in words', () => {
  it('names the server codes and keeps its message about the share', () => {
    const offline = describeProblem(new ApiError('source-offline', 503, 'The library folder /media/nas is not reachable.'));
    expect(offline).toMatchObject({ code: 'source-offline', title: 'The share is offline', retryable: true });
    expect(offline.detail).toContain('/media/nas');
    expect(describeProblem(new ApiError('file-missing', 410, 'gone')).title).toBe('The file is missing');
    expect(describeProblem(new ApiError('too-many-transcodes', 503, 'cap')).title).toMatch(/Too many/);
    expect(describeProblem(new PlaybackFailure('stopped', 'network')).code).toBe('playback-network');
  });
});
