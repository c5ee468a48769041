//! Headlines name their speaker only later: `'We are not an arm of ICE': council adopts ...`
//! quotes a line the story attributes further down, and `New sheriff: jail will honor holds`
//! speaks through a role the story names later. Both are settled once the article is read.

use super::*;

/// What the headline (the article's first line) leaves for the body to settle.
#[derive(Debug, Default)]
pub(super) struct Headline {
    /// Lower-case words quoted in the headline (two or more to be looked for).
    quote: Vec<String>,
    /// The body sentence that repeats the quotation.
    quoted_in: Option<usize>,
}

impl Headline {
    /// Records the headline's quotation; a headline is a first line without a final full stop.
    pub(super) fn read(sentence: &str, parsed: &Parsed) -> Option<Self> {
        if sentence.trim_end().ends_with('.') {
            return None;
        }
        let quoted: Vec<&Token> = parsed.tokens.iter().filter(|t| t.kind == Kind::Word && t.quoted()).collect();
        // `'Midway Blitz'` names an operation; only a quoted remark has a speaker.
        let a_name = quoted.iter().all(|t| is_capitalized(t.text));
        let quote = if a_name { Vec::new() } else { quoted.iter().map(|t| t.text.to_lowercase()).collect() };
        Some(Headline { quote, quoted_in: None })
    }

    /// A quoted subhead: a line without a final full stop that is all quotation
    /// (`'Our folks are very busy'`), as stories put a line from the section below above it.
    pub(super) fn read_subhead(sentence: &str, parsed: &Parsed) -> Option<Self> {
        let words: Vec<&Token> = parsed.tokens.iter().filter(|t| t.kind == Kind::Word).collect();
        let all_quoted = !words.is_empty() && words.iter().all(|t| t.quoted());
        if !all_quoted || !parsed.starts_with_quote_mark() {
            return None;
        }
        Self::read(sentence, parsed).filter(|h| h.quote.len() >= 2)
    }

    /// Notes the first body sentence whose words contain the headline's quotation.
    pub(super) fn check(&mut self, index: usize, parsed: &Parsed) {
        if self.quoted_in.is_some() || self.quote.len() < 2 {
            return;
        }
        let words: Vec<String> =
            parsed.tokens.iter().filter(|t| t.kind == Kind::Word).map(|t| t.text.to_lowercase()).collect();
        if words.windows(self.quote.len()).any(|w| w == self.quote.as_slice()) {
            self.quoted_in = Some(index);
        }
    }
}

impl Attributor {
    /// A quoted subhead takes the speaker of the later sentence that repeats its quotation.
    pub(super) fn settle_subheads(&mut self) {
        for (index, subhead) in std::mem::take(&mut self.subheads) {
            let Some(found) = subhead.quoted_in.and_then(|i| self.found.get(i).cloned().flatten()) else { continue };
            if let Some(slot) = self.found.get_mut(index) {
                *slot = Some(found);
            }
        }
    }

    /// The headline's speaker once the body is read: the speaker of the sentence that repeats
    /// its quotation, else, for a speaker known only by role (`sheriff`), the first person the
    /// body names with that title.
    pub(super) fn settle_headline(&mut self) {
        let Some(headline) = self.headline.take() else { return };
        let current = self.found.first().cloned().flatten();
        let role_only = current.as_ref().is_some_and(|f| self.registry.is(f.entity, |e| e.titles == [e.name.clone()]));
        if current.is_some() && !role_only {
            return;
        }
        let from_quote = headline.quoted_in.and_then(|i| self.found.get(i).cloned().flatten());
        let from_role = current.as_ref().and_then(|f| {
            let role = self.registry.name(f.entity)?;
            let named = self.registry.first_titled_after(&role, f.entity)?;
            Some(Found { entity: named, cue: f.cue.clone(), turn: false, points_back: false })
        });
        if let (Some(slot), Some(found)) = (self.found.first_mut(), from_quote.or(from_role)) {
            *slot = Some(found);
        }
    }
}
