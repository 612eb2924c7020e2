// glibc gives each thread that mallocs its own arena and rarely returns their freed memory: with
// libvips resizing posters on several threads the server's RSS doubled under image load (see
// docs/benchmarks.md, the catalogue UI). MALLOC_ARENA_MAX caps them, but glibc reads it only at
// process start: the Electron shell passes it to the server's utilityProcess, and the installed
// command (bin/media-centre.js) runs `serve` once more with it set. The variable guards the loop,
// and a value the family set is kept. `node out/main/cli.js` (tests, benchmarks) is left alone: its
// callers signal and measure the server's own process, which a relaunch would put one step away.
import { spawn } from 'node:child_process';

export const ARENA_MAX = '2';

/** True when the command now runs in a child with the cap (this process only waits for it). */
export function relaunchWithArenaCap(script: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform !== 'linux' || argv[0] !== 'serve' || env.MALLOC_ARENA_MAX !== undefined) return false;
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
    stdio: 'inherit',
    env: { ...env, MALLOC_ARENA_MAX: ARENA_MAX },
  });
  // Ctrl+C and a service manager's stop reach the server, which shuts down cleanly.
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`media-centre: could not start the server: ${error.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  return true;
}
