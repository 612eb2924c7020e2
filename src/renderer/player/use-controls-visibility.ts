// The player's controls fade after a few seconds without input and come back on any input, unless
// something holds them (paused, a menu or the info panel open, an error on screen).
import { onBeforeUnmount, ref, type Ref } from 'vue';

export const HIDE_CONTROLS_MS = 3000;

export interface ControlsVisibility {
  visible: Ref<boolean>;
  /** Shows them and starts the countdown again. */
  show(): void;
  /** Starts the countdown without showing them (playback began). */
  scheduleHide(): void;
}

export function useControlsVisibility(held: () => boolean, hideMs = HIDE_CONTROLS_MS): ControlsVisibility {
  const visible = ref(true);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function scheduleHide(): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!held()) visible.value = false;
    }, hideMs);
  }

  function show(): void {
    visible.value = true;
    scheduleHide();
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { visible, show, scheduleHide };
}
