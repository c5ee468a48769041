//! Classified articles as a page for readers: the article as written, each
//! statement highlighted by stance (colour, line style and a text label, so
//! it reads in grayscale and to screen readers), sentiment as a small marker,
//! the speaker as a badge, the probabilities and `--explain` words on hover
//! or focus, and a summary panel with a bar chart.
//!
//! [`articles_page`] is the self-contained file of `classify --html` (inline
//! CSS and SVG, no scripts, no network); [`articles_fragment`] is the same
//! view without the document around it, for a page that already has
//! [`PAGE_CSS`] (the `serve` page).

use crate::article::analysis::{ArticleReport, Labeled, SentenceResult, NEUTRAL};
use crate::article::summary::Statement;
use crate::article::units::UnitKind;
use crate::render::html::{escape, shorten};
use std::collections::BTreeMap;
use std::fmt::Write;

macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// A whole HTML document with every report, a table of contents when there are several.
pub fn articles_page(reports: &[ArticleReport], title: &str) -> String {
    let mut out = String::with_capacity(16 * 1024 + reports.len() * 32 * 1024);
    put!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main class=\"stance-page\">\n<h1>{}</h1>\n",
        escape(title),
        PAGE_CSS,
        escape(title)
    );
    out.push_str(&articles_fragment(reports));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The legend, the table of contents (several reports) and one section per report.
pub fn articles_fragment(reports: &[ArticleReport]) -> String {
    let mut out = String::new();
    out.push_str(LEGEND);
    if reports.len() > 1 {
        out.push_str("<nav class=\"toc\" aria-label=\"Articles\"><h2>Articles</h2><ol>\n");
        for (i, report) in reports.iter().enumerate() {
            let title = article_title(report);
            let source = if title == report.source { String::new() } else { format!("{} · ", escape(&report.source)) };
            put!(
                out,
                "<li><a href=\"#article-{}\">{}</a> <span class=\"muted\">{source}{}</span></li>\n",
                i + 1,
                escape(&title),
                counted(report.summary.classified, "statement")
            );
        }
        out.push_str("</ol></nav>\n");
    }
    for (i, report) in reports.iter().enumerate() {
        article_section(&mut out, report, i + 1);
    }
    out
}

/// The headline the article opens with, or the source name (a later headline is a subhead).
fn article_title(report: &ArticleReport) -> String {
    match report.sentences.first() {
        Some(first) if first.unit.kind == UnitKind::Headline => first.unit.text.clone(),
        _ => file_name(&report.source).to_string(),
    }
}

/// The last component of a path-like source name (`data/a.txt` → `a.txt`).
pub fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).find(|part| !part.is_empty()).unwrap_or(source)
}

