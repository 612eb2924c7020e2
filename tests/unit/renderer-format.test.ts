import { describe, expect, it } from 'vitest';
import type { MediaFile, MediaStream, Rating } from '../../src/shared/api';
import {
  audioTrackLabel,
  channelLabel,
  codecLabel,
  containerLabel,
  describeReasons,
  episodeCode,
  formatBytes,
  formatClock,
  formatDate,
  formatRuntime,
  initials,
  isFuture,
  languageName,
  resolutionLabel,
} from '../../src/renderer/lib/format';
import { fileLabel, videoSummary } from '../../src/renderer/lib/media-info';
import { metascoreTone, ratingBadges } from '../../src/renderer/lib/ratings';
import { resumePosition } from '../../src/renderer/lib/resume';

function stream(partial: Partial<MediaStream>): MediaStream {
  return {
    index: 0,
    type: 'audio',
    codec: 'aac',
    profile: null,
    language: null,
    title: null,
    isDefault: false,
    isForced: false,
    isExternal: false,
    isHearingImpaired: false,
    width: null,
    height: null,
    fps: null,
    bitDepth: null,
    level: null,
    hdr: null,
    channels: null,
    channelLayout: null,
    sampleRate: null,
    bitrate: null,
    ...partial,
  };
}

describe('labels for times, dates and sizes', () => {
  it('writes runtimes as hours and minutes', () => {
    expect(formatRuntime(132)).toBe('2 h 12 min');
    expect(formatRuntime(45)).toBe('45 min');
    expect(formatRuntime(120)).toBe('2 h');
    expect(formatRuntime(0)).toBeNull();
    expect(formatRuntime(null)).toBeNull();
  });

  it('writes the player clock with hours only when the film is that long', () => {
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(75, 5400)).toBe('0:01:15');
    expect(formatClock(Number.NaN)).toBe('0:00');
  });

  it('reads a bare date as a calendar day, whatever the time zone', () => {
    expect(formatDate('2026-03-12')).toBe('12 March 2026');
    expect(formatDate('not a date')).toBeNull();
    expect(formatDate(null)).toBeNull();
  });

  it('tells an announced premiere from a past one', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(isFuture('2026-03-12', now)).toBe(true);
    expect(isFuture('2020-03-12', now)).toBe(false);
    expect(isFuture(null, now)).toBe(false);
  });

  it('writes sizes in decimal units', () => {
    expect(formatBytes(3_051_191)).toBe('3.1 MB');
    expect(formatBytes(42_000_000_000)).toBe('42 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(0)).toBe('0 B');
  });

  it('codes episodes, double episodes included', () => {
    expect(episodeCode(1, 3)).toBe('S01E03');
    expect(episodeCode(2, 9, 10)).toBe('S02E09–E10');
    expect(episodeCode(null, 4)).toBe('E04');
    expect(episodeCode(1, null)).toBeNull();
  });

  it('makes initials for people without a photo', () => {
    expect(initials('Anna Karina')).toBe('AK');
    expect(initials('Jean-Paul Belmondo')).toBe('JB');
    expect(initials('Cher')).toBe('C');
    expect(initials('  ')).toBe('?');
  });
});

