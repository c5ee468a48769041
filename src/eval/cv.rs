//! Stratified K-fold cross-validation on training data, so hyperparameters
//! are chosen without ever looking at a test split.

use crate::eval::metrics::{evaluate, Evaluation};
use crate::io::labeled::LabeledData;
use crate::model::classifier::Classifier;
use crate::model::fit::TrainError;
use crate::model::meta::Metric;
use crate::model::meta::{CvSummary, FoldScore, MeanStd};
use crate::model::train::{train, Columns, TrainSettings};
use crate::rng::SplitMix64;
use std::collections::BTreeMap;

/// Cross-validation results plus every row's out-of-fold prediction.
#[derive(Debug, Clone)]
pub struct CvResult {
    pub summary: CvSummary,
    /// Predicted label of each row by the model that did not see it.
    pub out_of_fold: Vec<String>,
    /// Evaluation of the pooled out-of-fold predictions.
    pub pooled: Evaluation,
}

/// Fold of each row: rows are shuffled within each (group, label) stratum
/// and dealt round-robin, so every fold has each label (and group) in about
/// the same proportion.
pub fn stratified_folds(labels: &[String], groups: Option<&[String]>, k: usize, seed: u64) -> Vec<usize> {
    let mut strata: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, label) in labels.iter().enumerate() {
        let group = groups.map_or("", |g| g[i].as_str());
        strata.entry((group, label.as_str())).or_default().push(i);
    }
    let mut rng = SplitMix64::new(seed);
    let mut folds = vec![0; labels.len()];
    let mut next_fold = 0;
    for rows in strata.values_mut() {
        for i in (1..rows.len()).rev() {
            let j = rng.below(i + 1);
            rows.swap(i, j);
        }
        for &row in rows.iter() {
            folds[row] = next_fold % k;
            next_fold += 1;
        }
    }
    folds
}

/// Every label (in every group) needs at least `k` rows, or some folds train
/// without it; the message names the smallest such class.
fn check_class_sizes(data: &LabeledData, k: usize) -> Result<(), TrainError> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (i, label) in data.labels.iter().enumerate() {
        let group = data.groups.as_ref().map_or("", |g| g[i].as_str());
        *counts.entry((group, label.as_str())).or_default() += 1;
    }
    match counts.into_iter().filter(|(_, n)| *n < k).min_by_key(|(_, n)| *n) {
        None => Ok(()),
        Some(((group, label), n)) => {
            let place = if group.is_empty() { String::new() } else { format!(" in group '{group}'") };
            Err(TrainError::InvalidParam(format!(
                "label '{label}'{place} has only {n} row{}, fewer than the {k} folds of --cv {k}; lower --cv or add rows",
                if n == 1 { "" } else { "s" }
            )))
        }
    }
}

/// Fold of each row when whole groups are held out (scikit-learn's
/// GroupKFold): the distinct values of `groups` are shuffled by `seed` and
/// dealt, largest first, each to the fold with the fewest rows so far, so a
/// fold tests only on values it never trained on and folds stay near equal.
pub fn group_folds(groups: &[String], k: usize, seed: u64) -> Result<Vec<usize>, TrainError> {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for group in groups {
        *sizes.entry(group.as_str()).or_default() += 1;
    }
    if sizes.len() < k {
        return Err(TrainError::InvalidParam(format!(
            "holding out whole groups needs at least {k} distinct values for {k} folds, found {}",
            sizes.len()
        )));
    }
    let mut order: Vec<(&str, usize)> = sizes.into_iter().collect();
    let mut rng = SplitMix64::new(seed);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    // Stable: equal sizes keep their shuffled order.
    order.sort_by_key(|&(_, size)| std::cmp::Reverse(size));
    let mut fold_rows = vec![0usize; k];
    let mut fold_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (group, size) in order {
        let fold = (0..k).min_by_key(|&f| (fold_rows[f], f)).unwrap_or(0);
        fold_rows[fold] += size;
        fold_of.insert(group, fold);
    }
    Ok(groups.iter().map(|g| fold_of[g.as_str()]).collect())
}

