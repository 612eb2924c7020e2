// The media keys and now-playing card through a stand-in Media Session: each system action reaches the
// player's intent, Next is offered only when something follows, and leaving gives every key back.
import { describe, expect, it } from 'vitest';
import { bindMediaSession, offerNext, showNowPlaying, showPlaybackState, type MediaSessionLike } from '../../src/renderer/player/media-session';

type Handler = (details: { seekOffset?: number; seekTime?: number }) => void;

function fakeSession(unknown: string[] = []) {
  const handlers = new Map<string, Handler>();
  const positions: { duration: number; position: number; playbackRate: number }[] = [];
  const session: MediaSessionLike = {
    metadata: null,
    playbackState: 'none',
    setActionHandler(action, handler) {
      if (unknown.includes(action)) throw new TypeError(`unknown action ${action}`);
      if (handler) handlers.set(action, handler);
      else handlers.delete(action);
    },
    setPositionState(state) {
      if (state.position > state.duration) throw new RangeError('past the end');
      positions.push(state);
    },
  };
  return { session, handlers, positions };
}

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      play: () => calls.push('play'),
      pause: () => calls.push('pause'),
      seekBy: (s: number) => calls.push(`seekBy ${s}`),
      seekTo: (s: number) => calls.push(`seekTo ${s}`),
      stop: () => calls.push('stop'),
    },
  };
}

describe('the Media Session of the player', () => {
  it('sends each system action to the player, with the step or offset the system gives', () => {
    const { session, handlers } = fakeSession();
    const { calls, actions } = recorder();
    bindMediaSession(session, actions, 10);
    for (const action of ['play', 'pause', 'stop']) handlers.get(action)!({});
    handlers.get('seekforward')!({});
    handlers.get('seekbackward')!({ seekOffset: 5 });
    handlers.get('seekto')!({ seekTime: 42.5 });
    handlers.get('seekto')!({});
    handlers.get('previoustrack')!({});
    expect(calls).toEqual(['play', 'pause', 'stop', 'seekBy 10', 'seekBy -5', 'seekTo 42.5', 'seekBy -10']);
    expect(handlers.has('nexttrack')).toBe(false);
  });

  it('offers Next only while something follows, and takes every key and the card back on leaving', () => {
    const { session, handlers } = fakeSession();
    const { actions } = recorder();
    const unbind = bindMediaSession(session, actions, 10);
    let nexts = 0;
    offerNext(session, () => nexts++);
    handlers.get('nexttrack')!({});
    expect(nexts).toBe(1);
    offerNext(session, null);
    expect(handlers.has('nexttrack')).toBe(false);
    showNowPlaying(session, { title: 'Slugs at Dawn', artist: 'The Allotment Detectives', album: 'S01E02', artwork: '/img/x.jpg' }, (init) => ({ made: init }));
    expect(session.metadata).toEqual({ made: { title: 'Slugs at Dawn', artist: 'The Allotment Detectives', album: 'S01E02', artwork: [{ src: '/img/x.jpg' }] } });
    unbind();
    expect(handlers.size).toBe(0);
    expect(session.metadata).toBeNull();
    expect(session.playbackState).toBe('none');
  });

  it('binds the actions a browser knows when it refuses others, and does nothing without a session', () => {
    const { session, handlers } = fakeSession(['stop', 'seekto']);
    const { actions } = recorder();
    expect(() => bindMediaSession(session, actions, 10)).not.toThrow();
    expect([...handlers.keys()].sort()).toEqual(['pause', 'play', 'previoustrack', 'seekbackward', 'seekforward']);
    expect(() => bindMediaSession(undefined, actions, 10)()).not.toThrow();
    expect(() => showNowPlaying(session, { title: 't', artist: '', album: '', artwork: null }, undefined)).not.toThrow();
  });

  it('says playing or paused, and a position within the runtime, only when the runtime is known', () => {
    const { session, positions } = fakeSession();
    showPlaybackState(session, true, 12, 100, 1.5);
    expect(session.playbackState).toBe('playing');
    showPlaybackState(session, false, 130, 100, 0);
    expect(session.playbackState).toBe('paused');
    showPlaybackState(session, true, 3, Number.NaN, 1);
    expect(positions).toEqual([
      { duration: 100, position: 12, playbackRate: 1.5 },
      { duration: 100, position: 100, playbackRate: 1 },
    ]);
  });
});
