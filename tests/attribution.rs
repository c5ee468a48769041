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

/// Transcript labels in capitals speak, even unmet, and hold the floor over the answer.
#[test]
fn transcript() {
    check("transcript");
}

/// The general list of reporting verbs, with particles (`pointed to`, `shot back`); a verb with nothing reported, or an undertaking (`agreed to pay`), is no attribution.
#[test]
fn reporting_verbs() {
    check("verbs");
}

/// Subjects qualified by a place or body (`of Pine County`, `in Denver`, `for the state treasury`) and chains of appositives.
#[test]
fn qualified() {
    check("qualified");
}

/// Joint subjects are credited to the first named (`Mark and Jill Hollander` is Mark Hollander).
#[test]
fn joint() {
    check("joint");
}

/// Possessive subjects (`the city's utilities office`, `Whitlow's office` for Whitlow) and named groups; anonymous crowds stay with the narrator.
#[test]
fn possessive_groups() {
    check("possessive-groups");
}

/// `the agency` for the last organisation, `according to X, which said`, `the statement said` for whoever issued it, `the lawyer for X` as the same voice.
#[test]
fn organisation_references() {
    check("references");
}

/// Relative clauses and participles between subject and verb, `including X`, `one of the doctors`, coordinated verbs.
#[test]
fn relative_clauses() {
    check("relative");
}

/// A headline quotation takes the speaker of the body sentence that repeats it.
#[test]
fn headlines() {
    check("headlines");
}

/// A headline role (`Riverside mayor:`) takes the person the body names with that title.
#[test]
fn headlines_role() {
    check("headlines-role");
}

/// He/she after narration is the person that sentence named; given names carry a usual gender; `The remark came from X` credits the quotation before it.
#[test]
fn pronouns_narration() {
    check("pronouns-narration");
}

const FIXTURES: [&str; 17] = [
    "seed",
    "quotes-spanning",
    "said-inversion",
    "pronouns",
    "wire-dateline",
    "op-ed",
    "unrelated",
    "transcript",
    "verbs",
    "qualified",
    "joint",
    "possessive-groups",
    "references",
    "relative",
    "headlines",
    "headlines-role",
    "pronouns-narration",
];

/// Every fixture sentence without a speaker has no cue, and every speaker has one.
#[test]
fn cues_accompany_speakers() {
    for name in FIXTURES {
        let text = fixture(name, "txt");
        let sentences: Vec<&str> = text.lines().collect();
        for (a, sentence) in stance::article::attribution::attribute(&sentences).iter().zip(&sentences) {
            assert_eq!(a.speaker.is_some(), a.cue.is_some(), "{name}: {sentence}");
        }
    }
}
