//! TF-IDF features of our own: the vocabulary and IDF are fitted once on the
//! training data and stored in the model, so a single sentence at prediction
//! time gets the training IDF (smooth IDF, sublinear tf, L2-normalised rows,
//! like scikit-learn's `TfidfVectorizer(sublinear_tf=True)`).

use crate::features::packed::PackedStrs;
use crate::features::sparse::{CsrMatrix, SparseRow};
use crate::text::{Analyzer, NgramRange, TextConfig};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::sync::OnceLock;

/// Documents per parallel work unit; fixed so results never depend on the
/// number of threads.
const CHUNK: usize = 512;

/// Settings of the TF-IDF weighting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TfidfParams {
    /// Keep only terms seen in at least this many training documents.
    pub min_df: usize,
    /// Keep at most this many terms per block (the most frequent ones).
    pub max_features: Option<usize>,
    pub sublinear_tf: bool,
}

impl TfidfParams {
    /// TF-IDF weight (before normalising) of a term seen `count` times.
    pub fn weight(&self, count: usize, idf: f32) -> f32 {
        // Most terms occur once, and ln(1) is exactly 0: skip the logarithm.
        let tf = match count {
            1 => 1.0,
            _ if self.sublinear_tf => 1.0 + (count as f32).ln(),
            _ => count as f32,
        };
        tf * idf
    }
}

impl Default for TfidfParams {
    fn default() -> Self {
        TfidfParams { min_df: 1, max_features: None, sublinear_tf: true }
    }
}

/// Terms of one feature block (word n-grams or char n-grams) in column order,
/// with their IDF.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "VocabularyData", into = "VocabularyData")]
pub struct Vocabulary {
    terms: PackedStrs,
    idf: Vec<f32>,
    /// Built on the first lookup by string: batch prediction never makes
    /// one, and building it would add a quarter to loading a model.
    index: OnceLock<TermIndex>,
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Self) -> bool {
        self.terms == other.terms && self.idf == other.idf
    }
}

#[derive(Debug, Clone)]
struct TermIndex {
    /// 64-bit hash of a term → its column. Looking up a hash instead of a
    /// string avoids one cache miss per n-gram, the main cost of featurizing.
    by_hash: HashIndex,
    /// Terms whose hash collides with another term's (practically never).
    collided: FxHashMap<String, u32>,
}

impl TermIndex {
    fn new(terms: &PackedStrs) -> TermIndex {
        let mut by_hash = HashIndex::with_capacity_and_hasher(terms.len(), Default::default());
        let mut collided = FxHashMap::default();
        for (i, term) in terms.iter().enumerate() {
            let hash = term_hash(term);
            if let Some(previous) = by_hash.insert(hash, i as u32) {
                if previous != COLLIDED {
                    collided.insert(terms.get(previous as usize).unwrap_or_default().to_string(), previous);
                }
                collided.insert(term.to_string(), i as u32);
                by_hash.insert(hash, COLLIDED);
            }
        }
        TermIndex { by_hash, collided }
    }
}

/// Keys are already well-mixed 64-bit hashes: use them as they are.
#[derive(Default, Clone, Copy)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type HashIndex = std::collections::HashMap<u64, u32, std::hash::BuildHasherDefault<PassThrough>>;

/// Marks a hash shared by several terms: look those up by string.
const COLLIDED: u32 = u32::MAX;

pub(crate) fn term_hash(term: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(term.as_bytes());
    hasher.finish()
}

#[derive(Serialize, Deserialize)]
struct VocabularyData {
    terms: PackedStrs,
    idf: Vec<f32>,
}

impl From<VocabularyData> for Vocabulary {
    fn from(data: VocabularyData) -> Self {
        Vocabulary::new(data.terms, data.idf)
    }
}

impl From<Vocabulary> for VocabularyData {
    fn from(v: Vocabulary) -> Self {
        VocabularyData { terms: v.terms, idf: v.idf }
    }
}

