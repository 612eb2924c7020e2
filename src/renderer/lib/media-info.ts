// Summaries of a file's streams for the technical details and the audio picker.
import type { MediaFile, MediaStream } from '../../shared/api';
import { audioTrackLabel, channelLabel, codecLabel, languageName, resolutionLabel } from './format';

export interface StreamLine {
  index: number;
  label: string;
  isDefault: boolean;
}

export function videoStreamOf(file: MediaFile): MediaStream | undefined {
  return file.streams.find((stream) => stream.type === 'video');
}

export function audioStreamsOf(file: MediaFile): MediaStream[] {
  return file.streams.filter((stream) => stream.type === 'audio');
}

/** "H.264 · 1080p (1920×1080) · HDR10 · 23.976 fps" */
export function videoSummary(stream: MediaStream): string {
  const parts = [codecLabel(stream.codec)];
  const resolution = resolutionLabel(stream.width, stream.height);
  if (resolution && stream.width && stream.height) parts.push(`${resolution} (${stream.width}×${stream.height})`);
  if (stream.hdr) parts.push(stream.hdr);
  if (stream.bitDepth && stream.bitDepth > 8) parts.push(`${stream.bitDepth}-bit`);
  if (stream.fps) parts.push(`${Number(stream.fps.toFixed(3))} fps`);
  return parts.join(' · ');
}

export function audioLines(file: MediaFile): StreamLine[] {
  return audioStreamsOf(file).map((stream, position) => ({
    index: stream.index,
    label: audioTrackLabel(stream, position),
    isDefault: stream.isDefault,
  }));
}

export function subtitleLines(file: MediaFile): StreamLine[] {
  return file.streams
    .filter((stream) => stream.type === 'subtitle')
    .map((stream, position) => {
      const flags: string[] = [];
      if (stream.isForced) flags.push('forced');
      if (stream.isHearingImpaired) flags.push('SDH');
      if (stream.isExternal) flags.push('external');
      const name = languageName(stream.language) ?? stream.title ?? `Subtitles ${position + 1}`;
      return {
        index: stream.index,
        label: `${name} · ${codecLabel(stream.codec)}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`,
        isDefault: stream.isDefault,
      };
    });
}

/** The audio track playback starts with: the file's default, else its first. */
export function defaultAudioIndex(file: MediaFile): number | null {
  const audio = audioStreamsOf(file);
  return (audio.find((stream) => stream.isDefault) ?? audio[0])?.index ?? null;
}

/** A short name for one version of a title: "4K HDR10", "Director's Cut · 1080p", "Part 2". */
export function fileLabel(file: MediaFile): string {
  const parts: string[] = [];
  if (file.edition) parts.push(file.edition);
  if (file.part !== null) parts.push(`Part ${file.part}`);
  const video = videoStreamOf(file);
  if (video) {
    const resolution = resolutionLabel(video.width, video.height);
    if (resolution) parts.push(video.hdr ? `${resolution} ${video.hdr}` : resolution);
  }
  const audio = audioStreamsOf(file)[0];
  if (audio && parts.length < 2) {
    const channels = channelLabel(audio.channels);
    parts.push(channels ? `${codecLabel(audio.codec)} ${channels}` : codecLabel(audio.codec));
  }
  return parts.length > 0 ? parts.join(' · ') : file.name;
}
