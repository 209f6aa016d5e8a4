#!/usr/bin/env bash
# The suites that load ES-module-only packages (puppeteer-core, oidc-provider) through a real
# dynamic import (client/esm.ts), each in a jest process of its own: under jest's
# --experimental-vm-modules a second test file importing ES modules in the same process fails
# with "Provided module is not an instance of Module" (jest links modules across test contexts).
# The main run leaves them out (jest.isolated.js lists them); this runs each, prints each summary, and
# fails if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
rc=0
for file in $(node -p "require('./jest.isolated.js').join('\n')"); do
  echo "isolated suite: $file"
  NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning' \
    npx --no-install jest --runInBand --testPathIgnorePatterns=/node_modules/ -- "$file" || rc=1
done
exit $rc
