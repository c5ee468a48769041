//! The fitted classifier: one weight vector per label over TF-IDF columns,
//! applied to sparse rows.

use crate::features::sparse::SparseRow;
use serde::{Deserialize, Serialize};

/// Multinomial logistic regression weights with labels in a fixed (sorted) order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearModel {
    labels: Vec<String>,
    n_features: usize,
    /// Row-major `n_features x n_labels`.
    weights: Vec<f64>,
    intercept: Vec<f64>,
}

/// One prediction: the winning label index and a probability per label.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub label: usize,
    pub probabilities: Vec<f64>,
}

impl Prediction {
    pub fn from_logits(logits: &[f64]) -> Prediction {
        let probabilities = softmax(logits);
        Prediction { label: argmax(&probabilities), probabilities }
    }

    pub fn confidence(&self) -> f64 {
        self.probabilities[self.label]
    }
}

impl LinearModel {
    /// `weights` is row-major `n_features x labels.len()`.
    pub fn new(labels: Vec<String>, n_features: usize, weights: Vec<f64>, intercept: Vec<f64>) -> Self {
        assert_eq!(weights.len(), n_features * labels.len(), "weight matrix shape");
        assert_eq!(intercept.len(), labels.len(), "intercept length");
        LinearModel { labels, n_features, weights, intercept }
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Checks the shapes a decoded model must have before it is used.
    pub fn check_shapes(&self) -> Result<(), String> {
        if self.labels.is_empty() {
            return Err("the model has no labels".into());
        }
        if self.weights.len() != self.n_features * self.labels.len() || self.intercept.len() != self.labels.len() {
            return Err(format!(
                "weights ({}) and intercept ({}) do not fit {} features x {} labels",
                self.weights.len(),
                self.intercept.len(),
                self.n_features,
                self.labels.len()
            ));
        }
        Ok(())
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    pub fn weight(&self, feature: usize, label: usize) -> f64 {
        self.weights[feature * self.labels.len() + label]
    }

    pub fn intercept(&self) -> &[f64] {
        &self.intercept
    }

    /// Unnormalised scores (intercept + x·w) per label.
    pub fn logits(&self, row: &SparseRow) -> Vec<f64> {
        let mut z = self.intercept.clone();
        for (feature, value) in row.iter() {
            self.add_feature(&mut z, feature, value);
        }
        z
    }

    /// Adds one feature's `value x weight` to every label's logit (features
    /// beyond the model's columns weigh nothing).
    pub fn add_feature(&self, logits: &mut [f64], feature: usize, value: f32) {
        let k = self.labels.len();
        if let Some(w) = self.weights.get(feature * k..(feature + 1) * k) {
            for (zc, wc) in logits.iter_mut().zip(w) {
                *zc += value as f64 * wc;
            }
        }
    }

    pub fn predict(&self, row: &SparseRow) -> Prediction {
        Prediction::from_logits(&self.logits(row))
    }
}

/// A probability threshold in [0, 1], validated once where it enters (flag or
/// library call), so no command ever works with an impossible one.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Probability(f64);

impl Probability {
    pub fn new(p: f64) -> Result<Probability, String> {
        if (0.0..=1.0).contains(&p) {
            Ok(Probability(p))
        } else {
            Err(format!("{p} is not a probability between 0 and 1"))
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl std::str::FromStr for Probability {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let p: f64 = s.trim().parse().map_err(|_| format!("'{s}' is not a probability between 0 and 1"))?;
        Probability::new(p).map_err(|_| format!("'{s}' is not a probability between 0 and 1"))
    }
}

/// Softmax with the max subtracted per row, so large logits never overflow.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let sum: f64 = exp.iter().sum();
    exp.into_iter().map(|e| e / sum).collect()
}

/// Index of the largest value; the first one wins ties.
pub fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn predicts_from_sparse_rows() {
        let labels = vec!["a".to_string(), "b".to_string()];
        // feature 0 favours a, feature 1 favours b
        let model = LinearModel::new(labels, 2, vec![2.0, -2.0, -1.0, 1.0], vec![0.0, 0.5]);
        let row = SparseRow { indices: vec![0], values: vec![1.0] };
        assert_eq!(model.logits(&row), vec![2.0, -1.5]);
        let p = model.predict(&row);
        assert_eq!(p.label, 0);
        assert_abs_diff_eq!(p.probabilities[0], 1.0 / (1.0 + (-3.5f64).exp()), epsilon = 1e-12);
        assert_abs_diff_eq!(p.probabilities.iter().sum::<f64>(), 1.0, epsilon = 1e-12);
        assert_eq!(model.predict(&SparseRow::default()).label, 1);
    }

    #[test]
    fn probabilities_are_checked() {
        assert_eq!("0.5".parse::<Probability>().unwrap().get(), 0.5);
        for bad in ["1.5", "-0.1", "NaN", "x"] {
            assert!(bad.parse::<Probability>().is_err(), "{bad}");
        }
    }

    #[test]
    fn softmax_is_stable_for_huge_logits() {
        let p = softmax(&[1000.0, 999.0, -1000.0]);
        assert!(p.iter().all(|x| x.is_finite()));
        assert_abs_diff_eq!(p[0], 1.0 / (1.0 + (-1f64).exp()), epsilon = 1e-12);
    }
}
