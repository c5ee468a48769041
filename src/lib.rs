//! `stance`: sentence-level stance, sentiment and speaker on US immigration
//! enforcement in news articles.
//!
//! The pipeline: [`sources`] reads articles, [`article`] splits them into
//! units and [`attribution`] finds who said each; [`text`] turns text into
//! terms, [`features`] into TF-IDF rows (vocabularies kept as
//! [`packed`] strings); [`train`] fits a multinomial
//! logistic regression (with [`lbfgs`]), [`model`] predicts (fast, with
//! [`scorer`]) and is saved by [`modelfile`]; [`pipeline`] ties these
//! together and [`analysis`] sums an article up. [`data`] reads labeled CSV,
//! [`cv`], [`metrics`] and [`report`] score models, [`html`] and [`render`]
//! show the results, [`batch`] streams many short texts, [`memory`] asks for
//! huge pages for the scorer's table.

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
pub mod memory;
pub mod metrics;
pub mod model;
pub mod modelfile;
pub mod output;
pub mod packed;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod rng;
pub mod scorer;
pub mod sources;
pub mod sparse;
pub mod text;
pub mod train;