/// Runs K-fold cross-validation of `settings` on `data`, stratified by label
/// (and by the model's group column when it has one).
pub fn cross_validate(
    data: &LabeledData,
    columns: &Columns,
    settings: &TrainSettings,
    k: usize,
    seed: u64,
    metric: &Metric,
) -> Result<CvResult, TrainError> {
    check_fold_count(data, k)?;
    check_class_sizes(data, k)?;
    let folds = stratified_folds(&data.labels, data.groups.as_deref(), k, seed);
    cross_validate_folds(data, columns, settings, &folds, k, seed, metric)
}

/// Runs K-fold cross-validation holding out whole values of `holdout` (one
/// value per row of `data`): each fold is scored on groups it never saw.
pub fn cross_validate_holdout(
    data: &LabeledData,
    columns: &Columns,
    settings: &TrainSettings,
    k: usize,
    seed: u64,
    metric: &Metric,
    holdout: &[String],
) -> Result<CvResult, TrainError> {
    check_fold_count(data, k)?;
    if holdout.len() != data.texts.len() {
        return Err(TrainError::InvalidParam(format!(
            "{} held-out group values for {} rows",
            holdout.len(),
            data.texts.len()
        )));
    }
    let folds = group_folds(holdout, k, seed)?;
    cross_validate_folds(data, columns, settings, &folds, k, seed, metric)
}

fn check_fold_count(data: &LabeledData, k: usize) -> Result<(), TrainError> {
    if k < 2 {
        return Err(TrainError::InvalidParam(format!("--cv must be at least 2, got {k}")));
    }
    if k > data.texts.len() {
        return Err(TrainError::InvalidParam(format!("--cv {k} is more folds than the {} rows", data.texts.len())));
    }
    Ok(())
}