describe('labels for media', () => {
  it('names languages from ISO 639-2 codes, bibliographic ones included', () => {
    expect(languageName('eng')).toBe('English');
    expect(languageName('ger')).toBe('German');
    expect(languageName('fre')).toBe('French');
    expect(languageName('fr')).toBe('French');
    expect(languageName('und')).toBeNull();
    expect(languageName('qqq')).toBeNull();
    expect(languageName('<script>')).toBeNull();
  });

  it('names codecs, containers and resolutions as people know them', () => {
    expect(codecLabel('h264')).toBe('H.264');
    expect(codecLabel('eac3')).toBe('Dolby Digital Plus');
    expect(codecLabel('weird')).toBe('WEIRD');
    expect(containerLabel('mov,mp4,m4a,3gp,3g2,mj2', 'Film.mp4')).toBe('MP4');
    expect(containerLabel('mov,mp4,m4a,3gp,3g2,mj2', 'Film.mov')).toBe('QuickTime');
    expect(containerLabel('matroska,webm', 'Film.mkv')).toBe('Matroska');
    expect(containerLabel('matroska,webm', 'Film.webm')).toBe('WebM');
    expect(containerLabel(null)).toBeNull();
    expect(resolutionLabel(1920, 800)).toBe('1080p');
    expect(resolutionLabel(3840, 1600)).toBe('4K');
    expect(resolutionLabel(1280, 720)).toBe('720p');
    expect(resolutionLabel(720, 576)).toBe('576p');
    expect(resolutionLabel(640, 360)).toBe('SD');
    expect(channelLabel(6)).toBe('5.1');
    expect(channelLabel(2)).toBe('Stereo');
  });

  it('labels audio tracks by language, codec and channels', () => {
    expect(audioTrackLabel(stream({ codec: 'ac3', language: 'eng', channels: 6 }), 0)).toBe('English · Dolby Digital 5.1');
    expect(audioTrackLabel(stream({ codec: 'aac', language: 'eng', channels: 2, title: 'Commentary' }), 1)).toBe(
      'English · AAC Stereo · Commentary',
    );
    expect(audioTrackLabel(stream({ codec: 'dts', channels: 8 }), 2)).toBe('Track 3 · DTS 7.1');
  });

  it('summarises video and names versions of a film', () => {
    const video = stream({ type: 'video', codec: 'hevc', width: 3840, height: 2160, hdr: 'HDR10', bitDepth: 10, fps: 23.976 });
    expect(videoSummary(video)).toBe('HEVC · 4K (3840×2160) · HDR10 · 10-bit · 23.976 fps');
    const file: MediaFile = {
      id: 'f',
      name: 'Film.mkv',
      part: null,
      edition: "Director's Cut",
      container: 'matroska,webm',
      sizeBytes: 1,
      durationSeconds: 1,
      bitrate: null,
      probe: 'ok',
      probeError: null,
      missing: false,
      streams: [video, stream({ codec: 'truehd', channels: 8, index: 1 })],
      chapters: [],
    };
    expect(fileLabel(file)).toBe("Director's Cut · 4K HDR10");
  });
});

describe('rating badges', () => {
  const ratings: Rating[] = [
    { source: 'tomatometer', value: 91, max: 100, votes: null },
    { source: 'Metacritic', value: 74, max: 100, votes: null },
    { source: 'imdb', value: 7.84, max: 10, votes: 120345 },
    { source: 'imdb', value: 7.9, max: 10, votes: 1 },
  ];

  it('puts IMDb then Metascore first, once each, in their own formats', () => {
    const badges = ratingBadges(ratings);
    expect(badges.map((badge) => [badge.source, badge.value])).toEqual([
      ['IMDb', '7.8'],
      ['Metascore', '74'],
      ['Rotten Tomatoes', '91%'],
    ]);
    expect(badges[0]?.description).toBe('IMDb rating 7.8 out of 10 from 120,345 votes');
  });

  it('colours Metascores in Metacritic’s bands, and drops nonsense', () => {
    expect(metascoreTone(61)).toBe('good');
    expect(metascoreTone(60)).toBe('mixed');
    expect(metascoreTone(39)).toBe('bad');
    expect(ratingBadges([{ source: 'imdb', value: Number.NaN, max: 10, votes: null }])).toEqual([]);
    expect(ratingBadges([{ source: 'imdb', value: 5, max: 0, votes: null }])).toEqual([]);
  });
});

describe('when to offer Resume', () => {
  const data = { positionSeconds: 0, played: false, playCount: 0, lastPlayedAt: null, favourite: false };

  it('offers it for a real position that is not in the credits', () => {
    expect(resumePosition({ ...data, positionSeconds: 754 }, 6000)).toBe(754);
    expect(resumePosition({ ...data, positionSeconds: 30 }, 6000)).toBeNull();
    expect(resumePosition({ ...data, positionSeconds: 5800 }, 6000)).toBeNull();
    expect(resumePosition({ ...data, positionSeconds: 754, played: true }, 6000)).toBeNull();
    expect(resumePosition(null, 6000)).toBeNull();
  });
});

describe('why a file is not played as is', () => {
  it('turns the server’s reason codes into a few words, unknown codes included', () => {
    expect(describeReasons(['container-not-supported', 'audio-codec-not-supported'])).toBe('container, audio codec');
    expect(describeReasons(['hdr-tone-mapping'])).toBe('hdr tone mapping');
    expect(describeReasons([])).toBe('');
  });
});
