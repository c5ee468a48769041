//! Any text splits into units that cover every non-space character, and
//! attribution copes with whatever the splitter produced.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::article::units::read_article;
use stance::article::attribution::attribute;
use stance::text::{tokenize, Language};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let units = read_article(&text, Language::English);
    let covered: String = units.iter().flat_map(|u| u.text.chars()).filter(|c| !c.is_whitespace()).collect();
    let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(covered, original);
    let sentences: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(attribute(&sentences).len(), sentences.len());
    for unit in &units {
        let _ = tokenize(&unit.text);
    }
});
