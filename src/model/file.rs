//! The model file: everything needed to rebuild the exact features and
//! predictions, behind a header that is checked before anything is decoded.
//!
//! Layout: `MAGIC` (8 bytes) | format version (u32 LE) | payload length
//! (u64 LE) | SHA-256 of the payload (32 bytes) | payload (postcard).

use crate::features::target::TargetBlock;
use crate::features::tfidf::Vectorizer;
use crate::io::atomic::write_atomic;
use crate::model::context::ContextModel;
use crate::model::fit::FitReport;
use crate::model::linear::LinearModel;
use crate::model::meta::{HoldoutCv, TrainingMeta};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const MAGIC: &[u8; 8] = b"STANCEM\x01";
/// Version written by this build (3 added the held-out-group CV scores; 4
/// the target-aware block and the context stage).
pub const FORMAT_VERSION: u32 = 4;
/// Oldest version this build can read.
pub const OLDEST_SUPPORTED_VERSION: u32 = 2;
const HEADER_LEN: usize = 8 + 4 + 8 + 32;

#[derive(Debug, thiserror::Error)]
pub enum ModelFileError {
    #[error("cannot read model file {path}: {cause}")]
    Read { path: PathBuf, cause: std::io::Error },
    #[error("cannot write model file {path}: {cause}")]
    Write { path: PathBuf, cause: std::io::Error },
    #[error("{path} is not a stance model file (it starts with {found}, expected {expected})")]
    NotAModel { path: PathBuf, found: String, expected: String },
    #[error("{path} has model format version {found}; this build of stance reads versions {oldest} to {newest}{hint}")]
    UnsupportedVersion { path: PathBuf, found: u32, oldest: u32, newest: u32, hint: &'static str },
    #[error("{path} is truncated: expected {expected} bytes of model data, found {found}")]
    Truncated { path: PathBuf, expected: u64, found: u64 },
    #[error(
        "{path} has {extra} bytes of trailing data after the model (two files joined together?); it is not loaded"
    )]
    TrailingData { path: PathBuf, extra: u64 },
    #[error("{path} is damaged: its checksum does not match its contents")]
    Checksum { path: PathBuf },
    #[error("{path} could not be decoded ({message}); it may hold settings this version of stance does not know")]
    Decode { path: PathBuf, message: String },
}

/// One fitted classifier: the whole model, or the model of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubModel {
    /// The group value this part serves; `None` for an ungrouped model.
    pub group: Option<String>,
    pub rows: usize,
    pub vectorizer: Vectorizer,
    pub model: LinearModel,
    pub fit: FitReport,
}

/// A trained model as stored on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelArtifact {
    pub meta: TrainingMeta,
    /// One part, or one per group sorted by group value.
    pub parts: Vec<SubModel>,
    /// Cross-validation by held-out groups (`train --cv-holdout-col`). After
    /// the parts, so a format-2 payload is this struct without the fields from here on.
    pub holdout_cv: Vec<HoldoutCv>,
    /// Target-aware columns after each part's TF-IDF columns (`train
    /// --target-features`). From here on, fields a format-3 payload lacks.
    pub target: Option<TargetBlock>,
    /// The article-context stage of a stance model (`train --context-stories`).
    pub context: Option<ContextModel>,
}

impl ModelArtifact {
    /// A model with no target-aware block and no context stage.
    pub fn from_parts(meta: TrainingMeta, parts: Vec<SubModel>, holdout_cv: Vec<HoldoutCv>) -> Self {
        ModelArtifact { meta, parts, holdout_cv, target: None, context: None }
    }

    /// Feature columns of `part`: its TF-IDF columns, then the target block's.
    pub fn part_features(&self, part: &SubModel) -> usize {
        part.vectorizer.n_features() + self.target.as_ref().map_or(0, |_| TargetBlock::width())
    }

    /// Feature `index` of `part` in readable words; target-aware columns in brackets.
    pub fn feature_display(&self, part: &SubModel, index: usize) -> String {
        let tfidf = part.vectorizer.n_features();
        if index < tfidf {
            part.vectorizer.feature_display(index).unwrap_or_default()
        } else {
            TargetBlock::feature_name(index - tfidf).map(|name| format!("[{name}]")).unwrap_or_default()
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain data structs to a Vec cannot fail.
        let payload = postcard::to_allocvec(self).unwrap_or_default();
        let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&Sha256::digest(&payload));
        bytes.extend_from_slice(&payload);
        bytes
    }

