#!/usr/bin/env node
// `npm start`: the compiled bot (dist/, from `npm run build`) when it is newer than every source
// file, else the sources through tsx. A production install (`npm ci --omit=dev`) has no tsx, so it
// needs the build; a stale build must not run silently in development. START_FROM=sources runs the
// sources even when a fresh build exists.
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
    require.resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

const srcDir = path.join(root, 'src');
const fromSources = process.env.START_FROM === 'sources';
const built = !fromSources && fs.existsSync(compiled);
const fresh = built && (!fs.existsSync(srcDir) || fs.statSync(compiled).mtimeMs >= newestSourceMs(srcDir));
const tsx = hasTsx();

async function load() {
  if (fresh || (built && !tsx)) return require(compiled);
  if (tsx && fs.existsSync(source)) {
    // What `node --import tsx` loads: hooks for require() and for import(), which the sources use to load
    // some modules late (tsx/cjs/api alone leaves import() of a .ts file unresolved).
    await import('tsx');
    return require(source);
  }
  console.error(
    fromSources
      ? 'START_FROM=sources needs tsx, a dev dependency: run `npm ci` without --omit=dev.'
      : 'No compiled bot in dist/ and no tsx to run the sources: run `npm run build` (with dev dependencies installed) first.',
  );
  process.exit(1);
}

void load().then((app) => app.main(process.argv.slice(3)));
