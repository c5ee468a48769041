//! Runs `attribute` over each fixture article and compares the speakers with `NAME.expected`.

use std::fs;
use std::path::PathBuf;

fn fixture(name: &str, extension: &str) -> String {
    let path: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "attribution", &format!("{name}.{extension}")]
            .iter()
            .collect();
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Asserts the speaker of every line, reporting all mismatches at once.
fn check(name: &str) {
    let text = fixture(name, "txt");
    let expected = fixture(name, "expected");
    let sentences: Vec<&str> = text.lines().collect();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(sentences.len(), expected.len(), "{name}: line counts differ");
    assert!((8..=22).contains(&sentences.len()), "{name}: unexpected fixture length");

    let actual: Vec<String> = stance::article::attribution::attribute(&sentences)
        .into_iter()
        .map(|a| a.speaker.unwrap_or_else(|| "-".into()))
        .collect();
    let mismatches: Vec<String> = sentences
        .iter()
        .zip(&expected)
        .zip(&actual)
        .enumerate()
        .filter(|(_, ((_, want), got))| **want != got.as_str())
        .map(|(i, ((sentence, want), got))| format!("  line {}: want {want:?}, got {got:?}: {sentence}", i + 1))
        .collect();
    assert!(mismatches.is_empty(), "{name}:\n{}", mismatches.join("\n"));
}

#[test]
fn seed() {
    check("seed");
}

#[test]
fn quotes_spanning() {
    check("quotes-spanning");
}

#[test]
fn said_inversion() {
    check("said-inversion");
}

#[test]
fn pronouns() {
    check("pronouns");
}

#[test]
fn wire_dateline() {
    check("wire-dateline");
}

#[test]
fn op_ed() {
    check("op-ed");
}

#[test]
fn unrelated() {
    check("unrelated");
}

/// Every fixture sentence without a speaker has no cue, and every speaker has one.
#[test]
fn cues_accompany_speakers() {
    for name in ["seed", "quotes-spanning", "said-inversion", "pronouns", "wire-dateline", "op-ed", "unrelated"] {
        let text = fixture(name, "txt");
        let sentences: Vec<&str> = text.lines().collect();
        for (a, sentence) in stance::article::attribution::attribute(&sentences).iter().zip(&sentences) {
            assert_eq!(a.speaker.is_some(), a.cue.is_some(), "{name}: {sentence}");
        }
    }
}
