//! Library errors as Python exceptions, with the CLI's messages: a missing
//! file is `FileNotFoundError`, a damaged or foreign model `ModelError`,
//! bad arguments `ValueError`.

use pyo3::exceptions::{PyFileExistsError, PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyValueError};
use pyo3::{create_exception, PyErr};
use stance::io::outputs::OutputError;
use stance::model::file::ModelFileError;

create_exception!(
    _native,
    ModelError,
    pyo3::exceptions::PyException,
    "A model file that is damaged, truncated, of an unknown version or not a stance model."
);

pub fn model_file(error: ModelFileError) -> PyErr {
    let message = error.to_string();
    match &error {
        ModelFileError::Read { cause, .. } | ModelFileError::Write { cause, .. } => match cause.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            _ => PyOSError::new_err(message),
        },
        _ => ModelError::new_err(message),
    }
}

pub fn output(error: OutputError) -> PyErr {
    let message = error.to_string().replace("pass --force", "pass force=True");
    match error {
        OutputError::Exists { .. } => PyFileExistsError::new_err(message),
        OutputError::Directory { .. } => PyIsADirectoryError::new_err(message),
        OutputError::SameAsInput { .. } => PyValueError::new_err(message),
    }
}

pub fn value(error: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(error.to_string())
}
