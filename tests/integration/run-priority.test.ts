// Background tools run below playback: `nice: true` at 10, `nice: 'lowest'` (trickplay) at 19. The child reports its niceness once it sees it change
// (runTool lowers it just after the spawn), waiting at most 5 s.
import { describe, expect, it } from 'vitest';
import { getPriority } from 'node:os';
import { runTool, type RunOptions } from '../../src/main/media-tools/run';

const REPORT = `const os = require('node:os'); const base = Number(process.argv[1]); const t = Date.now();
(function look() { const p = os.getPriority(); if (p !== base || Date.now() - t > 5000) console.log(p); else setTimeout(look, 5); })();`;

async function niceness(nice: RunOptions['nice']): Promise<number> {
  const r = await runTool(process.execPath, ['-e', REPORT, String(getPriority())], { timeoutMs: 20_000, ...(nice === undefined ? {} : { nice }) });
  expect(r.code, r.stderr).toBe(0);
  return Number(r.stdout.trim());
}

describe('runTool priorities', () => {
  // A runner already niced to 10 or more cannot show the difference (nobody may raise priority back).
  it.skipIf(getPriority() >= 10)('lowers background work to 10 and trickplay to 19', async () => {
    expect(await niceness(true)).toBe(10);
    expect(await niceness('lowest')).toBe(19);
  });
});
