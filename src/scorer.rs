//! Logits of short texts without building their TF-IDF rows n-gram by
//! n-gram. Looking up every n-gram in the vocabulary is most of the cost of
//! classifying a tweet (about 400 char n-grams each), yet the same words come
//! back again and again. So each worker thread keeps a cache of what every
//! whitespace-separated word it has seen contributes: its terms (with their
//! unigram columns), its char n-gram columns with counts, and those n-grams'
//! share of the char block's dot products and squared norm, as if each
//! occurred once in the text. A text then costs one lookup per word, one per
//! word n-gram of two or more terms, and a correction for the char n-grams
//! it repeats (sublinear tf makes their weight less than the sum).
//!
//! Results match [`Vectorizer::transform_one`] followed by
//! [`LinearModel::logits`] up to rounding (about 1e-7 relative): the cache
//! changes the order of the additions, not what is added. The scorer must
//! be called with the vectorizer and model it was built for.

use crate::features::{for_each_char_ngram, normalised, term_hash, weigh_hits, Vectorizer};
use crate::model::LinearModel;
use crate::text::Analyzer;
use rustc_hash::FxHashMap;
use std::sync::Mutex;

/// Words a cache holds before it starts afresh: at most about 30 MiB per
/// thread on tweets, where 12,284 test tweets hold 47k distinct words.
const CACHE_WORDS: usize = 65_536;

/// Marks a term that is not a unigram column.
const NO_COLUMN: u32 = u32::MAX;

/// Fast logits for one model part. `None` from [`Scorer::new`] means the
/// part needs the general path.
pub struct Scorer {
    /// Key of every word n-gram of two or more terms (see [`ngram_key`]) → column.
    ngram_columns: FxHashMap<u64, u32>,
    /// One per rayon worker, plus one shared by threads outside the pool.
    workspaces: Vec<Mutex<Workspace>>,
    cache_words: usize,
}

/// One term of a cached word.
#[derive(Clone, Copy)]
struct Term {
    hash: u64,
    unigram: u32,
}

/// Where a cached word's terms, char n-gram columns and char sums sit in
/// the arenas.
#[derive(Clone, Copy)]
struct CachedWord {
    terms: (u32, u32),
    char_columns: (u32, u32),
    /// Start of the word's `labels + 1` entries in `sum_arena`.
    char_sums: u32,
}

/// A thread's cache and scratch buffers.
#[derive(Default)]
struct Workspace {
    words: FxHashMap<Box<str>, CachedWord>,
    term_arena: Vec<Term>,
    /// `(column, count)` of each cached word's char n-grams.
    char_arena: Vec<(u32, u32)>,
    /// Per cached word, its char n-grams taken as if each occurred once in
    /// the text: `count x idf x weight` summed per label, then
    /// `count x idf²` summed. Only n-grams a text repeats need correcting.
    sum_arena: Vec<f64>,
    /// Count per char column for the current text; zero outside `touched`.
    char_counts: Vec<u32>,
    touched: Vec<u32>,
    doc_terms: Vec<Term>,
    word_hits: Vec<u32>,
    /// `(column, TF-IDF weight)` of the word n-grams.
    weighted: Vec<(u32, f32)>,
    /// The char block's sums for the current text (layout as in `sum_arena`).
    char_sums: Vec<f64>,
    padded: String,
    bounds: Vec<usize>,
}

/// Order-dependent key of a word n-gram from its terms' hashes, so n-grams
/// are looked up without joining their terms into a string.
fn ngram_key(hashes: impl Iterator<Item = u64>) -> u64 {
    hashes.fold(0, |key, hash| (key.rotate_left(5) ^ hash).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95))
}

impl Scorer {
    /// `None` when two of the vocabulary's n-grams share a key (practically
    /// never), so a text could not be scored exactly this way.
    pub fn new(vectorizer: &Vectorizer) -> Option<Scorer> {
        Scorer::with_cache(vectorizer, CACHE_WORDS)
    }

    /// As [`Scorer::new`], with room for `cache_words` words per thread.
    fn with_cache(vectorizer: &Vectorizer, cache_words: usize) -> Option<Scorer> {
        let mut ngram_columns = FxHashMap::default();
        for (column, term) in vectorizer.word_vocabulary().terms().iter().enumerate() {
            if term.contains(' ') {
                let key = ngram_key(term.split(' ').map(term_hash));
                if ngram_columns.insert(key, column as u32).is_some() {
                    return None;
                }
            }
        }
        let workspaces = (0..=rayon::current_num_threads()).map(|_| Mutex::default()).collect();
        Some(Scorer { ngram_columns, workspaces, cache_words })
    }

