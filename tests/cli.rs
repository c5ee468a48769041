//! End-to-end tests of the `stance` binary.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn stance() -> Command {
    Command::cargo_bin("stance").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// `stance classify` with the given stance and sentiment models.
fn classify_with(stance_model: &Path, sentiment_model: &Path) -> Command {
    let mut command = stance();
    command.arg("classify").arg("--stance-model").arg(stance_model).arg("--sentiment-model").arg(sentiment_model);
    command
}

/// Trains stance and sentiment models on the small fixture into `dir`.
fn train_small(dir: &TempDir) -> (PathBuf, PathBuf) {
    let stance_model = dir.path().join("stance.model");
    let sentiment_model = dir.path().join("sentiment.model");
    for (label, out) in [("stance", &stance_model), ("sentiment", &sentiment_model)] {
        stance()
            .args(["train", "--data"])
            .arg(fixture("small.csv"))
            .args(["--label-col", label, "--out"])
            .arg(out)
            .assert()
            .success()
            .stdout(predicate::str::contains("rows:              18"))
            .stdout(predicate::str::contains("training accuracy: 1.0000"));
    }
    (stance_model, sentiment_model)
}

mod workflow {
    use super::*;

    #[test]
    fn train_classify_evaluate() {
        let dir = TempDir::new().unwrap();
        let (stance_model, sentiment_model) = train_small(&dir);

        let article = dir.path().join("a.txt");
        std::fs::write(&article, "Council vote set\n\nThe council will vote on Tuesday. The mayor vowed police will never act as deportation agents.\n").unwrap();
        let output =
            classify_with(&stance_model, &sentiment_model).arg(&article).args(["--format", "json"]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let sentences = report["sentences"].as_array().unwrap();
        assert_eq!(sentences.len(), 3);
        assert_eq!(sentences[0]["kind"], "headline");
        assert_eq!(sentences[2]["stance"]["label"], "pro-sanctuary");
        let p: f64 =
            sentences[2]["stance"]["probabilities"].as_object().unwrap().values().map(|v| v.as_f64().unwrap()).sum();
        assert!((p - 1.0).abs() < 1e-9);
        assert_eq!(report["summary"]["classified"], 3);

        // CSV: a header plus one row per unit.
        let csv =
            classify_with(&stance_model, &sentiment_model).arg(&article).args(["--format", "csv"]).output().unwrap();
        let text = String::from_utf8(csv.stdout).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert!(header.iter().any(|h| h == "p_stance_pro-sanctuary"));
        assert_eq!(reader.records().count(), 3);

        // Standard input works too.
        classify_with(&stance_model, &sentiment_model)
            .write_stdin("The hearing was scheduled for early March.")
            .assert()
            .success()
            .stdout(predicate::str::contains("-: 1 units, 1 classified"));

        let eval = stance()
            .args(["evaluate", "--model"])
            .arg(&stance_model)
            .arg("--data")
            .arg(fixture("small.csv"))
            .args(["--label-col", "stance", "--format", "json"])
            .output()
            .unwrap();
        assert!(eval.status.success());
        let report: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
        let e = &report["evaluation"];
        assert_eq!(e["n"], 18);
        assert_eq!(e["accuracy"], 1.0);
        assert_eq!(e["confusion_matrix"]["labels"][0], "neutral");
        assert_eq!(e["confusion_matrix"]["counts"][0][0], 6);
        assert_eq!(report["intervals"]["resamples"], 1000);
        assert_eq!(report["calibration"]["bins"].as_array().unwrap().len(), 10);
        assert!(report["mistakes"].as_array().unwrap().is_empty());

        stance()
            .args(["evaluate", "--model"])
            .arg(&stance_model)
            .arg("--data")
            .arg(fixture("small.csv"))
            .args(["--label-col", "stance"])
            .assert()
            .success()
            .stdout(predicate::str::contains("rows = gold, columns = predicted"))
            .stdout(predicate::str::contains("macro avg"))
            .stdout(predicate::str::contains("Calibration: ECE"));
    }

    #[test]
    fn train_refuses_to_overwrite_without_force() {
        let dir = TempDir::new().unwrap();
        let (stance_model, _) = train_small(&dir);
        let before = std::fs::read(&stance_model).unwrap();
        stance()
            .args(["train", "--data"])
            .arg(fixture("small.csv"))
            .args(["--label-col", "sentiment", "--out"])
            .arg(&stance_model)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("already exists; pass --force"));
        assert!(std::fs::read(&stance_model).unwrap() == before, "model changed without --force");
        stance()
            .args(["train", "--force", "--data"])
            .arg(fixture("small.csv"))
            .args(["--label-col", "stance", "--out"])
            .arg(&stance_model)
            .assert()
            .success();
        // Same data and settings give the same bytes.
        assert!(std::fs::read(&stance_model).unwrap() == before, "retraining changed the model bytes");
    }

