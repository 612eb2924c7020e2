// `media-centre doctor`: what tools are in use and whether they can do what playback and the library need.
import Database from 'better-sqlite3';
import { mediaTools } from './media-tools/tools';
import { ffmpegLists, runTool } from './media-tools/run';
import { nativeBindingPath, nativeOptions } from './db/native-binding';
import { detectHardwareEncoders, publicStatus } from './playback/encoders';
import type { HardwareEncoderStatus } from '../shared/settings-api';

const ENCODERS = ['libx264', 'aac', 'libx265', 'libvpx-vp9', 'libopus', 'ac3'] as const;
const MUXERS = ['hls', 'mp4', 'webm', 'matroska'] as const;
const FILTERS = ['scale', 'subtitles', 'tile', 'zscale', 'tonemap'] as const;

export interface DoctorReport {
  ok: boolean;
  lines: string[];
  ffmpeg: { path: string; version: string };
  ffprobe: { path: string; version: string };
  sqlite: { version: string; fts5: boolean; module: string };
  node: { version: string; abi: string };
  encoders: Record<string, boolean>;
  muxers: Record<string, boolean>;
  filters: Record<string, boolean>;
  /** Hardware H.264 encoders: which work, and why the others do not. */
  hardware: HardwareEncoderStatus[];
}

/** `ffmpeg`: the one the server runs (Settings › Playback › ffmpegPath), when it is not the default. */
export async function doctorReport(ffmpeg?: string): Promise<DoctorReport> {
  const found = mediaTools();
  const tools = ffmpeg && ffmpeg !== found.ffmpeg ? { ...found, ffmpeg, source: 'configured' as const } : found;
  const [fv, pv, enc, mux, fil, hardware] = await Promise.all([
    runTool(tools.ffmpeg, ['-hide_banner', '-version'], { timeoutMs: 10_000 }),
    runTool(tools.ffprobe, ['-hide_banner', '-version'], { timeoutMs: 10_000 }),
    runTool(tools.ffmpeg, ['-hide_banner', '-encoders'], { timeoutMs: 10_000 }),
    runTool(tools.ffmpeg, ['-hide_banner', '-muxers'], { timeoutMs: 10_000 }),
    runTool(tools.ffmpeg, ['-hide_banner', '-filters'], { timeoutMs: 10_000 }),
    detectHardwareEncoders(tools.ffmpeg),
  ]);
  const firstLine = (s: string): string => s.split('\n')[0]?.trim() ?? '';
  const db = new Database(':memory:', nativeOptions());
  const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  let fts5 = true;
  try {
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x)");
  } catch {
    fts5 = false;
  }
  db.close();
  const encoders = Object.fromEntries(ENCODERS.map((e) => [e, ffmpegLists(enc.stdout, e)]));
  const muxers = Object.fromEntries(MUXERS.map((m) => [m, ffmpegLists(mux.stdout, m)]));
  const filters = Object.fromEntries(FILTERS.map((f) => [f, ffmpegLists(fil.stdout, f)]));
  const sqliteModule = nativeBindingPath() ?? 'the build in node_modules';
  const mark = (ok: boolean): string => (ok ? 'yes' : 'MISSING');
  const lines = [
    `ffmpeg   ${tools.ffmpeg} (${tools.source})`,
    `         ${firstLine(fv.stdout)}`,
    `ffprobe  ${tools.ffprobe} (${tools.source})`,
    `         ${firstLine(pv.stdout)}`,
    `Node     ${process.version} (ABI ${process.versions.modules})`,
    `SQLite   ${sqliteVersion}, full-text search (FTS5): ${mark(fts5)}; module: ${sqliteModule}`,
    `Encoders ${Object.entries(encoders).map(([k, v]) => `${k}: ${mark(v)}`).join(', ')}`,
    `Muxers   ${Object.entries(muxers).map(([k, v]) => `${k}: ${mark(v)}`).join(', ')}`,
    `Filters  ${Object.entries(filters).map(([k, v]) => `${k}: ${mark(v)}`).join(', ')}`,
    `Hardware ${hardware.some((h) => h.usable) ? hardware.filter((h) => h.usable).map((h) => h.encoder).join(', ') : 'none usable: transcodes use libx264'}`,
    ...hardware.map((h) => `         ${h.encoder}: ${h.usable ? 'yes' : 'no'}, ${h.detail}`),
  ];
  const ok = fts5 && encoders.libx264 === true && encoders.aac === true && muxers.hls === true;
  lines.push(ok ? 'All that playback needs is here.' : 'Something playback needs is missing (see MISSING above).');
  return {
    ok,
    lines,
    ffmpeg: { path: tools.ffmpeg, version: firstLine(fv.stdout) },
    ffprobe: { path: tools.ffprobe, version: firstLine(pv.stdout) },
    sqlite: { version: sqliteVersion, fts5, module: sqliteModule },
    node: { version: process.version, abi: process.versions.modules },
    encoders,
    muxers,
    filters,
    hardware: publicStatus(hardware),
  };
}
