#!/usr/bin/env node
// The installed command: runs the built CLI (npm run build makes out/).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('media-centre is not built yet: run `npm run build` in its folder first.\n');
  process.exit(1);
}
require(cli);
