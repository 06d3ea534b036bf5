//! The PayPal REST emulator (Orders v2, Payments v2, OAuth2), mounted at `/paypal/…` in place of
//! `https://api-m.sandbox.paypal.com/…`.
//!
//! Written from `specs/paypal/checkout_orders_v2.json`, `payments_payment_v2.json` and
//! `reference/services.md` §2:
//! - **Data**: one order with one capture per paid seeded order whose gateway is `paypal` (the
//!   Shopify demo store's seed, `seed::generate(opts.seed, opts.orders)`); `invoice_id` is the order number,
//!   money is `{"currency_code","value"}` with a decimal string; seeded refunds exist. Ids are 17
//!   upper-case letters and digits and depend only on the order number ([`order_id`],
//!   [`capture_id`]).
//! - **OAuth2**: `POST /v1/oauth2/token` with Basic [`demo::PAYPAL_CLIENT_ID`]:
//!   [`demo::PAYPAL_CLIENT_SECRET`] and `grant_type=client_credentials` issues a Bearer token
//!   valid for `Options::token_ttl` (`expires_in`); an expired or unknown token is 401
//!   `AUTHENTICATION_FAILURE`. [`crate::sandbox::Sandbox::expire_paypal_tokens`] expires every
//!   token at once (to test renewal after a 401).
//! - **Routes**: `GET /v2/checkout/orders/{id}`, `GET /v2/payments/captures/{id}`,
//!   `POST /v2/payments/captures/{id}/refund` (JSON, all fields optional; 201; `Prefer:
//!   return=minimal` (default) answers id, status and links only), `GET /v2/payments/refunds/{id}`.
//! - **`PayPal-Request-Id`**: the first request with an id that gets past validation is
//!   saved; the same id again for the same capture and body answers the saved refund with
//!   `200` [U] instead of refunding again; for a different request → 422
//!   `PAYPAL_REQUEST_ID_PREVIOUSLY_USED` [U].
//! - Refund checks (422 `UNPROCESSABLE_ENTITY` with `details[].issue`): `CAPTURE_FULLY_REFUNDED`,
//!   `REFUND_AMOUNT_EXCEEDED`, `REFUND_CAPTURE_CURRENCY_MISMATCH`, `DECIMAL_PRECISION`,
//!   `CANNOT_BE_ZERO_OR_NEGATIVE`; unknown ids → 404 `RESOURCE_NOT_FOUND`.

#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use super::seed::{self, FinancialStatus, Rng};
use super::webhooks::{Registry, Subscription};
use super::{Options, Shared, demo};

const HOST: &str = "https://api-m.sandbox.paypal.com";

fn id17(n: u64, salt: u64) -> String {
    const A: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut r = Rng::new(n.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ salt);
    (0..17).map(|_| A[r.below(A.len() as u64) as usize] as char).collect()
}

/// The PayPal order id of seeded order `number`.
pub fn order_id(number: u32) -> String {
    id17(number as u64, 11)
}

/// The capture id of seeded order `number`.
pub fn capture_id(number: u32) -> String {
    id17(number as u64, 12)
}

#[derive(Debug, Clone)]
struct Capture {
    id: String,
    order: String,
    invoice: String,
    amount: Decimal,
    currency: String,
    created: Timestamp,
}

#[derive(Debug, Clone)]
struct Refund {
    id: String,
    capture: String,
    amount: Decimal,
    currency: String,
    invoice_id: Option<String>,
    note: Option<String>,
    created: Timestamp,
}

struct Saved {
    fingerprint: String,
    body: Json,
}

#[derive(Default)]
struct Db {
    /// Order id → capture id.
    orders: BTreeMap<String, String>,
    captures: BTreeMap<String, Capture>,
    refunds: Vec<Refund>,
    request_ids: HashMap<String, Saved>,
    tokens: HashMap<String, Instant>,
    next: u64,
}

pub(crate) struct State {
    db: Mutex<Db>,
    ttl: Duration,
}

