// Subtitle text: bytes decoded whatever the encoding (UTF-8, UTF-16 with a BOM, else Windows-1252, which
// also reads Latin-1), and SRT, ASS/SSA and WebVTT turned into WebVTT on the file's own timeline. Pure.

export class SubtitleError extends Error {
  override readonly name = 'SubtitleError';
}

export function decodeSubtitle(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Not UTF-8: European subtitles of the DVD era are nearly all Windows-1252 (a superset of Latin-1's letters).
    return decodeWindows1252(body);
  }
}

/** 0x80–0x9F of Windows-1252 (Node's TextDecoder treats the label as Latin-1 and gets these wrong). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  return out;
}

export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** 00:01:02,345 · 00:01:02.345 · 1:02.34 (ASS) · 01:02.345 (VTT without hours) → seconds. */
function parseTime(raw: string): number | null {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(raw.trim());
  if (!m) return null;
  const [, h, min, s, frac] = m;
  const fraction = frac ? Number(frac) / 10 ** frac.length : 0;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + fraction;
}

function vttTime(t: number): string {
  const ms = Math.max(0, Math.round(t * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** SRT and WebVTT share the shape: blocks of "start --> end" and text lines. */
function parseBlocks(text: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const at = lines.findIndex((l) => l.includes('-->'));
    if (at < 0) continue;
    const [rawStart, rest] = lines[at]!.split('-->');
    const start = parseTime(rawStart ?? '');
    const end = parseTime((rest ?? '').trim().split(/\s+/)[0] ?? '');
    if (start === null || end === null || end < start) continue;
    const body = lines.slice(at + 1).join('\n').trim();
    if (body) cues.push({ start, end, text: body });
  }
  return cues;
}

/** ASS/SSA: the Dialogue lines of [Events], in the order their Format line names the fields. */
function parseAss(text: string): Cue[] {
  const cues: Cue[] = [];
  let fields: string[] = [];
  let inEvents = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = line.trim();
    if (/^\[.*\]$/.test(trimmed)) {
      inEvents = trimmed.toLowerCase() === '[events]';
      continue;
    }
    if (!inEvents) continue;
    if (/^format:/i.test(trimmed)) {
      fields = trimmed.slice(7).split(',').map((f) => f.trim().toLowerCase());
      continue;
    }
    if (!/^dialogue:/i.test(trimmed) || fields.length === 0) continue;
    const parts = trimmed.slice(9).split(',');
    // The text is the last field and may itself contain commas.
    const values = [...parts.slice(0, fields.length - 1), parts.slice(fields.length - 1).join(',')].map((v) => v.trim());
    const get = (name: string) => values[fields.indexOf(name)] ?? '';
    const start = parseTime(get('start'));
    const end = parseTime(get('end'));
    if (start === null || end === null || end < start) continue;
    const body = withoutOverrides(get('text'))
      .replace(/\\[Nn]/g, '\n')
      .replace(/\\h/g, ' ')
      .trim();
    if (body) cues.push({ start, end, text: body });
  }
  return cues.sort((a, b) => a.start - b.start);
}

/**
 * The words of an ASS line: override blocks dropped, and so is what a `\p1` (drawing mode) block
 * starts: vector shapes ("m 0 0 l 160 0 …") are pictures, not text, until a `\p0`.
 */
function withoutOverrides(text: string): string {
  let drawing = false;
  let out = '';
  for (const piece of text.split(/(\{[^}]*\})/)) {
    if (piece.startsWith('{') && piece.endsWith('}')) {
      const scales = [...piece.matchAll(/\\p(\d+)/g)];
      const last = scales[scales.length - 1];
      if (last) drawing = Number(last[1]) > 0;
    } else if (!drawing) {
      out += piece;
    }
  }
  return out;
}

/** Keeps the few tags WebVTT knows (b, i, u) and escapes everything else: cue text is text. */
function cueText(text: string): string {
  return text
    .replace(/<\s*(\/?)\s*([biu])\s*>/gi, '\u0001$1$2\u0002')
    .replace(/<[^>]*>/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u0001(\/?)([biu])\u0002/gi, (_m, slash: string, tag: string) => `<${slash}${tag.toLowerCase()}>`)
    .replace(/-->/g, '--&gt;');
}

/** MicroDVD's frame rate when neither the file nor its video says one: the film rate most such files were timed to. */
const MICRODVD_DEFAULT_FPS = 23.976;

/**
 * MicroDVD: `{start}{end}text` lines in frames, `|` between lines, `{y:i}`-style codes before the text. A first
 * line `{1}{1}25` names the frame rate; without one, the video's rate times it.
 */
