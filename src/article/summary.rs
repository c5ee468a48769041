//! The article summary. It keeps the reporter's own voice apart from the
//! people quoted, so it never reads as a verdict on the outlet: the
//! narrator's stance, the voices quoted per side (speakers, statements and
//! quoted words per side: the source-balance measure media researchers
//! use), and each speaker's stance with a confidence.

use crate::article::analysis::{SentenceResult, NEUTRAL, UNCERTAIN};
use crate::article::units::UnitKind;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub units: usize,
    pub classified: usize,
    /// Every classified statement's stance, narrator and speakers together.
    pub stance_counts: BTreeMap<String, usize>,
    pub sentiment_counts: BTreeMap<String, usize>,
    pub headlines: Vec<String>,
    /// The reporter's own (unattributed) statements.
    pub narrator: NarratorSummary,
    /// Per stance label: the speakers whose statements mostly take it, their
    /// statements and the words they are quoted with.
    pub voices_per_side: BTreeMap<String, SideVoices>,
    /// One entry per speaker, most statements first.
    pub speakers: Vec<SpeakerSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NarratorSummary {
    pub statements: usize,
    pub stance_counts: BTreeMap<String, usize>,
    /// Share of the narrator's statements per stance.
    pub stance_shares: BTreeMap<String, f64>,
    pub strongest: Option<Statement>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SideVoices {
    pub speakers: Vec<String>,
    pub statements: usize,
    /// Words inside quotation marks (a quotation carried over several
    /// sentences counts whole); paraphrase counts none.
    pub quoted_words: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerSummary {
    pub name: String,
    pub statements: usize,
    pub quoted_words: usize,
    /// The stance with the highest mean probability over the speaker's statements.
    pub stance: String,
    /// That mean probability.
    pub confidence: f64,
    pub stance_counts: BTreeMap<String, usize>,
    pub strongest: Option<Statement>,
}

/// A voice's statement that takes a side most confidently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub index: usize,
    pub text: String,
    pub stance: String,
    pub probability: f64,
}

/// Sums up `sentences`; `stance_labels` and `sentiment_labels` are the
/// models' labels, so every label gets a count even when it is zero.
pub fn summarize(
    sentences: &[SentenceResult],
    stance_labels: &[String],
    sentiment_labels: &[String],
) -> ArticleSummary {
    let zeros = |labels: &[String]| labels.iter().map(|l| (l.clone(), 0)).collect::<BTreeMap<String, usize>>();
    let classified: Vec<&SentenceResult> = sentences.iter().filter(|s| s.stance.is_some()).collect();
    let mut stance_counts = zeros(stance_labels);
    let mut sentiment_counts = zeros(sentiment_labels);
    for sentence in &classified {
        if let Some(stance) = &sentence.stance {
            *stance_counts.entry(stance.label.clone()).or_default() += 1;
        }
        if let Some(sentiment) = &sentence.sentiment {
            *sentiment_counts.entry(sentiment.label.clone()).or_default() += 1;
        }
    }
    let narrator_said: Vec<&SentenceResult> = classified.iter().copied().filter(|s| s.speaker.is_none()).collect();
    let narrator_counts = counts(&narrator_said, stance_labels);
    let narrator = NarratorSummary {
        statements: narrator_said.len(),
        stance_shares: narrator_counts
            .iter()
            .map(|(l, c)| (l.clone(), *c as f64 / narrator_said.len().max(1) as f64))
            .collect(),
        stance_counts: narrator_counts,
        strongest: strongest(&narrator_said),
    };
    // One pass: a long input quotes thousands of people.
    let mut by_speaker: BTreeMap<&str, Vec<&SentenceResult>> = BTreeMap::new();
    for sentence in &classified {
        if let Some(name) = &sentence.speaker {
            by_speaker.entry(name).or_default().push(sentence);
        }
    }
    let mut speakers: Vec<SpeakerSummary> =
        by_speaker.into_iter().map(|(name, said)| speaker(name, &said, stance_labels)).collect();
    speakers.sort_by(|a, b| b.statements.cmp(&a.statements).then_with(|| a.name.cmp(&b.name)));
    let mut voices_per_side: BTreeMap<String, SideVoices> =
        stance_labels.iter().map(|l| (l.clone(), SideVoices::default())).collect();
    for s in &speakers {
        let side = voices_per_side.entry(s.stance.clone()).or_default();
        side.speakers.push(s.name.clone());
        side.statements += s.statements;
        side.quoted_words += s.quoted_words;
    }
    ArticleSummary {
        units: sentences.len(),
        classified: classified.len(),
        stance_counts,
        sentiment_counts,
        headlines: sentences
            .iter()
            .filter(|s| s.unit.kind == UnitKind::Headline)
            .map(|s| s.unit.text.clone())
            .collect(),
        narrator,
        voices_per_side,
        speakers,
    }
}

fn counts(said: &[&SentenceResult], labels: &[String]) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = labels.iter().map(|l| (l.clone(), 0)).collect();
    for stance in said.iter().filter_map(|s| s.stance.as_ref()) {
        *counts.entry(stance.label.clone()).or_default() += 1;
    }
    counts
}

fn speaker(name: &str, said: &[&SentenceResult], labels: &[String]) -> SpeakerSummary {
    let mut mean: BTreeMap<&str, f64> = labels.iter().map(|l| (l.as_str(), 0.0)).collect();
    for stance in said.iter().filter_map(|s| s.stance.as_ref()) {
        for (label, p) in &stance.probabilities {
            if let Some(total) = mean.get_mut(label.as_str()) {
                *total += p / said.len() as f64;
            }
        }
    }
    // Ties go to the first label in sorted order, so the result never depends on map order.
    let (stance, confidence) =
        mean.iter().fold((NEUTRAL, f64::MIN), |best, (l, p)| if *p > best.1 { (*l, *p) } else { best });
    SpeakerSummary {
        name: name.to_string(),
        statements: said.len(),
        quoted_words: said.iter().map(|s| quoted_words(&s.unit.text, s.quoted)).sum(),
        stance: stance.to_string(),
        confidence,
        stance_counts: counts(said, labels),
        strongest: strongest(said),
    }
}

