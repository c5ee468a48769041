//! Turning reports into readable tables, JSON and CSV.

use crate::article::analysis::{ArticleReport, Labeled};
use crate::eval::report::{EvaluationReport, Interval, Intervals};
use crate::model::card::{ContextCard, ModelCard};
use crate::model::meta::{CvSummary, HoldoutCv};
use std::io::{self, Write};

/// Output of `classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ArticleFormat {
    /// Readable report per article.
    Table,
    /// One JSON object per article, one per line.
    Json,
    /// One CSV row per sentence.
    Csv,
    /// One Parquet row per sentence (to the file given with --out); see [`crate::render::columns`].
    Parquet,
    /// One CSV row per voice (the narrator, then each speaker) per article.
    VoicesCsv,
}

/// Output of `train` and `evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Readable tables.
    Table,
    /// JSON with a fixed schema (class names appear only as values).
    Json,
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The readable report of one article.
pub fn article_table(report: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    writeln!(out, "{}: {} units, {} classified", report.source, s.units, s.classified)?;
    let stance: Vec<String> = s.stance_counts.iter().map(|(l, c)| format!("{l} {c}")).collect();
    writeln!(out, "Stance:    {} (all statements)", stance.join(" · "))?;
    let sentiment: Vec<String> = s.sentiment_counts.iter().map(|(l, c)| format!("{l} {c}")).collect();
    writeln!(out, "Sentiment: {}", sentiment.join(" · "))?;
    for headline in &s.headlines {
        writeln!(out, "Headline:  {headline}")?;
    }
    let narrator: Vec<String> = s
        .narrator
        .stance_counts
        .iter()
        .map(|(l, c)| format!("{l} {c} ({})", percent(s.narrator.stance_shares[l])))
        .collect();
    writeln!(out, "Narrator:  {} statements: {}", s.narrator.statements, narrator.join(" · "))?;
    writeln!(out, "Voices quoted per side (speakers · statements · quoted words):")?;
    for (side, voices) in &s.voices_per_side {
        let names =
            if voices.speakers.is_empty() { String::new() } else { format!("  {}", voices.speakers.join(", ")) };
        writeln!(
            out,
            "  {side:<16} {} · {} · {}{names}",
            voices.speakers.len(),
            voices.statements,
            voices.quoted_words
        )?;
    }
    writeln!(out, "Speakers:")?;
    for speaker in &s.speakers {
        writeln!(
            out,
            "  {} ({} statements, {} quoted words): {} {:.2}",
            speaker.name, speaker.statements, speaker.quoted_words, speaker.stance, speaker.confidence
        )?;
        if let Some(strongest) = &speaker.strongest {
            let text: String = strongest.text.chars().take(110).collect();
            writeln!(
                out,
                "      strongest: #{} {} {:.2}  {text}",
                strongest.index, strongest.stance, strongest.probability
            )?;
        }
    }
    writeln!(out)?;
    let width =
        report.sentences.iter().filter_map(|s| s.speaker.as_ref()).map(|n| n.chars().count()).max().unwrap_or(0).max(8);
    writeln!(
        out,
        "{:>3} {:>2}  {:<11} {:<width$}  {:<16} {:>4}  {:<9} {:>4}  text",
        "#", "¶", "kind", "speaker", "stance", "p", "sentiment", "p"
    )?;
    for sentence in &report.sentences {
        let unit = &sentence.unit;
        let label = |l: &Option<Labeled>| match l {
            Some(l) => (l.label.clone(), format!("{:.2}", l.confidence)),
            None => ("-".to_string(), String::new()),
        };
        let (stance, stance_p) = label(&sentence.stance);
        let (sentiment, sentiment_p) = label(&sentence.sentiment);
        let kind = serde_json::to_value(unit.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let speaker = match (&sentence.speaker, sentence.stance.is_some()) {
            (Some(name), _) => name.as_str(),
            (None, true) => "narrator",
            (None, false) => "-",
        };
        writeln!(
            out,
            "{:>3} {:>2}  {:<11} {:<width$}  {:<16} {:>4}  {:<9} {:>4}  {}",
            unit.index, unit.paragraph, kind, speaker, stance, stance_p, sentiment, sentiment_p, unit.text
        )?;
        if let Some(why) = &sentence.explanation {
            let words: Vec<String> = why.iter().map(|c| format!("{} ({:+.2})", c.feature, c.contribution)).collect();
            writeln!(out, "{:>40}because: {}", "", words.join(", "))?;
        }
    }
    Ok(())
}

/// One JSON object per article, on one line.
pub fn article_json(report: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
    // Serialised first, so a closed output shows up as an io::Error of its own kind.
    let mut line = serde_json::to_vec(report).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)
}

