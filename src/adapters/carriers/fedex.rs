//! FedEx Track API ("Basic Integrated Visibility", `POST /track/v1/trackingnumbers`).
//!
//! Facts this file is built on (`shared/reference/services.md` §3a: FedEx's OpenAPI JSON as
//! generated into `alexdupre/fedex-scala`, and developer.fedex.com excerpts):
//! - Hosts: sandbox `https://apis-sandbox.fedex.com` (`environment = "test"`) and production
//!   `https://apis.fedex.com`.
//! - OAuth client credentials: `POST /oauth/token`, form body `grant_type=client_credentials&
//!   client_id=<API key>&client_secret=<secret key>` (credentials in the body, not Basic:
//!   [`GrantStyle::FormBody`]); answer `{"access_token","token_type":"bearer","expires_in":3599,
//!   "scope"}` (a token lives an hour). The transport's `TokenSource` caches it until shortly
//!   before it expires and renews it once after a 401.
//! - Track: `POST /track/v1/trackingnumbers` with `Authorization: Bearer`, JSON
//!   `{"includeDetailedScans": true, "trackingInfo": [{"trackingNumberInfo": {"trackingNumber"}}]}`,
//!   1 to 30 numbers per request ([`Info::max_batch`] 30), and the optional headers
//!   `x-customer-transaction-id` (echoed back as `customerTransactionId`) and `x-locale: en_US`.
//!   It only reads, so it is retried after transient failures and its answers may be cached like
//!   any read (the key covers the body, i.e. the numbers).
//! - Answer: `output.completeTrackResults[]{trackingNumber, trackResults[]}`; a track result has
//!   `latestStatusDetail{code, derivedCode, statusByLocale, description, scanLocation}`,
//!   `dateAndTimes[]{type, dateTime}` (`ACTUAL_DELIVERY`, `ESTIMATED_DELIVERY`, `COMMITMENT`, …),
//!   `estimatedDeliveryTimeWindow{window{begins, ends}}`, `serviceDetail{description}`,
//!   `scanEvents[]{date (ISO 8601 with offset), eventType, eventDescription, exceptionCode,
//!   exceptionDescription, scanLocation{city, stateOrProvinceCode, countryCode},
//!   derivedStatusCode}`, and for a number that failed on its own, inside the 200,
//!   `error{code, message}` — e.g. `TRACKING.TRACKINGNUMBER.NOTFOUND` — which becomes a per-number
//!   [`TrackResult`] error, not an `Err`.
//! - Errors of a whole request: `{"transactionId", "errors":[{"code","message"}]}`, e.g.
//!   `NOT.AUTHORIZED.ERROR` (401), `TRACKING.TRACKINGNUMBER.EMPTY` (400),
//!   `SERVICE.UNAVAILABLE.ERROR` (503).
//!
//! Status mapping ([`STATUS_MAP`], from `latestStatusDetail.code`, else its `derivedCode`; events
//! from `eventType`, else `derivedStatusCode`; the raw code is kept): `OC` label created →
//! pre_transit; `PU` picked up and `IT` in transit → in_transit; `OD` → out_for_delivery; `DL` →
//! delivered; `DE` delivery exception → exception; `RS` return to shipper → returned ([3P]
//! codes, services.md). The remaining rows are [U], from the codes of FedEx's older Web Services
//! track guide: scans `AR` arrived, `DP` departed, `AF` at FedEx facility, `FD` at destination,
//! `AA` at airport, `PL`/`PF` plane landed / in flight, `LO` left origin, `CC`/`CP` customs
//! cleared / in progress, `OF` at origin facility → in_transit; `SE` shipment exception, `CD`/`DD`/
//! `PD`/`DY` delays, `CA` cancelled → exception; `HL` hold at location → in_transit.
//!
//! [U] also not verified: that `TRACKING.TRACKINGNUMBER.NOTFOUND` is the not-found code (third
//! party only; any code with `NOTFOUND`/`NOT.FOUND` is read as not found, with `INVALID` as
//! invalid); that `scanEvents` come newest first (they are sorted by time when every date
//! parses); which of several `trackResults` for one number (duplicate numbers) is current (the
//! first without an error is used); the October 2026 change to `includeDetailedScans`.

