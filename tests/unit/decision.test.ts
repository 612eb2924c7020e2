import { describe, expect, it } from 'vitest';
import { decidePlayMethod } from '../../src/main/playback/decision';
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

  it('a browser without HLS gets a transcode decision it can be told about', () => {
    const d = decidePlayMethod({ container: 'mkv', streams: [stream('video', 'h264', 0)] }, { ...chromium, hls: false });
    expect(d.reasons).toContain('hls-not-supported');
  });
});
