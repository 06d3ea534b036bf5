//! The Magento 2 / Adobe Commerce REST emulator (admin API `V1`), mounted at
//! `/magento/{host}`: the store URL is `{base}/magento/demo-magento` and the API lives under
//! `rest/{store_code}/V1/…` exactly as on a real store (platforms.md §3; contract:
//! `shared/specs/magento/magento-admin-2.4.9.yaml`).
//!
//! # Routes (all under `/magento/{host}/rest/{store_code}/V1`)
//! | Route | Answer |
//! |---|---|
//! | `GET orders?searchCriteria…` | `{"items","search_criteria","total_count"}` |
//! | `GET orders/{id}` | one order (`id` = `entity_id`) |
//! | `GET`/`POST orders/{id}/comments` | status histories; `POST` body `{"statusHistory":{…}}` answers `true` |
//! | `POST order/{orderId}/ship` | creates a shipment (tracks, notify) and answers its id |
//! | `GET shipments?searchCriteria…`, `GET shipment/{id}` | shipments with `tracks[]` |
//! | `GET customers/search?searchCriteria…`, `GET customers/{id}` | customers |
//! | `GET store/storeViews` | `admin`, `default` (id 1) and `fr` (id 2) |
//! | `GET invoices?searchCriteria…` | one invoice per paid order (`transaction_id` when captured online) |
//! | `GET creditmemos?searchCriteria…`, `GET creditmemo/{id}` | credit memos with `items[]` and `comments[]` |
//! | `GET creditmemo/{id}/comments` | `{"items","total_count"}` |
//! | `POST order/{orderId}/refund` | an offline credit memo; answers its id |
//! | `POST invoice/{invoiceId}/refund` | a credit memo against the invoice, online with `"isOnline":true`; answers its id |
//!
//! Store codes `default`, `fr` and `all` are known; like Magento's admin API the store code
//! does not scope order, shipment or customer lists (every store view's orders are returned).
//!
//! # Auth (platforms.md §3.2)
//! - `Authorization: Bearer <admin token>` ([`demo::MAGENTO_ADMIN_TOKEN`]) is accepted.
//! - The integration access token ([`demo::MAGENTO_ACCESS_TOKEN`]) used *as a Bearer token* is
//!   refused: since 2.4.4 Magento does not accept integration tokens standalone unless
//!   `oauth/consumer/enable_integration_as_bearer` is set, and the caller then falls back to the
//!   anonymous user, which the ACL rejects with the 401 body below.
//! - `Authorization: OAuth …` (OAuth 1.0a, HMAC-SHA256 or the deprecated HMAC-SHA1) with all
//!   four integration credentials. The signature is recomputed from the request as received:
//!   base string `METHOD&enc(http://{Host}{path})&enc(sorted k=v of query + oauth_* params)`,
//!   key `consumer_secret&token_secret`. Nonces are single-use; timestamps must be within ten
//!   minutes of the clock.
//! - Anything else: HTTP 401 `{"message":"The consumer isn't authorized to access %resources.",
//!   "parameters":{"resources":"<ACL resource>"}}`. Magento gives this same body for a missing,
//!   expired or unrecognised token, so a client cannot tell which it was.
//!
//! # searchCriteria (platforms.md §3.3, §3.5)
//! camelCase (`filterGroups`, `conditionType`, `sortOrders`, `pageSize`, `currentPage`) and
//! snake_case spellings are both accepted. Filters in a group are OR'd, groups AND'd. Condition
//! types: `eq` (default), `neq`, `gt`, `gteq`, `lt`, `lteq`, `like` (`%`/`_`, case-insensitive),
//! `in`, `nin`, `null`, `notnull`. Values compare as numbers when both sides are numbers, else as
//! strings (dates are `YYYY-MM-DD HH:MM:SS` UTC, so string order is time order). Filtering on a
//! column that does not exist gives Magento's production-mode HTTP 500 "Internal Error" body.
//! `pageSize` above 300 is a 400; without `pageSize` the page holds 20 items; a `currentPage`
//! past the last page is clamped to the last page (items repeat: stop on `total_count`).
//!
//! # Data
//! The shared seed (with a Magento offset) rendered as Magento shapes: money as JSON numbers,
//! `increment_id` zero-padded to nine digits as Magento's default sequence does (`000001001`;
//! seed order #1001 is Jane Doe's), `entity_id` 1…n, the shipping address under
//! `extension_attributes.shipping_assignments[0].shipping.address`, null fields omitted (as
//! Magento's output processor does). Every tenth order belongs to store view `fr`, and one
//! extra `fr` order deliberately repeats the number `000001042` of a `default` order (store views
//! can have separate sequences), so a lookup by number alone is ambiguous.
//!
//! Payment methods: PayPal orders are `paypal_express`, every thirteenth card order was paid by
//! check (`checkmo`, captured offline: its invoice has no `transaction_id`), the rest
//! `braintree`. The seed's refunds are credit memos (the note as the memo's comment), and the
//! order and its items carry the invoiced and refunded amounts Magento keeps (`row_invoiced`,
//! `tax_invoiced`, `amount_refunded`, `tax_refunded`, `shipping_refunded`, …). Item taxes are
//! after discount and add up to the order's tax.
//!
//! Stateful: comments added and shipments created show up on later reads (order state moves to
//! `processing`/`complete`, item `qty_shipped` grows).
//!
//! # Credit memos (refunds)
//! Both refund routes take `items` (`order_item_id`, `qty`), `notify`, `appendComment`,
//! `comment` (`comment`, `is_visible_on_front`) and `arguments` (`shipping_amount`,
//! `adjustment_positive`, `adjustment_negative`, `extension_attributes.return_to_stock_items`),
//! with Magento's two defaults: **no `items` refunds every item still refundable** and **no
//! `shipping_amount` refunds all the shipping left**. A partial quantity takes its share of the
//! item's invoiced row, tax and discount rounded to cents; the last units take what is left. A
//! memo moves the order: items' `qty_refunded` and refunded amounts, `total_refunded`,
//! `total_online_refunded`/`total_offline_refunded`, `subtotal_`/`tax_`/`shipping_refunded`, the
//! payment's `amount_refunded`, a "We refunded … online/offline." status history, and the state
//! as Magento's order state handler sets it: `closed` when nothing is left to refund, else
//! `complete` when nothing is left to ship, else `processing`. The comment is stored either way
//! (`is_customer_notified` is `notify && appendComment`). There is no idempotency: every accepted
//! POST makes a memo. Restocking is validated but not modelled (there is no inventory).
//!
//! Refusals, all HTTP 400 `{"message","parameters"}`: "The most money available to refund is %1."
//! (`["$12.50"]`) for a total above paid less refunded; "Maximum shipping amount allowed to refund
//! is: %1"; "Creditmemo Document Validation Error(s):\n…" for an unknown item, a quantity above
//! what is left, nothing to refund, or an order that takes no memo (`canceled`, `closed`,
//! `holded`, `payment_review`, not invoiced); "The refund action is not available." for
//! `isOnline` against an offline payment; "The return to stock argument contains product item
//! that is not part of the original credit memo."; unknown order or invoice: 404.
//!
//! Decided without a primary source ([U]): the 401 body for an invalid OAuth signature or a
//! replayed nonce (the generic ACL body above), the 400 for an unknown store code, the 404 body
//! for an unknown route, the default page size and the page clamping, `status_histories` newest
//! first in the order and oldest first under `/comments`; the exact wording of the credit memo
//! validation messages for an unknown item and an order that takes no memo, "The credit memo's
//! total must be positive.", the return-to-stock message, the rounding of a partial quantity's
//! tax, and whether the memo list includes `comments` (it does here; the adapter reads
//! `creditmemo/{id}/comments` when it does not). Not emulated: the `fields=` response filter
//! (full objects are returned), `rest/V1/…` without a store code, creating invoices, the
//! Stripe/PayPal side of an online refund (the gateway emulators are left alone).

// Handlers return the vendor's answer as the error value; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use hmac::{KeyInit, Mac};
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use super::seed::{self, FinancialStatus, Order, SeedData};
use super::tracking::Carrier;
use super::{Options, Shared, demo};

/// Largest `searchCriteria[pageSize]` accepted (Web API input limits, platforms.md §3.5).
pub const MAX_PAGE_SIZE: usize = 300;
/// Page size when the request gives none.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// The order number that exists in two store views.
pub const DUPLICATE_INCREMENT_ID: &str = "000001042";

/// `(store_id, code, name)` of the store views, `admin` first as Magento lists it.
pub const STORE_VIEWS: &[(u64, &str, &str)] =
    &[(0, "admin", "Admin"), (1, "default", "Default Store View"), (2, "fr", "French Store View")];

const UNAUTHORIZED: &str = "The consumer isn't authorized to access %resources.";
const NO_ENTITY: &str = "The entity that was requested doesn't exist. Verify the entity and try again.";

struct Db {
    orders: Vec<Json>,
    shipments: Vec<Json>,
    customers: Vec<Json>,
    invoices: Vec<Json>,
    creditmemos: Vec<Json>,
    next_history: u64,
    next_shipment: u64,
    next_track: u64,
    next_memo: u64,
    next_memo_item: u64,
    next_memo_comment: u64,
}

