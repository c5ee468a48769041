//! Fitting the multinomial logistic regression.
//!
//! Two solvers minimise the same objective (mean weighted log-loss plus
//! `||W||² / (2·C·n)`, intercept unpenalised, as scikit-learn):
//! - `sparse` (default): our objective over CSR rows with a per-row
//!   log-sum-exp, minimised by argmin's L-BFGS + More–Thuente, the solver
//!   linfa-logistic uses. Memory grows with the non-zeros, not rows × columns.
//! - `linfa`: linfa-logistic on a dense copy; kept as a cross-check and for
//!   small data (no sample weights; slow and memory-hungry beyond a few
//!   thousand features).

use crate::lbfgs::Lbfgs;
use crate::model::LinearModel;
use crate::sparse::CsrMatrix;
use argmin::core::observers::{Observe, ObserverMode};
use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason, TerminationStatus, KV};
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::Array1;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

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
        if !(self.c.is_finite() && self.c > 0.0) {
            return Err(TrainError::InvalidParam(format!("--c must be a positive number, got {}", self.c)));
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

/// Fits a model on TF-IDF rows `x` with string labels.
pub fn fit(
    x: &CsrMatrix,
    labels: &[String],
    params: &TrainParams,
    progress: Option<Progress>,
) -> Result<(LinearModel, FitReport), TrainError> {
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
        Solver::Sparse => fit_sparse(x, classes, &targets, &weights, params, progress),
        Solver::Linfa => fit_linfa(x, classes, &targets, params),
    }
}

/// Parameters with the cost and gradient computed there.
type Evaluation = (Array1<f64>, f64, Array1<f64>);

/// The objective over CSR rows; caches the last evaluation because L-BFGS
/// asks for the cost and the gradient at the same point separately.
struct Objective<'a> {
    x: &'a CsrMatrix,
    targets: &'a [usize],
    weights: &'a [f64],
    k: usize,
    inv_c: f64,
    weight_sum: f64,
    cache: Mutex<Option<Evaluation>>,
    evaluations: AtomicU64,
}

/// Row partitions of the gradient pass. Each accumulates into its own
/// gradient buffer and the buffers are added in partition order, so the
/// result is the same at any thread count.
const PARTITIONS: usize = 4;

impl<'a> Objective<'a> {
    fn new(x: &'a CsrMatrix, targets: &'a [usize], weights: &'a [f64], k: usize, c: f64) -> Self {
        Objective {
            x,
            targets,
            weights,
            k,
            inv_c: 1.0 / c,
            weight_sum: weights.iter().sum::<f64>().max(f64::MIN_POSITIVE),
            cache: Mutex::new(None),
            evaluations: AtomicU64::new(0),
        }
    }

