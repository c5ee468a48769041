//! One news article: raw text (or a file) in, classified and attributed
//! units out. [`sources`] reads files and JSONL; [`units`] splits an article
//! into headlines, sentences, credits and boilerplate; [`attribution`] finds
//! who said each; [`analysis`] classifies the units and sums the article up.

pub mod analysis;
pub mod attribution;
pub mod sources;
pub mod units;
