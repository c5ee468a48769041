//! A loaded model applied to text: routes each text to its group's part,
//! scores it (fast, with the [`Scorer`]) and explains the result.

use crate::features::sparse::SparseRow;
use crate::model::file::ModelArtifact;
use crate::model::linear::Prediction;
use crate::model::scorer::Scorer;
use crate::text::Analyzer;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ClassifyError {
    #[error("the model has no sub-model for group '{group}' (groups: {known})")]
    UnknownGroup { group: String, known: String },
    #[error("the model was trained per '{column}' group: give each text its group (e.g. --group-col {column})")]
    GroupRequired { column: String },
}

/// One feature's push toward a label.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Contribution {
    /// The feature in readable words.
    pub feature: String,
    /// Its TF-IDF value in the text.
    pub value: f64,
    pub weight: f64,
    pub contribution: f64,
}

/// The terms of a label's logit for one text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Explanation {
    pub intercept: f64,
    /// Strongest push toward the label first.
    pub contributions: Vec<Contribution>,
}

/// One part with its analyzer and the positions of its labels in the
/// model's full label list.
struct LoadedPart {
    analyzer: Analyzer,
    label_positions: Vec<usize>,
    /// Fast path for logits; `None` falls back to building the TF-IDF row.
    scorer: Option<Scorer>,
}

/// A loaded model ready to classify text.
pub struct Classifier {
    artifact: ModelArtifact,
    loaded: Vec<LoadedPart>,
}

impl Classifier {
    pub fn new(artifact: ModelArtifact) -> Self {
        let labels = &artifact.meta.labels;
        let loaded = artifact
            .parts
            .iter()
            .map(|part| LoadedPart {
                analyzer: part.vectorizer.analyzer(),
                label_positions: part
                    .model
                    .labels()
                    .iter()
                    .map(|l| labels.iter().position(|m| m == l).unwrap_or(0))
                    .collect(),
                scorer: Scorer::new(&part.vectorizer, &part.model),
            })
            .collect();
        Classifier { artifact, loaded }
    }

    pub fn artifact(&self) -> &ModelArtifact {
        &self.artifact
    }

    /// All labels the model predicts, sorted; probabilities follow this order.
    pub fn labels(&self) -> &[String] {
        &self.artifact.meta.labels
    }

    /// Classifies with an ungrouped model.
    pub fn classify(&self, text: &str) -> Result<Prediction, ClassifyError> {
        self.classify_in(None, text)
    }

    /// Classifies `text` with the sub-model of `group` (`None` for ungrouped models).
    pub fn classify_in(&self, group: Option<&str>, text: &str) -> Result<Prediction, ClassifyError> {
        let index = self.part_index(group)?;
        let (part, loaded) = (&self.artifact.parts[index], &self.loaded[index]);
        let mut logits = match &loaded.scorer {
            Some(scorer) => scorer.logits(&part.vectorizer, &loaded.analyzer, &part.model, text),
            None => part.model.logits(&part.vectorizer.transform_one(&loaded.analyzer, text)),
        };
        if let Some(block) = &self.artifact.target {
            for (feature, value) in block.row(text, part.vectorizer.n_features() as u32) {
                part.model.add_feature(&mut logits, feature as usize, value);
            }
        }
        let local = Prediction::from_logits(&logits);
        let mut probabilities = vec![0.0; self.labels().len()];
        for (p, &position) in local.probabilities.iter().zip(&loaded.label_positions) {
            probabilities[position] = *p;
        }
        Ok(Prediction { label: loaded.label_positions[local.label], probabilities })
    }

    /// Why `text` got `label`: every feature's push (TF-IDF value x weight)
    /// toward `label`, strongest first, and the intercept. Contributions plus
    /// the intercept sum to the label's logit.
    pub fn explain(&self, group: Option<&str>, text: &str, label: usize) -> Result<Explanation, ClassifyError> {
        let index = self.part_index(group)?;
        let (part, loaded) = (&self.artifact.parts[index], &self.loaded[index]);
        let row = self.features(index, text);
        let Some(local) = loaded.label_positions.iter().position(|&p| p == label) else {
            return Ok(Explanation { intercept: f64::NEG_INFINITY, contributions: Vec::new() });
        };
        let mut contributions: Vec<Contribution> = row
            .iter()
            .map(|(feature, value)| {
                let weight = part.model.weight(feature, local);
                Contribution {
                    feature: self.artifact.feature_display(part, feature),
                    value: value as f64,
                    weight,
                    contribution: value as f64 * weight,
                }
            })
            .collect();
        contributions.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        Ok(Explanation { intercept: part.model.intercept()[local], contributions })
    }

    /// The feature row of `text` in part `index`: TF-IDF, then the target block.
    fn features(&self, index: usize, text: &str) -> SparseRow {
        let (part, loaded) = (&self.artifact.parts[index], &self.loaded[index]);
        let mut row = part.vectorizer.transform_one(&loaded.analyzer, text);
        if let Some(block) = &self.artifact.target {
            block.extend_row(&mut row, text, part.vectorizer.n_features() as u32);
        }
        row
    }

    fn part_index(&self, group: Option<&str>) -> Result<usize, ClassifyError> {
        match (&self.artifact.meta.group_column, group) {
            (None, _) => Ok(0),
            (Some(column), None) => Err(ClassifyError::GroupRequired { column: column.clone() }),
            (Some(_), Some(group)) => self
                .artifact
                .parts
                .iter()
                .position(|p| p.group.as_deref() == Some(group))
                .ok_or_else(|| ClassifyError::UnknownGroup {
                    group: group.to_string(),
                    known: self.artifact.parts.iter().filter_map(|p| p.group.clone()).collect::<Vec<_>>().join(", "),
                }),
        }
    }

    /// Predictions for many texts (with their groups, if any), in parallel, in order.
    pub fn predict_all(&self, texts: &[String], groups: Option<&[String]>) -> Result<Vec<Prediction>, ClassifyError> {
        use rayon::prelude::*;
        texts.par_iter().enumerate().map(|(i, t)| self.classify_in(groups.map(|g| g[i].as_str()), t)).collect()
    }
}
