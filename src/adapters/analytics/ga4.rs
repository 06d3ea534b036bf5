//! Google Analytics 4: events through the Measurement Protocol, reports through the Data API
//! (`reference/services.md` §5a, §5b).
//!
//! Two hosts with different credentials, so two transport clients ([`Account::connect`]):
//!
//! **Measurement Protocol** (needs `measurement_id`; secret `api_secret`) [D]:
//! - `POST https://www.google-analytics.com/mp/collect?measurement_id=G-…&api_secret=…`, body
//!   `{"client_id","timestamp_micros","events":[{"name","params"}]}`. `client_id` is the event's
//!   `distinct_id`, so a batch is sent as one request per client id (in order of first
//!   appearance). Each event also carries its own `timestamp_micros` [U: Google's reference
//!   documents the event-level field as overriding the request's; services.md names only the
//!   request-level one]. The insert id travels as the param `insert_id` (GA4 does not dedupe by
//!   it; it is there to find duplicates in BigQuery exports).
//! - At most 25 events per request ([`Info::max_batch`]) and 130 kB per body (cut with
//!   [`super::split_by_size`]).
//! - The answer is 2xx (204) for anything Google received, valid or not, and invalid events are
//!   dropped silently; Google advises against retrying non-2xx blindly, so the request is not
//!   marked retry-safe (a 429 is still retried: it was not processed). Because Google will not
//!   say, `send` checks each event first and reports the ones GA4 would drop in
//!   [`SendReport::rejected`] without sending them: event and param names at most 40 characters
//!   of letters, digits and `_` starting with a letter, not a reserved name or prefix (`_`,
//!   `firebase_`, `ga_`, `google_`, `gtag.`; reserved event names such as `session_start`
//!   [U/3P: Google's list, not read in full]); at most 25 params; string values at most 100
//!   characters; params are strings or numbers (booleans are sent as `"true"`/`"false"`, nulls
//!   left out); events older than 72 hours (GA4's backdating window) are refused too.
//! - `validate()`: the same requests, unchecked, to `/debug/mp/collect`, which answers
//!   `{"validationMessages":[{"fieldPath","description","validationCode"}]}` and records nothing;
//!   a `fieldPath` `events[k]…` is renumbered to the event's index in the batch. The validation
//!   server does not check `api_secret` or `measurement_id` [D], so neither can `probe()`.
//! - `api_secret` is a query parameter: the transport's log masks it in every URL it prints
//!   (`SECRET_PARAMS` in `transport/log.rs`), and error messages show masked URLs.
//!
//! **Data API** (needs `property_id`, `service_account`, `private_key_id`; secret
//! `private_key`, the PEM from the service account's JSON key file) [D/V]:
//! - Token: an RS256 JWT (`iss` = `service_account`, `scope` =
//!   `https://www.googleapis.com/auth/analytics.readonly`, `aud` =
//!   `https://oauth2.googleapis.com/token`, `kid` = `private_key_id`, one hour) exchanged at
//!   `https://oauth2.googleapis.com/token` by the transport's `GrantStyle::JwtBearer`
//!   (cached, renewed before expiry and once after a 401).
//! - `POST https://analyticsdata.googleapis.com/v1beta/properties/{property_id}:runReport` with
//!   `dateRanges`, `dimensions`, `metrics`, `offset`, `limit`; paged by `offset` against
//!   `rowCount` (absent when there are no rows) until `ReportQuery::limit` or the end, up to
//!   10,000 rows a page (the API's default `limit`). Values stay strings.
//! - Errors: `{"error":{"code","message","status"}}` (the token endpoint: `{"error",
//!   "error_description"}`) → the message and status in the error text; `RESOURCE_EXHAUSTED`
//!   (429) is retried with backoff, then a rate-limit error.
//!
//! One `url` override maps all three Google hosts onto one base (the sandbox's `/ga4`):
//! `{url}/mp/collect`, `{url}/debug/mp/collect`, `{url}/token` and
//! `{url}/v1beta/properties/…:runReport`. The JWT's `aud` stays Google's token URI.

use super::{Account, Analytics, Info, split_by_size};
use crate::domain::{AnalyticsEvent, EventFailure, Report, ReportQuery, SendReport, ValidationMessage};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, GrantStyle, JwtGrant, Request, TokenSource, VendorHooks};
use async_trait::async_trait;
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::sync::Arc;

