// Subtitles through the real server: an embedded SubRip track and sidecar files in other encodings come
// out as WebVTT on the file's own timeline, so after a start at 60 s the cue at 61.5 s is where the video
// segment holding 61.5 s is; a broken sidecar is reported, not served empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startMediaServer, type RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { ItemDetail, ItemsResponse, PlaybackSession } from '../../src/shared/api';
import { makeClip, removeDir, tempDir, writeFile } from '../helpers/fixtures';

const chromium = { containers: ['mp4', 'webm'], videoCodecs: ['h264'], audioCodecs: ['aac'], hls: true };
let dir: string;
let server: RunningServer;
let origin: string;
let auth: Record<string, string>;
let fileId: string;

const get = (path: string) => fetch(`${origin}${path}`, { headers: auth });

beforeAll(async () => {
  dir = tempDir();
  const film = join(dir, 'films', 'Film (2020)');
  const clip = await makeClip(join(dir, 'clip.mkv'), 'h264-ac3-mkv', 70);
  const srt = writeFile(dir, 'embedded.srt', '1\n00:01:01,500 --> 00:01:03,000\nInside the file\n');
  // ffmpeg writes no folders of its own.
  writeFile(film, '.keep', '');
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', clip, '-i', srt, '-map', '0', '-map', '1', '-c', 'copy', '-c:s', 'srt', '-metadata:s:s:0', 'language=eng', join(film, 'Film (2020).mkv')], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`could not mux the subtitle: ${r.stderr}`);
  // Windows-1252: "Café" with é as the single byte 0xE9.
  writeFile(film, 'Film (2020).fr.srt', Buffer.concat([Buffer.from('1\r\n00:01:01,500 --> 00:01:03,000\r\nCaf'), Buffer.from([0xe9]), Buffer.from('\r\n')]));
  writeFile(film, 'Film (2020).de.srt', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x00, 0x41, 7, 8, 9]));
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  server = await startMediaServer({ dataDir: join(dir, 'data'), tools: mediaTools(), rendererDir: renderer, version: 'test', watch: false, log: () => {} });
  const url = new URL(server.url);
  origin = url.origin;
  auth = { Authorization: `Bearer ${url.searchParams.get('token') ?? ''}` };
  server.services.addLibrary({ type: 'movies', paths: [join(dir, 'films')] });
  await server.services.scans.whenIdle();
  const { items } = (await (await get('/api/v1/items')).json()) as ItemsResponse;
  const detail = (await (await get(`/api/v1/items/${items[0]!.id}`)).json()) as ItemDetail;
  fileId = detail.files[0]!.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

function cueStarts(vtt: string): number[] {
  return [...vtt.matchAll(/(\d\d):(\d\d):(\d\d)\.(\d{3}) -->/g)].map((m) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000);
}

describe('subtitles', () => {
  it('after a start at 60 s, every text track is WebVTT with its cue where the video has that moment', async () => {
    const res = await fetch(`${origin}/api/v1/playback`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ fileId, capabilities: chromium, startSeconds: 60 }) });
    expect(res.status).toBe(201);
    const session = (await res.json()) as PlaybackSession;
    expect(session.startSeconds).toBe(60);
    const text = session.subtitleTracks.filter((t) => t.kind === 'text');
    expect(text.length).toBe(3);
    for (const t of text) expect(t.url).toMatch(/^\/stream\/subs\/.+\.vtt$/);

    const embedded = text.find((t) => !t.url!.includes('fr') && t.language === 'eng')!;
    const vtt = await (await get(embedded.url!)).text();
    expect(vtt).toContain('Inside the file');
    expect(cueStarts(vtt)).toEqual([61.5]);

    const french = text.find((t) => t.language === 'fre' || t.language === 'fra' || t.language === 'fr')!;
    const fr = await get(french.url!);
    expect(fr.headers.get('content-type')).toContain('text/vtt');
    const frText = await fr.text();
    expect(frText).toContain('Café');
    expect(cueStarts(frText)).toEqual([61.5]);

    // The segment that holds 61.5 s on the playlist starts at or before it, on the same timeline.
    const playlist = await (await get(session.url)).text();
    const durations = [...playlist.matchAll(/#EXTINF:([\d.]+),/g)].map((m) => Number(m[1]));
    let at = 0;
    let i = 0;
    while (at + durations[i]! <= 61.5) at += durations[i++]!;
    const init = Buffer.from(await (await get(session.url.replace('index.m3u8', 'init.mp4'))).arrayBuffer());
    const seg = Buffer.from(await (await get(session.url.replace('index.m3u8', `seg-${String(i).padStart(5, '0')}.m4s`))).arrayBuffer());
    const probe = writeFile(dir, 'probe.mp4', Buffer.concat([init, seg]));
    const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', probe]);
    const pts = r.stdout.trim().split('\n').map(Number);
    expect(Math.min(...pts)).toBeLessThanOrEqual(61.5);
    expect(Math.max(...pts)).toBeGreaterThanOrEqual(61.5 - 0.05);
    await fetch(`${origin}/api/v1/playback/${session.sessionId}`, { method: 'DELETE', headers: auth });
  }, 90_000);

  it('a broken subtitle file is reported clearly, and asking ASS of an SRT is refused', async () => {
    const res = await fetch(`${origin}/api/v1/playback`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ fileId, capabilities: { ...chromium, containers: ['mkv'], audioCodecs: ['aac', 'ac3'] } }) });
    const session = (await res.json()) as PlaybackSession;
    const german = session.subtitleTracks.find((t) => t.language === 'ger' || t.language === 'deu' || t.language === 'de')!;
    const broken = await get(german.url!);
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('bad-subtitle');
    expect((await get(german.url!.replace('.vtt', '.ass'))).status).toBe(422);
    expect([400, 404]).toContain((await get(`/stream/subs/${fileId}/..%2f..%2fetc.vtt`)).status);
  });
});