use super::{Account, Carrier, Info, client_credentials, code_messages, map_status, place};
use crate::config::CarrierConfig;
use crate::domain::{Shipment, ShipmentStatus, TrackErrorKind, TrackResult, TrackingEvent};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, GrantStyle, Request, Response, VendorHooks};
use async_trait::async_trait;
use reqwest::StatusCode;
use reqwest::header::{HeaderName, HeaderValue};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

use ShipmentStatus::*;

pub static INFO: Info = Info {
    name: "fedex",
    display: "FedEx",
    default_url: "https://apis.fedex.com",
    test_url: Some("https://apis-sandbox.fedex.com"),
    secret_fields: &["client_secret"],
    max_batch: 30,
    min_interval: std::time::Duration::ZERO,
    auth,
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |account| Box::new(FedEx { account }),
};

/// The token endpoint, relative to the base URL.
pub const TOKEN_PATH: &str = "oauth/token";

/// The track endpoint, relative to the base URL.
pub const TRACK_PATH: &str = "track/v1/trackingnumbers";

/// FedEx status and scan codes → status (see the module docs for what is [U]).
pub static STATUS_MAP: &[(&str, ShipmentStatus)] = &[
    ("OC", PreTransit),
    ("PU", InTransit),
    ("IT", InTransit),
    ("AR", InTransit),
    ("DP", InTransit),
    ("AF", InTransit),
    ("FD", InTransit),
    ("AA", InTransit),
    ("PL", InTransit),
    ("PF", InTransit),
    ("LO", InTransit),
    ("OF", InTransit),
    ("CC", InTransit),
    ("CP", InTransit),
    ("HL", InTransit),
    ("OD", OutForDelivery),
    ("DL", Delivered),
    ("DE", Exception),
    ("SE", Exception),
    ("CD", Exception),
    ("DD", Exception),
    ("PD", Exception),
    ("DY", Exception),
    ("CA", Exception),
    ("RS", Returned),
];

fn auth(name: &str, cfg: &CarrierConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    client_credentials(
        &INFO,
        name,
        cfg,
        secrets,
        TOKEN_PATH,
        GrantStyle::FormBody,
        "the FedEx project's API key",
    )
}

/// `{"transactionId","errors":[{"code","message"}]}` → `message [code]; …`.
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    let e: ErrorBody = serde_json::from_slice(body).ok()?;
    code_messages(e.errors.into_iter().map(|x| (x.code, x.message)))
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errors: Vec<CodeMessage>,
}