fn m2(d: Decimal) -> String {
    let mut x = d.round_dp(2);
    x.rescale(2);
    x.to_string()
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let data = seed::generate(opts.seed, opts.orders);
        let mut db = Db { next: 1, ..Db::default() };
        for o in &data.orders {
            if o.gateway != "paypal"
                || matches!(o.financial_status, FinancialStatus::Pending | FinancialStatus::Voided)
            {
                continue;
            }
            let (oid, cid) = (order_id(o.number), capture_id(o.number));
            for (i, r) in o.refunds.iter().enumerate() {
                db.refunds.push(Refund {
                    id: id17(o.number as u64 * 100 + i as u64, 13),
                    capture: cid.clone(),
                    amount: r.total(),
                    currency: o.currency.into(),
                    invoice_id: None,
                    note: None,
                    created: r.created_at,
                });
            }
            db.orders.insert(oid.clone(), cid.clone());
            db.captures.insert(
                cid.clone(),
                Capture {
                    id: cid,
                    order: oid,
                    invoice: o.number.to_string(),
                    amount: o.total(),
                    currency: o.currency.into(),
                    created: o.created_at,
                },
            );
        }
        State { db: Mutex::new(db), ttl: opts.token_ttl }
    }

    fn db(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every issued token expires now.
    pub(crate) fn expire_tokens(&self) {
        self.db().tokens.clear();
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/paypal/{*rest}", any(handle))
}

// ---- wire format ------------------------------------------------------------------------------

/// A subscription as PayPal's webhook object (notifications_webhooks_v1.json `webhook`).
fn webhook_json(w: &Subscription) -> Json {
    json!({
        "id": w.id, "url": w.address,
        "event_types": w.topics.iter().map(|t| json!({"name": t, "description": t, "status": "ENABLED"})).collect::<Vec<_>>(),
        "links": [
            {"href": format!("https://api-m.sandbox.paypal.com/v1/notifications/webhooks/{}", w.id), "rel": "self", "method": "GET"},
            {"href": format!("https://api-m.sandbox.paypal.com/v1/notifications/webhooks/{}", w.id), "rel": "delete", "method": "DELETE"},
        ],
    })
}

fn webhook_not_found() -> Response {
    api_error(StatusCode::NOT_FOUND, "INVALID_RESOURCE_ID", "The requested resource ID was not found", None)
}

/// `POST /v1/notifications/webhooks` `{url, event_types:[{name}]}` → 201. PayPal signs with
/// its certificate, so the registry keeps no secret; a second webhook for the same URL is
/// refused (`WEBHOOK_URL_ALREADY_EXISTS` [U]).
fn create_webhook(hooks: &Registry, body: &[u8]) -> Response {
    let b: Json = serde_json::from_slice(body).unwrap_or(Json::Null);
    let url = b["url"].as_str().unwrap_or_default().to_string();
    let events: Vec<String> = b["event_types"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["name"].as_str().map(str::to_string))
        .collect();
    let invalid = |field: &str, issue: &str| {
        let mut r = api_error(
            StatusCode::BAD_REQUEST,
            "INVALID_REQUEST",
            "Request is not well-formed, syntactically incorrect, or violates schema.",
            Some((issue, field)),
        );
        *r.status_mut() = StatusCode::BAD_REQUEST;
        r
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return invalid("url", "INVALID_PARAMETER_SYNTAX");
    }
    if events.is_empty() || events.len() > 500 {
        return invalid("event_types", "INVALID_PARAMETER_SYNTAX");
    }
    if hooks.list("paypal").iter().any(|w| w.address == url) {
        return api_error(
            StatusCode::BAD_REQUEST,
            "WEBHOOK_URL_ALREADY_EXISTS",
            "Webhook URL already exists",
            None,
        );
    }
    let n = hooks.next_number();
    let sub = hooks.add(Subscription {
        id: format!("{:017X}", 0x4A3B_0000_0000_0000u64 + n).chars().take(17).collect(),
        vendor: "paypal",
        topics: events,
        address: url,
        secret: None,
        active: true,
        failures: 0,
        created_at: Timestamp::now(),
        extra: Json::Null,
    });
    (StatusCode::CREATED, axum::Json(webhook_json(&sub))).into_response()
}

fn debug_id(n: u64) -> String {
    format!("{:013x}", Rng::new(n ^ 0x5EED).next_u64() & 0xf_ffff_ffff_ffff)
}

fn api_error(status: StatusCode, name: &str, message: &str, issue: Option<(&str, &str)>) -> Response {
    let mut body = json!({
        "name": name, "message": message, "debug_id": debug_id(status.as_u16() as u64),
        "links": [{"href": format!("https://developer.paypal.com/docs/api/payments/v2/#error-{name}"), "rel": "information_link"}],
    });
    if let Some((i, d)) = issue {
        body["details"] = json!([{"issue": i, "description": d}]);
    }
    (status, axum::Json(body)).into_response()
}

fn unprocessable(issue: &str, description: &str) -> Response {
    api_error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "UNPROCESSABLE_ENTITY",
        "The requested action could not be performed, semantically incorrect, or failed business validation.",
        Some((issue, description)),
    )
}

