// The player's keyboard and remote: each key's action (player/keys.ts) sent to what the view can do.
// While the controls show, arrows move between them (a remote has no other way); while they are
// hidden, the same arrows seek and change the volume.
import { onBeforeUnmount, onMounted } from 'vue';
import { chapterSeekTarget } from './chapters';
import { actionForKey, frameSeconds, tenthPosition } from './keys';

export interface PlayerKeyTargets {
  video(): HTMLVideoElement | null;
  duration(): number;
  /** The video's frame rate, when the file says it. */
  fps(): number | null;
  /** The file's chapters, for PageUp/PageDown. */
  chapters(): readonly { start: number; end: number; title: string | null }[];
  controlsVisible(): boolean;
  /** An error or a menu is on screen: its buttons take the keys, and only Back acts. */
  blocked(): boolean;
  showControls(): void;
  togglePlay(): void;
  /** A seek that also shows where it landed on the seek bar. */
  keyboardSeek(seconds: number): void;
  seekTo(seconds: number): void;
  setVolume(level: number): void;
  toggleMute(): void;
  toggleFullscreen(): void;
  cycleSubtitles(): void;
  cycleAudio(): void;
  playNext(): void;
  /** Escape or Backspace: the view closes what is open, or leaves. */
  back(key: string): void;
}

export function usePlayerKeys(t: PlayerKeyTargets): void {
  function onKeydown(event: KeyboardEvent): void {
    const action = actionForKey(event);
    const wasHidden = !t.controlsVisible();
    if (!event.ctrlKey && !event.metaKey && !event.altKey) t.showControls();
    if (!action) {
      if (event.key === 'Enter' && document.activeElement instanceof HTMLInputElement && document.activeElement.dataset.testid === 'seek-bar') {
        event.preventDefault();
        t.togglePlay();
      }
      return;
    }
    const focused = document.activeElement;
    const onButton = focused instanceof HTMLButtonElement;
    const onVolume = focused instanceof HTMLInputElement && focused.dataset.testid === 'volume';
    const arrow = event.key.startsWith('Arrow');
    if (t.blocked() && action.type !== 'back') return;
    const video = t.video();
    switch (action.type) {
      case 'toggle':
        event.preventDefault();
        t.togglePlay();
        return;
      case 'play':
        event.preventDefault();
        if (video?.paused) t.togglePlay();
        return;
      case 'pause':
        event.preventDefault();
        if (video && !video.paused) t.togglePlay();
        return;
      case 'seek-by':
        // On the visible controls' buttons and the volume slider, left and right move or slide.
        if (arrow && !wasHidden && (onButton || onVolume)) return;
        event.preventDefault();
        t.keyboardSeek((video?.currentTime ?? 0) + action.seconds);
        return;
      case 'jump-to-tenth':
        event.preventDefault();
        t.keyboardSeek(tenthPosition(action.tenth, t.duration()));
        return;
      case 'chapter': {
        const to = chapterSeekTarget(t.chapters(), video?.currentTime ?? 0, action.direction, t.duration());
        if (to === null) return;
        event.preventDefault();
        t.keyboardSeek(to);
        return;
      }
      case 'frame-step':
        if (!video || !video.paused) return;
        event.preventDefault();
        t.seekTo(video.currentTime + action.direction * frameSeconds(t.fps()));
        return;
      case 'volume-by':
        if (arrow && !wasHidden) return;
        event.preventDefault();
        t.setVolume((video?.volume ?? 1) + action.delta);
        return;
      case 'mute':
        event.preventDefault();
        t.toggleMute();
        return;
      case 'fullscreen':
        event.preventDefault();
        t.toggleFullscreen();
        return;
      case 'cycle-subtitles':
        event.preventDefault();
        t.cycleSubtitles();
        return;
      case 'cycle-audio':
        event.preventDefault();
        t.cycleAudio();
        return;
      case 'next':
        event.preventDefault();
        t.playNext();
        return;
      case 'back':
        event.preventDefault();
        t.back(event.key);
        return;
    }
  }

  onMounted(() => document.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => document.removeEventListener('keydown', onKeydown));
}
