import { describe, expect, it } from 'vitest';
import { chapterKind, segmentsFromChapters } from '../../src/main/segments/chapter-rules';

describe('chapter names that are segments, in many languages', () => {
  const table: [string, ReturnType<typeof chapterKind>][] = [
    ['Intro', 'intro'],
    ['INTRO', 'intro'],
    ['Opening', 'intro'],
    ['Opening Credits', 'intro'],
    ['OP', 'intro'],
    ['02 - Opening', 'intro'],
    ['Chapter 2: Intro', 'intro'],
    ['Générique de début', 'intro'],
    ['Vorspann', 'intro'],
    ['Introducción', 'intro'],
    ['Abertura', 'intro'],
    ['Sigla iniziale', 'intro'],
    ['Czołówka', 'intro'],
    ['Заставка', 'intro'],
    ['オープニング', 'intro'],
    ['片头', 'intro'],
    ['오프닝', 'intro'],
    ['Recap', 'recap'],
    ['Previously', 'recap'],
    ['Previously on Lost', 'recap'],
    ['Précédemment', 'recap'],
    ['Was bisher geschah', 'recap'],
    ['Anteriormente', 'recap'],
    ['Nelle puntate precedenti', 'recap'],
    ['Ранее', 'recap'],
    ['前回のあらすじ', 'recap'],
    ['Credits', 'credits'],
    ['End Credits', 'credits'],
    ['Ending', 'credits'],
    ['ED', 'credits'],
    ['Générique de fin', 'credits'],
    ['Abspann', 'credits'],
    ['Créditos finales', 'credits'],
    ['Titoli di coda', 'credits'],
    ['Aftiteling', 'credits'],
    ['Титры', 'credits'],
    ['エンディング', 'credits'],
    ['片尾', 'credits'],
    ['Preview', 'preview'],
    ['Next Time', 'preview'],
    ['Next time on Doctor Who', 'preview'],
    ['Vorschau', 'preview'],
    ['Prochainement', 'preview'],
    ['Próximo episodio', 'preview'],
    ['次回予告', 'preview'],
    // Ordinary chapters, including ones that merely contain a segment word.
    ['Chapter 1', null],
    ['The Opening Night', null],
    ['Introducing Mr. Smith', null],
    ['Credit Card Trouble', null],
    ['Operation Overlord', null],
    ['Edward', null],
    ['', null],
  ];
  it.each(table)('%j is %s', (title, kind) => {
    expect(chapterKind(title)).toBe(kind);
  });
  it('a missing title is an ordinary chapter', () => expect(chapterKind(null)).toBeNull());
});

describe('segments from chapters', () => {
  it('joins neighbouring chapters of one kind and ends credits that run to the end at the duration', () => {
    const segments = segmentsFromChapters(
      [
        { start: 0, end: 62.5, title: 'Previously on' },
        { start: 62.5, end: 95, title: 'Opening' },
        { start: 95, end: 120, title: 'Opening credits' },
        { start: 120, end: 1300, title: 'Chapter 3' },
        { start: 1300, end: 1379.6, title: 'End Credits' },
      ],
      1380,
    );
    expect(segments).toEqual([
      { kind: 'recap', startSeconds: 0, endSeconds: 62.5, source: 'chapter', confidence: 1 },
      { kind: 'intro', startSeconds: 62.5, endSeconds: 120, source: 'chapter', confidence: 1 },
      { kind: 'credits', startSeconds: 1300, endSeconds: 1380, source: 'chapter', confidence: 1 },
    ]);
  });
  it('keeps the first intro and the last credits, and ignores empty or reversed chapters', () => {
    const segments = segmentsFromChapters(
      [
        { start: 30, end: 60, title: 'Intro' },
        { start: 300, end: 330, title: 'Intro' },
        { start: 500, end: 500, title: 'Credits' },
        { start: 900, end: 800, title: 'Credits' },
        { start: 1000, end: 1100, title: 'Credits' },
        { start: 1100, end: 1130, title: 'Preview' },
      ],
      1130,
    );
    expect(segments.map((s) => [s.kind, s.startSeconds, s.endSeconds])).toEqual([
      ['intro', 30, 60],
      ['credits', 1000, 1100],
      ['preview', 1100, 1130],
    ]);
  });
  it('gives nothing for a file whose chapters are ordinary', () => {
    expect(segmentsFromChapters([{ start: 0, end: 600, title: 'Chapter 1' }, { start: 600, end: 1200, title: 'Chapter 2' }], 1200)).toEqual([]);
  });
});
