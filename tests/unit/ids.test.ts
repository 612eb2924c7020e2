import { describe, expect, it } from 'vitest';
import { newId } from '../../src/main/db/ids';

describe('newId', () => {
  it('never begins with a character a command line reads as an option, and stays unique', () => {
    // One base64url id in 64 began with '-' before: across 20,000 ids that is some 300 chances to catch it.
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(ids.filter((id) => /^[-_]/.test(id))).toEqual([]);
    expect(ids.every((id) => /^[A-Za-z0-9][A-Za-z0-9_-]{11}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
