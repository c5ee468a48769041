//! Logits of short texts without building their TF-IDF rows n-gram by
//! n-gram. Looking up every n-gram in the vocabulary is most of the cost of
//! classifying a tweet (about 400 char n-grams each), yet the same words come
//! back again and again. So each worker thread keeps a cache of what every
//! whitespace-separated word it has seen contributes: its terms (with their
//! unigram columns), its char n-grams, and those n-grams' share of the char
//! block's dot products and squared norm, as if each occurred once in the
//! text. A text then costs one lookup per word, one per word n-gram of two
//! or more terms, and a correction for the char n-grams it repeats (sublinear
//! tf makes their weight less than the sum).
//!
//! Results match [`Vectorizer::transform_one`] followed by
//! [`LinearModel::logits`] up to rounding (about 1e-7 relative): the cache
//! changes the order of the additions, not what is added. The scorer must
//! be called with the vectorizer and model it was built for.

use crate::features::tfidf::{normalised, pad_word, term_hash, weigh_hits, Vectorizer, Vocabulary};
use crate::model::linear::LinearModel;
use crate::text::{Analyzer, NgramRange};
use rustc_hash::FxHashMap;
use smol_str::SmolStr;
use std::sync::Mutex;

/// Words a cache holds before it starts afresh (between two texts): about
/// 20 MiB per thread on tweets, where 12,284 test tweets hold 53k distinct
/// words.
const CACHE_WORDS: usize = 65_536;

/// Room reserved per cached word: a tweet's words average about 1.2 terms
/// and 35 char n-gram occurrences; longer words make the arenas grow.
const TERMS_PER_WORD: usize = 2;
const CHAR_NGRAMS_PER_WORD: usize = 48;

/// Marks a term that is not a unigram column.
const NO_COLUMN: u32 = u32::MAX;

/// Fast logits for one model part. `None` from [`Scorer::new`] means the
/// part needs the general path.
pub struct Scorer {
    /// Hash of every unigram → column: apart from the n-grams, so that the
    /// map new words look their terms up in stays small enough for L2 cache.
    unigram_columns: FxHashMap<u64, u32>,
    /// Key of every word n-gram of two or more terms (see [`ngram_key`]) → column.
    ngram_columns: FxHashMap<u64, u32>,
    chars: Option<CharTable>,
    /// One per rayon worker, plus one shared by threads outside the pool.
    workspaces: Vec<Mutex<Workspace>>,
    cache_words: usize,
    labels: usize,
}

/// One term of a cached word.
#[derive(Clone, Copy)]
struct Term {
    hash: u64,
    unigram: u32,
}

/// Where a cached word's terms, char n-grams and char sums sit in the arenas.
#[derive(Clone, Copy)]
struct CachedWord {
    terms: (u32, u32),
    char_entries: (u32, u32),
    /// Start of the word's `labels + 1` entries in `sum_arena`.
    char_sums: u32,
}

/// Where a cached prefix's char entries and sums sit.
#[derive(Clone, Copy)]
struct CachedPrefix {
    entries: (usize, usize),
    sums: usize,
}

/// Char n-grams ending at or before this position of a padded word (a
/// space, then the word's first 13 chars) are shared by all words that
/// start alike: `https://t.co/` begins most URLs in tweets, and its n-grams
/// are half of theirs.
const PREFIX_END: usize = 14;