fn article_section(out: &mut String, report: &ArticleReport, number: usize) {
    let title = article_title(report);
    put!(out, "<article class=\"report\" id=\"article-{number}\">\n<h2>{}</h2>\n", escape(&title));
    if title != report.source {
        put!(out, "<p class=\"source\">{}</p>\n", escape(&report.source));
    }
    out.push_str("<div class=\"layout\">\n");
    out.push_str(&summary_panel(report));
    out.push_str("<div class=\"text\">\n");
    let mut paragraph = None;
    for sentence in &report.sentences {
        if paragraph != Some(sentence.unit.paragraph) {
            if paragraph.is_some() {
                out.push_str("</p>\n");
            }
            paragraph = Some(sentence.unit.paragraph);
            let headline = sentence.unit.kind == UnitKind::Headline;
            out.push_str(if headline { "<p class=\"para headline\">" } else { "<p class=\"para\">" });
        } else {
            out.push(' ');
        }
        unit(out, sentence, number);
    }
    if paragraph.is_some() {
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</div>\n</article>\n");
}

/// One unit: a highlighted statement with its tooltip, or dimmed text.
fn unit(out: &mut String, sentence: &SentenceResult, article: usize) {
    let Some(stance) = &sentence.stance else {
        let text = escape(&sentence.unit.text);
        let kind = match sentence.unit.kind {
            UnitKind::Credit => "credit",
            _ => "boilerplate",
        };
        put!(
            out,
            "<span class=\"dim\" title=\"{kind}, not classified\"><span class=\"sr\">{kind}: </span>{text}</span>"
        );
        return;
    };
    let id = format!("a{article}-u{}", sentence.unit.index);
    put!(
        out,
        "<span class=\"unit st-{}\" tabindex=\"0\" data-stance=\"{}\" aria-describedby=\"tip-{id}\">\
         <span class=\"lead\"><span class=\"chip\">{}</span>",
        class_name(&stance.label),
        escape(&stance.label),
        escape(&short_label(&stance.label))
    );
    // The badge opens the sentence it belongs to; label, badge and first word never part at a line break.
    if let Some(speaker) = &sentence.speaker {
        let how = if sentence.quoted { "quoted" } else { "attributed" };
        put!(
            out,
            "<span class=\"badge\" title=\"{how}{}\"><span class=\"sr\">speaker: </span>{}</span>",
            sentence.cue.as_deref().map(|c| format!(": {}", escape(c))).unwrap_or_default(),
            escape(speaker)
        );
    }
    let (first, rest) = sentence.unit.text.split_once(' ').unwrap_or((&sentence.unit.text, ""));
    put!(out, "{}</span>", escape(first));
    if !rest.is_empty() {
        put!(out, " {}", escape(rest));
    }
    match &sentence.sentiment {
        Some(sentiment) if sentiment.label != NEUTRAL => put!(
            out,
            "<span class=\"senti se-{}\" title=\"sentiment: {}\"><span aria-hidden=\"true\">{}</span>\
             <span class=\"sr\">sentiment {}</span></span>",
            class_name(&sentiment.label),
            escape(&sentiment.label),
            sentiment_mark(&sentiment.label),
            escape(&sentiment.label)
        ),
        Some(sentiment) => put!(out, "<span class=\"sr\">sentiment {}</span>", escape(&sentiment.label)),
        None => {}
    }
    put!(out, "<span class=\"tip\" role=\"tooltip\" id=\"tip-{id}\">");
    probabilities(out, "stance", stance);
    if let Some(sentiment) = &sentence.sentiment {
        probabilities(out, "sentiment", sentiment);
    }
    match &sentence.explanation {
        Some(words) if !words.is_empty() => {
            let list: Vec<String> = words.iter().map(|w| escape(&w.feature)).collect();
            put!(out, "<span class=\"why\">why: {}</span>", list.join(", "));
        }
        _ => {}
    }
    let speaker = sentence.speaker.as_deref().map_or("narrator".to_string(), escape);
    put!(out, "<span class=\"who\">voice: {speaker}</span></span></span>");
}

/// `stance: pro-enforcement 81% · neutral 12% · …`, the predicted label first.
fn probabilities(out: &mut String, what: &str, labeled: &Labeled) {
    let mut pairs: Vec<(&String, &f64)> = labeled.probabilities.iter().collect();
    pairs.sort_by(|a, b| b.1.total_cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let listed: Vec<String> = pairs.iter().map(|(l, p)| format!("{} {}", escape(l), percent(**p))).collect();
    put!(out, "<span class=\"probs\"><b>{what}: {}</b> — {}</span>", escape(&labeled.label), listed.join(" · "));
}

/// The summary of one article: counts as bars, the narrator's own voice,
/// the voices quoted per side and each speaker's stance. Everything the
/// page says about the article as a whole comes from here.
pub fn summary_panel(report: &ArticleReport) -> String {
    let summary = &report.summary;
    let mut out = String::new();
    out.push_str("<aside class=\"summary\" aria-label=\"Summary\">\n<h3>Summary</h3>\n");
    put!(out, "<p class=\"muted\">{}, {} classified</p>\n", counted(summary.units, "unit"), summary.classified);
    out.push_str("<h4>Stance of the statements</h4>\n");
    bar_chart(&mut out, &summary.stance_counts, "st");
    out.push_str("<h4>Sentiment</h4>\n");
    bar_chart(&mut out, &summary.sentiment_counts, "se");
    out.push_str("<h4>Narrator</h4>\n");
    let narrator = &summary.narrator;
    put!(
        out,
        "<p class=\"narrator\">{}: {}</p>\n",
        counted(narrator.statements, "statement"),
        counts_text(&narrator.stance_counts)
    );
    strongest_quote(&mut out, narrator.strongest.as_ref());
    out.push_str("<h4>Voices quoted per side</h4>\n<ul class=\"sides\">\n");
    let sides: Vec<_> = summary.voices_per_side.iter().filter(|(_, v)| !v.speakers.is_empty()).collect();
    if sides.is_empty() {
        out.push_str("<li class=\"muted\">no quoted voices</li>\n");
    }
    for (side, voices) in sides {
        let names: Vec<String> = voices.speakers.iter().map(|n| escape(n)).collect();
        put!(
            out,
            "<li><span class=\"pill st-{}\">{}</span> {}, {}, {} quoted words: {}</li>\n",
            class_name(side),
            escape(side),
            counted(names.len(), "speaker"),
            counted(voices.statements, "statement"),
            voices.quoted_words,
            names.join(", ")
        );
    }
    out.push_str("</ul>\n");
    if !summary.speakers.is_empty() {
        out.push_str("<h4>Speakers</h4>\n<table class=\"speakers\">\n<thead><tr><th>speaker</th><th>said</th><th>stance</th></tr></thead>\n<tbody>\n");
        for speaker in &summary.speakers {
            put!(
                out,
                "<tr><td><span class=\"badge\">{}</span></td><td>{}</td><td><span class=\"pill st-{}\">{} {}</span></td></tr>\n",
                escape(&speaker.name),
                speaker.statements,
                class_name(&speaker.stance),
                escape(&speaker.stance),
                percent(speaker.confidence)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</aside>\n");
    out
}

fn strongest_quote(out: &mut String, strongest: Option<&Statement>) {
    if let Some(strongest) = strongest {
        put!(
            out,
            "<blockquote class=\"strongest\"><span class=\"pill st-{}\">{} {}</span> {}</blockquote>\n",
            class_name(&strongest.stance),
            escape(&strongest.stance),
            percent(strongest.probability),
            escape(&strongest.text)
        );
    }
}

/// `1 unit`, `3 units`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Non-zero counts, most first: `pro-sanctuary 4, neutral 2`.
fn counts_text(counts: &BTreeMap<String, usize>) -> String {
    let mut pairs: Vec<(&String, &usize)> = counts.iter().filter(|(_, c)| **c > 0).collect();
    pairs.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    if pairs.is_empty() {
        return "<span class=\"muted\">none</span>".to_string();
    }
    pairs
        .iter()
        .map(|(l, c)| format!("<span class=\"pill st-{}\">{} {c}</span>", class_name(l), escape(l)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Horizontal bars, one per label, with the count written beside each.
fn bar_chart(out: &mut String, counts: &BTreeMap<String, usize>, prefix: &str) {
    let max = counts.values().copied().max().unwrap_or(0).max(1) as f64;
    let total: usize = counts.values().sum();
    let row = 22;
    let height = row * counts.len().max(1);
    put!(
        out,
        "<svg class=\"bars\" viewBox=\"0 0 300 {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\">\n",
        counts.iter().map(|(l, c)| format!("{} {c}", escape(l))).collect::<Vec<_>>().join(", ")
    );
    for (i, (label, count)) in counts.iter().enumerate() {
        let y = i * row;
        let width = 120.0 * *count as f64 / max;
        let share = if total > 0 { *count as f64 / total as f64 } else { 0.0 };
        put!(
            out,
            "<text x=\"0\" y=\"{}\" class=\"bar-label\">{}</text>\
             <rect x=\"104\" y=\"{}\" width=\"{:.1}\" height=\"14\" class=\"bar {prefix}-{}\"/>\
             <text x=\"{:.1}\" y=\"{}\" class=\"bar-value\">{count} ({})</text>\n",
            y + 15,
            escape(&shorten(label, 17)),
            y + 4,
            width.max(1.0),
            class_name(label),
            108.0 + width,
            y + 15,
            percent(share)
        );
    }
    out.push_str("</svg>\n");
}

/// The visible label of a stance: short enough to sit before every sentence.
fn short_label(label: &str) -> String {
    match label {
        "pro-enforcement" => "enforcement".to_string(),
        "pro-sanctuary" => "sanctuary".to_string(),
        other => shorten(other, 14),
    }
}

fn sentiment_mark(label: &str) -> &'static str {
    match label {
        "positive" => "+",
        "negative" => "−",
        _ => "?",
    }
}

/// A label as a CSS class suffix: lowercase letters, digits and dashes.
fn class_name(label: &str) -> String {
    label.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.0}%", share * 100.0)
    } else {
        "–".to_string()
    }
}

const LEGEND: &str = "<p class=\"legend\" aria-label=\"Legend\">\
<span class=\"unit st-pro-enforcement\"><span class=\"chip\">enforcement</span>pro-enforcement</span> \
<span class=\"unit st-pro-sanctuary\"><span class=\"chip\">sanctuary</span>pro-sanctuary</span> \
<span class=\"unit st-neutral\"><span class=\"chip\">neutral</span>neutral</span> \
<span class=\"unit st-uncertain\"><span class=\"chip\">uncertain</span>uncertain</span> \
<span class=\"senti se-positive\">+</span> positive <span class=\"senti se-negative\">−</span> negative \
<span class=\"badge\">Name</span> speaker <span class=\"dim\">credits and boilerplate</span> · \
hover or focus (Tab) a sentence for its probabilities</p>\n";

/// The page's style; the serve page includes it too.
pub const PAGE_CSS: &str = r#"
:root { --ink:#1b1f24; --muted:#5b6470; --line:#d7dce2; --bg:#fbfbfc;
  --enf:#f7d3b5; --enf-edge:#a4461a; --san:#c8dcf6; --san-edge:#1d4f91; --neu:#eef0f3; --neu-edge:#8a939e; }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font:16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.stance-page { max-width:1180px; margin:0 auto; padding:1rem 1.25rem 3rem; }
h1 { font-size:1.5rem; margin:.5rem 0 1rem; }
h2 { font-size:1.3rem; margin:1.5rem 0 .2rem; overflow-wrap:anywhere; }
h3 { font-size:1.05rem; margin:0 0 .5rem; }
h4 { font-size:.85rem; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin:1rem 0 .3rem; }
.muted, .source { color:var(--muted); font-size:.85rem; overflow-wrap:anywhere; }
.source { margin:0 0 .8rem; }
.legend > span { white-space:nowrap; }
.legend { font-size:.8rem; color:var(--muted); line-height:2.2; border:1px solid var(--line); border-radius:6px; padding:.3rem .6rem; background:#fff; }
.toc ol { padding-left:1.4rem; } .toc li { margin:.2rem 0; }
.layout { display:grid; grid-template-columns:minmax(0,1fr) 320px; gap:1.5rem; align-items:start; }
.summary { grid-column:2; grid-row:1; position:sticky; top:.5rem; background:#fff; border:1px solid var(--line); border-radius:8px; padding:.8rem 1rem; font-size:.9rem; }
.text { grid-column:1; grid-row:1; background:#fff; border:1px solid var(--line); border-radius:8px; padding:.6rem 1.1rem; }
@media (max-width:760px) { h1 { font-size:1.2rem; overflow-wrap:anywhere; } .stance-page { padding:.6rem .6rem 2rem; } .text { padding:.4rem .7rem; } .layout { grid-template-columns:minmax(0,1fr); } .summary { grid-column:1; grid-row:auto; position:static; } .text { grid-row:auto; } }
.para { margin:.7rem 0; line-height:1.95; }
.para.headline { font-weight:650; font-size:1.08rem; }
.unit { position:relative; padding:.1rem .15rem; margin-right:.1rem; border-radius:3px; outline-offset:2px; -webkit-box-decoration-break:clone; box-decoration-break:clone; }
.unit:focus { outline:2px solid var(--ink); }
.st-pro-enforcement { background:var(--enf); border-bottom:3px solid var(--enf-edge); }
.st-pro-sanctuary { background:var(--san); border-bottom:3px double var(--san-edge); }
.st-neutral { background:transparent; border-bottom:1px dotted var(--neu-edge); }
.st-uncertain, .st-mixed { background:repeating-linear-gradient(135deg,#f3f3f3 0 4px,#e4e4e4 4px 8px); border-bottom:1px dashed var(--muted); }
.lead { white-space:nowrap; }
.chip { display:inline-block; font-size:.62rem; font-weight:700; letter-spacing:.03em; text-transform:uppercase; line-height:1.2; padding:0 .25rem; margin-right:.3rem; border-radius:3px; vertical-align:.15em; color:#fff; background:var(--neu-edge); }
.st-pro-enforcement .chip { background:var(--enf-edge); }
.st-pro-sanctuary .chip { background:var(--san-edge); }
.st-neutral .chip { background:#fff; color:var(--muted); border:1px solid var(--line); }
.senti { display:inline-block; font-size:.7rem; font-weight:700; min-width:1.1em; text-align:center; line-height:1.1em; margin-left:.2rem; border-radius:50%; border:1px solid var(--muted); color:var(--muted); vertical-align:.15em; }
.se-positive { color:#1e6b34; border-color:#1e6b34; } .se-negative { color:#9b1c1c; border-color:#9b1c1c; }
.badge { display:inline-block; font-size:.72rem; font-weight:600; line-height:1.3; padding:0 .4rem; margin-right:.3rem; border-radius:999px; background:#2f3640; color:#fff; vertical-align:.1em; white-space:nowrap; max-width:14rem; overflow:hidden; text-overflow:ellipsis; }
.dim { color:#8b929b; font-size:.9rem; }
.tip { display:none; position:absolute; z-index:10; left:0; top:calc(100% + 4px); width:min(24rem, 80vw); background:#1b1f24; color:#fff; font-size:.78rem; line-height:1.4; padding:.45rem .6rem; border-radius:6px; box-shadow:0 4px 14px rgba(0,0,0,.25); font-weight:400; }
.tip > span { display:block; }
.unit:hover > .tip, .unit:focus > .tip { display:block; }
.why { color:#ffd89e; } .who { color:#c9d1db; }
.pill { display:inline-block; white-space:nowrap; margin:.1rem 0; font-size:.75rem; padding:0 .35rem; border-radius:4px; border-bottom-width:2px; }
.summary p { margin:.3rem 0; }
.bars { display:block; max-width:300px; font-size:11px; }
.bars .bar-label { fill:var(--ink); } .bars .bar-value { fill:var(--muted); }
.bar { fill:var(--neu-edge); }
.bar.st-pro-enforcement { fill:var(--enf-edge); } .bar.st-pro-sanctuary { fill:var(--san-edge); } .bar.st-neutral { fill:#aab2bc; }
.bar.se-positive { fill:#3c8d52; } .bar.se-negative { fill:#b93a3a; } .bar.se-neutral { fill:#aab2bc; }
rect.bar { border:none; }
.sides { padding-left:1rem; margin:.2rem 0; } .sides li { margin:.25rem 0; }
.speakers { width:100%; border-collapse:collapse; font-size:.82rem; }
.speakers th, .speakers td { text-align:left; padding:.2rem .25rem; border-bottom:1px solid var(--line); vertical-align:top; }
.speakers .badge { margin-right:0; }
.speakers td .pill { white-space:normal; }
.strongest { margin:.3rem 0; padding:.3rem .5rem; border-left:3px solid var(--line); font-size:.82rem; color:var(--muted); }
.sr { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
@media (max-width:760px) { .tip { position:fixed; left:.5rem; right:.5rem; top:auto; bottom:.5rem; width:auto; font-size:.85rem; } }
@media print { .tip { display:none !important; } .summary { position:static; } }
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::analysis::{analyze_article, AnalyzeOptions, Models};
    use crate::model::classifier::Classifier;
    use crate::model::file::ModelArtifact;
    use crate::text::Language;
    use std::path::Path;

    fn models() -> Models {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
        let load = |name: &str| Classifier::new(ModelArtifact::load(&root.join(name)).unwrap());
        Models { stance: load("stance.model"), sentiment: load("sentiment.model") }
    }

    fn report(source: &str, text: &str) -> ArticleReport {
        let options = AnalyzeOptions { explain: 3, abstain_below: None, no_context: false };
        analyze_article(source, text, &models(), Language::English, options).unwrap()
    }

    const ARTICLE: &str = "Sanctuary cities protect families\n\n\
        \"We will not let ICE tear families apart,\" Mayor Ana Ruiz said. \
        The Justice Department said the law must be enforced and criminals deported.\n\n\
        Original Article\n\nJo Lee contributed to this report.\n";

    #[test]
    fn every_statement_is_highlighted_with_a_text_label_and_a_tooltip() {
        let report = report("a.txt", ARTICLE);
        let html = articles_page(std::slice::from_ref(&report), "Classified");
        let classified = report.sentences.iter().filter(|s| s.stance.is_some()).count();
        let in_legend = LEGEND.matches("<span class=\"unit st-").count();
        assert_eq!(html.matches("<span class=\"unit st-").count(), classified + in_legend);
        assert_eq!(html.matches("tabindex=\"0\"").count(), classified);
        assert_eq!(html.matches("role=\"tooltip\"").count(), classified);
        for sentence in report.sentences.iter().filter(|s| s.stance.is_some()) {
            let label = &sentence.stance.as_ref().unwrap().label;
            let opening = format!("data-stance=\"{label}\" aria-describedby=\"tip-a1-u{}\">", sentence.unit.index);
            let at = html.find(&opening).unwrap_or_else(|| panic!("no highlight for unit {}", sentence.unit.index));
            let chip = format!("<span class=\"lead\"><span class=\"chip\">{}</span>", short_label(label));
            assert!(html[at + opening.len()..].starts_with(&chip));
        }
        assert!(html.contains("why: "), "the explanation words are in the tooltips");
        assert!(html.contains("<span class=\"dim\" title=\"credit, not classified\">"));
        assert!(html.contains("<span class=\"dim\" title=\"boilerplate, not classified\">"));
        assert!(!html.contains("<script"), "the page runs no script");
        assert!(!html.contains("http://") && !html.contains("https://"), "the page fetches nothing");
    }

    #[test]
    fn speakers_get_badges_and_appear_in_the_summary() {
        let report = report("a.txt", ARTICLE);
        let speakers: Vec<&String> = report.sentences.iter().filter_map(|s| s.speaker.as_ref()).collect();
        assert!(!speakers.is_empty(), "the test article quotes someone");
        let html = articles_fragment(std::slice::from_ref(&report));
        for name in speakers {
            assert!(html.contains(&format!("<span class=\"sr\">speaker: </span>{}</span>", escape(name))));
        }
        let panel = summary_panel(&report);
        for speaker in &report.summary.speakers {
            assert!(panel.contains(&format!(
                "<td><span class=\"badge\">{}</span></td><td>{}</td>",
                escape(&speaker.name),
                speaker.statements
            )));
        }
        for speaker in &report.summary.speakers {
            let pill = format!(
                "<span class=\"pill st-{}\">{} {}</span>",
                class_name(&speaker.stance),
                speaker.stance,
                percent(speaker.confidence)
            );
            assert!(panel.contains(&pill), "{pill}");
        }
        let narrator = format!("<p class=\"narrator\">{}:", counted(report.summary.narrator.statements, "statement"));
        assert!(panel.contains(&narrator), "{panel}");
        assert_eq!(panel.matches("<svg class=\"bars\"").count(), 2);
    }

    #[test]
    fn hostile_text_is_escaped_and_several_articles_get_a_table_of_contents() {
        let first = report("<b>x</b>.txt", "The <script>alert(1)</script> \"law\" & order must be enforced.\n");
        let second = report("b.txt", ARTICLE);
        let one = articles_fragment(std::slice::from_ref(&first));
        assert!(!one.contains("<nav"), "one article needs no contents");
        let html = articles_page(&[first, second], "Two <articles>");
        assert!(!html.contains("<script>") && !html.contains("<b>x"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;law&quot; &amp; order"));
        assert!(html.contains("<title>Two &lt;articles&gt;</title>"));
        assert!(
            html.contains("<a href=\"#article-1\">")
                && html.contains("<a href=\"#article-2\">Sanctuary cities protect families</a>")
        );
        assert!(html.contains("id=\"article-2\""));
    }
}