/// Trains on all folds but one, predicts that one, for each fold in turn.
fn cross_validate_folds(
    data: &LabeledData,
    columns: &Columns,
    settings: &TrainSettings,
    folds: &[usize],
    k: usize,
    seed: u64,
    metric: &Metric,
) -> Result<CvResult, TrainError> {
    let mut out_of_fold = vec![String::new(); data.texts.len()];
    let mut per_fold = Vec::with_capacity(k);
    for fold in 0..k {
        let (test, train_rows): (Vec<usize>, Vec<usize>) = (0..data.texts.len()).partition(|&i| folds[i] == fold);
        let model = train(&data.subset(&train_rows), columns, settings, None)?;
        let classifier = Classifier::new(model);
        let held_out = data.subset(&test);
        let predictions = classifier
            .predict_all(&held_out.texts, held_out.groups.as_deref())
            .map_err(|e| TrainError::InvalidParam(format!("fold {}: {e}", fold + 1)))?;
        let predicted: Vec<String> = predictions.iter().map(|p| classifier.labels()[p.label].clone()).collect();
        for (&row, label) in test.iter().zip(&predicted) {
            out_of_fold[row] = label.clone();
        }
        let e = evaluate(&held_out.labels, &predicted);
        per_fold.push(FoldScore {
            fold: fold + 1,
            rows: test.len(),
            accuracy: e.accuracy,
            macro_f1: e.macro_avg.f1,
            macro_recall: e.macro_avg.recall,
            metric: metric.score(&e),
        });
    }
    let collect = |f: fn(&FoldScore) -> f64| MeanStd::of(&per_fold.iter().map(f).collect::<Vec<_>>());
    let summary = CvSummary {
        folds: k,
        seed,
        metric: metric.clone(),
        accuracy: collect(|f| f.accuracy),
        macro_f1: collect(|f| f.macro_f1),
        macro_recall: collect(|f| f.macro_recall),
        metric_score: collect(|f| f.metric),
        per_fold,
    };
    let pooled = evaluate(&data.labels, &out_of_fold);
    Ok(CvResult { summary, out_of_fold, pooled })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::train::tests::toy_data;

    #[test]
    fn folds_are_stratified_and_seeded() {
        let labels: Vec<String> = (0..30).map(|i| if i % 3 == 0 { "a" } else { "b" }.to_string()).collect();
        let folds = stratified_folds(&labels, None, 5, 7);
        for fold in 0..5 {
            let members: Vec<usize> = (0..30).filter(|&i| folds[i] == fold).collect();
            assert_eq!(members.len(), 6);
            assert_eq!(members.iter().filter(|&&i| labels[i] == "a").count(), 2);
        }
        assert_eq!(folds, stratified_folds(&labels, None, 5, 7));
        assert_ne!(folds, stratified_folds(&labels, None, 5, 8));
    }

    #[test]
    fn cross_validation_predicts_every_row_once() {
        let data = toy_data();
        let columns = Columns { text: "text".into(), label: "stance".into(), group: None };
        let result = cross_validate(&data, &columns, &TrainSettings::default(), 3, 1, &Metric::MacroF1).unwrap();
        assert_eq!(result.summary.per_fold.len(), 3);
        assert_eq!(result.summary.per_fold.iter().map(|f| f.rows).sum::<usize>(), 9);
        assert!(result.out_of_fold.iter().all(|l| !l.is_empty()));
        assert_eq!(result.pooled.n, 9);
        let again = cross_validate(&data, &columns, &TrainSettings::default(), 3, 1, &Metric::MacroF1).unwrap();
        assert_eq!(again.summary, result.summary);
        assert!(cross_validate(&data, &columns, &TrainSettings::default(), 1, 1, &Metric::MacroF1).is_err());
    }

    #[test]
    fn mean_and_std() {
        let m = MeanStd::of(&[1.0, 3.0]);
        assert_eq!((m.mean, m.std), (2.0, 1.0));
    }

    proptest::proptest! {
        #[test]
        fn group_folds_never_put_a_group_on_both_sides(
            groups in proptest::collection::vec(0u8..12, 1..200),
            k in 2usize..6,
            seed in 0u64..1000,
        ) {
            let groups: Vec<String> = groups.iter().map(|g| format!("g{g}")).collect();
            let distinct = groups.iter().collect::<std::collections::BTreeSet<_>>().len();
            match group_folds(&groups, k, seed) {
                Err(_) => proptest::prop_assert!(distinct < k),
                Ok(folds) => {
                    proptest::prop_assert!(distinct >= k);
                    for (i, g) in groups.iter().enumerate() {
                        for (j, h) in groups.iter().enumerate() {
                            if g == h {
                                proptest::prop_assert_eq!(folds[i], folds[j]);
                            }
                        }
                    }
                    // Every fold tests on something.
                    for fold in 0..k {
                        proptest::prop_assert!(folds.contains(&fold));
                    }
                }
            }
        }
    }

    #[test]
    fn holdout_cv_scores_each_fold_on_unseen_groups() {
        let data = toy_data();
        let columns = Columns { text: "text".into(), label: "stance".into(), group: None };
        let topics: Vec<String> = (0..data.texts.len()).map(|i| format!("t{}", i % 3)).collect();
        let settings = TrainSettings::default();
        let result = cross_validate_holdout(&data, &columns, &settings, 3, 7, &Metric::MacroF1, &topics).unwrap();
        assert_eq!(result.summary.per_fold.iter().map(|f| f.rows).sum::<usize>(), data.texts.len());
        assert!(result.out_of_fold.iter().all(|label| !label.is_empty()));
        let again = cross_validate_holdout(&data, &columns, &settings, 3, 7, &Metric::MacroF1, &topics).unwrap();
        assert_eq!(result.summary, again.summary);
        let too_few = cross_validate_holdout(&data, &columns, &settings, 4, 7, &Metric::MacroF1, &topics);
        assert!(too_few.unwrap_err().to_string().contains("at least 4 distinct values"));
    }
}
