// The media segments (intro, recap, credits, preview) the skip-intro work adds to items and play
// sessions. Read as optional and checked here, so the player works before and after they arrive.
import { z } from 'zod';
import type { Chapter } from '../../shared/api';

const segment = z.object({
  kind: z.enum(['intro', 'recap', 'credits', 'preview']),
  startSeconds: z.number().min(0),
  endSeconds: z.number().min(0),
  source: z.string().optional(),
});

export type MediaSegment = z.infer<typeof segment>;

/** The valid segments of an API object that may carry `segments`; anything malformed is left out. */
export function segmentsOf(value: unknown): MediaSegment[] {
  if (typeof value !== 'object' || value === null || !('segments' in value)) return [];
  const list = (value as { segments: unknown }).segments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const parsed = segment.safeParse(entry);
    return parsed.success && parsed.data.endSeconds > parsed.data.startSeconds ? [parsed.data] : [];
  });
}

const CREDITS_CHAPTER = /\b(end\s*)?credits\b|\boutro\b|\bgénérique\b|\babspann\b/i;

/** When the credits start: a detected credits segment, else a chapter named for them; null when unknown. */
export function creditsStart(segments: readonly MediaSegment[], chapters: readonly Chapter[], duration: number): number | null {
  const credits = segments.filter((s) => s.kind === 'credits' && (duration <= 0 || s.startSeconds < duration));
  if (credits.length > 0) return Math.max(...credits.map((s) => s.startSeconds));
  // A chapter in the first half called "Credits" is opening credits, not the end.
  const chapter = chapters.filter((c) => c.title && CREDITS_CHAPTER.test(c.title) && (duration <= 0 || c.start >= duration / 2)).at(-1);
  return chapter ? chapter.start : null;
}
