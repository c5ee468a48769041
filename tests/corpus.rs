//! Checks of the labeled corpus and of the shipped models built from it.

use stance::features::tfidf::{TfidfParams, Vectorizer};
use stance::io::digest::sha256_hex;
use stance::io::labeled::read_labeled_csv;
use stance::model::file::ModelArtifact;
use stance::text::TextConfig;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn corpus_rows() -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(repo("data/statements.csv")).unwrap();
    assert_eq!(reader.headers().unwrap(), vec!["id", "text", "stance", "sentiment", "kind", "topic", "register"]);
    reader.records().map(Result::unwrap).collect()
}

#[test]
fn corpus_has_the_documented_schema_and_size() {
    let rows = corpus_rows();
    assert!(rows.len() >= 6000, "only {} rows", rows.len());
    let allowed: [(usize, &[&str]); 4] = [
        (2, &["pro-enforcement", "pro-sanctuary", "neutral"]),
        (3, &["positive", "negative", "neutral"]),
        (4, &["reporting", "quote", "opinion", "headline", "background"]),
        (6, &["wire", "local", "op-ed", "press-release", "advocacy", "hearing", "court", "social"]),
    ];
    let mut ids = HashSet::new();
    let mut stances: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        assert!(ids.insert(row[0].to_string()), "duplicate id {}", &row[0]);
        assert!(!row[1].trim().is_empty() && !row[5].trim().is_empty(), "empty field in row {}", &row[0]);
        for (column, values) in allowed {
            assert!(values.contains(&&row[column]), "row {}: unexpected value '{}'", &row[0], &row[column]);
        }
        *stances.entry(row[2].to_string()).or_default() += 1;
    }
    for (stance, count) in stances {
        assert!(count >= 1500, "{stance}: only {count} rows");
    }
    let positive = rows.iter().filter(|r| &r[3] == "positive").count();
    assert!(positive >= 900, "only {positive} positive rows");
    for register in allowed[3].1 {
        let count = rows.iter().filter(|r| &r[6] == *register).count();
        assert!(count >= 300, "register {register}: only {count} rows");
    }
}

/// Templates teach templates: no run of 8 words may recur in more than 3 rows.
#[test]
fn no_eight_word_span_repeats_across_more_than_three_rows() {
    let mut rows_of_span: std::collections::HashMap<Vec<String>, BTreeSet<String>> = Default::default();
    for row in corpus_rows() {
        let words: Vec<String> = row[1]
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        for span in words.windows(8) {
            rows_of_span.entry(span.to_vec()).or_default().insert(row[0].to_string());
        }
    }
    let mut repeated: Vec<String> = rows_of_span
        .into_iter()
        .filter(|(_, rows)| rows.len() > 3)
        .map(|(span, rows)| format!("'{}' in {rows:?}", span.join(" ")))
        .collect();
    repeated.sort();
    assert!(repeated.is_empty(), "{} spans repeat: {:?}", repeated.len(), &repeated[..repeated.len().min(10)]);
}

#[test]
fn corpus_has_no_near_duplicates() {
    let data = read_labeled_csv(&repo("data/statements.csv"), "text", "id").unwrap();
    let docs: Vec<&str> = data.texts.iter().map(String::as_str).collect();
    let vectorizer = Vectorizer::fit(&docs, &TextConfig::default(), &TfidfParams::default());
    let x = vectorizer.transform(&docs);
    // Inverted index: the dot product of every pair sharing a term.
    let mut postings: Vec<Vec<(usize, f32)>> = vec![Vec::new(); x.n_cols()];
    for i in 0..x.n_rows() {
        let (cols, vals) = x.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            postings[c as usize].push((i, v));
        }
    }
    let mut offenders = Vec::new();
    let mut dots = vec![0.0f32; x.n_rows()];
    for i in 0..x.n_rows() {
        dots.iter_mut().for_each(|d| *d = 0.0);
        let (cols, vals) = x.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            for &(j, w) in postings[c as usize].iter().filter(|(j, _)| *j > i) {
                dots[j] += v * w;
            }
        }
        for (j, &cosine) in dots.iter().enumerate().filter(|(_, d)| **d > 0.9) {
            offenders.push(format!("{} ~ {} ({cosine:.3})", data.labels[i], data.labels[j]));
        }
    }
    assert!(offenders.is_empty(), "near-duplicate rows: {offenders:?}");
}

#[test]
fn shipped_models_were_trained_from_the_committed_corpus() {
    let corpus = std::fs::read(repo("data/statements.csv")).unwrap();
    let hash = sha256_hex(&corpus);
    for (file, column, labels) in [
        ("models/stance.model", "stance", ["neutral", "pro-enforcement", "pro-sanctuary"]),
        ("models/sentiment.model", "sentiment", ["negative", "neutral", "positive"]),
    ] {
        let model = ModelArtifact::load(&repo(file)).unwrap();
        assert_eq!(model.meta.data_sha256, hash, "{file} was not trained from data/statements.csv as committed");
        assert_eq!(model.meta.label_column, column);
        assert_eq!(model.meta.labels, labels);
        let cv = model.meta.cv.as_ref().expect("shipped models record their cross-validation");
        assert_eq!(cv.folds, 5);
        assert!(cv.macro_f1.mean > 0.5, "{file}: CV macro-F1 {}", cv.macro_f1.mean);
    }
}

#[test]
fn stories_have_the_documented_schema() {
    let mut reader = csv::Reader::from_path(repo("data/stories.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let expected =
        ["story", "unit", "para", "text", "stance", "sentiment", "kind", "speaker", "rebuttal", "register", "topic"];
    assert_eq!(header, expected);
    let mut units: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for row in reader.records().map(Result::unwrap) {
        assert!(["pro-enforcement", "pro-sanctuary", "neutral"].contains(&&row[4]), "{row:?}");
        assert!(["positive", "negative", "neutral"].contains(&&row[5]), "{row:?}");
        assert!(["yes", "no"].contains(&&row[8]), "{row:?}");
        assert!(!row[3].trim().is_empty(), "{row:?}");
        units.entry(row[0].to_string()).or_default().push(row[1].parse().unwrap());
    }
    assert!(units.len() >= 120, "only {} stories", units.len());
    for (story, numbers) in units {
        assert!((15..=40).contains(&numbers.len()), "{story}: {} units", numbers.len());
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "{story}: units in reading order");
    }
}

/// `data/stories/*.txt` are the stories of `data/stories.csv` as whole
/// articles (`data/build-stories.py` writes them), exactly as the context
/// stage reads them.
#[test]
fn story_files_match_the_labeled_stories() {
    let stories = stance::article::stories::read_stories(&repo("data/stories.csv")).unwrap();
    let files = std::fs::read_dir(repo("data/stories")).unwrap().count();
    assert_eq!(files, stories.len(), "one file per story: run python3 data/build-stories.py");
    for story in &stories {
        let path = repo(&format!("data/stories/{}.txt", story.id));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            text,
            story.article_text() + "\n",
            "{} is out of date: run python3 data/build-stories.py",
            path.display()
        );
    }
}
