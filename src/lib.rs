//! `stance`: sentence-level stance, sentiment and speaker on US immigration
//! enforcement in news articles.
//!
//! The folders follow the data, and each uses only the ones above it:
//!
//! | folder | in | out |
//! |---|---|---|
//! | [`io`] | files | labeled rows; atomic writes; fingerprints |
//! | [`text`] | text | sentences, tokens, stemmed terms |
//! | [`features`] | terms | TF-IDF rows (sparse) |
//! | [`model`] | rows and labels | a fitted, saved model; predictions |
//! | [`eval`] | gold and predicted labels | scores, cross-validation, reports |
//! | [`batch`] | a stream of short texts | one prediction per row, in order |
//! | [`article`] | an article | units with speaker, stance, sentiment; a summary |
//! | [`render`] | reports | tables, JSON, CSV, HTML |
//! | [`serve`] | HTTP requests | the page and the JSON API of `stance serve` |
//!
//! [`io`] and [`text`] use no other folder; [`features`] uses [`text`];
//! [`model`] uses those three; [`eval`] and [`batch`] use the model;
//! [`article`] also uses [`eval`] (to cross-validate its context stage on
//! labeled stories); [`render`] shows their results; [`serve`] puts models and renderer
//! behind HTTP. [`rng`] (a seeded generator for
//! folds, bootstraps and tests) is a leaf. The binary (`src/bin/stance`)
//! parses flags and prints.

pub mod article;
pub mod batch;
pub mod eval;
pub mod features;
pub mod io;
pub mod model;
pub mod render;
pub mod rng;
pub mod serve;
pub mod text;
