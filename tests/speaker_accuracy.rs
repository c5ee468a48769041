//! Speaker accuracy of attribution on the labeled stories (`data/stories.csv`):
//! the share of aligned units whose attributed speaker is the labeled one
//! (`same_voice`). Guards the figure reached so attribution cannot quietly regress.
//! `STANCE_SPEAKER_ERRORS=1 cargo test --test speaker_accuracy -- --nocapture` lists the errors.

use std::path::Path;

use stance::article::attribution::attribute;
use stance::article::context::same_voice;
use stance::article::stories::read_stories;
use stance::article::units::read_article;
use stance::text::Language;

struct Tally {
    all: usize,
    right: usize,
    gold_speaker: usize,
    gold_speaker_right: usize,
}

fn tally() -> Tally {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/stories.csv");
    let stories = read_stories(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let show = std::env::var_os("STANCE_SPEAKER_ERRORS").is_some();
    let mut t = Tally { all: 0, right: 0, gold_speaker: 0, gold_speaker_right: 0 };
    for story in &stories {
        let units: Vec<_> = read_article(&story.article_text(), Language::English)
            .into_iter()
            .filter(|u| u.kind.is_classified())
            .collect();
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        let attributions = attribute(&texts);
        for ((aligned, attribution), text) in story.align(&units).iter().zip(&attributions).zip(&texts) {
            let Some(i) = aligned else { continue };
            let gold = story.units[*i].speaker.as_deref();
            let predicted = attribution.speaker.as_deref();
            let right = same_voice(predicted, gold);
            t.all += 1;
            t.right += usize::from(right);
            if gold.is_some() {
                t.gold_speaker += 1;
                t.gold_speaker_right += usize::from(right);
            }
            if show && !right {
                println!("{}\t{:?}\t{:?}\t{}", story.id, predicted, gold, text);
            }
        }
    }
    t
}

#[test]
fn speaker_accuracy_on_labeled_stories() {
    let t = tally();
    let all = t.right as f64 / t.all as f64;
    let attributed = t.gold_speaker_right as f64 / t.gold_speaker as f64;
    println!(
        "speaker accuracy {all:.4} over {} units; {attributed:.4} over {} attributed units",
        t.all, t.gold_speaker
    );
    assert!(t.all > 2400, "only {} units aligned", t.all);
    assert!(all >= 0.848, "speaker accuracy {all:.4} over all aligned units fell");
    assert!(attributed >= 0.775, "speaker accuracy {attributed:.4} over attributed units fell");
}
