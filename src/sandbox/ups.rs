//! The UPS emulator (OAuth client credentials, Tracking API), mounted at `/ups/…` in place of
//! `https://wwwcie.ups.com/…`.
//!
//! Written from `specs/ups/OAuthClientCredentials.yaml`, `specs/ups/Tracking.yaml` and
//! `reference/services.md` §3b:
//! - **OAuth**: `POST /security/v1/oauth/token` with HTTP Basic [`demo::UPS_CLIENT_ID`]:
//!   [`demo::UPS_CLIENT_SECRET`] (checked exactly), a form body `grant_type=client_credentials`;
//!   the answer's fields are all strings (`"expires_in": "14399"` style, from
//!   `Options::token_ttl`). Wrong credentials → 401, a missing or other grant → 400, both as
//!   `{"response":{"errors":[{"code","message"}]}}` (codes [U]).
//!   [`crate::sandbox::Sandbox::expire_ups_tokens`] expires every token at once.
//! - **Track**: `GET /api/track/v1/details/{inquiryNumber}`: a valid Bearer token (else 401), the
//!   required `transId` and `transactionSrc` headers (else 400), an inquiry number of 7–34
//!   characters (else 400). Unknown numbers → 404 code `151044` "Tracking Information Not Found"
//!   [U code]. Known numbers: the UPS tracking numbers of the seeded orders
//!   ([`super::tracking::parcels`]), each with a history that ends in its stage (label created,
//!   pickup, facility scans, out for delivery, delivered or a failed attempt), shaped as
//!   `trackResponse.shipment[].package[]` with `currentStatus`, `activity[]` newest first (local
//!   `date`/`time`, `gmtDate`/`gmtTime`, `gmtOffset`), `deliveryDate[]` (SDD, or DEL once
//!   delivered), `deliveryTime` and `service` (from the number's service digits).
//! - Status letters (`type`): M, P, I, D, X as in the reference ([3P] meanings); out for
//!   delivery is type `I` code `OT` [U].

use std::sync::Arc;

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
use super::{Options, Shared, demo};

pub(crate) struct State {
    tokens: Tokens,
    parcels: tracking::Parcels,
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let parcels = tracking::Parcels::new(opts, Carrier::Ups);
        State { tokens: Tokens::new(opts.token_ttl, 0x0795_0AA7), parcels }
    }

    /// Every issued token expires now.
    pub(crate) fn expire_tokens(&self) {
        self.tokens.expire_all();
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/ups/{*rest}", any(handle))
}

/// UPS's error envelope.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, axum::Json(json!({"response": {"errors": [{"code": code, "message": message}]}})))
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
        (&Method::POST, ["security", "v1", "oauth", "token"]) => token(&s.ups, &headers, &body),
        (&Method::GET, ["api", "track", "v1", "details", number]) => track(&s.ups, &headers, number),
        _ => error(StatusCode::NOT_FOUND, "404", "Resource not found"),
    }
}

