//! Text pipeline: scraped text → tokens → stems, configured by name so a
//! saved model rebuilds exactly the analyzer it was trained with.

mod config;
mod sentences;
mod stem;
mod tokenize;

pub use config::{Language, NgramRange, TextConfig};
pub use sentences::{split_sentences, SentenceSpan};
pub use stem::Stemmer;
pub use tokenize::tokenize;

/// Tokenizer + lowercase + stemmer, built from a [`TextConfig`].
pub struct Analyzer {
    config: TextConfig,
    stemmer: Option<Stemmer>,
}

impl Analyzer {
    pub fn new(config: &TextConfig) -> Self {
        let stemmer = config.stem.then(|| Stemmer::new(config.language));
        Analyzer { config: config.clone(), stemmer }
    }

    pub fn config(&self) -> &TextConfig {
        &self.config
    }

    /// Normalised terms of `text` (the unigrams that word n-grams are built from).
    pub fn terms(&self, text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|token| {
                let token = if self.config.lowercase { token.to_lowercase() } else { token };
                match &self.stemmer {
                    Some(stemmer) => stemmer.stem(&token),
                    None => token,
                }
            })
            .collect()
    }

    /// Terms paired with the surface word they came from (lowercased), for
    /// showing features as readable words.
    pub fn terms_with_surface(&self, text: &str) -> Vec<(String, String)> {
        tokenize(text)
            .into_iter()
            .map(|token| {
                let lower = token.to_lowercase();
                let token = if self.config.lowercase { lower.clone() } else { token };
                let term = match &self.stemmer {
                    Some(stemmer) => stemmer.stem(&token),
                    None => token,
                };
                (term, lower)
            })
            .collect()
    }
}
