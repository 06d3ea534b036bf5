//! USPS APIs v3: OAuth client credentials and Tracking 3.2 (`POST /tracking/v3r2/tracking`).
//!
//! Facts this file is built on (`shared/reference/services.md` §3d; the USPS "Package Tracking
//! and Notification" OpenAPI 3.2.4 as vendored in `karrioapi/karrio`,
//! `modules/connectors/usps/karrio/providers/usps/vendor/usps-tracking.yaml`, cited as "the
//! spec" below):
//! - Hosts: test environment `https://apis-tem.usps.com` (`environment = "test"`) and production
//!   `https://apis.usps.com` [V].
//! - OAuth client credentials: `POST /oauth2/v3/token` with a **JSON** body
//!   `{"client_id","client_secret","grant_type":"client_credentials"}` ([`GrantStyle::JsonBody`]);
//!   the answer has `access_token`, `token_type` "Bearer", `expires_in` as a string, … [V]. The
//!   transport's [`TokenSource`] caches the token until shortly before it expires and renews it
//!   once after a 401.
//! - Track: Tracking 3.2, `POST /tracking/v3r2/tracking` with a JSON array
//!   `[{"trackingNumber": "…"}, …]`, answered with an array [D catalog; 3P shapes]. The request is
//!   a read, so it is marked retry-safe and cacheable (a 503 is retried like a GET).
//! - An answer item has the Tracking 3.0 "detail" fields [V v3.0 example; spec `TrackingDetails`]:
//!   `trackingNumber`, `status`, `statusCategory`, `statusSummary`, `mailClass`,
//!   `expectedDeliveryTimeStamp` / `predictedDeliveryDate` (spec), `trackingEvents[]` newest
//!   first (spec: "in reverse chronological order") with `eventType`, `eventTimestamp`,
//!   `GMTTimestamp`, `GMTOffset` (spec example `-7:00`), `eventCity`, `eventState`, `eventZIP`,
//!   `eventCountry`, `eventCode` (Pub 199 scan event codes). An event time is RFC 3339 in the
//!   event's own offset when `GMTTimestamp` and `GMTOffset` are both readable, else
//!   `eventTimestamp` as sent.
//! - Whole-request errors: `{"apiVersion","error":{"code","message","errors":[{"status","code",
//!   "title","detail","source":{"parameter","example"}}]}}` (spec `ErrorMessage`) on
//!   400/401/403/404/429/503; 429 and 503 may carry `Retry-After` (spec).
//!
//! Status mapping ([`STATUS_MAP`], one table for both): the item's `statusCategory` (kept as the
//! raw status), and each event's `eventCode` (kept as the event's code; an event without a known
//! code is looked up by its `eventType` words). An item whose category is missing or unknown
//! takes the status of its newest event. Pre-Shipment → pre_transit; Accepted / In Transit →
//! in_transit; Out for Delivery; Delivered; Alert, Delivery Attempt and Available for Pickup →
//! exception (someone has to act); Return to Sender → returned.
//!
//! [U] not verified (services.md §3d marks the 3.2 shapes unverified; §8 lists the error shape):
//! - the 3.2 request and answer shapes: this adapter is lenient — it reads the v3.0 detail field
//!   names, ignores unknown fields, tolerates missing optional ones, accepts a single object where
//!   an array is expected, and matches items to numbers by `trackingNumber` (by position when an
//!   item has none); a number missing from the answer is a per-number error;
//! - the per-number error for an unknown number: taken to be an item with an `error` member,
//!   either the `ErrorMessage` inner object or a string; `404`/"not found" → not_found,
//!   `400` → invalid, anything else → other;
//! - **the batch size** ([`Info::max_batch`] = [`MAX_BATCH`] = 35): services.md does not pin
//!   one. 35 is the per-request cap of USPS's legacy Web Tools TrackV2 API and what the
//!   third-party `usps_v3_api` crate batches for 3.2 [3P]; a smaller batch than USPS allows only
//!   costs requests, a larger one would fail;
//! - `statusCategory` values other than Accepted / In Transit / Delivered, and the Pub 199 event
//!   codes (taken from a third-party copy of the Pub 199 table, `USPS::WebTools::Tracking::Codes`),
//!   plus `GX` for "Shipping Label Created";
//! - the token endpoint's error body (read as either `ErrorMessage` or OAuth2's
//!   `{"error","error_description"}`).

