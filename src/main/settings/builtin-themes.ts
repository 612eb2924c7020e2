// The five built-in themes, bundled from themes/*.json at the top of the repository (so a packaged app
// carries them inside its code, with no folder to find at run time).
import dark from '../../../themes/dark.json';
import cobalt from '../../../themes/cobalt.json';
import light from '../../../themes/light.json';
import highContrast from '../../../themes/high-contrast.json';
import oled from '../../../themes/oled.json';

/** In picker order. Dark is the default `appearance.theme`; Auto picks between dark and light. */
export const BUILT_IN_THEMES: readonly { id: string; file: unknown }[] = [
  { id: 'dark', file: dark },
  { id: 'cobalt', file: cobalt },
  { id: 'light', file: light },
  { id: 'high-contrast', file: highContrast },
  { id: 'oled', file: oled },
];