pub(crate) struct State {
    db: Mutex<Db>,
    nonces: Mutex<HashSet<String>>,
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        State {
            db: Mutex::new(build(&seed::Store::Magento.data(opts.seed, opts.orders))),
            nonces: Default::default(),
        }
    }
    fn db(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    const P: &str = "/magento/{host}/rest/{store}/V1";
    Router::new()
        .route(&format!("{P}/orders"), get(orders_search))
        .route(&format!("{P}/orders/{{id}}"), get(order_get))
        .route(&format!("{P}/orders/{{id}}/comments"), get(comments_get).post(comments_post))
        .route(&format!("{P}/order/{{id}}/ship"), post(ship))
        .route(&format!("{P}/shipments"), get(shipments_search))
        .route(&format!("{P}/shipment/{{id}}"), get(shipment_get))
        .route(&format!("{P}/customers/search"), get(customers_search))
        .route(&format!("{P}/customers/{{id}}"), get(customer_get))
        .route(&format!("{P}/store/storeViews"), get(store_views))
        .route(&format!("{P}/invoices"), get(invoices_search))
        .route(&format!("{P}/creditmemos"), get(creditmemos_search))
        .route(&format!("{P}/creditmemo/{{id}}"), get(creditmemo_get))
        .route(&format!("{P}/creditmemo/{{id}}/comments"), get(creditmemo_comments))
        .route(&format!("{P}/order/{{id}}/refund"), post(refund_order))
        .route(&format!("{P}/invoice/{{id}}/refund"), post(refund_invoice))
}

// ---- responses ----------------------------------------------------------------------------

fn reply(status: StatusCode, body: Json) -> Response {
    (status, axum::Json(body)).into_response()
}

fn error(status: StatusCode, message: &str, parameters: Option<Json>) -> Response {
    let mut b = json!({ "message": message });
    if let Some(p) = parameters {
        b["parameters"] = p;
    }
    reply(status, b)
}

fn unauthorized(resource: &str) -> Response {
    error(StatusCode::UNAUTHORIZED, UNAUTHORIZED, Some(json!({ "resources": resource })))
}

fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, NO_ENTITY, None)
}

fn required(field: &str) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "\"%fieldName\" is required. Enter and try again.",
        Some(json!({ "fieldName": field })),
    )
}

fn bad_type(value: &str, ty: &str) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.",
        Some(json!({ "value": value, "type": ty })),
    )
}

fn internal_error(seq_hint: usize) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!(
            "Internal Error. Details are available in Magento log file. Report ID: webapi-{:013x}",
            0x6565_f2b4_a7a1_u64 + seq_hint as u64
        ),
        None,
    )
}

/// Magento's answer for a path no route matches (the sandbox's fallback calls it).
pub(crate) fn no_route() -> Response {
    error(StatusCode::NOT_FOUND, "Request does not match any route.", None)
}

// ---- auth ---------------------------------------------------------------------------------

/// The request line and headers an auth check needs.
struct Call<'a> {
    method: &'a Method,
    uri: &'a Uri,
    headers: &'a HeaderMap,
}

/// Host, store code and credentials; `Err` is the vendor's answer.
fn admit(s: &Shared, host: &str, store: &str, call: &Call, resource: &str) -> Result<(), Response> {
    if host != demo::MAGENTO_HOST {
        return Err(no_route());
    }
    if !STORE_VIEWS.iter().any(|(_, c, _)| *c == store) && store != "all" {
        return Err(error(StatusCode::BAD_REQUEST, "Requested store is not found", None));
    }
    let auth = call.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    let ok = if let Some(token) = auth.strip_prefix("Bearer ") {
        // The integration token is not accepted as a Bearer token (2.4.4+ default).
        token.trim() == demo::MAGENTO_ADMIN_TOKEN
    } else if let Some(params) = auth.strip_prefix("OAuth ") {
        oauth_ok(s, call, params)
    } else {
        false
    };
    if ok { Ok(()) } else { Err(unauthorized(resource)) }
}

fn pct_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// RFC 3986 encoding as OAuth 1.0a requires (unreserved characters only stay as they are).
fn rfc3986(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn oauth_ok(s: &Shared, call: &Call, header: &str) -> bool {
    let mut p: BTreeMap<String, String> = BTreeMap::new();
    for part in header.split(',') {
        if let Some((k, v)) = part.trim().split_once('=') {
            p.insert(pct_decode(k.trim()), pct_decode(v.trim().trim_matches('"')));
        }
    }
    let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
    if get("oauth_consumer_key") != demo::MAGENTO_CONSUMER_KEY
        || get("oauth_token") != demo::MAGENTO_ACCESS_TOKEN
    {
        return false;
    }
    if p.get("oauth_version").is_some_and(|v| v != "1.0") {
        return false;
    }
    let Ok(ts) = get("oauth_timestamp").parse::<i64>() else { return false };
    if (Timestamp::now().as_second() - ts).abs() > 600 || get("oauth_nonce").is_empty() {
        return false;
    }
    let host = call.headers.get("host").and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut params: Vec<(String, String)> = call
        .uri
        .query()
        .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    params.extend(
        p.iter()
            .filter(|(k, _)| k.starts_with("oauth_") && *k != "oauth_signature")
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    let mut enc: Vec<(String, String)> = params.iter().map(|(k, v)| (rfc3986(k), rfc3986(v))).collect();
    enc.sort();
    let normalized = enc.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    let base = format!(
        "{}&{}&{}",
        call.method.as_str().to_ascii_uppercase(),
        rfc3986(&format!("http://{host}{}", call.uri.path())),
        rfc3986(&normalized)
    );
    let key =
        format!("{}&{}", rfc3986(demo::MAGENTO_CONSUMER_SECRET), rfc3986(demo::MAGENTO_ACCESS_TOKEN_SECRET));
    let raw = match get("oauth_signature_method") {
        "HMAC-SHA256" => {
            let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
            m.update(base.as_bytes());
            m.finalize().into_bytes().to_vec()
        }
        "HMAC-SHA1" => {
            let mut m = hmac::Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("any key length");
            m.update(base.as_bytes());
            m.finalize().into_bytes().to_vec()
        }
        _ => return false,
    };
    if base64::engine::general_purpose::STANDARD.encode(raw) != get("oauth_signature") {
        return false;
    }
    // A nonce is good once per consumer.
    s.magento.nonces.lock().unwrap_or_else(|e| e.into_inner()).insert(get("oauth_nonce").to_string())
}

// ---- searchCriteria -------------------------------------------------------------------------

#[derive(Debug, Default, Clone)]
struct Filter {
    field: Option<String>,
    value: Option<String>,
    condition: Option<String>,
}

#[derive(Debug, Default)]
struct Criteria {
    groups: BTreeMap<usize, BTreeMap<usize, Filter>>,
    sorts: BTreeMap<usize, (Option<String>, Option<String>)>,
    page_size: Option<String>,
    current_page: Option<String>,
}

fn snake(seg: &str) -> &str {
    match seg {
        "filterGroups" => "filter_groups",
        "conditionType" => "condition_type",
        "sortOrders" => "sort_orders",
        "pageSize" => "page_size",
        "currentPage" => "current_page",
        other => other,
    }
}

fn parse_criteria(uri: &Uri) -> Criteria {
    let mut c = Criteria::default();
    let Some(q) = uri.query() else { return c };
    for (k, v) in url::form_urlencoded::parse(q.as_bytes()) {
        let Some(rest) = k.strip_prefix("searchCriteria") else { continue };
        let segs: Vec<&str> =
            rest.split('[').filter_map(|s| s.strip_suffix(']')).map(snake).collect::<Vec<_>>();
        let v = v.into_owned();
        match segs.as_slice() {
            ["filter_groups", g, "filters", f, what] => {
                let (Ok(g), Ok(f)) = (g.parse(), f.parse()) else { continue };
                let filter = c.groups.entry(g).or_default().entry(f).or_default();
                match *what {
                    "field" => filter.field = Some(v),
                    "value" => filter.value = Some(v),
                    "condition_type" => filter.condition = Some(v),
                    _ => {}
                }
            }
            ["sort_orders", i, what] => {
                let Ok(i) = i.parse() else { continue };
                let s = c.sorts.entry(i).or_default();
                match *what {
                    "field" => s.0 = Some(v),
                    "direction" => s.1 = Some(v),
                    _ => {}
                }
            }
            ["page_size"] => c.page_size = Some(v),
            ["current_page"] => c.current_page = Some(v),
            _ => {}
        }
    }
    c
}

fn as_text(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(if *b { "1" } else { "0" }.into()),
        _ => None,
    }
}

fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => a.cmp(b),
    }
}

/// MySQL `LIKE`: `%` any run, `_` one character, case-insensitive.
fn like(text: &str, pattern: &str) -> bool {
    fn go(t: &[char], p: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('%', rest)) => (0..=t.len()).any(|i| go(&t[i..], rest)),
            Some(('_', rest)) => !t.is_empty() && go(&t[1..], rest),
            Some((c, rest)) => t.first().is_some_and(|x| x == c) && go(&t[1..], rest),
        }
    }
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    go(&t, &p)
}

