#!/usr/bin/env node
// The `transferflow` command. Runs the TypeScript sources directly (see scripts/register.js).
require('../scripts/register');
require('../client/cli/main.ts')
  .main(process.argv)
  .finally(() => {
    // The command has finished and set its exit code: nothing it left open (a gRPC channel, the
    // SDK's native runtime, a pool) may keep the process alive after it. The timer is unref'd, so
    // a process with nothing left open ends at once, as usual.
    setTimeout(() => process.exit(), 1_000).unref();
  });