/// Writes the CSV header for [`article_csv_rows`]; probability columns follow the models' labels.
pub fn article_csv_header(
    stance_labels: &[String],
    sentiment_labels: &[String],
    out: &mut dyn Write,
) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(csv_header(stance_labels, sentiment_labels))?;
    writer.flush()?;
    Ok(())
}

/// The unit's columns, in the order [`article_csv_rows`] writes them.
const UNIT_COLUMNS: [&str; 9] =
    ["source", "index", "paragraph", "start", "end", "char_start", "char_end", "kind", "speaker"];

fn csv_header(stance_labels: &[String], sentiment_labels: &[String]) -> Vec<String> {
    let mut header: Vec<String> = UNIT_COLUMNS.map(String::from).to_vec();
    header.extend(["stance".to_string(), "stance_confidence".to_string()]);
    header.extend(stance_labels.iter().map(|l| format!("p_stance_{l}")));
    header.extend(["sentiment".to_string(), "sentiment_confidence".to_string()]);
    header.extend(sentiment_labels.iter().map(|l| format!("p_sentiment_{l}")));
    header.push("text".into());
    header
}

/// One CSV row per unit of the article.
pub fn article_csv_rows(
    report: &ArticleReport,
    stance_labels: &[String],
    sentiment_labels: &[String],
    out: &mut dyn Write,
) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for sentence in &report.sentences {
        let unit = &sentence.unit;
        let kind = serde_json::to_value(unit.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let mut row = vec![
            report.source.clone(),
            unit.index.to_string(),
            unit.paragraph.to_string(),
            unit.start.to_string(),
            unit.end.to_string(),
            unit.char_start.to_string(),
            unit.char_end.to_string(),
            kind,
            sentence.speaker.clone().unwrap_or_default(),
        ];
        for (labeled, labels) in [(&sentence.stance, stance_labels), (&sentence.sentiment, sentiment_labels)] {
            match labeled {
                Some(l) => {
                    row.push(l.label.clone());
                    row.push(format!("{:.6}", l.confidence));
                    row.extend(labels.iter().map(|name| format!("{:.6}", l.probabilities.get(name).unwrap_or(&0.0))));
                }
                None => row.extend(std::iter::repeat_n(String::new(), labels.len() + 2)),
            }
        }
        row.push(unit.text.clone());
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

/// The columns of [`article_voices_csv_rows`]; counts follow the stance labels.
pub fn article_voices_csv_header(stance_labels: &[String], out: &mut dyn Write) -> csv::Result<()> {
    let mut header: Vec<String> =
        ["source", "voice", "statements", "quoted_words", "stance", "confidence"].map(String::from).to_vec();
    header.extend(stance_labels.iter().map(|l| format!("n_{l}")));
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    writer.flush()?;
    Ok(())
}

/// One row for the narrator (stance: the most frequent label of its
/// statements, confidence: that label's share) and one per speaker (stance
/// and confidence as in the summary).
pub fn article_voices_csv_rows(
    report: &ArticleReport,
    stance_labels: &[String],
    out: &mut dyn Write,
) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let s = &report.summary;
    let counts = |c: &std::collections::BTreeMap<String, usize>| {
        stance_labels.iter().map(|l| c.get(l).copied().unwrap_or(0).to_string()).collect::<Vec<_>>()
    };
    let (narrator_stance, narrator_share) = s
        .narrator
        .stance_shares
        .iter()
        .fold((String::new(), 0.0), |best, (l, share)| if *share > best.1 { (l.clone(), *share) } else { best });
    let mut row = vec![
        report.source.clone(),
        "narrator".to_string(),
        s.narrator.statements.to_string(),
        "0".to_string(),
        narrator_stance,
        format!("{narrator_share:.6}"),
    ];
    row.extend(counts(&s.narrator.stance_counts));
    writer.write_record(&row)?;
    for speaker in &s.speakers {
        let mut row = vec![
            report.source.clone(),
            speaker.name.clone(),
            speaker.statements.to_string(),
            speaker.quoted_words.to_string(),
            speaker.stance.clone(),
            format!("{:.6}", speaker.confidence),
        ];
        row.extend(counts(&speaker.stance_counts));
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

/// Cross-validation scores: mean ± std over folds, then each fold.
pub fn cv_table(cv: &CvSummary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}-fold cross-validation, stratified (seed {}):", cv.folds, cv.seed)?;
    cv_scores(cv, out)
}

/// Cross-validation by held-out groups, in the same layout as [`cv_table`].
pub fn holdout_cv_table(cv: &HoldoutCv, out: &mut dyn Write) -> io::Result<()> {
    let s = &cv.summary;
    writeln!(
        out,
        "{}-fold cross-validation holding out whole '{}' values ({} values, seed {}):",
        s.folds, cv.column, cv.groups, s.seed
    )?;
    cv_scores(s, out)
}

fn cv_scores(cv: &CvSummary, out: &mut dyn Write) -> io::Result<()> {
    let metric = cv.metric.name();
    let mut scores = vec![("accuracy", cv.accuracy), ("macro-f1", cv.macro_f1), ("macro-recall", cv.macro_recall)];
    if !scores.iter().any(|(name, _)| *name == metric) {
        scores.push((metric.as_str(), cv.metric_score));
    }
    for (name, score) in scores {
        writeln!(out, "  {name:<22} {:.4} ± {:.4}", score.mean, score.std)?;
    }
    let folds: Vec<String> = cv.per_fold.iter().map(|f| format!("{:.4}", f.metric)).collect();
    writeln!(out, "  {} per fold: {}", cv.metric.name(), folds.join("  "))?;
    Ok(())
}

/// The model card as readable text.
fn context_card(context: &ContextCard, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "context stage: {} features, weights per label:", context.features.len())?;
    let width = context.features.iter().map(|f| f.chars().count()).max().unwrap_or(0);
    let labels: Vec<String> = context.labels.iter().map(|l| format!("{l:>16}")).collect();
    writeln!(out, "  {:<width$}{}", "", labels.join(""))?;
    let rows = context.features.iter().zip(&context.weights);
    for (name, weights) in rows.chain(std::iter::once((&"(intercept)".to_string(), &context.intercept))) {
        let cells: Vec<String> = weights.iter().map(|w| format!("{w:>16.3}")).collect();
        writeln!(out, "  {name:<width$}{}", cells.join(""))?;
    }
    if let Some(e) = &context.evaluation {
        writeln!(
            out,
            "  held-out stories ({} folds, {} stories, {} units): stance macro-F1 sentence only {:.4} ± {:.4}, with context {:.4} ± {:.4}; speaker accuracy {:.4}",
            e.folds,
            e.stories,
            e.units,
            e.sentence_only_macro_f1.mean,
            e.sentence_only_macro_f1.std,
            e.context_macro_f1.mean,
            e.context_macro_f1.std,
            e.speaker_accuracy
        )?;
    }
    Ok(())
}

pub fn model_card(card: &ModelCard, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "model format {}, written by stance {}", card.format_version, card.meta.crate_version)?;
    writeln!(out, "predicts:   '{}' from '{}'", card.meta.label_column, card.meta.text_column)?;
    if let Some(group) = &card.meta.group_column {
        writeln!(out, "per group:  '{group}' ({} parts)", card.parts.len())?;
    }
    writeln!(out, "trained on: {} ({} rows, sha256 {})", card.meta.data_file, card.meta.rows, card.meta.data_sha256)?;
    let counts: Vec<String> = card.meta.label_counts.iter().map(|(l, c)| format!("{l} {c}")).collect();
    writeln!(out, "labels:     {}", counts.join(", "))?;
    let t = &card.meta.text;
    let chars = t.char_ngrams.map_or("off".to_string(), |r| r.to_string());
    writeln!(
        out,
        "text:       {:?}, lowercase {}, stemming {}, word n-grams {}, char n-grams {}",
        t.language, t.lowercase, t.stem, t.word_ngrams, chars
    )?;
    if card.target_features {
        writeln!(out, "target:     polarity near each side's mentions (target-aware block)")?;
    }
    let f = &card.meta.tfidf;
    let max = f.max_features.map_or("all".to_string(), |m| m.to_string());
    writeln!(out, "tf-idf:     min_df {}, max_features {max}, sublinear tf {}", f.min_df, f.sublinear_tf)?;
    let p = &card.meta.params;
    writeln!(
        out,
        "training:   C {}, class weights {:?}, solver {:?}, tol {}, max_iter {}",
        p.c, p.class_weight, p.solver, p.tol, p.max_iter
    )?;
    writeln!(out, "training accuracy: {:.4}", card.meta.training_accuracy)?;
    if let Some(cv) = &card.meta.cv {
        cv_table(cv, out)?;
    }
    for cv in &card.holdout_cv {
        holdout_cv_table(cv, out)?;
    }
    if let Some(context) = &card.context {
        context_card(context, out)?;
    }
    for part in &card.parts {
        let name = part.group.as_ref().map(|g| format!(" [{g}]")).unwrap_or_default();
        writeln!(
            out,
            "\npart{name}: {} rows, {} features, {} iterations, final loss {:.6}{}",
            part.rows,
            part.features,
            part.fit.iterations,
            part.fit.final_loss,
            if part.fit.converged { "" } else { " (not converged)" }
        )?;
        for label in &part.labels {
            let top: Vec<String> = label.top.iter().map(|f| format!("{} ({:+.2})", f.feature, f.weight)).collect();
            writeln!(out, "  {}: {}", label.label, top.join(", "))?;
        }
    }
    Ok(())
}

