//! Reading labeled CSV files, with errors that name the file, row and column.

use crate::io::digest::sha256_hex;
use crate::io::encoding::{to_utf8, EncodingError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read {path}: {cause}")]
    Read { path: PathBuf, cause: std::io::Error },
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
    #[error("{path}, row {row} (line {line}), column '{column}': invalid UTF-8 at byte offset {offset} of the file (pass --lossy to replace invalid bytes)")]
    NotUtf8 { path: PathBuf, row: usize, line: u64, column: String, offset: u64 },
    #[error("{path}: column '{column}' appears more than once in the header (columns {positions})")]
    DuplicateColumn { path: PathBuf, column: String, positions: String },
    #[error("{path}, column '{column}': labels {variants:?} differ only in case or spacing (without --strict they are merged)")]
    LabelVariants { path: PathBuf, column: String, variants: Vec<String> },
    #[error("{path}: the text and the label are both read from column '{column}'; name two different columns (--text-col, --label-col)")]
    SameColumn { path: PathBuf, column: String },
    #[error("{path}: {cause}")]
    Encoding { path: PathBuf, cause: EncodingError },
    #[error("{path}, {field} (stopped by --strict)")]
    MultilineField { path: PathBuf, field: MultilineField },
}

/// A quoted field that runs over several lines: legal CSV, but also what an
/// unbalanced quote looks like (it swallows the lines after it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultilineField {
    pub row: usize,
    /// Line where the field's quote opened.
    pub line: u64,
    pub column: String,
    pub lines: u64,
}

impl std::fmt::Display for MultilineField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let MultilineField { row, line, column, lines } = self;
        write!(
            f,
            "row {row} (line {line}): the quoted field in column '{column}' runs over {lines} lines, to line {}; \
             if that is not meant, the quote opened at line {line} is unbalanced",
            line + lines - 1
        )
    }
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
    /// Labels merged because they differed only in case or spacing: (kept spelling, all spellings).
    pub merged_labels: Vec<(String, Vec<String>)>,
    /// Quoted fields that span lines (warned about; an error with `strict`).
    pub multiline_fields: Vec<MultilineField>,
    /// The file was UTF-16 and was decoded (its name, for a note).
    pub decoded_from: Option<&'static str>,
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
            merged_labels: Vec::new(),
            multiline_fields: Vec::new(),
            decoded_from: None,
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

/// How a CSV file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvOptions {
    /// Field delimiter; by default tab for `.tsv` files, comma otherwise.
    pub delimiter: Option<u8>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// Fail on labels that differ only in case or whitespace instead of
    /// merging them, and on quoted fields that span lines.
    pub strict: bool,
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
    let columns = Columns { text: text_column, label: label_column, group: group_column };
    read_labeled_csv_with(path, &columns, CsvOptions::default())
}

/// The columns to read.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub text: &'a str,
    pub label: &'a str,
    pub group: Option<&'a str>,
}

/// Reads a labeled CSV file with explicit options.
pub fn read_labeled_csv_with(path: &Path, columns: &Columns, options: CsvOptions) -> Result<LabeledData, DataError> {
    let bytes = std::fs::read(path).map_err(|cause| DataError::Read { path: path.to_path_buf(), cause })?;
    let options = CsvOptions { delimiter: options.delimiter.or(Some(default_delimiter(path))), ..options };
    let utf8 = to_utf8(&bytes).map_err(|cause| DataError::Encoding { path: path.to_path_buf(), cause })?;
    let mut data = parse_labeled_csv(&utf8, path, columns, options)?;
    if let std::borrow::Cow::Owned(_) = utf8 {
        // The fingerprint is of the file as it is on disk.
        data.sha256 = sha256_hex(&bytes);
        data.decoded_from = crate::io::encoding::Bom::sniff(&bytes).map(|bom| bom.name());
    }
    Ok(data)
}

