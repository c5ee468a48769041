//! Any bytes read as a web page give article text or a typed error, and the
//! text reads into units like any article.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::article::html::article_text;
use stance::article::units::read_article;
use stance::text::Language;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = article_text(data) {
        assert!(!text.trim().is_empty());
        let _ = read_article(&text, Language::English);
    }
});