pub static INFO: Info =
    Info { name: "ga4", display: "Google Analytics 4", max_batch: MAX_EVENTS, secret_fields, build };

/// Most events one Measurement Protocol request may carry.
pub const MAX_EVENTS: usize = 25;
/// Most bytes one Measurement Protocol body may have.
pub const MAX_BODY: usize = 130_000;
/// Most params per event.
pub const MAX_PARAMS: usize = 25;
/// Longest event or param name.
pub const MAX_NAME: usize = 40;
/// Longest string param value.
pub const MAX_VALUE: usize = 100;
/// How far back an event may be dated.
pub const MAX_AGE_MS: i64 = 72 * 3600 * 1000;
/// Rows per `runReport` page.
pub const PAGE_SIZE: u64 = 10_000;

pub const MP_HOST: &str = "https://www.google-analytics.com";
pub const DATA_HOST: &str = "https://analyticsdata.googleapis.com";
pub const TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
pub const SCOPE: &str = "https://www.googleapis.com/auth/analytics.readonly";

/// Name prefixes GA4 reserves.
pub const RESERVED_PREFIXES: &[&str] = &["_", "firebase_", "ga_", "google_", "gtag."];
/// Event names GA4 reserves [U/3P].
pub const RESERVED_EVENTS: &[&str] = &[
    "ad_activeview",
    "ad_click",
    "ad_exposure",
    "ad_impression",
    "ad_query",
    "ad_reward",
    "adunit_exposure",
    "app_clear_data",
    "app_exception",
    "app_install",
    "app_remove",
    "app_store_refund",
    "app_update",
    "app_upgrade",
    "dynamic_link_app_open",
    "dynamic_link_app_update",
    "dynamic_link_first_open",
    "error",
    "first_open",
    "first_visit",
    "in_app_purchase",
    "notification_dismiss",
    "notification_foreground",
    "notification_open",
    "notification_receive",
    "os_update",
    "session_start",
    "user_engagement",
];

const HOOKS: VendorHooks = VendorHooks { error_message, throttled: |_| None, pace: |_| None };

fn secret_fields(cfg: &crate::config::AnalyticsServiceConfig) -> &'static [&'static str] {
    match (cfg.measurement_id.is_some(), cfg.property_id.is_some()) {
        (true, true) => &["api_secret", "private_key"],
        (true, false) => &["api_secret"],
        (false, true) => &["private_key"],
        (false, false) => &[],
    }
}

fn build(account: Account) -> Result<Box<dyn Analytics>> {
    Ok(Box::new(Ga4::new(account, PAGE_SIZE)?))
}

/// Google's `{"error":{"code","message","status"}}`, or the token endpoint's
/// `{"error":"invalid_grant","error_description":"…"}` → `message [STATUS]`.
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        error: Option<Value>,
        error_description: Option<String>,
    }
    let b: Body = serde_json::from_slice(body).ok()?;
    let (message, code) = match b.error? {
        Value::Object(e) => (
            e.get("message").and_then(Value::as_str).map(str::to_string),
            e.get("status").and_then(Value::as_str).map(str::to_string),
        ),
        Value::String(code) => (b.error_description, Some(code)),
        _ => return None,
    };
    crate::adapters::carriers::code_messages([(code, message)])
}

// ---- name rules -------------------------------------------------------------------------------

/// Why GA4 would drop a name: `(validation code, message)`.
pub fn name_problem(name: &str, event: bool) -> Option<(&'static str, String)> {
    let what = if event { "event name" } else { "param name" };
    if name.is_empty() {
        return Some(("VALUE_REQUIRED", format!("the {what} is empty")));
    }
    if name.chars().count() > MAX_NAME {
        return Some(("NAME_INVALID", format!("the {what} `{name}` is longer than {MAX_NAME} characters")));
    }
    if let Some(p) = RESERVED_PREFIXES.iter().find(|p| name.starts_with(*p)) {
        return Some(("NAME_RESERVED", format!("the {what} `{name}` starts with the reserved prefix `{p}`")));
    }
    let ok_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok_chars || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some((
            "NAME_INVALID",
            format!("the {what} `{name}` must be letters, digits and underscores, starting with a letter"),
        ));
    }
    if event && RESERVED_EVENTS.contains(&name) {
        return Some(("NAME_RESERVED", format!("`{name}` is an event name GA4 reserves")));
    }
    None
}

