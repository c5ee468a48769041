use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Language of the text; selects the Snowball stemmer and sentence rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    English,
}

impl Language {
    /// ISO 639-1 code, as used by the sentence splitter.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
        }
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Language::English),
            other => Err(format!("unsupported language '{other}' (supported: english)")),
        }
    }
}

/// An inclusive n-gram length range such as `1-2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NgramRange {
    pub min: usize,
    pub max: usize,
}

impl NgramRange {
    pub fn new(min: usize, max: usize) -> Result<Self, String> {
        if min == 0 || min > max {
            return Err(format!("invalid n-gram range {min}-{max}: need 1 <= min <= max"));
        }
        if max > 10 {
            return Err(format!("invalid n-gram range {min}-{max}: max is at most 10"));
        }
        Ok(NgramRange { min, max })
    }
}

impl fmt::Display for NgramRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.min, self.max)
    }
}

impl FromStr for NgramRange {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parse = |part: &str| {
            part.trim().parse::<usize>().map_err(|_| format!("invalid n-gram range '{s}': expected MIN-MAX, e.g. 1-2"))
        };
        match s.split_once('-') {
            Some((min, max)) => NgramRange::new(parse(min)?, parse(max)?),
            None => {
                let n = parse(s)?;
                NgramRange::new(n, n)
            }
        }
    }
}

/// How raw text becomes features. Stored in every model file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextConfig {
    pub language: Language,
    pub lowercase: bool,
    pub stem: bool,
    /// Word n-grams over stemmed terms.
    pub word_ngrams: NgramRange,
    /// Character n-grams inside word boundaries (like scikit-learn's `char_wb`); off when `None`.
    pub char_ngrams: Option<NgramRange>,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            language: Language::English,
            lowercase: true,
            stem: true,
            word_ngrams: NgramRange { min: 1, max: 2 },
            char_ngrams: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges() {
        assert_eq!("1-2".parse::<NgramRange>().unwrap(), NgramRange { min: 1, max: 2 });
        assert_eq!("3".parse::<NgramRange>().unwrap(), NgramRange { min: 3, max: 3 });
        assert!("5-2".parse::<NgramRange>().is_err());
        assert!("0-2".parse::<NgramRange>().is_err());
        assert!("a-b".parse::<NgramRange>().is_err());
    }

    #[test]
    fn parses_language() {
        assert_eq!("English".parse::<Language>().unwrap(), Language::English);
        assert!("klingon".parse::<Language>().is_err());
    }
}