    /// Intercept + x·w for `text`, as the model would give for its TF-IDF row.
    pub fn logits(&self, vectorizer: &Vectorizer, analyzer: &Analyzer, model: &LinearModel, text: &str) -> Vec<f64> {
        let slot = rayon::current_thread_index().map_or(0, |i| i + 1).min(self.workspaces.len() - 1);
        // A poisoned workspace may hold half-updated counts: start it afresh.
        let mut workspace = self.workspaces[slot].lock().unwrap_or_else(|poisoned| {
            let mut workspace = poisoned.into_inner();
            *workspace = Workspace::default();
            workspace
        });
        let workspace = &mut *workspace;
        let mut logits = model.intercept().to_vec();
        workspace.doc_terms.clear();
        workspace.touched.clear();
        if let Some(chars) = vectorizer.char_vocabulary() {
            workspace.char_counts.resize(chars.len(), 0);
        }
        workspace.char_sums.clear();
        workspace.char_sums.resize(logits.len() + 1, 0.0);
        for word in text.split_whitespace() {
            let cached = workspace.cached(word, self.cache_words, vectorizer, analyzer, model);
            let (start, end) = cached.terms;
            workspace.doc_terms.extend_from_slice(&workspace.term_arena[start as usize..end as usize]);
            let sums = &workspace.sum_arena[cached.char_sums as usize..][..logits.len() + 1];
            workspace.char_sums.iter_mut().zip(sums).for_each(|(total, sum)| *total += sum);
            let (start, end) = cached.char_columns;
            for &(column, count) in &workspace.char_arena[start as usize..end as usize] {
                let slot = &mut workspace.char_counts[column as usize];
                if *slot == 0 {
                    workspace.touched.push(column);
                }
                *slot += count;
            }
        }
        self.add_word_block(workspace, vectorizer, model, &mut logits);
        add_char_block(workspace, vectorizer, model, &mut logits);
        logits
    }

    fn add_word_block(
        &self,
        workspace: &mut Workspace,
        vectorizer: &Vectorizer,
        model: &LinearModel,
        logits: &mut [f64],
    ) {
        let range = vectorizer.config().word_ngrams;
        let terms = &workspace.doc_terms;
        let hits = &mut workspace.word_hits;
        hits.clear();
        for n in range.min..=range.max {
            for window in terms.windows(n) {
                let column = match window {
                    [term] => Some(term.unigram).filter(|&c| c != NO_COLUMN),
                    _ => self.ngram_columns.get(&ngram_key(window.iter().map(|t| t.hash))).copied(),
                };
                hits.extend(column);
            }
        }
        weigh_hits(hits, vectorizer.word_vocabulary().idf(), vectorizer.params(), &mut workspace.weighted);
        for (column, value) in normalised(&workspace.weighted) {
            model.add_feature(logits, column as usize, value);
        }
    }
}

/// Adds the char block from the text's sums, after correcting them for the
/// n-grams it repeats: those get `weight(count)`, not `count x idf`.
fn add_char_block(workspace: &mut Workspace, vectorizer: &Vectorizer, model: &LinearModel, logits: &mut [f64]) {
    let Some(chars) = vectorizer.char_vocabulary() else { return };
    let labels = logits.len();
    let offset = vectorizer.word_vocabulary().len();
    let (dots, squares) = workspace.char_sums.split_at_mut(labels);
    for &column in &workspace.touched {
        let count = std::mem::take(&mut workspace.char_counts[column as usize]);
        if count < 2 {
            continue;
        }
        let idf = chars.idf()[column as usize] as f64;
        let linear = count as f64 * idf;
        let weight = vectorizer.params().weight(count as usize, idf as f32) as f64;
        squares[0] += weight * weight - linear * idf;
        model.add_feature(dots, offset + column as usize, (weight - linear) as f32);
    }
    let norm = squares[0].max(0.0).sqrt();
    if norm > 0.0 {
        logits.iter_mut().zip(dots.iter()).for_each(|(logit, dot)| *logit += dot / norm);
    }
}

impl Workspace {
    /// The cached analysis of `word`, computed on first sight.
    fn cached(
        &mut self,
        word: &str,
        capacity: usize,
        vectorizer: &Vectorizer,
        analyzer: &Analyzer,
        model: &LinearModel,
    ) -> CachedWord {
        if let Some(&cached) = self.words.get(word) {
            return cached;
        }
        if self.words.len() >= capacity {
            self.words.clear();
            self.term_arena.clear();
            self.char_arena.clear();
            self.sum_arena.clear();
        }
        let cached = self.analyse(word, vectorizer, analyzer, model);
        self.words.insert(word.into(), cached);
        cached
    }

