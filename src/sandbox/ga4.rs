//! The Google Analytics 4 emulator, mounted at `/ga4/…` in place of three Google hosts:
//! `www.google-analytics.com` (`/ga4/mp/collect`, `/ga4/debug/mp/collect`),
//! `oauth2.googleapis.com` (`/ga4/token`) and `analyticsdata.googleapis.com`
//! (`/ga4/v1beta/properties/{id}:runReport`).
//!
//! Written from `reference/services.md` §5a (Measurement Protocol) and §5b (Data API):
//! - **`POST /mp/collect?measurement_id=…&api_secret=…`** answers 204 to anything it receives,
//!   as Google does. Every event is stored (`GET /_sandbox/ga4/events`) with `valid`: false when
//!   the payload breaks a rule below or the measurement id / api secret are not the demo's
//!   ([`demo::GA4_MEASUREMENT_ID`], [`demo::GA4_API_SECRET`]); only valid ones count in reports.
//! - **`POST /debug/mp/collect`** answers 200 `{"validationMessages":[{"fieldPath",
//!   "description","validationCode"}]}` (empty when valid) and stores nothing; like Google's it
//!   does not check the measurement id or api secret. Rules: `client_id` required
//!   (`VALUE_REQUIRED`); `events` required, at most 25 (`EXCEEDED_MAX_ENTITIES`); event and param
//!   names at most 40 characters of letters, digits and `_`, starting with a letter
//!   (`NAME_INVALID`), not starting with `_`, `firebase_`, `ga_`, `google_`, `gtag.` nor a
//!   reserved event name (`NAME_RESERVED`); at most 25 params (`EXCEEDED_MAX_ENTITIES`); string
//!   values at most 100 characters (`VALUE_OUT_OF_BOUNDS`); values strings or numbers, `items` an
//!   array (`VALUE_INVALID`); `timestamp_micros` (request or event) not older than 72 h
//!   (`VALUE_OUT_OF_BOUNDS` [U]). Descriptions are the sandbox's wording [U]. `NAME_DUPLICATED`
//!   is not produced (a JSON object cannot carry a duplicate key once parsed).
//! - **`POST /token`**: the JWT bearer grant (`grant_type=urn:ietf:params:oauth:grant-type:
//!   jwt-bearer&assertion=…`). The assertion must be RS256-signed by the demo service account's
//!   key ([`demo::GA4_PRIVATE_KEY`], a sandbox-only key; header `kid` =
//!   [`demo::GA4_PRIVATE_KEY_ID`]), with `iss` = [`demo::GA4_SERVICE_ACCOUNT`], `aud` =
//!   `https://oauth2.googleapis.com/token`, a `scope` with `analytics.readonly` or `analytics`,
//!   `exp` in the future and at most an hour after `iat`. Refusals are OAuth errors (400
//!   `invalid_grant` "Invalid JWT Signature.", "Invalid JWT: Failed audience check.", "Invalid
//!   grant: account not found", "Invalid JWT: Token must be a short-lived token (60 minutes)…";
//!   `invalid_scope`; `unsupported_grant_type`) [3P wording]. The answer is
//!   `{"access_token","expires_in","token_type":"Bearer"}` from the shared token table
//!   ([`crate::sandbox::Sandbox::expire_ga4_tokens`] expires them all).
//! - **`POST /v1beta/properties/{id}:runReport`** with a Bearer token (else 401
//!   `UNAUTHENTICATED`); a property other than [`demo::GA4_PROPERTY_ID`] → 403
//!   `PERMISSION_DENIED`. Metrics `eventCount`, `transactions`, `purchaseRevenue` (a decimal
//!   string, in USD: the seeded CAD and EUR orders are converted at fixed sandbox-only rates),
//!   `activeUsers` (distinct users); dimensions `date` (`YYYYMMDD`), `country`, `eventName`.
//!   Anything else → 400 `INVALID_ARGUMENT` in Google's `{"error":{"code","message","status"}}`.
//!   The data: one `purchase` per seeded Shopify order not cancelled (its customer's email as
//!   the user, the shipping country), plus the valid events received on `/mp/collect`
//!   (country `(not set)`). Rows are sorted by their dimension values [U: Google's default
//!   order is unspecified]; `offset`/`limit` page them (limit default 10,000, at most 250,000);
//!   `rowCount` counts them all and, like `rows`, is left out when there are none.
//! - **Dates** (`YYYY-MM-DD`, `today`, `yesterday`, `NdaysAgo`) run on the sandbox clock: today
//!   is the seed's epoch day ([`super::seed::EPOCH`], 2026-11-01), so the seeded orders (all
//!   before it) fill `30daysAgo`…`today` the same way on every run. Events received on
//!   `/mp/collect` are dated on that clock too: received now means the epoch day, and a
//!   `timestamp_micros` an hour ago means an hour before the epoch.
//! - Injected faults use Google's error body ([`fault_body`]; 429 `RESOURCE_EXHAUSTED`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxState};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use super::seed::{self, Store};
use super::tokens::Tokens;
use super::{Options, Shared, demo};

