use super::Language;
use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// Snowball stemmer that leaves non-words (numbers, hashtags, URLs,
/// abbreviations such as `u.s.`) untouched: stemming `u.s.` would give `u.`.
pub struct Stemmer {
    inner: Snowball,
}

impl Stemmer {
    pub fn new(language: Language) -> Self {
        let algorithm = match language {
            Language::English => Algorithm::English,
        };
        Stemmer { inner: Snowball::create(algorithm) }
    }

    pub fn stem(&self, token: &str) -> String {
        self.stem_owned(token.to_string())
    }

    /// As [`stem`](Self::stem), reusing `token`'s buffer when the stem is the token itself.
    pub fn stem_owned(&self, token: String) -> String {
        if !token.chars().all(|c| c.is_alphabetic()) {
            return token;
        }
        match self.inner.stem(&token) {
            std::borrow::Cow::Owned(stem) => stem,
            std::borrow::Cow::Borrowed(stem) if stem.len() == token.len() => token,
            std::borrow::Cow::Borrowed(stem) => stem.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_words_and_keeps_special_tokens() {
        let s = Stemmer::new(Language::English);
        assert_eq!(s.stem("policies"), "polici");
        assert_eq!(s.stem("immigration"), "immigr");
        assert_eq!(s.stem("deported"), "deport");
        assert_eq!(s.stem("u.s."), "u.s.");
        assert_eq!(s.stem("#nobannowall"), "#nobannowall");
        assert_eq!(s.stem("2018"), "2018");
        assert_eq!(s.stem("not"), "not");
    }

    #[test]
    fn owned_stemming_matches_borrowed() {
        let s = Stemmer::new(Language::English);
        for word in ["policies", "ice", "deported", "sanctuary", "the", "u.s.", "running", "cities", "not", "é"] {
            assert_eq!(s.stem_owned(word.to_string()), s.stem(word), "{word}");
        }
        assert_eq!(s.stem_owned("running".to_string()), "run");
        assert_eq!(s.stem_owned("ice".to_string()), "ice");
    }
}
