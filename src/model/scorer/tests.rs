use super::*;
use crate::features::tfidf::TfidfParams;
use crate::rng::SplitMix64;
use crate::text::{NgramRange, TextConfig};
use std::collections::BTreeMap;

const TRAINING: [&str; 8] = [
    "ICE must deport criminal aliens now, the sheriff said",
    "Sanctuary cities protect families; sanctuary laws keep communities safe",
    "We won't let ICE raids tear families apart!",
    "The council meets on Tuesday at noon in the old hall",
    "Banana bandana: the band's banner at https://example.org/x",
    "Officials in ΟΔΟΣ and İstanbul didn't comment… yet",
    "deport deport deport, the crowd chanted at the rally",
    "A hearing was scheduled for March 3.5 percent U.S. data",
];

/// Texts that exercise repeated words and n-grams, contractions, URLs,
/// case, non-ASCII and empty input, plus words never seen in training.
const TEXTS: [&str; 14] = [
    "ICE must deport criminal aliens now",
    "deport deport DEPORT deport",
    "banana bandana banner band",
    "We won't stop: they can't, they shouldn't…and we'll see",
    "see https://example.org/x and www.Example.org",
    "ΟΔΟΣ İstanbul Σ σς",
    "",
    "   \t  ",
    "a",
    "zebra quagga xylophone unseenword",
    "The council meets. The council meets! The council meets?",
    "sanctuary,sanctuary;sanctuary laws keep communities safe and safe",
    "Sanctuary SANCTUARY sanctuary SaNcTuArY won't WON'T Won't",
    "https://t.co/AbC123xyz https://t.co/zz9qq0 https://t.co/AbC123xyz! sanctuarycitiesdebate sanctuarycitiesforever",
];

fn fitted(config: &TextConfig, params: &TfidfParams) -> (Vectorizer, LinearModel) {
    fitted_with_labels(config, params, 3)
}

/// A vectorizer fitted on [`TRAINING`] and a model of random weights over `labels` labels.
fn fitted_with_labels(config: &TextConfig, params: &TfidfParams, labels: usize) -> (Vectorizer, LinearModel) {
    let vectorizer = Vectorizer::fit(&TRAINING, config, params);
    let names: Vec<String> = (0..labels).map(|l| format!("label{l}")).collect();
    let mut rng = SplitMix64::new(7);
    let mut uniform = || rng.next_u64() as f64 / u64::MAX as f64 * 4.0 - 2.0;
    let weights = (0..vectorizer.n_features() * labels).map(|_| uniform()).collect();
    let intercept = (0..labels).map(|_| uniform()).collect();
    let model = LinearModel::new(names, vectorizer.n_features(), weights, intercept);
    (vectorizer, model)
}

fn configs() -> Vec<(TextConfig, TfidfParams)> {
    let chars = TextConfig { char_ngrams: Some(NgramRange { min: 2, max: 5 }), ..TextConfig::default() };
    let sublinear = TfidfParams::default();
    let linear = TfidfParams { sublinear_tf: false, ..TfidfParams::default() };
    vec![
        (chars.clone(), sublinear.clone()),
        (chars.clone(), linear.clone()),
        (TextConfig { lowercase: false, stem: false, ..chars.clone() }, sublinear.clone()),
        (TextConfig { word_ngrams: NgramRange { min: 2, max: 3 }, ..chars }, sublinear.clone()),
        (TextConfig::default(), linear),
    ]
}

/// The first configuration (word and char n-grams, sublinear tf), fitted.
fn fitted_with_chars() -> (Vectorizer, LinearModel, Analyzer) {
    let (config, params) = configs().remove(0);
    let (vectorizer, model) = fitted(&config, &params);
    let analyzer = vectorizer.analyzer();
    (vectorizer, model, analyzer)
}

/// The logits from the TF-IDF row, the reference the scorer must match.
fn reference(vectorizer: &Vectorizer, model: &LinearModel, text: &str) -> Vec<f64> {
    model.logits(&vectorizer.transform_one(&vectorizer.analyzer(), text))
}

fn assert_close(got: &[f64], want: &[f64], text: &str) {
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= 1e-5 * (1.0 + w.abs()), "{text:?}: {got:?} vs {want:?}");
    }
}

#[test]
fn logits_match_the_tfidf_row_cold_and_warm() {
    for (config, params) in configs() {
        let (vectorizer, model) = fitted(&config, &params);
        let scorer = Scorer::new(&vectorizer, &model).expect("no key collisions");
        let analyzer = vectorizer.analyzer();
        for pass in 0..2 {
            for text in TEXTS {
                let got = scorer.logits(&vectorizer, &analyzer, &model, text);
                assert_close(&got, &reference(&vectorizer, &model, text), &format!("{config:?} pass {pass}: {text}"));
            }
        }
    }
}

/// New words' char sums are added in registers for 2 to 4 labels, in
/// memory for more.
#[test]
fn logits_match_the_tfidf_row_for_any_number_of_labels() {
    let (config, params) = configs().remove(0);
    for labels in 2..=7 {
        let (vectorizer, model) = fitted_with_labels(&config, &params, labels);
        let scorer = Scorer::new(&vectorizer, &model).expect("no key collisions");
        for text in TEXTS {
            let got = scorer.logits(&vectorizer, &vectorizer.analyzer(), &model, text);
            assert_eq!(got.len(), labels);
            assert_close(&got, &reference(&vectorizer, &model, text), &format!("{labels} labels: {text}"));
        }
    }
}

