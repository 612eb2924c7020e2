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

  it('reads MicroDVD by its own frame-rate line, or else by the video\'s rate, and ends an open cue at the next', () => {
    const own = '{1}{1}25\n{50}{100}{y:i}Hello|world\n{125}{}Next\n{200}{250}Last\n';
    expect(parseSubtitle(own, 'microdvd', 30)).toEqual([
      { start: 2, end: 4, text: 'Hello\nworld' },
      { start: 5, end: 8, text: 'Next' },
      { start: 8, end: 10, text: 'Last' },
    ]);
    // No rate line: the video's 30 fps times it; an open last cue lasts three seconds.
    expect(parseSubtitle('{30}{60}One\r\n{90}{}Two\r\n', 'microdvd', 30)).toEqual([
      { start: 1, end: 2, text: 'One' },
      { start: 3, end: 6, text: 'Two' },
    ]);
    // Neither: the film rate.
    expect(parseSubtitle('{24}{48}Film\n', 'microdvd')[0]!.start).toBeCloseTo(24 / 23.976, 6);
    expect(() => parseSubtitle('1\n00:00:01,000 --> 00:00:02,000\nthis is SRT\n', 'microdvd')).toThrow(SubtitleError);
  });

  it('reads SAMI: each SYNC until the next, &nbsp; clears, <br> breaks, the first language class only', () => {
    const smi = `<SAMI><HEAD><STYLE TYPE="text/css"><!-- .KRCC { Name: Korean; lang: ko-KR; } .ENCC { lang: en-US; } --></STYLE></HEAD><BODY>
<SYNC Start=1000><P Class=KRCC>안녕<br>하세요
<P Class=ENCC>Hello
<SYNC Start=2500><P Class=KRCC>&nbsp;
<SYNC Start=4000><P Class=KRCC><i>끝</i> &amp; 마침
</BODY></SAMI>`;
    expect(parseSubtitle(smi, 'sami')).toEqual([
      { start: 1, end: 2.5, text: '안녕\n하세요' },
      { start: 4, end: 7, text: '<i>끝</i> & 마침' },
    ]);
    expect(toWebVtt(parseSubtitle(smi, 'sami'))).toContain('00:00:04.000 --> 00:00:07.000\n<i>끝</i> &amp; 마침');
    expect(() => parseSubtitle('<html><body>not a subtitle</body></html>', 'sami')).toThrow(SubtitleError);
  });
});
