//! Text to numbers: terms (from [`crate::text`]) in, sparse TF-IDF rows out.
//! [`tfidf`] fits the vocabularies and IDF on training data and stores them
//! in the model; [`packed`] keeps many short strings in one buffer;
//! [`sparse`] holds the rows (CSR) and the columns (CSC) the solver reads;
//! [`target`] adds optional target-aware columns (polarity near each side).

pub mod packed;
pub mod sparse;
pub mod target;
pub mod tfidf;
