// The JSON contract of /api/v1: response types used by the server's routes and the renderer's client alike,
// and the request types (their zod schemas live in api-schemas.ts, so the UI bundle carries no zod). Pure: no Node, no DOM.
import type { LibraryType } from './api-schemas';
import type { FieldError, Settings } from './settings';
import type { HomeRowKind } from './home-rows';

export const API_PREFIX = '/api/v1';

export type { AddLibraryBody, ClientCapabilities, ForcedPlayMethod, LibraryType, MatchBody, MatchQuery, ProgressBody, ScanBody, StartPlaybackBody, UserSegmentBody } from './api-schemas';

export type Id = string;

export interface ApiErrorBody {
  /** `fields` lists every bad field of a request body, not only the first. */
  error: { code: string; message: string; fields?: FieldError[] };
}

// ── Catalogue ────────────────────────────────────────────────────────────────

export type TopKind = 'movie' | 'series';
export type ItemKind = TopKind | 'season' | 'episode' | 'extra';

export interface RatingsSummary {
  imdb?: number;
  metascore?: number;
}

/**
 * Online metadata of a title: `local` (no provider enabled), `waiting` (not fetched yet, or the provider
 * unreachable: retried later), `matched`, `needs-match` (no candidate was sure enough), `locked` (chosen by hand).
 */
export type MetadataState = 'local' | 'waiting' | 'matched' | 'needs-match' | 'locked';

/** A trailer or clip on a video site, opened in the user's browser (never embedded). */
export interface TrailerLink {
  name: string;
  kind: 'trailer' | 'teaser' | 'clip' | 'featurette';
  site: 'youtube' | 'vimeo';
  url: string;
}

/** One line of the library grid: light enough that 20,000 of them load at once. */
export interface ItemSummary {
  id: Id;
  kind: TopKind;
  title: string;
  /** Key to sort by title (articles moved off, numbers padded). */
  sortKey: string;
  year: number | null;
  genres: string[];
  ratings: RatingsSummary;
  /** Audio languages (ISO 639-2/B). */
  languages: string[];
  contentRating: string | null;
  runtimeMinutes: number | null;
  /** ISO 8601. */
  addedAt: string;
  /** URL of the poster under /img, or null when the title has none. */
  poster: string | null;
  /** A colour (#rrggbb) to paint before the poster loads. */
  placeholder: string | null;
  watched: boolean;
  /** Every file of it is gone from disk (kept so history is not lost at once). */
  missing: boolean;
  /** Series only: how many episodes exist on disk. */
  episodeCount?: number;
  metadataState: MetadataState;
  // Compact fields for the library's filters: left out when empty, so 20,000 titles stay small.
  /** Only when it differs from the title. */
  originalTitle?: string;
  /** Subtitle languages (ISO 639-2/B), sidecars included. */
  subtitleLanguages?: string[];
  /** The language it was made in (ISO 639-2/B): the first audio track of its main file, which releases put first. */
  originalLanguage?: string;
  /** Of the best video stream. */
  resolution?: Resolution;
  hdr?: true;
  /** Started and not finished (a movie with a position; a series with some episodes watched). */
  inProgress?: true;
  /** Indexes into ItemsResponse.people: the first billed actors, then directors and writers. */
  people?: number[];
}

export type Resolution = 'sd' | 'hd' | '4k';

export interface PersonRef {
  id: Id;
  name: string;
}

export interface ItemsResponse {
  items: ItemSummary[];
  /** The people that summaries name by index, each once. */
  people: PersonRef[];
}

export interface Rating {
  source: string;
  value: number;
  max: number;
  votes: number | null;
}

export type CreditRole = 'actor' | 'director' | 'writer' | 'producer' | 'composer' | 'guest';

export interface Credit {
  personId: Id;
  name: string;
  role: CreditRole;
  /** Actor's character, or a job title. */
  character: string | null;
  order: number;
  photo: string | null;
}

export interface Images {
  poster: string | null;
  backdrop: string | null;
  thumb: string | null;
  logo: string | null;
  banner: string | null;
}

export type StreamType = 'video' | 'audio' | 'subtitle';

export interface MediaStream {
  index: number;
  type: StreamType;
  codec: string;
  profile: string | null;
  language: string | null;
  title: string | null;
  isDefault: boolean;
  isForced: boolean;
  /** A sidecar file next to the video, rather than a track inside it. */
  isExternal: boolean;
  isHearingImpaired: boolean;
  width: number | null;
  height: number | null;
  fps: number | null;
  bitDepth: number | null;
  level: number | null;
  hdr: string | null;
  channels: number | null;
  channelLayout: string | null;
  sampleRate: number | null;
  bitrate: number | null;
}

