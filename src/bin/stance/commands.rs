//! What each command does: call the library, print the result.

use crate::args::{ClassifyArgs, EvaluateArgs, EvaluateFormat, InspectArgs, PredictArgs, ServeArgs, TrainArgs};
use anyhow::{bail, Context, Result};
use stance::article::analysis::{analyze_article, AnalyzeOptions, Models};
use stance::article::context::{fit_stage, read_story, story_folds};
use stance::article::sources::read_articles;
use stance::article::stories::{read_stories, Story};
use stance::batch::{predict_parquet, predict_stream, BatchColumns, BatchFormat, RowReader};
use stance::eval::cv::{cross_validate, cross_validate_holdout};
use stance::eval::report::{build_report, ReportOptions, ScoredRow};
use stance::features::tfidf::TfidfParams;
use stance::io::atomic::{write_atomic, AtomicFile};
use stance::io::labeled::LabeledData;
use stance::io::outputs::check_output;
use stance::model::card::model_card;
use stance::model::classifier::Classifier;
use stance::model::context::ContextModel;
use stance::model::file::ModelArtifact;
use stance::model::fit::TrainParams;
use stance::model::meta::{HoldoutCv, Metric};
use stance::model::train::{train, Columns, TrainEvent, TrainObserver, TrainSettings};
use stance::render::columns;
use stance::render::html::evaluation_html;
use stance::render::page::{articles_page, file_name};
use stance::render::tables::{self, ArticleFormat, ReportFormat, Style};
use stance::serve::ServeConfig;
use stance::text::TextConfig;
use std::borrow::Cow;
use std::io::{self, BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Whether some (but not all) inputs failed.
pub enum Outcome {
    Done,
    PartlyFailed,
}

/// Reads the labeled stories and fits the context stage on them. With
/// `cross_fit` (the training data and settings of a model that also learned
/// from the stories' units), each fold's stories are read by a model trained
/// without them; otherwise by the model just trained.
fn fit_context_stage(
    artifact: ModelArtifact,
    (stories, labeled): (&Path, &[Story]),
    seed: u64,
    cross_fit: Option<(&LabeledData, &Columns, &TrainSettings)>,
) -> Result<ContextModel> {
    const FOLDS: usize = 5;
    let language = artifact.meta.text.language;
    let labels = artifact.meta.labels.clone();
    let story_fold = story_folds(labeled, FOLDS, seed)?;
    let read = match cross_fit {
        None => {
            let stance = Classifier::new(artifact);
            labeled.iter().map(|story| read_story(story, &stance, language)).collect::<Result<Vec<_>, _>>()?
        }
        Some((data, columns, settings)) => {
            let mut read = Vec::with_capacity(labeled.len());
            for fold in 0..FOLDS {
                let (held_out, kept): (Vec<&Story>, Vec<&Story>) =
                    labeled.iter().partition(|s| story_fold.get(&s.id) == Some(&fold));
                let model = train(&with_story_rows(data, &kept), columns, settings, None)?;
                let stance = Classifier::new(model);
                for story in held_out {
                    read.push(read_story(story, &stance, language)?);
                }
            }
            read
        }
    };
    fit_stage(&read, &labels, &story_fold)
        .with_context(|| format!("fitting the context stage on {}", stories.display()))
}

/// `data` with the stance-labeled units of `stories` appended as rows.
fn with_story_rows(data: &LabeledData, stories: &[&Story]) -> LabeledData {
    let mut joined = data.clone();
    for unit in stories.iter().flat_map(|s| &s.units) {
        joined.texts.push(unit.text.clone());
        joined.labels.push(unit.stance.clone());
        joined.rows.push(0);
    }
    joined
}

pub fn run_train(args: TrainArgs) -> Result<Outcome> {
    let settings = TrainSettings {
        text: TextConfig {
            language: args.language,
            lowercase: !args.no_lowercase,
            stem: !args.no_stem,
            word_ngrams: args.word_ngrams,
            char_ngrams: args.char_ngrams,
        },
        tfidf: TfidfParams {
            min_df: args.min_df as usize,
            max_features: args.max_features.map(|n| n as usize),
            sublinear_tf: true,
        },
        params: TrainParams {
            c: args.c,
            max_iter: args.max_iter,
            tol: args.tol,
            solver: args.solver,
            class_weight: args.class_weight,
        },
        target_features: args.target_features,
    };
    settings.params.validate()?;
    let metric = args.metric.parse()?;
    if let Some(out) = &args.out {
        check_output("--out", out, &[&args.input.data], args.force)?;
    }
    let input = &args.input;
    let data = input.read(input.group_col.as_deref())?;
    if args.story_rows && (input.group_col.is_some() || input.label_col != "stance") {
        bail!("--story-rows adds the stories' stance labels: it needs --label-col stance and no --group-col");
    }
    check_metric_classes(&metric, &data.labels, "the training data")?;
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
                tables::cv_table(&result.summary, &mut io::stdout().lock())?;
            }
            Some(result.summary)
        }
        None => None,
    };
    let mut holdout_cv = Vec::new();
    for column in &args.cv_holdout_col {
        let k = args.cv.unwrap_or(5) as usize;
        if show_progress {
            eprintln!("cross-validating with {k} folds, holding out whole '{column}' values ...");
        }
        let held = input.read_column(column)?;
        let result = cross_validate_holdout(&data, &columns, &settings, k, args.seed, &metric, &held)
            .with_context(|| format!("cross-validating by '{column}'"))?;
        let groups = held.iter().collect::<std::collections::BTreeSet<_>>().len();
        let cv = HoldoutCv { column: column.clone(), groups, summary: result.summary };
        if args.format == ReportFormat::Table {
            tables::holdout_cv_table(&cv, &mut io::stdout().lock())?;
        }
        holdout_cv.push(cv);
    }
    let Some(out_path) = args.out.clone() else {
        if args.format == ReportFormat::Json {
            writeln!(io::stdout().lock(), "{}", serde_json::json!({ "cv": cv, "holdout_cv": holdout_cv }))?;
        }
        return Ok(Outcome::Done);
    };
    let observer: Option<TrainObserver> = show_progress.then(|| Arc::new(print_progress) as TrainObserver);
    let started = Instant::now();
    let stories = args.context_stories.as_deref().map(|path| Ok::<_, anyhow::Error>((path, read_stories(path)?)));
    let stories = stories.transpose()?;
    let training = match &stories {
        Some((_, labeled)) if args.story_rows => {
            Cow::Owned(with_story_rows(&data, &labeled.iter().collect::<Vec<_>>()))
        }
        _ => Cow::Borrowed(&data),
    };
    let mut artifact = train(&training, &columns, &settings, observer)?;
    artifact.meta.cv = cv;
    artifact.holdout_cv = holdout_cv;
    let seconds = started.elapsed().as_secs_f64();
    if show_progress {
        eprintln!();
    }
    if let Some((path, labeled)) = &stories {
        if show_progress {
            eprintln!("fitting the context stage on {} ...", path.display());
        }
        let cross_fit = args.story_rows.then_some((&data, &columns, &settings));
        artifact.context = Some(fit_context_stage(artifact.clone(), (path, labeled), args.seed, cross_fit)?);
    }
    artifact.save(&out_path)?;
    let mut out = io::stdout().lock();
    let meta = &artifact.meta;
    match args.format {
        ReportFormat::Json => {
            let summary = serde_json::json!({
                "model": out_path,
                "cv": meta.cv,
                "holdout_cv": artifact.holdout_cv,
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
                let name = part.group.as_ref().map(|g| format!("solver [{g}]:")).unwrap_or_else(|| "solver:".into());
                writeln!(
                    out,
                    "  {name:<18} {:?}, {} iterations ({} evaluations), final loss {:.6}{}",
                    meta.params.solver,
                    part.fit.iterations,
                    part.fit.evaluations,
                    part.fit.final_loss,
                    match (part.fit.converged, part.fit.iterations >= meta.params.max_iter) {
                        (true, _) => "",
                        (false, true) => " (stopped before converging; raise --max-iter)",
                        (false, false) => " (stopped before converging: the line search found no lower loss)",
                    }
                )?;
            }
            writeln!(out, "  time:              {:.2} s", seconds)?;
            writeln!(out, "  training accuracy: {:.4}", meta.training_accuracy)?;
        }
    }
    Ok(Outcome::Done)
}

