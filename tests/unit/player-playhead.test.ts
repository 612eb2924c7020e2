// Where a fallback resumes: the second playback was last seen at, which the element's own currentTime
// no longer says once hls.js has reset the MediaSource.
import { describe, expect, it } from 'vitest';
import { watchPlayhead, type PlayheadSource } from '../../src/renderer/player/playhead';

class FakeVideo extends EventTarget implements PlayheadSource {
  currentTime = 0;
  at(seconds: number, event: 'seeking' | 'timeupdate'): void {
    this.currentTime = seconds;
    this.dispatchEvent(new Event(event));
  }
}

describe('the playhead a fallback resumes at', () => {
  it('is the start offset until the element reports anything', () => {
    expect(watchPlayhead(new FakeVideo(), 12).at()).toBe(12);
  });

  it('follows playback and seeks, and keeps its place through a reset to 0', () => {
    const video = new FakeVideo();
    const playhead = watchPlayhead(video, 0);
    video.at(3.2, 'timeupdate');
    video.at(12, 'seeking');
    video.at(13.5, 'timeupdate');
    // hls.js swapped the MediaSource: currentTime 0 and a timeupdate, no seek.
    video.at(0, 'timeupdate');
    expect(playhead.at()).toBe(13.5);
  });

  it('goes to 0 when the viewer seeks there', () => {
    const video = new FakeVideo();
    const playhead = watchPlayhead(video, 8);
    video.at(0, 'seeking');
    expect(playhead.at()).toBe(0);
  });

  it('stops listening when stopped', () => {
    const video = new FakeVideo();
    const playhead = watchPlayhead(video, 5);
    playhead.stop();
    video.at(9, 'seeking');
    expect(playhead.at()).toBe(5);
  });
});
