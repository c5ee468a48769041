//! Classifying an article sentence by sentence and summarising it.

use crate::article::attribution::attribute;
use crate::article::context::{self, ContextUnit};
use crate::article::units::{read_article, Unit, UnitKind};
use crate::model::classifier::{Classifier, ClassifyError, Contribution};
use crate::model::linear::{Prediction, Probability};
use crate::text::Language;
use serde::Serialize;
use std::collections::BTreeMap;

/// Name of the label that takes no side; the leaning ignores it.
pub const NEUTRAL: &str = "neutral";
/// Label given instead of the prediction when its probability is below `--abstain-below`.
pub const UNCERTAIN: &str = "uncertain";
/// Below this share of the side-taking probability mass, an article is `mixed`.
const MIXED_BELOW: f64 = 0.6;

/// A predicted label with every label's probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labeled {
    pub label: String,
    pub confidence: f64,
    pub probabilities: BTreeMap<String, f64>,
}

impl Labeled {
    fn new(classifier: &Classifier, prediction: &Prediction, abstain_below: Option<Probability>) -> Self {
        let labels = classifier.labels();
        let confident = abstain_below.is_none_or(|threshold| prediction.confidence() >= threshold.get());
        Labeled {
            label: if confident { labels[prediction.label].clone() } else { UNCERTAIN.to_string() },
            confidence: prediction.confidence(),
            probabilities: labels.iter().cloned().zip(prediction.probabilities.iter().copied()).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceResult {
    #[serde(flatten)]
    pub unit: Unit,
    /// `None` for credits and boilerplate, which are not classified.
    pub stance: Option<Labeled>,
    pub sentiment: Option<Labeled>,
    /// Who made the statement (canonical name), or `None` for the narrator.
    pub speaker: Option<String>,
    /// The words that carried the attribution (`he said`, `told Fox`).
    pub cue: Option<String>,
    /// The unit contains or continues a direct quotation.
    pub quoted: bool,
    /// With `--explain N`: the N features that pushed most toward the predicted stance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Vec<Contribution>>,
    /// The sentence read alone, when the context stage set `stance`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence_stance: Option<Labeled>,
}

/// How `classify` labels each sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AnalyzeOptions {
    /// Explain each stance with this many features (0: no explanation).
    pub explain: usize,
    /// Label sentences `uncertain` when the top probability is below this.
    pub abstain_below: Option<Probability>,
    /// Keep each sentence's own stance even when the stance model has a
    /// context stage (`classify --no-context`).
    pub no_context: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub units: usize,
    pub classified: usize,
    pub stance_counts: BTreeMap<String, usize>,
    /// Share of classified sentences per predicted stance.
    pub stance_shares: BTreeMap<String, f64>,
    /// Mean probability per stance over classified sentences.
    pub stance_mean_probability: BTreeMap<String, f64>,
    pub sentiment_counts: BTreeMap<String, usize>,
    /// The side the article's statements lean to: a stance label, `neutral`
    /// (no sentence takes a side) or `mixed` (no side clearly dominates).
    pub leaning: String,
    /// For a side: its share of the side-taking probability mass; for
    /// `neutral`: the mean neutral probability.
    pub leaning_confidence: f64,
    pub headlines: Vec<String>,
    /// The unattributed statements (the reporter's own voice).
    pub narrator: VoiceSummary,
    /// One entry per speaker, most statements first.
    pub speakers: Vec<VoiceSummary>,
}

/// What one voice (the narrator or a speaker) said.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoiceSummary {
    /// The speaker's name, or `narrator`.
    pub name: String,
    pub statements: usize,
    pub stance_counts: BTreeMap<String, usize>,
    /// The statement that takes a side most confidently (or, if none does,
    /// the most confident one).
    pub strongest: Option<Statement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub index: usize,
    pub text: String,
    pub stance: String,
    pub probability: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    pub source: String,
    pub summary: ArticleSummary,
    pub sentences: Vec<SentenceResult>,
}

/// The two models `classify` applies to each sentence.
pub struct Models {
    pub stance: Classifier,
    pub sentiment: Classifier,
}

/// Reads, classifies and summarises one article. Fails only for models
/// trained per group, which need a group for every text.
pub fn analyze_article(
    source: &str,
    text: &str,
    models: &Models,
    language: Language,
    options: AnalyzeOptions,
) -> Result<ArticleReport, ClassifyError> {
    let units = read_article(text, language);
    let statements: Vec<&str> = units.iter().filter(|u| u.kind.is_classified()).map(|u| u.text.as_str()).collect();
    let attributions = attribute(&statements);
    let sentence_stances = statements.iter().map(|t| models.stance.classify(t)).collect::<Result<Vec<_>, _>>()?;
    let stage = models.stance.artifact().context.as_ref().filter(|_| !options.no_context);
    let context_stances = stage.map(|stage| {
        let context_units: Vec<ContextUnit<'_>> = statements
            .iter()
            .zip(&attributions)
            .zip(&sentence_stances)
            .map(|((text, a), p)| ContextUnit {
                text,
                probabilities: &p.probabilities,
                speaker: a.speaker.as_deref(),
                quoted: a.quoted,
            })
            .collect();
        context::apply(stage, &context_units)
    });
    let mut classified = attributions.into_iter().zip(sentence_stances).enumerate();
    let sentences = units
        .into_iter()
        .map(|unit| {
            if !unit.kind.is_classified() {
                return Ok(SentenceResult {
                    unit,
                    stance: None,
                    sentiment: None,
                    speaker: None,
                    cue: None,
                    quoted: false,
                    explanation: None,
                    sentence_stance: None,
                });
            }
            let Some((i, (attribution, sentence_stance))) = classified.next() else {
                unreachable!("one attribution and one stance per classified unit")
            };
            let sentiment = models.sentiment.classify(&unit.text)?;
            let explanation = match options.explain {
                0 => None,
                n => {
                    let mut why = models.stance.explain(None, &unit.text, sentence_stance.label)?.contributions;
                    why.truncate(n);
                    Some(why)
                }
            };
            let sentence_labeled = Labeled::new(&models.stance, &sentence_stance, options.abstain_below);
            let (stance, sentence_stance) = match context_stances.as_ref().and_then(|c| c.get(i)) {
                Some(context) => (Labeled::new(&models.stance, context, options.abstain_below), Some(sentence_labeled)),
                None => (sentence_labeled, None),
            };
            Ok(SentenceResult {
                stance: Some(stance),
                sentiment: Some(Labeled::new(&models.sentiment, &sentiment, options.abstain_below)),
                explanation,
                speaker: attribution.speaker,
                cue: attribution.cue,
                quoted: attribution.quoted,
                sentence_stance,
                unit,
            })
        })
        .collect::<Result<Vec<_>, ClassifyError>>()?;
    let summary = summarize(&sentences, models);
    Ok(ArticleReport { source: source.to_string(), summary, sentences })
}

fn summarize(sentences: &[SentenceResult], models: &Models) -> ArticleSummary {
    let stances: Vec<&Labeled> = sentences.iter().filter_map(|s| s.stance.as_ref()).collect();
    let classified = stances.len();
    let mut stance_counts: BTreeMap<String, usize> = models.stance.labels().iter().map(|l| (l.clone(), 0)).collect();
    let mut mass: BTreeMap<String, f64> = models.stance.labels().iter().map(|l| (l.clone(), 0.0)).collect();
    for labeled in &stances {
        *stance_counts.entry(labeled.label.clone()).or_default() += 1;
        for (label, p) in &labeled.probabilities {
            *mass.entry(label.clone()).or_default() += p;
        }
    }
    let mut sentiment_counts: BTreeMap<String, usize> =
        models.sentiment.labels().iter().map(|l| (l.clone(), 0)).collect();
    for labeled in sentences.iter().filter_map(|s| s.sentiment.as_ref()) {
        *sentiment_counts.entry(labeled.label.clone()).or_default() += 1;
    }
    let denominator = classified.max(1) as f64;
    let (leaning, leaning_confidence) = leaning(&stance_counts, &mass, denominator);
    let mut speakers: Vec<VoiceSummary> = {
        // One pass: a long input quotes thousands of people.
        let mut by_speaker: BTreeMap<&String, Vec<&SentenceResult>> = BTreeMap::new();
        for sentence in sentences {
            if let Some(name) = &sentence.speaker {
                by_speaker.entry(name).or_default().push(sentence);
            }
        }
        by_speaker.into_iter().map(|(name, said)| voice(name, said.into_iter())).collect()
    };
    speakers.sort_by(|a, b| b.statements.cmp(&a.statements).then_with(|| a.name.cmp(&b.name)));
    let narrator = voice("narrator", sentences.iter().filter(|s| s.stance.is_some() && s.speaker.is_none()));
    ArticleSummary {
        headlines: sentences
            .iter()
            .filter(|s| s.unit.kind == UnitKind::Headline)
            .map(|s| s.unit.text.clone())
            .collect(),
        narrator,
        speakers,
        units: sentences.len(),
        classified,
        stance_shares: stance_counts.iter().map(|(l, c)| (l.clone(), *c as f64 / denominator)).collect(),
        stance_mean_probability: mass.iter().map(|(l, m)| (l.clone(), m / denominator)).collect(),
        stance_counts,
        sentiment_counts,
        leaning,
        leaning_confidence,
    }
}

/// The statements of one voice, with its strongest statement.
fn voice<'a>(name: &str, statements: impl Iterator<Item = &'a SentenceResult>) -> VoiceSummary {
    let mut stance_counts = BTreeMap::new();
    let mut strongest: Option<(f64, Statement)> = None;
    let mut count = 0;
    for sentence in statements {
        let Some(stance) = &sentence.stance else { continue };
        count += 1;
        *stance_counts.entry(stance.label.clone()).or_insert(0) += 1;
        // A side-taking statement outranks any neutral one.
        let side = stance.label != NEUTRAL && stance.label != UNCERTAIN;
        let strength = stance.confidence + if side { 1.0 } else { 0.0 };
        if strongest.as_ref().is_none_or(|(best, _)| strength > *best) {
            let statement = Statement {
                index: sentence.unit.index,
                text: sentence.unit.text.clone(),
                stance: stance.label.clone(),
                probability: stance.confidence,
            };
            strongest = Some((strength, statement));
        }
    }
    VoiceSummary { name: name.to_string(), statements: count, stance_counts, strongest: strongest.map(|(_, s)| s) }
}

