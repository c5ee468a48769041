//! Word tokenizer for news and social-media text.
//!
//! Keeps what carries stance: negations (`n't` becomes `not`), `!` and `?`,
//! hashtags and @mentions; drops possessive `'s` so `CNN's` and `CNN` are one
//! term; keeps abbreviations such as `U.S.` and numbers such as `3.5` whole;
//! replaces URLs with one `<url>` token.

use std::borrow::Cow;

/// Splits `text` into tokens (case preserved).
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for_each_token(text, |token| tokens.push(token.into_owned()));
    tokens
}

/// As [`tokenize`], handing each token to `visit` in order: plain words are
/// lent from `text`, so most tokens cost no allocation.
pub fn for_each_token(text: &str, mut visit: impl FnMut(Cow<'_, str>)) {
    let mut tokens = Vec::new();
    let mut chars = Vec::new();
    for chunk in text.split(|c: char| c.is_whitespace() || c == '…') {
        if chunk.is_empty() {
            continue;
        }
        // Most chunks are plain words: they are one token as they are.
        if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
            visit(Cow::Borrowed(chunk));
            continue;
        }
        let trimmed = chunk.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '#' && c != '@');
        if is_url(trimmed) {
            visit(Cow::Borrowed("<url>"));
            continue;
        }
        chars.clear();
        chars.extend(chunk.chars().map(normalize_quote));
        tokenize_chunk(&chars, &mut tokens);
        tokens.drain(..).for_each(|token| visit(Cow::Owned(token)));
    }
}

/// Curly and other apostrophes as `'`.
fn normalize_quote(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
        other => other,
    }
}

fn is_url(chunk: &str) -> bool {
    let starts = |prefix: &str| chunk.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
    starts("http://") || starts("https://") || starts("www.")
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn tokenize_chunk(chars: &[char], tokens: &mut Vec<String>) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next_is_word = chars.get(i + 1).is_some_and(|n| is_word_char(*n) || *n == '_');
        if (c == '#' || c == '@') && next_is_word {
            let start = i;
            i += 1;
            while i < chars.len() && (is_word_char(chars[i]) || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if is_word_char(c) {
            let start = i;
            i = scan_word(chars, i);
            let word: String = chars[start..i].iter().collect();
            push_word(word, tokens);
        } else {
            if c == '!' || c == '?' {
                tokens.push(c.to_string());
            }
            i += 1;
        }
    }
}

/// Returns the end of the word starting at `start`: letters and digits, with
/// inner `.` (U.S., 3.5), `,` between digits (1,000) and `'` before a letter.
fn scan_word(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let joins = is_word_char(c)
            || (c == '.' && next.is_some_and(is_word_char) && dot_is_inner(chars, start, i))
            || (c == ',' && i > start && chars[i - 1].is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()))
            || (c == '\'' && next.is_some_and(|n| n.is_alphabetic()));
        if !joins {
            break;
        }
        i += 1;
    }
    // `U.S.`: an abbreviation of single letters keeps its final dot.
    if chars.get(i) == Some(&'.') && is_letter_abbreviation(&chars[start..i]) {
        i += 1;
    }
    i
}

/// A dot joins `3.5` and `U.S` but not `unconstitutional.California`.
fn dot_is_inner(chars: &[char], start: usize, dot: usize) -> bool {
    let segment_start = chars[start..dot].iter().rposition(|c| *c == '.').map_or(start, |p| start + p + 1);
    let segment = &chars[segment_start..dot];
    let next = chars[dot + 1];
    (segment.len() == 1 && segment[0].is_alphabetic())
        || (segment.iter().all(|c| c.is_ascii_digit()) && next.is_ascii_digit())
}

fn is_letter_abbreviation(word: &[char]) -> bool {
    word.len() >= 3 && word.iter().enumerate().all(|(k, c)| if k % 2 == 0 { c.is_alphabetic() } else { *c == '.' })
}

