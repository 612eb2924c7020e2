// Provider artwork: downloaded once (named by the hash of its URL), size-limited, decoded and re-encoded by sharp
// so no byte from the provider reaches a page as is, and put in the image cache the /img route serves from.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../db/ids';
import { HttpError, type PoliteHttp } from './http';

export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
/** Decoding bombs: a small file can claim a huge picture. */
const MAX_PIXELS = 40_000_000;
const MAX_WIDTH = 2000;

export interface StoredImage {
  path: string;
  /** Stable for the same source URL: the placeholder colour is kept while it does not change. */
  signature: string;
}

export class ProviderImages {
  readonly dir: string;

  constructor(
    cacheDir: string,
    private readonly http: PoliteHttp,
  ) {
    this.dir = join(cacheDir, 'provider-art');
  }

  /** The stored copy of the image at `url`, fetching it the first time. */
  async get(url: URL, signal?: AbortSignal): Promise<StoredImage> {
    const hash = createHash('sha256').update(url.href).digest('hex');
    const dir = join(this.dir, hash.slice(0, 2));
    const path = join(dir, `${hash.slice(0, 40)}.jpg`);
    const stored = { path, signature: `tmdb:${hash.slice(0, 16)}` };
    if (existsSync(path)) return stored;
    const { body } = await this.http.bytes(url, MAX_IMAGE_BYTES, signal);
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.${newId()}.tmp`;
    try {
      const sharp = (await import('sharp')).default;
      await sharp(body, { failOn: 'error', limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width: MAX_WIDTH, withoutEnlargement: true })
        .jpeg({ quality: 86, mozjpeg: false })
        .toFile(tmp);
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      if (e instanceof HttpError) throw e;
      throw new HttpError('hostile', `${url.host} sent an image that cannot be decoded`);
    }
    return stored;
  }
}
