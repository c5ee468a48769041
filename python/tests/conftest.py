"""Shared fixtures: the repository's models and data, and the `stance` CLI
the results are compared with (``STANCE_CLI``, else target/{python,release,debug}/stance)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STANCE_MODEL = ROOT / "models" / "stance.model"
SENTIMENT_MODEL = ROOT / "models" / "sentiment.model"
SEED_ARTICLE = ROOT / "data" / "articles" / "doj-sues-california.txt"
STATEMENTS = ROOT / "data" / "statements.csv"


def _find_cli() -> Path:
    if os.environ.get("STANCE_CLI"):
        return Path(os.environ["STANCE_CLI"])
    for profile in ("python", "release", "debug"):
        candidate = ROOT / "target" / profile / "stance"
        if candidate.exists():
            return candidate
    pytest.exit("no stance binary: build one (cargo build) or set STANCE_CLI", returncode=2)


@pytest.fixture(scope="session")
def cli():
    """Runs the CLI from the repository root; returns its standard output."""
    binary = _find_cli()

    def run(*args: str) -> str:
        done = subprocess.run([str(binary), *map(str, args)], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, f"stance {' '.join(map(str, args))} failed: {done.stderr}"
        return done.stdout

    return run


@pytest.fixture(scope="session")
def statements():
    import pandas as pd

    return pd.read_csv(STATEMENTS, dtype=str, keep_default_na=False)


def jsonl(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
