// Chapters named like intro, opening, recap, credits, preview… become segments at once, without analysis.
// Pure: chapter titles in, segments out. Names are matched whole (after numbering and punctuation are
// stripped), or by a leading phrase for the names that usually carry the show's name ("Previously on …").
import type { FoundSegment, SegmentKind } from './types';

export interface ChapterLike {
  start: number;
  end: number;
  title: string | null;
}

interface KindNames {
  /** The whole (normalised) title is one of these. */
  exact: string[];
  /** The title starts with one of these, followed by a word break. */
  prefix: string[];
}

// Written as people write them; compared after the same normalising as the titles (see NORMALISED).
const NAMES: Record<SegmentKind, KindNames> = {
  intro: {
    exact: [
      'intro', 'introduction', 'opening', 'opening credits', 'opening titles', 'opening theme', 'op', 'title sequence',
      'main title', 'main titles', 'titles', 'theme', 'theme song',
      // French, German, Spanish, Portuguese, Italian, Dutch, Swedish, Danish/Norwegian, Polish, Russian.
      'generique', 'generique de debut', 'generique d ouverture', 'ouverture',
      'vorspann', 'titelsequenz', 'einleitung', 'intro sequenz',
      'introduccion', 'apertura', 'cabecera', 'creditos iniciales', 'entrada',
      'abertura', 'introducao', 'creditos iniciais',
      'sigla', 'sigla iniziale', 'sigla di apertura', 'titoli di testa',
      'begintitels', 'openingstitels', 'leader',
      'vinjett', 'fortexter', 'forteksterne', 'introduktion',
      'czolowka', 'wstep', 'poczatek',
      'заставка', 'вступление', 'опенинг', 'начальные титры',
      // Japanese, Chinese, Korean.
      'オープニング', 'オープニングテーマ', '片头', '片頭', '片头曲', '오프닝',
    ],
    prefix: ['opening credits', 'opening theme', 'generique de debut', 'sigla iniziale'],
  },
  recap: {
    exact: [
      'recap', 'previously', 'previously on', 'last time', 'summary', 'story so far',
      'resume', 'precedemment', 'recapitulatif', 'dans les episodes precedents',
      'was bisher geschah', 'ruckblick', 'zusammenfassung', 'bisher',
      'anteriormente', 'previamente', 'resumen', 'en capitulos anteriores', 'recapitulacion',
      'anteriormente em', 'resumo',
      'riassunto', 'in precedenza', 'nelle puntate precedenti',
      'eerder', 'samenvatting', 'tidigare', 'tidligere', 'poprzednio', 'ранее', 'в предыдущих сериях',
      '前回', 'あらすじ', '前回のあらすじ', '前情提要', '回顾', '지난 이야기',
    ],
    prefix: ['previously on', 'last time on', 'precedemment dans', 'anteriormente en', 'anteriormente em', 'in precedenza su', 'bisher bei', 'was bisher geschah', 'ранее в'],
  },
  credits: {
    exact: [
      'credits', 'end credits', 'closing credits', 'end titles', 'closing titles', 'ending', 'ending theme', 'ed', 'outro', 'end',
      'generique de fin', 'credits de fin', 'abspann', 'nachspann', 'schluss',
      'creditos', 'creditos finales', 'creditos finais', 'final', 'cierre', 'encerramento',
      'titoli di coda', 'sigla finale', 'sigla di chiusura', 'coda',
      'aftiteling', 'eindtitels', 'eftertexter', 'rulletekster', 'napisy koncowe', 'tyltowka',
      'титры', 'финальные титры', 'концовка', 'эндинг',
      'エンディング', 'エンディングテーマ', 'スタッフロール', '片尾', '片尾曲', '엔딩', '엔딩 크레딧',
    ],
    prefix: ['end credits', 'closing credits', 'generique de fin', 'titoli di coda', 'creditos finales'],
  },
  preview: {
    exact: [
      'preview', 'next time', 'next episode', 'next on', 'coming up', 'coming next', 'next week',
      'prochainement', 'a suivre', 'la semaine prochaine', 'bande annonce',
      'vorschau', 'nachstes mal', 'demnachst', 'in der nachsten folge',
      'avance', 'adelanto', 'proximo episodio', 'proximamente', 'en el proximo capitulo', 'proximo capitulo',
      'anteprima', 'prossimamente', 'nel prossimo episodio', 'prossima puntata',
      'volgende keer', 'nasta gang', 'neste gang', 'zapowiedz', 'анонс', 'в следующей серии',
      '予告', '次回予告', '预告', '下集预告', '예고', '다음 이야기',
    ],
    prefix: ['next time on', 'next on', 'coming up on', 'prochainement dans', 'demnachst bei', 'vorschau auf'],
  },
};

