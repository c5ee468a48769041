//! Scoring predictions against gold labels.

use crate::model::meta::Metric;
use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassScores {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold rows with this label.
    pub support: usize,
    /// Rows predicted as this label.
    pub predicted: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Averages {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Confusion matrix: `counts[g][p]` rows with gold label `labels[g]`
/// predicted as `labels[p]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Confusion {
    /// Always `gold`.
    pub rows: String,
    /// Always `predicted`.
    pub columns: String,
    pub labels: Vec<String>,
    pub counts: Vec<Vec<usize>>,
    /// Each row divided by its total (the share of a gold class predicted as each label); 0 for empty rows.
    pub normalized: Vec<Vec<f64>>,
}

/// A full evaluation report. Class names only ever appear as values (never
/// as keys), so no label can collide with a summary field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub n: usize,
    pub accuracy: f64,
    pub per_class: Vec<ClassScores>,
    pub macro_avg: Averages,
    pub weighted_avg: Averages,
    /// Pooled over all rows; for single-label data each equals the accuracy.
    pub micro_avg: Averages,
    pub confusion_matrix: Confusion,
}

/// Scores `predicted` against `gold`. The label set is the sorted union of
/// both, so a class never predicted or never present still gets a row.
pub fn evaluate(gold: &[String], predicted: &[String]) -> Evaluation {
    assert_eq!(gold.len(), predicted.len(), "gold and predicted lengths differ");
    let mut labels: Vec<String> = gold.iter().chain(predicted).cloned().collect();
    labels.sort();
    labels.dedup();
    let index = |l: &String| labels.binary_search(l).unwrap_or(0);
    let k = labels.len();
    let mut counts = vec![vec![0usize; k]; k];
    for (g, p) in gold.iter().zip(predicted) {
        counts[index(g)][index(p)] += 1;
    }
    Evaluation::from_counts(labels, counts)
}

impl Evaluation {
    /// Scores from a confusion matrix (`counts[gold][predicted]` over `labels`).
    pub fn from_counts(labels: Vec<String>, counts: Vec<Vec<usize>>) -> Evaluation {
        let k = labels.len();
        let n: usize = counts.iter().flatten().sum();
        let correct: usize = (0..k).map(|i| counts[i][i]).sum();
        let per_class: Vec<ClassScores> = (0..k)
            .map(|c| {
                let tp = counts[c][c] as f64;
                let support: usize = counts[c].iter().sum();
                let predicted: usize = counts.iter().map(|row| row[c]).sum();
                let precision = ratio(tp, predicted as f64);
                let recall = ratio(tp, support as f64);
                let f1 = ratio(2.0 * precision * recall, precision + recall);
                ClassScores { label: labels[c].clone(), precision, recall, f1, support, predicted }
            })
            .collect();
        let mean = |f: fn(&ClassScores) -> f64| per_class.iter().map(f).sum::<f64>() / k.max(1) as f64;
        let weighted = |f: fn(&ClassScores) -> f64| {
            per_class.iter().map(|c| f(c) * c.support as f64).sum::<f64>() / n.max(1) as f64
        };
        Evaluation {
            n,
            accuracy: ratio(correct as f64, n as f64),
            macro_avg: Averages { precision: mean(|c| c.precision), recall: mean(|c| c.recall), f1: mean(|c| c.f1) },
            weighted_avg: Averages {
                precision: weighted(|c| c.precision),
                recall: weighted(|c| c.recall),
                f1: weighted(|c| c.f1),
            },
            micro_avg: {
                let micro = ratio(correct as f64, n as f64);
                Averages { precision: micro, recall: micro, f1: micro }
            },
            per_class,
            confusion_matrix: Confusion {
                rows: "gold".into(),
                columns: "predicted".into(),
                normalized: counts
                    .iter()
                    .map(|row| {
                        let total: usize = row.iter().sum();
                        row.iter().map(|&c| ratio(c as f64, total as f64)).collect()
                    })
                    .collect(),
                labels,
                counts,
            },
        }
    }
}