/// A thread's cache and scratch buffers.
#[derive(Default)]
struct Workspace {
    /// Keys up to 23 bytes (nearly every word) sit inline in the table: no
    /// allocation per word, and no pointer to follow when comparing.
    words: FxHashMap<SmolStr, CachedWord>,
    term_arena: Vec<Term>,
    /// The [`CharTable`] entry of each char n-gram of each cached word, once
    /// per occurrence.
    char_arena: Vec<u32>,
    /// Per cached word, its char n-grams taken as if each occurred once in
    /// the text: `idf x weight` summed per label, then `idf²` summed. Only
    /// n-grams a text repeats need correcting.
    sum_arena: Vec<f64>,
    doc_words: Vec<CachedWord>,
    repeats: RepeatFinder,
    doc_terms: Vec<Term>,
    word_hits: Vec<u32>,
    /// `(column, TF-IDF weight)` of the word n-grams.
    weighted: Vec<(u32, f32)>,
    /// The char block's sums for the current text (layout as in `sum_arena`).
    char_sums: Vec<f64>,
    /// The word being looked up, lowercased.
    key: String,
    /// The non-ASCII word being analysed, lowercased for its char n-grams.
    lowered: String,
    padded: String,
    bounds: Vec<usize>,
    ngram_hashes: Vec<u64>,
    /// The first [`PREFIX_END`] - 1 chars of long words (URLs, mostly) →
    /// the char n-grams within them: shared by every word that starts so.
    prefixes: FxHashMap<SmolStr, CachedPrefix>,
    prefix_entries: Vec<u32>,
    /// `labels + 1` per prefix, as in `sum_arena`.
    prefix_sums: Vec<f64>,
}

/// The columns of the unigrams and of the longer n-grams, by hash and by
/// key; `None` when two share one.
fn word_columns(vocabulary: &Vocabulary) -> Option<(FxHashMap<u64, u32>, FxHashMap<u64, u32>)> {
    let (mut unigram_columns, mut ngram_columns) = (FxHashMap::default(), FxHashMap::default());
    for (column, term) in vocabulary.terms().iter().enumerate() {
        let known = match term.contains(' ') {
            true => ngram_columns.insert(ngram_key(term.split(' ').map(term_hash)), column as u32),
            false => unigram_columns.insert(term_hash(term), column as u32),
        };
        if known.is_some() {
            return None;
        }
    }
    Some((unigram_columns, ngram_columns))
}

/// Order-dependent key of a word n-gram from its terms' hashes, so n-grams
/// are looked up without joining their terms into a string.
fn ngram_key(hashes: impl Iterator<Item = u64>) -> u64 {
    hashes.fold(0, |key, hash| (key.rotate_left(5) ^ hash).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95))
}

impl Scorer {
    /// `None` when two of the vocabulary's n-grams share a key (practically
    /// never), so a text could not be scored exactly this way.
    pub fn new(vectorizer: &Vectorizer, model: &LinearModel) -> Option<Scorer> {
        Scorer::with_cache(vectorizer, model, CACHE_WORDS)
    }

