//! Every failure a client sees is a status code and a JSON body
//! `{"error": "..."}` that names what was wrong with the request, never
//! a file-system path or a backtrace of the server.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("request body is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    /// More articles or sentences than one request may hold.
    #[error("too much in one request: {0}; split it")]
    TooMuch(String),
    #[error("unsupported content type {0:?}; send application/json, text/plain, or application/octet-stream with ?filename=")]
    ContentType(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("invalid request: {0}")]
    BadRequest(String),
    /// A well-formed upload with nothing to classify, such as a web page without an article.
    #[error("{0}")]
    Unprocessable(String),
    #[error("the server is busy; try again shortly")]
    Busy,
    #[error("the request took longer than {} s", .0.as_secs_f64())]
    Timeout(std::time::Duration),
    #[error("not found; see GET / for the page and /api/models, /api/classify, /api/predict, /healthz")]
    NotFound,
    #[error("method not allowed on this path")]
    MethodNotAllowed,
    /// Details stay in the server's log; the client learns only that it failed.
    #[error("internal error")]
    Internal,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::TooLarge { .. } | ApiError::TooMuch(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::ContentType(_) | ApiError::Unsupported(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.to_string() });
        let mut response = (self.status(), Json(body)).into_response();
        if let ApiError::TooLarge { .. } = self {
            // The rest of the body is never read, so the connection cannot carry another request.
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}
