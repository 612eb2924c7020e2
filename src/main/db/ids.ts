// Opaque ids: clients name things by these, never by path.
import { randomBytes } from 'node:crypto';

// Random bytes drawn in blocks: a scan makes tens of thousands of ids.
let pool = Buffer.alloc(0);
let offset = 0;

export function newId(): string {
  if (offset + 9 > pool.length) {
    pool = randomBytes(9 * 512);
    offset = 0;
  }
  const id = pool.subarray(offset, offset + 9).toString('base64url');
  offset += 9;
  // An id that began with '-' would read as an option on a command line (`library remove -Xy…`), one time in 64.
  return id[0] === '-' || id[0] === '_' ? `${id[0] === '-' ? 'm' : 'u'}${id.slice(1)}` : id;
}

export function nowIso(): string {
  return new Date().toISOString();
}
