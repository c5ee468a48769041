//! The classifier: TF-IDF rows and labels in, a fitted model out, and
//! predictions from it.
//!
//! [`train`] turns labeled data into a [`file::ModelArtifact`] (one part per
//! group), with [`fit`] minimising the [`objective`] by [`lbfgs`];
//! [`linear`] is the fitted multinomial logistic regression; [`file`](mod@file) saves
//! and loads it behind a checked header, with [`meta`] recording how it was
//! trained; [`classifier`] applies a loaded model to text, fast through the
//! [`scorer`] (whose table [`memory`] backs with huge pages); [`card`] says
//! what a model holds; [`context`] is the optional article-context stage
//! a stance model carries.

pub mod card;
pub mod classifier;
pub mod context;
pub mod file;
pub mod fit;
pub mod lbfgs;
pub mod linear;
pub mod memory;
pub mod meta;
pub mod objective;
pub mod scorer;
pub mod train;
