//! Parquet in and out for `predict`: input rows read from the file's row
//! groups a batch at a time (only the columns used), predictions written as
//! one Parquet row group per input batch. Memory stays bounded as with CSV.
//!
//! Output schema: `row` (int64, 1-based), `<id column>` and `<group column>`
//! (utf8, when asked for), `label` (utf8), `confidence` (float64),
//! `p_<label>` (float64) per model label, in the model's label order.

use super::{BatchColumns, BatchError, BatchSender, BatchSummary, RowReader, BATCH_ROWS, CHUNK_ROWS};
use crate::model::classifier::Classifier;
use crate::model::linear::Prediction;
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::io::Write;
use std::sync::{mpsc, Arc};

/// Column types `predict` reads from Parquet: strings, and whole numbers
/// (ids), which are read as their decimal text.
fn readable(data_type: &DataType) -> bool {
    use DataType::*;
    matches!(data_type, Utf8 | LargeUtf8 | Utf8View | Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64)
}

/// Value `row` of `array` as text; null is empty text.
fn field_text(array: &dyn Array, row: usize) -> String {
    if array.is_null(row) {
        return String::new();
    }
    match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_string(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(row).to_string(),
        DataType::Utf8View => array.as_string_view().value(row).to_string(),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(row).to_string(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(row).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::UInt8 => array.as_primitive::<UInt8Type>().value(row).to_string(),
        DataType::UInt16 => array.as_primitive::<UInt16Type>().value(row).to_string(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(row).to_string(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(row).to_string(),
        _ => String::new(),
    }
}

impl RowReader {
    /// Starts reading the columns of `columns` from a Parquet file. Missing
    /// columns and columns of other types are reported here, at once.
    pub fn spawn_parquet(file: File, source_name: &str, columns: &BatchColumns) -> Result<RowReader, BatchError> {
        let parquet_error = |cause: parquet::errors::ParquetError| BatchError::ReadParquet {
            source_name: source_name.to_string(),
            cause: cause.to_string(),
        };
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(parquet_error)?;
        let schema = builder.schema().clone();
        let wanted: Vec<&str> = [Some(columns.text.as_str()), columns.group.as_deref(), columns.id.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut indices = Vec::new();
        for name in &wanted {
            let Ok(index) = schema.index_of(name) else {
                let found = schema.fields().iter().map(|f| format!("'{}'", f.name())).collect::<Vec<_>>().join(", ");
                return Err(BatchError::MissingColumn {
                    source_name: source_name.to_string(),
                    column: name.to_string(),
                    found,
                });
            };
            let data_type = schema.field(index).data_type();
            if !readable(data_type) {
                return Err(BatchError::ColumnType {
                    source_name: source_name.to_string(),
                    column: name.to_string(),
                    found: data_type.to_string(),
                });
            }
            indices.push(index);
        }
        let mask = ProjectionMask::roots(builder.parquet_schema(), indices);
        let reader = builder.with_projection(mask).with_batch_size(BATCH_ROWS).build().map_err(parquet_error)?;
        let header: Vec<String> = wanted.iter().map(|s| s.to_string()).collect();
        let (sender, batches) = mpsc::sync_channel(1);
        let mut rows = BatchSender::new(sender, header.len());
        let (name, names) = (source_name.to_string(), header.clone());
        let read = move || {
            for batch in reader {
                let batch = match batch {
                    Ok(batch) => batch,
                    Err(cause) => {
                        return rows.fail(BatchError::ReadParquet { source_name: name, cause: cause.to_string() })
                    }
                };
                let arrays: Vec<&ArrayRef> = names.iter().filter_map(|n| batch.column_by_name(n)).collect();
                for row in 0..batch.num_rows() {
                    let fields: Vec<String> = arrays.iter().map(|array| field_text(array.as_ref(), row)).collect();
                    if !rows.push(fields.iter().map(String::as_str)) {
                        return;
                    }
                }
            }
            rows.finish()
        };
        let thread = std::thread::Builder::new()
            .name("stance-reader".into())
            .spawn(read)
            .map_err(|cause| BatchError::Read { source_name: source_name.to_string(), cause })?;
        Ok(RowReader { source_name: source_name.to_string(), header: Some(header), batches, thread })
    }
}

/// The schema of [`predict_parquet`]'s output.
pub fn prediction_schema(columns: &BatchColumns, labels: &[String]) -> SchemaRef {
    let mut fields = vec![Field::new("row", DataType::Int64, false)];
    fields.extend(columns.id.iter().chain(&columns.group).map(|name| Field::new(name, DataType::Utf8, true)));
    fields.push(Field::new("label", DataType::Utf8, false));
    fields.push(Field::new("confidence", DataType::Float64, false));
    fields.extend(labels.iter().map(|l| Field::new(format!("p_{l}"), DataType::Float64, false)));
    Arc::new(Schema::new(fields))
}

/// One classified row: its number, id, group and prediction.
type Scored = (usize, Option<String>, Option<String>, Prediction);

/// Classifies every row `rows` reads and writes them to `output` as Parquet.
pub fn predict_parquet<W: Write + Send>(
    classifier: &Classifier,
    mut rows: RowReader,
    columns: &BatchColumns,
    output: W,
) -> Result<BatchSummary, BatchError> {
    use rayon::prelude::*;
    let labels = classifier.labels();
    let schema = prediction_schema(columns, labels);
    let layout = rows.layout(columns)?;
    let properties = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer = ArrowWriter::try_new(output, schema.clone(), Some(properties)).map_err(write_error)?;
    let mut summary = BatchSummary::default();
    while let Some(batch) = rows.next_batch() {
        let batch = batch?;
        let source_name = &rows.source_name;
        let chunks: Vec<Result<(Vec<Scored>, usize), BatchError>> = (0..batch.len().div_ceil(CHUNK_ROWS))
            .into_par_iter()
            .map(|chunk| {
                let mut empty_text = 0;
                let scored = (chunk * CHUNK_ROWS..batch.len().min((chunk + 1) * CHUNK_ROWS))
                    .map(|index| {
                        let row = layout.row(&batch, index, source_name)?;
                        empty_text += usize::from(row.text.trim().is_empty());
                        let prediction = classifier.classify_in(row.group.as_deref(), &row.text).map_err(|cause| {
                            BatchError::Classify { source_name: source_name.clone(), row: row.number, cause }
                        })?;
                        let (id, group) = (row.id.map(|s| s.into_owned()), row.group.map(|s| s.into_owned()));
                        Ok((row.number, id, group, prediction))
                    })
                    .collect::<Result<Vec<_>, BatchError>>()?;
                Ok((scored, empty_text))
            })
            .collect();
        let mut scored = Vec::with_capacity(batch.len());
        for chunk in chunks {
            let (rows, empty_text) = chunk?;
            scored.extend(rows);
            summary.empty_text += empty_text;
        }
        summary.rows += batch.len();
        writer.write(&record_batch(&schema, columns, labels, &scored)?).map_err(write_error)?;
    }
    rows.finish()?;
    writer.close().map_err(write_error)?;
    Ok(summary)
}

fn write_error(error: parquet::errors::ParquetError) -> BatchError {
    BatchError::Write(std::io::Error::other(error.to_string()))
}

/// The predictions of one batch as a record batch of `schema`.
fn record_batch(
    schema: &SchemaRef,
    columns: &BatchColumns,
    labels: &[String],
    scored: &[Scored],
) -> Result<RecordBatch, BatchError> {
    let mut row = Int64Builder::with_capacity(scored.len());
    let mut id = StringBuilder::new();
    let mut group = StringBuilder::new();
    let mut label = StringBuilder::new();
    let mut confidence = Float64Builder::with_capacity(scored.len());
    let mut probabilities: Vec<Float64Builder> =
        labels.iter().map(|_| Float64Builder::with_capacity(scored.len())).collect();
    for (number, row_id, row_group, prediction) in scored {
        row.append_value(*number as i64);
        id.append_option(row_id.as_deref());
        group.append_option(row_group.as_deref());
        label.append_value(&labels[prediction.label]);
        confidence.append_value(prediction.probabilities[prediction.label]);
        for (builder, p) in probabilities.iter_mut().zip(&prediction.probabilities) {
            builder.append_value(*p);
        }
    }
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(row.finish())];
    if columns.id.is_some() {
        arrays.push(Arc::new(id.finish()));
    }
    if columns.group.is_some() {
        arrays.push(Arc::new(group.finish()));
    }
    arrays.push(Arc::new(label.finish()));
    arrays.push(Arc::new(confidence.finish()));
    arrays.extend(probabilities.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    RecordBatch::try_new(schema.clone(), arrays).map_err(|e| BatchError::Write(std::io::Error::other(e.to_string())))
}
