//! Classifying many short texts: rows of a CSV or JSONL stream, each row one
//! unit (no sentence splitting), read and written in bounded batches so
//! memory stays flat however long the input is.

use crate::model::Prediction;
use crate::pipeline::{Classifier, ClassifyError};
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::Path;

/// Rows held in memory at once.
pub const BATCH_ROWS: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    Csv,
    Jsonl,
}

impl BatchFormat {
    /// `.jsonl`/`.ndjson`/`.json` are JSON Lines; anything else CSV.
    pub fn from_path(path: &Path) -> BatchFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl" | "ndjson" | "json") => BatchFormat::Jsonl,
            _ => BatchFormat::Csv,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{source_name}: no column named '{column}'; columns found: {found}")]
    MissingColumn { source_name: String, column: String, found: String },
    #[error("{source_name}, row {row}: {message}")]
    BadRow { source_name: String, row: usize, message: String },
    #[error("{source_name}, row {row}: {cause}")]
    Classify { source_name: String, row: usize, cause: ClassifyError },
    #[error("reading {source_name}: {cause}")]
    Read { source_name: String, cause: std::io::Error },
    #[error("writing output: {0}")]
    Write(#[from] std::io::Error),
    #[error("writing output: {0}")]
    WriteCsv(#[from] csv::Error),
}

/// Which fields of each input row to use.
#[derive(Debug, Clone)]
pub struct BatchColumns {
    pub text: String,
    pub group: Option<String>,
    pub id: Option<String>,
    /// CSV field delimiter (`b','` or, for `.tsv` files, `b'\t'`).
    pub delimiter: u8,
}

/// One input row.
struct Row {
    number: usize,
    id: Option<String>,
    group: Option<String>,
    text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    pub rows: usize,
    pub empty_text: usize,
}

/// Reads rows from `input`, classifies them, writes one output row per input row.
pub fn predict_stream(
    classifier: &Classifier,
    input: &mut dyn BufRead,
    source_name: &str,
    input_format: BatchFormat,
    columns: &BatchColumns,
    output: &mut dyn Write,
    output_format: BatchFormat,
) -> Result<BatchSummary, BatchError> {
    let encoder = RowEncoder { format: output_format, labels: classifier.labels() };
    output.write_all(&encoder.header(columns)?)?;
    let mut summary = BatchSummary::default();
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    let mut flush = |batch: &mut Vec<Row>, summary: &mut BatchSummary| {
        classify_batch(classifier, batch, source_name, &encoder, output, summary)
    };
    match input_format {
        BatchFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new().delimiter(columns.delimiter).from_reader(input);
            let headers = reader.headers().map_err(|e| bad_row(source_name, 0, e.to_string()))?.clone();
            let names: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
            let find = |column: &str| {
                names.iter().position(|n| n == column).ok_or_else(|| BatchError::MissingColumn {
                    source_name: source_name.to_string(),
                    column: column.to_string(),
                    found: names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", "),
                })
            };
            let text_index = find(&columns.text)?;
            let group_index = columns.group.as_deref().map(find).transpose()?;
            let id_index = columns.id.as_deref().map(find).transpose()?;
            for (offset, record) in reader.records().enumerate() {
                let number = offset + 1;
                let record = record.map_err(|e| bad_row(source_name, number, e.to_string()))?;
                let field = |index: Option<usize>| index.map(|i| record.get(i).unwrap_or("").to_string());
                batch.push(Row {
                    number,
                    id: field(id_index),
                    group: field(group_index),
                    text: record.get(text_index).unwrap_or("").to_string(),
                });
                if batch.len() == BATCH_ROWS {
                    flush(&mut batch, &mut summary)?;
                }
            }
        }
        BatchFormat::Jsonl => {
            let mut number = 0;
            for line in input.lines() {
                let line = line.map_err(|cause| BatchError::Read { source_name: source_name.to_string(), cause })?;
                if line.trim().is_empty() {
                    continue;
                }
                number += 1;
                batch.push(parse_json_row(&line, number, source_name, columns)?);
                if batch.len() == BATCH_ROWS {
                    flush(&mut batch, &mut summary)?;
                }
            }
        }
    }
    flush(&mut batch, &mut summary)?;
    output.flush()?;
    Ok(summary)
}

fn bad_row(source_name: &str, row: usize, message: String) -> BatchError {
    BatchError::BadRow { source_name: source_name.to_string(), row, message }
}

fn parse_json_row(line: &str, number: usize, source_name: &str, columns: &BatchColumns) -> Result<Row, BatchError> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| bad_row(source_name, number, format!("invalid JSON: {e}")))?;
    let object =
        value.as_object().ok_or_else(|| bad_row(source_name, number, "expected a JSON object per line".into()))?;
    let field = |name: &str| -> Result<Option<String>, BatchError> {
        match object.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(other @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => Ok(Some(other.to_string())),
            Some(_) => Err(bad_row(source_name, number, format!("field '{name}' must be a string"))),
        }
    };
    let text =
        field(&columns.text)?.ok_or_else(|| bad_row(source_name, number, format!("no '{}' field", columns.text)))?;
    let group = match columns.group.as_deref() {
        Some(g) => Some(field(g)?.ok_or_else(|| bad_row(source_name, number, format!("no '{g}' field")))?),
        None => None,
    };
    let id = match columns.id.as_deref() {
        Some(name) => field(name)?,
        None => None,
    };
    Ok(Row { number, id, group, text })
}

