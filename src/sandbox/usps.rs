//! The USPS APIs v3 emulator (OAuth 2.0 client credentials, Tracking 3.2), mounted at
//! `/usps/…` in place of `https://apis-tem.usps.com/…`.
//!
//! Written from `reference/services.md` §3d and the USPS "Package Tracking and Notification"
//! OpenAPI 3.2.4 (as vendored in `karrioapi/karrio`, `…/providers/usps/vendor/usps-tracking.yaml`):
//! - **OAuth**: `POST /oauth2/v3/token` with a JSON body `{"client_id","client_secret",
//!   "grant_type":"client_credentials"}` ([`demo::USPS_CLIENT_ID`] / [`demo::USPS_CLIENT_SECRET`],
//!   checked exactly). The answer: `access_token`, `token_type` "Bearer", `issued_at`,
//!   `expires_in` as a **string** (from `Options::token_ttl`), `status`, `scope`, `issuer`,
//!   `client_id`, `application_name`, `api_products`, `public_key`. A body that is not a JSON
//!   object, or another grant → 400; wrong credentials → 401; both in OAuth2's
//!   `{"error","error_description"}` shape [U: USPS's own token error body].
//!   [`crate::sandbox::Sandbox::expire_usps_tokens`] expires every token at once.
//! - **Track**: `POST /tracking/v3r2/tracking` with a Bearer token (else 401, with
//!   `WWW-Authenticate`) and a JSON array of `{"trackingNumber", …}` objects (other members such
//!   as `destinationZIPCode` and `mailingDate` are accepted and ignored). Not an array of such
//!   objects, an empty array, or more than [`MAX_BATCH`] entries → 400. The answer is an array in
//!   request order: a seeded parcel's Tracking 3.0 detail fields (`trackingNumber`, `status`,
//!   `statusCategory`, `statusSummary`, `mailClass`, origin/destination, `expectedDeliveryTimeStamp`
//!   until delivered, `trackingEvents[]` newest first with `eventType`, `eventTimestamp` (local,
//!   no offset), `GMTTimestamp`, `GMTOffset` (`-7:00` style, as the spec's example), `eventCity`,
//!   `eventState`, `eventZIP`, `eventCountry`, `eventCode`, `firm`, `name`, `authorizedAgent`);
//!   an unknown number → `{"trackingNumber", "error": {"code":"404","message","errors":[…]}}`.
//! - Errors of the whole request are the spec's `ErrorMessage`:
//!   `{"apiVersion","error":{"code","message","errors":[{"status","code","title","detail",
//!   "source":{"parameter","example"}}]}}` ([`error_json`], also the body of injected faults).
//!
//! Known numbers: the USPS IMpb numbers of the seeded orders ([`super::tracking::parcels`]), each
//! with a history ending in its stage ([`history`], the one place that reads the stage).
//!
//! [U] the sandbox's own choices where USPS publishes nothing checkable: the 3.2 request and
//! answer shapes (services.md §3d), the per-item error member, the batch limit of 35
//! ([`MAX_BATCH`]; the legacy Web Tools TrackV2 cap), the subordinate error codes (`TRK-…`),
//! `statusCategory` values beyond Accepted / In Transit / Delivered, the `eventType` wording,
//! and the event codes (Pub 199 as listed by a third party: `MA`, `03`, `10`, `07`, `OF`, `01`,
//! `56`).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value as Json, json};

use super::seed::Rng;
use super::tokens::Tokens;
use super::tracking::{self, Carrier, Parcel, Stage};
use super::{Options, Shared, demo};

/// Most tracking numbers one request may carry; more → 400.
pub const MAX_BATCH: usize = 35;

/// The `apiVersion` the emulator reports in errors.
const API_VERSION: &str = "3.2.4";

pub(crate) struct State {
    tokens: Tokens,
    parcels: tracking::Parcels,
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let parcels = tracking::Parcels::new(opts, Carrier::Usps);
        State { tokens: Tokens::new(opts.token_ttl, 0x0005_D5A7), parcels }
    }

    /// Every issued token expires now.
    pub(crate) fn expire_tokens(&self) {
        self.tokens.expire_all();
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/usps/{*rest}", any(handle))
}

/// The spec's `ErrorMessage` body.
pub(crate) fn error_json(status: StatusCode, code: &str, title: &str, detail: &str) -> Json {
    json!({"apiVersion": API_VERSION, "error": {
        "code": status.as_u16().to_string(),
        "message": status.canonical_reason().unwrap_or("Error"),
        "errors": [{"status": status.as_u16().to_string(), "code": code, "title": title, "detail": detail}],
    }})
}

fn error(status: StatusCode, code: &str, title: &str, detail: &str) -> Response {
    (status, axum::Json(error_json(status, code, title, detail))).into_response()
}

/// OAuth2's error shape, at the token endpoint.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, axum::Json(json!({"error": error, "error_description": description}))).into_response()
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
        (&Method::POST, ["oauth2", "v3", "token"]) => token(&s.usps, &body),
        (&Method::POST, ["tracking", "v3r2", "tracking"]) => track(&s.usps, &headers, &body),
        _ => error(StatusCode::NOT_FOUND, "TRK-0404", "Not Found", "No such resource."),
    }
}

