//! Classified sentences as Arrow record batches, one row per unit: the
//! columns of `classify --format csv`, typed, for Parquet files and for
//! programs that read Arrow (pandas, Spark). Probabilities keep every bit.
//!
//! Schema (in order): `source` (utf8), `index`, `paragraph`, `start`, `end`,
//! `char_start`, `char_end` (int64), `kind` (utf8), `speaker` (utf8, null for
//! the narrator), `stance` (utf8), `stance_confidence`, `p_stance_<label>`...
//! (float64), `sentiment` (utf8), `sentiment_confidence`,
//! `p_sentiment_<label>`... (float64), `text` (utf8). Stance and sentiment
//! columns are null for units that are not classified (credits, boilerplate).

use crate::article::analysis::{ArticleReport, Labeled};
use crate::article::units::UnitKind;
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

/// The schema of [`sentence_batch`] for models with these labels.
pub fn sentence_schema(stance_labels: &[String], sentiment_labels: &[String]) -> SchemaRef {
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    let int = |name: &str| Field::new(name, DataType::Int64, false);
    let float = |name: String| Field::new(name, DataType::Float64, true);
    let mut fields = vec![text("source", false)];
    fields.extend(["index", "paragraph", "start", "end", "char_start", "char_end"].map(int));
    fields.extend([text("kind", false), text("speaker", true)]);
    for (task, labels) in [("stance", stance_labels), ("sentiment", sentiment_labels)] {
        fields.push(text(task, true));
        fields.push(float(format!("{task}_confidence")));
        fields.extend(labels.iter().map(|l| float(format!("p_{task}_{l}"))));
    }
    fields.push(text("text", false));
    Arc::new(Schema::new(fields))
}

/// One row per unit of every report, in order.
pub fn sentence_batch(
    reports: &[ArticleReport],
    stance_labels: &[String],
    sentiment_labels: &[String],
) -> Result<RecordBatch, ArrowError> {
    let rows: usize = reports.iter().map(|r| r.sentences.len()).sum();
    let mut source = StringBuilder::with_capacity(rows, rows * 8);
    let mut numbers: [Int64Builder; 6] = std::array::from_fn(|_| Int64Builder::with_capacity(rows));
    let mut kind = StringBuilder::new();
    let mut speaker = StringBuilder::new();
    let mut stance = LabeledColumns::new(stance_labels, rows);
    let mut sentiment = LabeledColumns::new(sentiment_labels, rows);
    let mut text = StringBuilder::new();
    for report in reports {
        for sentence in &report.sentences {
            let unit = &sentence.unit;
            source.append_value(&report.source);
            let values = [unit.index, unit.paragraph, unit.start, unit.end, unit.char_start, unit.char_end];
            for (builder, value) in numbers.iter_mut().zip(values) {
                builder.append_value(value as i64);
            }
            kind.append_value(kind_name(unit.kind));
            speaker.append_option(sentence.speaker.as_deref());
            stance.append(sentence.stance.as_ref());
            sentiment.append(sentence.sentiment.as_ref());
            text.append_value(&unit.text);
        }
    }
    let mut columns: Vec<ArrayRef> = vec![Arc::new(source.finish())];
    columns.extend(numbers.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    columns.push(Arc::new(kind.finish()));
    columns.push(Arc::new(speaker.finish()));
    columns.extend(stance.finish());
    columns.extend(sentiment.finish());
    columns.push(Arc::new(text.finish()));
    RecordBatch::try_new(sentence_schema(stance_labels, sentiment_labels), columns)
}

/// The kind as the JSON and CSV outputs name it (`sentence`, `headline`, ...).
fn kind_name(kind: UnitKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// The label, confidence and per-label probability columns of one task.
struct LabeledColumns<'a> {
    labels: &'a [String],
    label: StringBuilder,
    confidence: Float64Builder,
    probabilities: Vec<Float64Builder>,
}

impl<'a> LabeledColumns<'a> {
    fn new(labels: &'a [String], rows: usize) -> Self {
        LabeledColumns {
            labels,
            label: StringBuilder::new(),
            confidence: Float64Builder::with_capacity(rows),
            probabilities: labels.iter().map(|_| Float64Builder::with_capacity(rows)).collect(),
        }
    }

    fn append(&mut self, labeled: Option<&Labeled>) {
        self.label.append_option(labeled.map(|l| l.label.as_str()));
        self.confidence.append_option(labeled.map(|l| l.confidence));
        for (builder, name) in self.probabilities.iter_mut().zip(self.labels) {
            // A label the model lacks has probability 0, as in the CSV.
            builder.append_option(labeled.map(|l| l.probabilities.get(name).copied().unwrap_or(0.0)));
        }
    }

    fn finish(mut self) -> Vec<ArrayRef> {
        let mut columns: Vec<ArrayRef> = vec![Arc::new(self.label.finish()), Arc::new(self.confidence.finish())];
        columns.extend(self.probabilities.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
        columns
    }
}