    fn analyse(&mut self, word: &str, vectorizer: &Vectorizer, analyzer: &Analyzer, model: &LinearModel) -> CachedWord {
        let words = vectorizer.word_vocabulary();
        let term_start = self.term_arena.len() as u32;
        for term in analyzer.terms(word) {
            let unigram = words.get(&term).unwrap_or(NO_COLUMN);
            self.term_arena.push(Term { hash: term_hash(&term), unigram });
        }
        let char_start = self.char_arena.len();
        if let (Some(chars), Some(range)) = (vectorizer.char_vocabulary(), vectorizer.config().char_ngrams) {
            let lowered;
            let word = if analyzer.config().lowercase {
                lowered = word.to_lowercase();
                lowered.as_str()
            } else {
                word
            };
            let arena = &mut self.char_arena;
            for_each_char_ngram(word, range, &mut self.padded, &mut self.bounds, |ngram| {
                if let Some(column) = chars.get(ngram) {
                    arena.push((column, 1));
                }
            });
            let columns = &mut self.char_arena[char_start..];
            columns.sort_unstable();
            let mut kept = 0;
            for i in 0..columns.len() {
                if kept > 0 && columns[kept - 1].0 == columns[i].0 {
                    columns[kept - 1].1 += 1;
                } else {
                    columns[kept] = columns[i];
                    kept += 1;
                }
            }
            self.char_arena.truncate(char_start + kept);
        }
        let sums_start = self.sum_arena.len();
        let labels = model.intercept().len();
        self.sum_arena.resize(sums_start + labels + 1, 0.0);
        if let Some(chars) = vectorizer.char_vocabulary() {
            let offset = vectorizer.word_vocabulary().len();
            let (dots, squares) = self.sum_arena[sums_start..].split_at_mut(labels);
            for &(column, count) in &self.char_arena[char_start..] {
                let idf = chars.idf()[column as usize];
                model.add_feature(dots, offset + column as usize, count as f32 * idf);
                squares[0] += count as f64 * (idf as f64) * (idf as f64);
            }
        }
        CachedWord {
            terms: (term_start, self.term_arena.len() as u32),
            char_columns: (char_start as u32, self.char_arena.len() as u32),
            char_sums: sums_start as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::TfidfParams;
    use crate::rng::SplitMix64;
    use crate::text::{NgramRange, TextConfig};

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
    const TEXTS: [&str; 12] = [
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
    ];

    fn fitted(config: &TextConfig, params: &TfidfParams) -> (Vectorizer, LinearModel) {
        let vectorizer = Vectorizer::fit(&TRAINING, config, params);
        let labels: Vec<String> = ["a", "b", "c"].iter().map(|l| l.to_string()).collect();
        let mut rng = SplitMix64::new(7);
        let mut uniform = || rng.next_u64() as f64 / u64::MAX as f64 * 4.0 - 2.0;
        let weights = (0..vectorizer.n_features() * 3).map(|_| uniform()).collect();
        let intercept = (0..3).map(|_| uniform()).collect();
        let model = LinearModel::new(labels, vectorizer.n_features(), weights, intercept);
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
            let scorer = Scorer::new(&vectorizer).expect("no key collisions");
            let analyzer = vectorizer.analyzer();
            for pass in 0..2 {
                for text in TEXTS {
                    let got = scorer.logits(&vectorizer, &analyzer, &model, text);
                    assert_close(
                        &got,
                        &reference(&vectorizer, &model, text),
                        &format!("{config:?} pass {pass}: {text}"),
                    );
                }
            }
        }
    }

    #[test]
    fn a_warm_cache_gives_the_same_bits_as_a_cold_one() {
        let (config, params) = configs().remove(0);
        let (vectorizer, model) = fitted(&config, &params);
        let analyzer = vectorizer.analyzer();
        let warm = Scorer::new(&vectorizer).unwrap();
        for text in TEXTS {
            warm.logits(&vectorizer, &analyzer, &model, text);
        }
        for text in TEXTS {
            let cold = Scorer::new(&vectorizer).unwrap();
            assert_eq!(
                warm.logits(&vectorizer, &analyzer, &model, text),
                cold.logits(&vectorizer, &analyzer, &model, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_full_cache_starts_afresh_and_stays_correct() {
        let (config, params) = configs().remove(0);
        let (vectorizer, model) = fitted(&config, &params);
        let analyzer = vectorizer.analyzer();
        let scorer = Scorer::with_cache(&vectorizer, 3).unwrap();
        for round in 0..3 {
            for text in TEXTS {
                let got = scorer.logits(&vectorizer, &analyzer, &model, text);
                assert_close(&got, &reference(&vectorizer, &model, text), &format!("round {round}: {text}"));
            }
        }
        let workspace = scorer.workspaces[0].lock().unwrap();
        assert!(workspace.words.len() <= 3, "{} words cached", workspace.words.len());
    }

    #[test]
    fn ngram_keys_depend_on_order() {
        let (a, b) = (term_hash("ice"), term_hash("raid"));
        assert_ne!(ngram_key([a, b].into_iter()), ngram_key([b, a].into_iter()));
        assert_ne!(ngram_key([a, a].into_iter()), ngram_key([a].into_iter()));
    }
}
