"""Type stubs of the compiled part of ``stance``; use the ``stance`` package's API."""

from typing import Optional

import pyarrow

class ModelError(Exception):
    """A model file that is damaged, truncated, of an unknown version or not a stance model."""

class Model:
    @property
    def labels(self) -> list[str]: ...
    @property
    def label_column(self) -> str: ...
    @property
    def group_column(self) -> Optional[str]: ...
    @property
    def path(self) -> Optional[str]: ...
    def card_json(self, top: int = 15) -> str: ...
    def predict_arrays(
        self, texts: pyarrow.Array, groups: Optional[pyarrow.Array] = None
    ) -> tuple[pyarrow.UInt32Array, pyarrow.DoubleArray]: ...
    def save(self, path: str, force: bool = False) -> None: ...

class ArticleModels:
    def __init__(self, stance_model: Model, sentiment_model: Model) -> None: ...
    def classify_json(
        self, texts: pyarrow.Array, ids: pyarrow.Array, *, explain: int = 0, abstain_below: Optional[float] = None,
        no_context: bool = False,
    ) -> list[str]: ...
    def classify_batch(
        self,
        texts: pyarrow.Array,
        ids: pyarrow.Array,
        *,
        abstain_below: Optional[float] = None,
        no_context: bool = False,
    ) -> pyarrow.RecordBatch: ...

def load(path: str) -> Model: ...
def set_threads(threads: int) -> None: ...
def train(
    texts: pyarrow.Array,
    labels: pyarrow.Array,
    groups: Optional[pyarrow.Array] = None,
    *,
    label_col: str,
    text_col: str,
    group_col: Optional[str],
    c: float,
    max_iter: int,
    tol: float,
    solver: str,
    class_weight: str,
    word_ngrams: str,
    char_ngrams: Optional[str],
    target_features: bool,
    min_df: int,
    max_features: Optional[int],
    stem: bool,
    lowercase: bool,
    language: str,
) -> tuple[Model, int]: ...
def evaluate(
    model: Model,
    texts: pyarrow.Array,
    labels: pyarrow.Array,
    groups: Optional[pyarrow.Array] = None,
    *,
    metric: str,
    f_avg_classes: list[str],
    bootstrap: int,
    seed: int,
    errors: int,
    abstain_below: Optional[float],
    data_name: str,
) -> str: ...
