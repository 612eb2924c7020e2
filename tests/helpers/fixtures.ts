// Builders for test library trees and real media clips (made with the bundled ffmpeg; nothing is committed).
import { mkdirSync, mkdtempSync, writeFileSync, existsSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';

export function tempDir(prefix = 'mc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFile(root: string, rel: string, content: string | Buffer = 'x'): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

export function movieNfo(fields: { title: string; year?: number; plot?: string; genres?: string[]; actors?: { name: string; role?: string }[]; director?: string; imdb?: number; metascore?: number; set?: string }): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<movie>',
    `  <title>${esc(fields.title)}</title>`,
    fields.year ? `  <year>${fields.year}</year>` : '',
    fields.plot ? `  <plot>${esc(fields.plot)}</plot>` : '',
    ...(fields.genres ?? []).map((g) => `  <genre>${esc(g)}</genre>`),
    fields.director ? `  <director>${esc(fields.director)}</director>` : '',
    fields.set ? `  <set><name>${esc(fields.set)}</name></set>` : '',
    fields.imdb !== undefined || fields.metascore !== undefined
      ? `  <ratings>${fields.imdb !== undefined ? `<rating name="imdb" max="10" default="true"><value>${fields.imdb}</value><votes>1000</votes></rating>` : ''}${fields.metascore !== undefined ? `<rating name="metacritic" max="100"><value>${fields.metascore}</value></rating>` : ''}</ratings>`
      : '',
    ...(fields.actors ?? []).map((a, i) => `  <actor><name>${esc(a.name)}</name><role>${esc(a.role ?? '')}</role><order>${i}</order></actor>`),
    '</movie>',
  ]
    .filter(Boolean)
    .join('\n');
}

const clipCache = new Map<string, string>();

export type ClipKind = 'h264-aac-mp4' | 'h264-aac-mp4-360p' | 'h264-ac3-mkv' | 'h264-bframes-ac3-mkv' | 'hevc-aac-mkv' | 'vp9-opus-webm' | 'two-audio-mkv';

/** A real, short clip of the given kind, made once per test process and copied where asked. */
export async function makeClip(dest: string, kind: ClipKind = 'h264-aac-mp4', seconds = 2): Promise<string> {
  const key = `${kind}:${seconds}`;
  let cached = clipCache.get(key);
  if (!cached || !existsSync(cached)) {
    const dir = tempDir('mc-clip-');
    const ext = kind.includes('mp4') ? 'mp4' : kind.endsWith('webm') ? 'webm' : 'mkv';
    cached = join(dir, `clip.${ext}`);
    const { ffmpeg } = mediaTools();
    const input = ['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`];
    const codecs: Record<ClipKind, string[]> = {
      'h264-aac-mp4': ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'aac', '-movflags', '+faststart'],
      // The same at 640×360: a second version of a title.
      'h264-aac-mp4-360p': ['-vf', 'scale=640:360', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'aac', '-movflags', '+faststart'],
      'h264-ac3-mkv': ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'ac3'],
      // As films usually are: B-frames (ultrafast has none), a keyframe every 2 s, Matroska (which ffmpeg does not seek by pts).
      'h264-bframes-ac3-mkv': ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '3', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'ac3'],
      'hevc-aac-mkv': ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
      'vp9-opus-webm': ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-c:a', 'libopus'],
      'two-audio-mkv': ['-map', '0:v', '-map', '1:a', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a:0', 'aac', '-c:a:1', 'ac3', '-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fre'],
    };
    const r = await runTool(ffmpeg, ['-nostdin', '-v', 'error', '-y', ...input, ...codecs[kind], '-shortest', cached], { timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`ffmpeg could not make a ${kind} clip: ${r.stderr}`);
    clipCache.set(key, cached);
  }
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(cached, dest);
  return dest;
}
