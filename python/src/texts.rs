//! Text columns handed over as Arrow arrays (pyarrow's C data interface):
//! the strings are read in place, never copied into Python objects.

use arrow_array::{Array, LargeStringArray, StringArray, StringViewArray};
use arrow_data::ArrayData;
use arrow_schema::DataType;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::PyResult;

/// A string column of any of Arrow's three layouts.
pub enum TextColumn {
    Small(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

impl TextColumn {
    /// `what` names the argument in errors (`texts`, `labels`, ...).
    pub fn new(data: ArrayData, what: &str) -> PyResult<TextColumn> {
        match data.data_type() {
            DataType::Utf8 => Ok(TextColumn::Small(StringArray::from(data))),
            DataType::LargeUtf8 => Ok(TextColumn::Large(LargeStringArray::from(data))),
            DataType::Utf8View => Ok(TextColumn::View(StringViewArray::from(data))),
            other => Err(PyTypeError::new_err(format!("{what} must hold strings, got an Arrow array of {other}"))),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            TextColumn::Small(a) => a.len(),
            TextColumn::Large(a) => a.len(),
            TextColumn::View(a) => a.len(),
        }
    }

    /// Every value, borrowed; a missing value is an error naming its position.
    pub fn strs(&self, what: &str) -> PyResult<Vec<&str>> {
        let values: Vec<Option<&str>> = match self {
            TextColumn::Small(a) => a.iter().collect(),
            TextColumn::Large(a) => a.iter().collect(),
            TextColumn::View(a) => a.iter().collect(),
        };
        values
            .into_iter()
            .enumerate()
            .map(|(i, value)| {
                value.ok_or_else(|| {
                    PyValueError::new_err(format!("{what}[{i}] is missing (None/NaN); give every row a string"))
                })
            })
            .collect()
    }
}

/// Checks that two columns have one value per row.
pub fn same_length(what: &str, len: usize, other: &str, other_len: usize) -> PyResult<()> {
    if len == other_len {
        return Ok(());
    }
    Err(PyValueError::new_err(format!("{what} has {len} values but {other} has {other_len}; give one per row")))
}
