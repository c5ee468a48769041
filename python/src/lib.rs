//! `stance._native`: the stance engine for Python. The `stance` Python
//! package wraps it (argument conversion, numpy and pandas results); work
//! runs here without the GIL, on rayon's pool as in the CLI.

mod classify;
mod errors;
mod model;
mod texts;
mod train;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ModelError", m.py().get_type::<errors::ModelError>())?;
    m.add_class::<model::Model>()?;
    m.add_function(wrap_pyfunction!(model::load, m)?)?;
    m.add_function(wrap_pyfunction!(train::train, m)?)?;
    m.add_function(wrap_pyfunction!(train::evaluate, m)?)?;
    m.add_class::<classify::ArticleModels>()?;
    m.add_function(wrap_pyfunction!(set_threads, m)?)?;
    Ok(())
}

/// Sets the number of worker threads (default: one per core). Must be called
/// before any other work; results do not depend on it.
#[pyfunction]
fn set_threads(threads: usize) -> PyResult<()> {
    if !(1..=256).contains(&threads) {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "threads must be between 1 and 256, got {threads}"
        )));
    }
    rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().map_err(|error| {
        pyo3::exceptions::PyRuntimeError::new_err(format!(
            "cannot set {threads} threads: {error} (call stance.set_threads before any other stance call)"
        ))
    })
}
