// The built-in themes: each file is valid, every text colour reaches its WCAG ratio on every layer it is
// painted on, and the contrast arithmetic itself agrees with known values.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { themeFile, type ThemeFile } from '../../src/shared/theme';
import { contrastIssues, contrastRatio, themeContrast } from '../../src/shared/contrast';

const dir = join(__dirname, '..', '..', 'themes');
const files = readdirSync(dir).filter((n) => n.endsWith('.json'));

function load(name: string): ThemeFile {
  return themeFile.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
}

describe('contrast arithmetic', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 on white is the classic lightest grey that passes 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#ffffff', '#000000')).toBe(contrastRatio('#000000', '#ffffff'));
  });

  it('flags a theme whose muted text is too faint, naming the pair and its ratio', () => {
    const t = load('dark.json');
    const faded: ThemeFile = { ...t, colours: { ...t.colours, textMuted: '#3a3f4a' } };
    const issues = contrastIssues(faded);
    expect(issues.map((i) => i.pair)).toContain('muted text on page');
    const issue = issues.find((i) => i.pair === 'muted text on page');
    expect(issue?.required).toBe(4.5);
    expect(issue?.ratio).toBeLessThan(4.5);
  });

  it('holds an aaa theme to 7:1 for body text', () => {
    const t = load('dark.json');
    const aaa: ThemeFile = { ...t, contrastLevel: 'aaa', colours: { ...t.colours, text: '#777c86' } };
    const body = themeContrast(aaa).find((r) => r.pair === 'text on page');
    expect(body?.required).toBe(7);
    expect(body?.ok).toBe(false);
  });
});

describe('built-in themes', () => {
  it('are the five the picker promises', () => {
    expect(files.sort()).toEqual(['cobalt.json', 'dark.json', 'high-contrast.json', 'light.json', 'oled.json']);
  });

  for (const name of files) {
    it(`${name} passes every WCAG pair`, () => {
      const results = themeContrast(load(name));
      const failing = results.filter((r) => !r.ok).map((r) => `${r.pair}: ${r.ratio} < ${r.required}`);
      expect(failing).toEqual([]);
    });
  }

  it('high contrast gives body text 7:1 and muted text 4.5:1 everywhere', () => {
    const results = themeContrast(load('high-contrast.json'));
    for (const r of results.filter((x) => x.pair.startsWith('text on '))) expect(r.ratio).toBeGreaterThanOrEqual(7);
    for (const r of results.filter((x) => x.pair.startsWith('muted text on '))) expect(r.ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('OLED black paints a true black page', () => {
    expect(load('oled.json').colours.background).toBe('#000000');
  });

  it('Light is a light scheme whose shadows are tinted and soft, not black', () => {
    const t = load('light.json');
    expect(t.scheme).toBe('light');
    expect(t.colours.shadow).not.toBe('#000000');
    expect(t.shadows.strong).toBeLessThanOrEqual(0.3);
  });
});
