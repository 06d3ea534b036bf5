//! DHL Shipment Tracking – Unified (`GET /track/shipments`).
//!
//! Facts this file is built on (`shared/reference/services.md` §3c; spec 1.3.1 as vendored in
//! `CaptnCodr/dhl-cli`):
//! - One host, `https://api-eu.dhl.com` (no test host: `environment` changes nothing).
//! - `GET /track/shipments?trackingNumber=N` with the header `DHL-API-Key: <key>` (secret
//!   `api_key`); the optional `service` hint (`express`, `parcel-de`, `ecommerce`, …) comes from
//!   the profile's `service` key. One number per request ([`Info::max_batch`] 1).
//! - Answer: `{"shipments":[{id, service, status, estimatedTimeOfDelivery,
//!   estimatedDeliveryTimeFrame, details{product{productName}}, events[]}]}`; an event is
//!   `{timestamp, location{address{addressLocality,countryCode}}, statusCode, status,
//!   description}` with `statusCode` ∈ pre-transit | transit | delivered | failure | unknown.
//!   Timestamps are passed through as DHL writes them: usually local time without an offset.
//! - Errors are `application/problem+json` `{"type","title","status","detail","instance"}`;
//!   404 `"No result found"` is a per-number "not found", not a failure of the command.
//! - 429 when the app's quota is used up; the transport retries after `Retry-After` and gives up
//!   when the wait is longer than a minute, which this adapter reports as the quota.
//!
//! Status mapping ([`STATUS_MAP`], from `statusCode`, kept as the raw status): pre-transit →
//! pre_transit, transit → in_transit, delivered → delivered, failure → exception, unknown →
//! unknown; a transit event whose words say "out for delivery" / "with delivery courier" →
//! out_for_delivery, and one that says "returned to sender/shipper" → returned.
//!
//! [U] not verified: the wording of out-for-delivery and return events (DHL has no code for
//! them); that `events[]` are newest first (kept in the order received); the free tier's quota
//! (250 calls a day, 1 call per 5 s) and whether DHL's 429 carries `Retry-After`; the 401 body.

use super::{Account, Carrier, Info, map_status, place, secret};
use crate::config::CarrierConfig;
use crate::domain::{Shipment, ShipmentStatus, TrackErrorKind, TrackResult, TrackingEvent};
use crate::error::{Error, Kind, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Request, Response, VendorHooks};
use async_trait::async_trait;
use reqwest::StatusCode;
use reqwest::header::HeaderName;
use serde::Deserialize;
use std::collections::HashMap;

use ShipmentStatus::*;

pub static INFO: Info = Info {
    name: "dhl",
    display: "DHL",
    default_url: "https://api-eu.dhl.com",
    test_url: None,
    secret_fields: &["api_key"],
    max_batch: 1,
    min_interval: std::time::Duration::from_secs(5),
    auth,
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |account| Box::new(Dhl { account }),
};

/// `statusCode` → status.
pub static STATUS_MAP: &[(&str, ShipmentStatus)] = &[
    ("pre-transit", PreTransit),
    ("transit", InTransit),
    ("delivered", Delivered),
    ("failure", Exception),
    ("unknown", Unknown),
];

fn auth(name: &str, _: &CarrierConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    Ok(AuthScheme::Header {
        name: HeaderName::from_static("dhl-api-key"),
        prefix: "",
        secret: secret(name, secrets, "api_key")?,
    })
}

