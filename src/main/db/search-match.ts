// Why a search result matched, when its title does not say so: FTS5 finds "Tidewater Station" for
// "brandt" through its cast, and a list of titles that do not contain the word looks like noise.
// Works on FTS5 highlight()/snippet() output, whose matched tokens sit between MARK_OPEN and MARK_CLOSE.
import type { SearchMatch, SearchMatchPart } from '../../shared/api';

export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

/** FTS5 highlight()/snippet() text of one row, one field each (null where the row has none). */
export interface MarkedFields {
  title: string | null;
  originalTitle: string | null;
  people: string | null;
  overview: string | null;
}

/** The same folding as the index's unicode61 remove_diacritics tokenizer, near enough for prefixes. */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** The words of a query, folded, as the index matches them (each one a prefix). */
export function queryWords(q: string): string[] {
  return q
    .split(/\s+/)
    .map((w) => foldWord(w.replace(/"/g, '')))
    .filter(Boolean);
}

function parts(marked: string): SearchMatchPart[] {
  const out: SearchMatchPart[] = [];
  let rest = marked;
  while (rest.length > 0) {
    const open = rest.indexOf(MARK_OPEN);
    if (open === -1) {
      out.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) out.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf(MARK_CLOSE, open + 1);
    const end = close === -1 ? rest.length : close;
    out.push({ text: rest.slice(open + 1, end), hit: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return out.filter((p) => p.text.length > 0);
}

/** The query words that a field's marked tokens stand for. */
function wordsCovered(marked: string | null, words: readonly string[]): Set<string> {
  const covered = new Set<string>();
  if (!marked) return covered;
  for (const p of parts(marked)) {
    if (!p.hit) continue;
    const token = foldWord(p.text);
    for (const w of words) if (token.startsWith(w)) covered.add(w);
  }
  return covered;
}

const PEOPLE_SEPARATOR = ' · ';
const MAX_PEOPLE = 2;

/**
 * What to show under a result: null when its title holds every word; otherwise the first field that
 * holds a word the title lacks — original title, then people (only the names that matched), then
 * the overview's snippet.
 */
export function explainMatch(q: string, fields: MarkedFields): SearchMatch | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  const inTitle = wordsCovered(fields.title, words);
  if (words.every((w) => inTitle.has(w))) return null;
  const adds = (marked: string | null): boolean => [...wordsCovered(marked, words)].some((w) => !inTitle.has(w));
  if (fields.originalTitle && adds(fields.originalTitle)) return { field: 'originalTitle', parts: parts(fields.originalTitle) };
  if (fields.people && adds(fields.people)) {
    const names = fields.people.split(PEOPLE_SEPARATOR).filter((name) => adds(name)).slice(0, MAX_PEOPLE);
    const joined: SearchMatchPart[] = [];
    names.forEach((name, i) => {
      if (i > 0) joined.push({ text: ', ', hit: false });
      joined.push(...parts(name));
    });
    if (joined.length > 0) return { field: 'people', parts: joined };
  }
  if (fields.overview && adds(fields.overview)) return { field: 'overview', parts: parts(fields.overview) };
  return null;
}