fn token(st: &State, headers: &HeaderMap, body: &[u8]) -> Response {
    let creds = super::basic_credentials(headers);
    if creds.as_deref() != Some(&format!("{}:{}", demo::UPS_CLIENT_ID, demo::UPS_CLIENT_SECRET)) {
        return error(StatusCode::UNAUTHORIZED, "10401", "ClientId is Invalid");
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    match form.iter().find(|(k, _)| k == "grant_type").map(|(_, v)| v.as_str()) {
        Some("client_credentials") => {}
        Some(_) => return error(StatusCode::BAD_REQUEST, "10400", "Invalid/Unsupported grant_type"),
        None => return error(StatusCode::BAD_REQUEST, "10400", "Missing grant_type"),
    }
    let tok = st.tokens.issue("eyJraWQiOiJ1cHMtc2J4In0.");
    axum::Json(json!({
        "token_type": "Bearer",
        "issued_at": Timestamp::now().as_millisecond().to_string(),
        "client_id": demo::UPS_CLIENT_ID,
        "access_token": tok,
        "scope": "",
        "expires_in": st.tokens.ttl.as_secs().to_string(),
        "refresh_count": "0",
        "status": "approved",
    }))
    .into_response()
}

fn track(st: &State, headers: &HeaderMap, number: &str) -> Response {
    let valid = st.tokens.accepts(headers);
    if !valid {
        return error(StatusCode::UNAUTHORIZED, "250002", "Invalid Authentication Information.");
    }
    let present =
        |h: &str| headers.get(h).and_then(|v| v.to_str().ok()).is_some_and(|v| !v.trim().is_empty());
    if !present("transid") {
        return error(StatusCode::BAD_REQUEST, "TV0001", "Missing transId");
    }
    if !present("transactionsrc") {
        return error(StatusCode::BAD_REQUEST, "TV0002", "Missing transactionSrc");
    }
    if !(7..=34).contains(&number.len()) {
        return error(StatusCode::BAD_REQUEST, "TV0003", "Invalid inquiry number");
    }
    match st.parcels.get(number) {
        Some(p) => axum::Json(response(&p)).into_response(),
        None => error(StatusCode::NOT_FOUND, "151044", "Tracking Information Not Found"),
    }
}

// ---- histories --------------------------------------------------------------------------------

/// (city, state, postal code, UTC offset hours) of the scan locations.
const PLACES: &[(&str, &str, &str, i8)] = &[
    ("WAYNE", "NJ", "07470", -5),
    ("LOUISVILLE", "KY", "40209", -5),
    ("CHICAGO", "IL", "60607", -6),
    ("DALLAS", "TX", "75201", -6),
    ("PHOENIX", "AZ", "85001", -7),
    ("SEATTLE", "WA", "98101", -8),
];

struct Scan {
    at: Timestamp,
    place: usize,
    kind: &'static str,
    code: &'static str,
    status_code: &'static str,
    description: &'static str,
}

/// The scans of a parcel, oldest first.
fn scans(p: &Parcel) -> Vec<Scan> {
    let mut r = Rng::new(p.number.bytes().fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64)));
    let origin = r.below(PLACES.len() as u64) as usize;
    let hub = (origin + 1 + r.below(PLACES.len() as u64 - 1) as usize) % PLACES.len();
    let dest = (hub + 1 + r.below(PLACES.len() as u64 - 1) as usize) % PLACES.len();
    let t = p.shipped_at;
    let h = SignedDuration::from_hours;
    let mut v = vec![Scan {
        at: t - h(2),
        place: origin,
        kind: "M",
        code: "MP",
        status_code: "003",
        description: "Shipper created a label, UPS has not received the package yet.",
    }];
    if p.stage == Stage::PreTransit {
        return v;
    }
    v.push(Scan {
        at: t + h(2),
        place: origin,
        kind: "P",
        code: "PU",
        status_code: "012",
        description: "Pickup Scan",
    });
    v.push(Scan {
        at: t + h(8),
        place: origin,
        kind: "I",
        code: "DP",
        status_code: "005",
        description: "Departed from Facility",
    });
    v.push(Scan {
        at: t + h(20),
        place: hub,
        kind: "I",
        code: "AR",
        status_code: "005",
        description: "Arrived at Facility",
    });
    if p.stage == Stage::InTransit {
        return v;
    }
    v.push(Scan {
        at: t + h(55),
        place: dest,
        kind: "I",
        code: "OT",
        status_code: "021",
        description: "Out For Delivery Today",
    });
    match p.stage {
        Stage::Delivered => v.push(Scan {
            at: t + h(61),
            place: dest,
            kind: "D",
            code: "KB",
            status_code: "011",
            description: "Delivered",
        }),
        Stage::Exception => v.push(Scan {
            at: t + h(62),
            place: dest,
            kind: "X",
            code: "X1",
            status_code: "048",
            description: "The receiver was not available for delivery. We'll make a second attempt the next business day.",
        }),
        _ => {}
    }
    v
}

