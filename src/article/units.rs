//! Reading a scraped news article into units: headlines, sentences, credit
//! lines and boilerplate, each with its paragraph and byte offsets.

use crate::text::{split_sentences, Language};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// A short line without closing punctuation (headline or subhead).
    Headline,
    Sentence,
    /// "X contributed to this report", or a byline ("By Jane Doe",
    /// "Jane Doe | Staff Writer"): kept, but not classified.
    Credit,
    /// Scraper leftovers such as `[contf]`, `Original Article`, a lone `CNN`,
    /// or a timestamp line (`Updated 9:07 PM ET, March 7, 2018`).
    Boilerplate,
}

impl UnitKind {
    /// Whether the unit carries a statement worth classifying.
    pub fn is_classified(self) -> bool {
        matches!(self, UnitKind::Headline | UnitKind::Sentence)
    }
}

/// One unit of an article; `start..end` is a byte range of the source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub index: usize,
    /// 1-based paragraph number (paragraphs are non-empty lines).
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    /// The same range counted in characters (Unicode scalar values).
    pub char_start: usize,
    pub char_end: usize,
    pub kind: UnitKind,
    pub text: String,
}

/// Lines that scrapers leave behind and that are never content.
const BOILERPLATE_LINES: [&str; 6] =
    ["original article", "advertisement", "read more", "story continues below", "related", "share this article"];

/// Longest line, in words, still taken for a headline when it lacks closing punctuation.
const HEADLINE_MAX_WORDS: usize = 15;

/// Longest line, in words, taken for a byline or a timestamp.
const CREDIT_LINE_MAX_WORDS: usize = 12;

/// Lower-case words that may sit between the names of a byline ("By Ana de la Cruz and Li Wei").
const NAME_JOINERS: [&str; 10] = ["and", "&", "de", "del", "la", "da", "dos", "van", "von", "der"];

/// Job titles that end the second half of "Jane Doe | Staff Writer".
const BYLINE_ROLES: [&str; 6] = ["writer", "reporter", "correspondent", "editor", "columnist", "contributor"];

/// Words that open a timestamp line.
const TIMESTAMP_OPENERS: [&str; 4] = ["updated", "published", "posted", "last updated"];

/// Splits an article into units.
pub fn read_article(text: &str, language: Language) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let offset = line_start;
        line_start += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        paragraph += 1;
        let lead = line.len() - line.trim_start().len();
        let (start, end) = (offset + lead, offset + lead + trimmed.len());
        let whole_line = |kind| Unit {
            index: 0,
            paragraph,
            start,
            end,
            char_start: 0,
            char_end: 0,
            kind,
            text: trimmed.to_string(),
        };
        match line_kind(trimmed) {
            Some(kind) => units.push(whole_line(kind)),
            None => {
                for span in split_sentences(&text[start..end], language) {
                    let sentence = &text[start + span.start..start + span.end];
                    units.push(Unit {
                        index: 0,
                        paragraph,
                        start: start + span.start,
                        end: start + span.end,
                        char_start: 0,
                        char_end: 0,
                        kind: UnitKind::Sentence,
                        text: sentence.to_string(),
                    });
                }
            }
        }
    }
    // Byte offsets are increasing, so one pass turns them into char offsets.
    let (mut byte, mut chars) = (0, 0);
    for (index, unit) in units.iter_mut().enumerate() {
        unit.index = index;
        chars += text[byte..unit.start].chars().count();
        unit.char_start = chars;
        chars += unit.text.chars().count();
        unit.char_end = chars;
        byte = unit.end;
    }
    units
}

/// The kind of a whole line, or `None` when it is prose to split into sentences.
fn line_kind(line: &str) -> Option<UnitKind> {
    let lower = line.to_lowercase();
    if is_bracket_markers(line) || BOILERPLATE_LINES.contains(&lower.trim_end_matches(['.', ':'])) {
        return Some(UnitKind::Boilerplate);
    }
    if lower.contains("contributed to this report") || lower.contains("contributed reporting") {
        return Some(UnitKind::Credit);
    }
    let words = line.split_whitespace().count();
    if words <= CREDIT_LINE_MAX_WORDS && !ends_with_sentence_punctuation(line) {
        if is_byline(line) {
            return Some(UnitKind::Credit);
        }
        if TIMESTAMP_OPENERS.iter().any(|o| lower.starts_with(o)) && line.contains(|c: char| c.is_ascii_digit()) {
            return Some(UnitKind::Boilerplate);
        }
    }
    if words <= 3 && is_outlet_name(line) {
        return Some(UnitKind::Boilerplate);
    }
    if words <= HEADLINE_MAX_WORDS && !ends_with_sentence_punctuation(line) {
        return Some(UnitKind::Headline);
    }
    None
}

