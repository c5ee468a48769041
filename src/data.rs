//! Reading labeled CSV files, with errors that name the file, row and column.

use crate::modelfile::sha256_hex;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is empty: expected a header row with the columns {expected}")]
    Empty { path: PathBuf, expected: String },
    #[error("{path} has a header but no data rows")]
    NoRows { path: PathBuf },
    #[error("{path}: no column named '{column}'; columns found: {found}{suggestion}")]
    MissingColumn { path: PathBuf, column: String, found: String, suggestion: String },
    #[error("{path}, row {row} (line {line}): {message}")]
    Malformed { path: PathBuf, row: usize, line: u64, message: String },
    #[error("{path}, row {row} (line {line}), column '{column}': empty label")]
    EmptyLabel { path: PathBuf, row: usize, line: u64, column: String },
}

/// Texts and labels read from a CSV file, in file order.
#[derive(Debug, Clone)]
pub struct LabeledData {
    pub path: PathBuf,
    pub sha256: String,
    pub texts: Vec<String>,
    pub labels: Vec<String>,
    /// Group value of each kept row, when a group column was asked for.
    pub groups: Option<Vec<String>>,
    /// 1-based data row number of each kept row (the header is row 0).
    pub rows: Vec<usize>,
    /// Rows skipped because their text was empty, as (row, line).
    pub skipped_empty_text: Vec<(usize, u64)>,
}

impl LabeledData {
    /// The rows at `indices`, in that order.
    pub fn subset(&self, indices: &[usize]) -> LabeledData {
        let pick = |v: &[String]| indices.iter().map(|&i| v[i].clone()).collect::<Vec<_>>();
        LabeledData {
            path: self.path.clone(),
            sha256: self.sha256.clone(),
            texts: pick(&self.texts),
            labels: pick(&self.labels),
            groups: self.groups.as_deref().map(pick),
            rows: indices.iter().map(|&i| self.rows[i]).collect(),
            skipped_empty_text: Vec::new(),
        }
    }
}

/// Delimiter for a path: tab for `.tsv`, comma otherwise.
pub fn default_delimiter(path: &Path) -> u8 {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("tsv") => b'\t',
        _ => b',',
    }
}

/// Reads `text_column` and `label_column` from a CSV file with a header row.
/// Rows with empty text are skipped and listed; an empty label is an error.
pub fn read_labeled_csv(path: &Path, text_column: &str, label_column: &str) -> Result<LabeledData, DataError> {
    read_labeled_csv_grouped(path, text_column, label_column, None)
}

/// As [`read_labeled_csv`], also reading a group column (e.g. the stance target).
pub fn read_labeled_csv_grouped(
    path: &Path,
    text_column: &str,
    label_column: &str,
    group_column: Option<&str>,
) -> Result<LabeledData, DataError> {
    let bytes = std::fs::read(path).map_err(|source| DataError::Read { path: path.to_path_buf(), source })?;
    let sha256 = sha256_hex(&bytes);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(default_delimiter(path)).flexible(false).from_reader(bytes.as_slice());
    let malformed =
        |row: usize, line: u64, message: String| DataError::Malformed { path: path.to_path_buf(), row, line, message };
    let headers = reader.headers().map_err(|e| malformed(0, 1, csv_message(&e)))?.clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].trim().is_empty()) {
        return Err(DataError::Empty {
            path: path.to_path_buf(),
            expected: format!("'{text_column}' and '{label_column}'"),
        });
    }
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let text_index = find_column(path, &names, text_column)?;
    let label_index = find_column(path, &names, label_column)?;
    let group_index = group_column.map(|g| find_column(path, &names, g)).transpose()?;

    let mut data = LabeledData {
        path: path.to_path_buf(),
        sha256,
        texts: Vec::new(),
        labels: Vec::new(),
        groups: group_index.map(|_| Vec::new()),
        rows: Vec::new(),
        skipped_empty_text: Vec::new(),
    };
    for (offset, record) in reader.records().enumerate() {
        let row = offset + 1;
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            malformed(row, line, csv_message(&e))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let text = record.get(text_index).unwrap_or("").trim();
        let label = record.get(label_index).unwrap_or("").trim();
        if label.is_empty() {
            return Err(DataError::EmptyLabel {
                path: path.to_path_buf(),
                row,
                line,
                column: label_column.to_string(),
            });
        }
        if text.is_empty() {
            data.skipped_empty_text.push((row, line));
            continue;
        }
        data.texts.push(text.to_string());
        data.labels.push(label.to_string());
        if let (Some(groups), Some(index)) = (data.groups.as_mut(), group_index) {
            groups.push(record.get(index).unwrap_or("").trim().to_string());
        }
        data.rows.push(row);
    }
    if data.texts.is_empty() && data.skipped_empty_text.is_empty() {
        return Err(DataError::NoRows { path: path.to_path_buf() });
    }
    Ok(data)
}

