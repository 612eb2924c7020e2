// A small WebVTT reader for the cues the server makes from every text subtitle. The player paints
// cues itself as DOM text (so they sit above the controls, take the chosen size and background,
// and tests can read them); markup is reduced to text and italics, never HTML.
export interface Cue {
  start: number;
  end: number;
  /** Lines of plain text. */
  lines: string[];
  /** The whole cue was in <i>…</i>: shown in italics. */
  italic: boolean;
}

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})/;

export function parseTimestamp(text: string): number {
  const parts = text.replace(',', '.').split(':').map(Number);
  if (parts.some((n) => !Number.isFinite(n))) return Number.NaN;
  return parts.reduce((total, n) => total * 60 + n, 0);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': '\u00a0', '&lrm;': '\u200e', '&rlm;': '\u200f' };

function plainText(line: string): string {
  return line.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Cues in time order; blocks that are not cues (NOTE, STYLE, REGION, broken timings) are skipped. */
export function parseWebVtt(source: string): Cue[] {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const cues: Cue[] = [];
  for (const block of text.split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timingAt = lines.findIndex((line) => line.includes('-->'));
    if (timingAt < 0 || timingAt > 1) continue;
    const match = TIMING.exec(lines[timingAt]!);
    if (!match) continue;
    const start = parseTimestamp(match[1]!);
    const end = parseTimestamp(match[2]!);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) continue;
    const body = lines.slice(timingAt + 1).filter((line) => line.trim().length > 0);
    if (body.length === 0) continue;
    const joined = body.join('\n').trim();
    const italic = /^<i>[\s\S]*<\/i>$/.test(joined) && !/<\/i>[\s\S]*<i>/.test(joined);
    cues.push({ start, end, lines: body.map(plainText), italic });
  }
  return cues.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The cues showing at `seconds`, in order. Cues are sorted by start, so the scan stops early. */
export function activeCues(cues: readonly Cue[], seconds: number): Cue[] {
  const showing: Cue[] = [];
  for (const cue of cues) {
    if (cue.start > seconds) break;
    if (seconds < cue.end) showing.push(cue);
  }
  return showing;
}
