//! Saved web pages as articles. The article body and title are found by
//! `dom_smoothie` (a port of Mozilla's Readability, the reader view of
//! Firefox), which drops navigation, headers, footers, asides, share bars,
//! scripts, styles and comments. Before that, page furniture (menus, asides,
//! footers, cookie banners, share and newsletter boxes) is removed, so that it
//! cannot stand in for a body a page lacks, and so are elements that only
//! credit the story (bylines, author boxes, datelines, timestamps, photo
//! captions), since they are not statements of the article. The result is the
//! plain-text article shape the unit reader expects: the title as the first
//! line, then one paragraph per line, separated by blank lines.

pub mod charset;

use charset::CharsetError;
use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    #[error(transparent)]
    Charset(#[from] CharsetError),
    #[error("no article body found (the page has fewer than {MIN_BODY_WORDS} words of sentences: a login, index or empty page?)")]
    NoArticle,
}

/// Fewest words, in paragraphs that read as sentences, for a page to count as an article.
pub const MIN_BODY_WORDS: usize = 20;

/// Fewest words in a paragraph that counts toward [`MIN_BODY_WORDS`]
/// (shorter lines are menu items, buttons and link lists).
const MIN_PROSE_WORDS: usize = 5;

/// Longest element, in words, removed for a credit-like class: a wrapper
/// with a class such as `author-content` around the whole story is kept.
const MAX_CREDIT_WORDS: usize = 30;

/// Longest element, in words, removed as page furniture: a wrapper with a
/// class such as `social-story` around the whole story is kept.
const MAX_FURNITURE_WORDS: usize = 200;

/// Menus, asides, footers, banners and boxes that are never the article.
const FURNITURE_SELECTOR: &str = "nav, aside, footer, noscript, [role=navigation], [role=dialog], \
     [class*=cookie i], [id*=cookie i], [class*=consent i], [id*=consent i], [class*=gdpr i], \
     [class*=newsletter i], [class*=share i], [class*=social i], [class*=related i], [id*=related i], \
     [class*=promo i], [class*=subscribe i]";

/// Elements whose class, id, `rel` or `itemprop` marks them as credits.
const CREDIT_SELECTOR: &str = "[class*=byline i], [id*=byline i], [class*=author i], [id*=author i], [rel=author], \
     [itemprop*=author i], [class*=dateline i], [class*=timestamp i], figcaption";

/// The article in a saved web page (raw bytes, any declared charset) as text:
/// title, blank line, then the body paragraphs separated by blank lines.
pub fn article_text(bytes: &[u8]) -> Result<String, HtmlError> {
    let page = charset::decode_page(bytes)?;
    extract_article(&page)
}

/// [`article_text`] for a page already decoded.
pub fn extract_article(page: &str) -> Result<String, HtmlError> {
    let document = Document::from(page);
    remove_short(&document, FURNITURE_SELECTOR, MAX_FURNITURE_WORDS);
    remove_short(&document, CREDIT_SELECTOR, MAX_CREDIT_WORDS);
    remove_standalone_times(&document);
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let mut readability = Readability::with_document(document, None, Some(config)).map_err(no_article)?;
    let article = readability.parse().map_err(no_article)?;
    let title = normalize_space(&article.title);
    let byline = article.byline.as_deref().map(normalize_space).unwrap_or_default();
    let mut paragraphs: Vec<String> = article
        .text_content
        .lines()
        .map(normalize_space)
        .filter(|line| !line.is_empty() && !is_byline_of(line, &byline))
        .collect();
    // Some pages repeat the headline at the top of the body.
    if paragraphs.first().is_some_and(|first| *first == title) {
        paragraphs.remove(0);
    }
    if prose_words(&paragraphs) < MIN_BODY_WORDS {
        return Err(HtmlError::NoArticle);
    }
    let mut text = String::new();
    if !title.is_empty() {
        text.push_str(&title);
        text.push_str("\n\n");
    }
    text.push_str(&paragraphs.join("\n\n"));
    text.push('\n');
    Ok(text)
}

/// A page Readability cannot grab from has no article body; the URL error
/// cannot happen (no URL is given) and no element limit is set.
fn no_article(_: ReadabilityError) -> HtmlError {
    HtmlError::NoArticle
}

/// Removes the elements `selector` matches that hold at most `max_words` words.
fn remove_short(document: &Document, selector: &str, max_words: usize) {
    for node in document.select(selector).nodes() {
        if node.text().split_whitespace().count() <= max_words {
            node.remove_from_parent();
        }
    }
}

/// Removes `<time>` elements standing on their own (a `<time>` inside a
/// paragraph is part of a sentence and stays).
fn remove_standalone_times(document: &Document) {
    for node in document.select("time").nodes() {
        let in_sentence =
            node.ancestors_it(None).any(|a| a.node_name().is_some_and(|n| matches!(&*n, "p" | "li" | "blockquote")));
        if !in_sentence {
            node.remove_from_parent();
        }
    }
}

