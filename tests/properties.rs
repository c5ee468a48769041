//! Properties that must hold for any input.

use proptest::prelude::*;
use stance::article::units::read_article;
use stance::model::classifier::Classifier;
use stance::model::file::ModelArtifact;
use stance::text::{tokenize, Language};
use std::path::Path;
use std::sync::OnceLock;

/// Text made of the pieces scraped news is made of, in any order.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,12}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        Just(".".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("\u{2019}s".to_string()),
        Just("\u{2026}".to_string()),
        Just("U.S.".to_string()),
        Just("n't".to_string()),
        Just("#tag".to_string()),
        Just("@user".to_string()),
        Just("https://t.co/x".to_string()),
        Just("[contf]".to_string()),
        Just("?!".to_string()),
        "[0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The shipped model after a trip through its file format.
fn reloaded_stance_model() -> &'static Classifier {
    static MODEL: OnceLock<Classifier> = OnceLock::new();
    MODEL.get_or_init(|| {
        let bytes = shipped_stance_model().artifact().to_bytes();
        Classifier::new(ModelArtifact::from_bytes(&bytes, Path::new("m")).unwrap())
    })
}

fn shipped_stance_model() -> &'static Classifier {
    static MODEL: OnceLock<Classifier> = OnceLock::new();
    MODEL.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/stance.model");
        Classifier::new(ModelArtifact::load(&path).unwrap())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn articles_split_without_losing_characters(text in newsy_text()) {
        let units = read_article(&text, Language::English);
        let covered: String = units.iter().map(|u| u.text.as_str()).collect();
        prop_assert_eq!(without_whitespace(&covered), without_whitespace(&text));
        for unit in &units {
            prop_assert_eq!(&text[unit.start..unit.end], unit.text.as_str());
        }
        prop_assert!(units.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn tokenizing_never_panics_and_yields_non_empty_tokens(text in newsy_text()) {
        prop_assert!(tokenize(&text).iter().all(|t| !t.trim().is_empty()));
    }

    #[test]
    fn probabilities_are_finite_and_sum_to_one(text in newsy_text()) {
        let prediction = shipped_stance_model().classify(&text).unwrap();
        prop_assert!(prediction.probabilities.iter().all(|p| p.is_finite() && *p >= 0.0));
        prop_assert!((prediction.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_model_round_trips_to_identical_predictions(text in newsy_text()) {
        let (before, after) = (shipped_stance_model(), reloaded_stance_model());
        prop_assert_eq!(before.classify(&text).unwrap(), after.classify(&text).unwrap());
    }
}
