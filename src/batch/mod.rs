//! Classifying many short texts: rows of a CSV or JSONL stream, each row one
//! unit (no sentence splitting), read and written in bounded batches so
//! memory stays flat however long the input is. Rows are read on a thread of
//! their own, classified in parallel, and written in input order.

mod parquet;

pub use parquet::{predict_parquet, prediction_schema};

use crate::features::packed::PackedStrs;
use crate::io::encoding::Bom;
use crate::model::classifier::{Classifier, ClassifyError};
use crate::model::linear::Prediction;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Rows held in memory at once.
pub const BATCH_ROWS: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    Csv,
    Jsonl,
    /// Apache Parquet (a file, not a stream: `--out` is required to write it).
    Parquet,
}

impl BatchFormat {
    /// `.jsonl`/`.ndjson`/`.json` are JSON Lines; anything else CSV.
    pub fn from_path(path: &Path) -> BatchFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl" | "ndjson" | "json") => BatchFormat::Jsonl,
            Some("parquet" | "pq") => BatchFormat::Parquet,
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
    #[error("{source_name} is {encoding}; save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`) or use it with `stance evaluate`, which reads UTF-16")]
    Encoding { source_name: String, encoding: &'static str },
    #[error(
        "{source_name}: column '{column}' holds {found}; stance reads text (and ids) from string or integer columns"
    )]
    ColumnType { source_name: String, column: String, found: String },
    #[error("reading {source_name}: {cause}")]
    ReadParquet { source_name: String, cause: String },
    #[error("Parquet is read from and written to files, not streams: give --input FILE.parquet, --out FILE.parquet")]
    ParquetStream,
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
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    pub rows: usize,
    pub empty_text: usize,
}

/// Consecutive input rows as read, before their fields are picked out:
/// every field of a CSV row, or a JSON line as one field, in one buffer.
struct RawBatch {
    first_number: usize,
    /// Fields per row.
    width: usize,
    fields: PackedStrs,
}

impl RawBatch {
    fn new(first_number: usize, width: usize) -> RawBatch {
        RawBatch { first_number, width, fields: PackedStrs::with_capacity(BATCH_ROWS * width) }
    }

    fn push_row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        fields.into_iter().for_each(|field| self.fields.push(field));
    }

    fn len(&self) -> usize {
        // A header without fields has no rows under it.
        self.fields.len().checked_div(self.width).unwrap_or(0)
    }

    fn field(&self, row: usize, column: usize) -> &str {
        &self.fields[row * self.width + column]
    }
}

/// Input rows read on a thread of their own, a batch at a time, one batch
/// ahead: reading overlaps loading the model and classifying the batch
/// before, and memory stays bounded.
pub struct RowReader {
    source_name: String,
    /// The CSV header's names, trimmed; `None` for JSON Lines.
    header: Option<Vec<String>>,
    batches: Receiver<Result<RawBatch, BatchError>>,
    thread: JoinHandle<()>,
}

impl RowReader {
    /// Starts reading `input`. A CSV header is read here, so its errors show
    /// at once.
    pub fn spawn(
        mut input: Box<dyn BufRead + Send>,
        source_name: &str,
        format: BatchFormat,
        delimiter: u8,
    ) -> Result<RowReader, BatchError> {
        let read_error = |cause| BatchError::Read { source_name: source_name.to_string(), cause };
        match Bom::sniff(input.fill_buf().map_err(read_error)?) {
            Some(Bom::Utf8) if format == BatchFormat::Jsonl => input.consume(3),
            Some(bom @ (Bom::Utf16Le | Bom::Utf16Be | Bom::Utf32Le | Bom::Utf32Be)) => {
                return Err(BatchError::Encoding { source_name: source_name.to_string(), encoding: bom.name() })
            }
            _ => {}
        }
        let (sender, batches) = mpsc::sync_channel(1);
        let name = source_name.to_string();
        let (header, read): (_, Box<dyn FnOnce() + Send>) = match format {
            BatchFormat::Csv => {
                let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(input);
                let header = reader.headers().map_err(|e| bad_row(source_name, 0, e.to_string()))?;
                let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
                let batches = BatchSender::new(sender, names.len());
                (Some(names), Box::new(move || read_csv(reader, &name, batches)))
            }
            BatchFormat::Parquet => return Err(BatchError::ParquetStream),
            BatchFormat::Jsonl => {
                let batches = BatchSender::new(sender, 1);
                (None, Box::new(move || read_jsonl(input, &name, batches)))
            }
        };
        let thread = std::thread::Builder::new()
            .name("stance-reader".into())
            .spawn(read)
            .map_err(|cause| BatchError::Read { source_name: source_name.to_string(), cause })?;
        Ok(RowReader { source_name: source_name.to_string(), header, batches, thread })
    }