fn token(st: &State, body: &[u8]) -> Response {
    let Ok(Json::Object(grant)) = serde_json::from_slice::<Json>(body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The request body must be a JSON object.",
        );
    };
    let field = |k: &str| grant.get(k).and_then(Json::as_str);
    match field("grant_type") {
        Some("client_credentials") => {}
        Some(_) => {
            return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "Unsupported grant type.");
        }
        None => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "Missing grant_type."),
    }
    if field("client_id") != Some(demo::USPS_CLIENT_ID)
        || field("client_secret") != Some(demo::USPS_CLIENT_SECRET)
    {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "Client authentication failed.");
    }
    let tok = st.tokens.issue("eyJhbGciOiJSUzI1NiJ9.usps-sbx.");
    axum::Json(json!({
        "access_token": tok,
        "token_type": "Bearer",
        "issued_at": Timestamp::now().as_millisecond(),
        "expires_in": st.tokens.ttl.as_secs().to_string(),
        "status": "approved",
        "scope": "tracking",
        "issuer": "api.usps.com",
        "client_id": demo::USPS_CLIENT_ID,
        "application_name": "shopdesk sandbox",
        "api_products": "[Tracking]",
        "public_key": "LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0Kc2FuZGJveAotLS0tLUVORCBQVUJMSUMgS0VZLS0tLS0K",
    }))
    .into_response()
}

fn track(st: &State, headers: &HeaderMap, body: &[u8]) -> Response {
    let valid = st.tokens.accepts(headers);
    if !valid {
        let mut r = error(
            StatusCode::UNAUTHORIZED,
            "TRK-0401",
            "Unauthorized",
            "The access token is missing, invalid or expired.",
        );
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"https://api.usps.com\""),
        );
        return r;
    }
    let bad = |detail: &str| error(StatusCode::BAD_REQUEST, "TRK-0400", "Bad Request", detail);
    let numbers: Option<Vec<String>> = match serde_json::from_slice::<Json>(body) {
        Ok(Json::Array(items)) => items
            .iter()
            .map(|i| i.get("trackingNumber").and_then(Json::as_str).map(|n| n.trim().to_string()))
            .collect(),
        _ => None,
    };
    let Some(numbers) = numbers else {
        return bad("The body must be a JSON array of objects with a trackingNumber.");
    };
    if numbers.is_empty() {
        return bad("At least one tracking number is required.");
    }
    if numbers.len() > MAX_BATCH {
        return error(
            StatusCode::BAD_REQUEST,
            "TRK-0035",
            "Too many tracking numbers",
            &format!("At most {MAX_BATCH} tracking numbers per request; this one has {}.", numbers.len()),
        );
    }
    let answer: Vec<Json> = numbers
        .iter()
        .map(|n| match st.parcels.get(n) {
            Some(p) => details(&p),
            None => json!({"trackingNumber": n, "error": {
                "code": "404",
                "message": "Tracking number not found",
                "errors": [{"status": "404", "code": "TRK-1001", "title": "Not Found",
                            "detail": format!("The Postal Service could not locate the tracking information for {n}.")}],
            }}),
        })
        .collect();
    axum::Json(answer).into_response()
}

// ---- histories --------------------------------------------------------------------------------

/// (city, state, ZIP, UTC offset hours) of the scan locations.
const PLACES: &[(&str, &str, &str, i8)] = &[
    ("FAIRFAX", "VA", "22031", -5),
    ("CHANTILLY", "VA", "20151", -5),
    ("MEMPHIS", "TN", "38118", -6),
    ("DENVER", "CO", "80202", -7),
    ("PHOENIX", "AZ", "85001", -7),
    ("PORTLAND", "OR", "97201", -8),
];

struct Ev {
    at: Timestamp,
    place: usize,
    code: &'static str,
    kind: &'static str,
}

/// Where a parcel stands: its events (oldest first) and the item's category and status words.
struct History {
    events: Vec<Ev>,
    category: &'static str,
    status: &'static str,
    delivered: bool,
}

