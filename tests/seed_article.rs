//! The seed article against our own hand reading of it
//! (`data/articles/doj-sues-california.labels.csv`, labeled by the rules of
//! `data/README.md`): stance read sentence by sentence vs in context, and
//! speakers. Prints the counts and guards them against regressions; the
//! article is one text, so these are examples, not a quality estimate.

use std::path::Path;

use stance::article::analysis::{analyze_article, AnalyzeOptions, Models};
use stance::article::context::same_voice;
use stance::model::classifier::Classifier;
use stance::model::file::ModelArtifact;
use stance::text::Language;

const SEED: &str = include_str!("../data/articles/doj-sues-california.txt");

struct Gold {
    index: usize,
    stance: String,
    speaker: Option<String>,
    text: String,
}

fn gold() -> Vec<Gold> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles/doj-sues-california.labels.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Gold {
                index: r[0].parse().unwrap(),
                stance: r[1].to_string(),
                speaker: Some(r[2].to_string()).filter(|s| !s.is_empty()),
                text: r[3].to_string(),
            }
        })
        .collect()
}

fn models() -> Models {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let load = |name: &str| Classifier::new(ModelArtifact::load(&root.join(name)).unwrap());
    Models { stance: load("stance.model"), sentiment: load("sentiment.model") }
}

#[test]
fn seed_article_read_in_context() {
    let models = models();
    let gold = gold();
    assert_eq!(gold.len(), 19, "every classified unit of the seed article is labeled");
    let read = |no_context: bool| {
        let options = AnalyzeOptions { no_context, ..AnalyzeOptions::default() };
        analyze_article("seed", SEED, &models, Language::English, options).unwrap().sentences
    };
    let (in_context, alone) = (read(false), read(true));
    let (mut context_right, mut alone_right, mut speaker_right) = (0, 0, 0);
    for g in &gold {
        let unit = &in_context[g.index];
        assert_eq!(unit.unit.text, g.text, "unit {} is the labeled sentence", g.index);
        let label = |s: &stance::article::analysis::SentenceResult| s.stance.as_ref().unwrap().label.clone();
        context_right += usize::from(label(unit) == g.stance);
        alone_right += usize::from(label(&alone[g.index]) == g.stance);
        let speaker_ok = same_voice(unit.speaker.as_deref(), g.speaker.as_deref());
        speaker_right += usize::from(speaker_ok);
        if label(unit) != g.stance || !speaker_ok {
            println!("#{} {} ({:?}) vs gold {} ({:?})", g.index, label(unit), unit.speaker, g.stance, g.speaker);
        }
    }
    println!("stance right: {alone_right}/19 sentence by sentence, {context_right}/19 in context; speakers {speaker_right}/19");
    assert!(context_right >= alone_right, "the context stage lost units on the seed article");
    assert!(context_right >= 17, "{context_right}/19 in context");
    assert!(speaker_right >= 19, "{speaker_right}/19 speakers");
}