/// Google's token URI: the `aud` every assertion must carry.
pub const TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
const MAX_EVENTS: usize = 25;
const MAX_PARAMS: usize = 25;
const MAX_NAME: usize = 40;
const MAX_VALUE: usize = 100;
const MAX_AGE_MICROS: i64 = 72 * 3600 * 1_000_000;
const RESERVED_PREFIXES: &[&str] = &["_", "firebase_", "ga_", "google_", "gtag."];
const RESERVED_EVENTS: &[&str] = &[
    "ad_click",
    "ad_exposure",
    "ad_impression",
    "ad_query",
    "app_exception",
    "app_remove",
    "app_update",
    "error",
    "first_open",
    "first_visit",
    "in_app_purchase",
    "notification_open",
    "os_update",
    "screen_view",
    "session_start",
    "user_engagement",
];
/// Sandbox-only conversion rates into the property's currency (USD).
const USD_RATES: &[(&str, &str)] = &[("USD", "1"), ("CAD", "0.72"), ("EUR", "1.08")];
const METRICS: &[(&str, &str)] = &[
    ("eventCount", "TYPE_INTEGER"),
    ("transactions", "TYPE_INTEGER"),
    ("purchaseRevenue", "TYPE_CURRENCY"),
    ("activeUsers", "TYPE_INTEGER"),
];
const DIMENSIONS: &[&str] = &["date", "country", "eventName"];

/// One countable thing in the property: a seeded purchase or a received event.
#[derive(Debug, Clone)]
struct Fact {
    date: Date,
    country: String,
    event: String,
    user: String,
    revenue: Decimal,
    transaction: bool,
}

pub(crate) struct State {
    tokens: Tokens,
    public_key: Vec<u8>,
    /// Sandbox clock minus real clock.
    offset: SignedDuration,
    purchases: Vec<Fact>,
    /// Every event received on `/mp/collect`, as stored.
    received: Mutex<Vec<Json>>,
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let data = Store::Shopify.data(opts.seed, opts.orders);
        let rate = |c: &str| {
            USD_RATES
                .iter()
                .find(|(k, _)| *k == c)
                .and_then(|(_, r)| r.parse::<Decimal>().ok())
                .unwrap_or(Decimal::ONE)
        };
        let purchases = data
            .orders
            .iter()
            .filter(|o| o.cancelled_at.is_none())
            .map(|o| Fact {
                date: o.created_at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
                country: o.shipping_address.country.clone(),
                event: "purchase".into(),
                user: data.customers[o.customer].email.clone(),
                revenue: (o.total() * rate(o.currency)).round_dp(2),
                transaction: true,
            })
            .collect();
        State {
            tokens: Tokens::new(opts.token_ttl, 0x06A4_0000),
            public_key: super::jwt::public_key_of(demo::GA4_PRIVATE_KEY),
            offset: seed::epoch().duration_since(Timestamp::now()),
            purchases,
            received: Mutex::new(Vec::new()),
        }
    }

    fn received(&self) -> std::sync::MutexGuard<'_, Vec<Json>> {
        self.received.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every issued token expires now.
    pub(crate) fn expire_tokens(&self) {
        self.tokens.expire_all();
    }

    /// The sandbox-clock day of a real instant.
    fn day(&self, t: Timestamp) -> Date {
        t.checked_add(self.offset).unwrap_or(t).to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/ga4/{*rest}", any(handle))
}

/// The control route (no faults, not logged).
pub(crate) fn control_routes() -> Router<Arc<Shared>> {
    Router::new().route(
        "/_sandbox/ga4/events",
        get(|AxState(s): AxState<Arc<Shared>>| async move { axum::Json(s.ga4.received().clone()) }),
    )
}

