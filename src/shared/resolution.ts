// Which resolution class a video stream is in, for the library's SD / HD / 4K filter. Pure.
import type { Resolution } from './api';

/**
 * By the larger of width and height against cinema-scope crops: a 1920×800 film is HD and a
 * 3840×1600 one is 4K, so width decides first; height catches portrait or odd anamorphic files.
 */
export function resolutionOf(width: number | null, height: number | null): Resolution | null {
  const w = width ?? 0;
  const h = height ?? 0;
  if (w === 0 && h === 0) return null;
  if (w >= 3200 || h >= 1800) return '4k';
  if (w >= 1200 || h >= 700) return 'hd';
  return 'sd';
}