    /// Decodes a model file's bytes; `path` is only used in error messages.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self, ModelFileError> {
        let path = path.to_path_buf();
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            let shown = &bytes[..bytes.len().min(MAGIC.len())];
            return Err(ModelFileError::NotAModel {
                path,
                found: if shown.is_empty() {
                    "nothing (empty file)".into()
                } else {
                    format!("{:?}", String::from_utf8_lossy(shown))
                },
                expected: format!("{:?}", String::from_utf8_lossy(MAGIC)),
            });
        }
        if bytes.len() < HEADER_LEN {
            return Err(ModelFileError::Truncated { path, expected: HEADER_LEN as u64, found: bytes.len() as u64 });
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if !(OLDEST_SUPPORTED_VERSION..=FORMAT_VERSION).contains(&version) {
            let hint =
                if version > FORMAT_VERSION { " (it was written by a newer stance; upgrade stance)" } else { "" };
            return Err(ModelFileError::UnsupportedVersion {
                path,
                found: version,
                oldest: OLDEST_SUPPORTED_VERSION,
                newest: FORMAT_VERSION,
                hint,
            });
        }
        let mut length = [0u8; 8];
        length.copy_from_slice(&bytes[12..20]);
        let expected = u64::from_le_bytes(length);
        let payload = &bytes[HEADER_LEN..];
        if (payload.len() as u64) < expected {
            return Err(ModelFileError::Truncated { path, expected, found: payload.len() as u64 });
        }
        if payload.len() as u64 > expected {
            return Err(ModelFileError::TrailingData { path, extra: payload.len() as u64 - expected });
        }
        // The checksum and the decoding take about as long as each other:
        // both run at once, and a decoded payload counts only if it matches.
        let (intact, decoded) = rayon::join(
            || Sha256::digest(payload).as_slice() == &bytes[20..HEADER_LEN],
            || Self::decode_payload_of(version, payload, &path),
        );
        if !intact {
            return Err(ModelFileError::Checksum { path });
        }
        decoded
    }

    /// Decodes and checks a payload of this build's format whose checksum has been verified.
    pub fn decode_payload(payload: &[u8], path: &Path) -> Result<Self, ModelFileError> {
        Self::decode_payload_of(FORMAT_VERSION, payload, path)
    }

    fn decode_payload_of(version: u32, payload: &[u8], path: &Path) -> Result<Self, ModelFileError> {
        let decode_error = |message: String| ModelFileError::Decode { path: path.to_path_buf(), message };
        let artifact = match version {
            4.. => postcard::from_bytes::<ModelArtifact>(payload),
            3 => postcard::from_bytes::<(TrainingMeta, Vec<SubModel>, Vec<HoldoutCv>)>(payload)
                .map(|(meta, parts, holdout_cv)| ModelArtifact::from_parts(meta, parts, holdout_cv)),
            _ => postcard::from_bytes::<(TrainingMeta, Vec<SubModel>)>(payload)
                .map(|(meta, parts)| ModelArtifact::from_parts(meta, parts, Vec::new())),
        }
        .map_err(|e| decode_error(e.to_string()))?;
        artifact.check_consistency().map_err(decode_error)?;
        Ok(artifact)
    }

    pub fn load(path: &Path) -> Result<Self, ModelFileError> {
        let bytes = std::fs::read(path).map_err(|cause| ModelFileError::Read { path: path.to_path_buf(), cause })?;
        Self::from_bytes(&bytes, path)
    }

    /// Writes the model atomically: an interrupted run leaves any previous file intact.
    pub fn save(&self, path: &Path) -> Result<(), ModelFileError> {
        write_atomic(path, &self.to_bytes()).map_err(|cause| ModelFileError::Write { path: path.to_path_buf(), cause })
    }

    fn check_consistency(&self) -> Result<(), String> {
        if self.parts.is_empty() {
            return Err("the model has no parts".into());
        }
        let grouped = self.meta.group_column.is_some();
        if !grouped && self.parts.len() != 1 {
            return Err(format!("an ungrouped model must have one part, found {}", self.parts.len()));
        }
        for part in &self.parts {
            if part.group.is_some() != grouped {
                return Err("parts and group column disagree".into());
            }
            part.model.check_shapes()?;
            part.vectorizer.check_shapes()?;
            if self.part_features(part) != part.model.n_features() {
                return Err(format!(
                    "the features number {} but the weights cover {}",
                    self.part_features(part),
                    part.model.n_features()
                ));
            }
            if let Some(unknown) = part.model.labels().iter().find(|l| !self.meta.labels.contains(l)) {
                return Err(format!("part predicts label '{unknown}' missing from the model's label list"));
            }
        }
        if let Some(context) = &self.context {
            context.model.check_shapes()?;
            if context.model.n_features() != context.features.len() {
                return Err("the context stage's weights and feature names disagree".into());
            }
            if context.model.labels() != self.meta.labels.as_slice() {
                return Err("the context stage predicts other labels than the model".into());
            }
        }
        Ok(())
    }

    /// Total number of feature columns over all parts.
    pub fn n_features(&self) -> usize {
        self.parts.iter().map(|p| self.part_features(p)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::classifier::Classifier;
    use crate::model::linear::LinearModel;
    use crate::model::meta::MeanStd;
    use crate::model::train::tests::toy_artifact;

    fn path() -> PathBuf {
        PathBuf::from("m.model")
    }

    #[test]
    fn round_trip_gives_identical_predictions() {
        let artifact = toy_artifact();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("toy.model");
        artifact.save(&file).unwrap();
        let loaded = ModelArtifact::load(&file).unwrap();
        assert_eq!(loaded, artifact);
        let (a, b) = (Classifier::new(artifact), Classifier::new(loaded));
        for text in ["ICE raids must stop", "the council vote", "deport them", "unknown words only"] {
            assert_eq!(a.classify(text), b.classify(text));
        }
    }

    #[test]
    fn rejects_payloads_with_impossible_shapes_or_unknown_settings() {
        let mut artifact = toy_artifact();
        let labels = artifact.parts[0].model.labels().to_vec();
        artifact.parts[0].model = LinearModel::new(labels.clone(), 1, vec![0.0; labels.len()], vec![0.0; labels.len()]);
        let bytes = artifact.to_bytes();
        let err = ModelArtifact::from_bytes(&bytes, &path()).unwrap_err();
        assert!(matches!(err, ModelFileError::Decode { .. }), "{err}");

        // A text setting this version does not know (an unknown language variant).
        let good = toy_artifact();
        let meta_prefix = postcard::to_allocvec(&(
            &good.meta.crate_version,
            &good.meta.label_column,
            &good.meta.text_column,
            &good.meta.group_column,
            &good.meta.labels,
            &good.meta.data_file,
            &good.meta.data_sha256,
            good.meta.rows,
            &good.meta.label_counts,
        ))
        .unwrap();
        let mut payload = postcard::to_allocvec(&good).unwrap();
        assert_eq!(payload[meta_prefix.len()], 0, "the language variant follows the metadata prefix");
        payload[meta_prefix.len()] = 9;
        let err = ModelArtifact::decode_payload(&payload, &path()).unwrap_err();
        assert!(err.to_string().contains("settings this version of stance does not know"), "{err}");
    }

    #[test]
    fn rejects_foreign_truncated_damaged_and_future_files() {
        let bytes = toy_artifact().to_bytes();
        let err = ModelArtifact::from_bytes(b"id,text\n1,2\n", &path()).unwrap_err();
        assert!(matches!(err, ModelFileError::NotAModel { .. }), "{err}");
        assert!(err.to_string().contains("starts with \"id,text\\n\""), "{err}");
        assert!(matches!(ModelArtifact::from_bytes(b"", &path()), Err(ModelFileError::NotAModel { .. })));

        let err = ModelArtifact::from_bytes(&bytes[..bytes.len() - 10], &path()).unwrap_err();
        assert!(matches!(err, ModelFileError::Truncated { .. }), "{err}");
        assert!(matches!(ModelArtifact::from_bytes(&bytes[..15], &path()), Err(ModelFileError::Truncated { .. })));
        let twice = [bytes.clone(), bytes.clone()].concat();
        let err = ModelArtifact::from_bytes(&twice, &path()).unwrap_err();
        assert!(matches!(err, ModelFileError::TrailingData { extra, .. } if extra == bytes.len() as u64), "{err}");
        assert!(err.to_string().contains("trailing data after the model"), "{err}");

        let mut flipped = bytes.clone();
        let last = flipped.len() - 5;
        flipped[last] ^= 0x10;
        assert!(matches!(ModelArtifact::from_bytes(&flipped, &path()), Err(ModelFileError::Checksum { .. })));

        let mut future = bytes.clone();
        future[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        let err = ModelArtifact::from_bytes(&future, &path()).unwrap_err();
        assert!(matches!(err, ModelFileError::UnsupportedVersion { found, .. } if found == FORMAT_VERSION + 1));
        assert!(err.to_string().contains("upgrade stance"), "{err}");
    }

    fn file_of_version(version: u32, payload: &[u8]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&version.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&Sha256::digest(payload));
        bytes.extend_from_slice(payload);
        bytes
    }

    #[test]
    fn reads_format_2_and_3_files_which_lack_the_later_fields() {
        let mut current = toy_artifact();
        current.holdout_cv = vec![HoldoutCv {
            column: "topic".into(),
            groups: 3,
            summary: crate::model::meta::CvSummary {
                folds: 3,
                seed: 1,
                metric: crate::model::meta::Metric::MacroF1,
                per_fold: vec![],
                accuracy: MeanStd::of(&[0.5]),
                macro_f1: MeanStd::of(&[0.5]),
                macro_recall: MeanStd::of(&[0.5]),
                metric_score: MeanStd::of(&[0.5]),
            },
        }];
        let v3 = postcard::to_allocvec(&(&current.meta, &current.parts, &current.holdout_cv)).unwrap();
        let read = ModelArtifact::from_bytes(&file_of_version(3, &v3), &path()).unwrap();
        assert_eq!(read, current);
        assert!(read.target.is_none() && read.context.is_none());

        let v2 = postcard::to_allocvec(&(&current.meta, &current.parts)).unwrap();
        let read = ModelArtifact::from_bytes(&file_of_version(2, &v2), &path()).unwrap();
        assert!(read.holdout_cv.is_empty());
        assert_eq!(read.parts, current.parts);
    }
}
