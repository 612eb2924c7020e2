import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|vue|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

const importsElectron = /(?:from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

describe('layers', () => {
  it('only src/main/electron and src/preload import electron', () => {
    const offenders = sources(join(root, 'src'))
      .map((p) => relative(root, p).split('\\').join('/'))
      .filter((p) => !p.startsWith('src/main/electron/') && !p.startsWith('src/preload/'))
      .filter((p) => importsElectron.test(readFileSync(join(root, p), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the shell and preload do import it (the rule above is not vacuous)', () => {
    expect(importsElectron.test(readFileSync(join(root, 'src/main/electron/index.ts'), 'utf8'))).toBe(true);
    expect(importsElectron.test(readFileSync(join(root, 'src/preload/index.ts'), 'utf8'))).toBe(true);
  });

  it('the renderer never imports main-process code', () => {
    const offenders = sources(join(root, 'src/renderer')).filter((p) => /from\s+['"][^'"]*\/main\//.test(readFileSync(p, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the sandboxed preload, with all it imports, requires no package but electron', () => {
    // A sandboxed preload can require only electron (and a few Node polyfills): zod there would throw at
    // load and leave window.desktop undefined.
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
        if (/^\s*(?:import|export)\s+type\b/.test(m[0])) continue; // erased at build
        const spec = (m[1] ?? m[2]) as string;
        if (!spec.startsWith('.')) {
          packages.add(spec);
          continue;
        }
        const base = resolve(dirname(file), spec);
        const target = [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
        if (target) visit(target);
      }
    };
    visit(join(root, 'src/preload/index.ts'));
    expect([...packages]).toEqual(['electron']);
    expect(seen.size).toBeGreaterThan(1); // it did follow the shared import
  });
});
