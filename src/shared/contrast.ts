// WCAG 2.x contrast of a theme's colours: which text sits on which background, and the ratio each pair needs.
// Pure; used by the contrast test of the built-in themes and by the server to warn about users' themes.
import type { ContrastIssue, ThemeColourName, ThemeFile } from './theme';

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of #rrggbb (WCAG 2.x definition). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

type Need = 'body' | 'muted' | 'large' | 'control';

interface Pair {
  fg: ThemeColourName;
  bg: ThemeColourName;
  need: Need;
}

const PAGE_LAYERS: ThemeColourName[] = ['background', 'backgroundRaised', 'surface', 'surfaceRaised'];

/** Every pair the components actually paint (text colour on the layer under it). */
export const CONTRAST_PAIRS: readonly Pair[] = [
  ...[...PAGE_LAYERS, 'surfaceHigh' as const].map((bg): Pair => ({ fg: 'text', bg, need: 'body' })),
  ...PAGE_LAYERS.map((bg): Pair => ({ fg: 'textMuted', bg, need: 'muted' })),
  // The accent is also a text colour (links, "resume" labels, the current chapter).
  ...(['background', 'surface'] as const).map((bg): Pair => ({ fg: 'accent', bg, need: 'muted' })),
  { fg: 'onAccent', bg: 'accent', need: 'body' },
  { fg: 'onAccent', bg: 'accentHover', need: 'body' },
  // A selected chip is the page colour on the text colour.
  { fg: 'background', bg: 'text', need: 'body' },
  ...(['background', 'surface', 'surfaceRaised'] as const).map((bg): Pair => ({ fg: 'danger', bg, need: 'muted' })),
  ...(['background', 'surface'] as const).map((bg): Pair => ({ fg: 'success', bg, need: 'large' })),
  ...(['background', 'surface'] as const).map((bg): Pair => ({ fg: 'warning', bg, need: 'large' })),
  ...(['background', 'backgroundRaised', 'surface', 'surfaceRaised'] as const).map((bg): Pair => ({ fg: 'focusRing', bg, need: 'control' })),
  { fg: 'textFaint', bg: 'background', need: 'large' },
  // Text laid on the scrim over pictures.
  { fg: 'text', bg: 'scrim', need: 'body' },
];

const WORDS: Record<ThemeColourName, string> = {
  background: 'page',
  backgroundRaised: 'raised page',
  surface: 'surface',
  surfaceRaised: 'raised surface',
  surfaceHigh: 'high surface',
  text: 'text',
  textMuted: 'muted text',
  textFaint: 'faint text',
  accent: 'accent',
  accentHover: 'hovered accent',
  onAccent: 'text on accent',
  focusRing: 'focus ring',
  danger: 'danger',
  success: 'success',
  warning: 'warning',
  overlay: 'overlay',
  scrim: 'scrim',
  shadow: 'shadow',
};

/** The WCAG ratio each kind of pair needs; `aaa` themes hold body text to 7:1. */
export function requiredRatio(need: Need, level: 'aa' | 'aaa' = 'aa'): number {
  if (need === 'body') return level === 'aaa' ? 7 : 4.5;
  if (need === 'muted') return 4.5;
  return 3;
}

export interface ContrastResult extends ContrastIssue {
  ok: boolean;
}

/** Every pair of the theme with its ratio. */
export function themeContrast(t: ThemeFile): ContrastResult[] {
  return CONTRAST_PAIRS.map(({ fg, bg, need }) => {
    const foreground = t.colours[fg];
    const background = t.colours[bg];
    const exact = contrastRatio(foreground, background);
    const required = requiredRatio(need, t.contrastLevel);
    // Judged on the exact ratio: 4.496 shown as 4.5 still fails.
    return { pair: `${WORDS[fg]} on ${WORDS[bg]}`, foreground, background, ratio: Math.floor(exact * 100) / 100, required, ok: exact >= required };
  });
}

/** Only the pairs that fall short. */
export function contrastIssues(t: ThemeFile): ContrastIssue[] {
  return themeContrast(t)
    .filter((r) => !r.ok)
    .map(({ ok: _ok, ...issue }) => issue);
}