/// A table rendered either as aligned text or as Markdown.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Columns after the first are numbers and right-aligned.
    numeric: bool,
}

impl Table {
    fn new(header: &[&str], numeric: bool) -> Table {
        Table { header: header.iter().map(|h| h.to_string()).collect(), rows: Vec::new(), numeric }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn write(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let columns = self.header.len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| std::iter::once(&self.header).chain(&self.rows).map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        let line = |cells: &[String]| -> String {
            let padded: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(c, cell)| match (style, self.numeric && c > 0) {
                    (Style::Markdown, _) => cell.replace('|', "\\|"),
                    (Style::Text, true) => format!("{cell:>w$}", w = widths[c]),
                    (Style::Text, false) => format!("{cell:<w$}", w = widths[c]),
                })
                .collect();
            match style {
                Style::Markdown => format!("| {} |", padded.join(" | ")),
                Style::Text => padded.join("  ").trim_end().to_string(),
            }
        };
        writeln!(out, "{}", line(&self.header))?;
        if style == Style::Markdown {
            let rule: Vec<&str> = (0..columns).map(|c| if self.numeric && c > 0 { "---:" } else { "---" }).collect();
            writeln!(out, "| {} |", rule.join(" | "))?;
        }
        for row in &self.rows {
            writeln!(out, "{}", line(row))?;
        }
        Ok(())
    }
}

