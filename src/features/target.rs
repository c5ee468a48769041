//! Target-aware features: stance is sentiment aimed at a side. The block
//! finds mentions of each side's actors and policies (and of the people the
//! policies are about) and the polarity of the words near them, giving
//! features such as "negative near enforcement side".
//!
//! The lexicon (`lexicon.txt`, written for this project) is stored in every
//! model that uses the block, so a model keeps its features when the
//! lexicon shipped with a later build changes.

use crate::features::sparse::{CsrMatrix, SparseRow};
use crate::text::tokenize;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The lexicon shipped with this build.
pub const STANDARD_LEXICON: &str = include_str!("lexicon.txt");
/// Polarity words look this many tokens either way for a side's mention.
const WINDOW: usize = 5;
/// A negator this many tokens before a polarity word flips it.
const NEGATION_REACH: usize = 3;
/// Feature value of one hit, before the sublinear count (the TF-IDF blocks
/// are L2-normalised rows, so one hit weighs about as much as a strong term).
const HIT_VALUE: f32 = 0.5;

/// What a mention refers to; `Free` is a polarity word with no mention near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Enforcement,
    Sanctuary,
    Immigrants,
    Free,
}

const TARGETS: [Target; 4] = [Target::Enforcement, Target::Sanctuary, Target::Immigrants, Target::Free];

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Enforcement => "enforcement side",
            Target::Sanctuary => "sanctuary side",
            Target::Immigrants => "immigrants",
            Target::Free => "no side named",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    Positive,
    Negative,
}

impl Polarity {
    fn flipped(self) -> Polarity {
        match self {
            Polarity::Positive => Polarity::Negative,
            Polarity::Negative => Polarity::Positive,
        }
    }
}

/// One entry: words to match in order; a word ending in `*` matches any ending.
type Phrase = Vec<String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lexicon {
    enforcement: Section,
    sanctuary: Section,
    immigrants: Section,
    positive: Section,
    negative: Section,
    negators: Section,
}

/// The phrases of one section, indexed by first word on first use (the
/// index is rebuilt after loading, not stored).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "Vec<Phrase>", into = "Vec<Phrase>")]
pub struct Section {
    phrases: Vec<Phrase>,
    index: OnceLock<FirstWords>,
}

/// Phrase numbers by first word: exact words, and `*` prefixes.
#[derive(Debug, Clone, Default)]
struct FirstWords {
    exact: FxHashMap<String, Vec<usize>>,
    prefix: FxHashMap<String, Vec<usize>>,
}

impl PartialEq for Section {
    fn eq(&self, other: &Self) -> bool {
        self.phrases == other.phrases
    }
}

impl From<Vec<Phrase>> for Section {
    fn from(phrases: Vec<Phrase>) -> Self {
        Section { phrases, index: OnceLock::new() }
    }
}

impl From<Section> for Vec<Phrase> {
    fn from(section: Section) -> Self {
        section.phrases
    }
}

impl Section {
    fn index(&self) -> &FirstWords {
        self.index.get_or_init(|| {
            let mut index = FirstWords::default();
            for (i, phrase) in self.phrases.iter().enumerate() {
                let Some(first) = phrase.first() else { continue };
                match first.strip_suffix('*') {
                    Some(prefix) => index.prefix.entry(prefix.to_string()).or_default().push(i),
                    None => index.exact.entry(first.clone()).or_default().push(i),
                }
            }
            index
        })
    }

