//! The FedEx emulator (OAuth client credentials, Track API), mounted at `/fedex/…` in place of
//! `https://apis-sandbox.fedex.com/…`.
//!
//! Written from `reference/services.md` §3a (FedEx's OpenAPI JSON as generated into
//! `alexdupre/fedex-scala`, developer.fedex.com excerpts):
//! - **OAuth**: `POST /oauth/token` with a form body `grant_type=client_credentials&client_id=…&
//!   client_secret=…` (the credentials in the body; [`demo::FEDEX_CLIENT_ID`] and
//!   [`demo::FEDEX_CLIENT_SECRET`], checked exactly). Answer `{"access_token","token_type":"bearer",
//!   "expires_in": <number of seconds, from `Options::token_ttl`>,"scope":"CXS"}`. Wrong
//!   credentials → 401 `NOT.AUTHORIZED.ERROR`; a missing or other grant → 400
//!   `BAD.REQUEST.ERROR` [U code]. [`crate::sandbox::Sandbox::expire_fedex_tokens`] expires every
//!   token at once.
//! - **Track**: `POST /track/v1/trackingnumbers` with a valid Bearer token (else 401
//!   `NOT.AUTHORIZED.ERROR`) and a JSON body `{"includeDetailedScans", "trackingInfo":
//!   [{"trackingNumberInfo": {"trackingNumber"}}]}`: no number, or an entry without one → 400
//!   `TRACKING.TRACKINGNUMBER.EMPTY`; more than 30 entries → 400
//!   `TRACKING.TRACKINGNUMBER.LIMITEXCEEDED` [U code: FedEx documents the 1..30 limit, not the
//!   error]; a body that is not such JSON → 400 `INVALID.INPUT.EXCEPTION` [U]. The answer is
//!   `{"transactionId", "customerTransactionId" (the `x-customer-transaction-id` header echoed),
//!   "output": {"completeTrackResults": [{"trackingNumber", "trackResults": [TrackResult]}]}}`, one
//!   entry per number in request order. Unknown numbers get a track result with only
//!   `trackingNumberInfo` and `error{code: "TRACKING.TRACKINGNUMBER.NOTFOUND", message}` inside the
//!   200 ([3P] code). `scanEvents` (newest first [U]) are sent only when `includeDetailedScans` is
//!   true [U: FedEx then sends the latest scan only; here none].
//! - Known numbers: the FedEx numbers of the seeded orders ([`super::tracking::parcels`]), each
//!   with a history that ends in its stage: `OC` shipment information sent, `PU` picked up, `DP`
//!   left origin, `AR` arrived at hub (`latestStatusDetail` `IT` in transit), `OD` on vehicle for
//!   delivery, `DL` delivered or `DE` delivery exception (exception code `08` [U]). Times are
//!   ISO 8601 with the scan location's offset; `dateAndTimes` carries `SHIP`, `ACTUAL_PICKUP`,
//!   and `ACTUAL_DELIVERY` or `ESTIMATED_DELIVERY`; `serviceDetail` follows the number.
//!   `derivedStatusCode` of a label-created scan is `IN` [U].
//! - Errors are `{"transactionId", "customerTransactionId"?, "errors": [{"code", "message"}]}`;
//!   injected faults use the same shape ([`fault_body`]). Messages are [U] (FedEx's wording is not
//!   in the reference).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value as Json, json};

use super::seed::Rng;
use super::tokens::Tokens;
use super::tracking::{self, Carrier, Parcel, Stage};
use super::{Options, Shared, demo, request_id};

/// Most numbers one track request may carry.
pub const MAX_NUMBERS: usize = 30;

pub(crate) struct State {
    tokens: Tokens,
    /// Transaction ids given (they derive from it).
    answers: AtomicU64,
    seed: u64,
    parcels: tracking::Parcels,
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let parcels = tracking::Parcels::new(opts, Carrier::FedEx);
        State {
            tokens: Tokens::new(opts.token_ttl, 0xFED0_70CE),
            answers: AtomicU64::new(0),
            seed: opts.seed,
            parcels,
        }
    }

    /// Every issued token expires now.
    pub(crate) fn expire_tokens(&self) {
        self.tokens.expire_all();
    }

    /// A fresh transaction id (deterministic given the seed and the answer count).
    fn transaction_id(&self) -> String {
        request_id(self.seed ^ 0xFED0_0000, self.answers.fetch_add(1, Ordering::Relaxed) + 1)
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/fedex/{*rest}", any(handle))
}