fn matches(item: &Json, f: &Filter) -> bool {
    let field = f.field.as_deref().unwrap_or_default();
    let have = item.get(field).and_then(as_text);
    let want = f.value.clone().unwrap_or_default();
    let list = || want.split(',').map(str::trim).collect::<Vec<_>>();
    use std::cmp::Ordering::*;
    match f.condition.as_deref().unwrap_or("eq") {
        "null" => have.is_none(),
        "notnull" => have.is_some(),
        cond => {
            let Some(h) = have else { return false };
            match cond {
                "neq" => compare(&h, &want) != Equal,
                "gt" => compare(&h, &want) == Greater,
                "gteq" | "from" => compare(&h, &want) != Less,
                "lt" => compare(&h, &want) == Less,
                "lteq" | "to" => compare(&h, &want) != Greater,
                "like" => like(&h, &want),
                "in" => list().iter().any(|w| compare(&h, w) == Equal),
                "nin" => !list().iter().any(|w| compare(&h, w) == Equal),
                "finset" => h.split(',').any(|x| x == want),
                _ => compare(&h, &want) == Equal,
            }
        }
    }
}

/// Run a search over `rows` (the columns are the rows' top-level scalar fields).
fn search(rows: &[Json], uri: &Uri, columns: &[&str]) -> Response {
    let c = parse_criteria(uri);
    for g in c.groups.values() {
        for f in g.values() {
            match (&f.field, &f.value) {
                (None, _) => return required("field"),
                (Some(_), None) if !matches!(f.condition.as_deref(), Some("null" | "notnull")) => {
                    return required("value");
                }
                (Some(field), _) if !columns.contains(&field.as_str()) => return internal_error(field.len()),
                _ => {}
            }
        }
    }
    for (field, _) in c.sorts.values() {
        match field {
            None => return required("field"),
            Some(f) if !columns.contains(&f.as_str()) => return internal_error(f.len()),
            _ => {}
        }
    }
    let int = |v: &Option<String>, default: usize| -> Result<usize, Response> {
        match v {
            None => Ok(default),
            Some(s) => s.trim().parse::<i64>().map(|n| n.max(0) as usize).map_err(|_| bad_type(s, "int")),
        }
    };
    let page_size = match int(&c.page_size, DEFAULT_PAGE_SIZE) {
        Ok(0) => DEFAULT_PAGE_SIZE,
        Ok(n) => n,
        Err(r) => return r,
    };
    if page_size > MAX_PAGE_SIZE {
        return error(
            StatusCode::BAD_REQUEST,
            "Maximum SearchCriteria pageSize is %max",
            Some(json!({ "max": MAX_PAGE_SIZE })),
        );
    }
    let current = match int(&c.current_page, 1) {
        Ok(n) => n.max(1),
        Err(r) => return r,
    };
    let mut hits: Vec<&Json> =
        rows.iter().filter(|r| c.groups.values().all(|g| g.values().any(|f| matches(r, f)))).collect();
    let key = |r: &Json, f: &str| r.get(f).and_then(as_text).unwrap_or_default();
    hits.sort_by(|a, b| {
        for (field, dir) in c.sorts.values() {
            let f = field.as_deref().unwrap_or_default();
            let mut o = compare(&key(a, f), &key(b, f));
            if dir.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("DESC")) {
                o = o.reverse();
            }
            if o != std::cmp::Ordering::Equal {
                return o;
            }
        }
        std::cmp::Ordering::Equal
    });
    let total = hits.len();
    let last = total.div_ceil(page_size).max(1);
    let page = current.min(last);
    let items: Vec<Json> = hits.into_iter().skip((page - 1) * page_size).take(page_size).cloned().collect();
    let echo_groups: Vec<Json> = c
        .groups
        .values()
        .map(|g| {
            json!({"filters": g.values().map(|f| {
                let mut o = json!({"field": f.field, "value": f.value.clone().unwrap_or_default()});
                if let Some(ct) = &f.condition { o["condition_type"] = json!(ct); }
                o
            }).collect::<Vec<_>>()})
        })
        .collect();
    let mut sc = json!({ "filter_groups": echo_groups, "page_size": page_size, "current_page": current });
    if !c.sorts.is_empty() {
        sc["sort_orders"] = c
            .sorts
            .values()
            .map(|(f, d)| json!({"field": f, "direction": d.clone().unwrap_or_else(|| "ASC".into())}))
            .collect();
    }
    reply(StatusCode::OK, json!({ "items": items, "search_criteria": sc, "total_count": total }))
}

fn columns(rows: &[Json]) -> Vec<String> {
    let mut cols: Vec<String> = rows
        .iter()
        .take(1)
        .flat_map(|r| r.as_object().into_iter().flatten())
        .filter(|(_, v)| !v.is_array() && !v.is_object())
        .map(|(k, _)| k.clone())
        .collect();
    // Nullable columns that are omitted when empty still exist in the table.
    for extra in ["customer_id", "customer_note", "coupon_code", "email_sent", "increment_id", "store_id"] {
        cols.push(extra.to_string());
    }
    cols
}

// ---- handlers -----------------------------------------------------------------------------

macro_rules! admit_or_return {
    ($s:expr, $host:expr, $store:expr, $m:expr, $u:expr, $h:expr, $res:expr) => {
        if let Err(r) = admit(&$s, &$host, &$store, &Call { method: &$m, uri: &$u, headers: &$h }, $res) {
            return r;
        }
    };
}

const SALES: &str = "Magento_Sales::actions_view";
const SHIP: &str = "Magento_Sales::ship";
const COMMENT: &str = "Magento_Sales::comment";
const CUSTOMERS: &str = "Magento_Customer::customer";
const STORES: &str = "Magento_Backend::store";
const INVOICES: &str = "Magento_Sales::sales_invoice";
const CREDITMEMOS: &str = "Magento_Sales::sales_creditmemo";
const REFUND: &str = "Magento_Sales::creditmemo";

fn int_id(raw: &str) -> Result<u64, Response> {
    raw.parse::<u64>().map_err(|_| bad_type(raw, "int"))
}

async fn orders_search(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store)): Path<(String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, SALES);
    let db = s.magento.db();
    let cols = columns(&db.orders);
    search(&db.orders, &u, &cols.iter().map(String::as_str).collect::<Vec<_>>())
}

async fn order_get(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, SALES);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let db = s.magento.db();
    match find(&db.orders, "entity_id", id) {
        Some(i) => reply(StatusCode::OK, db.orders[i].clone()),
        None => not_found(),
    }
}

fn find(rows: &[Json], key: &str, id: u64) -> Option<usize> {
    rows.iter().position(|r| r.get(key).and_then(Json::as_u64) == Some(id))
}

async fn comments_get(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, SALES);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let db = s.magento.db();
    let Some(i) = find(&db.orders, "entity_id", id) else { return not_found() };
    let mut items: Vec<Json> = db.orders[i]["status_histories"].as_array().cloned().unwrap_or_default();
    items.sort_by_key(|h| h["entity_id"].as_u64());
    let total = items.len();
    reply(
        StatusCode::OK,
        json!({
            "items": items,
            "search_criteria": {"filter_groups": [{"filters": [{"field": "parent_id", "value": id.to_string(), "condition_type": "eq"}]}]},
            "total_count": total,
        }),
    )
}

fn parse_body(body: &[u8]) -> Result<Json, Response> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body)
        .map_err(|_| error(StatusCode::BAD_REQUEST, "Decoding error: \nSyntax error\n", None))
}

fn int_field(o: &Json, name: &str) -> Result<Option<i64>, Response> {
    match o.get(name) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Number(n)) if n.is_i64() => Ok(n.as_i64()),
        Some(Json::Bool(b)) => Ok(Some(*b as i64)),
        Some(Json::String(s)) => s.parse().map(Some).map_err(|_| bad_type(s, "int")),
        Some(v) => Err(bad_type(&v.to_string(), "int")),
    }
}

async fn comments_post(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, COMMENT);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let body = match parse_body(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(sh) = body.get("statusHistory").filter(|v| v.is_object()) else {
        return required("statusHistory");
    };
    let comment = match sh.get("comment") {
        Some(Json::String(c)) => c.clone(),
        Some(other) if !other.is_null() => return bad_type(&other.to_string(), "string"),
        _ => return required("comment"),
    };
    let mut flags = [0i64; 3];
    for (slot, name) in flags.iter_mut().zip(["is_customer_notified", "is_visible_on_front", "parent_id"]) {
        match int_field(sh, name) {
            Ok(Some(v)) => *slot = v,
            Ok(None) => return required(name),
            Err(r) => return r,
        }
    }
    let mut db = s.magento.db();
    let Some(i) = find(&db.orders, "entity_id", id) else { return not_found() };
    db.next_history += 1;
    let hid = db.next_history;
    let order = &mut db.orders[i];
    let status = sh.get("status").and_then(Json::as_str).map(str::to_string);
    if let Some(st) = &status {
        order["status"] = json!(st);
    }
    let mut entry = json!({
        "comment": comment,
        "created_at": wire_time(Timestamp::now()),
        "entity_id": hid,
        "entity_name": "order",
        "is_customer_notified": flags[0],
        "is_visible_on_front": flags[1],
        "parent_id": id,
    });
    if let Some(st) = status.or_else(|| order["status"].as_str().map(str::to_string)) {
        entry["status"] = json!(st);
    }
    let list = order["status_histories"].as_array_mut();
    match list {
        Some(l) => l.insert(0, entry),
        None => order["status_histories"] = json!([entry]),
    }
    reply(StatusCode::OK, json!(true))
}

fn remaining(item: &Json) -> f64 {
    let q = |k: &str| item.get(k).and_then(Json::as_f64).unwrap_or(0.0);
    (q("qty_ordered") - q("qty_shipped") - q("qty_refunded") - q("qty_canceled")).max(0.0)
}

fn cannot_ship(why: &str) -> Response {
    error(StatusCode::BAD_REQUEST, &format!("Shipment Document Validation Error(s):\n{why}"), None)
}