export interface Chapter {
  start: number;
  end: number;
  title: string | null;
}

/** What a stretch of an episode or film is, for the player's Skip buttons and the next-episode card. */
export type SegmentKind = 'intro' | 'recap' | 'credits' | 'preview';
/** How it was found; `user` was marked by someone from the player and outlives every rescan. */
export type SegmentSource = 'chapter' | 'fingerprint' | 'black-frames' | 'user';

export interface MediaSegment {
  kind: SegmentKind;
  startSeconds: number;
  endSeconds: number;
  source: SegmentSource;
}

export type ProbeState = 'pending' | 'ok' | 'failed';

export interface MediaFile {
  id: Id;
  /** File name only: clients never see or send paths. */
  name: string;
  part: number | null;
  edition: string | null;
  container: string | null;
  sizeBytes: number;
  durationSeconds: number | null;
  bitrate: number | null;
  probe: ProbeState;
  probeError: string | null;
  missing: boolean;
  streams: MediaStream[];
  chapters: Chapter[];
}

export interface UserData {
  positionSeconds: number;
  played: boolean;
  playCount: number;
  lastPlayedAt: string | null;
  favourite: boolean;
}

export interface ExtraSummary {
  id: Id;
  title: string;
  extraType: string;
  durationSeconds: number | null;
  fileId: Id | null;
  thumb: string | null;
}

export interface EpisodeSummary {
  id: Id;
  season: number | null;
  episode: number | null;
  episodeEnd: number | null;
  title: string;
  overview: string | null;
  airDate: string | null;
  runtimeMinutes: number | null;
  /** Seconds: the probed length of its first file (what it plays), null before the probe. The metadata's runtime is often rounded or another cut. */
  durationSeconds?: number | null;
  thumb: string | null;
  placeholder: string | null;
  fileIds: Id[];
  missing: boolean;
  userData: UserData;
}

export interface SeasonDetail {
  id: Id;
  number: number | null;
  title: string;
  overview: string | null;
  poster: string | null;
  episodes: EpisodeSummary[];
}

export interface ItemDetail {
  id: Id;
  kind: ItemKind;
  title: string;
  originalTitle: string | null;
  sortKey: string;
  year: number | null;
  premiered: string | null;
  overview: string | null;
  tagline: string | null;
  runtimeMinutes: number | null;
  contentRating: string | null;
  status: string | null;
  ratings: Rating[];
  genres: string[];
  tags: string[];
  studios: string[];
  countries: string[];
  collection: string | null;
  providerIds: Record<string, string>;
  credits: Credit[];
  extras: ExtraSummary[];
  images: Images;
  placeholder: string | null;
  files: MediaFile[];
  /** Series only. */
  seasons?: SeasonDetail[];
  /** Episodes only. */
  seriesId?: Id;
  seasonNumber?: number | null;
  episodeNumber?: number | null;
  addedAt: string;
  missing: boolean;
  userData: UserData;
  /** Movies and series: titles like this one, best first, each saying why. */
  related?: RelatedTitle[];
  /** "More with <lead actor>", "More directed by <director>", when the library has them. */
  peopleRows?: PersonRow[];
  /** The other titles of its collection, in release order. */
  collectionItems?: RelatedTitle[];
  /** The collection it belongs to, with its overview and artwork where known (null: none). */
  collectionDetails?: CollectionDetails | null;
  /** Of the title (an episode or season answers for its series). */
  metadataState: MetadataState;
  /** Trailers and clips from the provider, after the local trailers among `extras`. */
  trailers: TrailerLink[];
  /** Episodes and movies: intro, recap, credits and preview, at most one of each kind, in time order. */
  segments?: MediaSegment[];
}

// ── Fix match ───────────────────────────────────────────────────────────────

export interface MatchCandidate {
  provider: 'tmdb';
  /** The provider's id, as a string. */
  id: string;
  kind: TopKind;
  title: string;
  originalTitle: string | null;
  year: number | null;
  overview: string | null;
  /** Through our own /img/ route (the page may load images from our origin only). */
  poster: string | null;
  /** 0..1 by the matching rule; at or above `threshold` it would be taken by itself. */
  score: number;
}

