// Heading backdrops: a tilted, staggered wall of the posters of what a page shows (all titles,
// movies, series, a genre, a person), darkened so the heading's text reads on top. Made with sharp
// from the posters' cached 320-px copies, written once to the cache dir under a name that is a
// hash of the posters it used: a library change that touches them makes a new file; one that does
// not reuses the old. A scope with few posters repeats them on larger tiles over their own blurred
// colours, and one with none gets a soft gradient of its titles' placeholder colours.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollagePoster, CollageScope, CollageSource } from '../db/collage-queries';
import { loadSharp, resizedImage, withImageSlot } from '../library/artwork';
import { newId } from '../db/ids';

/** The image's size: wide like a page heading; the page scales it to cover. */
export const COLLAGE_WIDTH = 1600;
export const COLLAGE_HEIGHT = 600;
/** Posters read for one collage: enough that a wall of ~60 tiles rarely repeats a neighbour. */
export const COLLAGE_POSTERS = 36;
const TILT_DEGREES = -9;
const GAP = 14;
/** Bump when the look changes, so cached collages are made again. */
const RECIPE = 'tilted-wall-1';
const BACKGROUND = { r: 14, g: 15, b: 20 };

export function scopeKey(scope: CollageScope): string {
  const name = scope.kind === 'genre' ? `genre:${scope.name.toLowerCase()}` : scope.kind === 'person' ? `person:${scope.id}` : scope.kind;
  return createHash('sha1').update(name).digest('hex').slice(0, 16);
}

/** Changes whenever the posters (or their files) or the recipe do. */
export function contentKey(source: CollageSource): string {
  const hash = createHash('sha1').update(RECIPE);
  for (const p of source.posters) hash.update(`${p.imageId}:${p.signature};`);
  hash.update(source.colours.join(','));
  return hash.digest('hex').slice(0, 16);
}

interface Tile {
  input: Buffer;
  left: number;
  top: number;
}

/** Where each tile goes on the untilted canvas, and which poster it shows. */
export function wallLayout(width: number, height: number, posters: number): { tileWidth: number; tileHeight: number; tiles: { left: number; top: number; poster: number }[] } {
  // Few posters: bigger tiles, so the repeats read as a pattern rather than as wallpaper.
  const tileWidth = posters >= 12 ? 170 : posters >= 4 ? 210 : 250;
  const tileHeight = Math.round(tileWidth * 1.5);
  const stepX = tileWidth + GAP;
  const stepY = tileHeight + GAP;
  const columns = Math.ceil(width / stepX) + 1;
  const rows = Math.ceil(height / stepY) + 2;
  const tiles: { left: number; top: number; poster: number }[] = [];
  for (let c = 0; c < columns; c++) {
    // Every other column sits half a tile lower: a staggered wall, not a spreadsheet.
    const offset = c % 2 === 0 ? -Math.round(stepY / 2) : 0;
    for (let r = 0; r < rows; r++) {
      const top = offset + r * stepY - Math.round(stepY / 2);
      if (top + tileHeight <= 0 || top >= height) continue;
      // Neighbours (across and down) show different posters as long as there are enough of them.
      const poster = posters === 0 ? 0 : (c * 5 + r * 3 + (c % 2) * 7) % posters;
      tiles.push({ left: c * stepX - Math.round(GAP / 2), top, poster });
    }
  }
  return { tileWidth, tileHeight, tiles };
}

function hex(colour: string): { r: number; g: number; b: number } | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  return m ? { r: parseInt(m[1] as string, 16), g: parseInt(m[2] as string, 16), b: parseInt(m[3] as string, 16) } : null;
}

