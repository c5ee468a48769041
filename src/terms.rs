//! A vocabulary's terms, in column order, in one buffer. A model's
//! vocabularies hold a few hundred thousand short terms: allocated one
//! `String` each, they took half the time of decoding a model. On the wire
//! they are a sequence of strings, as a `Vec<String>` is.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    text: String,
    /// End of each term in `text`.
    ends: Vec<usize>,
}

impl Terms {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        Some(&self.text[self.start(index)..end])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..self.len()).map(|index| &self.text[self.start(index)..self.ends[index]])
    }

    fn start(&self, index: usize) -> usize {
        if index == 0 {
            0
        } else {
            self.ends[index - 1]
        }
    }

    fn push(&mut self, term: &str) {
        self.text.push_str(term);
        self.ends.push(self.text.len());
    }
}

impl<S: AsRef<str>> FromIterator<S> for Terms {
    fn from_iter<I: IntoIterator<Item = S>>(terms: I) -> Self {
        let mut packed = Terms::default();
        for term in terms {
            packed.push(term.as_ref());
        }
        packed
    }
}

impl Serialize for Terms {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for term in self.iter() {
            seq.serialize_element(term)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(TermsVisitor)
    }
}

struct TermsVisitor;

impl<'de> Visitor<'de> for TermsVisitor {
    type Value = Terms;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a sequence of terms")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Terms, A::Error> {
        let mut terms = Terms::default();
        // The count comes from the input: reserve no more than it could hold.
        terms.ends.reserve(seq.size_hint().unwrap_or(0).min(1 << 20));
        while seq.next_element_seed(AppendTerm(&mut terms))?.is_some() {}
        Ok(terms)
    }
}

/// Decodes one term straight into the buffer, without a `String` of its own.
struct AppendTerm<'a>(&'a mut Terms);

impl<'de> DeserializeSeed<'de> for AppendTerm<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for AppendTerm<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a term")
    }

    fn visit_str<E: serde::de::Error>(self, term: &str) -> Result<(), E> {
        self.0.push(term);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Terms {
        ["ice", "", "sanctuary city", "ΟΔΟΣ", "a"].into_iter().collect()
    }

    #[test]
    fn terms_keep_their_order_and_text() {
        let terms = sample();
        assert_eq!(terms.len(), 5);
        assert_eq!(terms.iter().collect::<Vec<_>>(), ["ice", "", "sanctuary city", "ΟΔΟΣ", "a"]);
        assert_eq!(terms.get(2), Some("sanctuary city"));
        assert_eq!(terms.get(1), Some(""));
        assert_eq!(terms.get(5), None);
        assert!(Terms::default().is_empty());
    }

    /// Model files written before terms were packed must read the same.
    #[test]
    fn on_the_wire_terms_are_a_list_of_strings() {
        let terms = sample();
        let as_strings: Vec<String> = terms.iter().map(str::to_string).collect();
        let bytes = postcard::to_allocvec(&terms).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&as_strings).unwrap());
        assert_eq!(postcard::from_bytes::<Terms>(&bytes).unwrap(), terms);
        let json = serde_json::to_string(&terms).unwrap();
        assert_eq!(json, serde_json::to_string(&as_strings).unwrap());
        assert_eq!(serde_json::from_str::<Terms>(&json).unwrap(), terms);
        assert!(postcard::from_bytes::<Terms>(&bytes[..bytes.len() - 1]).is_err());
    }
}