impl Vocabulary {
    fn new(terms: PackedStrs, idf: Vec<f32>) -> Self {
        Vocabulary { terms, idf, index: OnceLock::new() }
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn terms(&self) -> &PackedStrs {
        &self.terms
    }

    pub fn idf(&self) -> &[f32] {
        &self.idf
    }

    pub fn get(&self, term: &str) -> Option<u32> {
        let index = self.index.get_or_init(|| TermIndex::new(&self.terms));
        match index.by_hash.get(&term_hash(term)) {
            Some(&COLLIDED) => index.collided.get(term).copied(),
            found => found.copied(),
        }
    }
}

/// Which kind of n-grams a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Words(NgramRange),
    Chars(NgramRange),
}

/// Fitted text → TF-IDF row transformer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vectorizer {
    config: TextConfig,
    params: TfidfParams,
    words: Vocabulary,
    chars: Option<Vocabulary>,
    /// Most frequent surface word of each stemmed unigram (`immigr` → `immigration`),
    /// so features can be shown as readable words.
    surface: BTreeMap<String, String>,
}

impl Vectorizer {
    /// Fits vocabularies and IDF on `docs`.
    pub fn fit(docs: &[&str], config: &TextConfig, params: &TfidfParams) -> Vectorizer {
        let analyzer = Analyzer::new(config);
        let words = fit_block(docs, &analyzer, BlockKind::Words(config.word_ngrams), params);
        let chars = config.char_ngrams.map(|range| fit_block(docs, &analyzer, BlockKind::Chars(range), params));
        let surface = surface_forms(docs, &analyzer, &words);
        Vectorizer { config: config.clone(), params: params.clone(), words, chars, surface }
    }

    /// Feature `index` in readable words: stems replaced by their most
    /// frequent surface form; char n-grams quoted (`char "ice "`).
    pub fn feature_display(&self, index: usize) -> Option<String> {
        if index < self.words.len() {
            let words: Vec<&str> = self
                .words
                .terms
                .get(index)
                .unwrap_or_default()
                .split(' ')
                .map(|term| self.surface.get(term).map_or(term, String::as_str))
                .collect();
            return Some(words.join(" "));
        }
        let chars = self.chars.as_ref()?;
        chars.terms.get(index - self.words.len()).map(|t| format!("char \"{t}\""))
    }

    pub fn config(&self) -> &TextConfig {
        &self.config
    }

    /// Checks that a decoded vectorizer is usable: one IDF per term, and a
    /// char vocabulary exactly when char n-grams are configured.
    pub fn check_shapes(&self) -> Result<(), String> {
        let blocks = std::iter::once(&self.words).chain(self.chars.as_ref());
        if blocks.clone().any(|b| b.terms.len() != b.idf.len()) {
            return Err("a vocabulary has a different number of terms and IDF values".into());
        }
        if self.config.char_ngrams.is_some() != self.chars.is_some() {
            return Err("char n-gram settings and vocabulary disagree".into());
        }
        let ranges = std::iter::once(self.config.word_ngrams).chain(self.config.char_ngrams);
        if ranges.into_iter().any(|r| r.min == 0 || r.min > r.max || r.max > 10) {
            return Err("invalid n-gram range".into());
        }
        Ok(())
    }

    pub fn params(&self) -> &TfidfParams {
        &self.params
    }

    pub fn word_vocabulary(&self) -> &Vocabulary {
        &self.words
    }

    pub fn char_vocabulary(&self) -> Option<&Vocabulary> {
        self.chars.as_ref()
    }

    /// Total number of feature columns (word block first, then char block).
    pub fn n_features(&self) -> usize {
        self.words.len() + self.chars.as_ref().map_or(0, Vocabulary::len)
    }

    /// TF-IDF row of one document.
    pub fn transform_one(&self, analyzer: &Analyzer, doc: &str) -> SparseRow {
        let mut row = block_row(doc, analyzer, &self.words, BlockKind::Words(self.config.word_ngrams), &self.params, 0);
        if let (Some(chars), Some(range)) = (&self.chars, self.config.char_ngrams) {
            let offset = self.words.len() as u32;
            let block = block_row(doc, analyzer, chars, BlockKind::Chars(range), &self.params, offset);
            row.indices.extend(block.indices);
            row.values.extend(block.values);
        }
        row
    }

