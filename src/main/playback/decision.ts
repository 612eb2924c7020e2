// Decides how a file plays: direct, remux to HLS, or transcode to HLS — a pure function that also says why,
// and what the HLS job must then do with each stream (copy, encode, scale, tone-map, burn in).
import type { ClientCapabilities, ForcedPlayMethod, MediaStream, PlayMethod, PlayReason } from '../../shared/api';

export interface PlayableSource {
  container: string | null;
  streams: MediaStream[];
  /** The whole file's bit rate (bits/s), when the probe knows it. */
  bitrate?: number | null;
}

export interface PlayChoice {
  audioStream?: number | undefined;
  /** null or absent: no subtitle. */
  subtitleStream?: number | null | undefined;
  forceMethod?: ForcedPlayMethod | undefined;
  /** The source is several stacked parts played as one: it needs HLS even when each part would play directly. */
  stacked?: boolean | undefined;
}

export interface EncodeTarget {
  /** Scale down to this height (never up); null keeps the source's. */
  maxHeight: number | null;
  /** Keep the video under this (kbit/s); null = quality-based. */
  maxBitrateKbps: number | null;
  /** HDR in, SDR out (zscale + tonemap). */
  tonemap: boolean;
}

export interface PlayDecision {
  method: PlayMethod;
  reasons: PlayReason[];
  video: MediaStream | null;
  audio: MediaStream | null;
  /** The chosen subtitle, text or picture. */
  subtitle: MediaStream | null;
  /** The chosen subtitle when it must be painted into the picture (picture formats only). */
  burnIn: MediaStream | null;
  videoAction: 'copy' | 'encode' | 'none';
  audioAction: 'copy' | 'encode' | 'none';
  /** Channels of the encoded audio (AAC keeps 5.1 when the client takes it). */
  audioChannels: number;
  encode: EncodeTarget;
}

/** ffprobe codec names → our capability names. */
const VIDEO_CODEC: Record<string, ClientCapabilities['videoCodecs'][number]> = {
  h264: 'h264',
  hevc: 'hevc',
  vp8: 'vp8',
  vp9: 'vp9',
  av1: 'av1',
};
const AUDIO_CODEC: Record<string, ClientCapabilities['audioCodecs'][number]> = {
  aac: 'aac',
  mp3: 'mp3',
  opus: 'opus',
  vorbis: 'vorbis',
  flac: 'flac',
  ac3: 'ac3',
  eac3: 'eac3',
  dts: 'dts',
  truehd: 'truehd',
  pcm_s16le: 'pcm',
  pcm_s24le: 'pcm',
};

/** Subtitle codecs that are pictures: they can only be shown by painting them into the video. */
export const PICTURE_SUBTITLES = new Set(['hdmv_pgs_subtitle', 'pgssub', 'dvd_subtitle', 'dvdsub', 'dvb_subtitle', 'dvbsub', 'xsub']);

export function isPictureSubtitle(stream: Pick<MediaStream, 'codec'>): boolean {
  return PICTURE_SUBTITLES.has(stream.codec);
}

/** Codecs our HLS output (fMP4) can carry without re-encoding, when the browser decodes them too. */
const HLS_VIDEO_COPY = new Set(['h264', 'hevc', 'av1']);
const HLS_AUDIO_COPY = new Set(['aac', 'mp3', 'ac3', 'eac3', 'flac', 'opus']);

/** A 1080p file is often coded 1088 lines high: a few lines over the limit is not "too high". */
const HEIGHT_SLACK = 1.02;

export function pickAudio(streams: MediaStream[], audioIndex?: number): MediaStream | null {
  const audios = streams.filter((s) => s.type === 'audio');
  return (audioIndex !== undefined ? audios.find((s) => s.index === audioIndex) : undefined) ?? audios.find((s) => s.isDefault) ?? audios[0] ?? null;
}

