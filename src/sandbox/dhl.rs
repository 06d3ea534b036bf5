//! The DHL Shipment Tracking – Unified emulator, mounted at `/dhl/…` in place of
//! `https://api-eu.dhl.com/…`.
//!
//! Written from `reference/services.md` §3c (spec 1.3.1):
//! - `GET /track/shipments?trackingNumber=N` with the header `DHL-API-Key`
//!   ([`demo::DHL_API_KEY`]; anything else → 401). Optional `service`: a value other than the
//!   parcel's (`express`) finds nothing. Missing `trackingNumber` → 400.
//! - Known numbers: the DHL Express numbers of the seeded orders ([`super::tracking::parcels`]),
//!   each with events ending in its stage; `statusCode` ∈ pre-transit | transit | delivered |
//!   failure; out for delivery is a `transit` event "With delivery courier" [U wording].
//!   Timestamps are local (Central European, UTC+1) without an offset, as in DHL's examples.
//! - Errors are `application/problem+json` `{"type","title","status","detail","instance"}`;
//!   unknown numbers → 404 "No result found".
//! - **Quota**: every request with a valid key counts against [`Options::dhl_daily_quota`] per
//!   UTC day (default: effectively unlimited). Once used up: 429 problem+json with `Retry-After`
//!   = seconds to the next UTC midnight, until then [U: DHL's exact body and headers].
//! - **Pace**: a request sooner than [`Options::dhl_min_interval`] after the previous one
//!   (the free tier's "1 call per 5 s" [U]) gets 429 with `Retry-After` in whole seconds and does
//!   not count against the quota.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Query, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value as Json, json};

use super::seed::Rng;
use super::tracking::{self, Carrier, Parcel, Stage};
use super::{Options, Shared, demo};

#[derive(Default)]
struct Usage {
    /// Days since the epoch (UTC) the count is for.
    day: i64,
    used: u64,
    /// When the last answered request arrived (for the minimum interval).
    last: Option<Instant>,
}

pub(crate) struct State {
    parcels: tracking::Parcels,
    quota: u64,
    min_interval: Duration,
    usage: Mutex<Usage>,
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let parcels = tracking::Parcels::new(opts, Carrier::DhlExpress);
        State {
            parcels,
            quota: opts.dhl_daily_quota,
            min_interval: opts.dhl_min_interval,
            usage: Mutex::new(Usage::default()),
        }
    }

    fn usage(&self) -> MutexGuard<'_, Usage> {
        self.usage.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/dhl/track/shipments", get(shipments))
}

/// DHL's problem+json error.
pub(crate) fn problem(status: StatusCode, title: &str, detail: &str, instance: &str) -> Response {
    let body = json!({"type": "about:blank", "title": title, "status": status.as_u16(), "detail": detail,
                      "instance": instance});
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    r
}

async fn shipments(
    AxState(s): AxState<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let st = &s.dhl;
    let key = headers.get("dhl-api-key").and_then(|v| v.to_str().ok());
    if key != Some(demo::DHL_API_KEY) {
        return problem(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            "Unauthorized for given resource.",
            "/track/shipments",
        );
    }
    let now = Timestamp::now() + SignedDuration::from_secs(s.control().clock_skew_secs);
    let day = now.as_second().div_euclid(86_400);
    {
        let mut u = st.usage();
        if u.day != day {
            *u = Usage { day, used: 0, last: u.last };
        }
        if let Some(wait) =
            u.last.map(|l| st.min_interval.saturating_sub(l.elapsed())).filter(|w| !w.is_zero())
        {
            let mut r = problem(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests",
                &format!("At most one request per {} s for this API key.", st.min_interval.as_secs_f64()),
                "/track/shipments",
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs_f64().ceil().max(1.0) as u64));
            return r;
        }
        if u.used >= st.quota {
            let wait = (day + 1) * 86_400 - now.as_second();
            let mut r = problem(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests",
                &format!("The daily quota of {} requests for this API key is used up.", st.quota),
                "/track/shipments",
            );
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.max(1) as u64));
            return r;
        }
        u.used += 1;
        u.last = Some(Instant::now());
    }
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(number) = get("trackingNumber").map(str::trim).filter(|n| !n.is_empty()) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "Bad request",
            "The parameter trackingNumber is required.",
            "/track/shipments",
        );
    };
    let found = st.parcels.get(number).filter(|_| get("service").is_none_or(|sv| sv == "express"));
    match found {
        Some(p) => axum::Json(answer(&p)).into_response(),
        None => problem(
            StatusCode::NOT_FOUND,
            "No result found",
            "No shipment with given tracking number found.",
            &format!("/shipment/{number}"),
        ),
    }
}

// ---- histories --------------------------------------------------------------------------------