    /// As [`Scorer::new`], with room for `cache_words` words per thread.
    fn with_cache(vectorizer: &Vectorizer, model: &LinearModel, cache_words: usize) -> Option<Scorer> {
        // The two blocks' tables are built at once.
        let (word_columns, chars) = rayon::join(
            || word_columns(vectorizer.word_vocabulary()),
            || match vectorizer.char_vocabulary() {
                Some(vocabulary) => CharTable::new(vocabulary, model, vectorizer.word_vocabulary().len()).map(Some),
                None => Some(None),
            },
        );
        let ((unigram_columns, ngram_columns), chars) = (word_columns?, chars?);
        let workspaces = (0..=rayon::current_num_threads()).map(|_| Mutex::default()).collect();
        Some(Scorer { unigram_columns, ngram_columns, chars, workspaces, cache_words, labels: model.intercept().len() })
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
        // Cleared between texts only: the text's words point into the arenas.
        if workspace.words.len() >= self.cache_words {
            workspace.clear_cache();
        }
        if workspace.char_arena.capacity() == 0 {
            workspace.reserve_arenas(self.cache_words, self.labels);
        }
        let mut logits = model.intercept().to_vec();
        workspace.doc_words.clear();
        for word in text.split_whitespace() {
            let cached = workspace.cached(word, self, vectorizer, analyzer);
            workspace.doc_words.push(cached);
        }
        workspace.doc_terms.clear();
        workspace.char_sums.clear();
        workspace.char_sums.resize(logits.len() + 1, 0.0);
        for cached in &workspace.doc_words {
            let (start, end) = cached.terms;
            workspace.doc_terms.extend_from_slice(&workspace.term_arena[start as usize..end as usize]);
            let sums = &workspace.sum_arena[cached.char_sums as usize..][..logits.len() + 1];
            workspace.char_sums.iter_mut().zip(sums).for_each(|(total, sum)| *total += sum);
        }
        self.add_word_block(workspace, vectorizer, model, &mut logits);
        if let Some(chars) = &self.chars {
            add_char_block(workspace, chars, vectorizer, &mut logits);
        }
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
fn add_char_block(workspace: &mut Workspace, chars: &CharTable, vectorizer: &Vectorizer, logits: &mut [f64]) {
    let labels = logits.len();
    let arena = &workspace.char_arena;
    let occurrences =
        workspace.doc_words.iter().map(|word| &arena[word.char_entries.0 as usize..word.char_entries.1 as usize]);
    let repeats = workspace.repeats.find(chars.len(), occurrences);
    let (dots, squares) = workspace.char_sums.split_at_mut(labels);
    for &(entry, count) in repeats {
        let (entry, count) = (entry as usize, count as usize);
        let idf = chars.idf(entry) as f64;
        let linear = count as f64 * idf;
        let weight = vectorizer.params().weight(count, idf as f32) as f64;
        squares[0] += weight * weight - linear * idf;
        // The entry holds idf x weight; the correction is (weight - linear) x weight.
        let scale = (weight - linear) / idf;
        for (label, dot) in dots.iter_mut().enumerate() {
            *dot += scale * chars.scaled_weight(entry, label) as f64;
        }
    }
    let norm = squares[0].max(0.0).sqrt();
    if norm > 0.0 {
        logits.iter_mut().zip(dots.iter()).for_each(|(logit, dot)| *logit += dot / norm);
    }
}

impl Workspace {
    /// Room for a full cache at once, in huge pages where the kernel allows:
    /// the arenas then never move, and their memory faults in 2 MiB at a time
    /// rather than 4 KiB (only what is used is ever touched).
    fn reserve_arenas(&mut self, words: usize, labels: usize) {
        self.term_arena.reserve(words * TERMS_PER_WORD);
        crate::model::memory::prefer_huge_pages(self.term_arena.spare_capacity_mut());
        self.char_arena.reserve(words * CHAR_NGRAMS_PER_WORD);
        crate::model::memory::prefer_huge_pages(self.char_arena.spare_capacity_mut());
        self.sum_arena.reserve(words * (labels + 1));
        crate::model::memory::prefer_huge_pages(self.sum_arena.spare_capacity_mut());
    }

    fn clear_cache(&mut self) {
        self.words.clear();
        self.term_arena.clear();
        self.char_arena.clear();
        self.sum_arena.clear();
        self.prefixes.clear();
        self.prefix_entries.clear();
        self.prefix_sums.clear();
    }

    /// The cached analysis of `word`, computed on first sight. When the
    /// analyzer lowercases, an ASCII word is looked up lowercased: `Trump`
    /// and `trump` give the same terms and char n-grams, so they share one
    /// analysis (about one word in eight on tweets).
    fn cached(&mut self, word: &str, scorer: &Scorer, vectorizer: &Vectorizer, analyzer: &Analyzer) -> CachedWord {
        let mut key = std::mem::take(&mut self.key);
        let word = if analyzer.config().lowercase && word.bytes().any(|b| b.is_ascii_uppercase()) && word.is_ascii() {
            key.clear();
            key.push_str(word);
            key.make_ascii_lowercase();
            key.as_str()
        } else {
            word
        };
        let cached = match self.words.get(word) {
            Some(&cached) => cached,
            None => {
                let cached = self.analyse(word, scorer, vectorizer, analyzer);
                self.words.insert(SmolStr::new(word), cached);
                cached
            }
        };
        self.key = key;
        cached
    }

    fn analyse(&mut self, word: &str, scorer: &Scorer, vectorizer: &Vectorizer, analyzer: &Analyzer) -> CachedWord {
        let term_start = self.term_arena.len() as u32;
        let term_arena = &mut self.term_arena;
        analyzer.for_each_term_once(word, |term| {
            let hash = term_hash(term);
            let unigram = scorer.unigram_columns.get(&hash).copied().unwrap_or(NO_COLUMN);
            term_arena.push(Term { hash, unigram });
        });
        let char_start = self.char_arena.len() as u32;
        let sums_start = self.sum_arena.len();
        let labels = scorer.labels;
        self.sum_arena.resize(sums_start + labels + 1, 0.0);
        if let (Some(chars), Some(range)) = (&scorer.chars, vectorizer.config().char_ngrams) {
            // ASCII words come lowercased already (see `cached`).
            let word = if analyzer.config().lowercase && !word.is_ascii() {
                self.lowered = word.to_lowercase();
                self.lowered.as_str()
            } else {
                word
            };
            let (padded, bounds) = (&mut self.padded, &mut self.bounds);
            pad_word(word, padded, bounds);
            let sums = &mut self.sum_arena[sums_start..];
            let mut first_end = 1;
            let padded_chars = bounds.len() - 1;
            if padded_chars > PREFIX_END + 1 {
                let prefix = &padded[1..bounds[PREFIX_END]];
                match self.prefixes.get(prefix) {
                    Some(cached) => {
                        self.char_arena.extend_from_slice(&self.prefix_entries[cached.entries.0..cached.entries.1]);
                        sums.copy_from_slice(&self.prefix_sums[cached.sums..][..labels + 1]);
                    }
                    None => {
                        ngram_hashes_ending(padded, bounds, range, 1..=PREFIX_END, &mut self.ngram_hashes);
                        add_entries(chars, &self.ngram_hashes, &mut self.char_arena, sums);
                        let entries = self.prefix_entries.len();
                        self.prefix_entries.extend_from_slice(&self.char_arena[char_start as usize..]);
                        let cached = CachedPrefix {
                            entries: (entries, self.prefix_entries.len()),
                            sums: self.prefix_sums.len(),
                        };
                        self.prefix_sums.extend_from_slice(sums);
                        self.prefixes.insert(SmolStr::new(prefix), cached);
                    }
                }
                first_end = PREFIX_END + 1;
            }
            ngram_hashes_ending(padded, bounds, range, first_end..=padded_chars, &mut self.ngram_hashes);
            add_entries(chars, &self.ngram_hashes, &mut self.char_arena, sums);
        }
        CachedWord {
            terms: (term_start, self.term_arena.len() as u32),
            char_entries: (char_start, self.char_arena.len() as u32),
            char_sums: sums_start as u32,
        }
    }
}

/// Hashes of the char n-grams of `padded` (char starts `bounds`, then its
/// length) that end at the char positions `ends`, by end, shorter first:
/// so the n-grams within a word's first chars come first whatever follows
/// them. The same n-grams as [`crate::features::tfidf::for_each_char_ngram`] gives.
fn ngram_hashes_ending(
    padded: &str,
    bounds: &[usize],
    range: NgramRange,
    ends: std::ops::RangeInclusive<usize>,
    hashes: &mut Vec<u64>,
) {
    hashes.clear();
    let chars = bounds.len() - 1;
    // Windows shorter than the padded word; the whole of it stands for every
    // longer size, once.
    let longest = range.max.min(chars - 1);
    for end in ends {
        for n in range.min..=longest.min(end) {
            hashes.push(term_hash(&padded[bounds[end - n]..bounds[end]]));
        }
        if end == chars && chars <= range.max {
            hashes.push(term_hash(padded));
        }
    }
}

/// Looks the n-grams with these hashes up, keeping the entries found and
/// adding their `idf x weight` per label, then `idf²`, to `sums`.
fn add_entries(chars: &CharTable, hashes: &[u64], arena: &mut Vec<u32>, sums: &mut [f64]) {
    chars.preload(hashes);
    match sums.len() {
        3 => add_entries_in_registers::<3>(chars, hashes, arena, sums),
        4 => add_entries_in_registers::<4>(chars, hashes, arena, sums),
        5 => add_entries_in_registers::<5>(chars, hashes, arena, sums),
        _ => add_found(chars, hashes, arena, sums),
    }
}

/// [`add_found`] on a copy of `sums` the compiler can keep in registers:
/// summed in memory, each addition would wait for the last one's store.
fn add_entries_in_registers<const N: usize>(chars: &CharTable, hashes: &[u64], arena: &mut Vec<u32>, sums: &mut [f64]) {
    let mut local = [0.0; N];
    local.copy_from_slice(sums);
    add_found(chars, hashes, arena, &mut local);
    sums.copy_from_slice(&local);
}

#[inline(always)]
fn add_found(chars: &CharTable, hashes: &[u64], arena: &mut Vec<u32>, sums: &mut [f64]) {
    let labels = sums.len() - 1;
    for &hash in hashes {
        if let Some(entry) = chars.find(hash) {
            arena.push(entry as u32);
            for (label, sum) in sums[..labels].iter_mut().enumerate() {
                *sum += chars.scaled_weight(entry, label) as f64;
            }
            let idf = chars.idf(entry) as f64;
            sums[labels] += idf * idf;
        }
    }
}

/// Finds the char entries a text repeats, and how often. One stamp per
/// [`CharTable`] entry (512 KiB per thread for the SemEval model, so it
/// stays in L2 cache), set to the text's generation on first sight: an
/// occurrence whose stamp is already the generation is a repeat. Stamps are
/// never cleared after a text (a new generation makes them stale), only
/// every 255 texts. The few repeats are then counted in a small table.
#[derive(Default)]
struct RepeatFinder {
    seen: Vec<u8>,
    generation: u8,
    /// One item per repeat: an entry occurring `c` times is here `c - 1` times.
    repeats: Vec<u32>,
    /// Open addressing over the repeats: `(entry, count)`, [`FREE`] when free.
    slots: Vec<(u32, u32)>,
    /// Filled slots, in the order their entries were first repeated.
    filled: Vec<usize>,
    counted: Vec<(u32, u32)>,
}

const FREE: u32 = u32::MAX;

impl RepeatFinder {
    /// `(entry, count)` of each entry occurring more than once in
    /// `occurrences`, the entries of the text in order.
    fn find<'a>(&mut self, entries: usize, occurrences: impl Iterator<Item = &'a [u32]>) -> &[(u32, u32)] {
        self.seen.resize(entries, 0);
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.fill(0);
            self.generation = 1;
        }
        let (seen, generation) = (&mut self.seen[..], self.generation);
        self.repeats.clear();
        for word_entries in occurrences {
            for &entry in word_entries {
                let stamp = &mut seen[entry as usize];
                if *stamp == generation {
                    self.repeats.push(entry);
                }
                *stamp = generation;
            }
        }
        self.count_repeats();
        &self.counted
    }

