//! The Mixpanel ingestion emulator, mounted at `/mixpanel/…` in place of
//! `https://api.mixpanel.com/…` (any region).
//!
//! Written from `reference/services.md` §5c and Mixpanel's `ingestion.openapi.yaml`
//! (`shared/specs/mixpanel/`):
//! - **`POST /import`**: HTTP Basic with the service account [`demo::MIXPANEL_USERNAME`] /
//!   [`demo::MIXPANEL_SECRET`] and the query `project_id` ([`demo::MIXPANEL_PROJECT_ID`]); a
//!   wrong or missing credential, or another project, answers 401
//!   `{"code":401,"error":"Invalid credentials","status":"Unauthorized"}` (the spec's example);
//!   a missing `project_id` is a 400 [U wording].
//! - Body: a JSON array (`application/json`) or one object per line (`application/x-ndjson`);
//!   more than 10 MB → 413 `request exceeds max limit of 10485760 bytes` (the spec's example
//!   text with the current limit); not JSON, no events, or more than 2,000 → 400 with `error`
//!   [U wording]. A gzip body is not supported here (400).
//! - `strict=1`: each event is checked: `event` a non-empty string, `properties` an object with
//!   `time` (an integer, seconds or milliseconds: values above 10^11 are milliseconds [U]), not
//!   before 1971-01-01 and not more than 1 h in the future, `distinct_id` and `$insert_id`
//!   (at most 36 letters, digits or `-` [U/3P]). Refused events are listed in a 400
//!   `{"code":400,"error","status":"Bad Request","num_records_imported":N,"failed_records":
//!   [{"index","insert_id","field","message"}]}`; the others are imported. `strict=0` (or none)
//!   drops invalid events silently and answers 200.
//! - Deduplication by (event, time, distinct_id, `$insert_id`): a duplicate counts as imported
//!   and replaces the stored one ("only the latest ingested one will be considered").
//! - 413 and 429 as injected faults ([`fault_body`]: the spec's bodies). `GET
//!   /_sandbox/mixpanel/events` lists the stored events (time normalized to milliseconds).

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State as AxState};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::{Value as Json, json};

use super::{Shared, basic_credentials, demo};

/// Most events per request.
pub const MAX_EVENTS: usize = 2000;
/// Most uncompressed bytes per request.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// 1971-01-01T00:00:00Z in milliseconds: earlier events are refused.
const EARLIEST_MS: i64 = 31_536_000_000;

#[derive(Default)]
pub(crate) struct State {
    /// Stored events, deduplicated, in arrival order.
    events: Mutex<Vec<Json>>,
}

impl State {
    fn events(&self) -> std::sync::MutexGuard<'_, Vec<Json>> {
        self.events.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/mixpanel/import", any(import))
}

/// The control route (no faults, not logged).
pub(crate) fn control_routes() -> Router<Arc<Shared>> {
    Router::new().route(
        "/_sandbox/mixpanel/events",
        get(|AxState(s): AxState<Arc<Shared>>| async move { axum::Json(s.mixpanel.events().clone()) }),
    )
}

/// Mixpanel's `{"code","error","status"}` body.
fn body(status: StatusCode, error: &str) -> Json {
    json!({"code": status.as_u16(), "error": error, "status": status.canonical_reason().unwrap_or("Error")})
}

fn answer(status: StatusCode, error: &str) -> Response {
    (status, axum::Json(body(status, error))).into_response()
}

/// The body of an injected fault with this HTTP status.
pub(crate) fn fault_body(status: u16) -> Json {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let error = match status {
        429 => "Project exceeded rate limits. Please retry the request with exponential backoff.".to_string(),
        413 => format!("request exceeds max limit of {MAX_BYTES} bytes"),
        _ => code.canonical_reason().unwrap_or("Error").to_string(),
    };
    body(code, &error)
}

