// The contract of the Settings screen's own routes (besides GET/PUT /api/v1/settings, typed in settings.ts):
// folder completion, a library's polling interval, the ffmpeg test and the About facts. Zod schemas for
// what clients send; plain types for what they get back (the renderer imports the types only).
import { z } from 'zod';
import { FFMPEG_NAME } from './settings';

export const fsDirsQuery = z.object({ path: z.string().max(4096) });

export interface FsDirsResponse {
  /** The folder whose subfolders are listed (absolute). */
  dir: string;
  /** What the typed path ends with, that the listed names start with ('' when the path ends at a folder). */
  prefix: string;
  parent: string | null;
  /** Subfolders only: files are never listed, nor anything read from inside them. */
  dirs: { name: string; path: string }[];
  /** More matched than were sent. */
  truncated: boolean;
}

const pollMinutes = z.number().int().min(0).max(24 * 60);

export const updateLibraryBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  /** Every root's interval at once (and the one roots added later start at). */
  pollMinutes: pollMinutes.optional(),
  /** One share's interval; applied after `pollMinutes`. Each id must be a network root of this library. */
  roots: z
    .array(z.strictObject({ id: z.string().min(1).max(100), pollMinutes }))
    .max(50)
    .optional(),
});
export type UpdateLibraryBody = z.infer<typeof updateLibraryBody>;


export const ffmpegTestBody = z.strictObject({
  path: z.string().min(1).max(4096).regex(FFMPEG_NAME, 'the path of a program named ffmpeg'),
});
export type FfmpegTestBody = z.infer<typeof ffmpegTestBody>;

export interface FfmpegTestResult {
  ok: boolean;
  path: string;
  /** ffmpeg's first line, e.g. `ffmpeg version 4.1 …`. */
  version: string | null;
  /** The encoders playback needs, and whether this ffmpeg has them. */
  encoders: Record<string, boolean>;
  /** Hardware H.264/HEVC encoders it lists (nvenc, vaapi, qsv, videotoolbox, amf…). */
  hardwareEncoders: string[];
  error: string | null;
}

export interface SystemInfo {
  version: string;
  dataDir: string;
  /** Where the server writes its log. */
  logFile: string;
  themesDir: string;
  node: string;
  platform: string;
  ffmpeg: { path: string; version: string };
  ffprobe: { path: string; version: string };
  sqlite: { version: string; fts5: boolean };
  /** Hardware encoders the ffmpeg build lists (named, not tried). */
  hardwareEncoders: string[];
  /**
   * Each hardware H.264 encoder tried with a one-second test encode through the configured ffmpeg:
   * whether it works, and why not (doctor lists the same). Playback uses the first usable one when
   * Settings › Playback › hardwareEncoding is on.
   */
  hardwareDetection: HardwareEncoderStatus[];
}

export type HardwareKind = 'vaapi' | 'nvenc' | 'qsv' | 'videotoolbox' | 'amf';

export interface HardwareEncoderStatus {
  kind: HardwareKind;
  /** ffmpeg's name for it, e.g. `h264_vaapi`. */
  encoder: string;
  usable: boolean;
  /** Why not, or on which device it works. */
  detail: string;
}