/// The side with most probability mass among side-taking labels, if any
/// sentence was predicted to take a side and that side clearly dominates.
fn leaning(counts: &BTreeMap<String, usize>, mass: &BTreeMap<String, f64>, n: f64) -> (String, f64) {
    let takes_side = counts.iter().any(|(label, count)| label != NEUTRAL && label != UNCERTAIN && *count > 0);
    if !takes_side {
        return (NEUTRAL.to_string(), mass.get(NEUTRAL).copied().unwrap_or(0.0) / n);
    }
    let sides: Vec<(&String, f64)> = mass.iter().filter(|(l, _)| *l != NEUTRAL).map(|(l, m)| (l, *m)).collect();
    let total: f64 = sides.iter().map(|(_, m)| m).sum();
    let (label, top) =
        sides.iter().fold((sides[0].0, f64::MIN), |best, (l, m)| if *m > best.1 { (l, *m) } else { best });
    let share = if total > 0.0 { top / total } else { 0.0 };
    if share < MIXED_BELOW {
        ("mixed".to_string(), share)
    } else {
        (label.clone(), share)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map<T: Copy>(pairs: &[(&str, T)]) -> BTreeMap<String, T> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn leaning_picks_the_dominant_side() {
        let counts = map(&[("neutral", 3), ("pro-enforcement", 2), ("pro-sanctuary", 0)]);
        let mass = map(&[("neutral", 3.0), ("pro-enforcement", 1.6), ("pro-sanctuary", 0.4)]);
        let (label, confidence) = leaning(&counts, &mass, 5.0);
        assert_eq!(label, "pro-enforcement");
        assert!((confidence - 0.8).abs() < 1e-12);
    }

    #[test]
    fn uncertain_sentences_do_not_take_a_side() {
        let counts = map(&[("neutral", 1), ("pro-enforcement", 0), ("pro-sanctuary", 0), ("uncertain", 3)]);
        let mass = map(&[("neutral", 2.0), ("pro-enforcement", 1.0), ("pro-sanctuary", 1.0)]);
        assert_eq!(leaning(&counts, &mass, 4.0), ("neutral".to_string(), 0.5));
    }

    #[test]
    fn leaning_is_neutral_without_sides_and_mixed_when_balanced() {
        let counts = map(&[("neutral", 4), ("pro-enforcement", 0), ("pro-sanctuary", 0)]);
        let mass = map(&[("neutral", 3.2), ("pro-enforcement", 0.4), ("pro-sanctuary", 0.4)]);
        assert_eq!(leaning(&counts, &mass, 4.0), ("neutral".to_string(), 0.8));
        let counts = map(&[("neutral", 0), ("pro-enforcement", 2), ("pro-sanctuary", 2)]);
        let mass = map(&[("neutral", 0.0), ("pro-enforcement", 2.1), ("pro-sanctuary", 1.9)]);
        assert_eq!(leaning(&counts, &mass, 4.0).0, "mixed");
    }
}
