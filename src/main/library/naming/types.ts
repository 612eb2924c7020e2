// The public shapes the naming rules hand to the scanner, the CLI and the sidecar matcher.

export type LibraryType = 'movies' | 'shows' | 'mixed';

export type ExtraType =
  | 'trailer'
  | 'featurette'
  | 'behindthescenes'
  | 'deletedscene'
  | 'interview'
  | 'scene'
  | 'short'
  | 'clip'
  | 'extra';

export interface ProviderIds {
  imdb?: string;
  tmdb?: string;
  tvdb?: string;
}

export type Identification =
  | {
      kind: 'movie';
      title: string;
      year?: number;
      part?: number;
      edition?: string;
      is3d?: boolean;
      providerIds: ProviderIds;
      /** relative path of the movie's own folder when the movie lives in one (folder name matches, or the folder holds only this movie); null for a loose file among others */
      movieFolder: string | null;
    }
  | {
      kind: 'episode';
      series: string;
      seriesYear?: number;
      seriesFolder: string;
      /** relative path of the season folder the episode sits in, when that folder's season is the episode's */
      seasonFolder?: string;
      season?: number;
      episode?: number;
      episodeEnd?: number;
      /** YYYY-MM-DD */
      airDate?: string;
      /** episode title from the file name */
      title?: string;
      providerIds: ProviderIds;
    }
  | { kind: 'extra'; extraType: ExtraType; title: string; owner: string }
  | { kind: 'ignored'; reason: string };

export type SubtitleFormat = 'srt' | 'ass' | 'ssa' | 'vtt' | 'sup' | 'sub' | 'idx' | 'smi';

export interface SidecarSubtitle {
  language?: string;
  forced: boolean;
  sdh: boolean;
  default: boolean;
  format: SubtitleFormat;
  title?: string;
}

export type ArtworkKind = 'poster' | 'backdrop' | 'thumb' | 'logo' | 'banner' | 'clearart' | 'disc';

export interface ArtworkMatch {
  kind: ArtworkKind;
  season?: number;
  scope: 'folder' | 'file';
}
