"""Articles: `stance.classify` and `classify_frame` against `stance classify`."""

import csv
import io
import math

import pandas as pd
import pytest

import stance
from conftest import SEED_ARTICLE, SENTIMENT_MODEL, STANCE_MODEL, jsonl

SEED_ID = "data/articles/doj-sues-california.txt"
MODELS = dict(stance_model=STANCE_MODEL, sentiment_model=SENTIMENT_MODEL)


def assert_close(actual, expected, path="$"):
    """Equal structures; floats within 1e-12."""
    if isinstance(expected, float) or isinstance(actual, float):
        assert math.isclose(actual, expected, rel_tol=0, abs_tol=1e-12), f"{path}: {actual} != {expected}"
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and actual.keys() == expected.keys(), f"{path}: keys differ"
        for key in expected:
            assert_close(actual[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{path}: lengths differ"
        for i, (a, e) in enumerate(zip(actual, expected)):
            assert_close(a, e, f"{path}[{i}]")
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


@pytest.fixture(scope="module")
def seed_text():
    return SEED_ARTICLE.read_text(encoding="utf-8")


def test_classify_equals_cli_json(cli, seed_text):
    expected = jsonl(cli("classify", SEED_ID, "--format", "json", "--explain", "3"))[0]
    actual = stance.classify(seed_text, ids=[SEED_ID], explain=3, **MODELS)
    assert_close(actual, expected)
    assert len(actual["sentences"]) > 20


def test_classify_list_gives_one_report_per_text(seed_text):
    reports = stance.classify([seed_text, "ICE must enforce the law, the sheriff said."], **MODELS)
    assert [r["source"] for r in reports] == ["0", "1"]
    assert reports[0] == stance.classify(seed_text, ids=["0"], **MODELS)
    assert reports[1]["sentences"][0]["text"] == "ICE must enforce the law, the sheriff said."


def test_classify_frame_equals_cli_csv(cli, seed_text):
    expected = list(csv.DictReader(io.StringIO(cli("classify", SEED_ID, "--format", "csv"))))
    frame = stance.classify_frame(pd.DataFrame({"id": [SEED_ID], "text": [seed_text]}), id_col="id", **MODELS)
    assert len(frame) == len(expected)
    assert list(frame.columns) == list(expected[0].keys())
    for row, want in zip(frame.to_dict("records"), expected):
        for column, value in want.items():
            got = row[column]
            if got is None or (isinstance(got, float) and math.isnan(got)):
                got = ""
            elif isinstance(got, float):
                got = f"{got:.6f}"
            assert str(got) == value, f"row {want['index']}, {column}"


def test_abstain_below_marks_uncertain(seed_text):
    report = stance.classify(seed_text, abstain_below=0.99, **MODELS)
    labels = {s["stance"]["label"] for s in report["sentences"] if s["stance"]}
    assert "uncertain" in labels