/// Rows one worker classifies and encodes at a time: few enough that both
/// workers stay busy to the end of a batch.
const CHUNK_ROWS: usize = 64;

/// Classifies and encodes `batch` in parallel, then writes it in order.
fn classify_batch(
    classifier: &Classifier,
    batch: &mut Vec<Row>,
    source_name: &str,
    encoder: &RowEncoder,
    output: &mut dyn Write,
    summary: &mut BatchSummary,
) -> Result<(), BatchError> {
    use rayon::prelude::*;
    let encoded: Vec<Vec<u8>> = batch
        .par_chunks(CHUNK_ROWS)
        .map(|rows| {
            let predictions = rows.iter().map(|row| {
                classifier.classify_in(row.group.as_deref(), &row.text).map_err(|cause| BatchError::Classify {
                    source_name: source_name.to_string(),
                    row: row.number,
                    cause,
                })
            });
            encoder.encode(rows.iter().zip(predictions))
        })
        .collect::<Result<_, _>>()?;
    for bytes in &encoded {
        output.write_all(bytes)?;
    }
    summary.rows += batch.len();
    summary.empty_text += batch.iter().filter(|row| row.text.trim().is_empty()).count();
    batch.clear();
    Ok(())
}

/// Output rows: `row, [id], [group], label, confidence, p_<label>...`.
struct RowEncoder<'a> {
    format: BatchFormat,
    labels: &'a [String],
}

impl RowEncoder<'_> {
    /// The CSV header line (nothing for JSON Lines).
    fn header(&self, columns: &BatchColumns) -> Result<Vec<u8>, BatchError> {
        if self.format == BatchFormat::Jsonl {
            return Ok(Vec::new());
        }
        let mut header = vec!["row".to_string()];
        header.extend(columns.id.iter().cloned());
        header.extend(columns.group.iter().cloned());
        header.extend(["label".to_string(), "confidence".to_string()]);
        header.extend(self.labels.iter().map(|l| format!("p_{l}")));
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(&header)?;
        csv.into_inner().map_err(|e| BatchError::Write(e.into_error()))
    }

    /// The output lines of `rows`, stopping at the first error.
    fn encode<'r>(
        &self,
        rows: impl Iterator<Item = (&'r Row, Result<Prediction, BatchError>)>,
    ) -> Result<Vec<u8>, BatchError> {
        match self.format {
            BatchFormat::Csv => {
                let mut csv = csv::Writer::from_writer(Vec::new());
                let mut field = String::new();
                for (row, prediction) in rows {
                    let prediction = prediction?;
                    let p = &prediction.probabilities;
                    field.clear();
                    let _ = write!(field, "{}", row.number);
                    csv.write_field(&field)?;
                    for text in row.id.iter().chain(&row.group).chain([&self.labels[prediction.label]]) {
                        csv.write_field(text)?;
                    }
                    for &probability in std::iter::once(&p[prediction.label]).chain(p) {
                        field.clear();
                        push_fixed6(&mut field, probability);
                        csv.write_field(&field)?;
                    }
                    csv.write_record(None::<&[u8]>)?;
                }
                csv.into_inner().map_err(|e| BatchError::Write(e.into_error()))
            }
            BatchFormat::Jsonl => {
                let mut lines = Vec::new();
                for (row, prediction) in rows {
                    let prediction = prediction?;
                    let p = &prediction.probabilities;
                    let object = serde_json::json!({
                        "row": row.number,
                        "id": row.id,
                        "group": row.group,
                        "label": self.labels[prediction.label],
                        "confidence": p[prediction.label],
                        "probabilities": self.labels.iter().zip(p).map(|(l, p)| (l.clone(), serde_json::json!(p))).collect::<serde_json::Map<String, serde_json::Value>>(),
                    });
                    serde_json::to_writer(&mut lines, &object).map_err(std::io::Error::other)?;
                    lines.push(b'\n');
                }
                Ok(lines)
            }
        }
    }
}

