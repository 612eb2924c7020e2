// Which hardware H.264 encoders work here: each one named by the configured ffmpeg's build is tried with a
// one-second test encode, and the answer says why the others cannot be used. libx264 is the fallback that
// is always there (the bundled ffmpeg has no hardware encoder at all).
import { existsSync, readdirSync } from 'node:fs';
import { ffmpegLists, runTool, stderrTail } from '../media-tools/run';
import { hardwareProbeArgs, type HardwareKind } from './ffmpeg-args';

export const HARDWARE_KINDS: readonly HardwareKind[] = ['vaapi', 'nvenc', 'qsv', 'videotoolbox', 'amf'];

export interface EncoderStatus {
  kind: HardwareKind;
  encoder: string;
  usable: boolean;
  /** Why not, or on which device it works. */
  detail: string;
}

const PLATFORM: Record<HardwareKind, NodeJS.Platform[]> = {
  vaapi: ['linux'],
  nvenc: ['linux', 'win32'],
  qsv: ['linux', 'win32'],
  videotoolbox: ['darwin'],
  amf: ['win32'],
};

function renderDevice(): string | null {
  try {
    const node = readdirSync('/dev/dri').find((n) => n.startsWith('renderD'));
    return node ? `/dev/dri/${node}` : null;
  } catch {
    return null;
  }
}

export async function detectHardwareEncoders(ffmpeg: string, platform: NodeJS.Platform = process.platform): Promise<EncoderStatus[]> {
  const listing = await runTool(ffmpeg, ['-hide_banner', '-encoders'], { timeoutMs: 10_000 }).then(
    (r) => r.stdout,
    () => '',
  );
  return Promise.all(
    HARDWARE_KINDS.map(async (kind): Promise<EncoderStatus> => {
      const encoder = `h264_${kind}`;
      const no = (detail: string): EncoderStatus => ({ kind, encoder, usable: false, detail });
      if (!PLATFORM[kind].includes(platform)) return no(`not available on ${platform}`);
      if (!ffmpegLists(listing, encoder)) return no(`this ffmpeg build has no ${encoder} (point MEDIA_CENTRE_FFMPEG at one that does)`);
      const device = kind === 'vaapi' ? renderDevice() : null;
      if (kind === 'vaapi' && !device) return no('no GPU render device in /dev/dri');
      if (kind === 'nvenc' && platform === 'linux' && !existsSync('/dev/nvidiactl')) return no('no NVIDIA driver (/dev/nvidiactl)');
      const r = await runTool(ffmpeg, hardwareProbeArgs(kind, device), { timeoutMs: 5_000 }).catch((e: Error) => ({ code: -1, stderr: e.message }));
      if (r.code !== 0) return no(`the test encode failed: ${stderrTail(r.stderr) || 'no reason given'}`);
      return { kind, encoder, usable: true, detail: device ? `works on ${device}` : 'works' };
    }),
  );
}
