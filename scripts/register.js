// Lets Node run the TypeScript sources directly (the CLI, the dev stack, benchmarks): each .ts
// file is transpiled to CommonJS by swc on first require. Types are checked by `tsc` in
// scripts/setup.sh and in the test run, not here.
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function registerTs(module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  });
  module._compile(code, filename);
};
