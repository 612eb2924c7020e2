// Asks an ffmpeg what it is: its version, the encoders playback needs, and the hardware encoders it has.
import { existsSync, statSync } from 'node:fs';
import { ffmpegLists, runTool } from '../media-tools/run';
import type { FfmpegTestResult } from '../../shared/settings-api';

const NEEDED = ['libx264', 'aac'] as const;
const HARDWARE = ['h264_nvenc', 'hevc_nvenc', 'h264_vaapi', 'hevc_vaapi', 'h264_qsv', 'hevc_qsv', 'h264_videotoolbox', 'hevc_videotoolbox', 'h264_amf', 'hevc_amf', 'h264_v4l2m2m'] as const;

export async function testFfmpeg(path: string): Promise<FfmpegTestResult> {
  const fail = (error: string): FfmpegTestResult => ({ ok: false, path, version: null, encoders: {}, hardwareEncoders: [], error });
  if (!existsSync(path) || !statSync(path).isFile()) return fail('There is no file at this path.');
  try {
    const [version, encoders] = await Promise.all([
      runTool(path, ['-hide_banner', '-version'], { timeoutMs: 10_000 }),
      runTool(path, ['-hide_banner', '-encoders'], { timeoutMs: 10_000 }),
    ]);
    const first = version.stdout.split('\n')[0]?.trim() ?? '';
    if (version.code !== 0 || !first.toLowerCase().startsWith('ffmpeg')) return fail('This program did not answer like ffmpeg.');
    const needed = Object.fromEntries(NEEDED.map((e) => [e, ffmpegLists(encoders.stdout, e)]));
    const hardwareEncoders = HARDWARE.filter((e) => ffmpegLists(encoders.stdout, e));
    const ok = Object.values(needed).every(Boolean);
    return { ok, path, version: first, encoders: needed, hardwareEncoders, error: ok ? null : 'It lacks libx264 or aac, which transcoding needs.' };
  } catch (e) {
    return fail(`It could not be run: ${(e as Error).message}`);
  }
}
