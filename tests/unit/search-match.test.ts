import { describe, expect, it } from 'vitest';
import { explainMatch, MARK_CLOSE as C, MARK_OPEN as O, queryWords } from '../../src/main/db/search-match';

const none = { title: null, originalTitle: null, people: null, overview: null };
const text = (m: ReturnType<typeof explainMatch>) => m?.parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

describe('explainMatch', () => {
  it('says nothing when the title holds every word', () => {
    expect(explainMatch('tide stat', { ...none, title: `${O}Tidewater${C} ${O}Station${C}`, people: `Isolde Brandt` })).toBeNull();
  });

  it('names only the people who matched, at most two, with the matched words marked', () => {
    const m = explainMatch('brandt', { ...none, title: 'Tidewater Station', people: `Mara Quist · Isolde ${O}Brandt${C} · Ole Brandtner · Jon ${O}Brandt${C}son · Eve ${O}Brandt${C}` });
    expect(m?.field).toBe('people');
    expect(text(m)).toBe('Isolde [Brandt], Jon [Brandt]son');
  });

  it('prefers the original title, then people, then the overview', () => {
    const fields = { title: 'Amelie', originalTitle: `Le Fabuleux ${O}Destin${C}`, people: `${O}Destin${C}y Roe`, overview: `…a ${O}destin${C}y…` };
    expect(explainMatch('destin', fields)?.field).toBe('originalTitle');
    expect(explainMatch('destin', { ...fields, originalTitle: null })?.field).toBe('people');
    const overview = explainMatch('destin', { ...fields, originalTitle: null, people: 'Mara Quist' });
    expect(overview?.field).toBe('overview');
    expect(text(overview)).toBe('…a [destin]y…');
  });

  it('explains the word the title lacks when the title holds the others', () => {
    const m = explainMatch('station brandt', { ...none, title: `Tidewater ${O}Station${C}`, people: `Isolde ${O}Brandt${C}`, overview: `The ${O}station${C} sinks` });
    expect(m?.field).toBe('people');
    expect(text(m)).toBe('Isolde [Brandt]');
  });

  it('folds case and accents as the index does', () => {
    expect(queryWords('  Amélie  "POULAIN" ')).toEqual(['amelie', 'poulain']);
    const m = explainMatch('amelie', { ...none, title: 'The Fabulous Destiny', people: `${O}Amélie${C} Poulain` });
    expect(text(m)).toBe('[Amélie] Poulain');
  });

  it('keeps text after an unclosed mark and ignores an empty query', () => {
    expect(text(explainMatch('sea', { ...none, title: 'X', overview: `the ${O}sea` }))).toBe('the [sea]');
    expect(explainMatch('  ', { ...none, title: 'X', overview: `the ${O}sea${C}` })).toBeNull();
  });
});
