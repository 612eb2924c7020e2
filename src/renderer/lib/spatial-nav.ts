// Choosing where an arrow key moves focus, from the boxes of the focusable elements. Pure
// geometry, so the remote-control behaviour is unit-tested; lib/remote-keys.ts feeds it the DOM.

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The index of the candidate an arrow key should move to from `from`, or -1. A candidate must
 * lie beyond the current box in that direction; among those, being in line (overlapping on
 * the other axis) matters more than being close, as on a TV interface.
 */
export function pickNeighbour(from: Box, candidates: readonly Box[], direction: Direction): number {
  const horizontal = direction === 'left' || direction === 'right';
  let best = -1;
  let bestScore = Infinity;
  candidates.forEach((box, index) => {
    const gap =
      direction === 'right'
        ? box.left - (from.left + from.width)
        : direction === 'left'
          ? from.left - (box.left + box.width)
          : direction === 'down'
            ? box.top - (from.top + from.height)
            : from.top - (box.top + box.height);
    // A small overlap is tolerated: neighbouring boxes often share a pixel or a focus ring.
    if (gap < -4) return;
    if (box.width === 0 || box.height === 0) return;

    const fromStart = horizontal ? from.top : from.left;
    const fromEnd = fromStart + (horizontal ? from.height : from.width);
    const boxStart = horizontal ? box.top : box.left;
    const boxEnd = boxStart + (horizontal ? box.height : box.width);
    const overlap = Math.min(fromEnd, boxEnd) - Math.max(fromStart, boxStart);
    const fromCentre = (fromStart + fromEnd) / 2;
    const boxCentre = (boxStart + boxEnd) / 2;
    const offAxis = overlap > 0 ? 0 : Math.abs(boxCentre - fromCentre);

    const score = Math.max(gap, 0) + offAxis * 3 + (overlap > 0 ? 0 : 10_000) + Math.abs(boxCentre - fromCentre) * 0.1;
    if (score < bestScore) {
      bestScore = score;
      best = index;
    }
  });
  return best;
}

export function directionOfKey(key: string): Direction | null {
  switch (key) {
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    default:
      return null;
  }
}
