#!/usr/bin/env node
// The `transferflow` command. Runs the TypeScript sources directly (see scripts/register.js).
require('../scripts/register');
require('../client/cli/main.ts').main(process.argv);
