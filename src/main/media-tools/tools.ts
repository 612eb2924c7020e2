// Where ffmpeg and ffprobe come from: a configured path wins, else the binaries bundled through npm.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
  source: 'configured' | 'bundled';
}

const requireFromHere = createRequire(__filename);

/** Inside a packaged app the binaries live in the unpacked copy of the asar archive. */
function unpacked(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function bundledPath(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string {
  const mod = requireFromHere(pkg) as { path?: unknown };
  if (typeof mod.path !== 'string') throw new Error(`${pkg} did not report a binary path`);
  return unpacked(mod.path);
}

function assertExecutable(path: string, what: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${what} at ${path} is missing or not executable`);
  }
}

let cached: MediaTools | undefined;

/**
 * MEDIA_CENTRE_FFMPEG / MEDIA_CENTRE_FFPROBE let a user point at their own build
 * (e.g. one with hardware encoders); otherwise the npm-bundled static builds are used.
 */
export function mediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools {
  if (cached && env === process.env) return cached;
  const configuredFfmpeg = env.MEDIA_CENTRE_FFMPEG;
  const configuredFfprobe = env.MEDIA_CENTRE_FFPROBE;
  const tools: MediaTools = {
    ffmpeg: configuredFfmpeg || bundledPath('@ffmpeg-installer/ffmpeg'),
    ffprobe: configuredFfprobe || bundledPath('@ffprobe-installer/ffprobe'),
    source: configuredFfmpeg || configuredFfprobe ? 'configured' : 'bundled',
  };
  assertExecutable(tools.ffmpeg, 'ffmpeg');
  assertExecutable(tools.ffprobe, 'ffprobe');
  if (env === process.env) cached = tools;
  return tools;
}

const warned = new Set<string>();

/**
 * The ffmpeg a new job runs: `configured` (Settings › Playback › ffmpegPath) when it is set and executable,
 * else the server's own. Asked per job, so a changed setting applies to the next job without a restart;
 * a configured path that cannot run is said once in the log, and playback goes on with the server's own.
 */
export function ffmpegFor(configured: string | null, tools: MediaTools, log?: (message: string) => void): string {
  if (configured === null) return tools.ffmpeg;
  try {
    accessSync(configured, constants.X_OK);
    return configured;
  } catch {
    if (!warned.has(configured)) {
      warned.add(configured);
      log?.(`the ffmpeg set in Settings (${configured}) is missing or not executable: using ${tools.ffmpeg}`);
    }
    return tools.ffmpeg;
  }
}

/**
 * What reads files: ffprobe first, and ffmpeg for the files ffprobe dies on. The bundled ffprobe (a
 * 2023 static build) crashes with SIGSEGV on every MPEG-TS file on some machines, this one among them;
 * the bundled ffmpeg (2018) reads them. A bare string is an ffprobe with no ffmpeg to fall back on.
 */
export interface ProbeTools {
  ffprobe: string;
  ffmpeg: string | null;
}

export function probeToolsOf(tools: string | ProbeTools): ProbeTools {
  return typeof tools === 'string' ? { ffprobe: tools, ffmpeg: null } : { ffprobe: tools.ffprobe, ffmpeg: tools.ffmpeg };
}
