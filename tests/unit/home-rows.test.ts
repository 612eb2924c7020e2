import { describe, expect, it } from 'vitest';
import { DEFAULT_HOME_ROWS, type HomeRowSetting, HOME_ROW_KINDS, isRowDensity, POSTER_REM, resolveHomeRows, ROW_DENSITIES } from '../../src/shared/home-rows';

describe('home rows from the settings', () => {
  it('shows every row in the default order when nothing is saved', () => {
    expect(resolveHomeRows(undefined)).toEqual([...HOME_ROW_KINDS]);
    expect(resolveHomeRows(DEFAULT_HOME_ROWS)).toEqual([...HOME_ROW_KINDS]);
  });

  it('follows a saved order and hides hidden rows', () => {
    const rows = resolveHomeRows([
      { id: 'genres', visible: true },
      { id: 'continue-watching', visible: true },
      { id: 'recently-added', visible: false },
      { id: 'latest-movies', visible: true },
      { id: 'next-up', visible: true },
      { id: 'latest-episodes', visible: true },
      { id: 'collections', visible: false },
    ]);
    expect(rows).toEqual(['genres', 'continue-watching', 'latest-movies', 'next-up', 'latest-episodes']);
  });

  it('adds rows a saved order does not know yet at the end, so an old settings file never hides a new row', () => {
    expect(resolveHomeRows([{ id: 'genres', visible: true }])).toEqual(['genres', ...HOME_ROW_KINDS.filter((k) => k !== 'genres')]);
  });

  it('ignores unknown kinds and repeats', () => {
    const saved: HomeRowSetting[] = [
      { id: 'next-up', visible: true },
      { id: 'next-up', visible: false },
      { id: 'trending' as HomeRowSetting['id'], visible: true },
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
