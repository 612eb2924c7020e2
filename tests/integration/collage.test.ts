// Heading backdrops: a tilted wall of real posters made with sharp, a pleasing image from few or no posters,
// one file per scope and set of posters (remade when they change, reused when not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { COLLAGE_HEIGHT, COLLAGE_WIDTH, CollageMaker, wallLayout } from '../../src/main/catalogue/collage';
import type { CollagePoster, CollageSource } from '../../src/main/db/collage-queries';
import { removeDir, tempDir } from '../helpers/fixtures';

let dir: string;
const colours = ['#c0392b', '#2980b9', '#27ae60', '#f1c40f', '#8e44ad'];

async function poster(name: string, colour: string): Promise<CollagePoster> {
  const path = join(dir, `${name}.jpg`);
  await sharp({ create: { width: 400, height: 600, channels: 3, background: colour } }).jpeg().toFile(path);
  return { imageId: `img-${name}`, path, rootPath: dir, signature: `sig-${name}`, placeholder: colour };
}

async function look(path: string): Promise<{ width: number; height: number; mean: number; spread: number }> {
  const meta = await sharp(path).metadata();
  const stats = await sharp(path).stats();
  const channels = stats.channels.slice(0, 3);
  return {
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    mean: channels.reduce((sum, c) => sum + c.mean, 0) / 3,
    spread: channels.reduce((sum, c) => sum + c.stdev, 0) / 3,
  };
}

beforeAll(() => {
  dir = tempDir('mc-collage-');
});
afterAll(() => removeDir(dir));

describe('heading collages', () => {
  it('make a darkened wall of the posters at the size of a heading', async () => {
    const posters = await Promise.all(colours.map((c, i) => poster(`p${i}`, c)));
    const maker = new CollageMaker(join(dir, 'cache'));
    const file = await maker.file({ kind: 'all' }, { posters, colours, titles: 5 });
    const seen = await look(file);
    expect(seen).toMatchObject({ width: COLLAGE_WIDTH, height: COLLAGE_HEIGHT });
    // Dark enough for white text, but a picture, not a black box.
    expect(seen.mean).toBeGreaterThan(12);
    expect(seen.mean).toBeLessThan(110);
    expect(seen.spread).toBeGreaterThan(8);
  });

  it('still make a picture from one poster, and a soft gradient from none', async () => {
    const one = await poster('single', '#d35400');
    const maker = new CollageMaker(join(dir, 'cache'));
    const fromOne = await look(await maker.file({ kind: 'person', id: 'p1' }, { posters: [one], colours: [], titles: 1 }));
    expect(fromOne.mean).toBeGreaterThan(12);
    expect(fromOne.spread).toBeGreaterThan(4);
    const fromNone = await look(await maker.file({ kind: 'genre', name: 'Western' }, { posters: [], colours: ['#3355aa', '#aa3366'], titles: 2 }));
    expect(fromNone).toMatchObject({ width: COLLAGE_WIDTH, height: COLLAGE_HEIGHT });
    expect(fromNone.mean).toBeGreaterThan(8);
    expect(fromNone.spread).toBeGreaterThan(2);
  });

  it('reuse the file while the posters stay, and replace it when they change', async () => {
    const cache = join(dir, 'cache-reuse');
    const maker = new CollageMaker(cache);
    const posters = await Promise.all(colours.slice(0, 3).map((c, i) => poster(`r${i}`, c)));
    const source: CollageSource = { posters, colours: [], titles: 3 };
    const first = await maker.file({ kind: 'movies' }, source);
    expect(await maker.file({ kind: 'movies' }, source)).toBe(first);
    const changed = await maker.file({ kind: 'movies' }, { ...source, posters: [...posters.slice(0, 2), { ...(posters[2] as CollagePoster), signature: 'new' }] });
    expect(changed).not.toBe(first);
    expect(existsSync(first)).toBe(false);
    expect(readdirSync(join(cache, 'collages')).filter((n) => n.endsWith('.webp'))).toHaveLength(1);
  });

  it('make several at once without waiting on each other (each poster and each wall takes its own image slot)', async () => {
    const posters = await Promise.all(colours.map((c, i) => poster(`c${i}`, c)));
    const maker = new CollageMaker(join(dir, 'cache-many'));
    const scopes = [{ kind: 'all' as const }, { kind: 'movies' as const }, { kind: 'series' as const }, { kind: 'genre' as const, name: 'Drama' }];
    const files = await Promise.all(scopes.map((scope, i) => maker.file(scope, { posters: posters.slice(i), colours, titles: 5 })));
    expect(new Set(files).size).toBe(4);
    for (const file of files) expect(existsSync(file)).toBe(true);
  }, 60_000);

  it('lay out neighbours with different posters when there are enough', () => {
    const { tiles } = wallLayout(1700, 900, 12);
    const at = new Map(tiles.map((t) => [`${t.left}:${t.top}`, t.poster]));
    let same = 0;
    for (const t of tiles) {
      const below = tiles.find((u) => u.left === t.left && u.top > t.top && u.top - t.top < 400);
      if (below && below.poster === t.poster) same++;
    }
    expect(at.size).toBe(tiles.length);
    expect(same).toBe(0);
  });
});
