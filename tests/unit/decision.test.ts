import { describe, expect, it } from 'vitest';
import { applyQualityCap, decidePlayMethod, qualityCapHeight } from '../../src/main/playback/decision';
import type { ClientCapabilities, MediaStream } from '../../src/shared/api';

const chromium: ClientCapabilities = { containers: ['mp4', 'webm'], videoCodecs: ['h264', 'vp9', 'av1'], audioCodecs: ['aac', 'mp3', 'opus', 'flac'], hls: true };

function stream(type: MediaStream['type'], codec: string, index: number, extra: Partial<MediaStream> = {}): MediaStream {
  return { index, type, codec, profile: null, language: null, title: null, isDefault: false, isForced: false, isExternal: false, isHearingImpaired: false, width: null, height: null, fps: null, bitDepth: type === 'video' ? 8 : null, level: null, hdr: null, channels: null, channelLayout: null, sampleRate: null, bitrate: null, ...extra };
}

const cases: [string, string, MediaStream[], string, string[]][] = [
  ['H.264/AAC MP4 plays directly', 'mp4', [stream('video', 'h264', 0), stream('audio', 'aac', 1)], 'direct', ['direct-play']],
  ['VP9/Opus WebM plays directly', 'webm', [stream('video', 'vp9', 0), stream('audio', 'opus', 1)], 'direct', ['direct-play']],
  ['H.264 + AC-3 in MKV is remuxed with the audio re-encoded', 'mkv', [stream('video', 'h264', 0), stream('audio', 'ac3', 1)], 'remux', ['container-not-supported', 'audio-codec-not-supported']],
  ['H.264/AAC in MKV is remuxed', 'mkv', [stream('video', 'h264', 0), stream('audio', 'aac', 1)], 'remux', ['container-not-supported']],
  ['HEVC is transcoded', 'mkv', [stream('video', 'hevc', 0), stream('audio', 'aac', 1)], 'transcode', ['container-not-supported', 'video-codec-not-supported']],
  ['10-bit H.264 is transcoded', 'mp4', [stream('video', 'h264', 0, { bitDepth: 10 }), stream('audio', 'aac', 1)], 'transcode', ['video-bit-depth-not-supported']],
];