function parseMicroDvd(text: string, videoFps: number | null): Cue[] {
  const cues: Cue[] = [];
  let fps = videoFps && videoFps > 0 ? videoFps : MICRODVD_DEFAULT_FPS;
  let first = true;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const m = /^\s*\{(\d+)\}\{(\d*)\}(.*)$/.exec(line);
    if (!m) continue;
    const [, a, b, rest] = m;
    const body = (rest ?? '').replace(/\{[^}]*\}/g, '').split('|').map((l) => l.trim()).join('\n').trim();
    if (first && Number(a) <= 1 && Number(b || 0) <= 1 && /^\d+(\.\d+)?$/.test(body) && Number(body) > 0 && Number(body) < 200) {
      fps = Number(body);
      first = false;
      continue;
    }
    first = false;
    const start = Number(a) / fps;
    // An empty end frame means "until the next line"; three seconds when none follows.
    const end = b ? Number(b) / fps : Number.NaN;
    if (body) cues.push({ start, end, text: body });
  }
  cues.forEach((c, i) => {
    if (Number.isNaN(c.end)) c.end = cues[i + 1]?.start ?? c.start + 3;
  });
  return cues.filter((c) => c.end >= c.start).sort((x, y) => x.start - y.start);
}

const SAMI_ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** SAMI markup as plain cue text: `<br>` a new line, b/i/u kept (cueText escapes the rest), entities decoded. */
function samiText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<(?!\s*\/?\s*[biu]\s*>)[^>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return SAMI_ENTITIES[e.toLowerCase()] ?? m;
    })
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l)
    .join('\n');
}

/**
 * SAMI (.smi): `<SYNC Start=ms>` blocks, each shown until the next (an `&nbsp;` block clears the screen). A file
 * may carry several languages as `<P Class=…>` paragraphs; the first class met is the track, as players do.
 */
function parseSami(text: string): Cue[] {
  const syncs = [...text.matchAll(/<sync\b[^>]*?\bstart\s*=\s*["']?(\d+)[^>]*>/gi)];
  let track: string | null = null;
  const shown: { start: number; text: string }[] = [];
  syncs.forEach((m, i) => {
    const body = text.slice((m.index ?? 0) + m[0].length, syncs[i + 1]?.index ?? text.length).replace(/<\/(body|sami)>[\s\S]*$/i, '');
    const paragraphs = [...body.matchAll(/<p\b([^>]*)>([\s\S]*?)(?=<p\b|$)/gi)].map((p) => ({ cls: /class\s*=\s*["']?([\w-]+)/i.exec(p[1] ?? '')?.[1]?.toLowerCase() ?? '', html: p[2] ?? '' }));
    if (paragraphs.length === 0) paragraphs.push({ cls: '', html: body });
    track ??= paragraphs[0]!.cls;
    const mine = paragraphs.filter((p) => p.cls === track);
    shown.push({ start: Number(m[1]) / 1000, text: mine.map((p) => samiText(p.html)).filter((t) => t).join('\n') });
  });
  const cues: Cue[] = [];
  shown.forEach((s, i) => {
    if (!s.text) return;
    const end = shown[i + 1]?.start ?? s.start + 3;
    if (end > s.start) cues.push({ start: s.start, end, text: s.text });
  });
  return cues.sort((a, b) => a.start - b.start);
}

export type TextSubtitleFormat = 'srt' | 'vtt' | 'ass' | 'microdvd' | 'sami';

export function formatOfCodec(codec: string): TextSubtitleFormat | null {
  // MP4's timed text (tx3g) and plain text have no format of their own: ffmpeg hands them over as SRT.
  if (codec === 'subrip' || codec === 'srt' || codec === 'mov_text' || codec === 'text') return 'srt';
  if (codec === 'webvtt' || codec === 'vtt') return 'vtt';
  if (codec === 'ass' || codec === 'ssa') return 'ass';
  if (codec === 'microdvd') return 'microdvd';
  if (codec === 'sami') return 'sami';
  return null;
}

/** `videoFps`: the video's frame rate, which times a MicroDVD file that does not say its own. */
export function parseSubtitle(text: string, format: TextSubtitleFormat, videoFps: number | null = null): Cue[] {
  const cues =
    format === 'ass'
      ? parseAss(text)
      : format === 'microdvd'
        ? parseMicroDvd(text, videoFps)
        : format === 'sami'
          ? parseSami(text)
          : parseBlocks(format === 'vtt' ? text.replace(/^\uFEFF?WEBVTT[^\n]*\n/, '') : text);
  if (cues.length === 0 && text.trim().length > 0) throw new SubtitleError(`no ${format.toUpperCase()} cues could be read: the file is damaged or not ${format.toUpperCase()}`);
  return cues;
}

export function toWebVtt(cues: readonly Cue[]): string {
  const out = ['WEBVTT', ''];
  for (const cue of cues) out.push(`${vttTime(cue.start)} --> ${vttTime(cue.end)}`, cueText(cue.text), '');
  return out.join('\n');
}
