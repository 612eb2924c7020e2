import { describe, expect, it } from 'vitest';
import { freshRecovery, MAX_NETWORK_RETRIES, NETWORK_RETRY_MS, recovered, recoveryFor, type HlsErrorFacts } from '../../src/renderer/player/hls-recovery';

const network: HlsErrorFacts = { fatal: true, type: 'networkError', details: 'fragLoadError' };
const media: HlsErrorFacts = { fatal: true, type: 'mediaError', details: 'bufferAppendError' };

describe('hls.js error recovery policy', () => {
  it('ignores errors hls.js recovers from by itself', () => {
    const state = freshRecovery();
    expect(recoveryFor({ ...network, fatal: false }, state)).toEqual({ do: 'nothing' });
    expect(recoveryFor({ ...media, fatal: false }, state)).toEqual({ do: 'nothing' });
    expect(state).toEqual(freshRecovery());
  });

  it('restarts loading after a fatal network error a bounded number of times, waiting longer each time, then fails as a network failure', () => {
    const state = freshRecovery();
    const waits: number[] = [];
    for (let i = 0; i < MAX_NETWORK_RETRIES; i++) {
      const action = recoveryFor(network, state);
      if (action.do !== 'start-load') throw new Error(`retry ${i + 1} was ${action.do}`);
      waits.push(action.afterMs);
    }
    expect(waits).toEqual(waits.map((_, i) => NETWORK_RETRY_MS * (i + 1)));
    const last = recoveryFor(network, state);
    expect(last).toMatchObject({ do: 'fail', kind: 'network' });
  });

  it('recovers a media error, then swaps the audio codec and recovers, then gives up as a decode failure (the next method is the cure)', () => {
    const state = freshRecovery();
    expect(recoveryFor(media, state)).toEqual({ do: 'recover-media' });
    expect(recoveryFor(media, state)).toEqual({ do: 'swap-audio-and-recover' });
    expect(recoveryFor(media, state)).toMatchObject({ do: 'fail', kind: 'decode' });
  });

  it('sends a codec MSE refuses straight to the next method: recovering cannot cure it', () => {
    expect(recoveryFor({ fatal: true, type: 'mediaError', details: 'bufferAddCodecError' }, freshRecovery())).toMatchObject({ do: 'fail', kind: 'decode' });
    expect(recoveryFor({ fatal: true, type: 'mediaError', details: 'bufferIncompatibleCodecsError' }, freshRecovery())).toMatchObject({ do: 'fail', kind: 'decode' });
  });

  it('gives the full budget again once a fragment is buffered, so separate hiccups in a long film are each recovered', () => {
    const state = freshRecovery();
    for (let i = 0; i < MAX_NETWORK_RETRIES; i++) recoveryFor(network, state);
    recoveryFor(media, state);
    recoveryFor(media, state);
    recovered(state);
    expect(recoveryFor(network, state)).toEqual({ do: 'start-load', afterMs: NETWORK_RETRY_MS });
    expect(recoveryFor(media, state)).toEqual({ do: 'recover-media' });
  });

  it('network and media budgets are separate', () => {
    const state = freshRecovery();
    expect(recoveryFor(media, state)).toEqual({ do: 'recover-media' });
    expect(recoveryFor(network, state)).toMatchObject({ do: 'start-load' });
    expect(recoveryFor(media, state)).toEqual({ do: 'swap-audio-and-recover' });
  });

  it('fails at once on fatal errors of other kinds', () => {
    expect(recoveryFor({ fatal: true, type: 'otherError', details: 'internalException' }, freshRecovery())).toMatchObject({ do: 'fail', kind: 'other' });
  });
});
