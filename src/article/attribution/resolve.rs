//! The article walk: each sentence's own attribution first, then quotations
//! that span sentences.

use super::*;

#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) entity: usize,
    pub(super) cue: String,
}

/// A quotation opened in one sentence and not yet closed.
#[derive(Debug)]
pub(super) struct OpenQuote {
    pub(super) members: Vec<usize>,
    /// Speaker of the sentence before the quotation, the fallback when no member is attributed.
    pub(super) before: Option<Found>,
}

#[derive(Debug, Default)]
pub(super) struct Attributor {
    pub(super) registry: Registry,
    pub(super) in_quote: bool,
    pub(super) found: Vec<Option<Found>>,
    pub(super) quoted: Vec<bool>,
    pub(super) open: Option<OpenQuote>,
    /// A quote-only sentence after unquoted copy, waiting for the next sentence to name its
    /// speaker (`"..." That was how Mayor Lee put it.`), with the speaker before it as fallback.
    pub(super) forward: Option<(usize, Option<Found>)>,
}

impl Attributor {
    pub(super) fn push(&mut self, sentence: &str) {
        let index = self.found.len();
        let parsed = Parsed::new(sentence, self.in_quote);
        self.in_quote = parsed.ends_in_quote;
        self.register_mentions(index, &parsed);
        let local = self.local_attribution(index, &parsed);
        let names_next = local.as_ref().filter(|_| !parsed.is_quoted() || !parsed.starts_with_quote_mark());
        self.settle_forward(names_next.cloned());
        if let Some(found) = &local {
            self.registry.speakers.push(found.entity);
        }
        let previous = self.found.last().cloned().flatten();
        let attributed = local.is_some();
        self.found.push(local);
        self.quoted.push(parsed.is_quoted());
        self.follow_quotation(index, &parsed, attributed, previous);
    }

    /// Records every name so later surnames, pronouns and roles can refer back to it.
    /// A lone unknown capitalised word is not recorded: it is more often a place or a common word.
    pub(super) fn register_mentions(&mut self, sentence: usize, parsed: &Parsed) {
        for chunk in &parsed.chunks {
            let id = match classify(&parsed.stems(chunk)) {
                Some(Name::Person { words, titles }) if words.len() > 1 || !titles.is_empty() => {
                    Some(self.registry.person(&words, &titles))
                }
                Some(Name::Person { words, .. }) => words.first().and_then(|w| self.registry.by_surname(w)),
                Some(Name::Org(name)) => Some(self.registry.org(&name)),
                _ => None,
            };
            if let Some(id) = id {
                self.registry.mentions.push(((sentence, chunk.start), id));
            }
        }
    }

    /// The first cue in the sentence whose subject resolves to an entity.
    pub(super) fn local_attribution(&mut self, sentence: usize, parsed: &Parsed) -> Option<Found> {
        find_cues(parsed).into_iter().find_map(|cue| {
            let entity = self.resolve(sentence, &cue)?;
            Some(Found { entity, cue: cue.text })
        })
    }

    pub(super) fn resolve(&mut self, sentence: usize, cue: &Cue) -> Option<usize> {
        let at = (sentence, cue.at);
        let id = match &cue.subject {
            Subject::Pronoun(pronoun) => return self.registry.resolve_pronoun(*pronoun, at),
            Subject::Role(role) => match self.registry.resolve_role(role, at) {
                Some(id) => return Some(id),
                None if is_title(role) => self.registry.introduce(role, role),
                None => return None,
            },
            Subject::Introduced { phrase, head } => self.registry.introduce(phrase, head),
            Subject::Known(word) => return self.registry.by_surname(word),
            Subject::Named(Name::Person { words, titles }) => self.registry.person(words, titles),
            Subject::Named(Name::Org(name) | Name::Place(name)) => self.registry.org(name),
        };
        self.registry.mentions.push((at, id));
        Some(id)
    }

    /// Quotation bookkeeping: sentences inside an open quotation wait for its speaker, and a
    /// quote-only sentence continues the speaker of the sentence before it.
    pub(super) fn follow_quotation(
        &mut self,
        index: usize,
        parsed: &Parsed,
        attributed: bool,
        previous: Option<Found>,
    ) {
        if parsed.starts_in_quote {
            let quote = self.open.get_or_insert_with(|| OpenQuote { members: Vec::new(), before: previous });
            quote.members.push(index);
            if !parsed.ends_in_quote {
                self.close_quotation(true);
            }
        } else if parsed.ends_in_quote {
            self.close_quotation(false);
            self.open = Some(OpenQuote { members: vec![index], before: previous });
        } else if parsed.starts_with_quote_mark() && !attributed {
            // A single-quoted line is a headline or subhead, not a paragraph's opening quotation.
            let after_copy = index.checked_sub(1).and_then(|i| self.quoted.get(i)).is_some_and(|q| !q);
            let double = parsed.tokens.first().is_some_and(|t| matches!(t.text, "\"" | "“"));
            if after_copy && double {
                self.forward = Some((index, previous));
            } else if let (Some(slot), Some(found)) = (self.found.get_mut(index), previous) {
                *slot = Some(found);
            }
        }
    }

    /// A quote-only sentence that opens after unquoted copy takes the speaker the next sentence
    /// names, else the speaker before it. Only the one waiting sentence is touched, so the walk
    /// stays linear.
    pub(super) fn settle_forward(&mut self, next: Option<Found>) {
        let Some((index, before)) = self.forward.take() else { return };
        if let Some(slot) = self.found.get_mut(index) {
            *slot = next.or(before);
        }
    }

    /// Gives unattributed members the quotation's speaker: the closing sentence's attribution,
    /// else the opening (or any) member's, else the speaker of the sentence before the quotation.
    pub(super) fn close_quotation(&mut self, closed: bool) {
        let Some(quote) = self.open.take() else { return };
        let found_at = |i: &usize| self.found.get(*i).cloned().flatten();
        let closer = if closed { quote.members.last().and_then(found_at) } else { None };
        let speaker = closer.or_else(|| quote.members.iter().find_map(found_at)).or(quote.before);
        for member in &quote.members {
            if let Some(slot) = self.found.get_mut(*member).filter(|slot| slot.is_none()) {
                *slot = speaker.clone();
            }
        }
    }

    pub(super) fn finish(mut self) -> Vec<Attribution> {
        self.close_quotation(false);
        self.settle_forward(None);
        let registry = &self.registry;
        let sentences = self.found.iter().zip(&self.quoted);
        sentences
            .map(|(found, &quoted)| match found.as_ref().and_then(|f| Some((registry.name(f.entity)?, f))) {
                Some((speaker, found)) => Attribution { speaker: Some(speaker), quoted, cue: Some(found.cue.clone()) },
                None => Attribution { speaker: None, quoted, cue: None },
            })
            .collect()
    }
}
