// Movies: title, year, part, edition and 3D from the file name, and whether the folder around it is the movie's own.

import type { Identification } from './types';
import { PART_FOLDER_RE, isGenericFolder } from './tokens';
import { parseFolderName, parseName, sameTitle, type NameInfo } from './title';

type Movie = Extract<Identification, { kind: 'movie' }>;

const DISC_FOLDER_RE = /^(?:bdmv|video_ts|hvdvd_ts|audio_ts)$/i;
// File names that say nothing about the film: the folder has to name it.
const GENERIC_FILE_RE = /^(?:movie|film|video|main|feature|title\s?\d{0,2}|\d{1,5}|vts_\d\d_\d|video_ts)$/i;

function build(info: NameInfo, movieFolder: string | null, part: number | undefined): Movie {
  const movie: Movie = { kind: 'movie', title: info.title, providerIds: { ...info.ids }, movieFolder };
  if (info.year !== undefined) movie.year = info.year;
  const p = part ?? info.part;
  if (p !== undefined) movie.part = p;
  if (info.edition !== undefined) movie.edition = info.edition;
  if (info.is3d) movie.is3d = true;
  return movie;
}

/** The folder's idea of the movie, filled in with what only the file name says (part, edition, 3D, ids). */
function fromFolder(folder: NameInfo, file: NameInfo): NameInfo {
  const merged: NameInfo = { ...folder, ids: { ...folder.ids, ...file.ids }, is3d: folder.is3d || file.is3d };
  if (merged.year === undefined && file.year !== undefined) merged.year = file.year;
  if (file.edition !== undefined) merged.edition = file.edition;
  if (file.part !== undefined) merged.part = file.part;
  return merged;
}

// What may follow the folder's name in a version's file name: ` - label`, `-label`, `_label`, ` [label]`.
const VERSION_SEP_RE = /^(?:\s+-\s+|\s*[-_[])/;

/**
 * `Folder/Folder - 1080p.mkv`, `Folder/Folder_4K.mkv`, `Movie (2020)/Movie (2020).UHD.mkv`: the folder's name, then a label —
 * a version of the folder's film, whatever the label says. A year of its own (`Iron Man - B (2006)`) makes it another film.
 */
function isVersion(ownerName: string, folder: NameInfo, stem: string, file: NameInfo): boolean {
  if (file.year !== undefined && file.year !== folder.year) return false;
  const lower = stem.toLowerCase();
  for (const prefix of [ownerName, folder.title]) {
    if (prefix.length === 0 || !lower.startsWith(prefix.toLowerCase())) continue;
    const rest = stem.slice(prefix.length);
    // A dot is a separator only after a year: `Alien.Resurrection` is another title.
    if (VERSION_SEP_RE.test(rest) || (folder.year !== undefined && rest.charCodeAt(0) === 46)) return true;
  }
  return false;
}

function sameMovie(folder: NameInfo, file: NameInfo): boolean {
  if (folder.year !== undefined && file.year !== undefined && folder.year !== file.year) return false;
  return sameTitle(folder.title, file.title);
}

/**
 * Which name wins and whether the parent folder is the movie's own.
 * - A disc structure (`BDMV`, `VIDEO_TS`) belongs to the folder above it, which names the movie.
 * - The parent folder is the movie's own when it names the same movie, or when it is a non-generic folder whose
 *   name does not contradict the file (a folder without a year around a file with one is a collection or category).
 * - Within its own folder the folder name wins unless the file name is the better one (it has the year the folder lacks).
 */
export function identifyMovie(dirs: readonly string[], stem: string): Movie {
  const file = parseName(stem);

  const disc = dirs.findIndex((d) => DISC_FOLDER_RE.test(d));
  let ownerIdx = disc >= 0 ? disc - 1 : dirs.length - 1;
  let folderPart: number | undefined;
  const partFolder = ownerIdx >= 0 ? PART_FOLDER_RE.exec(dirs[ownerIdx] as string) : null;
  if (partFolder?.[1] !== undefined) {
    folderPart = Number(partFolder[1]) || undefined;
    ownerIdx--;
  }
  if (ownerIdx < 0) return build(file, null, folderPart ?? file.part);
  const ownerName = dirs[ownerIdx] as string;
  const ownerPath = dirs.slice(0, ownerIdx + 1).join('/');
  if (isGenericFolder(ownerName)) return build(file, null, folderPart ?? file.part);
  const folder = parseFolderName(ownerName);

  if (disc >= 0 || sameMovie(folder, file) || GENERIC_FILE_RE.test(stem.trim()) || isVersion(ownerName, folder, stem, file)) {
    return build(fromFolder(folder, file), ownerPath, folderPart ?? file.part);
  }
  if (file.year !== undefined && folder.year !== file.year) {
    // "Alien Collection/Alien (1979).mkv", "Quadrilogy (2003)/Aliens (1986).mkv": a folder of several films.
    return build(file, null, folderPart ?? file.part);
  }
  // Own folder. The folder names the film when it has the year, or when the file is a scene name and the folder is not.
  const folderWins = folder.year !== undefined || (file.hasJunk && !folder.hasJunk);
  return build(folderWins ? fromFolder(folder, file) : file, ownerPath, folderPart ?? file.part);
}
