// Lets a child process of the single-writer specs run the TypeScript sources as jest does
// (@swc/core with decorator metadata, which Nest's DI needs and tsx/esbuild do not emit), with
// the @portcullis/* paths of tsconfig.json. Used as `node -r ./single-writer-child.register.js`.
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = /^@portcullis\/([a-z-]+)(\/.*)?$/.exec(request);
  const mapped = m ? path.join(root, 'libs', m[1], 'src', m[2] || '') : request;
  return resolve.call(this, mapped, parent, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
