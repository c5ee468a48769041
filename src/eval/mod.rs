//! Scoring models on labeled data: gold and predicted labels in, scores out.
//! [`metrics`] scores one set of predictions by the metric a model records;
//! [`cv`] cross-validates training
//! settings; [`report`] adds bootstrap intervals, calibration, mistakes and
//! abstention.

pub mod cv;
pub mod metrics;
pub mod report;