#[derive(Debug, Clone, Deserialize)]
struct CodeMessage {
    code: Option<String>,
    message: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    output: Option<Output>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Output {
    #[serde(default)]
    complete_track_results: Vec<CompleteTrackResult>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompleteTrackResult {
    tracking_number: Option<String>,
    #[serde(default)]
    track_results: Vec<TrackResultDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TrackResultDto {
    tracking_number_info: Option<NumberInfo>,
    latest_status_detail: Option<StatusDetail>,
    #[serde(default)]
    date_and_times: Vec<DateAndTime>,
    estimated_delivery_time_window: Option<TimeWindow>,
    service_detail: Option<ServiceDetail>,
    #[serde(default)]
    scan_events: Vec<ScanEvent>,
    error: Option<CodeMessage>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NumberInfo {
    tracking_number: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusDetail {
    code: Option<String>,
    derived_code: Option<String>,
    status_by_locale: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DateAndTime {
    #[serde(rename = "type")]
    kind: Option<String>,
    date_time: Option<String>,
}

#[derive(Debug, Deserialize)]
struct TimeWindow {
    window: Option<Window>,
}

#[derive(Debug, Deserialize)]
struct Window {
    ends: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ServiceDetail {
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ScanEvent {
    date: Option<String>,
    event_type: Option<String>,
    event_description: Option<String>,
    exception_description: Option<String>,
    scan_location: Option<Address>,
    derived_status_code: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Address {
    city: Option<String>,
    state_or_province_code: Option<String>,
    country_code: Option<String>,
}

// ---- mapping ----------------------------------------------------------------------------------

/// A code through the table, else the derived code (FedEx's coarser one) through it.
fn status_of(code: Option<&str>, derived: Option<&str>) -> ShipmentStatus {
    match map_status(STATUS_MAP, code.unwrap_or_default()) {
        Unknown => map_status(STATUS_MAP, derived.unwrap_or_default()),
        s => s,
    }
}

/// The first non-empty of two codes (the raw status kept beside the mapped one).
fn raw(code: Option<&str>, derived: Option<&str>) -> Option<String> {
    [code, derived].into_iter().flatten().map(str::trim).find(|c| !c.is_empty()).map(str::to_string)
}

fn nonempty(s: Option<&String>) -> Option<&str> {
    s.map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn event(e: &ScanEvent) -> TrackingEvent {
    let description =
        match (nonempty(e.event_description.as_ref()), nonempty(e.exception_description.as_ref())) {
            (Some(d), Some(x)) => format!("{d}: {x}"),
            (Some(d), None) => d.to_string(),
            (None, Some(x)) => x.to_string(),
            (None, None) => String::new(),
        };
    let loc = e.scan_location.as_ref();
    TrackingEvent {
        at: e.date.clone(),
        status: status_of(e.event_type.as_deref(), e.derived_status_code.as_deref()),
        code: raw(e.event_type.as_deref(), e.derived_status_code.as_deref()),
        description,
        location: loc.and_then(|a| {
            place(&[a.city.as_deref(), a.state_or_province_code.as_deref(), a.country_code.as_deref()])
        }),
    }
}

/// Newest first, when every date parses as a time with an offset; else as received.
fn sort_newest_first(events: &mut [TrackingEvent]) {
    let key = |e: &TrackingEvent| e.at.as_deref().and_then(|a| a.parse::<jiff::Timestamp>().ok());
    if events.iter().all(|e| key(e).is_some()) {
        events.sort_by_key(|e| std::cmp::Reverse(key(e)));
    }
}

/// One track result → a shipment.
fn map_result(number: &str, r: TrackResultDto) -> Shipment {
    let mut events: Vec<TrackingEvent> = r.scan_events.iter().map(event).collect();
    sort_newest_first(&mut events);
    let (status, raw_status, status_text) = match &r.latest_status_detail {
        Some(d) => (
            status_of(d.code.as_deref(), d.derived_code.as_deref()),
            raw(d.code.as_deref(), d.derived_code.as_deref()),
            nonempty(d.description.as_ref()).or(nonempty(d.status_by_locale.as_ref())).map(str::to_string),
        ),
        None => match events.first() {
            Some(e) => (e.status, e.code.clone(), Some(e.description.clone())),
            None => (Unknown, None, None),
        },
    };
    let dt = |k: &str| {
        r.date_and_times
            .iter()
            .find(|d| d.kind.as_deref() == Some(k))
            .and_then(|d| nonempty(d.date_time.as_ref()))
            .map(str::to_string)
    };
    let delivered_at = (status == Delivered)
        .then(|| dt("ACTUAL_DELIVERY").or_else(|| events.iter().find(|e| e.status == Delivered)?.at.clone()))
        .flatten();
    let estimated_delivery = if status == Delivered {
        None
    } else {
        dt("ESTIMATED_DELIVERY")
            .or_else(|| {
                let w = r.estimated_delivery_time_window.as_ref()?.window.as_ref()?;
                nonempty(w.ends.as_ref()).map(str::to_string)
            })
            .or_else(|| dt("COMMITMENT"))
    };
    Shipment {
        carrier: INFO.name.into(),
        number: r
            .tracking_number_info
            .and_then(|i| i.tracking_number)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| number.to_string()),
        status,
        raw_status,
        status_text,
        service: r.service_detail.and_then(|s| s.description),
        estimated_delivery,
        delivered_at,
        events,
    }
}

/// A per-number `error{code, message}` → the kind of failure.
fn error_kind(code: &str) -> TrackErrorKind {
    let c = code.to_ascii_uppercase();
    if c.contains("NOTFOUND") || c.contains("NOT.FOUND") {
        TrackErrorKind::NotFound
    } else if c.contains("INVALID") {
        TrackErrorKind::Invalid
    } else {
        TrackErrorKind::Other
    }
}

/// The results of one complete track result (one requested number).
fn map_complete(number: &str, c: CompleteTrackResult) -> TrackResult {
    let mut first_error = None;
    for r in c.track_results {
        match r.error {
            Some(e) if first_error.is_none() => first_error = Some(e),
            Some(_) => {}
            None => return TrackResult::found(map_result(number, r)),
        }
    }
    match first_error {
        Some(e) => {
            let kind = error_kind(e.code.as_deref().unwrap_or_default());
            let msg = code_messages([(e.code, e.message)])
                .unwrap_or_else(|| "FedEx reported an error for this number".into());
            TrackResult::failed(INFO.name, number, kind, msg)
        }
        None => TrackResult::failed(
            INFO.name,
            number,
            TrackErrorKind::NotFound,
            "FedEx returned no result for this number",
        ),
    }
}

/// A 2xx answer decoded and mapped, exactly as `track` does it (public so `fuzz/` runs this code).
pub fn read_answer(service: &str, numbers: &[String], resp: &Response) -> Result<Vec<TrackResult>> {
    Ok(map_envelope(numbers, resp.json(service)?))
}

/// A 200 answer → one result per requested number, in order. FedEx answers per number in
/// `completeTrackResults`, matched by `trackingNumber` (or by position when it is missing).
fn map_envelope(numbers: &[String], e: Envelope) -> Vec<TrackResult> {
    let mut all = e.output.map(|o| o.complete_track_results).unwrap_or_default();
    let by_position = all.len() == numbers.len() && all.iter().all(|c| c.tracking_number.is_none());
    numbers
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let found = if by_position {
                Some(std::mem::replace(
                    &mut all[i],
                    CompleteTrackResult { tracking_number: None, track_results: vec![] },
                ))
            } else {
                all.iter()
                    .position(|c| {
                        c.tracking_number.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case(n))
                    })
                    .map(|p| all.remove(p))
            };
            match found {
                Some(c) => map_complete(n, c),
                None => TrackResult::failed(
                    INFO.name,
                    n,
                    TrackErrorKind::Other,
                    "FedEx's answer has no result for this number",
                ),
            }
        })
        .collect()
}

/// The request body for up to [`Info::max_batch`] numbers.
fn body(numbers: &[String]) -> serde_json::Value {
    let info: Vec<serde_json::Value> =
        numbers.iter().map(|n| json!({"trackingNumberInfo": {"trackingNumber": n}})).collect();
    json!({"includeDetailedScans": true, "trackingInfo": info})
}

// ---- the adapter ------------------------------------------------------------------------------

struct FedEx {
    account: Account,
}

impl FedEx {
    async fn batch(&self, numbers: &[String]) -> Result<Vec<TrackResult>> {
        let client = &self.account.client;
        let tid = format!("shopdesk-{:016x}", rand::random::<u64>());
        let req = Request::post(TRACK_PATH)
            .json(body(numbers))
            .cacheable()
            .header(
                HeaderName::from_static("x-customer-transaction-id"),
                HeaderValue::from_str(&tid).map_err(|e| Error::general(e.to_string()))?,
            )
            .header(HeaderName::from_static("x-locale"), HeaderValue::from_static("en_US"));
        let resp = client.send(req).await.map_err(|e| e.context(format!("carrier {}", self.account.name)))?;
        read_answer(&client.name, numbers, &resp)
    }
}

#[async_trait]
impl Carrier for FedEx {
    fn info(&self) -> &'static Info {
        &INFO
    }

    async fn track(&self, numbers: &[String]) -> Result<Vec<TrackResult>> {
        let mut out = Vec::with_capacity(numbers.len());
        for batch in numbers.chunks(INFO.max_batch) {
            out.extend(self.batch(batch).await?);
        }
        Ok(out)
    }

    async fn probe(&self) -> Result<String> {
        // Obtaining a token proves the API key and secret; a made-up number is a per-number
        // error inside a 200, which is fine.
        self.batch(&["000000000000".to_string()]).await?;
        Ok(format!(
            "client credentials accepted ({})",
            self.account.config.environment.as_deref().unwrap_or("test")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Envelope {
        let p = format!("{}/tests/fixtures/fedex/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
    }

    fn one(number: &str, name: &str) -> TrackResult {
        map_envelope(&[number.to_string()], fixture(name)).remove(0)
    }

    #[test]
    fn status_table() {
        assert_eq!(status_of(Some("OC"), None), PreTransit);
        assert_eq!(status_of(Some("PU"), Some("PU")), InTransit);
        assert_eq!(status_of(Some("AR"), Some("IT")), InTransit);
        assert_eq!(status_of(Some("od"), None), OutForDelivery);
        assert_eq!(status_of(Some("DL"), Some("DL")), Delivered);
        assert_eq!(status_of(Some("DE"), None), Exception);
        assert_eq!(status_of(Some("RS"), None), Returned);
        assert_eq!(status_of(Some("ZZ"), Some("IT")), InTransit, "the derived code when the code is new");
        assert_eq!(status_of(Some("ZZ"), None), Unknown);
        assert_eq!(raw(Some(""), Some("IT")).as_deref(), Some("IT"));
    }

    #[test]
    fn delivered_fixture() {
        // services.md §3a's example answer.
        let s = one("794644790138", "delivered.json").shipment.unwrap();
        assert_eq!(s.status, Delivered);
        assert_eq!(s.raw_status.as_deref(), Some("DL"));
        assert_eq!(s.status_text.as_deref(), Some("Delivered"));
        assert_eq!(s.delivered_at.as_deref(), Some("2026-04-02T13:12:42-07:00"));
        assert_eq!(s.estimated_delivery, None);
        assert_eq!(s.events.len(), 1);
        assert_eq!(s.events[0].location.as_deref(), Some("SEATTLE, WA, US"));
        assert_eq!(s.events[0].code.as_deref(), Some("DL"));
    }

    #[test]
    fn in_transit_fixture_sorts_events_and_keeps_the_estimate() {
        let s = one("477179081230", "in_transit.json").shipment.unwrap();
        assert_eq!(s.status, InTransit);
        assert_eq!(s.raw_status.as_deref(), Some("IT"));
        assert_eq!(s.service.as_deref(), Some("FedEx Priority Overnight"));
        assert_eq!(s.estimated_delivery.as_deref(), Some("2026-04-03T10:30:00-05:00"));
        assert_eq!(s.delivered_at, None);
        let codes: Vec<_> = s.events.iter().map(|e| e.code.as_deref().unwrap()).collect();
        assert_eq!(codes, ["AR", "DP", "PU", "OC"], "newest first whatever the order received");
        assert_eq!(s.events[3].status, PreTransit);
    }

    #[test]
    fn per_number_errors_inside_a_200() {
        let numbers = ["986578788855".to_string(), "799531274483".to_string(), "123456789012".to_string()];
        let r = map_envelope(&numbers, fixture("mixed.json"));
        assert_eq!(r.len(), 3);
        let e = r[0].error.as_ref().unwrap();
        assert_eq!(e.kind, TrackErrorKind::NotFound);
        assert!(e.message.contains("TRACKING.TRACKINGNUMBER.NOTFOUND"), "{}", e.message);
        let s = r[1].shipment.as_ref().unwrap();
        assert_eq!(s.status, Exception);
        assert_eq!(s.events[0].description, "Delivery exception: Customer not available or business closed");
        assert_eq!(r[2].error.as_ref().unwrap().kind, TrackErrorKind::Other, "missing from the answer");
        assert_eq!(error_kind("TRACKING.TRACKINGNUMBER.INVALID"), TrackErrorKind::Invalid);
    }

    #[test]
    fn lenient_shapes() {
        // No output at all, and a result with nothing but a status code.
        let r = map_envelope(&["1".to_string()], serde_json::from_str("{}").unwrap());
        assert_eq!(r[0].error.as_ref().unwrap().kind, TrackErrorKind::Other);
        let e: Envelope = serde_json::from_str(
            r#"{"output":{"completeTrackResults":[{"trackResults":[{"latestStatusDetail":{"derivedCode":"OD"}}]}]}}"#,
        )
        .unwrap();
        let s = map_envelope(&["2".to_string()], e).remove(0).shipment.unwrap();
        assert_eq!((s.status, s.number.as_str(), s.events.len()), (OutForDelivery, "2", 0));
    }

    #[test]
    fn whole_request_errors_and_auth() {
        let b = br#"{"transactionId":"x","errors":[{"code":"NOT.AUTHORIZED.ERROR","message":"The given JWT is invalid."}]}"#;
        assert_eq!(
            error_message(StatusCode::UNAUTHORIZED, b).as_deref(),
            Some("The given JWT is invalid. [NOT.AUTHORIZED.ERROR]")
        );
        assert_eq!(error_message(StatusCode::BAD_GATEWAY, b"<html>"), None);
        let cfg = CarrierConfig { carrier: "fedex".into(), ..Default::default() };
        let mut s = HashMap::new();
        s.insert("client_secret", Secret::new("x"));
        assert_eq!(auth("fedex", &cfg, &s).err().unwrap().exit_code(), 2, "client_id is required");
        let v = body(&["1".into(), "2".into()]);
        assert_eq!(v["includeDetailedScans"], true);
        assert_eq!(v["trackingInfo"][1]["trackingNumberInfo"]["trackingNumber"], "2");
    }
}
