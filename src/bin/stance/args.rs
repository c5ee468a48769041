//! Flags of every command, defined once; clap builds `--help` from them.

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use stance::article::sources::ArticleInput;
use stance::batch::BatchFormat;
use stance::io::labeled::{read_labeled_csv_with, Columns as CsvColumns, CsvOptions, LabeledData};
use stance::model::fit::{ClassWeight, Solver};
use stance::model::linear::Probability;
use stance::model::meta::Metric;
use stance::render::tables::{ArticleFormat, ReportFormat};
use stance::text::{Language, NgramRange};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "stance",
    version,
    about = "Sentence-level stance (pro-enforcement / pro-sanctuary / neutral), sentiment and speaker on US immigration enforcement in news articles; trains and evaluates text classifiers from labeled CSV",
    after_help = "Examples:\n  stance classify data/articles/doj-sues-california.txt\n  stance train --data data/statements.csv --label-col stance --out models/stance.model\n  stance evaluate --model models/stance.model --data data/statements.csv --label-col stance\n  stance serve --port 8080\n\nExit status: 0 success, 1 some inputs failed (the rest were processed), 2 usage or fatal error."
)]
pub struct Cli {
    /// Worker threads (default: one per core; at most 256). Results do not depend on it.
    #[arg(long, global = true, value_name = "N", allow_negative_numbers = true, value_parser = parse_threads)]
    pub threads: Option<usize>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Classify each sentence of news articles (stance, sentiment, speaker) and sum each article up.
    #[command(
        after_help = "Examples:\n  stance classify data/articles/doj-sues-california.txt\n  cat article.txt | stance classify --format json\n  stance classify articles/ --format csv > sentences.csv\n  stance classify batch.jsonl --format json\n  stance classify data/articles/doj-sues-california.txt --html article.html"
    )]
    Classify(ClassifyArgs),
    /// Train a model from a labeled CSV file.
    #[command(
        after_help = "Examples:\n  stance train --data data/statements.csv --label-col stance --out models/stance.model\n  stance train --data tweets.csv --label-col sentiment --out s.model --char-ngrams 2-5 --class-weight balanced --c 1"
    )]
    Train(TrainArgs),
    /// Classify many short texts: one prediction per row of a CSV or JSONL file (no sentence splitting).
    #[command(
        after_help = "Examples:\n  stance predict --model s.model --input tweets.csv --out predictions.csv\n  stance predict --model stance.model --input rows.jsonl --group-col target --format jsonl\n\nThe input is streamed: memory stays bounded for any number of rows."
    )]
    Predict(PredictArgs),
    /// Show a model's card: how it was trained, its scores, and its strongest features per label.
    #[command(
        after_help = "Examples:\n  stance inspect models/stance.model\n  stance inspect models/stance.model --top 30 --format json"
    )]
    Inspect(InspectArgs),
    /// Score a model on a labeled CSV file.
    #[command(
        after_help = "Examples:\n  stance evaluate --model models/stance.model --data test.csv --label-col stance\n  stance evaluate --model models/sentiment.model --data test.csv --label-col sentiment --format json\n  stance evaluate --model s.model --data test.csv --label-col stance --metric f-avg --f-avg-classes against,favor --html report.html"
    )]
    Evaluate(EvaluateArgs),
    /// Serve a page where people paste or upload articles, and a JSON API, over HTTP.
    #[command(
        after_help = "Examples:\n  stance serve                       # http://127.0.0.1:8080/\n  stance serve --port 9000 --max-body 2M --timeout 10\n  curl -s localhost:8080/api/classify -H 'Content-Type: text/plain' --data-binary @data/articles/doj-sues-california.txt\n\nBinds to loopback unless --host says otherwise. Ctrl-C or SIGTERM stops it after the running requests."
    )]
    Serve(ServeArgs),
}

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on (an IP address or `localhost`); anything but loopback is reachable from other machines.
    #[arg(long, default_value = "127.0.0.1", value_parser = parse_host)]
    pub host: std::net::IpAddr,
    /// Port to listen on (0: any free port, printed at start).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Stance model (pro-enforcement / pro-sanctuary / neutral).
    #[arg(long, value_name = "FILE", default_value = "models/stance.model")]
    pub stance_model: PathBuf,
    /// Sentiment model (positive / negative / neutral).
    #[arg(long, value_name = "FILE", default_value = "models/sentiment.model")]
    pub sentiment_model: PathBuf,
    /// Largest request body, in bytes or with a K or M suffix (1024-based).
    #[arg(long, value_name = "SIZE", default_value = "5M", value_parser = parse_size)]
    pub max_body: usize,
    /// Seconds a request may take, waiting included, before it gets 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, allow_negative_numbers = true, value_parser = between::<1, 86_400>)]
    pub timeout: u64,
    /// Classifications that run at once (default: one per core).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_threads)]
    pub workers: Option<usize>,
    /// Requests that may run or wait at once; more get 503 immediately.
    #[arg(long, value_name = "N", default_value_t = 256, allow_negative_numbers = true, value_parser = between::<1, 100_000>)]
    pub queue: u64,
}

