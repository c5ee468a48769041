//! Classifying many short texts: rows of a CSV or JSONL stream, each row one
//! unit (no sentence splitting), read and written in bounded batches so
//! memory stays flat however long the input is.

use crate::pipeline::{Classifier, ClassifyError};
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
    let mut writer = OutputWriter::new(output, output_format, classifier.labels(), columns)?;
    let mut summary = BatchSummary::default();
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    let flush = |batch: &mut Vec<Row>, writer: &mut OutputWriter, summary: &mut BatchSummary| {
        classify_batch(classifier, batch, source_name, writer, summary)
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
                    flush(&mut batch, &mut writer, &mut summary)?;
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
                    flush(&mut batch, &mut writer, &mut summary)?;
                }
            }
        }
    }
    flush(&mut batch, &mut writer, &mut summary)?;
    writer.finish()?;
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

fn classify_batch(
    classifier: &Classifier,
    batch: &mut Vec<Row>,
    source_name: &str,
    writer: &mut OutputWriter,
    summary: &mut BatchSummary,
) -> Result<(), BatchError> {
    use rayon::prelude::*;
    let predictions: Vec<_> = batch
        .par_iter()
        .map(|row| {
            classifier.classify_in(row.group.as_deref(), &row.text).map_err(|cause| BatchError::Classify {
                source_name: source_name.to_string(),
                row: row.number,
                cause,
            })
        })
        .collect::<Result<_, _>>()?;
    for (row, prediction) in batch.iter().zip(predictions) {
        summary.rows += 1;
        if row.text.trim().is_empty() {
            summary.empty_text += 1;
        }
        writer.write(row, &prediction.probabilities, prediction.label)?;
    }
    batch.clear();
    Ok(())
}

/// Output rows: `row, [id], [group], label, confidence, p_<label>...`.
struct OutputWriter<'a> {
    format: BatchFormat,
    labels: Vec<String>,
    csv: Option<csv::Writer<&'a mut dyn Write>>,
    raw: Option<&'a mut dyn Write>,
}

impl<'a> OutputWriter<'a> {
    fn new(
        output: &'a mut dyn Write,
        format: BatchFormat,
        labels: &[String],
        columns: &BatchColumns,
    ) -> Result<Self, BatchError> {
        let labels = labels.to_vec();
        match format {
            BatchFormat::Csv => {
                let mut csv = csv::Writer::from_writer(output);
                let mut header = vec!["row".to_string()];
                if let Some(id) = &columns.id {
                    header.push(id.clone());
                }
                if let Some(group) = &columns.group {
                    header.push(group.clone());
                }
                header.extend(["label".to_string(), "confidence".to_string()]);
                header.extend(labels.iter().map(|l| format!("p_{l}")));
                csv.write_record(&header)?;
                Ok(OutputWriter { format, labels, csv: Some(csv), raw: None })
            }
            BatchFormat::Jsonl => Ok(OutputWriter { format, labels, csv: None, raw: Some(output) }),
        }
    }

    fn write(&mut self, row: &Row, probabilities: &[f64], label: usize) -> Result<(), BatchError> {
        match (self.format, self.csv.as_mut(), self.raw.as_mut()) {
            (BatchFormat::Csv, Some(csv), _) => {
                let mut record = vec![row.number.to_string()];
                record.extend(row.id.iter().cloned());
                record.extend(row.group.iter().cloned());
                record.push(self.labels[label].clone());
                record.push(format!("{:.6}", probabilities[label]));
                record.extend(probabilities.iter().map(|p| format!("{p:.6}")));
                csv.write_record(&record)?;
            }
            (_, _, Some(raw)) => {
                let object = serde_json::json!({
                    "row": row.number,
                    "id": row.id,
                    "group": row.group,
                    "label": self.labels[label],
                    "confidence": probabilities[label],
                    "probabilities": self.labels.iter().zip(probabilities).map(|(l, p)| (l.clone(), serde_json::json!(p))).collect::<serde_json::Map<String, serde_json::Value>>(),
                });
                // Serialised first, so a closed output shows up as an io::Error of its own kind.
                let mut line = serde_json::to_vec(&object).map_err(std::io::Error::other)?;
                line.push(b'\n');
                raw.write_all(&line)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), BatchError> {
        if let Some(csv) = self.csv.as_mut() {
            csv.flush()?;
        }
        if let Some(raw) = self.raw.as_mut() {
            raw.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::tests::toy_artifact;

    fn columns() -> BatchColumns {
        BatchColumns { text: "text".into(), group: None, id: Some("id".into()), delimiter: b',' }
    }

    #[test]
    fn csv_in_csv_out_one_row_per_input_row() {
        let classifier = Classifier::new(toy_artifact());
        let input = "id,text\n7,protect immigrant families\n8,\n9,deport criminal aliens\n";
        let mut out = Vec::new();
        let summary = predict_stream(
            &classifier,
            &mut input.as_bytes(),
            "in.csv",
            BatchFormat::Csv,
            &columns(),
            &mut out,
            BatchFormat::Csv,
        )
        .unwrap();
        assert_eq!(summary, BatchSummary { rows: 3, empty_text: 1 });
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "row,id,label,confidence,p_neutral,p_pro-enforcement,p_pro-sanctuary");
        assert!(lines[1].starts_with("1,7,pro-sanctuary,"), "{text}");
        assert!(lines[3].starts_with("3,9,pro-enforcement,"), "{text}");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn reads_tab_separated_input() {
        let classifier = Classifier::new(toy_artifact());
        let input = "id\ttext\n1\tprotect immigrant families, now\n";
        let mut out = Vec::new();
        let columns = BatchColumns { delimiter: b'\t', ..columns() };
        predict_stream(
            &classifier,
            &mut input.as_bytes(),
            "in.tsv",
            BatchFormat::Csv,
            &columns,
            &mut out,
            BatchFormat::Csv,
        )
        .unwrap();
        assert!(String::from_utf8(out).unwrap().lines().nth(1).unwrap().starts_with("1,1,pro-sanctuary,"));
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