export interface MatchCandidatesResponse {
  itemId: Id;
  state: MetadataState;
  current: { provider: string; id: string } | null;
  threshold: number;
  candidates: MatchCandidate[];
  /** Why there are none, when the provider could not be asked (no key, offline). */
  message: string | null;
}

export interface RelatedTitle {
  id: Id;
  kind: TopKind;
  title: string;
  year: number | null;
  poster: string | null;
  placeholder: string | null;
  /** Why it is here, for people: "Same director: …", "3 actors in common", "Also Sci-Fi · 1980s". */
  because: string[];
}

export interface CollectionDetails {
  id: Id;
  name: string;
  overview: string | null;
  poster: string | null;
  backdrop: string | null;
}

export interface PersonRow {
  role: 'actor' | 'director';
  person: PersonRef;
  title: string;
  items: RelatedTitle[];
}

export interface PersonCredit {
  itemId: Id;
  kind: ItemKind;
  title: string;
  year: number | null;
  role: CreditRole;
  character: string | null;
  poster: string | null;
  placeholder: string | null;
  /** Episodes: the series they belong to. */
  seriesId?: Id;
  seriesTitle?: string;
}

export interface PersonDetail {
  id: Id;
  name: string;
  photo: string | null;
  /** Plain text (shown as text, never as HTML); from TMDB where no local source gave one. */
  biography: string | null;
  /** YYYY-MM-DD. */
  birthday: string | null;
  deathday: string | null;
  placeOfBirth: string | null;
  /** "Acting", "Directing"… as TMDB names it. */
  knownForDepartment: string | null;
  alsoKnownAs: string[];
  credits: PersonCredit[];
}

// ── Home ─────────────────────────────────────────────────────────────────────

/** One card of a home row: a movie or series (poster), or an episode (its thumb, under the series' name). */
export interface HomeCard {
  id: Id;
  kind: ItemKind;
  title: string;
  /** "S1 · E3 · The title", a year, or null. */
  subtitle: string | null;
  year: number | null;
  /** Poster for titles, thumb for episodes. */
  image: string | null;
  placeholder: string | null;
  /** 0..1 of the way through, when started. */
  progress: number | null;
  watched: boolean;
  /** Episodes: their series, whose page the card opens. */
  seriesId?: Id;
  /** What Play starts from the card, when it is playable. */
  fileId?: Id;
  positionSeconds?: number;
}

export interface HomeRow {
  /** Unique on the page: the row kind, or `genre:<name>`, `collection:<id>`. */
  id: string;
  title: string;
  kind: HomeRowKind;
  /** Cards are posters (2:3) or episode stills (16:9). */
  shape: 'poster' | 'still';
  items: HomeCard[];
  /** The library page this row's "See all" opens, as a query, when there is one. */
  libraryQuery?: Record<string, string>;
}

/** One slide of the home slideshow: a newest title with what its slide shows. */
export interface HomeSlide {
  id: Id;
  kind: TopKind;
  title: string;
  year: number | null;
  overview: string | null;
  genres: string[];
  imdb: number | null;
  contentRating: string | null;
  backdrop: string | null;
  logo: string | null;
  placeholder: string | null;
  /** What Play starts: the movie's file, or the series' next episode. */
  play: { itemId: Id; fileId: Id; positionSeconds: number } | null;
}

export interface HomeResponse {
  slides: HomeSlide[];
  rows: HomeRow[];
}

/** A run of a field's text; `hit` runs are what the query's words matched. */
export interface SearchMatchPart {
  text: string;
  hit: boolean;
}

/** Why a result matched when its title alone does not show it (null: the title holds every word). */
export interface SearchMatch {
  field: 'originalTitle' | 'people' | 'overview';
  parts: SearchMatchPart[];
}

export type SearchItemHit = ItemSummary & { match: SearchMatch | null };

export interface SearchResponse {
  query: string;
  movies: SearchItemHit[];
  series: SearchItemHit[];
  episodes: { id: Id; seriesId: Id; title: string; seriesTitle: string; season: number | null; episode: number | null; match: SearchMatch | null }[];
  people: { id: Id; name: string; photo: string | null; credits: number }[];
}


// ── Libraries and scanning ──────────────────────────────────────────────────




export interface LibraryRoot {
  id: Id;
  path: string;
  online: boolean;
  lastError: string | null;
  isNetwork: boolean;
  /** A share's own polling interval (minutes, 0 = never); a local folder is watched and ignores it. */
  pollMinutes: number;
}

