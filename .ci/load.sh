#!/usr/bin/env bash
# The short load test: 2,000 requests with the seed article, then 2,000 with
# bad ones mixed in, on the debug build; 0 errors, no memory growth, clean
# stop on SIGTERM. The long one is `benches/load.sh` (README, Performance).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
benches/load.sh --requests 2000 --connections 64 --bin target/debug/stance
