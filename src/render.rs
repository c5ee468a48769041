//! Turning reports into readable tables, JSON and CSV.

use crate::analysis::{ArticleReport, Labeled};
use crate::cv::CvSummary;
use crate::metrics::Evaluation;
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
    writeln!(out, "Leaning:   {} (confidence {:.2})", s.leaning, s.leaning_confidence)?;
    let stance: Vec<String> =
        s.stance_counts.iter().map(|(l, c)| format!("{l} {c} ({})", percent(s.stance_shares[l]))).collect();
    writeln!(out, "Stance:    {}", stance.join(" · "))?;
    let sentiment: Vec<String> = s.sentiment_counts.iter().map(|(l, c)| format!("{l} {c}")).collect();
    writeln!(out, "Sentiment: {}", sentiment.join(" · "))?;
    writeln!(out)?;
    writeln!(
        out,
        "{:>3} {:>2}  {:<11} {:<16} {:>4}  {:<9} {:>4}  text",
        "#", "¶", "kind", "stance", "p", "sentiment", "p"
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
        writeln!(
            out,
            "{:>3} {:>2}  {:<11} {:<16} {:>4}  {:<9} {:>4}  {}",
            unit.index, unit.paragraph, kind, stance, stance_p, sentiment, sentiment_p, unit.text
        )?;
    }
    Ok(())
}

/// One JSON object per article, on one line.
pub fn article_json(report: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
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

fn csv_header(stance_labels: &[String], sentiment_labels: &[String]) -> Vec<String> {
    let mut header: Vec<String> =
        ["source", "index", "paragraph", "start", "end", "kind", "stance", "stance_confidence"]
            .map(String::from)
            .to_vec();
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

/// Cross-validation scores: mean ± std over folds, then each fold.
pub fn cv_table(cv: &CvSummary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}-fold cross-validation (seed {}):", cv.folds, cv.seed)?;
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

/// The readable evaluation report.
pub fn evaluation_table(e: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
    let width = e.per_class.iter().map(|c| c.label.chars().count()).max().unwrap_or(5).max(12);
    writeln!(out, "rows: {}   accuracy: {:.4}", e.n, e.accuracy)?;
    writeln!(out)?;
    writeln!(out, "{:<width$}  {:>9}  {:>7}  {:>7}  {:>7}", "label", "precision", "recall", "f1", "support")?;
    for c in &e.per_class {
        writeln!(out, "{:<width$}  {:>9.4}  {:>7.4}  {:>7.4}  {:>7}", c.label, c.precision, c.recall, c.f1, c.support)?;
    }
    for (name, avg) in [("macro avg", &e.macro_avg), ("weighted avg", &e.weighted_avg)] {
        writeln!(out, "{:<width$}  {:>9.4}  {:>7.4}  {:>7.4}  {:>7}", name, avg.precision, avg.recall, avg.f1, e.n)?;
    }
    writeln!(out)?;
    writeln!(out, "confusion matrix (rows = gold, columns = predicted)")?;
    let labels = &e.confusion_matrix.labels;
    let cell = labels.iter().map(|l| l.chars().count()).max().unwrap_or(5).max(6);
    write!(out, "{:<width$}", "gold \\ predicted")?;
    for label in labels {
        write!(out, "  {label:>cell$}")?;
    }
    writeln!(out)?;
    for (label, row) in labels.iter().zip(&e.confusion_matrix.counts) {
        write!(out, "{label:<width$}")?;
        for count in row {
            write!(out, "  {count:>cell$}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::evaluate;

    #[test]
    fn evaluation_table_shows_scores_and_matrix() {
        let gold: Vec<String> = ["a", "a", "b"].map(String::from).to_vec();
        let pred: Vec<String> = ["a", "b", "b"].map(String::from).to_vec();
        let mut out = Vec::new();
        evaluation_table(&evaluate(&gold, &pred), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("accuracy: 0.6667"), "{text}");
        assert!(text.contains("rows = gold, columns = predicted"), "{text}");
        let a_row = text.lines().rev().find(|l| l.starts_with('a')).unwrap();
        assert_eq!(a_row.split_whitespace().collect::<Vec<_>>(), ["a", "1", "1"]);
    }
}
