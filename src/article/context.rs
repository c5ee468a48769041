//! The context stage: a statement's side is often set by who says it and
//! what it answers. Each classified unit gets features from its own
//! sentence-level stance probabilities and from its place in the article
//! (the same speaker's other statements, the quotation it continues, the
//! statement a rebuttal answers, the narrator's voice kept apart); a small
//! multinomial logistic model over them, fitted on labeled stories with
//! held-out-story cross-validation, gives the final stance.

use crate::article::attribution::{attribute, Attribution};
use crate::article::stories::Story;
use crate::article::units::read_article;
use crate::eval::cv::group_folds;
use crate::eval::metrics::evaluate;
use crate::features::sparse::{CsrMatrix, SparseRow};
use crate::model::classifier::{Classifier, ClassifyError};
use crate::model::context::{ContextEvaluation, ContextModel};
use crate::model::fit::{fit, ClassWeight, TrainError, TrainParams};
use crate::model::linear::Prediction;
use crate::model::meta::MeanStd;
use crate::text::Language;
use std::collections::BTreeMap;

/// Words that mark a statement as an answer to the other side ("That is
/// simply untrue"): it then leans to its speaker's side, against the
/// statement it answers.
const REBUTTAL_CUES: [&str; 44] = [
    "untrue",
    "not true",
    "isn't true",
    "not the case",
    "simply not",
    "that's not",
    "that is not",
    "false",
    "falsely",
    "misleading",
    "not what happened",
    "wrong",
    "nonsense",
    "baseless",
    "inaccurate",
    "a lie",
    "lies",
    "disputed",
    "denied",
    "rejected",
    "distort",
    "distorts",
    "distorted",
    "mischaracterized",
    "mischaracterizes",
    "exaggerated",
    "overstated",
    "misplaced",
    "backward",
    "backwards",
    "myth",
    "fearmongering",
    "fear-mongering",
    "scare tactics",
    "absurd",
    "ridiculous",
    "smear",
    "dishonest",
    "debunked",
    "no evidence",
    "not evidence",
    "that claim",
    "those claims",
    "that argument",
];
/// Probabilities are floored here before taking logs.
const FLOOR: f64 = 1e-6;
/// Inverse L2 strength of the stage's fit (few features, few thousand rows).
const STAGE_C: f64 = 1.0;

/// One classified unit as the stage sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextUnit<'a> {
    pub text: &'a str,
    /// Sentence-level stance probabilities, in the model's label order.
    pub probabilities: &'a [f64],
    /// `None`: the narrator.
    pub speaker: Option<&'a str>,
    pub quoted: bool,
}

/// The stage's view of an article's classified units, from their texts,
/// attributions and sentence-level predictions (one each, in order).
pub fn context_units<'a>(
    texts: &[&'a str],
    attributions: &'a [Attribution],
    predictions: &'a [Prediction],
) -> Vec<ContextUnit<'a>> {
    texts
        .iter()
        .zip(attributions)
        .zip(predictions)
        .map(|((text, a), p)| ContextUnit {
            text,
            probabilities: &p.probabilities,
            speaker: a.speaker.as_deref(),
            quoted: a.quoted,
        })
        .collect()
}

/// Feature names for a model with `labels`, in column order.
pub fn feature_names(labels: &[String]) -> Vec<String> {
    let per_label = |prefix: &'static str| labels.iter().map(move |l| format!("{prefix}:{l}"));
    per_label("log p")
        .chain(per_label("same speaker elsewhere"))
        .chain(["speaker quoted elsewhere".to_string()])
        .chain(per_label("quotation continued from"))
        .chain(per_label("rebuttal x same speaker"))
        .chain(per_label("rebuttal x voice answered"))
        .chain(["narrator".to_string()])
        .chain(per_label("same speaker elsewhere x log(1+n)"))
        .chain(per_label("narrator elsewhere x log(1+n)"))
        .collect()
}

/// Columns added after the first stages were shipped: a stage fitted
/// without them reads the leading columns only.
fn added_columns(labels: &[String]) -> usize {
    2 * labels.len()
}

