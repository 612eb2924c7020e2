// The one place that builds ffmpeg argv for playback. Every value comes from our own enums, never from a request.
import type { PlayDecision } from './decision';

export const SEGMENT_SECONDS = 3;

export interface HlsJobInput {
  input: string;
  outDir: string;
  decision: PlayDecision;
  startSeconds: number;
}

export function hlsArgs({ input, outDir, decision, startSeconds }: HlsJobInput): string[] {
  const args = ['-nostdin', '-hide_banner', '-v', 'error'];
  if (startSeconds > 0) args.push('-ss', startSeconds.toFixed(3));
  args.push('-i', input);
  if (decision.video) args.push('-map', `0:${decision.video.index}`);
  if (decision.audio) args.push('-map', `0:${decision.audio.index}`);
  args.push('-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1');
  if (decision.videoAction === 'copy') {
    args.push('-c:v', 'copy');
    if (decision.video?.codec === 'hevc') args.push('-tag:v', 'hvc1');
  } else if (decision.videoAction === 'encode') {
    args.push(
      '-c:v', 'libx264',
      '-preset', 'veryfast',
      '-crf', '23',
      '-pix_fmt', 'yuv420p',
      '-profile:v', 'high',
      '-level:v', '4.1',
      '-vf', "scale='min(1920,iw)':-2",
      // Even segments need a keyframe exactly on each boundary.
      '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
      '-sc_threshold', '0',
    );
  }
  if (decision.audioAction === 'copy') args.push('-c:a', 'copy');
  else if (decision.audioAction === 'encode') args.push('-c:a', 'aac', '-b:a', '192k', '-ac', '2', '-ar', '48000');
  args.push(
    '-f', 'hls',
    '-hls_time', String(SEGMENT_SECONDS),
    '-hls_list_size', '0',
    '-hls_playlist_type', 'event',
    '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4',
    '-hls_segment_filename', `${outDir}/seg-%05d.m4s`,
    '-start_number', '0',
    `${outDir}/index.m3u8`,
  );
  return args;
}
