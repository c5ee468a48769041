//! Speaker attribution: who is talking in each sentence of a news article.
//!
//! `stance` classifies sentences about immigration enforcement, and a stance only means
//! something once we know whose it is: the reporter's (narrator) or a quoted source's.
//! This module finds the speaker with plain, dependency-free heuristics:
//!
//! 1. each sentence is tokenised while tracking quotation marks, so words inside quotes are
//!    never mistaken for attributions;
//! 2. reporting-verb patterns (`X said`, `said X`, `X told Fox`, `according to X`, `X, who ..., said`;
//!    the verbs in `verbs`) yield a subject, which is a name, a pronoun, a role (`the sheriff`) or
//!    one of the longer shapes in `subjects` (`Sheriff Ann Ruiz of Kern County`, `X and Y`,
//!    `the sheriff's office`, `Justice Department officials`); `transcript` reads speaker labels
//!    before a colon;
//! 3. a per-article registry strips titles, links surnames to full names introduced earlier and
//!    resolves pronouns to the most recent speaker of matching gender (`genders`);
//! 4. sentences inside a multi-sentence quotation inherit the quotation's speaker, transcript
//!    answers their label's, and the headline is settled once the body is read (`headline`).

/// Who made the statement in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Canonical name ("Xavier Becerra"), or None for the narrator (unattributed).
    pub speaker: Option<String>,
    /// The sentence contains (or continues) a direct quotation.
    pub quoted: bool,
    /// The words that carried the attribution, e.g. "he said", "told Fox", "according to"; None for narrator.
    ///
    /// A sentence that inherits its speaker from a surrounding quotation carries the cue of the
    /// sentence it inherited from.
    pub cue: Option<String>,
}

/// `sentences` are the article's sentences in order (already split; headlines included as their own items).
pub fn attribute(sentences: &[&str]) -> Vec<Attribution> {
    let mut attributor = Attributor::default();
    for sentence in sentences {
        attributor.push(sentence);
    }
    attributor.finish()
}

mod cues;
mod genders;
mod headline;
mod lexer;
mod names;
mod registry;
mod resolve;
mod subjects;
mod transcript;
mod verbs;
mod words;

use cues::*;
use genders::*;
use headline::*;
use lexer::*;
use names::*;
use registry::*;
use resolve::*;
use subjects::*;
use transcript::*;
use verbs::*;
use words::*;

#[cfg(test)]
mod tests;
