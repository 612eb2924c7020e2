// A theme's tokens as CSS custom properties: the one mapping used by the server (the inline style of the
// page it serves, so the first paint is already right) and the renderer (instant switching). Pure, no zod.
import type { ThemeFile } from './theme';

/** The custom properties a theme sets, by name, with their values. */
export function themeVariables(t: ThemeFile): Record<string, string> {
  const c = t.colours;
  const pct = (n: number): string => `${Math.round(n * 100)}%`;
  const card = t.posterCard ?? 'shadow';
  return {
    '--mc-bg': c.background,
    '--mc-bg-raised': c.backgroundRaised,
    '--mc-surface': c.surface,
    '--mc-surface-2': c.surfaceRaised,
    '--mc-surface-3': c.surfaceHigh,
    '--mc-text': c.text,
    '--mc-muted': c.textMuted,
    '--mc-faint': c.textFaint,
    '--mc-accent': c.accent,
    '--mc-accent-strong': c.accentHover,
    '--mc-accent-text': c.onAccent,
    '--mc-focus': c.focusRing,
    '--mc-danger': c.danger,
    '--mc-bad': c.danger,
    '--mc-good': c.success,
    '--mc-mixed': c.warning,
    '--mc-overlay': c.overlay,
    '--mc-scrim': c.scrim,
    '--mc-backdrop-tint': t.backdropTint ?? c.scrim,
    '--mc-shadow': c.shadow,
    '--mc-shadow-soft': pct(t.shadows.soft),
    '--mc-shadow-strong': pct(t.shadows.strong),
    // Text over pictures gets a halo of the page colour in a light theme, a shadow in a dark one.
    '--mc-text-halo': t.scheme === 'light' ? c.background : c.shadow,
    '--mc-card-border': card === 'outline' ? c.surfaceHigh : 'transparent',
    '--mc-card-shadow': card === 'shadow' ? 'var(--mc-elevation-1)' : 'none',
    '--mc-radius-s': `${t.radius.small}px`,
    '--mc-radius-m': `${t.radius.medium}px`,
    '--mc-radius-l': `${t.radius.large}px`,
    '--mc-font': t.font.family,
    '--mc-font-scale': String(t.font.scale),
  };
}

function block(t: ThemeFile): string {
  const vars = Object.entries(themeVariables(t))
    .map(([k, v]) => `${k}:${v};`)
    .join('');
  return `:root{color-scheme:${t.scheme};${vars}}`;
}

/** The stylesheet for one theme, or for Auto (dark, and light when the system prefers it). */
export function themeStylesheet(choice: { theme: ThemeFile } | { dark: ThemeFile; light: ThemeFile }): string {
  if ('theme' in choice) return block(choice.theme);
  return `${block(choice.dark)}@media (prefers-color-scheme: light){${block(choice.light)}}`;
}
