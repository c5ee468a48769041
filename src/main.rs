//! The `stance` command line: parses flags, calls the library, prints.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use stance::analysis::{analyze_article, AnalyzeOptions, Models};
use stance::batch::{predict_stream, BatchColumns, BatchFormat};
use stance::cv::cross_validate;
use stance::data::{read_labeled_csv_with, Columns as CsvColumns, CsvOptions, LabeledData};
use stance::features::TfidfParams;
use stance::inspect::model_card;
use stance::metrics::Metric;
use stance::model::Probability;
use stance::modelfile::ModelArtifact;
use stance::output::{write_atomic, AtomicFile};
use stance::pipeline::{train, Classifier, Columns, TrainEvent, TrainObserver, TrainSettings};
use stance::render::{self, ArticleFormat, ReportFormat, Style};
use stance::report::{build_report, ReportOptions, ScoredRow};
use stance::sources::{read_articles, ArticleInput};
use stance::text::{Language, NgramRange, TextConfig};
use stance::train::{ClassWeight, Solver, TrainParams};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "stance",
    version,
    about = "Sentence-level stance (pro-enforcement / pro-sanctuary / neutral) and sentiment on US immigration enforcement in news articles",
    after_help = "Examples:\n  stance classify data/articles/doj-sues-california.txt\n  stance train --data data/statements.csv --label-col stance --out models/stance.model\n  stance evaluate --model models/stance.model --data data/statements.csv --label-col stance\n\nExit status: 0 success, 1 some inputs failed (the rest were processed), 2 usage or fatal error."
)]
struct Cli {
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train a model from a labeled CSV file.
    #[command(
        after_help = "Examples:\n  stance train --data data/statements.csv --label-col stance --out models/stance.model\n  stance train --data tweets.csv --label-col sentiment --out s.model --char-ngrams 2-5 --class-weight balanced --c 1"
    )]
    Train(TrainArgs),
    /// Classify the sentences of news articles (files, or standard input).
    #[command(
        after_help = "Examples:\n  stance classify data/articles/doj-sues-california.txt\n  cat article.txt | stance classify --format json\n  stance classify articles/ --format csv > sentences.csv\n  stance classify batch.jsonl --input-format jsonl --format json"
    )]
    Classify(ClassifyArgs),
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
}

/// The labeled CSV file and its columns, shared by `train` and `evaluate`.
#[derive(Args)]
struct DataArgs {
    /// Labeled CSV file (header row required; `.tsv` is read tab-separated).
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// Column holding the labels.
    #[arg(long, value_name = "NAME")]
    label_col: String,
    /// Column holding the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_col: String,
    /// Group column: `train` fits one sub-model per value (e.g. the stance target), all in one model file;
    /// `evaluate` routes each row to its group's sub-model (default: the model's group column).
    #[arg(long, value_name = "NAME")]
    group_col: Option<String>,
    /// Field delimiter, one character (default: tab for .tsv files, comma otherwise), e.g. ';'.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Replace invalid UTF-8 bytes instead of stopping at them.
    #[arg(long)]
    lossy: bool,
    /// Stop on labels that differ only in case or spacing instead of merging them.
    #[arg(long)]
    strict: bool,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s.as_bytes() {
        [byte] if byte.is_ascii() => Ok(*byte),
        _ if s == "\\t" || s == "tab" => Ok(b'\t'),
        _ => Err(format!("'{s}' is not a single ASCII character (use 'tab' for a tab)")),
    }
}

