//! Fitting the multinomial logistic regression.
//!
//! Two solvers minimise the same objective (mean weighted log-loss plus
//! `||W||² / (2·C·n)`, intercept unpenalised, as scikit-learn):
//! - `sparse` (default): our objective over the features in column (CSC)
//!   form with a per-row log-sum-exp, minimised by L-BFGS with argmin's
//!   More–Thuente line search, the solver family linfa-logistic uses. Memory
//!   grows with the non-zeros, not rows × columns.
//! - `linfa`: linfa-logistic on a dense copy; kept as a cross-check and for
//!   small data (no sample weights; slow and memory-hungry beyond a few
//!   thousand features).

use crate::features::sparse::{CscMatrix, CsrMatrix};
use crate::model::lbfgs::Lbfgs;
use crate::model::linear::LinearModel;
use crate::model::objective::Objective;
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::Array1;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::atomic::Ordering;

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("invalid parameter: {0}")]
    InvalidParam(String),
    #[error("need at least two distinct labels to train, found only {found:?}")]
    SingleClass { found: Vec<String> },
    #[error("group '{group}' has only one label ({found:?}); every group needs at least two to train")]
    SingleClassGroup { group: String, found: Vec<String> },
    #[error("no training rows")]
    Empty,
    #[error("class weight given for label '{0}', which is not in the training data")]
    UnknownWeightLabel(String),
    #[error("the linfa solver does not support sample or class weights; use --solver sparse")]
    LinfaWeights,
    #[error("solver failed: {0}")]
    Solver(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Solver {
    Sparse,
    Linfa,
}

impl FromStr for Solver {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sparse" => Ok(Solver::Sparse),
            "linfa" => Ok(Solver::Linfa),
            other => Err(format!("unknown solver '{other}' (expected sparse or linfa)")),
        }
    }
}

/// How training rows are weighted by their label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum ClassWeight {
    #[default]
    Uniform,
    /// scikit-learn's `balanced`: n_samples / (n_classes * count(label)).
    Balanced,
    Explicit(BTreeMap<String, f64>),
}

impl FromStr for ClassWeight {
    type Err = String;
    /// `balanced`, `none`, or `label=weight,label=weight`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "balanced" => return Ok(ClassWeight::Balanced),
            "none" | "uniform" => return Ok(ClassWeight::Uniform),
            _ => {}
        }
        let mut weights = BTreeMap::new();
        for pair in s.split(',') {
            let (label, weight) = pair
                .split_once('=')
                .ok_or_else(|| format!("invalid class weight '{pair}': expected label=weight, 'balanced' or 'none'"))?;
            let weight: f64 = weight
                .trim()
                .parse()
                .map_err(|_| format!("invalid class weight '{pair}': '{weight}' is not a number"))?;
            if !(weight.is_finite() && weight > 0.0) {
                return Err(format!("invalid class weight '{pair}': weight must be > 0"));
            }
            weights.insert(label.trim().to_string(), weight);
        }
        Ok(ClassWeight::Explicit(weights))
    }
}

/// Hyperparameters of the fit, validated once by [`TrainParams::validate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainParams {
    /// Inverse L2 strength, as scikit-learn's `C` (linfa's alpha = 1/C).
    pub c: f64,
    pub max_iter: u64,
    /// Stop when no gradient component of the mean objective exceeds this
    /// in absolute value (scikit-learn's `tol` for lbfgs).
    pub tol: f64,
    pub solver: Solver,
    pub class_weight: ClassWeight,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams { c: 10.0, max_iter: 1000, tol: 1e-4, solver: Solver::Sparse, class_weight: ClassWeight::Uniform }
    }
}

impl TrainParams {
    pub fn validate(&self) -> Result<(), TrainError> {
        if !(self.c.is_finite() && self.c > 0.0 && (1.0 / self.c).is_finite()) {
            return Err(TrainError::InvalidParam(format!(
                "--c must be a positive number whose inverse is finite (e.g. 0.01 to 100), got {}",
                self.c
            )));
        }
        if self.max_iter == 0 {
            return Err(TrainError::InvalidParam("--max-iter must be at least 1".into()));
        }
        if !(self.tol.is_finite() && self.tol > 0.0) {
            return Err(TrainError::InvalidParam(format!("--tol must be a positive number, got {}", self.tol)));
        }
        if self.solver == Solver::Linfa && self.class_weight != ClassWeight::Uniform {
            return Err(TrainError::LinfaWeights);
        }
        Ok(())
    }
}

