//! `stance serve`: the API answered in process (no socket), and the binary
//! on a loopback port, stopped by SIGTERM.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use stance::article::analysis::Models;
use stance::model::classifier::Classifier;
use stance::model::file::ModelArtifact;
use stance::serve::{router, AppState, ServeConfig};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower::ServiceExt;

const SEED: &str = include_str!("../data/articles/doj-sues-california.txt");

fn models() -> Models {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let load = |name: &str| Classifier::new(ModelArtifact::load(&root.join(name)).unwrap());
    Models { stance: load("stance.model"), sentiment: load("sentiment.model") }
}

fn state(config: ServeConfig) -> Arc<AppState> {
    Arc::new(AppState::new(models(), config))
}

/// The server with default limits, built once for the tests that do not change them.
fn default_state() -> Arc<AppState> {
    static STATE: OnceLock<Arc<AppState>> = OnceLock::new();
    STATE.get_or_init(|| state(ServeConfig::default())).clone()
}

struct Answer {
    status: StatusCode,
    content_type: String,
    connection: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(state: Arc<AppState>, method: &str, uri: &str, content_type: Option<&str>, body: Vec<u8>) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let response = router(state).oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
    let status = response.status();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let connection = response.headers().get(header::CONNECTION).map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer { status, content_type, connection, body: String::from_utf8(bytes.to_vec()).unwrap() }
}

/// An error answer: the status, a JSON `error` message, nothing about the server's insides.
fn assert_error(answer: &Answer, status: StatusCode, says: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    let message = answer.json()["error"].as_str().unwrap().to_string();
    assert!(message.contains(says), "{message:?} does not say {says:?}");
    for leak in ["/work", "src/", ".rs", "panicked", "models/"] {
        assert!(!message.contains(leak), "{message:?} leaks {leak:?}");
    }
}

