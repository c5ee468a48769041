//! Bad input never panics, never loses data and never leaves half-written files.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tempfile::TempDir;

fn stance() -> Command {
    Command::cargo_bin("stance").unwrap()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn write(dir: &TempDir, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// Classifies with the shipped models from the repository root.
fn classify() -> Command {
    let mut command = stance();
    command.current_dir(env!("CARGO_MANIFEST_DIR")).arg("classify");
    command
}

#[test]
fn out_of_range_flags_are_rejected_before_any_work() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("m.model");
    let data = repo("tests/fixtures/small.csv");
    for flags in [&["--cv", "1"][..], &["--c", "0"], &["--c", "-3"], &["--char-ngrams", "5-2"], &["--max-iter", "0"]] {
        stance()
            .args(["train", "--label-col", "stance", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .args(flags)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("error"));
    }
    assert!(!out.exists());
    classify().args(["--abstain-below", "1.5"]).write_stdin("Text.").assert().code(2);
    stance()
        .args(["evaluate", "--model", "models/stance.model", "--label-col", "stance", "--abstain-below", "1.5"])
        .arg("--data")
        .arg(&data)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a probability"));
}

#[test]
fn semicolon_delimiter_and_strict_labels() {
    let dir = TempDir::new().unwrap();
    let csv = write(&dir, "d.csv", b"text;stance\nDeport them now, all of them;pro-enforcement\nProtect families;Pro-Sanctuary\nKeep families safe;pro-sanctuary\n");
    let out = dir.path().join("m.model");
    stance()
        .args(["train", "--label-col", "stance", "--delimiter", ";", "--data"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("differ only in case or spacing"));
    stance()
        .args(["train", "--label-col", "stance", "--delimiter", ";", "--strict", "--force", "--data"])
        .arg(&csv)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"Pro-Sanctuary\", \"pro-sanctuary\""));
}

#[test]
fn odd_articles_are_handled() {
    let dir = TempDir::new().unwrap();
    let long_line = "word ".repeat(50_000);
    let cases: [(&str, &[u8], usize); 5] = [
        ("empty.txt", b"", 0),
        ("blank.txt", b"  \n\n\t \n", 0),
        ("boilerplate.txt", b"[contf] [contfnew]\nOriginal Article\nCNN\n", 0),
        ("long.txt", long_line.as_bytes(), 1),
        ("nopunct.txt", b"no punctuation at all just words and words and words going on for a while here", 1),
    ];
    for (name, content, classified) in cases {
        let path = write(&dir, name, content);
        let output = classify().arg(&path).args(["--format", "json"]).output().unwrap();
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["summary"]["classified"], classified, "{name}");
    }
    let garbage = write(&dir, "garbage.txt", &[0x00, 0xff, 0xfe, 0x80, 0x41]);
    classify()
        .arg(&garbage)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8 text (invalid byte at offset 1)"));
}

#[test]
fn a_directory_with_an_unreadable_file_reports_it_and_processes_the_rest() {
    let dir = TempDir::new().unwrap();
    write(&dir, "a.txt", b"The council will vote on Tuesday.");
    std::os::unix::fs::symlink(dir.path().join("missing-target"), dir.path().join("b.txt")).unwrap();
    write(&dir, "c.txt", b"The hearing was set for March.");
    classify()
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.txt: 1 units").and(predicate::str::contains("c.txt: 1 units")))
        .stderr(predicate::str::contains("b.txt"));
}

#[test]
fn models_are_byte_identical_at_one_and_two_threads() {
    // The whole corpus (more rows than one parallel row chunk) with one char n-gram length:
    // every parallel path runs, in a fraction of the shipped settings' time in a debug build.
    let dir = TempDir::new().unwrap();
    let models: Vec<Vec<u8>> = ["1", "2"]
        .iter()
        .map(|threads| {
            let out = dir.path().join(format!("t{threads}.model"));
            stance()
                .args(["--threads", threads, "train", "--label-col", "stance", "--char-ngrams", "3-3", "--data"])
                .arg(repo("data/statements.csv"))
                .arg("--out")
                .arg(&out)
                .assert()
                .success();
            std::fs::read(out).unwrap()
        })
        .collect();
    assert!(models[0] == models[1], "models differ between 1 and 2 threads");
}