async fn ship(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, SHIP);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let body = match parse_body(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let tracks: Vec<Json> = body.get("tracks").and_then(Json::as_array).cloned().unwrap_or_default();
    for t in &tracks {
        for f in ["track_number", "title", "carrier_code"] {
            if !t.get(f).is_some_and(Json::is_string) {
                return required(f);
            }
        }
    }
    let mut wanted: Vec<(u64, f64)> = Vec::new();
    if let Some(items) = body.get("items").and_then(Json::as_array) {
        for it in items {
            let (Some(oid), Some(q)) =
                (it.get("order_item_id").and_then(Json::as_u64), it.get("qty").and_then(Json::as_f64))
            else {
                return required("order_item_id");
            };
            wanted.push((oid, q));
        }
    }
    let notify = body.get("notify").and_then(Json::as_bool).unwrap_or(false);
    let mut db = s.magento.db();
    let Some(i) = find(&db.orders, "entity_id", id) else { return not_found() };
    let state = db.orders[i]["state"].as_str().unwrap_or_default().to_string();
    let items = db.orders[i]["items"].as_array().cloned().unwrap_or_default();
    let mut lines: Vec<(usize, f64)> = Vec::new();
    if wanted.is_empty() {
        for (k, it) in items.iter().enumerate() {
            if remaining(it) > 0.0 {
                lines.push((k, remaining(it)));
            }
        }
    } else {
        for (oid, q) in wanted {
            match items.iter().position(|it| it["item_id"].as_u64() == Some(oid)) {
                Some(k) if q <= remaining(&items[k]) => lines.push((k, q)),
                _ => return cannot_ship("The order does not allow a shipment to be created."),
            }
        }
        lines.retain(|(_, q)| *q > 0.0);
    }
    if matches!(state.as_str(), "canceled" | "holded" | "payment_review" | "closed") || lines.is_empty() {
        return cannot_ship("The order does not allow a shipment to be created.");
    }
    db.next_shipment += 1;
    let sid = db.next_shipment;
    let now = wire_time(Timestamp::now());
    let mut track_json = Vec::new();
    let total_qty: f64 = lines.iter().map(|(_, q)| q).sum();
    for t in &tracks {
        db.next_track += 1;
        track_json.push(json!({
            "entity_id": db.next_track, "parent_id": sid, "order_id": id,
            "track_number": t["track_number"], "title": t["title"], "carrier_code": t["carrier_code"],
            "weight": 0, "qty": total_qty, "description": "", "created_at": now, "updated_at": now,
        }));
    }
    let order = &mut db.orders[i];
    let mut ship_items = Vec::new();
    for (k, q) in &lines {
        let it = &mut order["items"][*k];
        let shipped = it["qty_shipped"].as_f64().unwrap_or(0.0) + q;
        it["qty_shipped"] = num_f(shipped);
        ship_items.push(json!({
            "entity_id": sid * 100 + *k as u64, "parent_id": sid, "order_item_id": it["item_id"],
            "sku": it["sku"], "name": it["name"], "price": it["price"], "qty": num_f(*q),
            "product_id": it["product_id"], "weight": 1,
        }));
    }
    let all_shipped = order["items"].as_array().is_some_and(|v| v.iter().all(|it| remaining(it) == 0.0));
    let due = order["total_due"].as_f64().unwrap_or(0.0);
    let (new_state, new_status) =
        if all_shipped && due == 0.0 { ("complete", "complete") } else { ("processing", "processing") };
    order["state"] = json!(new_state);
    order["status"] = json!(new_status);
    order["updated_at"] = json!(now);
    let shipment = json!({
        "entity_id": sid, "increment_id": format!("{sid:09}"), "order_id": id,
        "store_id": order["store_id"], "customer_id": order.get("customer_id").cloned(),
        "created_at": now, "updated_at": now, "email_sent": notify as i64,
        "total_qty": num_f(total_qty), "items": ship_items, "tracks": track_json, "comments": [], "packages": [],
    });
    db.shipments.push(strip_nulls(shipment));
    reply(StatusCode::OK, json!(sid))
}

async fn shipments_search(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store)): Path<(String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, SHIP);
    let db = s.magento.db();
    search(
        &db.shipments,
        &u,
        &[
            "entity_id",
            "increment_id",
            "order_id",
            "store_id",
            "created_at",
            "updated_at",
            "customer_id",
            "email_sent",
            "total_qty",
        ],
    )
}

async fn shipment_get(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, SHIP);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let db = s.magento.db();
    match find(&db.shipments, "entity_id", id) {
        Some(i) => reply(StatusCode::OK, db.shipments[i].clone()),
        None => not_found(),
    }
}

async fn customers_search(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store)): Path<(String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, CUSTOMERS);
    let db = s.magento.db();
    search(
        &db.customers,
        &u,
        &[
            "id",
            "email",
            "firstname",
            "lastname",
            "group_id",
            "store_id",
            "website_id",
            "created_at",
            "updated_at",
        ],
    )
}

async fn customer_get(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, CUSTOMERS);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let db = s.magento.db();
    match find(&db.customers, "id", id) {
        Some(i) => reply(StatusCode::OK, db.customers[i].clone()),
        None => error(
            StatusCode::NOT_FOUND,
            "No such entity with %fieldName = %fieldValue",
            Some(json!({"fieldName": "customerId", "fieldValue": id})),
        ),
    }
}

async fn store_views(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store)): Path<(String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, STORES);
    let views: Vec<Json> = STORE_VIEWS
        .iter()
        .map(|(id, code, name)| {
            let site = (*id > 0) as u64;
            json!({"id": id, "code": code, "name": name, "website_id": site, "store_group_id": site, "is_active": 1})
        })
        .collect();
    reply(StatusCode::OK, json!(views))
}

// ---- invoices and credit memos ------------------------------------------------------------

async fn invoices_search(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store)): Path<(String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, INVOICES);
    let db = s.magento.db();
    search(
        &db.invoices,
        &u,
        &[
            "entity_id",
            "increment_id",
            "order_id",
            "store_id",
            "state",
            "created_at",
            "updated_at",
            "grand_total",
            "transaction_id",
        ],
    )
}

const MEMO_COLUMNS: &[&str] = &[
    "entity_id",
    "increment_id",
    "order_id",
    "invoice_id",
    "store_id",
    "state",
    "creditmemo_status",
    "created_at",
    "updated_at",
    "grand_total",
    "transaction_id",
];

async fn creditmemos_search(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store)): Path<(String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, CREDITMEMOS);
    let db = s.magento.db();
    search(&db.creditmemos, &u, MEMO_COLUMNS)
}

async fn creditmemo_get(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, CREDITMEMOS);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let db = s.magento.db();
    match find(&db.creditmemos, "entity_id", id) {
        Some(i) => reply(StatusCode::OK, db.creditmemos[i].clone()),
        None => not_found(),
    }
}

async fn creditmemo_comments(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, CREDITMEMOS);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let db = s.magento.db();
    let Some(i) = find(&db.creditmemos, "entity_id", id) else { return not_found() };
    let items = db.creditmemos[i]["comments"].as_array().cloned().unwrap_or_default();
    let total = items.len();
    reply(StatusCode::OK, json!({ "items": items, "total_count": total }))
}

/// `POST order/{orderId}/refund`: an offline credit memo (money is not sent back).
async fn refund_order(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, REFUND);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let body = match parse_body(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut db = s.magento.db();
    let Some(oi) = find(&db.orders, "entity_id", id) else { return not_found() };
    let invoice = db.invoices.iter().position(|i| i["order_id"].as_u64() == Some(id));
    match refund(&mut db, oi, invoice, &body, false) {
        Ok(mid) => reply(StatusCode::OK, json!(mid)),
        Err(r) => r,
    }
}

