// The app's index.html as served: the chosen theme's tokens inlined as a <style> after the bundle's CSS,
// with the matching color-scheme, so the first paint is already in the right theme. The CSP allows that
// one style by its hash; no inline script is ever allowed.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { themeStylesheet } from '../../shared/theme-css';
import type { ThemeFile } from '../../shared/theme';
import type { AppearanceSettings } from '../../shared/settings';

export type ThemeChoice = { theme: ThemeFile } | { dark: ThemeFile; light: ThemeFile };

export function csp(styleHash: string): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    // The bundle's stylesheets, and the one inline style of the theme (by hash). Vue's style bindings go
    // through the CSSOM, which CSP does not govern.
    `style-src 'self' '${styleHash}'`,
    // libass runs as WebAssembly in the subtitle worker: 'wasm-unsafe-eval' lets wasm compile and
    // nothing else (no eval, no inline script).
    "script-src 'self' 'wasm-unsafe-eval'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    // The app's <base href="/"> keeps relative asset paths right on deep links; no other base is allowed.
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The inline stylesheet: theme tokens, the text size, and no motion when asked. */
export function inlineThemeCss(choice: ThemeChoice, appearance: AppearanceSettings): string {
  return `${themeStylesheet(choice)}:root{--mc-text-scale:${appearance.textScale}}`;
}

export class ThemedIndex {
  private cached: { mtimeMs: number; html: string } | null = null;

  constructor(private readonly file: string) {}

  render(choice: ThemeChoice, appearance: AppearanceSettings): { html: string; csp: string } {
    const css = inlineThemeCss(choice, appearance);
    const hash = `sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}`;
    const scheme = 'theme' in choice ? choice.theme.scheme : 'dark light';
    let html = this.template().replace(/<meta\s+name=["']color-scheme["'][^>]*>/i, `<meta name="color-scheme" content="${scheme}" />`);
    if (appearance.reduceMotion) html = html.replace(/<html\b([^>]*)>/i, '<html$1 class="mc-reduce-motion">');
    // Last in <head>: after the bundle's <link rel="stylesheet">, so the theme wins over the defaults there.
    const style = `<style id="mc-theme">${css}</style>`;
    html = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${style}</head>`) : `${style}${html}`;
    return { html, csp: csp(hash) };
  }

  private template(): string {
    const { mtimeMs } = statSync(this.file);
    if (!this.cached || this.cached.mtimeMs !== mtimeMs) this.cached = { mtimeMs, html: readFileSync(this.file, 'utf8') };
    return this.cached.html;
  }
}
