//! The evaluation report, the model card, explanations and abstention, end to end.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn stance() -> Command {
    let mut command = Command::cargo_bin("stance").unwrap();
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn evaluate_small(extra: &[&str]) -> Command {
    let mut command = stance();
    command
        .args(["evaluate", "--model", "models/stance.model", "--label-col", "stance", "--data"])
        .arg(repo("tests/fixtures/small.csv"))
        .args(extra);
    command
}

#[test]
fn evaluate_writes_markdown_json_and_a_self_contained_html_page() {
    let dir = TempDir::new().unwrap();
    let html = dir.path().join("report.html");
    evaluate_small(&["--format", "markdown", "--errors", "3", "--abstain-below", "0.9", "--html"])
        .arg(&html)
        .assert()
        .success()
        .stdout(predicate::str::contains("| label | precision | recall | f1 | support | predicted |"))
        .stdout(predicate::str::contains("## Calibration: ECE"))
        .stdout(predicate::str::contains("## Abstention"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<svg").count(), 2);
    // Nothing is fetched: no scripts, no linked resources (the SVG namespace is not a request).
    assert!(!page.contains("<script") && !page.contains("src=") && !page.contains("href=") && !page.contains("url("));

    let output = evaluate_small(&["--format", "json", "--bootstrap", "200", "--seed", "5"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let again: serde_json::Value = serde_json::from_slice(
        &evaluate_small(&["--format", "json", "--bootstrap", "200", "--seed", "5"]).output().unwrap().stdout,
    )
    .unwrap();
    assert_eq!(report["intervals"], again["intervals"], "bootstrap intervals are fixed by the seed");
    assert_eq!(report["intervals"]["resamples"], 200);
    assert_eq!(report["evaluation"]["micro_avg"]["f1"], report["evaluation"]["accuracy"]);
}

#[test]
fn labels_never_seen_in_training_are_reported_and_scored() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("d.csv");
    std::fs::write(&data, "text,stance\nThe council meets on Tuesday.,neutral\nWe love tacos.,food\n").unwrap();
    let output = stance()
        .args(["evaluate", "--model", "models/stance.model", "--label-col", "stance", "--format", "json", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("never saw in training: [\"food\"]"));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let food = report["evaluation"]["per_class"].as_array().unwrap().iter().find(|c| c["label"] == "food").unwrap();
    assert_eq!((food["support"].as_u64(), food["recall"].as_f64()), (Some(1), Some(0.0)));
}

#[test]
fn inspect_shows_the_model_card() {
    stance()
        .args(["inspect", "models/stance.model", "--top", "5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("trained on: statements.csv"))
        .stdout(predicate::str::contains("5-fold cross-validation"))
        .stdout(predicate::str::contains("pro-sanctuary: "));
    let output = stance().args(["inspect", "models/stance.model", "--top", "5", "--format", "json"]).output().unwrap();
    let card: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let corpus = std::fs::read(repo("data/statements.csv")).unwrap();
    assert_eq!(card["data_sha256"], stance::io::digest::sha256_hex(&corpus));
    let labels = card["parts"][0]["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 3);
    assert!(labels.iter().all(|l| l["top"].as_array().unwrap().len() == 5));
}

#[test]
fn classify_explains_and_abstains() {
    let output = stance()
        .args(["classify", "--format", "json", "--explain", "3", "--abstain-below", "0.99"])
        .write_stdin("We will never hand our neighbors over to ICE. The council meets on Tuesday.")
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut uncertain = 0;
    for sentence in report["sentences"].as_array().unwrap() {
        assert_eq!(sentence["explanation"].as_array().unwrap().len(), 3);
        let below = sentence["stance"]["confidence"].as_f64().unwrap() < 0.99;
        assert_eq!(sentence["stance"]["label"] == "uncertain", below, "{sentence}");
        uncertain += usize::from(below);
    }
    assert_eq!(report["summary"]["stance_counts"]["uncertain"], uncertain);
}

#[test]
fn an_unrelated_article_is_mostly_neutral() {
    let output = stance()
        .args(["classify", "--format", "json"])
        .arg(repo("tests/fixtures/attribution/unrelated.txt"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let counts = &report["summary"]["stance_counts"];
    let total: u64 = counts.as_object().unwrap().values().map(|c| c.as_u64().unwrap()).sum();
    let share = counts["neutral"].as_u64().unwrap() as f64 / total as f64;
    assert!(share > 0.5, "neutral share {share}");
    let narrator = report["summary"]["narrator"]["stance_shares"]["neutral"].as_f64().unwrap();
    assert!(narrator > 0.5, "narrator's neutral share {narrator}");
}