/// `POST invoice/{invoiceId}/refund`: a credit memo against an invoice, through the payment
/// gateway when `isOnline` is true.
async fn refund_invoice(
    AxState(s): AxState<Arc<Shared>>,
    Path((host, store, id)): Path<(String, String, String)>,
    m: Method,
    u: Uri,
    h: HeaderMap,
    body: Bytes,
) -> Response {
    admit_or_return!(s, host, store, m, u, h, REFUND);
    let id = match int_id(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let body = match parse_body(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let online = match body.get("isOnline") {
        None | Some(Json::Null) => false,
        Some(Json::Bool(b)) => *b,
        Some(v) => return bad_type(&v.to_string(), "bool"),
    };
    let mut db = s.magento.db();
    let Some(ii) = find(&db.invoices, "entity_id", id) else { return not_found() };
    let order_id = db.invoices[ii]["order_id"].as_u64().unwrap_or_default();
    let Some(oi) = find(&db.orders, "entity_id", order_id) else { return not_found() };
    match refund(&mut db, oi, Some(ii), &body, online) {
        Ok(mid) => reply(StatusCode::OK, json!(mid)),
        Err(r) => r,
    }
}

fn amount(v: &Json) -> Decimal {
    match v {
        Json::Number(n) => n.to_string().parse().unwrap_or_default(),
        Json::String(s) => s.trim().parse().unwrap_or_default(),
        _ => Decimal::ZERO,
    }
}

fn money_arg(o: Option<&Json>) -> Result<Option<Decimal>, Response> {
    match o {
        None | Some(Json::Null) => Ok(None),
        Some(v @ Json::Number(_)) => Ok(Some(amount(v))),
        Some(Json::String(t)) => t.trim().parse().map(Some).map_err(|_| bad_type(t, "float")),
        Some(v) => Err(bad_type(&v.to_string(), "float")),
    }
}

fn memo_invalid(why: &str) -> Response {
    error(StatusCode::BAD_REQUEST, &format!("Creditmemo Document Validation Error(s):\n{why}"), None)
}

/// The price as Magento formats it in messages (`$12.50`).
fn price(cur: &str, d: Decimal) -> String {
    let s = symbol(cur);
    let d = cents(d);
    if s.is_empty() { format!("{cur} {d:.2}") } else { format!("{s}{d:.2}") }
}

/// Make a credit memo on order `oi` (Magento's `RefundOrder` / `RefundInvoice`): validate,
/// total, record it and move the order's refunded totals, item quantities and state.
fn refund(
    db: &mut Db,
    oi: usize,
    invoice: Option<usize>,
    body: &Json,
    online: bool,
) -> Result<u64, Response> {
    // The request.
    let mut wanted: Vec<(u64, Decimal)> = Vec::new();
    match body.get("items") {
        None | Some(Json::Null) => {}
        Some(Json::Array(items)) => {
            for it in items {
                let Some(oid) = it.get("order_item_id").and_then(Json::as_u64) else {
                    return Err(required("order_item_id"));
                };
                let Some(q) = it.get("qty").filter(|q| q.is_number()) else { return Err(required("qty")) };
                wanted.push((oid, amount(q)));
            }
        }
        Some(v) => return Err(bad_type(&v.to_string(), "array")),
    }
    let notify = body.get("notify").and_then(Json::as_bool).unwrap_or(false);
    // The comment is kept either way; `appendComment` (with `notify`) puts it in the email.
    let append = body.get("appendComment").and_then(Json::as_bool).unwrap_or(false);
    let comment = match body.get("comment") {
        None | Some(Json::Null) => None,
        Some(c) => match c.get("comment") {
            Some(Json::String(t)) => Some((t.clone(), int_field(c, "is_visible_on_front")?.unwrap_or(0))),
            _ => return Err(required("comment")),
        },
    };
    let args = body.get("arguments").cloned().unwrap_or(Json::Null);
    let shipping_arg = money_arg(args.get("shipping_amount"))?;
    let adj_pos = money_arg(args.get("adjustment_positive"))?.unwrap_or_default();
    let adj_neg = money_arg(args.get("adjustment_negative"))?.unwrap_or_default();
    let restock: Vec<u64> = args
        .pointer("/extension_attributes/return_to_stock_items")
        .and_then(Json::as_array)
        .map(|a| a.iter().filter_map(Json::as_u64).collect())
        .unwrap_or_default();

    // Can this order be refunded at all?
    let order = &db.orders[oi];
    let cur = order["order_currency_code"].as_str().unwrap_or("USD").to_string();
    let d = |k: &str| amount(order.get(k).unwrap_or(&Json::Null));
    let state = order["state"].as_str().unwrap_or_default();
    let available = d("total_paid") - d("total_refunded");
    if matches!(state, "canceled" | "closed" | "holded" | "payment_review")
        || invoice.is_none()
        || available <= Decimal::ZERO
    {
        return Err(memo_invalid("The order does not allow a creditmemo to be created."));
    }
    if online {
        let method = order.pointer("/payment/method").and_then(Json::as_str).unwrap_or_default();
        let captured = invoice.is_some_and(|i| db.invoices[i].get("transaction_id").is_some());
        if OFFLINE_METHODS.contains(&method) || !captured {
            return Err(error(StatusCode::BAD_REQUEST, "The refund action is not available.", None));
        }
    }

    // Quantities: none given means everything still refundable (Magento's CreditmemoFactory).
    let items = order["items"].as_array().cloned().unwrap_or_default();
    let q = |it: &Json, k: &str| amount(it.get(k).unwrap_or(&Json::Null));
    let left_of = |it: &Json| q(it, "qty_invoiced") - q(it, "qty_refunded");
    let mut take: Vec<(usize, Decimal)> = Vec::new();
    if wanted.is_empty() {
        for (k, it) in items.iter().enumerate() {
            if left_of(it) > Decimal::ZERO {
                take.push((k, left_of(it)));
            }
        }
    } else {
        let mut errors = Vec::new();
        for (oid, qty) in &wanted {
            match items.iter().position(|it| it["item_id"].as_u64() == Some(*oid)) {
                None => errors.push(format!(
                    "The creditmemo contains product item id {oid} that is not part of the original order."
                )),
                Some(k) if *qty < Decimal::ZERO || *qty > left_of(&items[k]) => errors.push(format!(
                    "The quantity to creditmemo must not be greater than the unrefunded quantity for product SKU \"{}\".",
                    items[k]["sku"].as_str().unwrap_or_default()
                )),
                Some(k) => take.push((k, *qty)),
            }
        }
        if !errors.is_empty() {
            return Err(memo_invalid(&errors.join("\n")));
        }
    }
    take.retain(|(_, qty)| *qty > Decimal::ZERO);

    // Totals: a partial quantity takes its share, the last units what is left.
    let mut lines = Vec::new();
    let (mut sub, mut tax, mut disc) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (k, qty) in &take {
        let it = &items[*k];
        let share = |inv: &str, refd: &str| {
            let rest = (q(it, inv) - q(it, refd)).max(Decimal::ZERO);
            if *qty == left_of(it) { rest } else { cents(q(it, inv) * qty / q(it, "qty_invoiced")).min(rest) }
        };
        let row = share("row_invoiced", "amount_refunded");
        let t = share("tax_invoiced", "tax_refunded");
        let dsc = share("discount_invoiced", "discount_refunded");
        sub += row;
        tax += t;
        disc += dsc;
        lines.push((*k, *qty, row, t, dsc));
    }
    let ship_left = (d("shipping_amount") - d("shipping_refunded")).max(Decimal::ZERO);
    let ship = shipping_arg.unwrap_or(ship_left);
    if ship < Decimal::ZERO || ship > ship_left {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "Maximum shipping amount allowed to refund is: %1",
            Some(json!([price(&cur, ship_left)])),
        ));
    }
    let grand = sub - disc + tax + ship + adj_pos - adj_neg;
    if lines.is_empty() && grand <= Decimal::ZERO {
        return Err(memo_invalid("You can't create a creditmemo without products."));
    }
    if grand <= Decimal::ZERO {
        return Err(error(StatusCode::BAD_REQUEST, "The credit memo's total must be positive.", None));
    }
    if grand > available {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "The most money available to refund is %1.",
            Some(json!([price(&cur, available)])),
        ));
    }
    let refunded_ids: Vec<u64> = lines.iter().filter_map(|l| items[l.0]["item_id"].as_u64()).collect();
    if restock.iter().any(|r| !refunded_ids.contains(r)) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "The return to stock argument contains product item that is not part of the original credit memo.",
            None,
        ));
    }

    // Commit.
    db.next_memo += 1;
    let mid = db.next_memo;
    let now = wire_time(Timestamp::now());
    let mut memo_items = Vec::new();
    for (k, qty, row, t, dsc) in &lines {
        db.next_memo_item += 1;
        let it = &items[*k];
        memo_items.push(json!({
            "entity_id": db.next_memo_item, "parent_id": mid, "order_item_id": it["item_id"],
            "sku": it["sku"], "name": it["name"], "qty": num(*qty), "price": it["price"],
            "base_price": it["price"], "base_cost": 0, "row_total": num(*row), "base_row_total": num(*row),
            "tax_amount": num(*t), "discount_amount": num(*dsc), "product_id": it["product_id"],
        }));
    }
    let mut comments = Vec::new();
    if let Some((text, visible)) = comment {
        db.next_memo_comment += 1;
        comments.push(json!({
            "entity_id": db.next_memo_comment, "parent_id": mid, "comment": text,
            "is_customer_notified": (notify && append) as i64, "is_visible_on_front": visible,
            "created_at": now,
        }));
    }
    let order_id = db.orders[oi]["entity_id"].as_u64().unwrap_or_default();
    let invoice_id = invoice.and_then(|i| db.invoices[i]["entity_id"].as_u64());
    let txn = online.then(|| format!("re_{order_id:06x}{mid:06x}"));
    let memo = json!({
        "entity_id": mid, "increment_id": format!("{mid:09}"), "order_id": order_id, "invoice_id": invoice_id,
        "store_id": db.orders[oi]["store_id"], "state": 2, "creditmemo_status": 2, "created_at": now,
        "updated_at": now, "order_currency_code": cur, "base_currency_code": cur, "email_sent": notify as i64,
        "subtotal": num(sub), "base_subtotal": num(sub), "discount_amount": num(-disc), "tax_amount": num(tax),
        "shipping_amount": num(ship), "base_shipping_amount": num(ship), "adjustment": num(adj_pos - adj_neg),
        "adjustment_positive": num(adj_pos), "adjustment_negative": num(adj_neg),
        "grand_total": num(grand), "base_grand_total": num(grand), "transaction_id": txn,
        "items": memo_items, "comments": comments,
    });
    db.creditmemos.push(strip_nulls(memo));
    if let Some(i) = invoice {
        let inv = &mut db.invoices[i];
        inv["base_total_refunded"] = num(amount(&inv["base_total_refunded"]) + grand);
        inv["updated_at"] = json!(now);
    }

    // The order.
    db.next_history += 1;
    let hid = db.next_history;
    let order = &mut db.orders[oi];
    for (k, qty, row, t, dsc) in &lines {
        let it = &mut order["items"][*k];
        for (key, add) in [
            ("qty_refunded", *qty),
            ("amount_refunded", *row),
            ("tax_refunded", *t),
            ("discount_refunded", *dsc),
        ] {
            let v = num(amount(&it[key]) + add);
            if key != "qty_refunded" {
                it[format!("base_{key}")] = v.clone();
            }
            it[key] = v;
        }
    }
    let bump = |order: &mut Json, key: &str, add: Decimal| {
        let v = num(amount(order.get(key).unwrap_or(&Json::Null)) + add);
        order[format!("base_{key}")] = v.clone();
        order[key] = v;
    };
    bump(order, "total_refunded", grand);
    bump(order, if online { "total_online_refunded" } else { "total_offline_refunded" }, grand);
    bump(order, "subtotal_refunded", sub);
    bump(order, "tax_refunded", tax);
    bump(order, "discount_refunded", disc);
    bump(order, "shipping_refunded", ship);
    bump(order, "adjustment_positive", adj_pos);
    bump(order, "adjustment_negative", adj_neg);
    if let Some(p) = order.get_mut("payment") {
        p["amount_refunded"] = num(amount(&p["amount_refunded"]) + grand);
    }
    // Magento's order state handler: nothing left to refund closes the order, nothing left to
    // ship completes it, otherwise it is processing.
    let left = amount(&order["total_paid"]) - amount(&order["total_refunded"]);
    let all_shipped = order["items"].as_array().is_some_and(|v| v.iter().all(|it| remaining(it) == 0.0));
    let state = if left <= Decimal::ZERO {
        "closed"
    } else if all_shipped {
        "complete"
    } else {
        "processing"
    };
    order["state"] = json!(state);
    order["status"] = json!(state);
    order["updated_at"] = json!(now);
    let how = match &txn {
        Some(t) => format!("online. Transaction ID: \"{t}\""),
        None => "offline.".into(),
    };
    let entry = json!({
        "entity_id": hid, "parent_id": order_id, "comment": format!("We refunded {} {how}", price(&cur, grand)),
        "status": state, "is_customer_notified": notify as i64, "is_visible_on_front": 0,
        "created_at": now, "entity_name": "creditmemo",
    });
    match order["status_histories"].as_array_mut() {
        Some(l) => l.insert(0, entry),
        None => order["status_histories"] = json!([entry]),
    }
    Ok(mid)
}

