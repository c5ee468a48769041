"""stance: sentence-level stance and sentiment on US immigration enforcement.

The engine of the ``stance`` command line, in process: the same models,
the same results, without the GIL and in parallel.

Examples
--------
>>> import stance
>>> model = stance.load("models/stance.model")
>>> model.labels
['neutral', 'pro-enforcement', 'pro-sanctuary']
>>> model.predict(["ICE must enforce the law.", "Sanctuary cities keep families together."])
['pro-enforcement', 'pro-sanctuary']
>>> model.predict_proba(df["text"]).shape          # a pandas Series, list or pyarrow array
(1000, 3)
>>> report = stance.classify(open("data/articles/doj-sues-california.txt").read())
>>> frame = stance.classify_frame(articles_df, text_col="text", id_col="id")
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Iterable, Optional, Sequence, Union

from . import _native
from ._native import ModelError, set_threads

__all__ = [
    "Model",
    "ModelError",
    "load",
    "load_shared",
    "train",
    "evaluate",
    "classify",
    "classify_frame",
    "classify_arrow",
    "set_threads",
]

PathLike = Union[str, "os.PathLike[str]"]
DEFAULT_STANCE_MODEL = "models/stance.model"
DEFAULT_SENTIMENT_MODEL = "models/sentiment.model"


def _text_array(values: Any, what: str = "texts"):
    """``values`` as a pyarrow string array. Arrow arrays and pandas Series
    backed by Arrow pass through without copying; other Series and lists are
    converted by pyarrow (in C++, no new Python objects)."""
    import pyarrow as pa

    if isinstance(values, (str, bytes)):
        raise TypeError(f"{what} must be a list, pandas Series or pyarrow array of strings, not one string")
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if not isinstance(values, pa.Array):
        module = type(values).__module__
        if module.startswith("pandas"):
            values = pa.Array.from_pandas(values)
        else:
            if not isinstance(values, (list, tuple)):
                values = list(values)
            try:
                values = pa.array(values, type=pa.large_string())
            except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
                raise TypeError(f"{what} must hold strings: {error}") from None
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    if pa.types.is_null(values.type):
        values = values.cast(pa.string())
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)
            or getattr(pa.types, "is_string_view", lambda _: False)(values.type)):
        raise TypeError(f"{what} must hold strings, got values of type {values.type}")
    return values


class Model:
    """A trained model: load one with :func:`load`, or train one with :func:`train`.

    Examples
    --------
    >>> model = stance.load("models/stance.model")
    >>> model.predict(["Sanctuary policies protect victims who report crimes."])
    ['pro-sanctuary']
    >>> model.predict_proba(["..."])        # columns follow model.labels
    array([[0.12, 0.05, 0.83]])
    """

    __slots__ = ("_model",)

    def __init__(self, native: "_native.Model"):
        self._model = native

    @property
    def labels(self) -> list[str]:
        """The labels, sorted; the columns of :meth:`predict_proba` follow this order."""
        return self._model.labels

    @property
    def label_column(self) -> str:
        """The column the model learned (``stance``, ``sentiment``, ...)."""
        return self._model.label_column

    @property
    def group_column(self) -> Optional[str]:
        """For a model trained per group (``--group-col``), the group column; else None."""
        return self._model.group_column

    @property
    def path(self) -> Optional[str]:
        """The file the model was loaded from or last saved to."""
        return self._model.path

    def card(self, top: int = 15) -> dict:
        """The model card of ``stance inspect --format json``: how the model was
        trained, its scores and its ``top`` strongest features per label."""
        if top < 0:
            raise ValueError(f"top must be a whole number of at least 0, got {top}")
        return json.loads(self._model.card_json(top))

    def _predict(self, texts, groups):
        import numpy as np

        texts = _text_array(texts)
        groups = None if groups is None else _text_array(groups, "groups")
        labels, probabilities = self._model.predict_arrays(texts, groups)
        k = len(self._model.labels)
        matrix = probabilities.to_numpy(zero_copy_only=True).reshape(len(texts), k)
        return labels.to_numpy(zero_copy_only=True), matrix

    def predict(self, texts, groups=None) -> list[str]:
        """The predicted label of each text.

        ``texts`` is a list of str, a pandas Series or a pyarrow string array;
        ``groups`` gives each text's group for a model trained per group.

        >>> model.predict(["ICE agents arrested 40 people.", "The city will not cooperate."])
        ['neutral', 'pro-sanctuary']
        """
        import numpy as np

        positions, _ = self._predict(texts, groups)
        return np.asarray(self._model.labels, dtype=object)[positions].tolist()

    def predict_proba(self, texts, groups=None):
        """Every label's probability for each text: a float64 numpy array of
        shape (len(texts), len(model.labels)), columns in ``model.labels`` order.

        >>> model.predict_proba(pd.Series(["Deport them all."])).round(3)
        array([[0.02 , 0.951, 0.029]])
        """
        return self._predict(texts, groups)[1]

    def save(self, path: PathLike, force: bool = False) -> None:
        """Writes the model atomically (an interrupted save leaves any previous
        file intact); an existing file is replaced only with ``force=True``."""
        self._model.save(os.fspath(path), force)

    def __repr__(self) -> str:
        return repr(self._model)


def load(path: PathLike) -> Model:
    """Loads a model file written by ``stance train`` or :meth:`Model.save`.

    Raises ``FileNotFoundError`` when the file is missing and
    :class:`ModelError` when it is damaged, truncated, of an unknown format
    version or not a model.

    >>> model = stance.load("models/stance.model")
    >>> model.labels
    ['neutral', 'pro-enforcement', 'pro-sanctuary']
    """
    return Model(_native.load(os.fspath(path)))


_shared_models: dict = {}


def load_shared(path: PathLike) -> Model:
    """Like :func:`load`, but loads each file once per process: later calls
    with the same unchanged file return the same :class:`Model`. Meant for
    worker processes (Spark's ``mapInArrow``, multiprocessing pools) that
    call into stance once per batch.

    >>> model = stance.load_shared("models/stance.model")
    >>> model is stance.load_shared("models/stance.model")
    True
    """
    path = os.fspath(path)
    try:
        stat = os.stat(path)
        key = (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return load(path)  # raises the error of a missing or unreadable file
    model = _shared_models.get(key)
    if model is None:
        model = _shared_models[key] = load(path)
    return model


def _ngrams(value, name: str) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    low, high = value
    return f"{low}-{high}"


def train(
    texts,
    labels,
    *,
    groups=None,
    label_col: str = "label",
    text_col: str = "text",
    group_col: Optional[str] = None,
    c: float = 10.0,
    max_iter: int = 1000,
    tol: float = 1e-4,
    solver: str = "sparse",
    class_weight: str = "none",
    word_ngrams: Union[str, tuple] = "1-2",
    char_ngrams: Union[str, tuple, None] = None,
    target_features: bool = False,
    min_df: int = 1,
    max_features: Optional[int] = None,
    stem: bool = True,
    lowercase: bool = True,
    language: str = "english",
) -> Model:
    """Trains a model, as ``stance train`` does, with the same settings,
    defaults and validation (``c``, ``max_iter``, ``tol``, ``solver``,
    ``class_weight``, ``word_ngrams``, ``char_ngrams``, ``target_features``, ``min_df``,
    ``max_features``, ``stem``, ``lowercase``, ``language``). Texts and labels
    are trimmed; rows with empty text are skipped with a warning.

    ``groups`` (with ``group_col`` naming it) trains one sub-model per group.
    ``label_col``/``text_col`` are the names recorded in the model.

    >>> model = stance.train(df["text"], df["stance"], label_col="stance", c=10, char_ngrams=(2, 5))
    >>> model.save("my.model")
    """
    if groups is not None and group_col is None:
        group_col = "group"
    native, skipped = _native.train(
        _text_array(texts),
        _text_array(labels, "labels"),
        None if groups is None else _text_array(groups, "groups"),
        label_col=label_col,
        text_col=text_col,
        group_col=group_col,
        c=float(c),
        max_iter=int(max_iter),
        tol=float(tol),
        solver=solver,
        class_weight=class_weight,
        word_ngrams=_ngrams(word_ngrams, "word_ngrams"),
        char_ngrams=_ngrams(char_ngrams, "char_ngrams"),
        target_features=bool(target_features),
        min_df=int(min_df),
        max_features=None if max_features is None else int(max_features),
        stem=bool(stem),
        lowercase=bool(lowercase),
        language=language,
    )
    if skipped:
        warnings.warn(f"{skipped} rows had empty text and were skipped", stacklevel=2)
    return Model(native)


def evaluate(
    model: Model,
    texts,
    labels,
    *,
    groups=None,
    metric: str = "macro-f1",
    f_avg_classes: Sequence[str] = (),
    bootstrap: int = 1000,
    seed: int = 42,
    errors: int = 10,
    abstain_below: Optional[float] = None,
    data_name: str = "<python>",
) -> dict:
    """Scores ``model`` on labeled texts: the structure of
    ``stance evaluate --format json`` (metrics per class, bootstrap intervals,
    calibration, the most confident mistakes, abstention).

    >>> report = stance.evaluate(model, test["text"], test["stance"], bootstrap=0)
    >>> report["evaluation"]["accuracy"]
    0.83
    """
    report = _native.evaluate(
        model._model,
        _text_array(texts),
        _text_array(labels, "labels"),
        None if groups is None else _text_array(groups, "groups"),
        metric=metric,
        f_avg_classes=list(f_avg_classes),
        bootstrap=int(bootstrap),
        seed=int(seed),
        errors=int(errors),
        abstain_below=abstain_below,
        data_name=data_name,
    )
    return json.loads(report)


def _model_for(value, role: str) -> Model:
    if isinstance(value, Model):
        return value
    path = os.fspath(value)
    if not os.path.exists(path) and not os.path.isabs(path):
        raise FileNotFoundError(
            f"the {role} model {path} does not exist here; run from the repository root "
            f"or pass {role}_model="
        )
    return load(path)


_article_models_cache: dict = {}


def _article_models(stance_model, sentiment_model) -> "_native.ArticleModels":
    """The two models ready for articles; kept for the next call with the same models."""
    stance_m = _model_for(stance_model, "stance")
    sentiment_m = _model_for(sentiment_model, "sentiment")
    key = (id(stance_m._model), id(sentiment_m._model))
    cached = _article_models_cache.get("last")
    if cached is not None and cached[0] == key:
        return cached[2]
    models = _native.ArticleModels(stance_m._model, sentiment_m._model)
    # The Model objects are kept so their ids stay theirs.
    _article_models_cache["last"] = (key, (stance_m, sentiment_m), models)
    return models


def _ids_for(ids, n: int):
    import pyarrow as pa

    if ids is None:
        return pa.array([str(i) for i in range(n)], type=pa.string())
    array = pa.array(list(ids)) if not isinstance(ids, (pa.Array, pa.ChunkedArray)) and not type(ids).__module__.startswith("pandas") else ids
    if type(array).__module__.startswith("pandas"):
        array = pa.Array.from_pandas(array)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        array = array.cast(pa.string())
    return array


def classify(
    texts: Union[str, Iterable[str]],
    *,
    stance_model: Union[PathLike, Model] = DEFAULT_STANCE_MODEL,
    sentiment_model: Union[PathLike, Model] = DEFAULT_SENTIMENT_MODEL,
    ids=None,
    explain: int = 0,
    abstain_below: Optional[float] = None,
    no_context: bool = False,
) -> Union[dict, list]:
    """Classifies each sentence of an article (or of each article in a list):
    stance, sentiment and speaker, and sums each article up. Returns the
    structure of ``stance classify --format json``: a dict for one text, a
    list of dicts for a list. ``no_context=True`` labels each sentence alone,
    as ``--no-context`` does. ``ids`` name the articles (the ``source``
    field; default: their positions, ``"0"``, ``"1"``, ...).

    >>> report = stance.classify(open("data/articles/doj-sues-california.txt").read())
    >>> report["summary"]["stance_counts"]
    {'neutral': 6, 'pro-enforcement': 5, 'pro-sanctuary': 8}
    >>> [s["stance"]["label"] for s in report["sentences"][:2]]
    ['neutral', 'pro-sanctuary']
    """
    single = isinstance(texts, str)
    array = _text_array([texts] if single else texts)
    if explain < 0:
        raise ValueError(f"explain must be a whole number of at least 0, got {explain}")
    models = _article_models(stance_model, sentiment_model)
    lines = models.classify_json(
        array, _ids_for(ids, len(array)), explain=explain, abstain_below=abstain_below, no_context=no_context
    )
    reports = [json.loads(line) for line in lines]
    return reports[0] if single else reports


def classify_arrow(
    texts,
    ids=None,
    *,
    stance_model: Union[PathLike, Model] = DEFAULT_STANCE_MODEL,
    sentiment_model: Union[PathLike, Model] = DEFAULT_SENTIMENT_MODEL,
    abstain_below: Optional[float] = None,
    no_context: bool = False,
):
    """One row per unit of every article, as a pyarrow RecordBatch with the
    schema of ``stance classify --format parquet`` (see the README)."""
    array = _text_array(texts)
    models = _article_models(stance_model, sentiment_model)
    return models.classify_batch(
        array, _ids_for(ids, len(array)), abstain_below=abstain_below, no_context=no_context
    )


def classify_frame(
    df,
    text_col: str = "text",
    id_col: Optional[str] = None,
    *,
    stance_model: Union[PathLike, Model] = DEFAULT_STANCE_MODEL,
    sentiment_model: Union[PathLike, Model] = DEFAULT_SENTIMENT_MODEL,
    abstain_below: Optional[float] = None,
    no_context: bool = False,
):
    """Classifies the articles in ``df[text_col]``; returns a pandas DataFrame
    with one row per sentence (the columns of ``classify --format parquet``).
    ``source`` is the article's ``id_col`` value, or its index label.

    >>> frame = stance.classify_frame(pd.DataFrame({"id": ["a"], "text": [article]}), id_col="id")
    >>> frame[["source", "index", "speaker", "stance", "sentiment"]].head()
    """
    if text_col not in df.columns:
        raise KeyError(f"no column named '{text_col}'; columns found: {', '.join(map(str, df.columns))}")
    if id_col is not None and id_col not in df.columns:
        raise KeyError(f"no column named '{id_col}'; columns found: {', '.join(map(str, df.columns))}")
    ids = df[id_col] if id_col is not None else df.index.astype(str)
    batch = classify_arrow(
        df[text_col],
        ids,
        stance_model=stance_model,
        sentiment_model=sentiment_model,
        abstain_below=abstain_below,
        no_context=no_context,
    )
    return batch.to_pandas()
