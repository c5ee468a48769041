use super::Language;
use rust_stemmers::{Algorithm, Stemmer as Snowball};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;

/// Stems remembered per thread before the cache is emptied and refilled
/// (about a MiB).
const CACHE_WORDS: usize = 1 << 14;

/// Word → stem, for one language.
type StemCache = FxHashMap<Box<str>, Box<str>>;

thread_local! {
    /// Snowball is the costliest step of analysing a text, and a few
    /// thousand words make up most of any text. One cache per language
    /// (a process rarely uses more than one), looked up by `&str`.
    static STEMS: RefCell<Vec<(Language, StemCache)>> = const { RefCell::new(Vec::new()) };
}

/// Snowball stemmer that leaves non-words (numbers, hashtags, URLs,
/// abbreviations such as `u.s.`) untouched: stemming `u.s.` would give `u.`.
pub struct Stemmer {
    language: Language,
    inner: Snowball,
}

impl Stemmer {
    pub fn new(language: Language) -> Self {
        let algorithm = match language {
            Language::English => Algorithm::English,
        };
        Stemmer { language, inner: Snowball::create(algorithm) }
    }

    pub fn stem(&self, token: &str) -> String {
        self.stem_owned(token.to_string())
    }

    /// As [`stem`](Self::stem), reusing `token`'s buffer when the stem is the token itself.
    pub fn stem_owned(&self, mut token: String) -> String {
        if !is_word(&token) {
            return token;
        }
        STEMS.with_borrow_mut(|caches| {
            let index = match caches.iter().position(|(language, _)| *language == self.language) {
                Some(index) => index,
                None => {
                    caches.push((self.language, StemCache::default()));
                    caches.len() - 1
                }
            };
            let cache = &mut caches[index].1;
            // The token's buffer is reused for its stem: no allocation on a hit.
            if let Some(stem) = cache.get(token.as_str()) {
                token.clear();
                token.push_str(stem);
                return token;
            }
            let stem: Box<str> = self.inner.stem(&token).as_ref().into();
            if cache.len() >= CACHE_WORDS {
                cache.clear();
            }
            let word: Box<str> = token.as_str().into();
            token.clear();
            token.push_str(&stem);
            cache.insert(word, stem);
            token
        })
    }

    /// As [`stem`](Self::stem), without the stem cache: for callers that
    /// analyse each distinct word once and cache the result themselves,
    /// where the cache's lookups and copies would cost more than Snowball.
    /// Borrows `token` when it is its own stem.
    pub fn stem_uncached<'a>(&self, token: &'a str) -> Cow<'a, str> {
        match is_word(token) {
            true => self.inner.stem(token),
            false => Cow::Borrowed(token),
        }
    }
}

/// Letters only: numbers, hashtags, URLs and abbreviations are kept whole.
fn is_word(token: &str) -> bool {
    match token.is_ascii() {
        true => token.bytes().all(|b| b.is_ascii_alphabetic()),
        false => token.chars().all(|c| c.is_alphabetic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_letters_are_stemmed_and_other_tokens_kept() {
        let s = Stemmer::new(Language::English);
        assert_eq!(s.stem("naïvely"), s.stem_owned("naïvely".to_string()));
        assert_ne!(s.stem("cafés"), "cafés");
        assert_eq!(s.stem("café1"), "café1");
        assert_eq!(s.stem("policies2"), "policies2");
    }

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
    fn owned_and_uncached_stemming_match_borrowed() {
        let s = Stemmer::new(Language::English);
        for word in ["policies", "ice", "deported", "sanctuary", "the", "u.s.", "running", "cities", "not", "é"] {
            assert_eq!(s.stem_owned(word.to_string()), s.stem(word), "{word}");
        }
        for word in ["policies", "ice", "deported", "u.s.", "running", "cafés", "café1", "#tag", "é"] {
            assert_eq!(s.stem_uncached(word), s.stem(word), "{word}");
        }
        assert_eq!(s.stem_owned("running".to_string()), "run");
        assert_eq!(s.stem_owned("ice".to_string()), "ice");
    }

    #[test]
    fn cached_stems_equal_fresh_ones_past_the_cache_size() {
        let s = Stemmer::new(Language::English);
        // More distinct words than the cache holds, each stemmed twice.
        let words: Vec<String> = (0..CACHE_WORDS + 100)
            .map(|i| format!("{}ing", (0..4).map(|d| (b'a' + ((i >> (4 * d)) & 15) as u8) as char).collect::<String>()))
            .collect();
        for _ in 0..2 {
            for word in &words {
                assert_eq!(s.stem(word), s.inner.stem(word), "{word}");
            }
        }
    }
}
