// `npm start`: build, make the Electron build of better-sqlite3 in its own folder (never in node_modules),
// then open the desktop app. Needs the Electron binary, which `npm install` fetches where the network allows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, cpSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

let electronBinary;
try {
  electronBinary = require('electron');
} catch (e) {
  fail(`the Electron binary is not installed (${e.message.split('\n')[0]}). On a machine with network access run \`node node_modules/electron/install.js\`; or use \`npm run serve -- --demo\` to open the app in a browser.`);
}
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  fail('the Electron binary is missing. Use `npm run serve -- --demo` to open the app in a browser.');
}

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed`);
};

run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);

const versions = spawnSync(electronBinary, ['-p', 'JSON.stringify(process.versions)'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
if (versions.status !== 0) fail('could not ask Electron for its version');
const { electron, modules } = JSON.parse(versions.stdout);
const target = join(root, 'build', 'electron-native', `electron-${modules}`, 'better_sqlite3.node');
if (!existsSync(target)) {
  process.stderr.write(`Building better-sqlite3 for Electron ${electron} (ABI ${modules})…\n`);
  const work = join(root, 'build', 'electron-native', 'src');
  rmSync(work, { recursive: true, force: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), work, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
  run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electron}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work });
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
}

const app = spawnSync(electronBinary, [root], { stdio: 'inherit', env: { ...process.env, MEDIA_CENTRE_APP_ROOT: root } });
process.exit(app.status ?? 0);