// ---- seed → Magento shapes --------------------------------------------------------------------

/// `YYYY-MM-DD HH:MM:SS` in UTC, Magento's wire format.
pub fn wire_time(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M:%S").to_string()
}

/// A money amount as a JSON number, like Magento's PHP floats (`165`, `22.5`).
fn num(d: Decimal) -> Json {
    let n = d.normalize();
    if n.scale() == 0 {
        json!(n.mantissa() as i64)
    } else {
        json!(n.to_string().parse::<f64>().unwrap_or(0.0))
    }
}

fn num_f(f: f64) -> Json {
    if f.fract() == 0.0 { json!(f as i64) } else { json!(f) }
}

/// Magento's output processor leaves unset (null) fields out.
fn strip_nulls(v: Json) -> Json {
    match v {
        Json::Object(m) => Json::Object(
            m.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, strip_nulls(v))).collect(),
        ),
        Json::Array(a) => Json::Array(a.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

fn carrier_code(c: Carrier) -> (&'static str, &'static str) {
    match c {
        Carrier::Ups => ("ups", "United Parcel Service"),
        Carrier::FedEx => ("fedex", "Federal Express"),
        Carrier::Usps => ("usps", "United States Postal Service"),
        Carrier::DhlExpress => ("dhl", "DHL"),
    }
}

fn symbol(cur: &str) -> &'static str {
    match cur {
        "USD" => "$",
        "CAD" => "CA$",
        "EUR" => "€",
        _ => "",
    }
}

fn region_id(code: &str) -> u64 {
    code.bytes().fold(7u64, |a, b| (a * 31 + b as u64) % 500) + 1
}

fn address(a: &seed::Address, kind: &str, id: u64, parent: u64, email: &str) -> Json {
    let mut street = vec![a.address1.clone()];
    street.extend(a.address2.clone());
    json!({
        "address_type": kind, "entity_id": id, "parent_id": parent,
        "firstname": a.first_name, "lastname": a.last_name, "company": a.company,
        "street": street, "city": a.city, "region": a.province, "region_code": a.province_code,
        "region_id": region_id(&a.province_code), "postcode": a.zip, "country_id": a.country_code,
        "telephone": a.phone.clone().unwrap_or_else(|| "555-0100".into()), "email": email,
    })
}

struct Ids {
    item: u64,
    address: u64,
    history: u64,
    shipment: u64,
    track: u64,
    invoice: u64,
    memo: u64,
    memo_item: u64,
    memo_comment: u64,
}

/// One seed order in Magento's shapes.
struct Rendered {
    order: Json,
    shipments: Vec<Json>,
    invoices: Vec<Json>,
    memos: Vec<Json>,
}

/// Magento's offline payment methods (`Magento_OfflinePayments`): no gateway to refund through.
const OFFLINE_METHODS: &[&str] = &["checkmo", "banktransfer", "cashondelivery", "purchaseorder", "free"];

/// The seed's payment method for order `i`: every thirteenth card order was paid by check.
fn payment_method(i: usize, o: &Order) -> (&'static str, &'static str) {
    match o.gateway {
        "paypal" => ("paypal_express", "PayPal Express Checkout"),
        _ if i % 13 == 4 => ("checkmo", "Check / Money order"),
        _ => ("braintree", "Credit Card (Braintree)"),
    }
}

/// A seed refund that took every unit of every line (the seed then spreads discount and tax
/// over its lines its own way; Magento keeps them per item).
fn full_refund(o: &Order, r: &seed::Refund) -> bool {
    r.lines.len() == o.line_items.len()
        && r.lines.iter().all(|l| l.quantity == o.line_items[l.line_item].quantity)
}

/// Round to cents, half away from zero (Magento's `PriceCurrency::round`).
fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

fn state_of(o: &Order) -> (&'static str, &'static str) {
    if o.financial_status == FinancialStatus::Refunded {
        ("closed", "closed")
    } else if o.cancelled_at.is_some() {
        ("canceled", "canceled")
    } else if o.financial_status == FinancialStatus::Pending {
        ("new", "pending")
    } else if o.fulfillment_status() == "fulfilled" {
        ("complete", "complete")
    } else {
        ("processing", "processing")
    }
}

