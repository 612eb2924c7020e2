// Every text subtitle a family's files carry comes out as WebVTT on the file's own timeline: ASS and
// WebVTT tracks inside a Matroska file, MP4's timed text (mov_text), and .vtt and .ass files beside a
// film. A styled track is also served as the original ASS for libass. A lone .sub is MicroDVD text timed in
// the video's frames, .smi is SAMI, and a VobSub .idx/.sub pair is one picture track.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { PlaybackSession } from '../../src/shared/api';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';
import { scannedFilms, startTestServer, type TestServer } from '../helpers/test-server';
import { play } from '../helpers/playback-client';
import { writeVobsubSidecar } from '../helpers/vobsub';

const ASS = `[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:03.50,0:00:05.00,Default,,0,0,0,,{\\b1}LINE{\\b0}
`;
const ass = (line: string) => ASS.replace('LINE', line);
const vtt = (line: string) => `WEBVTT\n\n00:00:03.500 --> 00:00:05.000\n${line}\n`;

let dir: string;
let server: RunningServer;
let srv: TestServer;
let sessions: Map<string, PlaybackSession>;
const paths = new Map<string, string>();

async function mux(out: string, args: string[]): Promise<void> {
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=8', '-f', 'lavfi', '-i', 'sine=duration=8', ...args, out], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(r.stderr);
}
const video = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-c:a', 'aac'];

