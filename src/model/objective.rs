//! The training objective over CSC columns: mean weighted log-loss with a
//! per-row log-sum-exp plus `||W||² / (2·C·n)`, its gradient, and a cache of
//! the last point, because L-BFGS asks for the cost and the gradient of the
//! same point separately. Sums run over fixed partitions so results do not
//! depend on the thread count.

use crate::features::sparse::CscMatrix;
use crate::model::linear::argmax;
use argmin::core::{CostFunction, Gradient};
use ndarray::Array1;
use rayon::prelude::*;
use std::hash::Hasher;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The last evaluation: a fingerprint of its parameters, the cost, and the
/// gradient until someone takes it.
struct Evaluation {
    fingerprint: u64,
    cost: f64,
    gradient: Option<Array1<f64>>,
}

/// The objective over CSC columns; caches the last evaluation because L-BFGS
/// asks for the cost and the gradient at the same point separately.
pub(super) struct Objective {
    pub(super) x: CscMatrix,
    /// Fixed column ranges of the logit pass (see [`PARTITIONS`]).
    column_parts: Vec<Range<usize>>,
    gradient_parts: Vec<Range<usize>>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    k: usize,
    inv_c: f64,
    weight_sum: f64,
    cache: Mutex<Option<Evaluation>>,
    pub(super) evaluations: AtomicU64,
}

/// Column partitions of the logit pass. Each adds into its own rows x labels
/// buffer and the buffers are added in partition order, so the result is the
/// same at any thread count.
const PARTITIONS: usize = 4;

/// Rows per parallel chunk of the loss pass; fixed for the same reason.
pub(super) const ROW_CHUNK: usize = 4096;

/// Column ranges of the gradient pass, of about equal non-zeros so the
/// frequent columns (all at the front) do not end up in one task. Each
/// gradient entry is one column's sum, so this does not change results.
const GRADIENT_PARTS: usize = 64;

impl Objective {
    pub(super) fn new(x: CscMatrix, targets: Vec<usize>, weights: Vec<f64>, k: usize, c: f64) -> Self {
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
    pub(super) fn compute(&self, params: &[f64]) -> (f64, Vec<f64>) {
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
    pub(super) fn compute_k<const K: usize>(&self, params: &[f64]) -> (f64, Vec<f64>) {
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
    pub(super) fn correct(&self, params: &[f64]) -> usize {
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
pub(super) fn fingerprint(params: &Array1<f64>) -> u64 {
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