async fn import(
    AxState(s): AxState<Arc<Shared>>,
    method: Method,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    if method != Method::POST {
        return answer(StatusCode::METHOD_NOT_ALLOWED, "use POST");
    }
    let q: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    let param = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let expected = format!("{}:{}", demo::MIXPANEL_USERNAME, demo::MIXPANEL_SECRET);
    if basic_credentials(&headers).as_deref() != Some(expected.as_str()) {
        return answer(StatusCode::UNAUTHORIZED, "Invalid credentials");
    }
    match param("project_id") {
        None => {
            return answer(
                StatusCode::BAD_REQUEST,
                "project_id is required when authenticating with a service account",
            );
        }
        Some(p) if p != demo::MIXPANEL_PROJECT_ID => {
            return answer(StatusCode::UNAUTHORIZED, "Invalid credentials");
        }
        Some(_) => {}
    }
    if raw.len() > MAX_BYTES {
        return answer(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("request exceeds max limit of {MAX_BYTES} bytes"),
        );
    }
    if headers.get("content-encoding").is_some() {
        return answer(
            StatusCode::BAD_REQUEST,
            "the sandbox does not decode compressed bodies; send plain JSON",
        );
    }
    let ndjson = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/x-ndjson"));
    let parsed: Result<Vec<Json>, String> = if ndjson {
        String::from_utf8_lossy(&raw)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).map_err(|e| e.to_string()))
            .collect()
    } else {
        serde_json::from_slice(&raw).map_err(|e| e.to_string())
    };
    let events = match parsed {
        Ok(v) => v,
        Err(e) => {
            return answer(
                StatusCode::BAD_REQUEST,
                &format!("unable to parse the request body as JSON: {e}"),
            );
        }
    };
    if events.is_empty() {
        return answer(StatusCode::BAD_REQUEST, "no events in the request");
    }
    if events.len() > MAX_EVENTS {
        return answer(StatusCode::BAD_REQUEST, &format!("request exceeds max limit of {MAX_EVENTS} events"));
    }
    let strict = param("strict") == Some("1");
    let now_ms = jiff::Timestamp::now().as_millisecond();
    let mut failed = Vec::new();
    let mut imported = 0u64;
    let mut store = s.mixpanel.events();
    for (i, e) in events.into_iter().enumerate() {
        match check(&e, now_ms) {
            Ok(stored) => {
                imported += 1;
                let key = |x: &Json| {
                    (
                        x["event"].clone(),
                        x["properties"]["time"].clone(),
                        x["properties"]["distinct_id"].clone(),
                        x["properties"]["$insert_id"].clone(),
                    )
                };
                match store.iter().position(|x| key(x) == key(&stored)) {
                    Some(at) => store[at] = stored,
                    None => store.push(stored),
                }
            }
            Err((field, message)) => failed.push(json!({
                "index": i,
                "insert_id": e["properties"]["$insert_id"].as_str().unwrap_or_default(),
                "field": field,
                "message": message,
            })),
        }
    }
    if failed.is_empty() || !strict {
        return axum::Json(json!({"code": 200, "num_records_imported": imported, "status": "OK"}))
            .into_response();
    }
    let mut b = body(StatusCode::BAD_REQUEST, "some data points in the request failed validation");
    b["num_records_imported"] = json!(imported);
    b["failed_records"] = json!(failed);
    (StatusCode::BAD_REQUEST, axum::Json(b)).into_response()
}

/// Strict validation of one event: the event as stored (time in milliseconds), or the field
/// and message Mixpanel refuses it with.
fn check(e: &Json, now_ms: i64) -> Result<Json, (&'static str, String)> {
    if e["event"].as_str().is_none_or(|n| n.trim().is_empty()) {
        return Err(("event", "'event' must be a non-empty string".into()));
    }
    let Some(props) = e["properties"].as_object() else {
        return Err(("properties", "'properties' must be an object".into()));
    };
    let time = match props.get("time") {
        None => return Err(("properties.time", "'properties.time' is required".into())),
        Some(t) => t.as_i64().ok_or((
            "properties.time",
            "'properties.time' is invalid: must be specified as seconds since epoch".to_string(),
        ))?,
    };
    let time_ms = if time > 100_000_000_000 { time } else { time.saturating_mul(1000) };
    if time_ms < EARLIEST_MS {
        return Err((
            "properties.time",
            "'properties.time' is invalid: events before 1971-01-01 are rejected".into(),
        ));
    }
    if time_ms > now_ms + 3_600_000 {
        return Err((
            "properties.time",
            "'properties.time' is invalid: events more than 1 hour in the future are rejected".into(),
        ));
    }
    match props.get("distinct_id") {
        Some(Json::String(d)) if !d.is_empty() => {}
        Some(Json::Number(_)) => {}
        _ => return Err(("properties.distinct_id", "'properties.distinct_id' is required".into())),
    }
    match props.get("$insert_id").and_then(Json::as_str) {
        None => return Err(("properties.$insert_id", "'properties.$insert_id' is required".into())),
        Some(id)
            if id.is_empty()
                || id.len() > 36
                || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
        {
            return Err((
                "properties.$insert_id",
                "'properties.$insert_id' is invalid: at most 36 letters, digits or '-'".into(),
            ));
        }
        Some(_) => {}
    }
    let mut stored = e.clone();
    stored["properties"]["time"] = json!(time_ms);
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_checks() {
        let now = 1_800_000_000_000;
        let ev = |props: Json| json!({"event": "x", "properties": props});
        let ok =
            check(&ev(json!({"time": 1_700_000_000, "distinct_id": "d", "$insert_id": "a-1"})), now).unwrap();
        assert_eq!(ok["properties"]["time"], 1_700_000_000_000i64, "seconds are normalized");
        let field = |p: Json| check(&ev(p), now).unwrap_err().0;
        assert_eq!(field(json!({"distinct_id": "d", "$insert_id": "a"})), "properties.time");
        assert_eq!(field(json!({"time": 1000, "distinct_id": "d", "$insert_id": "a"})), "properties.time");
        assert_eq!(
            field(json!({"time": now + 3_700_000, "distinct_id": "d", "$insert_id": "a"})),
            "properties.time"
        );
        assert_eq!(field(json!({"time": now, "$insert_id": "a"})), "properties.distinct_id");
        assert_eq!(field(json!({"time": now, "distinct_id": "d"})), "properties.$insert_id");
        assert_eq!(
            field(json!({"time": now, "distinct_id": "d", "$insert_id": "a:b"})),
            "properties.$insert_id"
        );
        assert_eq!(check(&json!({"properties": {}}), now).unwrap_err().0, "event");
    }
}
