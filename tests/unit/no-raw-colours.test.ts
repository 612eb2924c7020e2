// Themes can only restyle what reads their tokens: no component, view or shared stylesheet may paint
// with a colour of its own (hex, rgb(), hsl(), or a named colour). tokens.css is the one exception,
// for the few brand colours that are not a theme's to change.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const renderer = join(root, 'src', 'renderer');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(vue|css)$/.test(name) ? [path] : [];
  });
}

const NAMED = ['black', 'white', 'red', 'green', 'blue', 'yellow', 'orange', 'purple', 'pink', 'gray', 'grey', 'silver', 'gold', 'navy', 'teal', 'maroon', 'olive', 'lime', 'aqua', 'fuchsia', 'cyan', 'magenta', 'brown', 'beige', 'ivory', 'khaki', 'crimson', 'coral', 'salmon', 'tomato', 'indigo', 'violet', 'orchid', 'plum', 'tan', 'wheat'];
const RAW = new RegExp(
  [
    '#[0-9a-fA-F]{3,8}\\b',
    '\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\\(',
    // A named colour as a whole CSS value word (not "white-space", not a class name).
    `(?<![\\w-])(?:${NAMED.join('|')})(?![\\w-])`,
  ].join('|'),
  'i',
);

/** The CSS of a file: a .vue file's <style> blocks, or the whole of a .css file, without comments. */
function css(path: string): string {
  const text = readFileSync(path, 'utf8');
  const styles = path.endsWith('.vue') ? [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '').join('\n') : text;
  return styles.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Declarations (property: value) whose value holds a raw colour, as "file:line: text". */
function rawColours(path: string): string[] {
  const found: string[] = [];
  css(path)
    .split('\n')
    .forEach((line, i) => {
      const decl = /^\s*(--[\w-]+|[a-z-]+)\s*:\s*(.+?);?\s*$/.exec(line);
      const value = decl ? decl[2] : /^\s+[^{}]*$/.test(line) ? line : null;
      if (value && RAW.test(value)) found.push(`${relative(root, path)}${path.endsWith('.vue') ? ' <style>' : ''}:${i + 1}: ${line.trim()}`);
    });
  return found;
}

/** Inline style attributes in templates with a raw colour. */
function rawInTemplates(path: string): string[] {
  if (!path.endsWith('.vue')) return [];
  const template = readFileSync(path, 'utf8').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, '');
  return [...template.matchAll(/\bstyle="([^"]*)"/g)].filter((m) => RAW.test(m[1] ?? '')).map((m) => `${relative(root, path)}: ${m[0]}`);
}

describe('colours come from theme tokens', () => {
  const checked = files(renderer).filter((p) => !p.endsWith(join('styles', 'tokens.css')));

  it('looks at every component, view and shared stylesheet', () => {
    expect(checked.some((p) => p.includes(join('components', 'PosterCard.vue')))).toBe(true);
    expect(checked.some((p) => p.includes(join('views', 'SettingsView.vue')))).toBe(true);
    expect(checked.some((p) => p.endsWith('base.css'))).toBe(true);
  });

  it('no component, view or stylesheet uses a raw colour', () => {
    expect(checked.flatMap((p) => [...rawColours(p), ...rawInTemplates(p)])).toEqual([]);
  });

  it('the check finds each kind of raw colour (it is not vacuous)', () => {
    for (const bad of ['color: #fff;', 'background: rgb(0 0 0 / 50%);', 'border-color: hsl(10, 50%, 50%);', 'color: white;', 'box-shadow: 0 0 4px black;']) {
      const value = /:\s*(.+)$/.exec(bad)?.[1] ?? '';
      expect(RAW.test(value), bad).toBe(true);
    }
    for (const fine of ['white-space: nowrap;', 'color: var(--mc-text);', 'background: transparent;', 'grid-template-areas: "poster text";']) {
      const value = /:\s*(.+)$/.exec(fine)?.[1] ?? '';
      expect(RAW.test(value), fine).toBe(false);
    }
  });
});