/// Scoring by a [`Metric`]: the metric is a training setting, recorded in
/// model files (so it lives in [`crate::model::meta`]); its value for an
/// evaluation is computed here.
impl Metric {
    /// The metric's value for an evaluation; a named class absent from both
    /// gold and predictions counts as F1 = 0.
    pub fn score(&self, e: &Evaluation) -> f64 {
        match self {
            Metric::Accuracy => e.accuracy,
            Metric::MacroF1 => e.macro_avg.f1,
            Metric::MacroRecall => e.macro_avg.recall,
            Metric::FAvg(classes) => {
                let f1 = |c: &String| e.per_class.iter().find(|s| &s.label == c).map_or(0.0, |s| s.f1);
                classes.iter().map(f1).sum::<f64>() / classes.len().max(1) as f64
            }
        }
    }
}

/// `a / b`, or 0 when `b` is 0 (scikit-learn's zero_division=0).
fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::meta::Metric;
    use approx::assert_abs_diff_eq;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matches_hand_computed_confusion_and_scores() {
        // gold:  a a a b b c
        // pred:  a a b b c c
        let e = evaluate(&strings(&["a", "a", "a", "b", "b", "c"]), &strings(&["a", "a", "b", "b", "c", "c"]));
        assert_eq!(e.confusion_matrix.labels, ["a", "b", "c"]);
        assert_eq!(e.confusion_matrix.counts, vec![vec![2, 1, 0], vec![0, 1, 1], vec![0, 0, 1]]);
        assert_abs_diff_eq!(e.accuracy, 4.0 / 6.0);
        let a = &e.per_class[0];
        assert_eq!((a.precision, a.support, a.predicted), (1.0, 3, 2));
        assert_abs_diff_eq!(a.recall, 2.0 / 3.0);
        assert_abs_diff_eq!(a.f1, 0.8);
        let b = &e.per_class[1];
        assert_abs_diff_eq!(b.f1, 0.5);
        let c = &e.per_class[2];
        assert_abs_diff_eq!(c.f1, 2.0 / 3.0);
        assert_abs_diff_eq!(e.macro_avg.f1, (0.8 + 0.5 + 2.0 / 3.0) / 3.0);
        assert_abs_diff_eq!(e.weighted_avg.f1, (0.8 * 3.0 + 0.5 * 2.0 + 2.0 / 3.0) / 6.0);
        assert_abs_diff_eq!(e.micro_avg.f1, 4.0 / 6.0);
        assert_eq!(e.confusion_matrix.normalized[0], vec![2.0 / 3.0, 1.0 / 3.0, 0.0]);
    }

    #[test]
    fn handles_labels_never_predicted_or_never_gold() {
        let e = evaluate(&strings(&["a", "b"]), &strings(&["a", "z"]));
        assert_eq!(e.confusion_matrix.labels, ["a", "b", "z"]);
        let b = &e.per_class[1];
        assert_eq!((b.precision, b.recall, b.f1, b.support), (0.0, 0.0, 0.0, 1));
        let z = &e.per_class[2];
        assert_eq!((z.precision, z.recall, z.support, z.predicted), (0.0, 0.0, 0, 1));
        assert_abs_diff_eq!(e.macro_avg.recall, 1.0 / 3.0);
    }

    #[test]
    fn task_metrics() {
        let e = evaluate(&strings(&["a", "a", "a", "b", "b", "c"]), &strings(&["a", "a", "b", "b", "c", "c"]));
        assert_abs_diff_eq!(Metric::FAvg(strings(&["a", "b"])).score(&e), (0.8 + 0.5) / 2.0);
        assert_abs_diff_eq!(Metric::FAvg(strings(&["a", "zzz"])).score(&e), 0.4);
        assert_abs_diff_eq!(Metric::MacroRecall.score(&e), (2.0 / 3.0 + 0.5 + 1.0) / 3.0);
        assert_eq!(Metric::parse("f-avg", &strings(&["a"])).unwrap(), Metric::FAvg(strings(&["a"])));
        assert!(Metric::parse("f-avg", &[]).is_err());
        assert!(Metric::parse("f2", &[]).is_err());
    }

    #[test]
    fn json_keeps_class_names_out_of_keys() {
        let e = evaluate(&strings(&["accuracy", "n"]), &strings(&["accuracy", "accuracy"]));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["accuracy"], 0.5);
        assert_eq!(json["per_class"][0]["label"], "accuracy");
        assert_eq!(json["confusion_matrix"]["counts"][1][0], 1);
        let back: Evaluation = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }
}