/// The one function that reads a parcel's stage.
fn history(p: &Parcel) -> History {
    let mut r = Rng::new(p.number.bytes().fold(3u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64)));
    let origin = r.below(PLACES.len() as u64) as usize;
    let dest = (origin + 1 + r.below(PLACES.len() as u64 - 1) as usize) % PLACES.len();
    let t = p.shipped_at;
    let h = SignedDuration::from_hours;
    let ev = |at, place, code, kind| Ev { at, place, code, kind };
    let mut events = vec![ev(t - h(2), origin, "MA", "Pre-Shipment Info Sent to USPS, USPS Awaiting Item")];
    let done = |events, category, status| History { events, category, status, delivered: false };
    if p.stage == Stage::PreTransit {
        return done(events, "Pre-Shipment", "Pre-Shipment Info Sent to USPS, USPS Awaiting Item");
    }
    events.push(ev(t + h(3), origin, "03", "USPS picked up item"));
    events.push(ev(t + h(9), origin, "10", "Processed through USPS Regional Facility"));
    events.push(ev(t + h(30), dest, "07", "Arrived at Post Office"));
    if p.stage == Stage::InTransit {
        return done(events, "In Transit", "Arrived at Post Office");
    }
    events.push(ev(t + h(50), dest, "OF", "Out for Delivery"));
    match p.stage {
        Stage::Delivered => {
            events.push(ev(t + h(56), dest, "01", "Delivered, In/At Mailbox"));
            History { events, category: "Delivered", status: "Delivered, In/At Mailbox", delivered: true }
        }
        Stage::Exception => {
            events.push(ev(t + h(57), dest, "56", "Notice Left (No Authorized Recipient Available)"));
            done(events, "Alert", "Notice Left (No Authorized Recipient Available)")
        }
        _ => done(events, "Out for Delivery", "Out for Delivery"),
    }
}

/// Local time without an offset, as `eventTimestamp` is written.
fn local(ts: Timestamp, off: i8) -> String {
    jiff::tz::offset(off).to_datetime(ts).strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

fn event_json(e: &Ev) -> Json {
    let (city, state, zip, off) = PLACES[e.place];
    json!({
        "eventType": e.kind,
        "eventTimestamp": local(e.at, off),
        "GMTTimestamp": format!("{}.000Z", e.at.strftime("%Y-%m-%dT%H:%M:%S")),
        "GMTOffset": format!("{off}:00"),
        "eventCountry": null,
        "eventCity": city,
        "eventState": state,
        "eventZIP": zip,
        "firm": null,
        "name": null,
        "authorizedAgent": false,
        "eventCode": e.code,
    })
}

/// The Tracking 3.0 detail fields for a seeded parcel.
fn details(p: &Parcel) -> Json {
    let h = history(p);
    let first = h.events.first().expect("every parcel has a pre-shipment event");
    let last = h.events.last().expect("every parcel has a pre-shipment event");
    let (ocity, ostate, ozip, _) = PLACES[first.place];
    let (dcity, dstate, dzip, doff) = PLACES[last.place];
    let mail_class = if p.number.starts_with("94") { "PRIORITY_MAIL" } else { "PARCEL_SELECT" };
    let summary = format!(
        "{}, {}, {}, {dcity}, {dstate} {dzip}",
        h.status,
        jiff::tz::offset(doff).to_datetime(last.at).strftime("%B %-d, %Y"),
        jiff::tz::offset(doff).to_datetime(last.at).strftime("%-I:%M %P"),
    );
    let mut item = json!({
        "trackingNumber": p.number,
        "additionalInfo": null,
        "mailClass": mail_class,
        "mailType": "DOMESTIC_MAIL",
        "originCity": ocity, "originState": ostate, "originZIP": ozip,
        "destinationCity": dcity, "destinationState": dstate, "destinationZIP": dzip,
        "status": h.status,
        "statusCategory": h.category,
        "statusSummary": summary,
        "trackingEvents": h.events.iter().rev().map(event_json).collect::<Vec<_>>(),
    });
    if !h.delivered {
        item["expectedDeliveryTimeStamp"] = json!(local(p.shipped_at + SignedDuration::from_hours(72), doff));
        item["expectedDeliveryType"] = json!("Expected Delivery By");
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histories_end_in_their_stage() {
        let ps = tracking::parcels(0, super::super::seed::DEFAULT_ORDERS, Carrier::Usps);
        for st in
            [Stage::PreTransit, Stage::InTransit, Stage::OutForDelivery, Stage::Delivered, Stage::Exception]
        {
            assert!(ps.iter().any(|p| p.stage == st), "no {st:?} parcel");
        }
        for p in &ps {
            assert!(Carrier::Usps.validate(&p.number), "{}", p.number);
            let v = details(p);
            let want = match p.stage {
                Stage::PreTransit => ("Pre-Shipment", "MA"),
                Stage::InTransit => ("In Transit", "07"),
                Stage::OutForDelivery => ("Out for Delivery", "OF"),
                Stage::Delivered => ("Delivered", "01"),
                Stage::Exception => ("Alert", "56"),
            };
            assert_eq!(v["statusCategory"], want.0, "{}", p.number);
            let evs = v["trackingEvents"].as_array().unwrap();
            assert_eq!(evs[0]["eventCode"], want.1, "newest first");
            assert_eq!(evs.last().unwrap()["eventCode"], "MA");
            assert_eq!(v["expectedDeliveryTimeStamp"].is_null(), p.stage == Stage::Delivered);
        }
    }

    #[test]
    fn errors_have_the_error_message_shape() {
        let e = error_json(StatusCode::SERVICE_UNAVAILABLE, "TRK-0503", "Service Unavailable", "Try later.");
        assert_eq!(e["error"]["code"], "503");
        assert_eq!(e["error"]["errors"][0]["status"], "503");
        assert!(e["apiVersion"].is_string());
    }
}
