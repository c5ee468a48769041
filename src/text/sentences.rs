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
            split_after_closed_quotes(text, SentenceSpan { start: start + lead, end: end - trail }, &mut spans);
        }
    }
    merge_detached_attributions(text, spans)
}

/// Longest attribution (in words) re-attached to the quotation before it.
const ATTRIBUTION_MAX_WORDS: usize = 8;

/// `"It is over." Sessions told Fox.` is one statement: sentencex cuts
/// after the quotation, so short attributions are joined back to it.
fn merge_detached_attributions(text: &str, spans: Vec<SentenceSpan>) -> Vec<SentenceSpan> {
    let mut merged: Vec<SentenceSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        let piece = &text[span.start..span.end];
        // A piece without letters or digits (a lone closing quote) belongs to the sentence before it.
        let punctuation_only = !piece.chars().any(char::is_alphanumeric);
        let attaches = merged.last().is_some_and(|previous| {
            punctuation_only
                || (text[previous.start..previous.end].ends_with(['"', '\u{201d}'])
                    && piece.split_whitespace().count() <= ATTRIBUTION_MAX_WORDS
                    && starts_attribution(piece))
        });
        match merged.last_mut() {
            Some(previous) if attaches => previous.end = span.end,
            _ => merged.push(span),
        }
    }
    merged
}

/// Reporting verbs that mark the words after a closed quotation as its
/// attribution (`"..." Sessions told Fox.`), which belongs with the quote.
const REPORTING_VERBS: [&str; 16] = [
    "said",
    "says",
    "told",
    "added",
    "asked",
    "argued",
    "wrote",
    "tweeted",
    "noted",
    "stated",
    "insisted",
    "warned",
    "countered",
    "continued",
    "explained",
    "according",
];

/// sentencex keeps a closed quotation together with the sentence after it
/// (`...do this.'" Sessions' move is...`); split there unless what follows is
/// the quotation's attribution.
fn split_after_closed_quotes(text: &str, span: SentenceSpan, spans: &mut Vec<SentenceSpan>) {
    let piece = &text[span.start..span.end];
    let mut start = 0;
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    for (k, &(offset, c)) in chars.iter().enumerate() {
        if !matches!(c, '"' | '\u{201d}') || k == 0 {
            continue;
        }
        let before = chars[..k].iter().rev().map(|(_, c)| *c).find(|c| !matches!(c, '\'' | '\u{2019}'));
        if !matches!(before, Some('.' | '!' | '?' | '\u{2026}')) {
            continue;
        }
        let rest = &piece[offset + c.len_utf8()..];
        let next_start = offset + c.len_utf8() + (rest.len() - rest.trim_start().len());
        let starts_upper = rest.trim_start().chars().next().is_some_and(char::is_uppercase);
        if rest.starts_with(char::is_whitespace) && starts_upper && !starts_attribution(rest) {
            spans.push(SentenceSpan { start: span.start + start, end: span.start + offset + c.len_utf8() });
            start = next_start;
        }
    }
    spans.push(SentenceSpan { start: span.start + start, end: span.end });
}

/// Whether one of the first four words is a reporting verb.
fn starts_attribution(rest: &str) -> bool {
    rest.split_whitespace().take(4).any(|word| {
        let word: String = word.chars().filter(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
        REPORTING_VERBS.contains(&word.as_str())
    })
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
    fn splits_after_a_closed_quote_but_keeps_attributions() {
        assert_eq!(
            split("\"You cannot do this.'\" Sessions' move is an escalation. Next."),
            ["\"You cannot do this.'\"", "Sessions' move is an escalation.", "Next."]
        );
        assert_eq!(split("\"Federal law rules.\" Sessions told Fox."), ["\"Federal law rules.\" Sessions told Fox."]);
        assert_eq!(split("\"It is over.\" he said."), ["\"It is over.\" he said."]);
    }

    #[test]
    fn never_leaves_a_lone_quote_mark() {
        let pieces = split("Somebody needs to say, 'No, you've gone too far. You cannot do this.'\"");
        assert!(pieces.iter().all(|p| p.chars().any(char::is_alphanumeric)), "{pieces:?}");
        assert!(pieces.last().unwrap().ends_with(".'\""), "{pieces:?}");
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
