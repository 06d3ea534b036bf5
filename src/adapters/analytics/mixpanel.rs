//! Mixpanel ingestion: `POST /import` with a service account (`mixpanel/docs`
//! `openapi/ingestion.openapi.yaml`, in `shared/specs/mixpanel/`; `reference/services.md` §5c).
//!
//! Facts this file is built on:
//! - Hosts by data residency (`region`): `us` `https://api.mixpanel.com`, `eu`
//!   `https://api-eu.mixpanel.com`, `in` `https://api-in.mixpanel.com` [V spec `servers`]. The
//!   profile's `url` replaces the host (the sandbox, a proxy).
//! - `POST /import?strict=1&project_id=…`, HTTP Basic with the service account's username and
//!   secret [V spec: `strict` and `project_id` required, Basic `ServiceAccount` scheme].
//!   Body: a JSON array of `{"event","properties":{"time","distinct_id","$insert_id",…}}`;
//!   `time` in seconds or milliseconds (sent here in milliseconds, as the queue keeps it) [V].
//!   Mixpanel dedupes by (event, time, distinct_id, `$insert_id`) [V], so a batch sent again
//!   after a lost answer is harmless: the request is marked retry-safe.
//! - Limits: 2,000 events and 10 MB uncompressed per request [V/D; the spec's 413 example says
//!   2 MB, which Mixpanel's troubleshooting page calls stale]. A batch is cut into requests by
//!   [`super::split_by_size`]; a 413 anyway halves the request and tries again, and a single event
//!   that is still too large is reported as refused. Bodies are not gzipped (optional).
//! - Answers: 200 `{"code":200,"num_records_imported":N,"status":"OK"}`; 400 partial success
//!   `{"num_records_imported":N,"failed_records":[{"index","insert_id","field","message"}]}` → the
//!   refused events in [`SendReport::rejected`] (not an error: sending them again fails the same
//!   way); a 400 without `failed_records` is an error; 401 `{"error":"Invalid credentials"}` →
//!   auth error; 429 `Project exceeded rate limits…` → the transport's backoff [V].
//! - `$insert_id`: at most 36 characters, letters, digits and `-` [U/3P: Mixpanel's docs, not the
//!   spec]. An id outside that form is sent as 32 hex digits of its SHA-256, the same for every
//!   send of the event, so deduplication still holds.
//!
//! Credentials: the service account's secret travels in a Basic header. The transport's
//! `AuthScheme::Basic` refuses plain HTTP (right for WooCommerce, whose stores may really be
//! http), but Mixpanel's own hosts are always HTTPS, and the only plain-HTTP URLs a profile can
//! give are loopback ones ([`super::Account::base_url`] refuses the rest): the sandbox and a local
//! contract proxy, neither of which speaks TLS. So the header is put on each request with
//! [`Request::basic_auth`] (a sensitive header value, `***` in `-vv` logs) instead of a TLS
//! detour through the sandbox's HTTPS listener and a CA file for `--sandbox`.
//!
//! `probe()`: the contract has no credentials-only endpoint and `/import` wants at least one
//! event (`minItems: 1`), so the probe imports one event dated 1970, which strict validation
//! refuses ("events before 1971 are rejected" [V/D]): a 400 with that event in `failed_records`
//! proves the service account and project, and nothing is recorded. [U] that Mixpanel checks
//! credentials before validating events (the docs imply it; a 401 comes first here).

use super::{Account, Analytics, Info, split_by_size};
use crate::domain::{AnalyticsEvent, EventFailure, SendReport};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Body, Client, Request, VendorHooks};
use async_trait::async_trait;
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::ops::Range;

pub static INFO: Info = Info {
    name: "mixpanel",
    display: "Mixpanel",
    max_batch: MAX_EVENTS,
    secret_fields: |_| &["service_account_secret"],
    build,
};

/// Most events one `/import` request may carry.
pub const MAX_EVENTS: usize = 2000;
/// Most uncompressed bytes one `/import` request may carry.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// `region` → host.
pub const REGIONS: &[(&str, &str)] = &[
    ("us", "https://api.mixpanel.com"),
    ("eu", "https://api-eu.mixpanel.com"),
    ("in", "https://api-in.mixpanel.com"),
];

