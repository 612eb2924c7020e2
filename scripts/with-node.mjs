// Runs a command under another Node release than the one that installed node_modules, so the code the
// desktop app runs (Electron 45 carries Node 24) is tested on that Node too:
//
//   node scripts/with-node.mjs 24 node_modules/vitest/vitest.mjs run --exclude 'tests/e2e/**'
//
// The Node binary comes from the npm registry (the `node-<platform>-<arch>` packages carry the
// official build with its headers), unpacked into build/node/ with no install script. better-sqlite3
// is built for that Node's ABI into build/node-native/node-<ABI>/, where src/main/db/native-binding.ts
// finds it; node_modules is never rebuilt.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The exact releases we test; bump them on purpose, like any dependency.
const RELEASES = { 24: '24.22.3' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`with-node: ${message}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, ...opts });
  if (r.error) fail(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed with code ${r.status}`);
}

/** Unpacks node-<platform>-<arch>@version into build/node/v<version>, once; returns the binary's path. */
function nodeBinary(version) {
  const dir = join(root, 'build', 'node', `v${version}`);
  const binary = join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(binary)) return { dir, binary };
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  process.stderr.write(`with-node: fetching ${pkg} from the npm registry…\n`);
  const work = mkdtempSync(join(tmpdir(), 'with-node-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    run(npm, ['pack', pkg, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) fail(`npm pack ${pkg} produced no tarball`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    run('tar', ['-xzf', join(work, tarball), '-C', dir, '--strip-components=1']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(binary)) fail(`${pkg} has no ${binary}`);
  return { dir, binary };
}

/** Builds better-sqlite3 against that Node's own headers (shipped in the package), once per ABI. */
function sqliteFor(node) {
  const abi = spawnSync(node.binary, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();
  if (!/^\d+$/.test(abi)) fail(`could not ask ${node.binary} for its ABI`);
  const target = join(root, 'build', 'node-native', `node-${abi}`, 'better_sqlite3.node');
  if (existsSync(target)) return target;
  process.stderr.write(`with-node: building better-sqlite3 for Node ABI ${abi} (about a minute)…\n`);
  const work = join(root, 'build', 'node-native', `src-${abi}`);
  rmSync(work, { recursive: true, force: true });
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  cpSync(source, work, { recursive: true, filter: (p) => p !== join(source, 'build') && p !== join(source, 'node_modules') });
  const gyp =
    process.env.npm_config_node_gyp ??
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(gyp)) fail(`node-gyp not found at ${gyp}`);
  // Under `npm run`, npm hands its config to node-gyp as npm_config_* variables, and the user's
  // `nodedir` (Node 20's headers) would beat our flag: build with the other Node's settings alone.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|dist_url|arch)$/i.test(k)));
  const built = spawnSync(process.execPath, [gyp, 'rebuild', '--release', `--nodedir=${node.dir}`, '--jobs=max'], {
    cwd: work,
    env: { ...env, npm_config_nodedir: node.dir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // The compiler's warnings are better-sqlite3's, not ours: shown only when the build fails.
  if (built.status !== 0) fail(`building better-sqlite3 failed:\n${(built.stderr ?? '').slice(-6000)}`);
  // A build against the wrong headers loads nowhere: check it before anyone relies on it.
  const check = spawnSync(node.binary, ['-e', `new (require(${JSON.stringify(join(source, 'lib', 'index.js'))}))(':memory:', { nativeBinding: ${JSON.stringify(join(work, 'build', 'Release', 'better_sqlite3.node'))} })`], { encoding: 'utf8' });
  if (check.status !== 0) fail(`the better-sqlite3 built for ABI ${abi} does not load in Node ${version}:\n${check.stderr}`);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  rmSync(work, { recursive: true, force: true });
  return target;
}

const [major, ...command] = process.argv.slice(2);
const version = RELEASES[major];
if (!version || command.length === 0) fail(`usage: node scripts/with-node.mjs <${Object.keys(RELEASES).join('|')}> <script> [args…]`);

const node = nodeBinary(version);
sqliteFor(node);
process.stderr.write(`with-node: running under Node ${version}: ${command.join(' ')}\n`);
// The other Node comes first on PATH too, so what the tests spawn by name (npm, the bin) runs on it as well.
const env = { ...process.env, PATH: `${dirname(node.binary)}${delimiter}${process.env.PATH ?? ''}`, MEDIA_CENTRE_APP_ROOT: root };
const child = spawn(node.binary, command, { stdio: 'inherit', cwd: root, env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
