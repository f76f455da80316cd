#!/usr/bin/env node
// `npm start`: the compiled bot (dist/, from `npm run build`) when it is newer than every source
// file, else the sources through tsx. A production install (`npm ci --omit=dev`) has no tsx, so it
// needs the build; a stale build must not run silently in development.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = process.argv[2] ?? 'index';
const compiled = path.join(root, 'dist', `${entry}.js`);
const source = path.join(root, 'src', `${entry}.ts`);

function newestSourceMs(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSourceMs(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function hasTsx() {
  try {
    require.resolve('tsx/cjs/api');
    return true;
  } catch {
    return false;
  }
}

const srcDir = path.join(root, 'src');
const built = fs.existsSync(compiled);
const fresh = built && (!fs.existsSync(srcDir) || fs.statSync(compiled).mtimeMs >= newestSourceMs(srcDir));
let app;
if (fresh || (built && !hasTsx())) {
  app = require(compiled);
} else if (hasTsx() && fs.existsSync(source)) {
  require('tsx/cjs/api').register();
  app = require(source);
} else {
  console.error('No compiled bot in dist/ and no tsx to run the sources: run `npm run build` (with dev dependencies installed) first.');
  process.exit(1);
}
void app.main(process.argv.slice(3));