/// Refuses a stage whose feature names differ from the ones computed here
/// (a model file from a version that built other features), rather than
/// applying its weights to the wrong columns.
pub fn check_stage(stage: &ContextModel, labels: &[String]) -> Result<(), ClassifyError> {
    let expected = feature_names(labels);
    let earlier = expected.len() - added_columns(labels);
    match expected.iter().zip(&stage.features).position(|(a, b)| a != b) {
        None if [expected.len(), earlier].contains(&stage.features.len()) => Ok(()),
        None => Err(ClassifyError::StageMismatch(format!(
            "{} features, this version computes {}",
            stage.features.len(),
            expected.len()
        ))),
        Some(i) => Err(ClassifyError::StageMismatch(format!(
            "feature {} is {:?}, this version computes {:?}",
            i + 1,
            stage.features[i],
            expected[i]
        ))),
    }
}

pub fn has_rebuttal_cue(text: &str) -> bool {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| w.trim_matches(['\'', '-']))
        .filter(|w| !w.is_empty())
        .collect();
    REBUTTAL_CUES.iter().any(|cue| {
        let cue: Vec<&str> = cue.split(' ').collect();
        words.windows(cue.len()).any(|w| w == cue.as_slice())
    })
}

/// The context features of every unit of one article, one row each.
pub fn context_features(units: &[ContextUnit<'_>]) -> Vec<Vec<f64>> {
    let k = units.first().map_or(0, |u| u.probabilities.len());
    let uniform = 1.0 / k.max(1) as f64;
    let narrator: Vec<usize> = (0..units.len()).filter(|i| units[*i].speaker.is_none()).collect();
    let mut narrator_sum = vec![0.0; k];
    for i in &narrator {
        narrator_sum.iter_mut().zip(units[*i].probabilities).for_each(|(s, p)| *s += p);
    }
    // Sum and count of each speaker's statements, to take each unit out of its own mean.
    let mut by_speaker: std::collections::HashMap<&str, (Vec<f64>, usize)> = std::collections::HashMap::new();
    for unit in units {
        if let Some(speaker) = unit.speaker {
            let entry = by_speaker.entry(speaker).or_insert_with(|| (vec![0.0; k], 0));
            entry.0.iter_mut().zip(unit.probabilities).for_each(|(s, p)| *s += p);
            entry.1 += 1;
        }
    }
    units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut row = Vec::with_capacity(7 * k + 2);
            row.extend(unit.probabilities.iter().map(|p| p.max(FLOOR).ln()));
            let elsewhere: Option<Vec<f64>> = unit.speaker.and_then(|s| by_speaker.get(s)).and_then(|(sum, n)| {
                (*n > 1).then(|| {
                    sum.iter().zip(unit.probabilities).map(|(s, p)| (s - p) / (n - 1) as f64 - uniform).collect()
                })
            });
            row.extend(elsewhere.clone().unwrap_or_else(|| vec![0.0; k]));
            row.push(if elsewhere.is_some() { 1.0 } else { 0.0 });
            let previous = i.checked_sub(1).map(|j| &units[j]);
            let continued =
                previous.filter(|p| unit.quoted && p.quoted && unit.speaker.is_some() && p.speaker == unit.speaker);
            row.extend(centred(continued.map(|p| p.probabilities), k, uniform));
            let rebuttal = unit.speaker.is_some() && has_rebuttal_cue(unit.text);
            row.extend(if rebuttal { elsewhere.clone().unwrap_or_else(|| vec![0.0; k]) } else { vec![0.0; k] });
            let answered = if rebuttal { answered_statement(units, i) } else { None };
            let answered_voice = answered.map(|p| match p.speaker.and_then(|s| by_speaker.get(s)) {
                Some((sum, n)) => sum.iter().map(|s| s / *n as f64).collect(),
                None => p.probabilities.to_vec(),
            });
            row.extend(centred(answered_voice.as_deref(), k, uniform));
            row.push(if unit.speaker.is_none() { 1.0 } else { 0.0 });
            // A speaker's (or the narrator's) other statements weigh more the more there are.
            let others = unit.speaker.and_then(|s| by_speaker.get(s)).map_or(0, |(_, n)| n.saturating_sub(1));
            let weight = (1.0 + others as f64).ln();
            row.extend(elsewhere.as_deref().map_or_else(|| vec![0.0; k], |e| e.iter().map(|v| v * weight).collect()));
            let narrator_others = narrator.len().saturating_sub(1);
            row.extend(if unit.speaker.is_none() && narrator_others > 0 {
                let weight = (1.0 + narrator_others as f64).ln();
                narrator_sum
                    .iter()
                    .zip(unit.probabilities)
                    .map(|(s, p)| ((s - p) / narrator_others as f64 - uniform) * weight)
                    .collect()
            } else {
                vec![0.0; k]
            });
            row
        })
        .collect()
}