/// How the fit went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    pub iterations: u64,
    /// Objective evaluations (the line search may need several per iteration).
    pub evaluations: u64,
    pub final_loss: f64,
    pub converged: bool,
}

/// Called after each solver iteration with (iteration, loss).
pub type Progress = std::sync::Arc<dyn Fn(u64, f64) + Send + Sync>;

/// Sorted distinct labels and each row's label index.
pub fn encode_labels(labels: &[String]) -> (Vec<String>, Vec<usize>) {
    let mut classes: Vec<String> = labels.to_vec();
    classes.sort();
    classes.dedup();
    let targets = labels.iter().map(|l| classes.binary_search(l).unwrap_or(0)).collect();
    (classes, targets)
}

/// Per-row weights from the class-weight setting.
pub fn sample_weights(classes: &[String], targets: &[usize], setting: &ClassWeight) -> Result<Vec<f64>, TrainError> {
    let per_class: Vec<f64> = match setting {
        ClassWeight::Uniform => vec![1.0; classes.len()],
        ClassWeight::Balanced => {
            let mut counts = vec![0usize; classes.len()];
            targets.iter().for_each(|&t| counts[t] += 1);
            let n = targets.len() as f64;
            counts.iter().map(|&c| if c == 0 { 0.0 } else { n / (classes.len() as f64 * c as f64) }).collect()
        }
        ClassWeight::Explicit(map) => {
            if let Some(unknown) = map.keys().find(|l| !classes.contains(l)) {
                return Err(TrainError::UnknownWeightLabel(unknown.clone()));
            }
            classes.iter().map(|c| map.get(c).copied().unwrap_or(1.0)).collect()
        }
    };
    Ok(targets.iter().map(|&t| per_class[t]).collect())
}

/// A fitted model and how the fit went.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub model: LinearModel,
    pub report: FitReport,
    /// Training rows the fitted model labels correctly.
    pub training_correct: usize,
}

/// Fits a model on TF-IDF rows `x` with string labels. Takes `x` by value so
/// the sparse solver can replace it by its column form instead of holding both.
pub fn fit(
    x: CsrMatrix,
    labels: &[String],
    params: &TrainParams,
    progress: Option<Progress>,
) -> Result<Fitted, TrainError> {
    params.validate()?;
    if x.n_rows() == 0 {
        return Err(TrainError::Empty);
    }
    let (classes, targets) = encode_labels(labels);
    if classes.len() < 2 {
        return Err(TrainError::SingleClass { found: classes });
    }
    let weights = sample_weights(&classes, &targets, &params.class_weight)?;
    match params.solver {
        Solver::Sparse => {
            let columns = CscMatrix::from_csr(&x);
            drop(x);
            fit_sparse(columns, classes, targets, weights, params, progress)
        }
        Solver::Linfa => fit_linfa(&x, classes, &targets, params),
    }
}

/// Correction pairs kept by L-BFGS (scipy's and argmin's default).
const LBFGS_MEMORY: usize = 10;

fn fit_sparse(
    x: CscMatrix,
    classes: Vec<String>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    params: &TrainParams,
    progress: Option<Progress>,
) -> Result<Fitted, TrainError> {
    let k = classes.len();
    let p = x.n_cols();
    let objective = Objective::new(x, targets, weights, k, params.c);
    let init = Array1::<f64>::zeros((p + 1) * k);
    let on_iteration = |iteration, cost| {
        if let Some(progress) = &progress {
            progress(iteration, cost);
        }
    };
    let found = Lbfgs::new(LBFGS_MEMORY, params.tol)
        .minimize(&objective, init, params.max_iter, on_iteration)
        .map_err(|e| TrainError::Solver(e.to_string()))?;
    let report = FitReport {
        iterations: found.iterations,
        evaluations: objective.evaluations.load(Ordering::Relaxed),
        final_loss: found.cost,
        converged: found.converged,
    };
    let mut weights = found.param.to_vec();
    let training_correct = objective.correct(&weights);
    let intercept = weights.split_off(p * k);
    Ok(Fitted { model: LinearModel::new(classes, p, weights, intercept), report, training_correct })
}