/// The params of an event: its properties as GA4 takes them, plus `insert_id`.
fn params(e: &AnalyticsEvent) -> Map<String, Value> {
    let mut p = Map::new();
    for (k, v) in &e.properties {
        let v = match v {
            Value::Null => continue,
            Value::Bool(b) => json!(b.to_string()),
            other => other.clone(),
        };
        p.insert(k.clone(), v);
    }
    p.insert("insert_id".into(), json!(e.insert_id));
    p
}

/// One event as the Measurement Protocol takes it.
fn ga4_event(e: &AnalyticsEvent) -> Value {
    json!({"name": e.name, "params": params(e), "timestamp_micros": e.time_ms.saturating_mul(1000)})
}

/// Why GA4 would drop this event (checked before sending), as `(field, message)`.
pub fn event_problem(e: &AnalyticsEvent, now_ms: i64) -> Option<(String, String)> {
    if let Some((_, m)) = name_problem(&e.name, true) {
        return Some(("name".into(), m));
    }
    if e.distinct_id.trim().is_empty() {
        return Some(("client_id".into(), "the event has no distinct id to send as client_id".into()));
    }
    if now_ms - e.time_ms > MAX_AGE_MS {
        return Some((
            "timestamp_micros".into(),
            "the event is older than 72 hours, GA4's backdating window; GA4 would drop it".into(),
        ));
    }
    let p = params(e);
    if p.len() > MAX_PARAMS {
        return Some(("params".into(), format!("{} params; GA4 takes at most {MAX_PARAMS}", p.len())));
    }
    for (k, v) in &p {
        if let Some((_, m)) = name_problem(k, false) {
            return Some((format!("params.{k}"), m));
        }
        match v {
            Value::String(s) if s.chars().count() > MAX_VALUE => {
                return Some((format!("params.{k}"), format!("longer than {MAX_VALUE} characters")));
            }
            Value::String(_) | Value::Number(_) => {}
            _ => return Some((format!("params.{k}"), "GA4 params are strings or numbers".into())),
        }
    }
    None
}

/// The requests for some events (their batch indexes): one client id each, at most 25 events
/// and [`MAX_BODY`] bytes. Returns `(indexes, body)` pairs.
fn requests(events: &[AnalyticsEvent], indexes: &[usize]) -> Vec<(Vec<usize>, Value)> {
    let mut clients: Vec<&str> = Vec::new();
    for &i in indexes {
        if !clients.contains(&events[i].distinct_id.as_str()) {
            clients.push(&events[i].distinct_id);
        }
    }
    let mut out = Vec::new();
    for client in clients {
        let mine: Vec<usize> = indexes.iter().copied().filter(|&i| events[i].distinct_id == client).collect();
        let encoded: Vec<Value> = mine.iter().map(|&i| ga4_event(&events[i])).collect();
        let sizes: Vec<usize> = encoded.iter().map(|v| v.to_string().len()).collect();
        let overhead = client.len() + 80;
        for run in split_by_size(&sizes, MAX_BODY, 1, overhead) {
            for sub in run.clone().step_by(MAX_EVENTS).map(|s| s..(s + MAX_EVENTS).min(run.end)) {
                let first = mine[sub.start];
                let body = json!({
                    "client_id": client,
                    "timestamp_micros": events[first].time_ms.saturating_mul(1000),
                    "events": encoded[sub.clone()],
                });
                out.push((mine[sub].to_vec(), body));
            }
        }
    }
    out
}

