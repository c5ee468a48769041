//! Tokens of one sentence. Quotation state is tracked here because
//! everything downstream must ignore quoted words. Datelines
//! (`WASHINGTON (AP) —`) name a place and an agency, never a speaker.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct,
    /// An opening quotation mark.
    Open,
    /// A closing quotation mark.
    Close,
}

#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    /// Surface text, e.g. `Becerra's`.
    pub(super) text: &'a str,
    /// Text without a possessive ending, e.g. `Becerra`.
    pub(super) stem: &'a str,
    pub(super) kind: Kind,
    /// Byte offsets into the sentence, used to quote the cue verbatim.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) in_double: bool,
    pub(super) in_single: bool,
    pub(super) possessive: bool,
}

impl Token<'_> {
    pub(super) fn quoted(&self) -> bool {
        self.in_double || self.in_single
    }
}

/// Splits a sentence into words, punctuation and quote marks.
///
/// Double quotes carry over between sentences (a quotation may span several); single quotes
/// only nest inside a sentence, because a lone `'` is far more often an apostrophe.
pub(super) struct Lexer<'a> {
    pub(super) src: &'a str,
    pub(super) chars: Vec<(usize, char)>,
    pub(super) pos: usize,
    pub(super) double: bool,
    pub(super) single: bool,
    pub(super) single_opened_at: Option<usize>,
    pub(super) tokens: Vec<Token<'a>>,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(src: &'a str, in_quote: bool) -> Self {
        let chars = src.char_indices().collect();
        Lexer { src, chars, pos: 0, double: in_quote, single: false, single_opened_at: None, tokens: Vec::new() }
    }

    /// Returns the tokens and whether a double quotation is still open at the end.
    pub(super) fn run(mut self) -> (Vec<Token<'a>>, bool) {
        while let Some(c) = self.peek(self.pos) {
            if c.is_whitespace() {
                self.pos += 1;
            } else if c.is_alphanumeric() {
                self.word();
            } else {
                self.mark(c);
            }
        }
        self.drop_unclosed_single();
        (self.tokens, self.double)
    }

    pub(super) fn peek(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    pub(super) fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.src.len(), |&(o, _)| o)
    }

    pub(super) fn alnum_at(&self, i: usize) -> bool {
        self.peek(i).is_some_and(char::is_alphanumeric)
    }

    pub(super) fn text(&self, from: usize, to: usize) -> &'a str {
        self.src.get(self.offset(from)..self.offset(to)).unwrap_or("")
    }

    /// A word keeps inner apostrophes, periods and hyphens (`don't`, `U.S`, `400-acre`) and a
    /// possessive ending (`Becerra's`, `Sessions'`).
    pub(super) fn word(&mut self) {
        let start = self.pos;
        let mut end = start + 1;
        while let Some(c) = self.peek(end) {
            let inner = matches!(c, '\'' | '’' | '.' | '-' | '&') && self.alnum_at(end + 1);
            if !(c.is_alphanumeric() || inner) {
                break;
            }
            end += 1;
        }
        let mut stem_end = end;
        let mut possessive = false;
        if self.ends_with_apostrophe_s(start, end) {
            possessive = true;
            stem_end = end - 2;
        } else if self.bare_possessive_apostrophe(end) {
            possessive = true;
            end += 1;
        } else if self.peek(end) == Some('.') && keeps_period(self.text(start, end)) {
            end += 1;
            stem_end = end;
        }
        self.push(start, end, stem_end, Kind::Word, possessive);
        self.pos = end;
    }

    pub(super) fn ends_with_apostrophe_s(&self, start: usize, end: usize) -> bool {
        end >= start + 3
            && matches!(self.peek(end - 1), Some('s' | 'S'))
            && matches!(self.peek(end - 2), Some('\'' | '’'))
    }

    /// `Sessions'`: an apostrophe after a final s, unless it closes a single-quoted phrase.
    pub(super) fn bare_possessive_apostrophe(&self, end: usize) -> bool {
        !self.single
            && matches!(self.peek(end), Some('\'' | '’'))
            && end > 0
            && matches!(self.peek(end - 1), Some('s' | 'S'))
            && !self.alnum_at(end + 1)
    }

    /// Quote marks and punctuation. A straight `"` closes an open quotation, except as the first
    /// character of a sentence: news style repeats the opening mark at each paragraph of a long quote.
    pub(super) fn mark(&mut self, c: char) {
        let at = self.pos;
        let kind = match c {
            '"' if self.double && !self.tokens.is_empty() => self.close_double(),
            '"' | '“' | '«' => self.open_double(),
            '”' | '»' => self.close_double(),
            '‘' => self.open_single(),
            '\'' if self.opens_single(at) => self.open_single(),
            '\'' | '’' if self.single => self.close_single(),
            _ => Kind::Punct,
        };
        self.push(at, at + 1, at + 1, kind, false);
        self.pos += 1;
    }

    /// A straight `'` opens a quotation only at a word start: `'No` but not `don't` or `90s'`.
    pub(super) fn opens_single(&self, at: usize) -> bool {
        let before = at.checked_sub(1).and_then(|i| self.peek(i));
        let after_space = before.is_none_or(|p| p.is_whitespace() || "\"“«(—–-[".contains(p));
        after_space && self.peek(at + 1).is_some_and(char::is_alphabetic)
    }

    pub(super) fn open_double(&mut self) -> Kind {
        self.double = true;
        Kind::Open
    }

    pub(super) fn close_double(&mut self) -> Kind {
        self.double = false;
        self.single = false;
        self.single_opened_at = None;
        Kind::Close
    }

    pub(super) fn open_single(&mut self) -> Kind {
        self.single = true;
        self.single_opened_at = Some(self.tokens.len());
        Kind::Open
    }

    pub(super) fn close_single(&mut self) -> Kind {
        self.single = false;
        self.single_opened_at = None;
        Kind::Close
    }

    /// An unmatched single quote was probably an apostrophe: un-quote what followed it.
    pub(super) fn drop_unclosed_single(&mut self) {
        if !self.single {
            return;
        }
        if let Some(at) = self.single_opened_at {
            if let Some(token) = self.tokens.get_mut(at) {
                token.kind = Kind::Punct;
            }
            for token in self.tokens.iter_mut().skip(at) {
                token.in_single = false;
            }
        }
    }

    pub(super) fn push(&mut self, start: usize, end: usize, stem_end: usize, kind: Kind, possessive: bool) {
        let (start, end, stem_end) = (self.offset(start), self.offset(end), self.offset(stem_end));
        let text = self.src.get(start..end).unwrap_or("");
        let stem = self.src.get(start..stem_end).unwrap_or(text);
        let inside = matches!(kind, Kind::Word | Kind::Punct);
        self.tokens.push(Token {
            text,
            stem,
            kind,
            start,
            end,
            in_double: inside && self.double,
            in_single: inside && self.single,
            possessive,
        });
    }
}

