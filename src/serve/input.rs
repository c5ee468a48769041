//! What a request asks to classify: JSON (`{"text": ...}` or
//! `{"texts": [...]}`), a plain-text article, or an uploaded file's bytes
//! with its name. Nothing here touches the file system: a file name only
//! chooses the format and names the article.

use crate::article::html::{article_text, HtmlError};
use crate::article::sources::{jsonl_article, Article};
use crate::io::encoding::to_utf8;
use crate::model::linear::Probability;
use crate::serve::error::ApiError;
use axum::http::{header, HeaderMap};
use serde::Deserialize;

/// Most `--explain` words a request may ask for.
pub const MAX_EXPLAIN: usize = 20;
/// Most articles in one request, and most units (sentences, headlines) over
/// all of them: a report is far larger than its text when sentences are
/// short, so the body limit alone would not bound the answer.
pub const MAX_ARTICLES: usize = 1000;
pub const MAX_UNITS: usize = 20_000;

/// The articles of one request and whether the client sent one (an object
/// comes back) or a list (an array comes back).
#[derive(Debug)]
pub struct ClassifyRequest {
    pub articles: Vec<Article>,
    pub single: bool,
    pub explain: usize,
    pub abstain_below: Option<Probability>,
}

/// The JSON body of `POST /api/classify`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassifyJson {
    text: Option<String>,
    texts: Option<Vec<TextItem>>,
    id: Option<String>,
    #[serde(default)]
    explain: usize,
    abstain_below: Option<f64>,
}

/// An entry of `texts`: a string, or `{"id": ..., "text": ...}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TextItem {
    Plain(String),
    WithId { id: Option<serde_json::Value>, text: String },
}

/// Query parameters that go with a request body.
#[derive(Debug, Default, Deserialize)]
pub struct BodyQuery {
    /// The uploaded file's name (`.txt`, `.jsonl`, `.html`); only its extension and last component are used.
    pub filename: Option<String>,
    pub explain: Option<usize>,
    pub abstain_below: Option<f64>,
}

/// Reads a classify request from its content type, query and body.
pub fn classify_request(headers: &HeaderMap, query: &BodyQuery, body: &[u8]) -> Result<ClassifyRequest, ApiError> {
    let (mut request, abstain_below) = match media_type(headers).as_str() {
        "application/json" => from_json(body)?,
        "text/plain" => {
            let id = query.filename.as_deref().map_or("pasted text".into(), base_name);
            let articles = vec![Article { id, text: text(body)? }];
            (ClassifyRequest { articles, single: true, explain: 0, abstain_below: None }, None)
        }
        "application/octet-stream" => {
            let name = query
                .filename
                .as_deref()
                .ok_or_else(|| ApiError::BadRequest("an upload needs ?filename=NAME (.txt, .jsonl or .html)".into()))?;
            let articles = uploaded_articles(name, body)?;
            (ClassifyRequest { single: false, articles, explain: 0, abstain_below: None }, None)
        }
        other => return Err(ApiError::ContentType(other.to_string())),
    };
    if let Some(explain) = query.explain {
        request.explain = explain;
    }
    if let Some(p) = query.abstain_below.or(abstain_below) {
        let p = Probability::new(p).map_err(|e| ApiError::BadRequest(format!("abstain_below: {e}")))?;
        request.abstain_below = Some(p);
    }
    if request.explain > MAX_EXPLAIN {
        return Err(ApiError::BadRequest(format!("explain must be at most {MAX_EXPLAIN}")));
    }
    if request.articles.is_empty() {
        return Err(ApiError::BadRequest("no article to classify".into()));
    }
    if request.articles.len() > MAX_ARTICLES {
        return Err(ApiError::TooMuch(format!(
            "{} articles in one request; at most {MAX_ARTICLES}",
            request.articles.len()
        )));
    }
    Ok(request)
}

/// The content type without parameters, lowercased (`text/plain; charset=utf-8` → `text/plain`).
pub fn media_type(headers: &HeaderMap) -> String {
    let value = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The request and its `abstain_below`, checked by the caller.
fn from_json(body: &[u8]) -> Result<(ClassifyRequest, Option<f64>), ApiError> {
    let request: ClassifyJson =
        serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(format!("malformed JSON: {e}")))?;
    let (articles, single) = match (request.text, request.texts) {
        (Some(text), None) => (vec![Article { id: request.id.unwrap_or_else(|| "text".into()), text }], true),
        (None, Some(texts)) => {
            let articles = texts
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    TextItem::Plain(text) => Article { id: format!("text {}", i + 1), text },
                    TextItem::WithId { id, text } => Article { id: json_id(id, i), text },
                })
                .collect();
            (articles, false)
        }
        _ => return Err(ApiError::BadRequest("send exactly one of \"text\" (a string) or \"texts\" (a list)".into())),
    };
    Ok((ClassifyRequest { articles, single, explain: request.explain, abstain_below: None }, request.abstain_below))
}

fn json_id(id: Option<serde_json::Value>, index: usize) -> String {
    match id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("text {}", index + 1),
    }
}

