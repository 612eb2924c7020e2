// Hardware encoder detection through the real bundled ffmpeg: every kind gets an answer with its reason,
// and on a machine without a GPU none is called usable (transcodes then use libx264); a hardware encoder that
// fails mid-session hands over to libx264 in that same session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectHardwareEncoders, HARDWARE_KINDS } from '../../src/main/playback/encoders';
import { mediaTools } from '../../src/main/media-tools/tools';
import { PlaybackSessions } from '../../src/main/playback/sessions';
import { decidePlayMethod } from '../../src/main/playback/decision';
import { segmentJobArgs } from '../../src/main/playback/ffmpeg-args';
import { transcodePlan } from '../../src/main/playback/playlist';
import type { ClientCapabilities, MediaStream } from '../../src/shared/api';
import { makeClip, removeDir, tempDir } from '../helpers/fixtures';

const chromium: ClientCapabilities = { containers: ['mp4', 'webm'], videoCodecs: ['h264', 'vp9', 'av1'], audioCodecs: ['aac', 'mp3', 'opus', 'flac'], hls: true };
const base = { profile: null, language: null, title: null, isDefault: true, isForced: false, isExternal: false, isHearingImpaired: false, fps: null, level: null, hdr: null, channelLayout: null, bitrate: null };
const video: MediaStream = { ...base, index: 0, type: 'video', codec: 'h264', width: 320, height: 180, bitDepth: 8, channels: null, sampleRate: null };
const audio: MediaStream = { ...base, index: 1, type: 'audio', codec: 'aac', width: null, height: null, bitDepth: null, channels: 2, sampleRate: 48000 };

describe('detectHardwareEncoders', () => {
  it('answers for every kind, with why a kind cannot be used', async () => {
    const found = await detectHardwareEncoders(mediaTools().ffmpeg, 'linux');
    expect(found.map((f) => f.kind)).toEqual([...HARDWARE_KINDS]);
    for (const f of found) expect(f.detail.length).toBeGreaterThan(5);
    expect(found.find((f) => f.kind === 'videotoolbox')!.detail).toContain('not available on linux');
    // The bundled build names no NVENC encoder.
    expect(found.find((f) => f.kind === 'nvenc')!.detail).toMatch(/no h264_nvenc|NVIDIA/);
    if (!existsSync('/dev/dri')) expect(found.find((f) => f.kind === 'vaapi')!.detail).toContain('no GPU render device');
  }, 30_000);

  it('on macOS only VideoToolbox is worth trying', async () => {
    const found = await detectHardwareEncoders(mediaTools().ffmpeg, 'darwin');
    expect(found.filter((f) => !f.detail.startsWith('not available on darwin')).map((f) => f.kind)).toEqual(['videotoolbox']);
  });
});

describe('a hardware encoder that fails at run time', () => {
  let dir: string;
  let sessions: PlaybackSessions;

  beforeAll(async () => {
    dir = tempDir();
    await makeClip(join(dir, 'clip.mp4'), 'h264-aac-mp4', 12);
    sessions = new PlaybackSessions({ ffmpeg: mediaTools().ffmpeg, cacheDir: join(dir, 'cache') });
  }, 60_000);

  afterAll(() => {
    sessions.stopAll();
    removeDir(dir);
  });

  it('asks ffmpeg for that encoder, and only for the video of a transcode', () => {
    const decision = decidePlayMethod({ container: 'mp4', streams: [video, audio] }, chromium, { forceMethod: 'transcode' });
    const args = segmentJobArgs({ input: '/x.mp4', outDir: '/out', decision, plan: transcodePlan(12), from: 0, hardware: { kind: 'nvenc', device: null } });
    expect(args.join(' ')).toContain('-c:v h264_nvenc');
    expect(args).not.toContain('libx264');
    const remux = decidePlayMethod({ container: 'mkv', streams: [video, audio] }, chromium);
    expect(segmentJobArgs({ input: '/x.mkv', outDir: '/out', decision: remux, plan: transcodePlan(12), from: 0, hardware: { kind: 'nvenc', device: null } }).join(' ')).toContain('-c:v copy');
  });

  it('falls back to libx264 in the same session, and the segments come', async () => {
    const decision = decidePlayMethod({ container: 'mp4', streams: [video, audio] }, chromium, { forceMethod: 'transcode' });
    // The bundled ffmpeg has no NVENC: this job fails at once, as a broken driver would.
    const id = sessions.start({ input: join(dir, 'clip.mp4'), decision, plan: transcodePlan(12), startSeconds: 0, firstPicture: 0, hardware: { kind: 'nvenc', device: null } });
    const path = await sessions.file(id, 'seg-00000.m4s');
    expect(existsSync(path)).toBe(true);
    const state = sessions.inspect(id)!;
    expect(state.encoder).toBe('libx264');
    expect(state.fallback).toMatch(/^h264_nvenc failed, so libx264 took over: \S/);
    expect(state.jobs).toBe(2);
    // The rest of the session runs on libx264 too: a segment near the end.
    expect(existsSync(await sessions.file(id, 'seg-00004.m4s'))).toBe(true);
    expect(sessions.inspect(id)!.jobs).toBe(2);
  }, 60_000);
});
