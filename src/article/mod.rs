//! One news article: raw text (or a file) in, classified and attributed
//! units out. [`sources`] reads files, JSONL and web pages ([`html`] finds
//! the article in a page); [`units`] splits an article
//! into headlines, sentences, credits and boilerplate; [`attribution`] finds
//! who said each; [`analysis`] classifies the units and [`summary`] sums the article up,
//! with the [`context`] stage reading each statement with its speaker;
//! [`stories`] reads labeled whole stories to fit and measure it.

pub mod analysis;
pub mod attribution;
pub mod context;
pub mod html;
pub mod sources;
pub mod stories;
pub mod summary;
pub mod units;
