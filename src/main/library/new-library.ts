// What a library added by the user starts as, the same from the API, `library add` and `scan --library`.
import type { LibraryStore } from '../db/library-store';
import type { LibraryType } from './naming';
import { isNetworkPath } from './network';

/** Shares are polled hourly unless the user says otherwise; local disks are watched. */
const DEFAULT_POLL_MINUTES = 60;

export function newLibrary(req: { type: LibraryType; paths: readonly string[]; name?: string | undefined; pollMinutes?: number | undefined }): Parameters<LibraryStore['addLibrary']>[0] {
  return {
    name: req.name ?? libraryName(req.paths[0] ?? ''),
    type: req.type,
    paths: req.paths.map((path) => ({ path, isNetwork: isNetworkPath(path) })),
    pollMinutes: req.pollMinutes ?? DEFAULT_POLL_MINUTES,
  };
}

/** A library is named after its first folder unless the user names it. */
export function libraryName(folder: string): string {
  return folder.split(/[\\/]/).filter(Boolean).pop() || 'Library';
}
