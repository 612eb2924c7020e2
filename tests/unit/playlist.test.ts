import { describe, expect, it } from 'vitest';
import { remuxPlan, renderPlaylist, segmentAt, segmentEnd, transcodePlan } from '../../src/main/playback/playlist';
import { parseKeyframePackets } from '../../src/main/playback/keyframes';

describe('segment plans', () => {
  it('cuts a remux on keyframes, each segment at least the target long', () => {
    const keyframes = [0.005, 2.005, 4.005, 6.005, 9.5, 10.1, 15, 19.6];
    const plan = remuxPlan(keyframes, 20, 4);
    // 19.6 is too near the end to make a segment of its own.
    expect(plan.starts).toEqual([0, 4.005, 9.5, 15]);
    expect(segmentEnd(plan, 3)).toBe(20);
  });

  it('makes transcode segments short first, then fixed, summing to the duration', () => {
    const plan = transcodePlan(13.4, 3, [1, 2]);
    expect(plan.starts).toEqual([0, 1, 3, 6, 9, 12]);
    const total = plan.starts.reduce((sum, s, i) => sum + (segmentEnd(plan, i) - s), 0);
    expect(total).toBeCloseTo(13.4, 6);
  });

  it('finds the segment holding a time', () => {
    const plan = transcodePlan(100);
    expect(segmentAt(plan, 0)).toBe(0);
    expect(segmentAt(plan, 2.99)).toBe(1);
    expect(segmentAt(plan, 3)).toBe(2);
    expect(segmentAt(plan, 99.9)).toBe(plan.starts.length - 1);
  });

  it('writes a VOD playlist with every segment and an end', () => {
    const text = renderPlaylist(transcodePlan(10));
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text).toContain('#EXT-X-MAP:URI="init.mp4"');
    expect(text.match(/#EXTINF/g)).toHaveLength(4);
    expect(text).toMatch(/#EXT-X-TARGETDURATION:4\n/);
    expect(text.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
  });
});

describe('keyframe packets', () => {
  it('keeps only flagged packets, sorted, without duplicates', () => {
    expect(parseKeyframePackets('packet,2.0,K__\npacket,1.0,__\npacket,0.0,K_\npacket,2.0,K__\npacket,N/A,K\n')).toEqual([0, 2]);
  });
});
