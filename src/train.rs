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

use crate::lbfgs::Lbfgs;
use crate::model::{argmax, LinearModel};
use crate::sparse::{CscMatrix, CsrMatrix};
use argmin::core::{CostFunction, Gradient};
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::Array1;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::ops::Range;
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

/// The last evaluation: a fingerprint of its parameters, the cost, and the
/// gradient until someone takes it.
struct Evaluation {
    fingerprint: u64,
    cost: f64,
    gradient: Option<Array1<f64>>,
}

/// The objective over CSC columns; caches the last evaluation because L-BFGS
/// asks for the cost and the gradient at the same point separately.
struct Objective {
    x: CscMatrix,
    /// Fixed column ranges of the logit pass (see [`PARTITIONS`]).
    column_parts: Vec<Range<usize>>,
    gradient_parts: Vec<Range<usize>>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    k: usize,
    inv_c: f64,
    weight_sum: f64,
    cache: Mutex<Option<Evaluation>>,
    evaluations: AtomicU64,
}

/// Column partitions of the logit pass. Each adds into its own rows x labels
/// buffer and the buffers are added in partition order, so the result is the
/// same at any thread count.
const PARTITIONS: usize = 4;

/// Rows per parallel chunk of the loss pass; fixed for the same reason.
const ROW_CHUNK: usize = 4096;

/// Column ranges of the gradient pass, of about equal non-zeros so the
/// frequent columns (all at the front) do not end up in one task. Each
/// gradient entry is one column's sum, so this does not change results.
const GRADIENT_PARTS: usize = 64;

impl Objective {
    fn new(x: CscMatrix, targets: Vec<usize>, weights: Vec<f64>, k: usize, c: f64) -> Self {
        Objective {
            column_parts: x.balanced_column_ranges(PARTITIONS),
            gradient_parts: x.balanced_column_ranges(GRADIENT_PARTS),
            x,
            weight_sum: weights.iter().sum::<f64>().max(f64::MIN_POSITIVE),
            targets,
            weights,
            k,
            inv_c: 1.0 / c,
            cache: Mutex::new(None),
            evaluations: AtomicU64::new(0),
        }
    }

    /// The cost at `params`, computing (and caching the gradient) if needed.
    fn cost_at(&self, params: &Array1<f64>) -> f64 {
        let fingerprint = fingerprint(params);
        if let Some(cost) = self.cached(|e| (e.fingerprint == fingerprint).then_some(e.cost)) {
            return cost;
        }
        let (cost, gradient) = self.evaluate(params);
        self.store(Evaluation { fingerprint, cost, gradient: Some(gradient) });
        cost
    }

    /// The gradient at `params`: handed over from the cache when the cost
    /// was just computed there (the usual case), so it is never copied.
    fn gradient_at(&self, params: &Array1<f64>) -> Array1<f64> {
        let fingerprint = fingerprint(params);
        let cached = self.cached(|e| (e.fingerprint == fingerprint).then(|| e.gradient.take()).flatten());
        cached.unwrap_or_else(|| {
            let (cost, gradient) = self.evaluate(params);
            self.store(Evaluation { fingerprint, cost, gradient: None });
            gradient
        })
    }

    fn cached<T>(&self, read: impl FnOnce(&mut Evaluation) -> Option<T>) -> Option<T> {
        self.cache.lock().ok()?.as_mut().and_then(read)
    }

