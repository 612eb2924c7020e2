// The player's readers of what the server sends: WebVTT cues and the trickplay index.
import { describe, expect, it } from 'vitest';
import { activeCues, parseTimestamp, parseWebVtt } from '../../src/renderer/player/subtitles/webvtt';
import { parseTrickplayIndex, tileAt, tileStyle } from '../../src/renderer/player/trickplay';

describe('WebVTT cues', () => {
  const vtt = `\uFEFFWEBVTT

NOTE made by the server

1
00:00:01.500 --> 00:00:04.000
The light comes in sideways.

00:05.000 --> 00:08.000 align:start
<i>(distant humming)</i>

00:09.000 --> 00:07.000
backwards, skipped

01:02:03,250 --> 01:02:05.000
Stay &amp; see
<b>then</b> decide.
`;

  it('reads timings (with or without hours), text and italics, and skips what is not a cue', () => {
    const cues = parseWebVtt(vtt);
    expect(cues).toHaveLength(3);
    expect(cues[0]).toEqual({ start: 1.5, end: 4, lines: ['The light comes in sideways.'], italic: false });
    expect(cues[1]).toMatchObject({ start: 5, end: 8, lines: ['(distant humming)'], italic: true });
    expect(cues[2]).toMatchObject({ start: 3723.25, lines: ['Stay & see', 'then decide.'] });
    expect(parseTimestamp('00:01:02.5')).toBe(62.5);
  });

  it('says which cues show at a second', () => {
    const cues = parseWebVtt(vtt);
    expect(activeCues(cues, 2).map((c) => c.lines[0])).toEqual(['The light comes in sideways.']);
    expect(activeCues(cues, 4)).toEqual([]);
    expect(activeCues(cues, 0)).toEqual([]);
  });

  it('survives garbage', () => {
    expect(parseWebVtt('')).toEqual([]);
    expect(parseWebVtt('not a subtitle at all\n\n-->')).toEqual([]);
  });
});

describe('trickplay index', () => {
  const index = parseTrickplayIndex({ intervalSeconds: 10, tileWidth: 320, tileHeight: 180, columns: 5, rows: 4, count: 27, sheets: ['/img/trick/a/0.jpg', '/img/trick/a/1.jpg'] });

  it('finds the tile of a second across sheets', () => {
    expect(tileAt(index, 0)).toMatchObject({ sheet: '/img/trick/a/0.jpg', x: 0, y: 0, number: 0 });
    expect(tileAt(index, 69)).toMatchObject({ sheet: '/img/trick/a/0.jpg', x: 320, y: 180, number: 6 });
    expect(tileAt(index, 215)).toMatchObject({ sheet: '/img/trick/a/1.jpg', x: 320, y: 0, number: 21 });
    // Past the end: the last thumbnail, never a blank one.
    expect(tileAt(index, 9999)).toMatchObject({ number: 26, sheet: '/img/trick/a/1.jpg', x: 320, y: 180 });
    expect(tileAt({ ...index, count: 0 }, 5)).toBeNull();
  });

  it('scales the sheet as a CSS background', () => {
    const style = tileStyle(index, tileAt(index, 69)!, 160);
    expect(style).toEqual({
      width: '160px',
      height: '90px',
      backgroundImage: 'url("/img/trick/a/0.jpg")',
      backgroundSize: '800px 360px',
      backgroundPosition: '-160px -90px',
    });
  });

  it('refuses indexes that are not ours or do not add up', () => {
    expect(() => parseTrickplayIndex({ intervalSeconds: 10 })).toThrow(/could not be read/);
    expect(() => parseTrickplayIndex({ ...index, sheets: ['https://evil.example/a.jpg'] })).toThrow(/same-origin/);
    expect(() => parseTrickplayIndex({ ...index, count: 41 })).toThrow(/more thumbnails/);
  });
});
