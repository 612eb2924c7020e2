// The shape of a file's trickplay thumbnails: one every 10 s, 320 px wide at the video's aspect, tiled
// 10 × 10 into sprite sheets. Pure, so the index, the ffmpeg runs and the tests agree on it.

export const TRICKPLAY_INTERVAL_SECONDS = 10;
export const TRICKPLAY_TILE_WIDTH = 320;
export const TRICKPLAY_COLUMNS = 10;
export const TRICKPLAY_ROWS = 10;

export interface TrickplayLayout {
  intervalSeconds: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
}

/** The tile height for a picture of width × height (even, as the JPEG encoder's 4:2:0 wants). */
export function trickplayLayout(width: number | null, height: number | null): TrickplayLayout {
  const aspect = width && height && width > 0 && height > 0 ? height / width : 9 / 16;
  // Clamped so a broken probe (1 × 4000) cannot ask for a sheet of absurd size.
  const tileHeight = Math.max(2, Math.min(TRICKPLAY_TILE_WIDTH * 2, 2 * Math.round((TRICKPLAY_TILE_WIDTH * aspect) / 2)));
  return { intervalSeconds: TRICKPLAY_INTERVAL_SECONDS, tileWidth: TRICKPLAY_TILE_WIDTH, tileHeight, columns: TRICKPLAY_COLUMNS, rows: TRICKPLAY_ROWS };
}

export function sheetCount(layout: TrickplayLayout, thumbnails: number): number {
  return Math.ceil(thumbnails / (layout.columns * layout.rows));
}

export function sheetName(i: number): string {
  return `sheet-${String(i + 1).padStart(3, '0')}.jpg`;
}

export const SHEET_NAME = /^sheet-\d{3}\.jpg$/;