    /// TF-IDF rows of many documents, in parallel, in input order.
    pub fn transform(&self, docs: &[&str]) -> CsrMatrix {
        let analyzer = Analyzer::new(&self.config);
        let mut matrix = CsrMatrix::with_columns(self.n_features());
        // In waves, so only one wave of intermediate rows is alive at a time.
        for wave in docs.chunks(CHUNK * 16) {
            let rows: Vec<SparseRow> = wave
                .par_chunks(CHUNK)
                .flat_map_iter(|chunk| chunk.iter().map(|doc| self.transform_one(&analyzer, doc)).collect::<Vec<_>>())
                .collect();
            rows.iter().for_each(|row| matrix.push_row(row));
        }
        matrix
    }

    pub fn analyzer(&self) -> Analyzer {
        Analyzer::new(&self.config)
    }
}

/// The most frequent surface word of each unigram in the vocabulary (ties:
/// the alphabetically first), for display.
fn surface_forms(docs: &[&str], analyzer: &Analyzer, words: &Vocabulary) -> BTreeMap<String, String> {
    type Counts = FxHashMap<(String, String), usize>;
    let counts = docs
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut counts = Counts::default();
            for doc in chunk {
                for (term, surface) in analyzer.terms_with_surface(doc) {
                    if words.get(&term).is_some() {
                        *counts.entry((term, surface)).or_insert(0) += 1;
                    }
                }
            }
            counts
        })
        .reduce(Counts::default, |mut a, b| {
            for (key, count) in b {
                *a.entry(key).or_insert(0) += count;
            }
            a
        });
    let mut best: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for ((term, surface), count) in counts {
        let entry = best.entry(term).or_insert((0, String::new()));
        if count > entry.0 || (count == entry.0 && surface < entry.1) {
            *entry = (count, surface);
        }
    }
    // Only the terms whose usual surface differs from the term need storing.
    best.into_iter()
        .filter(|(term, (_, surface))| term != surface)
        .map(|(term, (_, surface))| (term, surface))
        .collect()
}

/// Calls `emit` for every n-gram occurrence of `doc` in the block.
fn for_each_ngram(doc: &str, analyzer: &Analyzer, kind: BlockKind, mut emit: impl FnMut(&str)) {
    let mut buffer = String::new();
    match kind {
        BlockKind::Words(range) => {
            let terms = analyzer.terms(doc);
            for n in range.min..=range.max {
                for window in terms.windows(n) {
                    buffer.clear();
                    for (k, term) in window.iter().enumerate() {
                        if k > 0 {
                            buffer.push(' ');
                        }
                        buffer.push_str(term);
                    }
                    emit(&buffer);
                }
            }
        }
        BlockKind::Chars(range) => {
            let text = if analyzer.config().lowercase { doc.to_lowercase() } else { doc.to_string() };
            let mut bounds = Vec::new();
            for word in text.split_whitespace() {
                for_each_char_ngram(word, range, &mut buffer, &mut bounds, &mut emit);
            }
        }
    }
}

/// Calls `emit` for every char n-gram of one (already lowercased) word, as
/// scikit-learn's `char_wb`: n-grams of the space-padded word, emitted as
/// slices of `padded` so no n-gram is allocated. `padded` and `bounds` are
/// scratch buffers the caller reuses.
/// `word` between two spaces, as char n-grams see it, and the byte offset
/// of each of its chars followed by its length.
pub(crate) fn pad_word(word: &str, padded: &mut String, bounds: &mut Vec<usize>) {
    padded.clear();
    padded.push(' ');
    padded.push_str(word);
    padded.push(' ');
    bounds.clear();
    bounds.extend(padded.char_indices().map(|(i, _)| i));
    bounds.push(padded.len());
}

pub(crate) fn for_each_char_ngram(
    word: &str,
    range: NgramRange,
    padded: &mut String,
    bounds: &mut Vec<usize>,
    mut emit: impl FnMut(&str),
) {
    pad_word(word, padded, bounds);
    let chars = bounds.len() - 1;
    for n in range.min..=range.max {
        if chars <= n {
            emit(padded);
            break;
        }
        for start in 0..=chars - n {
            emit(&padded[bounds[start]..bounds[start + n]]);
        }
    }
}

