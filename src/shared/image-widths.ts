// The widths /img resizes to: the server keeps few variants in its cache, the client asks for one of them.

export const IMAGE_WIDTHS = [160, 320, 480, 780, 1280, 1920] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];

/** The smallest of our widths that covers `pixels`; the largest when none does. */
export function coveringWidth(pixels: number): ImageWidth {
  for (const width of IMAGE_WIDTHS) if (width >= pixels) return width;
  return IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1] as ImageWidth;
}