fn between<const MIN: u64, const MAX: u64>(s: &str) -> Result<u64, String> {
    match s.trim().parse::<i128>() {
        Ok(n) if n >= MIN as i128 && n <= MAX as i128 => Ok(n as u64),
        Ok(_) => Err(format!("must be between {MIN} and {MAX}, got {s}")),
        Err(_) => Err(format!("'{s}' is not a whole number")),
    }
}

fn parse_host(s: &str) -> Result<std::net::IpAddr, String> {
    if s.eq_ignore_ascii_case("localhost") {
        return Ok(std::net::Ipv4Addr::LOCALHOST.into());
    }
    s.parse().map_err(|_| format!("'{s}' is not an IP address (use e.g. 127.0.0.1, ::1, 0.0.0.0 or localhost)"))
}

/// `5242880`, `512K`, `5M`: a size in bytes, at least 1 KiB, at most 1 GiB.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1024u64),
        Some((i, 'm' | 'M')) => (&t[..i], 1024 * 1024),
        _ => (t, 1),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("'{s}' is not a size such as 5M, 512K or 100000"))?;
    match n.checked_mul(unit) {
        Some(bytes @ 1024..=1_073_741_824) => Ok(bytes as usize),
        _ => Err(format!("must be between 1K and 1024M, got {s}")),
    }
}

/// The labeled CSV file and its columns, shared by `train` and `evaluate`.
#[derive(Args)]
pub struct DataArgs {
    /// Labeled CSV file (header row required; `.tsv` is read tab-separated).
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Column holding the labels.
    #[arg(long, value_name = "NAME")]
    pub label_col: String,
    /// Column holding the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_col: String,
    /// Group column: `train` fits one sub-model per value (e.g. the stance target), all in one model file;
    /// `evaluate` routes each row to its group's sub-model (default: the model's group column).
    #[arg(long, value_name = "NAME")]
    pub group_col: Option<String>,
    /// Field delimiter, one character (default: tab for .tsv files, comma otherwise), e.g. ';'.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Replace invalid UTF-8 bytes instead of stopping at them.
    #[arg(long)]
    pub lossy: bool,
    /// Stop on labels that differ only in case or spacing (instead of merging them) and on quoted
    /// fields that run over several lines (instead of warning: an unbalanced quote looks like one).
    #[arg(long)]
    pub strict: bool,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s.as_bytes() {
        [byte] if byte.is_ascii() => Ok(*byte),
        _ if s == "\\t" || s == "tab" => Ok(b'\t'),
        _ => Err(format!("'{s}' is not a single ASCII character (use 'tab' for a tab)")),
    }
}

