//! The Stripe v1 emulator, mounted at `/stripe/v1/…` in place of `https://api.stripe.com/v1/…`.
//!
//! Written from `specs/stripe/spec3-2023-08.yaml` and `reference/services.md` §1:
//! - **Data**: one PaymentIntent with one Charge per paid order of the shared seed (the Shopify
//!   demo store's data, `seed::generate(opts.seed, opts.orders)`), for orders not paid with PayPal; amounts
//!   are the order totals in minor units, `metadata[order_id]` is the order number, and the
//!   order's seeded refunds exist as Stripe refunds. Two extra intents exercise the currency
//!   exponents: [`JPY_INTENT`] (1200 JPY) and [`KWD_INTENT`] (12.345 KWD). Ids depend only on
//!   the order number ([`intent_id`], [`charge_id`]).
//! - **Routes**: `GET /v1/payment_intents/{id}` (`expand[]=latest_charge`),
//!   `GET /v1/payment_intents/search` (`metadata['KEY']:'VALUE'` only), `GET /v1/charges/{id}`,
//!   `GET /v1/refunds` (`payment_intent`, `charge`, `limit` 1–100, `starting_after`, newest
//!   first, list object with `has_more`), `GET /v1/refunds/{id}`, `POST /v1/refunds`
//!   (form-encoded: `payment_intent` or `charge`, `amount`, `reason`, `metadata[…]`; **200**).
//! - **Auth**: `Authorization: Bearer <key>` or Basic with the key as user name; only
//!   [`demo::STRIPE_SECRET_KEY`] is valid. 401 bodies are Stripe's.
//! - **Idempotency** (docs.stripe.com/idempotency): a POST with `Idempotency-Key` whose
//!   execution started saves its status and body; the same key with the same parameters replays
//!   them with `Idempotent-Replayed: true`; with different parameters → 400
//!   `idempotency_error`. Requests that fail validation (missing/unknown payment, bad amount or
//!   reason, amount over the refundable rest) save nothing, as Stripe documents.
//! - Over-refund → 400 `amount_too_large`; nothing left → 400 `charge_already_refunded`.
//!
//! Unverified wording chosen here: the exact `message` texts of the 400/401 errors.

#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use super::seed::{self, FinancialStatus, Rng};
use super::webhooks::{Registry, Subscription};
use super::{Options, Shared, demo};

/// The JPY demo PaymentIntent (no order).
pub const JPY_INTENT: u32 = 9001;
/// The KWD demo PaymentIntent (no order).
pub const KWD_INTENT: u32 = 9002;

fn token(prefix: &str, n: u64, salt: u64) -> String {
    const A: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut r = Rng::new(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt);
    let tail: String = (0..20).map(|_| A[r.below(A.len() as u64) as usize] as char).collect();
    format!("{prefix}_3Sbx{tail}")
}

/// The PaymentIntent id of seeded order `number` (or [`JPY_INTENT`]/[`KWD_INTENT`]).
pub fn intent_id(number: u32) -> String {
    token("pi", number as u64, 1)
}

/// The Charge id of seeded order `number`.
pub fn charge_id(number: u32) -> String {
    token("ch", number as u64, 2)
}

