// Zod schemas of what clients send to /api/v1: the server validates every request body with these.
import { z } from 'zod';

export const searchQuery = z.object({ q: z.string().trim().min(1).max(200) });

export const libraryType = z.enum(['movies', 'shows', 'mixed']);

export const addLibraryBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  type: libraryType,
  paths: z.array(z.string().min(1).max(4096)).min(1).max(50),
  /** Network shares are polled at this interval instead of watched (minutes, 0 = never). */
  pollMinutes: z.number().int().min(0).max(24 * 60).optional(),
});

export const scanBody = z
  .object({
    probe: z.boolean().optional(),
    /** Re-read every file even when size and mtime are unchanged. */
    full: z.boolean().optional(),
  })
  .strict();

/** What the browser told us it can decode (from MediaSource.isTypeSupported / canPlayType). */
export const clientCapabilities = z.object({
  /** Containers the <video> element plays directly: mp4, webm, … */
  containers: z.array(z.enum(['mp4', 'webm', 'mkv', 'mov', 'ogg', 'ts'])).max(10),
  videoCodecs: z.array(z.enum(['h264', 'hevc', 'vp8', 'vp9', 'av1'])).max(10),
  audioCodecs: z.array(z.enum(['aac', 'mp3', 'opus', 'vorbis', 'flac', 'ac3', 'eac3', 'dts', 'truehd', 'pcm'])).max(12),
  /** hls.js (MSE) or native HLS is available. */
  hls: z.boolean(),
  /** The tallest picture worth sending (the screen's height); taller is scaled down by a transcode. */
  maxHeight: z.number().int().min(144).max(4320).optional(),
  /** The most the link or the decoder takes; a file above it is transcoded under it. */
  maxBitrateKbps: z.number().int().min(200).max(400_000).optional(),
  /** Channels the output takes (2 = stereo, 6 = 5.1); AAC keeps 5.1 when this allows it. Default 2. */
  maxAudioChannels: z.number().int().min(1).max(8).optional(),
  /** The display shows HDR: an HDR video is then not tone-mapped. */
  hdr: z.boolean().optional(),
});

export const playMethodForce = z.enum(['remux', 'transcode']);

const streamIndex = z.number().int().min(0).max(10_000);

export const startPlaybackBody = z
  .object({
    /** One file; or `itemId` and the server picks the version (and joins stacked parts). */
    fileId: z.string().min(1).max(64).optional(),
    itemId: z.string().min(1).max(64).optional(),
    capabilities: clientCapabilities,
    /** The `index` of an audio stream of the file as GET /items/:id lists it. */
    audioStream: streamIndex.optional(),
    /** The `index` of a subtitle stream (embedded or sidecar); null = none. Picture subtitles are burned in. */
    subtitleStream: streamIndex.nullable().optional(),
    startSeconds: z.number().min(0).max(1e6).optional(),
    forceMethod: playMethodForce.optional(),
  })
  .refine((b) => (b.fileId === undefined) !== (b.itemId === undefined), { message: 'give exactly one of fileId and itemId' });

export const progressBody = z.object({
  positionSeconds: z.number().min(0).max(1e7),
  played: z.boolean().optional(),
});

export const segmentKind = z.enum(['intro', 'recap', 'credits', 'preview']);

/** A segment the user marks or corrects from the player (PUT /api/v1/items/:id/segments/:kind). */
export const userSegmentBody = z
  .strictObject({
    startSeconds: z.number().min(0).max(1e6),
    endSeconds: z.number().min(0).max(1e6),
  })
  .refine((b) => b.endSeconds - b.startSeconds >= 1, { message: 'endSeconds must be at least one second after startSeconds', path: ['endSeconds'] });

export type LibraryType = z.infer<typeof libraryType>;
export type AddLibraryBody = z.infer<typeof addLibraryBody>;
export type ScanBody = z.infer<typeof scanBody>;
export type ClientCapabilities = z.infer<typeof clientCapabilities>;
export type StartPlaybackBody = z.infer<typeof startPlaybackBody>;
export type ForcedPlayMethod = z.infer<typeof playMethodForce>;
export type ProgressBody = z.infer<typeof progressBody>;

/** GET /api/v1/items/:id/match: `q` is a title, or a pasted id (digits or `tmdb-…` for TMDB, `tt…` for IMDb). */
export const matchQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, 'a four-digit year')
    .transform(Number)
    .refine((y) => y >= 1870 && y <= 2200, 'a year from 1870 to 2200')
    .optional(),
});

/** POST /api/v1/items/:id/match: the candidate chosen; the choice locks the item. */
export const matchBody = z.strictObject({
  provider: z.literal('tmdb'),
  id: z.string().regex(/^\d{1,10}$/, 'a TMDB id: digits'),
  replaceImages: z.boolean().optional(),
});

export type MatchQuery = z.infer<typeof matchQuery>;
export type MatchBody = z.infer<typeof matchBody>;
export type UserSegmentBody = z.infer<typeof userSegmentBody>;
