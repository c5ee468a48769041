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

/// As [`tokenize`], handing each token to `visit` in order. Tokens of
/// ASCII text are lent from `text`, so most cost no allocation.
pub fn for_each_token(text: &str, mut visit: impl FnMut(Cow<'_, str>)) {
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
        // ASCII needs no quote normalising but the backtick's: its bytes
        // are its chars, so tokens are slices of it.
        if chunk.is_ascii() && !chunk.contains('`') {
            tokenize_chunk(chunk.as_bytes(), &mut |piece| visit(piece.lent_from(chunk)));
            continue;
        }
        chars.clear();
        chars.extend(chunk.chars().map(normalize_quote));
        tokenize_chunk(&chars, &mut |piece| visit(piece.collected_from(&chars)));
    }
}

/// A token of a chunk: a span of its chars, or a word that replaces a
/// contraction (`not`, `are`, ...).
enum Piece {
    Span(usize, usize),
    Fixed(&'static str),
}

impl Piece {
    /// The token, from an ASCII chunk (where char and byte positions agree).
    fn lent_from(self, chunk: &str) -> Cow<'_, str> {
        match self {
            Piece::Span(start, end) => Cow::Borrowed(&chunk[start..end]),
            Piece::Fixed(word) => Cow::Borrowed(word),
        }
    }

    fn collected_from(self, chars: &[char]) -> Cow<'static, str> {
        match self {
            Piece::Span(start, end) => Cow::Owned(chars[start..end].iter().collect()),
            Piece::Fixed(word) => Cow::Borrowed(word),
        }
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

/// Tokens of one chunk, over its chars: `char`s, or the bytes of ASCII text.
fn tokenize_chunk<C: Copy + Into<char>>(chunk: &[C], emit: &mut impl FnMut(Piece)) {
    let at = |i: usize| -> Option<char> { chunk.get(i).map(|&c| c.into()) };
    let mut i = 0;
    while let Some(c) = at(i) {
        let next_is_word = at(i + 1).is_some_and(|n| is_word_char(n) || n == '_');
        if (c == '#' || c == '@') && next_is_word {
            let start = i;
            i += 1;
            while at(i).is_some_and(|c| is_word_char(c) || c == '_') {
                i += 1;
            }
            emit(Piece::Span(start, i));
        } else if is_word_char(c) {
            let start = i;
            i = scan_word(chunk, i);
            push_word(chunk, start, i, emit);
        } else {
            if c == '!' || c == '?' {
                emit(Piece::Span(i, i + 1));
            }
            i += 1;
        }
    }
}

/// Returns the end of the word starting at `start`: letters and digits, with
/// inner `.` (U.S., 3.5), `,` between digits (1,000) and `'` before a letter.
fn scan_word<C: Copy + Into<char>>(chunk: &[C], start: usize) -> usize {
    let at = |i: usize| -> Option<char> { chunk.get(i).map(|&c| c.into()) };
    let mut i = start;
    while let Some(c) = at(i) {
        let next = at(i + 1);
        let joins = is_word_char(c)
            || (c == '.' && next.is_some_and(is_word_char) && dot_is_inner(chunk, start, i))
            || (c == ','
                && i > start
                && at(i - 1).is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()))
            || (c == '\'' && next.is_some_and(|n| n.is_alphabetic()));
        if !joins {
            break;
        }
        i += 1;
    }
    // `U.S.`: an abbreviation of single letters keeps its final dot.
    if at(i) == Some('.') && is_letter_abbreviation(&chunk[start..i]) {
        i += 1;
    }
    i
}

/// A dot joins `3.5` and `U.S` but not `unconstitutional.California`.
fn dot_is_inner<C: Copy + Into<char>>(chunk: &[C], start: usize, dot: usize) -> bool {
    let char_at = |i: usize| -> char { chunk[i].into() };
    let segment_start = (start..dot).rev().find(|&i| char_at(i) == '.').map_or(start, |p| p + 1);
    let segment = segment_start..dot;
    let next = char_at(dot + 1);
    (segment.len() == 1 && char_at(segment_start).is_alphabetic())
        || (segment.clone().all(|i| char_at(i).is_ascii_digit()) && next.is_ascii_digit())
}

fn is_letter_abbreviation<C: Copy + Into<char>>(word: &[C]) -> bool {
    word.len() >= 3
        && word.iter().enumerate().all(|(k, &c)| {
            let c: char = c.into();
            if k % 2 == 0 {
                c.is_alphabetic()
            } else {
                c == '.'
            }
        })
}

/// Expands contractions: `don't` → `do not`, `we're` → `we are`; drops `'s`.
fn push_word<C: Copy + Into<char>>(chunk: &[C], start: usize, end: usize, emit: &mut impl FnMut(Piece)) {
    let word = &chunk[start..end];
    if !word.iter().any(|&c| c.into() == '\'') {
        emit(Piece::Span(start, end));
        return;
    }
    let lower = word.iter().map(|&c| c.into()).collect::<String>().to_lowercase();
    // The suffixes are ASCII, and only ASCII letters lowercase to them: each
    // of their chars is one char of the word.
    if let Some(base) = lower.strip_suffix("n't") {
        match base {
            "ca" => emit(Piece::Fixed("can")),
            "wo" => emit(Piece::Fixed("will")),
            "sha" => emit(Piece::Fixed("shall")),
            _ if end - 3 > start => emit(Piece::Span(start, end - 3)),
            _ => {}
        }
        emit(Piece::Fixed("not"));
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
            emit(Piece::Span(start, end - suffix.len()));
            if let Some(expansion) = expansion {
                emit(Piece::Fixed(expansion));
            }
            return;
        }
    }
    emit(Piece::Span(start, end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        tokenize(text)
    }

    /// Tokens of `chunk` by the scanner over its chars, with no shortcut.
    fn scanned(chunk: &str) -> Vec<String> {
        let chars: Vec<char> = chunk.chars().map(normalize_quote).collect();
        let mut tokens = Vec::new();
        tokenize_chunk(&chars, &mut |piece| tokens.push(piece.collected_from(&chars).into_owned()));
        tokens
    }

    proptest::proptest! {
        /// The shortcut for chunks of ASCII letters and digits gives what
        /// the full scanner gives.
        #[test]
        fn plain_words_shortcut_matches_the_scanner(word in "[A-Za-z0-9]{1,20}") {
            proptest::prop_assert_eq!(&scanned(&word), std::slice::from_ref(&word));
            proptest::prop_assert_eq!(tokenize(&word), scanned(&word));
        }

        /// Scanning an ASCII chunk's bytes gives what scanning its chars gives.
        #[test]
        fn ascii_chunks_scanned_as_bytes_match_chars(chunk in "([a-zA-Z0-9]{1,4}|[.,'!?#@_:;\"()-]|n't|'s|'re|'ll|N'T|U\\.S\\.|3\\.5|1,000){1,8}") {
            let mut bytes = Vec::new();
            tokenize_chunk(chunk.as_bytes(), &mut |piece| bytes.push(piece.lent_from(&chunk).into_owned()));
            proptest::prop_assert_eq!(bytes, scanned(&chunk));
        }
    }

    #[test]
    fn backticks_are_apostrophes() {
        assert_eq!(toks("don`t"), ["do", "not"]);
        assert_eq!(toks("CNN`s"), ["CNN"]);
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