const HOOKS: VendorHooks = VendorHooks { error_message, throttled: |_| None, pace: |_| None };

/// The host for a `region` (default `us`).
pub fn region_host(region: Option<&str>) -> Result<&'static str> {
    let r = region.map(str::trim).filter(|r| !r.is_empty()).unwrap_or("us");
    REGIONS.iter().find(|(k, _)| k.eq_ignore_ascii_case(r)).map(|(_, h)| *h).ok_or_else(|| {
        Error::usage(format!("mixpanel: unknown region `{r}`")).with_hint(
            "region is one of: us (api.mixpanel.com), eu (api-eu.mixpanel.com), in (api-in.mixpanel.com)",
        )
    })
}

fn build(account: Account) -> Result<Box<dyn Analytics>> {
    let host = region_host(account.config.region.as_deref())
        .map_err(|e| e.context(format!("analytics {}", account.name)))?;
    let project_id =
        account.setting(&account.config.project_id, "project_id", "the Mixpanel project id")?.to_string();
    let username =
        account.setting(&account.config.username, "username", "the service account's username")?.to_string();
    let secret = account.secret("service_account_secret")?;
    let client = (account.connect)(account.base_url(host)?, AuthScheme::None, HOOKS)?;
    Ok(Box::new(Mixpanel { project_id, username, secret, client, max_bytes: MAX_BYTES }))
}

/// `{"code","error","status"}` → the error text (with the first refused record, if any).
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    let a: ImportAnswer = serde_json::from_slice(body).ok()?;
    let first = a.failed_records.first().and_then(|f| f.message.clone());
    match (a.error, first) {
        (Some(e), Some(f)) => Some(format!("{e} (first refused event: {f})")),
        (e, f) => e.or(f),
    }
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
struct ImportAnswer {
    #[serde(default, deserialize_with = "super::lenient::count")]
    num_records_imported: u64,
    #[serde(default)]
    failed_records: Vec<FailedRecord>,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FailedRecord {
    #[serde(deserialize_with = "super::lenient::count")]
    index: u64,
    field: Option<String>,
    message: Option<String>,
}

// ---- request shapes ---------------------------------------------------------------------------

/// Mixpanel's `$insert_id` form: the id itself when it fits, else a stable digest of it.
pub fn insert_id(id: &str) -> String {
    let fits = !id.is_empty() && id.len() <= 36 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if fits {
        return id.to_string();
    }
    use sha2::{Digest, Sha256};
    Sha256::digest(id.as_bytes())[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// One event as `/import` takes it; the event's own `time`, `distinct_id` and `$insert_id` win
/// over properties of those names.
pub fn event_json(e: &AnalyticsEvent) -> Value {
    let mut props: serde_json::Map<String, Value> =
        e.properties.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    props.insert("time".into(), json!(e.time_ms));
    props.insert("distinct_id".into(), json!(e.distinct_id));
    props.insert("$insert_id".into(), json!(insert_id(&e.insert_id)));
    json!({"event": e.name, "properties": props})
}

/// A JSON array of already encoded events.
fn array(items: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.iter().map(|i| i.len() + 1).sum::<usize>() + 2);
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item);
    }
    out.push(b']');
    out
}

// ---- the adapter ------------------------------------------------------------------------------

struct Mixpanel {
    project_id: String,
    username: String,
    secret: Secret,
    client: Client,
    max_bytes: usize,
}

/// What one `/import` request came to.
enum Outcome {
    Done(ImportAnswer),
    TooLarge(String),
}

impl Mixpanel {
    async fn import(&self, body: Vec<u8>) -> Result<Outcome> {
        let req = Request {
            body: Body::Raw { content_type: "application/json".into(), bytes: body.into() },
            ..Request::post("import")
        }
        .query("strict", "1")
        .query("project_id", self.project_id.clone())
        .basic_auth(&self.username, &self.secret)
        // Mixpanel dedupes by insert id: repeating the request after a lost answer is harmless.
        .retry_safe();
        let resp = self.client.send_any(req).await?;
        let answer = || resp.json::<ImportAnswer>(&self.client.name);
        match resp.status {
            s if s.is_success() => Ok(Outcome::Done(answer()?)),
            StatusCode::BAD_REQUEST => match answer() {
                Ok(a) if !a.failed_records.is_empty() => Ok(Outcome::Done(a)),
                _ => Err(self.client.status_error(&resp)),
            },
            StatusCode::PAYLOAD_TOO_LARGE => Ok(Outcome::TooLarge(
                error_message(resp.status, &resp.body).unwrap_or_else(|| "request too large".into()),
            )),
            _ => Err(self.client.status_error(&resp)),
        }
    }
}

