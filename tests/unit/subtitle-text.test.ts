import { describe, expect, it } from 'vitest';
import { decodeSubtitle, parseSubtitle, SubtitleError, toWebVtt } from '../../src/main/playback/subtitles/text';

const srt = '1\r\n00:01:01,500 --> 00:01:03,000\r\nCafé <i>crème</i>\r\n\r\n2\r\n00:01:04,000 --> 00:01:05,250\r\nA <font color="red">red</font> & bold\r\n';

describe('subtitle text', () => {
  it('leaves ASS drawings (\\p1 … \\p0) out of the text: vector shapes are not words', () => {
    const events = '[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n';
    const ass = `${events}Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\pos(10,10)\\p1}m 0 0 l 160 0 160 100 0 100{\\p0}Sign\nDialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,{\\p2}m 0 0 l 1 1\n`;
    expect(parseSubtitle(ass, 'ass')).toEqual([{ start: 1, end: 2, text: 'Sign' }]);
  });

  it('decodes UTF-8, UTF-16 with a BOM, and Windows-1252 / Latin-1', () => {
    expect(decodeSubtitle(Buffer.from('\uFEFFCafé', 'utf8'))).toBe('Café');
    expect(decodeSubtitle(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café', 'utf16le')]))).toBe('Café');
    const be = Buffer.from('Café', 'utf16le').swap16();
    expect(decodeSubtitle(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('Café');
    expect(decodeSubtitle(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe('Café');
    // 0x93/0x94 are curly quotes in Windows-1252 (control codes in strict Latin-1).
    expect(decodeSubtitle(Buffer.from([0x93, 0x6f, 0x6b, 0x94]))).toBe('\u201cok\u201d');
  });

  it('turns SRT into WebVTT, keeping i/b/u and escaping the rest', () => {
    const vtt = toWebVtt(parseSubtitle(srt, 'srt'));
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    expect(vtt).toContain('00:01:01.500 --> 00:01:03.000\nCafé <i>crème</i>');
    expect(vtt).toContain('00:01:04.000 --> 00:01:05.250\nA red &amp; bold');
  });

  it('reads ASS dialogue in its Format order, text with commas, without override tags', () => {
    const ass = '[Script Info]\nTitle: x\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:01:02.00,0:01:04.50,Default,,0,0,0,,{\\an8}Hello, world\\Nsecond line\n';
    expect(parseSubtitle(ass, 'ass')).toEqual([{ start: 62, end: 64.5, text: 'Hello, world\nsecond line' }]);
  });

  it('reports a file with no cue it can read, instead of an empty track', () => {
    expect(() => parseSubtitle('\u0000\u0001garbage that is not a subtitle', 'srt')).toThrow(SubtitleError);
  });
});
