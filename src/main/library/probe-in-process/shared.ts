// Small mappings both container readers share, kept identical to probe.ts's reading of ffprobe output.
import type { ProbedStream } from '../../db/library-store';
import { bail } from './byte-reader';
import { UNSPECIFIED_TRANSFER, type VideoConfig } from './codec-config';

/**
 * A track as both readers start it: what the track header says, with the codec and its details still
 * unknown (null, as ffprobe leaves what it cannot read) until the codec-specific reader fills them.
 */
export function newTrack(header: Pick<ProbedStream, 'index' | 'type' | 'language' | 'title' | 'isDefault' | 'isForced' | 'isHearingImpaired'>): ProbedStream {
  return {
    codec: '',
    profile: null,
    isExternal: false,
    width: null,
    height: null,
    fps: null,
    bitDepth: null,
    level: null,
    hdr: null,
    channels: null,
    channelLayout: null,
    sampleRate: null,
    bitrate: null,
    ...header,
  };
}

/** ISO/IEC 23091-2 transfer characteristics: 16 = SMPTE ST 2084 (PQ), 18 = ARIB STD-B67 (HLG). */
export function hdrFromTransfer(transfer: number | null): string | null {
  if (transfer === 16) return 'hdr10';
  if (transfer === 18) return 'hlg';
  return null;
}

export function roundFps(fps: number): number {
  return Math.round(fps * 1000) / 1000;
}

/** probe.ts flags SDH/HI/CC titles as hearing impaired too. */
export function titleLooksHearingImpaired(title: string | null): boolean {
  return /\b(sdh|hi|cc)\b/i.test(title ?? '');
}

/**
 * Fills a video track as ffprobe reports it. The container's colour tag wins unless it is absent or
 * "unspecified"; then the bitstream header's does. HDR needs more than 8 bits, so a deep track with no
 * transfer at all could be either: we bail and let ffprobe decide.
 */
export function fillVideoTrack(
  stream: ProbedStream,
  v: { codec: string; config: VideoConfig; containerTransfer: number | null; width: number; height: number; fps: number | null; dolbyVision: boolean },
): void {
  const transfer = v.containerTransfer !== null && v.containerTransfer !== UNSPECIFIED_TRANSFER ? v.containerTransfer : v.config.transfer;
  if (transfer === null && v.config.bitDepth > 8) bail('high bit depth without colour information');
  Object.assign(stream, {
    codec: v.codec,
    profile: v.config.profile,
    level: v.config.level,
    bitDepth: v.config.bitDepth,
    width: v.width,
    height: v.height,
    fps: v.fps,
    hdr: v.dolbyVision ? 'dolby-vision' : hdrFromTransfer(transfer),
  });
}