fn fit_linfa(
    x: &CsrMatrix,
    classes: Vec<String>,
    targets: &[usize],
    params: &TrainParams,
) -> Result<Fitted, TrainError> {
    let dense = x.to_dense();
    let y = Array1::from(targets.to_vec());
    let dataset = Dataset::new(dense, y);
    let fitted = MultiLogisticRegression::default()
        .alpha(1.0 / params.c)
        .max_iterations(params.max_iter)
        .gradient_tolerance(params.tol * x.n_rows() as f64)
        .fit(&dataset)
        .map_err(|e| TrainError::Solver(e.to_string()))?;
    // linfa orders its classes by our label indices, which are sorted already.
    let k = classes.len();
    let p = x.n_cols();
    let mut weights = vec![0.0; p * k];
    let mut intercept = vec![0.0; k];
    for (column, &class) in fitted.classes().iter().enumerate() {
        for j in 0..p {
            weights[j * k + class] = fitted.params()[[j, column]];
        }
        intercept[class] = fitted.intercept()[column];
    }
    let model = LinearModel::new(classes, p, weights, intercept);
    let final_loss = mean_objective(&model, x, targets, params.c);
    let training_correct = (0..x.n_rows()).filter(|&i| model.predict(&x.row_owned(i)).label == targets[i]).count();
    // linfa does not expose its iteration count.
    let report = FitReport { iterations: 0, evaluations: 0, final_loss, converged: true };
    Ok(Fitted { model, report, training_correct })
}

