import { describe, expect, it } from 'vitest';
import type { MediaSegment } from '../../src/shared/api';
import { skippableAt, skipTarget } from '../../src/renderer/player/skip-segments';

const segments: MediaSegment[] = [
  { kind: 'recap', startSeconds: 0, endSeconds: 40, source: 'chapter' },
  { kind: 'intro', startSeconds: 62, endSeconds: 92, source: 'fingerprint' },
  { kind: 'credits', startSeconds: 1300, endSeconds: 1380, source: 'fingerprint' },
];

describe('which segment the player offers to skip', () => {
  it.each([
    [0, 'recap'],
    [39, 'recap'],
    [39.6, null],
    [50, null],
    [62, 'intro'],
    [91.4, 'intro'],
    [91.6, null],
    [1320, null],
  ] as const)('at %s s: %s', (t, kind) => {
    expect(skippableAt(segments, t)?.kind ?? null).toBe(kind);
  });

  it('lands past the segment, or half a second before the end of a file it runs to', () => {
    expect(skipTarget(segments[1]!, 1380)).toBe(92);
    expect(skipTarget({ kind: 'intro', startSeconds: 0, endSeconds: 30, source: 'user' }, 20)).toBe(19.5);
    expect(skipTarget(segments[1]!, 0)).toBe(92);
  });
});