/// PayPal's 404: the description is fixed text (the contract pins it with an enum).
fn not_found() -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        "The specified resource does not exist.",
        Some((
            "INVALID_RESOURCE_ID",
            "Specified resource ID does not exist. Please check the resource ID and try again.",
        )),
    )
}

fn money(d: Decimal, cur: &str) -> Json {
    json!({"currency_code": cur, "value": m2(d)})
}

fn refund_json(r: &Refund, total_refunded: Decimal) -> Json {
    json!({
        "id": r.id, "status": "COMPLETED", "amount": money(r.amount, &r.currency),
        "invoice_id": r.invoice_id, "note_to_payer": r.note,
        "seller_payable_breakdown": {
            "gross_amount": money(r.amount, &r.currency),
            "paypal_fee": money(Decimal::ZERO, &r.currency),
            "net_amount": money(r.amount, &r.currency),
            "total_refunded_amount": money(total_refunded, &r.currency),
        },
        "create_time": r.created.to_string(), "update_time": r.created.to_string(),
        "links": [
            {"href": format!("{HOST}/v2/payments/refunds/{}", r.id), "rel": "self", "method": "GET"},
            {"href": format!("{HOST}/v2/payments/captures/{}", r.capture), "rel": "up", "method": "GET"},
        ],
    })
}

impl Db {
    fn refunded(&self, capture: &str) -> Decimal {
        self.refunds.iter().filter(|r| r.capture == capture).map(|r| r.amount).sum()
    }