export interface Library {
  id: Id;
  name: string;
  type: LibraryType;
  roots: LibraryRoot[];
  /** The interval new roots start at; PATCH { pollMinutes } sets it for every root. Each root has its own. */
  pollMinutes: number;
  lastScanAt: string | null;
  itemCount: number;
}

export interface LibrariesResponse {
  libraries: Library[];
}

/** `metadata`: titles looked up online; `segments`: finding intros and credits season by season (see ScanProgress.segments). */
export type ScanPhase = 'walking' | 'probing' | 'metadata' | 'segments' | 'done' | 'cancelled' | 'failed';

export interface ScanProgress {
  scanId: Id;
  libraryId: Id;
  phase: ScanPhase;
  found: number;
  identified: number;
  probed: number;
  toProbe: number;
  failed: number;
  added: number;
  updated: number;
  removed: number;
  /** Seconds left, when it can be told. */
  etaSeconds: number | null;
  message: string | null;
  /** The metadata phase: titles looked up online so far, of how many. */
  metadataDone?: number;
  metadataTotal?: number;
  /** Phase three: seasons (and films) analysed so far out of those that need it. */
  segments?: { done: number; total: number };
}

export type ServerEvent =
  | { type: 'scan'; progress: ScanProgress }
  | { type: 'library-changed'; libraryId: Id; itemIds: Id[] }
  | { type: 'root-status'; libraryId: Id; rootId: Id; online: boolean }
  | { type: 'settings-changed'; settings: Settings }
  /** A theme file was added, changed or removed: GET /api/v1/themes again. */
  | { type: 'themes-changed' }
  /** A play request waits for a share that is slow to wake (up to 30 s); the player can say so. */
  | { type: 'playback-waiting'; fileId: Id; root: string; waitedSeconds: number };

// ── Playback ────────────────────────────────────────────────────────────────



export type PlayMethod = 'direct' | 'remux' | 'transcode';

/** Why a method was chosen: one code per cause, in a stable order. */
export type PlayReason =
  | 'direct-play'
  | 'container-not-supported'
  | 'video-codec-not-supported'
  | 'video-bit-depth-not-supported'
  | 'audio-codec-not-supported'
  | 'audio-track-not-default'
  | 'subtitle-burn-in'
  | 'resolution-too-high'
  | 'bitrate-too-high'
  | 'hdr-tonemap'
  | 'hls-not-supported'
  | 'forced-by-client'
  /** Parts of one film (cd1, cd2…) joined into one HLS timeline: no single file can play directly. */
  | 'stacked-parts';

export interface AudioTrack {
  /** The stream's `index` in the file (send it back as `audioStream`). */
  stream: number;
  language: string | null;
  title: string | null;
  codec: string;
  channels: number | null;
  isDefault: boolean;
  selected: boolean;
}

export interface SubtitleTrack {
  /** The stream's `index` (send it back as `subtitleStream`). */
  stream: number;
  language: string | null;
  title: string | null;
  codec: string;
  isForced: boolean;
  isDefault: boolean;
  /** Text tracks become WebVTT; picture tracks (PGS, VobSub, DVB) can only be burned in. */
  kind: 'text' | 'picture';
  /** WebVTT on the video's timeline, for every text track; null for picture tracks. */
  url: string | null;
  /** This session paints it into the picture. */
  burnedIn: boolean;
}

export interface TrickplayIndex {
  intervalSeconds: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
  /** Thumbnails in total, over all sheets. */
  count: number;
  /** Sprite-sheet image URLs, in order. */
  sheets: string[];
}

export interface PlaybackSession {
  sessionId: Id;
  method: PlayMethod;
  /** Why this method: machine-readable codes such as `container-not-supported`, `audio-codec-not-supported`. */
  reasons: PlayReason[];
  /** For direct play: the file URL (HTTP Range); for HLS: the VOD playlist, on the file's own timeline. */
  url: string;
  mime: string;
  durationSeconds: number | null;
  /** Where the player should start (the playlist always covers the whole file). */
  startSeconds: number;
  audioTracks: AudioTrack[];
  subtitleTracks: SubtitleTrack[];
  /** The URL of a TrickplayIndex, or null when there are no thumbnails (yet). */
  trickplay: { url: string } | null;
  /** The item's intro, recap, credits and preview, as in GET /api/v1/items/:id (empty when none is known). */
  segments?: MediaSegment[];
}

// ── Server info ─────────────────────────────────────────────────────────────

export interface ServerInfo {
  name: string;
  version: string;
  libraries: number;
  items: number;
}