use super::{Account, Carrier, Info, map_status, place, secret};
use crate::config::CarrierConfig;
use crate::domain::{Shipment, ShipmentStatus, TrackErrorKind, TrackResult, TrackingEvent};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, GrantStyle, Request, Response, TokenSource, VendorHooks};
use async_trait::async_trait;
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

use ShipmentStatus::*;

/// Most numbers one Tracking 3.2 request carries (see the module docs: [U]).
pub const MAX_BATCH: usize = 35;

pub static INFO: Info = Info {
    name: "usps",
    display: "USPS",
    default_url: "https://apis.usps.com",
    test_url: Some("https://apis-tem.usps.com"),
    secret_fields: &["client_secret"],
    max_batch: MAX_BATCH,
    min_interval: std::time::Duration::ZERO,
    auth,
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |account| Box::new(Usps { account }),
};

/// The token endpoint, relative to the base URL.
pub const TOKEN_PATH: &str = "oauth2/v3/token";
/// The Tracking 3.2 endpoint, relative to the base URL.
pub const TRACK_PATH: &str = "tracking/v3r2/tracking";

/// `statusCategory` values and Pub 199 `eventCode`s → status (see the module docs for what is [U]).
pub static STATUS_MAP: &[(&str, ShipmentStatus)] = &[
    // statusCategory
    ("Pre-Shipment", PreTransit),
    ("Accepted", InTransit),
    ("In Transit", InTransit),
    ("Out for Delivery", OutForDelivery),
    ("Delivered", Delivered),
    ("Alert", Exception),
    ("Delivery Attempt", Exception),
    ("Available for Pickup", Exception),
    ("Return to Sender", Returned),
    // eventCode: pre-shipment
    ("MA", PreTransit),
    ("GX", PreTransit),
    // eventCode: accepted and moving
    ("03", InTransit),
    ("TM", InTransit),
    ("PA", InTransit),
    ("06", InTransit),
    ("07", InTransit),
    ("08", InTransit),
    ("10", InTransit),
    ("15", InTransit),
    ("19", InTransit),
    ("41", InTransit),
    ("42", InTransit),
    ("71", InTransit),
    ("80", InTransit),
    ("81", InTransit),
    ("82", InTransit),
    ("EF", InTransit),
    ("PC", InTransit),
    ("SF", InTransit),
    ("OF", OutForDelivery),
    ("01", Delivered),
    ("17", Delivered),
    ("43", Delivered),
    // eventCode: attempts, refusals, held items
    ("02", Exception),
    ("04", Exception),
    ("05", Exception),
    ("11", Exception),
    ("14", Exception),
    ("16", Exception),
    ("30", Exception),
    ("51", Exception),
    ("52", Exception),
    ("53", Exception),
    ("54", Exception),
    ("55", Exception),
    ("56", Exception),
    ("DX", Exception),
    // eventCode: return to sender
    ("09", Returned),
    ("21", Returned),
    ("22", Returned),
    ("23", Returned),
    ("24", Returned),
    ("25", Returned),
    ("26", Returned),
    ("27", Returned),
    ("28", Returned),
    ("29", Returned),
    ("31", Returned),
    ("44", Returned),
];

