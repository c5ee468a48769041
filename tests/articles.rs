//! Reading whole articles: units, speakers and the article report.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `stance classify FILE --format json` with the shipped models.
fn report_of(path: &Path) -> serde_json::Value {
    report_with(path, &[])
}

fn report_with(path: &Path, flags: &[&str]) -> serde_json::Value {
    let output = Command::cargo_bin("stance")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("classify")
        .arg(path)
        .args(["--format", "json"])
        .args(flags)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn speaker(unit: &serde_json::Value) -> String {
    match (unit["speaker"].as_str(), unit["stance"].is_null()) {
        (Some(name), _) => name.to_string(),
        (None, false) => "narrator".into(),
        (None, true) => "-".into(),
    }
}

/// The seed article's units, kinds and speakers, written down by hand in
/// `tests/fixtures/seed-units.tsv` (kind, speaker, text).
#[test]
fn seed_article_units_and_speakers() {
    let report = report_of(&repo("data/articles/doj-sues-california.txt"));
    let expected = std::fs::read_to_string(repo("tests/fixtures/seed-units.tsv")).unwrap();
    let units = report["sentences"].as_array().unwrap();
    let expected: Vec<Vec<&str>> = expected.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(units.len(), expected.len());
    for (unit, want) in units.iter().zip(&expected) {
        let got =
            [unit["kind"].as_str().unwrap().to_string(), speaker(unit), unit["text"].as_str().unwrap().to_string()];
        assert_eq!(got, [want[0], want[1], want[2]], "unit {}", unit["index"]);
    }
    // The credit line is kept but not classified.
    let credit = units.iter().find(|u| u["kind"] == "credit").unwrap();
    assert!(credit["stance"].is_null() && credit["speaker"].is_null());
    // The report keeps the narrator apart from both speakers, with their statements.
    let summary = &report["summary"];
    let narrator = &summary["narrator"];
    let shares: f64 = narrator["stance_shares"].as_object().unwrap().values().map(|v| v.as_f64().unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-9 && narrator["statements"].as_u64().unwrap() >= 4, "{narrator}");
    let speakers: Vec<&str> =
        summary["speakers"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(speakers, ["Xavier Becerra", "Sessions"]);
    // Voices per side: each speaker is counted once, under the side of their summary stance.
    let sides = summary["voices_per_side"].as_object().unwrap();
    assert_eq!(sides.len(), 3);
    for speaker in summary["speakers"].as_array().unwrap() {
        let side = &sides[speaker["stance"].as_str().unwrap()];
        assert!(side["speakers"].as_array().unwrap().contains(&speaker["name"]), "{side}");
        assert!(speaker["confidence"].as_f64().unwrap() > 1.0 / 3.0);
    }
    let quoted: u64 = sides.values().map(|s| s["quoted_words"].as_u64().unwrap()).sum();
    assert!(quoted > 50, "the seed article quotes both men at length: {quoted}");
    for voice in summary["speakers"].as_array().unwrap() {
        assert!(voice["statements"].as_u64().unwrap() >= 3);
        assert!(!voice["strongest"]["text"].as_str().unwrap().is_empty());
    }
    assert_eq!(summary["headlines"], serde_json::json!(["Sessions slams policies", "'Our folks are very busy'"]));
}

/// Hand-made articles (one sentence per line) with the speaker of each line
/// written down in `NAME.expected`.
#[test]
fn hand_made_articles_attribute_every_statement() {
    for name in ["quotes-spanning", "said-inversion", "pronouns", "wire-dateline", "op-ed", "unrelated"] {
        let dir = repo("tests/fixtures/attribution");
        let report = report_of(&dir.join(format!("{name}.txt")));
        let expected = std::fs::read_to_string(dir.join(format!("{name}.expected"))).unwrap();
        let units = report["sentences"].as_array().unwrap();
        assert_eq!(units.len(), expected.lines().count(), "{name}: unit count");
        for (unit, want) in units.iter().zip(expected.lines()) {
            let got = unit["speaker"].as_str().unwrap_or("-");
            assert_eq!(got, want, "{name}, unit {}: {}", unit["index"], unit["text"]);
        }
    }
}

#[test]
fn wire_dateline_is_not_a_speaker_and_op_ed_is_all_narrator() {
    let wire = report_of(&repo("tests/fixtures/attribution/wire-dateline.txt"));
    assert!(wire["summary"]["speakers"].as_array().unwrap().iter().all(|s| s["name"] != "WASHINGTON"));
    let op_ed = report_of(&repo("tests/fixtures/attribution/op-ed.txt"));
    assert!(op_ed["summary"]["speakers"].as_array().unwrap().is_empty());
    assert_eq!(op_ed["summary"]["narrator"]["statements"], op_ed["summary"]["classified"]);
}

/// The shipped stance model reads statements in context; `--no-context`
/// gives each sentence's own label and probabilities, exactly the ones the
/// context run reports as `sentence_stance`.
#[test]
fn no_context_reproduces_the_sentence_labels_exactly() {
    let seed = repo("data/articles/doj-sues-california.txt");
    let with_context = report_of(&seed);
    let alone = report_with(&seed, &["--no-context"]);
    let (with_context, alone) = (with_context["sentences"].as_array().unwrap(), alone["sentences"].as_array().unwrap());
    assert_eq!(with_context.len(), alone.len());
    let mut changed = 0;
    for (c, a) in with_context.iter().zip(alone) {
        assert!(a.get("sentence_stance").is_none(), "no context, no second label: {a}");
        if a["stance"].is_null() {
            assert!(c["stance"].is_null());
            continue;
        }
        assert_eq!(c["sentence_stance"], a["stance"], "the sentence's own stance, bit for bit");
        assert_eq!(c["sentiment"], a["sentiment"]);
        changed += usize::from(c["stance"]["label"] != a["stance"]["label"]);
    }
    assert!(changed >= 1, "the context stage changes at least one label of the seed article");
}