/// Google's API error body.
fn google_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(error_json(status, message))).into_response()
}

fn error_json(status: StatusCode, message: &str) -> Json {
    let name = match status.as_u16() {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ => "INTERNAL",
    };
    json!({"error": {"code": status.as_u16(), "message": message, "status": name}})
}

/// The body of an injected fault with this HTTP status.
pub(crate) fn fault_body(status: u16) -> Json {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let message = match status {
        429 => {
            "Exhausted property tokens per hour for a project per property. These quota tokens will return in under an hour. To learn more, see https://developers.google.com/analytics/devguides/reporting/data/v1/quotas"
        }
        503 => "The service is currently unavailable.",
        _ => "Internal error encountered.",
    };
    error_json(code, message)
}

async fn handle(
    AxState(s): AxState<Arc<Shared>>,
    method: Method,
    Path(rest): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let st = &s.ga4;
    let q: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    if method != Method::POST {
        return google_error(StatusCode::NOT_FOUND, "Method not found.");
    }
    match rest.as_str() {
        "mp/collect" => collect(st, &q, &body),
        "debug/mp/collect" => {
            let msgs = match serde_json::from_slice::<Json>(&body) {
                Ok(b) => validate(&b, Timestamp::now()),
                Err(_) => {
                    vec![message("", "Unable to parse Measurement Protocol JSON payload.", "VALUE_INVALID")]
                }
            };
            axum::Json(json!({"validationMessages": msgs})).into_response()
        }
        "token" => token(st, &body),
        r => match r.strip_prefix("v1beta/properties/").and_then(|p| p.strip_suffix(":runReport")) {
            Some(property) => run_report(st, &headers, property, &body),
            None => google_error(StatusCode::NOT_FOUND, "Requested entity was not found."),
        },
    }
}

// ---- Measurement Protocol ---------------------------------------------------------------------

fn message(path: &str, description: &str, code: &str) -> Json {
    json!({"fieldPath": path, "description": description, "validationCode": code})
}

fn name_problem(name: &str, event: bool) -> Option<(&'static str, String)> {
    let chars_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if RESERVED_PREFIXES.iter().any(|p| name.starts_with(p)) || (event && RESERVED_EVENTS.contains(&name)) {
        return Some(("NAME_RESERVED", format!("Name [{name}] is reserved.")));
    }
    if name.chars().count() > MAX_NAME {
        return Some((
            "NAME_INVALID",
            format!("Name [{name}] exceeds the maximum length of {MAX_NAME} characters."),
        ));
    }
    if !chars_ok || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some((
            "NAME_INVALID",
            format!(
                "Name [{name}] must start with a letter and contain only letters, digits and underscores."
            ),
        ));
    }
    None
}

fn too_old(micros: Option<i64>, now: Timestamp) -> bool {
    micros.is_some_and(|m| now.as_microsecond() - m > MAX_AGE_MICROS)
}

