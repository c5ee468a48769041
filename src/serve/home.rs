//! The page at `/`: paste an article or pick a file, press Classify, and
//! the server's rendering of it (the `classify --html` view) appears below.
//! Self-contained: inline style and script, nothing fetched but the API.

use crate::render::page::PAGE_CSS;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Only this page's own inline style and script run, and it talks only to this server.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
                      connect-src 'self'; img-src data:; form-action 'self'; base-uri 'none'";

pub async fn page() -> Response {
    let html = format!("{HEAD}<style>{PAGE_CSS}{FORM_CSS}</style>\n</head>\n{BODY}");
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        html,
    )
        .into_response()
}

const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>stance: classify an article</title>\n";

const FORM_CSS: &str = r#"
.ask { background:#fff; border:1px solid var(--line); border-radius:8px; padding:.8rem 1rem; }
.ask label { font-weight:600; display:block; margin:.2rem 0 .3rem; }
.ask textarea { width:100%; min-height:11rem; font:inherit; font-size:.95rem; padding:.5rem; border:1px solid #b9c0c8; border-radius:6px; resize:vertical; }
.ask .row { display:flex; flex-wrap:wrap; gap:.8rem; align-items:center; margin-top:.6rem; }
.ask button { font:inherit; font-weight:600; padding:.45rem 1.3rem; border-radius:6px; border:1px solid #1d4f91; background:#1d4f91; color:#fff; cursor:pointer; }
.ask button:disabled { opacity:.6; cursor:progress; }
.ask input[type=file] { font-size:.85rem; max-width:100%; }
.status { min-height:1.4rem; margin:.6rem 0; color:var(--muted); }
.status.error { color:#9b1c1c; font-weight:600; }
"#;

const BODY: &str = r#"<body>
<main class="stance-page">
<h1>Stance, sentiment and speakers of a news article</h1>
<form class="ask" id="ask">
<label for="text">Paste an article (headline, paragraphs separated by blank lines)</label>
<textarea id="text" name="text" spellcheck="false"></textarea>
<div class="row">
<label for="file" style="display:inline;font-weight:400">or upload a .txt, .html or .jsonl file:</label>
<input type="file" id="file" name="file" accept=".txt,.text,.html,.htm,.jsonl"/>
<button type="submit" id="classify">Classify</button>
</div>
</form>
<p class="status" id="status" role="status" aria-live="polite"></p>
<section id="result" aria-label="Result"></section>
</main>
<script>
(function () {
  var form = document.getElementById('ask');
  var text = document.getElementById('text');
  var file = document.getElementById('file');
  var button = document.getElementById('classify');
  var status = document.getElementById('status');
  var result = document.getElementById('result');
  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? 'status error' : 'status';
  }
  function send(body, type, name) {
    var url = '/api/render?explain=5' + (name ? '&filename=' + encodeURIComponent(name) : '');
    return fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body: body });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var chosen = file.files && file.files[0];
    if (!chosen && !text.value.trim()) { say('Paste an article or choose a file first.', true); return; }
    button.disabled = true;
    say('Classifying…', false);
    var request = chosen
      ? chosen.arrayBuffer().then(function (bytes) { return send(bytes, 'application/octet-stream', chosen.name); })
      : send(text.value, 'text/plain; charset=utf-8', null);
    request.then(function (response) {
      if (response.ok) {
        return response.text().then(function (html) {
          result.innerHTML = html;
          say('Done. Hover or focus (Tab) a sentence for its probabilities.', false);
        });
      }
      return response.json().then(function (body) { say('Error: ' + body.error, true); },
                                  function () { say('Error: HTTP ' + response.status, true); });
    }).catch(function () { say('Error: the server did not answer.', true); })
      .finally(function () { button.disabled = false; });
  });
})();
</script>
</body>
</html>
"#;
