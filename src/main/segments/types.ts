// The segments capability's own vocabulary: what an analysis finds before the store keeps it.
import type { SegmentKind, SegmentSource } from '../../shared/api';

export type { SegmentKind, SegmentSource };

export interface FoundSegment {
  kind: SegmentKind;
  startSeconds: number;
  endSeconds: number;
  source: SegmentSource;
  /** 0..1: how sure the finder is (a chapter name is sure; a match between two episodes less so). */
  confidence: number;
}

/** The intro window: the first 10 minutes, or the first quarter of the runtime when that is longer. */
export function introWindowSeconds(duration: number): number {
  return Math.min(duration, Math.max(600, duration / 4));
}

/** The credits window: the last 5 minutes or the last fifth, whichever is longer, never more than half. */
export function creditsWindowSeconds(duration: number): number {
  return Math.min(duration / 2, Math.max(300, duration / 5));
}

/** An intro (or shared credits) is between these lengths; anything else is not one. */
export const MIN_SHARED_SECONDS = 10;
export const MAX_SHARED_SECONDS = 150;