/// The statement the rebuttal at `i` answers: the latest earlier statement of
/// a voice it names ("Sessions' accusations are untrue"), else of the latest
/// other quoted voice, else the latest unit in another voice. A reporter's
/// line between the two (a subhead, background) is rarely what is denied.
fn answered_statement<'u, 'a>(units: &'u [ContextUnit<'a>], i: usize) -> Option<&'u ContextUnit<'a>> {
    let unit = &units[i];
    let earlier = || units[..i].iter().rev().filter(|p| p.speaker != unit.speaker);
    let words: Vec<String> = unit
        .text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| {
            w.trim_end_matches(['\'', '\u{2019}']).trim_end_matches("'s").trim_end_matches("\u{2019}s").to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let named = |speaker: &str| {
        let surname = speaker.split_whitespace().last().unwrap_or("").to_lowercase();
        !surname.is_empty() && words.contains(&surname)
    };
    earlier()
        .find(|p| p.speaker.is_some_and(named))
        .or_else(|| earlier().find(|p| p.speaker.is_some()))
        .or_else(|| earlier().next())
}

fn centred(probabilities: Option<&[f64]>, k: usize, uniform: f64) -> Vec<f64> {
    probabilities.map_or_else(|| vec![0.0; k], |p| p.iter().map(|p| p - uniform).collect())
}

/// The stage's predictions for one article's units.
pub fn apply(stage: &ContextModel, units: &[ContextUnit<'_>]) -> Vec<Prediction> {
    let columns = stage.features.len();
    context_features(units).iter().map(|row| stage.model.predict(&dense_row(&row[..columns.min(row.len())]))).collect()
}

fn dense_row(values: &[f64]) -> SparseRow {
    let (indices, values) =
        values.iter().enumerate().filter(|(_, v)| **v != 0.0).map(|(i, v)| (i as u32, *v as f32)).unzip();
    SparseRow { indices, values }
}

/// A story read by the pipeline: its units' features and, where a unit
/// matches a labeled one, the gold stance and speaker.
pub struct ReadStory {
    pub story: String,
    pub features: Vec<Vec<f64>>,
    pub sentence_labels: Vec<String>,
    pub gold: Vec<Option<String>>,
    /// Per classified unit: (predicted speaker, gold speaker) where aligned.
    pub speakers: Vec<Option<(Option<String>, Option<String>)>>,
}

/// Runs the pipeline (units, attribution, sentence-level stance) over a story.
pub fn read_story(story: &Story, stance: &Classifier, language: Language) -> Result<ReadStory, ClassifyError> {
    let units = read_article(&story.article_text(), language);
    let classified: Vec<_> = units.into_iter().filter(|u| u.kind.is_classified()).collect();
    let texts: Vec<&str> = classified.iter().map(|u| u.text.as_str()).collect();
    let attributions: Vec<Attribution> = attribute(&texts);
    let predictions = texts.iter().map(|t| stance.classify(t)).collect::<Result<Vec<_>, _>>()?;
    let context_units = context_units(&texts, &attributions, &predictions);
    let aligned = story.align(&classified);
    Ok(ReadStory {
        story: story.id.clone(),
        features: context_features(&context_units),
        sentence_labels: predictions.iter().map(|p| stance.labels()[p.label].clone()).collect(),
        gold: aligned.iter().map(|a| a.map(|i| story.units[i].stance.clone())).collect(),
        speakers: aligned
            .iter()
            .zip(&attributions)
            .map(|(a, attribution)| a.map(|i| (attribution.speaker.clone(), story.units[i].speaker.clone())))
            .collect(),
    })
}

/// Whether an attributed speaker is the labeled one: both the narrator, or
/// names that agree once case and a leading article are set aside, or one
/// holding the other's surname ("Becerra" for "Xavier Becerra").
pub fn same_voice(predicted: Option<&str>, gold: Option<&str>) -> bool {
    let normal = |name: &str| {
        let lower = name.to_lowercase();
        let trimmed =
            ["the ", "a ", "an "].iter().find_map(|a| lower.strip_prefix(a)).unwrap_or(&lower).trim().to_string();
        trimmed
    };
    match (predicted, gold) {
        (None, None) => true,
        (Some(p), Some(g)) => {
            let (p, g) = (normal(p), normal(g));
            let surname = |name: &str| name.split_whitespace().last().unwrap_or("").to_string();
            p == g || surname(&p) == surname(&g)
        }
        _ => false,
    }
}

/// The fold of each story for cross-validation that holds out whole stories
/// (dealt by their labeled units, so folds are near equal in size).
pub fn story_folds(stories: &[Story], folds: usize, seed: u64) -> Result<BTreeMap<String, usize>, TrainError> {
    let ids: Vec<String> = stories.iter().flat_map(|s| s.units.iter().map(|_| s.id.clone())).collect();
    let fold_of = group_folds(&ids, folds, seed)?;
    Ok(ids.into_iter().zip(fold_of).collect())
}

/// Fits the stage on `stories` read with the stance model, after
/// cross-validation over the folds of `story_fold` (from [`story_folds`]).
pub fn fit_stage(
    stories: &[ReadStory],
    labels: &[String],
    story_fold: &BTreeMap<String, usize>,
) -> Result<ContextModel, TrainError> {
    let mut rows = Vec::new();
    for story in stories {
        for ((features, gold), sentence) in story.features.iter().zip(&story.gold).zip(&story.sentence_labels) {
            if let Some(gold) = gold {
                rows.push((story.story.clone(), features, gold.clone(), sentence.clone()));
            }
        }
    }
    let names = feature_names(labels);
    let params = TrainParams { c: STAGE_C, class_weight: ClassWeight::Balanced, ..TrainParams::default() };
    let matrix = |subset: &[&(String, &Vec<f64>, String, String)]| {
        let sparse: Vec<SparseRow> = subset.iter().map(|r| dense_row(r.1)).collect();
        CsrMatrix::from_rows(&sparse, names.len())
    };
    let fold_of: Vec<usize> = rows
        .iter()
        .map(|r| {
            story_fold.get(&r.0).copied().ok_or_else(|| TrainError::InvalidParam(format!("story {} has no fold", r.0)))
        })
        .collect::<Result<_, _>>()?;
    let folds = story_fold.values().max().map_or(0, |m| m + 1);
    let (mut sentence_scores, mut context_scores) = (Vec::new(), Vec::new());
    for fold in 0..folds {
        let (test, train): (Vec<_>, Vec<_>) = rows.iter().zip(&fold_of).partition(|(_, f)| **f == fold);
        let train: Vec<_> = train.into_iter().map(|(r, _)| r).collect();
        let test: Vec<_> = test.into_iter().map(|(r, _)| r).collect();
        let fitted = fit(matrix(&train), &train.iter().map(|r| r.2.clone()).collect::<Vec<_>>(), &params, None)?;
        let gold: Vec<String> = test.iter().map(|r| r.2.clone()).collect();
        let predicted: Vec<String> = test
            .iter()
            .map(|r| {
                let p = fitted.model.predict(&dense_row(r.1));
                fitted.model.labels()[p.label].clone()
            })
            .collect();
        let sentence: Vec<String> = test.iter().map(|r| r.3.clone()).collect();
        sentence_scores.push(evaluate(&gold, &sentence).macro_avg.f1);
        context_scores.push(evaluate(&gold, &predicted).macro_avg.f1);
    }
    let speakers: Vec<_> = stories.iter().flat_map(|s| s.speakers.iter().flatten()).collect();
    let same_speaker =
        speakers.iter().filter(|(predicted, gold)| same_voice(predicted.as_deref(), gold.as_deref())).count();
    let all: Vec<_> = rows.iter().collect();
    let fitted = fit(matrix(&all), &rows.iter().map(|r| r.2.clone()).collect::<Vec<_>>(), &params, None)?;
    Ok(ContextModel {
        model: fitted.model,
        features: names,
        evaluation: Some(ContextEvaluation {
            stories: stories.len(),
            units: rows.len(),
            folds,
            sentence_only_macro_f1: MeanStd::of(&sentence_scores),
            context_macro_f1: MeanStd::of(&context_scores),
            speaker_accuracy: same_speaker as f64 / speakers.len().max(1) as f64,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::linear::{softmax, LinearModel};

    fn labels() -> Vec<String> {
        ["neutral", "pro-enforcement", "pro-sanctuary"].map(String::from).to_vec()
    }

    /// A three-sentence story: the mayor's two statements, then her rebuttal.
    fn story() -> [ContextUnit<'static>; 3] {
        [
            ContextUnit {
                text: "The city will protect families.",
                probabilities: &[0.2, 0.1, 0.7],
                speaker: Some("Lee"),
                quoted: true,
            },
            ContextUnit {
                text: "We stand by it.",
                probabilities: &[0.5, 0.2, 0.3],
                speaker: Some("Lee"),
                quoted: true,
            },
            ContextUnit {
                text: "ICE's claim is untrue, Lee said.",
                probabilities: &[0.3, 0.6, 0.1],
                speaker: Some("Lee"),
                quoted: false,
            },
        ]
    }

    #[test]
    fn features_are_hand_computed() {
        let rows = context_features(&story());
        assert_eq!(feature_names(&labels()).len(), rows[0].len());
        let third = 1.0 / 3.0;
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        // Second unit: log p; Lee's other statements are units 1 and 3: mean (0.25, 0.35, 0.4).
        let second = &rows[1];
        assert!(close(&second[0..3], &[0.5f64.ln(), 0.2f64.ln(), 0.3f64.ln()]));
        assert!(close(&second[3..6], &[0.25 - third, 0.35 - third, 0.4 - third]), "{second:?}");
        assert_eq!(second[6], 1.0);
        // It continues the quotation of the first unit.
        assert!(close(&second[7..10], &[0.2 - third, 0.1 - third, 0.7 - third]));
        assert!(close(&second[10..16], &[0.0; 6]));
        assert_eq!(second[16], 0.0);
        // Third unit: a rebuttal ("untrue"); Lee elsewhere = mean of units 1-2 (0.35, 0.15, 0.5).
        let rebuttal = &rows[2];
        assert!(close(&rebuttal[7..10], &[0.0; 3]), "not quoted: no continuation");
        assert!(close(&rebuttal[10..13], &[0.35 - third, 0.15 - third, 0.5 - third]));
        // Every earlier unit is Lee's own: no other voice to answer.
        assert!(close(&rebuttal[13..16], &[0.0; 3]));
        // The first unit continues nothing.
        assert!(close(&rows[0][7..10], &[0.0; 3]));
    }

    #[test]
    fn speakers_and_the_narrator_weigh_their_other_statements_by_log_count() {
        let unit = |probabilities: &'static [f64], speaker: Option<&'static str>| ContextUnit {
            text: "A statement.",
            probabilities,
            speaker,
            quoted: false,
        };
        let units = [
            unit(&[0.6, 0.2, 0.2], None),
            unit(&[0.2, 0.7, 0.1], Some("Ames")),
            unit(&[0.4, 0.4, 0.2], Some("Ames")),
            unit(&[0.8, 0.1, 0.1], None),
            unit(&[0.5, 0.3, 0.2], None),
        ];
        let rows = context_features(&units);
        let third = 1.0 / 3.0;
        let close = |a: &[f64], b: [f64; 3]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        // Ames' second statement: one other (0.2, 0.7, 0.1), weight ln 2.
        let w = 2f64.ln();
        assert!(close(&rows[2][17..20], [(0.2 - third) * w, (0.7 - third) * w, (0.1 - third) * w]), "{:?}", rows[2]);
        assert!(close(&rows[2][20..23], [0.0; 3]), "not the narrator");
        // The first narrator unit: two others, mean (0.65, 0.2, 0.15), weight ln 3.
        let w = 3f64.ln();
        assert!(close(&rows[0][20..23], [(0.65 - third) * w, (0.2 - third) * w, (0.15 - third) * w]), "{:?}", rows[0]);
        assert!(close(&rows[0][17..20], [0.0; 3]), "the narrator is no speaker");
    }

    #[test]
    fn the_stage_applies_its_weights_to_the_features() {
        // Weights: identity on log p, plus 2 x "rebuttal x same speaker".
        let names = feature_names(&labels());
        let mut weights = vec![0.0; names.len() * 3];
        for label in 0..3 {
            weights[label * 3 + label] = 1.0;
            weights[(10 + label) * 3 + label] = 2.0;
        }
        let stage = ContextModel {
            model: LinearModel::new(labels(), names.len(), weights, vec![0.0; 3]),
            features: names,
            evaluation: None,
        };
        let predictions = apply(&stage, &story());
        // Without a rebuttal, identity on log p gives back the sentence probabilities.
        for (p, expected) in predictions[0].probabilities.iter().zip([0.2, 0.1, 0.7]) {
            assert!((p - expected).abs() < 1e-6, "{p} vs {expected}");
        }
        // The rebuttal: log p + 2 x (Lee elsewhere - 1/3), by hand.
        let third = 1.0 / 3.0;
        let logits: Vec<f64> = [(0.3f64, 0.35), (0.6, 0.15), (0.1, 0.5)]
            .iter()
            .map(|(p, elsewhere)| p.ln() + 2.0 * (elsewhere - third))
            .collect();
        let expected = softmax(&logits);
        for (p, e) in predictions[2].probabilities.iter().zip(&expected) {
            assert!((p - e).abs() < 1e-6, "{p} vs {e}");
        }
        assert!(predictions[2].probabilities[1] < 0.6, "the rebuttal moves away from the side it answers");
    }

    #[test]
    fn a_rebuttal_answers_the_voice_it_names_else_the_latest_quoted_voice() {
        let unit = |text: &'static str, probabilities: &'static [f64], speaker: Option<&'static str>| ContextUnit {
            text,
            probabilities,
            speaker,
            quoted: false,
        };
        let units = [
            unit("Sanctuary laws shield criminals, Ames said.", &[0.1, 0.8, 0.1], Some("Dana Ames")),
            unit("The rule is enforced, Ames said.", &[0.4, 0.4, 0.2], Some("Dana Ames")),
            unit("We keep families together, Ruiz said.", &[0.2, 0.1, 0.7], Some("Ruiz")),
            unit("The vote is next week.", &[0.9, 0.05, 0.05], None),
            unit("Ames' claims are false, Cole said.", &[0.3, 0.5, 0.2], Some("Cole")),
            unit("That is simply wrong, Cole said.", &[0.3, 0.5, 0.2], Some("Cole")),
        ];
        assert_eq!(answered_statement(&units, 4).map(|u| u.text), Some(units[1].text), "names Ames");
        assert_eq!(answered_statement(&units, 5).map(|u| u.text), Some(units[2].text), "latest quoted voice");
        assert_eq!(answered_statement(&units, 3).map(|u| u.text), Some(units[2].text));
        assert_eq!(answered_statement(&units, 0), None);
        // The answered voice enters as the mean of all its statements: Ames (0.25, 0.6, 0.15).
        let rows = context_features(&units);
        let third = 1.0 / 3.0;
        let expected = [0.25 - third, 0.6 - third, 0.15 - third];
        assert!(rows[4][13..16].iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-12), "{:?}", &rows[4][13..16]);
        assert!(rows[2][13..16].iter().all(|v| *v == 0.0), "not a rebuttal");
    }

    #[test]
    fn a_stage_with_other_features_is_refused() {
        let names = feature_names(&labels());
        let stage = |features: Vec<String>| ContextModel {
            model: LinearModel::new(labels(), features.len(), vec![0.0; features.len() * 3], vec![0.0; 3]),
            features,
            evaluation: None,
        };
        assert!(check_stage(&stage(names.clone()), &labels()).is_ok());
        let mut renamed = names.clone();
        renamed[13] = "rebuttal x statement answered:neutral".into();
        let error = check_stage(&stage(renamed), &labels()).unwrap_err().to_string();
        assert!(error.contains("feature 14 is \"rebuttal x statement answered:neutral\""), "{error}");
        let error = check_stage(&stage(names[..16].to_vec()), &labels()).unwrap_err().to_string();
        assert!(error.contains("16 features, this version computes 23"), "{error}");
        // A stage fitted before the last six columns were added reads the first 17.
        assert!(check_stage(&stage(names[..17].to_vec()), &labels()).is_ok());
    }

    #[test]
    fn rebuttal_cues_are_whole_words_and_voices_compare_by_surname() {
        assert!(has_rebuttal_cue("That claim is simply untrue."));
        assert!(has_rebuttal_cue("It is not true, she said."));
        assert!(!has_rebuttal_cue("The falsetto singer performed."));
        assert!(has_rebuttal_cue("Ruiz called it 'fear-mongering' and said that\u{2019}s not how the law works."));
        assert!(has_rebuttal_cue("That argument, he said, ignores the record."));
        assert!(!has_rebuttal_cue("The argument in court lasted an hour."));
        assert!(same_voice(Some("Becerra"), Some("Xavier Becerra")));
        assert!(same_voice(Some("mayor"), Some("the mayor")));
        assert!(same_voice(None, None));
        assert!(!same_voice(None, Some("Xavier Becerra")));
        assert!(!same_voice(Some("Jeff Sessions"), Some("Xavier Becerra")));
    }
}
