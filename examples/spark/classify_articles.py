"""Classify news articles on Spark: one output row per sentence.

Reads articles (Parquet, or JSON Lines with ``id`` and ``text``), classifies
them with the ``stance`` Python module inside ``mapInArrow`` (the models are
loaded once per worker process; articles travel in Arrow batches) and writes
one row per sentence as Parquet, with the columns of
``stance classify --format parquet``: source (the article id), index,
paragraph, start, end, char_start, char_end, kind, speaker, stance,
stance_confidence, p_stance_<label>..., sentiment, sentiment_confidence,
p_sentiment_<label>..., text.

Local run (``local[2]``)::

    python examples/spark/classify_articles.py --master 'local[2]' \\
        --input articles.jsonl --output sentences.parquet

On a cluster (see README, "Scaling out")::

    PYSPARK_PYTHON=./environment/bin/python spark-submit \\
        --conf spark.archives=stance-env.tar.gz#environment \\
        --files models/stance.model,models/sentiment.model \\
        examples/spark/classify_articles.py --input s3://bucket/articles/ --output s3://bucket/sentences/ \\
        --stance-model stance.model --sentiment-model sentiment.model
"""

from __future__ import annotations

import argparse
import os
import sys

import stance

def model_path(path: str) -> str:
    """``path`` as given, or the copy Spark shipped with ``--files``."""
    if os.path.exists(path):
        return path
    from pyspark import SparkFiles

    shipped = SparkFiles.get(os.path.basename(path))
    if os.path.exists(shipped):
        return shipped
    raise FileNotFoundError(f"model {path} is neither on this machine nor shipped with --files")


_threads_set = False


def use_task_cpus() -> None:
    """One stance thread per core the task was given (``spark.task.cpus``,
    default 1): Spark already runs one task per core, each in its own Python
    worker, so more threads per worker would only compete for the cores."""
    global _threads_set
    if _threads_set:
        return
    _threads_set = True
    from pyspark import TaskContext

    context = TaskContext.get()
    cpus = context.cpus() if context is not None else 1
    try:
        stance.set_threads(max(1, cpus))
    except RuntimeError:
        pass  # this worker already ran stance work with its own pool


def models(stance_path: str, sentiment_path: str):
    """The two models, loaded once per Python worker process (Spark reuses
    its Python workers from task to task; `load_shared` keeps the models)."""
    use_task_cpus()
    return stance.load_shared(model_path(stance_path)), stance.load_shared(model_path(sentiment_path))


def sentence_schema(stance_path: str, sentiment_path: str):
    """The Spark schema of the output, from the models' labels."""
    from pyspark.sql.pandas.types import from_arrow_schema

    empty = stance.classify_arrow([], [], stance_model=model_path(stance_path),
                                  sentiment_model=model_path(sentiment_path))
    return from_arrow_schema(empty.schema)


def classify_articles(spark, input_path: str, output_path: str, stance_path: str, sentiment_path: str,
                      mode: str = "errorifexists") -> None:
    from pyspark.sql import functions as F

    if input_path.endswith((".jsonl", ".json", ".ndjson")):
        # A schema given up front spares Spark a pass over the file to infer it.
        articles = spark.read.schema("id STRING, text STRING").json(input_path)
    else:
        articles = spark.read.parquet(input_path)
    missing = {"id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"{input_path}: no column {sorted(missing)}; articles need 'id' and 'text'")
    articles = articles.select(F.col("id").cast("string").alias("id"), F.coalesce(F.col("text"), F.lit("")).alias("text"))
    # A single input file is a single partition; spread it over every core.
    cores = spark.sparkContext.defaultParallelism
    if articles.rdd.getNumPartitions() < cores:
        articles = articles.repartition(cores)
    schema = sentence_schema(stance_path, sentiment_path)

    def classify_partition(batches):
        stance_model, sentiment_model = models(stance_path, sentiment_path)
        for batch in batches:
            yield stance.classify_arrow(
                batch.column("text"), batch.column("id"), stance_model=stance_model, sentiment_model=sentiment_model
            )

    articles.mapInArrow(classify_partition, schema).write.mode(mode).parquet(output_path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="Parquet file/folder or JSON Lines file with id and text")
    parser.add_argument("--output", required=True, help="Parquet folder to write (one row per sentence)")
    parser.add_argument("--stance-model", default="models/stance.model")
    parser.add_argument("--sentiment-model", default="models/sentiment.model")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: as spark-submit sets it)")
    parser.add_argument("--batch-rows", type=int, default=256, help="articles per Arrow batch")
    parser.add_argument("--force", action="store_true", help="replace the output folder if it exists")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("stance-classify-articles")
    if args.master:
        builder = builder.master(args.master)
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_rows))
    spark = builder.getOrCreate()
    try:
        classify_articles(spark, args.input, args.output, args.stance_model, args.sentiment_model,
                          mode="overwrite" if args.force else "errorifexists")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