#[derive(Args)]
struct TrainArgs {
    #[command(flatten)]
    input: DataArgs,
    /// Where to write the model (written atomically). May be omitted with --cv to only cross-validate.
    #[arg(long, value_name = "FILE", required_unless_present = "cv")]
    out: Option<PathBuf>,
    /// Cross-validate with K stratified folds first (by label, and by group with --group-col); the scores are printed and stored in the model.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(2..))]
    cv: Option<u64>,
    /// Seed for the fold assignment.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[command(flatten)]
    metric: MetricArgs,
    /// Overwrite the output model if it exists.
    #[arg(long)]
    force: bool,
    /// Inverse L2 regularisation strength (as scikit-learn's C; linfa alpha = 1/C).
    #[arg(long, default_value_t = 10.0)]
    c: f64,
    /// Maximum solver iterations.
    #[arg(long, default_value_t = 1000)]
    max_iter: u64,
    /// Stop when the gradient norm of the mean loss falls below this.
    #[arg(long, default_value_t = 1e-4)]
    tol: f64,
    /// `sparse` (fast, any size) or `linfa` (dense linfa-logistic, small data only).
    #[arg(long, default_value = "sparse", value_parser = parse_from_str::<Solver>)]
    solver: Solver,
    /// `none`, `balanced`, or label=weight pairs such as `neutral=0.5,pro-sanctuary=2`.
    #[arg(long, default_value = "none", value_parser = parse_from_str::<ClassWeight>)]
    class_weight: ClassWeight,
    /// Word n-gram lengths, MIN-MAX.
    #[arg(long, default_value = "1-2", value_parser = parse_from_str::<NgramRange>)]
    word_ngrams: NgramRange,
    /// Character n-grams inside word boundaries, MIN-MAX (e.g. 2-5); off by default.
    #[arg(long, value_parser = parse_from_str::<NgramRange>)]
    char_ngrams: Option<NgramRange>,
    /// Drop terms seen in fewer training rows than this.
    #[arg(long, default_value_t = 1)]
    min_df: usize,
    /// Keep only the N most frequent terms per feature block.
    #[arg(long, value_name = "N")]
    max_features: Option<usize>,
    /// Do not stem words.
    #[arg(long)]
    no_stem: bool,
    /// Keep letter case.
    #[arg(long)]
    no_lowercase: bool,
    /// Text language (selects the stemmer).
    #[arg(long, default_value = "english", value_parser = parse_from_str::<Language>)]
    language: Language,
    /// Print no progress.
    #[arg(long)]
    quiet: bool,
    /// Summary format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

#[derive(Args)]
struct ClassifyArgs {
    /// Article text files or directories of `.txt` files; `-` or nothing reads standard input.
    #[arg(value_name = "ARTICLE")]
    articles: Vec<PathBuf>,
    /// `text`: each file is one article; `jsonl`: each line is {"id": ..., "text": ...}
    /// (default: jsonl for `.jsonl` files, text otherwise).
    #[arg(long, value_enum)]
    input_format: Option<ArticleInput>,
    /// Show the N features (surface words) that pushed each sentence most toward its stance.
    #[arg(long, value_name = "N", default_value_t = 0)]
    explain: usize,
    /// Label a sentence `uncertain` when its top probability is below P.
    #[arg(long, value_name = "P", value_parser = parse_from_str::<Probability>)]
    abstain_below: Option<Probability>,
    /// Stance model (pro-enforcement / pro-sanctuary / neutral).
    #[arg(long, value_name = "FILE", default_value = "models/stance.model")]
    stance_model: PathBuf,
    /// Sentiment model (positive / negative / neutral).
    #[arg(long, value_name = "FILE", default_value = "models/sentiment.model")]
    sentiment_model: PathBuf,
    #[arg(long, value_enum, default_value_t = ArticleFormat::Table)]
    format: ArticleFormat,
}

#[derive(Args)]
struct PredictArgs {
    /// Model file written by `stance train`.
    #[arg(long, value_name = "FILE")]
    model: PathBuf,
    /// CSV or JSONL file (`.jsonl`), or `-` for standard input.
    #[arg(long, value_name = "FILE", default_value = "-")]
    input: PathBuf,
    /// Input format; guessed from the file extension when omitted (CSV for stdin).
    #[arg(long, value_enum)]
    input_format: Option<BatchFormat>,
    /// Column (CSV) or field (JSONL) with the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_col: String,
    /// Column with each row's group, for models trained with --group-col (default: the model's group column).
    #[arg(long, value_name = "NAME")]
    group_col: Option<String>,
    /// Column copied to the output to identify rows.
    #[arg(long, value_name = "NAME")]
    id_col: Option<String>,
    /// Output file (written atomically); standard output when omitted.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
    format: BatchFormat,
}

#[derive(Args)]
struct EvaluateArgs {
    /// Model file written by `stance train`.
    #[arg(long, value_name = "FILE")]
    model: PathBuf,
    #[command(flatten)]
    input: DataArgs,
    #[command(flatten)]
    metric: MetricArgs,
    /// Bootstrap resamples for the 95% confidence intervals.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(100..))]
    bootstrap: u64,
    /// Seed for the bootstrap resamples.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// How many of the most confident mistakes to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    errors: usize,
    /// Also report coverage and accuracy when abstaining on rows whose top probability is below P.
    #[arg(long, value_name = "P", value_parser = parse_from_str::<Probability>)]
    abstain_below: Option<Probability>,
    #[arg(long, value_enum, default_value_t = EvaluateFormat::Table)]
    format: EvaluateFormat,
    /// Also write the report as one self-contained HTML page (inline CSS and SVG charts).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
}

#[derive(Args)]
struct InspectArgs {
    /// Model file written by `stance train`.
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// Features listed per label.
    #[arg(long, value_name = "N", default_value_t = 15)]
    top: usize,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

/// Output of `evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EvaluateFormat {
    /// Readable tables.
    Table,
    /// JSON with a fixed schema (class names appear only as values).
    Json,
    /// Markdown tables.
    Markdown,
}

/// The task metric, shared by `train --cv` and `evaluate`.
#[derive(Args)]
struct MetricArgs {
    /// Task metric: accuracy, macro-f1, macro-recall or f-avg.
    #[arg(long, default_value = "macro-f1")]
    metric: String,
    /// Classes averaged by --metric f-avg, e.g. against,favor (the SemEval stance metric).
    #[arg(long, value_delimiter = ',', value_name = "LABELS")]
    f_avg_classes: Vec<String>,
}

impl MetricArgs {
    fn parse(&self) -> Result<Metric> {
        Metric::parse(&self.metric, &self.f_avg_classes).map_err(anyhow::Error::msg)
    }
}

fn parse_from_str<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, String> {
    s.parse()
}

/// Whether some (but not all) inputs failed.
enum Outcome {
    Done,
    PartlyFailed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(threads) = cli.threads {
        if threads == 0 {
            eprintln!("error: --threads must be at least 1");
            return ExitCode::from(2);
        }
        if let Err(error) = rayon::ThreadPoolBuilder::new().num_threads(threads).build_global() {
            eprintln!("error: cannot start {threads} threads: {error}");
            return ExitCode::from(2);
        }
    }
    let result = match cli.command {
        Command::Predict(args) => run_predict(args),
        Command::Inspect(args) => run_inspect(args),
        Command::Train(args) => run_train(args),
        Command::Classify(args) => run_classify(args),
        Command::Evaluate(args) => run_evaluate(args),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::PartlyFailed) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// `stance classify ... | head` closes our stdout early: not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe))
    })
}

