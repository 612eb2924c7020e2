// The naming rules' public API: what the scanner, the walker and the CLI import.

import { extensionOf, isImageExtension, isSubtitleExtension, isVideoExtension } from './tokens';

export type {
  ArtworkKind,
  ArtworkMatch,
  ExtraType,
  Identification,
  LibraryType,
  ProviderIds,
  SidecarSubtitle,
  SubtitleFormat,
} from './types';
export { identify } from './identify';
export { isIgnoredDirName, isIgnoredFileName } from './ignore';
export { parseSeasonFolder } from './season';
export { parseSidecarSubtitle, classifyArtwork } from './sidecars';
export { normaliseLanguage } from './languages';
export { sortKey } from './sort';

export function isVideoFile(name: string): boolean {
  return isVideoExtension(extensionOf(name));
}

export function isSubtitleFile(name: string): boolean {
  return isSubtitleExtension(extensionOf(name));
}

export function isImageFile(name: string): boolean {
  return isImageExtension(extensionOf(name));
}

export function isNfoFile(name: string): boolean {
  return extensionOf(name) === 'nfo';
}
