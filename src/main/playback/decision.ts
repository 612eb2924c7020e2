// Decides how a file plays: direct, remux to HLS, or transcode to HLS — a pure function that also says why.
import type { ClientCapabilities, MediaStream, PlayMethod } from '../../shared/api';

export interface PlayableSource {
  container: string | null;
  streams: MediaStream[];
}

export interface PlayDecision {
  method: PlayMethod;
  reasons: string[];
  video: MediaStream | null;
  audio: MediaStream | null;
  /** What the HLS job must do with each stream. */
  videoAction: 'copy' | 'encode' | 'none';
  audioAction: 'copy' | 'encode' | 'none';
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

/** Codecs our HLS output (fMP4) can carry without re-encoding, when the browser decodes them too. */
const HLS_VIDEO_COPY = new Set(['h264', 'hevc', 'av1']);
const HLS_AUDIO_COPY = new Set(['aac', 'mp3', 'ac3', 'eac3', 'flac', 'opus']);

export function decidePlayMethod(source: PlayableSource, caps: ClientCapabilities, audioIndex?: number): PlayDecision {
  const reasons: string[] = [];
  const video = source.streams.find((s) => s.type === 'video') ?? null;
  const audios = source.streams.filter((s) => s.type === 'audio');
  const audio =
    (audioIndex !== undefined ? audios.find((s) => s.index === audioIndex) : undefined) ??
    audios.find((s) => s.isDefault) ??
    audios[0] ??
    null;
  const firstAudio = audios[0] ?? null;

  const container = source.container;
  const containerOk = container !== null && (caps.containers as string[]).includes(container);
  if (!containerOk) reasons.push('container-not-supported');

  const vCap = video ? VIDEO_CODEC[video.codec] : undefined;
  const videoOk = video === null || (vCap !== undefined && caps.videoCodecs.includes(vCap));
  if (!videoOk) reasons.push('video-codec-not-supported');
  if (video && video.bitDepth !== null && video.bitDepth > 8 && video.codec === 'h264') reasons.push('video-bit-depth-not-supported');

  const aCap = audio ? AUDIO_CODEC[audio.codec] : undefined;
  const audioOk = audio === null || (aCap !== undefined && caps.audioCodecs.includes(aCap));
  if (!audioOk) reasons.push('audio-codec-not-supported');
  // A browser plays the first audio track of a file; another track needs the server to pick it.
  const needsTrackSwitch = audio !== null && firstAudio !== null && audio.index !== firstAudio.index;
  if (needsTrackSwitch) reasons.push('audio-track-not-default');

  const videoEncode = !videoOk || reasons.includes('video-bit-depth-not-supported');
  if (!videoEncode && containerOk && audioOk && !needsTrackSwitch) {
    return { method: 'direct', reasons: reasons.length ? reasons : ['direct-play'], video, audio, videoAction: video ? 'copy' : 'none', audioAction: audio ? 'copy' : 'none' };
  }
  if (!caps.hls) {
    return { method: 'transcode', reasons: [...reasons, 'hls-not-supported'], video, audio, videoAction: 'encode', audioAction: 'encode' };
  }
  const videoAction: PlayDecision['videoAction'] = !video ? 'none' : !videoEncode && HLS_VIDEO_COPY.has(video.codec) ? 'copy' : 'encode';
  const audioAction: PlayDecision['audioAction'] = !audio ? 'none' : audioOk && HLS_AUDIO_COPY.has(audio.codec) ? 'copy' : 'encode';
  if (videoAction === 'encode') {
    return { method: 'transcode', reasons, video, audio, videoAction, audioAction };
  }
  return { method: 'remux', reasons, video, audio, videoAction, audioAction };
}
