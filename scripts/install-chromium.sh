#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/browser/), driven by puppeteer-core of the same
# major version (bookworm ships 156; puppeteer-core 25.16 targets 156): nothing is downloaded by
# puppeteer. fonts-noto-cjk, or Chinese renders as empty boxes in the screenshots and the printed documents;
# poppler-utils (pdftoppm, pdftotext) for the tests that read those PDFs back. Skipped when present.
set -euo pipefail
step() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' && command -v pdftoppm >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "setup: the browser tests need Debian's chromium and fonts-noto-cjk: run as root, or apt-get install -y chromium fonts-noto-cjk poppler-utils" >&2
  exit 1
fi
step "installing Debian's chromium and CJK fonts for the browser tests…"
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils >&2
