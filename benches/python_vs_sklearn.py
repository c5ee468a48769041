#!/usr/bin/env python3
"""`Model.predict_proba` from Python vs scikit-learn's fitted pipeline.

Both are trained on the SemEval-2017 sentiment train set with the same
configuration (scikit-learn's best measured one: word 1-2 + char_wb 2-5
TF-IDF, sublinear, min_df 2, logistic regression C=1, balanced classes), then
both predict probabilities for the 12,284 test tweets, read as a pandas
Series. Medians of several runs and their ratio are printed; the target is
stance >= 5x faster.

usage: python benches/python_vs_sklearn.py [--data DIR] [--runs 7] [--train-rows N]
DIR (default $STANCE_BENCHMARKS/semeval2017-sentiment, else
../shared/benchmarks/semeval2017-sentiment) holds train.csv and test.csv.
Needs the stance module, pandas and scikit-learn in the running Python
(e.g. `target/ci-venv/bin/pip install scikit-learn`). Exits 0 with a note
when the data or scikit-learn is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_data() -> Path:
    base = os.environ.get("STANCE_BENCHMARKS")
    base = Path(base) if base else ROOT.parent / "shared" / "benchmarks"
    return base / "semeval2017-sentiment"


def timed(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--train-rows", type=int, help="train on the first N rows only (quicker)")
    args = parser.parse_args()
    train_csv, test_csv = args.data / "train.csv", args.data / "test.csv"
    if not (train_csv.exists() and test_csv.exists()):
        print(f"skipped: {train_csv} or {test_csv} not found (pass --data DIR or set STANCE_BENCHMARKS)")
        return 0
    try:
        import numpy as np
        import pandas as pd
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline
    except ImportError as error:
        print(f"skipped: {error.name} is not installed here (pip install scikit-learn pandas)")
        return 0
    import stance

    train = pd.read_csv(train_csv, dtype=str, keep_default_na=False)
    test = pd.read_csv(test_csv, dtype=str, keep_default_na=False)
    if args.train_rows:
        train = train.head(args.train_rows)
    texts = test["text"]

    started = time.perf_counter()
    sk = Pipeline([
        ("features", FeatureUnion([
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        ])),
        ("lr", LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")),
    ]).fit(train["text"], train["sentiment"])
    sk_fit = time.perf_counter() - started

    started = time.perf_counter()
    model = stance.train(train["text"], train["sentiment"], label_col="sentiment", c=1.0, min_df=2,
                         word_ngrams="1-2", char_ngrams="2-5", class_weight="balanced")
    stance_fit = time.perf_counter() - started
    assert list(sk.classes_) == model.labels

    stance_median, stance_times = timed(lambda: model.predict_proba(texts), args.runs)
    sk_median, sk_times = timed(lambda: sk.predict_proba(texts), args.runs)
    ours, theirs = model.predict_proba(texts), sk.predict_proba(texts)
    agreement = float(np.mean(ours.argmax(axis=1) == theirs.argmax(axis=1)))
    gold = test["sentiment"].to_numpy()
    labels = np.asarray(model.labels)

    def macro_recall(predicted):
        return float(np.mean([np.mean(predicted[gold == label] == label) for label in labels]))

    result = {
        "test_texts": len(texts),
        "train_rows": len(train),
        "runs": args.runs,
        "threads": os.cpu_count(),
        "stance_predict_proba_median_s": round(stance_median, 4),
        "sklearn_predict_proba_median_s": round(sk_median, 4),
        "speedup": round(sk_median / stance_median, 2),
        "stance_texts_per_s": round(len(texts) / stance_median),
        "sklearn_texts_per_s": round(len(texts) / sk_median),
        "label_agreement": round(agreement, 4),
        "stance_macro_recall": round(macro_recall(labels[ours.argmax(axis=1)]) * 100, 2),
        "sklearn_macro_recall": round(macro_recall(labels[theirs.argmax(axis=1)]) * 100, 2),
        "stance_fit_s": round(stance_fit, 1),
        "sklearn_fit_s": round(sk_fit, 1),
        "stance_times_s": [round(t, 4) for t in stance_times],
        "sklearn_times_s": [round(t, 4) for t in sk_times],
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