#[derive(Debug, Clone)]
struct Intent {
    id: String,
    charge: String,
    amount: i64,
    currency: String,
    created: i64,
    metadata: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
struct Refund {
    id: String,
    amount: i64,
    currency: String,
    charge: String,
    intent: String,
    reason: Option<String>,
    created: i64,
    metadata: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
struct Saved {
    fingerprint: String,
    status: StatusCode,
    body: Json,
}

#[derive(Default)]
struct Db {
    intents: BTreeMap<String, Intent>,
    /// Charge id → intent id.
    charges: HashMap<String, String>,
    /// In creation order.
    refunds: Vec<Refund>,
    idempotency: HashMap<String, Saved>,
    next: u64,
}

pub(crate) struct State {
    db: Mutex<Db>,
}

fn minor(d: Decimal, exp: u32) -> i64 {
    let scaled = (d * Decimal::from(10i64.pow(exp))).round();
    i64::try_from(scaled).unwrap_or(0)
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let data = seed::generate(opts.seed, opts.orders);
        let mut db = Db { next: 1, ..Db::default() };
        for o in &data.orders {
            if o.gateway == "paypal"
                || matches!(o.financial_status, FinancialStatus::Pending | FinancialStatus::Voided)
            {
                continue;
            }
            let cur = o.currency.to_ascii_lowercase();
            let id = intent_id(o.number);
            let charge = charge_id(o.number);
            let created = o.created_at.as_second();
            let mut metadata = BTreeMap::new();
            metadata.insert("order_id".to_string(), o.number.to_string());
            for (i, r) in o.refunds.iter().enumerate() {
                db.refunds.push(Refund {
                    id: token("re", o.number as u64 * 100 + i as u64, 3),
                    amount: minor(r.total(), 2),
                    currency: cur.clone(),
                    charge: charge.clone(),
                    intent: id.clone(),
                    reason: Some("requested_by_customer".into()),
                    created: r.created_at.as_second(),
                    metadata: metadata.clone(),
                });
            }
            db.charges.insert(charge.clone(), id.clone());
            db.intents.insert(
                id.clone(),
                Intent { id, charge, amount: minor(o.total(), 2), currency: cur, created, metadata },
            );
        }
        for (n, amount, cur) in [(JPY_INTENT, 1200, "jpy"), (KWD_INTENT, 12345, "kwd")] {
            let (id, charge) = (intent_id(n), charge_id(n));
            db.charges.insert(charge.clone(), id.clone());
            db.intents.insert(
                id.clone(),
                Intent {
                    id,
                    charge,
                    amount,
                    currency: cur.into(),
                    created: seed::epoch().as_second(),
                    metadata: BTreeMap::new(),
                },
            );
        }
        db.refunds.sort_by_key(|r| r.created);
        State { db: Mutex::new(db) }
    }

    fn db(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/stripe/v1/{*rest}", any(handle))
}

// ---- wire format ------------------------------------------------------------------------------

fn error(status: StatusCode, kind: &str, code: Option<&str>, message: &str, param: Option<&str>) -> Response {
    let mut e = json!({"type": kind, "message": message});
    if let Some(c) = code {
        e["code"] = json!(c);
        e["doc_url"] = json!(format!("https://stripe.com/docs/error-codes/{}", c.replace('_', "-")));
    }
    if let Some(p) = param {
        e["param"] = json!(p);
    }
    (status, axum::Json(json!({ "error": e }))).into_response()
}

fn missing(kind: &str, id: &str, param: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "invalid_request_error",
        Some("resource_missing"),
        &format!("No such {kind}: '{id}'"),
        Some(param),
    )
}

fn refund_json(r: &Refund) -> Json {
    json!({
        "id": r.id, "object": "refund", "amount": r.amount, "currency": r.currency,
        "charge": r.charge, "payment_intent": r.intent, "reason": r.reason, "status": "succeeded",
        "created": r.created, "metadata": r.metadata, "balance_transaction": r.id.replacen("re_", "txn_", 1),
        "receipt_number": null, "destination_details": null, "failure_reason": null,
    })
}

/// A sample object of event type `topic` for `POST /_sandbox/webhooks/trigger`: the first seeded
/// refund, its charge, or the first payment intent.
pub(crate) fn webhook_sample(st: &State, topic: &str) -> Option<Json> {
    let db = st.db();
    let refund = db.refunds.first()?;
    let intent = db.intents.get(&refund.intent)?;
    match topic {
        "refund.created" | "refund.updated" | "charge.refund.updated" => Some(refund_json(refund)),
        "charge.refunded" | "charge.succeeded" => Some(db.charge_json(intent)),
        "payment_intent.succeeded" => Some(db.intent_json(intent, false)),
        _ => None,
    }
}

fn list_json(url: &str, data: Vec<Json>, has_more: bool) -> Json {
    json!({"object": "list", "url": url, "has_more": has_more, "data": data})
}

impl Db {
    fn refunded(&self, intent: &str) -> i64 {
        self.refunds.iter().filter(|r| r.intent == intent).map(|r| r.amount).sum()
    }

