"""A million texts through `predict_proba`, streamed in chunks: memory stays
bounded (peak RSS growth), whatever the total."""

import resource
import sys

import numpy as np
import pyarrow as pa

import stance
from conftest import STANCE_MODEL, STATEMENTS

TOTAL = 1_000_000
CHUNK = 50_000


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def chunks(texts):
    """TOTAL texts, CHUNK at a time, built from the corpus (each chunk a fresh Arrow array)."""
    base = pa.array(texts)
    for start in range(0, TOTAL, CHUNK):
        idx = pa.array(np.arange(start, start + CHUNK) % len(texts))
        yield base.take(idx)


def test_million_texts_in_bounded_memory(statements):
    model = stance.load(STANCE_MODEL)
    texts = statements["text"].tolist()
    # Warm up: the first chunk allocates the caches and thread stacks.
    stream = chunks(texts)
    first = next(stream)
    counts = np.bincount(model.predict_proba(first).argmax(axis=1), minlength=len(model.labels))
    baseline = peak_rss_mb()
    seen = len(first)
    for chunk in stream:
        counts += np.bincount(model.predict_proba(chunk).argmax(axis=1), minlength=len(model.labels))
        seen += len(chunk)
    growth = peak_rss_mb() - baseline
    assert seen == TOTAL and counts.sum() == TOTAL
    # One chunk of texts and probabilities is a few MB; all of them would be hundreds.
    assert growth < 64, f"peak RSS grew by {growth:.1f} MB over {TOTAL} texts"