/// `events[k]…` in a request → `events[i]…` with `i` the event's index in the batch.
fn renumber(path: &str, indexes: &[usize]) -> String {
    let Some(rest) = path.strip_prefix("events[") else { return path.to_string() };
    let Some((k, tail)) = rest.split_once(']') else { return path.to_string() };
    match k.parse::<usize>().ok().and_then(|k| indexes.get(k)) {
        Some(i) => format!("events[{i}]{tail}"),
        None => path.to_string(),
    }
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DebugAnswer {
    #[serde(default)]
    validation_messages: Vec<DebugMessage>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DebugMessage {
    field_path: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    validation_code: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RunReport {
    #[serde(default)]
    dimension_headers: Vec<Header>,
    #[serde(default)]
    metric_headers: Vec<Header>,
    #[serde(default)]
    rows: Vec<Row>,
    #[serde(default, deserialize_with = "super::lenient::count")]
    row_count: u64,
}

#[derive(Debug, Deserialize)]
struct Header {
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    #[serde(default)]
    dimension_values: Vec<Cell>,
    #[serde(default)]
    metric_values: Vec<Cell>,
}

#[derive(Debug, Deserialize)]
struct Cell {
    #[serde(default, deserialize_with = "super::lenient::string")]
    value: String,
}

// ---- the adapter ------------------------------------------------------------------------------

struct Mp {
    client: Client,
    measurement_id: String,
    api_secret: Secret,
}

struct Data {
    client: Client,
    property_id: String,
}

struct Ga4 {
    name: String,
    mp: Option<Mp>,
    data: Option<Data>,
    page_size: u64,
}

impl Ga4 {
    fn new(account: Account, page_size: u64) -> Result<Ga4> {
        let cfg = &account.config;
        if cfg.measurement_id.is_none() && cfg.property_id.is_none() {
            return Err(Error::usage(format!(
                "analytics {}: GA4 needs measurement_id (to send events) and/or property_id (for reports)",
                account.name
            ))
            .with_hint(format!(
                "add measurement_id = \"G-…\" or property_id = \"…\" under [profiles.….analytics.{}]",
                account.name
            )));
        }
        let mp = match &cfg.measurement_id {
            None => None,
            Some(_) => Some(Mp {
                measurement_id: account
                    .setting(&cfg.measurement_id, "measurement_id", "the web stream's G-… id")?
                    .into(),
                api_secret: account.secret("api_secret")?,
                client: (account.connect)(account.base_url(MP_HOST)?, AuthScheme::None, HOOKS)?,
            }),
        };
        let data = match &cfg.property_id {
            None => None,
            Some(_) => {
                let property_id =
                    account.setting(&cfg.property_id, "property_id", "the GA4 property id")?.to_string();
                let issuer = account
                    .setting(&cfg.service_account, "service_account", "the service account's client_email")?
                    .to_string();
                let key_id = account
                    .setting(&cfg.private_key_id, "private_key_id", "the key file's private_key_id")?
                    .to_string();
                let token_url = match &cfg.url {
                    Some(u) => format!("{}/token", u.as_str().trim_end_matches('/')),
                    None => TOKEN_URI.to_string(),
                };
                let grant = JwtGrant {
                    issuer,
                    subject: None,
                    audience: TOKEN_URI.into(),
                    scope: Some(SCOPE.into()),
                    key_id: Some(key_id),
                    lifetime: std::time::Duration::from_secs(3600),
                };
                let source = TokenSource::new(
                    token_url,
                    String::new(),
                    account.secret("private_key")?,
                    GrantStyle::JwtBearer(grant),
                );
                let auth = AuthScheme::Token {
                    name: reqwest::header::AUTHORIZATION,
                    prefix: "Bearer ",
                    source: Arc::new(source),
                };
                Some(Data {
                    client: (account.connect)(account.base_url(DATA_HOST)?, auth, HOOKS)?,
                    property_id,
                })
            }
        };
        Ok(Ga4 { name: account.name, mp, data, page_size })
    }

    fn mp(&self) -> Result<&Mp> {
        self.mp.as_ref().ok_or_else(|| {
            Error::usage(format!("analytics {}: sending to GA4 needs measurement_id", self.name))
                .with_hint(format!("add measurement_id = \"G-…\" under [profiles.….analytics.{}] and store its api_secret with `shopdesk auth login {} --field api_secret`", self.name, self.name))
        })
    }

    fn data(&self) -> Result<&Data> {
        self.data.as_ref().ok_or_else(|| {
            Error::usage(format!("analytics {}: GA4 reports need property_id", self.name)).with_hint(format!(
                "add property_id, service_account and private_key_id under [profiles.….analytics.{}] and store the key with `shopdesk auth login {} --field private_key`",
                self.name, self.name
            ))
        })
    }

    fn collect(&self, mp: &Mp, path: &str, body: Value) -> Request {
        Request::post(path)
            .query("measurement_id", mp.measurement_id.clone())
            .query("api_secret", mp.api_secret.expose())
            .json(body)
    }

    async fn run_report(
        &self,
        data: &Data,
        query: &ReportQuery,
        offset: u64,
        limit: u64,
    ) -> Result<RunReport> {
        let names = |v: &[String]| v.iter().map(|n| json!({"name": n})).collect::<Vec<_>>();
        let body = json!({
            "dateRanges": [{"startDate": query.start_date, "endDate": query.end_date}],
            "dimensions": names(&query.dimensions),
            "metrics": names(&query.metrics),
            "offset": offset,
            "limit": limit,
        });
        let req = Request::post(&format!("v1beta/properties/{}:runReport", data.property_id))
            .json(body)
            .retry_safe();
        let resp = data.client.send(req).await?;
        resp.json(&data.client.name)
    }
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[async_trait]
impl Analytics for Ga4 {
    fn info(&self) -> &'static Info {
        &INFO
    }

    async fn send(&self, events: &[AnalyticsEvent]) -> Result<SendReport> {
        let mp = self.mp()?;
        let now = now_ms();
        let mut report = SendReport::default();
        let mut ok = Vec::new();
        for (i, e) in events.iter().enumerate() {
            match event_problem(e, now) {
                Some((field, message)) => report.rejected.push(EventFailure {
                    index: i,
                    insert_id: Some(e.insert_id.clone()),
                    field: Some(field),
                    message,
                }),
                None => ok.push(i),
            }
        }
        for (indexes, body) in requests(events, &ok) {
            // Any 2xx means Google received it; it never says more.
            mp.client.send(self.collect(mp, "mp/collect", body)).await?;
            report.accepted += indexes.len();
        }
        Ok(report)
    }

    async fn validate(&self, events: &[AnalyticsEvent]) -> Result<Vec<ValidationMessage>> {
        let mp = self.mp()?;
        let all: Vec<usize> = (0..events.len()).collect();
        let mut out = Vec::new();
        for (indexes, body) in requests(events, &all) {
            let resp = mp.client.send(self.collect(mp, "debug/mp/collect", body).retry_safe()).await?;
            let a: DebugAnswer = resp.json(&mp.client.name)?;
            out.extend(a.validation_messages.into_iter().map(|m| ValidationMessage {
                field: m.field_path.map(|p| renumber(&p, &indexes)),
                code: m.validation_code,
                description: m.description,
            }));
        }
        Ok(out)
    }

    async fn report(&self, query: &ReportQuery) -> Result<Report> {
        let data = self.data()?;
        let mut report = Report::default();
        let mut offset = 0u64;
        loop {
            let want = match query.limit {
                Some(l) => l.saturating_sub(report.rows.len() as u64).min(self.page_size),
                None => self.page_size,
            };
            if want == 0 {
                break;
            }
            let page = self.run_report(data, query, offset, want).await?;
            if offset == 0 {
                report.dimensions = page.dimension_headers.into_iter().map(|h| h.name).collect();
                report.metrics = page.metric_headers.into_iter().map(|h| h.name).collect();
                if report.dimensions.is_empty() && report.metrics.is_empty() {
                    (report.dimensions, report.metrics) = (query.dimensions.clone(), query.metrics.clone());
                }
            }
            report.row_count = page.row_count;
            let n = page.rows.len() as u64;
            report.rows.extend(
                page.rows.into_iter().map(|r| {
                    r.dimension_values.into_iter().chain(r.metric_values).map(|c| c.value).collect()
                }),
            );
            offset += n;
            if n == 0 || offset >= page.row_count {
                break;
            }
        }
        Ok(report)
    }

    async fn probe(&self) -> Result<String> {
        let mut done = Vec::new();
        if let Some(data) = &self.data {
            let q = ReportQuery {
                metrics: vec!["activeUsers".into()],
                dimensions: vec![],
                start_date: "yesterday".into(),
                end_date: "today".into(),
                limit: Some(1),
            };
            self.run_report(data, &q, 0, 1).await?;
            done.push(format!(
                "Data API: service-account token accepted, property {} readable",
                data.property_id
            ));
        }
        if let Some(mp) = &self.mp {
            let probe = AnalyticsEvent {
                name: "shopdesk_probe".into(),
                distinct_id: "shopdesk-probe".into(),
                time_ms: now_ms(),
                insert_id: "shopdesk-probe".into(),
                properties: Default::default(),
            };
            let msgs = self.validate(std::slice::from_ref(&probe)).await?;
            if let Some(m) = msgs.first() {
                return Err(Error::general(format!(
                    "{}: the validation server refused a minimal event: {} [{}]",
                    mp.client.name, m.description, m.code
                )));
            }
            done.push(format!(
                "Measurement Protocol reachable for {} (GA4 cannot confirm api_secret: it accepts any request)",
                mp.measurement_id
            ));
        }
        Ok(done.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AnalyticsServiceConfig;
    use crate::sandbox::{Options, Sandbox, demo};
    use crate::transport::{Settings, log::Logger};
    use std::collections::{BTreeMap, HashMap};

    fn event(name: &str, client: &str, props: &[(&str, Value)]) -> AnalyticsEvent {
        AnalyticsEvent {
            name: name.into(),
            distinct_id: client.into(),
            time_ms: now_ms(),
            insert_id: format!("id-{name}"),
            properties: props.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<BTreeMap<_, _>>(),
        }
    }

    fn config(url: &str) -> AnalyticsServiceConfig {
        AnalyticsServiceConfig {
            service: "ga4".into(),
            url: Some(url.parse().unwrap()),
            measurement_id: Some(demo::GA4_MEASUREMENT_ID.into()),
            property_id: Some(demo::GA4_PROPERTY_ID.into()),
            service_account: Some(demo::GA4_SERVICE_ACCOUNT.into()),
            private_key_id: Some(demo::GA4_PRIVATE_KEY_ID.into()),
            ..Default::default()
        }
    }

    fn ga4(url: &str, page_size: u64) -> Ga4 {
        let settings = Settings { max_retries: 1, ..Settings::default() };
        let account = Account {
            name: "ga4".into(),
            config: config(url),
            secrets: HashMap::from([
                ("api_secret", Secret::new(demo::GA4_API_SECRET)),
                ("private_key", Secret::new(demo::GA4_PRIVATE_KEY)),
            ]),
            connect: Box::new(move |url, auth, hooks| {
                Client::new("ga4 (ga4)".into(), url, auth, hooks, settings.clone(), Arc::new(Logger::quiet()))
            }),
        };
        Ga4::new(account, page_size).unwrap()
    }

    #[test]
    fn secret_fields_follow_the_configuration() {
        let mut c = AnalyticsServiceConfig { service: "ga4".into(), ..Default::default() };
        assert!(secret_fields(&c).is_empty());
        c.measurement_id = Some("G-1".into());
        assert_eq!(secret_fields(&c), ["api_secret"]);
        c.property_id = Some("1".into());
        assert_eq!(secret_fields(&c), ["api_secret", "private_key"]);
        c.measurement_id = None;
        assert_eq!(secret_fields(&c), ["private_key"]);
    }

    #[test]
    fn name_rules() {
        assert_eq!(name_problem("order_lookup", true), None);
        assert_eq!(name_problem(&"a".repeat(40), true), None);
        assert_eq!(name_problem(&"a".repeat(41), true).unwrap().0, "NAME_INVALID");
        assert_eq!(name_problem("1st", true).unwrap().0, "NAME_INVALID");
        assert_eq!(name_problem("order-lookup", true).unwrap().0, "NAME_INVALID");
        assert_eq!(name_problem("_hidden", true).unwrap().0, "NAME_RESERVED");
        assert_eq!(name_problem("google_thing", false).unwrap().0, "NAME_RESERVED");
        assert_eq!(name_problem("session_start", true).unwrap().0, "NAME_RESERVED");
        assert_eq!(name_problem("session_start", false), None, "reserved as an event, not as a param");
        assert_eq!(name_problem("", true).unwrap().0, "VALUE_REQUIRED");
    }

    #[test]
    fn events_ga4_would_drop_are_found_before_sending() {
        let now = now_ms();
        assert_eq!(event_problem(&event("refund", "c1", &[("amount", json!(12.5))]), now), None);
        let p = |e: &AnalyticsEvent| event_problem(e, now).map(|x| x.0);
        assert_eq!(p(&event("ga_x", "c1", &[])).as_deref(), Some("name"));
        assert_eq!(p(&event("x", "c1", &[("bad key", json!(1))])).as_deref(), Some("params.bad key"));
        assert_eq!(p(&event("x", "c1", &[("long", json!("v".repeat(101)))])).as_deref(), Some("params.long"));
        assert_eq!(p(&event("x", "c1", &[("nested", json!({"a": 1}))])).as_deref(), Some("params.nested"));
        let many: Vec<(String, Value)> = (0..25).map(|i| (format!("p{i}"), json!(i))).collect();
        let many: Vec<(&str, Value)> = many.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        assert_eq!(p(&event("x", "c1", &many)).as_deref(), Some("params"), "25 + insert_id");
        let mut old = event("x", "c1", &[]);
        old.time_ms = now - MAX_AGE_MS - 1;
        assert_eq!(p(&old).as_deref(), Some("timestamp_micros"));
        // Booleans become strings, nulls are left out.
        let e = event("x", "c1", &[("flag", json!(true)), ("none", Value::Null)]);
        let ps = params(&e);
        assert_eq!((ps.get("flag"), ps.get("none")), (Some(&json!("true")), None));
    }

    #[test]
    fn requests_group_by_client_and_cap_at_25() {
        let mut events: Vec<AnalyticsEvent> = (0..30).map(|i| event(&format!("e{i}"), "a", &[])).collect();
        events.insert(1, event("other", "b", &[]));
        let all: Vec<usize> = (0..events.len()).collect();
        let reqs = requests(&events, &all);
        let shape: Vec<(String, usize)> =
            reqs.iter().map(|(ix, b)| (b["client_id"].as_str().unwrap().to_string(), ix.len())).collect();
        assert_eq!(shape, vec![("a".into(), 25), ("a".into(), 5), ("b".into(), 1)]);
        assert_eq!(reqs[2].0, vec![1]);
        assert_eq!(reqs[0].1["events"][0]["params"]["insert_id"], "id-e0");
        assert_eq!(renumber("events[0].params.x", &reqs[2].0), "events[1].params.x");
        assert_eq!(renumber("client_id", &[3]), "client_id");
    }

    #[test]
    fn google_errors_and_report_values_decode() {
        let m = error_message(
            StatusCode::BAD_REQUEST,
            br#"{"error":{"code":400,"message":"Field foo is not a valid metric.","status":"INVALID_ARGUMENT"}}"#,
        );
        assert_eq!(m.as_deref(), Some("Field foo is not a valid metric. [INVALID_ARGUMENT]"));
        let m = error_message(
            StatusCode::BAD_REQUEST,
            br#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#,
        );
        assert_eq!(m.as_deref(), Some("Invalid JWT Signature. [invalid_grant]"));
        let r: RunReport = serde_json::from_str(
            r#"{"dimensionHeaders":[{"name":"date"}],"metricHeaders":[{"name":"activeUsers","type":"TYPE_INTEGER"}],
                "rows":[{"dimensionValues":[{"value":"20260301"}],"metricValues":[{"value":1234}]}],"rowCount":"1"}"#,
        )
        .unwrap();
        assert_eq!((r.rows[0].metric_values[0].value.as_str(), r.row_count), ("1234", 1));
        let empty: RunReport = serde_json::from_str(r#"{"kind":"analyticsData#runReport"}"#).unwrap();
        assert_eq!((empty.rows.len(), empty.row_count), (0, 0));
    }

    #[tokio::test]
    async fn send_validate_and_stored_events() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let g = ga4(&sb.ga4_url(), PAGE_SIZE);
        let batch = vec![
            event("order_lookup", "agent-1", &[("order", json!("#1001"))]),
            event("first_visit", "agent-1", &[]),
            event("refund", "agent-2", &[("amount", json!(12.5))]),
        ];
        let r = g.send(&batch).await.unwrap();
        assert_eq!(r.accepted, 2);
        assert_eq!((r.rejected[0].index, r.rejected[0].field.as_deref()), (1, Some("name")));
        let stored: Vec<Value> = reqwest::get(format!("{}/_sandbox/ga4/events", sb.base_url()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let names: Vec<&str> = stored.iter().map(|e| e["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["order_lookup", "refund"]);
        assert_eq!(stored[1]["client_id"], "agent-2");
        // The validation server judges what `send` would have dropped, numbered in the batch.
        let msgs = g.validate(&batch).await.unwrap();
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert_eq!(
            (msgs[0].code.as_str(), msgs[0].field.as_deref()),
            ("NAME_RESERVED", Some("events[1].name"))
        );
        assert!(g.validate(&batch[..1]).await.unwrap().is_empty());
        let probe = g.probe().await.unwrap();
        assert!(probe.contains("Data API") && probe.contains("Measurement Protocol"), "{probe}");
        sb.shutdown().await;
    }

    #[tokio::test]
    async fn reports_page_by_offset_and_the_token_is_renewed() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let g = ga4(&sb.ga4_url(), 7);
        let q = ReportQuery {
            metrics: vec!["transactions".into(), "purchaseRevenue".into(), "activeUsers".into()],
            dimensions: vec!["date".into()],
            start_date: "30daysAgo".into(),
            end_date: "today".into(),
            limit: None,
        };
        let r = g.report(&q).await.unwrap();
        assert_eq!(r.dimensions, ["date"]);
        assert_eq!(r.metrics, ["transactions", "purchaseRevenue", "activeUsers"]);
        assert!(r.row_count > 7, "several pages: {}", r.row_count);
        assert_eq!(r.rows.len() as u64, r.row_count);
        assert!(r.rows.windows(2).all(|w| w[0][0] < w[1][0]), "one row per day, in order");
        assert!(r.rows.iter().all(|row| row[2].parse::<rust_decimal::Decimal>().is_ok()));
        let pages = sb.requests().iter().filter(|x| x.path.ends_with(":runReport")).count() as u64;
        assert_eq!(pages, r.row_count.div_ceil(7));
        let tokens = |sb: &Sandbox| sb.requests().iter().filter(|x| x.path == "/ga4/token").count();
        assert_eq!(tokens(&sb), 1, "the token is cached across pages");
        // A limit stops early; an expired token is renewed once after the 401.
        sb.expire_ga4_tokens();
        let r2 = g.report(&ReportQuery { limit: Some(10), ..q.clone() }).await.unwrap();
        assert_eq!(r2.rows, r.rows[..10].to_vec());
        assert_eq!(tokens(&sb), 2);
        // Unknown metrics are Google's INVALID_ARGUMENT.
        let e = g.report(&ReportQuery { metrics: vec!["bogus".into()], ..q }).await.unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.message.contains("INVALID_ARGUMENT") && e.message.contains("bogus"), "{e}");
        sb.shutdown().await;
    }

    #[tokio::test]
    async fn a_network_error_never_shows_the_api_secret() {
        let g = ga4("http://127.0.0.1:9/ga4", PAGE_SIZE);
        let e = g.send(&[event("refund", "c1", &[])]).await.unwrap_err();
        let text = format!("{e} {:?}", e.hint);
        assert!(text.contains("127.0.0.1") && !text.contains(demo::GA4_API_SECRET), "{text}");
    }

    #[tokio::test]
    async fn a_wrong_key_is_refused_at_the_token_endpoint() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let (other, _) = crate::transport::jwt::tests::test_key();
        let settings = Settings { max_retries: 0, ..Settings::default() };
        let account = Account {
            name: "ga4".into(),
            config: AnalyticsServiceConfig { measurement_id: None, ..config(&sb.ga4_url()) },
            secrets: HashMap::from([("private_key", other)]),
            connect: Box::new(move |url, auth, hooks| {
                Client::new("ga4 (ga4)".into(), url, auth, hooks, settings.clone(), Arc::new(Logger::quiet()))
            }),
        };
        let g = Ga4::new(account, PAGE_SIZE).unwrap();
        let e = g.probe().await.unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Auth, "{e}");
        assert!(e.message.contains("Invalid JWT Signature"), "{e}");
        sb.shutdown().await;
    }
}