#[allow(clippy::too_many_arguments)]
fn order_json(
    data: &SeedData,
    index: usize,
    o: &Order,
    entity_id: u64,
    increment_id: &str,
    store_id: u64,
    guest: bool,
    ids: &mut Ids,
) -> Rendered {
    let cur = o.currency;
    let c = &data.customers[o.customer];
    let paid = o.financial_status != FinancialStatus::Pending
        && !(o.cancelled_at.is_some() && o.financial_status == FinancialStatus::Voided);
    let at = wire_time(o.created_at);
    let items_total: Decimal = o.line_items.iter().map(|l| l.total()).sum();
    // Item taxes are after discount and add up to the order's tax (the rounding rest goes on
    // the last item), as Magento's tax collector leaves them.
    let last = o.line_items.len().saturating_sub(1);
    let mut taxes: Vec<Decimal> = o
        .line_items
        .iter()
        .enumerate()
        .map(|(k, li)| {
            let discount = if k == 0 { o.discount } else { Decimal::ZERO };
            cents((li.total() - discount) * o.tax_rate)
        })
        .collect();
    if let Some(t) = taxes.get_mut(last) {
        *t = Decimal::ZERO;
        let rest: Decimal = taxes.iter().sum();
        taxes[last] = o.tax() - rest;
    }
    // What the seed's refunds took from each item: (qty, row, tax, discount).
    let mut took = vec![(0u32, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO); o.line_items.len()];
    for r in &o.refunds {
        let full = full_refund(o, r);
        for l in &r.lines {
            let li = &o.line_items[l.line_item];
            let t = &mut took[l.line_item];
            t.0 += l.quantity;
            if full {
                let discount = if l.line_item == 0 { o.discount } else { Decimal::ZERO };
                t.1 += li.total();
                t.2 += taxes[l.line_item];
                t.3 += discount;
            } else {
                t.1 += li.unit_price * Decimal::from(l.quantity);
                t.2 += l.tax;
            }
        }
    }
    let mut item_ids = Vec::new();
    let items: Vec<Json> = o
        .line_items
        .iter()
        .enumerate()
        .map(|(k, li)| {
            ids.item += 1;
            item_ids.push(ids.item);
            let qty = Decimal::from(li.quantity);
            let row = li.total();
            let tax = taxes[k];
            let discount = if k == 0 { o.discount } else { Decimal::ZERO };
            let (refunded, row_refunded, tax_refunded, discount_refunded) = took[k];
            let inv = |d: Decimal| if paid { num(d) } else { json!(0) };
            let mut item = json!({
                "item_id": ids.item, "order_id": entity_id, "quote_item_id": ids.item + 7,
                "product_id": 1400 + li.sku.bytes().map(u64::from).sum::<u64>() % 600,
                "product_type": "simple", "sku": li.sku, "name": li.name(),
                "qty_ordered": li.quantity, "qty_invoiced": if paid { li.quantity } else { 0 },
                "qty_shipped": o.fulfilled_quantity(k), "qty_refunded": refunded,
                "qty_canceled": if o.cancelled_at.is_some() && !paid { li.quantity } else { 0 },
                "price": num(li.unit_price), "base_price": num(li.unit_price), "original_price": num(li.unit_price),
                "price_incl_tax": num((li.unit_price * (Decimal::ONE + o.tax_rate)).round_dp(2)),
                "row_total": num(row), "base_row_total": num(row), "row_total_incl_tax": num(row + tax),
                "tax_amount": num(tax), "base_tax_amount": num(tax), "tax_percent": num(o.tax_rate * Decimal::from(100)),
                "discount_amount": num(discount), "base_discount_amount": num(discount),
                "created_at": at, "updated_at": at, "store_id": store_id, "is_virtual": 0,
                "weight": 1, "row_weight": num(qty), "no_discount": 0, "free_shipping": 0,
            });
            // Invoiced and refunded amounts (with their base_ twins).
            for (k, v) in [
                ("row_invoiced", inv(row)),
                ("tax_invoiced", inv(tax)),
                ("discount_invoiced", inv(discount)),
                ("amount_refunded", num(row_refunded)),
                ("tax_refunded", num(tax_refunded)),
                ("discount_refunded", num(discount_refunded)),
            ] {
                item[format!("base_{k}")] = v.clone();
                item[k] = v;
            }
            item
        })
        .collect();
    let (pay_method, pay_info) = payment_method(index, o);
    let online = !OFFLINE_METHODS.contains(&pay_method);
    let (state, status) = state_of(o);
    let total = o.total();
    let total_paid = if paid { total } else { Decimal::ZERO };
    let refunded = o.total_refunded();
    let mut histories = Vec::new();
    let mut hist = |ids: &mut Ids, t: Timestamp, comment: String, status: &str, entity: &str| {
        ids.history += 1;
        histories.push((t, json!({
            "entity_id": ids.history, "parent_id": entity_id, "comment": comment, "status": status,
            "is_customer_notified": 0, "is_visible_on_front": 0, "created_at": wire_time(t), "entity_name": entity,
        })));
    };
    if paid && online {
        hist(
            ids,
            o.created_at + jiff::SignedDuration::from_mins(1),
            format!(
                "Captured amount of {}{} online. Transaction ID: \"ch_{:012x}\"",
                symbol(cur),
                total.round_dp(2),
                o.id
            ),
            "processing",
            "invoice",
        );
    }
    for r in &o.refunds {
        hist(
            ids,
            r.created_at,
            if online {
                format!(
                    "We refunded {}{} online. Transaction ID: \"re_{:012x}\"",
                    symbol(cur),
                    r.total().round_dp(2),
                    r.id
                )
            } else {
                format!("We refunded {}{} offline.", symbol(cur), r.total().round_dp(2))
            },
            if o.financial_status == FinancialStatus::Refunded { "closed" } else { status },
            "creditmemo",
        );
    }
    if let Some(t) = o.cancelled_at {
        hist(ids, t, "Order canceled".into(), "canceled", "order");
    }
    histories.sort_by(|a, b| {
        b.0.cmp(&a.0).then_with(|| b.1["entity_id"].as_u64().cmp(&a.1["entity_id"].as_u64()))
    });
    let histories: Vec<Json> = histories.into_iter().map(|(_, h)| h).collect();
    ids.address += 2;
    let billing = address(&o.shipping_address, "billing", ids.address - 1, entity_id, &o.email);
    let shipping = address(&o.shipping_address, "shipping", ids.address, entity_id, &o.email);
    let (method, description) = match o.shipping_line.title.as_str() {
        "Free Shipping" => ("freeshipping_freeshipping", "Free Shipping - Free"),
        "Express" => ("tablerate_bestway", "Best Way - Table Rate"),
        _ => ("flatrate_flatrate", "Flat Rate - Fixed"),
    };
    let ship_amt = o.shipping_line.price;
    let qty: u32 = o.line_items.iter().map(|l| l.quantity).sum();
    let store_name = STORE_VIEWS.iter().find(|v| v.0 == store_id).map_or("", |v| v.2);
    let mut order = json!({
        "entity_id": entity_id, "increment_id": increment_id, "state": state, "status": status,
        "store_id": store_id, "store_name": format!("Main Website\nMain Website Store\n{store_name}"),
        "created_at": at, "updated_at": wire_time(o.updated_at()), "quote_id": entity_id + 300,
        "customer_id": if guest { Json::Null } else { json!(o.customer as u64 + 1) },
        "customer_is_guest": guest as i64, "customer_group_id": if guest { 0 } else { 1 },
        "customer_email": o.email, "customer_firstname": c.first_name, "customer_lastname": c.last_name,
        "customer_note": o.note, "customer_note_notify": 1,
        "order_currency_code": cur, "base_currency_code": cur, "global_currency_code": cur, "store_currency_code": cur,
        "base_to_order_rate": 1, "base_to_global_rate": 1, "store_to_base_rate": 0, "store_to_order_rate": 0,
        "total_qty_ordered": qty, "total_item_count": o.line_items.len(), "weight": qty, "is_virtual": 0,
        "shipping_description": description, "email_sent": 1, "protect_code": format!("{:06x}", o.id % 0xFF_FFFF),
        "remote_ip": "203.0.113.7",
    });
    let totals = json!({
        "subtotal": num(items_total), "base_subtotal": num(items_total),
        "subtotal_incl_tax": num(items_total + o.tax()),
        "shipping_amount": num(ship_amt), "base_shipping_amount": num(ship_amt), "shipping_incl_tax": num(ship_amt),
        "tax_amount": num(o.tax()), "base_tax_amount": num(o.tax()),
        "discount_amount": num(-o.discount), "base_discount_amount": num(-o.discount),
        "grand_total": num(total), "base_grand_total": num(total),
        "total_paid": num(total_paid), "base_total_paid": num(total_paid),
        "total_invoiced": num(total_paid), "base_total_invoiced": num(total_paid),
        "total_refunded": num(refunded), "base_total_refunded": num(refunded),
        "total_online_refunded": num(if online { refunded } else { Decimal::ZERO }),
        "total_offline_refunded": num(if online { Decimal::ZERO } else { refunded }),
        "subtotal_refunded": num(took.iter().map(|t| t.1).sum()),
        "tax_refunded": num(took.iter().map(|t| t.2).sum()),
        "discount_refunded": num(took.iter().map(|t| t.3).sum()),
        "shipping_refunded": num(o.refunds.iter().map(|r| r.shipping).sum()),
        "shipping_tax_amount": 0, "shipping_tax_refunded": 0,
        "total_canceled": if o.cancelled_at.is_some() && !paid { num(total) } else { json!(0) },
        "total_due": num(total - total_paid), "base_total_due": num(total - total_paid),
    });
    let payment = json!({
        "entity_id": entity_id, "parent_id": entity_id, "method": pay_method,
        "amount_ordered": num(total), "base_amount_ordered": num(total),
        "amount_paid": num(total_paid), "base_amount_paid": num(total_paid),
        "amount_refunded": num(refunded), "shipping_amount": num(ship_amt),
        "account_status": "", "cc_last4": if pay_method == "braintree" { "4242" } else { "" },
        "additional_information": [pay_info],
        "last_trans_id": if paid && online { json!(format!("ch_{:012x}", o.id)) } else { Json::Null },
    });
    let shipping_total = json!({"shipping_amount": num(ship_amt), "base_shipping_amount": num(ship_amt),
        "shipping_incl_tax": num(ship_amt), "base_shipping_incl_tax": num(ship_amt)});
    let ext = json!({
        "shipping_assignments": [{
            "shipping": { "address": shipping, "method": method, "total": shipping_total },
            "items": items,
        }],
    });
    if let (Some(m), Json::Object(t)) = (order.as_object_mut(), totals) {
        m.extend(t);
        m.insert("items".into(), json!(items));
        m.insert("billing_address".into(), billing);
        m.insert("payment".into(), payment);
        m.insert("status_histories".into(), json!(histories));
        m.insert("extension_attributes".into(), ext);
    }
    // Shipments.
    let mut shipments = Vec::new();
    for f in &o.fulfillments {
        ids.shipment += 1;
        ids.track += 1;
        let sid = ids.shipment;
        let (code, title) = carrier_code(f.carrier);
        let ts = wire_time(f.created_at);
        let total_qty: u32 = f.lines.iter().map(|l| l.quantity).sum();
        let lines: Vec<Json> = f
            .lines
            .iter()
            .map(|l| {
                let li = &o.line_items[l.line_item];
                json!({"entity_id": sid * 100 + l.line_item as u64, "parent_id": sid, "order_item_id": item_ids[l.line_item],
                       "sku": li.sku, "name": li.name(), "price": num(li.unit_price), "qty": l.quantity, "weight": 1})
            })
            .collect();
        shipments.push(strip_nulls(json!({
            "entity_id": sid, "increment_id": format!("{sid:09}"), "order_id": entity_id, "store_id": store_id,
            "customer_id": if guest { Json::Null } else { json!(o.customer as u64 + 1) },
            "created_at": ts, "updated_at": wire_time(f.updated_at()), "email_sent": 1,
            "total_qty": total_qty, "items": lines, "comments": [], "packages": [],
            "tracks": [{"entity_id": ids.track, "parent_id": sid, "order_id": entity_id, "track_number": f.tracking_number,
                        "title": title, "carrier_code": code, "weight": 0, "qty": total_qty, "description": "",
                        "created_at": ts, "updated_at": ts}],
        })));
    }
    let mut invoices = Vec::new();
    let mut memos = Vec::new();
    if paid {
        ids.invoice += 1;
        let iid = ids.invoice;
        let inv_at = wire_time(o.created_at + jiff::SignedDuration::from_mins(1));
        let lines: Vec<Json> = o
            .line_items
            .iter()
            .enumerate()
            .map(|(k, li)| {
                let discount = if k == 0 { o.discount } else { Decimal::ZERO };
                json!({"entity_id": iid * 100 + k as u64, "parent_id": iid, "order_item_id": item_ids[k],
                       "sku": li.sku, "name": li.name(), "qty": li.quantity, "price": num(li.unit_price),
                       "base_price": num(li.unit_price), "base_cost": 0, "row_total": num(li.total()),
                       "tax_amount": num(taxes[k]), "discount_amount": num(discount)})
            })
            .collect();
        invoices.push(strip_nulls(json!({
            "entity_id": iid, "increment_id": format!("{iid:09}"), "order_id": entity_id, "store_id": store_id,
            "state": 2, "created_at": inv_at, "updated_at": inv_at, "order_currency_code": cur,
            "base_currency_code": cur, "subtotal": num(items_total), "discount_amount": num(-o.discount),
            "tax_amount": num(o.tax()), "shipping_amount": num(ship_amt), "grand_total": num(total),
            "base_grand_total": num(total), "base_total_refunded": num(refunded),
            "total_qty": qty, "items": lines, "comments": [],
            "transaction_id": if online { json!(format!("ch_{:012x}", o.id)) } else { Json::Null },
        })));
        for r in &o.refunds {
            ids.memo += 1;
            let mid = ids.memo;
            let full = full_refund(o, r);
            let ts = wire_time(r.created_at);
            let (mut sub, mut tax_sum, mut disc_sum) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
            let lines: Vec<Json> = r
                .lines
                .iter()
                .map(|l| {
                    ids.memo_item += 1;
                    let li = &o.line_items[l.line_item];
                    let (row, tax, disc) = if full {
                        let d = if l.line_item == 0 { o.discount } else { Decimal::ZERO };
                        (li.total(), taxes[l.line_item], d)
                    } else {
                        (li.unit_price * Decimal::from(l.quantity), l.tax, Decimal::ZERO)
                    };
                    sub += row;
                    tax_sum += tax;
                    disc_sum += disc;
                    json!({"entity_id": ids.memo_item, "parent_id": mid, "order_item_id": item_ids[l.line_item],
                           "sku": li.sku, "name": li.name(), "qty": l.quantity, "price": num(li.unit_price),
                           "base_price": num(li.unit_price), "base_cost": 0, "row_total": num(row),
                           "base_row_total": num(row), "tax_amount": num(tax), "discount_amount": num(disc)})
                })
                .collect();
            let comments: Vec<Json> = r
                .note
                .iter()
                .map(|n| {
                    ids.memo_comment += 1;
                    json!({"entity_id": ids.memo_comment, "parent_id": mid, "comment": n,
                           "is_customer_notified": 0, "is_visible_on_front": 0, "created_at": ts})
                })
                .collect();
            memos.push(strip_nulls(json!({
                "entity_id": mid, "increment_id": format!("{mid:09}"), "order_id": entity_id, "invoice_id": iid,
                "store_id": store_id, "state": 2, "creditmemo_status": 2, "created_at": ts, "updated_at": ts,
                "order_currency_code": cur, "base_currency_code": cur,
                "subtotal": num(sub), "base_subtotal": num(sub), "discount_amount": num(-disc_sum),
                "tax_amount": num(tax_sum), "shipping_amount": num(r.shipping), "base_shipping_amount": num(r.shipping),
                "adjustment": 0, "adjustment_positive": 0, "adjustment_negative": 0,
                "grand_total": num(r.total()), "base_grand_total": num(r.total()),
                "transaction_id": if online { json!(format!("re_{:012x}", r.id)) } else { Json::Null },
                "items": lines, "comments": comments,
            })));
        }
    }
    Rendered { order: strip_nulls(order), shipments, invoices, memos }
}

