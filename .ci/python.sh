#!/usr/bin/env bash
# The Python module: builds it into a venv of its own (target/ci-venv) with
# what its tests need, then runs its pytest suite (the Spark test included).
# Needs Python 3.9+ with venv and pip, and Java 17 for the Spark test.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/ci-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.7,<2" "pytest>=7" numpy pandas "pyarrow>=14" "pyspark>=3.5,<5"
# Lints of the module's crate (the root's `cargo clippy` leaves it out: it
# needs a Python to build against).
PYO3_PYTHON="$PWD/$venv/bin/python" cargo clippy -p stance-python --all-targets -- -D warnings
# The CLI the tests compare against: the debug build `cargo test` made.
cargo build --bin stance
# The module, our code optimised without whole-program LTO (profile `python`
# in Cargo.toml): the Spark and million-text tests need the speed, a release
# build would only cost time.
(cd python && VIRTUAL_ENV="$PWD/../$venv" "../$venv/bin/maturin" develop --profile python --quiet)
STANCE_CLI="$PWD/target/debug/stance" "$venv/bin/python" -m pytest python/tests -q -rs "$@"