/// Parses labeled CSV bytes; `path` only names the source in errors.
pub fn parse_labeled_csv(
    bytes: &[u8],
    path: &Path,
    columns: &Columns,
    options: CsvOptions,
) -> Result<LabeledData, DataError> {
    let sha256 = sha256_hex(bytes);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(options.delimiter.unwrap_or(b',')).flexible(false).from_reader(bytes);
    let malformed =
        |row: usize, line: u64, message: String| DataError::Malformed { path: path.to_path_buf(), row, line, message };
    let headers = reader.byte_headers().map_err(|e| malformed(0, 1, csv_message(&e)))?.clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].iter().all(u8::is_ascii_whitespace)) {
        return Err(DataError::Empty {
            path: path.to_path_buf(),
            expected: format!("'{}' and '{}'", columns.text, columns.label),
        });
    }
    let names: Vec<String> = headers.iter().map(|h| String::from_utf8_lossy(h).trim().to_string()).collect();
    let text_index = find_column(path, &names, columns.text)?;
    let label_index = find_column(path, &names, columns.label)?;
    if text_index == label_index {
        return Err(DataError::SameColumn { path: path.to_path_buf(), column: columns.text.to_string() });
    }
    let group_index = columns.group.map(|g| find_column(path, &names, g)).transpose()?;

    let mut data = LabeledData {
        path: path.to_path_buf(),
        sha256,
        texts: Vec::new(),
        labels: Vec::new(),
        groups: group_index.map(|_| Vec::new()),
        rows: Vec::new(),
        skipped_empty_text: Vec::new(),
        merged_labels: Vec::new(),
        multiline_fields: Vec::new(),
        decoded_from: None,
    };
    for (offset, record) in reader.byte_records().enumerate() {
        let row = offset + 1;
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            let hint = data.multiline_fields.last().map(|f| format!("; earlier, {f}")).unwrap_or_default();
            malformed(row, line, csv_message(&e) + &hint)
        })?;
        let (line, record_byte) = record.position().map_or((0, 0), |p| (p.line(), p.byte()));
        let field = |index: usize, name: &str| -> Result<String, DataError> {
            let raw = record.get(index).unwrap_or(b"");
            match std::str::from_utf8(raw) {
                Ok(text) => Ok(text.trim().to_string()),
                Err(_) if options.lossy => Ok(String::from_utf8_lossy(raw).trim().to_string()),
                Err(e) => Err(DataError::NotUtf8 {
                    path: path.to_path_buf(),
                    row,
                    line,
                    column: name.to_string(),
                    offset: record_byte + e.valid_up_to() as u64,
                }),
            }
        };
        if let Some((index, newlines)) =
            record.iter().enumerate().map(|(i, f)| (i, f.iter().filter(|&&b| b == b'\n').count())).find(|f| f.1 > 0)
        {
            let column = names.get(index).cloned().unwrap_or_else(|| format!("#{}", index + 1));
            let found = MultilineField { row, line, column, lines: newlines as u64 + 1 };
            if options.strict {
                return Err(DataError::MultilineField { path: path.to_path_buf(), field: found });
            }
            data.multiline_fields.push(found);
        }
        let text = field(text_index, columns.text)?;
        let label = field(label_index, columns.label)?;
        if label.is_empty() {
            return Err(DataError::EmptyLabel {
                path: path.to_path_buf(),
                row,
                line,
                column: columns.label.to_string(),
            });
        }
        if text.is_empty() {
            data.skipped_empty_text.push((row, line));
            continue;
        }
        if let (Some(groups), Some(index), Some(name)) = (data.groups.as_mut(), group_index, columns.group) {
            groups.push(field(index, name)?);
        }
        data.texts.push(text);
        data.labels.push(label);
        data.rows.push(row);
    }
    if data.texts.is_empty() && data.skipped_empty_text.is_empty() {
        return Err(DataError::NoRows { path: path.to_path_buf() });
    }
    merge_label_variants(&mut data, columns.label, options.strict)?;
    Ok(data)
}

/// Labels that differ only in case or spacing (`Neutral`, ` neutral`) are
/// one label: they are merged into the most frequent spelling and reported,
/// or rejected when `strict`.
fn merge_label_variants(data: &mut LabeledData, column: &str, strict: bool) -> Result<(), DataError> {
    let key = |label: &str| label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut spellings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for label in &data.labels {
        *spellings.entry(key(label)).or_default().entry(label.clone()).or_insert(0) += 1;
    }
    let mut canonical: BTreeMap<String, String> = BTreeMap::new();
    for variants in spellings.values().filter(|v| v.len() > 1) {
        let names: Vec<String> = variants.keys().cloned().collect();
        if strict {
            return Err(DataError::LabelVariants {
                path: data.path.clone(),
                column: column.to_string(),
                variants: names,
            });
        }
        // Most frequent spelling; ties go to the first in sorted order.
        let chosen =
            variants.iter().fold(
                (String::new(), 0),
                |best, (name, &count)| {
                    if count > best.1 {
                        (name.clone(), count)
                    } else {
                        best
                    }
                },
            );
        for name in &names {
            canonical.insert(name.clone(), chosen.0.clone());
        }
        data.merged_labels.push((chosen.0, names));
    }
    for label in &mut data.labels {
        if let Some(chosen) = canonical.get(label) {
            label.clone_from(chosen);
        }
    }
    Ok(())
}