    /// Length of the longest phrase that starts at `tokens[at]` (0: none).
    fn longest_match(&self, tokens: &[String], at: usize) -> usize {
        let Some(token) = tokens.get(at) else { return 0 };
        let index = self.index();
        let prefixes = token.char_indices().skip(1).map(|(i, _)| &token[..i]).chain([token.as_str()]);
        let candidates = index.exact.get(token).into_iter().chain(prefixes.filter_map(|p| index.prefix.get(p)));
        candidates
            .flatten()
            .map(|&i| &self.phrases[i])
            .filter(|phrase| {
                at + phrase.len() <= tokens.len() && phrase.iter().zip(&tokens[at..]).all(|(p, t)| word_matches(p, t))
            })
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LexiconError {
    #[error("lexicon line {line}: entry before any [section]")]
    NoSection { line: usize },
    #[error("lexicon line {line}: unknown section [{name}]")]
    UnknownSection { line: usize, name: String },
}

impl Lexicon {
    /// Parses the `[section]` / one-entry-per-line format of `lexicon.txt`.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon {
            enforcement: Section::default(),
            sanctuary: Section::default(),
            immigrants: Section::default(),
            positive: Section::default(),
            negative: Section::default(),
            negators: Section::default(),
        };
        let mut section: Option<&mut Section> = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = Some(match name {
                    "enforcement" => &mut lexicon.enforcement,
                    "sanctuary" => &mut lexicon.sanctuary,
                    "immigrants" => &mut lexicon.immigrants,
                    "positive" => &mut lexicon.positive,
                    "negative" => &mut lexicon.negative,
                    "negator" => &mut lexicon.negators,
                    _ => return Err(LexiconError::UnknownSection { line: i + 1, name: name.to_string() }),
                });
                continue;
            }
            let Some(entries) = section.as_mut() else {
                return Err(LexiconError::NoSection { line: i + 1 });
            };
            let phrase = phrase_tokens(line);
            if !phrase.is_empty() {
                entries.phrases.push(phrase);
            }
        }
        Ok(lexicon)
    }

    fn targets(&self) -> [(Target, &Section); 3] {
        [
            (Target::Enforcement, &self.enforcement),
            (Target::Sanctuary, &self.sanctuary),
            (Target::Immigrants, &self.immigrants),
        ]
    }
}

/// An entry's words as the tokenizer splits text (so `287(g)` and
/// hyphenated words match the way they are read), keeping a trailing `*`.
fn phrase_tokens(entry: &str) -> Phrase {
    let mut phrase = Vec::new();
    for word in entry.split_whitespace() {
        let (stem, wildcard) = match word.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (word, false),
        };
        phrase.extend(tokenize(stem).into_iter().map(|t| t.to_lowercase()));
        if wildcard {
            if let Some(last) = phrase.last_mut() {
                last.push('*');
            }
        }
    }
    phrase
}

fn word_matches(pattern: &str, token: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => token.starts_with(prefix),
        None => token == pattern,
    }
}

/// A side's mention: token span `[start, end)`.
struct Mention {
    start: usize,
    end: usize,
    target: Target,
}

/// The block: its lexicon; the features are `polarity × target` counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetBlock {
    lexicon: Lexicon,
}

impl TargetBlock {
    /// The block with the lexicon shipped in this build.
    pub fn standard() -> TargetBlock {
        // The shipped lexicon is tested to parse.
        TargetBlock { lexicon: Lexicon::parse(STANDARD_LEXICON).unwrap_or_else(|e| panic!("{e}")) }
    }

    pub fn with_lexicon(lexicon: Lexicon) -> TargetBlock {
        TargetBlock { lexicon }
    }

    /// Number of feature columns.
    pub const fn width() -> usize {
        2 * TARGETS.len()
    }

    /// Readable name of column `index` of the block.
    pub fn feature_name(index: usize) -> Option<String> {
        let polarity = if index < TARGETS.len() { "negative" } else { "positive" };
        TARGETS
            .get(index % TARGETS.len())
            .filter(|_| index < Self::width())
            .map(|t| format!("{polarity} near {}", t.name()))
    }

    fn column(polarity: Polarity, target: Target) -> usize {
        let t = TARGETS.iter().position(|&x| x == target).unwrap_or(0);
        match polarity {
            Polarity::Negative => t,
            Polarity::Positive => TARGETS.len() + t,
        }
    }

