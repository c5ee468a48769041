//! The full evaluation report: scores with bootstrap confidence intervals,
//! calibration, the most confident mistakes and abstention.

use crate::eval::metrics::Evaluation;
use crate::model::linear::Probability;
use crate::model::meta::Metric;
use crate::rng::SplitMix64;
use serde::{Deserialize, Serialize};

/// One scored row: gold label, predicted label and every label's probability
/// (in the order of the model's labels).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredRow {
    /// 1-based data row number in the input file.
    pub row: usize,
    pub text: String,
    pub gold: String,
    pub predicted: usize,
    pub probabilities: Vec<f64>,
}

/// Options of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    pub metric: Metric,
    pub resamples: usize,
    pub seed: u64,
    /// How many of the most confident mistakes to list.
    pub errors: usize,
    /// Rows whose top probability is below this are abstained on.
    pub abstain_below: Option<Probability>,
}

/// A 95% percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intervals {
    pub level: f64,
    pub resamples: usize,
    pub seed: u64,
    pub accuracy: Interval,
    pub macro_f1: Interval,
    pub metric: Interval,
}

/// One bin of the reliability table: rows whose top probability falls in `lower..upper`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliabilityBin {
    pub lower: f64,
    pub upper: f64,
    pub count: usize,
    pub mean_confidence: f64,
    pub accuracy: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Expected calibration error: sum over bins of (share of rows) x |accuracy - mean confidence|.
    pub ece: f64,
    /// Multiclass Brier score: mean over rows of the squared distance between the probabilities and the one-hot gold label.
    pub brier: f64,
    pub bins: Vec<ReliabilityBin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    pub row: usize,
    pub text: String,
    pub gold: String,
    pub predicted: String,
    pub probability: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Abstention {
    pub threshold: f64,
    pub covered: usize,
    pub abstained: usize,
    pub coverage: f64,
    /// Accuracy on the rows not abstained on.
    pub covered_accuracy: f64,
}

/// Everything `stance evaluate` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationReport {
    pub model: String,
    pub data: String,
    pub metric_name: String,
    pub metric: f64,
    pub evaluation: Evaluation,
    /// Bootstrap intervals; `None` when asked for no resamples (`--bootstrap 0`).
    pub intervals: Option<Intervals>,
    pub calibration: Calibration,
    pub mistakes: Vec<Mistake>,
    pub abstention: Option<Abstention>,
}

/// Builds the report; `labels` are the model's labels (the probability order).
pub fn build_report(
    model: &str,
    data: &str,
    labels: &[String],
    rows: &[ScoredRow],
    options: &ReportOptions,
) -> EvaluationReport {
    let predicted: Vec<String> = rows.iter().map(|r| labels[r.predicted].clone()).collect();
    let gold: Vec<String> = rows.iter().map(|r| r.gold.clone()).collect();
    let evaluation = crate::eval::metrics::evaluate(&gold, &predicted);
    EvaluationReport {
        model: model.to_string(),
        data: data.to_string(),
        metric_name: options.metric.name(),
        metric: options.metric.score(&evaluation),
        intervals: (options.resamples > 0).then(|| bootstrap(&evaluation, &gold, &predicted, options)),
        calibration: calibration(labels, rows),
        mistakes: mistakes(labels, rows, options.errors),
        abstention: options.abstain_below.map(|threshold| abstention(labels, rows, threshold.get())),
        evaluation,
    }
}

