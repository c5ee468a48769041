//! Where articles come from: files, directories of `.txt` and `.html` files,
//! standard input, JSON Lines (`{"id": ..., "text": ...}` per line) for
//! batches, or saved web pages (the article is extracted by [`super::html`]).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ArticleInput {
    /// Each file (or standard input) is one article.
    Text,
    /// Each line is a JSON object with `id` and `text`.
    Jsonl,
    /// Each file (or standard input) is a saved web page; its article body is read.
    Html,
}

impl ArticleInput {
    /// The format a file's extension suggests: `.jsonl`, `.html`/`.htm`, else text.
    pub fn guess(path: &Path) -> ArticleInput {
        let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("jsonl") => ArticleInput::Jsonl,
            Some("html" | "htm") => ArticleInput::Html,
            _ => ArticleInput::Text,
        }
    }
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
    #[error("{path}: {cause}")]
    Html { path: PathBuf, cause: super::html::HtmlError },
}

/// Reads every article named by `inputs` (`-` is standard input), in order;
/// a directory contributes its `.txt`, `.html` and `.htm` files sorted by
/// name. Without an explicit `format`, `.jsonl` files are JSON Lines,
/// `.html`/`.htm` files web pages and everything else text.
/// A failure is returned in place of the article(s) it concerns, so the
/// rest still run.
pub fn read_articles(inputs: &[PathBuf], format: Option<ArticleInput>) -> Vec<Result<Article, SourceError>> {
    let mut articles = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match article_files_in(input) {
                Ok(files) => {
                    files.iter().for_each(|f| read_one(f, format.unwrap_or(ArticleInput::guess(f)), &mut articles))
                }
                Err(cause) => articles.push(Err(SourceError::Read { path: input.clone(), cause })),
            }
        } else {
            read_one(input, format.unwrap_or(ArticleInput::guess(input)), &mut articles);
        }
    }
    articles
}

/// The `.txt`, `.html` and `.htm` entries of `dir` that are not directories,
/// sorted; unreadable ones (a broken link, no permission) are kept so that
/// reading reports them.
fn article_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let is_article = |p: &Path| {
        p.extension().is_some_and(|e| ["txt", "html", "htm"].iter().any(|known| e.eq_ignore_ascii_case(known)))
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| !p.is_dir() && is_article(p))
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
    let name = if path == Path::new("-") { "-".to_string() } else { path.display().to_string() };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => return articles.push(Err(e)),
    };
    match format {
        ArticleInput::Text => articles.push(plain_text(&bytes, path).map(|text| Article { id: name, text })),
        // A page declares its own charset, so its bytes go to the extractor as they are.
        ArticleInput::Html => articles.push(
            super::html::article_text(&bytes)
                .map(|text| Article { id: name, text })
                .map_err(|cause| SourceError::Html { path: path.to_path_buf(), cause }),
        ),
        ArticleInput::Jsonl => match plain_text(&bytes, path) {
            Err(e) => articles.push(Err(e)),
            Ok(text) => {
                for (number, line) in text.as_bytes().lines().enumerate() {
                    let line = line.unwrap_or_default();
                    if !line.trim().is_empty() {
                        articles.push(parse_jsonl_article(&line, path, number + 1, &name));
                    }
                }
            }
        },
    }
}

/// The bytes of a text or JSONL file as UTF-8 text (UTF-16 decoded), without a BOM.
fn plain_text(bytes: &[u8], path: &Path) -> Result<String, SourceError> {
    let utf8 = crate::io::encoding::to_utf8(bytes)
        .map_err(|cause| SourceError::Encoding { path: path.to_path_buf(), cause })?;
    let mut text = String::from_utf8(utf8.into_owned())
        .map_err(|e| SourceError::NotUtf8 { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })?;
    // A byte-order mark is not part of the first line (nor of a JSON object).
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
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
    fn directories_contribute_web_pages_read_as_html() {
        let dir = tempfile::tempdir().unwrap();
        let story = "<p>The county board voted on Tuesday to end its jail contract with federal immigration \
                     agents, and the sheriff said he would appeal the decision.</p>";
        std::fs::write(dir.path().join("a.txt"), "First.").unwrap();
        std::fs::write(dir.path().join("b.HTML"), format!("<title>Board vote</title><nav>Home</nav>{story}")).unwrap();
        std::fs::write(dir.path().join("c.htm"), "<ul><li><a href='/1'>Board vote</a></li></ul>").unwrap();
        std::fs::write(dir.path().join("d.md"), "skip").unwrap();
        let articles = read_articles(&[dir.path().to_path_buf()], None);
        assert_eq!(articles.len(), 3);
        assert_eq!(articles[0].as_ref().unwrap().text, "First.");
        let page = &articles[1].as_ref().unwrap().text;
        assert!(page.starts_with("Board vote\n\nThe county board voted") && !page.contains("Home"), "{page}");
        let error = articles[2].as_ref().unwrap_err().to_string();
        assert!(error.contains("c.htm: no article body found"), "{error}");
        // An explicit format applies to every file of the directory.
        let as_text = read_articles(&[dir.path().to_path_buf()], Some(ArticleInput::Text));
        assert!(as_text[1].as_ref().unwrap().text.contains("<nav>"));
    }

    #[test]
    fn formats_are_guessed_from_extensions() {
        assert_eq!(ArticleInput::guess(Path::new("a.jsonl")), ArticleInput::Jsonl);
        assert_eq!(ArticleInput::guess(Path::new("a.Html")), ArticleInput::Html);
        assert_eq!(ArticleInput::guess(Path::new("a.htm")), ArticleInput::Html);
        assert_eq!(ArticleInput::guess(Path::new("a.txt")), ArticleInput::Text);
        assert_eq!(ArticleInput::guess(Path::new("-")), ArticleInput::Text);
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
