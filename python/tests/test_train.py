"""Training, saving and evaluating: the same models and reports as the CLI."""

import json

import numpy as np
import pytest

import stance
from conftest import STATEMENTS, jsonl

SETTINGS = dict(c=3.0, char_ngrams="2-4", min_df=2, class_weight="balanced")
# A third of the corpus: every code path of training, at a third of the time.
TRAIN_ROWS = 2000
CLI_SETTINGS = ["--c", "3", "--char-ngrams", "2-4", "--min-df", "2", "--class-weight", "balanced"]


@pytest.fixture(scope="module")
def subset(statements):
    return statements.head(TRAIN_ROWS)


@pytest.fixture(scope="module")
def trained(subset):
    return stance.train(subset["text"], subset["sentiment"], label_col="sentiment", **SETTINGS)


def test_train_equals_cli(trained, cli, subset, statements, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    data, path = folder / "subset.csv", folder / "sentiment.model"
    subset.to_csv(data, index=False)
    cli("train", "--data", data, "--label-col", "sentiment", "--out", path, "--quiet", *CLI_SETTINGS)
    reference = stance.load(path)
    assert trained.labels == reference.labels
    texts = statements["text"]
    assert np.max(np.abs(trained.predict_proba(texts) - reference.predict_proba(texts))) <= 1e-12
    assert trained.predict(texts) == reference.predict(texts)
    ours, theirs = trained.card(), reference.card()
    for key in ("labels", "features", "params", "tfidf", "text", "rows", "label_counts", "training_accuracy"):
        if key in theirs:
            assert ours[key] == theirs[key], key


def test_save_is_atomic_and_refuses_to_overwrite(trained, tmp_path, statements):
    path = tmp_path / "m.model"
    trained.save(path)
    assert trained.path == str(path)
    before = path.read_bytes()
    with pytest.raises(FileExistsError, match="already exists; pass force=True"):
        trained.save(path)
    assert path.read_bytes() == before
    trained.save(path, force=True)
    assert not [p for p in tmp_path.iterdir() if p.name != "m.model"], "no temporary file left behind"
    again = stance.load(path)
    texts = statements["text"][:200]
    assert np.array_equal(again.predict_proba(texts), trained.predict_proba(texts))
    with pytest.raises(IsADirectoryError):
        trained.save(tmp_path, force=True)


def test_evaluate_equals_cli_json(cli, statements):
    model_path = "models/stance.model"
    expected = json.loads(
        cli("evaluate", "--model", model_path, "--data", STATEMENTS, "--label-col", "stance", "--format", "json",
            "--bootstrap", "200", "--abstain-below", "0.6")
    )
    model = stance.load(model_path)
    actual = stance.evaluate(model, statements["text"], statements["stance"], bootstrap=200, abstain_below=0.6,
                             data_name=str(STATEMENTS))
    assert actual["model"] == model_path
    for key in expected:
        assert actual[key] == expected[key], key


def test_empty_texts_are_skipped_with_a_warning():
    texts = ["good news for everyone", "terrible awful news", "  ", "great day", "awful day"]
    labels = ["pos", "neg", "pos", "pos", "neg"]
    with pytest.warns(UserWarning, match="1 rows had empty text"):
        model = stance.train(texts, labels)
    assert model.card()["rows"] == 4 if "rows" in model.card() else True
    assert model.predict(["great news"]) == ["pos"]


def test_grouped_model_needs_groups():
    texts = ["yes a", "no a", "yes b", "no b", "yes yes a", "no no b"]
    labels = ["favor", "against", "favor", "against", "favor", "against"]
    groups = ["x", "x", "y", "y", "x", "y"]
    model = stance.train(texts, labels, groups=groups, group_col="target")
    assert model.group_column == "target"
    assert model.predict(["yes"], groups=["x"]) == ["favor"]
    with pytest.raises(ValueError, match="trained per 'target' group"):
        model.predict(["yes"])
    with pytest.raises(ValueError, match="no sub-model for group 'z'"):
        model.predict(["yes"], groups=["z"])
