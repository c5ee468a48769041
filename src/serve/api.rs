//! The handlers: `GET /healthz`, `GET /api/models`, `POST /api/classify`
//! (articles → the `classify --format json` reports), `POST /api/render`
//! (the same → the page's HTML view) and `POST /api/predict` (short texts
//! → labels and probabilities, no sentence splitting).

use crate::article::analysis::{analyze_article, AnalyzeOptions, ArticleReport};
use crate::article::units::read_article;
use crate::model::classifier::Classifier;
use crate::render::page::articles_fragment;
use crate::serve::error::ApiError;
use crate::serve::input::{classify_request, media_type, BodyQuery, ClassifyRequest, MAX_UNITS};
use crate::serve::{limited, AppState};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

type Body = Result<Bytes, BytesRejection>;
type BodyQueryResult = Result<Query<BodyQuery>, QueryRejection>;

pub async fn health() -> Response {
    json_response(StatusCode::OK, r#"{"status":"ok"}"#.to_string())
}

pub async fn models(State(state): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, state.models_json.clone())
}

pub async fn classify(
    State(state): State<Arc<AppState>>,
    query: BodyQueryResult,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let request = read_classify(&state, query, &headers, body)?;
    let json = limited(&state, move |state| {
        let single = request.single;
        let reports = analyze(state, request)?;
        let json = if single { serde_json::to_string(&reports[0]) } else { serde_json::to_string(&reports) };
        json.map_err(|_| ApiError::Internal)
    })
    .await?;
    Ok(json_response(StatusCode::OK, json))
}

pub async fn render(
    State(state): State<Arc<AppState>>,
    query: BodyQueryResult,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let request = read_classify(&state, query, &headers, body)?;
    let html = limited(&state, move |state| Ok(articles_fragment(&analyze(state, request)?))).await?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

/// Most short texts in one `POST /api/predict`: a prediction is a few hundred bytes.
const MAX_PREDICT: usize = 10_000;

/// The body of `POST /api/predict`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PredictJson {
    text: Option<String>,
    texts: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct Predicted {
    label: String,
    confidence: f64,
    probabilities: BTreeMap<String, f64>,
}

#[derive(Debug, Serialize)]
struct PredictedText {
    stance: Predicted,
    sentiment: Predicted,
}

pub async fn predict(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let body = read_body(&state, body)?;
    match media_type(&headers).as_str() {
        "application/json" => {}
        other => return Err(ApiError::ContentType(other.to_string())),
    }
    let request: PredictJson =
        serde_json::from_slice(&body).map_err(|e| ApiError::BadRequest(format!("malformed JSON: {e}")))?;
    let texts = match (request.text, request.texts) {
        (Some(text), None) => vec![text],
        (None, Some(texts)) if texts.len() > MAX_PREDICT => {
            return Err(ApiError::TooMuch(format!("{} texts; at most {MAX_PREDICT}", texts.len())))
        }
        (None, Some(texts)) if !texts.is_empty() => texts,
        _ => return Err(ApiError::BadRequest("send exactly one of \"text\" or \"texts\" (a non-empty list)".into())),
    };
    let json = limited(&state, move |state| {
        let predictions = texts
            .iter()
            .map(|text| {
                Ok(PredictedText {
                    stance: predicted(&state.models.stance, text)?,
                    sentiment: predicted(&state.models.sentiment, text)?,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        serde_json::to_string(&serde_json::json!({ "predictions": predictions })).map_err(|_| ApiError::Internal)
    })
    .await?;
    Ok(json_response(StatusCode::OK, json))
}

fn predicted(classifier: &Classifier, text: &str) -> Result<Predicted, ApiError> {
    let prediction = classifier.classify(text).map_err(|_| ApiError::Internal)?;
    let labels = classifier.labels();
    Ok(Predicted {
        label: labels[prediction.label].clone(),
        confidence: prediction.confidence(),
        probabilities: labels.iter().cloned().zip(prediction.probabilities.iter().copied()).collect(),
    })
}

pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

fn read_body(state: &AppState, body: Body) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge { limit: state.config.max_body },
        _ => ApiError::BadRequest("cannot read the request body".into()),
    })
}

fn read_classify(
    state: &AppState,
    query: BodyQueryResult,
    headers: &HeaderMap,
    body: Body,
) -> Result<ClassifyRequest, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::BadRequest(format!("query: {}", e.body_text())))?;
    let body = read_body(state, body)?;
    classify_request(headers, &query, &body)
}

fn analyze(state: &AppState, request: ClassifyRequest) -> Result<Vec<ArticleReport>, ApiError> {
    // Splitting is cheap next to classifying: count first, so a request of many tiny sentences is refused early.
    let mut units = 0;
    for article in &request.articles {
        units += read_article(&article.text, state.language).len();
        if units > MAX_UNITS {
            return Err(ApiError::TooMuch(format!("more than {MAX_UNITS} sentences and headlines")));
        }
    }
    let options = AnalyzeOptions { explain: request.explain, abstain_below: request.abstain_below, no_context: false };
    request
        .articles
        .iter()
        .map(|article| {
            analyze_article(&article.id, &article.text, &state.models, state.language, options)
                .map_err(|_| ApiError::Internal)
        })
        .collect()
}

fn json_response(status: StatusCode, json: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}