    fn evaluate(&self, params: &Array1<f64>) -> (f64, Array1<f64>) {
        if let Ok(cache) = self.cache.lock() {
            if let Some((p, cost, grad)) = cache.as_ref() {
                if p == params {
                    return (*cost, grad.clone());
                }
            }
        }
        self.evaluations.fetch_add(1, Ordering::Relaxed);
        let (cost, grad) = self.compute(params.as_slice().unwrap_or(&params.to_vec()));
        let grad = Array1::from(grad);
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some((params.clone(), cost, grad.clone()));
        }
        (cost, grad)
    }

    /// Loss and gradient in one pass over the rows: logits with a per-row
    /// log-sum-exp, then the residual s_i (p_i - y_i) scattered into the gradient.
    fn compute(&self, params: &[f64]) -> (f64, Vec<f64>) {
        // A label count known at compile time lets the compiler unroll the inner loops.
        match self.k {
            2 => self.compute_k::<2>(params),
            3 => self.compute_k::<3>(params),
            4 => self.compute_k::<4>(params),
            5 => self.compute_k::<5>(params),
            _ => self.compute_k::<0>(params),
        }
    }

    /// One pass with `K` labels (`K = 0`: the count is only known at run time).
    fn compute_k<const K: usize>(&self, params: &[f64]) -> (f64, Vec<f64>) {
        let k = if K == 0 { self.k } else { K };
        let (p, n) = (self.x.n_cols(), self.x.n_rows());
        let (w, b) = params.split_at(p * k);
        let partials = self.partitions(n, |rows| {
            let mut grad = vec![0.0f64; (p + 1) * k];
            let mut loss = 0.0;
            let mut z = vec![0.0f64; k];
            for i in rows {
                z.copy_from_slice(b);
                let (cols, vals) = self.x.row(i);
                for (&j, &v) in cols.iter().zip(vals) {
                    let wj = &w[j as usize * k..(j as usize + 1) * k];
                    for (zc, wc) in z.iter_mut().zip(wj) {
                        *zc += v as f64 * wc;
                    }
                }
                let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let lse = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
                let (s, y) = (self.weights[i], self.targets[i]);
                loss += s * (lse - z[y]);
                for (c, zc) in z.iter_mut().enumerate() {
                    *zc = s * ((*zc - lse).exp() - if c == y { 1.0 } else { 0.0 });
                }
                for (&j, &v) in cols.iter().zip(vals) {
                    let gj = &mut grad[j as usize * k..(j as usize + 1) * k];
                    for (gc, rc) in gj.iter_mut().zip(&z) {
                        *gc += v as f64 * rc;
                    }
                }
                for (gc, rc) in grad[p * k..].iter_mut().zip(&z) {
                    *gc += rc;
                }
            }
            (loss, grad)
        });
        self.finish(params, partials)
    }

    /// Runs `pass` over the fixed row partitions in parallel.
    fn partitions<F>(&self, n: usize, pass: F) -> Vec<(f64, Vec<f64>)>
    where
        F: Fn(std::ops::Range<usize>) -> (f64, Vec<f64>) + Sync,
    {
        let per_partition = n.div_ceil(PARTITIONS).max(1);
        (0..PARTITIONS)
            .into_par_iter()
            .map(|part| pass((part * per_partition).min(n)..((part + 1) * per_partition).min(n)))
            .collect()
    }

    /// Adds the partitions in order, then scales and adds the L2 penalty.
    fn finish(&self, params: &[f64], partials: Vec<(f64, Vec<f64>)>) -> (f64, Vec<f64>) {
        let p = self.x.n_cols() * self.k;
        let w = &params[..p];
        let mut partials = partials.into_iter();
        let (mut data_loss, mut grad) = partials.next().unwrap_or_default();
        for (loss, partial) in partials {
            data_loss += loss;
            grad.iter_mut().zip(&partial).for_each(|(g, x)| *g += x);
        }
        let scale = 1.0 / self.weight_sum;
        let penalty = self.inv_c * scale;
        let (gw, gb) = grad.split_at_mut(p);
        gw.iter_mut().zip(w).for_each(|(g, wj)| *g = *g * scale + penalty * wj);
        gb.iter_mut().for_each(|g| *g *= scale);
        let norm: f64 = w.iter().map(|v| v * v).sum();
        (data_loss * scale + 0.5 * penalty * norm, grad)
    }
}

impl CostFunction for Objective<'_> {
    type Param = Array1<f64>;
    type Output = f64;
    fn cost(&self, params: &Self::Param) -> Result<f64, argmin::core::Error> {
        Ok(self.evaluate(params).0)
    }
}

impl Gradient for Objective<'_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;
    fn gradient(&self, params: &Self::Param) -> Result<Array1<f64>, argmin::core::Error> {
        Ok(self.evaluate(params).1)
    }
}

/// Forwards each iteration's loss to a progress callback.
struct ProgressObserver(Progress);

impl<I: State<Float = f64>> Observe<I> for ProgressObserver {
    fn observe_iter(&mut self, state: &I, _kv: &KV) -> Result<(), argmin::core::Error> {
        (self.0)(state.get_iter(), state.get_cost());
        Ok(())
    }
}

