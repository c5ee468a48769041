//! L-BFGS for large parameter vectors: the two-loop recursion runs in
//! parallel over fixed chunks, the history reuses its buffers, and the loop
//! keeps only the current point and gradient (argmin's executor would keep
//! several more copies of each); the line search is argmin's More–Thuente —
//! the solver family linfa-logistic uses — and the stopping rule
//! scikit-learn's (largest absolute gradient component at most `tol`).

use argmin::core::{CostFunction, Error, Executor, Gradient, LineSearch, OptimizationResult};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use ndarray::Array1;
use rayon::prelude::*;
use std::collections::VecDeque;

pub type Vector = Array1<f64>;

/// Elements per parallel chunk of the vector operations; fixed, so sums are
/// added in the same order at any thread count.
const CHUNK: usize = 1 << 14;

/// One correction pair: the step `s`, the gradient change `y`, and 1 / (s·y).
/// Stored in single precision: the pairs only shape the search direction
/// (the line search and the stopping rule see exact values), and halving
/// them halves the solver's largest memory and the bandwidth of each step.
struct Pair {
    s: Vec<f32>,
    y: Vec<f32>,
    rho: f64,
}

pub struct Lbfgs {
    memory: usize,
    tol: f64,
    history: VecDeque<Pair>,
    /// Scaling of the initial Hessian approximation: s·y / y·y of the newest pair.
    gamma: f64,
}

impl Lbfgs {
    pub fn new(memory: usize, tol: f64) -> Lbfgs {
        Lbfgs { memory, tol, history: VecDeque::new(), gamma: 1.0 }
    }

    /// The search direction -H·g by the two-loop recursion. Each pass over
    /// the vectors applies one pair's update and takes the dot product the
    /// next pair needs, so `q` is read and written once per pair and loop.
    fn direction(&self, gradient: &[f64]) -> Vec<f64> {
        let mut q = gradient.to_vec();
        let pairs: Vec<&Pair> = self.history.iter().collect();
        let m = pairs.len();
        let mut alpha = vec![0.0; m];
        // First loop, newest pair first: alpha_i = rho_i s_i·q; q -= alpha_i y_i.
        let mut s_dot_q = pairs.last().map_or(0.0, |newest| dot(&newest.s, &q));
        for i in (0..m).rev() {
            alpha[i] = pairs[i].rho * s_dot_q;
            let next = i.checked_sub(1).map(|j| &pairs[j].s[..]);
            s_dot_q = update_and_dot(&mut q, -alpha[i], &pairs[i].y, 1.0, next);
        }
        // q = gamma q, then the second loop, oldest pair first:
        // beta_i = rho_i y_i·q; q += (alpha_i - beta_i) s_i; finally q = -q.
        let mut y_dot_q = match pairs.first() {
            Some(oldest) => scale_and_dot(&mut q, self.gamma, &oldest.y),
            None => {
                q.par_chunks_mut(CHUNK).for_each(|c| c.iter_mut().for_each(|v| *v *= -self.gamma));
                return q;
            }
        };
        for i in 0..m {
            let beta = pairs[i].rho * y_dot_q;
            let last = i + 1 == m;
            let next = pairs.get(i + 1).map(|pair| &pair.y[..]);
            y_dot_q = update_and_dot(&mut q, alpha[i] - beta, &pairs[i].s, if last { -1.0 } else { 1.0 }, next);
        }
        q
    }

    /// Stores the newest correction pair when it has positive curvature.
    fn remember(&mut self, old_x: &[f64], new_x: &[f64], old_g: &[f64], new_g: &[f64]) {
        // Reuse the buffers of the pair about to be forgotten.
        let (mut s, mut y) = match self.history.len() == self.memory {
            true => self.history.pop_front().map_or_else(Default::default, |p| (p.s, p.y)),
            false => (Vec::new(), Vec::new()),
        };
        let difference = |out: &mut Vec<f32>, a: &[f64], b: &[f64]| {
            out.clear();
            out.extend(a.iter().zip(b).map(|(x, y)| (x - y) as f32));
        };
        difference(&mut s, new_x, old_x);
        difference(&mut y, new_g, old_g);
        let (sy, yy) = (dot(&s, &y), dot(&y, &y));
        if sy > f64::EPSILON * yy && sy.is_finite() {
            self.history.push_back(Pair { s, y, rho: 1.0 / sy });
            self.gamma = sy / yy;
        }
    }
}