    fn count_repeats(&mut self) {
        let size = (self.repeats.len() * 2).next_power_of_two().max(16);
        if self.slots.len() < size {
            self.slots.resize(size, (FREE, 0));
        }
        let mask = size - 1;
        self.filled.clear();
        for &entry in &self.repeats {
            // Multiplying spreads nearby entries over the slots.
            let mut slot = (entry as usize).wrapping_mul(0x9e37_79b9) >> 7 & mask;
            loop {
                match &mut self.slots[slot] {
                    (key, count) if *key == entry => {
                        *count += 1;
                        break;
                    }
                    (key, count) if *key == FREE => {
                        (*key, *count) = (entry, 2);
                        self.filled.push(slot);
                        break;
                    }
                    _ => slot = (slot + 1) & mask,
                }
            }
        }
        self.counted.clear();
        for &slot in &self.filled {
            self.counted.push(std::mem::replace(&mut self.slots[slot], (FREE, 0)));
        }
    }
}

/// Everything the scorer needs about each char n-gram of the vocabulary:
/// its idf and its `idf x weight` per label, kept beside its key in one
/// aligned entry. A lookup then costs one cache miss, where the vocabulary's
/// index, the idf and the model's weights would cost one each; new words
/// spend most of their time on these misses.
struct CharTable {
    /// log2 of the number of entries.
    bits: u32,
    blocks_per_entry: usize,
    /// Entry `i` is `blocks[i * blocks_per_entry..]`, read as `u32` words:
    /// the key's low and high halves, the idf, then `idf x weight` per
    /// label (f32 bits). Key 0 marks a free entry.
    blocks: Vec<Block>,
}