#[async_trait]
impl Analytics for Mixpanel {
    fn info(&self) -> &'static Info {
        &INFO
    }

    async fn send(&self, events: &[AnalyticsEvent]) -> Result<SendReport> {
        let encoded: Vec<Vec<u8>> =
            events.iter().map(|e| serde_json::to_vec(&event_json(e)).unwrap_or_default()).collect();
        let sizes: Vec<usize> = encoded.iter().map(Vec::len).collect();
        let mut todo: VecDeque<Range<usize>> = split_by_size(&sizes, self.max_bytes, 1, 2)
            .into_iter()
            .flat_map(|r| {
                // And never more than MAX_EVENTS per request, whatever the caller passed.
                r.clone().step_by(MAX_EVENTS).map(move |s| s..(s + MAX_EVENTS).min(r.end))
            })
            .collect();
        let mut report = SendReport::default();
        while let Some(run) = todo.pop_front() {
            match self.import(array(&encoded[run.clone()])).await? {
                Outcome::Done(a) => {
                    report.accepted += a.num_records_imported as usize;
                    for f in a.failed_records {
                        let index = run.start + f.index as usize;
                        report.rejected.push(EventFailure {
                            index,
                            insert_id: events.get(index).map(|e| e.insert_id.clone()),
                            field: f.field,
                            message: f.message.unwrap_or_else(|| "refused by Mixpanel".into()),
                        });
                    }
                }
                Outcome::TooLarge(why) if run.len() > 1 => {
                    let mid = run.start + run.len() / 2;
                    todo.push_front(mid..run.end);
                    todo.push_front(run.start..mid);
                    self.client
                        .logger
                        .note(&format!("{}: {why}; sending the batch in two halves", self.client.name));
                }
                Outcome::TooLarge(why) => report.rejected.push(EventFailure {
                    index: run.start,
                    insert_id: Some(events[run.start].insert_id.clone()),
                    field: None,
                    message: format!("the event alone is larger than Mixpanel accepts (HTTP 413: {why})"),
                }),
            }
        }
        report.rejected.sort_by_key(|f| f.index);
        Ok(report)
    }

    async fn probe(&self) -> Result<String> {
        let probe = json!([{
            "event": "$shopdesk_probe",
            "properties": {"time": 1000, "distinct_id": "shopdesk-probe", "$insert_id": "shopdesk-probe"},
        }]);
        let what = format!("service account {} accepted for project {}", self.username, self.project_id);
        match self.import(serde_json::to_vec(&probe).unwrap_or_default()).await? {
            Outcome::Done(a) if a.num_records_imported == 0 => {
                Ok(format!("{what} (the 1970-dated probe event was refused as intended; nothing recorded)"))
            }
            Outcome::Done(_) => Ok(format!("{what} (note: Mixpanel imported the 1970-dated probe event)")),
            Outcome::TooLarge(why) => Err(Error::unavailable(format!(
                "{}: a one-event probe was refused as too large: {why}",
                self.client.name
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AnalyticsServiceConfig;
    use crate::sandbox::{Options, Sandbox, demo};
    use crate::transport::{Settings, log::Logger};
    use std::collections::{BTreeMap, HashMap};
    use std::sync::Arc;

    pub(crate) fn event(name: &str, insert_id: &str, time_ms: i64) -> AnalyticsEvent {
        AnalyticsEvent {
            name: name.into(),
            distinct_id: "agent-1".into(),
            time_ms,
            insert_id: insert_id.into(),
            properties: BTreeMap::from([("order".to_string(), json!("#1001"))]),
        }
    }

    fn now_ms() -> i64 {
        jiff::Timestamp::now().as_millisecond()
    }

    fn account(url: &str, secret: &str) -> Account {
        let config = AnalyticsServiceConfig {
            service: "mixpanel".into(),
            url: Some(url.parse().unwrap()),
            project_id: Some(demo::MIXPANEL_PROJECT_ID.into()),
            username: Some(demo::MIXPANEL_USERNAME.into()),
            ..Default::default()
        };
        let settings = Settings { max_retries: 1, ..Settings::default() };
        Account {
            name: "mixpanel".into(),
            config,
            secrets: HashMap::from([("service_account_secret", Secret::new(secret))]),
            connect: Box::new(move |url, auth, hooks| {
                Client::new(
                    "mixpanel (mixpanel)".into(),
                    url,
                    auth,
                    hooks,
                    settings.clone(),
                    Arc::new(Logger::quiet()),
                )
            }),
        }
    }

    async fn stored(sb: &Sandbox) -> Vec<Value> {
        let url = format!("{}/_sandbox/mixpanel/events", sb.base_url());
        reqwest::get(url).await.unwrap().json().await.unwrap()
    }

    #[test]
    fn regions_pick_hosts_and_unknown_ones_are_named() {
        assert_eq!(region_host(None).unwrap(), "https://api.mixpanel.com");
        assert_eq!(region_host(Some("EU")).unwrap(), "https://api-eu.mixpanel.com");
        assert_eq!(region_host(Some("in")).unwrap(), "https://api-in.mixpanel.com");
        let e = region_host(Some("apac")).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let hint = e.hint.clone().unwrap_or_default();
        assert!(hint.contains("us") && hint.contains("eu") && hint.contains("in"), "{hint}");
    }

    #[test]
    fn event_shape_and_insert_ids() {
        let mut e = event("order_lookup", "3f2a-01", 1_700_000_000_123);
        e.properties.insert("time".into(), json!(5));
        let v = event_json(&e);
        assert_eq!(v["event"], "order_lookup");
        assert_eq!(v["properties"]["time"], 1_700_000_000_123i64, "the event's own time wins");
        assert_eq!(v["properties"]["distinct_id"], "agent-1");
        assert_eq!(v["properties"]["$insert_id"], "3f2a-01");
        assert_eq!(v["properties"]["order"], "#1001");
        let long = "evt:0123456789abcdef0123456789abcdef:x";
        let id = insert_id(long);
        assert_eq!((id.len(), id.clone()), (32, insert_id(long)), "stable digest");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn answers_decode_with_numbers_as_numbers_or_strings() {
        let a: ImportAnswer = serde_json::from_str(
            r#"{"code":400,"num_records_imported":3,"status":"Bad Request","failed_records":[{"index":1,"insert_id":"x","field":"properties.time","message":"bad time"}]}"#,
        )
        .unwrap();
        assert_eq!((a.num_records_imported, a.failed_records[0].index), (3, 1));
        let a: ImportAnswer = serde_json::from_str(
            r#"{"num_records_imported":"2","failed_records":[{"index":"4","message":"m"}]}"#,
        )
        .unwrap();
        assert_eq!((a.num_records_imported, a.failed_records[0].index), (2, 4));
        let msg = error_message(
            StatusCode::UNAUTHORIZED,
            br#"{"code":401,"error":"Invalid credentials","status":"Unauthorized"}"#,
        );
        assert_eq!(msg.as_deref(), Some("Invalid credentials"));
    }

    #[tokio::test]
    async fn a_batch_is_imported_then_deduplicated() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let mp = build(account(&sb.mixpanel_url(), demo::MIXPANEL_SECRET)).unwrap();
        let t = now_ms();
        let batch = vec![event("order_lookup", "a-1", t), event("refund", "a-2", t + 1)];
        let r = mp.send(&batch).await.unwrap();
        assert_eq!((r.accepted, r.rejected.len()), (2, 0));
        // Sent again (a retry after a lost answer): Mixpanel counts it, stores nothing new.
        let r = mp.send(&batch).await.unwrap();
        assert_eq!(r.accepted, 2);
        let got = stored(&sb).await;
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0]["properties"]["$insert_id"], "a-1");
        sb.shutdown().await;
    }

    #[tokio::test]
    async fn refused_events_are_reported_not_errors() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let mp = build(account(&sb.mixpanel_url(), demo::MIXPANEL_SECRET)).unwrap();
        let t = now_ms();
        let batch = vec![
            event("ok", "b-1", t),
            event("too_old", "b-2", 1000),
            event("ok2", "b-3", t),
            event("future", "b-4", t + 3 * 3600 * 1000),
        ];
        let r = mp.send(&batch).await.unwrap();
        assert_eq!(r.accepted, 2);
        let idx: Vec<usize> = r.rejected.iter().map(|f| f.index).collect();
        assert_eq!(idx, vec![1, 3]);
        assert_eq!(r.rejected[0].insert_id.as_deref(), Some("b-2"));
        assert_eq!(r.rejected[0].field.as_deref(), Some("properties.time"));
        assert_eq!(stored(&sb).await.len(), 2);
        sb.shutdown().await;
    }

    #[tokio::test]
    async fn batches_are_split_by_size_and_a_413_halves_the_request() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let a = account(&sb.mixpanel_url(), demo::MIXPANEL_SECRET);
        let client =
            (a.connect)(a.base_url("https://unused.test").unwrap(), AuthScheme::None, HOOKS).unwrap();
        let small = Mixpanel {
            project_id: demo::MIXPANEL_PROJECT_ID.into(),
            username: demo::MIXPANEL_USERNAME.into(),
            secret: Secret::new(demo::MIXPANEL_SECRET),
            client,
            max_bytes: 250,
        };
        let t = now_ms();
        let batch: Vec<AnalyticsEvent> = (0..6).map(|i| event("e", &format!("c-{i}"), t + i)).collect();
        let r = small.send(&batch).await.unwrap();
        assert_eq!(r.accepted, 6);
        // Each event is about 108 bytes: two fit in 250, three do not.
        let imports = sb.requests().iter().filter(|r| r.path == "/mixpanel/import").count();
        assert_eq!(imports, 3);
        // A 413 (a smaller limit than ours): the request is halved and sent again.
        let mp = build(account(&sb.mixpanel_url(), demo::MIXPANEL_SECRET)).unwrap();
        let url = format!("{}/_sandbox/faults", sb.base_url());
        reqwest::Client::new()
            .post(url)
            .json(&json!({"status": 413, "path": "/mixpanel/import"}))
            .send()
            .await
            .unwrap();
        let batch: Vec<AnalyticsEvent> = (0..4).map(|i| event("e", &format!("d-{i}"), t + i)).collect();
        let r = mp.send(&batch).await.unwrap();
        assert_eq!((r.accepted, r.rejected.len()), (4, 0));
        assert_eq!(stored(&sb).await.len(), 10);
        sb.shutdown().await;
    }

    #[tokio::test]
    async fn wrong_secret_is_an_auth_error_and_the_probe_records_nothing() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let bad = build(account(&sb.mixpanel_url(), "wrong")).unwrap();
        let e = bad.send(&[event("x", "e-1", now_ms())]).await.unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Auth, "{e}");
        assert!(e.message.contains("Invalid credentials"), "{e}");
        assert!(!e.to_string().contains("wrong"));
        let e = bad.probe().await.unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Auth);
        let good = build(account(&sb.mixpanel_url(), demo::MIXPANEL_SECRET)).unwrap();
        let ok = good.probe().await.unwrap();
        assert!(ok.contains("nothing recorded"), "{ok}");
        assert!(stored(&sb).await.is_empty());
        sb.shutdown().await;
    }

    #[tokio::test]
    async fn a_429_is_retried_by_the_transport() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let mp = build(account(&sb.mixpanel_url(), demo::MIXPANEL_SECRET)).unwrap();
        let url = format!("{}/_sandbox/faults", sb.base_url());
        reqwest::Client::new()
            .post(url)
            .json(&json!({"status": 429, "retry_after": 0.01, "path": "/mixpanel/import"}))
            .send()
            .await
            .unwrap();
        let r = mp.send(&[event("x", "f-1", now_ms())]).await.unwrap();
        assert_eq!(r.accepted, 1);
        let statuses: Vec<Option<u16>> = sb.requests().iter().map(|r| r.status).collect();
        assert_eq!(statuses, vec![Some(429), Some(200)]);
        sb.shutdown().await;
    }
}
