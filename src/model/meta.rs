//! What a model file records about its training: the settings (the metric
//! among them), the data's fingerprint and the cross-validation scores. Plain data, so the model
//! file and the evaluation code both use it without depending on each other.

use crate::features::tfidf::TfidfParams;
use crate::model::fit::TrainParams;
use crate::text::TextConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Facts about how a model was trained, for the model card and reproducibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingMeta {
    pub crate_version: String,
    /// The label column the model predicts (e.g. `stance`), so a stance model
    /// is not mistaken for a sentiment model.
    pub label_column: String,
    pub text_column: String,
    /// Column whose values select a sub-model, when one was trained per group.
    pub group_column: Option<String>,
    /// All labels any part predicts, sorted.
    pub labels: Vec<String>,
    pub data_file: String,
    pub data_sha256: String,
    pub rows: usize,
    pub label_counts: BTreeMap<String, usize>,
    pub text: TextConfig,
    pub tfidf: TfidfParams,
    pub params: TrainParams,
    pub training_accuracy: f64,
    /// Cross-validation run by `train --cv`, if any.
    pub cv: Option<CvSummary>,
}

/// Cross-validation whose folds hold out whole values of a column (topics,
/// registers, stories): an estimate of how the model does on a sub-issue
/// or a kind of source it has never seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutCv {
    /// The column whose values were held out.
    pub column: String,
    /// Distinct values of the column.
    pub groups: usize,
    pub summary: CvSummary,
}

/// Scores of one fold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldScore {
    pub fold: usize,
    pub rows: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub macro_recall: f64,
    pub metric: f64,
}

/// Mean and (population) standard deviation over folds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanStd {
    pub mean: f64,
    pub std: f64,
}

impl MeanStd {
    pub fn of(values: &[f64]) -> MeanStd {
        let n = values.len().max(1) as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        MeanStd { mean, std: var.sqrt() }
    }
}

/// What cross-validation found; stored in the model when `train --cv` is used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvSummary {
    pub folds: usize,
    pub seed: u64,
    pub metric: Metric,
    pub per_fold: Vec<FoldScore>,
    pub accuracy: MeanStd,
    pub macro_f1: MeanStd,
    pub macro_recall: MeanStd,
    pub metric_score: MeanStd,
}

/// The task metric a user optimises and reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Metric {
    Accuracy,
    MacroF1,
    MacroRecall,
    /// Mean F1 over the named classes (SemEval stance: `against`, `favor`).
    FAvg(Vec<String>),
}

impl Metric {
    /// Parses `accuracy`, `macro-f1`, `macro-recall` or `f-avg` (with its classes).
    pub fn parse(name: &str, f_avg_classes: &[String]) -> Result<Metric, String> {
        match name {
            "accuracy" => Ok(Metric::Accuracy),
            "macro-f1" => Ok(Metric::MacroF1),
            "macro-recall" => Ok(Metric::MacroRecall),
            "f-avg" if f_avg_classes.is_empty() => {
                Err("--metric f-avg needs the classes to average, e.g. --f-avg-classes against,favor".into())
            }
            "f-avg" => Ok(Metric::FAvg(f_avg_classes.to_vec())),
            other => Err(format!("unknown metric '{other}' (expected accuracy, macro-f1, macro-recall or f-avg)")),
        }
    }

    pub fn name(&self) -> String {
        match self {
            Metric::Accuracy => "accuracy".into(),
            Metric::MacroF1 => "macro-f1".into(),
            Metric::MacroRecall => "macro-recall".into(),
            Metric::FAvg(classes) => format!("f-avg({})", classes.join(",")),
        }
    }
}