/// Plain terminal text or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Markdown,
}

fn heading(style: Style, title: &str, out: &mut dyn Write) -> io::Result<()> {
    match style {
        Style::Markdown => writeln!(out, "\n## {title}\n"),
        Style::Text => writeln!(out, "\n{title}"),
    }
}

fn with_interval(i: &Interval) -> String {
    format!("{:.4} [{:.4}, {:.4}]", i.value, i.low, i.high)
}

/// Shortens `text` to `max` characters, marking the cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

/// The full evaluation report as terminal text or Markdown.
pub fn evaluation_report(r: &EvaluationReport, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let e = &r.evaluation;
    let i = r.intervals.as_ref();
    if style == Style::Markdown {
        writeln!(out, "# Evaluation of {} on {}\n", r.model, r.data)?;
    } else {
        writeln!(out, "model: {}   data: {}", r.model, r.data)?;
    }
    let value =
        |pick: fn(&Intervals) -> &Interval, plain: f64| i.map_or(format!("{plain:.4}"), |i| with_interval(pick(i)));
    let mut summary = Table::new(&["", if i.is_some() { "value [95% CI]" } else { "value" }], false);
    summary.row(vec!["rows".into(), e.n.to_string()]);
    summary.row(vec!["accuracy".into(), value(|i| &i.accuracy, e.accuracy)]);
    summary.row(vec!["macro-F1".into(), value(|i| &i.macro_f1, e.macro_avg.f1)]);
    if !matches!(r.metric_name.as_str(), "accuracy" | "macro-f1") {
        summary.row(vec![r.metric_name.clone(), value(|i| &i.metric, r.metric)]);
    }
    summary.write(style, out)?;
    let gap = if style == Style::Markdown { "\n" } else { "" };
    match i {
        Some(i) => writeln!(out, "{gap}({} bootstrap resamples, seed {})", i.resamples, i.seed)?,
        None => writeln!(out, "{gap}(no confidence intervals: --bootstrap 0)")?,
    }

    heading(style, "Per class", out)?;
    let mut classes = Table::new(&["label", "precision", "recall", "f1", "support", "predicted"], true);
    for c in &e.per_class {
        let cells = [c.precision, c.recall, c.f1].map(|v| format!("{v:.4}"));
        classes.row(vec![
            c.label.clone(),
            cells[0].clone(),
            cells[1].clone(),
            cells[2].clone(),
            c.support.to_string(),
            c.predicted.to_string(),
        ]);
    }
    for (name, avg) in [("macro avg", &e.macro_avg), ("weighted avg", &e.weighted_avg), ("micro avg", &e.micro_avg)] {
        let cells = [avg.precision, avg.recall, avg.f1].map(|v| format!("{v:.4}"));
        classes.row(vec![
            name.into(),
            cells[0].clone(),
            cells[1].clone(),
            cells[2].clone(),
            e.n.to_string(),
            e.n.to_string(),
        ]);
    }
    classes.write(style, out)?;

    heading(style, "Confusion matrix (rows = gold, columns = predicted): counts, then row shares", out)?;
    let labels = &e.confusion_matrix.labels;
    let mut header: Vec<&str> = vec!["gold \\ predicted"];
    header.extend(labels.iter().map(String::as_str));
    let mut counts = Table::new(&header, true);
    let mut shares = Table::new(&header, true);
    for (g, label) in labels.iter().enumerate() {
        let mut row = vec![label.clone()];
        row.extend(e.confusion_matrix.counts[g].iter().map(|c| c.to_string()));
        counts.row(row);
        let mut row = vec![label.clone()];
        row.extend(e.confusion_matrix.normalized[g].iter().map(|s| format!("{:.1}%", s * 100.0)));
        shares.row(row);
    }
    counts.write(style, out)?;
    writeln!(out)?;
    shares.write(style, out)?;

    let c = &r.calibration;
    heading(style, &format!("Calibration: ECE {:.4}, Brier {:.4}", c.ece, c.brier), out)?;
    let mut bins = Table::new(&["confidence", "rows", "mean confidence", "accuracy"], true);
    for b in c.bins.iter().filter(|b| b.count > 0) {
        bins.row(vec![
            format!("{:.1}-{:.1}", b.lower, b.upper),
            b.count.to_string(),
            format!("{:.4}", b.mean_confidence),
            format!("{:.4}", b.accuracy),
        ]);
    }
    bins.write(style, out)?;

    if let Some(a) = &r.abstention {
        heading(style, "Abstention", out)?;
        writeln!(
            out,
            "below {:.2}: {} rows abstained on; coverage {:.4}, accuracy on the covered rows {:.4}",
            a.threshold, a.abstained, a.coverage, a.covered_accuracy
        )?;
    }

    if !r.mistakes.is_empty() {
        heading(style, "Most confident mistakes", out)?;
        let mut mistakes = Table::new(&["row", "probability", "gold", "predicted", "text"], false);
        for m in &r.mistakes {
            mistakes.row(vec![
                m.row.to_string(),
                format!("{:.4}", m.probability),
                m.gold.clone(),
                m.predicted.clone(),
                clip(&m.text, 100),
            ]);
        }
        mistakes.write(style, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::report::{build_report, ReportOptions, ScoredRow};
    use crate::model::meta::Metric;

    #[test]
    fn evaluation_report_shows_scores_matrix_and_mistakes() {
        let labels: Vec<String> = vec!["a".into(), "b|c".into()];
        let row = |row, gold: &str, predicted, p| ScoredRow {
            row,
            text: format!("text {row}"),
            gold: gold.into(),
            predicted,
            probabilities: if predicted == 0 { vec![p, 1.0 - p] } else { vec![1.0 - p, p] },
        };
        let rows = vec![row(1, "a", 0, 0.9), row(2, "a", 1, 0.8), row(3, "b|c", 1, 0.7)];
        let options =
            ReportOptions { metric: Metric::MacroF1, resamples: 100, seed: 1, errors: 5, abstain_below: None };
        let report = build_report("m.model", "d.csv", &labels, &rows, &options);
        let mut text = Vec::new();
        evaluation_report(&report, Style::Text, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("accuracy  0.6667 ["), "{text}");
        let a_row = text.lines().find(|l| l.starts_with("a ") && l.contains('%')).unwrap();
        assert_eq!(a_row.split_whitespace().collect::<Vec<_>>(), ["a", "50.0%", "50.0%"]);
        let mistake = text.lines().rev().find(|l| l.starts_with("2 ")).unwrap();
        assert_eq!(mistake.split_whitespace().collect::<Vec<_>>(), ["2", "0.8000", "a", "b|c", "text", "2"]);
        let mut markdown = Vec::new();
        evaluation_report(&report, Style::Markdown, &mut markdown).unwrap();
        let markdown = String::from_utf8(markdown).unwrap();
        assert!(markdown.contains("| label | precision | recall | f1 | support | predicted |"), "{markdown}");
        assert!(markdown.contains("| b\\|c |"), "{markdown}");
    }
}