/// Expands contractions: `don't` → `do not`, `we're` → `we are`; drops `'s`.
fn push_word(word: String, tokens: &mut Vec<String>) {
    if !word.contains('\'') {
        tokens.push(word);
        return;
    }
    let lower = word.to_lowercase();
    if let Some(base) = lower.strip_suffix("n't") {
        let base_len = word.len() - 3;
        let base_word = match base {
            "ca" => "can".to_string(),
            "wo" => "will".to_string(),
            "sha" => "shall".to_string(),
            _ => word[..base_len].to_string(),
        };
        if !base_word.is_empty() {
            tokens.push(base_word);
        }
        tokens.push("not".to_string());
        return;
    }
    const SUFFIXES: [(&str, Option<&str>); 6] = [
        ("'s", None),
        ("'re", Some("are")),
        ("'ve", Some("have")),
        ("'ll", Some("will")),
        ("'m", Some("am")),
        ("'d", Some("would")),
    ];
    for (suffix, expansion) in SUFFIXES {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            tokens.push(word[..word.len() - suffix.len()].to_string());
            if let Some(expansion) = expansion {
                tokens.push(expansion.to_string());
            }
            return;
        }
    }
    tokens.push(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        tokenize(text)
    }

    proptest::proptest! {
        /// The shortcut for chunks of ASCII letters and digits gives what
        /// the full scanner gives.
        #[test]
        fn plain_words_shortcut_matches_the_scanner(word in "[A-Za-z0-9]{1,20}") {
            let chars: Vec<char> = word.chars().collect();
            let mut scanned = Vec::new();
            tokenize_chunk(&chars, &mut scanned);
            proptest::prop_assert_eq!(&scanned, std::slice::from_ref(&word));
            proptest::prop_assert_eq!(tokenize(&word), scanned);
        }
    }

    #[test]
    fn keeps_negations() {
        assert_eq!(toks("We don't agree"), ["We", "do", "not", "agree"]);
        assert_eq!(toks("They can't and won't"), ["They", "can", "not", "and", "will", "not"]);
        assert_eq!(toks("no, never, not"), ["no", "never", "not"]);
        assert_eq!(toks("aren\u{2019}t"), ["are", "not"]);
    }

    #[test]
    fn handles_possessives_and_contractions() {
        assert_eq!(toks("CNN's Anderson Cooper"), ["CNN", "Anderson", "Cooper"]);
        assert_eq!(toks("Sessions' accusations"), ["Sessions", "accusations"]);
        assert_eq!(toks("We're not gonna"), ["We", "are", "not", "gonna"]);
        assert_eq!(toks("O'Brien said"), ["O'Brien", "said"]);
    }

    #[test]
    fn handles_quotes_ellipses_and_punctuation() {
        assert_eq!(
            toks("\u{201c}Our folks are very busy \u{2026} doing public safety,\u{201d} he said."),
            ["Our", "folks", "are", "very", "busy", "doing", "public", "safety", "he", "said"]
        );
        assert_eq!(toks("Really?! Wait..."), ["Really", "?", "!", "Wait"]);
        assert_eq!(toks("'No, you've gone too far.'"), ["No", "you", "have", "gone", "too", "far"]);
    }

    #[test]
    fn handles_social_media_tokens() {
        assert_eq!(toks("@ICEgov #AbolishICE now: https://t.co/abc123."), ["@ICEgov", "#AbolishICE", "now", "<url>"]);
        assert_eq!(toks("(www.example.org)"), ["<url>"]);
        assert_eq!(toks("email me @ home"), ["email", "me", "home"]);
    }

    #[test]
    fn keeps_numbers_and_abbreviations() {
        assert_eq!(
            toks("The U.S. spent $1,000,000 on 3.5 miles."),
            ["The", "U.S.", "spent", "1,000,000", "on", "3.5", "miles"]
        );
        assert_eq!(toks("in Washington, D.C. They"), ["in", "Washington", "D.C.", "They"]);
        assert_eq!(toks("SB 54 and AB450"), ["SB", "54", "and", "AB450"]);
    }

    #[test]
    fn splits_hyphens_and_glued_sentences() {
        assert_eq!(toks("anti-immigrant"), ["anti", "immigrant"]);
        assert_eq!(toks("unconstitutional.California"), ["unconstitutional", "California"]);
        assert_eq!(toks("e.g. this"), ["e.g.", "this"]);
    }

    #[test]
    fn handles_unicode_words() {
        assert_eq!(toks("José Peña — señora"), ["José", "Peña", "señora"]);
        assert!(toks("   \n\t ").is_empty());
    }
}