export function decidePlayMethod(source: PlayableSource, caps: ClientCapabilities, choiceOrAudio: PlayChoice | number = {}): PlayDecision {
  const choice: PlayChoice = typeof choiceOrAudio === 'number' ? { audioStream: choiceOrAudio } : choiceOrAudio;
  const reasons: PlayReason[] = [];
  const video = source.streams.find((s) => s.type === 'video') ?? null;
  const audio = pickAudio(source.streams, choice.audioStream);
  const firstAudio = source.streams.find((s) => s.type === 'audio') ?? null;
  const subtitle =
    choice.subtitleStream === null || choice.subtitleStream === undefined
      ? null
      : (source.streams.find((s) => s.type === 'subtitle' && s.index === choice.subtitleStream) ?? null);
  const burnIn = subtitle && isPictureSubtitle(subtitle) ? subtitle : null;

  const containerOk = source.container !== null && (caps.containers as string[]).includes(source.container);
  if (!containerOk) reasons.push('container-not-supported');

  const vCap = video ? VIDEO_CODEC[video.codec] : undefined;
  const videoOk = video === null || (vCap !== undefined && caps.videoCodecs.includes(vCap));
  if (!videoOk) reasons.push('video-codec-not-supported');
  const deepH264 = video !== null && video.bitDepth !== null && video.bitDepth > 8 && video.codec === 'h264';
  if (deepH264) reasons.push('video-bit-depth-not-supported');
  const tooTall = video !== null && caps.maxHeight !== undefined && video.height !== null && video.height > caps.maxHeight * HEIGHT_SLACK;
  if (tooTall) reasons.push('resolution-too-high');
  const tooFat = caps.maxBitrateKbps !== undefined && (source.bitrate ?? 0) > caps.maxBitrateKbps * 1000;
  if (tooFat) reasons.push('bitrate-too-high');
  const tonemap = video !== null && video.hdr !== null && caps.hdr !== true;
  if (tonemap) reasons.push('hdr-tonemap');

  const aCap = audio ? AUDIO_CODEC[audio.codec] : undefined;
  const audioOk = audio === null || (aCap !== undefined && caps.audioCodecs.includes(aCap));
  if (!audioOk) reasons.push('audio-codec-not-supported');
  // A browser plays the first audio track of a file; another track needs the server to pick it.
  const needsTrackSwitch = audio !== null && firstAudio !== null && audio.index !== firstAudio.index;
  if (needsTrackSwitch) reasons.push('audio-track-not-default');
  if (burnIn) reasons.push('subtitle-burn-in');

  const mustEncodeVideo = !videoOk || deepH264 || tooTall || tooFat || tonemap || burnIn !== null;
  const audioChannels = Math.max(1, Math.min(audio?.channels ?? 2, caps.maxAudioChannels ?? 2, 6));
  const encode: EncodeTarget = {
    maxHeight: tooTall ? (caps.maxHeight ?? null) : null,
    maxBitrateKbps: caps.maxBitrateKbps ?? null,
    tonemap,
  };
  const base = { video, audio, subtitle, burnIn, audioChannels, encode };

  const directOk = !mustEncodeVideo && containerOk && audioOk && !needsTrackSwitch && choice.stacked !== true;
  if (choice.stacked === true) reasons.push('stacked-parts');
  if (directOk && choice.forceMethod === undefined) {
    return { ...base, method: 'direct', reasons: reasons.length ? reasons : ['direct-play'], videoAction: video ? 'copy' : 'none', audioAction: audio ? 'copy' : 'none' };
  }
  if (!caps.hls) reasons.push('hls-not-supported');
  const copyVideo = !mustEncodeVideo && video !== null && HLS_VIDEO_COPY.has(video.codec) && choice.forceMethod !== 'transcode' && caps.hls;
  const videoAction: PlayDecision['videoAction'] = !video ? 'none' : copyVideo ? 'copy' : 'encode';
  const audioAction: PlayDecision['audioAction'] = !audio ? 'none' : audioOk && HLS_AUDIO_COPY.has(audio.codec) && videoAction === 'copy' ? 'copy' : 'encode';
  const method: PlayMethod = videoAction === 'encode' ? 'transcode' : 'remux';
  // Said only when the client's wish changed the outcome.
  if (choice.forceMethod !== undefined && (directOk || (choice.forceMethod === 'transcode' && !mustEncodeVideo && caps.hls))) reasons.push('forced-by-client');
  return { ...base, method, reasons, videoAction, audioAction };
}

/** Settings › Playback › quality cap as a height in lines; null for `original`. */
export function qualityCapHeight(cap: string): number | null {
  const m = /^(\d{3,4})p$/.exec(cap);
  return m ? Number(m[1]) : null;
}

/**
 * The family's quality cap bounds what a transcode makes, over whatever the client asked (its maxHeight).
 * Direct play and remux copy the picture as it is: they are never capped.
 */
export function applyQualityCap(decision: PlayDecision, capHeight: number | null): PlayDecision {
  if (capHeight === null || decision.method !== 'transcode' || decision.videoAction !== 'encode') return decision;
  const source = decision.video?.height ?? null;
  if (source !== null && source <= capHeight * HEIGHT_SLACK) return decision;
  const maxHeight = decision.encode.maxHeight === null ? capHeight : Math.min(decision.encode.maxHeight, capHeight);
  return { ...decision, encode: { ...decision.encode, maxHeight } };
}