fn ymd(ts: Timestamp, off: i8) -> (String, String) {
    let dt = jiff::tz::offset(off).to_datetime(ts);
    (dt.strftime("%Y%m%d").to_string(), dt.strftime("%H%M%S").to_string())
}

fn status_json(s: &Scan) -> Json {
    json!({"type": s.kind, "code": s.code, "statusCode": s.status_code, "description": s.description,
           "simplifiedTextDescription": s.description})
}

fn service(number: &str) -> Json {
    let (code, desc, level) = match number.get(8..10) {
        Some("01") => ("001", "UPS Next Day Air", "1DA"),
        Some("02") => ("002", "UPS 2nd Day Air", "2DA"),
        Some("12") => ("012", "UPS 3 Day Select", "3DS"),
        Some("13") => ("013", "UPS Next Day Air Saver", "1DP"),
        _ => ("003", "UPS Ground", "GND"),
    };
    json!({"code": code, "description": desc, "levelCode": level})
}

/// The Tracking API answer for a seeded parcel.
fn response(p: &Parcel) -> Json {
    let scans = scans(p);
    let activity: Vec<Json> = scans
        .iter()
        .rev()
        .map(|s| {
            let (city, state, zip, off) = PLACES[s.place];
            let (date, time) = ymd(s.at, off);
            let (gdate, gtime) = ymd(s.at, 0);
            json!({
                "date": date, "time": time,
                "gmtDate": gdate, "gmtTime": format!("{}:{}:{}", &gtime[..2], &gtime[2..4], &gtime[4..]),
                "gmtOffset": format!("{}{:02}:00", if off < 0 { '-' } else { '+' }, off.unsigned_abs()),
                "location": {"address": {"city": city, "stateProvince": state, "postalCode": zip,
                                         "country": "US", "countryCode": "US"},
                             "slic": format!("{}", 1000 + s.place * 137)},
                "status": status_json(s),
            })
        })
        .collect();
    let last = scans.last().expect("every parcel has a label scan");
    let dest_off = PLACES[last.place].3;
    let delivery = if p.stage == Stage::Delivered {
        let (d, t) = ymd(last.at, dest_off);
        (json!([{"type": "DEL", "date": d}]), json!({"type": "DEL", "endTime": t}))
    } else {
        let (d, _) = ymd(p.shipped_at + SignedDuration::from_hours(72), dest_off);
        (json!([{"type": "SDD", "date": d}]), json!({"type": "EOD", "endTime": "200000"}))
    };
    json!({"trackResponse": {"shipment": [{
        "inquiryNumber": p.number,
        "package": [{
            "trackingNumber": p.number,
            "currentStatus": status_json(last),
            "deliveryDate": delivery.0,
            "deliveryTime": delivery.1,
            "activity": activity,
            "service": service(&p.number),
            "packageCount": 1,
            "statusCode": last.status_code,
            "statusDescription": last.description,
        }],
        "userRelation": [],
    }]}})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histories_end_in_their_stage() {
        let ps = tracking::parcels(0, super::super::seed::DEFAULT_ORDERS, Carrier::Ups);
        for p in &ps {
            let v = response(p);
            let pkg = &v["trackResponse"]["shipment"][0]["package"][0];
            let kind = pkg["currentStatus"]["type"].as_str().unwrap();
            let want = match p.stage {
                Stage::PreTransit => "M",
                Stage::InTransit | Stage::OutForDelivery => "I",
                Stage::Delivered => "D",
                Stage::Exception => "X",
            };
            assert_eq!(kind, want, "{}", p.number);
            let acts = pkg["activity"].as_array().unwrap();
            assert_eq!(acts[0]["status"], pkg["currentStatus"], "newest first");
            assert_eq!(acts[0]["date"].as_str().unwrap().len(), 8);
            assert_eq!(acts[0]["time"].as_str().unwrap().len(), 6);
        }
    }
}