/** Where the file's first picture is: Matroska shifts everything by AAC's priming (some 21 ms) to start at 0. */
async function videoStart(title: string): Promise<number> {
  const path = paths.get(title)!;
  const r = await runTool(mediaTools().ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=start_time', '-of', 'csv=p=0', path]);
  return Number(r.stdout.trim());
}

/** The cue meant for 3.5 s into the picture, on the file's timeline (ASS keeps centiseconds). */
async function expectCueAt(title: string, found: { start: number; text: string }[], text: string): Promise<void> {
  const at = 3.5 + (await videoStart(title));
  expect(found.map((c) => c.text)).toEqual([text]);
  expect(Math.abs(found[0]!.start - at), `cue at ${found[0]!.start}, picture at ${at}`).toBeLessThanOrEqual(0.011);
}

function cues(text: string): { start: number; text: string }[] {
  return [...text.matchAll(/(\d\d):(\d\d):(\d\d)\.(\d{3}) --> [^\n]+\n([^\n]+)/g)].map((m) => ({
    start: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000,
    text: m[5]!,
  }));
}

beforeAll(async () => {
  dir = tempDir();
  const lib = join(dir, 'films');
  const src = join(dir, 'src');
  const inMkv = join(lib, 'Tracks (2001)');
  const inMp4 = join(lib, 'Timed (2002)');
  const beside = join(lib, 'Beside (2003)');
  const older = join(lib, 'Older (2004)');
  for (const d of [inMkv, inMp4, beside, older]) writeFile(d, '.keep', '');
  const assIn = writeFile(src, 'in.ass', ass('From an ASS track'));
  const vttIn = writeFile(src, 'in.vtt', vtt('From a WebVTT track'));
  const srtIn = writeFile(src, 'in.srt', '1\n00:00:03,500 --> 00:00:05,000\nFrom a timed-text track\n');
  paths.set('Older', join(older, 'Older (2004).mkv')).set('Tracks', join(inMkv, 'Tracks (2001).mkv')).set('Timed', join(inMp4, 'Timed (2002).mp4')).set('Beside', join(beside, 'Beside (2003).mp4'));
  await mux(join(inMkv, 'Tracks (2001).mkv'), ['-i', assIn, '-i', vttIn, '-map', '0', '-map', '1', '-map', '2', '-map', '3', ...video, '-c:s:0', 'ass', '-c:s:1', 'webvtt', '-metadata:s:s:0', 'language=eng', '-metadata:s:s:1', 'language=fre']);
  await mux(join(inMp4, 'Timed (2002).mp4'), ['-i', srtIn, '-map', '0', '-map', '1', '-map', '2', ...video, '-c:s', 'mov_text', '-metadata:s:s:0', 'language=spa']);
  await mux(join(beside, 'Beside (2003).mp4'), video);
  writeFile(beside, 'Beside (2003).de.vtt', vtt('Aus einer WebVTT-Datei'));
  writeFile(beside, 'Beside (2003).it.ass', ass('Da un file ASS'));
  await mux(join(older, 'Older (2004).mkv'), video);
  // Frame 100 of a 25 fps video is 4 s; no rate line, so the video's rate times it.
  writeFile(older, 'Older (2004).pl.sub', '{100}{125}{y:i}Z pliku|MicroDVD\n');
  writeFile(older, 'Older (2004).ko.smi', '<SAMI><BODY>\n<SYNC Start=4000><P Class=KRCC>SAMI 자막\n<SYNC Start=5000><P Class=KRCC>&nbsp;\n</BODY></SAMI>\n');
  writeVobsubSidecar(join(older, 'Older (2004).en'), [{ x: 40, y: 40, width: 100, height: 40, startSeconds: 4, endSeconds: 5 }]);
  const renderer = join(dir, 'renderer');
  writeFile(renderer, 'index.html', '<!doctype html><title>t</title>');
  srv = await startTestServer({ dataDir: join(dir, 'data'), rendererDir: renderer });
  server = srv.server;
  const films = await scannedFilms(srv, [lib]);
  sessions = new Map();
  // A start at 2 s: cues stay on the file's timeline, not the session's.
  for (const [title, detail] of films) sessions.set(title, await play(srv, { fileId: detail.files[0]!.id, startSeconds: 2 }));
}, 120_000);

afterAll(async () => {
  for (const s of sessions?.values() ?? []) await srv.api(`/playback/${s.sessionId}`, { method: 'DELETE' });
  await server?.close();
  removeDir(dir);
});

async function served(title: string, language: string): Promise<{ vtt: string; url: string; codec: string }> {
  const session = sessions.get(title)!;
  expect(session.startSeconds).toBe(2);
  const track = session.subtitleTracks.find((t) => t.language === language);
  expect(track, `${title}: a ${language} track in ${JSON.stringify(session.subtitleTracks)}`).toBeDefined();
  expect(track!.kind).toBe('text');
  expect(track!.url).toMatch(/^\/stream\/subs\/.+\.vtt$/);
  const res = await srv.api(track!.url!);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/vtt');
  return { vtt: await res.text(), url: track!.url!, codec: track!.codec };
}

describe('text subtitles of every kind', () => {
  it('an ASS track inside Matroska: WebVTT with its text unstyled, and the original ASS for libass', async () => {
    const { vtt: text, url } = await served('Tracks', 'eng');
    await expectCueAt('Tracks', cues(text), 'From an ASS track');
    const original = await srv.api(url.replace(/\.vtt$/, '.ass'));
    expect(original.status).toBe(200);
    expect(await original.text()).toContain('{\\b1}From an ASS track');
  });

  it('a WebVTT track inside Matroska', async () => {
    const { vtt: text, codec } = await served('Tracks', 'fre');
    expect(codec).toBe('webvtt');
    await expectCueAt('Tracks', cues(text), 'From a WebVTT track');
  });

  it("MP4's timed text (mov_text)", async () => {
    const { vtt: text, codec } = await served('Timed', 'spa');
    expect(codec).toBe('mov_text');
    await expectCueAt('Timed', cues(text), 'From a timed-text track');
  });

  it('a .vtt and an .ass file beside the film', async () => {
    expect(cues((await served('Beside', 'ger')).vtt)).toEqual([{ start: 3.5, text: 'Aus einer WebVTT-Datei' }]);
    const italian = await served('Beside', 'ita');
    expect(cues(italian.vtt)).toEqual([{ start: 3.5, text: 'Da un file ASS' }]);
    expect(await (await srv.api(italian.url.replace(/\.vtt$/, '.ass'))).text()).toContain('{\\b1}Da un file ASS');
  });

  it('a lone .sub is MicroDVD text in the video\'s frames, a .smi is SAMI', async () => {
    const polish = await served('Older', 'pol');
    expect(polish.codec).toBe('microdvd');
    expect(cues(polish.vtt)).toEqual([{ start: 4, text: 'Z pliku' }]);
    expect(polish.vtt).toContain('Z pliku\nMicroDVD');
    const korean = await served('Older', 'kor');
    expect(korean.codec).toBe('sami');
    expect(cues(korean.vtt)).toEqual([{ start: 4, text: 'SAMI 자막' }]);
  });

  it('a VobSub .idx/.sub pair is one picture track, offered for burning in, not two broken ones', async () => {
    const tracks = sessions.get('Older')!.subtitleTracks;
    const english = tracks.filter((t) => t.language === 'eng');
    expect(english).toEqual([expect.objectContaining({ codec: 'dvd_subtitle', kind: 'picture', url: null })]);
    expect(tracks.map((t) => t.codec).sort()).toEqual(['dvd_subtitle', 'microdvd', 'sami']);
  });
});
