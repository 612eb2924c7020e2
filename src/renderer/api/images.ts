// Image URLs under /img: the server resizes to a few fixed widths, so the client picks the
// smallest one that still looks sharp. Pure (no DOM): the caller passes the pixel ratio.
import { coveringWidth, type ImageWidth } from '../../shared/image-widths';

/** The smallest server width that covers `cssWidth` CSS pixels on a screen of this pixel ratio. */
export function pickImageWidth(cssWidth: number, devicePixelRatio = 1): ImageWidth {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const needed = Math.max(0, cssWidth) * ratio;
  return coveringWidth(needed);
}

/** `/img/<id>?w=<px>` for a DTO image path, or null when the item has no such image. */
export function imageUrl(path: string | null | undefined, cssWidth: number, devicePixelRatio = 1): string | null {
  if (!path) return null;
  const width = pickImageWidth(cssWidth, devicePixelRatio);
  return `${path}${path.includes('?') ? '&' : '?'}w=${width}`;
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The placeholder colour if it is a plain #rrggbb (metadata is untrusted), else null. */
export function safeColour(value: string | null | undefined): string | null {
  return value && HEX_COLOUR.test(value) ? value : null;
}