/** A dark, soft gradient of up to six colours: what a scope without posters shows. */
function gradientSvg(width: number, height: number, colours: readonly string[]): string {
  const palette = colours.map(hex).filter((c): c is { r: number; g: number; b: number } => c !== null);
  const fallback = [
    { r: 58, g: 72, b: 140 },
    { r: 120, g: 60, b: 110 },
    { r: 40, g: 110, b: 120 },
  ];
  const use = palette.length > 0 ? palette : fallback;
  const blobs = use
    .slice(0, 6)
    .map((c, i) => {
      const cx = Math.round(((i * 37 + 15) % 100) * (width / 100));
      const cy = Math.round(((i * 53 + 30) % 100) * (height / 100));
      return `<radialGradient id="g${i}" cx="${cx}" cy="${cy}" r="${Math.round(width * 0.55)}" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="rgb(${c.r},${c.g},${c.b})" stop-opacity="1"/><stop offset="1" stop-color="rgb(${c.r},${c.g},${c.b})" stop-opacity="0"/></radialGradient><rect width="${width}" height="${height}" fill="url(#g${i})"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="rgb(${BACKGROUND.r},${BACKGROUND.g},${BACKGROUND.b})"/>${blobs}</svg>`;
}

/** Dark on the left and at the bottom, where headings put their text; the right keeps some colour. */
function shadeSvg(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs>
<linearGradient id="side" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#000" stop-opacity="0.86"/><stop offset="0.55" stop-color="#000" stop-opacity="0.62"/><stop offset="1" stop-color="#000" stop-opacity="0.4"/></linearGradient>
<linearGradient id="foot" x1="0" y1="0" x2="0" y2="1"><stop offset="0.45" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.7"/></linearGradient>
</defs>
<rect width="${width}" height="${height}" fill="url(#side)"/><rect width="${width}" height="${height}" fill="url(#foot)"/></svg>`;
}

async function posterTiles(cacheDir: string, posters: readonly CollagePoster[], tileWidth: number, tileHeight: number): Promise<(Buffer | null)[]> {
  const sharp = await loadSharp();
  const out: (Buffer | null)[] = [];
  for (const p of posters) {
    try {
      // The 320-px copy the grid already asked for: small to decode, and cached for next time.
      const small = await resizedImage(cacheDir, { id: p.imageId, path: p.path, signature: p.signature }, 320);
      out.push(await sharp(small).resize(tileWidth, tileHeight, { fit: 'cover' }).removeAlpha().toBuffer());
    } catch {
      // An unreadable poster leaves a gap in the choice, not a broken image.
      out.push(null);
    }
  }
  return out;
}

/** The whole picture. Tiles are read first, each taking its own image slot; the wall itself takes one more. */
async function compose(cacheDir: string, source: CollageSource): Promise<Buffer> {
  const sharp = await loadSharp();
  const W = COLLAGE_WIDTH;
  const H = COLLAGE_HEIGHT;
  const shade = Buffer.from(shadeSvg(W, H));
  // The untilted canvas must still cover the whole image once turned.
  const angle = (Math.abs(TILT_DEGREES) * Math.PI) / 180;
  const CW = Math.ceil(W * Math.cos(angle) + H * Math.sin(angle));
  const CH = Math.ceil(W * Math.sin(angle) + H * Math.cos(angle));
  const layout = wallLayout(CW, CH, source.posters.length);
  const images =
    source.posters.length === 0
      ? []
      : (await posterTiles(cacheDir, source.posters, layout.tileWidth, layout.tileHeight)).filter((b): b is Buffer => b !== null);
  return withImageSlot(async () => {
    if (images.length === 0) {
      return sharp(Buffer.from(gradientSvg(W, H, source.colours)))
        .composite([{ input: shade }])
        .webp({ quality: 72 })
        .toBuffer();
    }
    const placed: Tile[] = layout.tiles.map((t) => ({ input: images[t.poster % images.length] as Buffer, left: t.left, top: t.top }));
    // Under the tiles: the posters' own colours, blurred, so the gaps glow instead of being black.
    const glow = await sharp(images[0] as Buffer)
      .resize(CW, CH, { fit: 'cover' })
      .blur(40)
      .modulate({ brightness: 0.5 })
      .toBuffer();
    const wall = await sharp(glow).composite(placed).raw().toBuffer({ resolveWithObject: true });
    const turned = await sharp(wall.data, { raw: wall.info })
      .rotate(TILT_DEGREES, { background: BACKGROUND })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const left = Math.floor((turned.info.width - W) / 2);
    const top = Math.floor((turned.info.height - H) / 2);
    return sharp(turned.data, { raw: turned.info })
      .extract({ left, top, width: W, height: H })
      .modulate({ brightness: 0.8, saturation: 0.85 })
      .composite([{ input: shade }])
      .webp({ quality: 72 })
      .toBuffer();
  });
}

export class CollageMaker {
  private readonly making = new Map<string, Promise<string>>();

  constructor(private readonly cacheDir: string) {}

  /** The collage's file for this scope and these posters: made now when it is not on disk yet. */
  async file(scope: CollageScope, source: CollageSource): Promise<string> {
    const dir = join(this.cacheDir, 'collages');
    const prefix = scopeKey(scope);
    const out = join(dir, `${prefix}-${contentKey(source)}.webp`);
    if (existsSync(out)) return out;
    const pending = this.making.get(out);
    if (pending) return pending;
    // Not inside an image slot: compose takes them itself (holding one while waiting for another would deadlock).
    const job = (async () => {
      mkdirSync(dir, { recursive: true });
      const bytes = await compose(this.cacheDir, source);
      const tmp = `${out}.${newId()}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, out);
      // The scope's older collages are of a library that is gone.
      for (const name of readdirSync(dir)) {
        if (name.startsWith(`${prefix}-`) && join(dir, name) !== out && name.endsWith('.webp')) rmSync(join(dir, name), { force: true });
      }
      return out;
    })();
    this.making.set(out, job);
    try {
      return await job;
    } finally {
      this.making.delete(out);
    }
  }
}
