// Opaque ids: clients name things by these, never by path.
import { randomBytes } from 'node:crypto';

export function newId(): string {
  return randomBytes(9).toString('base64url');
}

export function nowIso(): string {
  return new Date().toISOString();
}