    fn capture_json(&self, c: &Capture) -> Json {
        let refunded = self.refunded(&c.id);
        let status = if refunded >= c.amount {
            "REFUNDED"
        } else if refunded > Decimal::ZERO {
            "PARTIALLY_REFUNDED"
        } else {
            "COMPLETED"
        };
        json!({
            "id": c.id, "status": status, "amount": money(c.amount, &c.currency),
            "invoice_id": c.invoice, "final_capture": true,
            "seller_protection": {"status": "ELIGIBLE", "dispute_categories": ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"]},
            "seller_receivable_breakdown": {
                "gross_amount": money(c.amount, &c.currency),
                "paypal_fee": money(Decimal::ZERO, &c.currency),
                "net_amount": money(c.amount, &c.currency),
            },
            "supplementary_data": {"related_ids": {"order_id": c.order}},
            "create_time": c.created.to_string(), "update_time": c.created.to_string(),
            "links": [
                {"href": format!("{HOST}/v2/payments/captures/{}", c.id), "rel": "self", "method": "GET"},
                {"href": format!("{HOST}/v2/payments/captures/{}/refund", c.id), "rel": "refund", "method": "POST"},
                {"href": format!("{HOST}/v2/checkout/orders/{}", c.order), "rel": "up", "method": "GET"},
            ],
        })
    }

    fn order_json(&self, c: &Capture) -> Json {
        let mut running = Decimal::ZERO;
        let refunds: Vec<Json> = self
            .refunds
            .iter()
            .filter(|r| r.capture == c.id)
            .map(|r| {
                running += r.amount;
                refund_json(r, running)
            })
            .collect();
        json!({
            "id": c.order, "intent": "CAPTURE", "status": "COMPLETED",
            "purchase_units": [{
                "reference_id": "default", "invoice_id": c.invoice,
                "amount": money(c.amount, &c.currency),
                "payments": {"captures": [self.capture_json(c)], "refunds": refunds},
            }],
            "create_time": c.created.to_string(), "update_time": c.created.to_string(),
            "links": [{"href": format!("{HOST}/v2/checkout/orders/{}", c.order), "rel": "self", "method": "GET"}],
        })
    }
}

// ---- handler ----------------------------------------------------------------------------------

async fn handle(
    AxState(s): AxState<Arc<Shared>>,
    method: Method,
    Path(rest): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let segs: Vec<&str> = rest.split('/').filter(|x| !x.is_empty()).collect();
    if method == Method::POST && segs == ["v1", "oauth2", "token"] {
        return token(&s.paypal, &headers, &body);
    }
    let bearer =
        headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|a| a.strip_prefix("Bearer "));
    let valid =
        bearer.is_some_and(|t| s.paypal.db().tokens.get(t.trim()).is_some_and(|exp| Instant::now() < *exp));
    if !valid {
        return api_error(
            StatusCode::UNAUTHORIZED,
            "AUTHENTICATION_FAILURE",
            "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
            None,
        );
    }
    let db = || s.paypal.db();
    match (&method, segs.as_slice()) {
        (&Method::GET, ["v2", "checkout", "orders", id]) => {
            let db = db();
            match db.orders.get(*id).and_then(|c| db.captures.get(c)) {
                Some(c) => axum::Json(db.order_json(c)).into_response(),
                None => not_found(),
            }
        }
        (&Method::GET, ["v2", "payments", "captures", id]) => {
            let db = db();
            match db.captures.get(*id) {
                Some(c) => axum::Json(db.capture_json(c)).into_response(),
                None => not_found(),
            }
        }
        (&Method::GET, ["v2", "payments", "refunds", id]) => {
            let db = db();
            match db.refunds.iter().find(|r| r.id == *id) {
                Some(r) => axum::Json(refund_json(r, db.refunded(&r.capture))).into_response(),
                None => not_found(),
            }
        }
        (&Method::POST, ["v2", "payments", "captures", id, "refund"]) => {
            refund(&s.paypal, &s.webhooks, id, &headers, &body)
        }
        (&Method::GET, ["v1", "notifications", "webhooks"]) => {
            let list: Vec<Json> = s.webhooks.list("paypal").iter().map(webhook_json).collect();
            axum::Json(json!({ "webhooks": list })).into_response()
        }
        (&Method::POST, ["v1", "notifications", "webhooks"]) => create_webhook(&s.webhooks, &body),
        (&Method::GET, ["v1", "notifications", "webhooks", id]) => match s.webhooks.get("paypal", id) {
            Some(w) => axum::Json(webhook_json(&w)).into_response(),
            None => webhook_not_found(),
        },
        (&Method::DELETE, ["v1", "notifications", "webhooks", id]) => {
            if s.webhooks.remove("paypal", id) {
                StatusCode::NO_CONTENT.into_response()
            } else {
                webhook_not_found()
            }
        }
        (&Method::POST, ["v1", "notifications", "verify-webhook-signature"]) => verify_webhook(&s, &body),
        _ => api_error(StatusCode::NOT_FOUND, "NOT_FOUND", "The specified resource does not exist.", None),
    }
}