/// (locality, country code) of the scan locations.
const PLACES: &[(&str, &str)] = &[
    ("LEIPZIG - GERMANY", "DE"),
    ("AMSTERDAM - NETHERLANDS", "NL"),
    ("PARIS - FRANCE", "FR"),
    ("BRUSSELS - BELGIUM", "BE"),
    ("MILAN - ITALY", "IT"),
    ("TORONTO - CANADA", "CA"),
];

struct Ev {
    at: Timestamp,
    place: Option<usize>,
    code: &'static str,
    status: &'static str,
    description: &'static str,
}

/// The events of a parcel, oldest first.
fn events(p: &Parcel) -> Vec<Ev> {
    let mut r = Rng::new(p.number.bytes().fold(7u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64)));
    let dest = 1 + r.below(PLACES.len() as u64 - 1) as usize;
    let t = p.shipped_at;
    let h = SignedDuration::from_hours;
    let ev = |at, place, code, status, description| Ev { at, place, code, status, description };
    let mut v = vec![ev(t - h(1), None, "pre-transit", "PRE-TRANSIT", "Shipment information received")];
    if p.stage == Stage::PreTransit {
        return v;
    }
    v.push(ev(t + h(3), Some(0), "transit", "TRANSIT", "Shipment picked up"));
    v.push(ev(t + h(10), Some(0), "transit", "TRANSIT", "Departed Facility in LEIPZIG - GERMANY"));
    v.push(ev(t + h(26), Some(dest), "transit", "TRANSIT", "Arrived at Delivery Facility"));
    if p.stage == Stage::InTransit {
        return v;
    }
    v.push(ev(t + h(50), Some(dest), "transit", "TRANSIT", "With delivery courier"));
    match p.stage {
        Stage::Delivered => v.push(ev(t + h(54), Some(dest), "delivered", "DELIVERED", "Delivered")),
        Stage::Exception => v.push(ev(
            t + h(55),
            Some(dest),
            "failure",
            "FAILURE",
            "Delivery attempted; recipient not available. A notice card was left.",
        )),
        _ => {}
    }
    v
}

/// Central European local time without an offset, as DHL's examples write it.
fn local(ts: Timestamp) -> String {
    jiff::tz::offset(1).to_datetime(ts).strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

fn event_json(e: &Ev) -> Json {
    let mut j = json!({"timestamp": local(e.at), "statusCode": e.code, "status": e.status,
                       "description": e.description});
    if let Some(i) = e.place {
        j["location"] = json!({"address": {"addressLocality": PLACES[i].0, "countryCode": PLACES[i].1}});
    }
    j
}

fn answer(p: &Parcel) -> Json {
    let evs = events(p);
    let last = evs.last().expect("every parcel has a first event");
    let dest = evs.iter().rev().find_map(|e| e.place).unwrap_or(1);
    let mut shipment = json!({
        "id": p.number,
        "service": "express",
        "origin": {"address": {"addressLocality": PLACES[0].0, "countryCode": PLACES[0].1}},
        "destination": {"address": {"addressLocality": PLACES[dest].0, "countryCode": PLACES[dest].1}},
        "status": event_json(last),
        "details": {"product": {"productName": "EXPRESS WORLDWIDE"}, "totalNumberOfPieces": 1,
                    "pieceIds": [format!("JD01460000{}", &p.number[..p.number.len().min(10)])]},
        "events": evs.iter().rev().map(event_json).collect::<Vec<_>>(),
    });
    if p.stage != Stage::Delivered {
        shipment["estimatedTimeOfDelivery"] = json!(local(p.shipped_at + SignedDuration::from_hours(72)));
    }
    json!({
        "url": format!("/track/shipments?offset=0&limit=5&trackingNumber={}", p.number),
        "firstUrl": format!("/track/shipments?offset=0&limit=5&trackingNumber={}", p.number),
        "prevUrl": format!("/track/shipments?offset=0&limit=5&trackingNumber={}", p.number),
        "nextUrl": format!("/track/shipments?offset=0&limit=5&trackingNumber={}", p.number),
        "lastUrl": format!("/track/shipments?offset=0&limit=5&trackingNumber={}", p.number),
        "shipments": [shipment],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histories_end_in_their_stage() {
        let ps = tracking::parcels(0, super::super::seed::DEFAULT_ORDERS, Carrier::DhlExpress);
        for p in &ps {
            let v = answer(p);
            let s = &v["shipments"][0];
            let want = match p.stage {
                Stage::PreTransit => "pre-transit",
                Stage::InTransit | Stage::OutForDelivery => "transit",
                Stage::Delivered => "delivered",
                Stage::Exception => "failure",
            };
            assert_eq!(s["status"]["statusCode"], want, "{}", p.number);
            assert_eq!(s["events"][0], s["status"], "newest first");
        }
    }
}