#[test]
fn killing_a_training_run_leaves_the_previous_model_intact() {
    let dir = TempDir::new().unwrap();
    // A data set large enough that training takes a while.
    let mut csv = String::from("text,label\n");
    for i in 0..60_000 {
        csv.push_str(&format!(
            "row {i} about topic {} with token{} and word{},{}\n",
            i % 97,
            i % 1013,
            i % 7919,
            i % 3
        ));
    }
    let data = write(&dir, "big.csv", csv.as_bytes());
    let model = dir.path().join("m.model");
    std::fs::copy(repo("models/stance.model"), &model).unwrap();
    let before = std::fs::read(&model).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("stance");
    for delay_ms in [150, 600] {
        let mut child = std::process::Command::new(&bin)
            .args(["train", "--force", "--label-col", "label", "--char-ngrams", "2-5", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&model)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let after = std::fs::read(&model).unwrap();
        // Either untouched or a complete new model, never a partial file.
        if after != before {
            stance().args(["inspect"]).arg(&model).assert().success();
        }
    }
    stance().args(["inspect"]).arg(&model).assert().success();
}

/// Runs `args` from the repository root, reads a little of stdout, closes it,
/// and expects exit status 0 and nothing on stderr.
fn ends_quietly_when_stdout_closes(args: &[&str]) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    assert!(output.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// Regression: `inspect --format json | head` printed "error: Broken pipe".
#[test]
fn every_json_and_csv_writer_ends_quietly_on_a_closed_stdout() {
    ends_quietly_when_stdout_closes(&["inspect", "models/stance.model", "--format", "json", "--top", "2000"]);
    ends_quietly_when_stdout_closes(&["inspect", "models/stance.model", "--top", "3000"]);
    let rows: String = (0..20_000).map(|i| format!("{i},The council met on day {i}\n")).collect();
    let dir = TempDir::new().unwrap();
    let input = write(&dir, "rows.csv", format!("id,text\n{rows}").as_bytes());
    let input = input.to_str().unwrap();
    ends_quietly_when_stdout_closes(&["predict", "--model", "models/sentiment.model", "--input", input]);
    ends_quietly_when_stdout_closes(&[
        "predict",
        "--model",
        "models/sentiment.model",
        "--input",
        input,
        "--format",
        "jsonl",
    ]);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let article = std::fs::read_to_string(repo("data/articles/doj-sues-california.txt")).unwrap().repeat(300);
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "long.txt", article.as_bytes());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("classify")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_million_rows_stream_through_predict_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("rows.csv");
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        writeln!(file, "id,text").unwrap();
        for i in 0..1_000_000 {
            writeln!(file, "{i},The council meets on day {} to vote on item {}", i % 7, i % 1000).unwrap();
        }
    }
    let model = dir.path().join("small.model");
    stance()
        .args(["train", "--label-col", "stance", "--data"])
        .arg(repo("tests/fixtures/small.csv"))
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    let output = dir.path().join("out.csv");
    // Peak memory of the predict process, measured by GNU time when the machine has it.
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut c = std::process::Command::new(time);
        c.args(["-f", "%M"]).arg(assert_cmd::cargo::cargo_bin("stance"));
        c
    } else {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
    };
    let result = command
        .args(["predict", "--model"])
        .arg(&model)
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&output)
        .args(["--id-col", "id"])
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let lines = std::fs::read_to_string(&output).unwrap().lines().count();
    assert_eq!(lines, 1_000_001, "one output row per input row, plus the header");
    if time.exists() {
        let stderr = String::from_utf8_lossy(&result.stderr);
        let peak_kib: u64 = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
        // The input alone is about 50 MB; streaming keeps the process far below it.
        assert!(peak_kib > 0 && peak_kib < 40 * 1024, "peak RSS {peak_kib} KiB");
    }
}

/// Regression: a missing file's reason was printed twice ("...(os error 2): No such file...").
#[test]
fn missing_files_are_named_once_with_a_hint() {
    let dir = TempDir::new().unwrap();
    let output = stance().current_dir(dir.path()).arg("classify").write_stdin("Text.").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("run stance from the repository root or pass --stance-model"), "{stderr}");
    let output = stance().args(["inspect", "/nonexistent/m.model"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("No such file or directory").count(), 1, "{stderr}");
}
