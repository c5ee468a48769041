//! The model card: what a model file holds and what it learned.

use crate::cv::CvSummary;
use crate::features::TfidfParams;
use crate::modelfile::{ModelArtifact, FORMAT_VERSION};
use crate::text::TextConfig;
use crate::train::{FitReport, TrainParams};
use serde::Serialize;
use std::collections::BTreeMap;

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
    pub crate_version: String,
    pub label_column: String,
    pub text_column: String,
    pub group_column: Option<String>,
    pub data_file: String,
    pub data_sha256: String,
    pub rows: usize,
    pub label_counts: BTreeMap<String, usize>,
    pub text: TextConfig,
    pub tfidf: TfidfParams,
    pub params: TrainParams,
    pub training_accuracy: f64,
    pub cv: Option<CvSummary>,
    pub parts: Vec<PartCard>,
}

/// The card of `artifact`, with the `top` highest-weighted features per label.
pub fn model_card(artifact: &ModelArtifact, top: usize) -> ModelCard {
    let meta = &artifact.meta;
    ModelCard {
        format_version: FORMAT_VERSION,
        crate_version: meta.crate_version.clone(),
        label_column: meta.label_column.clone(),
        text_column: meta.text_column.clone(),
        group_column: meta.group_column.clone(),
        data_file: meta.data_file.clone(),
        data_sha256: meta.data_sha256.clone(),
        rows: meta.rows,
        label_counts: meta.label_counts.clone(),
        text: meta.text.clone(),
        tfidf: meta.tfidf.clone(),
        params: meta.params.clone(),
        training_accuracy: meta.training_accuracy,
        cv: meta.cv.clone(),
        parts: artifact
            .parts
            .iter()
            .map(|part| PartCard {
                group: part.group.clone(),
                rows: part.rows,
                features: part.vectorizer.n_features(),
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
                                    feature: part.vectorizer.feature_display(j).unwrap_or_default(),
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
    use crate::pipeline::tests::toy_artifact;

    #[test]
    fn card_lists_metadata_and_top_features_by_weight() {
        let artifact = toy_artifact();
        let card = model_card(&artifact, 3);
        assert_eq!(card.rows, 9);
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