    fn store(&self, evaluation: Evaluation) {
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some(evaluation);
        }
    }

    fn evaluate(&self, params: &Array1<f64>) -> (f64, Array1<f64>) {
        self.evaluations.fetch_add(1, Ordering::Relaxed);
        let (cost, grad) = match params.as_slice() {
            Some(values) => self.compute(values),
            None => self.compute(&params.to_vec()),
        };
        (cost, Array1::from(grad))
    }

    /// Loss and gradient: logits column by column, a per-row log-sum-exp
    /// turning them into residuals s_i (p_i - y_i), then each gradient entry
    /// as its column's dot product with the residuals.
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

    /// One evaluation with `K` labels (`K = 0`: the count is only known at run time).
    fn compute_k<const K: usize>(&self, params: &[f64]) -> (f64, Vec<f64>) {
        let k = if K == 0 { self.k } else { K };
        let p = self.x.n_cols();
        let (w, b) = params.split_at(p * k);
        let mut residuals = self.logits_k::<K>(w, b);
        let data_loss = self.loss_and_residuals(&mut residuals);
        let mut grad = vec![0.0f64; (p + 1) * k];
        let (gw, gb) = grad.split_at_mut(p * k);
        self.column_gradients_k::<K>(&residuals, gw);
        for ri in residuals.chunks_exact(k) {
            gb.iter_mut().zip(ri).for_each(|(g, r)| *g += r);
        }
        self.finish(w, data_loss, grad)
    }

    /// The weighted log-loss of logits `z` (rows x labels), turning each row
    /// into its residual s_i (p_i - y_i) in place.
    fn loss_and_residuals(&self, z: &mut [f64]) -> f64 {
        let k = self.k;
        let partial_losses: Vec<f64> = z
            .par_chunks_mut(ROW_CHUNK * k)
            .enumerate()
            .map(|(chunk, z)| {
                let mut loss = 0.0;
                for (offset, zi) in z.chunks_exact_mut(k).enumerate() {
                    let i = chunk * ROW_CHUNK + offset;
                    let max = zi.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    let lse = max + zi.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
                    let (s, y) = (self.weights[i], self.targets[i]);
                    loss += s * (lse - zi[y]);
                    for (c, zc) in zi.iter_mut().enumerate() {
                        *zc = s * ((*zc - lse).exp() - if c == y { 1.0 } else { 0.0 });
                    }
                }
                loss
            })
            .collect();
        partial_losses.iter().sum()
    }

    /// Each weight's gradient entry (before scaling and the penalty): its
    /// column's dot product with the residuals, in nnz-balanced parallel tasks.
    fn column_gradients_k<const K: usize>(&self, residuals: &[f64], gw: &mut [f64]) {
        let k = if K == 0 { self.k } else { K };
        let mut slices = Vec::with_capacity(self.gradient_parts.len());
        let mut rest = gw;
        for columns in &self.gradient_parts {
            let (part, tail) = rest.split_at_mut(columns.len() * k);
            slices.push((columns.start, part));
            rest = tail;
        }
        slices.into_par_iter().for_each(|(first, g)| {
            for (offset, gj) in g.chunks_exact_mut(k).enumerate() {
                let (rows, vals) = self.x.column(first + offset);
                column_dot::<K>(rows, vals, residuals, gj);
            }
        });
    }

    /// Row-major rows x labels logits `X·W + b`.
    fn logits_k<const K: usize>(&self, w: &[f64], b: &[f64]) -> Vec<f64> {
        let k = if K == 0 { self.k } else { K };
        let n = self.x.n_rows();
        let partials: Vec<Vec<f64>> = self
            .column_parts
            .par_iter()
            .map(|columns| {
                let mut z = vec![0.0f64; n * k];
                for j in columns.clone() {
                    let wj = &w[j * k..(j + 1) * k];
                    let (rows, vals) = self.x.column(j);
                    for (&i, &v) in rows.iter().zip(vals) {
                        let zi = &mut z[i as usize * k..][..k];
                        for (zc, wc) in zi.iter_mut().zip(wj) {
                            *zc += v as f64 * wc;
                        }
                    }
                }
                z
            })
            .collect();
        let mut z = b.repeat(n);
        for partial in &partials {
            z.iter_mut().zip(partial).for_each(|(zc, pc)| *zc += pc);
        }
        z
    }

    /// Scales the data terms by the total sample weight and adds the L2 penalty.
    fn finish(&self, w: &[f64], data_loss: f64, mut grad: Vec<f64>) -> (f64, Vec<f64>) {
        let scale = 1.0 / self.weight_sum;
        let penalty = self.inv_c * scale;
        let (gw, gb) = grad.split_at_mut(w.len());
        gw.iter_mut().zip(w).for_each(|(g, wj)| *g = *g * scale + penalty * wj);
        gb.iter_mut().for_each(|g| *g *= scale);
        let norm: f64 = w.iter().map(|v| v * v).sum();
        (data_loss * scale + 0.5 * penalty * norm, grad)
    }

    /// Rows whose highest logit is their own label's, under `params`.
    fn correct(&self, params: &[f64]) -> usize {
        let (w, b) = params.split_at(self.x.n_cols() * self.k);
        let z = self.logits_k::<0>(w, b);
        z.chunks_exact(self.k).zip(&self.targets).filter(|(zi, &y)| argmax(zi) == y).count()
    }
}

/// `out = Σ v · residuals[row]` over one column's entries; `K = 0` when the
/// label count (`out.len()`) is only known at run time.
fn column_dot<const K: usize>(rows: &[u32], vals: &[f32], residuals: &[f64], out: &mut [f64]) {
    if K == 0 {
        let k = out.len();
        out.fill(0.0);
        for (&i, &v) in rows.iter().zip(vals) {
            let ri = &residuals[i as usize * k..][..k];
            out.iter_mut().zip(ri).for_each(|(o, r)| *o += v as f64 * r);
        }
    } else {
        // A local array the compiler keeps in registers.
        let mut sum = [0.0f64; K];
        for (&i, &v) in rows.iter().zip(vals) {
            let ri = &residuals[i as usize * K..][..K];
            sum.iter_mut().zip(ri).for_each(|(o, r)| *o += v as f64 * r);
        }
        out.copy_from_slice(&sum);
    }
}

impl CostFunction for Objective {
    type Param = Array1<f64>;
    type Output = f64;
    fn cost(&self, params: &Self::Param) -> Result<f64, argmin::core::Error> {
        Ok(self.cost_at(params))
    }
}

impl Gradient for Objective {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;
    fn gradient(&self, params: &Self::Param) -> Result<Array1<f64>, argmin::core::Error> {
        Ok(self.gradient_at(params))
    }
}

/// A 64-bit hash of the parameters' bits: vectors that differ in one value
/// always differ here, and others collide with negligible probability.
/// Fixed chunks are hashed in parallel, then their hashes in order.
fn fingerprint(params: &Array1<f64>) -> u64 {
    let chunk_hashes: Vec<u64> = match params.as_slice() {
        Some(values) => values.par_chunks(1 << 16).map(|chunk| hash_words(chunk.iter().map(|v| v.to_bits()))).collect(),
        None => vec![hash_words(params.iter().map(|v| v.to_bits()))],
    };
    hash_words(chunk_hashes.into_iter())
}

fn hash_words(words: impl Iterator<Item = u64>) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    words.for_each(|word| hasher.write_u64(word));
    hasher.finish()
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
    use crate::sparse::SparseRow;
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
