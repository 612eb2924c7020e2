// Extras: trailers, featurettes, deleted scenes … recognised by their folder or by a suffix on the file name.

import type { ExtraType, Identification } from './types';
import { isGenericFolder } from './tokens';
import { parseName } from './title';

type Extra = Extract<Identification, { kind: 'extra' }>;

const FOLDER_TYPES: ReadonlyMap<string, ExtraType> = new Map<string, ExtraType>([
  ['trailers', 'trailer'], ['trailer', 'trailer'],
  ['featurettes', 'featurette'], ['featurette', 'featurette'],
  ['behind the scenes', 'behindthescenes'], ['behindthescenes', 'behindthescenes'], ['making of', 'behindthescenes'],
  ['deleted scenes', 'deletedscene'], ['deletedscenes', 'deletedscene'],
  ['interviews', 'interview'], ['interview', 'interview'],
  ['scenes', 'scene'], ['scene', 'scene'],
  ['shorts', 'short'], ['short', 'short'],
  ['clips', 'clip'], ['clip', 'clip'],
  ['other', 'extra'], ['extras', 'extra'], ['extra', 'extra'], ['bonus', 'extra'],
  ['bonus features', 'extra'], ['backdrops', 'extra'],
]);

const SUFFIX_TYPES: ReadonlyMap<string, ExtraType> = new Map<string, ExtraType>([
  ['trailer', 'trailer'], ['behindthescenes', 'behindthescenes'], ['deleted', 'deletedscene'], ['deletedscene', 'deletedscene'],
  ['featurette', 'featurette'], ['interview', 'interview'], ['scene', 'scene'], ['short', 'short'], ['clip', 'clip'],
  ['other', 'extra'], ['extra', 'extra'],
]);

const LABELS: Readonly<Record<ExtraType, string>> = {
  trailer: 'Trailer',
  featurette: 'Featurette',
  behindthescenes: 'Behind the Scenes',
  deletedscene: 'Deleted Scene',
  interview: 'Interview',
  scene: 'Scene',
  short: 'Short',
  clip: 'Clip',
  extra: 'Extra',
};

const FOLDER_KEY_SEP_RE = /[\s._-]+/g;
// Only the trailer suffix may use `.`/`_` (Jellyfin); all others are `-`. A number may follow: `-trailer2`.
const SUFFIX_RE = /^(.*?)(?:\s?[-._]\s?(trailer)|-(behindthescenes|deletedscene|deleted|featurette|interview|scene|short|clip|other|extra))\d{0,2}$/i;
// `…x264-SHORT` is a release group called SHORT, not a short.
const ENDS_WITH_JUNK_RE = /(?:x26[45]|h\.?26[45]|hevc|xvid|divx|avc|av1|web-?dl|web-?rip|bluray|bdrip|brrip|hdtv|dvdrip|\d{3,4}p|aac|ac3|dts|10bit)$/i;
// Kodi's names for the one trailer of the movie in the folder.
const KODI_TRAILER_RE = /^(?:movie-)?trailer\d{0,2}$/i;

function folderType(name: string): ExtraType | undefined {
  return FOLDER_TYPES.get(name.toLowerCase().replace(FOLDER_KEY_SEP_RE, ' ').trim());
}

function extraTitle(stem: string): string {
  const cleaned = parseName(stem).title;
  return cleaned || stem || 'Extra';
}

/**
 * An extra by folder (`Movie (2000)/Trailers/x.mkv`) or by name (`Movie (2000)-trailer.mkv`, Kodi `trailer.mkv`).
 * An extras folder needs a real owner above it: at the library root or under a generic container (`Movies/Shorts/`)
 * it is a category, and as the series folder of a show (`Extras/Season 1/…`) it is a title.
 */
export function detectExtra(dirs: readonly string[], stem: string): Extra | null {
  let outer = -1;
  let type: ExtraType | undefined;
  for (let i = 1; i < dirs.length; i++) {
    const t = folderType(dirs[i] as string);
    if (t === undefined) continue;
    if (outer < 0) {
      if (isGenericFolder(dirs[i - 1] as string)) continue;
      outer = i;
    }
    type = t;
  }
  if (outer >= 0 && type !== undefined) {
    const m = SUFFIX_RE.exec(stem);
    const base = m?.[1] && !ENDS_WITH_JUNK_RE.test(m[1]) ? m[1] : stem;
    return { kind: 'extra', extraType: type, title: extraTitle(base), owner: dirs.slice(0, outer).join('/') };
  }

  const folder = dirs.join('/');
  if (KODI_TRAILER_RE.test(stem)) return { kind: 'extra', extraType: 'trailer', title: LABELS.trailer, owner: folder };

  const m = SUFFIX_RE.exec(stem);
  if (!m) return null;
  const word = (m[2] ?? m[3] ?? '').toLowerCase();
  const suffixType = SUFFIX_TYPES.get(word);
  const base = (m[1] ?? '').trim();
  if (suffixType === undefined || ENDS_WITH_JUNK_RE.test(base)) return null;
  if (!base) return { kind: 'extra', extraType: suffixType, title: LABELS[suffixType], owner: folder };
  return {
    kind: 'extra',
    extraType: suffixType,
    title: `${parseName(base).title} - ${LABELS[suffixType]}`,
    owner: folder ? `${folder}/${m[1] ?? ''}` : (m[1] ?? ''),
  };
}
