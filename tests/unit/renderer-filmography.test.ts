// The person page's timeline and known-for row (src/renderer/lib/filmography.ts): one entry per
// title with every role in it, years newest first with unknown years last, episodes under their
// series, and a known-for row of movies and series with acting and directing first.
import { describe, expect, it } from 'vitest';
import type { PersonCredit } from '../../src/shared/api';
import { filmographyTimeline, knownFor } from '../../src/renderer/lib/filmography';

function credit(itemId: string, role: PersonCredit['role'], extra: Partial<PersonCredit> = {}): PersonCredit {
  return { itemId, kind: 'movie', title: itemId, year: 2000, role, character: null, poster: null, placeholder: null, ...extra };
}

describe('filmographyTimeline', () => {
  it('says each role: "as <character>", Actor without one, Director, Writer, Guest star as …', () => {
    const years = filmographyTimeline([
      credit('a', 'actor', { character: 'Amos Rudd' }),
      credit('b', 'actor'),
      credit('c', 'director'),
      credit('d', 'writer'),
      credit('e', 'guest', { character: 'The Mayor', kind: 'episode', seriesId: 's1', seriesTitle: 'Allotments' }),
      credit('f', 'guest', { kind: 'episode', seriesId: 's1', seriesTitle: 'Allotments' }),
      credit('g', 'producer'),
    ]);
    const roles = Object.fromEntries(years.flatMap((y) => y.entries).map((e) => [e.itemId, e.roles]));
    expect(roles).toEqual({ a: 'as Amos Rudd', b: 'Actor', c: 'Director', d: 'Writer', e: 'Guest star as The Mayor', f: 'Guest star', g: 'Producer' });
  });

  it('puts every role of one title in one entry, each once, in the order credited', () => {
    const [year] = filmographyTimeline([credit('a', 'director'), credit('a', 'writer'), credit('a', 'director'), credit('a', 'actor', { character: 'Himself' })]);
    expect(year?.entries).toHaveLength(1);
    expect(year?.entries[0]?.roles).toBe('Director · Writer · as Himself');
  });

  it('orders years newest first with the unknown year last, and titles A to Z inside a year', () => {
    const years = filmographyTimeline([
      credit('Zeta', 'actor', { year: 2010 }),
      credit('Old', 'actor', { year: 1970 }),
      credit('Undated', 'actor', { year: null }),
      credit('Alpha', 'actor', { year: 2010 }),
      credit('New', 'actor', { year: 2024 }),
    ]);
    expect(years.map((y) => y.year)).toEqual([2024, 2010, 1970, null]);
    expect(years[1]?.entries.map((e) => e.title)).toEqual(['Alpha', 'Zeta']);
  });

  it('links movies and series to their pages, an episode to its series under "Series: Episode", and an orphan episode nowhere', () => {
    const entries = filmographyTimeline([
      credit('m', 'actor'),
      credit('s', 'actor', { kind: 'series' }),
      credit('e', 'guest', { kind: 'episode', title: 'Slugs at Dawn', seriesId: 's9', seriesTitle: 'The Allotment Detectives' }),
      credit('x', 'guest', { kind: 'episode', title: 'Lost' }),
    ]).flatMap((y) => y.entries);
    const by = Object.fromEntries(entries.map((e) => [e.itemId, e]));
    expect(by.m?.target).toEqual({ name: 'movie', id: 'm' });
    expect(by.s?.target).toEqual({ name: 'series', id: 's' });
    expect(by.e?.target).toEqual({ name: 'series', id: 's9' });
    expect(by.e?.title).toBe('The Allotment Detectives: Slugs at Dawn');
    expect(by.x?.target).toBeNull();
    expect(by.x?.title).toBe('Lost');
  });

  it('is empty for no credits', () => {
    expect(filmographyTimeline([])).toEqual([]);
  });
});

describe('knownFor', () => {
  it('keeps movies and series once each, acting and directing before writing, newest first', () => {
    const picked = knownFor([
      credit('written', 'writer', { year: 2024 }),
      credit('old', 'actor', { year: 1990 }),
      credit('episode', 'guest', { kind: 'episode', year: 2023 }),
      credit('directed', 'director', { year: 2015 }),
      credit('directed', 'writer', { year: 2015 }),
      credit('show', 'actor', { kind: 'series', year: 2020 }),
    ]);
    expect(picked.map((c) => c.itemId)).toEqual(['show', 'directed', 'old', 'written']);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => credit(`t${i}`, 'actor', { year: 1990 + i }));
    expect(knownFor(many)).toHaveLength(16);
    expect(knownFor(many, 3).map((c) => c.itemId)).toEqual(['t29', 't28', 't27']);
  });
});
