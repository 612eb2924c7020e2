// Picks which file of a title plays when the client names the title (itemId): of several versions, the one
// this client plays best — direct play first, then the tallest picture within its maxHeight, then the
// lightest to make. Pure.
import type { ClientCapabilities, MediaFile } from '../../shared/api';
import { decidePlayMethod } from './decision';

const METHOD_RANK = { direct: 0, remux: 1, transcode: 2 } as const;

export function pickVersion(files: readonly MediaFile[], caps: ClientCapabilities): MediaFile | null {
  const playable = files.filter((f) => !f.missing && f.probe !== 'failed');
  // Stacked parts (cd1, cd2…) start at the first part.
  const candidates = playable.filter((f) => f.part === null || f.part <= 1);
  const pool = candidates.length > 0 ? candidates : playable;
  let best: { file: MediaFile; key: number[] } | null = null;
  for (const file of pool) {
    const decision = decidePlayMethod({ container: file.container, streams: file.streams, bitrate: file.bitrate }, caps);
    const height = file.streams.find((s) => s.type === 'video')?.height ?? 0;
    const fits = caps.maxHeight === undefined || height <= caps.maxHeight * 1.02;
    const key = [METHOD_RANK[decision.method], fits ? 0 : 1, fits ? -height : height, file.sizeBytes];
    if (!best || lexLess(key, best.key)) best = { file, key };
  }
  return best?.file ?? null;
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
