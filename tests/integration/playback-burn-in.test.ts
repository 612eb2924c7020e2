// A picture subtitle (VobSub) end to end with the real server and ffmpeg: listed as a picture track with no
// WebVTT, left alone unless chosen (the file then plays as it would without it), and when chosen it forces
// a transcode that says subtitle-burn-in and paints the subpicture into the frames where it shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ItemDetail, PlaybackSession } from '../../src/shared/api';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { withVobsub } from '../helpers/vobsub';
import { scannedFilms, startTestServer, type ApiInit, type TestServer } from '../helpers/test-server';
import { play as playOn } from '../helpers/playback-client';

/** Where the subpicture is (the clip is 320 × 180), and when: over the first segment (0–1 s) and after. */
const BOX = { x: 40, y: 40, width: 160, height: 40, startSeconds: 0.2, endSeconds: 2.8 };

let dir: string;
let server: RunningServer;
let srv: TestServer;
let file: ItemDetail['files'][number];

const api = (path: string, init?: ApiInit): Promise<Response> => srv.api(path, init);
const play = (body: Record<string, unknown>): Promise<PlaybackSession> => playOn(srv, { fileId: file.id, ...body });

/** Frame 20 (0.8 s) of a session's first segment, as grey pixels. */
async function frameOfFirstSegment(s: PlaybackSession): Promise<{ data: Buffer; width: number }> {
  const get = async (name: string): Promise<Buffer> => Buffer.from(await (await api(s.url.replace('index.m3u8', name))).arrayBuffer());
  const mp4 = writeFile(dir, `seg-${s.sessionId}.mp4`, Buffer.concat([await get('init.mp4'), await get('seg-00000.m4s')]));
  const png = join(dir, `frame-${s.sessionId}.png`);
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', mp4, '-vf', 'select=eq(n\\,20)', '-vsync', 'vfr', '-frames:v', '1', png]);
  expect(r.code, r.stderr).toBe(0);
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  rmSync(mp4);
  rmSync(png);
  return { data, width: info.width };
}

/** Mean absolute difference of two frames inside and outside the subpicture's box. */
function difference(a: { data: Buffer; width: number }, b: { data: Buffer; width: number }): { inside: number; outside: number } {
  let inside = 0;
  let outside = 0;
  let nIn = 0;
  let nOut = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = i % a.width;
    const y = Math.floor(i / a.width);
    const d = Math.abs(a.data[i]! - b.data[i]!);
    if (x >= BOX.x + 2 && x < BOX.x + BOX.width - 2 && y >= BOX.y + 2 && y < BOX.y + BOX.height - 2) {
      inside += d;
      nIn++;
    } else if (x < BOX.x - 4 || x > BOX.x + BOX.width + 4 || y < BOX.y - 4 || y > BOX.y + BOX.height + 4) {
      outside += d;
      nOut++;
    }
  }
  return { inside: inside / nIn, outside: outside / nOut };
}

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  const plain = await makeClip(join(dir, 'plain.mp4'), 'h264-aac-mp4', 8);
  await withVobsub(plain, join(lib, 'Subbed (2020)', 'Subbed (2020).mkv'), [BOX]);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer, playback: { maxTranscodes: 2 } });
  server = srv.server;
  file = [...(await scannedFilms(srv, [lib])).values()][0]!.files[0]!;
}, 120_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe('a VobSub picture subtitle', () => {
  it('is listed as a picture track with no WebVTT, and not chosen it changes nothing', async () => {
    const sub = file.streams.find((s) => s.type === 'subtitle')!;
    expect(sub.codec).toBe('dvd_subtitle');
    const s = await play({});
    expect(s.method).toBe('remux');
    expect(s.reasons).not.toContain('subtitle-burn-in');
    expect(s.subtitleTracks).toEqual([expect.objectContaining({ stream: sub.index, codec: 'dvd_subtitle', kind: 'picture', url: null, burnedIn: false, language: 'eng' })]);
    await api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  });

  it('chosen, forces a transcode that says subtitle-burn-in and paints it into the picture', async () => {
    const sub = file.streams.find((s) => s.type === 'subtitle')!;
    const burnt = await play({ subtitleStream: sub.index });
    expect(burnt.method).toBe('transcode');
    expect(burnt.reasons).toContain('subtitle-burn-in');
    expect(burnt.subtitleTracks[0]).toMatchObject({ burnedIn: true, url: null });
    const clean = await play({ forceMethod: 'transcode' });
    expect(clean.subtitleTracks[0]!.burnedIn).toBe(false);
    const d = difference(await frameOfFirstSegment(burnt), await frameOfFirstSegment(clean));
    // The box is painted over (a flat colour on the test pattern); the rest of the frame is the same picture.
    expect(d.inside).toBeGreaterThan(20);
    expect(d.outside).toBeLessThan(3);
    await api(`/playback/${burnt.sessionId}`, { method: 'DELETE' });
    await api(`/playback/${clean.sessionId}`, { method: 'DELETE' });
  }, 90_000);
});
