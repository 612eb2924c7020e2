import { describe, expect, it } from 'vitest';
import { relaunchWithArenaCap } from '../../src/main/malloc-arenas';

describe('the malloc arena cap at server start', () => {
  it('relaunches nothing but `serve`, and never when the variable is already set', () => {
    expect(relaunchWithArenaCap('/no/such/script.js', ['scan', '--data', '/tmp/x'], {})).toBe(false);
    expect(relaunchWithArenaCap('/no/such/script.js', ['serve'], { MALLOC_ARENA_MAX: '4' })).toBe(false);
    expect(relaunchWithArenaCap('/no/such/script.js', [], {})).toBe(false);
  });
});