    #[test]
    fn a_fit_cut_short_by_the_iteration_limit_says_so() {
        let dir = TempDir::new().unwrap();
        stance()
            .args(["train", "--max-iter", "2", "--data"])
            .arg(fixture("small.csv"))
            .args(["--label-col", "stance", "--out"])
            .arg(dir.path().join("short.model"))
            .assert()
            .success()
            .stdout(predicate::str::contains("2 iterations"))
            .stdout(predicate::str::contains("stopped before converging; raise --max-iter"));
    }

    #[test]
    fn help_has_examples() {
        for command in ["train", "classify", "evaluate"] {
            stance().args([command, "--help"]).assert().success().stdout(predicate::str::contains("Examples:"));
        }
    }
}

mod bad_input {
    use super::*;

    fn write(dir: &TempDir, name: &str, content: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    fn train_on(path: &Path, dir: &TempDir) -> assert_cmd::assert::Assert {
        stance()
            .args(["train", "--data"])
            .arg(path)
            .args(["--label-col", "stance", "--out"])
            .arg(dir.path().join("out.model"))
            .assert()
    }

    #[test]
    fn missing_data_file() {
        let dir = TempDir::new().unwrap();
        train_on(&dir.path().join("nope.csv"), &dir)
            .code(2)
            .stderr(predicate::str::contains("cannot read").and(predicate::str::contains("nope.csv")));
    }

    #[test]
    fn missing_column_lists_columns() {
        let dir = TempDir::new().unwrap();
        let path = write(&dir, "d.csv", b"id,text,label\n1,hello,a\n");
        train_on(&path, &dir)
            .code(2)
            .stderr(predicate::str::contains("no column named 'stance'; columns found: 'id', 'text', 'label'"));
    }

    #[test]
    fn empty_csv() {
        let dir = TempDir::new().unwrap();
        let path = write(&dir, "d.csv", b"");
        train_on(&path, &dir).code(2).stderr(predicate::str::contains("is empty"));
    }

    #[test]
    fn single_class() {
        let dir = TempDir::new().unwrap();
        let path = write(&dir, "d.csv", b"text,stance\nhello there,a\nbye now,a\n");
        train_on(&path, &dir)
            .code(2)
            .stderr(predicate::str::contains("at least two distinct labels").and(predicate::str::contains("\"a\"")));
        assert!(!dir.path().join("out.model").exists());
    }

    #[test]
    fn truncated_and_foreign_models() {
        let dir = TempDir::new().unwrap();
        let (stance_model, sentiment_model) = train_small(&dir);
        let bytes = std::fs::read(&stance_model).unwrap();
        let truncated = write(&dir, "t.model", &bytes[..bytes.len() / 2]);
        let foreign = fixture("small.csv");
        for (model, message) in [(truncated, "is truncated"), (foreign, "is not a stance model file")] {
            classify_with(&model, &sentiment_model)
                .write_stdin("Some text.")
                .assert()
                .code(2)
                .stderr(predicate::str::contains(message));
        }
    }

    /// Rows come from standard input on a thread of their own: predictions
    /// match those from a file, and CSV errors name stdin's row.
    #[test]
    fn predict_reads_standard_input() {
        let dir = TempDir::new().unwrap();
        let (_, sentiment_model) = train_small(&dir);
        let rows = "id,text\n1,We will never hand our neighbors over to ICE.\n2,The council meets on Tuesday.\n";
        let input = write(&dir, "rows.csv", rows.as_bytes());
        let predict = || {
            let mut command = stance();
            command.arg("predict").arg("--model").arg(&sentiment_model).args(["--id-col", "id"]);
            command
        };
        let from_file = predict().arg("--input").arg(&input).assert().success().get_output().stdout.clone();
        let from_stdin = predict().write_stdin(rows).assert().success().get_output().stdout.clone();
        assert_eq!(String::from_utf8_lossy(&from_stdin), String::from_utf8_lossy(&from_file));
        assert_eq!(String::from_utf8_lossy(&from_stdin).lines().count(), 3);
        predict()
            .write_stdin("id,text\n1,fine\n2,too,many\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("-, row 2:"));
    }

    /// Regression guard for the reading thread: a model that cannot load
    /// ends the process even while standard input stays open.
    #[test]
    fn a_bad_model_ends_predict_while_stdin_is_still_open() {
        use std::io::Write;
        use std::time::{Duration, Instant};
        let dir = TempDir::new().unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
            .arg("predict")
            .arg("--model")
            .arg(dir.path().join("missing.model"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"id,text\n1,hello\n").unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > Duration::from_secs(30) {
                child.kill().unwrap();
                panic!("predict did not end within 30 s of failing to load its model");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        drop(stdin);
        assert_eq!(status.code(), Some(2));
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(stderr.contains("missing.model"), "{stderr}");
    }

    #[test]
    fn swapped_models_are_named() {
        let dir = TempDir::new().unwrap();
        let (stance_model, sentiment_model) = train_small(&dir);
        classify_with(&sentiment_model, &stance_model)
            .write_stdin("Some text.")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("predicts 'sentiment'"));
    }

    #[test]
    fn missing_article_is_reported_and_others_processed() {
        let dir = TempDir::new().unwrap();
        let (stance_model, sentiment_model) = train_small(&dir);
        let good = write(&dir, "good.txt", b"The council will vote on Tuesday.");
        classify_with(&stance_model, &sentiment_model)
            .arg(&good)
            .arg(dir.path().join("missing.txt"))
            .assert()
            .code(1)
            .stdout(predicate::str::contains("good.txt: 1 units"))
            .stderr(predicate::str::contains("missing.txt"));
    }

    #[test]
    fn invalid_flags_are_rejected() {
        let dir = TempDir::new().unwrap();
        let out = dir.path().join("m.model");
        for flags in [["--c", "0"], ["--char-ngrams", "5-2"], ["--class-weight", "x"]] {
            stance()
                .args(["train", "--data"])
                .arg(fixture("small.csv"))
                .args(["--label-col", "stance", "--out"])
                .arg(&out)
                .args(flags)
                .assert()
                .code(2);
        }
        assert!(!out.exists());
    }
}

mod seed_article {
    use super::*;

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    /// Classifies the seed article with the shipped models (run from the repo root).
    fn classify_seed() -> serde_json::Value {
        let output = stance()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["classify", "data/articles/doj-sues-california.txt", "--format", "json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap()
    }

    #[test]
    fn seed_article_is_split_into_the_right_units() {
        let report = classify_seed();
        let units = report["sentences"].as_array().unwrap();
        let text = |u: &serde_json::Value| u["text"].as_str().unwrap().to_string();
        let position = |prefix: &str| units.iter().position(|u| text(u).starts_with(prefix)).unwrap();

        // The glued boundary `unconstitutional.California` is split.
        let first = position("The Justice Department sued California");
        assert!(text(&units[first]).ends_with("are unconstitutional."));
        assert!(text(&units[first + 1]).starts_with("California Attorney General Xavier Becerra fired back"));

        // The two headline lines are their own units.
        for headline in ["Sessions slams policies", "'Our folks are very busy'"] {
            let unit = &units[position(headline)];
            assert_eq!(text(unit), headline);
            assert_eq!(unit["kind"], "headline");
        }

        // Boilerplate is kept as such and never classified.
        let boilerplate = &units[position("[contf] [contfnew]")];
        assert_eq!(boilerplate["kind"], "boilerplate");
        assert!(boilerplate["stance"].is_null());
        let credit = &units[position("CNN's Tal Kopan")];
        assert_eq!(credit["kind"], "credit");
        assert!(credit["stance"].is_null());
        assert!(units.iter().filter(|u| u["kind"] == "boilerplate").all(|u| u["sentiment"].is_null()));

        // Offsets point into the source.
        let source = std::fs::read_to_string(repo("data/articles/doj-sues-california.txt")).unwrap();
        for unit in units {
            let (start, end) = (unit["start"].as_u64().unwrap() as usize, unit["end"].as_u64().unwrap() as usize);
            assert_eq!(source[start..end], text(unit));
        }
    }

    #[test]
    fn shipped_models_label_the_clear_statements_of_the_seed_article() {
        let report = classify_seed();
        let units = report["sentences"].as_array().unwrap();
        let stance_of = |prefix: &str| {
            let unit = units.iter().find(|u| u["text"].as_str().unwrap().starts_with(prefix)).unwrap();
            unit["stance"]["label"].as_str().unwrap().to_string()
        };
        // Sessions' attacks on California's laws.
        assert_eq!(stance_of("Sessions said the bills undermine"), "pro-enforcement");
        assert_eq!(stance_of("\"Federal law determines immigration policy,\" Sessions told Fox."), "pro-enforcement");
        // Becerra: the laws are constitutional; ICE separates families.
        assert_eq!(stance_of("But Becerra said California's laws are constitutional"), "pro-sanctuary");
        assert_eq!(stance_of("He accused the government of separating families"), "pro-sanctuary");
        // The opening factual sentence reports the lawsuit.
        assert_ne!(stance_of("The Justice Department sued California late Tuesday"), "pro-sanctuary");
    }
}

mod html_page {
    use super::*;

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    #[test]
    fn classify_writes_one_page_for_several_articles_and_needs_force_to_replace_it() {
        let dir = TempDir::new().unwrap();
        let second = dir.path().join("second.txt");
        std::fs::write(&second, "Mayors vow to resist\n\n\"We will protect our neighbors,\" Mayor Ana Ruiz said.\n")
            .unwrap();
        let page = dir.path().join("page.html");
        let classify = || {
            let mut command = stance();
            command
                .current_dir(repo(""))
                .arg("classify")
                .arg(repo("data/articles/doj-sues-california.txt"))
                .arg(&second);
            command.arg("--html").arg(&page);
            command
        };
        // The usual table still goes to standard output, without the words asked for the page.
        classify().arg("--format").arg("json").assert().success().stdout(predicate::str::contains("explanation").not());
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<title>Classified: 2 articles</title>"));
        assert!(html.contains("<nav class=\"toc\"") && html.contains("id=\"article-2\""));
        assert!(html.contains("<span class=\"sr\">speaker: </span>Sessions</span>"));
        assert!(html.contains("<span class=\"sr\">speaker: </span>Ana Ruiz</span>"));
        assert!(html.contains("why: "), "stances are explained on the page by default");
        assert_eq!(html.matches("<aside class=\"summary\"").count(), 2);
        assert!(
            html.contains("<h2>doj-sues-california.txt</h2>"),
            "an article without a headline is named by its file"
        );

        std::fs::write(&page, "keep me").unwrap();
        classify().assert().code(2).stderr(predicate::str::contains("already exists; pass --force"));
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "keep me");
        classify().arg("--force").assert().success();
        assert!(std::fs::read_to_string(&page).unwrap().contains("Ana Ruiz"));
        // Never over an input.
        classify().arg("--html").arg(&second).arg("--force").assert().code(2);
        assert!(std::fs::read_to_string(&second).unwrap().starts_with("Mayors vow"));
    }
}

mod serve_flags {
    use super::*;

    #[test]
    fn serve_rejects_bad_flags_before_loading_anything() {
        for (flags, says) in [
            (&["--queue", "0"][..], "between 1 and 100000"),
            (&["--queue", "9999999999999999999"][..], "between 1 and 100000"),
            (&["--queue", "x"][..], "not a whole number"),
            (&["--timeout", "0"][..], "between 1 and 86400"),
            (&["--max-body", "1"][..], "between 1K and 1024M"),
            (&["--max-body", "5G"][..], "not a size"),
            (&["--host", "example.com"][..], "not an IP address"),
            (&["--port", "70000"][..], "70000"),
            (&["--workers", "0"][..], "at least 1"),
        ] {
            stance().arg("serve").args(flags).assert().code(2).stderr(predicate::str::contains(says));
        }
        stance()
            .args(["serve", "--port", "0", "--stance-model", "missing.model"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("missing.model"));
    }
}
