// The player's keyboard and remote map: a key to an intent, nothing more. The view decides what an
// intent means in context (an open menu, a focused button), so the map is pure and unit-tested.
export type PlayerAction =
  | { type: 'toggle' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'seek-by'; seconds: number }
  | { type: 'jump-to-tenth'; tenth: number }
  | { type: 'frame-step'; direction: -1 | 1 }
  | { type: 'chapter'; direction: -1 | 1 }
  | { type: 'volume-by'; delta: number }
  | { type: 'mute' }
  | { type: 'fullscreen' }
  | { type: 'cycle-subtitles' }
  | { type: 'cycle-audio' }
  | { type: 'next' }
  | { type: 'back' };

export const SEEK_STEP_SECONDS = 10;
export const VOLUME_STEP = 0.1;

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export function actionForKey(press: KeyPress): PlayerAction | null {
  // Browser and system shortcuts stay theirs.
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const { key } = press;
  if (/^[0-9]$/.test(key)) return { type: 'jump-to-tenth', tenth: Number(key) };
  switch (key) {
    case ' ':
    case 'k':
    case 'K':
    case 'MediaPlayPause':
      return { type: 'toggle' };
    case 'MediaPlay':
      return { type: 'play' };
    case 'MediaPause':
    case 'MediaStop':
      return { type: 'pause' };
    case 'ArrowLeft':
    case 'j':
    case 'J':
    case 'MediaRewind':
    case 'MediaTrackPrevious':
      return { type: 'seek-by', seconds: -SEEK_STEP_SECONDS };
    case 'ArrowRight':
    case 'l':
    case 'L':
    case 'MediaFastForward':
      return { type: 'seek-by', seconds: SEEK_STEP_SECONDS };
    case 'MediaTrackNext':
      return { type: 'next' };
    case 'PageUp':
      return { type: 'chapter', direction: -1 };
    case 'PageDown':
      return { type: 'chapter', direction: 1 };
    case ',':
      return { type: 'frame-step', direction: -1 };
    case '.':
      return { type: 'frame-step', direction: 1 };
    case 'ArrowUp':
    case 'AudioVolumeUp':
      return { type: 'volume-by', delta: VOLUME_STEP };
    case 'ArrowDown':
    case 'AudioVolumeDown':
      return { type: 'volume-by', delta: -VOLUME_STEP };
    case 'm':
    case 'M':
    case 'AudioVolumeMute':
      return { type: 'mute' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    case 'c':
    case 'C':
    case 'Subtitle':
      return { type: 'cycle-subtitles' };
    case 'a':
    case 'A':
      return { type: 'cycle-audio' };
    case 'Escape':
    case 'Backspace':
    case 'BrowserBack':
    case 'GoBack':
      return { type: 'back' };
    default:
      return null;
  }
}

/** Where 0–9 lands: that tenth of the runtime (0 is the start). */
export function tenthPosition(tenth: number, duration: number): number {
  if (duration <= 0) return 0;
  return (Math.min(9, Math.max(0, Math.floor(tenth))) / 10) * duration;
}

/** One frame, for `,` and `.` when paused; 1/25 s when the frame rate is not known. */
export function frameSeconds(fps: number | null | undefined): number {
  return fps && fps > 1 && fps < 1000 ? 1 / fps : 1 / 25;
}