    /// The next batch; `None` at the end of the input.
    fn next_batch(&mut self) -> Option<Result<RawBatch, BatchError>> {
        self.batches.recv().ok()
    }

    /// Ends reading: an error if the reading thread stopped early.
    fn finish(self) -> Result<(), BatchError> {
        self.thread.join().map_err(|_| BatchError::Read {
            source_name: self.source_name,
            cause: std::io::Error::other("the reading thread stopped unexpectedly"),
        })
    }

    /// Where each row's fields are, or which column is missing.
    fn layout<'c>(&self, columns: &'c BatchColumns) -> Result<Layout<'c>, BatchError> {
        let Some(names) = &self.header else {
            return Ok(Layout::Jsonl(columns));
        };
        let find = |column: &str| {
            names.iter().position(|n| n == column).ok_or_else(|| BatchError::MissingColumn {
                source_name: self.source_name.clone(),
                column: column.to_string(),
                found: match names.is_empty() {
                    true => "none (the input is empty)".to_string(),
                    false => names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", "),
                },
            })
        };
        Ok(Layout::Csv {
            text: find(&columns.text)?,
            group: columns.group.as_deref().map(find).transpose()?,
            id: columns.id.as_deref().map(find).transpose()?,
        })
    }
}

/// Reads CSV records.
fn read_csv(mut reader: csv::Reader<Box<dyn BufRead + Send>>, source_name: &str, mut batches: BatchSender) {
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) if batches.push(record.iter()) => {}
            Ok(true) => return,
            Ok(false) => return batches.finish(),
            Err(e) => {
                let row = batches.next_number();
                return batches.fail(bad_row(source_name, row, e.to_string()));
            }
        }
    }
}

/// Reads the non-blank lines of JSON Lines input.
fn read_jsonl(mut input: Box<dyn BufRead + Send>, source_name: &str, mut batches: BatchSender) {
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => return batches.finish(),
            Ok(_) if line.trim().is_empty() => {}
            Ok(_) => {
                let line = line.strip_suffix('\n').unwrap_or(&line);
                if !batches.push([line.strip_suffix('\r').unwrap_or(line)]) {
                    return;
                }
            }
            Err(cause) => return batches.fail(BatchError::Read { source_name: source_name.to_string(), cause }),
        }
    }
}

/// Fills batches of [`BATCH_ROWS`] rows and sends each when full.
struct BatchSender {
    sender: SyncSender<Result<RawBatch, BatchError>>,
    batch: RawBatch,
}

impl BatchSender {
    fn new(sender: SyncSender<Result<RawBatch, BatchError>>, width: usize) -> BatchSender {
        BatchSender { sender, batch: RawBatch::new(1, width) }
    }

    /// The number of the row read next.
    fn next_number(&self) -> usize {
        self.batch.first_number + self.batch.len()
    }

    /// Adds a row; `false` when nobody listens any more.
    fn push<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        self.batch.push_row(fields);
        if self.batch.len() < BATCH_ROWS {
            return true;
        }
        let next = RawBatch::new(self.next_number(), self.batch.width);
        self.sender.send(Ok(std::mem::replace(&mut self.batch, next))).is_ok()
    }

    fn finish(self) {
        let _ = self.sender.send(Ok(self.batch));
    }

    fn fail(self, error: BatchError) {
        let _ = self.sender.send(Err(error));
    }
}

/// Classifies every row `rows` reads and writes one output row per input row.
pub fn predict_stream(
    classifier: &Classifier,
    mut rows: RowReader,
    columns: &BatchColumns,
    output: &mut dyn Write,
    output_format: BatchFormat,
) -> Result<BatchSummary, BatchError> {
    if output_format == BatchFormat::Parquet {
        return Err(BatchError::ParquetStream);
    }
    let encoder = RowEncoder { format: output_format, labels: classifier.labels() };
    let layout = rows.layout(columns)?;
    output.write_all(&encoder.header(columns)?)?;
    let mut summary = BatchSummary::default();
    while let Some(batch) = rows.next_batch() {
        let batch = batch?;
        for chunk in classify_batch(classifier, &batch, &layout, &rows.source_name, &encoder) {
            let (bytes, empty_text) = chunk?;
            output.write_all(&bytes)?;
            summary.empty_text += empty_text;
        }
        summary.rows += batch.len();
    }
    rows.finish()?;
    output.flush()?;
    Ok(summary)
}

fn bad_row(source_name: &str, row: usize, message: String) -> BatchError {
    BatchError::BadRow { source_name: source_name.to_string(), row, message }
}

/// Where each row's fields are.
enum Layout<'c> {
    /// Field indices of the CSV columns.
    Csv {
        text: usize,
        group: Option<usize>,
        id: Option<usize>,
    },
    Jsonl(&'c BatchColumns),
}

