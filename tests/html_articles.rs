//! Saved web pages as articles: only the article body and its title become
//! units; menus, banners, share bars, scripts, comments, related links,
//! bylines and footers do not.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html").join(name)
}

fn stance() -> Command {
    let mut command = Command::cargo_bin("stance").unwrap();
    command.current_dir(env!("CARGO_MANIFEST_DIR")).arg("classify").args(["--format", "json"]);
    command
}

/// The JSON reports printed on standard output, one per line.
fn reports(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn report_of(path: &Path) -> serde_json::Value {
    let output = stance().arg(path).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    reports(&output.stdout).remove(0)
}

/// (kind, text) of every unit.
fn units(report: &serde_json::Value) -> Vec<(String, String)> {
    report["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["kind"].as_str().unwrap().to_string(), u["text"].as_str().unwrap().to_string()))
        .collect()
}

/// (text, stance, sentiment) of every classified unit.
fn labels(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| !u["stance"].is_null())
        .map(|u| {
            let text = u["text"].as_str().unwrap().to_string();
            let label = |task: &str| u[task]["label"].as_str().unwrap().to_string();
            (text, label("stance"), label("sentiment"))
        })
        .collect()
}

#[test]
fn news_page_units_are_the_title_and_body_sentences() {
    let report = report_of(&fixture("county-jail-vote.html"));
    let expected = [
        ("headline", "County board votes to end jail contract with ICE"),
        ("sentence", "The Riverside County Board of Supervisors voted 3-2 on Tuesday to end the county's contract to hold federal immigration detainees in its main jail, a decision that supporters called a victory for immigrant families."),
        ("sentence", "The contract, signed in 2017, paid the county about $4.2 million a year to house people held by U.S. Immigration and Customs Enforcement while their cases moved through immigration court."),
        ("sentence", "\u{201c}Our jail should keep our community safe, not serve as a holding pen for deportations,\u{201d} Supervisor Ana Morales said before the vote."),
        ("headline", "Sheriff warns of costs"),
        ("sentence", "Sheriff Dale Hutchins said ending the contract would force layoffs and make it harder to remove dangerous criminals from the county."),
        ("sentence", "\u{201c}When ICE cannot pick up a convicted offender at our door, that person goes back on the street,\u{201d} Hutchins told the board."),
        ("sentence", "Supervisor Glen Parker, who voted against the measure, said the county had an obligation to cooperate with federal law enforcement."),
        ("sentence", "He added that the vote sends the wrong message to victims of crime."),
        ("sentence", "Advocates who packed the meeting cheered when the result was announced & several held signs reading \u{201c}Families belong together.\u{201d}"),
        ("sentence", "The contract will end on June 30, and detainees will be moved to federal facilities, according to an ICE spokesperson."),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(k, t)| (k.to_string(), t.to_string())).collect();
    assert_eq!(units(&report), expected);
    // Every unit is classified: no byline, dateline, caption or boilerplate made it in.
    assert_eq!(labels(&report).len(), expected.len());
    assert_eq!(report["summary"]["headlines"][0], "County board votes to end jail contract with ICE");
    // Each paragraph (including the <br><br> split) is its own paragraph number.
    let paragraphs: Vec<u64> =
        report["sentences"].as_array().unwrap().iter().map(|u| u["paragraph"].as_u64().unwrap()).collect();
    assert_eq!(paragraphs, (1..=11).collect::<Vec<u64>>());
}

#[test]
fn seed_article_as_a_web_page_reads_like_the_text_file() {
    let text = report_of(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles/doj-sues-california.txt").as_path());
    let page = report_of(&fixture("doj-sues-california.html"));
    // The page adds its title as the first headline; its byline, timestamp,
    // share bar, paid links and footer add nothing.
    let page_labels = labels(&page);
    assert_eq!(page_labels[0].0, "Justice Department sues California over sanctuary laws");
    assert_eq!(page_labels[1..], labels(&text)[..]);
    // The text file's scraper leftovers (`Original Article`, `[contf]`, `CNN`) are not on the
    // page; the credit line is on both and is not classified.
    let kinds_of = |report: &serde_json::Value, kind: &str| -> Vec<String> {
        units(report).into_iter().filter(|(k, _)| k == kind).map(|(_, t)| t).collect()
    };
    assert_eq!(kinds_of(&text, "boilerplate").len(), 4);
    assert!(kinds_of(&page, "boilerplate").is_empty());
    assert_eq!(kinds_of(&page, "credit"), ["CNN's Tal Kopan and Laura Jarrett contributed to this report."]);
    assert_eq!(kinds_of(&page, "credit"), kinds_of(&text, "credit"));
    // Same speakers with the same statements (unit indexes are one higher on the page).
    let voices = |report: &serde_json::Value| -> Vec<(serde_json::Value, serde_json::Value, serde_json::Value)> {
        let speakers = report["summary"]["speakers"].as_array().unwrap();
        speakers
            .iter()
            .map(|s| (s["name"].clone(), s["stance_counts"].clone(), s["strongest"]["text"].clone()))
            .collect()
    };
    assert_eq!(voices(&page), voices(&text));
}

#[test]
fn bylines_left_in_the_body_are_credits_and_not_classified() {
    let report = report_of(&fixture("sheriff-detainers.htm"));
    let units = units(&report);
    assert_eq!(units[0], ("headline".to_string(), "Sheriff says detainer requests will be honored".to_string()));
    assert_eq!(units[1], ("credit".to_string(), "By Jane Doe".to_string()));
    assert_eq!(units[2], ("credit".to_string(), "Jane Doe | Staff Writer".to_string()));
    assert!(labels(&report).iter().all(|(text, _, _)| !text.contains("Jane Doe")));
    // List items are paragraphs of their own; the share link and footer are gone.
    let texts: Vec<&str> = units.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts[texts.len() - 2..],
        ["The county received 312 detainer requests last year.", "Deputies transferred 41 people to federal custody."]
    );
}

#[test]
fn input_format_html_reads_any_file_and_standard_input() {
    let by_extension = report_of(&fixture("county-jail-vote.html"));
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved-page.dat");
    std::fs::copy(fixture("county-jail-vote.html"), &saved).unwrap();
    let output = stance().arg(&saved).args(["--input-format", "html"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(units(&reports(&output.stdout)[0]), units(&by_extension));

    let page = std::fs::read(fixture("county-jail-vote.html")).unwrap();
    let output = stance().args(["--input-format", "html", "-"]).write_stdin(page).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let from_stdin = &reports(&output.stdout)[0];
    assert_eq!(from_stdin["source"], "-");
    assert_eq!(labels(from_stdin), labels(&by_extension));

    // Without the flag, the same file is plain text and its markup becomes units.
    let output = stance().arg(&saved).output().unwrap();
    let as_text = units(&reports(&output.stdout)[0]);
    assert!(as_text.iter().any(|(_, t)| t.contains("<script") || t.contains("cookie")));
}

#[test]
fn pages_without_an_article_are_per_file_errors() {
    let output = stance()
        .arg(fixture("login.html"))
        .arg(fixture("county-jail-vote.html"))
        .arg(fixture("immigration-index.htm"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for page in ["login.html", "immigration-index.htm"] {
        assert!(stderr.lines().any(|l| l.contains(page) && l.contains("no article body found")), "{stderr}");
    }
    let reports = reports(&output.stdout);
    assert_eq!(reports.len(), 1);
    assert!(reports[0]["source"].as_str().unwrap().ends_with("county-jail-vote.html"));
    assert_eq!(reports[0]["summary"]["classified"], 11);
}

#[test]
fn declared_windows_1252_pages_are_decoded() {
    let bytes = std::fs::read(fixture("cafe-protest-windows-1252.html")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be UTF-8");
    let report = report_of(&fixture("cafe-protest-windows-1252.html"));
    let texts: Vec<String> = units(&report).into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts[0], "Caf\u{e9} owners join protest over ICE raids");
    assert!(texts[2].starts_with("\u{201c}People are afraid to come to work"));
    assert!(texts[2].contains("Mar\u{ed}a Guti\u{e9}rrez"));
    assert!(texts[3].contains("agency\u{2019}s officers"));
    // The byline (with its accented name) is gone.
    assert!(texts.iter().all(|t| !t.contains("Pe\u{f1}a")));
    assert_eq!(texts.len(), 4);
}

#[test]
fn undecodable_pages_name_the_file_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let unknown = dir.path().join("unknown-charset.html");
    std::fs::write(&unknown, "<meta charset=\"klingon-8\"><p>Text.</p>").unwrap();
    let latin1_undeclared = dir.path().join("undeclared.html");
    std::fs::write(&latin1_undeclared, b"<p>Caf\xe9 owners protest.</p>").unwrap();
    let output = stance().arg(&unknown).arg(&latin1_undeclared).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "no article could be read");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown-charset.html: the page declares charset \"klingon-8\""), "{stderr}");
    assert!(stderr.contains("undeclared.html: the page is not valid UTF-8 (invalid byte at offset 6)"), "{stderr}");
}