/// FedEx's error body.
fn error_body(transaction_id: &str, customer_tid: Option<&str>, code: &str, message: &str) -> Json {
    let mut b = json!({"transactionId": transaction_id, "errors": [{"code": code, "message": message}]});
    if let Some(c) = customer_tid {
        b["customerTransactionId"] = json!(c);
    }
    b
}

/// The body of an injected fault with this HTTP status.
pub(crate) fn fault_body(status: u16) -> Json {
    let (code, message) = match status {
        429 => (
            "TOO.MANY.REQUESTS.ERROR",
            "We have received too many requests in a short duration. Please wait a while to try again.",
        ),
        503 => (
            "SERVICE.UNAVAILABLE.ERROR",
            "The service is currently unavailable and we are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.",
        ),
        _ => (
            "INTERNAL.SERVER.ERROR",
            "We encountered an unexpected error and are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.",
        ),
    };
    error_body(&request_id(u64::from(status), 0), None, code, message)
}

fn customer_tid(headers: &HeaderMap) -> Option<&str> {
    headers.get("x-customer-transaction-id").and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty())
}

fn error(st: &State, headers: &HeaderMap, status: StatusCode, code: &str, message: &str) -> Response {
    (status, axum::Json(error_body(&st.transaction_id(), customer_tid(headers), code, message)))
        .into_response()
}

async fn handle(
    AxState(s): AxState<Arc<Shared>>,
    method: Method,
    Path(rest): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let segs: Vec<&str> = rest.split('/').filter(|x| !x.is_empty()).collect();
    match (&method, segs.as_slice()) {
        (&Method::POST, ["oauth", "token"]) => token(&s.fedex, &headers, &body),
        (&Method::POST, ["track", "v1", "trackingnumbers"]) => track(&s.fedex, &headers, &body),
        _ => error(
            &s.fedex,
            &headers,
            StatusCode::NOT_FOUND,
            "NOT.FOUND.ERROR",
            "The resource you requested is no longer available. Please modify your request and try again.",
        ),
    }
}

fn token(st: &State, headers: &HeaderMap, body: &[u8]) -> Response {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    match field("grant_type") {
        Some("client_credentials") => {}
        Some(_) => {
            return error(
                st,
                headers,
                StatusCode::BAD_REQUEST,
                "BAD.REQUEST.ERROR",
                "The grant_type is not supported for this API key.",
            );
        }
        None => {
            return error(
                st,
                headers,
                StatusCode::BAD_REQUEST,
                "BAD.REQUEST.ERROR",
                "Missing or duplicate parameters. Please modify your request and try again.",
            );
        }
    }
    if field("client_id") != Some(demo::FEDEX_CLIENT_ID)
        || field("client_secret") != Some(demo::FEDEX_CLIENT_SECRET)
    {
        return error(
            st,
            headers,
            StatusCode::UNAUTHORIZED,
            "NOT.AUTHORIZED.ERROR",
            "The given client credentials were not valid. Please modify your request and try again.",
        );
    }
    let tok = st.tokens.issue("eyJhbGciOiJSUzI1NiJ9.fedex-sbx.");
    axum::Json(json!({
        "access_token": tok,
        "token_type": "bearer",
        "expires_in": st.tokens.ttl.as_secs(),
        "scope": "CXS",
    }))
    .into_response()
}