describe('decidePlayMethod', () => {
  it.each(cases)('%s', (_name, container, streams, method, reasons) => {
    const d = decidePlayMethod({ container, streams }, chromium);
    expect(d.method).toBe(method);
    expect(d.reasons).toEqual(reasons);
  });

  it.each([
    ['original', null],
    ['2160p', 2160],
    ['720p', 720],
  ])('the quality cap %s is %s lines', (cap, lines) => expect(qualityCapHeight(cap)).toBe(lines));

  it('the quality cap bounds a transcode of a taller picture, not a remux, not a lower client limit', () => {
    const tall = [stream('video', 'hevc', 0, { height: 1080 }), stream('audio', 'aac', 1)];
    expect(applyQualityCap(decidePlayMethod({ container: 'mkv', streams: tall }, chromium), 720).encode.maxHeight).toBe(720);
    expect(applyQualityCap(decidePlayMethod({ container: 'mkv', streams: tall }, { ...chromium, maxHeight: 480 }), 720).encode.maxHeight).toBe(480);
    expect(applyQualityCap(decidePlayMethod({ container: 'mkv', streams: tall }, chromium), 1080).encode.maxHeight).toBeNull();
    const remux = decidePlayMethod({ container: 'mkv', streams: [stream('video', 'h264', 0, { height: 1080 }), stream('audio', 'aac', 1)] }, chromium);
    expect(applyQualityCap(remux, 720)).toBe(remux);
  });

  it('stacked parts that would each play directly are remuxed into one timeline, and say so', () => {
    const d = decidePlayMethod({ container: 'mp4', streams: [stream('video', 'h264', 0), stream('audio', 'aac', 1)] }, chromium, { stacked: true });
    expect([d.method, d.videoAction, d.audioAction]).toEqual(['remux', 'copy', 'copy']);
    expect(d.reasons).toEqual(['stacked-parts']);
    const hevc = decidePlayMethod({ container: 'mkv', streams: [stream('video', 'hevc', 0), stream('audio', 'aac', 1)] }, chromium, { stacked: true });
    expect(hevc.method).toBe('transcode');
    expect(hevc.reasons).toContain('stacked-parts');
  });

  it('copies the video and encodes AC-3 to AAC when remuxing for Chromium', () => {
    const d = decidePlayMethod({ container: 'mkv', streams: [stream('video', 'h264', 0), stream('audio', 'ac3', 1)] }, chromium);
    expect([d.videoAction, d.audioAction]).toEqual(['copy', 'encode']);
  });

  it('picking a second audio track needs the server, even in an MP4', () => {
    const d = decidePlayMethod({ container: 'mp4', streams: [stream('video', 'h264', 0), stream('audio', 'aac', 1), stream('audio', 'aac', 2)] }, chromium, 2);
    expect(d.method).toBe('remux');
    expect(d.reasons).toContain('audio-track-not-default');
    expect(d.audio?.index).toBe(2);
  });

  const pgs = stream('subtitle', 'hdmv_pgs_subtitle', 2);
  const srt = stream('subtitle', 'subrip', 3);
  const h264 = (extra: Partial<MediaStream> = {}) => stream('video', 'h264', 0, { width: 1920, height: 1080, ...extra });
  const table: [string, Parameters<typeof decidePlayMethod>, string, string[]][] = [
    ['a picture subtitle chosen is burned in by a transcode', [{ container: 'mp4', streams: [h264(), stream('audio', 'aac', 1), pgs] }, chromium, { subtitleStream: 2 }], 'transcode', ['subtitle-burn-in']],
    ['a text subtitle chosen keeps direct play (it is sent as WebVTT)', [{ container: 'mp4', streams: [h264(), stream('audio', 'aac', 1), srt] }, chromium, { subtitleStream: 3 }], 'direct', ['direct-play']],
    ['taller than the screen is scaled down', [{ container: 'mp4', streams: [h264({ height: 2160, width: 3840 }), stream('audio', 'aac', 1)] }, { ...chromium, maxHeight: 1080 }, {}], 'transcode', ['resolution-too-high']],
    ['1088 coded lines are not too tall for 1080', [{ container: 'mp4', streams: [h264({ height: 1088 }), stream('audio', 'aac', 1)] }, { ...chromium, maxHeight: 1080 }, {}], 'direct', ['direct-play']],
    ['over the bit-rate limit is transcoded under it', [{ container: 'mp4', streams: [h264(), stream('audio', 'aac', 1)], bitrate: 40_000_000 }, { ...chromium, maxBitrateKbps: 8000 }, {}], 'transcode', ['bitrate-too-high']],
    ['HDR is tone-mapped for an SDR display', [{ container: 'mkv', streams: [stream('video', 'hevc', 0, { hdr: 'hdr10', bitDepth: 10 }), stream('audio', 'aac', 1)] }, { ...chromium, videoCodecs: ['h264', 'hevc'] }, {}], 'transcode', ['container-not-supported', 'hdr-tonemap']],
    ['HDR plays as is on an HDR display', [{ container: 'mp4', streams: [stream('video', 'hevc', 0, { hdr: 'hdr10', bitDepth: 10 }), stream('audio', 'aac', 1)] }, { ...chromium, videoCodecs: ['h264', 'hevc'], hdr: true }, {}], 'direct', ['direct-play']],
    ['a client may force a remux', [{ container: 'mp4', streams: [h264(), stream('audio', 'aac', 1)] }, chromium, { forceMethod: 'remux' }], 'remux', ['forced-by-client']],
    ['a client may force a transcode of a remuxable file', [{ container: 'mkv', streams: [h264(), stream('audio', 'aac', 1)] }, chromium, { forceMethod: 'transcode' }], 'transcode', ['container-not-supported', 'forced-by-client']],
    ['forcing a remux of a file that must be transcoded changes nothing', [{ container: 'mkv', streams: [stream('video', 'hevc', 0), stream('audio', 'aac', 1)] }, chromium, { forceMethod: 'remux' }], 'transcode', ['container-not-supported', 'video-codec-not-supported']],
    ['HEVC copies into HLS for a client that decodes it', [{ container: 'mkv', streams: [stream('video', 'hevc', 0), stream('audio', 'aac', 1)] }, { ...chromium, videoCodecs: ['hevc'] }, {}], 'remux', ['container-not-supported']],
  ];

  it.each(table)('%s', (_name, args, method, reasons) => {
    const d = decidePlayMethod(...args);
    expect(d.method).toBe(method);
    expect(d.reasons).toEqual(reasons);
  });

  it('burns in only the picture subtitle chosen, and scales to maxHeight', () => {
    const d = decidePlayMethod({ container: 'mp4', streams: [h264({ height: 2160 }), stream('audio', 'aac', 1), pgs] }, { ...chromium, maxHeight: 720 }, { subtitleStream: 2 });
    expect(d.burnIn?.index).toBe(2);
    expect(d.encode.maxHeight).toBe(720);
    expect(d.videoAction).toBe('encode');
  });

  it('keeps 5.1 as AAC 5.1 when the client takes six channels, else stereo', () => {
    const streams = [h264(), stream('audio', 'ac3', 1, { channels: 6 })];
    expect(decidePlayMethod({ container: 'mkv', streams }, { ...chromium, maxAudioChannels: 6 }).audioChannels).toBe(6);
    expect(decidePlayMethod({ container: 'mkv', streams }, chromium).audioChannels).toBe(2);
  });

  it('a browser without HLS gets a transcode decision it can be told about', () => {
    const d = decidePlayMethod({ container: 'mkv', streams: [stream('video', 'h264', 0)] }, { ...chromium, hls: false });
    expect(d.reasons).toContain('hls-not-supported');
  });
});
