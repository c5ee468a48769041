//! Training a model artifact from labeled data: one vectorizer and one
//! fitted classifier per group.

use crate::features::target::TargetBlock;
use crate::features::tfidf::{TfidfParams, Vectorizer};
use crate::io::labeled::LabeledData;
use crate::model::file::{ModelArtifact, SubModel};
use crate::model::fit::{fit, Progress, TrainError, TrainParams};
use crate::model::meta::TrainingMeta;
use crate::text::TextConfig;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything that decides how a model is trained.
#[derive(Debug, Clone, Default)]
pub struct TrainSettings {
    pub text: TextConfig,
    pub tfidf: TfidfParams,
    pub params: TrainParams,
    /// Append the target-aware block ([`TargetBlock`]) to the TF-IDF columns.
    pub target_features: bool,
}

/// Names recorded in the model's metadata.
#[derive(Debug, Clone)]
pub struct Columns {
    pub text: String,
    pub label: String,
    /// Train one sub-model per value of this column.
    pub group: Option<String>,
}

/// Progress of a training run, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TrainEvent<'a> {
    /// Featurizing the rows of a part (`group` is `None` for ungrouped models).
    Featurizing { group: Option<&'a str>, rows: usize },
    /// One solver iteration finished.
    Iteration { iteration: u64, loss: f64 },
}

