//! Training a model artifact from labeled data, and applying it to text.

use crate::data::LabeledData;
use crate::features::{TfidfParams, Vectorizer};
use crate::model::Prediction;
use crate::modelfile::{ModelArtifact, TrainingMeta};
use crate::sparse::CsrMatrix;
use crate::text::{Analyzer, TextConfig};
use crate::train::{fit, Progress, TrainError, TrainParams};
use std::collections::BTreeMap;

/// Everything that decides how a model is trained.
#[derive(Debug, Clone, Default)]
pub struct TrainSettings {
    pub text: TextConfig,
    pub tfidf: TfidfParams,
    pub params: TrainParams,
}

/// Names recorded in the model's metadata.
#[derive(Debug, Clone)]
pub struct Columns {
    pub text: String,
    pub label: String,
}

/// Fits the vectorizer and the classifier on `data`. The model holds no
/// timestamps or timings, so the same data and settings give the same bytes.
pub fn train(
    data: &LabeledData,
    columns: &Columns,
    settings: &TrainSettings,
    progress: Option<Progress>,
) -> Result<ModelArtifact, TrainError> {
    settings.params.validate()?;
    if data.texts.is_empty() {
        return Err(TrainError::Empty);
    }
    let docs: Vec<&str> = data.texts.iter().map(String::as_str).collect();
    let vectorizer = Vectorizer::fit(&docs, &settings.text, &settings.tfidf);
    let x = vectorizer.transform(&docs);
    let (model, fit_report) = fit(&x, &data.labels, &settings.params, progress)?;
    let mut label_counts = BTreeMap::new();
    for label in &data.labels {
        *label_counts.entry(label.clone()).or_insert(0) += 1;
    }
    let classifier = Classifier::new(ModelArtifact {
        vectorizer,
        model,
        meta: TrainingMeta {
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            label_column: columns.label.clone(),
            text_column: columns.text.clone(),
            data_file: data.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            data_sha256: data.sha256.clone(),
            rows: data.texts.len(),
            label_counts,
            params: settings.params.clone(),
            fit: fit_report,
            training_accuracy: 0.0,
        },
    });
    let training_accuracy = classifier.accuracy_on_matrix(&x, &data.labels);
    let mut artifact = classifier.into_artifact();
    artifact.meta.training_accuracy = training_accuracy;
    Ok(artifact)
}

/// A loaded model ready to classify text.
pub struct Classifier {
    artifact: ModelArtifact,
    analyzer: Analyzer,
}

impl Classifier {
    pub fn new(artifact: ModelArtifact) -> Self {
        let analyzer = artifact.vectorizer.analyzer();
        Classifier { artifact, analyzer }
    }

    pub fn artifact(&self) -> &ModelArtifact {
        &self.artifact
    }

    pub fn into_artifact(self) -> ModelArtifact {
        self.artifact
    }

    pub fn labels(&self) -> &[String] {
        self.artifact.model.labels()
    }

    pub fn classify(&self, text: &str) -> Prediction {
        let row = self.artifact.vectorizer.transform_one(&self.analyzer, text);
        self.artifact.model.predict(&row)
    }

    /// Label names predicted for many texts, in parallel.
    pub fn predict_labels(&self, texts: &[String]) -> Vec<Prediction> {
        use rayon::prelude::*;
        texts.par_iter().map(|t| self.classify(t)).collect()
    }

    fn accuracy_on_matrix(&self, x: &CsrMatrix, labels: &[String]) -> f64 {
        let correct = (0..x.n_rows())
            .filter(|&i| {
                let (indices, values) = x.row(i);
                let row = crate::sparse::SparseRow { indices: indices.to_vec(), values: values.to_vec() };
                self.labels()[self.artifact.model.predict(&row).label] == labels[i]
            })
            .count();
        correct as f64 / labels.len().max(1) as f64
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
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
            rows: (1..=rows.len()).collect(),
            skipped_empty_text: vec![],
        }
    }

    pub(crate) fn toy_artifact() -> ModelArtifact {
        let columns = Columns { text: "text".into(), label: "stance".into() };
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
        let p = classifier.classify("protect immigrant families");
        assert_eq!(classifier.labels()[p.label], "pro-sanctuary");
    }
}