/// problem+json → `title: detail`.
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    let p: Problem = serde_json::from_slice(body).ok()?;
    match (p.title, p.detail) {
        (Some(t), Some(d)) if !d.is_empty() => Some(format!("{t}: {d}")),
        (Some(t), _) => Some(t),
        (None, Some(d)) => Some(d),
        (None, None) => None,
    }
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct Problem {
    title: Option<String>,
    detail: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Answer {
    #[serde(default)]
    shipments: Vec<ShipmentDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShipmentDto {
    id: Option<String>,
    status: Option<Event>,
    estimated_time_of_delivery: Option<String>,
    estimated_delivery_time_frame: Option<TimeFrame>,
    details: Option<Details>,
    #[serde(default)]
    events: Vec<Event>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TimeFrame {
    estimated_through: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Details {
    product: Option<Product>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Product {
    product_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Event {
    timestamp: Option<String>,
    location: Option<Loc>,
    status_code: Option<String>,
    status: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Loc {
    address: Option<Addr>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Addr {
    address_locality: Option<String>,
    country_code: Option<String>,
}

// ---- mapping ----------------------------------------------------------------------------------

fn status_of(e: &Event) -> ShipmentStatus {
    let mapped = map_status(STATUS_MAP, e.status_code.as_deref().unwrap_or_default());
    let words = format!(
        "{} {}",
        e.status.as_deref().unwrap_or_default(),
        e.description.as_deref().unwrap_or_default()
    )
    .to_ascii_lowercase();
    let returned =
        ["returned to sender", "returned to shipper", "return to sender"].iter().any(|w| words.contains(w));
    let ofd = ["out for delivery", "with delivery courier"].iter().any(|w| words.contains(w));
    match mapped {
        InTransit | Exception if returned => Returned,
        InTransit if ofd => OutForDelivery,
        s => s,
    }
}

fn event(e: &Event) -> TrackingEvent {
    let addr = e.location.as_ref().and_then(|l| l.address.as_ref());
    TrackingEvent {
        at: e.timestamp.clone(),
        status: status_of(e),
        code: e.status_code.clone(),
        description: e.description.clone().or(e.status.clone()).unwrap_or_default(),
        location: addr.and_then(|a| place(&[a.address_locality.as_deref(), a.country_code.as_deref()])),
    }
}

fn map_shipment(number: &str, s: ShipmentDto) -> Shipment {
    let events: Vec<TrackingEvent> = s.events.iter().map(event).collect();
    let current = s.status.as_ref().map(event).or_else(|| events.first().cloned());
    let status = current.as_ref().map(|e| e.status).unwrap_or(Unknown);
    let estimated = s
        .estimated_time_of_delivery
        .clone()
        .or_else(|| s.estimated_delivery_time_frame.and_then(|f| f.estimated_through));
    Shipment {
        carrier: INFO.name.into(),
        number: s.id.unwrap_or_else(|| number.to_string()),
        status,
        raw_status: current.as_ref().and_then(|e| e.code.clone()),
        status_text: current.as_ref().map(|e| e.description.clone()).filter(|d| !d.is_empty()),
        service: s.details.and_then(|d| d.product).and_then(|p| p.product_name),
        estimated_delivery: if status == Delivered { None } else { estimated },
        delivered_at: if status == Delivered { current.and_then(|e| e.at) } else { None },
        events,
    }
}

/// A 2xx answer decoded and mapped, exactly as `track` does it (public so `fuzz/` runs this code).
pub fn read_answer(service: &str, number: &str, resp: &Response) -> Result<TrackResult> {
    Ok(map_answer(number, resp.json(service)?))
}

fn map_answer(number: &str, a: Answer) -> TrackResult {
    match a.shipments.into_iter().next() {
        Some(s) => TrackResult::found(map_shipment(number, s)),
        None => TrackResult::failed(INFO.name, number, TrackErrorKind::NotFound, "DHL returned no shipment"),
    }
}

// ---- the adapter ------------------------------------------------------------------------------

struct Dhl {
    account: Account,
}

impl Dhl {
    async fn one(&self, number: &str) -> Result<TrackResult> {
        let client = &self.account.client;
        let mut req = Request::get("track/shipments").query("trackingNumber", number);
        if let Some(s) = &self.account.config.service {
            req = req.query("service", s.clone());
        }
        let resp = client.send_any(req).await.map_err(|e| self.quota(e))?;
        let msg = || error_message(resp.status, &resp.body);
        match resp.status {
            s if s.is_success() => read_answer(&client.name, number, &resp),
            StatusCode::NOT_FOUND => Ok(TrackResult::failed(
                INFO.name,
                number,
                TrackErrorKind::NotFound,
                msg().unwrap_or_else(|| "No result found".into()),
            )),
            StatusCode::BAD_REQUEST => Ok(TrackResult::failed(
                INFO.name,
                number,
                TrackErrorKind::Invalid,
                msg().unwrap_or_else(|| "invalid tracking number".into()),
            )),
            _ => {
                Err(self.quota(client.status_error(&resp)).context(format!("carrier {}", self.account.name)))
            }
        }
    }

    /// A 429 that outlasted the retries is the app's quota: say so, and what to do.
    fn quota(&self, e: Error) -> Error {
        if e.kind != Kind::RateLimited {
            return e;
        }
        Error::rate_limited(format!(
            "carrier {}: DHL's API quota for this key is used up ({})",
            self.account.name, e.message
        ))
        .with_hint(
            "DHL counts calls per API key and day (free tier: a few hundred); wait for the quota to reset, or ask for a higher quota on developer.dhl.com",
        )
    }
}

#[async_trait]
impl Carrier for Dhl {
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
        // A made-up number: 404 proves the key is accepted (401 would not be a result).
        self.one("0000000000").await?;
        Ok("API key accepted".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Answer {
        let p = format!("{}/tests/fixtures/dhl/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
    }

    fn ev(code: &str, words: &str) -> Event {
        Event {
            timestamp: None,
            location: None,
            status_code: Some(code.into()),
            status: None,
            description: Some(words.into()),
        }
    }

    #[test]
    fn status_table() {
        assert_eq!(status_of(&ev("pre-transit", "The shipment data has been received")), PreTransit);
        assert_eq!(status_of(&ev("transit", "Arrived at Delivery Facility")), InTransit);
        assert_eq!(status_of(&ev("transit", "With delivery courier")), OutForDelivery);
        assert_eq!(status_of(&ev("delivered", "Delivered")), Delivered);
        assert_eq!(status_of(&ev("failure", "Delivery attempted; recipient not home")), Exception);
        assert_eq!(status_of(&ev("failure", "Returned to sender")), Returned);
        assert_eq!(status_of(&ev("unknown", "?")), Unknown);
        assert_eq!(status_of(&ev("teleported", "?")), Unknown);
    }

    #[test]
    fn delivered_fixture() {
        let s = map_answer("7777777770", fixture("delivered.json")).shipment.unwrap();
        assert_eq!(s.status, Delivered);
        assert_eq!(s.raw_status.as_deref(), Some("delivered"));
        assert_eq!(s.service.as_deref(), Some("EXPRESS WORLDWIDE"));
        assert_eq!(s.delivered_at.as_deref(), Some("2026-04-02T10:31:00"));
        assert_eq!(s.events.len(), 3);
        assert_eq!(s.events[0].location.as_deref(), Some("AMSTERDAM - NETHERLANDS, NL"));
        assert_eq!(s.events[2].status, PreTransit);
    }

    #[test]
    fn transit_fixture_and_errors() {
        let s = map_answer("3318810025", fixture("transit.json")).shipment.unwrap();
        assert_eq!(s.status, OutForDelivery);
        assert_eq!(s.estimated_delivery.as_deref(), Some("2026-04-03T18:00:00+02:00"));
        let b = std::fs::read(format!("{}/tests/fixtures/dhl/not_found.json", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
        assert_eq!(
            error_message(StatusCode::NOT_FOUND, &b).as_deref(),
            Some("No result found: No shipment with given tracking number found.")
        );
        assert_eq!(
            map_answer("1", Answer { shipments: vec![] }).error.unwrap().kind,
            TrackErrorKind::NotFound
        );
    }
}
