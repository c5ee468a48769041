//! `--format parquet` for `predict` and `classify`, and Parquet input for
//! `predict`: the files read back hold what the CSV output says.

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use assert_cmd::Command;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use std::path::Path;
use std::sync::Arc;

const SEED: &str = "data/articles/doj-sues-california.txt";

fn stance() -> Command {
    Command::cargo_bin("stance").unwrap()
}

fn read_parquet(path: &Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    arrow_select_concat(&batches)
}

/// The batches as one (the tests' files are small).
fn arrow_select_concat(batches: &[RecordBatch]) -> RecordBatch {
    let schema = batches[0].schema();
    let columns = (0..schema.fields().len())
        .map(|i| {
            let parts: Vec<&dyn Array> = batches.iter().map(|b| b.column(i).as_ref()).collect();
            arrow_select::concat::concat(&parts).unwrap()
        })
        .collect();
    RecordBatch::try_new(schema, columns).unwrap()
}

/// Column `name` as the CSV output writes it: text, whole numbers, or six decimals.
fn csv_cells(batch: &RecordBatch, name: &str) -> Vec<String> {
    let column = batch.column_by_name(name).unwrap_or_else(|| panic!("no column {name}"));
    (0..batch.num_rows())
        .map(|row| {
            if column.is_null(row) {
                return String::new();
            }
            match column.data_type() {
                DataType::Utf8 => column.as_string::<i32>().value(row).to_string(),
                DataType::Int64 => column.as_primitive::<Int64Type>().value(row).to_string(),
                DataType::Float64 => format!("{:.6}", column.as_primitive::<Float64Type>().value(row)),
                other => panic!("unexpected type {other}"),
            }
        })
        .collect()
}

/// Asserts the Parquet file holds the CSV text's header and cells.
fn assert_same_as_csv(batch: &RecordBatch, csv_text: &str) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let names: Vec<String> = batch.schema().fields().iter().map(|f| f.name().clone()).collect();
    assert_eq!(names, header);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(batch.num_rows(), records.len());
    for (i, name) in header.iter().enumerate() {
        let expected: Vec<&str> = records.iter().map(|r| &r[i]).collect();
        assert_eq!(csv_cells(batch, name), expected, "column {name}");
    }
}

#[test]
fn predict_parquet_equals_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("preds.parquet");
    let args = ["predict", "--model", "models/stance.model", "--input", "data/statements.csv", "--id-col", "id"];
    let csv_out = stance().args(args).output().unwrap();
    assert!(csv_out.status.success());
    stance().args(args).args(["--format", "parquet", "--out"]).arg(&out).assert().success();
    let batch = read_parquet(&out);
    assert_eq!(batch.num_rows(), 6240);
    assert_same_as_csv(&batch, &String::from_utf8(csv_out.stdout).unwrap());
    // Probabilities keep every bit: the rows sum to one.
    let sum: f64 = ["p_neutral", "p_pro-enforcement", "p_pro-sanctuary"]
        .iter()
        .map(|name| batch.column_by_name(name).unwrap().as_primitive::<Float64Type>().value(7))
        .sum();
    assert!((sum - 1.0).abs() < 1e-12);
    // An existing file needs --force.
    stance()
        .args(args)
        .args(["--format", "parquet", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicates::str::contains("already exists; pass --force"));
}

#[test]
fn predict_reads_parquet_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rows.parquet");
    let texts = ["ICE must enforce the law.", "", "Sanctuary cities keep families together.", "The vote is Tuesday."];
    let schema = Arc::new(Schema::new(vec![
        Field::new("key", DataType::Int64, false),
        Field::new("body", DataType::Utf8, true),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(arrow_array::Int64Array::from(vec![10, 20, 30, 40])),
        Arc::new(StringArray::from(vec![Some(texts[0]), None, Some(texts[2]), Some(texts[3])])),
    ];
    let mut writer = ArrowWriter::try_new(std::fs::File::create(&input).unwrap(), schema.clone(), None).unwrap();
    writer.write(&RecordBatch::try_new(schema, columns).unwrap()).unwrap();
    writer.close().unwrap();
    let csv_input = dir.path().join("rows.csv");
    let csv_text: String = std::iter::once("key,body\n".to_string())
        .chain(texts.iter().enumerate().map(|(i, t)| format!("{},\"{t}\"\n", (i + 1) * 10)))
        .collect();
    std::fs::write(&csv_input, csv_text).unwrap();
    let run = |input: &Path| {
        let out = stance()
            .args(["predict", "--model", "models/stance.model", "--text-col", "body", "--id-col", "key", "--input"])
            .arg(input)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let from_parquet = run(&input);
    assert_eq!(from_parquet, run(&csv_input));
    assert_eq!(from_parquet.lines().count(), 5);
    stance()
        .args(["predict", "--model", "models/stance.model", "--text-col", "text", "--input"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no column named 'text'; columns found: 'key', 'body'"));
}

#[test]
fn classify_parquet_equals_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sentences.parquet");
    let csv_out = stance().args(["classify", SEED, "--format", "csv"]).output().unwrap();
    assert!(csv_out.status.success());
    stance().args(["classify", SEED, "--format", "parquet", "--out"]).arg(&out).assert().success();
    let batch = read_parquet(&out);
    assert!(batch.num_rows() > 20);
    assert_same_as_csv(&batch, &String::from_utf8(csv_out.stdout).unwrap());
}

#[test]
fn parquet_needs_a_file() {
    stance()
        .args(["classify", SEED, "--format", "parquet"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format parquet writes a file: give --out FILE.parquet"));
    stance()
        .args(["predict", "--model", "models/stance.model", "--input", "data/statements.csv", "--format", "parquet"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format parquet writes a file: give --out FILE.parquet"));
    stance()
        .args(["classify", SEED, "--format", "csv", "--out", "x.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--out is for --format parquet"));
}
