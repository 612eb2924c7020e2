// The schema of a theme file (themes/<id>.json, and users' own in <data dir>/themes/): the one definition
// the server validates with and the renderer's types come from. Pure; the renderer imports its types only,
// so the UI bundle carries no zod.
import { z } from 'zod';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour written as #rrggbb');

/** Every colour a page is painted with. Components read them as CSS custom properties (see theme-css.ts). */
export const themeColours = z.strictObject({
  /** The page. */
  background: colour,
  /** The header, side bars: one step above the page. */
  backgroundRaised: colour,
  /** Cards, panels. */
  surface: colour,
  /** Buttons and inputs on a surface. */
  surfaceRaised: colour,
  /** Hovered buttons, borders of chips and fields. */
  surfaceHigh: colour,
  text: colour,
  textMuted: colour,
  /** Decoration only (separators, placeholders): never the only carrier of information. */
  textFaint: colour,
  accent: colour,
  accentHover: colour,
  /** Text and icons on the accent. */
  onAccent: colour,
  focusRing: colour,
  danger: colour,
  success: colour,
  warning: colour,
  /** Behind dialogs and menus over the page. */
  overlay: colour,
  /** Gradients over pictures so text on them stays readable. */
  scrim: colour,
  /** The colour shadows are mixed from (a light theme uses a warm tone, never black). */
  shadow: colour,
});

export const themeFile = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** Which native controls and scroll bars the browser draws. */
  scheme: z.enum(['dark', 'light']),
  /** `aaa` asks the contrast check for 7:1 body text (the high-contrast theme). */
  contrastLevel: z.enum(['aa', 'aaa']).optional(),
  colours: themeColours,
  radius: z.strictObject({
    small: z.number().min(0).max(40),
    medium: z.number().min(0).max(40),
    large: z.number().min(0).max(60),
  }),
  /** How strong shadows are, 0 (none) to 1 (the shadow colour itself): soft for cards, strong for raised things. */
  shadows: z.strictObject({
    soft: z.number().min(0).max(1),
    strong: z.number().min(0).max(1),
  }),
  font: z.strictObject({
    // Goes into CSS: names, quotes, commas and spaces only, so a file cannot smuggle other rules in.
    family: z.string().min(1).max(300).regex(/^[\w\s,'"-]+$/, 'font names separated by commas (letters, digits, spaces, quotes, hyphens)'),
    scale: z.number().min(0.8).max(1.4),
  }),
  /** Tint laid over backdrops behind a title's page (the scrim colour when absent). */
  backdropTint: colour.optional(),
  /** How poster cards stand off the page. */
  posterCard: z.enum(['shadow', 'outline', 'flat']).optional(),
});

export type ThemeColours = z.infer<typeof themeColours>;
export type ThemeColourName = keyof ThemeColours;
export type ThemeFile = z.infer<typeof themeFile>;

/** A file's name without `.json`; also what `appearance.theme` holds. */
export const themeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a theme id: lower-case letters, digits and hyphens');

export interface ContrastIssue {
  /** Human words for the pair, e.g. "muted text on surface". */
  pair: string;
  foreground: string;
  background: string;
  ratio: number;
  required: number;
}

/** One entry of GET /api/v1/themes. */
export interface ThemeEntry {
  id: string;
  name: string;
  builtIn: boolean;
  valid: boolean;
  /** Why the file was refused: the file and the field, e.g. `ocean.json: colours.text: a colour written as #rrggbb`. */
  error: string | null;
  tokens: ThemeFile | null;
  /** Pairs below their WCAG ratio (empty for every built-in: a test holds them to it). */
  contrast: ContrastIssue[];
}

export interface ThemesResponse {
  themes: ThemeEntry[];
}