/// Correction pairs kept by L-BFGS (scipy's and argmin's default).
const LBFGS_MEMORY: usize = 10;

fn fit_sparse(
    x: &CsrMatrix,
    classes: Vec<String>,
    targets: &[usize],
    weights: &[f64],
    params: &TrainParams,
    progress: Option<Progress>,
) -> Result<(LinearModel, FitReport), TrainError> {
    let k = classes.len();
    let p = x.n_cols();
    let objective = Objective::new(x, targets, weights, k, params.c);
    let solver_error = |e: argmin::core::Error| TrainError::Solver(e.to_string());
    let solver = Lbfgs::new(LBFGS_MEMORY, params.tol);
    let init = Array1::<f64>::zeros((p + 1) * k);
    let mut executor = Executor::new(objective, solver).configure(|state| state.param(init).max_iters(params.max_iter));
    if let Some(callback) = progress {
        executor = executor.add_observer(ProgressObserver(callback), ObserverMode::Always);
    }
    let result = executor.run().map_err(solver_error)?;
    let evaluations = result.problem.problem.as_ref().map_or(0, |o| o.evaluations.load(Ordering::Relaxed));
    let state = result.state();
    let best = state.get_best_param().ok_or_else(|| TrainError::Solver("no parameters returned".into()))?;
    let converged =
        matches!(state.get_termination_status(), TerminationStatus::Terminated(TerminationReason::SolverConverged));
    let report = FitReport { iterations: state.get_iter(), evaluations, final_loss: state.get_best_cost(), converged };
    let values = best.to_vec();
    let (w, b) = values.split_at(p * k);
    Ok((LinearModel::new(classes, p, w.to_vec(), b.to_vec()), report))
}

fn fit_linfa(
    x: &CsrMatrix,
    classes: Vec<String>,
    targets: &[usize],
    params: &TrainParams,
) -> Result<(LinearModel, FitReport), TrainError> {
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
    // linfa does not expose its iteration count.
    Ok((model, FitReport { iterations: 0, evaluations: 0, final_loss, converged: true }))
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

    use crate::features::{TfidfParams, Vectorizer};
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
        let (sparse, report) = fit(&x, &y, &params, None).unwrap();
        let linfa_params = TrainParams { solver: Solver::Linfa, tol: 1e-9, ..params.clone() };
        let (dense, _) = fit(&x, &y, &linfa_params, None).unwrap();
        assert_eq!(sparse.labels(), dense.labels());
        let (a, b) = (probabilities(&sparse, &x), probabilities(&dense, &x));
        let max_diff = (&a - &b).iter().fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(max_diff < 1e-4, "probabilities differ by {max_diff}");
        assert!(report.iterations > 0 && report.final_loss.is_finite());
        // Training accuracy on a separable toy problem.
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
        let objective = Objective::new(&x, &targets, &weights, 3, 2.0);
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

    #[test]
    fn fixed_size_kernel_matches_the_general_one() {
        let (x, y) = toy();
        let (_, targets) = encode_labels(&y);
        let weights = vec![1.0; targets.len()];
        let objective = Objective::new(&x, &targets, &weights, 3, 2.0);
        let params: Vec<f64> = (0..(x.n_cols() + 1) * 3).map(|i| ((i * 31) % 17) as f64 / 10.0 - 0.8).collect();
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
            assert!(matches!(fit(&x, &y, &bad, None), Err(TrainError::InvalidParam(_))));
        }
        let one = vec!["x".to_string(); y.len()];
        assert!(matches!(fit(&x, &one, &TrainParams::default(), None), Err(TrainError::SingleClass { .. })));
    }

    #[test]
    fn same_input_gives_identical_weights_at_any_thread_count() {
        let (x, y) = toy();
        let run = |threads| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| fit(&x, &y, &TrainParams::default(), None).unwrap().0)
        };
        assert_eq!(run(1), run(2));
    }
}