#[tokio::test]
async fn classifies_a_pasted_article_like_the_cli_json() {
    let answer = send(default_state(), "POST", "/api/classify", Some("text/plain"), SEED.into()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let report = answer.json();
    assert_eq!(report["source"], "pasted text");
    let sentences = report["sentences"].as_array().unwrap();
    assert_eq!(report["summary"]["units"].as_u64().unwrap() as usize, sentences.len());
    let sessions =
        sentences.iter().find(|s| s["text"].as_str().unwrap().starts_with("Sessions said the bills")).unwrap();
    assert_eq!(sessions["stance"]["label"], "pro-enforcement");
    assert_eq!(sessions["speaker"], "Sessions");
    let credit = sentences.iter().find(|s| s["kind"] == "credit").unwrap();
    assert!(credit["stance"].is_null());
    assert!(sessions.get("explanation").is_none(), "no words unless asked");

    let with_words = send(default_state(), "POST", "/api/classify?explain=2", Some("text/plain"), SEED.into()).await;
    let first = &with_words.json()["sentences"][0];
    assert_eq!(first["explanation"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_list_of_texts_gives_a_list_of_reports() {
    let body = r#"{"texts": ["ICE must deport criminal aliens.", {"id": "mayor", "text": "\"We protect our neighbors,\" the mayor said."}], "explain": 1}"#;
    let answer = send(default_state(), "POST", "/api/classify", Some("application/json"), body.into()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let reports = answer.json();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!((reports[0]["source"].as_str(), reports[1]["source"].as_str()), (Some("text 1"), Some("mayor")));
    assert_eq!(reports[0]["sentences"][0]["explanation"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn uploads_are_read_by_their_extension() {
    let jsonl = "{\"id\": \"one\", \"text\": \"Sanctuary policies keep families together.\"}\n{\"text\": \"ICE arrested 40 people.\"}\n";
    let answer = send(
        default_state(),
        "POST",
        "/api/classify?filename=batch.jsonl",
        Some("application/octet-stream"),
        jsonl.into(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let sources: Vec<String> =
        answer.json().as_array().unwrap().iter().map(|r| r["source"].as_str().unwrap().to_string()).collect();
    assert_eq!(sources, ["one", "batch.jsonl:2"]);
    let uri = "/api/classify?filename=..%2F..%2Fetc%2Fseed.txt";
    let answer = send(default_state(), "POST", uri, Some("application/octet-stream"), SEED.into()).await;
    assert_eq!(answer.json()[0]["source"], "seed.txt", "only the last part of a name is kept");
    let answer = send(
        default_state(),
        "POST",
        "/api/classify?filename=a.html",
        Some("application/octet-stream"),
        "<p>x</p>".into(),
    )
    .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "a.html: no article body found");
    let page = std::fs::read("tests/fixtures/html/doj-sues-california.html").unwrap();
    let answer =
        send(default_state(), "POST", "/api/classify?filename=doj.html", Some("application/octet-stream"), page).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let as_text = send(default_state(), "POST", "/api/classify", Some("text/plain"), SEED.into()).await;
    let statements = |report: &Value| {
        report["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == "sentence")
            // Labels, not probabilities: the page's title and subheads are not the text file's
            // lines, so the narrator's other units (a context-stage column) differ slightly.
            .map(|s| (s["text"].clone(), s["stance"]["label"].clone()))
            .collect::<Vec<_>>()
    };
    assert!(statements(&as_text.json()).len() > 10);
    assert_eq!(
        statements(&answer.json()[0]),
        statements(&as_text.json()),
        "the seed article as a page reads as the text file"
    );
}

#[tokio::test]
async fn renders_the_page_view_for_the_browser() {
    let answer = send(default_state(), "POST", "/api/render?explain=5", Some("text/plain"), SEED.into()).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type, "text/html; charset=utf-8");
    assert!(answer.body.contains("data-stance=\"pro-enforcement\""));
    assert!(answer.body.contains("<span class=\"sr\">speaker: </span>Sessions</span>"));
    assert!(answer.body.contains("<aside class=\"summary\""));
    assert!(answer.body.contains("why: "));

    let page = send(default_state(), "GET", "/", None, Vec::new()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<textarea id=\"text\"") && page.body.contains("/api/render"));
    assert!(!page.body.contains("src=\"http") && !page.body.contains("href=\"http"), "nothing from elsewhere");
}

#[tokio::test]
async fn predicts_short_texts_and_shows_the_model_cards() {
    let body = r#"{"texts": ["Deportations make us safer.", "Immigrants are our neighbors."]}"#;
    let answer = send(default_state(), "POST", "/api/predict", Some("application/json"), body.into()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let predictions = answer.json()["predictions"].as_array().unwrap().clone();
    assert_eq!(predictions.len(), 2);
    for prediction in &predictions {
        let total: f64 =
            prediction["stance"]["probabilities"].as_object().unwrap().values().map(|p| p.as_f64().unwrap()).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert!(prediction["sentiment"]["label"].is_string());
    }
    let cards = send(default_state(), "GET", "/api/models", None, Vec::new()).await.json();
    assert_eq!(cards["stance"]["label_column"], "stance");
    assert_eq!(cards["sentiment"]["label_column"], "sentiment");
    assert!(!cards["stance"]["data_file"].as_str().unwrap().contains('/'), "no server paths");
    let health = send(default_state(), "GET", "/healthz", None, Vec::new()).await;
    assert_eq!(health.json()["status"], "ok");
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    let s = default_state;
    let cases = [
        (
            send(s(), "POST", "/api/classify", Some("application/json"), b"{\"text\": ".to_vec()).await,
            400,
            "malformed JSON",
        ),
        (
            send(s(), "POST", "/api/classify", Some("application/json"), b"{\"txt\": \"a\"}".to_vec()).await,
            400,
            "unknown field",
        ),
        (
            send(s(), "POST", "/api/classify", Some("application/xml"), b"<a/>".to_vec()).await,
            415,
            "unsupported content type",
        ),
        (send(s(), "POST", "/api/classify", None, SEED.into()).await, 415, "unsupported content type"),
        (send(s(), "POST", "/api/classify?explain=-1", Some("text/plain"), SEED.into()).await, 400, "query"),
        (
            send(s(), "POST", "/api/classify?abstain_below=2", Some("text/plain"), SEED.into()).await,
            400,
            "abstain_below",
        ),
        (
            send(s(), "POST", "/api/predict", Some("application/json"), b"{\"texts\": []}".to_vec()).await,
            400,
            "non-empty",
        ),
        (send(s(), "POST", "/api/predict", Some("text/plain"), b"x".to_vec()).await, 415, "content type"),
        (send(s(), "POST", "/api/classify", Some("text/plain"), b"ok \xff\xfe".to_vec()).await, 400, "not UTF-8"),
        (send(s(), "GET", "/etc/passwd", None, Vec::new()).await, 404, "not found"),
        (send(s(), "DELETE", "/api/classify", None, Vec::new()).await, 405, "not allowed"),
    ];
    for (answer, status, says) in &cases {
        assert_error(answer, StatusCode::from_u16(*status).unwrap(), says);
    }
}

#[tokio::test]
async fn limits_give_413_and_503() {
    let small = state(ServeConfig { max_body: 1024, ..ServeConfig::default() });
    let answer = send(small.clone(), "POST", "/api/classify", Some("text/plain"), SEED.into()).await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "larger than the limit of 1024 bytes");
    assert_eq!(answer.connection.as_deref(), Some("close"), "the unread rest of the body ends the connection");
    let fits = send(small, "POST", "/api/classify", Some("text/plain"), SEED[..1000].into()).await;
    assert_eq!(fits.status, StatusCode::OK);

    // Small bodies that would make huge answers.
    let many = serde_json::json!({ "texts": vec![""; 1001] }).to_string();
    let answer = send(default_state(), "POST", "/api/classify", Some("application/json"), many.into()).await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "1001 articles in one request; at most 1000");
    let tiny_sentences = "Yes. ".repeat(20_001);
    let answer = send(default_state(), "POST", "/api/classify", Some("text/plain"), tiny_sentences.into()).await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "more than 20000 sentences");
    let just_enough = "Yes. ".repeat(2_000);
    let answer = send(default_state(), "POST", "/api/classify", Some("text/plain"), just_enough.into()).await;
    assert_eq!(answer.json()["summary"]["units"], 2_000);
    let texts = serde_json::json!({ "texts": vec!["a"; 10_001] }).to_string();
    let answer = send(default_state(), "POST", "/api/predict", Some("application/json"), texts.into()).await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "10001 texts; at most 10000");

    let full = state(ServeConfig { queue: 0, ..ServeConfig::default() });
    let answer = send(full, "POST", "/api/classify", Some("text/plain"), SEED.into()).await;
    assert_error(&answer, StatusCode::SERVICE_UNAVAILABLE, "busy");

    let hurried = state(ServeConfig { timeout: Duration::ZERO, ..ServeConfig::default() });
    let answer = send(hurried.clone(), "POST", "/api/classify", Some("text/plain"), SEED.into()).await;
    assert_error(&answer, StatusCode::SERVICE_UNAVAILABLE, "took longer than");
    let health = send(hurried, "GET", "/healthz", None, Vec::new()).await;
    assert_eq!(health.status, StatusCode::OK, "requests without classification have no deadline to miss");
}

/// A request body whose bytes never come, like a client that stalls.
struct StalledBody;

impl http_body::Body for StalledBody {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn a_stalled_upload_meets_the_deadline() {
    let state = state(ServeConfig { timeout: Duration::from_millis(200), ..ServeConfig::default() });
    let request =
        Request::post("/api/classify").header(header::CONTENT_TYPE, "text/plain").body(Body::new(StalledBody));
    let response = router(state).oneshot(request.unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("took longer than 0.2 s"));
}

#[cfg(unix)]
#[test]
fn the_binary_serves_on_a_port_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["serve", "--host", "0.0.0.0", "--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut lines = Vec::new();
    let port = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "server exited: {lines:?}");
        if let Some(rest) = line.strip_prefix("listening on http://0.0.0.0:") {
            break rest.split('/').next().unwrap().parse::<u16>().unwrap();
        }
        lines.push(line);
    };
    assert!(lines.iter().any(|l| l.starts_with("warning: listening on 0.0.0.0")), "{lines:?}");

    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200") && response.ends_with("{\"status\":\"ok\"}"), "{response}");

    // SAFETY: kill(2) on the pid of a child we started and have not yet waited for.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "{status:?} {rest}");
    assert!(rest.contains("stopped"), "{rest}");
}
