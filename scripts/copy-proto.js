#!/usr/bin/env node
// Copies the .proto contracts next to an app's compiled output, where libs/contracts looks
// for them at run time (dist/apps/<app>/libs/contracts/proto).
const { cpSync } = require('fs');
const { join } = require('path');
const app = process.argv[2];
if (!app) throw new Error('usage: copy-proto.js <app>');
const root = join(__dirname, '..');
cpSync(join(root, 'libs/contracts/proto'), join(root, 'dist/apps', app, 'libs/contracts/proto'), {
  recursive: true,
});
