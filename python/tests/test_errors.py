"""Every error is a Python exception carrying the CLI's message; nothing panics."""

import shutil

import pytest

import stance
from conftest import SENTIMENT_MODEL, STANCE_MODEL


@pytest.fixture
def model_copy(tmp_path):
    path = tmp_path / "copy.model"
    shutil.copy(STANCE_MODEL, path)
    return path


def test_missing_model_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="cannot read model file .*missing.model"):
        stance.load(tmp_path / "missing.model")


def test_damaged_model(model_copy):
    data = bytearray(model_copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model_copy.write_bytes(bytes(data))
    with pytest.raises(stance.ModelError, match="is damaged: its checksum does not match"):
        stance.load(model_copy)


def test_truncated_model(model_copy):
    data = model_copy.read_bytes()
    model_copy.write_bytes(data[: len(data) - 100])
    with pytest.raises(stance.ModelError, match="is truncated"):
        stance.load(model_copy)


def test_not_a_model(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not a model at all, but long enough to have a header")
    with pytest.raises(stance.ModelError, match="is not a stance model file"):
        stance.load(path)


def test_model_error_is_an_exception_class():
    assert issubclass(stance.ModelError, Exception)


@pytest.mark.parametrize(
    "settings, message",
    [
        (dict(c=0), "--c must be a positive number"),
        (dict(c=float("nan")), "--c must be a positive number"),
        (dict(tol=-1), "--tol must be a positive number"),
        (dict(max_iter=0), "max_iter must be a whole number of at least 1, got 0"),
        (dict(min_df=0), "min_df must be a whole number of at least 1, got 0"),
        (dict(max_features=0), "max_features must be a whole number of at least 1, got 0"),
        (dict(solver="newton"), "solver: "),
        (dict(class_weight="heavy"), "class_weight: "),
        (dict(word_ngrams="3-1"), "word_ngrams: "),
        (dict(language="klingon"), "language: "),
        (dict(solver="linfa", class_weight="balanced"), "linfa solver does not support"),
        (dict(class_weight="nope=2"), "not in the training data"),
    ],
)
def test_train_settings_are_validated(settings, message):
    with pytest.raises(ValueError, match=message):
        stance.train(["good day", "bad day"], ["pos", "neg"], **settings)


def test_train_data_errors():
    with pytest.raises(ValueError, match="need at least two distinct labels"):
        stance.train(["a", "b"], ["x", "x"])
    with pytest.raises(ValueError, match="texts has 2 values but labels has 1"):
        stance.train(["a", "b"], ["x"])
    with pytest.raises(ValueError, match=r"labels\[1\] is empty"):
        stance.train(["a", "b"], ["x", " "])
    with pytest.raises(ValueError, match="no training rows"):
        stance.train(["", " "], ["x", "y"])


def test_bad_texts():
    model = stance.load(STANCE_MODEL)
    with pytest.raises(ValueError, match=r"texts\[1\] is missing"):
        model.predict(["fine", None])
    with pytest.raises(TypeError, match="must hold strings"):
        model.predict([1, 2])
    with pytest.raises(TypeError, match="not one string"):
        model.predict("one text")
    with pytest.raises(ValueError, match="texts has 1 values but groups has 2"):
        model.predict(["a"], groups=["x", "y"])


def test_evaluate_errors():
    model = stance.load(STANCE_MODEL)
    texts, labels = ["ICE raids", "sanctuary now"], ["neutral", "pro-sanctuary"]
    with pytest.raises(ValueError, match="bootstrap must be 0 .* got 50"):
        stance.evaluate(model, texts, labels, bootstrap=50)
    with pytest.raises(ValueError, match="metric"):
        stance.evaluate(model, texts, labels, metric="precision")
    with pytest.raises(ValueError, match="f_avg_classes names 'favor', which is not a label"):
        stance.evaluate(model, texts, labels, metric="f-avg", f_avg_classes=["favor"])
    with pytest.raises(ValueError, match="not a probability"):
        stance.evaluate(model, texts, labels, abstain_below=1.5)


def test_classify_errors(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="predicts 'sentiment', but it was given as the stance model"):
        stance.classify("text", stance_model=SENTIMENT_MODEL, sentiment_model=STANCE_MODEL)
    with pytest.raises(ValueError, match="not a probability"):
        stance.classify("text", stance_model=STANCE_MODEL, sentiment_model=SENTIMENT_MODEL, abstain_below=-0.1)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="the stance model models/stance.model does not exist here"):
        stance.classify("text")
    grouped = stance.train(["yes a", "no a", "yes b", "no b"], ["f", "a", "f", "a"], groups=["x", "x", "y", "y"],
                           label_col="stance", group_col="target")
    with pytest.raises(ValueError, match="trained per 'target' group and cannot classify articles"):
        stance.classify("text", stance_model=grouped, sentiment_model=SENTIMENT_MODEL)


def test_set_threads_bounds():
    with pytest.raises(ValueError, match="between 1 and 256"):
        stance.set_threads(0)