/// "By Jane Doe", "BY ANA DE LA CRUZ AND LI WEI, CNN": names after "By";
/// or "Jane Doe | Staff Writer": a name, a separator and a job title.
fn is_byline(line: &str) -> bool {
    let mut words = line.split_whitespace();
    if words.next().is_some_and(|first| first.eq_ignore_ascii_case("by")) {
        let names: Vec<&str> = words.map(|w| w.trim_end_matches(',')).collect();
        return names.first().is_some_and(|w| w.starts_with(char::is_uppercase))
            && names.iter().all(|w| w.starts_with(char::is_uppercase) || NAME_JOINERS.contains(w));
    }
    line.split_once(['|', ',', '\u{2014}']).is_some_and(|(name, role)| {
        let role = role.trim().to_lowercase();
        !name.trim().is_empty()
            && role.split_whitespace().count() <= 4
            && BYLINE_ROLES.iter().any(|r| role.ends_with(r) || role.ends_with(&format!("{r}s")))
    })
}

/// `[contf] [contfnew]`: only bracketed tokens.
fn is_bracket_markers(line: &str) -> bool {
    line.split_whitespace().all(|token| token.starts_with('[') && token.ends_with(']'))
}

/// A lone outlet tag such as `CNN` or `AP`: all capitals, no sentence.
fn is_outlet_name(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) && !ends_with_sentence_punctuation(line)
}

fn ends_with_sentence_punctuation(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ' ']);
    core.ends_with(['.', '!', '?', '\u{2026}', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_line_kinds() {
        assert_eq!(line_kind("[contf] [contfnew]"), Some(UnitKind::Boilerplate));
        assert_eq!(line_kind("Original Article"), Some(UnitKind::Boilerplate));
        assert_eq!(line_kind("CNN"), Some(UnitKind::Boilerplate));
        assert_eq!(line_kind("CNN's Tal Kopan and Laura Jarrett contributed to this report."), Some(UnitKind::Credit));
        assert_eq!(line_kind("Sessions slams policies"), Some(UnitKind::Headline));
        assert_eq!(line_kind("'Our folks are very busy'"), Some(UnitKind::Headline));
        assert_eq!(line_kind("The mayor spoke."), None);
        assert_eq!(line_kind("He said \"no.\""), None);
    }

    #[test]
    fn bylines_are_credits_and_timestamps_boilerplate() {
        for byline in [
            "By Jane Doe",
            "BY JANE DOE",
            "By Tal Kopan and Laura Jarrett, CNN",
            "By Ana de la Cruz",
            "Jane Doe | Staff Writer",
            "Jane Doe, Senior Correspondent",
            "Jane Doe \u{2014} Contributing Editors",
        ] {
            assert_eq!(line_kind(byline), Some(UnitKind::Credit), "{byline}");
        }
        for headline in ["By the numbers", "Trump, reporter clash over ICE raids", "Sheriff warns of costs", "By"] {
            assert_eq!(line_kind(headline), Some(UnitKind::Headline), "{headline}");
        }
        assert_eq!(line_kind("By Jane Doe, who covered the hearing for the paper."), None);
        assert_eq!(line_kind("Updated 9:07 PM ET, Wed March 7, 2018"), Some(UnitKind::Boilerplate));
        assert_eq!(line_kind("Published March 12, 2025"), Some(UnitKind::Boilerplate));
        assert_eq!(line_kind("Updated guidance for shelters"), Some(UnitKind::Headline));
    }

    #[test]
    fn offsets_and_paragraphs_point_into_the_source() {
        let text = "Title here\n\nFirst sentence. Second one.\n  Indented para ends here.\n";
        let units = read_article(text, Language::English);
        let spans: Vec<(&str, usize, UnitKind)> =
            units.iter().map(|u| (&text[u.start..u.end], u.paragraph, u.kind)).collect();
        assert_eq!(
            spans,
            [
                ("Title here", 1, UnitKind::Headline),
                ("First sentence.", 2, UnitKind::Sentence),
                ("Second one.", 2, UnitKind::Sentence),
                ("Indented para ends here.", 3, UnitKind::Sentence),
            ]
        );
        assert!(units.iter().all(|u| text[u.start..u.end] == u.text));
        let chars: Vec<char> = text.chars().collect();
        assert!(units.iter().all(|u| chars[u.char_start..u.char_end].iter().collect::<String>() == u.text));
        assert_eq!(units.iter().map(|u| u.index).collect::<Vec<_>>(), [0, 1, 2, 3]);
    }

    #[test]
    fn char_offsets_count_characters() {
        let text = "Peña said “no.” Then José left.";
        let units = read_article(text, Language::English);
        let chars: Vec<char> = text.chars().collect();
        for unit in &units {
            assert_eq!(chars[unit.char_start..unit.char_end].iter().collect::<String>(), unit.text);
        }
        assert!(units.last().unwrap().char_end < units.last().unwrap().end);
    }

    #[test]
    fn empty_and_whitespace_articles_have_no_units() {
        assert!(read_article("", Language::English).is_empty());
        assert!(read_article(" \n\n\t\n", Language::English).is_empty());
    }

    #[test]
    fn long_line_without_punctuation_is_a_sentence() {
        let line = "Sessions' move is an aggressive escalation of the administration's battle in the past year to pressure local jurisdictions";
        let units = read_article(line, Language::English);
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].kind, UnitKind::Sentence);
    }
}