/// Body bytes as text: UTF-8 or UTF-16 with a byte-order mark, which is dropped.
fn text(bytes: &[u8]) -> Result<String, ApiError> {
    let utf8 = to_utf8(bytes).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let mut text = String::from_utf8(utf8.into_owned()).map_err(|e| {
        ApiError::BadRequest(format!("the text is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The last component of a client-side file name, for display only.
pub fn base_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.is_empty() {
        "upload".into()
    } else {
        clean
    }
}

/// The articles in an uploaded file: one for `.txt` and for a saved web page
/// (`.html`, `.htm`: its article body, as `classify` reads it), one per line for `.jsonl`.
/// Every upload, from the page or the API, goes through here.
pub fn uploaded_articles(filename: &str, bytes: &[u8]) -> Result<Vec<Article>, ApiError> {
    let name = base_name(filename);
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "txt" | "text" => Ok(vec![Article { id: name, text: text(bytes)? }]),
        "jsonl" => jsonl_articles(&name, &text(bytes)?),
        "html" | "htm" => match article_text(bytes) {
            Ok(text) => Ok(vec![Article { id: name, text }]),
            Err(HtmlError::NoArticle) => Err(ApiError::Unprocessable(format!("{name}: {}", HtmlError::NoArticle))),
            Err(e) => Err(ApiError::BadRequest(format!("{name}: {e}"))),
        },
        _ => Err(ApiError::Unsupported(format!("cannot read {name:?}: upload a .txt, .jsonl or .html file"))),
    }
}

/// One article per non-empty line `{"id": ..., "text": ...}`, as `classify` reads `.jsonl` files.
fn jsonl_articles(name: &str, text: &str) -> Result<Vec<Article>, ApiError> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            jsonl_article(line, i + 1, name)
                .map_err(|message| ApiError::BadRequest(format!("{name}, line {}: {message}", i + 1)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(content_type: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
        headers
    }

    #[test]
    fn reads_json_text_and_lists() {
        let one =
            classify_request(&headers("application/json"), &BodyQuery::default(), br#"{"text": "A.", "explain": 3}"#)
                .unwrap();
        assert!(one.single);
        assert_eq!((one.articles[0].text.as_str(), one.explain), ("A.", 3));
        let body = br#"{"texts": ["A.", {"id": 7, "text": "B."}]}"#;
        let many = classify_request(&headers("application/json; charset=utf-8"), &BodyQuery::default(), body).unwrap();
        assert!(!many.single);
        assert_eq!(many.articles[1], Article { id: "7".into(), text: "B.".into() });
        for bad in
            [&b"{\"text\": "[..], b"{}", br#"{"text": "a", "texts": []}"#, br#"{"txt": "a"}"#, br#"{"texts": []}"#]
        {
            let error = classify_request(&headers("application/json"), &BodyQuery::default(), bad).unwrap_err();
            assert_eq!(error.status(), 400, "{error}");
        }
        let too_many =
            classify_request(&headers("application/json"), &BodyQuery::default(), br#"{"text": "a", "explain": 99}"#);
        assert!(too_many.unwrap_err().to_string().contains("at most 20"));
    }

    #[test]
    fn content_types_choose_the_reader() {
        let query = BodyQuery { filename: Some("../../etc/notes.txt".into()), ..BodyQuery::default() };
        let plain = classify_request(&headers("text/plain"), &query, "\u{feff}Café.".as_bytes()).unwrap();
        assert_eq!(plain.articles[0], Article { id: "notes.txt".into(), text: "Café.".into() });
        let error = classify_request(&headers("application/xml"), &query, b"<a/>").unwrap_err();
        assert_eq!(error.status(), 415);
        let error = classify_request(&HeaderMap::new(), &query, b"x").unwrap_err();
        assert_eq!(error.status(), 415);
        let error = classify_request(&headers("application/octet-stream"), &BodyQuery::default(), b"x").unwrap_err();
        assert!(error.to_string().contains("?filename="));
        let error = classify_request(&headers("text/plain"), &query, b"ok \xff\xfe more").unwrap_err();
        assert!(error.to_string().contains("offset 3"), "{error}");
    }

    #[test]
    fn uploads_by_extension() {
        let articles = uploaded_articles("C:\\news\\a.TXT", b"One. Two.").unwrap();
        assert_eq!(articles, [Article { id: "a.TXT".into(), text: "One. Two.".into() }]);
        let jsonl = uploaded_articles("batch.jsonl", b"{\"id\": 1, \"text\": \"A.\"}\n\n{\"text\": \"B.\"}\n").unwrap();
        assert_eq!(jsonl[0], Article { id: "1".into(), text: "A.".into() });
        assert_eq!(jsonl[1].id, "batch.jsonl:3");
        let bad = uploaded_articles("batch.jsonl", b"{\"text\": \"A.\"}\nnot json\n").unwrap_err();
        assert!(bad.to_string().contains("batch.jsonl, line 2: invalid JSON"), "{bad}");
        let html = uploaded_articles("page.html", b"<p>x</p>").unwrap_err();
        assert_eq!(html.status(), 422);
        assert!(html.to_string().starts_with("page.html: no article body found"), "{html}");
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Vote</title></head><body><article>\
            <p>The county board voted on Tuesday to end its agreement with federal immigration officers.</p>\
            <p>Supporters of the change filled the hall and cheered when the caf\xe9 owner spoke.</p></article></body></html>";
        let articles = uploaded_articles("vote.HTM", page).unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].id, "vote.HTM");
        assert!(articles[0].text.starts_with("Vote\n"), "{}", articles[0].text);
        assert!(articles[0].text.contains("the café owner spoke"), "{}", articles[0].text);
        let bad_charset = uploaded_articles("x.html", b"<meta charset=\"klingon\"><p>x</p>").unwrap_err();
        assert_eq!(bad_charset.status(), 400, "{bad_charset}");
        assert_eq!(uploaded_articles("x.pdf", b"%PDF").unwrap_err().status(), 415);
    }
}