fn run_train(args: TrainArgs) -> Result<Outcome> {
    let settings = TrainSettings {
        text: TextConfig {
            language: args.language,
            lowercase: !args.no_lowercase,
            stem: !args.no_stem,
            word_ngrams: args.word_ngrams,
            char_ngrams: args.char_ngrams,
        },
        tfidf: TfidfParams { min_df: args.min_df.max(1), max_features: args.max_features, sublinear_tf: true },
        params: TrainParams {
            c: args.c,
            max_iter: args.max_iter,
            tol: args.tol,
            solver: args.solver,
            class_weight: args.class_weight,
        },
    };
    settings.params.validate()?;
    let metric = args.metric.parse()?;
    if let Some(out) = args.out.as_ref().filter(|out| out.exists() && !args.force) {
        bail!("{} already exists; pass --force to overwrite it", out.display());
    }
    let input = &args.input;
    let data = input.read(input.group_col.as_deref())?;
    let show_progress = !args.quiet && io::stderr().is_terminal();
    let columns =
        Columns { text: input.text_col.clone(), label: input.label_col.clone(), group: input.group_col.clone() };
    let cv = match args.cv {
        Some(k) => {
            if show_progress {
                eprintln!("cross-validating with {k} folds ...");
            }
            let result = cross_validate(&data, &columns, &settings, k as usize, args.seed, &metric)?;
            if args.format == ReportFormat::Table {
                render::cv_table(&result.summary, &mut io::stdout().lock())?;
            }
            Some(result.summary)
        }
        None => None,
    };
    let Some(out_path) = args.out.clone() else {
        if args.format == ReportFormat::Json {
            writeln!(io::stdout().lock(), "{}", serde_json::json!({ "cv": cv }))?;
        }
        return Ok(Outcome::Done);
    };
    let observer: Option<TrainObserver> = show_progress.then(|| Arc::new(print_progress) as TrainObserver);
    let started = Instant::now();
    let mut artifact = train(&data, &columns, &settings, observer)?;
    artifact.meta.cv = cv;
    let seconds = started.elapsed().as_secs_f64();
    if show_progress {
        eprintln!();
    }
    artifact.save(&out_path)?;
    let mut out = io::stdout().lock();
    let meta = &artifact.meta;
    match args.format {
        ReportFormat::Json => {
            let summary = serde_json::json!({
                "model": out_path,
                "cv": meta.cv,
                "rows": meta.rows,
                "skipped_empty_text": data.skipped_empty_text.len(),
                "label_counts": meta.label_counts,
                "features": artifact.n_features(),
                "seconds": seconds,
                "parts": artifact.parts.iter().map(|p| serde_json::json!({
                    "group": p.group, "rows": p.rows, "features": p.vectorizer.n_features(),
                    "iterations": p.fit.iterations, "final_loss": p.fit.final_loss, "converged": p.fit.converged,
                })).collect::<Vec<_>>(),
                "training_accuracy": meta.training_accuracy,
            });
            writeln!(out, "{summary}")?;
        }
        ReportFormat::Table => {
            let counts: Vec<String> = meta.label_counts.iter().map(|(l, c)| format!("{l} {c}")).collect();
            writeln!(out, "trained {} from {}", out_path.display(), input.data.display())?;
            writeln!(
                out,
                "  rows:              {} ({} skipped: empty text)",
                meta.rows,
                data.skipped_empty_text.len()
            )?;
            writeln!(out, "  labels:            {}", counts.join(", "))?;
            writeln!(out, "  features:          {}", artifact.n_features())?;
            for part in &artifact.parts {
                let name = part.group.as_ref().map(|g| format!("  [{g}]")).unwrap_or_default();
                writeln!(
                    out,
                    "  solver:{name:<12}{:?}, {} iterations ({} evaluations), final loss {:.6}{}",
                    meta.params.solver,
                    part.fit.iterations,
                    part.fit.evaluations,
                    part.fit.final_loss,
                    if part.fit.converged { "" } else { " (stopped before converging; raise --max-iter)" }
                )?;
            }
            writeln!(out, "  time:              {:.2} s", seconds)?;
            writeln!(out, "  training accuracy: {:.4}", meta.training_accuracy)?;
        }
    }
    Ok(Outcome::Done)
}