/// Whether a body line is the byline Readability reported ("Jane Doe" or "By Jane Doe").
fn is_byline_of(line: &str, byline: &str) -> bool {
    if byline.is_empty() {
        return false;
    }
    let line = line.strip_prefix("By ").or_else(|| line.strip_prefix("by ")).unwrap_or(line);
    line == byline || line == byline.strip_prefix("By ").unwrap_or(byline)
}

/// Words in paragraphs that read as sentences: long enough and ending in
/// sentence punctuation (possibly inside a closing quote).
fn prose_words(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .filter(|p| {
            let core = p.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
            core.ends_with(['.', '!', '?', '\u{2026}'])
        })
        .map(|p| p.split_whitespace().count())
        .filter(|&words| words >= MIN_PROSE_WORDS)
        .sum()
}

/// Runs of whitespace (including non-breaking spaces) as one space, trimmed.
fn normalize_space(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<html><head><title>Council backs shelter plan</title></head><body>{body}</body></html>")
    }

    const PARAGRAPH: &str = "<p>The city council voted on Monday to fund a shelter for migrants who arrive without \
         a place to stay, after a long debate about costs and the role of the police.</p>";

    #[test]
    fn title_comes_first_and_paragraphs_are_separated() {
        let html = page(&format!(
            "<nav><a href='/'>Home</a></nav><article><h1>Council backs shelter plan</h1>{PARAGRAPH}\
             <p>Mayor Lee said &quot;we will&nbsp;help&quot; &amp; thanked   volunteers.<br><br>Critics said the vote was rushed.</p>\
             <blockquote>We will not turn anyone away.</blockquote><h2>What comes next</h2>{PARAGRAPH}</article>"
        ));
        let text = extract_article(&html).unwrap();
        let lines: Vec<&str> = text.split("\n\n").map(str::trim_end).collect();
        assert_eq!(lines[0], "Council backs shelter plan");
        assert!(lines[1].starts_with("The city council voted on Monday"));
        assert_eq!(lines[2], "Mayor Lee said \"we will help\" & thanked volunteers.");
        assert_eq!(lines[3], "Critics said the vote was rushed.");
        assert_eq!(lines[4..6], ["We will not turn anyone away.", "What comes next"]);
    }

    #[test]
    fn credits_and_standalone_times_are_removed() {
        let html = page(&format!(
            "<article><div class='Byline'>By <a rel='author'>Ana Ruiz</a></div><time>May 2, 2025</time>\
             <figure><img src='x.jpg'><figcaption>Volunteers set up cots on Sunday.</figcaption></figure>\
             {PARAGRAPH}<p>The vote came on <time>Monday</time> night after a long hearing.</p></article>"
        ));
        let text = extract_article(&html).unwrap();
        assert!(!text.contains("Ana Ruiz") && !text.contains("May 2") && !text.contains("cots"), "{text}");
        assert!(text.contains("The vote came on Monday night"));
    }

    #[test]
    fn pages_without_sentences_are_not_articles() {
        let links = page("<ul><li><a href='/1'>Shelter opens</a></li><li><a href='/2'>Council meets</a></li></ul>");
        assert!(matches!(extract_article(&links), Err(HtmlError::NoArticle)));
        assert!(matches!(extract_article(""), Err(HtmlError::NoArticle)));
        assert!(matches!(extract_article("<p>Too short to be a story.</p>"), Err(HtmlError::NoArticle)));
    }

    #[test]
    fn truncated_and_broken_pages_give_text_or_an_error() {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html/county-jail-vote.html");
        let page = std::fs::read(fixture).unwrap();
        for end in (0..page.len()).step_by(61) {
            if let Ok(text) = article_text(&page[..end]) {
                // A `<` cut off at the very end is text to a browser too; tags never are.
                let leaked = ["<p", "<h2", "script", "cookies", "Share on", "Related", "Maria Alvarez"];
                assert!(leaked.iter().all(|l| !text.contains(l)), "cut at {end}: {text}");
            }
        }
        for broken in ["<p", "<<<>>>", "</p></p><p>", "<script>", "<!--", "<title></title>", "&#xFFFFFFFF;&#0;&bogus;"]
        {
            assert!(matches!(extract_article(broken), Err(HtmlError::NoArticle)), "{broken}");
        }
    }

    #[test]
    fn prose_needs_length_and_closing_punctuation() {
        let lines = |ls: &[&str]| ls.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(prose_words(&lines(&["One two three four five.", "Menu item", "Short one."])), 5);
        assert_eq!(prose_words(&lines(&["He said it was \u{201c}over and done with.\u{201d}"])), 8);
    }
}
