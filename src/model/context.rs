//! The context stage stored beside a stance model: a small multinomial
//! logistic model that reads a unit's sentence-level probabilities together
//! with its place in the article (same speaker's other statements, a quote
//! carried on, a rebuttal). The article folder builds its features and fits
//! it; here it is plain data, so the model file can hold it.

use crate::model::linear::LinearModel;
use crate::model::meta::MeanStd;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextModel {
    /// Weights over the context features, one label per stance label.
    pub model: LinearModel,
    /// Names of the input features in column order: a build that computes
    /// other features refuses the stage instead of misreading it.
    pub features: Vec<String>,
    /// Held-out-story cross-validation, when the stage was fitted with it.
    pub evaluation: Option<ContextEvaluation>,
}

/// Sentence-only vs context-aware stance on stories held out whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextEvaluation {
    pub stories: usize,
    /// Classified units aligned with a labeled unit.
    pub units: usize,
    pub folds: usize,
    pub sentence_only_macro_f1: MeanStd,
    pub context_macro_f1: MeanStd,
    /// Share of aligned statements attributed to the labeled speaker (the narrator included).
    pub speaker_accuracy: f64,
}
