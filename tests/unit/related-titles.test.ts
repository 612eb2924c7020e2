import { describe, expect, it } from 'vitest';
import { quickScore, RelatedIndex, scorePair, WEIGHTS, type RelatedCredit, type RelatedEntry } from '../../src/main/catalogue/related-titles';

const actor = (personId: string, order: number): RelatedCredit => ({ personId, name: personId.replace(/-/g, ' '), role: 'actor', order });
const director = (personId: string): RelatedCredit => ({ personId, name: personId.replace(/-/g, ' '), role: 'director', order: 0 });
const writer = (personId: string): RelatedCredit => ({ personId, name: personId.replace(/-/g, ' '), role: 'writer', order: 0 });

function entry(partial: Partial<RelatedEntry> & Pick<RelatedEntry, 'id'>): RelatedEntry {
  return { kind: 'movie', title: partial.id, year: null, poster: null, placeholder: null, genres: [], tags: [], collection: null, credits: [], ...partial };
}

// A small library where the right answers are plain to see.
const library: RelatedEntry[] = [
  entry({ id: 'alien', year: 1979, genres: ['Horror', 'Science Fiction'], tags: ['space', 'monster'], collection: 'Alien Collection',
    credits: [director('ridley-scott'), writer('dan-obannon'), actor('sigourney-weaver', 0), actor('tom-skerritt', 1), actor('john-hurt', 2)] }),
  entry({ id: 'aliens', year: 1986, genres: ['Action', 'Science Fiction'], tags: ['space', 'monster'], collection: 'Alien Collection',
    credits: [director('james-cameron'), actor('sigourney-weaver', 0), actor('michael-biehn', 1)] }),
  entry({ id: 'blade-runner', year: 1982, genres: ['Science Fiction', 'Thriller'], tags: ['dystopia'],
    credits: [director('ridley-scott'), actor('harrison-ford', 0), actor('rutger-hauer', 1)] }),
  entry({ id: 'ghostbusters', year: 1984, genres: ['Comedy', 'Fantasy'], tags: ['ghosts'],
    credits: [director('ivan-reitman'), actor('bill-murray', 0), actor('sigourney-weaver', 2)] }),
  entry({ id: 'the-thing', year: 1982, genres: ['Horror', 'Science Fiction'], tags: ['monster', 'antarctica'],
    credits: [director('john-carpenter'), actor('kurt-russell', 0)] }),
  entry({ id: 'notting-hill', year: 1999, genres: ['Romance', 'Comedy'], tags: ['london'],
    credits: [director('roger-michell'), actor('hugh-grant', 0)] }),
  entry({ id: 'outland', year: 1981, genres: ['Science Fiction'], tags: ['space'],
    credits: [director('peter-hyams'), actor('sean-connery', 0), actor('tom-skerritt', 5)] }),
];
const index = new RelatedIndex(library);

describe('related titles', () => {
  it('puts the sequel in the same collection with the same lead first, and says why', () => {
    const related = index.related('alien');
    expect(related[0]?.id).toBe('aliens');
    expect(related[0]?.because).toContain('In the same collection: Alien Collection');
    expect(related[0]?.because.some((reason) => /With sigourney weaver/.test(reason))).toBe(true);
  });

  it('names the shared director', () => {
    const blade = index.related('alien').find((r) => r.id === 'blade-runner');
    expect(blade?.because[0]).toBe('Same director: ridley scott');
  });

  it('counts actors in common and says how many', () => {
    const twoShared = scorePair(
      entry({ id: 'x', credits: [actor('a', 0), actor('b', 1)] }),
      entry({ id: 'y', credits: [actor('a', 3), actor('b', 4)] }),
    );
    expect(twoShared.because).toEqual(['2 actors in common']);
  });

  it('weighs a shared lead more than a shared bit part', () => {
    const lead = scorePair(entry({ id: 'x', credits: [actor('a', 0)] }), entry({ id: 'y', credits: [actor('a', 0)] }));
    const bit = scorePair(entry({ id: 'x', credits: [actor('a', 9)] }), entry({ id: 'y', credits: [actor('a', 9)] }));
    expect(lead.score).toBeGreaterThan(bit.score);
  });

  it('says "Also <genre> · <decade>" for titles alike in genre and era', () => {
    const thing = index.related('alien').find((r) => r.id === 'the-thing');
    // 1979 and 1982: near in years, but not the same decade, so the decade is not claimed.
    expect(thing?.because).toContain('Also Horror & Science Fiction');
    const sameDecade = scorePair(
      entry({ id: 'x', year: 1984, genres: ['Science Fiction', 'Action'] }),
      entry({ id: 'y', year: 1987, genres: ['Science Fiction', 'Action'] }),
    );
    expect(sameDecade.because).toEqual(['Also Science Fiction & Action · 1980s']);
  });

  it('leaves out titles that share nothing but a loose era, and never lists the title itself', () => {
    const related = index.related('alien').map((r) => r.id);
    expect(related).not.toContain('notting-hill');
    expect(related).not.toContain('alien');
  });

  it('needs more than one shared genre alone to call a title related', () => {
    const oneGenre = scorePair(entry({ id: 'x', genres: ['Drama', 'War', 'History'] }), entry({ id: 'y', genres: ['Drama', 'Comedy', 'Music'] }));
    expect(oneGenre.score).toBeLessThan(WEIGHTS.threshold);
  });

  it('ranks by the same numbers it explains', () => {
    for (const a of library) for (const b of library) expect(quickScore(a, b)).toBeCloseTo(scorePair(a, b).score, 9);
  });

  it('orders the best first', () => {
    const scores = index.related('alien').map((r) => scorePair(library[0] as RelatedEntry, library.find((e) => e.id === r.id) as RelatedEntry).score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('builds "More with" the lead and "More directed by" the director rows', () => {
    const rows = index.peopleRows('alien');
    expect(rows.map((row) => row.title)).toEqual(['More with sigourney weaver', 'More directed by ridley scott']);
    expect(rows[0]?.items.map((item) => item.id)).toEqual(['aliens', 'ghostbusters']);
    expect(rows[1]?.items.map((item) => item.id)).toEqual(['blade-runner']);
  });

  it('leaves out a people row when the person has nothing else', () => {
    expect(index.peopleRows('notting-hill')).toEqual([]);
  });

  it('lists the other titles of the collection in release order', () => {
    expect(index.collectionItems('aliens').map((item) => item.id)).toEqual(['alien']);
    expect(index.collectionItems('blade-runner')).toEqual([]);
  });
});