const KIND_ORDER: SegmentKind[] = ['recap', 'intro', 'credits', 'preview'];

/** Lower case, diacritics and punctuation gone, chapter numbering ("01 -", "Chapter 3:") dropped. */
export function normaliseChapterTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019'`´]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(?:chapter|chapitre|kapitel|capitulo|capitolo|hoofdstuk|rozdzial|глава)?\s*\d+\s*/u, '')
    .trim();
}

// Normalised once: NFKD also splits kana with voicing marks and Hangul syllables, so both sides must match.
const NORMALISED = Object.fromEntries(
  KIND_ORDER.map((kind) => [kind, { exact: new Set(NAMES[kind].exact.map(normaliseChapterTitle)), prefix: NAMES[kind].prefix.map(normaliseChapterTitle) }]),
) as Record<SegmentKind, { exact: Set<string>; prefix: string[] }>;

/** The segment kind a chapter's name says, or null for an ordinary chapter. */
export function chapterKind(title: string | null): SegmentKind | null {
  if (!title) return null;
  const t = normaliseChapterTitle(title);
  if (!t) return null;
  for (const kind of KIND_ORDER) {
    const names = NORMALISED[kind];
    if (names.exact.has(t)) return kind;
    if (names.prefix.some((p) => t === p || t.startsWith(`${p} `))) return kind;
  }
  return null;
}

/**
 * Segments from a file's chapters: neighbouring chapters of one kind join; the first intro and recap and
 * the last credits and preview are kept; a credits or preview chapter that runs to the end ends at the
 * file's duration. Chapters out of order, empty or outside the file are ignored.
 */
export function segmentsFromChapters(chapters: readonly ChapterLike[], durationSeconds: number | null): FoundSegment[] {
  const limit = durationSeconds !== null && durationSeconds > 0 ? durationSeconds : Infinity;
  const runs: { kind: SegmentKind; start: number; end: number }[] = [];
  const sorted = [...chapters].filter((c) => Number.isFinite(c.start) && Number.isFinite(c.end)).sort((a, b) => a.start - b.start);
  for (const c of sorted) {
    const kind = chapterKind(c.title);
    const start = Math.max(0, c.start);
    const end = Math.min(c.end, limit);
    if (!kind || !(end > start)) continue;
    const last = runs[runs.length - 1];
    if (last && last.kind === kind && start - last.end < 1) last.end = Math.max(last.end, end);
    else runs.push({ kind, start, end });
  }
  const chosen = new Map<SegmentKind, { start: number; end: number }>();
  for (const r of runs) {
    const keepLast = r.kind === 'credits' || r.kind === 'preview';
    if (!chosen.has(r.kind) || keepLast) chosen.set(r.kind, r);
  }
  return [...chosen.entries()]
    .map(([kind, r]) => ({
      kind,
      startSeconds: round(r.start),
      endSeconds: round(limit !== Infinity && limit - r.end < 1 ? limit : r.end),
      source: 'chapter' as const,
      confidence: 1,
    }))
    .sort((a, b) => a.startSeconds - b.startSeconds);
}

function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}