/// Progress on stderr: featurizing, then solver iterations with the loss.
fn print_progress(event: TrainEvent<'_>) {
    match event {
        TrainEvent::Featurizing { group: Some(group), rows } => eprint!("\n[{group}] featurizing {rows} rows"),
        TrainEvent::Featurizing { group: None, rows } => eprint!("featurizing {rows} rows"),
        TrainEvent::Iteration { iteration, loss } => eprint!("\r  iteration {iteration:>5}  loss {loss:.6}   "),
    }
}

impl DataArgs {
    /// Reads the file, warning about each row skipped for empty text.
    fn read(&self, group_col: Option<&str>) -> Result<LabeledData> {
        let columns = CsvColumns { text: &self.text_col, label: &self.label_col, group: group_col };
        let options = CsvOptions { delimiter: self.delimiter, lossy: self.lossy, strict: self.strict };
        let data = read_labeled_csv_with(&self.data, &columns, options)?;
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

fn load_classifier(path: &Path, role: &str, wrong_column: &str) -> Result<Classifier> {
    let artifact = ModelArtifact::load(path).with_context(|| format!("loading the {role} model"))?;
    if artifact.meta.label_column == wrong_column {
        bail!(
            "{} predicts '{}', but it was given as the {role} model; pass it with --{}-model instead",
            path.display(),
            artifact.meta.label_column,
            wrong_column
        );
    }
    if let Some(column) = &artifact.meta.group_column {
        bail!("{} was trained per '{column}' group and cannot classify articles; use `stance predict`", path.display());
    }
    Ok(Classifier::new(artifact))
}

fn run_classify(args: ClassifyArgs) -> Result<Outcome> {
    let models = Models {
        stance: load_classifier(&args.stance_model, "stance", "sentiment")?,
        sentiment: load_classifier(&args.sentiment_model, "sentiment", "stance")?,
    };
    let language = models.stance.artifact().meta.text.language;
    let inputs = if args.articles.is_empty() { vec![PathBuf::from("-")] } else { args.articles.clone() };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (stance_labels, sentiment_labels) = (models.stance.labels().to_vec(), models.sentiment.labels().to_vec());
    if args.format == ArticleFormat::Csv {
        render::article_csv_header(&stance_labels, &sentiment_labels, &mut out)?;
    }
    let articles = read_articles(&inputs, args.input_format);
    let total = articles.len();
    let mut failed = 0;
    for (i, article) in articles.into_iter().enumerate() {
        let article = match article {
            Ok(article) => article,
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
                continue;
            }
        };
        let options = AnalyzeOptions { explain: args.explain, abstain_below: args.abstain_below };
        let report = analyze_article(&article.id, &article.text, &models, language, options)?;
        match args.format {
            ArticleFormat::Table => {
                if i > 0 {
                    writeln!(out)?;
                }
                render::article_table(&report, &mut out)?;
            }
            ArticleFormat::Json => render::article_json(&report, &mut out)?,
            ArticleFormat::Csv => render::article_csv_rows(&report, &stance_labels, &sentiment_labels, &mut out)?,
        }
    }
    out.flush()?;
    match failed {
        0 => Ok(Outcome::Done),
        n if n == total => bail!("no article could be read"),
        _ => Ok(Outcome::PartlyFailed),
    }
}

fn run_evaluate(args: EvaluateArgs) -> Result<Outcome> {
    let artifact = ModelArtifact::load(&args.model)?;
    let group_col = args.input.group_col.clone().or_else(|| artifact.meta.group_column.clone());
    let data = args.input.read(group_col.as_deref())?;
    let classifier = Classifier::new(artifact);
    let labels = classifier.labels().to_vec();
    let predictions = classifier.predict_all(&data.texts, data.groups.as_deref())?;
    let mut unknown: Vec<&String> = data.labels.iter().filter(|l| !labels.contains(l)).collect();
    unknown.sort();
    unknown.dedup();
    if !unknown.is_empty() {
        eprintln!("warning: labels in {} that the model never saw in training: {:?}", data.path.display(), unknown);
    }
    let rows: Vec<ScoredRow> = predictions
        .into_iter()
        .enumerate()
        .map(|(i, p)| ScoredRow {
            row: data.rows[i],
            text: data.texts[i].clone(),
            gold: data.labels[i].clone(),
            predicted: p.label,
            probabilities: p.probabilities,
        })
        .collect();
    let options = ReportOptions {
        metric: args.metric.parse()?,
        resamples: args.bootstrap as usize,
        seed: args.seed,
        errors: args.errors,
        abstain_below: args.abstain_below,
    };
    let report = build_report(
        &args.model.display().to_string(),
        &args.input.data.display().to_string(),
        &labels,
        &rows,
        &options,
    );
    if let Some(path) = &args.html {
        write_atomic(path, stance::html::evaluation_html(&report).as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let mut out = io::stdout().lock();
    match args.format {
        EvaluateFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        EvaluateFormat::Table => render::evaluation_report(&report, Style::Text, &mut out)?,
        EvaluateFormat::Markdown => render::evaluation_report(&report, Style::Markdown, &mut out)?,
    }
    Ok(Outcome::Done)
}

fn run_inspect(args: InspectArgs) -> Result<Outcome> {
    let artifact = ModelArtifact::load(&args.model)?;
    let card = model_card(&artifact, args.top);
    let mut out = io::stdout().lock();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &card)?;
            writeln!(out)?;
        }
        ReportFormat::Table => render::model_card(&card, &mut out)?,
    }
    Ok(Outcome::Done)
}

