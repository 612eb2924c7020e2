import { describe, expect, it } from 'vitest';
import { DEFAULT_HOME_ROWS, type HomeRowSetting, HOME_ROW_KINDS, isRowDensity, POSTER_REM, resolveHomeRows, ROW_DENSITIES } from '../../src/shared/home-rows';

describe('home rows from the settings', () => {
  it('shows every row in the default order when nothing is saved', () => {
    expect(resolveHomeRows(undefined)).toEqual([...HOME_ROW_KINDS]);
    expect(resolveHomeRows(DEFAULT_HOME_ROWS)).toEqual([...HOME_ROW_KINDS]);
  });

  it('follows a saved order and hides hidden rows', () => {
    const rows = resolveHomeRows([
      { kind: 'genres', visible: true },
      { kind: 'continue-watching', visible: true },
      { kind: 'recently-added', visible: false },
      { kind: 'latest-movies', visible: true },
      { kind: 'next-up', visible: true },
      { kind: 'latest-episodes', visible: true },
      { kind: 'collections', visible: false },
    ]);
    expect(rows).toEqual(['genres', 'continue-watching', 'latest-movies', 'next-up', 'latest-episodes']);
  });

  it('adds rows a saved order does not know yet at the end, so an old settings file never hides a new row', () => {
    expect(resolveHomeRows([{ kind: 'genres', visible: true }])).toEqual(['genres', ...HOME_ROW_KINDS.filter((k) => k !== 'genres')]);
  });

  it('ignores unknown kinds and repeats', () => {
    const saved: HomeRowSetting[] = [
      { kind: 'next-up', visible: true },
      { kind: 'next-up', visible: false },
      { kind: 'trending' as HomeRowSetting['kind'], visible: true },
    ];
    expect(resolveHomeRows(saved)[0]).toBe('next-up');
    expect(resolveHomeRows(saved)).toHaveLength(HOME_ROW_KINDS.length);
  });

  it('has a poster width for every density, growing from compact to large', () => {
    const widths = ROW_DENSITIES.map((d) => POSTER_REM[d]);
    expect([...widths].sort((a, b) => a - b)).toEqual(widths);
    expect(isRowDensity('large')).toBe(true);
    expect(isRowDensity('huge')).toBe(false);
  });
});