/// Percentile intervals over `resamples` resamples of the rows with replacement.
fn bootstrap(full: &Evaluation, gold: &[String], predicted: &[String], options: &ReportOptions) -> Intervals {
    let labels = full.confusion_matrix.labels.clone();
    let index = |l: &String| labels.binary_search(l).unwrap_or(0);
    let pairs: Vec<(usize, usize)> = gold.iter().zip(predicted).map(|(g, p)| (index(g), index(p))).collect();
    let mut rng = SplitMix64::new(options.seed);
    let (mut accuracy, mut macro_f1, mut metric) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..options.resamples {
        let mut counts = vec![vec![0usize; labels.len()]; labels.len()];
        for _ in 0..pairs.len() {
            let (g, p) = pairs[rng.below(pairs.len())];
            counts[g][p] += 1;
        }
        let e = Evaluation::from_counts(labels.clone(), counts);
        accuracy.push(e.accuracy);
        macro_f1.push(e.macro_avg.f1);
        metric.push(options.metric.score(&e));
    }
    let interval = |value: f64, samples: &mut Vec<f64>| {
        samples.sort_by(f64::total_cmp);
        let at = |q: f64| samples.get(((samples.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(value);
        Interval { value, low: at(0.025), high: at(0.975) }
    };
    Intervals {
        level: 0.95,
        resamples: options.resamples,
        seed: options.seed,
        accuracy: interval(full.accuracy, &mut accuracy),
        macro_f1: interval(full.macro_avg.f1, &mut macro_f1),
        metric: interval(options.metric.score(full), &mut metric),
    }
}

const BINS: usize = 10;

fn calibration(labels: &[String], rows: &[ScoredRow]) -> Calibration {
    let mut counts = [0usize; BINS];
    let mut confidence = [0.0f64; BINS];
    let mut correct = [0usize; BINS];
    let mut brier = 0.0;
    for row in rows {
        let top = row.probabilities[row.predicted];
        let bin = ((top * BINS as f64) as usize).min(BINS - 1);
        counts[bin] += 1;
        confidence[bin] += top;
        if labels[row.predicted] == row.gold {
            correct[bin] += 1;
        }
        brier += labels
            .iter()
            .zip(&row.probabilities)
            .map(|(label, p)| (p - if *label == row.gold { 1.0 } else { 0.0 }).powi(2))
            .sum::<f64>();
    }
    let n = rows.len().max(1) as f64;
    let bins: Vec<ReliabilityBin> = (0..BINS)
        .map(|b| {
            let count = counts[b].max(1) as f64;
            ReliabilityBin {
                lower: b as f64 / BINS as f64,
                upper: (b + 1) as f64 / BINS as f64,
                count: counts[b],
                mean_confidence: if counts[b] == 0 { 0.0 } else { confidence[b] / count },
                accuracy: if counts[b] == 0 { 0.0 } else { correct[b] as f64 / count },
            }
        })
        .collect();
    let ece = bins.iter().map(|b| b.count as f64 / n * (b.accuracy - b.mean_confidence).abs()).sum();
    Calibration { ece, brier: brier / n, bins }
}

/// Wrong predictions, most confident first (ties: earlier row first).
fn mistakes(labels: &[String], rows: &[ScoredRow], limit: usize) -> Vec<Mistake> {
    let mut wrong: Vec<&ScoredRow> = rows.iter().filter(|r| labels[r.predicted] != r.gold).collect();
    wrong.sort_by(|a, b| b.probabilities[b.predicted].total_cmp(&a.probabilities[a.predicted]).then(a.row.cmp(&b.row)));
    wrong
        .into_iter()
        .take(limit)
        .map(|r| Mistake {
            row: r.row,
            text: r.text.clone(),
            gold: r.gold.clone(),
            predicted: labels[r.predicted].clone(),
            probability: r.probabilities[r.predicted],
        })
        .collect()
}

fn abstention(labels: &[String], rows: &[ScoredRow], threshold: f64) -> Abstention {
    let covered: Vec<&ScoredRow> = rows.iter().filter(|r| r.probabilities[r.predicted] >= threshold).collect();
    let correct = covered.iter().filter(|r| labels[r.predicted] == r.gold).count();
    Abstention {
        threshold,
        covered: covered.len(),
        abstained: rows.len() - covered.len(),
        coverage: covered.len() as f64 / rows.len().max(1) as f64,
        covered_accuracy: if covered.is_empty() { 0.0 } else { correct as f64 / covered.len() as f64 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn labels() -> Vec<String> {
        vec!["a".into(), "b".into()]
    }

    fn row(row: usize, gold: &str, predicted: usize, p_top: f64) -> ScoredRow {
        let mut probabilities = vec![1.0 - p_top; 2];
        probabilities[predicted] = p_top;
        ScoredRow { row, text: format!("text {row}"), gold: gold.into(), predicted, probabilities }
    }

    fn rows() -> Vec<ScoredRow> {
        vec![row(1, "a", 0, 0.95), row(2, "a", 1, 0.85), row(3, "b", 1, 0.65), row(4, "b", 0, 0.55)]
    }

    fn options() -> ReportOptions {
        ReportOptions {
            metric: Metric::MacroF1,
            resamples: 1000,
            seed: 7,
            errors: 10,
            abstain_below: Probability::new(0.6).ok(),
        }
    }

    #[test]
    fn calibration_matches_hand_computed_values() {
        let c = calibration(&labels(), &rows());
        // Bins: 0.9 (1 row, correct), 0.8 (1, wrong), 0.6 (1, correct), 0.5 (1, wrong).
        assert_eq!(c.bins[9].count, 1);
        assert_eq!(c.bins[8].accuracy, 0.0);
        let ece = (0.05 + 0.85 + 0.35 + 0.55) / 4.0;
        assert_abs_diff_eq!(c.ece, ece, epsilon = 1e-12);
        let brier =
            (2.0 * 0.05f64.powi(2) + 2.0 * 0.85f64.powi(2) + 2.0 * 0.35f64.powi(2) + 2.0 * 0.55f64.powi(2)) / 4.0;
        assert_abs_diff_eq!(c.brier, brier, epsilon = 1e-12);
    }

    #[test]
    fn mistakes_are_most_confident_first_and_abstention_counts_coverage() {
        let report = build_report("m", "d", &labels(), &rows(), &options());
        let rows_listed: Vec<usize> = report.mistakes.iter().map(|m| m.row).collect();
        assert_eq!(rows_listed, [2, 4]);
        let abstention = report.abstention.unwrap();
        assert_eq!((abstention.covered, abstention.abstained), (3, 1));
        assert_abs_diff_eq!(abstention.covered_accuracy, 2.0 / 3.0);
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_value() {
        let a = build_report("m", "d", &labels(), &rows(), &options());
        let b = build_report("m", "d", &labels(), &rows(), &options());
        assert_eq!(a.intervals, b.intervals);
        let i = a.intervals.as_ref().unwrap().accuracy;
        assert!(i.low <= i.value && i.value <= i.high, "{i:?}");
        assert!(i.low < i.high);
    }

    #[test]
    fn json_round_trip() {
        let report = build_report("m", "d", &labels(), &rows(), &options());
        let json = serde_json::to_string(&report).unwrap();
        let back: EvaluationReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
    }
}