fn track(st: &State, headers: &HeaderMap, body: &[u8]) -> Response {
    let valid = st.tokens.accepts(headers);
    if !valid {
        return error(
            st,
            headers,
            StatusCode::UNAUTHORIZED,
            "NOT.AUTHORIZED.ERROR",
            "The given JWT is invalid. Please modify your request and try again.",
        );
    }
    let Ok(req) = serde_json::from_slice::<Json>(body) else {
        return error(
            st,
            headers,
            StatusCode::BAD_REQUEST,
            "INVALID.INPUT.EXCEPTION",
            "Invalid field value in the input",
        );
    };
    let infos = req["trackingInfo"].as_array().cloned().unwrap_or_default();
    let numbers: Vec<Option<String>> = infos
        .iter()
        .map(|i| {
            i["trackingNumberInfo"]["trackingNumber"]
                .as_str()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
        })
        .collect();
    if numbers.is_empty() || numbers.iter().any(Option::is_none) {
        return error(
            st,
            headers,
            StatusCode::BAD_REQUEST,
            "TRACKING.TRACKINGNUMBER.EMPTY",
            "Please provide tracking number.",
        );
    }
    if numbers.len() > MAX_NUMBERS {
        return error(
            st,
            headers,
            StatusCode::BAD_REQUEST,
            "TRACKING.TRACKINGNUMBER.LIMITEXCEEDED",
            &format!(
                "A maximum of {MAX_NUMBERS} tracking numbers can be tracked in one request; this one has {}.",
                numbers.len()
            ),
        );
    }
    let detailed = req["includeDetailedScans"].as_bool() == Some(true);
    let results: Vec<Json> = numbers
        .into_iter()
        .flatten()
        .map(|n| {
            let result = match st.parcels.get(&n) {
                Some(p) => track_result(&p, detailed),
                None => json!({
                    "trackingNumberInfo": {"trackingNumber": n, "trackingNumberUniqueId": "", "carrierCode": ""},
                    "error": {"code": "TRACKING.TRACKINGNUMBER.NOTFOUND",
                              "message": "Tracking number cannot be found. Please correct the tracking number and try again."},
                }),
            };
            json!({"trackingNumber": n, "trackResults": [result]})
        })
        .collect();
    let mut answer =
        json!({"transactionId": st.transaction_id(), "output": {"completeTrackResults": results}});
    if let Some(c) = customer_tid(headers) {
        answer["customerTransactionId"] = json!(c);
    }
    axum::Json(answer).into_response()
}

// ---- histories --------------------------------------------------------------------------------

/// (city, state, postal code, UTC offset hours) of the scan locations.
const PLACES: &[(&str, &str, &str, i8)] = &[
    ("NEWARK", "NJ", "07114", -5),
    ("INDIANAPOLIS", "IN", "46241", -5),
    ("MEMPHIS", "TN", "38118", -6),
    ("FORT WORTH", "TX", "76177", -6),
    ("DENVER", "CO", "80239", -7),
    ("OAKLAND", "CA", "94621", -8),
];

struct Scan {
    at: Timestamp,
    place: usize,
    code: &'static str,
    derived: &'static str,
    derived_status: &'static str,
    description: &'static str,
    exception: Option<(&'static str, &'static str)>,
}

/// The scans of a parcel, oldest first. The only reader of `parcel.stage`.
fn scans(p: &Parcel) -> Vec<Scan> {
    let mut r = Rng::new(p.number.bytes().fold(3u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64)));
    let origin = r.below(PLACES.len() as u64) as usize;
    let hub = 2; // Memphis
    let dest = (origin + 1 + r.below(PLACES.len() as u64 - 1) as usize) % PLACES.len();
    let t = p.shipped_at;
    let h = SignedDuration::from_hours;
    let scan = |at, place, code, derived, derived_status, description| Scan {
        at,
        place,
        code,
        derived,
        derived_status,
        description,
        exception: None,
    };
    let mut v =
        vec![scan(t - h(2), origin, "OC", "IN", "Label created", "Shipment information sent to FedEx")];
    if p.stage == Stage::PreTransit {
        return v;
    }
    v.push(scan(t + h(2), origin, "PU", "PU", "Picked up", "Picked up"));
    v.push(scan(t + h(8), origin, "DP", "IT", "In transit", "Left FedEx origin facility"));
    v.push(scan(t + h(20), hub, "AR", "IT", "In transit", "Arrived at FedEx hub"));
    if p.stage == Stage::InTransit {
        return v;
    }
    v.push(scan(t + h(55), dest, "OD", "OD", "Out for delivery", "On FedEx vehicle for delivery"));
    match p.stage {
        Stage::Delivered => v.push(scan(t + h(61), dest, "DL", "DL", "Delivered", "Delivered")),
        Stage::Exception => v.push(Scan {
            exception: Some(("08", "Customer not available or business closed")),
            ..scan(t + h(62), dest, "DE", "DE", "Delivery exception", "Delivery exception")
        }),
        _ => {}
    }
    v
}

/// ISO 8601 local time with the offset, as FedEx writes scan dates.
fn iso(ts: Timestamp, off: i8) -> String {
    jiff::tz::offset(off).to_datetime(ts).strftime("%Y-%m-%dT%H:%M:%S").to_string()
        + &format!("{}{:02}:00", if off < 0 { '-' } else { '+' }, off.unsigned_abs())
}

fn address(place: usize) -> Json {
    let (city, state, zip, _) = PLACES[place];
    json!({"city": city, "stateOrProvinceCode": state, "postalCode": zip, "countryCode": "US",
           "residential": false, "countryName": "United States"})
}