/// Receives [`TrainEvent`]s.
pub type TrainObserver = Arc<dyn Fn(TrainEvent<'_>) + Send + Sync>;

/// Fits the vectorizer and the classifier on `data`, one part per group when
/// `columns.group` is set. The model holds no timestamps or timings, so the
/// same data and settings give the same bytes.
pub fn train(
    data: &LabeledData,
    columns: &Columns,
    settings: &TrainSettings,
    observer: Option<TrainObserver>,
) -> Result<ModelArtifact, TrainError> {
    settings.params.validate()?;
    if data.texts.is_empty() {
        return Err(TrainError::Empty);
    }
    let target = settings.target_features.then(TargetBlock::standard);
    let mut parts = Vec::new();
    let mut correct = 0usize;
    for (group, rows) in group_rows(data) {
        if let Some(observe) = &observer {
            observe(TrainEvent::Featurizing { group: group.as_deref(), rows: rows.len() });
        }
        let docs: Vec<&str> = rows.iter().map(|&i| data.texts[i].as_str()).collect();
        let labels: Vec<String> = rows.iter().map(|&i| data.labels[i].clone()).collect();
        let vectorizer = Vectorizer::fit(&docs, &settings.text, &settings.tfidf);
        let mut x = vectorizer.transform(&docs);
        if let Some(block) = &target {
            x = block.append_columns(&x, &docs);
        }
        let progress = observer.clone().map(|observe| {
            Arc::new(move |iteration, loss| observe(TrainEvent::Iteration { iteration, loss })) as Progress
        });
        let fitted = fit(x, &labels, &settings.params, progress).map_err(|e| match (&group, e) {
            (Some(g), TrainError::SingleClass { found }) => TrainError::SingleClassGroup { group: g.clone(), found },
            (_, e) => e,
        })?;
        correct += fitted.training_correct;
        let (model, fit_report) = (fitted.model, fitted.report);
        parts.push(SubModel { group, rows: rows.len(), vectorizer, model, fit: fit_report });
    }
    let mut label_counts = BTreeMap::new();
    for label in &data.labels {
        *label_counts.entry(label.clone()).or_insert(0) += 1;
    }
    Ok(ModelArtifact {
        meta: TrainingMeta {
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            label_column: columns.label.clone(),
            text_column: columns.text.clone(),
            group_column: columns.group.clone(),
            labels: label_counts.keys().cloned().collect(),
            data_file: data.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            data_sha256: data.sha256.clone(),
            rows: data.texts.len(),
            label_counts,
            text: settings.text.clone(),
            tfidf: settings.tfidf.clone(),
            params: settings.params.clone(),
            training_accuracy: correct as f64 / data.texts.len() as f64,
            cv: None,
        },
        parts,
        holdout_cv: Vec::new(),
        target,
        context: None,
    })
}

/// Row indices per group value, groups sorted; one `None` group when ungrouped.
fn group_rows(data: &LabeledData) -> Vec<(Option<String>, Vec<usize>)> {
    match &data.groups {
        None => vec![(None, (0..data.texts.len()).collect())],
        Some(groups) => {
            let mut by_group: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, g) in groups.iter().enumerate() {
                by_group.entry(g.as_str()).or_default().push(i);
            }
            by_group.into_iter().map(|(g, rows)| (Some(g.to_string()), rows)).collect()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::classifier::{Classifier, ClassifyError};
    use std::path::PathBuf;

    pub(crate) fn toy_data() -> LabeledData {
        let rows = [
            ("ICE must deport criminal aliens now", "pro-enforcement"),
            ("Sanctuary cities protect criminals and must end", "pro-enforcement"),
            ("Local police should honor every ICE detainer", "pro-enforcement"),
            ("We will protect immigrant families from ICE raids", "pro-sanctuary"),
            ("Sanctuary laws keep our communities safe", "pro-sanctuary"),
            ("The raids tear families apart and must stop", "pro-sanctuary"),
            ("The council meets on Tuesday at noon", "neutral"),
            ("The hearing was scheduled for March", "neutral"),
            ("The bill passed the Senate by a vote of 21 to 13", "neutral"),
        ];
        LabeledData {
            path: PathBuf::from("toy.csv"),
            sha256: "0".repeat(64),
            texts: rows.iter().map(|r| r.0.to_string()).collect(),
            labels: rows.iter().map(|r| r.1.to_string()).collect(),
            groups: None,
            rows: (1..=rows.len()).collect(),
            skipped_empty_text: vec![],
            merged_labels: vec![],
            multiline_fields: vec![],
            decoded_from: None,
        }
    }

    pub(crate) fn toy_artifact() -> ModelArtifact {
        let columns = Columns { text: "text".into(), label: "stance".into(), group: None };
        train(&toy_data(), &columns, &TrainSettings::default(), None).unwrap()
    }

    #[test]
    fn trains_and_records_metadata() {
        let artifact = toy_artifact();
        let meta = &artifact.meta;
        assert_eq!(meta.rows, 9);
        assert_eq!(meta.label_counts.get("neutral"), Some(&3));
        assert_eq!(meta.training_accuracy, 1.0);
        assert_eq!(meta.label_column, "stance");
        let classifier = Classifier::new(artifact);
        assert_eq!(classifier.labels(), ["neutral", "pro-enforcement", "pro-sanctuary"]);
        let p = classifier.classify("protect immigrant families").unwrap();
        assert_eq!(classifier.labels()[p.label], "pro-sanctuary");
    }

    #[test]
    fn explanations_sum_with_the_intercept_to_the_logit() {
        let artifact = toy_artifact();
        let classifier = Classifier::new(artifact.clone());
        let text = "We will protect immigrant families from the raids";
        let prediction = classifier.classify(text).unwrap();
        let explanation = classifier.explain(None, text, prediction.label).unwrap();
        let part = &artifact.parts[0];
        let row = part.vectorizer.transform_one(&part.vectorizer.analyzer(), text);
        let logit = part.model.logits(&row)[prediction.label];
        let total: f64 = explanation.intercept + explanation.contributions.iter().map(|c| c.contribution).sum::<f64>();
        assert!((total - logit).abs() < 1e-9, "{total} vs {logit}");
        assert_eq!(explanation.contributions.len(), row.indices.len());
        let top = &explanation.contributions[0];
        assert!(top.contribution >= explanation.contributions.last().unwrap().contribution);
        assert!(!top.feature.is_empty());
    }

    #[test]
    fn target_features_follow_the_tfidf_columns_in_training_scoring_and_explaining() {
        let settings = TrainSettings { target_features: true, ..TrainSettings::default() };
        let columns = Columns { text: "text".into(), label: "stance".into(), group: None };
        let artifact = train(&toy_data(), &columns, &settings, None).unwrap();
        let block = artifact.target.clone().unwrap();
        let part = &artifact.parts[0];
        assert_eq!(part.model.n_features(), part.vectorizer.n_features() + TargetBlock::width());
        let text = "The cruel ICE raids must stop";
        let mut row = part.vectorizer.transform_one(&part.vectorizer.analyzer(), text);
        block.extend_row(&mut row, text, part.vectorizer.n_features() as u32);
        assert!(row.indices.iter().any(|&i| i as usize >= part.vectorizer.n_features()), "{row:?}");
        let expected = crate::model::linear::Prediction::from_logits(&part.model.logits(&row));
        let classifier = Classifier::new(artifact.clone());
        let got = classifier.classify(text).unwrap();
        for (a, b) in got.probabilities.iter().zip(&expected.probabilities) {
            assert!((a - b).abs() < 1e-9, "{a} vs {b}");
        }
        let explanation = classifier.explain(None, text, got.label).unwrap();
        assert!(explanation.contributions.iter().any(|c| c.feature == "[negative near enforcement side]"));
        let bytes = artifact.to_bytes();
        assert_eq!(ModelArtifact::from_bytes(&bytes, std::path::Path::new("m")).unwrap(), artifact);
    }

    #[test]
    fn grouped_models_route_by_group_and_map_labels() {
        let mut data = toy_data();
        // Group "x" never sees neutral rows.
        data.groups = Some(
            data.labels
                .iter()
                .enumerate()
                .map(|(i, l)| if l != "neutral" && i % 2 == 0 { "x" } else { "y" }.into())
                .collect(),
        );
        data.groups.as_mut().unwrap()[3] = "x".into();
        data.groups.as_mut().unwrap()[4] = "x".into();
        let columns = Columns { text: "text".into(), label: "stance".into(), group: Some("target".into()) };
        let artifact = train(&data, &columns, &TrainSettings::default(), None).unwrap();
        assert_eq!(artifact.parts.len(), 2);
        assert_eq!(artifact.parts[0].group.as_deref(), Some("x"));
        assert!(!artifact.parts[0].model.labels().contains(&"neutral".to_string()));
        let classifier = Classifier::new(artifact);
        assert_eq!(classifier.labels(), ["neutral", "pro-enforcement", "pro-sanctuary"]);
        let p = classifier.classify_in(Some("x"), "the council meets").unwrap();
        assert_eq!(p.probabilities.len(), 3);
        assert_eq!(p.probabilities[0], 0.0);
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(classifier.classify("x"), Err(ClassifyError::GroupRequired { column: "target".into() }));
        assert!(matches!(classifier.classify_in(Some("zzz"), "x"), Err(ClassifyError::UnknownGroup { .. })));
    }
}