/// Half a cache line, aligned so an entry of up to 4 labels never straddles two.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Block([u32; 8]);

/// Words before the per-label weights in an entry.
const ENTRY_HEADER: usize = 3;

impl CharTable {
    /// `None` when two n-grams share a hash, or one hashes to 0.
    fn new(vocabulary: &Vocabulary, model: &LinearModel, offset: usize) -> Option<CharTable> {
        let labels = model.labels().len();
        let blocks_per_entry = (ENTRY_HEADER + labels).div_ceil(8);
        // At most 3/4 full, so probe runs stay short.
        let bits = (vocabulary.len() * 4 / 3 + 1).next_power_of_two().trailing_zeros();
        let mut blocks = Vec::with_capacity(blocks_per_entry << bits);
        crate::model::memory::prefer_huge_pages(blocks.spare_capacity_mut());
        blocks.resize(blocks_per_entry << bits, Block::default());
        let mut table = CharTable { bits, blocks_per_entry, blocks };
        let mut weights = vec![0.0; labels];
        for (column, (term, &idf)) in vocabulary.terms().iter().zip(vocabulary.idf()).enumerate() {
            let key = term_hash(term);
            if key == 0 {
                return None;
            }
            let mut entry = table.home(key);
            loop {
                match table.key(entry) {
                    0 => break,
                    existing if existing == key => return None,
                    _ => entry = (entry + 1) & table.mask(),
                }
            }
            weights.iter_mut().for_each(|w| *w = 0.0);
            model.add_feature(&mut weights, offset + column, idf);
            table.set(entry, 0, key as u32);
            table.set(entry, 1, (key >> 32) as u32);
            table.set(entry, 2, idf.to_bits());
            for (label, weight) in weights.iter().enumerate() {
                table.set(entry, ENTRY_HEADER + label, (*weight as f32).to_bits());
            }
        }
        Some(table)
    }