#[derive(Args)]
pub struct TrainArgs {
    #[command(flatten)]
    pub input: DataArgs,
    /// Where to write the model (written atomically). May be omitted with --cv to only cross-validate.
    #[arg(long, value_name = "FILE", required_unless_present = "cv")]
    pub out: Option<PathBuf>,
    /// Cross-validate with K stratified folds first (by label, and by group with --group-col); the scores are printed and stored in the model.
    #[arg(long, value_name = "K", allow_negative_numbers = true, value_parser = at_least::<2>)]
    pub cv: Option<u64>,
    /// With --cv: also cross-validate holding out whole values of this column (a topic, a register, a
    /// story), so each fold is scored on groups it never saw; repeat for several columns.
    #[arg(long, value_name = "NAME", requires = "cv")]
    pub cv_holdout_col: Vec<String>,
    /// Also fit the article-context stage on these labeled stories (CSV with story, para, text,
    /// stance, speaker, rebuttal; e.g. data/stories.csv), after 5-fold CV holding out whole stories.
    #[arg(long, value_name = "FILE", requires = "out")]
    pub context_stories: Option<PathBuf>,
    /// With --context-stories: also learn the sentence model from the stories' labeled units
    /// (their stance). The stage is then fitted on cross-fitted predictions: each story is read
    /// by a model trained without it, so its held-out-story figures stay honest.
    #[arg(long, requires = "context_stories")]
    pub story_rows: bool,
    /// Seed for the fold assignment.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    #[command(flatten)]
    pub metric: MetricArgs,
    /// Overwrite the output model if it exists.
    #[arg(long)]
    pub force: bool,
    /// Inverse L2 regularisation strength (as scikit-learn's C; linfa alpha = 1/C).
    #[arg(long, default_value_t = 10.0, allow_negative_numbers = true)]
    pub c: f64,
    /// Maximum solver iterations.
    #[arg(long, default_value_t = 1000, allow_negative_numbers = true, value_parser = at_least::<1>)]
    pub max_iter: u64,
    /// Stop when the gradient norm of the mean loss falls below this.
    #[arg(long, default_value_t = 1e-4, allow_negative_numbers = true)]
    pub tol: f64,
    /// `sparse` (fast, any size) or `linfa` (dense linfa-logistic, small data only).
    #[arg(long, default_value = "sparse", value_parser = parse_from_str::<Solver>)]
    pub solver: Solver,
    /// `none`, `balanced`, or label=weight pairs such as `neutral=0.5,pro-sanctuary=2`.
    #[arg(long, default_value = "none", value_parser = parse_from_str::<ClassWeight>)]
    pub class_weight: ClassWeight,
    /// Word n-gram lengths, MIN-MAX.
    #[arg(long, default_value = "1-2", value_parser = parse_from_str::<NgramRange>)]
    pub word_ngrams: NgramRange,
    /// Character n-grams inside word boundaries, MIN-MAX (e.g. 2-5); off by default.
    #[arg(long, value_parser = parse_from_str::<NgramRange>)]
    pub char_ngrams: Option<NgramRange>,
    /// Add target-aware columns: polarity words near mentions of each side (ICE, sanctuary
    /// policies, immigrants); lexicon in src/features/lexicon.txt, stored in the model.
    #[arg(long)]
    pub target_features: bool,
    /// Drop terms seen in fewer training rows than this.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = at_least::<1>)]
    pub min_df: u64,
    /// Keep only the N most frequent terms per feature block.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = at_least::<1>)]
    pub max_features: Option<u64>,
    /// Do not stem words.
    #[arg(long)]
    pub no_stem: bool,
    /// Keep letter case.
    #[arg(long)]
    pub no_lowercase: bool,
    /// Text language (selects the stemmer).
    #[arg(long, default_value = "english", value_parser = parse_from_str::<Language>)]
    pub language: Language,
    /// Print no progress.
    #[arg(long)]
    pub quiet: bool,
    /// Summary format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Args)]
pub struct ClassifyArgs {
    /// Article text files, saved web pages (`.html`, `.htm`) or directories of them; `-` or nothing
    /// reads standard input.
    #[arg(value_name = "ARTICLE")]
    pub articles: Vec<PathBuf>,
    /// `text`: each file is one article; `jsonl`: each line is {"id": ..., "text": ...}; `html`: each
    /// file is a saved web page whose article body and title are read (default: jsonl for `.jsonl`
    /// files, html for `.html`/`.htm`, text otherwise).
    #[arg(long, value_enum)]
    pub input_format: Option<ArticleInput>,
    /// Show the N features (surface words) that pushed each sentence most toward its stance.
    #[arg(long, value_name = "N", default_value_t = 0, allow_negative_numbers = true, value_parser = at_least::<0>)]
    pub explain: u64,
    /// Label a sentence `uncertain` when its top probability is below P.
    #[arg(long, value_name = "P", allow_negative_numbers = true, value_parser = parse_from_str::<Probability>)]
    pub abstain_below: Option<Probability>,
    /// Label each sentence alone, without the stance model's context stage (same speaker,
    /// quotation, rebuttal).
    #[arg(long)]
    pub no_context: bool,
    /// Stance model (pro-enforcement / pro-sanctuary / neutral).
    #[arg(long, value_name = "FILE", default_value = "models/stance.model")]
    pub stance_model: PathBuf,
    /// Sentiment model (positive / negative / neutral).
    #[arg(long, value_name = "FILE", default_value = "models/sentiment.model")]
    pub sentiment_model: PathBuf,
    #[arg(long, value_enum, default_value_t = ArticleFormat::Table)]
    pub format: ArticleFormat,
    /// Output file for --format parquet (written atomically; the other formats go to standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also write every article to one self-contained HTML page (highlighted sentences, speakers, summary;
    /// explains each stance with 5 words unless --explain is given).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Overwrite the --out or --html file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args)]
pub struct PredictArgs {
    /// Model file written by `stance train`.
    #[arg(long, value_name = "FILE")]
    pub model: PathBuf,
    /// CSV, JSONL (`.jsonl`) or Parquet (`.parquet`) file, or `-` for standard input (CSV or JSONL).
    #[arg(long, value_name = "FILE", default_value = "-")]
    pub input: PathBuf,
    /// Input format; guessed from the file extension when omitted (CSV for stdin).
    #[arg(long, value_enum)]
    pub input_format: Option<BatchFormat>,
    /// Column (CSV) or field (JSONL) with the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_col: String,
    /// Column with each row's group, for models trained with --group-col (default: the model's group column).
    #[arg(long, value_name = "NAME")]
    pub group_col: Option<String>,
    /// Column copied to the output to identify rows.
    #[arg(long, value_name = "NAME")]
    pub id_col: Option<String>,
    /// Output file (written atomically; never one of the inputs); standard output when omitted.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// CSV field delimiter, one character (default: tab for .tsv files, comma otherwise).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Output format (`parquet` needs --out).
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
    pub format: BatchFormat,
}

#[derive(Args)]
pub struct EvaluateArgs {
    /// Model file written by `stance train`.
    #[arg(long, value_name = "FILE")]
    pub model: PathBuf,
    #[command(flatten)]
    pub input: DataArgs,
    #[command(flatten)]
    pub metric: MetricArgs,
    /// Bootstrap resamples for the 95% confidence intervals (at least 100; 0 for no intervals).
    #[arg(long, default_value_t = 1000, allow_negative_numbers = true, value_parser = parse_bootstrap)]
    pub bootstrap: u64,
    /// Seed for the bootstrap resamples.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// How many of the most confident mistakes to list.
    #[arg(long, value_name = "N", default_value_t = 10, allow_negative_numbers = true, value_parser = at_least::<0>)]
    pub errors: u64,
    /// Also report coverage and accuracy when abstaining on rows whose top probability is below P.
    #[arg(long, value_name = "P", allow_negative_numbers = true, value_parser = parse_from_str::<Probability>)]
    pub abstain_below: Option<Probability>,
    #[arg(long, value_enum, default_value_t = EvaluateFormat::Table)]
    pub format: EvaluateFormat,
    /// Also write the report as one self-contained HTML page (inline CSS and SVG charts).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Overwrite the HTML file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args)]
pub struct InspectArgs {
    /// Model file written by `stance train`.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// Features listed per label.
    #[arg(long, value_name = "N", default_value_t = 15, allow_negative_numbers = true, value_parser = at_least::<0>)]
    pub top: u64,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

/// Output of `evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvaluateFormat {
    /// Readable tables.
    Table,
    /// JSON with a fixed schema (class names appear only as values).
    Json,
    /// Markdown tables.
    Markdown,
}

/// The task metric, shared by `train --cv` and `evaluate`.
#[derive(Args)]
pub struct MetricArgs {
    /// Task metric: accuracy, macro-f1, macro-recall or f-avg.
    #[arg(long, default_value = "macro-f1")]
    pub metric: String,
    /// Classes averaged by --metric f-avg, e.g. against,favor (the SemEval stance metric).
    #[arg(long, value_delimiter = ',', value_name = "LABELS")]
    pub f_avg_classes: Vec<String>,
}

impl MetricArgs {
    pub fn parse(&self) -> Result<Metric> {
        Metric::parse(&self.metric, &self.f_avg_classes).map_err(anyhow::Error::msg)
    }
}

/// A whole number of at least `MIN`, with a message that says so.
fn at_least<const MIN: u64>(s: &str) -> Result<u64, String> {
    match s.trim().parse::<i128>() {
        Ok(n) if n >= MIN as i128 && n <= u64::MAX as i128 => Ok(n as u64),
        Ok(_) => Err(format!("must be a whole number of at least {MIN}, got {s}")),
        Err(_) => Err(format!("'{s}' is not a whole number")),
    }
}

/// Most worker threads accepted: more only costs memory and start-up time.
pub const MAX_THREADS: u64 = 256;

fn parse_threads(s: &str) -> Result<usize, String> {
    let n = at_least::<1>(s)?;
    if n > MAX_THREADS {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        return Err(format!("must be between 1 and {MAX_THREADS}, got {s} (this machine has {cores} cores)"));
    }
    Ok(n as usize)
}

/// 0 (no intervals) or at least 100 resamples: fewer give meaningless intervals.
fn parse_bootstrap(s: &str) -> Result<u64, String> {
    match at_least::<0>(s)? {
        n @ (0 | 100..) => Ok(n),
        _ => Err(format!("must be 0 (no intervals) or at least 100 resamples, got {s}")),
    }
}

fn parse_from_str<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, String> {
    s.parse()
}

impl DataArgs {
    /// One more column's values, row for row with [`DataArgs::read`] (the
    /// same rows are kept: those with text).
    pub fn read_column(&self, column: &str) -> Result<Vec<String>> {
        let columns = CsvColumns { text: &self.text_col, label: &self.label_col, group: Some(column) };
        let options = CsvOptions { delimiter: self.delimiter, lossy: self.lossy, strict: self.strict };
        let data = read_labeled_csv_with(&self.data, &columns, options)?;
        Ok(data.groups.unwrap_or_default())
    }

