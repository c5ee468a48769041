#!/usr/bin/env bash
# Browser checks of the serve page and a classify --html report in Debian's
# Chromium, driven by playwright-core (tests/browser). Installs Chromium
# (and chromium-driver, for WebDriver clients) with apt-get when missing.
# Screenshots at 1280 and 400 px go to target/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
cargo build --quiet
node tests/browser/browser.mjs target/debug/stance