fn customer_json(data: &SeedData, i: usize) -> Json {
    let c = &data.customers[i];
    let id = i as u64 + 1;
    let a = &c.address;
    let mut street = vec![a.address1.clone()];
    street.extend(a.address2.clone());
    strip_nulls(json!({
        "id": id, "group_id": 1, "default_billing": id.to_string(), "default_shipping": id.to_string(),
        "created_at": wire_time(c.created_at), "updated_at": wire_time(c.created_at), "created_in": "Default Store View",
        "email": c.email, "firstname": c.first_name, "lastname": c.last_name,
        "store_id": 1, "website_id": 1, "disable_auto_group_change": 0,
        "addresses": [{
            "id": id, "customer_id": id,
            "region": {"region_code": a.province_code, "region": a.province, "region_id": region_id(&a.province_code)},
            "region_id": region_id(&a.province_code), "country_id": a.country_code, "street": street,
            "company": a.company, "telephone": a.phone.clone().unwrap_or_else(|| "555-0100".into()),
            "postcode": a.zip, "city": a.city, "firstname": a.first_name, "lastname": a.last_name,
            "default_shipping": true, "default_billing": true,
        }],
    }))
}

fn build(data: &SeedData) -> Db {
    let mut ids = Ids {
        item: 0,
        address: 0,
        history: 0,
        shipment: 0,
        track: 0,
        invoice: 0,
        memo: 0,
        memo_item: 0,
        memo_comment: 0,
    };
    let (mut orders, mut shipments, mut invoices, mut creditmemos) = (vec![], vec![], vec![], vec![]);
    let mut keep = |r: Rendered| {
        orders.push(r.order);
        shipments.extend(r.shipments);
        invoices.extend(r.invoices);
        creditmemos.extend(r.memos);
    };
    for (i, o) in data.orders.iter().enumerate() {
        let store = if i % 10 == 7 { 2 } else { 1 };
        let guest = i % 11 == 5 && o.customer != 0;
        keep(order_json(data, i, o, i as u64 + 1, &format!("{:09}", o.number), store, guest, &mut ids));
    }
    // The deliberate duplicate: another store view's order carrying a `default` order's number.
    let half = data.orders.len() / 2;
    let twin = &data.orders[half];
    keep(order_json(
        data,
        half,
        twin,
        data.orders.len() as u64 + 1,
        DUPLICATE_INCREMENT_ID,
        2,
        false,
        &mut ids,
    ));
    let customers = (0..data.customers.len()).map(|i| customer_json(data, i)).collect();
    Db {
        orders,
        next_history: ids.history,
        next_shipment: ids.shipment,
        next_track: ids.track,
        next_memo: ids.memo,
        next_memo_item: ids.memo_item,
        next_memo_comment: ids.memo_comment,
        invoices,
        creditmemos,
        shipments,
        customers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_1001_is_janes_and_shaped_like_magento() {
        let db = build(&seed::Store::Magento.data(0, seed::DEFAULT_ORDERS));
        let o = db.orders[0].as_object().unwrap();
        assert_eq!(o["increment_id"], "000001001");
        assert_eq!(o["customer_email"], "jane@example.com");
        assert_eq!(o["entity_id"], 1);
        assert!(o["grand_total"].is_number());
        assert!(o["created_at"].as_str().unwrap().len() == 19);
        assert!(
            o["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]["city"].is_string()
        );
        assert!(!o.values().any(Json::is_null));
    }

    #[test]
    fn numbers_and_like() {
        assert_eq!(num(Decimal::new(16500, 2)), json!(165));
        assert_eq!(num(Decimal::new(2250, 2)), json!(22.5));
        assert!(like("Jane@Example.com", "%@example.com"));
        assert!(like("000001001", "0000010_1"));
        assert!(!like("abc", "b%"));
    }

    #[test]
    fn item_taxes_and_credit_memos_add_up() {
        let db = build(&seed::Store::Magento.data(0, seed::DEFAULT_ORDERS));
        let d = |v: &Json| amount(v);
        for o in &db.orders {
            let items = o["items"].as_array().unwrap();
            let tax: Decimal = items.iter().map(|i| d(&i["tax_amount"])).sum();
            assert_eq!(tax, d(&o["tax_amount"]), "order {}", o["increment_id"]);
            let id = o["entity_id"].as_u64();
            let memos: Decimal = db
                .creditmemos
                .iter()
                .filter(|m| m["order_id"].as_u64() == id)
                .map(|m| d(&m["grand_total"]))
                .sum();
            assert_eq!(memos, d(&o["total_refunded"]), "order {}", o["increment_id"]);
            let paid = d(&o["total_paid"]) > Decimal::ZERO;
            assert_eq!(db.invoices.iter().any(|i| i["order_id"].as_u64() == id), paid);
        }
        assert!(db.orders.iter().any(|o| o["payment"]["method"] == "checkmo"));
    }

    #[test]
    fn duplicate_number_exists_in_two_store_views() {
        let db = build(&seed::Store::Magento.data(0, seed::DEFAULT_ORDERS));
        let dups: Vec<_> = db.orders.iter().filter(|o| o["increment_id"] == DUPLICATE_INCREMENT_ID).collect();
        assert_eq!(dups.len(), 2);
        assert_ne!(dups[0]["store_id"], dups[1]["store_id"]);
    }
}