    /// Reads the file, warning about each row skipped for empty text.
    pub fn read(&self, group_col: Option<&str>) -> Result<LabeledData> {
        let columns = CsvColumns { text: &self.text_col, label: &self.label_col, group: group_col };
        let options = CsvOptions { delimiter: self.delimiter, lossy: self.lossy, strict: self.strict };
        let data = read_labeled_csv_with(&self.data, &columns, options)?;
        if let Some(encoding) = data.decoded_from {
            eprintln!("note: {} is {encoding}; read it as such", data.path.display());
        }
        const SHOWN: usize = 3;
        for field in data.multiline_fields.iter().take(SHOWN) {
            eprintln!("warning: {}, {field} (--strict stops here)", data.path.display());
        }
        if data.multiline_fields.len() > SHOWN {
            let more = data.multiline_fields.len() - SHOWN;
            eprintln!("warning: {}: {more} more quoted fields run over several lines", data.path.display());
        }
        for (kept, spellings) in &data.merged_labels {
            let path = data.path.display();
            eprintln!("warning: {path}: labels {spellings:?} differ only in case or spacing; all read as '{kept}'");
        }
        for (row, line) in &data.skipped_empty_text {
            let (path, column) = (data.path.display(), &self.text_col);
            eprintln!("warning: {path}, row {row} (line {line}): empty '{column}' cell, row skipped");
        }
        Ok(data)
    }
}
