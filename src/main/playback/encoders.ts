// Which hardware H.264 encoders work here: each one named by the configured ffmpeg's build is tried with a
// one-second test encode, and the answer says why the others cannot be used. libx264 is the fallback that
// is always there (the bundled ffmpeg has no hardware encoder at all).
import { existsSync, readdirSync } from 'node:fs';
import { ffmpegLists, runTool, stderrTail } from '../media-tools/run';
import { hardwareProbeArgs, type HardwareChoice } from './ffmpeg-args';
import type { HardwareEncoderStatus, HardwareKind } from '../../shared/settings-api';

export const HARDWARE_KINDS: readonly HardwareKind[] = ['vaapi', 'nvenc', 'qsv', 'videotoolbox', 'amf'];

export type EncoderStatus = HardwareEncoderStatus & { device?: string | null };

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
      return { kind, encoder, usable: true, detail: device ? `works on ${device}` : 'works', device };
    }),
  );
}

/**
 * Detection once per ffmpeg path (the test encodes cost seconds), asked again when the configured ffmpeg
 * changes. `choice` is the encoder a transcode uses when hardware encoding is on: the first usable one.
 */
export class HardwareEncoders {
  private readonly found = new Map<string, Promise<EncoderStatus[]>>();

  constructor(private readonly ffmpeg: () => string) {}

  detect(): Promise<EncoderStatus[]> {
    const path = this.ffmpeg();
    let pending = this.found.get(path);
    if (!pending) {
      pending = detectHardwareEncoders(path);
      this.found.set(path, pending);
    }
    return pending;
  }

  async choice(): Promise<HardwareChoice | null> {
    const usable = (await this.detect()).find((e) => e.usable);
    return usable ? { kind: usable.kind, device: usable.device ?? null } : null;
  }
}

/** The encoders of a detection without the internal device field, as GET /api/v1/system shows them. */
export function publicStatus(found: EncoderStatus[]): HardwareEncoderStatus[] {
  return found.map(({ kind, encoder, usable, detail }) => ({ kind, encoder, usable, detail }));
}
