// A file's chapters on the seek bar: where the marks go, which chapter a second is in, and where
// PageUp / PageDown land. Pure, so the rules are unit-tested without a browser.
import type { Chapter } from '../../shared/api';

/**
 * Within this many seconds of a chapter's start, "previous chapter" goes to the one before it rather
 * than back to the start of this one (mpv's chapter-seek-threshold, which players copy).
 */
export const CHAPTER_BACK_THRESHOLD_SECONDS = 5;

/** A mark this close to either end of the bar would sit on the thumb at rest or under the end cap. */
const EDGE_SECONDS = 0.5;

export interface ChapterMark {
  start: number;
  /** From 0 to 100, for `left: …%`. */
  percent: number;
  title: string | null;
}

/** The chapters usable on a timeline: finite starts, in order, one per second (a file may list them unsorted or twice). */
function usable(chapters: readonly Chapter[]): Chapter[] {
  const sorted = chapters.filter((c) => Number.isFinite(c.start) && c.start >= 0).sort((a, b) => a.start - b.start);
  return sorted.filter((c, i) => i === 0 || c.start - sorted[i - 1]!.start >= 0.001);
}

/** One mark per chapter start, except the first chapter's (the bar's own start) and any at its very end. */
export function chapterMarks(chapters: readonly Chapter[], duration: number): ChapterMark[] {
  if (!(duration > 0)) return [];
  return usable(chapters)
    .filter((c) => c.start > EDGE_SECONDS && c.start < duration - EDGE_SECONDS)
    .map((c) => ({ start: c.start, percent: (c.start / duration) * 100, title: c.title }));
}

/** The chapter `seconds` falls in, or null before the first one (or when there are none). */
export function chapterAt(chapters: readonly Chapter[], seconds: number): Chapter | null {
  return usable(chapters).filter((c) => c.start <= seconds).at(-1) ?? null;
}

/**
 * Where "next chapter" (1) or "previous chapter" (-1) lands from `position`, or null when there is nowhere
 * to go (no chapters; no chapter after this one). Back goes to this chapter's start, unless that is under
 * the threshold behind, when it goes to the chapter before.
 */
export function chapterSeekTarget(chapters: readonly Chapter[], position: number, direction: -1 | 1, duration: number): number | null {
  const starts = usable(chapters)
    .map((c) => c.start)
    .filter((s) => !(duration > 0) || s < duration);
  if (starts.length === 0) return null;
  if (direction === 1) {
    // A hair past a start counts as on it: the seek that just landed there must not land there again.
    return starts.find((s) => s > position + 0.25) ?? null;
  }
  const before = starts.filter((s) => s <= position + 0.25);
  const current = before.at(-1);
  if (current === undefined) return 0;
  if (position - current >= CHAPTER_BACK_THRESHOLD_SECONDS) return current;
  return before.at(-2) ?? 0;
}
