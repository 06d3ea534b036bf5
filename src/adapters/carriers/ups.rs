//! UPS Tracking API (`Tracking.yaml`, `OAuthClientCredentials.yaml` in `UPS-API/api-documentation`).
//!
//! Facts this file is built on (`shared/reference/services.md` §3b, `specs/ups/`):
//! - Hosts: CIE `https://wwwcie.ups.com` (`environment = "test"`) and production
//!   `https://onlinetools.ups.com`.
//! - OAuth client credentials: `POST /security/v1/oauth/token` (no `/api` prefix), HTTP Basic
//!   `client_id:client_secret`, form body `grant_type=client_credentials`
//!   ([`GrantStyle::BasicHeader`]). Every field of the answer is a string, `expires_in` too
//!   (`"14399"`); the transport's [`TokenSource`] reads both forms, caches the token until shortly
//!   before it expires and renews it once after a 401.
//! - Track: `GET /api/track/v1/details/{inquiryNumber}` with the required headers `transId`
//!   (unique per request: 32 random hex digits here) and `transactionSrc` (`shopdesk`), query
//!   `locale=en_US`. One number per request ([`Info::max_batch`] 1).
//! - Answer: `trackResponse.shipment[].package[]` with `currentStatus{type,code,statusCode,
//!   description}`, `activity[]` (most recent first; `date` YYYYMMDD and `time` HHMMSS local,
//!   `gmtOffset` like `-05:00`), `deliveryDate[]{type SDD|RDD|DEL, date}`, `service`.
//!   An activity with a `gmtOffset` becomes an RFC 3339 time with that offset; without one, the
//!   local time without offset.
//! - Errors: `{"response":{"errors":[{"code","message"}]}}` on 400/401/403/404/429/5xx.
//!
//! Status mapping ([`STATUS_MAP`], from `currentStatus.type`; the raw status kept is
//! `type/code`, e.g. `D/KB`): `M` manifest → pre_transit, `P` pickup → in_transit, `I` in transit
//! (→ out_for_delivery when the code is `OT` or the description says "out for delivery"),
//! `D` delivered, `X` exception, `RS` returned.
//!
//! [U] not verified against UPS itself (spec and reference do not pin them):
//! - the meaning of the `type` letters (third-party sources only), and `MV` (billing voided),
//!   `O` (out for delivery) and `RS` (returned to shipper) as types at all;
//! - `OT` as the out-for-delivery `code`;
//! - the 404 code `151044` "Tracking Information Not Found" (treated as "not found" by status,
//!   whatever the code), and a 200 whose shipment has `warnings` but no `package` (treated as
//!   not found with the warning's message);
//! - 400 for a malformed inquiry number (reported as `invalid` for that number).

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
use std::collections::HashMap;

use ShipmentStatus::*;

pub static INFO: Info = Info {
    name: "ups",
    display: "UPS",
    default_url: "https://onlinetools.ups.com",
    test_url: Some("https://wwwcie.ups.com"),
    secret_fields: &["client_secret"],
    max_batch: 1,
    min_interval: std::time::Duration::ZERO,
    auth,
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |account| Box::new(Ups { account }),
};

/// The token endpoint, relative to the base URL.
pub const TOKEN_PATH: &str = "security/v1/oauth/token";

/// `currentStatus.type` → status (see the module docs for what is [U]).
pub static STATUS_MAP: &[(&str, ShipmentStatus)] = &[
    ("M", PreTransit),
    ("MV", PreTransit),
    ("P", InTransit),
    ("I", InTransit),
    ("O", OutForDelivery),
    ("D", Delivered),
    ("X", Exception),
    ("RS", Returned),
];

fn auth(name: &str, cfg: &CarrierConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    client_credentials(
        &INFO,
        name,
        cfg,
        secrets,
        TOKEN_PATH,
        GrantStyle::BasicHeader,
        "the UPS app's client id",
    )
}

/// `{"response":{"errors":[{"code","message"}]}}` → `message [code]; …`.
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    let e: ErrorBody = serde_json::from_slice(body).ok()?;
    code_messages(e.response?.errors.into_iter().map(|x| (x.code, x.message)))
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct ErrorBody {
    response: Option<ErrorList>,
}

#[derive(Debug, Deserialize)]
struct ErrorList {
    #[serde(default)]
    errors: Vec<CodeMessage>,
}

#[derive(Debug, Deserialize)]
struct CodeMessage {
    code: Option<String>,
    message: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(rename = "trackResponse")]
    track_response: Option<TrackResponse>,
}