/// The statement that takes a side most confidently (or, if none does, the most confident one).
fn strongest(said: &[&SentenceResult]) -> Option<Statement> {
    let mut best: Option<(f64, Statement)> = None;
    for sentence in said {
        let Some(stance) = &sentence.stance else { continue };
        // A side-taking statement outranks any neutral one.
        let side = stance.label != NEUTRAL && stance.label != UNCERTAIN;
        let strength = stance.confidence + if side { 1.0 } else { 0.0 };
        if best.as_ref().is_none_or(|(b, _)| strength > *b) {
            let statement = Statement {
                index: sentence.unit.index,
                text: sentence.unit.text.clone(),
                stance: stance.label.clone(),
                probability: stance.confidence,
            };
            best = Some((strength, statement));
        }
    }
    best.map(|(_, s)| s)
}

/// Words inside double quotation marks; a unit that continues a quotation
/// without marks of its own counts whole.
pub fn quoted_words(text: &str, quoted: bool) -> usize {
    let marks = |c: char| matches!(c, '"' | '“' | '”');
    if !text.contains(marks) {
        return if quoted { text.split_whitespace().count() } else { 0 };
    }
    let mut inside = false;
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            '"' => inside = !inside,
            c if c.is_alphanumeric() => {
                if inside && !in_word {
                    words += 1;
                }
                in_word = true;
                continue;
            }
            _ => {}
        }
        if !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-' {
            in_word = false;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::analysis::Labeled;
    use crate::article::units::Unit;

    fn labels() -> Vec<String> {
        ["neutral", "pro-enforcement", "pro-sanctuary"].map(String::from).to_vec()
    }

    fn sentence(index: usize, text: &str, speaker: Option<&str>, quoted: bool, p: [f64; 3]) -> SentenceResult {
        let labels = labels();
        let best = (0..3).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        let labeled = Labeled {
            label: labels[best].clone(),
            confidence: p[best],
            probabilities: labels.iter().cloned().zip(p).collect(),
        };
        SentenceResult {
            unit: Unit {
                index,
                paragraph: index,
                start: 0,
                end: text.len(),
                char_start: 0,
                char_end: text.len(),
                kind: UnitKind::Sentence,
                text: text.into(),
            },
            stance: Some(labeled.clone()),
            sentiment: Some(Labeled { label: "neutral".into(), ..labeled }),
            speaker: speaker.map(String::from),
            cue: None,
            quoted,
            explanation: None,
            sentence_stance: None,
        }
    }

    #[test]
    fn narrator_sides_and_speakers_are_kept_apart() {
        let sentences = [
            sentence(0, "The city sued on Tuesday.", None, false, [0.8, 0.1, 0.1]),
            sentence(1, "\"We will protect our neighbors,\" Mayor Lee said.", Some("Ann Lee"), true, [0.1, 0.1, 0.8]),
            sentence(2, "\"Every one of them.\"", Some("Ann Lee"), true, [0.5, 0.1, 0.4]),
            sentence(3, "An ICE official said the city was reckless.", Some("ICE official"), false, [0.2, 0.7, 0.1]),
            sentence(4, "Critics call the policy dangerous.", None, false, [0.3, 0.6, 0.1]),
        ];
        let s = summarize(&sentences, &labels(), &["negative".into(), "neutral".into(), "positive".into()]);
        assert_eq!((s.units, s.classified), (5, 5));
        assert_eq!(s.narrator.statements, 2);
        assert_eq!(s.narrator.stance_counts["neutral"], 1);
        assert_eq!(s.narrator.stance_counts["pro-enforcement"], 1);
        assert_eq!(s.narrator.stance_shares["pro-sanctuary"], 0.0);
        assert_eq!(s.narrator.strongest.as_ref().unwrap().index, 4);
        // Lee: mean (0.3, 0.1, 0.6) -> pro-sanctuary 0.6; 5 + 4 quoted words.
        let lee = &s.speakers[0];
        assert_eq!((lee.name.as_str(), lee.statements, lee.quoted_words), ("Ann Lee", 2, 9));
        assert_eq!(lee.stance, "pro-sanctuary");
        assert!((lee.confidence - 0.6).abs() < 1e-12);
        let sanctuary = &s.voices_per_side["pro-sanctuary"];
        assert_eq!(
            (sanctuary.speakers.clone(), sanctuary.statements, sanctuary.quoted_words),
            (vec!["Ann Lee".to_string()], 2, 9)
        );
        // The paraphrased official: a voice with no quoted words.
        let enforcement = &s.voices_per_side["pro-enforcement"];
        assert_eq!((enforcement.speakers.len(), enforcement.statements, enforcement.quoted_words), (1, 1, 0));
        assert_eq!(s.voices_per_side["neutral"], SideVoices::default());
        assert_eq!(s.stance_counts.values().sum::<usize>(), 5);
    }

    #[test]
    fn quoted_words_count_inside_marks_or_whole_continuations() {
        assert_eq!(quoted_words("\"We won't comply,\" she said.", true), 3);
        assert_eq!(quoted_words("“Not here,” he said, “not now.”", true), 4);
        assert_eq!(quoted_words("He said the state would sue.", false), 0);
        assert_eq!(quoted_words("It is a matter of trust.", true), 6);
    }
}