#[test]
fn a_warm_cache_gives_the_same_bits_as_a_cold_one() {
    let (vectorizer, model, analyzer) = fitted_with_chars();
    let warm = Scorer::new(&vectorizer, &model).unwrap();
    for text in TEXTS {
        warm.logits(&vectorizer, &analyzer, &model, text);
    }
    for text in TEXTS {
        let cold = Scorer::new(&vectorizer, &model).unwrap();
        assert_eq!(
            warm.logits(&vectorizer, &analyzer, &model, text),
            cold.logits(&vectorizer, &analyzer, &model, text),
            "{text:?}"
        );
    }
}

#[test]
fn a_full_cache_starts_afresh_and_stays_correct() {
    let (vectorizer, model, analyzer) = fitted_with_chars();
    let scorer = Scorer::with_cache(&vectorizer, &model, 3).unwrap();
    for round in 0..3 {
        for text in TEXTS {
            let got = scorer.logits(&vectorizer, &analyzer, &model, text);
            assert_close(&got, &reference(&vectorizer, &model, text), &format!("round {round}: {text}"));
        }
    }
    // The cache starts afresh between texts, so it holds at most 3 words
    // plus those of the last text.
    let workspace = scorer.workspaces[0].lock().unwrap();
    let last = TEXTS[TEXTS.len() - 1].split_whitespace().count();
    assert!(workspace.words.len() < 3 + last, "{} words cached", workspace.words.len());
}

#[test]
fn a_word_gets_the_same_bits_whether_its_prefix_is_cached_or_not() {
    let (vectorizer, model, analyzer) = fitted_with_chars();
    for word in ["https://t.co/zz9qq0", "sanctuarycitiesforever", "ΟΔΟΣΟΔΟΣΟΔΟΣΟΔΟΣΟΔΟΣ"] {
        let fresh = Scorer::new(&vectorizer, &model).unwrap();
        let primed = Scorer::new(&vectorizer, &model).unwrap();
        let sibling: String = word.chars().take(13).chain("different ending".chars()).collect();
        primed.logits(&vectorizer, &analyzer, &model, &sibling);
        assert_eq!(primed.workspaces[0].lock().unwrap().prefixes.len(), 1, "{word}");
        let got = primed.logits(&vectorizer, &analyzer, &model, word);
        assert_eq!(got, fresh.logits(&vectorizer, &analyzer, &model, word), "{word}");
        assert_close(&got, &reference(&vectorizer, &model, word), word);
    }
}

proptest::proptest! {
    /// N-grams by end are the n-grams, in another order.
    #[test]
    fn ngrams_by_end_are_the_char_ngrams(word in "\\PC{1,20}|[a-z]{1,3}", min in 1usize..4, extra in 0usize..5) {
        let range = NgramRange { min, max: min + extra };
        let (mut padded, mut bounds) = (String::new(), Vec::new());
        let mut want = Vec::new();
        crate::features::tfidf::for_each_char_ngram(&word, range, &mut padded, &mut bounds, |ngram| want.push(term_hash(ngram)));
        let mut got = Vec::new();
        ngram_hashes_ending(&padded, &bounds, range, 1..=bounds.len() - 1, &mut got);
        want.sort_unstable();
        got.sort_unstable();
        proptest::prop_assert_eq!(got, want);
    }
}

#[test]
fn ascii_words_differing_in_case_share_one_analysis() {
    let (vectorizer, model, analyzer) = fitted_with_chars();
    let scorer = Scorer::new(&vectorizer, &model).unwrap();
    let text = "Sanctuary SANCTUARY sanctuary SaNcTuArY won't WON'T Won't";
    let got = scorer.logits(&vectorizer, &analyzer, &model, text);
    assert_close(&got, &reference(&vectorizer, &model, text), text);
    let workspace = scorer.workspaces[0].lock().unwrap();
    let mut cached: Vec<&str> = workspace.words.keys().map(|word| word.as_str()).collect();
    cached.sort();
    assert_eq!(cached, ["sanctuary", "won't"]);
}

proptest::proptest! {
    /// What sharing relies on: with lowercasing on, an ASCII word gives
    /// the same terms as its lowercase form.
    #[test]
    fn ascii_case_does_not_change_terms(word in "[!-~]{1,16}") {
        let analyzer = Analyzer::new(&TextConfig::default());
        proptest::prop_assert_eq!(analyzer.terms(&word), analyzer.terms(&word.to_ascii_lowercase()));
    }
}

#[test]
fn repeats_are_counted_exactly_across_generations() {
    let mut finder = RepeatFinder::default();
    let mut rng = SplitMix64::new(11);
    // Enough texts for the generation to wrap around twice.
    for text in 0..600 {
        let words: Vec<Vec<u32>> =
            (0..text % 7).map(|_| (0..rng.next_u64() % 9).map(|_| (rng.next_u64() % 40) as u32).collect()).collect();
        let mut want: BTreeMap<u32, u32> = BTreeMap::new();
        words.iter().flatten().for_each(|&entry| *want.entry(entry).or_default() += 1);
        want.retain(|_, count| *count > 1);
        let mut got: Vec<(u32, u32)> = finder.find(40, words.iter().map(Vec::as_slice)).to_vec();
        got.sort();
        assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "text {text}");
    }
}

#[test]
fn ngram_keys_depend_on_order() {
    let (a, b) = (term_hash("ice"), term_hash("raid"));
    assert_ne!(ngram_key([a, b].into_iter()), ngram_key([b, a].into_iter()));
    assert_ne!(ngram_key([a, a].into_iter()), ngram_key([a].into_iter()));
}
