import { describe, expect, it } from 'vitest';
import { gridStep } from '../../src/renderer/lib/grid-keys';
import { playRoute } from '../../src/renderer/lib/routes';
import { directionOfKey, pickNeighbour, type Box } from '../../src/renderer/lib/spatial-nav';

describe('arrow keys in the poster grid', () => {
  // 10 cards in 4 columns:  0 1 2 3 / 4 5 6 7 / 8 9
  const shape = { count: 10, columns: 4, rowsPerPage: 2 };

  it('moves left and right through the ends of rows, and stops at the ends of the grid', () => {
    expect(gridStep(3, 'right', shape)).toBe(4);
    expect(gridStep(4, 'left', shape)).toBe(3);
    expect(gridStep(0, 'left', shape)).toBe(0);
    expect(gridStep(9, 'right', shape)).toBe(9);
  });

  it('moves up and down by a row, leaving the grid upwards from the first row', () => {
    expect(gridStep(5, 'up', shape)).toBe(1);
    expect(gridStep(1, 'up', shape)).toBeNull();
    expect(gridStep(1, 'down', shape)).toBe(5);
  });

  it('lands on the last card when the row below is short, and stays on the last row', () => {
    expect(gridStep(6, 'down', shape)).toBe(9);
    expect(gridStep(9, 'down', shape)).toBe(9);
  });

  it('jumps with Home, End, Page Up and Page Down', () => {
    expect(gridStep(6, 'first', shape)).toBe(0);
    expect(gridStep(2, 'last', shape)).toBe(9);
    expect(gridStep(1, 'page-down', shape)).toBe(9);
    expect(gridStep(9, 'page-up', shape)).toBe(1);
  });

  it('does nothing in an empty grid', () => {
    expect(gridStep(0, 'down', { count: 0, columns: 4, rowsPerPage: 2 })).toBeNull();
  });
});

describe('arrow keys between the controls of a page', () => {
  const box = (left: number, top: number, width = 100, height = 40): Box => ({ left, top, width, height });
  // A Play button, a Resume button right of it, a row of faces below, the header above.
  const play = box(100, 300, 160, 50);
  const candidates = [box(300, 300, 160, 50), box(100, 420, 80, 80), box(220, 420, 80, 80), box(20, 10, 150, 40)];

  it('goes to the control in line in that direction', () => {
    expect(pickNeighbour(play, candidates, 'right')).toBe(0);
    expect(pickNeighbour(play, candidates, 'down')).toBe(1);
    expect(pickNeighbour(play, candidates, 'up')).toBe(3);
    expect(pickNeighbour(play, candidates, 'left')).toBe(-1);
  });

  it('prefers a control in line over a closer one off to the side', () => {
    const from = box(0, 0, 100, 40);
    const inLineFar = box(600, 0, 100, 40);
    const nearButBelow = box(120, 200, 100, 40);
    expect(pickNeighbour(from, [nearButBelow, inLineFar], 'right')).toBe(1);
  });

  it('ignores hidden (zero-size) controls', () => {
    expect(pickNeighbour(play, [box(300, 300, 0, 0)], 'right')).toBe(-1);
  });

  it('reads only the arrow keys as directions', () => {
    expect(directionOfKey('ArrowUp')).toBe('up');
    expect(directionOfKey('Enter')).toBeNull();
  });
});

describe('the route to the player', () => {
  it('names the file, the item, and a whole-second start only when there is one', () => {
    expect(playRoute('f1', 'i1')).toEqual({ name: 'play', params: { fileId: 'f1' }, query: { item: 'i1' } });
    expect(playRoute('f1', 'i1', 754.9)).toEqual({ name: 'play', params: { fileId: 'f1' }, query: { item: 'i1', start: '754' } });
    expect(playRoute('f1', 'i1', 0.4)).toEqual({ name: 'play', params: { fileId: 'f1' }, query: { item: 'i1' } });
  });
});