    fn mask(&self) -> usize {
        (1 << self.bits) - 1
    }

    /// Number of entries, free ones included.
    fn len(&self) -> usize {
        1 << self.bits
    }

    /// Where probing for `key` starts: the high bits of a multiply are mixed
    /// from all of the key's bits.
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits)) as usize
    }

    fn word(&self, entry: usize, index: usize) -> u32 {
        self.blocks[entry * self.blocks_per_entry + index / 8].0[index % 8]
    }

    fn set(&mut self, entry: usize, index: usize, value: u32) {
        self.blocks[entry * self.blocks_per_entry + index / 8].0[index % 8] = value;
    }

    fn key(&self, entry: usize) -> u64 {
        self.word(entry, 0) as u64 | (self.word(entry, 1) as u64) << 32
    }

    /// The entry holding the n-gram with this hash.
    fn find(&self, key: u64) -> Option<usize> {
        if key == 0 {
            return None;
        }
        let mut entry = self.home(key);
        loop {
            match self.key(entry) {
                found if found == key => return Some(entry),
                0 => return None,
                _ => entry = (entry + 1) & self.mask(),
            }
        }
    }

    /// Reads the first entry each hash probes, all before any is needed:
    /// the loads do not wait on one another, so their cache misses overlap.
    fn preload(&self, hashes: &[u64]) {
        let keys = hashes.iter().fold(0, |sink, &hash| sink ^ self.key(self.home(hash)));
        std::hint::black_box(keys);
    }

    fn idf(&self, entry: usize) -> f32 {
        f32::from_bits(self.word(entry, 2))
    }

    /// `idf x weight` of the entry's n-gram for `label`.
    fn scaled_weight(&self, entry: usize, label: usize) -> f32 {
        f32::from_bits(self.word(entry, ENTRY_HEADER + label))
    }
}

#[cfg(test)]
mod tests;
