//! Where articles come from: files, directories of `.txt` files, standard
//! input, or JSON Lines (`{"id": ..., "text": ...}` per line) for batches.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ArticleInput {
    /// Each file (or standard input) is one article.
    Text,
    /// Each line is a JSON object with `id` and `text`.
    Jsonl,
}

/// One article to classify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read {path}: {cause}")]
    Read { path: PathBuf, cause: std::io::Error },
    #[error("{path} is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}, line {line}: {message}")]
    BadLine { path: PathBuf, line: usize, message: String },
    #[error("{path}: {cause}")]
    Encoding { path: PathBuf, cause: crate::io::encoding::EncodingError },
}

/// Reads every article named by `inputs` (`-` is standard input), in order;
/// a directory contributes its `.txt` files sorted by name. Without an
/// explicit `format`, `.jsonl` files are JSON Lines and everything else text.
/// A failure is returned in place of the article(s) it concerns, so the
/// rest still run.
pub fn read_articles(inputs: &[PathBuf], format: Option<ArticleInput>) -> Vec<Result<Article, SourceError>> {
    let mut articles = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match text_files_in(input) {
                Ok(files) => {
                    files.iter().for_each(|f| read_one(f, format.unwrap_or(ArticleInput::Text), &mut articles))
                }
                Err(cause) => articles.push(Err(SourceError::Read { path: input.clone(), cause })),
            }
        } else {
            let jsonl = input.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
            let guessed = if jsonl { ArticleInput::Jsonl } else { ArticleInput::Text };
            read_one(input, format.unwrap_or(guessed), &mut articles);
        }
    }
    articles
}

/// The `.txt` entries of `dir` that are not directories, sorted; unreadable
/// ones (a broken link, no permission) are kept so that reading reports them.
fn text_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| !p.is_dir() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    Ok(files)
}

fn read_one(path: &Path, format: ArticleInput, articles: &mut Vec<Result<Article, SourceError>>) {
    let read_error = |cause| SourceError::Read { path: path.to_path_buf(), cause };
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes).map_err(read_error)
    } else {
        std::fs::read(path).map_err(read_error)
    };
    let text = bytes.and_then(|bytes| {
        let utf8 = crate::io::encoding::to_utf8(&bytes)
            .map_err(|cause| SourceError::Encoding { path: path.to_path_buf(), cause })?;
        let mut text = String::from_utf8(utf8.into_owned())
            .map_err(|e| SourceError::NotUtf8 { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })?;
        // A byte-order mark is not part of the first line (nor of a JSON object).
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(text)
    });
    let name = if path == Path::new("-") { "-".to_string() } else { path.display().to_string() };
    match (text, format) {
        (Err(e), _) => articles.push(Err(e)),
        (Ok(text), ArticleInput::Text) => articles.push(Ok(Article { id: name, text })),
        (Ok(text), ArticleInput::Jsonl) => {
            for (number, line) in text.as_bytes().lines().enumerate() {
                let line = line.unwrap_or_default();
                if !line.trim().is_empty() {
                    articles.push(parse_jsonl_article(&line, path, number + 1, &name));
                }
            }
        }
    }
}

fn parse_jsonl_article(line: &str, path: &Path, number: usize, name: &str) -> Result<Article, SourceError> {
    jsonl_article(line, number, name).map_err(|message| SourceError::BadLine {
        path: path.to_path_buf(),
        line: number,
        message,
    })
}

/// The article on line `number` of the JSON Lines input `name`:
/// `{"id": ..., "text": ...}`; without an id it is `name:number`. The error
/// says what is wrong with the line; callers add where it is.
pub fn jsonl_article(line: &str, number: usize, name: &str) -> Result<Article, String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let text = value.get("text").and_then(|t| t.as_str()).ok_or_else(|| "no string field 'text'".to_string())?;
    let id = match value.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{name}:{number}"),
    };
    Ok(Article { id, text: text.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_directories_and_jsonl() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "Second.").unwrap();
        std::fs::write(dir.path().join("a.txt"), "First.").unwrap();
        std::fs::write(dir.path().join("notes.md"), "skip").unwrap();
        std::fs::write(dir.path().join("bad.bin"), [0xff, 0xfe]).unwrap();
        let articles = read_articles(&[dir.path().to_path_buf()], None);
        let texts: Vec<String> = articles.into_iter().map(|a| a.unwrap().text).collect();
        assert_eq!(texts, ["First.", "Second."]);

        let jsonl = dir.path().join("batch.jsonl");
        std::fs::write(&jsonl, "{\"id\": 7, \"text\": \"One.\"}\n\n{\"text\": \"Two.\"}\n{\"id\": \"x\"}\nnot json\n")
            .unwrap();
        let articles = read_articles(std::slice::from_ref(&jsonl), None);
        assert_eq!(articles.len(), 4);
        assert_eq!(articles[0].as_ref().unwrap(), &Article { id: "7".into(), text: "One.".into() });
        assert!(articles[1].as_ref().unwrap().id.ends_with("batch.jsonl:3"));
        assert!(articles[2].as_ref().unwrap_err().to_string().contains("line 4: no string field 'text'"));
        assert!(articles[3].as_ref().unwrap_err().to_string().contains("line 5: invalid JSON"));
    }

    #[test]
    fn reports_missing_and_non_utf8_files() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("garbage.txt");
        std::fs::write(&binary, b"ok text \xff\xfe more").unwrap();
        let articles = read_articles(&[binary, dir.path().join("missing.txt")], Some(ArticleInput::Text));
        assert!(articles[0].as_ref().unwrap_err().to_string().contains("invalid byte at offset 8"));
        assert!(articles[1].as_ref().unwrap_err().to_string().contains("missing.txt"));
    }
}
