// Folders the scanner must not enter and files that are never media, each with the rule that excludes it.

import { extensionOf, stemOf } from './tokens';

// NAS, OS and tool folders (Synology, QNAP, Windows, Linux, Windows Media Center, PS3 media server).
const SYSTEM_DIRS: ReadonlySet<string> = new Set([
  '@eadir', 'eadir', '#recycle', '#snapshot', '@recycle', '@recently-snapshot', '@tmp', '@sharebin', '~snapshot',
  '$recycle.bin', 'recycler', 'recycled', 'system volume information', 'lost+found', 'tempsbe', 'temprec',
  'ps3_update', 'ps3_vprm',
]);
// Hidden folders that are known system folders rather than a user's private ones.
const SYSTEM_DOT_DIR_RE =
  /^\.(?:trash(?:es)?(?:-\d+)?|appledouble|spotlight-v100|fseventsd|temporaryitems|documentrevisions-v100|@__thumb|snapshots?|zfs|recycle\.bin|grab|wd_tv|streams|thumbnails|cache)$/i;
const SAMPLE_DIRS: ReadonlySet<string> = new Set(['sample', 'samples']);

const SYSTEM_FILES: ReadonlySet<string> = new Set(['thumbs.db', 'desktop.ini', 'ehthumbs.db', 'ehthumbs_vista.db', 'icon\r']);
const PARTIAL_EXTENSIONS: ReadonlySet<string> = new Set(['part', 'partial', 'crdownload', '!qb', '!ut', 'bts', 'sync', 'tmp', 'aria2']);
// `movie-sample.mkv`, `movie.sample.mkv`, `movie - sample.mkv`, `sample.mkv`, `sample-grp-movie.mkv` (scene samples).
const SAMPLE_STEM_RE = /(?:^|[-._]|\s-\s)sample\d{0,2}$|^sample[-_]/i;

/** Why a folder is skipped, or null when the scanner should enter it. */
export function ignoredDirReason(name: string): string | null {
  if (name === '.' || name === '..' || name.length === 0) return null;
  const lower = name.toLowerCase();
  if (SAMPLE_DIRS.has(lower)) return 'sample';
  if (lower.charCodeAt(0) === 46) return SYSTEM_DOT_DIR_RE.test(lower) ? 'system folder' : 'hidden folder';
  if (SYSTEM_DIRS.has(lower)) return 'system folder';
  return null;
}

/** Why a file is never media, or null. */
export function ignoredFileReason(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.startsWith('._')) return 'appledouble';
  if (name.charCodeAt(0) === 46) return 'dotfile';
  if (name.length <= 17 && SYSTEM_FILES.has(name.toLowerCase())) return 'system file';
  if (PARTIAL_EXTENSIONS.has(extensionOf(name))) return 'partial download';
  if (SAMPLE_STEM_RE.test(stemOf(name))) return 'sample';
  return null;
}

export function isIgnoredDirName(name: string): boolean {
  return ignoredDirReason(name) !== null;
}

export function isIgnoredFileName(name: string): boolean {
  return ignoredFileReason(name) !== null;
}