/// Appends `x` with six decimals, as `format!("{x:.6}")` writes it, without
/// its exact (and slow) path for the probabilities every row prints.
fn push_fixed6(out: &mut String, x: f64) {
    let scaled = x * 1e6;
    // Below 1e9 the product is within 1e-7 of the exact decimal value, so
    // only a fraction near one half can round otherwise: `format!` decides.
    let fraction = scaled - scaled.floor();
    // Writing to a String cannot fail.
    if !(0.0..1e9).contains(&scaled) || (fraction - 0.5).abs() < 1e-6 {
        let _ = write!(out, "{x:.6}");
        return;
    }
    let units = scaled.round() as u64;
    let _ = write!(out, "{}.{:06}", units / 1_000_000, units % 1_000_000);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::tests::toy_artifact;

    fn columns() -> BatchColumns {
        BatchColumns { text: "text".into(), group: None, id: Some("id".into()), delimiter: b',' }
    }

    /// Predicts CSV `input` to CSV with the toy model.
    fn csv_to_csv(classifier: &Classifier, input: &str, columns: &BatchColumns) -> (BatchSummary, String) {
        let mut out = Vec::new();
        let summary = predict_stream(
            classifier,
            &mut input.as_bytes(),
            "in.csv",
            BatchFormat::Csv,
            columns,
            &mut out,
            BatchFormat::Csv,
        )
        .unwrap();
        (summary, String::from_utf8(out).unwrap())
    }

    proptest::proptest! {
        #[test]
        fn six_decimals_as_format_writes_them(x in 0.0f64..=1.0, power in -12i32..4) {
            for x in [x, x * 10f64.powi(power), (x * 1e6).round() / 1e6, (x * 1e6).floor() / 1e6 + 5e-7] {
                let mut out = String::new();
                push_fixed6(&mut out, x);
                proptest::prop_assert_eq!(out, format!("{x:.6}"));
            }
        }
    }

    #[test]
    fn six_decimals_of_ties_and_edges() {
        for x in [0.0, 1.0, 0.0078125, 0.5, 1e-7, 5e-7, 0.9999995, 0.99999949, 123.4567895, 1e10, f64::NAN, -0.25] {
            let mut out = String::new();
            push_fixed6(&mut out, x);
            assert_eq!(out, format!("{x:.6}"), "{x}");
        }
    }

    #[test]
    fn csv_in_csv_out_one_row_per_input_row() {
        let classifier = Classifier::new(toy_artifact());
        let input = "id,text\n7,protect immigrant families\n8,\n9,deport criminal aliens\n";
        let (summary, text) = csv_to_csv(&classifier, input, &columns());
        assert_eq!(summary, BatchSummary { rows: 3, empty_text: 1 });
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "row,id,label,confidence,p_neutral,p_pro-enforcement,p_pro-sanctuary");
        assert!(lines[1].starts_with("1,7,pro-sanctuary,"), "{text}");
        assert!(lines[3].starts_with("3,9,pro-enforcement,"), "{text}");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn many_rows_come_out_in_input_order_with_their_own_predictions() {
        let classifier = Classifier::new(toy_artifact());
        let texts = ["protect immigrant families", "deport criminal aliens", "the council meets on Tuesday"];
        // Several chunks of CHUNK_ROWS rows, classified on different threads.
        let rows = CHUNK_ROWS * 5 + 3;
        let mut input = "id,text\n".to_string();
        for i in 0..rows {
            input.push_str(&format!("id{i},{} {i}\n", texts[i % texts.len()]));
        }
        let (summary, out) = csv_to_csv(&classifier, &input, &columns());
        assert_eq!(summary.rows, rows);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), rows);
        for (i, record) in records.iter().enumerate() {
            assert_eq!(&record[0], (i + 1).to_string(), "row number");
            assert_eq!(&record[1], format!("id{i}"), "id");
            let expected = classifier.classify(&format!("{} {i}", texts[i % texts.len()])).unwrap();
            assert_eq!(&record[2], classifier.labels()[expected.label], "label of row {i}");
            assert_eq!(&record[3], format!("{:.6}", expected.probabilities[expected.label]), "confidence of row {i}");
        }
    }

    #[test]
    fn reads_tab_separated_input() {
        let classifier = Classifier::new(toy_artifact());
        let input = "id\ttext\n1\tprotect immigrant families, now\n";
        let columns = BatchColumns { delimiter: b'\t', ..columns() };
        let (_, out) = csv_to_csv(&classifier, input, &columns);
        assert!(out.lines().nth(1).unwrap().starts_with("1,1,pro-sanctuary,"));
    }

    #[test]
    fn jsonl_in_jsonl_out_and_row_errors() {
        let classifier = Classifier::new(toy_artifact());
        let input = "{\"id\": 1, \"text\": \"the council meets on Tuesday\"}\n\n{\"text\": \"ICE raids must stop\"}\n";
        let mut out = Vec::new();
        predict_stream(
            &classifier,
            &mut input.as_bytes(),
            "in.jsonl",
            BatchFormat::Jsonl,
            &columns(),
            &mut out,
            BatchFormat::Jsonl,
        )
        .unwrap();
        let rows: Vec<serde_json::Value> =
            String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["id"], "1");
        assert_eq!(rows[0]["label"], "neutral");
        assert_eq!(rows[1]["row"], 2);

        let bad = "{\"text\": \"ok\"}\n{\"txt\": \"oops\"}\n";
        let err = predict_stream(
            &classifier,
            &mut bad.as_bytes(),
            "bad.jsonl",
            BatchFormat::Jsonl,
            &columns(),
            &mut Vec::new(),
            BatchFormat::Csv,
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "bad.jsonl, row 2: no 'text' field");
    }
}
