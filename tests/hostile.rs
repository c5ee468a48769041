//! Regression tests for what hostile but realistic use found: outputs that
//! could overwrite inputs, CSV files that read wrong, misleading messages,
//! runs that hung and runs that exited 0 on nonsense.

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

fn copy_of(dir: &TempDir, fixture: &str, name: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::copy(repo(fixture), &path).unwrap();
    path
}

fn train(data: &Path, out: &Path) -> Command {
    let mut command = stance();
    command.args(["train", "--label-col", "stance", "--quiet", "--data"]).arg(data).arg("--out").arg(out);
    command
}

fn predict(input: &Path) -> Command {
    let mut command = stance();
    command.args(["predict", "--model", "models/sentiment.model", "--input"]).arg(input);
    command
}

#[test]
fn train_never_writes_its_model_over_its_data() {
    let dir = TempDir::new().unwrap();
    let data = copy_of(&dir, "tests/fixtures/small.csv", "corpus.csv");
    let before = std::fs::read(&data).unwrap();
    train(&data, &data).arg("--force").assert().code(2).stderr(predicate::str::contains("same file as the input"));
    assert_eq!(std::fs::read(&data).unwrap(), before, "the training data is intact");
}

#[test]
fn predict_and_evaluate_refuse_inputs_and_existing_files_as_outputs() {
    let dir = TempDir::new().unwrap();
    let input = copy_of(&dir, "tests/fixtures/small.csv", "rows.csv");
    let before = std::fs::read(&input).unwrap();
    for force in [false, true] {
        let mut run = predict(&input);
        run.arg("--out").arg(&input);
        if force {
            run.arg("--force");
        }
        run.assert().code(2).stderr(predicate::str::contains("same file as the input"));
    }
    let model = copy_of(&dir, "models/sentiment.model", "s.model");
    stance()
        .args(["predict", "--model"])
        .arg(&model)
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&model)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("same file as the input"));
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        predict(&input).arg("--out").arg(&link).arg("--force").assert().code(2);
    }
    assert_eq!(std::fs::read(&input).unwrap(), before);

    let out = dir.path().join("predictions.csv");
    std::fs::write(&out, "keep me").unwrap();
    predict(&input).arg("--out").arg(&out).assert().code(2).stderr(predicate::str::contains("pass --force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    predict(&input).arg("--out").arg(&out).arg("--force").assert().success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("row,label,confidence"));

    let evaluate = || {
        let mut command = stance();
        command.args(["evaluate", "--model", "models/stance.model", "--label-col", "stance", "--data"]).arg(&input);
        command
    };
    evaluate().arg("--html").arg(&input).arg("--force").assert().code(2);
    let html = dir.path().join("report.html");
    std::fs::write(&html, "keep me").unwrap();
    evaluate().arg("--html").arg(&html).assert().code(2).stderr(predicate::str::contains("pass --force"));
    evaluate().arg("--html").arg(&html).arg("--force").assert().success();
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_fifo_output_is_written_through_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    predict(&repo("tests/fixtures/small.csv")).arg("--out").arg(&fifo).assert().success();
    let received = reader.join().unwrap();
    assert_eq!(received.lines().count(), 19, "header and 18 rows came through the pipe");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_quoted_field_over_several_lines_is_named_and_strict_stops() {
    let dir = TempDir::new().unwrap();
    let mut csv = std::fs::read_to_string(repo("tests/fixtures/small.csv")).unwrap();
    // Row 3 (line 4) loses its closing quote, so its text swallows the next line.
    csv = csv.replacen("argued.\",pro-enforcement", "argued.,pro-enforcement", 1);
    let data = dir.path().join("unbalanced.csv");
    std::fs::write(&data, csv).unwrap();
    let out = dir.path().join("m.model");
    train(&data, &out)
        .assert()
        .success()
        .stderr(predicate::str::contains("row 3 (line 4): the quoted field in column 'text' runs over 2 lines"))
        .stderr(predicate::str::contains("the quote opened at line 4 is unbalanced"))
        .stdout(predicate::str::contains("rows:              17"));
    train(&data, &out)
        .arg("--force")
        .arg("--strict")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("row 3 (line 4): the quoted field in column 'text' runs over"));
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    text.encode_utf16().for_each(|unit| bytes.extend(unit.to_le_bytes()));
    bytes
}

#[test]
fn utf16_files_are_read_or_named() {
    let dir = TempDir::new().unwrap();
    let csv = std::fs::read_to_string(repo("tests/fixtures/small.csv")).unwrap();
    let data = dir.path().join("excel.csv");
    std::fs::write(&data, utf16le(&csv)).unwrap();
    let out = dir.path().join("m.model");
    train(&data, &out).assert().success().stderr(predicate::str::contains("is UTF-16 (little-endian)"));
    let utf8 = dir.path().join("utf8.csv");
    std::fs::write(&utf8, &csv).unwrap();
    let out8 = dir.path().join("m8.model");
    train(&utf8, &out8).assert().success();
    let card = |model: &Path| {
        let output = stance().args(["inspect", "--format", "json"]).arg(model).output().unwrap();
        let mut card: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        card.as_object_mut().unwrap().remove("data_sha256");
        card.as_object_mut().unwrap().remove("data_file");
        card
    };
    assert_eq!(card(&out), card(&out8), "the same model from UTF-16 as from UTF-8");
    predict(&data).assert().code(2).stderr(predicate::str::contains("is UTF-16 (little-endian); save it as UTF-8"));
    let article = dir.path().join("notepad.txt");
    std::fs::write(&article, utf16le("The county council met on Tuesday. \"We will not bend,\" the mayor said."))
        .unwrap();
    stance().arg("classify").arg(&article).assert().success().stdout(predicate::str::contains("2 classified"));
}

#[test]
fn bootstrap_zero_means_no_intervals_and_ranges_read_plainly() {
    let data = repo("tests/fixtures/small.csv");
    let evaluate = || {
        let mut command = stance();
        command.args(["evaluate", "--model", "models/stance.model", "--label-col", "stance", "--data"]).arg(&data);
        command
    };
    evaluate()
        .args(["--bootstrap", "0"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no confidence intervals"))
        .stdout(predicate::str::contains("[").not());
    let json = evaluate().args(["--bootstrap", "0", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(report["intervals"].is_null());
    evaluate()
        .args(["--bootstrap", "50"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be 0 (no intervals) or at least 100 resamples, got 50"))
        .stderr(predicate::str::contains("18446744073709551615").not());
    let dir = TempDir::new().unwrap();
    train(&data, &dir.path().join("m.model"))
        .args(["--cv", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be a whole number of at least 2, got 1"));
}

#[test]
fn negative_values_reach_the_validator_with_the_flag_name() {
    let data = repo("tests/fixtures/small.csv");
    let dir = TempDir::new().unwrap();
    train(&data, &dir.path().join("m.model"))
        .args(["--c", "-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--c must be a positive number"));
    let evaluate = |flag: &str, value: &str| {
        let mut command = stance();
        command.args(["evaluate", "--model", "models/stance.model", "--label-col", "stance", flag, value, "--data"]);
        command.arg(&data).assert().code(2).stderr(predicate::str::contains(flag))
    };
    evaluate("--errors", "-1").stderr(predicate::str::contains("at least 0"));
    evaluate("--abstain-below", "-0.5").stderr(predicate::str::contains("not a probability"));
}

#[test]
fn grouped_training_summary_is_aligned() {
    let dir = TempDir::new().unwrap();
    let mut csv = String::from("text,stance,target\n");
    for (i, line) in std::fs::read_to_string(repo("tests/fixtures/small.csv")).unwrap().lines().skip(1).enumerate() {
        let mut record = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
        let row = record.records().next().unwrap().unwrap();
        let group = if i % 2 == 0 { "feminist" } else { "a" };
        csv.push_str(&format!("\"{}\",{},{group}\n", row[1].replace('"', "\"\""), &row[2]));
    }
    let data = dir.path().join("grouped.csv");
    std::fs::write(&data, csv).unwrap();
    let output = train(&data, &dir.path().join("g.model")).args(["--group-col", "target"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let solver_lines: Vec<&str> = stdout.lines().filter(|l| l.trim_start().starts_with("solver")).collect();
    assert_eq!(solver_lines.len(), 2, "{stdout}");
    for line in solver_lines {
        assert!(line.contains("]: ") || line.contains("]:  "), "group name and solver run together: {line}");
        assert!(!line.contains("]Sparse"), "{line}");
    }
}

#[test]
fn classify_csv_header_names_every_column_it_writes() {
    let output =
        stance().args(["classify", "--format", "csv", "data/articles/doj-sues-california.txt"]).output().unwrap();
    assert!(output.status.success());
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() > 10);
    let speakers: Vec<&str> = rows.iter().map(|r| &r[column("speaker")]).collect();
    assert!(speakers.contains(&"Xavier Becerra"), "{speakers:?}");
    for row in &rows {
        assert_eq!(row.len(), header.len(), "a row as wide as the header");
        let number = |name: &str| row[column(name)].parse::<usize>().unwrap();
        assert!(number("char_start") <= number("char_end") && number("start") <= number("end"));
        assert!(["headline", "sentence", "credit", "boilerplate"].contains(&&row[column("kind")]), "{row:?}");
        let stance = &row[column("stance")];
        assert!(["", "neutral", "pro-enforcement", "pro-sanctuary"].contains(&stance), "{row:?}");
        assert!(["", "negative", "neutral", "positive"].contains(&&row[column("sentiment")]), "{row:?}");
        if !stance.is_empty() {
            let p: f64 = row[column(&format!("p_stance_{stance}"))].parse().unwrap();
            assert_eq!(row[column("stance_confidence")].parse::<f64>().unwrap(), p);
        }
        assert!(row[column("text")].split_whitespace().count() >= 1);
    }
}

/// `--format voices-csv` has one row for the narrator and one per speaker,
/// whose counts agree with the JSON summary of the same run.
#[test]
fn classify_voices_csv_matches_the_json_summary() {
    let seed = "data/articles/doj-sues-california.txt";
    let csv_out = stance().args(["classify", "--format", "voices-csv", seed]).output().unwrap();
    let json_out = stance().args(["classify", "--format", "json", seed]).output().unwrap();
    assert!(csv_out.status.success() && json_out.status.success());
    let summary = &serde_json::from_slice::<serde_json::Value>(&json_out.stdout).unwrap()["summary"];
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let speakers = summary["speakers"].as_array().unwrap();
    assert_eq!(rows.len(), 1 + speakers.len());
    assert_eq!(&rows[0][column("voice")], "narrator");
    assert_eq!(
        rows[0][column("statements")].parse::<u64>().unwrap(),
        summary["narrator"]["statements"].as_u64().unwrap()
    );
    for (row, speaker) in rows[1..].iter().zip(speakers) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[column("voice")], speaker["name"].as_str().unwrap());
        assert_eq!(&row[column("stance")], speaker["stance"].as_str().unwrap());
        assert_eq!(row[column("quoted_words")].parse::<u64>().unwrap(), speaker["quoted_words"].as_u64().unwrap());
        let n: u64 = ["n_neutral", "n_pro-enforcement", "n_pro-sanctuary"]
            .iter()
            .map(|c| row[column(c)].parse::<u64>().unwrap())
            .sum();
        assert_eq!(n, speaker["statements"].as_u64().unwrap());
    }
}

#[test]
fn huge_thread_counts_and_vanishing_c_end_at_once() {
    stance()
        .args(["--threads", "100000", "inspect", "models/stance.model"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be between 1 and 256"));
    let dir = TempDir::new().unwrap();
    train(&repo("tests/fixtures/small.csv"), &dir.path().join("m.model"))
        .args(["--c", "1e-320", "--max-iter", "5"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--c must be a positive number whose inverse is finite"));
}

#[test]
fn nonsense_training_and_metrics_are_errors() {
    let data = repo("tests/fixtures/small.csv");
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("m.model");
    train(&data, &out)
        .args(["--text-col", "stance"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("both read from column 'stance'"));
    train(&data, &out)
        .args(["--max-features", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be a whole number of at least 1"));
    train(&data, &out)
        .args(["--cv", "2", "--metric", "f-avg", "--f-avg-classes", "against,favor"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--f-avg-classes names 'against', which is not a label"));
    stance()
        .args(["evaluate", "--model", "models/stance.model", "--label-col", "stance", "--metric", "f-avg"])
        .args(["--f-avg-classes", "favor", "--data"])
        .arg(&data)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'favor', which is not a label of the model"));
    assert!(!out.exists());
}

#[test]
fn cv_names_a_class_smaller_than_the_folds() {
    stance()
        .args(["train", "--label-col", "sentiment", "--cv", "8", "--data"])
        .arg(repo("tests/fixtures/small.csv"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::is_match("label '[a-z]+' has only [0-9]+ rows?, fewer than the 8 folds of --cv 8").unwrap(),
        );
}

#[test]
fn a_bom_before_json_lines_is_not_data() {
    let dir = TempDir::new().unwrap();
    let jsonl = dir.path().join("rows.jsonl");
    let body = "{\"id\": \"a\", \"text\": \"The sheriff said the jail will honor every detainer.\"}\n\
                {\"id\": \"b\", \"text\": \"The council meets on Tuesday.\"}\n";
    std::fs::write(&jsonl, [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat()).unwrap();
    let output = stance().args(["classify", "--format", "json"]).arg(&jsonl).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let ids: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let output = predict(&jsonl).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 3);
}
