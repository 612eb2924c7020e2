import { describe, expect, it } from 'vitest';
import { buildCapabilities, withoutDirectPlay, type MediaProbe } from '../../src/renderer/player/capabilities';

/** A fake browser that supports exactly the MIME types given (MSE and the element alike). */
function browser(supported: string[], options: { mse?: boolean; canPlay?: Record<string, string> } = {}): MediaProbe {
  const set = new Set(supported);
  return {
    isTypeSupported: options.mse === false ? null : (mime) => set.has(mime),
    canPlayType: (mime) => options.canPlay?.[mime] ?? (set.has(mime) ? 'probably' : ''),
  };
}

const CHROME_LIKE = [
  'video/mp4',
  'video/webm',
  'video/mp4; codecs="avc1.640028"',
  'video/webm; codecs="vp8"',
  'video/webm; codecs="vp09.00.10.08"',
  'video/mp4; codecs="av01.0.05M.08"',
  'audio/mp4; codecs="mp4a.40.2"',
  'audio/mpeg',
  'audio/webm; codecs="opus"',
  'audio/webm; codecs="vorbis"',
  'audio/mp4; codecs="flac"',
  'video/mp4; codecs="avc1.42E01E,mp4a.40.2"',
];

describe('client capabilities from what the browser says', () => {
  it('maps a Chromium-like browser: no HEVC, no AC-3/E-AC-3, hls.js available', () => {
    expect(buildCapabilities(browser(CHROME_LIKE))).toEqual({
      containers: ['mp4', 'webm'],
      videoCodecs: ['h264', 'vp8', 'vp9', 'av1'],
      audioCodecs: ['aac', 'mp3', 'opus', 'vorbis', 'flac'],
      hls: true,
    });
  });

  it('adds HEVC, AC-3 and E-AC-3 when the platform decodes them (e.g. Edge, Safari)', () => {
    const caps = buildCapabilities(
      browser([...CHROME_LIKE, 'video/mp4; codecs="hvc1.1.6.L93.B0"', 'audio/mp4; codecs="ac-3"', 'audio/mp4; codecs="ec-3"']),
    );
    expect(caps.videoCodecs).toContain('hevc');
    expect(caps.audioCodecs).toEqual(expect.arrayContaining(['ac3', 'eac3']));
  });

  it('counts a codec only when MSE accepts it, since remuxed streams go through MSE', () => {
    const caps = buildCapabilities(
      browser(CHROME_LIKE, { canPlay: { 'audio/mp4; codecs="ac-3"': 'probably', 'video/mp4': 'maybe', 'video/webm': 'maybe' } }),
    );
    expect(caps.audioCodecs).not.toContain('ac3');
    expect(caps.containers).toEqual(['mp4', 'webm']);
  });

  it('falls back to canPlayType without MSE, and reports native HLS only when the element has it', () => {
    const safariOld = browser(['video/mp4', 'video/mp4; codecs="avc1.640028"', 'audio/mp4; codecs="mp4a.40.2"'], {
      mse: false,
      canPlay: { 'application/vnd.apple.mpegurl': 'maybe' },
    });
    expect(buildCapabilities(safariOld)).toEqual({
      containers: ['mp4'],
      videoCodecs: ['h264'],
      audioCodecs: ['aac'],
      hls: true,
    });
    const noHls = buildCapabilities(browser(['video/mp4'], { mse: false }));
    expect(noHls.hls).toBe(false);
  });

  it('survives a probe that throws on an odd MIME type', () => {
    const throwing: MediaProbe = {
      isTypeSupported: (mime) => {
        if (mime.includes('av01')) throw new Error('bad type');
        return mime === 'video/mp4; codecs="avc1.640028"';
      },
      canPlayType: () => '',
    };
    expect(buildCapabilities(throwing).videoCodecs).toEqual(['h264']);
  });

  it('can drop direct play for a second attempt after a file failed as is', () => {
    const caps = buildCapabilities(browser(CHROME_LIKE));
    expect(withoutDirectPlay(caps)).toEqual({ ...caps, containers: [] });
  });
});
