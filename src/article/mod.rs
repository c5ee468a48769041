//! One news article: raw text (or a file) in, classified and attributed
//! units out. [`sources`] reads files, JSONL and web pages ([`html`] finds
//! the article in a page); [`units`] splits an article
//! into headlines, sentences, credits and boilerplate; [`attribution`] finds
//! who said each; [`analysis`] classifies the units and sums the article up.

pub mod analysis;
pub mod attribution;
pub mod html;
pub mod sources;
pub mod units;