fn find_column(path: &Path, names: &[String], column: &str) -> Result<usize, DataError> {
    if let Some(index) = names.iter().position(|n| n == column) {
        return Ok(index);
    }
    let closest = names
        .iter()
        .map(|n| (strsim::levenshtein(&n.to_lowercase(), &column.to_lowercase()), n))
        .filter(|(distance, _)| *distance <= 3)
        .min_by_key(|(distance, _)| *distance);
    Err(DataError::MissingColumn {
        path: path.to_path_buf(),
        column: column.to_string(),
        found: names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", "),
        suggestion: closest.map(|(_, n)| format!(" (did you mean '{n}'?)")).unwrap_or_default(),
    })
}

fn csv_message(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("expected {expected_len} fields like the header, found {len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => {
            format!("invalid UTF-8 in field {} (byte {} of the field)", err.field() + 1, err.valid_up_to())
        }
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &tempfile::TempDir, name: &str, content: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::File::create(&path).unwrap().write_all(content).unwrap();
        path
    }

    #[test]
    fn reads_text_and_labels_and_skips_empty_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "d.csv", b"id,text,stance\n1,\"Hello, world\",a\n2,  ,b\n3,Bye,b\n");
        let data = read_labeled_csv(&path, "text", "stance").unwrap();
        assert_eq!(data.texts, ["Hello, world", "Bye"]);
        assert_eq!(data.labels, ["a", "b"]);
        assert_eq!(data.rows, [1, 3]);
        assert_eq!(data.skipped_empty_text, [(2, 3)]);
        assert_eq!(data.sha256.len(), 64);
        assert!(data.groups.is_none());
        let grouped = read_labeled_csv_grouped(&path, "text", "stance", Some("id")).unwrap();
        assert_eq!(grouped.groups.unwrap(), ["1", "3"]);
    }

    #[test]
    fn missing_column_lists_columns_and_suggests() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "d.csv", b"id,text,stanse\n1,x,a\n");
        let message = read_labeled_csv(&path, "text", "stance").unwrap_err().to_string();
        assert!(message.contains("no column named 'stance'"), "{message}");
        assert!(message.contains("'id', 'text', 'stanse'"), "{message}");
        assert!(message.contains("did you mean 'stanse'"), "{message}");
    }

    #[test]
    fn empty_file_and_header_only_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let empty = write(&dir, "e.csv", b"");
        assert!(matches!(read_labeled_csv(&empty, "text", "stance"), Err(DataError::Empty { .. })));
        let header = write(&dir, "h.csv", b"text,stance\n");
        assert!(matches!(read_labeled_csv(&header, "text", "stance"), Err(DataError::NoRows { .. })));
    }

    #[test]
    fn ragged_rows_and_empty_labels_name_the_row() {
        let dir = tempfile::tempdir().unwrap();
        let ragged = write(&dir, "r.csv", b"text,stance\nok,a\nbad,a,extra\n");
        let message = read_labeled_csv(&ragged, "text", "stance").unwrap_err().to_string();
        assert!(message.contains("row 2 (line 3)") && message.contains("expected 2 fields"), "{message}");
        let unlabeled = write(&dir, "u.csv", b"text,stance\nok,a\nfine,\n");
        let message = read_labeled_csv(&unlabeled, "text", "stance").unwrap_err().to_string();
        assert!(message.contains("row 2") && message.contains("'stance': empty label"), "{message}");
    }

    #[test]
    fn reads_tsv_and_bom() {
        let dir = tempfile::tempdir().unwrap();
        let tsv = write(&dir, "d.tsv", b"text\tstance\nhello there\ta\n");
        assert_eq!(read_labeled_csv(&tsv, "text", "stance").unwrap().labels, ["a"]);
        let bom = write(&dir, "b.csv", b"\xEF\xBB\xBFtext,stance\nhi,a\n");
        assert_eq!(read_labeled_csv(&bom, "text", "stance").unwrap().texts, ["hi"]);
    }
}