/// `a · b` in double precision, summed per fixed chunk in order.
fn dot<A: Copy + Into<f64> + Sync, B: Copy + Into<f64> + Sync>(a: &[A], b: &[B]) -> f64 {
    let partials: Vec<f64> = a
        .par_chunks(CHUNK)
        .zip(b.par_chunks(CHUNK))
        .map(|(x, y)| x.iter().zip(y).map(|(&x, &y)| x.into() * y.into()).sum())
        .collect();
    partials.iter().sum()
}

/// `q = sign (q + a x)`, returning `next · q` afterwards (0 without `next`),
/// in one pass, summed per fixed chunk in order.
fn update_and_dot(q: &mut [f64], a: f64, x: &[f32], sign: f64, next: Option<&[f32]>) -> f64 {
    let partials: Vec<f64> = q
        .par_chunks_mut(CHUNK)
        .zip(x.par_chunks(CHUNK))
        .enumerate()
        .map(|(chunk, (q, x))| {
            q.iter_mut().zip(x).for_each(|(q, &x)| *q = sign * (*q + a * x as f64));
            next.map_or(0.0, |next| q.iter().zip(&next[chunk * CHUNK..]).map(|(&q, &n)| q * n as f64).sum())
        })
        .collect();
    partials.iter().sum()
}

/// `q = gamma q`, returning `next · q` afterwards, in one pass.
fn scale_and_dot(q: &mut [f64], gamma: f64, next: &[f32]) -> f64 {
    let partials: Vec<f64> = q
        .par_chunks_mut(CHUNK)
        .zip(next.par_chunks(CHUNK))
        .map(|(q, next)| {
            q.iter_mut().for_each(|v| *v *= gamma);
            q.iter().zip(next).map(|(&q, &n)| q * n as f64).sum()
        })
        .collect();
    partials.iter().sum()
}

/// Where the minimisation stopped.
/// Steps one line search may try: it ends a step that cannot find a lower
/// cost (a flat, underflowing or non-finite objective) instead of looping.
const LINE_SEARCH_MAX_ITERS: u64 = 40;

#[derive(Debug)]
pub struct Minimum {
    pub param: Vector,
    pub cost: f64,
    pub iterations: u64,
    /// The gradient met the tolerance (otherwise: the iteration limit, or a
    /// line search that found no lower cost).
    pub converged: bool,
}

impl Lbfgs {
    /// Minimises `objective` from `init`, calling `on_iteration(iteration,
    /// cost)` after each step. Each step only moves to a point with a lower
    /// cost, so the last point is the best one.
    pub fn minimize<O>(
        mut self,
        objective: &O,
        init: Vector,
        max_iters: u64,
        mut on_iteration: impl FnMut(u64, f64),
    ) -> Result<Minimum, Error>
    where
        O: CostFunction<Param = Vector, Output = f64> + Gradient<Param = Vector, Gradient = Vector>,
    {
        let mut x = init;
        let mut cost = objective.cost(&x)?;
        let mut g = objective.gradient(&x)?;
        if !cost.is_finite() || g.iter().any(|v| !v.is_finite()) {
            return Err(Error::msg(format!(
                "the objective is not finite at the start (cost {cost}); the regularisation (C) is out of range"
            )));
        }
        let mut iterations = 0;
        let converged = loop {
            if g.iter().all(|v| v.abs() <= self.tol) {
                break true;
            }
            if iterations >= max_iters {
                break false;
            }
            let (Some(xs), Some(gs)) = (x.as_slice(), g.as_slice()) else {
                return Err(Error::msg("L-BFGS needs contiguous vectors"));
            };
            // A fresh search per step: cloning one would copy its direction.
            let mut linesearch = MoreThuenteLineSearch::new();
            let direction = self.direction(gs);
            if direction.iter().any(|v| !v.is_finite()) {
                break false;
            }
            linesearch.search_direction(Array1::from(direction));
            linesearch.initial_step_length(1.0)?;
            let search = Executor::new(Borrowed(objective), linesearch)
                .configure(|s| s.param(x.clone()).gradient(g.clone()).cost(cost).max_iters(LINE_SEARCH_MAX_ITERS))
                .ctrlc(false)
                .run();
            let OptimizationResult { state: mut found, .. } = match search {
                Ok(result) => result,
                Err(_) => break false,
            };
            // No point (every trial was worse or not finite): this is as low as it goes.
            let Some(new_x) = found.take_param() else { break false };
            let new_cost = found.get_cost();
            if !new_cost.is_finite() || new_cost > cost {
                break false;
            }
            let new_g = match found.take_gradient() {
                Some(gradient) => gradient,
                None => objective.gradient(&new_x)?,
            };
            match (new_x.as_slice(), new_g.as_slice()) {
                (Some(new_xs), Some(new_gs)) => self.remember(xs, new_xs, gs, new_gs),
                _ => return Err(Error::msg("L-BFGS needs contiguous vectors")),
            }
            (x, g, cost) = (new_x, new_g, new_cost);
            iterations += 1;
            on_iteration(iterations, cost);
        };
        Ok(Minimum { param: x, cost, iterations, converged })
    }
}