/// The (unweighted) objective value of a model, for logging and tests.
pub fn mean_objective(model: &LinearModel, x: &CsrMatrix, targets: &[usize], c: f64) -> f64 {
    let n = x.n_rows() as f64;
    let mut loss = 0.0;
    for (i, &y) in targets.iter().enumerate() {
        let z = model.logits(&x.row_owned(i));
        let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
        loss += lse - z[y];
    }
    let norm: f64 = (0..model.n_features())
        .flat_map(|j| (0..model.labels().len()).map(move |c| (j, c)))
        .map(|(j, c)| model.weight(j, c).powi(2))
        .sum();
    loss / n + norm / (2.0 * c * n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::objective::{fingerprint, ROW_CHUNK};
    use argmin::core::{CostFunction, Gradient};

    /// Dense `n x k` probabilities, for comparing solvers.
    fn probabilities(model: &LinearModel, x: &CsrMatrix) -> ndarray::Array2<f64> {
        let k = model.labels().len();
        let mut out = ndarray::Array2::zeros((x.n_rows(), k));
        for i in 0..x.n_rows() {
            let p = model.predict(&x.row_owned(i)).probabilities;
            for c in 0..k {
                out[[i, c]] = p[c];
            }
        }
        out
    }

    use crate::features::sparse::SparseRow;
    use crate::features::tfidf::{TfidfParams, Vectorizer};
    use crate::text::TextConfig;

    fn toy() -> (CsrMatrix, Vec<String>) {
        let docs = [
            ("ICE must deport criminals now", "enf"),
            ("Deport them and back ICE agents", "enf"),
            ("Support ICE and enforce the law", "enf"),
            ("Protect immigrant families from ICE raids", "sanc"),
            ("Sanctuary cities keep families safe", "sanc"),
            ("Stop the raids and protect families", "sanc"),
            ("The council meets on Tuesday", "neu"),
            ("The hearing was set for March", "neu"),
            ("The vote is scheduled for Tuesday", "neu"),
        ];
        let texts: Vec<&str> = docs.iter().map(|d| d.0).collect();
        let v = Vectorizer::fit(&texts, &TextConfig::default(), &TfidfParams::default());
        (v.transform(&texts), docs.iter().map(|d| d.1.to_string()).collect())
    }

    #[test]
    fn sparse_and_linfa_solvers_agree() {
        let (x, y) = toy();
        let params = TrainParams { c: 2.0, tol: 1e-9, max_iter: 500, ..TrainParams::default() };
        let Fitted { model: sparse, report, training_correct } = fit(x.clone(), &y, &params, None).unwrap();
        let linfa_params = TrainParams { solver: Solver::Linfa, tol: 1e-9, ..params.clone() };
        let dense = fit(x.clone(), &y, &linfa_params, None).unwrap().model;
        assert_eq!(sparse.labels(), dense.labels());
        let (a, b) = (probabilities(&sparse, &x), probabilities(&dense, &x));
        let max_diff = (&a - &b).iter().fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(max_diff < 1e-4, "probabilities differ by {max_diff}");
        assert!(report.iterations > 0 && report.final_loss.is_finite());
        // Training accuracy on a separable toy problem.
        assert_eq!(training_correct, x.n_rows());
        for i in 0..x.n_rows() {
            assert_eq!(
                sparse.labels()[a.row(i).iter().enumerate().fold(0, |m, (c, p)| if *p > a[[i, m]] { c } else { m })],
                y[i]
            );
        }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let (x, y) = toy();
        let (_, targets) = encode_labels(&y);
        let weights: Vec<f64> = (0..targets.len()).map(|i| 1.0 + i as f64 * 0.1).collect();
        let objective = Objective::new(CscMatrix::from_csr(&x), targets, weights, 3, 2.0);
        let n_params = (x.n_cols() + 1) * 3;
        let params: Vec<f64> = (0..n_params).map(|i| ((i * 7919) % 13) as f64 / 10.0 - 0.6).collect();
        let (f0, grad) = objective.compute(&params);
        for probe in [0, 5, n_params / 2, n_params - 1] {
            let mut shifted = params.clone();
            shifted[probe] += 1e-6;
            let (f1, _) = objective.compute(&shifted);
            let numeric = (f1 - f0) / 1e-6;
            assert!((numeric - grad[probe]).abs() < 1e-4, "param {probe}: {numeric} vs {}", grad[probe]);
        }
    }

    /// The objective of the toy problem, unit weights, C = 2.
    fn toy_objective() -> Objective {
        let (x, y) = toy();
        let (_, targets) = encode_labels(&y);
        let weights = vec![1.0; targets.len()];
        Objective::new(CscMatrix::from_csr(&x), targets, weights, 3, 2.0)
    }

    #[test]
    fn cost_then_gradient_at_one_point_evaluates_once() {
        let objective = toy_objective();
        let evaluations = || objective.evaluations.load(Ordering::Relaxed);
        let mut params = Array1::from_elem((objective.x.n_cols() + 1) * 3, 0.1);
        let (cost, gradient) = (objective.cost(&params).unwrap(), objective.gradient(&params).unwrap());
        assert_eq!(evaluations(), 1);
        let (expected_cost, expected_gradient) = objective.compute(params.as_slice().unwrap());
        assert_eq!((cost, gradient.to_vec()), (expected_cost, expected_gradient.clone()));
        // The cached gradient was handed over: asking again recomputes it, equal.
        assert_eq!(objective.gradient(&params).unwrap().to_vec(), expected_gradient);
        assert_eq!(evaluations(), 2);
        params[7] += 1e-3;
        assert_ne!(objective.cost(&params).unwrap(), cost);
        assert_eq!(evaluations(), 3);
    }

    #[test]
    fn fingerprints_tell_apart_vectors_that_differ_in_one_value() {
        let base = Array1::from_iter((0..200_000).map(|i| i as f64 * 0.5));
        assert_eq!(fingerprint(&base), fingerprint(&base.clone()));
        for position in [0, 65_535, 65_536, 199_999] {
            let mut changed = base.clone();
            changed[position] = -changed[position] - 1.0;
            assert_ne!(fingerprint(&base), fingerprint(&changed), "position {position}");
        }
    }

    #[test]
    fn fixed_size_kernel_matches_the_general_one() {
        let objective = toy_objective();
        let params: Vec<f64> =
            (0..(objective.x.n_cols() + 1) * 3).map(|i| ((i * 31) % 17) as f64 / 10.0 - 0.8).collect();
        let (fixed, general) = (objective.compute_k::<3>(&params), objective.compute_k::<0>(&params));
        assert!((fixed.0 - general.0).abs() < 1e-12);
        assert!(fixed.1.iter().zip(&general.1).all(|(a, b)| (a - b).abs() < 1e-12));
    }

    #[test]
    fn balanced_weights_follow_sklearn_formula() {
        let classes = vec!["a".to_string(), "b".to_string()];
        let w = sample_weights(&classes, &[0, 0, 0, 1], &ClassWeight::Balanced).unwrap();
        assert_eq!(w, vec![4.0 / 6.0, 4.0 / 6.0, 4.0 / 6.0, 2.0]);
        let explicit: ClassWeight = "b=3".parse().unwrap();
        assert_eq!(sample_weights(&classes, &[0, 1], &explicit).unwrap(), vec![1.0, 3.0]);
        let unknown: ClassWeight = "zzz=3".parse().unwrap();
        assert!(matches!(sample_weights(&classes, &[0, 1], &unknown), Err(TrainError::UnknownWeightLabel(_))));
        assert!("b=0".parse::<ClassWeight>().is_err());
        assert!("b".parse::<ClassWeight>().is_err());
    }

    #[test]
    fn rejects_bad_params_and_single_class() {
        let (x, y) = toy();
        for bad in
            [TrainParams { c: 0.0, ..TrainParams::default() }, TrainParams { c: f64::NAN, ..TrainParams::default() }]
        {
            assert!(matches!(fit(x.clone(), &y, &bad, None), Err(TrainError::InvalidParam(_))));
        }
        let one = vec!["x".to_string(); y.len()];
        assert!(matches!(fit(x, &one, &TrainParams::default(), None), Err(TrainError::SingleClass { .. })));
    }

    /// `rows` random sparse rows over 3,000 columns, labels from a hidden
    /// linear rule: big enough for every partition and row chunk to be used.
    fn random_problem(rows: usize) -> (CsrMatrix, Vec<String>) {
        let mut rng = crate::rng::SplitMix64::new(7);
        let mut x = CsrMatrix::with_columns(3000);
        let mut labels = Vec::new();
        for _ in 0..rows {
            let mut indices: Vec<u32> = (0..20).map(|_| rng.below(3000) as u32).collect();
            indices.sort_unstable();
            indices.dedup();
            let values: Vec<f32> = indices.iter().map(|_| (rng.below(1000) as f32 + 1.0) / 1000.0).collect();
            let score: u32 = indices.iter().map(|i| i % 3).sum();
            labels.push(["a", "b", "c"][(score % 3) as usize].to_string());
            x.push_row(&SparseRow { indices, values });
        }
        (x, labels)
    }

    #[test]
    fn gradient_matches_finite_differences_across_partitions() {
        let (x, y) = random_problem(ROW_CHUNK + 900);
        let (_, targets) = encode_labels(&y);
        let weights = vec![1.0; targets.len()];
        let n_params = (x.n_cols() + 1) * 3;
        let objective = Objective::new(CscMatrix::from_csr(&x), targets, weights, 3, 0.5);
        let params: Vec<f64> = (0..n_params).map(|i| ((i * 7919) % 13) as f64 / 10.0 - 0.6).collect();
        let (f0, grad) = objective.compute(&params);
        for probe in [0, 1, 4500, n_params - 4, n_params - 1] {
            let mut shifted = params.clone();
            shifted[probe] += 1e-6;
            let numeric = (objective.compute(&shifted).0 - f0) / 1e-6;
            assert!((numeric - grad[probe]).abs() < 1e-5, "param {probe}: {numeric} vs {}", grad[probe]);
        }
    }

    #[test]
    fn large_problem_gives_identical_weights_at_any_thread_count() {
        let (x, y) = random_problem(ROW_CHUNK + 900);
        let params = TrainParams { max_iter: 15, ..TrainParams::default() };
        let run = |threads| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| fit(x.clone(), &y, &params, None).unwrap())
        };
        let (one, two) = (run(1), run(2));
        assert_eq!(one.model, two.model);
        assert_eq!(one.report, two.report);
        assert_eq!(one.report.iterations, 15);
    }

    #[test]
    fn same_input_gives_identical_weights_at_any_thread_count() {
        let (x, y) = toy();
        let run = |threads| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| fit(x.clone(), &y, &TrainParams::default(), None).unwrap().model)
        };
        assert_eq!(run(1), run(2));
    }
}