/// Counts of one term, keyed by the term's hash. The term itself is not
/// kept while counting (most n-grams fall below `min_df`); it is recovered
/// afterwards from the first document it occurs in, which keeps fitting
/// memory small.
#[derive(Clone, Copy)]
struct TermCount {
    df: u32,
    first_doc: u32,
    total: u64,
}

type TermStats = FxHashMap<u64, TermCount>;

fn fit_block(docs: &[&str], analyzer: &Analyzer, kind: BlockKind, params: &TfidfParams) -> Vocabulary {
    let stats = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk_index, chunk)| {
            let mut stats = TermStats::default();
            let mut seen = rustc_hash::FxHashSet::<u64>::default();
            for (offset, doc) in chunk.iter().enumerate() {
                let doc_index = (chunk_index * CHUNK + offset) as u32;
                seen.clear();
                for_each_ngram(doc, analyzer, kind, |term| {
                    let hash = term_hash(term);
                    let entry = stats.entry(hash).or_insert(TermCount { df: 0, first_doc: doc_index, total: 0 });
                    entry.total += 1;
                    if seen.insert(hash) {
                        entry.df += 1;
                    }
                });
            }
            stats
        })
        .reduce(TermStats::default, |mut a, b| {
            for (hash, count) in b {
                let entry = a.entry(hash).or_insert(TermCount { df: 0, first_doc: count.first_doc, total: 0 });
                entry.df += count.df;
                entry.total += count.total;
                entry.first_doc = entry.first_doc.min(count.first_doc);
            }
            a
        });
    let kept_counts: Vec<(u64, TermCount)> =
        stats.into_iter().filter(|(_, count)| count.df as usize >= params.min_df).collect();
    let terms = recover_terms(docs, analyzer, kind, &kept_counts);
    let mut kept: Vec<(String, u32, u64)> = kept_counts
        .iter()
        .filter_map(|(hash, count)| terms.get(hash).map(|term| (term.clone(), count.df, count.total)))
        .collect();
    if let Some(max) = params.max_features {
        // Most frequent first; ties broken by the term so the cut is deterministic.
        kept.sort_unstable_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        kept.truncate(max);
    }
    // Most frequent terms first (ties by term): deterministic, and the weight
    // rows used most often end up next to each other in memory.
    kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let n = docs.len() as f64;
    let idf = kept.iter().map(|(_, df, _)| (((1.0 + n) / (1.0 + *df as f64)).ln() + 1.0) as f32).collect();
    Vocabulary::new(kept.into_iter().map(|(term, _, _)| term).collect(), idf)
}

/// The text of each kept term hash, found by re-reading the first document
/// each term occurs in.
fn recover_terms(
    docs: &[&str],
    analyzer: &Analyzer,
    kind: BlockKind,
    kept: &[(u64, TermCount)],
) -> FxHashMap<u64, String> {
    let mut by_doc: FxHashMap<u32, rustc_hash::FxHashSet<u64>> = FxHashMap::default();
    for (hash, count) in kept {
        by_doc.entry(count.first_doc).or_default().insert(*hash);
    }
    let by_doc: Vec<(u32, rustc_hash::FxHashSet<u64>)> = by_doc.into_iter().collect();
    by_doc
        .par_iter()
        .flat_map_iter(|(doc, wanted)| {
            let mut found = Vec::with_capacity(wanted.len());
            for_each_ngram(docs[*doc as usize], analyzer, kind, |term| {
                let hash = term_hash(term);
                if wanted.contains(&hash) && !found.iter().any(|(h, _)| *h == hash) {
                    found.push((hash, term.to_string()));
                }
            });
            found
        })
        .collect()
}

