//! Articles: each split into units and classified with a stance and a
//! sentiment model, as `stance classify` does.

use crate::errors;
use crate::model::Model;
use crate::texts::{same_length, TextColumn};
use arrow_array::RecordBatch;
use arrow_data::ArrayData;
use arrow_pyarrow::PyArrowType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use stance::article::analysis::{analyze_article, AnalyzeOptions, ArticleReport, Models};
use stance::model::classifier::Classifier;
use stance::model::linear::Probability;
use stance::render::columns::sentence_batch;
use stance::render::tables::article_json;

/// The model given for `role` must predict that task and not per group (the
/// checks of `stance classify`, with the argument names of Python).
fn check_role(model: &Model, role: &str, wrong_column: &str) -> PyResult<()> {
    let meta = &model.classifier.artifact().meta;
    if meta.label_column == wrong_column {
        return Err(PyValueError::new_err(format!(
            "{} predicts '{}', but it was given as the {role} model; pass it as {wrong_column}_model instead",
            model.path_name(),
            meta.label_column
        )));
    }
    if let Some(column) = &meta.group_column {
        return Err(PyValueError::new_err(format!(
            "{} was trained per '{column}' group and cannot classify articles; use Model.predict",
            model.path_name()
        )));
    }
    Ok(())
}

/// A stance and a sentiment model ready to classify articles (checked once,
/// as `stance classify` checks its models).
#[pyclass(module = "stance._native", frozen)]
pub struct ArticleModels {
    models: Models,
}

#[pymethods]
impl ArticleModels {
    #[new]
    fn new(stance_model: &Model, sentiment_model: &Model) -> PyResult<ArticleModels> {
        check_role(stance_model, "stance", "sentiment")?;
        check_role(sentiment_model, "sentiment", "stance")?;
        let copy = |model: &Model| Classifier::new(model.classifier.artifact().clone());
        Ok(ArticleModels { models: Models { stance: copy(stance_model), sentiment: copy(sentiment_model) } })
    }

    /// One JSON document per article (`classify --format json`).
    #[pyo3(signature = (texts, ids, *, explain = 0, abstain_below = None, no_context = false))]
    fn classify_json(
        &self,
        py: Python<'_>,
        texts: PyArrowType<ArrayData>,
        ids: PyArrowType<ArrayData>,
        explain: usize,
        abstain_below: Option<f64>,
        no_context: bool,
    ) -> PyResult<Vec<String>> {
        let reports = self.analyze_all(py, texts, ids, explain, abstain_below, no_context)?;
        reports
            .iter()
            .map(|report| {
                let mut line = Vec::new();
                article_json(report, &mut line).map_err(errors::value)?;
                String::from_utf8(line).map_err(errors::value)
            })
            .collect()
    }

    /// One row per unit of every article (the schema of `classify --format parquet`).
    #[pyo3(signature = (texts, ids, *, abstain_below = None, no_context = false))]
    fn classify_batch(
        &self,
        py: Python<'_>,
        texts: PyArrowType<ArrayData>,
        ids: PyArrowType<ArrayData>,
        abstain_below: Option<f64>,
        no_context: bool,
    ) -> PyResult<PyArrowType<RecordBatch>> {
        let reports = self.analyze_all(py, texts, ids, 0, abstain_below, no_context)?;
        let (stance, sentiment) = (self.models.stance.labels(), self.models.sentiment.labels());
        let batch = sentence_batch(&reports, stance, sentiment).map_err(errors::value)?;
        Ok(PyArrowType(batch))
    }
}

impl ArticleModels {
    /// Classifies every article, in parallel; reports in input order.
    fn analyze_all(
        &self,
        py: Python<'_>,
        texts: PyArrowType<ArrayData>,
        ids: PyArrowType<ArrayData>,
        explain: usize,
        abstain_below: Option<f64>,
        no_context: bool,
    ) -> PyResult<Vec<ArticleReport>> {
        let abstain_below = abstain_below.map(Probability::new).transpose().map_err(errors::value)?;
        let texts = TextColumn::new(texts.0, "texts")?;
        let ids = TextColumn::new(ids.0, "ids")?;
        same_length("texts", texts.len(), "ids", ids.len())?;
        let (texts, ids) = (texts.strs("texts")?, ids.strs("ids")?);
        let models = &self.models;
        let language = models.stance.artifact().meta.text.language;
        let options = AnalyzeOptions { explain, abstain_below, no_context };
        py.detach(|| {
            ids.par_iter()
                .zip(&texts)
                .map(|(id, text)| analyze_article(id, text, models, language, options))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(errors::value)
    }
}
