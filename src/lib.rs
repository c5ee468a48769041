//! `stance`: sentence-level stance and sentiment on US immigration
//! enforcement in news articles.
//!
//! The pipeline: [`article`] splits an article into units, [`text`] turns
//! text into terms, [`features`] into TF-IDF rows, [`train`] fits a
//! multinomial logistic regression, [`model`] predicts and is saved by
//! [`modelfile`]; [`data`] reads labeled CSV and [`metrics`] scores it.

pub mod analysis;
pub mod article;
pub mod attribution;
pub mod batch;
pub mod cv;
pub mod data;
pub mod features;
pub mod html;
pub mod inspect;
pub mod lbfgs;
pub mod metrics;
pub mod model;
pub mod modelfile;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod rng;
pub mod sources;
pub mod sparse;
pub mod text;
pub mod train;