fn block_row(
    doc: &str,
    analyzer: &Analyzer,
    vocabulary: &Vocabulary,
    kind: BlockKind,
    params: &TfidfParams,
    offset: u32,
) -> SparseRow {
    let mut hits: Vec<u32> = Vec::new();
    for_each_ngram(doc, analyzer, kind, |term| {
        if let Some(index) = vocabulary.get(term) {
            hits.push(index);
        }
    });
    let mut entries = Vec::with_capacity(hits.len());
    weigh_hits(&mut hits, &vocabulary.idf, params, &mut entries);
    let (indices, values) = normalised(&entries).map(|(index, value)| (index + offset, value)).unzip();
    SparseRow { indices, values }
}

/// `(column, TF-IDF weight)` of each distinct column among `hits` (sorted
/// in place), in column order.
pub(crate) fn weigh_hits(hits: &mut [u32], idf: &[f32], params: &TfidfParams, weighted: &mut Vec<(u32, f32)>) {
    hits.sort_unstable();
    weighted.clear();
    weighted.extend(hits.chunk_by(|a, b| a == b).map(|run| (run[0], params.weight(run.len(), idf[run[0] as usize]))));
}

/// The weights divided by their L2 norm (left as they are when all are zero).
pub(crate) fn normalised(weighted: &[(u32, f32)]) -> impl Iterator<Item = (u32, f32)> + '_ {
    let norm = weighted.iter().map(|(_, v)| (*v as f64) * (*v as f64)).sum::<f64>().sqrt() as f32;
    weighted.iter().map(move |&(index, v)| (index, if norm > 0.0 { v / norm } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn plain_config(word: (usize, usize)) -> TextConfig {
        TextConfig { stem: false, word_ngrams: NgramRange::new(word.0, word.1).unwrap(), ..TextConfig::default() }
    }

    #[test]
    fn term_weights_follow_the_tf_formula_bit_for_bit() {
        let (sublinear, linear) =
            (TfidfParams::default(), TfidfParams { sublinear_tf: false, ..TfidfParams::default() });
        for idf in [1.0f32, 1.7, 9.25] {
            for count in 1..50 {
                assert_eq!(sublinear.weight(count, idf).to_bits(), ((1.0 + (count as f32).ln()) * idf).to_bits());
                assert_eq!(linear.weight(count, idf).to_bits(), (count as f32 * idf).to_bits());
            }
        }
    }

    #[test]
    fn tfidf_matches_hand_computed_values() {
        // 3 docs; "a" in all, "b" in two, "c" in one.
        let docs = ["a b", "a b b", "a c"];
        let v = Vectorizer::fit(&docs, &plain_config((1, 1)), &TfidfParams::default());
        assert_eq!(v.word_vocabulary().terms().iter().collect::<Vec<_>>(), ["a", "b", "c"]);
        // smooth idf = ln((1+n)/(1+df)) + 1
        let idf_a = 1.0f64;
        let idf_b = (4.0f64 / 3.0).ln() + 1.0;
        let idf_c = (4.0f64 / 2.0).ln() + 1.0;
        assert_abs_diff_eq!(v.word_vocabulary().idf()[1] as f64, idf_b, epsilon = 1e-6);
        // doc 2: tf(a)=1, tf(b)=2 → sublinear 1+ln2
        let row = v.transform_one(&v.analyzer(), "a b b");
        let (wa, wb) = (idf_a, (1.0 + 2f64.ln()) * idf_b);
        let norm = (wa * wa + wb * wb).sqrt();
        assert_eq!(row.indices, [0, 1]);
        assert_abs_diff_eq!(row.values[0] as f64, wa / norm, epsilon = 1e-6);
        assert_abs_diff_eq!(row.values[1] as f64, wb / norm, epsilon = 1e-6);
        let row = v.transform_one(&v.analyzer(), "c");
        assert_eq!(row.indices, [2]);
        assert_abs_diff_eq!(row.values[0], 1.0, epsilon = 1e-6);
        let _ = idf_c;
    }

    #[test]
    fn unseen_terms_give_an_empty_row_and_single_docs_use_training_idf() {
        let docs = ["sanctuary city", "city council", "council vote"];
        let v = Vectorizer::fit(&docs, &plain_config((1, 1)), &TfidfParams::default());
        assert!(v.transform_one(&v.analyzer(), "nothing known here").indices.is_empty());
        let one = v.transform_one(&v.analyzer(), "sanctuary city");
        let batch = v.transform(&["sanctuary city", "vote"]);
        assert_eq!(batch.row(0), (&one.indices[..], &one.values[..]));
        // "city" (df 2) weighs less than "sanctuary" (df 1).
        assert!(one.values[0] < one.values[1], "{:?}", one);
    }

    #[test]
    fn word_bigrams_min_df_and_max_features() {
        let docs = ["not legal", "not legal here", "legal now"];
        let config = plain_config((1, 2));
        let v = Vectorizer::fit(&docs, &config, &TfidfParams { min_df: 2, ..TfidfParams::default() });
        assert_eq!(v.word_vocabulary().terms().iter().collect::<Vec<_>>(), ["legal", "not", "not legal"]);
        let v = Vectorizer::fit(&docs, &config, &TfidfParams { max_features: Some(1), ..TfidfParams::default() });
        assert_eq!(v.word_vocabulary().terms().iter().collect::<Vec<_>>(), ["legal"]);
    }

    #[test]
    fn char_ngrams_follow_char_wb() {
        let config = TextConfig { char_ngrams: Some(NgramRange::new(2, 3).unwrap()), ..plain_config((1, 1)) };
        let v = Vectorizer::fit(&["Ab c"], &config, &TfidfParams::default());
        let chars: Vec<&str> = v.char_vocabulary().unwrap().terms().iter().collect();
        // " ab ": " a","ab","b ", " ab","ab "; " c ": " c","c ", " c "
        assert_eq!(chars, [" a", " ab", " c", " c ", "ab", "ab ", "b ", "c "]);
        assert_eq!(v.n_features(), 2 + 8);
        let row = v.transform_one(&v.analyzer(), "ab");
        // Each block is normalised on its own.
        let word_part: f32 = row.iter().filter(|(i, _)| *i < 2).map(|(_, x)| x * x).sum();
        let char_part: f32 = row.iter().filter(|(i, _)| *i >= 2).map(|(_, x)| x * x).sum();
        assert_abs_diff_eq!(word_part, 1.0, epsilon = 1e-6);
        assert_abs_diff_eq!(char_part, 1.0, epsilon = 1e-6);
        assert_eq!(v.feature_display(2).unwrap(), "char \" a\"");
    }

    #[test]
    fn vocabulary_order_is_deterministic_and_survives_serde() {
        let docs = ["zeta alpha", "beta alpha", "gamma"];
        let a = Vectorizer::fit(&docs, &TextConfig::default(), &TfidfParams::default());
        let b = Vectorizer::fit(&docs, &TextConfig::default(), &TfidfParams::default());
        assert_eq!(a, b);
        let bytes = postcard::to_allocvec(&a).unwrap();
        let back: Vectorizer = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.word_vocabulary().get("alpha"), Some(0));
        for (i, term) in back.word_vocabulary().terms().iter().enumerate() {
            assert_eq!(back.word_vocabulary().get(term), Some(i as u32));
        }
        assert_eq!(back.word_vocabulary().get("omega"), None);
        // Its term index, now built, is no part of what a vocabulary is.
        assert_eq!(back, a);
    }

    #[test]
    fn features_are_shown_as_surface_words() {
        let docs = ["Immigration policies matter", "immigration policy", "IMMIGRATION policies"];
        let v = Vectorizer::fit(&docs, &TextConfig::default(), &TfidfParams::default());
        let index = v.word_vocabulary().get("immigr polici").unwrap() as usize;
        assert_eq!(v.feature_display(index).unwrap(), "immigration policies");
        let index = v.word_vocabulary().get("matter").unwrap() as usize;
        assert_eq!(v.feature_display(index).unwrap(), "matter");
    }

    #[test]
    fn columns_are_ordered_by_document_frequency() {
        let docs = ["zeta", "zeta beta", "zeta beta alpha"];
        let v = Vectorizer::fit(&docs, &plain_config((1, 1)), &TfidfParams::default());
        assert_eq!(v.word_vocabulary().terms().iter().collect::<Vec<_>>(), ["zeta", "beta", "alpha"]);
    }
}
