//! The `stance` command line: parses flags, runs the command, maps the
//! outcome to an exit status.

mod args;
mod commands;

use args::{Cli, Command};
use clap::Parser;
use commands::Outcome;
use std::io;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(threads) = cli.threads {
        if let Err(error) = rayon::ThreadPoolBuilder::new().num_threads(threads).build_global() {
            eprintln!("error: cannot start {threads} threads: {error}");
            return ExitCode::from(2);
        }
    }
    let result = match cli.command {
        Command::Predict(args) => commands::run_predict(args),
        Command::Inspect(args) => commands::run_inspect(args),
        Command::Train(args) => commands::run_train(args),
        Command::Classify(args) => commands::run_classify(args),
        Command::Evaluate(args) => commands::run_evaluate(args),
        Command::Serve(args) => commands::run_serve(args),
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
            || cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<stance::batch::BatchError>().is_some_and(|e| match e {
                stance::batch::BatchError::Write(io) => io.kind() == io::ErrorKind::BrokenPipe,
                stance::batch::BatchError::WriteCsv(csv) => {
                    matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
                }
                _ => false,
            })
    })
}
