use super::Language;

/// A sentence as a byte range of the text it came from, trimmed of
/// surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

/// Splits one paragraph into sentences. Uses `sentencex`, which handles
/// glued boundaries in scraped news (`unconstitutional.California`) and keeps
/// abbreviations (`U.S.`, `Gen.`, `Jan.`) intact.
pub fn split_sentences(text: &str, language: Language) -> Vec<SentenceSpan> {
    let mut spans = Vec::new();
    for boundary in sentencex::get_sentence_boundaries(language.code(), text) {
        let (start, end) = (boundary.start_byte, boundary.end_byte);
        if start >= end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let piece = &text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if lead + trail < piece.len() {
            spans.push(SentenceSpan { start: start + lead, end: end - trail });
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, Language::English).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_glued_boundaries() {
        assert_eq!(
            split("The laws are unconstitutional.California Attorney General Xavier Becerra fired back."),
            ["The laws are unconstitutional.", "California Attorney General Xavier Becerra fired back."]
        );
        assert_eq!(
            split("He accused them of enforcements.\"Many of the actions are wrong.\" he said."),
            ["He accused them of enforcements.", "\"Many of the actions are wrong.\" he said."]
        );
    }

    #[test]
    fn keeps_abbreviations() {
        assert_eq!(
            split("The U.S. Attorney Gen. Jeff Sessions told Fox. They met."),
            ["The U.S. Attorney Gen. Jeff Sessions told Fox.", "They met."]
        );
        assert_eq!(
            split("They met at 3 p.m. on Jan. 5 in Washington, D.C. They talked."),
            ["They met at 3 p.m. on Jan. 5 in Washington, D.C.", "They talked."]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "  First one.   Second one!  ";
        let spans = split_sentences(text, Language::English);
        assert_eq!(spans, [SentenceSpan { start: 2, end: 12 }, SentenceSpan { start: 15, end: 26 }]);
        assert!(split("").is_empty());
        assert!(split("   ").is_empty());
    }
}