impl Layout<'_> {
    /// The fields of row `index` of `batch`.
    fn row<'r>(&self, batch: &'r RawBatch, index: usize, source_name: &str) -> Result<Row<'r>, BatchError> {
        let number = batch.first_number + index;
        match self {
            Layout::Csv { text, group, id } => {
                let field = |column: usize| Cow::Borrowed(batch.field(index, column));
                Ok(Row { number, id: id.map(field), group: group.map(field), text: field(*text) })
            }
            Layout::Jsonl(columns) => parse_json_row(batch.field(index, 0), number, source_name, columns),
        }
    }
}

/// One input row's fields.
struct Row<'a> {
    number: usize,
    id: Option<Cow<'a, str>>,
    group: Option<Cow<'a, str>>,
    text: Cow<'a, str>,
}

fn parse_json_row(
    line: &str,
    number: usize,
    source_name: &str,
    columns: &BatchColumns,
) -> Result<Row<'static>, BatchError> {
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
    Ok(Row { number, id: id.map(Cow::Owned), group: group.map(Cow::Owned), text: Cow::Owned(text) })
}

/// Rows one worker classifies and encodes at a time: few enough that both
/// workers stay busy to the end of a batch.
const CHUNK_ROWS: usize = 64;

/// Classifies and encodes `batch` in parallel: per chunk of rows, in order,
/// its output and how many of its rows had empty text, or its first error.
fn classify_batch(
    classifier: &Classifier,
    batch: &RawBatch,
    layout: &Layout,
    source_name: &str,
    encoder: &RowEncoder,
) -> Vec<Result<(Vec<u8>, usize), BatchError>> {
    use rayon::prelude::*;
    (0..batch.len().div_ceil(CHUNK_ROWS))
        .into_par_iter()
        .map(|chunk| {
            let mut empty_text = 0;
            let rows = (chunk * CHUNK_ROWS..batch.len().min((chunk + 1) * CHUNK_ROWS)).map(|index| {
                let row = layout.row(batch, index, source_name)?;
                empty_text += usize::from(row.text.trim().is_empty());
                let prediction = classifier.classify_in(row.group.as_deref(), &row.text).map_err(|cause| {
                    BatchError::Classify { source_name: source_name.to_string(), row: row.number, cause }
                })?;
                Ok((row, prediction))
            });
            let bytes = encoder.encode(rows)?;
            Ok((bytes, empty_text))
        })
        .collect()
}

/// Output rows: `row, [id], [group], label, confidence, p_<label>...`.
struct RowEncoder<'a> {
    format: BatchFormat,
    labels: &'a [String],
}

