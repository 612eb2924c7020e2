// The scanner's entry point: one relative path in, one identification out — ignored, extra, episode or movie.

import type { Identification, LibraryType } from './types';
import { ignoredDirReason, ignoredFileReason } from './ignore';
import { detectExtra } from './extras';
import { identifyEpisode, looksEpisodic } from './episode';
import { identifyMovie } from './movie';
import { stemOf } from './tokens';

function identifyInner(relPath: string, type: LibraryType): Identification {
  let segments = relPath.split('/');
  if (segments.some((s) => s.length === 0 || s === '.')) segments = segments.filter((s) => s.length > 0 && s !== '.');
  const file = segments.pop();
  if (file === undefined) return { kind: 'ignored', reason: 'empty path' };
  for (const dir of segments) {
    const reason = ignoredDirReason(dir);
    if (reason) return { kind: 'ignored', reason };
  }
  const fileReason = ignoredFileReason(file);
  if (fileReason) return { kind: 'ignored', reason: fileReason };

  const stem = stemOf(file) || file;
  const extra = detectExtra(segments, stem);
  if (extra) return extra;
  if (type === 'shows' || (type === 'mixed' && looksEpisodic(segments, stem))) return identifyEpisode(segments, stem, type);
  return identifyMovie(segments, stem);
}

/**
 * Identify a video from its path relative to the library root ('/'-separated). Never throws: a parser bug on
 * some odd name degrades to a plain movie named after the file rather than stopping a scan.
 */
export function identify(relPath: string, type: LibraryType): Identification {
  try {
    return identifyInner(typeof relPath === 'string' ? relPath : String(relPath), type);
  } catch {
    const name = String(relPath).split('/').pop() || String(relPath) || 'Unknown';
    return { kind: 'movie', title: name, providerIds: {}, movieFolder: null };
  }
}
