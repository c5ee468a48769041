//! `train` and `evaluate` with the CLI's settings, defaults and validation.

use crate::errors;
use crate::model::{predict_all, Model};
use crate::texts::{same_length, TextColumn};
use arrow_data::ArrayData;
use arrow_pyarrow::PyArrowType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use stance::eval::report::{build_report, ReportOptions, ScoredRow};
use stance::features::tfidf::TfidfParams;
use stance::io::digest::sha256_hex;
use stance::io::labeled::LabeledData;
use stance::model::fit::TrainParams;
use stance::model::linear::Probability;
use stance::model::meta::Metric;
use stance::model::train::{Columns, TrainSettings};
use stance::text::TextConfig;
use std::path::PathBuf;

/// A whole number of at least `min`, with the CLI's message.
fn at_least(name: &str, value: i64, min: i64) -> PyResult<u64> {
    if value < min {
        return Err(PyValueError::new_err(format!("{name} must be a whole number of at least {min}, got {value}")));
    }
    Ok(value as u64)
}

fn parse<T: std::str::FromStr<Err = String>>(name: &str, value: &str) -> PyResult<T> {
    value.parse().map_err(|e: String| PyValueError::new_err(format!("{name}: {e}")))
}

/// The rows to train on or score: trimmed, rows with empty text left out
/// (as the CLI reads a CSV file); an empty label is an error.
fn labeled_rows(
    texts: PyArrowType<ArrayData>,
    labels: PyArrowType<ArrayData>,
    groups: Option<PyArrowType<ArrayData>>,
) -> PyResult<(LabeledData, usize)> {
    let texts = TextColumn::new(texts.0, "texts")?;
    let labels = TextColumn::new(labels.0, "labels")?;
    same_length("texts", texts.len(), "labels", labels.len())?;
    let groups = groups.map(|g| TextColumn::new(g.0, "groups")).transpose()?;
    if let Some(groups) = &groups {
        same_length("texts", texts.len(), "groups", groups.len())?;
    }
    let (text_strs, label_strs) = (texts.strs("texts")?, labels.strs("labels")?);
    let group_strs = groups.as_ref().map(|g| g.strs("groups")).transpose()?;
    let mut data = LabeledData {
        path: PathBuf::from("<python>"),
        sha256: String::new(),
        texts: Vec::with_capacity(text_strs.len()),
        labels: Vec::with_capacity(text_strs.len()),
        groups: group_strs.as_ref().map(|_| Vec::new()),
        rows: Vec::new(),
        skipped_empty_text: Vec::new(),
        merged_labels: Vec::new(),
        multiline_fields: Vec::new(),
        decoded_from: None,
    };
    let mut fingerprint = Vec::new();
    let mut skipped = 0;
    for (i, (text, label)) in text_strs.iter().zip(&label_strs).enumerate() {
        let (text, label) = (text.trim(), label.trim());
        if label.is_empty() {
            return Err(PyValueError::new_err(format!("labels[{i}] is empty; every row needs a label")));
        }
        if text.is_empty() {
            skipped += 1;
            continue;
        }
        for field in [text, label] {
            fingerprint.extend_from_slice(field.as_bytes());
            fingerprint.push(0);
        }
        data.texts.push(text.to_string());
        data.labels.push(label.to_string());
        data.rows.push(i);
        if let (Some(out), Some(groups)) = (data.groups.as_mut(), &group_strs) {
            out.push(groups[i].trim().to_string());
        }
    }
    data.sha256 = sha256_hex(&fingerprint);
    Ok((data, skipped))
}

/// Trains a model; returns it with the number of rows skipped for empty text.
#[pyfunction]
#[pyo3(signature = (texts, labels, groups = None, *, label_col, text_col, group_col, c, max_iter, tol, solver,
    class_weight, word_ngrams, char_ngrams, target_features, min_df, max_features, stem, lowercase, language))]