    fn charge_json(&self, i: &Intent) -> Json {
        let refunded = self.refunded(&i.id);
        let refunds: Vec<Json> =
            self.refunds.iter().rev().filter(|r| r.intent == i.id).map(refund_json).collect();
        json!({
            "id": i.charge, "object": "charge", "amount": i.amount, "amount_captured": i.amount,
            "amount_refunded": refunded, "currency": i.currency, "captured": true, "paid": true,
            "refunded": refunded >= i.amount, "status": "succeeded", "payment_intent": i.id,
            "metadata": i.metadata, "created": i.created, "livemode": false,
            "balance_transaction": i.charge.replacen("ch_", "txn_", 1),
            "refunds": list_json(&format!("/v1/charges/{}/refunds", i.charge), refunds, false),
        })
    }

    fn intent_json(&self, i: &Intent, expand_charge: bool) -> Json {
        json!({
            "id": i.id, "object": "payment_intent", "amount": i.amount, "amount_received": i.amount,
            "amount_capturable": 0, "currency": i.currency, "status": "succeeded",
            "capture_method": "automatic", "customer": null, "metadata": i.metadata, "created": i.created,
            "livemode": false,
            "latest_charge": if expand_charge { self.charge_json(i) } else { json!(i.charge) },
        })
    }
}

// ---- handler ----------------------------------------------------------------------------------

fn check_auth(headers: &HeaderMap) -> Result<(), Response> {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    let key = if let Some(k) = auth.strip_prefix("Bearer ") {
        Some(k.trim().to_string())
    } else if let Some(b) = auth.strip_prefix("Basic ") {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(b.trim())
            .ok()
            .and_then(|d| String::from_utf8(d).ok())
            .map(|s| s.split(':').next().unwrap_or_default().to_string())
    } else {
        None
    };
    match key {
        Some(k) if k == demo::STRIPE_SECRET_KEY => Ok(()),
        None | Some(_) if auth.is_empty() => Err(error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            None,
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
            None,
        )),
        k => {
            let k = k.unwrap_or_default();
            let chars: Vec<char> = k.chars().collect();
            let head: String = chars.iter().take(8).collect();
            let tail: String = chars.iter().skip(chars.len().saturating_sub(4)).collect();
            let shown = format!("{head}****{tail}");
            Err(error(
                StatusCode::UNAUTHORIZED,
                "invalid_request_error",
                None,
                &format!("Invalid API Key provided: {shown}"),
                None,
            ))
        }
    }
}

/// `GET /v1/payment_intents/search?query=…`: the subset of Stripe's search query language
/// shopdesk sends, `metadata['KEY']:'VALUE'` (one clause); anything else is Stripe's 400 for a
/// query it cannot parse. Answers a `search_result` list (no `next_page`: the seed is small).
fn search_intents(s: &Shared, q: &dyn Fn(&str) -> Option<String>) -> Response {
    let query = q("query").unwrap_or_default();
    let clause = query.trim().strip_prefix("metadata[").and_then(|r| r.split_once("]:")).map(|(k, v)| {
        (k.trim_matches(|c| c == '\'' || c == '"'), v.trim().trim_matches(|c| c == '\'' || c == '"'))
    });
    let Some((key, value)) = clause else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("parameter_invalid_string"),
            &format!("The query `{query}` is not valid search syntax."),
            Some("query"),
        );
    };
    let db = s.stripe.db();
    let mut found: Vec<&Intent> =
        db.intents.values().filter(|i| i.metadata.get(key).is_some_and(|v| v == value)).collect();
    found.sort_by_key(|i| std::cmp::Reverse(i.created));
    let expand = q("expand[]").as_deref() == Some("data.latest_charge");
    let data: Vec<Json> = found.iter().map(|i| db.intent_json(i, expand)).collect();
    axum::Json(json!({
        "object": "search_result", "url": "/v1/payment_intents/search", "has_more": false,
        "next_page": null, "data": data,
    }))
    .into_response()
}

fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw).into_owned().collect()
}

async fn handle(
    AxState(s): AxState<Arc<Shared>>,
    method: Method,
    Path(rest): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = check_auth(&headers) {
        return r;
    }
    let query = pairs(query.unwrap_or_default().as_bytes());
    let q = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let segs: Vec<&str> = rest.split('/').filter(|x| !x.is_empty()).collect();
    let mut resp = match (&method, segs.as_slice()) {
        (&Method::GET, ["payment_intents", "search"]) => search_intents(&s, &q),
        (&Method::GET, ["payment_intents", id]) => {
            let db = s.stripe.db();
            let expand = query.iter().any(|(k, v)| k.starts_with("expand") && v == "latest_charge");
            match db.intents.get(*id) {
                Some(i) => axum::Json(db.intent_json(i, expand)).into_response(),
                None => missing("payment_intent", id, "intent"),
            }
        }
        (&Method::GET, ["charges", id]) => {
            let db = s.stripe.db();
            match db.charges.get(*id).and_then(|pi| db.intents.get(pi)) {
                Some(i) => axum::Json(db.charge_json(i)).into_response(),
                None => missing("charge", id, "charge"),
            }
        }
        (&Method::GET, ["refunds", id]) => {
            let db = s.stripe.db();
            match db.refunds.iter().find(|r| r.id == *id) {
                Some(r) => axum::Json(refund_json(r)).into_response(),
                None => missing("refund", id, "refund"),
            }
        }
        (&Method::GET, ["refunds"]) => list_refunds(&s, &q),
        (&Method::POST, ["refunds"]) => create_refund(&s, &headers, &body),
        (&Method::GET, ["webhook_endpoints"]) => list_endpoints(&s.webhooks, &q),
        (&Method::POST, ["webhook_endpoints"]) => create_endpoint(&s.webhooks, &body),
        (&Method::GET, ["webhook_endpoints", id]) => match s.webhooks.get("stripe", id) {
            Some(w) => axum::Json(endpoint_json(&w, false)).into_response(),
            None => missing("webhook_endpoint", id, "webhook_endpoint"),
        },
        (&Method::DELETE, ["webhook_endpoints", id]) => {
            if s.webhooks.remove("stripe", id) {
                axum::Json(json!({"id": id, "object": "webhook_endpoint", "deleted": true})).into_response()
            } else {
                missing("webhook_endpoint", id, "webhook_endpoint")
            }
        }
        _ => error(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            None,
            &format!(
                "Unrecognized request URL ({method}: /v1/{rest}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
            ),
            None,
        ),
    };
    if let Some(v) = headers.get("stripe-version") {
        resp.headers_mut().insert("stripe-version", v.clone());
    }
    resp
}

/// A webhook endpoint object (services.md §1); `secret` only in the answer to its creation.
fn endpoint_json(w: &Subscription, with_secret: bool) -> Json {
    let mut e = json!({
        "id": w.id, "object": "webhook_endpoint", "api_version": w.extra["api_version"],
        "application": null, "created": w.created_at.as_second(), "description": null,
        "enabled_events": w.topics, "livemode": false, "metadata": {},
        "status": if w.active { "enabled" } else { "disabled" }, "url": w.address,
    });
    if with_secret {
        e["secret"] = json!(w.secret);
    }
    e
}

