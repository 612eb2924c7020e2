import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../helpers/built';
import { nativeBindingPath } from '../../src/main/db/open';

const require = createRequire(__filename);

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

describe('the Electron build of better-sqlite3 is kept apart', () => {
  it('plain Node uses the normal build', () => {
    expect(nativeBindingPath({ ...process.versions })).toBeUndefined();
  });

  it('Electron loads its own build from build/electron-native, by ABI', () => {
    const versions = { ...process.versions, electron: '45.4.1', modules: '140' } as NodeJS.ProcessVersions;
    expect(nativeBindingPath(versions, '/app')).toBe(join('/app', 'build', 'electron-native', 'electron-140', 'better_sqlite3.node'));
  });
});

describe.skipIf(!binary)('desktop window (skipped: the Electron binary is not installed on this machine)', () => {
  it('opens a sandboxed window on the media server with the desktop bridge and no Node', async () => {
    expect(existsSync(join(projectRoot, 'build', 'electron-native')), 'run `npm start` once: it builds better-sqlite3 for Electron').toBe(true);
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ executablePath: binary as string, args: [projectRoot], env: { ...process.env, MEDIA_CENTRE_APP_ROOT: projectRoot } });
    try {
      const page = await app.firstWindow();
      await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\//, { timeout: 60_000 });
      expect(await page.evaluate(() => typeof (globalThis as unknown as { desktop?: unknown }).desktop)).toBe('object');
      expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