fn find_column(path: &Path, names: &[String], column: &str) -> Result<usize, DataError> {
    let positions: Vec<usize> = names.iter().enumerate().filter(|(_, n)| *n == column).map(|(i, _)| i).collect();
    match positions.as_slice() {
        [index] => return Ok(*index),
        [] => {}
        _ => {
            return Err(DataError::DuplicateColumn {
                path: path.to_path_buf(),
                column: column.to_string(),
                positions: positions.iter().map(|p| (p + 1).to_string()).collect::<Vec<_>>().join(" and "),
            })
        }
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
    fn duplicate_headers_bad_utf8_and_lossy() {
        let dir = tempfile::tempdir().unwrap();
        let dup = write(&dir, "dup.csv", b"text,stance,text\na,b,c\n");
        let message = read_labeled_csv(&dup, "text", "stance").unwrap_err().to_string();
        assert!(message.contains("'text' appears more than once") && message.contains("1 and 3"), "{message}");
        let bad = write(&dir, "bad.csv", b"text,stance\nfine,a\nbro\xffken,b\n");
        let message = read_labeled_csv(&bad, "text", "stance").unwrap_err().to_string();
        assert!(message.contains("row 2 (line 3), column 'text': invalid UTF-8 at byte offset 22"), "{message}");
        let columns = Columns { text: "text", label: "stance", group: None };
        let lossy = read_labeled_csv_with(&bad, &columns, CsvOptions { lossy: true, ..CsvOptions::default() }).unwrap();
        assert_eq!(lossy.texts[1], "bro\u{fffd}ken");
    }

    #[test]
    fn label_spellings_are_merged_or_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "l.csv", b"text,stance\na,Neutral\nb,neutral\nc, neutral\nd,pro\n");
        let data = read_labeled_csv(&path, "text", "stance").unwrap();
        assert_eq!(data.labels, ["neutral", "neutral", "neutral", "pro"]);
        assert_eq!(data.merged_labels, [("neutral".to_string(), vec!["Neutral".to_string(), "neutral".to_string()])]);
        let columns = Columns { text: "text", label: "stance", group: None };
        let strict = read_labeled_csv_with(&path, &columns, CsvOptions { strict: true, ..CsvOptions::default() });
        assert!(matches!(strict, Err(DataError::LabelVariants { .. })));
    }

    #[test]
    fn crlf_semicolons_unbalanced_quotes_and_huge_fields() {
        let dir = tempfile::tempdir().unwrap();
        let crlf = write(&dir, "c.csv", b"text,stance\r\nhello,a\r\nbye,b\r\n");
        assert_eq!(read_labeled_csv(&crlf, "text", "stance").unwrap().labels, ["a", "b"]);
        let semi = write(&dir, "s.csv", b"text;stance\nhello, there;a\n");
        let columns = Columns { text: "text", label: "stance", group: None };
        let data =
            read_labeled_csv_with(&semi, &columns, CsvOptions { delimiter: Some(b';'), ..CsvOptions::default() });
        assert_eq!(data.unwrap().texts, ["hello, there"]);
        let unbalanced = write(&dir, "u.csv", b"text,stance\n\"open quote,a\nnext,b\n");
        let message = read_labeled_csv(&unbalanced, "text", "stance").unwrap_err().to_string();
        assert!(message.contains("row 1") && message.contains("expected 2 fields"), "{message}");
        let mut big = b"text,stance\n\"".to_vec();
        big.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
        big.extend(b"\",a\nsmall,b\n");
        let huge = write(&dir, "h.csv", &big);
        let data = read_labeled_csv(&huge, "text", "stance").unwrap();
        assert_eq!(data.texts[0].len(), 10 * 1024 * 1024);
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