    /// Each polarity word with the side it is aimed at: the nearest mention
    /// within the window (ties go to the mention after the word: the object
    /// of "blasted ICE"), or `Free`.
    pub fn hits(&self, text: &str) -> Vec<(Polarity, Target)> {
        let tokens: Vec<String> = tokenize(text).into_iter().map(|t| t.to_lowercase()).collect();
        let mentions = self.mentions(&tokens);
        let mut in_mention = vec![false; tokens.len()];
        for m in &mentions {
            in_mention[m.start..m.end].iter_mut().for_each(|x| *x = true);
        }
        let mut hits = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            if in_mention[at] {
                at += 1;
                continue;
            }
            let negative = self.lexicon.negative.longest_match(&tokens, at);
            let positive = self.lexicon.positive.longest_match(&tokens, at);
            let (polarity, len) = match (negative, positive) {
                (0, 0) => {
                    at += 1;
                    continue;
                }
                (n, p) if n >= p => (Polarity::Negative, n),
                (_, p) => (Polarity::Positive, p),
            };
            let negated =
                (at.saturating_sub(NEGATION_REACH)..at).any(|j| self.lexicon.negators.longest_match(&tokens, j) > 0);
            let polarity = if negated { polarity.flipped() } else { polarity };
            hits.push((polarity, nearest_target(&mentions, at, at + len)));
            at += len;
        }
        hits
    }

    /// Mentions of the sides, longest match first, left to right.
    fn mentions(&self, tokens: &[String]) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            let best = self
                .lexicon
                .targets()
                .iter()
                .map(|(target, section)| (section.longest_match(tokens, at), *target))
                .fold((0, Target::Free), |best, found| if found.0 > best.0 { found } else { best });
            if best.0 > 0 {
                mentions.push(Mention { start: at, end: at + best.0, target: best.1 });
                at += best.0;
            } else {
                at += 1;
            }
        }
        mentions
    }

    /// The block's sparse columns for `text` (from `offset`), in column order.
    pub fn row(&self, text: &str, offset: u32) -> Vec<(u32, f32)> {
        let mut counts = [0usize; Self::width()];
        for (polarity, target) in self.hits(text) {
            counts[Self::column(polarity, target)] += 1;
        }
        counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (offset + i as u32, HIT_VALUE * (1.0 + (n as f32).ln())))
            .collect()
    }
}

impl TargetBlock {
    /// `x` (the TF-IDF rows of `docs`) with the block's columns appended.
    pub fn append_columns(&self, x: &CsrMatrix, docs: &[&str]) -> CsrMatrix {
        let offset = x.n_cols() as u32;
        let blocks: Vec<Vec<(u32, f32)>> = docs.par_iter().map(|doc| self.row(doc, offset)).collect();
        let mut out = CsrMatrix::with_columns(x.n_cols() + Self::width());
        for (i, block) in blocks.into_iter().enumerate() {
            let mut row = x.row_owned(i);
            for (index, value) in block {
                row.indices.push(index);
                row.values.push(value);
            }
            out.push_row(&row);
        }
        out
    }

    /// Adds the block's columns (from `offset`) to a TF-IDF row.
    pub fn extend_row(&self, row: &mut SparseRow, text: &str, offset: u32) {
        for (index, value) in self.row(text, offset) {
            row.indices.push(index);
            row.values.push(value);
        }
    }
}

