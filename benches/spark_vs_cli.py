"""Articles/s through the Spark example (local[T]) vs `stance classify` on the same file.

    bash .ci/python.sh                               # the venv, the module (profile python)
    cargo build --profile python --bin stance        # the CLI, built the same way
    target/ci-venv/bin/python benches/spark_vs_cli.py --articles 20000 --threads 2 --repeat 2

Builds N articles (as python/tests/test_spark.py does: the seed article and
corpus sentences), writes them as JSON Lines, then times, in this order:

- the CLI: `stance classify --format parquet --threads T` (median of --repeat runs);
- the module alone: `stance.classify_arrow` over the same articles in batches
  of --batch-rows, T threads, no Spark (what Spark's workers do, without Spark);
- Spark, in a fresh process: JVM and session startup, the first job (Python
  workers start and load the models), then --repeat more jobs on the warm session.

Prints each throughput and the ratios CLI/Spark with and without Spark's fixed
startup. The Python environment needs pyspark, pyarrow, pandas and the module
(`bash .ci/python.sh` makes one in target/ci-venv).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python" / "tests"))
sys.path.insert(0, str(ROOT / "examples" / "spark"))

SPARK_RUN = r"""
import json, sys, time
started = time.perf_counter()
from pyspark.sql import SparkSession
import classify_articles as example
source, out, threads, batch_rows, repeat = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
spark = (SparkSession.builder.appName("stance-bench").master(f"local[{threads}]")
         .config("spark.sql.execution.arrow.maxRecordsPerBatch", batch_rows)
         .config("spark.ui.enabled", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
ready = time.perf_counter()
jobs = []
for i in range(1 + repeat):
    t = time.perf_counter()
    example.classify_articles(spark, source, f"{out}/run{i}", "models/stance.model", "models/sentiment.model")
    jobs.append(time.perf_counter() - t)
rows = spark.read.parquet(f"{out}/run0").count()
spark.stop()
print(json.dumps({"startup": ready - started, "jobs": jobs, "rows": rows}))
"""

MODULE_RUN = r"""
import json, sys, time
import pyarrow as pa, pyarrow.json as pj
import stance
source, threads, batch_rows, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stance.set_threads(threads)
table = pj.read_json(source)
texts, ids = table["text"].combine_chunks(), table["id"].combine_chunks()
stance_model, sentiment_model = stance.load("models/stance.model"), stance.load("models/sentiment.model")
runs = []
for _ in range(repeat):
    t = time.perf_counter()
    rows = 0
    for start in range(0, len(texts), batch_rows):
        batch = stance.classify_arrow(texts.slice(start, batch_rows), ids.slice(start, batch_rows),
                                      stance_model=stance_model, sentiment_model=sentiment_model)
        rows += batch.num_rows
    runs.append(time.perf_counter() - t)
print(json.dumps({"runs": runs, "rows": rows}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--threads", type=int, default=2, help="CLI --threads, module threads and local[T]")
    parser.add_argument("--batch-rows", type=int, default=256, help="articles per Arrow batch")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", default=str(ROOT / "target" / "python" / "stance"), help="stance binary")
    args = parser.parse_args()

    import pandas as pd
    from test_spark import build_articles

    statements = pd.read_csv(ROOT / "data" / "statements.csv", dtype=str, keep_default_na=False)
    articles = build_articles(statements, args.articles)
    work = Path(tempfile.mkdtemp(prefix="stance-spark-bench-"))
    source = work / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    n = len(articles)
    print(f"{n} articles ({source.stat().st_size / 1e6:.1f} MB) in {work}; {args.threads} threads, "
          f"{args.batch_rows} articles per Arrow batch")

    cli_runs = []
    for i in range(args.repeat):
        t = time.perf_counter()
        subprocess.run([args.cli, "classify", str(source), "--format", "parquet", "--out", str(work / f"cli{i}.parquet"),
                        "--threads", str(args.threads)], cwd=ROOT, check=True)
        cli_runs.append(time.perf_counter() - t)
    cli = statistics.median(cli_runs)

    done = subprocess.run([sys.executable, "-c", MODULE_RUN, str(source), str(args.threads), str(args.batch_rows),
                           str(args.repeat)], cwd=ROOT, check=True, capture_output=True, text=True)
    module = statistics.median(json.loads(done.stdout.splitlines()[-1])["runs"])

    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
               PYTHONPATH=os.pathsep.join([str(ROOT / "examples" / "spark"), os.environ.get("PYTHONPATH", "")]))
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", SPARK_RUN, str(source), str(work / "spark"), str(args.threads),
                           str(args.batch_rows), str(args.repeat)], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    spark_total = time.perf_counter() - t
    spark = json.loads(done.stdout.splitlines()[-1])
    first, warm = spark["jobs"][0], statistics.median(spark["jobs"][1:])

    def line(name: str, seconds: float) -> None:
        print(f"{name:<52} {seconds:8.2f} s {n / seconds:9.0f} articles/s   x{seconds / cli:.2f} of the CLI")

    line("CLI classify --format parquet (median)", cli)
    line("module classify_arrow, no Spark (median)", module)
    line("Spark: whole process (JVM, session, first job)", spark_total)
    line("Spark: first job (workers start, models load)", first)
    line("Spark: warm job, steady state (median)", warm)
    print(f"Spark fixed startup: {spark['startup']:.1f} s session + {first - warm:.1f} s first-job extra; "
          f"{spark['rows']} sentence rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
