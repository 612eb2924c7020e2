// Small mappings both container readers share, kept identical to probe.ts's reading of ffprobe output.
import type { ProbedStream } from '../../db/library-store';

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