pub(super) fn keeps_period(word: &str) -> bool {
    let single_initial = word.chars().count() == 1 && is_capitalized(word);
    let shouted = word.chars().count() > 1 && !word.chars().any(char::is_lowercase);
    word.contains('.')
        || single_initial
        || ABBREVIATIONS.contains(&word)
        || (shouted && ABBREVIATIONS.contains(&title_case(word).as_str()))
}

// ---------------------------------------------------------------------------------------------
// Datelines. `WASHINGTON (AP) —` names a place and an agency, never a speaker.
// ---------------------------------------------------------------------------------------------

/// Returns the sentence without a leading dateline such as `LOS ANGELES —` or `FRESNO, Calif. (AP) —`.
pub(super) fn strip_dateline(text: &str) -> &str {
    let Some((at, len)) = first_dash(text) else { return text };
    let (Some(head), Some(rest)) = (text.get(..at), text.get(at + len..)) else {
        return text;
    };
    let rest = rest.trim_start();
    let continues = rest.chars().next().is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“'));
    if at <= 60 && continues && is_dateline(head) {
        rest
    } else {
        text
    }
}

pub(super) fn first_dash(text: &str) -> Option<(usize, usize)> {
    ["—", "–", "--", " - "].iter().filter_map(|dash| text.find(dash).map(|at| (at, dash.len()))).min()
}

/// An all-caps place, optionally followed by `, Region` and a parenthesised agency.
pub(super) fn is_dateline(head: &str) -> bool {
    let mut depth = 0usize;
    let mut cleaned = String::new();
    for c in head.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    let (place, region) = cleaned.split_once(',').unwrap_or((&cleaned, ""));
    let place: Vec<&str> = place.split_whitespace().collect();
    let shouting =
        |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    !place.is_empty() && place.len() <= 4 && place.iter().all(shouting) && region.split_whitespace().all(is_capitalized)
}