fn service(number: &str) -> Json {
    let (kind, desc, short) = match number.as_bytes().get(1).map(|b| b % 3) {
        Some(0) => ("PRIORITY_OVERNIGHT", "FedEx Priority Overnight", "PO"),
        Some(1) => ("FEDEX_2_DAY", "FedEx 2Day", "E2"),
        _ => ("FEDEX_EXPRESS_SAVER", "FedEx Express Saver", "XS"),
    };
    json!({"type": kind, "description": desc, "shortDescription": short})
}

/// The track result for a seeded parcel.
fn track_result(p: &Parcel, detailed: bool) -> Json {
    let scans = scans(p);
    let last = scans.last().expect("every parcel has a label scan");
    let off = |s: &Scan| PLACES[s.place].3;
    // Between pickup and the last mile FedEx's latest status is "in transit", whatever the scan.
    let (code, derived, text) = match last.code {
        "DP" | "AR" => ("IT", "IT", "In transit"),
        c => (c, last.derived, last.description),
    };
    let mut times = vec![json!({"type": "SHIP", "dateTime": iso(p.shipped_at, off(&scans[0]))})];
    if let Some(pu) = scans.iter().find(|s| s.code == "PU") {
        times.push(json!({"type": "ACTUAL_PICKUP", "dateTime": iso(pu.at, off(pu))}));
    }
    if last.code == "DL" {
        times.push(json!({"type": "ACTUAL_DELIVERY", "dateTime": iso(last.at, off(last))}));
    } else {
        let eta = p.shipped_at + SignedDuration::from_hours(72);
        times.push(json!({"type": "ESTIMATED_DELIVERY", "dateTime": iso(eta, off(last))}));
    }
    let events: Vec<Json> = if detailed {
        scans
            .iter()
            .rev()
            .map(|s| {
                let (xc, xd) = s.exception.unwrap_or(("", ""));
                json!({
                    "date": iso(s.at, off(s)),
                    "eventType": s.code,
                    "eventDescription": s.description,
                    "exceptionCode": xc,
                    "exceptionDescription": xd,
                    "scanLocation": address(s.place),
                    "locationId": format!("{}A", &PLACES[s.place].0[..3]),
                    "locationType": if s.code == "DL" { "DELIVERY_LOCATION" } else { "FEDEX_FACILITY" },
                    "derivedStatusCode": s.derived,
                    "derivedStatus": s.derived_status,
                })
            })
            .collect()
    } else {
        vec![]
    };
    let mut latest = json!({"code": code, "derivedCode": derived, "statusByLocale": text, "description": text,
                            "scanLocation": address(last.place)});
    if let Some((xc, xd)) = last.exception {
        latest["ancillaryDetails"] = json!([{"reason": xc, "reasonDescription": xd}]);
    }
    json!({
        "trackingNumberInfo": {"trackingNumber": p.number, "carrierCode": "FDXE",
                               "trackingNumberUniqueId": format!("12030~{}~FDEG", p.number)},
        "latestStatusDetail": latest,
        "dateAndTimes": times,
        "serviceDetail": service(&p.number),
        "originLocation": {"locationContactAndAddress": {"address": address(scans[0].place)}},
        "packageDetails": {"count": "1", "packagingDescription": {"type": "YOUR_PACKAGING", "description": "Your Packaging"}},
        "scanEvents": events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histories_end_in_their_stage() {
        let ps = tracking::parcels(0, super::super::seed::DEFAULT_ORDERS, Carrier::FedEx);
        for p in &ps {
            let v = track_result(p, true);
            let want = match p.stage {
                Stage::PreTransit => "OC",
                Stage::InTransit => "IT",
                Stage::OutForDelivery => "OD",
                Stage::Delivered => "DL",
                Stage::Exception => "DE",
            };
            assert_eq!(v["latestStatusDetail"]["code"], want, "{}", p.number);
            let evs = v["scanEvents"].as_array().unwrap();
            assert_eq!(evs.last().unwrap()["eventType"], "OC", "newest first");
            assert!(evs[0]["date"].as_str().unwrap().parse::<Timestamp>().is_ok());
            assert!(track_result(p, false)["scanEvents"].as_array().unwrap().is_empty());
        }
    }

    #[test]
    fn fault_bodies_are_fedex_shaped() {
        let b = fault_body(503);
        assert_eq!(b["errors"][0]["code"], "SERVICE.UNAVAILABLE.ERROR");
        assert_eq!(b["transactionId"].as_str().unwrap().len(), 36);
    }
}