fn token(st: &State, headers: &HeaderMap, body: &[u8]) -> Response {
    let oauth = |status: StatusCode, e: &str, d: &str| {
        (status, axum::Json(json!({"error": e, "error_description": d}))).into_response()
    };
    let creds = super::basic_credentials(headers);
    let ok = creds.as_deref() == Some(&format!("{}:{}", demo::PAYPAL_CLIENT_ID, demo::PAYPAL_CLIENT_SECRET));
    if !ok {
        return oauth(StatusCode::UNAUTHORIZED, "invalid_client", "Client Authentication failed");
    }
    let grant: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    match grant.iter().find(|(k, _)| k == "grant_type").map(|(_, v)| v.as_str()) {
        Some("client_credentials") => {}
        None => return oauth(StatusCode::BAD_REQUEST, "unsupported_grant_type", "Grant Type is NULL"),
        Some(_) => {
            return oauth(StatusCode::BAD_REQUEST, "unsupported_grant_type", "Grant Type is not supported");
        }
    }
    let mut db = st.db();
    db.next += 1;
    let tok = format!("A21AA{}", id17(db.next, 99).to_ascii_lowercase() + &id17(db.next, 98));
    db.tokens.insert(tok.clone(), Instant::now() + st.ttl);
    axum::Json(json!({
        "scope": "https://uri.paypal.com/services/payments/refund https://uri.paypal.com/services/payments/payment/authcapture",
        "access_token": tok, "token_type": "Bearer", "app_id": "APP-80W284485P519543T",
        "expires_in": st.ttl.as_secs(), "nonce": format!("{}{}", Timestamp::now(), id17(db.next, 97)),
    }))
    .into_response()
}

/// `POST /v1/notifications/verify-webhook-signature` (services.md §2): SUCCESS exactly when the
/// fields describe a delivery the sandbox made, to that webhook id, with that event; FAILURE
/// otherwise. Every field is required (400 `VALIDATION_ERROR` names the missing ones).
fn verify_webhook(s: &Shared, body: &[u8]) -> Response {
    let req: Json = serde_json::from_slice(body).unwrap_or(Json::Null);
    let missing: Vec<&str> = [
        "auth_algo",
        "cert_url",
        "transmission_id",
        "transmission_sig",
        "transmission_time",
        "webhook_id",
        "webhook_event",
    ]
    .into_iter()
    .filter(|k| req.get(*k).is_none_or(Json::is_null))
    .collect();
    if let Some(first) = missing.first() {
        return api_error(
            StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            "Invalid request - see details",
            Some((
                "MISSING_REQUIRED_PARAMETER",
                &format!("A required field / parameter is missing: {first}"),
            )),
        );
    }
    let status = if s.webhooks.paypal_verified(&req) { "SUCCESS" } else { "FAILURE" };
    axum::Json(json!({"verification_status": status})).into_response()
}

/// A sample resource of event type `topic` for `POST /_sandbox/webhooks/trigger`: the first
/// capture, or a refund of 1.00 of it (not recorded).
pub(crate) fn webhook_sample(st: &State, topic: &str) -> Option<Json> {
    let db = st.db();
    let c = db.captures.values().next()?;
    match topic {
        "PAYMENT.CAPTURE.COMPLETED" => Some(db.capture_json(c)),
        "PAYMENT.CAPTURE.REFUNDED" => {
            let r = Refund {
                id: id17(999_999, 14),
                capture: c.id.clone(),
                amount: Decimal::ONE,
                currency: c.currency.clone(),
                invoice_id: None,
                note: None,
                created: Timestamp::now(),
            };
            Some(refund_json(&r, db.refunded(&c.id) + Decimal::ONE))
        }
        _ => None,
    }
}

