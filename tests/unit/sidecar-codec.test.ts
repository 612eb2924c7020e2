// What a sidecar subtitle's extension stands for: a VobSub pair is one picture track named by its .idx, a
// .sub alone is MicroDVD text, an .idx without its pictures is nothing to show.
import { describe, expect, it } from 'vitest';
import { sidecarCodec } from '../../src/main/library/scanner';

describe('sidecarCodec', () => {
  it.each([
    ['srt', false, false, 'subrip'],
    ['ass', false, false, 'ass'],
    ['ssa', false, false, 'ssa'],
    ['vtt', false, false, 'vtt'],
    ['sup', false, false, 'hdmv_pgs_subtitle'],
    ['smi', false, false, 'sami'],
    ['idx', false, true, 'dvd_subtitle'],
    ['idx', false, false, null],
    ['sub', true, false, null],
    ['sub', false, false, 'microdvd'],
  ] as const)('%s (idx twin %s, sub twin %s) → %s', (format, hasIdx, hasSub, codec) => {
    expect(sidecarCodec(format, hasIdx, hasSub)).toBe(codec);
  });
});
