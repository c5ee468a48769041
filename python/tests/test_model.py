"""Loading and predicting: the same labels and probabilities as `stance predict`."""

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import stance
from conftest import SENTIMENT_MODEL, STANCE_MODEL, STATEMENTS, jsonl


@pytest.fixture(scope="module")
def model():
    return stance.load(STANCE_MODEL)


def test_labels_and_card_match_inspect(model, cli):
    card = json.loads(cli("inspect", STANCE_MODEL, "--format", "json", "--top", "5"))
    assert model.labels == card["labels"] if "labels" in card else model.labels == sorted(model.labels)
    assert model.card(top=5) == card
    assert model.label_column == "stance"
    assert model.group_column is None
    assert model.path == str(STANCE_MODEL)


@pytest.mark.parametrize("model_path", [STANCE_MODEL, SENTIMENT_MODEL])
def test_predict_proba_equals_cli_on_csv(model_path, cli, statements):
    model = stance.load(model_path)
    rows = jsonl(cli("predict", "--model", model_path, "--input", STATEMENTS, "--format", "jsonl"))
    assert len(rows) == len(statements)
    probabilities = model.predict_proba(statements["text"])
    assert probabilities.shape == (len(statements), len(model.labels))
    assert probabilities.dtype == np.float64
    expected = np.array([[row["probabilities"][label] for label in model.labels] for row in rows])
    assert np.max(np.abs(probabilities - expected)) <= 1e-12
    assert model.predict(statements["text"]) == [row["label"] for row in rows]


def test_every_input_kind_gives_the_same_result(model, statements):
    texts = statements["text"].tolist()[:500]
    expected = model.predict_proba(texts)
    arrow = pa.array(texts)
    inputs = [
        pd.Series(texts),
        pd.Series(texts, dtype="string[pyarrow]") if hasattr(pd, "ArrowDtype") else pd.Series(texts),
        arrow,
        arrow.cast(pa.large_string()),
        pa.chunked_array([arrow[:200], arrow[200:]]),
        tuple(texts),
        (t for t in texts),
    ]
    for texts_in in inputs:
        assert np.array_equal(model.predict_proba(texts_in), expected)
    # A slice of an Arrow array starts at an offset into its buffers.
    assert np.array_equal(model.predict_proba(arrow[100:300]), expected[100:300])


def test_rows_sum_to_one_and_empty_input(model):
    p = model.predict_proba(["", "ICE", "Sanctuary cities protect immigrants."])
    assert np.allclose(p.sum(axis=1), 1.0)
    assert model.predict_proba([]).shape == (0, len(model.labels))
    assert model.predict([]) == []


def test_results_do_not_depend_on_batch(model, statements):
    texts = statements["text"].tolist()[:300]
    whole = model.predict_proba(texts)
    one_by_one = np.vstack([model.predict_proba([t]) for t in texts[:50]])
    assert np.array_equal(whole[:50], one_by_one)


def test_help_is_useful():
    assert "FileNotFoundError" in stance.load.__doc__
    assert ">>>" in stance.Model.predict_proba.__doc__
    assert "model.labels" in stance.Model.predict_proba.__doc__


def test_load_shared_loads_once(tmp_path):
    import shutil

    path = tmp_path / "s.model"
    shutil.copy(STANCE_MODEL, path)
    first = stance.load_shared(path)
    assert stance.load_shared(str(path)) is first
    with pytest.raises(FileNotFoundError):
        stance.load_shared(tmp_path / "missing.model")
