// Files that travel with a video: subtitle sidecars (language and flags) and local artwork names.

import type { ArtworkKind, ArtworkMatch, SidecarSubtitle } from './types';
import { extensionOf, isImageExtension, isSubtitleExtension, stemOf } from './tokens';
import { normaliseLanguage } from './languages';

type Flag = 'forced' | 'sdh' | 'default';

// `hi` is hearing impaired here, as in Jellyfin and Kodi; Hindi is written `hin` or `Hindi` in sidecar names.
const FLAGS: ReadonlyMap<string, Flag> = new Map<string, Flag>([
  ['forced', 'forced'], ['foreign', 'forced'], ['sdh', 'sdh'], ['hi', 'sdh'], ['cc', 'sdh'], ['hoh', 'sdh'],
  ['hearing', 'sdh'], ['impaired', 'sdh'], ['hearing impaired', 'sdh'], ['default', 'default'],
]);
const WORD_SPLIT_RE = /[\s_()[\]]+/;

interface Parsed {
  language?: string;
  forced: boolean;
  sdh: boolean;
  default: boolean;
}

/** Applies one word (flag or language); false when the word is neither. */
function apply(word: string, into: Parsed): boolean {
  const lower = word.toLowerCase();
  const flag = FLAGS.get(lower);
  if (flag) {
    into[flag] = true;
    return true;
  }
  const lang = normaliseLanguage(lower);
  if (lang) {
    into.language ??= lang;
    return true;
  }
  return false;
}

function startsWithStem(stem: string, videoStem: string): boolean {
  if (stem.length < videoStem.length) return false;
  const head = stem.slice(0, videoStem.length);
  return head === videoStem || head.toLowerCase() === videoStem.toLowerCase();
}

/**
 * `name.srt`, `name.en.srt`, `name.English.forced.srt`, `name.pt-BR.default.ass`, `name.en.Commentary.srt` …
 * Words after the video's stem are flags, a language, or (after a `.`) a title. `_`/`-`/space separators are accepted
 * only when every word after them is a flag or language, so `Movie 2.srt` is not taken for `Movie`.
 */
export function parseSidecarSubtitle(fileName: string, videoStem: string): SidecarSubtitle | null {
  const format = extensionOf(fileName);
  if (!isSubtitleExtension(format) || videoStem.length === 0) return null;
  const stem = stemOf(fileName);
  if (!startsWithStem(stem, videoStem)) return null;
  const out: Parsed = { forced: false, sdh: false, default: false };
  const result = (title: string[]): SidecarSubtitle => {
    const sub: SidecarSubtitle = { forced: out.forced, sdh: out.sdh, default: out.default, format };
    if (out.language) sub.language = out.language;
    if (title.length > 0) sub.title = title.join(' ');
    return sub;
  };
  if (stem.length === videoStem.length) return result([]);

  const sep = stem.charAt(videoStem.length);
  const strict = sep !== '.';
  if (strict && sep !== '_' && sep !== '-' && sep !== ' ') return null;
  const title: string[] = [];
  for (const part of stem.slice(videoStem.length + 1).split('.')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    // "English (SDH)": every word is a flag or a language. Otherwise the part is one tag, or a title.
    const words = trimmed.split(WORD_SPLIT_RE).filter((w) => w.length > 0);
    const probe: Parsed = { forced: false, sdh: false, default: false };
    if (words.length > 1 && words.every((w) => apply(w, probe))) {
      out.forced ||= probe.forced;
      out.sdh ||= probe.sdh;
      out.default ||= probe.default;
      if (probe.language) out.language ??= probe.language;
      continue;
    }
    if (apply(trimmed, out)) continue;
    if (strict) return null;
    title.push(trimmed);
  }
  return result(title);
}

const FOLDER_ART: ReadonlyMap<string, ArtworkKind> = new Map<string, ArtworkKind>([
  ['poster', 'poster'], ['folder', 'poster'], ['cover', 'poster'], ['default', 'poster'], ['movie', 'poster'],
  ['fanart', 'backdrop'], ['backdrop', 'backdrop'], ['background', 'backdrop'], ['art', 'backdrop'],
  ['landscape', 'thumb'], ['thumb', 'thumb'], ['clearlogo', 'logo'], ['logo', 'logo'], ['banner', 'banner'],
  ['clearart', 'clearart'], ['disc', 'disc'], ['discart', 'disc'], ['cdart', 'disc'],
]);
const FILE_ART: ReadonlyMap<string, ArtworkKind> = new Map<string, ArtworkKind>([
  ['poster', 'poster'], ['cover', 'poster'], ['fanart', 'backdrop'], ['backdrop', 'backdrop'], ['background', 'backdrop'],
  ['landscape', 'thumb'], ['thumb', 'thumb'], ['clearlogo', 'logo'], ['logo', 'logo'], ['banner', 'banner'],
  ['clearart', 'clearart'], ['disc', 'disc'], ['discart', 'disc'], ['cdart', 'disc'],
]);
const NUMBERED_BACKDROP_RE = /^(?:fanart|backdrop|background)[-_ ]?\d{1,3}$/;
const SEASON_ART_RE =
  /^season[-_ ]?(\d{1,4}|specials|all)(?:[-_ ]?(poster|banner|fanart|backdrop|landscape|thumb|clearart|clearlogo|logo))?$/;

/** Kodi/Jellyfin local artwork; null for any other image. `videoStem` is null outside a single-video folder. */
export function classifyArtwork(fileName: string, videoStem: string | null): ArtworkMatch | null {
  if (!isImageExtension(extensionOf(fileName))) return null;
  const s = stemOf(fileName).trim().toLowerCase();

  const season = SEASON_ART_RE.exec(s);
  if (season?.[1] !== undefined) {
    const n = season[1] === 'specials' ? 0 : season[1] === 'all' ? -1 : Number(season[1]);
    const kind = season[2] === undefined ? 'poster' : (FILE_ART.get(season[2]) ?? 'poster');
    return { kind, season: n, scope: 'folder' };
  }

  if (videoStem) {
    const v = videoStem.toLowerCase();
    // `<video>.jpg` / `<video>.tbn`: the video's own picture (the scanner makes it an episode's thumb).
    if (s === v) return { kind: 'poster', scope: 'file' };
    if (s.length > v.length + 1 && s.startsWith(v) && (s.charCodeAt(v.length) === 45 || s.charCodeAt(v.length) === 46)) {
      const suffix = s.slice(v.length + 1);
      const kind = FILE_ART.get(suffix) ?? (NUMBERED_BACKDROP_RE.test(suffix) ? 'backdrop' : undefined);
      if (kind) return { kind, scope: 'file' };
    }
  }

  const kind = FOLDER_ART.get(s) ?? (NUMBERED_BACKDROP_RE.test(s) ? 'backdrop' : undefined);
  return kind ? { kind, scope: 'folder' } : null;
}
