//! Many short strings in one buffer: two allocations in all, not one per
//! string. A model's vocabularies hold a few hundred thousand short terms:
//! allocated one `String` each, they took half the time of decoding a model;
//! `predict` holds each batch of input fields this way. On the wire they are
//! a sequence of strings, as a `Vec<String>` is.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackedStrs {
    text: String,
    /// End of each string in `text`.
    ends: Vec<usize>,
}

impl PackedStrs {
    /// Room for `strings` strings before the list of their ends grows.
    pub fn with_capacity(strings: usize) -> PackedStrs {
        PackedStrs { text: String::new(), ends: Vec::with_capacity(strings) }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&str> {
        (index < self.len()).then(|| &self[index])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..self.len()).map(|index| &self[index])
    }

    fn start(&self, index: usize) -> usize {
        if index == 0 {
            0
        } else {
            self.ends[index - 1]
        }
    }

    pub fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.ends.push(self.text.len());
    }
}

/// String `index`; panics when out of range, as slices do.
impl std::ops::Index<usize> for PackedStrs {
    type Output = str;

    fn index(&self, index: usize) -> &str {
        &self.text[self.start(index)..self.ends[index]]
    }
}

impl<S: AsRef<str>> FromIterator<S> for PackedStrs {
    fn from_iter<I: IntoIterator<Item = S>>(strings: I) -> Self {
        let mut packed = PackedStrs::default();
        for string in strings {
            packed.push(string.as_ref());
        }
        packed
    }
}

impl Serialize for PackedStrs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for term in self.iter() {
            seq.serialize_element(term)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for PackedStrs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(PackedStrsVisitor)
    }
}

struct PackedStrsVisitor;

impl<'de> Visitor<'de> for PackedStrsVisitor {
    type Value = PackedStrs;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a sequence of strings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PackedStrs, A::Error> {
        // The count comes from the input: reserve no more than it could hold.
        let mut strings = PackedStrs::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
        while seq.next_element_seed(AppendStr(&mut strings))?.is_some() {}
        Ok(strings)
    }
}

/// Decodes one string straight into the buffer, without a `String` of its own.
struct AppendStr<'a>(&'a mut PackedStrs);

impl<'de> DeserializeSeed<'de> for AppendStr<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for AppendStr<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, term: &str) -> Result<(), E> {
        self.0.push(term);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PackedStrs {
        ["ice", "", "sanctuary city", "ΟΔΟΣ", "a"].into_iter().collect()
    }

    #[test]
    fn strings_keep_their_order_and_text() {
        let strings = sample();
        assert_eq!(strings.len(), 5);
        assert_eq!(strings.iter().collect::<Vec<_>>(), ["ice", "", "sanctuary city", "ΟΔΟΣ", "a"]);
        assert_eq!(strings.get(2), Some("sanctuary city"));
        assert_eq!(strings.get(1), Some(""));
        assert_eq!(strings.get(5), None);
        assert!(PackedStrs::default().is_empty());
    }

    /// Model files written before terms were packed must read the same.
    #[test]
    fn on_the_wire_they_are_a_list_of_strings() {
        let strings = sample();
        let owned: Vec<String> = strings.iter().map(str::to_string).collect();
        let bytes = postcard::to_allocvec(&strings).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&owned).unwrap());
        assert_eq!(postcard::from_bytes::<PackedStrs>(&bytes).unwrap(), strings);
        let json = serde_json::to_string(&strings).unwrap();
        assert_eq!(json, serde_json::to_string(&owned).unwrap());
        assert_eq!(serde_json::from_str::<PackedStrs>(&json).unwrap(), strings);
        assert!(postcard::from_bytes::<PackedStrs>(&bytes[..bytes.len() - 1]).is_err());
    }
}
