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
        if token.chars().all(|c| c.is_alphabetic()) {
            self.inner.stem(token).into_owned()
        } else {
            token.to_string()
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
}