/// `--f-avg-classes` must name labels that exist, or the metric is a silent 0.
fn check_metric_classes(metric: &Metric, labels: &[String], whose: &str) -> Result<()> {
    if let Metric::FAvg(classes) = metric {
        if let Some(missing) = classes.iter().find(|c| !labels.contains(c)) {
            let mut known: Vec<&str> = labels.iter().map(String::as_str).collect();
            known.sort_unstable();
            known.dedup();
            bail!("--f-avg-classes names '{missing}', which is not a label of {whose} (labels: {})", known.join(", "));
        }
    }
    Ok(())
}

/// Progress on stderr: featurizing, then solver iterations with the loss.
fn print_progress(event: TrainEvent<'_>) {
    match event {
        TrainEvent::Featurizing { group: Some(group), rows } => eprint!("\n[{group}] featurizing {rows} rows"),
        TrainEvent::Featurizing { group: None, rows } => eprint!("featurizing {rows} rows"),
        TrainEvent::Iteration { iteration, loss } => eprint!("\r  iteration {iteration:>5}  loss {loss:.6}   "),
    }
}

fn load_classifier(path: &Path, role: &str, wrong_column: &str) -> Result<Classifier> {
    if !path.exists() && path.is_relative() {
        bail!(
            "the {role} model {} does not exist here; run stance from the repository root or pass --{role}-model",
            path.display()
        );
    }
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

/// Words that explain each stance on the `--html` page when `--explain` is not given.
const HTML_EXPLAIN_WORDS: usize = 5;

pub fn run_classify(args: ClassifyArgs) -> Result<Outcome> {
    let inputs = if args.articles.is_empty() { vec![PathBuf::from("-")] } else { args.articles.clone() };
    let mut read: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    read.extend([args.stance_model.as_path(), args.sentiment_model.as_path()]);
    if args.format == ArticleFormat::Parquet {
        let Some(out) = &args.out else {
            bail!("--format parquet writes a file: give --out FILE.parquet");
        };
        check_output("--out", out, &read, args.force)?;
    } else if args.out.is_some() {
        bail!("--out is for --format parquet; the other formats are written to standard output");
    }
    if let Some(html) = &args.html {
        if args.out.as_ref() == Some(html) {
            bail!("--out and --html name the same file {}", html.display());
        }
        check_output("--html", html, &read, args.force)?;
    }
    let models = Models {
        stance: load_classifier(&args.stance_model, "stance", "sentiment")?,
        sentiment: load_classifier(&args.sentiment_model, "sentiment", "stance")?,
    };
    let language = models.stance.artifact().meta.text.language;
    // The page shows why each sentence got its stance, so it asks for words by default.
    let explain = match (args.explain, &args.html) {
        (0, Some(_)) => HTML_EXPLAIN_WORDS,
        (n, _) => n as usize,
    };
    let mut for_page = Vec::new();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (stance_labels, sentiment_labels) = (models.stance.labels().to_vec(), models.sentiment.labels().to_vec());
    match args.format {
        ArticleFormat::Csv => tables::article_csv_header(&stance_labels, &sentiment_labels, &mut out)?,
        ArticleFormat::VoicesCsv => tables::article_voices_csv_header(&stance_labels, &mut out)?,
        ArticleFormat::Table | ArticleFormat::Json | ArticleFormat::Parquet => {}
    }
    let articles = read_articles(&inputs, args.input_format);
    let total = articles.len();
    let mut failed = 0;
    let mut parquet = match (&args.out, args.format) {
        (Some(path), ArticleFormat::Parquet) => Some(SentenceParquet::create(path, &stance_labels, &sentiment_labels)?),
        _ => None,
    };
    for (i, article) in articles.into_iter().enumerate() {
        let article = match article {
            Ok(article) => article,
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
                continue;
            }
        };
        let options = AnalyzeOptions { explain, abstain_below: args.abstain_below, no_context: args.no_context };
        let mut report = analyze_article(&article.id, &article.text, &models, language, options)?;
        if args.html.is_some() {
            for_page.push(report.clone());
            if args.explain == 0 {
                // Words asked for the page only: the other outputs stay as without --html.
                report.sentences.iter_mut().for_each(|s| s.explanation = None);
            }
        }
        match args.format {
            ArticleFormat::Table => {
                if i > 0 {
                    writeln!(out)?;
                }
                tables::article_table(&report, &mut out)?;
            }
            ArticleFormat::Json => tables::article_json(&report, &mut out)?,
            ArticleFormat::Csv => tables::article_csv_rows(&report, &stance_labels, &sentiment_labels, &mut out)?,
            ArticleFormat::VoicesCsv => tables::article_voices_csv_rows(&report, &stance_labels, &mut out)?,
            ArticleFormat::Parquet => {
                if let Some(parquet) = parquet.as_mut() {
                    parquet.write(report)?;
                }
            }
        }
    }
    out.flush()?;
    if let Some(parquet) = parquet {
        parquet.finish()?;
    }
    if let Some(path) = &args.html {
        if !for_page.is_empty() {
            let title = match for_page.as_slice() {
                [one] => format!("Classified: {}", file_name(&one.source)),
                many => format!("Classified: {} articles", many.len()),
            };
            write_atomic(path, articles_page(&for_page, &title).as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    match failed {
        0 => Ok(Outcome::Done),
        n if n == total => bail!("no article could be read"),
        _ => Ok(Outcome::PartlyFailed),
    }
}

/// `classify --format parquet`: sentences written a few articles at a time
/// (one row group per batch), committed atomically at the end.
struct SentenceParquet {
    writer: parquet::arrow::ArrowWriter<AtomicFile>,
    pending: Vec<stance::article::analysis::ArticleReport>,
    labels: (Vec<String>, Vec<String>),
}

impl SentenceParquet {
    /// Sentences buffered before a row group is written.
    const ARTICLES_PER_GROUP: usize = 256;

    fn create(path: &Path, stance_labels: &[String], sentiment_labels: &[String]) -> Result<SentenceParquet> {
        let schema = columns::sentence_schema(stance_labels, sentiment_labels);
        let properties = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let file = AtomicFile::create(path)?;
        let writer = parquet::arrow::ArrowWriter::try_new(file, schema, Some(properties))?;
        Ok(SentenceParquet { writer, pending: Vec::new(), labels: (stance_labels.to_vec(), sentiment_labels.to_vec()) })
    }

    fn write(&mut self, report: stance::article::analysis::ArticleReport) -> Result<()> {
        self.pending.push(report);
        if self.pending.len() >= Self::ARTICLES_PER_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let batch = columns::sentence_batch(&self.pending, &self.labels.0, &self.labels.1)?;
        self.writer.write(&batch)?;
        self.pending.clear();
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.flush()?;
        self.writer.into_inner()?.commit()?;
        Ok(())
    }
}

pub fn run_serve(args: ServeArgs) -> Result<Outcome> {
    let models = Models {
        stance: load_classifier(&args.stance_model, "stance", "sentiment")?,
        sentiment: load_classifier(&args.sentiment_model, "sentiment", "stance")?,
    };
    let defaults = ServeConfig::default();
    let config = ServeConfig {
        max_body: args.max_body,
        timeout: Duration::from_secs(args.timeout),
        workers: args.workers.unwrap_or(defaults.workers),
        queue: args.queue as usize,
    };
    let addr = SocketAddr::new(args.host, args.port);
    stance::serve::run(models, config, addr).with_context(|| format!("serving on {addr}"))?;
    Ok(Outcome::Done)
}

pub fn run_evaluate(args: EvaluateArgs) -> Result<Outcome> {
    if let Some(html) = &args.html {
        check_output("--html", html, &[&args.model, &args.input.data], args.force)?;
    }
    let metric = args.metric.parse()?;
    let artifact = ModelArtifact::load(&args.model)?;
    check_metric_classes(&metric, &artifact.meta.labels, &format!("the model {}", args.model.display()))?;
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
        metric,
        resamples: args.bootstrap as usize,
        seed: args.seed,
        errors: args.errors as usize,
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
        write_atomic(path, evaluation_html(&report).as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let mut out = io::stdout().lock();
    match args.format {
        EvaluateFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        EvaluateFormat::Table => tables::evaluation_report(&report, Style::Text, &mut out)?,
        EvaluateFormat::Markdown => tables::evaluation_report(&report, Style::Markdown, &mut out)?,
    }
    Ok(Outcome::Done)
}

pub fn run_inspect(args: InspectArgs) -> Result<Outcome> {
    let artifact = ModelArtifact::load(&args.model)?;
    let card = model_card(&artifact, args.top as usize);
    let mut out = io::stdout().lock();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &card)?;
            writeln!(out)?;
        }
        ReportFormat::Table => tables::model_card(&card, &mut out)?,
    }
    Ok(Outcome::Done)
}

pub fn run_predict(args: PredictArgs) -> Result<Outcome> {
    if let Some(out) = &args.out {
        check_output("--out", out, &[&args.input, &args.model], args.force)?;
    }
    if args.format == BatchFormat::Parquet && args.out.is_none() {
        bail!("--format parquet writes a file: give --out FILE.parquet");
    }
    let source_name = args.input.display().to_string();
    let input_format = args.input_format.unwrap_or_else(|| BatchFormat::from_path(&args.input));
    let columns = |artifact: &ModelArtifact| BatchColumns {
        text: args.text_col.clone(),
        group: args.group_col.clone().or_else(|| artifact.meta.group_column.clone()),
        id: args.id_col.clone(),
    };
    let (rows, artifact) = if input_format == BatchFormat::Parquet {
        if args.input == Path::new("-") {
            bail!("Parquet input is read from a file: give --input FILE.parquet");
        }
        // Parquet names its columns up front: the model says which are needed.
        let artifact = ModelArtifact::load(&args.model)?;
        let file = std::fs::File::open(&args.input).with_context(|| format!("cannot read {source_name}"))?;
        (RowReader::spawn_parquet(file, &source_name, &columns(&artifact))?, artifact)
    } else {
        let input: Box<dyn BufRead + Send> = if args.input == Path::new("-") {
            Box::new(io::BufReader::new(io::stdin()))
        } else {
            let file = std::fs::File::open(&args.input).with_context(|| format!("cannot read {source_name}"))?;
            Box::new(io::BufReader::with_capacity(1 << 20, file))
        };
        // Rows are read on their own thread while the model loads.
        let delimiter = args.delimiter.unwrap_or_else(|| stance::io::labeled::default_delimiter(&args.input));
        let rows = RowReader::spawn(input, &source_name, input_format, delimiter)?;
        (rows, ModelArtifact::load(&args.model)?)
    };
    let columns = columns(&artifact);
    let classifier = Classifier::new(artifact);
    let summary = match &args.out {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            let summary = match args.format {
                BatchFormat::Parquet => predict_parquet(&classifier, rows, &columns, &mut file)?,
                format => predict_stream(&classifier, rows, &columns, &mut file, format)?,
            };
            file.commit()?;
            summary
        }
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let summary = predict_stream(&classifier, rows, &columns, &mut out, args.format)?;
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
    // The process ends here: freeing the model's and the caches' many small
    // allocations one by one would take longer than the OS takes for all.
    std::mem::forget(classifier);
    Ok(Outcome::Done)
}
