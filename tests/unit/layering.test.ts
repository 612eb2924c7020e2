import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
});