#[derive(Debug, Deserialize)]
struct TrackResponse {
    #[serde(default)]
    shipment: Vec<ShipmentDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShipmentDto {
    #[serde(default)]
    package: Vec<Package>,
    #[serde(default)]
    warnings: Vec<CodeMessage>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Package {
    tracking_number: Option<String>,
    current_status: Option<Status>,
    #[serde(default)]
    activity: Vec<Activity>,
    #[serde(default)]
    delivery_date: Vec<DeliveryDate>,
    service: Option<Service>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    #[serde(rename = "type")]
    kind: Option<String>,
    code: Option<String>,
    description: Option<String>,
    simplified_text_description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Activity {
    date: Option<String>,
    time: Option<String>,
    gmt_date: Option<String>,
    gmt_time: Option<String>,
    gmt_offset: Option<String>,
    location: Option<Location>,
    status: Option<Status>,
}

#[derive(Debug, Deserialize)]
struct Location {
    address: Option<Address>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Address {
    city: Option<String>,
    state_province: Option<String>,
    country_code: Option<String>,
    country: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DeliveryDate {
    #[serde(rename = "type")]
    kind: Option<String>,
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Service {
    description: Option<String>,
}

// ---- mapping ----------------------------------------------------------------------------------

/// A UPS status → shipment status, with the out-for-delivery refinement of in-transit scans.
fn status_of(s: &Status) -> ShipmentStatus {
    let mapped = map_status(STATUS_MAP, s.kind.as_deref().unwrap_or_default());
    let ofd = s.code.as_deref().is_some_and(|c| c.eq_ignore_ascii_case("OT"))
        || s.description.as_deref().is_some_and(|d| d.to_ascii_lowercase().contains("out for delivery"));
    if mapped == InTransit && ofd { OutForDelivery } else { mapped }
}

/// The raw status kept beside the mapped one: `type/code` (`D/KB`), or whichever is present.
fn raw(s: &Status) -> Option<String> {
    match (s.kind.as_deref(), s.code.as_deref()) {
        (Some(t), Some(c)) if !c.is_empty() => Some(format!("{t}/{c}")),
        (Some(t), _) => Some(t.to_string()),
        (None, Some(c)) => Some(c.to_string()),
        (None, None) => None,
    }
}

/// `YYYYMMDD` → `YYYY-MM-DD`.
fn date(d: &str) -> Option<String> {
    let d = d.trim();
    (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

/// `HHMMSS` (leading zero sometimes dropped, as in the spec's `74700`) → `HH:MM:SS`.
fn time(t: &str) -> Option<String> {
    let t = t.trim();
    if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = format!("{t:0>6}");
    Some(format!("{}:{}:{}", &t[..2], &t[2..4], &t[4..]))
}

/// Local date and time plus the offset when UPS gives one (RFC 3339), else local time.
fn when(d: Option<&str>, t: Option<&str>, offset: Option<&str>) -> Option<String> {
    let d = date(d?)?;
    let Some(t) = t.and_then(time) else { return Some(d) };
    let off = offset.map(str::trim).filter(|o| {
        let b = o.as_bytes();
        b.len() == 6 && (b[0] == b'+' || b[0] == b'-') && b[3] == b':'
    });
    Some(match off {
        Some(o) => format!("{d}T{t}{o}"),
        None => format!("{d}T{t}"),
    })
}

fn event(a: &Activity) -> TrackingEvent {
    let st = a.status.clone().unwrap_or(Status {
        kind: None,
        code: None,
        description: None,
        simplified_text_description: None,
    });
    let addr = a.location.as_ref().and_then(|l| l.address.as_ref());
    TrackingEvent {
        at: when(a.date.as_deref(), a.time.as_deref(), a.gmt_offset.as_deref()),
        status: status_of(&st),
        code: raw(&st),
        description: st.description.clone().unwrap_or_default(),
        location: addr.and_then(|a| {
            place(&[
                a.city.as_deref(),
                a.state_province.as_deref(),
                a.country_code.as_deref().or(a.country.as_deref()),
            ])
        }),
    }
}

/// Newest first by the GMT date and time when every activity has them (the spec promises that
/// order; this keeps it true if a response does not).
fn sort_newest_first(acts: &mut [Activity]) {
    let key = |a: &Activity| -> Option<String> {
        let d = a.gmt_date.as_deref().and_then(date)?;
        let t = a.gmt_time.as_deref().map(|t| t.replace(':', "")).and_then(|t| time(&t))?;
        Some(format!("{d}T{t}"))
    };
    if acts.iter().all(|a| key(a).is_some()) {
        acts.sort_by_key(|a| std::cmp::Reverse(key(a)));
    }
}

/// One package → a shipment.
fn map_package(number: &str, mut p: Package) -> Shipment {
    sort_newest_first(&mut p.activity);
    let events: Vec<TrackingEvent> = p.activity.iter().map(event).collect();
    let (status, raw_status, status_text) = match &p.current_status {
        Some(s) => (status_of(s), raw(s), s.description.clone().or(s.simplified_text_description.clone())),
        None => match events.first() {
            Some(e) => (e.status, e.code.clone(), Some(e.description.clone())),
            None => (Unknown, None, None),
        },
    };
    let dd = |k: &str| {
        p.delivery_date
            .iter()
            .find(|d| d.kind.as_deref() == Some(k))
            .and_then(|d| d.date.as_deref())
            .and_then(date)
    };
    let delivered_at = (status == Delivered)
        .then(|| {
            events.iter().find(|e| e.status == Delivered).and_then(|e| e.at.clone()).or_else(|| dd("DEL"))
        })
        .flatten();
    let estimated_delivery = if status == Delivered { None } else { dd("RDD").or_else(|| dd("SDD")) };
    Shipment {
        carrier: INFO.name.into(),
        number: p.tracking_number.clone().unwrap_or_else(|| number.to_string()),
        status,
        raw_status,
        status_text,
        service: p.service.and_then(|s| s.description),
        estimated_delivery,
        delivered_at,
        events,
    }
}

/// A 2xx answer decoded and mapped, exactly as `track` does it (public so `fuzz/` runs this code).
pub fn read_answer(service: &str, number: &str, resp: &Response) -> Result<TrackResult> {
    Ok(map_response(number, resp.json(service)?))
}

/// A 200 answer → the result for `number`.
fn map_response(number: &str, e: Envelope) -> TrackResult {
    let shipments = e.track_response.map(|t| t.shipment).unwrap_or_default();
    let mut warnings = Vec::new();
    for s in shipments {
        warnings.extend(s.warnings.into_iter().filter_map(|w| w.message));
        if let Some(p) = s.package.into_iter().next() {
            return TrackResult::found(map_package(number, p));
        }
    }
    let msg = if warnings.is_empty() {
        "UPS returned no package for this number".into()
    } else {
        warnings.join("; ")
    };
    TrackResult::failed(INFO.name, number, TrackErrorKind::NotFound, msg)
}

/// A unique `transId` per request.
fn trans_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

// ---- the adapter ------------------------------------------------------------------------------

struct Ups {
    account: Account,
}

impl Ups {
    fn request(&self, number: &str) -> Result<Request> {
        let tid = HeaderValue::from_str(&trans_id()).map_err(|e| Error::general(e.to_string()))?;
        Ok(Request::get(&format!("api/track/v1/details/{number}"))
            .query("locale", "en_US")
            .header(HeaderName::from_static("transid"), tid)
            .header(HeaderName::from_static("transactionsrc"), HeaderValue::from_static("shopdesk")))
    }

    async fn one(&self, number: &str) -> Result<TrackResult> {
        let client = &self.account.client;
        let resp = client.send_any(self.request(number)?).await?;
        match resp.status {
            s if s.is_success() => read_answer(&client.name, number, &resp),
            StatusCode::NOT_FOUND => Ok(TrackResult::failed(
                INFO.name,
                number,
                TrackErrorKind::NotFound,
                error_message(resp.status, &resp.body)
                    .unwrap_or_else(|| "Tracking Information Not Found".into()),
            )),
            StatusCode::BAD_REQUEST => Ok(TrackResult::failed(
                INFO.name,
                number,
                TrackErrorKind::Invalid,
                error_message(resp.status, &resp.body).unwrap_or_else(|| "invalid inquiry number".into()),
            )),
            _ => Err(client.status_error(&resp).context(format!("carrier {}", self.account.name))),
        }
    }
}

#[async_trait]
impl Carrier for Ups {
    fn info(&self) -> &'static Info {
        &INFO
    }

    async fn track(&self, numbers: &[String]) -> Result<Vec<TrackResult>> {
        let mut out = Vec::with_capacity(numbers.len());
        for n in numbers {
            out.push(self.one(n).await?);
        }
        Ok(out)
    }

    async fn probe(&self) -> Result<String> {
        // Obtaining a token proves the client id and secret; a 404 for a made-up number is fine.
        self.one("1Z0000000000000000").await?;
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
        let p = format!("{}/tests/fixtures/ups/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
    }

    fn st(kind: &str, code: &str, d: &str) -> Status {
        Status {
            kind: Some(kind.into()),
            code: Some(code.into()),
            description: Some(d.into()),
            simplified_text_description: None,
        }
    }

    #[test]
    fn status_table() {
        assert_eq!(status_of(&st("M", "MP", "Shipper created a label")), PreTransit);
        assert_eq!(status_of(&st("P", "PU", "Pickup Scan")), InTransit);
        assert_eq!(status_of(&st("I", "AR", "Arrived at Facility")), InTransit);
        assert_eq!(status_of(&st("I", "OT", "Loaded on Delivery Vehicle")), OutForDelivery);
        assert_eq!(status_of(&st("I", "XY", "Out For Delivery Today")), OutForDelivery);
        assert_eq!(status_of(&st("D", "KB", "Delivered")), Delivered);
        assert_eq!(status_of(&st("X", "X1", "The receiver was not available")), Exception);
        assert_eq!(status_of(&st("RS", "RS", "Returned to shipper")), Returned);
        assert_eq!(status_of(&st("Q", "??", "Something new")), Unknown);
        assert_eq!(raw(&st("D", "KB", "")).as_deref(), Some("D/KB"));
    }

    #[test]
    fn times_keep_the_offset_when_given() {
        assert_eq!(
            when(Some("20260402"), Some("132700"), Some("-04:00")).as_deref(),
            Some("2026-04-02T13:27:00-04:00")
        );
        assert_eq!(when(Some("20260402"), Some("74700"), None).as_deref(), Some("2026-04-02T07:47:00"));
        assert_eq!(when(Some("20260402"), None, None).as_deref(), Some("2026-04-02"));
        assert_eq!(when(Some("2026-04-02"), Some("1"), None), None);
    }

    #[test]
    fn delivered_fixture() {
        let r = map_response("1Z5R89390357567127", fixture("delivered.json"));
        let s = r.shipment.unwrap();
        assert_eq!(s.status, Delivered);
        assert_eq!(s.raw_status.as_deref(), Some("D/KB"));
        assert_eq!(s.service.as_deref(), Some("UPS Ground"));
        assert_eq!(s.delivered_at.as_deref(), Some("2026-04-02T13:27:00-04:00"));
        assert_eq!(s.estimated_delivery, None);
        assert_eq!(s.events.len(), 3);
        assert_eq!(s.events[0].location.as_deref(), Some("WAYNE, NJ, US"));
        assert_eq!(s.events[2].status, InTransit);
        assert!(s.events[0].at > s.events[1].at, "newest first");
    }

    #[test]
    fn out_for_delivery_and_exception_fixtures() {
        let s = map_response("1Z879E930346834440", fixture("out_for_delivery.json")).shipment.unwrap();
        assert_eq!(s.status, OutForDelivery);
        assert_eq!(s.estimated_delivery.as_deref(), Some("2026-04-03"));
        let s = map_response("1Z410E7W0392751591", fixture("exception.json")).shipment.unwrap();
        assert_eq!(s.status, Exception);
        assert_eq!(s.events[0].code.as_deref(), Some("X/X1"));
    }

    #[test]
    fn errors_and_warnings() {
        let b = std::fs::read(format!("{}/tests/fixtures/ups/not_found.json", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
        assert_eq!(
            error_message(StatusCode::NOT_FOUND, &b).as_deref(),
            Some("Tracking Information Not Found [151044]")
        );
        let w: Envelope = serde_json::from_str(
            r#"{"trackResponse":{"shipment":[{"inquiryNumber":"1Z","warnings":[{"code":"TW0001","message":"Tracking Information Not Found"}]}]}}"#,
        )
        .unwrap();
        let r = map_response("1Z", w);
        assert_eq!(r.error.unwrap().kind, TrackErrorKind::NotFound);
        let cfg = CarrierConfig { carrier: "ups".into(), ..Default::default() };
        let mut s = HashMap::new();
        s.insert("client_secret", Secret::new("x"));
        assert_eq!(auth("ups", &cfg, &s).err().unwrap().exit_code(), 2, "client_id is required");
    }
}
