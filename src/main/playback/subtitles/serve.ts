// A text subtitle track as WebVTT (or its original ASS): read from the sidecar file or pulled out of the
// video with ffmpeg, converted once and cached under the file's signature. Broken tracks are a clear error.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubtitleSource } from '../../db/catalogue-queries';
import { runTool, stderrTail } from '../../media-tools/run';
import { subtitleExtractArgs } from '../ffmpeg-args';
import { decodeSubtitle, formatOfCodec, parseSubtitle, SubtitleError, toWebVtt } from './text';

const MAX_SIDECAR_BYTES = 20 * 1024 * 1024;

export type SubtitleOutput = 'vtt' | 'ass';

async function sourceText(ffmpeg: string, source: SubtitleSource, streamIndex: number, as: 'srt' | 'ass'): Promise<string> {
  if (source.sidecarPath) {
    const size = (await stat(source.sidecarPath)).size;
    if (size > MAX_SIDECAR_BYTES) throw new SubtitleError('the subtitle file is too large to be a subtitle file');
    return decodeSubtitle(await readFile(source.sidecarPath));
  }
  const r = await runTool(ffmpeg, subtitleExtractArgs(source.file.path, streamIndex, as), { timeoutMs: 120_000, maxOutputBytes: 64 * 1024 * 1024 });
  if (r.code !== 0) throw new SubtitleError(`the subtitle track could not be read: ${stderrTail(r.stderr)}`);
  return decodeSubtitle(Buffer.from(r.stdout, 'utf8'));
}

export async function subtitleText(deps: { ffmpeg: string; cacheDir: string }, source: SubtitleSource, streamIndex: number, want: SubtitleOutput): Promise<string> {
  const format = formatOfCodec(source.codec);
  if (!format) throw new SubtitleError(`${source.codec} subtitles are pictures: they can only be burned into the video`);
  if (want === 'ass' && format !== 'ass') throw new SubtitleError('this track is not ASS/SSA: ask for .vtt');
  const key = createHash('sha256').update(`${source.file.path}\0${source.file.signature}\0${source.sidecarPath ?? ''}\0${streamIndex}\0${want}`).digest('hex').slice(0, 32);
  const dir = join(deps.cacheDir, 'subtitles');
  const cached = join(dir, `${key}.${want}`);
  try {
    return await readFile(cached, 'utf8');
  } catch {
    // Not made yet.
  }
  // Embedded tracks come out of ffmpeg as SRT, whatever their codec, except ASS which keeps its styles.
  const raw = await sourceText(deps.ffmpeg, source, streamIndex, format === 'ass' ? 'ass' : 'srt');
  const fps = source.file.streams.find((s) => s.type === 'video')?.fps ?? null;
  const text = want === 'ass' ? raw : toWebVtt(parseSubtitle(raw, source.sidecarPath ? format : format === 'ass' ? 'ass' : 'srt', fps));
  await mkdir(dir, { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, cached);
  return text;
}
