//! `stance train --context-stories` (and `--story-rows`) end to end, on a
//! slice of the corpus and of the stories so a debug build stays quick.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Copies the header and the data rows of `source` that `keep` (record, row index) accepts.
fn slice(source: &str, out: &Path, keep: impl Fn(&csv::StringRecord, usize) -> bool) -> usize {
    let mut reader = csv::Reader::from_path(repo(source)).unwrap();
    let mut writer = csv::Writer::from_path(out).unwrap();
    writer.write_record(reader.headers().unwrap()).unwrap();
    let mut kept = 0;
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap();
        if keep(&record, i) {
            writer.write_record(&record).unwrap();
            kept += 1;
        }
    }
    writer.flush().unwrap();
    kept
}

struct Slices {
    dir: TempDir,
    statements: PathBuf,
    stories: PathBuf,
    statement_rows: usize,
    story_units: usize,
}

fn slices() -> Slices {
    let dir = TempDir::new().unwrap();
    let statements = dir.path().join("statements.csv");
    let stories = dir.path().join("stories.csv");
    let statement_rows = slice("data/statements.csv", &statements, |_, i| i % 8 == 0);
    let first_ten: Vec<String> = (1..=10).map(|i| format!("st{i:03}")).collect();
    let story_units = slice("data/stories.csv", &stories, |r, _| first_ten.iter().any(|s| s == &r[0]));
    Slices { dir, statements, stories, statement_rows, story_units }
}

fn train(s: &Slices, out: &Path, extra: &[&str]) -> Value {
    let output = Command::cargo_bin("stance")
        .unwrap()
        .args(["train", "--label-col", "stance", "--format", "json", "--data"])
        .arg(&s.statements)
        .arg("--context-stories")
        .arg(&s.stories)
        .args(extra)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn inspect(model: &Path) -> String {
    let output = Command::cargo_bin("stance").unwrap().arg("inspect").arg(model).output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_stage_is_fitted_and_scored_on_held_out_stories() {
    let s = slices();
    assert!(s.story_units > 150, "{} units", s.story_units);
    let out = s.dir.path().join("plain.model");
    let summary = train(&s, &out, &[]);
    assert_eq!(summary["rows"], s.statement_rows);
    let card = inspect(&out);
    assert!(card.contains("held-out stories (5 folds, 10 stories"), "{card}");
    assert!(card.contains("rebuttal x voice answered:pro-sanctuary"), "{card}");
}

#[test]
fn story_rows_join_the_training_data_and_the_stage_is_cross_fitted() {
    let s = slices();
    let with_rows = s.dir.path().join("rows.model");
    let summary = train(&s, &with_rows, &["--story-rows"]);
    assert_eq!(summary["rows"], s.statement_rows + s.story_units, "every story unit is a training row");
    let card = inspect(&with_rows);
    assert!(card.contains("held-out stories (5 folds, 10 stories"), "{card}");
    // Cross-fitted: a story's sentence-only score comes from a model that never saw it, so it
    // stays far from the training accuracy (1.0 on rows the model learned).
    let sentence_only: f64 = card
        .split("sentence only ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no sentence-only figure in {card}"));
    assert!(sentence_only < 0.9, "sentence only {sentence_only}: stories read by models that learned them");
}

#[test]
fn story_rows_need_the_stance_labels() {
    let s = slices();
    let output = Command::cargo_bin("stance")
        .unwrap()
        .args(["train", "--label-col", "sentiment", "--data"])
        .arg(&s.statements)
        .arg("--context-stories")
        .arg(&s.stories)
        .arg("--story-rows")
        .arg("--out")
        .arg(s.dir.path().join("x.model"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--story-rows adds the stories' stance labels"), "{stderr}");
    assert!(!s.dir.path().join("x.model").exists());
}
