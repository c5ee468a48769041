#!/usr/bin/env bash
# Runs stance, scikit-learn and fastText side by side on the shared public
# benchmarks and prints a Markdown table (quality, wall time, throughput,
# peak RSS, ratio to scikit-learn).
#
#   benches/compare.sh [BENCHMARKS_DIR]
#
# BENCHMARKS_DIR defaults to $STANCE_BENCHMARKS or ../shared/benchmarks; the
# anchors default to $STANCE_ANCHORS or the `anchors` folder beside it. The
# Python side runs in a throwaway venv outside the repo ($STANCE_BENCH_VENV,
# default /tmp/stance-bench-venv), created on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-${STANCE_BENCHMARKS:-../shared/benchmarks}}
anchors=${STANCE_ANCHORS:-$(dirname "$bench")/anchors}
if [ ! -d "$bench" ] || [ ! -f "$anchors/baseline.py" ]; then
  echo "benchmarks ($bench) or anchors ($anchors) not found: skipping the comparison"
  exit 0
fi
venv=${STANCE_BENCH_VENV:-/tmp/stance-bench-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scikit-learn fasttext-numpy2
fi
cargo build --release --quiet
exec "$venv/bin/python" benches/compare.py --bench "$bench" --anchors "$anchors" --stance target/release/stance