fn run_predict(args: PredictArgs) -> Result<Outcome> {
    let artifact = ModelArtifact::load(&args.model)?;
    let columns = BatchColumns {
        text: args.text_col.clone(),
        group: args.group_col.clone().or_else(|| artifact.meta.group_column.clone()),
        id: args.id_col.clone(),
    };
    let classifier = Classifier::new(artifact);
    let stdin_name = PathBuf::from("-");
    let source_name = args.input.display().to_string();
    let input_format = args.input_format.unwrap_or_else(|| BatchFormat::from_path(&args.input));
    let mut input: Box<dyn BufRead> = if args.input == stdin_name {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        let file = std::fs::File::open(&args.input).with_context(|| format!("cannot read {source_name}"))?;
        Box::new(io::BufReader::with_capacity(1 << 20, file))
    };
    let summary = match &args.out {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            let summary =
                predict_stream(&classifier, &mut input, &source_name, input_format, &columns, &mut file, args.format)?;
            file.commit()?;
            summary
        }
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let summary =
                predict_stream(&classifier, &mut input, &source_name, input_format, &columns, &mut out, args.format)?;
            out.flush()?;
            summary
        }
    };
    if summary.empty_text > 0 {
        eprintln!(
            "warning: {} of {} rows had empty text (predicted from the prior alone)",
            summary.empty_text, summary.rows
        );
    }
    Ok(Outcome::Done)
}
