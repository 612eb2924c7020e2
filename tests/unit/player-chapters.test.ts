// Chapters in the player: where the seek bar's marks go, which chapter the hover preview names, and where
// PageUp / PageDown land.
import { describe, expect, it } from 'vitest';
import type { Chapter } from '../../src/shared/api';
import { CHAPTER_BACK_THRESHOLD_SECONDS, chapterAt, chapterMarks, chapterSeekTarget } from '../../src/renderer/player/chapters';
import { actionForKey } from '../../src/renderer/player/keys';

const ch = (start: number, title: string | null = null, end = start + 1): Chapter => ({ start, end, title });
const film = [ch(0, 'Opening', 5.5), ch(5.5, 'Logbook', 11), ch(11, 'Marsh', 16.5), ch(16.5, 'Broadcast', 22)];

describe('chapter marks on the seek bar', () => {
  it('puts one mark at each chapter start but the first, as a percentage of the duration', () => {
    expect(chapterMarks(film, 22).map((m) => [m.start, m.percent, m.title])).toEqual([
      [5.5, 25, 'Logbook'],
      [11, 50, 'Marsh'],
      [16.5, 75, 'Broadcast'],
    ]);
  });

  it('sorts chapters a file lists out of order, keeps one of a repeated start, and drops marks at either end', () => {
    const messy = [ch(11), ch(0.2), ch(5.5), ch(5.5), ch(21.8), ch(Number.NaN)];
    expect(chapterMarks(messy, 22).map((m) => m.start)).toEqual([5.5, 11]);
  });

  it('shows nothing until the duration is known', () => {
    expect(chapterMarks(film, 0)).toEqual([]);
    expect(chapterMarks(film, Number.NaN)).toEqual([]);
  });
});

describe('the chapter a second is in', () => {
  it('is the last that started at or before it, and none before the first', () => {
    expect(chapterAt(film, 0)?.title).toBe('Opening');
    expect(chapterAt(film, 5.49)?.title).toBe('Opening');
    expect(chapterAt(film, 5.5)?.title).toBe('Logbook');
    expect(chapterAt(film, 30)?.title).toBe('Broadcast');
    expect(chapterAt([ch(3, 'Late')], 1)).toBeNull();
    expect(chapterAt([], 1)).toBeNull();
  });
});

describe('PageDown and PageUp go to the next and the previous chapter', () => {
  it('maps the keys, and leaves them alone with a modifier', () => {
    expect(actionForKey({ key: 'PageDown' })).toEqual({ type: 'chapter', direction: 1 });
    expect(actionForKey({ key: 'PageUp' })).toEqual({ type: 'chapter', direction: -1 });
    expect(actionForKey({ key: 'PageDown', ctrlKey: true })).toBeNull();
  });

  it('next is the first start ahead, once past the one just landed on, and nothing after the last', () => {
    expect(chapterSeekTarget(film, 0, 1, 22)).toBe(5.5);
    expect(chapterSeekTarget(film, 5.52, 1, 22)).toBe(11);
    expect(chapterSeekTarget(film, 17, 1, 22)).toBeNull();
    expect(chapterSeekTarget([], 3, 1, 22)).toBeNull();
  });

  it('previous goes to this chapter start when well into it, else to the chapter before', () => {
    expect(chapterSeekTarget(film, 11 + CHAPTER_BACK_THRESHOLD_SECONDS + 0.1, -1, 22)).toBe(11);
    expect(chapterSeekTarget(film, 12, -1, 22)).toBe(5.5);
    expect(chapterSeekTarget(film, 11.1, -1, 22)).toBe(5.5);
    expect(chapterSeekTarget(film, 2, -1, 22)).toBe(0);
    expect(chapterSeekTarget([ch(4)], 1, -1, 22)).toBe(0);
  });

  it('ignores chapters past the end of what plays (a longer version\'s list)', () => {
    expect(chapterSeekTarget([ch(0), ch(30)], 5, 1, 22)).toBeNull();
  });
});
