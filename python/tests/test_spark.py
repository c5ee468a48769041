"""The Spark example in local mode (local[2]) on 2,000+ articles built from
the seed article and the corpus: its rows equal `stance classify --format parquet`."""

import json
import os
import random
import shutil
import subprocess
import sys
import time

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, SEED_ARTICLE

pytest.importorskip("pyspark")
ARTICLES = 2000
EXAMPLE = ROOT / "examples" / "spark" / "classify_articles.py"


def build_articles(statements, n=ARTICLES):
    """`n` articles: every 50th the seed article; the rest 4-12 corpus
    sentences in 1-3 paragraphs, some with an attributed quote."""
    rng = random.Random(19)
    texts = statements["text"].tolist()
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    articles = []
    for i in range(n):
        if i % 50 == 0:
            text = seed
        else:
            sentences = rng.sample(texts, rng.randint(4, 12))
            if i % 3 == 0:
                sentences[0] = f'"{sentences[0].rstrip(".")}," the mayor said.'
            cut = sorted(rng.sample(range(1, len(sentences)), rng.randint(0, 2)))
            paragraphs = [" ".join(sentences[a:b]) for a, b in zip([0, *cut], [*cut, len(sentences)])]
            text = "\n\n".join(paragraphs)
        articles.append({"id": f"article-{i:05d}", "text": text})
    return articles


def sorted_table(path):
    table = pq.read_table(path)
    return table.sort_by([("source", "ascending"), ("index", "ascending")])


def test_spark_rows_equal_cli(statements, cli, tmp_path):
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java")
    articles = build_articles(statements)
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")

    started = time.perf_counter()
    cli("classify", source, "--format", "parquet", "--out", tmp_path / "cli.parquet")
    cli_seconds = time.perf_counter() - started

    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--master", "local[2]", "--input", str(source),
         "--output", str(tmp_path / "spark"), "--stance-model", str(ROOT / "models/stance.model"),
         "--sentiment-model", str(ROOT / "models/sentiment.model")],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    spark_seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-4000:]

    expected, actual = sorted_table(tmp_path / "cli.parquet"), sorted_table(tmp_path / "spark")
    assert actual.column_names == expected.column_names
    assert actual.num_rows == expected.num_rows > 5 * ARTICLES
    assert len(pc.unique(actual["source"])) == ARTICLES
    for name in expected.column_names:
        want, got = expected[name].combine_chunks(), actual[name].combine_chunks().cast(expected[name].type)
        if name.startswith("p_") or name.endswith("_confidence"):
            diff = pc.max(pc.abs(pc.subtract(got.fill_null(0), want.fill_null(0)))).as_py() or 0.0
            assert diff <= 1e-12, name
            assert got.null_count == want.null_count, name
        else:
            assert got.equals(want), name
    print(f"\n{ARTICLES} articles: CLI {cli_seconds:.1f} s, Spark local[2] {spark_seconds:.1f} s "
          f"(ratio {spark_seconds / cli_seconds:.2f})")