/// The validation server's messages for one payload.
fn validate(body: &Json, now: Timestamp) -> Vec<Json> {
    let mut out = Vec::new();
    if body["client_id"].as_str().is_none_or(|c| c.is_empty()) && body.get("app_instance_id").is_none() {
        out.push(message("client_id", "Measurement requires a client_id.", "VALUE_REQUIRED"));
    }
    if too_old(body["timestamp_micros"].as_i64(), now) {
        out.push(message(
            "timestamp_micros",
            "Timestamp is more than 72 hours in the past.",
            "VALUE_OUT_OF_BOUNDS",
        ));
    }
    let events = match body["events"].as_array() {
        Some(e) if !e.is_empty() => e,
        _ => {
            out.push(message("events", "Measurement requires at least one event.", "VALUE_REQUIRED"));
            return out;
        }
    };
    if events.len() > MAX_EVENTS {
        out.push(message(
            "events",
            &format!("A measurement may contain at most {MAX_EVENTS} events."),
            "EXCEEDED_MAX_ENTITIES",
        ));
    }
    for (k, e) in events.iter().enumerate() {
        let at = format!("events[{k}]");
        match e["name"].as_str() {
            None | Some("") => out.push(message(
                &format!("{at}.name"),
                &format!("Event at index: [{k}] requires a name."),
                "VALUE_REQUIRED",
            )),
            Some(n) => {
                if let Some((code, d)) = name_problem(n, true) {
                    out.push(message(
                        &format!("{at}.name"),
                        &format!("Event at index: [{k}] has invalid name. {d}"),
                        code,
                    ));
                }
            }
        }
        if too_old(e["timestamp_micros"].as_i64(), now) {
            out.push(message(
                &format!("{at}.timestamp_micros"),
                "Timestamp is more than 72 hours in the past.",
                "VALUE_OUT_OF_BOUNDS",
            ));
        }
        let Some(params) = e.get("params") else { continue };
        let Some(params) = params.as_object() else {
            out.push(message(&format!("{at}.params"), "Params must be an object.", "VALUE_INVALID"));
            continue;
        };
        if params.len() > MAX_PARAMS {
            out.push(message(
                &format!("{at}.params"),
                &format!("Event at index: [{k}] has more than {MAX_PARAMS} params."),
                "EXCEEDED_MAX_ENTITIES",
            ));
        }
        for (name, v) in params {
            let path = format!("{at}.params.{name}");
            if let Some((code, d)) = name_problem(name, false) {
                out.push(message(&path, &format!("Event at index: [{k}] has invalid param. {d}"), code));
            }
            match v {
                Json::String(s) if s.chars().count() > MAX_VALUE => out.push(message(
                    &path,
                    &format!("Value of param [{name}] exceeds the maximum length of {MAX_VALUE} characters."),
                    "VALUE_OUT_OF_BOUNDS",
                )),
                Json::String(_) | Json::Number(_) => {}
                Json::Array(_) if name == "items" => {}
                _ => out.push(message(
                    &path,
                    &format!("Value of param [{name}] must be a string or a number."),
                    "VALUE_INVALID",
                )),
            }
        }
    }
    out
}

