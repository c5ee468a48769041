//! Text pipeline: scraped text → tokens → stems, configured by name so a
//! saved model rebuilds exactly the analyzer it was trained with.

mod config;
mod sentences;
mod stem;
mod tokenize;

pub use config::{Language, NgramRange, TextConfig};
pub use sentences::{split_sentences, SentenceSpan};
pub use stem::Stemmer;
pub use tokenize::{for_each_token, tokenize};

use std::borrow::Cow;

/// Whether lowercasing would leave `text` as it is (most tokens), so the
/// copy can be skipped.
fn is_lowercase(text: &str) -> bool {
    text.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    })
}

/// `text` lowercased: in place when it is ASCII (where both ways agree),
/// without a copy when it is lowercase already.
fn to_lowercase(text: String) -> String {
    lowercased(Cow::Owned(text)).into_owned()
}

/// As [`to_lowercase`], borrowing `text` when it is lowercase already.
fn lowercased(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.is_ascii() {
        if !text.bytes().any(|b| b.is_ascii_uppercase()) {
            return text;
        }
        let mut text = text.into_owned();
        text.make_ascii_lowercase();
        Cow::Owned(text)
    } else if is_lowercase(&text) {
        text
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

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
                let token = if self.config.lowercase { to_lowercase(token) } else { token };
                match &self.stemmer {
                    Some(stemmer) => stemmer.stem_owned(token),
                    None => token,
                }
            })
            .collect()
    }

    /// As [`terms`](Self::terms), handing each term to `visit` without
    /// allocating for most of them, and without the stem cache: for callers
    /// that analyse each distinct word once and cache the result themselves.
    pub fn for_each_term_once(&self, text: &str, mut visit: impl FnMut(&str)) {
        for_each_token(text, |token| {
            let token = if self.config.lowercase { lowercased(token) } else { token };
            match &self.stemmer {
                Some(stemmer) => visit(&stemmer.stem_uncached(&token)),
                None => visit(&token),
            }
        });
    }

    /// Terms paired with the surface word they came from (lowercased), for
    /// showing features as readable words.
    pub fn terms_with_surface(&self, text: &str) -> Vec<(String, String)> {
        tokenize(text)
            .into_iter()
            .map(|token| {
                let lower = to_lowercase(token.clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_check_agrees_with_lowercasing() {
        for text in ["ice", "ICE", "Ab", "σ", "Σ", "\u{01C5}", "straße", "İ", "<url>", "#nobannowall", "2018"] {
            assert_eq!(is_lowercase(text), text.to_lowercase() == text, "{text}");
        }
    }

    proptest::proptest! {
        /// The ASCII shortcuts agree with the general Unicode paths.
        #[test]
        fn ascii_shortcuts_agree_with_unicode_lowercasing(text in "[ -~]{0,12}|\\PC{0,12}") {
            let per_char = text.chars().all(|c| c.to_lowercase().eq(std::iter::once(c)));
            proptest::prop_assert_eq!(is_lowercase(&text), per_char);
            proptest::prop_assert_eq!(to_lowercase(text.clone()), text.to_lowercase());
        }
    }

    proptest::proptest! {
        /// Terms handed out one by one, uncached, are the terms.
        #[test]
        fn terms_once_are_the_terms(text in "([A-Za-z]{1,8}|[ -~]{1,8}|\\PC{1,6})( ([A-Za-z]{1,8}|[ -~]{1,8}|\\PC{1,6})){0,6}") {
            for config in [TextConfig::default(), TextConfig { stem: false, ..TextConfig::default() }, TextConfig { lowercase: false, ..TextConfig::default() }] {
                let analyzer = Analyzer::new(&config);
                let mut once = Vec::new();
                analyzer.for_each_term_once(&text, |term| once.push(term.to_string()));
                proptest::prop_assert_eq!(once, analyzer.terms(&text));
            }
        }
    }

    #[test]
    fn terms_are_lowercased_and_stemmed() {
        let analyzer = Analyzer::new(&TextConfig::default());
        assert_eq!(analyzer.terms("ICE Raids don't STOP"), ["ice", "raid", "do", "not", "stop"]);
    }
}
