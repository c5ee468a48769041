//! Times classification in-process, on one thread, with the scorer's word
//! cache fresh and then with every word cached: the part of batch
//! prediction that model loading and CSV input and output do not blur.
//!
//!     cargo run --release --example predict_timing -- MODEL CSV [TEXT_COLUMN] [RUNS]
//!
//! Each run loads the model anew and classifies on a new thread, so the
//! per-thread caches (words, stems) start empty.

use anyhow::{Context, Result};
use stance::model::classifier::Classifier;
use stance::model::file::ModelArtifact;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: predict_timing MODEL CSV [TEXT_COLUMN] [RUNS]";
    let model = PathBuf::from(args.next().context(usage)?);
    let csv = PathBuf::from(args.next().context(usage)?);
    let column = args.next().unwrap_or_else(|| "text".to_string());
    let runs: usize = args.next().map_or(Ok(5), |runs| runs.parse().context("RUNS must be a number"))?;
    let texts = read_column(&csv, &column)?;
    let (mut fresh, mut cached) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let classifier = Classifier::new(ModelArtifact::load(&model)?);
        let (first, second) = std::thread::scope(|scope| {
            scope
                .spawn(|| -> Result<(f64, f64)> { Ok((time(&classifier, &texts)?, time(&classifier, &texts)?)) })
                .join()
        })
        .map_err(|_| anyhow::anyhow!("the timing thread panicked"))??;
        fresh.push(first);
        cached.push(second);
        // As `stance predict` does: the process ends soon, so skip freeing.
        std::mem::forget(classifier);
    }
    println!(
        "{} texts, one thread: {:.1} ms with a fresh cache, {:.1} ms with every word cached (medians of {})",
        texts.len(),
        median(&mut fresh),
        median(&mut cached),
        fresh.len()
    );
    Ok(())
}

fn read_column(path: &PathBuf, column: &str) -> Result<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let index = reader
        .headers()?
        .iter()
        .position(|name| name == column)
        .with_context(|| format!("{}: no column named '{column}'", path.display()))?;
    reader
        .records()
        .map(|record| Ok(record.with_context(|| path.display().to_string())?.get(index).unwrap_or("").to_string()))
        .collect()
}

/// Milliseconds to classify every text once.
fn time(classifier: &Classifier, texts: &[String]) -> Result<f64> {
    let start = Instant::now();
    for text in texts {
        std::hint::black_box(classifier.classify(text)?);
    }
    Ok(start.elapsed().as_secs_f64() * 1e3)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