fn list_endpoints(hooks: &Registry, q: &dyn Fn(&str) -> Option<String>) -> Response {
    let limit = q("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(10).clamp(1, 100);
    // Newest first, as Stripe lists.
    let mut all = hooks.list("stripe");
    all.reverse();
    let start = match q("starting_after") {
        Some(after) => all.iter().position(|w| w.id == after).map_or(all.len(), |i| i + 1),
        None => 0,
    };
    let page: Vec<Json> = all.iter().skip(start).take(limit).map(|w| endpoint_json(w, false)).collect();
    let has_more = all.len() > start + page.len();
    axum::Json(json!({"object": "list", "url": "/v1/webhook_endpoints", "has_more": has_more, "data": page}))
        .into_response()
}

/// `POST /v1/webhook_endpoints`: `url` and `enabled_events[]` required; the endpoint gets its
/// `whsec_…` signing secret, returned this once and kept in the registry for signing. Stripe
/// issues a fresh one per endpoint; the sandbox issues [`demo::STRIPE_WEBHOOK_SECRET`] to all,
/// so a receiver can be given it before the endpoint exists.
fn create_endpoint(hooks: &Registry, body: &[u8]) -> Response {
    let form = pairs(body);
    let url = form.iter().find(|(k, _)| k == "url").map(|(_, v)| v.clone()).unwrap_or_default();
    let events: Vec<String> = form
        .iter()
        .filter(|(k, _)| k == "enabled_events[]" || (k.starts_with("enabled_events[") && k.ends_with(']')))
        .map(|(_, v)| v.clone())
        .collect();
    let bad = |m: &str, p: &str| {
        error(StatusCode::BAD_REQUEST, "invalid_request_error", Some("parameter_missing"), m, Some(p))
    };
    if url.is_empty() {
        return bad("Missing required param: url.", "url");
    }
    if events.is_empty() {
        return bad("Missing required param: enabled_events.", "enabled_events");
    }
    let valid = |e: &str| {
        e == "*"
            || (e.contains('.')
                && e.split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_')))
    };
    if let Some((i, e)) = events.iter().enumerate().find(|(_, e)| !valid(e)) {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("parameter_invalid_string"),
            &format!("Invalid enabled_events[{i}]: `{e}` is not a valid event type"),
            Some(&format!("enabled_events[{i}]")),
        );
    }
    let n = hooks.next_number();
    let api_version = form.iter().find(|(k, _)| k == "api_version").map(|(_, v)| v.clone());
    let sub = hooks.add(Subscription {
        id: format!("we_1Sbx{n:018}"),
        vendor: "stripe",
        topics: events,
        address: url,
        secret: Some(demo::STRIPE_WEBHOOK_SECRET.to_string()),
        active: true,
        failures: 0,
        created_at: jiff::Timestamp::now(),
        extra: json!({"api_version": api_version}),
    });
    axum::Json(endpoint_json(&sub, true)).into_response()
}

fn list_refunds(s: &Shared, q: &dyn Fn(&str) -> Option<String>) -> Response {
    let limit = match q("limit").map(|l| l.parse::<usize>()) {
        None => 10,
        Some(Ok(l)) if (1..=100).contains(&l) => l,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("parameter_invalid_integer"),
                "Invalid integer: limit must be between 1 and 100",
                Some("limit"),
            );
        }
    };
    let db = s.stripe.db();
    let pi = q("payment_intent");
    let ch = q("charge");
    let mut all: Vec<&Refund> = db
        .refunds
        .iter()
        .rev()
        .filter(|r| {
            pi.as_deref().is_none_or(|p| r.intent == p) && ch.as_deref().is_none_or(|c| r.charge == c)
        })
        .collect();
    if let Some(after) = q("starting_after") {
        match all.iter().position(|r| r.id == after) {
            Some(i) => all.drain(..=i).for_each(drop),
            None => return missing("refund", &after, "starting_after"),
        }
    }
    let has_more = all.len() > limit;
    let data = all.into_iter().take(limit).map(refund_json).collect();
    axum::Json(list_json("/v1/refunds", data, has_more)).into_response()
}

