#!/usr/bin/env node
// The installed command (`npx media-centre`, or `media-centre` once linked): runs the built CLI,
// which `npm run build` makes in out/. Symlinked bins resolve to this file, so __dirname is the package.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('media-centre is not built yet: run `npm run build` in its folder first.\n');
  process.exit(1);
}
const { runCli, relaunchWithArenaCap } = require(cli);
const argv = process.argv.slice(2);
// `serve` runs with glibc's malloc arenas capped (src/main/malloc-arenas.ts): one relaunch, guarded by the variable.
if (!relaunchWithArenaCap(__filename, argv)) runCli(argv);