fn auth(name: &str, cfg: &CarrierConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    let id = cfg.client_id.clone().ok_or_else(|| {
        Error::usage(format!("carrier {name}: USPS needs client_id")).with_hint(format!(
            "add client_id = \"…\" under [profiles.…carriers.{name}] (the consumer key of the app on developers.usps.com)"
        ))
    })?;
    let source =
        TokenSource::new(TOKEN_PATH, id, secret(name, secrets, "client_secret")?, GrantStyle::JsonBody);
    Ok(AuthScheme::Token {
        name: reqwest::header::AUTHORIZATION,
        prefix: "Bearer ",
        source: Arc::new(source),
    })
}

/// `ErrorMessage` → `message [code]: detail; …`, or OAuth2's `error_description [error]`.
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    let e: ErrorBody = serde_json::from_slice(body).ok()?;
    match e.error? {
        Value::String(code) => Some(match e.error_description {
            Some(d) if !d.is_empty() => format!("{d} [{code}]"),
            _ => code,
        }),
        v => describe_error(&serde_json::from_value(v).ok()?),
    }
}

/// The inner `error` object of `ErrorMessage` in words.
fn describe_error(e: &ErrorDetail) -> Option<String> {
    let head = match (e.message.as_deref(), e.code.as_deref()) {
        (Some(m), Some(c)) if !c.is_empty() => format!("{m} [{c}]"),
        (Some(m), _) => m.to_string(),
        (None, Some(c)) => format!("[{c}]"),
        (None, None) => String::new(),
    };
    let details: Vec<String> = e
        .errors
        .iter()
        .filter_map(|x| {
            let text = x.detail.as_deref().or(x.title.as_deref())?;
            let param = x.source.as_ref().and_then(|s| s.parameter.as_deref());
            Some(match param {
                Some(p) => format!("{text} ({p})"),
                None => text.to_string(),
            })
        })
        .filter(|d| !head.contains(d.as_str()))
        .collect();
    let s = match (head.is_empty(), details.is_empty()) {
        (_, true) => head,
        (true, false) => details.join("; "),
        (false, false) => format!("{head}: {}", details.join("; ")),
    };
    (!s.is_empty()).then_some(s)
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct ErrorBody {
    /// `ErrorMessage.error` (an object), or OAuth2's `error` (a string).
    error: Option<Value>,
    error_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ErrorDetail {
    code: Option<String>,
    message: Option<String>,
    #[serde(default)]
    errors: Vec<ErrorItem>,
}

#[derive(Debug, Deserialize)]
struct ErrorItem {
    status: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    source: Option<ErrorSource>,
}

#[derive(Debug, Deserialize)]
struct ErrorSource {
    parameter: Option<String>,
}

/// The answer: an array of items (a lone object is taken as one item).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Answer {
    Many(Vec<Item>),
    One(Box<Item>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    tracking_number: Option<String>,
    status: Option<String>,
    status_category: Option<String>,
    status_summary: Option<String>,
    mail_class: Option<String>,
    expected_delivery_time_stamp: Option<String>,
    expected_delivery_date: Option<String>,
    predicted_delivery_date: Option<String>,
    predicted_delivery_time_stamp: Option<String>,
    #[serde(default)]
    tracking_events: Vec<Event>,
    /// A per-number error: the `ErrorMessage` inner object, or a string.
    error: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Event {
    event_type: Option<String>,
    event_timestamp: Option<String>,
    #[serde(rename = "GMTTimestamp")]
    gmt_timestamp: Option<String>,
    #[serde(rename = "GMTOffset")]
    gmt_offset: Option<String>,
    event_city: Option<String>,
    event_state: Option<String>,
    #[serde(rename = "eventZIP", alias = "eventZIPCode")]
    event_zip: Option<String>,
    event_country: Option<String>,
    event_code: Option<String>,
}

// ---- mapping ----------------------------------------------------------------------------------

/// A raw category, code or words through the table; unknown or absent → `None`.
fn lookup(raw: Option<&str>) -> Option<ShipmentStatus> {
    raw.map(|r| map_status(STATUS_MAP, r)).filter(|s| *s != Unknown)
}

/// An event's status: its code, else its words (`eventType` starting with a category name such
/// as "Delivered, In/At Mailbox").
fn event_status(e: &Event) -> ShipmentStatus {
    lookup(e.event_code.as_deref())
        .or_else(|| {
            let words = e.event_type.as_deref()?.trim();
            let head = words.split(',').next().unwrap_or(words);
            lookup(Some(head))
        })
        .unwrap_or(Unknown)
}

/// `-7:00` / `-07:00` / `+5:30` / `Z` → an offset.
fn offset(o: &str) -> Option<jiff::tz::Offset> {
    let o = o.trim();
    if o.eq_ignore_ascii_case("z") {
        return Some(jiff::tz::Offset::UTC);
    }
    let (sign, rest) = match o.as_bytes().first()? {
        b'+' => (1, &o[1..]),
        b'-' => (-1, &o[1..]),
        _ => (1, o),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 18 || m > 59 {
        return None;
    }
    jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// The event's time: RFC 3339 in its own offset when USPS gives both the GMT time and the
/// offset, else `eventTimestamp` as sent.
fn when(e: &Event) -> Option<String> {
    let local = || e.event_timestamp.clone().filter(|t| !t.trim().is_empty());
    let gmt = e.gmt_timestamp.as_deref().and_then(|t| {
        t.parse::<jiff::Timestamp>()
            .ok()
            .or_else(|| jiff::tz::Offset::UTC.to_timestamp(t.parse::<jiff::civil::DateTime>().ok()?).ok())
    });
    match (gmt, e.gmt_offset.as_deref().and_then(offset)) {
        (Some(ts), Some(off)) => {
            Some(off.to_datetime(ts).strftime("%Y-%m-%dT%H:%M:%S").to_string() + &off_str(off))
        }
        _ => local(),
    }
}

fn off_str(off: jiff::tz::Offset) -> String {
    let s = off.seconds();
    let a = s.abs();
    format!("{}{:02}:{:02}", if s < 0 { '-' } else { '+' }, a / 3600, a % 3600 / 60)
}

fn event(e: &Event) -> TrackingEvent {
    TrackingEvent {
        at: when(e),
        status: event_status(e),
        code: e.event_code.clone().or_else(|| e.event_type.clone()),
        description: e.event_type.clone().unwrap_or_default(),
        location: place(&[
            e.event_city.as_deref(),
            e.event_state.as_deref(),
            e.event_zip.as_deref(),
            e.event_country.as_deref(),
        ]),
    }
}

/// One answer item with tracking data → a shipment.
fn map_item(number: &str, it: Item) -> Shipment {
    let events: Vec<TrackingEvent> = it.tracking_events.iter().map(event).collect();
    let newest = events.first();
    let (status, raw_status) = match lookup(it.status_category.as_deref()) {
        Some(s) => (s, it.status_category.clone()),
        None => match newest {
            Some(e) => (e.status, it.status_category.clone().or_else(|| e.code.clone())),
            None => (Unknown, it.status_category.clone()),
        },
    };
    let delivered_at =
        (status == Delivered).then(|| events.iter().find(|e| e.status == Delivered)?.at.clone()).flatten();
    let estimated_delivery = (status != Delivered)
        .then(|| {
            it.expected_delivery_time_stamp
                .or(it.expected_delivery_date)
                .or(it.predicted_delivery_time_stamp)
                .or(it.predicted_delivery_date)
        })
        .flatten();
    Shipment {
        carrier: INFO.name.into(),
        number: it.tracking_number.unwrap_or_else(|| number.to_string()),
        status,
        raw_status,
        status_text: it.status.or(it.status_summary).or_else(|| newest.map(|e| e.description.clone())),
        service: it.mail_class,
        estimated_delivery,
        delivered_at,
        events,
    }
}

/// A per-number `error` member → the failed result.
fn item_error(number: &str, e: &Value) -> TrackResult {
    let (text, code, status) = match e {
        Value::String(s) => (Some(s.clone()), None, None),
        v => {
            let d: ErrorDetail = serde_json::from_value(v.clone()).unwrap_or_default();
            let status = d.errors.iter().find_map(|x| x.status.clone());
            (describe_error(&d), d.code.clone(), status)
        }
    };
    let text = text.unwrap_or_else(|| "USPS could not track this number".into());
    let lower = text.to_ascii_lowercase();
    let is = |c: &str| code.as_deref() == Some(c) || status.as_deref() == Some(c);
    let kind = if is("404") || lower.contains("not found") {
        TrackErrorKind::NotFound
    } else if is("400") || lower.contains("invalid") {
        TrackErrorKind::Invalid
    } else {
        TrackErrorKind::Other
    };
    TrackResult::failed(INFO.name, number, kind, text)
}

/// Spaces out, upper case: how numbers are compared with the answer's `trackingNumber`.
fn norm(n: &str) -> String {
    n.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

/// A 2xx answer decoded and mapped, exactly as `track` does it (public so `fuzz/` runs this code).
pub fn read_answer(service: &str, numbers: &[String], resp: &Response) -> Result<Vec<TrackResult>> {
    Ok(map_answer(numbers, resp.json(service)?))
}

/// The answer → one result per requested number, in request order.
fn map_answer(numbers: &[String], a: Answer) -> Vec<TrackResult> {
    let items = match a {
        Answer::Many(v) => v,
        Answer::One(i) => vec![*i],
    };
    let mut slots: Vec<Option<Item>> = numbers.iter().map(|_| None).collect();
    let mut unnamed = Vec::new();
    for (i, it) in items.into_iter().enumerate() {
        let named = it
            .tracking_number
            .as_deref()
            .map(norm)
            .and_then(|t| numbers.iter().position(|n| norm(n) == t))
            .filter(|p| slots[*p].is_none());
        match named {
            Some(p) => slots[p] = Some(it),
            None if it.tracking_number.is_none() => unnamed.push((i, it)),
            // An item for a number not asked about: nothing to attach it to.
            None => {}
        }
    }
    for (i, it) in unnamed {
        if let Some(slot) = slots.get_mut(i).filter(|s| s.is_none()) {
            *slot = Some(it);
        }
    }
    numbers
        .iter()
        .zip(slots)
        .map(|(n, slot)| match slot {
            None => TrackResult::failed(
                INFO.name,
                n,
                TrackErrorKind::Other,
                "USPS's answer has no entry for this number",
            ),
            Some(it) => match &it.error {
                Some(e) => item_error(n, e),
                None => TrackResult::found(map_item(n, it)),
            },
        })
        .collect()
}

// ---- the adapter ------------------------------------------------------------------------------

struct Usps {
    account: Account,
}

#[async_trait]
impl Carrier for Usps {
    fn info(&self) -> &'static Info {
        &INFO
    }

    async fn track(&self, numbers: &[String]) -> Result<Vec<TrackResult>> {
        let client = &self.account.client;
        let body: Vec<Value> = numbers.iter().map(|n| serde_json::json!({"trackingNumber": n})).collect();
        let req = Request::post(TRACK_PATH).json(Value::Array(body)).cacheable();
        let resp = client.send_any(req).await?;
        match resp.status {
            s if s.is_success() => read_answer(&client.name, numbers, &resp),
            // One number and a 404: that number is unknown (the v3.0 GET answered so).
            StatusCode::NOT_FOUND if numbers.len() == 1 => Ok(vec![TrackResult::failed(
                INFO.name,
                &numbers[0],
                TrackErrorKind::NotFound,
                error_message(resp.status, &resp.body).unwrap_or_else(|| "not found".into()),
            )]),
            _ => Err(client.status_error(&resp).context(format!("carrier {}", self.account.name))),
        }
    }

    async fn probe(&self) -> Result<String> {
        // A token plus one tracking call proves the credentials and the Tracking product; the
        // number (services.md §3e's IMpb test number) need not be known.
        self.track(&["9400111206206406260787".to_string()]).await?;
        Ok(format!(
            "client credentials accepted ({})",
            self.account.config.environment.as_deref().unwrap_or("test")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(j: &str) -> Answer {
        serde_json::from_str(j).unwrap()
    }

    fn nums(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn status_table() {
        let cat = |c: &str| lookup(Some(c)).unwrap_or(Unknown);
        assert_eq!(cat("Pre-Shipment"), PreTransit);
        assert_eq!(cat("Accepted"), InTransit);
        assert_eq!(cat("in transit"), InTransit);
        assert_eq!(cat("Out for Delivery"), OutForDelivery);
        assert_eq!(cat("Delivered"), Delivered);
        assert_eq!(cat("Alert"), Exception);
        assert_eq!(cat("Return to Sender"), Returned);
        assert_eq!(cat("Teleported"), Unknown);
        let ev = |code: Option<&str>, words: &str| {
            event_status(&Event {
                event_code: code.map(str::to_string),
                event_type: Some(words.into()),
                ..Event::default()
            })
        };
        assert_eq!(ev(Some("MA"), "Pre-Shipment Info Sent to USPS"), PreTransit);
        assert_eq!(ev(Some("03"), "USPS picked up item"), InTransit);
        assert_eq!(ev(Some("OF"), "Out for Delivery"), OutForDelivery);
        assert_eq!(ev(Some("01"), "Delivered, In/At Mailbox"), Delivered);
        assert_eq!(ev(Some("52"), "Notice Left"), Exception);
        assert_eq!(ev(Some("09"), "Return to Sender"), Returned);
        // No code (or an unknown one): the words lead.
        assert_eq!(ev(None, "Delivered, Front Door/Porch"), Delivered);
        assert_eq!(ev(Some("ZZ"), "Out for Delivery"), OutForDelivery);
        assert_eq!(ev(None, "Something new"), Unknown);
    }

    #[test]
    fn v30_detail_fields_are_read_and_unknown_ones_ignored() {
        let a = answer(
            r#"[{"trackingNumber":"9400111206206406260787","status":"Delivered, In/At Mailbox",
                "statusCategory":"Delivered","statusSummary":"Your item was delivered…","mailClass":"PRIORITY_MAIL",
                "somethingNew":{"x":1},
                "trackingEvents":[
                  {"eventType":"Delivered, In/At Mailbox","eventTimestamp":"2026-04-02T13:05:00",
                   "GMTTimestamp":"2026-04-02T20:05:00.000Z","GMTOffset":"-7:00","eventCity":"PHOENIX",
                   "eventState":"AZ","eventZIP":"85001","eventCountry":null,"eventCode":"01","firm":"","name":"",
                   "authorizedAgent":false,"veriPoint":true},
                  {"eventType":"USPS picked up item","eventTimestamp":"2026-03-31T09:00:00","eventCity":"WAYNE",
                   "eventState":"NJ","eventZIP":"07470","eventCode":"03"}]}]"#,
        );
        let r = map_answer(&nums(&["9400111206206406260787"]), a);
        let s = r[0].shipment.clone().unwrap();
        assert_eq!(s.status, Delivered);
        assert_eq!(s.raw_status.as_deref(), Some("Delivered"));
        assert_eq!(s.service.as_deref(), Some("PRIORITY_MAIL"));
        assert_eq!(s.status_text.as_deref(), Some("Delivered, In/At Mailbox"));
        assert_eq!(s.delivered_at.as_deref(), Some("2026-04-02T13:05:00-07:00"));
        assert_eq!(s.events[0].location.as_deref(), Some("PHOENIX, AZ, 85001"));
        assert_eq!(s.events[0].code.as_deref(), Some("01"));
        // No GMT fields: the local time as sent.
        assert_eq!(s.events[1].at.as_deref(), Some("2026-03-31T09:00:00"));
        assert_eq!(s.events[1].status, InTransit);
    }

    #[test]
    fn missing_optional_fields_and_a_lone_object_are_fine() {
        let r = map_answer(&nums(&["9205500000000000000000"]), answer(r#"{"statusCategory":"In Transit"}"#));
        let s = r[0].shipment.clone().unwrap();
        assert_eq!((s.status, s.number.as_str()), (InTransit, "9205500000000000000000"));
        assert!(s.events.is_empty() && s.estimated_delivery.is_none());
        // No category: the newest event decides; expected delivery from whichever field is there.
        let r = map_answer(
            &nums(&["1"]),
            answer(
                r#"[{"trackingNumber":"1","predictedDeliveryDate":"2026-04-05",
                     "trackingEvents":[{"eventType":"Out for Delivery","eventCode":"OF"}]}]"#,
            ),
        );
        let s = r[0].shipment.clone().unwrap();
        assert_eq!((s.status, s.raw_status.as_deref()), (OutForDelivery, Some("OF")));
        assert_eq!(s.estimated_delivery.as_deref(), Some("2026-04-05"));
        assert_eq!(s.events[0].at, None);
    }

    #[test]
    fn items_are_matched_by_number_and_errors_stay_per_number() {
        let a = answer(
            r#"[{"trackingNumber":"B","error":{"code":"404","message":"Tracking number not found",
                  "errors":[{"status":"404","code":"1001","title":"Not Found","detail":"No record of B"}]}},
                {"trackingNumber":"A","statusCategory":"Accepted"},
                {"trackingNumber":"C","error":"Invalid tracking number"}]"#,
        );
        let r = map_answer(&nums(&["A", "B", "C", "D"]), a);
        assert!(r[0].shipment.is_some());
        let e = r[1].error.clone().unwrap();
        assert_eq!(e.kind, TrackErrorKind::NotFound);
        assert_eq!(e.message, "Tracking number not found [404]: No record of B");
        assert_eq!(r[2].error.clone().unwrap().kind, TrackErrorKind::Invalid);
        assert_eq!(r[3].error.clone().unwrap().kind, TrackErrorKind::Other, "missing from the answer");
        assert!(r.iter().zip(["A", "B", "C", "D"]).all(|(x, n)| x.number == n));
    }

    #[test]
    fn whole_request_error_bodies() {
        let b = br#"{"apiVersion":"3.2","error":{"code":"400","message":"Bad Request",
                     "errors":[{"status":"400","code":"TRK-0035","title":"Too many tracking numbers",
                     "detail":"At most 35 tracking numbers per request.","source":{"parameter":"body"}}]}}"#;
        assert_eq!(
            error_message(StatusCode::BAD_REQUEST, b).as_deref(),
            Some("Bad Request [400]: At most 35 tracking numbers per request. (body)")
        );
        let o = br#"{"error":"invalid_client","error_description":"Client authentication failed"}"#;
        assert_eq!(
            error_message(StatusCode::UNAUTHORIZED, o).as_deref(),
            Some("Client authentication failed [invalid_client]")
        );
        assert_eq!(error_message(StatusCode::BAD_GATEWAY, b"<html>"), None);
    }

    #[test]
    fn offsets_and_client_id() {
        assert_eq!(offset("-7:00").map(off_str).as_deref(), Some("-07:00"));
        assert_eq!(offset("+05:30").map(off_str).as_deref(), Some("+05:30"));
        assert_eq!(offset("Z").map(off_str).as_deref(), Some("+00:00"));
        assert_eq!(offset("soon"), None);
        let cfg = CarrierConfig { carrier: "usps".into(), ..Default::default() };
        let mut s = HashMap::new();
        s.insert("client_secret", Secret::new("x"));
        assert_eq!(auth("usps", &cfg, &s).err().unwrap().exit_code(), 2, "client_id is required");
        assert!(auth("usps", &CarrierConfig { client_id: Some("id".into()), ..cfg }, &s).is_ok());
    }
}
