// Small mappings both container readers share, kept identical to probe.ts's reading of ffprobe output.

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