/// Lends the objective to the line search's executor, which would otherwise
/// take ownership of it (and lose it when the search fails).
struct Borrowed<'a, O>(&'a O);

impl<O: CostFunction> CostFunction for Borrowed<'_, O> {
    type Param = O::Param;
    type Output = O::Output;
    fn cost(&self, param: &Self::Param) -> Result<Self::Output, Error> {
        self.0.cost(param)
    }
}

impl<O: Gradient> Gradient for Borrowed<'_, O> {
    type Param = O::Param;
    type Gradient = O::Gradient;
    fn gradient(&self, param: &Self::Param) -> Result<Self::Gradient, Error> {
        self.0.gradient(param)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f(x) = sum_i i * (x_i - 1)^2: minimum at all ones.
    struct Bowl;

    impl CostFunction for Bowl {
        type Param = Vector;
        type Output = f64;
        fn cost(&self, x: &Vector) -> Result<f64, Error> {
            Ok(x.iter().enumerate().map(|(i, v)| (i + 1) as f64 * (v - 1.0).powi(2)).sum())
        }
    }

    impl Gradient for Bowl {
        type Param = Vector;
        type Gradient = Vector;
        fn gradient(&self, x: &Vector) -> Result<Vector, Error> {
            Ok(x.iter().enumerate().map(|(i, v)| 2.0 * (i + 1) as f64 * (v - 1.0)).collect())
        }
    }

    #[test]
    fn minimises_a_quadratic() {
        let mut costs = Vec::new();
        let found = Lbfgs::new(10, 1e-8).minimize(&Bowl, Array1::zeros(50), 200, |_, c| costs.push(c)).unwrap();
        assert!(found.param.iter().all(|v| (v - 1.0).abs() < 1e-6), "{:?}", found.param);
        assert!(found.converged);
        assert_eq!(costs.len() as u64, found.iterations);
        assert!(costs.windows(2).all(|w| w[1] <= w[0]), "costs only go down: {costs:?}");
    }

    #[test]
    fn stops_at_the_iteration_limit_with_the_best_point() {
        let found = Lbfgs::new(10, 1e-12).minimize(&Bowl, Array1::zeros(50), 2, |_, _| {}).unwrap();
        assert_eq!(found.iterations, 2);
        assert!(!found.converged);
        assert!((Bowl.cost(&found.param).unwrap() - found.cost).abs() < 1e-12);
    }

    /// The bowl where it is finite, and a cliff of `wall` past `x_0 = 0.5`:
    /// a step that lands there must not send the line search round forever.
    struct Cliff {
        wall: f64,
    }

    impl CostFunction for Cliff {
        type Param = Vector;
        type Output = f64;
        fn cost(&self, x: &Vector) -> Result<f64, Error> {
            if x[0] > 0.5 {
                return Ok(self.wall);
            }
            Bowl.cost(x)
        }
    }

    impl Gradient for Cliff {
        type Param = Vector;
        type Gradient = Vector;
        fn gradient(&self, x: &Vector) -> Result<Vector, Error> {
            if x[0] > 0.5 {
                return Ok(Array1::from_elem(x.len(), self.wall));
            }
            Bowl.gradient(x)
        }
    }

    #[test]
    fn non_finite_costs_end_the_search_within_the_iteration_limit() {
        for wall in [f64::NAN, f64::INFINITY] {
            let found = Lbfgs::new(10, 1e-12).minimize(&Cliff { wall }, Array1::zeros(5), 5, |_, _| {}).unwrap();
            assert!(found.iterations <= 5);
            assert!(found.cost.is_finite(), "the last point is a finite one: {}", found.cost);
        }
    }

    #[test]
    fn a_start_that_is_not_finite_is_an_error() {
        let start = Array1::from_elem(5, 1.0);
        let error = Lbfgs::new(10, 1e-8).minimize(&Cliff { wall: f64::NAN }, start, 5, |_, _| {}).unwrap_err();
        assert!(error.to_string().contains("not finite at the start"), "{error}");
    }
}
