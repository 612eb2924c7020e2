// Turning metadata into the short English labels the pages show. Pure, so it is unit-tested.
import type { MediaStream } from '../../shared/api';

/** 132 → "2 h 12 min", 45 → "45 min". */
export function formatRuntime(minutes: number | null | undefined): string | null {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes <= 0) return null;
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Player clock: 75 → "1:15", 3725 → "1:02:05". `reference` decides whether hours are shown. */
export function formatClock(seconds: number, reference = seconds): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(safe / 3600);
  const m = Math.floor((safe % 3600) / 60);
  const s = safe % 60;
  const ss = String(s).padStart(2, '0');
  if (h > 0 || reference >= 3600) return `${h}:${String(m).padStart(2, '0')}:${ss}`;
  return `${m}:${ss}`;
}

/** "12 March 2026"; null for a missing or unreadable date. */
export function formatDate(iso: string | null | undefined, locale = 'en-GB'): string | null {
  if (!iso) return null;
  // A bare date is a calendar day, not midnight UTC: read it as such so no time zone shifts it.
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = bare ? new Date(Number(bare[1]), Number(bare[2]) - 1, Number(bare[3])) : new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** Whether a date (ISO) lies after `now`: an announced series that has not started yet. */
export function isFuture(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  const time = new Date(iso).getTime();
  return Number.isFinite(time) && time > now.getTime();
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = value >= 100 || unit === 0 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[unit] ?? 'B'}`;
}

// ISO 639-2/B codes (what files carry) whose terminology form differs; Intl only knows the latter.
const BIBLIOGRAPHIC_TO_TERMINOLOGY: Record<string, string> = {
  alb: 'sq', arm: 'hy', baq: 'eu', bur: 'my', chi: 'zh', cze: 'cs', dut: 'nl', fre: 'fr', geo: 'ka',
  ger: 'de', gre: 'el', ice: 'is', mac: 'mk', mao: 'mi', may: 'ms', per: 'fa', rum: 'ro', slo: 'sk',
  tib: 'bo', wel: 'cy',
};

let languageNames: Intl.DisplayNames | null = null;

/** "eng" → "English", "ger" → "German"; "und", empty or unknown → null. */
export function languageName(code: string | null | undefined): string | null {
  if (!code) return null;
  const lower = code.trim().toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(lower) || lower === 'und' || lower === 'mul' || lower === 'zxx') return null;
  const tag = BIBLIOGRAPHIC_TO_TERMINOLOGY[lower] ?? lower;
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const name = languageNames.of(tag);
    return name && name.toLowerCase() !== tag ? name : null;
  } catch {
    return null;
  }
}

const CODEC_LABELS: Record<string, string> = {
  h264: 'H.264', avc: 'H.264', hevc: 'HEVC', h265: 'HEVC', av1: 'AV1', vp8: 'VP8', vp9: 'VP9',
  mpeg2video: 'MPEG-2', mpeg4: 'MPEG-4', vc1: 'VC-1',
  aac: 'AAC', ac3: 'Dolby Digital', eac3: 'Dolby Digital Plus', truehd: 'Dolby TrueHD', dts: 'DTS',
  flac: 'FLAC', opus: 'Opus', vorbis: 'Vorbis', mp3: 'MP3', mp2: 'MP2', alac: 'ALAC',
  pcm_s16le: 'PCM', pcm_s24le: 'PCM', pcm: 'PCM',
  subrip: 'SRT', srt: 'SRT', ass: 'ASS', ssa: 'SSA', webvtt: 'WebVTT', vtt: 'WebVTT', mov_text: 'Timed text', microdvd: 'MicroDVD', sami: 'SAMI',
  hdmv_pgs_subtitle: 'PGS', pgs: 'PGS', dvd_subtitle: 'VobSub', dvb_subtitle: 'DVB',
};

export function codecLabel(codec: string | null | undefined): string {
  if (!codec) return 'Unknown';
  return CODEC_LABELS[codec.toLowerCase()] ?? codec.toUpperCase();
}

const CONTAINER_LABELS: Record<string, string> = {
  mp4: 'MP4', m4v: 'MP4', mov: 'QuickTime', mkv: 'Matroska', matroska: 'Matroska', webm: 'WebM',
  avi: 'AVI', ts: 'MPEG-TS', mpegts: 'MPEG-TS', m2ts: 'MPEG-TS', ogg: 'Ogg', wmv: 'WMV',
};

/**
 * ffprobe names formats as families ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"): the member
 * the file's extension names wins, else the first.
 */
export function containerLabel(container: string | null | undefined, fileName = ''): string | null {
  if (!container) return null;
  const names = container.toLowerCase().split(',').map((name) => name.trim()).filter((name) => name);
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const alias: Record<string, string> = { mkv: 'matroska', m4v: 'mp4' };
  const byExtension = extension ? names.find((name) => name === extension || name === alias[extension]) : undefined;
  const chosen = byExtension ?? names[0] ?? '';
  return CONTAINER_LABELS[chosen] ?? chosen.toUpperCase();
}

/** 1920×800 is a 1080p film in scope, so the width decides first and the height second. */
export function resolutionLabel(width: number | null, height: number | null): string | null {
  if (!width || !height) return null;
  if (width >= 3200 || height >= 1800) return '4K';
  if (width >= 1800 || height >= 1000) return '1080p';
  if (width >= 1200 || height >= 700) return '720p';
  if (height >= 540) return '576p';
  if (height >= 460) return '480p';
  return 'SD';
}

export function channelLabel(channels: number | null | undefined): string | null {
  switch (channels) {
    case null:
    case undefined:
    case 0:
      return null;
    case 1:
      return 'Mono';
    case 2:
      return 'Stereo';
    case 6:
      return '5.1';
    case 7:
      return '6.1';
    case 8:
      return '7.1';
    default:
      return `${channels} ch`;
  }
}

/** "English · Dolby Digital 5.1", falling back to the track's own title or its number. */
export function audioTrackLabel(stream: MediaStream, position: number): string {
  const language = languageName(stream.language);
  const parts = [language ?? stream.title ?? `Track ${position + 1}`, codecLabel(stream.codec)];
  const channels = channelLabel(stream.channels);
  if (channels) parts[1] = `${parts[1]} ${channels}`;
  // A title that only repeats the language ("English (stereo)") adds nothing.
  if (language && stream.title && !stream.title.toLowerCase().includes(language.toLowerCase())) parts.push(stream.title);
  return parts.join(' · ');
}

/** "Anna Karina" → "AK", "Cher" → "C"; for people without a photo. */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/** "S01E03", or "S01E03–E04" for a double episode; null when numbers are unknown. */
export function episodeCode(season: number | null, episode: number | null, episodeEnd: number | null = null): string | null {
  if (episode === null) return null;
  const e = (n: number) => `E${String(n).padStart(2, '0')}`;
  const end = episodeEnd !== null && episodeEnd > episode ? `–${e(episodeEnd)}` : '';
  return `${season !== null ? `S${String(season).padStart(2, '0')}` : ''}${e(episode)}${end}`;
}

const REASON_WORDS: Record<string, string> = {
  'container-not-supported': 'container',
  'video-codec-not-supported': 'video codec',
  'audio-codec-not-supported': 'audio codec',
  'subtitle-burn-in': 'burned-in subtitles',
  'bitrate-too-high': 'bitrate',
};

/** Why the server did not play the file as is, in a few words: "container, audio codec". */
export function describeReasons(reasons: readonly string[]): string {
  const words = reasons.map((code) => REASON_WORDS[code] ?? code.replace(/-not-supported$/, '').replace(/[-_]+/g, ' ').trim());
  return [...new Set(words.filter((word) => word.length > 0))].join(', ');
}