/// The mention nearest to the token span `[start, end)` within the window.
fn nearest_target(mentions: &[Mention], start: usize, end: usize) -> Target {
    mentions
        .iter()
        .filter_map(|m| {
            // Distance in tokens; a mention after the word wins a tie.
            let (distance, after) = if m.start >= end {
                (m.start + 1 - end, 0)
            } else {
                // Before the word, or inside a polarity phrase ("protect criminals").
                ((start + 1).saturating_sub(m.end), 1)
            };
            (distance <= WINDOW).then_some(((distance, after), m.target))
        })
        .min_by_key(|(key, _)| *key)
        .map_or(Target::Free, |(_, target)| target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Polarity::*;
    use Target::*;

    fn hits(text: &str) -> Vec<(Polarity, Target)> {
        TargetBlock::standard().hits(text)
    }

    #[test]
    fn the_shipped_lexicon_parses_and_has_every_section() {
        let lexicon = Lexicon::parse(STANDARD_LEXICON).unwrap();
        for section in [&lexicon.enforcement, &lexicon.sanctuary, &lexicon.immigrants, &lexicon.positive] {
            assert!(section.phrases.len() > 20);
        }
        assert!(lexicon.negative.phrases.len() > 50 && lexicon.negators.phrases.len() >= 5);
    }

    #[test]
    fn polarity_is_aimed_at_the_nearest_side() {
        assert_eq!(hits("Advocates blasted ICE for the raids."), vec![(Negative, Enforcement)]);
        assert_eq!(hits("The mayor praised the sanctuary law."), vec![(Positive, Sanctuary)]);
        assert_eq!(hits("Those numbers should alarm every parent."), vec![(Negative, Free)]);
        assert_eq!(hits("The draconian policy hurts immigrant families."), vec![(Negative, Immigrants); 2]);
        assert_eq!(hits("A draconian plan, one two three, hurts."), vec![(Negative, Free); 2]);
        // A polarity phrase that contains a mention is aimed at it.
        assert_eq!(hits("They protect criminals."), vec![(Negative, Immigrants)]);
    }

    #[test]
    fn a_negator_flips_polarity_and_the_window_is_five_tokens() {
        assert_eq!(hits("ICE agents did not harm anyone."), vec![(Positive, Enforcement)]);
        // "dangerous" is six tokens from "ICE": out of reach.
        assert_eq!(hits("ICE one two three four five dangerous"), vec![(Negative, Free)]);
        assert_eq!(hits("ICE one two three four dangerous"), vec![(Negative, Enforcement)]);
    }

    #[test]
    fn row_values_are_hand_computed() {
        let block = TargetBlock::standard();
        // One positive word near the city; two negative words near ICE raids: 0.5 * (1 + ln 2).
        let row = block.row("The mayor is proud of the city, but ICE raids are cruel and reckless.", 100);
        let negative_enforcement = 100 + TargetBlock::column(Negative, Enforcement) as u32;
        let positive_sanctuary = 100 + TargetBlock::column(Positive, Sanctuary) as u32;
        assert_eq!(row.len(), 2, "{row:?}");
        assert_eq!(row[0], (negative_enforcement, 0.5 * (1.0 + 2f32.ln())));
        assert_eq!(row[1], (positive_sanctuary, 0.5));
        assert_eq!(TargetBlock::feature_name(0).as_deref(), Some("negative near enforcement side"));
        assert_eq!(TargetBlock::feature_name(5).as_deref(), Some("positive near sanctuary side"));
        assert_eq!(TargetBlock::feature_name(8), None);
        assert!(block.row("The council meets on Tuesday.", 0).is_empty());
    }

    #[test]
    fn the_first_word_index_finds_what_a_full_scan_finds() {
        let lexicon = Lexicon::parse(STANDARD_LEXICON).unwrap();
        let text = "ICE agents deported families; advocates railed against the sanctuary city's raids, \
                    calling 287(g) deals draconian, not protective, and praised immigrant-rights groups";
        let tokens: Vec<String> = tokenize(text).into_iter().map(|t| t.to_lowercase()).collect();
        let sections = [&lexicon.enforcement, &lexicon.sanctuary, &lexicon.immigrants, &lexicon.positive];
        let mut found = 0;
        for section in sections.into_iter().chain([&lexicon.negative, &lexicon.negators]) {
            for at in 0..tokens.len() {
                let scanned = section
                    .phrases
                    .iter()
                    .filter(|p| {
                        at + p.len() <= tokens.len() && p.iter().zip(&tokens[at..]).all(|(p, t)| word_matches(p, t))
                    })
                    .map(Vec::len)
                    .max()
                    .unwrap_or(0);
                assert_eq!(section.longest_match(&tokens, at), scanned, "at {at} ({})", tokens[at]);
                found += scanned;
            }
        }
        assert!(found >= 12, "{found}");
    }

    #[test]
    fn lexicon_errors_name_the_line() {
        assert_eq!(Lexicon::parse("ice\n"), Err(LexiconError::NoSection { line: 1 }));
        assert_eq!(
            Lexicon::parse("# x\n[sides]\n"),
            Err(LexiconError::UnknownSection { line: 2, name: "sides".into() })
        );
    }
}