fn collect(st: &State, q: &[(String, String)], body: &[u8]) -> Response {
    let param = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let now = Timestamp::now();
    if let Ok(b) = serde_json::from_slice::<Json>(body) {
        let creds = param("measurement_id") == Some(demo::GA4_MEASUREMENT_ID)
            && param("api_secret") == Some(demo::GA4_API_SECRET);
        let valid = creds && validate(&b, now).is_empty();
        let request_micros = b["timestamp_micros"].as_i64();
        let mut received = st.received();
        for e in b["events"].as_array().into_iter().flatten() {
            let micros = e["timestamp_micros"].as_i64().or(request_micros).unwrap_or(now.as_microsecond());
            let at = Timestamp::from_microsecond(micros).unwrap_or(now);
            received.push(json!({
                "measurement_id": param("measurement_id"),
                "client_id": b["client_id"],
                "name": e["name"],
                "params": e["params"],
                "timestamp_micros": micros,
                "date": st.day(at).strftime("%Y%m%d").to_string(),
                "valid": valid,
            }));
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

// ---- token endpoint ---------------------------------------------------------------------------

fn token(st: &State, body: &[u8]) -> Response {
    let oauth = |e: &str, d: &str| {
        (StatusCode::BAD_REQUEST, axum::Json(json!({"error": e, "error_description": d}))).into_response()
    };
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if field("grant_type") != Some("urn:ietf:params:oauth:grant-type:jwt-bearer") {
        return oauth(
            "unsupported_grant_type",
            &format!("Invalid grant_type: {}", field("grant_type").unwrap_or("")),
        );
    }
    let Some(assertion) = field("assertion") else {
        return oauth("invalid_request", "Missing required parameter: assertion");
    };
    let header = super::jwt::header(assertion);
    let claims = match super::jwt::verify_rs256(assertion, &st.public_key) {
        Ok(c) if header.as_ref().is_some_and(|h| h["kid"] == demo::GA4_PRIVATE_KEY_ID) => c,
        Err(super::jwt::Refusal::Malformed) => {
            return oauth("invalid_grant", "Invalid JWT: could not decode the assertion.");
        }
        _ => return oauth("invalid_grant", "Invalid JWT Signature."),
    };
    if claims["iss"] != demo::GA4_SERVICE_ACCOUNT {
        return oauth("invalid_grant", "Invalid grant: account not found");
    }
    if claims["aud"] != TOKEN_URI {
        return oauth("invalid_grant", "Invalid JWT: Failed audience check.");
    }
    let now = Timestamp::now().as_second();
    let (iat, exp) = (claims["iat"].as_i64().unwrap_or(0), claims["exp"].as_i64().unwrap_or(0));
    if exp <= now || exp - iat > 3600 || iat > now + 300 {
        return oauth(
            "invalid_grant",
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
        );
    }
    let scopes = claims["scope"].as_str().unwrap_or_default();
    let allowed =
        ["https://www.googleapis.com/auth/analytics.readonly", "https://www.googleapis.com/auth/analytics"];
    if !scopes.split(' ').any(|s| allowed.contains(&s)) {
        return oauth("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    }
    let tok = st.tokens.issue("ya29.sbx-ga4.");
    axum::Json(json!({"access_token": tok, "expires_in": st.tokens.ttl.as_secs(), "token_type": "Bearer"}))
        .into_response()
}

// ---- Data API ---------------------------------------------------------------------------------

/// `YYYY-MM-DD`, `today`, `yesterday` or `NdaysAgo` on the sandbox clock.
fn date(spec: &str, today: Date) -> Option<Date> {
    match spec {
        "today" => Some(today),
        "yesterday" => today.yesterday().ok(),
        s => match s.strip_suffix("daysAgo") {
            Some(n) => today.checked_sub(jiff::Span::new().days(n.parse::<i64>().ok()?)).ok(),
            None => s.parse().ok(),
        },
    }
}

fn run_report(st: &State, headers: &HeaderMap, property: &str, body: &[u8]) -> Response {
    if !st.tokens.accepts(headers) {
        return google_error(
            StatusCode::UNAUTHORIZED,
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        );
    }
    if property != demo::GA4_PROPERTY_ID {
        return google_error(
            StatusCode::FORBIDDEN,
            "User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.",
        );
    }
    let bad = |m: String| google_error(StatusCode::BAD_REQUEST, &m);
    let Ok(req) = serde_json::from_slice::<Json>(body) else {
        return bad("Invalid JSON payload received.".into());
    };
    let names = |k: &str| -> Vec<String> {
        req[k]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["name"].as_str().map(str::to_string))
            .collect()
    };
    let (dims, metrics) = (names("dimensions"), names("metrics"));
    if metrics.is_empty() {
        return bad("At least one metric is required.".into());
    }
    if let Some(m) = metrics.iter().find(|m| !METRICS.iter().any(|(n, _)| *n == m.as_str())) {
        return bad(format!(
            "Field {m} is not a valid metric. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema "
        ));
    }
    if let Some(d) = dims.iter().find(|d| !DIMENSIONS.contains(&d.as_str())) {
        return bad(format!(
            "Field {d} is not a valid dimension. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema "
        ));
    }
    let today = st.day(Timestamp::now());
    let mut ranges = Vec::new();
    for r in req["dateRanges"].as_array().into_iter().flatten() {
        let (s, e) = (r["startDate"].as_str().unwrap_or(""), r["endDate"].as_str().unwrap_or(""));
        match (date(s, today), date(e, today)) {
            (Some(a), Some(b)) if a <= b => ranges.push((a, b)),
            (Some(_), Some(_)) => {
                return bad(format!("startDate {s} must be before or equal to endDate {e}."));
            }
            _ => {
                return bad(format!(
                    "Invalid date range: startDate {s:?}, endDate {e:?}: use YYYY-MM-DD, today, yesterday or NdaysAgo."
                ));
            }
        }
    }
    if ranges.is_empty() {
        ranges.push((date("28daysAgo", today).unwrap_or(today), today));
    }
    let offset =
        req["offset"].as_i64().or_else(|| req["offset"].as_str().and_then(|s| s.parse().ok())).unwrap_or(0);
    let limit = req["limit"]
        .as_i64()
        .or_else(|| req["limit"].as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(10_000);
    if offset < 0 || !(1..=250_000).contains(&limit) {
        return bad(format!(
            "limit must be between 1 and 250000 and offset not negative (got limit {limit}, offset {offset})."
        ));
    }
    let received: Vec<Fact> = st
        .received()
        .iter()
        .filter(|e| e["valid"] == true)
        .filter_map(|e| {
            Some(Fact {
                date: e["date"].as_str().and_then(|d| Date::strptime("%Y%m%d", d).ok())?,
                country: "(not set)".into(),
                event: e["name"].as_str()?.to_string(),
                user: e["client_id"].as_str()?.to_string(),
                revenue: Decimal::ZERO,
                transaction: false,
            })
        })
        .collect();
    let mut groups: BTreeMap<Vec<String>, Vec<&Fact>> = BTreeMap::new();
    for f in st.purchases.iter().chain(received.iter()) {
        if !ranges.iter().any(|(a, b)| *a <= f.date && f.date <= *b) {
            continue;
        }
        let key = dims
            .iter()
            .map(|d| match d.as_str() {
                "date" => f.date.strftime("%Y%m%d").to_string(),
                "country" => f.country.clone(),
                _ => f.event.clone(),
            })
            .collect();
        groups.entry(key).or_default().push(f);
    }
    let value = |m: &str, facts: &[&Fact]| -> String {
        match m {
            "eventCount" => facts.len().to_string(),
            "transactions" => facts.iter().filter(|f| f.transaction).count().to_string(),
            "purchaseRevenue" => facts.iter().map(|f| f.revenue).sum::<Decimal>().round_dp(2).to_string(),
            _ => facts.iter().map(|f| f.user.as_str()).collect::<BTreeSet<_>>().len().to_string(),
        }
    };
    let rows: Vec<Json> = groups
        .iter()
        .map(|(key, facts)| {
            json!({
                "dimensionValues": key.iter().map(|v| json!({"value": v})).collect::<Vec<_>>(),
                "metricValues": metrics.iter().map(|m| json!({"value": value(m, facts)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let total = rows.len();
    let page: Vec<Json> = rows.into_iter().skip(offset as usize).take(limit as usize).collect();
    let mut out = json!({
        "dimensionHeaders": dims.iter().map(|d| json!({"name": d})).collect::<Vec<_>>(),
        "metricHeaders": metrics.iter().map(|m| json!({"name": m, "type": METRICS.iter().find(|(n, _)| *n == m.as_str()).map(|(_, t)| *t)})).collect::<Vec<_>>(),
        "metadata": {"currencyCode": "USD", "timeZone": "Etc/UTC"},
        "kind": "analyticsData#runReport",
    });
    if total > 0 {
        out["rowCount"] = json!(total);
    }
    if !page.is_empty() {
        out["rows"] = json!(page);
    }
    axum::Json(out).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dates_run_on_the_given_today() {
        let today: Date = "2026-11-01".parse().unwrap();
        assert_eq!(date("today", today), Some(today));
        assert_eq!(date("yesterday", today), "2026-10-31".parse().ok());
        assert_eq!(date("30daysAgo", today), "2026-10-02".parse().ok());
        assert_eq!(date("2026-03-01", today), "2026-03-01".parse().ok());
        assert_eq!(date("lastweek", today), None);
    }

    #[test]
    fn validation_codes() {
        let now = Timestamp::now();
        let codes = |b: Json| -> Vec<(String, String)> {
            validate(&b, now)
                .iter()
                .map(|m| {
                    (
                        m["fieldPath"].as_str().unwrap().to_string(),
                        m["validationCode"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        };
        assert!(
            codes(json!({"client_id": "c", "events": [{"name": "refund", "params": {"amount": 1}}]}))
                .is_empty()
        );
        assert_eq!(
            codes(json!({"events": [{"name": "x"}]})),
            [("client_id".into(), "VALUE_REQUIRED".into())]
        );
        assert_eq!(codes(json!({"client_id": "c", "events": [{"name": "_x"}]}))[0].1, "NAME_RESERVED");
        assert_eq!(codes(json!({"client_id": "c", "events": [{"name": "9x"}]}))[0].1, "NAME_INVALID");
        let many: Vec<Json> = (0..26).map(|_| json!({"name": "x"})).collect();
        assert_eq!(codes(json!({"client_id": "c", "events": many}))[0].1, "EXCEEDED_MAX_ENTITIES");
        let long = "v".repeat(101);
        assert_eq!(
            codes(json!({"client_id": "c", "events": [{"name": "x", "params": {"p": long}}]})),
            [("events[0].params.p".into(), "VALUE_OUT_OF_BOUNDS".into())]
        );
        assert_eq!(
            codes(json!({"client_id": "c", "events": [{"name": "x", "params": {"p": {"a": 1}}}]}))[0].1,
            "VALUE_INVALID"
        );
        let old = now.as_microsecond() - MAX_AGE_MICROS - 1;
        assert_eq!(
            codes(json!({"client_id": "c", "timestamp_micros": old, "events": [{"name": "x"}]}))[0].1,
            "VALUE_OUT_OF_BOUNDS"
        );
    }
}
