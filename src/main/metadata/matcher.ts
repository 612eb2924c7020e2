// Which provider title an item is: pure functions, no I/O. An id the name or NFO carries is looked up as is;
// otherwise every candidate is scored and only a score of MATCH_THRESHOLD or more is taken (docs/metadata.md).
import type { Candidate, ProviderKind } from './provider';

/** Below this the item keeps its name and waits for a Fix match. */
export const MATCH_THRESHOLD = 0.75;

const WEIGHT = { title: 0.6, kind: 0.1 } as const;
const YEAR = { exact: 0.3, near: 0.15, unknown: 0.1, wrong: -0.2 } as const;

export type IdToLookUp = { source: 'tmdb' | 'imdb' | 'tvdb'; value: string };

/** The ids to trust, best first: TMDB's own, then IMDb's, then TVDB's (series). */
export function idsToLookUp(providerIds: Record<string, string>, kind: ProviderKind): IdToLookUp[] {
  const out: IdToLookUp[] = [];
  const tmdb = providerIds.tmdb?.trim();
  if (tmdb && /^\d{1,10}$/.test(tmdb)) out.push({ source: 'tmdb', value: tmdb });
  const imdb = providerIds.imdb?.trim();
  if (imdb && /^tt\d{5,10}$/.test(imdb)) out.push({ source: 'imdb', value: imdb });
  const tvdb = providerIds.tvdb?.trim();
  if (kind === 'series' && tvdb && /^\d{1,10}$/.test(tvdb)) out.push({ source: 'tvdb', value: tvdb });
  return out;
}

/** What a user typed in Fix match: a TMDB id (digits or `tmdb-…`), an IMDb id (`tt…`), or a title. */
export function parseMatchQuery(q: string): { id: IdToLookUp } | { title: string } {
  const t = q.trim();
  const tmdb = /^(?:tmdb(?:id)?[-: ]?)?(\d{1,10})$/i.exec(t);
  if (tmdb?.[1]) return { id: { source: 'tmdb', value: tmdb[1] } };
  const imdb = /^(?:imdb(?:id)?[-: ]?)?(tt\d{5,10})$/i.exec(t) ?? /imdb\.com\/title\/(tt\d{5,10})/i.exec(t);
  if (imdb?.[1]) return { id: { source: 'imdb', value: imdb[1].toLowerCase() } };
  const tmdbUrl = /themoviedb\.org\/(?:movie|tv)\/(\d{1,10})/i.exec(t);
  if (tmdbUrl?.[1]) return { id: { source: 'tmdb', value: tmdbUrl[1] } };
  return { title: t };
}

const ROMAN: Record<string, string> = { ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10' };
const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'l', 'der', 'die', 'das', 'el', 'los', 'il', 'lo', 'de', 'het']);

/** Case, accents, punctuation, "&", leading articles and Roman sequel numbers folded away. Any script kept. */
export function normaliseTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((w) => ROMAN[w] ?? w);
  if (words.length > 1 && ARTICLES.has(words[0] ?? '')) words.shift();
  return words.join(' ');
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = [...s.replace(/ /g, '')];
  if (chars.length === 1) m.set(chars[0] ?? '', 1);
  for (let i = 0; i < chars.length - 1; i++) {
    const g = `${chars[i] ?? ''}${chars[i + 1] ?? ''}`;
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** 1 for the same title after normalising; otherwise the Dice coefficient of character pairs (script-neutral). */
export function titleSimilarity(a: string, b: string): number {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const bx = bigrams(x);
  const by = bigrams(y);
  let common = 0;
  let total = 0;
  for (const n of bx.values()) total += n;
  for (const [g, n] of by) {
    total += n;
    common += Math.min(n, bx.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * common) / total;
}

export interface Wanted {
  kind: ProviderKind;
  title: string;
  /** The year the name or NFO gives (first air year for a series), if any. */
  year: number | null;
  originalTitle?: string | null;
}

export interface Scored {
  candidate: Candidate;
  score: number;
}

export function scoreCandidate(want: Wanted, c: Candidate, alternativeTitles: readonly string[] = []): number {
  const ours = [want.title, ...(want.originalTitle ? [want.originalTitle] : [])];
  const theirs = [c.title, ...(c.originalTitle ? [c.originalTitle] : []), ...alternativeTitles];
  let best = 0;
  for (const a of ours) for (const b of theirs) best = Math.max(best, titleSimilarity(a, b));
  let year: number = YEAR.unknown;
  if (want.year !== null && c.year !== null) {
    const d = Math.abs(want.year - c.year);
    year = d === 0 ? YEAR.exact : d === 1 ? YEAR.near : YEAR.wrong;
  } else if (want.year !== null && c.year === null) year = 0;
  const kind = c.kind === want.kind ? WEIGHT.kind : 0;
  return Math.max(0, Math.min(1, Math.round((WEIGHT.title * best + year + kind) * 1000) / 1000));
}

/** Candidates best first; popularity breaks ties only. */
export function rankCandidates(want: Wanted, candidates: readonly Candidate[]): Scored[] {
  return candidates
    .map((candidate) => ({ candidate, score: scoreCandidate(want, candidate) }))
    .sort((a, b) => b.score - a.score || b.candidate.popularity - a.candidate.popularity);
}

/** The match to apply, or null when nothing reaches the threshold. */
export function bestMatch(want: Wanted, candidates: readonly Candidate[]): Scored | null {
  const top = rankCandidates(want, candidates)[0];
  return top && top.score >= MATCH_THRESHOLD ? top : null;
}
