//! The model card: what a model file holds and what it learned.

use crate::model::context::ContextEvaluation;
use crate::model::file::{ModelArtifact, FORMAT_VERSION};
use crate::model::fit::FitReport;
use crate::model::meta::{HoldoutCv, TrainingMeta};
use serde::Serialize;

/// A feature and its weight for one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedFeature {
    pub feature: String,
    pub weight: f64,
}

/// The strongest features of one label in one part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelFeatures {
    pub label: String,
    pub intercept: f64,
    pub top: Vec<WeightedFeature>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartCard {
    pub group: Option<String>,
    pub rows: usize,
    pub features: usize,
    pub fit: FitReport,
    pub labels: Vec<LabelFeatures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelCard {
    pub format_version: u32,
    /// How the model was trained, as stored in the file.
    #[serde(flatten)]
    pub meta: TrainingMeta,
    /// Cross-validation by held-out groups (topics, registers), if run.
    pub holdout_cv: Vec<HoldoutCv>,
    /// Whether the target-aware columns follow the TF-IDF ones.
    pub target_features: bool,
    /// The article-context stage, if the model carries one, with its held-out-story scores.
    pub context: Option<ContextCard>,
    pub parts: Vec<PartCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextCard {
    pub features: Vec<String>,
    pub labels: Vec<String>,
    /// Per feature, its weight for each label (in `labels` order).
    pub weights: Vec<Vec<f64>>,
    pub intercept: Vec<f64>,
    pub evaluation: Option<ContextEvaluation>,
}

/// The card of `artifact`, with the `top` highest-weighted features per label.
pub fn model_card(artifact: &ModelArtifact, top: usize) -> ModelCard {
    ModelCard {
        format_version: FORMAT_VERSION,
        meta: artifact.meta.clone(),
        holdout_cv: artifact.holdout_cv.clone(),
        target_features: artifact.target.is_some(),
        context: artifact.context.as_ref().map(|c| ContextCard {
            features: c.features.clone(),
            labels: c.model.labels().to_vec(),
            weights: (0..c.features.len())
                .map(|f| (0..c.model.labels().len()).map(|l| c.model.weight(f, l)).collect())
                .collect(),
            intercept: c.model.intercept().to_vec(),
            evaluation: c.evaluation.clone(),
        }),
        parts: artifact
            .parts
            .iter()
            .map(|part| PartCard {
                group: part.group.clone(),
                rows: part.rows,
                features: artifact.part_features(part),
                fit: part.fit.clone(),
                labels: part
                    .model
                    .labels()
                    .iter()
                    .enumerate()
                    .map(|(label, name)| {
                        let mut weights: Vec<(usize, f64)> =
                            (0..part.model.n_features()).map(|j| (j, part.model.weight(j, label))).collect();
                        weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                        LabelFeatures {
                            label: name.clone(),
                            intercept: part.model.intercept()[label],
                            top: weights
                                .into_iter()
                                .take(top)
                                .map(|(j, weight)| WeightedFeature {
                                    feature: artifact.feature_display(part, j),
                                    weight,
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::train::tests::toy_artifact;

    #[test]
    fn card_lists_metadata_and_top_features_by_weight() {
        let artifact = toy_artifact();
        let card = model_card(&artifact, 3);
        assert_eq!(card.meta.rows, 9);
        assert_eq!(card.parts.len(), 1);
        let labels = &card.parts[0].labels;
        assert_eq!(labels.len(), 3);
        for label in labels {
            assert_eq!(label.top.len(), 3);
            assert!(label.top.windows(2).all(|w| w[0].weight >= w[1].weight));
        }
        let sanctuary = labels.iter().find(|l| l.label == "pro-sanctuary").unwrap();
        let words: Vec<&str> = sanctuary.top.iter().map(|f| f.feature.as_str()).collect();
        assert!(
            words.iter().any(|w| w.contains("protect") || w.contains("famil") || w.contains("sanctuary")),
            "{words:?}"
        );
        let json = serde_json::to_value(&card).unwrap();
        assert_eq!(json["parts"][0]["labels"][0]["label"], "neutral");
    }
}
