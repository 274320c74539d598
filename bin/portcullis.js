#!/usr/bin/env node
'use strict';
/**
 * Launcher for the `portcullis` CLI (source: apps/cli/src).
 *
 * Fast path: the compiled CLI (`nest build cli`, or `npm run build:all`) at
 * dist/apps/cli/apps/cli/src/main.js, when it is newer than every source file it is built from.
 * Otherwise the TypeScript sources run directly through tsx (a devDependency), which transpiles
 * without type-checking and resolves the @portcullis/* aliases from tsconfig.json. So a fresh
 * clone works right after `npm ci`, an edit never runs stale code, and a type error elsewhere in
 * the monorepo cannot stop the CLI. Set PORTCULLIS_CLI_FROM_SOURCE=1 to skip the compiled build.
 */
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'dist/apps/cli/apps/cli/src/main.js');
// Everything the CLI imports from this repository.
// Everything the CLI compiles in: the iam commands read the command catalog and its DTOs.
const sourceDirs = [
  'apps/cli/src',
  'apps/command-service/src',
  'apps/projector/src',
  'libs/policy/src',
  'libs/domain/src',
  'libs/contracts/src',
  'libs/event-log/src',
  'libs/read-models/src',
  'libs/platform/src',
].map((d) => path.join(root, d));

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function builtIsFresh() {
  if (process.env.PORTCULLIS_CLI_FROM_SOURCE === '1') return false;
  let builtTime;
  try {
    builtTime = fs.statSync(built).mtimeMs;
  } catch {
    return false;
  }
  return sourceDirs.every((dir) => newestSource(dir) <= builtTime);
}

if (builtIsFresh()) {
  require(built);
} else {
  if (!process.env.TSX_TSCONFIG_PATH)
    process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');
  let tsx;
  try {
    tsx = require('tsx/cjs/api');
  } catch {
    process.stderr.write(
      'portcullis: the CLI is not built and tsx is not installed; run `npm ci` (or `npm run build:all`).\n',
    );
    process.exit(2);
  }
  tsx.register();
  require(path.join(root, 'apps/cli/src/main.ts'));
}