#[allow(clippy::too_many_arguments)]
pub fn train(
    py: Python<'_>,
    texts: PyArrowType<ArrayData>,
    labels: PyArrowType<ArrayData>,
    groups: Option<PyArrowType<ArrayData>>,
    label_col: String,
    text_col: String,
    group_col: Option<String>,
    c: f64,
    max_iter: i64,
    tol: f64,
    solver: &str,
    class_weight: &str,
    word_ngrams: &str,
    char_ngrams: Option<&str>,
    target_features: bool,
    min_df: i64,
    max_features: Option<i64>,
    stem: bool,
    lowercase: bool,
    language: &str,
) -> PyResult<(Model, usize)> {
    let settings = TrainSettings {
        text: TextConfig {
            language: parse("language", language)?,
            lowercase,
            stem,
            word_ngrams: parse("word_ngrams", word_ngrams)?,
            char_ngrams: char_ngrams.map(|r| parse("char_ngrams", r)).transpose()?,
        },
        tfidf: TfidfParams {
            min_df: at_least("min_df", min_df, 1)? as usize,
            max_features: max_features.map(|n| at_least("max_features", n, 1)).transpose()?.map(|n| n as usize),
            sublinear_tf: true,
        },
        params: TrainParams {
            c,
            max_iter: at_least("max_iter", max_iter, 1)?,
            tol,
            solver: parse("solver", solver)?,
            class_weight: parse("class_weight", class_weight)?,
        },
        target_features,
    };
    settings.params.validate().map_err(errors::value)?;
    if groups.is_some() != group_col.is_some() {
        return Err(PyValueError::new_err("give groups and group_col together"));
    }
    let (data, skipped) = labeled_rows(texts, labels, groups)?;
    let columns = Columns { text: text_col, label: label_col, group: group_col };
    let artifact =
        py.detach(|| stance::model::train::train(&data, &columns, &settings, None)).map_err(errors::value)?;
    Ok((Model::new(artifact, None), skipped))
}

/// The `evaluate --format json` report, as JSON text.
#[pyfunction]
#[pyo3(signature = (model, texts, labels, groups = None, *, metric, f_avg_classes, bootstrap, seed, errors, abstain_below, data_name))]
#[allow(clippy::too_many_arguments)]
pub fn evaluate(
    py: Python<'_>,
    model: &Model,
    texts: PyArrowType<ArrayData>,
    labels: PyArrowType<ArrayData>,
    groups: Option<PyArrowType<ArrayData>>,
    metric: &str,
    f_avg_classes: Vec<String>,
    bootstrap: i64,
    seed: u64,
    errors: i64,
    abstain_below: Option<f64>,
    data_name: String,
) -> PyResult<String> {
    let metric = Metric::parse(metric, &f_avg_classes).map_err(errors::value)?;
    let model_labels = model.classifier.labels().to_vec();
    if let Metric::FAvg(classes) = &metric {
        if let Some(missing) = classes.iter().find(|c| !model_labels.contains(c)) {
            return Err(PyValueError::new_err(format!(
                "f_avg_classes names '{missing}', which is not a label of the model {} (labels: {})",
                model.path_name(),
                model_labels.join(", ")
            )));
        }
    }
    let resamples = match bootstrap {
        0 | 100.. => bootstrap as usize,
        _ => {
            return Err(PyValueError::new_err(format!(
                "bootstrap must be 0 (no intervals) or at least 100 resamples, got {bootstrap}"
            )))
        }
    };
    let errors_listed = at_least("errors", errors, 0)? as usize;
    let abstain_below = abstain_below.map(Probability::new).transpose().map_err(errors::value)?;
    let (data, _) = labeled_rows(texts, labels, groups)?;
    let texts: Vec<&str> = data.texts.iter().map(String::as_str).collect();
    let groups: Option<Vec<&str>> = data.groups.as_ref().map(|g| g.iter().map(String::as_str).collect());
    let predictions = predict_all(py, &model.classifier, &texts, groups.as_deref())?;
    let rows: Vec<ScoredRow> = predictions
        .into_iter()
        .enumerate()
        .map(|(i, p)| ScoredRow {
            row: data.rows[i] + 1,
            text: data.texts[i].clone(),
            gold: data.labels[i].clone(),
            predicted: p.label,
            probabilities: p.probabilities,
        })
        .collect();
    let options = ReportOptions { metric, resamples, seed, errors: errors_listed, abstain_below };
    let report = py.detach(|| build_report(&model.path_name(), &data_name, &model_labels, &rows, &options));
    serde_json::to_string(&report).map_err(errors::value)
}
