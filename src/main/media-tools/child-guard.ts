// Makes long-running children (ffmpeg encoders) die with the server, even when the server is killed
// with SIGKILL and gets no chance to clean up. One tiny guard process per server holds a pipe from us;
// we tell it each child's pid. When the pipe breaks — the only thing a SIGKILLed parent still does —
// the guard kills every pid it was told about and exits. (The 2018 static ffmpeg has no parent-death
// hook of its own: stdin EOF does not stop it, and Node cannot set PR_SET_PDEATHSIG.)
import { spawn, type ChildProcess } from 'node:child_process';

const GUARD_SOURCE = `
const pids = new Set();
let buf = '';
const end = () => {
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch {} }
  process.exit(0);
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (line[0] === '+') pids.add(pid); else pids.delete(pid);
  }
});
process.stdin.on('end', end);
process.stdin.on('close', end);
process.stdin.on('error', end);
`;

let guard: ChildProcess | null = null;

function ensureGuard(): ChildProcess | null {
  if (guard && guard.exitCode === null && guard.stdin?.writable) return guard;
  try {
    // In Electron's utility process execPath is Electron itself: ELECTRON_RUN_AS_NODE makes it plain Node.
    const g = spawn(process.execPath, ['-e', GUARD_SOURCE], {
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { ELECTRON_RUN_AS_NODE: '1', PATH: process.env.PATH ?? '' },
      windowsHide: true,
    });
    g.on('error', () => undefined);
    g.stdin?.on('error', () => undefined);
    g.once('exit', () => {
      if (guard === g) guard = null;
    });
    // The guard must never keep the server alive.
    g.unref();
    (g.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    guard = g;
    return g;
  } catch {
    return null;
  }
}

/** Registers a child so it dies with us; forgets it when it exits (its pid may be reused later). */
export function guardChild(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  const g = ensureGuard();
  if (!g?.stdin) return;
  g.stdin.write(`+${pid}\n`);
  child.once('exit', () => {
    if (guard === g && g.stdin?.writable) g.stdin.write(`-${pid}\n`);
  });
}

/** Starts the guard ahead of the first encoder, so a first play does not also pay for starting a Node process. */
export function startGuard(): void {
  ensureGuard();
}

/** The guard's pid, for tests and `doctor`. */
export function guardPid(): number | undefined {
  return guard?.pid;
}