impl RowEncoder<'_> {
    /// The CSV header line (nothing for JSON Lines).
    fn header(&self, columns: &BatchColumns) -> Result<Vec<u8>, BatchError> {
        if self.format != BatchFormat::Csv {
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
        rows: impl Iterator<Item = Result<(Row<'r>, Prediction), BatchError>>,
    ) -> Result<Vec<u8>, BatchError> {
        match self.format {
            BatchFormat::Csv => {
                let mut csv = csv::Writer::from_writer(Vec::new());
                let mut field = String::new();
                for row in rows {
                    let (row, prediction) = row?;
                    let p = &prediction.probabilities;
                    field.clear();
                    let _ = write!(field, "{}", row.number);
                    csv.write_field(&field)?;
                    for text in row
                        .id
                        .iter()
                        .chain(&row.group)
                        .map(|field| &**field)
                        .chain([self.labels[prediction.label].as_str()])
                    {
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
            BatchFormat::Parquet => Err(BatchError::ParquetStream),
            BatchFormat::Jsonl => {
                let mut lines = Vec::new();
                for row in rows {
                    let (row, prediction) = row?;
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
    use crate::model::train::tests::toy_artifact;

    fn columns() -> BatchColumns {
        BatchColumns { text: "text".into(), group: None, id: Some("id".into()) }
    }

    /// Predicts `input` (read as `format`, CSV fields split at `delimiter`) with `classifier`.
    fn predict(
        classifier: &Classifier,
        input: &str,
        format: BatchFormat,
        delimiter: u8,
        columns: &BatchColumns,
        output_format: BatchFormat,
    ) -> Result<(BatchSummary, String), BatchError> {
        let input = Box::new(std::io::Cursor::new(input.to_string().into_bytes()));
        let rows = RowReader::spawn(input, "in", format, delimiter)?;
        let mut out = Vec::new();
        let summary = predict_stream(classifier, rows, columns, &mut out, output_format)?;
        Ok((summary, String::from_utf8(out).unwrap()))
    }

    /// Predicts CSV `input` to CSV.
    fn csv_to_csv(classifier: &Classifier, input: &str, columns: &BatchColumns) -> (BatchSummary, String) {
        predict(classifier, input, BatchFormat::Csv, b',', columns, BatchFormat::Csv).unwrap()
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
        let (_, out) = predict(&classifier, input, BatchFormat::Csv, b'\t', &columns(), BatchFormat::Csv).unwrap();
        assert!(out.lines().nth(1).unwrap().starts_with("1,1,pro-sanctuary,"));
    }

    #[test]
    fn jsonl_in_jsonl_out_and_row_errors() {
        let classifier = Classifier::new(toy_artifact());
        let input = "{\"id\": 1, \"text\": \"the council meets on Tuesday\"}\n\n{\"text\": \"ICE raids must stop\"}\n";
        let (_, out) = predict(&classifier, input, BatchFormat::Jsonl, b',', &columns(), BatchFormat::Jsonl).unwrap();
        let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["id"], "1");
        assert_eq!(rows[0]["label"], "neutral");
        assert_eq!(rows[1]["row"], 2);

        let bad = "{\"text\": \"ok\"}\n{\"txt\": \"oops\"}\n";
        let err = predict(&classifier, bad, BatchFormat::Jsonl, b',', &columns(), BatchFormat::Csv).unwrap_err();
        assert_eq!(err.to_string(), "in, row 2: no 'text' field");
    }

    /// `rows` CSV rows with ids `0..rows`, the row at each of `bad` lacking its text field.
    fn csv_rows(rows: usize, bad: &[usize]) -> String {
        let mut input = "id,text\n".to_string();
        for i in 0..rows {
            input.push_str(&if bad.contains(&i) { format!("{i}\n") } else { format!("{i},deport criminal aliens\n") });
        }
        input
    }

    #[test]
    fn rows_keep_their_numbers_across_batches() {
        let classifier = Classifier::new(toy_artifact());
        let rows = BATCH_ROWS * 2 + 5;
        let (summary, out) = csv_to_csv(&classifier, &csv_rows(rows, &[]), &columns());
        assert_eq!(summary.rows, rows);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), rows + 1);
        for number in [1, BATCH_ROWS, BATCH_ROWS + 1, rows] {
            assert!(lines[number].starts_with(&format!("{number},{},", number - 1)), "{}", lines[number]);
        }
    }

    #[test]
    fn the_first_bad_row_is_reported_wherever_it_is() {
        let classifier = Classifier::new(toy_artifact());
        // A short CSV row in the second batch: the reader stops there.
        let input = csv_rows(BATCH_ROWS + 100, &[BATCH_ROWS + 10, BATCH_ROWS + 50]);
        let err = predict(&classifier, &input, BatchFormat::Csv, b',', &columns(), BatchFormat::Csv).unwrap_err();
        assert!(err.to_string().starts_with(&format!("in, row {}: ", BATCH_ROWS + 11)), "{err}");
        // JSON rows are parsed by the workers, several chunks apart: still the first one.
        let mut input = String::new();
        for i in 0..CHUNK_ROWS * 8 {
            let good = i != CHUNK_ROWS * 2 + 3 && i != CHUNK_ROWS * 6;
            input.push_str(if good { "{\"text\": \"ok\"}\n" } else { "{\"text\": [1]}\n" });
        }
        let err = predict(&classifier, &input, BatchFormat::Jsonl, b',', &columns(), BatchFormat::Csv).unwrap_err();
        assert_eq!(err.to_string(), format!("in, row {}: field 'text' must be a string", CHUNK_ROWS * 2 + 4));
    }

    #[test]
    fn jsonl_lines_may_end_in_crlf() {
        let classifier = Classifier::new(toy_artifact());
        let input = "{\"id\": \"a\", \"text\": \"deport criminal aliens\"}\r\n\r\n{\"id\": \"b\", \"text\": \"x\"}";
        let (summary, out) =
            predict(&classifier, input, BatchFormat::Jsonl, b',', &columns(), BatchFormat::Csv).unwrap();
        assert_eq!(summary.rows, 2);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].starts_with("1,a,pro-enforcement,"), "{out}");
        assert!(lines[2].starts_with("2,b,"), "{out}");
    }

    #[test]
    fn a_missing_column_is_named_with_those_found() {
        let classifier = Classifier::new(toy_artifact());
        let columns = BatchColumns { text: "body".into(), ..columns() };
        let err =
            predict(&classifier, "id,text\n1,x\n", BatchFormat::Csv, b',', &columns, BatchFormat::Csv).unwrap_err();
        assert_eq!(err.to_string(), "in: no column named 'body'; columns found: 'id', 'text'");
        let err = predict(&classifier, "", BatchFormat::Csv, b',', &columns, BatchFormat::Csv).unwrap_err();
        assert_eq!(err.to_string(), "in: no column named 'body'; columns found: none (the input is empty)");
    }
}
