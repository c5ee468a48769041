//! Classifying an article sentence by sentence and summarising it.

use crate::article::attribution::attribute;
use crate::article::context;
use crate::article::units::{read_article, Unit};
use crate::model::classifier::{Classifier, ClassifyError, Contribution};
use crate::model::linear::{Prediction, Probability};
use crate::text::Language;
use serde::Serialize;
use std::collections::BTreeMap;

use crate::article::summary::summarize;
pub use crate::article::summary::ArticleSummary;

/// Name of the label that takes no side.
pub const NEUTRAL: &str = "neutral";
/// Label given instead of the prediction when its probability is below `--abstain-below`.
pub const UNCERTAIN: &str = "uncertain";

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
    let context_stances = stage
        .map(|stage| context::apply(stage, &context::context_units(&statements, &attributions, &sentence_stances)));
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
    let summary = summarize(&sentences, models.stance.labels(), models.sentiment.labels());
    Ok(ArticleReport { source: source.to_string(), summary, sentences })
}
