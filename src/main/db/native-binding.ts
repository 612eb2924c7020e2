// Which build of better-sqlite3's native module this process loads. node_modules holds the build
// for the Node that ran `npm install`; another runtime loads its own build, kept apart by ABI so that
// node_modules is never rebuilt under anyone's feet:
//   Electron (the desktop app)   build/electron-native/electron-<ABI>/  made by `npm start` / `npm run dist`
//   another Node (say CI's 24)   build/node-native/node-<ABI>/          made by scripts/with-node.mjs
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Options } from 'better-sqlite3';

type Versions = NodeJS.ProcessVersions & { electron?: string };

/** The folder of this package: MEDIA_CENTRE_APP_ROOT when set (the shell sets it), else the nearest package.json above this file. */
export function appRoot(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string {
  if (env.MEDIA_CENTRE_APP_ROOT) return env.MEDIA_CENTRE_APP_ROOT;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Where a runtime's own build lives, or undefined when it loads node_modules' build. */
export function nativeBindingPath(
  versions: NodeJS.ProcessVersions = process.versions,
  root: string = appRoot(),
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  if ((versions as Versions).electron) return join(root, 'build', 'electron-native', `electron-${versions.modules}`, 'better_sqlite3.node');
  const own = join(root, 'build', 'node-native', `node-${versions.modules}`, 'better_sqlite3.node');
  return exists(own) ? own : undefined;
}

/** The better-sqlite3 options that load the right build, with a clear error when Electron's is missing. */
export function nativeOptions(): Pick<Options, 'nativeBinding'> {
  const binding = nativeBindingPath();
  if (!binding) return {};
  if (!existsSync(binding)) {
    throw new Error(
      `The SQLite module for this Electron (ABI ${process.versions.modules}) is missing at ${binding}. Run \`npm start\` on a machine with network access to build it.`,
    );
  }
  return { nativeBinding: binding };
}

/**
 * Says what to do when node_modules' build was made for another Node (the user switched Node after
 * `npm install`), instead of the bare NODE_MODULE_VERSION message.
 */
export function explainLoadError(e: unknown): Error {
  const message = (e as Error).message ?? String(e);
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) return e as Error;
  return new Error(
    `better-sqlite3 in node_modules was built for another version of Node than this one (${process.version}, ABI ${process.versions.modules}). ` +
      'Run `npm rebuild better-sqlite3` with this Node, or run the project with the Node that installed it.\n' +
      message,
  );
}
