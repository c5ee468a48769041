//! `Model`: a loaded model file; predictions as Arrow arrays the Python side
//! turns into numpy without copying.

use crate::errors;
use crate::texts::{same_length, TextColumn};
use arrow_array::{Array, Float64Array, UInt32Array};
use arrow_data::ArrayData;
use arrow_pyarrow::PyArrowType;
use pyo3::prelude::*;
use rayon::prelude::*;
use stance::io::outputs::check_output;
use stance::model::card::model_card;
use stance::model::classifier::Classifier;
use stance::model::file::ModelArtifact;
use stance::model::linear::Prediction;
use std::path::PathBuf;
use std::sync::Arc;

/// Texts one worker classifies at a time (as `stance predict` does).
const CHUNK_ROWS: usize = 64;

/// A trained model, as loaded from a file written by `stance train` or
/// `Model.save`.
#[pyclass(module = "stance._native", frozen)]
pub struct Model {
    pub classifier: Arc<Classifier>,
    /// The file it was loaded from or saved to, if any.
    pub path: std::sync::Mutex<Option<PathBuf>>,
}

impl Model {
    pub fn new(artifact: ModelArtifact, path: Option<PathBuf>) -> Model {
        Model { classifier: Arc::new(Classifier::new(artifact)), path: std::sync::Mutex::new(path) }
    }

    pub fn path_name(&self) -> String {
        let path = self.path.lock().map(|p| p.clone()).unwrap_or_default();
        path.map(|p| p.display().to_string()).unwrap_or_else(|| "<in memory>".into())
    }
}

/// Predictions of every text, in order.
pub fn predict_all(
    py: Python<'_>,
    classifier: &Classifier,
    texts: &[&str],
    groups: Option<&[&str]>,
) -> PyResult<Vec<Prediction>> {
    py.detach(|| {
        texts
            .par_chunks(CHUNK_ROWS)
            .enumerate()
            .map(|(chunk, texts)| {
                let first = chunk * CHUNK_ROWS;
                texts
                    .iter()
                    .enumerate()
                    .map(|(i, text)| {
                        let group = groups.map(|g| g[first + i]);
                        classifier.classify_in(group, text).map_err(|e| format!("texts[{}]: {e}", first + i))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<Vec<_>>, _>>()
    })
    .map(|chunks| chunks.into_iter().flatten().collect())
    .map_err(errors::value)
}

#[pymethods]
impl Model {
    /// The labels, sorted; probability columns follow this order.
    #[getter]
    fn labels(&self) -> Vec<String> {
        self.classifier.labels().to_vec()
    }

    /// The column the labels came from (`stance`, `sentiment`, ...).
    #[getter]
    fn label_column(&self) -> String {
        self.classifier.artifact().meta.label_column.clone()
    }

    /// The group column of a model trained per group, else None.
    #[getter]
    fn group_column(&self) -> Option<String> {
        self.classifier.artifact().meta.group_column.clone()
    }

    /// The file the model was loaded from or last saved to.
    #[getter]
    fn path(&self) -> Option<String> {
        self.path.lock().ok().and_then(|p| p.as_ref().map(|p| p.display().to_string()))
    }

    /// The model card of `stance inspect --format json`, as JSON text.
    #[pyo3(signature = (top = 15))]
    fn card_json(&self, top: usize) -> PyResult<String> {
        serde_json::to_string(&model_card(self.classifier.artifact(), top)).map_err(errors::value)
    }

    /// Predicted label positions (uint32) and the probabilities, rows x
    /// labels flattened (float64), as Arrow arrays.
    #[pyo3(signature = (texts, groups = None))]
    fn predict_arrays(
        &self,
        py: Python<'_>,
        texts: PyArrowType<ArrayData>,
        groups: Option<PyArrowType<ArrayData>>,
    ) -> PyResult<(PyArrowType<ArrayData>, PyArrowType<ArrayData>)> {
        let texts = TextColumn::new(texts.0, "texts")?;
        let groups = groups.map(|g| TextColumn::new(g.0, "groups")).transpose()?;
        let text_strs = texts.strs("texts")?;
        let group_strs = match &groups {
            Some(groups) => {
                same_length("texts", texts.len(), "groups", groups.len())?;
                Some(groups.strs("groups")?)
            }
            None => None,
        };
        let predictions = predict_all(py, &self.classifier, &text_strs, group_strs.as_deref())?;
        let labels = UInt32Array::from_iter_values(predictions.iter().map(|p| p.label as u32));
        let probabilities =
            Float64Array::from_iter_values(predictions.iter().flat_map(|p| p.probabilities.iter().copied()));
        Ok((PyArrowType(labels.into_data()), PyArrowType(probabilities.into_data())))
    }

    /// Writes the model atomically; refuses an existing file unless `force`.
    #[pyo3(signature = (path, force = false))]
    fn save(&self, py: Python<'_>, path: PathBuf, force: bool) -> PyResult<()> {
        check_output("path", &path, &[], force).map_err(errors::output)?;
        py.detach(|| self.classifier.artifact().save(&path)).map_err(errors::model_file)?;
        if let Ok(mut stored) = self.path.lock() {
            *stored = Some(path);
        }
        Ok(())
    }

    fn __repr__(&self) -> String {
        let meta = &self.classifier.artifact().meta;
        format!(
            "<stance.Model {} labels={:?} rows={} features={}>",
            meta.label_column,
            meta.labels,
            meta.rows,
            self.classifier.artifact().n_features()
        )
    }
}

/// Loads a model file (checks its header and checksum first).
#[pyfunction]
pub fn load(py: Python<'_>, path: PathBuf) -> PyResult<Model> {
    let artifact = py.detach(|| ModelArtifact::load(&path)).map_err(errors::model_file)?;
    Ok(Model::new(artifact, Some(path)))
}