fn create_refund(s: &Shared, headers: &HeaderMap, body: &[u8]) -> Response {
    let mut params = pairs(body);
    params.sort();
    let fingerprint = format!("POST /v1/refunds {params:?}");
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string);
    let mut db = s.stripe.db();
    if let Some(k) = &key {
        if k.len() > 255 {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                "Idempotency-Key must be at most 255 characters long.",
                None,
            );
        }
        if let Some(saved) = db.idempotency.get(k) {
            if saved.fingerprint != fingerprint {
                return error(
                    StatusCode::BAD_REQUEST,
                    "idempotency_error",
                    None,
                    &format!(
                        "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{k}' if you meant to execute a different request."
                    ),
                    None,
                );
            }
            let mut r = (saved.status, axum::Json(saved.body.clone())).into_response();
            r.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            r.headers_mut()
                .insert("idempotency-key", HeaderValue::from_str(k).unwrap_or(HeaderValue::from_static("")));
            return r;
        }
    }
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let intent_id = match (get("payment_intent"), get("charge")) {
        (Some(_), Some(_)) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                "You cannot specify both a charge and a payment_intent.",
                None,
            );
        }
        (Some(pi), None) => match db.intents.get(&pi) {
            Some(i) => i.id.clone(),
            None => return missing("payment_intent", &pi, "payment_intent"),
        },
        (None, Some(ch)) => match db.charges.get(&ch) {
            Some(pi) => pi.clone(),
            None => return missing("charge", &ch, "charge"),
        },
        (None, None) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("parameter_missing"),
                "One of the following params should be provided for this request: payment_intent or charge.",
                None,
            );
        }
    };
    let reason = get("reason");
    if let Some(r) = &reason
        && !["duplicate", "fraudulent", "requested_by_customer"].contains(&r.as_str())
    {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("parameter_invalid_string"),
            "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer",
            Some("reason"),
        );
    }
    let intent = db.intents[&intent_id].clone();
    let left = intent.amount - db.refunded(&intent_id);
    let amount = match get("amount").map(|a| a.parse::<i64>()) {
        None => left,
        Some(Ok(a)) if a > 0 => a,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("parameter_invalid_integer"),
                "Invalid positive integer",
                Some("amount"),
            );
        }
    };
    if left <= 0 {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("charge_already_refunded"),
            &format!("Charge {} has already been refunded.", intent.charge),
            None,
        );
    }
    if amount > left {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("amount_too_large"),
            &format!(
                "Refund amount ({amount}) is greater than unrefunded amount on charge ({left}), in {} minor units.",
                intent.currency
            ),
            Some("amount"),
        );
    }
    let metadata: BTreeMap<String, String> = params
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("metadata[")?.strip_suffix(']')?.to_string(), v.clone())))
        .collect();
    let n = db.next;
    db.next += 1;
    let refund = Refund {
        id: token("re", 1_000_000 + n, 4),
        amount,
        currency: intent.currency.clone(),
        charge: intent.charge.clone(),
        intent: intent.id.clone(),
        reason,
        created: jiff::Timestamp::now().as_second(),
        metadata,
    };
    let body = refund_json(&refund);
    db.refunds.push(refund);
    s.webhooks.emit("stripe", "refund.created", body.clone());
    s.webhooks.emit("stripe", "charge.refunded", db.charge_json(&intent));
    if let Some(k) = key {
        db.idempotency.insert(k, Saved { fingerprint, status: StatusCode::OK, body: body.clone() });
    }
    axum::Json(body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_stripe_shaped() {
        assert_eq!(intent_id(1001), intent_id(1001));
        assert!(intent_id(1001).starts_with("pi_3Sbx") && intent_id(1001).len() == 27);
        assert_ne!(intent_id(1001), intent_id(1002));
        assert!(charge_id(1001).starts_with("ch_"));
    }

    #[test]
    fn seeded_intents_match_order_totals() {
        let st = State::new(&Options::default());
        let data = seed::generate(0, seed::DEFAULT_ORDERS);
        let db = st.db();
        let o = data.orders.iter().find(|o| db.intents.contains_key(&intent_id(o.number))).unwrap();
        assert_eq!(db.intents[&intent_id(o.number)].amount, minor(o.total(), 2));
        assert_eq!(db.intents[&intent_id(JPY_INTENT)].currency, "jpy");
        assert!(
            data.orders
                .iter()
                .filter(|o| o.gateway == "paypal")
                .all(|o| !db.intents.contains_key(&intent_id(o.number)))
        );
    }
}