fn refund(
    st: &State,
    hooks: &super::webhooks::Registry,
    capture: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let req: Json = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(body) {
            Ok(v @ Json::Object(_)) => v,
            _ => {
                return api_error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_REQUEST",
                    "Request is not well-formed, syntactically incorrect, or violates schema.",
                    Some(("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.")),
                );
            }
        }
    };
    let request_id = headers.get("paypal-request-id").and_then(|v| v.to_str().ok()).map(str::to_string);
    let fingerprint = format!("{capture} {req}");
    let minimal = headers.get("prefer").and_then(|v| v.to_str().ok()) != Some("return=representation");
    let shape = |full: &Json| -> Json {
        if minimal {
            json!({"id": full["id"], "status": full["status"], "links": full["links"]})
        } else {
            full.clone()
        }
    };
    let mut db = st.db();
    if let Some(rid) = &request_id
        && let Some(saved) = db.request_ids.get(rid)
    {
        if saved.fingerprint != fingerprint {
            return unprocessable(
                "PAYPAL_REQUEST_ID_PREVIOUSLY_USED",
                "The PayPal-Request-Id has already been used for another request.",
            );
        }
        return (StatusCode::OK, axum::Json(shape(&saved.body))).into_response();
    }
    let Some(c) = db.captures.get(capture).cloned() else { return not_found() };
    let left = c.amount - db.refunded(&c.id);
    let amount = match req.get("amount") {
        None => left,
        Some(a) => {
            let cur = a.get("currency_code").and_then(|v| v.as_str()).unwrap_or_default();
            let val = a.get("value").and_then(|v| v.as_str()).and_then(|v| v.parse::<Decimal>().ok());
            let Some(val) = val else {
                return api_error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_REQUEST",
                    "Request is not well-formed, syntactically incorrect, or violates schema.",
                    Some((
                        "INVALID_PARAMETER_SYNTAX",
                        "The value of a field does not conform to the expected format.",
                    )),
                );
            };
            if cur != c.currency {
                return unprocessable(
                    "REFUND_CAPTURE_CURRENCY_MISMATCH",
                    "Refund must be in the same currency as the capture.",
                );
            }
            if val.scale() > 2 {
                return unprocessable(
                    "DECIMAL_PRECISION",
                    "The value of the field should not be more than two decimal places.",
                );
            }
            if val <= Decimal::ZERO {
                return unprocessable("CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.");
            }
            val
        }
    };
    if left <= Decimal::ZERO {
        return unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded.");
    }
    if amount > left {
        return unprocessable(
            "REFUND_AMOUNT_EXCEEDED",
            "The refund amount must be less than or equal to the capture amount that has not yet been refunded.",
        );
    }
    db.next += 1;
    let r = Refund {
        id: id17(1_000_000 + db.next, 14),
        capture: c.id.clone(),
        amount,
        currency: c.currency.clone(),
        invoice_id: req.get("invoice_id").and_then(|v| v.as_str()).map(str::to_string),
        note: req.get("note_to_payer").and_then(|v| v.as_str()).map(str::to_string),
        created: Timestamp::now(),
    };
    db.refunds.push(r.clone());
    let full = refund_json(&r, db.refunded(&c.id));
    hooks.emit("paypal", "PAYMENT.CAPTURE.REFUNDED", full.clone());
    if let Some(rid) = request_id {
        db.request_ids.insert(rid, Saved { fingerprint, body: full.clone() });
    }
    (StatusCode::CREATED, axum::Json(shape(&full))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_paypal_ids() {
        let o = order_id(1001);
        assert_eq!(o.len(), 17);
        assert!(o.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert_ne!(order_id(1001), capture_id(1001));
        assert_eq!(capture_id(1001), capture_id(1001));
    }

    #[test]
    fn only_paypal_orders_are_seeded() {
        let st = State::new(&Options::default());
        let data = seed::generate(0, seed::DEFAULT_ORDERS);
        let db = st.db();
        assert!(!db.captures.is_empty());
        for o in &data.orders {
            if db.captures.contains_key(&capture_id(o.number)) {
                assert_eq!(o.gateway, "paypal");
                assert_eq!(db.captures[&capture_id(o.number)].amount, o.total());
            }
        }
    }
}
