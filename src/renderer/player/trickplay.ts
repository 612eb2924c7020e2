// Reads the trickplay index the server serves for a session (`trickplay: { url }`) and says which
// tile of which sprite sheet shows a given second. The seek bar paints that tile as a CSS background,
// so no canvas and no decoding happen while the user scrubs.
import { z } from 'zod';
import type { TrickplayIndex } from '../../shared/api';

const trickplayIndex = z.object({
  intervalSeconds: z.number().positive().max(3600),
  tileWidth: z.number().int().positive().max(4096),
  tileHeight: z.number().int().positive().max(4096),
  columns: z.number().int().positive().max(1000),
  rows: z.number().int().positive().max(1000),
  count: z.number().int().min(0),
  // Same-origin paths only: a sheet is an image of our own server, never another site.
  sheets: z.array(z.string().regex(/^\/(?!\/)[^\s]*$/, 'a same-origin path')).min(1),
});

/** The index, checked; throws a readable error when the server's answer is not one. */
export function parseTrickplayIndex(value: unknown): TrickplayIndex {
  const parsed = trickplayIndex.safeParse(value);
  if (!parsed.success) throw new Error(`The thumbnail index could not be read: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  const index = parsed.data;
  if (index.count > index.sheets.length * index.columns * index.rows) throw new Error('The thumbnail index lists more thumbnails than its sheets hold.');
  return index;
}

export async function loadTrickplay(url: string, signal?: AbortSignal): Promise<TrickplayIndex> {
  const response = await fetch(url, { credentials: 'same-origin', signal: signal ?? null });
  if (!response.ok) throw new Error(`The thumbnail index answered ${response.status}.`);
  return parseTrickplayIndex(await response.json());
}

export interface TrickplayTile {
  sheet: string;
  /** Offset of the tile in its sheet, in the sheet's pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The thumbnail's number over all sheets. */
  number: number;
}

/** The tile for `seconds`; null when there are no thumbnails. Times past the end show the last one. */
export function tileAt(index: TrickplayIndex, seconds: number): TrickplayTile | null {
  if (index.count === 0 || !Number.isFinite(seconds)) return null;
  const number = Math.min(index.count - 1, Math.max(0, Math.floor(seconds / index.intervalSeconds)));
  const perSheet = index.columns * index.rows;
  const sheet = index.sheets[Math.floor(number / perSheet)];
  if (!sheet) return null;
  const within = number % perSheet;
  return {
    sheet,
    x: (within % index.columns) * index.tileWidth,
    y: Math.floor(within / index.columns) * index.tileHeight,
    width: index.tileWidth,
    height: index.tileHeight,
    number,
  };
}

/** CSS for a tile shown `shownWidth` pixels wide: the sheet scaled as a background, shifted to the tile. */
export function tileStyle(index: TrickplayIndex, tile: TrickplayTile, shownWidth: number): Record<string, string> {
  const scale = shownWidth / tile.width;
  return {
    width: `${Math.round(shownWidth)}px`,
    height: `${Math.round(tile.height * scale)}px`,
    backgroundImage: `url("${tile.sheet.replace(/["\\]/g, '')}")`,
    backgroundSize: `${index.columns * tile.width * scale}px ${index.rows * tile.height * scale}px`,
    backgroundPosition: `${-tile.x * scale}px ${-tile.y * scale}px`,
  };
}
