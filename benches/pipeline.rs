//! Micro-benchmarks of the hot paths: tokenize + stem, featurize, predict one
//! sentence (with its words cached, and the whole corpus with nothing cached).
//! Run with `cargo bench --bench pipeline`.

use criterion::{criterion_group, criterion_main, Criterion};
use stance::features::tfidf::{TfidfParams, Vectorizer};
use stance::io::labeled::read_labeled_csv;
use stance::model::classifier::Classifier;
use stance::model::train::{train, Columns, TrainSettings};
use stance::text::{Analyzer, NgramRange, TextConfig};
use std::hint::black_box;
use std::path::Path;

const SENTENCE: &str = "Sessions said the state's sanctuary laws obstruct federal agents, but Becerra \
    insisted California's policies are constitutional and keep immigrant families safe.";

fn corpus() -> stance::io::labeled::LabeledData {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/statements.csv");
    read_labeled_csv(&path, "text", "stance").expect("data/statements.csv is readable")
}

fn benches(c: &mut Criterion) {
    let config = TextConfig { char_ngrams: Some(NgramRange { min: 2, max: 5 }), ..TextConfig::default() };
    let analyzer = Analyzer::new(&config);
    c.bench_function("tokenize+stem one sentence", |b| b.iter(|| analyzer.terms(black_box(SENTENCE))));

    let data = corpus();
    let docs: Vec<&str> = data.texts.iter().map(String::as_str).collect();
    let vectorizer = Vectorizer::fit(&docs, &config, &TfidfParams::default());
    c.bench_function("featurize one sentence (word 1-2 + char 2-5)", |b| {
        b.iter(|| vectorizer.transform_one(&analyzer, black_box(SENTENCE)))
    });
    c.bench_function("featurize the corpus", |b| b.iter(|| vectorizer.transform(black_box(&docs))));

    let columns = Columns { text: "text".into(), label: "stance".into(), group: None };
    let settings = TrainSettings { text: config.clone(), ..TrainSettings::default() };
    let artifact = train(&data, &columns, &settings, None).expect("corpus trains");
    let classifier = Classifier::new(artifact.clone());
    c.bench_function("predict one sentence (words cached)", |b| b.iter(|| classifier.classify(black_box(SENTENCE))));
    // A fresh classifier per run, so every word is new to its cache at first.
    c.bench_function("predict the corpus, one sentence after another, cold cache", |b| {
        b.iter_batched(
            || Classifier::new(artifact.clone()),
            |classifier| docs.iter().map(|doc| classifier.classify(doc).map(|p| p.label)).collect::<Vec<_>>(),
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
