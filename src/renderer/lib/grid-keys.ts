// Where an arrow key goes in a grid of `count` cards laid out in `columns`. Pure, so the
// remote's behaviour in the library is unit-tested without a DOM.

export type GridKey = 'left' | 'right' | 'up' | 'down' | 'first' | 'last' | 'page-up' | 'page-down';

export interface GridShape {
  count: number;
  columns: number;
  /** Whole rows that fit on the screen, for Page Up / Page Down. */
  rowsPerPage: number;
}

/**
 * The index to focus next, or null when the key leaves the grid (up from the first row).
 * Left and right run on through the ends of rows, like reading; down from the row above a
 * short last row lands on its last card rather than doing nothing.
 */
export function gridStep(from: number, key: GridKey, shape: GridShape): number | null {
  const { count, columns } = shape;
  if (count <= 0 || columns <= 0) return null;
  const last = count - 1;
  const current = Math.min(Math.max(from, 0), last);
  switch (key) {
    case 'left':
      return Math.max(0, current - 1);
    case 'right':
      return Math.min(last, current + 1);
    case 'up':
      return current - columns >= 0 ? current - columns : null;
    case 'down': {
      if (current + columns <= last) return current + columns;
      const lastRowStart = Math.floor(last / columns) * columns;
      return current < lastRowStart ? last : current;
    }
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'page-up':
      return Math.max(current % columns, current - columns * Math.max(1, shape.rowsPerPage));
    case 'page-down': {
      const target = current + columns * Math.max(1, shape.rowsPerPage);
      return target <= last ? target : last;
    }
  }
}
