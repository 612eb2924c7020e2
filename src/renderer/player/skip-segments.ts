// Which segment the player offers to skip at a moment, and where skipping lands. Pure, so it is tested
// without a video element.
import type { MediaSegment, SegmentKind } from '../../shared/api';

/** Kinds with a Skip button. Credits are for the next-episode card; a preview is rarely skipped alone. */
export const SKIPPABLE: readonly SegmentKind[] = ['recap', 'intro'];

/** In the last half second the button would flash and vanish: it is not offered then. */
const TAIL_SECONDS = 0.5;

export const SKIP_LABELS: Record<SegmentKind, string> = {
  intro: 'Skip intro',
  recap: 'Skip recap',
  credits: 'Skip credits',
  preview: 'Skip preview',
};

export function skippableAt(segments: readonly MediaSegment[], seconds: number): MediaSegment | null {
  for (const s of segments) {
    if (SKIPPABLE.includes(s.kind) && seconds >= s.startSeconds && seconds < s.endSeconds - TAIL_SECONDS) return s;
  }
  return null;
}

/** Lands just past the segment, or just before the end of a file it runs to. */
export function skipTarget(segment: MediaSegment, durationSeconds: number): number {
  return durationSeconds > 0 ? Math.min(segment.endSeconds, durationSeconds - 0.5) : segment.endSeconds;
}
