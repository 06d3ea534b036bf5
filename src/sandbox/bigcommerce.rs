//! The BigCommerce REST emulator, mounted at `/bigcommerce/stores/{store_hash}/…` in place of
//! `https://api.bigcommerce.com/stores/{store_hash}/…`.
//!
//! Written from the official OpenAPI files (`bc-orders.v2.oas2.yml`, `bc-orders.v3.yml`,
//! `bc-customers.v3.yml`) and `platforms.md` §4; its answers are checked against those files through Stoplight Prism in
//! `tests/contract_bigcommerce.rs`.
//!
//! - **Orders live on v2** (there is no v3 orders read API): `GET /v2/orders` (filters `email`,
//!   `status_id`, `customer_id`, `min_id`/`max_id`, `min/max_date_created`,
//!   `min/max_date_modified` in RFC 2822 or ISO 8601; `sort=id|date_created|date_modified`
//!   `[:asc|:desc]`, default `id:asc`; `page` from 1, `limit` default 50, above 250 → 413),
//!   `GET /v2/orders/count`, `GET|PUT /v2/orders/{id}` (PUT writes `staff_notes`,
//!   `customer_message`, `status_id`; read-only fields → 400), `/products`,
//!   `/shipping_addresses`, `GET|POST /shipments` (+ `/count`, `/{id}`), `/messages`. Also
//!   `GET /v2/store` and `GET /v2/time`. `GET /v3/customers` (`email:in`, `id:in`, `name:like`,
//!   `include=addresses`, `page`, `limit`). Anything else under `/v3/` (e.g. `/v3/orders/1001`)
//!   is a 404, as on BigCommerce, except the refund paths below.
//! - **Refunds (v3 payment actions)**, from `bc-orders.v3.yml`: `POST
//!   /v3/orders/{id}/payment_actions/refund_quotes` (201 `{"data":{…},"meta":{}}`),
//!   `POST …/refunds` (201) and `GET …/refunds` (`{"data":[…],"meta":{}}`, by id). Items:
//!   `PRODUCT` (order product id + quantity, at most the units not yet refunded; priced at the
//!   unit price plus its tax), `SHIPPING` (the order address id + amount, at most the shipping
//!   not yet refunded), `ORDER` (the order id + amount); the sandbox's orders have no handling,
//!   wrapping or fees. The total is capped at the order's refundable balance, the excess shown
//!   as a negative `adjustment`. Refund methods: the provider that took the payment
//!   (`braintree`, or `checkout_paypalexpress` for PayPal orders), `storecredit` for registered
//!   customers, and the offline `custom`. A refund's `payments` must be options of those and
//!   add up to the quoted total. Money are JSON numbers with at most 2 decimals. A refund
//!   updates the v2 order: `refunded_amount`, the products' `quantity_refunded`, `status_id` 14
//!   Partially Refunded or 4 Refunded (a cancelled order stays 5) and `payment_status`
//!   `partially refunded` / `refunded`. Invalid input, over-refunds and "nothing left" are
//!   `422`: a bare v3 error object on the quote, wrapped in `{"data":[…]}` on the refund, as
//!   the spec has them. Seeded refunds appear in the list (lines as `PRODUCT` items, shipping
//!   as a `SHIPPING` item, paid through the order's provider). No payment provider is called:
//!   the Stripe and PayPal emulators are left alone. There is no idempotency key (BigCommerce
//!   has none).
//! - **Order ids start at 1001**: on BigCommerce the id *is* the number the shopper sees.
//! - Money: strings with 4 decimals (`"69.8400"`); dates RFC 2822 (`Tue, 05 Mar 2019 21:40:11
//!   +0000`) on v2, ISO 8601 on v3.
//! - **An empty page of `/v2/orders` or `/shipments` is `204 No Content` with an empty body**
//!   (documented for shipments; observed for orders, platforms.md §6 — the v2 spec does not
//!   declare it for `/orders`, so the contract test lists it as a known deviation). Products,
//!   shipping addresses and messages, whose spec declares only 200, answer `[]`.
//! - Errors: v2 answers a JSON array `[{"status":404,"message":"…"}]`, v3 an object
//!   `{"status","title","type","errors"}`. An unknown store hash is a 404 on every path.
//! - Auth: `X-Auth-Token` must equal [`demo::BIGCOMMERCE_ACCESS_TOKEN`] (401 otherwise);
//!   `X-Auth-Client` is ignored (no longer required). `POST /_sandbox/faults
//!   {"deny_scope":"store_v2_customers_read_only"}` (or `store_v2_orders_read_only`,
//!   `store_v2_orders`) makes the matching calls 403.
//! - Rate limit: a fixed window per store ([`QuotaSpec`], default 150 requests / 30 s like the
//!   Standard plan). Every response carries `X-Rate-Limit-Requests-Quota`,
//!   `X-Rate-Limit-Requests-Left`, `X-Rate-Limit-Time-Window-Ms` and
//!   `X-Rate-Limit-Time-Reset-Ms`; past the quota the answer is 429 until the window resets.
//!   Injected 429 faults carry the same headers (reset = the fault's retry-after), not
//!   `Retry-After`.
//!
//! Unverified wording, chosen here and flagged in the report: the exact 401/403/429/413 message
//! texts on v2, the 400 texts for shipment validation, and the refund 422 titles and `errors`
//! texts; also the provider ids of the refund methods and `tax_inclusive: true` (the total
//! includes tax). Injected 5xx faults answer the v2 error array even on v3 paths.

// Handlers return `Result<_, Response>` so an error answer can leave early; a response is built
// once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value as Json, json};

use super::quota::FixedWindow;
use super::seed::{self, FinancialStatus, SeedData};
use super::tracking::Carrier;
use super::webhooks::{Registry, Subscription};
use super::{Options, Shared, demo};

/// The `type` link of v3 error objects.
pub const STATUS_CODES_URL: &str =
    "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

/// Largest `limit` on v2 collections.
pub const MAX_LIMIT: u64 = 250;

pub use super::quota::QuotaSpec;

/// The per-store request quota of the Standard plan: 150 requests per 30 s.
pub const DEFAULT_QUOTA: QuotaSpec = QuotaSpec { quota: 150, window: Duration::from_secs(30) };

/// `status_id` → (name, description), from the v2 spec's order-status table.
pub const STATUSES: [(&str, &str); 15] = [
    (
        "Incomplete",
        "An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.",
    ),
    ("Pending", "Customer started the checkout process, but did not complete it."),
    (
        "Shipped",
        "Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.",
    ),
    (
        "Partially Shipped",
        "Only some items in the order have been shipped, due to some products being pre-order only or other reasons.",
    ),
    ("Refunded", "Seller has used the Refund action."),
    ("Cancelled", "Seller has cancelled an order, due to a stock inconsistency or other reasons."),
    ("Declined", "Seller has marked the order as declined for lack of manual payment, or other reasons."),
    ("Awaiting Payment", "Customer has completed checkout process, but payment has yet to be confirmed."),
    (
        "Awaiting Pickup",
        "Order has been pulled, and is awaiting customer pickup from a seller-specified location.",
    ),
    (
        "Awaiting Shipment",
        "Order has been pulled and packaged, and is awaiting collection from a shipping provider.",
    ),
    ("Completed", "Client has paid for their digital product and their file(s) are available for download."),
    ("Awaiting Fulfillment", "Customer has completed the checkout process and payment has been confirmed."),
    ("Manual Verification Required", "Order is on hold while some aspect needs to be manually confirmed."),
    (
        "Disputed",
        "Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.",
    ),
    ("Partially Refunded", "Seller has partially refunded the order."),
];

const STORE_NAME: &str = "Sandbox Goods";
const TOO_MANY: &str = "Too many requests";
const NOT_FOUND: &str = "The requested resource was not found.";

struct Product {
    id: u64,
    /// Index into the seed order's line items.
    line: usize,
    product_id: u64,
    variant_id: u64,
    shipped: u32,
    refunded: u32,
}

struct Shipment {
    id: u64,
    created: Timestamp,
    tracking_number: String,
    shipping_provider: String,
    tracking_carrier: String,
    shipping_method: String,
    tracking_link: String,
    generated_tracking_link: String,
    comments: String,
    address_id: u64,
    /// (order product id, quantity)
    items: Vec<(u64, u32)>,
}

struct Message {
    id: u64,
    from_customer: bool,
    subject: String,
    text: String,
    created: Timestamp,
}

struct BcOrder {
    id: u64,
    /// Index into [`SeedData::orders`].
    seed: usize,
    customer_id: u64,
    status_id: u8,
    payment_status: &'static str,
    staff_notes: String,
    customer_message: String,
    date_modified: Timestamp,
    date_shipped: Option<Timestamp>,
    address_id: u64,
    products: Vec<Product>,
    shipments: Vec<Shipment>,
    messages: Vec<Message>,
    /// v3 refunds, oldest first.
    refunds: Vec<BcRefund>,
}

impl BcOrder {
    fn items_total(&self, data: &SeedData) -> u32 {
        data.orders[self.seed].line_items.iter().map(|l| l.quantity).sum()
    }
    fn items_shipped(&self) -> u32 {
        self.products.iter().map(|p| p.shipped).sum()
    }
    /// `refunded_amount`: what every refund so far paid back.
    fn refunded(&self) -> Decimal {
        self.refunds.iter().map(|r| r.total).sum()
    }
    /// Shipping refunded so far (the `SHIPPING` items of earlier refunds).
    fn shipping_refunded(&self) -> Decimal {
        self.refunds
            .iter()
            .flat_map(|r| &r.items)
            .filter(|i| i.kind == ItemKind::Shipping)
            .map(|i| i.amount)
            .sum()
    }
}

struct Db {
    orders: Vec<BcOrder>,
    next_shipment_id: u64,
    next_refund_id: u64,
    next_refund_payment_id: u64,
}

pub(crate) struct State {
    data: SeedData,
    db: Mutex<Db>,
    window: FixedWindow,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn status_for(o: &seed::Order, shipped: u32, total: u32) -> (u8, &'static str) {
    if o.cancelled_at.is_some() {
        return (5, if o.financial_status == FinancialStatus::Refunded { "refunded" } else { "void" });
    }
    match o.financial_status {
        FinancialStatus::Refunded => (4, "refunded"),
        FinancialStatus::PartiallyRefunded => (14, "partially refunded"),
        FinancialStatus::Pending => (7, "pending"),
        FinancialStatus::Voided => (5, "void"),
        FinancialStatus::Paid if shipped == 0 => (11, "captured"),
        FinancialStatus::Paid if shipped < total => (3, "captured"),
        FinancialStatus::Paid if o.closed_at.is_some() => (10, "captured"),
        FinancialStatus::Paid => (2, "captured"),
    }
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        // A vendor-specific offset: the same seed gives a different (but fixed) store than Shopify's.
        let data = seed::Store::BigCommerce.data(opts.seed, opts.orders);
        let mut product_id = 0u64;
        let mut shipment_id = 0u64;
        let mut message_id = 0u64;
        let (mut refund_id, mut refund_payment_id) = (0u64, 0u64);
        let mut orders = Vec::with_capacity(data.orders.len());
        for (i, o) in data.orders.iter().enumerate() {
            let id = u64::from(o.number);
            let products: Vec<Product> = o
                .line_items
                .iter()
                .enumerate()
                .map(|(li, l)| {
                    product_id += 1;
                    let catalog = 100 + l.sku.bytes().fold(0u64, |a, b| (a * 31 + u64::from(b)) % 900);
                    Product {
                        id: product_id,
                        line: li,
                        product_id: catalog,
                        variant_id: catalog * 10
                            + l.variant_title.as_ref().map_or(0, |v| v.len() as u64 % 10),
                        shipped: o.fulfilled_quantity(li),
                        refunded: o.refunded_quantity(li),
                    }
                })
                .collect();
            let address_id = 100 + i as u64;
            let shipments = o
                .fulfillments
                .iter()
                .map(|f| {
                    shipment_id += 1;
                    let (provider, carrier) = carrier_codes(f.carrier);
                    Shipment {
                        id: shipment_id,
                        created: f.created_at,
                        tracking_number: f.tracking_number.clone(),
                        shipping_provider: provider.into(),
                        tracking_carrier: carrier.into(),
                        shipping_method: o.shipping_line.title.clone(),
                        tracking_link: String::new(),
                        generated_tracking_link: f.tracking_url.clone(),
                        comments: String::new(),
                        address_id,
                        items: f.lines.iter().map(|l| (products[l.line_item].id, l.quantity)).collect(),
                    }
                })
                .collect();
            let mut messages = Vec::new();
            if i == 0 || i % 9 == 4 {
                let at = o.created_at + jiff::SignedDuration::from_hours(20);
                message_id += 1;
                messages.push(Message {
                    id: message_id,
                    from_customer: true,
                    subject: format!("Order #{id}"),
                    text: "Hi, when will my order ship?".into(),
                    created: at.min(seed::epoch()),
                });
                message_id += 1;
                messages.push(Message {
                    id: message_id,
                    from_customer: false,
                    subject: format!("Re: Order #{id}"),
                    text: "Thanks for your patience: it ships within two business days.".into(),
                    created: (at + jiff::SignedDuration::from_hours(3)).min(seed::epoch()),
                });
            }
            let total: u32 = o.line_items.iter().map(|l| l.quantity).sum();
            let shipped: u32 = products.iter().map(|p| p.shipped).sum();
            let (status_id, payment_status) = status_for(o, shipped, total);
            let date_shipped = if shipped >= total && shipped > 0 {
                o.fulfillments.last().map(|f| f.created_at)
            } else {
                None
            };
            let (provider, _) = provider_of(o);
            let refunds = o
                .refunds
                .iter()
                .map(|r| {
                    refund_id += 1;
                    refund_payment_id += 1;
                    seeded_refund(refund_id, refund_payment_id, r, &products, address_id, provider)
                })
                .collect();
            orders.push(BcOrder {
                id,
                seed: i,
                customer_id: o.customer as u64 + 1,
                status_id,
                payment_status,
                staff_notes: if o.tags.iter().any(|t| t == "vip") {
                    "VIP customer".into()
                } else {
                    String::new()
                },
                customer_message: o.note.clone().unwrap_or_default(),
                date_modified: o.updated_at(),
                date_shipped,
                address_id,
                products,
                shipments,
                messages,
                refunds,
            });
        }
        State {
            data,
            db: Mutex::new(Db {
                orders,
                next_shipment_id: shipment_id + 1,
                next_refund_id: refund_id + 1,
                next_refund_payment_id: refund_payment_id + 1,
            }),
            window: FixedWindow::new(opts.bigcommerce_quota),
        }
    }
}

/// (`shipping_provider`, `tracking_carrier`) for a seeded carrier.
fn carrier_codes(c: Carrier) -> (&'static str, &'static str) {
    match c {
        Carrier::Ups => ("ups", "ups"),
        Carrier::FedEx => ("fedex", "fedex"),
        Carrier::Usps => ("usps", "usps"),
        Carrier::DhlExpress => ("", "dhl"),
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/bigcommerce/stores/{hash}/{*rest}", any(handle))
}

// ---- wire formats ---------------------------------------------------------------------------

/// A 4-decimal money string, as v2 sends it.
fn m4(d: Decimal) -> String {
    let mut x = d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    x.rescale(4);
    x.to_string()
}

fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `Tue, 05 Mar 2019 21:40:11 +0000`
pub fn rfc2822(t: Timestamp) -> String {
    t.to_zoned_datetime(TimeZone::UTC).strftime("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

/// ISO 8601 as v3 sends it: `2019-03-05T21:40:11Z`.
fn iso(t: Timestamp) -> String {
    t.to_zoned_datetime(TimeZone::UTC).strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn v2_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!([{"status": status.as_u16(), "message": message}]))).into_response()
}

fn v3_error(status: StatusCode, title: &str) -> Response {
    (
        status,
        axum::Json(
            json!({"status": status.as_u16(), "title": title, "type": STATUS_CODES_URL, "errors": {}}),
        ),
    )
        .into_response()
}

fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

fn ok(v: Json) -> Response {
    axum::Json(v).into_response()
}

/// A v2 collection: 204 with no body when empty.
fn collection(items: Vec<Json>) -> Response {
    if items.is_empty() { no_content() } else { ok(Json::Array(items)) }
}

fn rate_headers(r: &mut Response, q: QuotaSpec, left: u32, reset: Duration) {
    let h = r.headers_mut();
    let mut put = |k: &'static str, v: String| {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    };
    put("x-rate-limit-requests-quota", q.quota.to_string());
    put("x-rate-limit-requests-left", left.to_string());
    put("x-rate-limit-time-window-ms", q.window.as_millis().to_string());
    put("x-rate-limit-time-reset-ms", reset.as_millis().to_string());
}

/// The answer for a fault injected by the shared fault middleware (429 and 5xx), BigCommerce
/// shaped: the v2 error array, and on a 429 the `X-Rate-Limit-*` headers with the reset time
/// set to `retry_after` seconds (BigCommerce sends no `Retry-After`).
pub(crate) fn fault_response(status: u16, retry_after: f64) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let message = if status == 429 { TOO_MANY } else { code.canonical_reason().unwrap_or("Error") };
    let mut r = v2_error(code, message);
    if status == 429 {
        let reset = Duration::from_secs_f64(retry_after.max(0.0));
        rate_headers(&mut r, DEFAULT_QUOTA, 0, reset);
        if let Ok(v) = HeaderValue::from_str(&format!("{}", retry_after.ceil() as u64)) {
            r.headers_mut().insert("x-retry-after", v);
        }
    }
    r
}

// ---- the handler ----------------------------------------------------------------------------

struct Req<'a> {
    method: &'a Method,
    query: Vec<(String, String)>,
    body: &'a Bytes,
    headers: &'a HeaderMap,
    /// `http://host/bigcommerce/stores/{hash}` for the resource links.
    base: String,
}

impl Req<'_> {
    fn param(&self, k: &str) -> Option<&str> {
        self.query.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }
}

async fn handle(
    AxState(s): AxState<Arc<Shared>>,
    Path((hash, rest)): Path<(String, String)>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let rest = rest.trim_end_matches('/');
    let v3 = rest == "v3" || rest.starts_with("v3/");
    let error =
        |status: StatusCode, text: &str| if v3 { v3_error(status, text) } else { v2_error(status, text) };
    if hash != demo::BIGCOMMERCE_STORE_HASH {
        return error(StatusCode::NOT_FOUND, NOT_FOUND);
    }
    let st = &s.bigcommerce;
    let token = headers.get("x-auth-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    if token != demo::BIGCOMMERCE_ACCESS_TOKEN {
        let mut r = if v3 {
            v3_error(
                StatusCode::UNAUTHORIZED,
                "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.",
            )
        } else {
            v2_error(
                StatusCode::UNAUTHORIZED,
                "You are not authorized to access this resource. Check the X-Auth-Token header.",
            )
        };
        let slot = st.window.peek();
        rate_headers(&mut r, st.window.spec, slot.left, slot.reset);
        return r;
    }
    let slot = st.window.take();
    let (left, reset) = (slot.left, slot.reset);
    if !slot.allowed {
        let mut r = error(StatusCode::TOO_MANY_REQUESTS, TOO_MANY);
        rate_headers(&mut r, st.window.spec, 0, reset);
        return r;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("api.bigcommerce.com");
    let req = Req {
        method: &method,
        query: query
            .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default(),
        body: &body,
        headers: &headers,
        base: format!("http://{host}/bigcommerce/stores/{hash}"),
    };
    let denied = s.control().denied_scopes.clone();
    let mut r = route(st, &s.webhooks, &req, rest, &denied, error);
    rate_headers(&mut r, st.window.spec, left, reset);
    r
}

fn route(
    st: &State,
    hooks: &Registry,
    req: &Req<'_>,
    rest: &str,
    denied: &[String],
    error: impl Fn(StatusCode, &str) -> Response,
) -> Response {
    let segs: Vec<&str> = rest.split('/').collect();
    let get = req.method == Method::GET;
    let scope_denied = |scope: &str| denied.iter().any(|d| d == scope);
    let forbidden = || error(StatusCode::FORBIDDEN, "You don't have a required scope to access the endpoint");
    let bad_method =
        || error(StatusCode::METHOD_NOT_ALLOWED, "The requested method is not supported by this resource.");
    let is_orders = segs.len() >= 2 && segs[0] == "v2" && segs[1] == "orders";
    if is_orders && (scope_denied("store_v2_orders_read_only") || (!get && scope_denied("store_v2_orders"))) {
        return forbidden();
    }
    match segs.as_slice() {
        ["v2", "orders"] if get => list_orders(st, req),
        ["v2", "orders", "count"] if get => count_orders(st, req),
        ["v2", "orders", id, tail @ ..] => {
            let Some(id) = id.parse::<u64>().ok() else { return error(StatusCode::NOT_FOUND, NOT_FOUND) };
            let mut db = lock(&st.db);
            let Some(idx) = db.orders.iter().position(|o| o.id == id) else {
                return error(StatusCode::NOT_FOUND, NOT_FOUND);
            };
            match tail {
                [] if get => ok(order_json(st, &db.orders[idx], &req.base)),
                [] if req.method == Method::PUT => {
                    emitted(hooks, put_order(st, &mut db.orders[idx], req), || vec![order_updated(id)])
                }
                ["products"] if get => {
                    let o = &db.orders[idx];
                    let items = o.products.iter().map(|p| product_json(st, o, p)).collect();
                    paged_array(items, req)
                }
                ["shipping_addresses"] if get => {
                    paged_array(vec![shipping_address_json(st, &db.orders[idx], &req.base)], req)
                }
                ["shipments"] if get => {
                    let o = &db.orders[idx];
                    paged(o.shipments.iter().map(|s| shipment_json(st, o, s)).collect(), req)
                }
                ["shipments"] if req.method == Method::POST => {
                    let r = post_shipment(st, &mut db, idx, req);
                    let sid = db.orders[idx].shipments.last().map(|s| s.id);
                    let created = json!({"type": "shipment", "id": sid, "orderId": id});
                    emitted(hooks, r, || vec![("store/shipment/created", created), order_updated(id)])
                }
                ["shipments", "count"] if get => ok(json!({"count": db.orders[idx].shipments.len()})),
                ["shipments", sid] if get => {
                    let o = &db.orders[idx];
                    match o.shipments.iter().find(|s| s.id.to_string() == *sid) {
                        Some(s) => ok(shipment_json(st, o, s)),
                        None => error(StatusCode::NOT_FOUND, NOT_FOUND),
                    }
                }
                ["messages"] if get => {
                    let o = &db.orders[idx];
                    // The spec declares only 200 here: an empty list is `[]`, not 204.
                    paged_array(o.messages.iter().map(|m| message_json(o, m)).collect(), req)
                }
                []
                | ["products"]
                | ["shipping_addresses"]
                | ["shipments"]
                | ["shipments", _]
                | ["messages"] => bad_method(),
                _ => error(StatusCode::NOT_FOUND, NOT_FOUND),
            }
        }
        ["v2", "store"] if get => ok(json!({
            "id": demo::BIGCOMMERCE_STORE_HASH,
            "domain": "sandbox-goods.mybigcommerce.com",
            "secure_url": "https://sandbox-goods.mybigcommerce.com",
            "name": STORE_NAME,
            "currency": "USD",
            "plan_name": "Standard",
            "plan_level": "Standard",
            "timezone": {"name": "Etc/UTC", "raw_offset": 0, "dst_offset": 0, "dst_correction": false},
        })),
        ["v2", "time"] if get => ok(json!({"time": Timestamp::now().as_second()})),
        ["v3", "orders", id, "payment_actions", action @ ("refund_quotes" | "refunds")] => {
            let Some(id) = id.parse::<u64>().ok() else { return error(StatusCode::NOT_FOUND, NOT_FOUND) };
            if scope_denied("store_v2_orders_read_only") || (!get && scope_denied("store_v2_orders")) {
                return forbidden();
            }
            let mut db = lock(&st.db);
            let Some(idx) = db.orders.iter().position(|o| o.id == id) else {
                return error(StatusCode::NOT_FOUND, NOT_FOUND);
            };
            match (*action, req.method) {
                ("refunds", &Method::GET) => list_refunds(&db.orders[idx]),
                ("refunds", &Method::POST) => {
                    let r = post_refund(st, &mut db, idx, req);
                    let rid = db.orders[idx].refunds.last().map(|r| r.id);
                    let refunded = json!({"type": "order", "id": id, "refund": {"refund_id": rid}});
                    emitted(hooks, r, || vec![("store/order/refund/created", refunded), order_updated(id)])
                }
                ("refund_quotes", &Method::POST) => post_refund_quote(st, &db.orders[idx], req),
                _ => bad_method(),
            }
        }
        ["v3", "customers"] if get => {
            if scope_denied("store_v2_customers_read_only") {
                return forbidden();
            }
            customers(st, req)
        }
        ["v3", "hooks", tail @ ..] => hooks_endpoint(hooks, req, tail),
        _ => error(StatusCode::NOT_FOUND, NOT_FOUND),
    }
}

/// A subscription as `webhook_Full` (bc-webhooks.v3.yml).
fn hook_json(w: &Subscription) -> Json {
    json!({
        "id": w.id.parse::<u64>().unwrap_or_default(),
        "client_id": "sandbox-bigcommerce-app",
        "store_hash": demo::BIGCOMMERCE_STORE_HASH,
        "scope": w.topics.first(),
        "destination": w.address,
        "is_active": w.active,
        "headers": w.extra["headers"],
        "created_at": w.created_at.as_second(),
        "updated_at": w.created_at.as_second(),
    })
}

/// `/v3/hooks[/{id}]` in `{data, meta}` envelopes. Create requires `scope` and `destination`
/// (422 otherwise); deliveries are signed with the app's client secret (Standard Webhooks,
/// platforms.md §4.7), which is the registry's secret. BigCommerce only delivers to port 443;
/// the sandbox accepts any http(s) destination so tests can receive on loopback.
fn hooks_endpoint(reg: &Registry, req: &Req<'_>, tail: &[&str]) -> Response {
    let missing = |field: &str| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({
                "status": 422, "title": "JSON data is missing or invalid", "type": STATUS_CODES_URL,
                "errors": { field: "error.path.missing" },
            })),
        )
            .into_response()
    };
    let one = |w: &Subscription| ok(json!({"data": hook_json(w), "meta": {}}));
    let not_found = || v3_error(StatusCode::NOT_FOUND, NOT_FOUND);
    match (req.method, tail) {
        (&Method::GET, []) => {
            let limit: usize = req.param("limit").and_then(|l| l.parse().ok()).unwrap_or(50).clamp(1, 250);
            let page: usize = req.param("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1);
            let all: Vec<Json> = reg
                .list("bigcommerce")
                .iter()
                .filter(|w| {
                    req.param("scope").is_none_or(|sc| w.topics.first().map(String::as_str) == Some(sc))
                })
                .filter(|w| req.param("destination").is_none_or(|d| w.address == d))
                .filter(|w| req.param("is_active").is_none_or(|a| (a == "true") == w.active))
                .map(hook_json)
                .collect();
            let total = all.len();
            let data: Vec<Json> = all.into_iter().skip((page - 1) * limit).take(limit).collect();
            let pages = total.div_ceil(limit).max(1);
            ok(json!({"data": data, "meta": {"pagination": {
                "total": total, "count": data.len(), "per_page": limit, "current_page": page, "total_pages": pages,
                "links": {"current": format!("?page={page}&limit={limit}")},
            }}}))
        }
        (&Method::POST, []) => {
            let body: Json = serde_json::from_slice(req.body).unwrap_or(Json::Null);
            let Some(scope) = body["scope"].as_str().filter(|x| !x.is_empty()) else {
                return missing("scope");
            };
            let Some(dest) = body["destination"].as_str().filter(|x| !x.is_empty()) else {
                return missing("destination");
            };
            let sub = reg.add(Subscription {
                id: (18_048_000 + reg.next_number()).to_string(),
                vendor: "bigcommerce",
                topics: vec![scope.to_string()],
                address: dest.to_string(),
                secret: Some(demo::BIGCOMMERCE_CLIENT_SECRET.to_string()),
                active: body["is_active"].as_bool().unwrap_or(true),
                failures: 0,
                created_at: Timestamp::now(),
                extra: json!({"headers": body.get("headers").cloned().unwrap_or(Json::Null)}),
            });
            one(&sub)
        }
        (&Method::GET, [id]) => reg.get("bigcommerce", id).map_or_else(not_found, |w| one(&w)),
        (&Method::DELETE, [id]) => match reg.get("bigcommerce", id) {
            Some(w) => {
                reg.remove("bigcommerce", id);
                one(&w)
            }
            None => not_found(),
        },
        _ => v3_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "The requested method is not supported by this resource.",
        ),
    }
}

/// `resp`, unchanged; when it is a 2xx, the webhooks `events` makes are emitted first. BigCommerce
/// payloads name the resource, not its contents (`{"type":"order","id":…}`; the refund and
/// shipment shapes are from BigCommerce's webhook event docs [U]).
fn emitted(hooks: &Registry, resp: Response, events: impl FnOnce() -> Vec<(&'static str, Json)>) -> Response {
    if resp.status().is_success() {
        for (scope, data) in events() {
            hooks.emit("bigcommerce", scope, data);
        }
    }
    resp
}

fn order_updated(id: u64) -> (&'static str, Json) {
    ("store/order/updated", json!({"type": "order", "id": id}))
}

/// A sample payload of `topic` for `POST /_sandbox/webhooks/trigger`, naming the first order (with
/// a shipment or a refund, for those topics) or the first registered customer.
pub(crate) fn webhook_sample(st: &State, topic: &str) -> Option<Json> {
    let db = lock(&st.db);
    match topic {
        "store/order/created" | "store/order/updated" | "store/order/archived" => {
            Some(json!({"type": "order", "id": db.orders.first()?.id}))
        }
        "store/order/statusUpdated" => {
            let o = db.orders.first()?;
            Some(
                json!({"type": "order", "id": o.id, "status": {"previous_status_id": 0, "new_status_id": o.status_id}}),
            )
        }
        "store/shipment/created" => {
            let o = db.orders.iter().find(|o| !o.shipments.is_empty())?;
            Some(json!({"type": "shipment", "id": o.shipments[0].id, "orderId": o.id}))
        }
        "store/order/refund/created" => {
            let o = db.orders.iter().find(|o| !o.refunds.is_empty())?;
            Some(json!({"type": "order", "id": o.id, "refund": {"refund_id": o.refunds[0].id}}))
        }
        "store/customer/created" | "store/customer/updated" => Some(
            json!({"type": "customer", "id": db.orders.iter().find(|o| o.customer_id != 0)?.customer_id}),
        ),
        _ => None,
    }
}

fn bad_request(message: &str) -> Response {
    v2_error(StatusCode::BAD_REQUEST, message)
}

/// Parse `page`/`limit`: (page from 1, limit ≤ 250). `Err` is the error response.
fn page_limit(req: &Req<'_>, default_limit: u64) -> Result<(u64, u64), Response> {
    let num = |k: &str, default: u64| -> Result<u64, Response> {
        match req.param(k) {
            None => Ok(default),
            Some(v) => v.parse::<u64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                bad_request(&format!("The field '{k}' is invalid. It must be a positive integer."))
            }),
        }
    };
    let page = num("page", 1)?;
    let limit = num("limit", default_limit)?;
    if limit > MAX_LIMIT {
        return Err(v2_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("The limit of {limit} exceeds the maximum of {MAX_LIMIT} items per page."),
        ));
    }
    Ok((page, limit))
}

/// Like [`paged`], but an empty page is `200 []` (collections whose spec declares no 204).
fn paged_array(items: Vec<Json>, req: &Req<'_>) -> Response {
    match page_limit(req, 50) {
        Ok((page, limit)) => {
            let start = ((page - 1) * limit) as usize;
            ok(Json::Array(items.into_iter().skip(start).take(limit as usize).collect()))
        }
        Err(r) => r,
    }
}

fn paged(items: Vec<Json>, req: &Req<'_>) -> Response {
    let (page, limit) = match page_limit(req, 50) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let start = ((page - 1) * limit) as usize;
    collection(items.into_iter().skip(start).take(limit as usize).collect())
}

/// RFC 2822 or ISO 8601 (with offset, or a bare date as UTC midnight).
fn parse_date(v: &str) -> Option<Timestamp> {
    let v = v.trim();
    if let Ok(z) = jiff::fmt::rfc2822::parse(v) {
        return Some(z.timestamp());
    }
    if let Ok(t) = v.parse::<Timestamp>() {
        return Some(t);
    }
    v.parse::<jiff::civil::Date>().ok()?.to_zoned_datetime(TimeZone::UTC).ok().map(|z| z.timestamp())
}

/// The orders matching the list/count filters, or an error response.
fn filter_orders<'a>(st: &State, db: &'a Db, req: &Req<'_>) -> Result<Vec<&'a BcOrder>, Response> {
    let int = |k: &str| -> Result<Option<u64>, Response> {
        match req.param(k) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse::<u64>()
                .map(Some)
                .map_err(|_| bad_request(&format!("The field '{k}' is invalid. It must be an integer."))),
        }
    };
    let date = |k: &str| -> Result<Option<Timestamp>, Response> {
        match req.param(k) {
            None | Some("") => Ok(None),
            Some(v) => parse_date(v).map(Some).ok_or_else(|| {
                bad_request(&format!(
                    "The field '{k}' is invalid. It must be a date in RFC 2822 or ISO 8601 format."
                ))
            }),
        }
    };
    let email = req.param("email").map(str::to_ascii_lowercase).filter(|e| !e.is_empty());
    let status_id = int("status_id")?;
    let customer_id = int("customer_id")?;
    let (min_id, max_id) = (int("min_id")?, int("max_id")?);
    let (min_c, max_c) = (date("min_date_created")?, date("max_date_created")?);
    let (min_m, max_m) = (date("min_date_modified")?, date("max_date_modified")?);
    Ok(db
        .orders
        .iter()
        .filter(|o| {
            let so = &st.data.orders[o.seed];
            email.as_ref().is_none_or(|e| so.email.eq_ignore_ascii_case(e))
                && status_id.is_none_or(|s| u64::from(o.status_id) == s)
                && customer_id.is_none_or(|c| o.customer_id == c)
                && min_id.is_none_or(|m| o.id >= m)
                && max_id.is_none_or(|m| o.id <= m)
                && min_c.is_none_or(|t| so.created_at >= t)
                && max_c.is_none_or(|t| so.created_at <= t)
                && min_m.is_none_or(|t| o.date_modified >= t)
                && max_m.is_none_or(|t| o.date_modified <= t)
        })
        .collect())
}

fn list_orders(st: &State, req: &Req<'_>) -> Response {
    let (page, limit) = match page_limit(req, 50) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let db = lock(&st.db);
    let mut found = match filter_orders(st, &db, req) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let sort = req.param("sort").unwrap_or("id");
    let (field, desc) = match sort.split_once(':') {
        Some((f, "desc")) => (f, true),
        Some((f, "asc")) => (f, false),
        Some(_) => return bad_request("The field 'sort' is invalid."),
        None => (sort, false),
    };
    let key = |o: &&BcOrder| -> (i64, u64) {
        match field {
            "date_created" => (st.data.orders[o.seed].created_at.as_second(), o.id),
            "date_modified" => (o.date_modified.as_second(), o.id),
            "customer_id" => (o.customer_id as i64, o.id),
            "status_id" => (i64::from(o.status_id), o.id),
            _ => (o.id as i64, o.id),
        }
    };
    if !matches!(
        field,
        "id" | "date_created" | "date_modified" | "customer_id" | "status_id" | "channel_id" | "external_id"
    ) {
        return bad_request("The field 'sort' is invalid.");
    }
    found.sort_by_key(key);
    if desc {
        found.reverse();
    }
    let start = ((page - 1) * limit) as usize;
    collection(
        found.into_iter().skip(start).take(limit as usize).map(|o| order_json(st, o, &req.base)).collect(),
    )
}

fn count_orders(st: &State, req: &Req<'_>) -> Response {
    let db = lock(&st.db);
    let found = match filter_orders(st, &db, req) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let statuses: Vec<Json> = STATUSES
        .iter()
        .enumerate()
        .map(|(id, (name, desc))| {
            json!({
                "id": id,
                "name": name,
                "system_label": name,
                "custom_label": name,
                "system_description": desc,
                "count": found.iter().filter(|o| usize::from(o.status_id) == id).count(),
                "sort_order": id,
            })
        })
        .collect();
    ok(json!({"statuses": statuses, "count": found.len()}))
}

fn resource(base: &str, id: u64, what: &str) -> Json {
    json!({"url": format!("{base}/v2/orders/{id}/{what}"), "resource": format!("/orders/{id}/{what}")})
}

fn order_json(st: &State, o: &BcOrder, base: &str) -> Json {
    let so = &st.data.orders[o.seed];
    let c = &st.data.customers[so.customer];
    let items: Decimal = so.line_items.iter().map(seed::LineItem::total).sum();
    let tax = so.tax();
    let shipping = so.shipping_line.price;
    let total_ex = items - so.discount + shipping;
    let zero = m4(Decimal::ZERO);
    let a = &c.address;
    let mut v = json!({
        "id": o.id,
        "customer_id": o.customer_id,
        "date_created": rfc2822(so.created_at),
        "date_modified": rfc2822(o.date_modified),
        "date_shipped": o.date_shipped.map(rfc2822).unwrap_or_default(),
        "status_id": o.status_id,
        "status": STATUSES[usize::from(o.status_id)].0,
        "custom_status": STATUSES[usize::from(o.status_id)].0,
        "payment_status": o.payment_status,
        "subtotal_ex_tax": m4(items),
        "subtotal_inc_tax": m4(items + tax),
        "subtotal_tax": m4(tax),
        "base_shipping_cost": m4(shipping),
        "shipping_cost_ex_tax": m4(shipping),
        "shipping_cost_inc_tax": m4(shipping),
        "shipping_cost_tax": zero,
        "shipping_cost_tax_class_id": 0,
        "base_handling_cost": zero, "handling_cost_ex_tax": zero, "handling_cost_inc_tax": zero,
        "handling_cost_tax": zero, "handling_cost_tax_class_id": 0,
        "base_wrapping_cost": zero, "wrapping_cost_ex_tax": zero, "wrapping_cost_inc_tax": zero,
        "wrapping_cost_tax": zero, "wrapping_cost_tax_class_id": 0,
        "total_ex_tax": m4(total_ex),
        "total_inc_tax": m4(so.total()),
        "total_tax": m4(tax),
        "is_tax_inclusive_pricing": false,
        "items_total": o.items_total(&st.data),
        "items_shipped": o.items_shipped(),
    });
    let more = json!({
        "payment_method": if so.gateway == "paypal" { "PayPal" } else { "Credit Card" },
        "payment_provider_id": "",
        "refunded_amount": m4(o.refunded()),
        "order_is_digital": false,
        "store_credit_amount": zero,
        "gift_certificate_amount": zero,
        "ip_address": "",
        "ip_address_v6": "",
        "geoip_country": a.country,
        "geoip_country_iso2": a.country_code,
        "currency_id": 1,
        "currency_code": so.currency,
        "currency_exchange_rate": "1.0000000000",
        "default_currency_id": 1,
        "default_currency_code": so.currency,
        "store_default_currency_code": so.currency,
        "store_default_to_transactional_exchange_rate": "1.0000000000",
        "staff_notes": o.staff_notes,
        "customer_message": o.customer_message,
        "discount_amount": m4(so.discount),
        "coupon_discount": zero,
        "shipping_address_count": 1,
        "is_deleted": false,
        "ebay_order_id": "0",
        "cart_id": format!("{:08x}-2e88-4817-aea4-{:012x}", o.id, so.id),
        "billing_address": {
            "first_name": a.first_name,
            "last_name": a.last_name,
            "company": a.company.clone().unwrap_or_default(),
            "street_1": a.address1,
            "street_2": a.address2.clone().unwrap_or_default(),
            "city": a.city,
            "state": a.province,
            "zip": a.zip,
            "country": a.country,
            "country_iso2": a.country_code,
            "phone": so.phone.clone().unwrap_or_default(),
            "email": so.email,
            "form_fields": [],
        },
        "is_email_opt_in": false,
        "credit_card_type": null,
        "order_source": "www",
        "channel_id": 1,
        "external_source": null,
        "external_id": null,
        "external_merchant_id": null,
        "tax_provider_id": "BasicTaxProvider",
        "customer_locale": "en",
        "external_order_id": "",
        "products": resource(base, o.id, "products"),
        "shipping_addresses": resource(base, o.id, "shipping_addresses"),
        "coupons": resource(base, o.id, "coupons"),
    });
    if let (Json::Object(a), Json::Object(b)) = (&mut v, more) {
        a.extend(b);
    }
    v
}

fn option_name(value: &str) -> &'static str {
    if value.chars().any(|c| c.is_ascii_digit()) || ["S", "M", "L", "XL", "S/M", "L/XL"].contains(&value) {
        "Size"
    } else {
        "Color"
    }
}

fn product_json(st: &State, o: &BcOrder, p: &Product) -> Json {
    let so = &st.data.orders[o.seed];
    let l = &so.line_items[p.line];
    let unit = l.unit_price;
    let unit_tax = round2(unit * so.tax_rate);
    let qty = Decimal::from(l.quantity);
    let zero = m4(Decimal::ZERO);
    let options: Vec<Json> = l
        .variant_title
        .iter()
        .map(|v| {
            let name = option_name(v);
            json!({
                "id": p.id * 10 + 1,
                "option_id": 10 + p.line as u64,
                "order_product_id": p.id,
                "product_option_id": p.product_id * 10 + 1,
                "display_name": name,
                "display_value": v,
                "value": (p.variant_id % 1000).to_string(),
                "type": "Multiple choice",
                "name": name,
                "display_style": "Dropdown",
                "display_name_customer": name,
                "display_name_merchant": name,
                "display_value_customer": v,
                "display_value_merchant": v,
            })
        })
        .collect();
    let mut v = json!({
        "id": p.id,
        "order_id": o.id,
        "product_id": p.product_id,
        "order_address_id": o.address_id,
        "name": l.title,
        "name_customer": l.title,
        "name_merchant": l.title,
        "sku": l.sku,
        "upc": "",
        "type": "physical",
        "base_price": m4(unit),
        "price_ex_tax": m4(unit),
        "price_inc_tax": m4(unit + unit_tax),
        "price_tax": m4(unit_tax),
        "base_total": m4(unit * qty),
        "total_ex_tax": m4(unit * qty),
        "total_inc_tax": m4((unit + unit_tax) * qty),
        "total_tax": m4(unit_tax * qty),
        "discounted_total_inc_tax": m4((unit + unit_tax) * qty),
        "quantity": l.quantity,
    });
    let more = json!({
        "base_cost_price": zero,
        "cost_price_inc_tax": zero,
        "cost_price_ex_tax": zero,
        "cost_price_tax": zero,
        "weight": 1,
        "width": zero,
        "height": zero,
        "depth": zero,
        "is_refunded": p.refunded > 0,
        "quantity_refunded": p.refunded,
        "refund_amount": m4(unit * Decimal::from(p.refunded)),
        "return_id": 0,
        "wrapping_id": 0,
        "wrapping_name": null,
        "base_wrapping_cost": zero,
        "wrapping_cost_ex_tax": zero,
        "wrapping_cost_inc_tax": zero,
        "wrapping_cost_tax": zero,
        "wrapping_message": "",
        "quantity_shipped": p.shipped,
        "event_name": null,
        "event_date": null,
        "fixed_shipping_cost": zero,
        "ebay_item_id": "",
        "ebay_transaction_id": "",
        "option_set_id": null,
        "parent_order_product_id": null,
        "is_bundled_product": false,
        "bin_picking_number": "",
        "external_id": null,
        "brand": "",
        "applied_discounts": [],
        "product_options": options,
        "configurable_fields": [],
        "variant_id": p.variant_id,
        "gift_certificate_id": null,
    });
    if let (Json::Object(a), Json::Object(b)) = (&mut v, more) {
        a.extend(b);
    }
    v
}

fn address_fields(st: &State, o: &BcOrder) -> serde_json::Map<String, Json> {
    let so = &st.data.orders[o.seed];
    let a = &so.shipping_address;
    let v = json!({
        "first_name": a.first_name,
        "last_name": a.last_name,
        "company": a.company.clone().unwrap_or_default(),
        "street_1": a.address1,
        "street_2": a.address2.clone().unwrap_or_default(),
        "city": a.city,
        "state": a.province,
        "zip": a.zip,
        "country": a.country,
        "country_iso2": a.country_code,
        "phone": a.phone.clone().unwrap_or_default(),
        "email": so.email,
    });
    match v {
        Json::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

fn shipping_address_json(st: &State, o: &BcOrder, base: &str) -> Json {
    let so = &st.data.orders[o.seed];
    let cost = m4(so.shipping_line.price);
    let zero = m4(Decimal::ZERO);
    let mut m = address_fields(st, o);
    let extra = json!({
        "id": o.address_id,
        "order_id": o.id,
        "items_total": o.items_total(&st.data),
        "items_shipped": o.items_shipped(),
        "shipping_method": so.shipping_line.title,
        "base_cost": cost,
        "cost_ex_tax": cost,
        "cost_inc_tax": cost,
        "cost_tax": zero,
        "cost_tax_class_id": 0,
        "base_handling_cost": zero,
        "handling_cost_ex_tax": zero,
        "handling_cost_inc_tax": zero,
        "handling_cost_tax": zero,
        "handling_cost_tax_class_id": 0,
        "shipping_zone_id": 1,
        "shipping_zone_name": so.shipping_address.country,
        "shipping_quotes": {
            "url": format!("{base}/v2/orders/{}/shipping_addresses/{}/shipping_quotes", o.id, o.address_id),
            "resource": format!("/orders/{}/shipping_addresses/{}/shipping_quotes", o.id, o.address_id),
        },
        "form_fields": [],
    });
    if let Json::Object(e) = extra {
        m.extend(e);
    }
    Json::Object(m)
}

fn shipment_json(st: &State, o: &BcOrder, s: &Shipment) -> Json {
    let so = &st.data.orders[o.seed];
    let c = &st.data.customers[so.customer].address;
    let display = match s.shipping_provider.as_str() {
        "ups" => "UPS",
        "usps" => "USPS",
        "fedex" => "FedEx",
        "auspost" => "Australia Post",
        "canadapost" => "Canada Post",
        "royalmail" => "Royal Mail",
        _ => "",
    };
    json!({
        "id": s.id,
        "order_id": o.id,
        "customer_id": o.customer_id,
        "order_address_id": s.address_id,
        "date_created": rfc2822(s.created),
        "tracking_number": s.tracking_number,
        "merchant_shipping_cost": m4(Decimal::ZERO),
        "shipping_method": s.shipping_method,
        "shipping_provider": s.shipping_provider,
        "shipping_provider_display_name": display,
        "tracking_carrier": s.tracking_carrier,
        "tracking_link": s.tracking_link,
        "generated_tracking_link": s.generated_tracking_link,
        "comments": s.comments,
        "billing_address": {
            "first_name": c.first_name, "last_name": c.last_name,
            "company": c.company.clone().unwrap_or_default(),
            "street_1": c.address1, "street_2": c.address2.clone().unwrap_or_default(),
            "city": c.city, "state": c.province, "zip": c.zip, "country": c.country,
            "country_iso2": c.country_code, "phone": so.phone.clone().unwrap_or_default(), "email": so.email,
        },
        "shipping_address": Json::Object(address_fields(st, o)),
        "items": s.items.iter().map(|(opid, q)| {
            let pid = o.products.iter().find(|p| p.id == *opid).map_or(0, |p| p.product_id);
            json!({"order_product_id": opid, "product_id": pid, "quantity": q})
        }).collect::<Vec<_>>(),
    })
}

fn message_json(o: &BcOrder, m: &Message) -> Json {
    json!({
        "id": m.id,
        "order_id": o.id,
        "staff_id": if m.from_customer { 0 } else { 1 },
        "customer_id": if m.from_customer { o.customer_id } else { 0 },
        "type": if m.from_customer { "customer" } else { "admin" },
        "subject": m.subject,
        "message": m.text,
        "status": "read",
        "is_flagged": false,
        "date_created": rfc2822(m.created),
        "customer": {},
    })
}

fn json_body(req: &Req<'_>) -> Result<serde_json::Map<String, Json>, Response> {
    let ct = req.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !ct.starts_with("application/json") {
        return Err(v2_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The request's Content-Type must be application/json.",
        ));
    }
    match serde_json::from_slice::<Json>(req.body) {
        Ok(Json::Object(m)) => Ok(m),
        _ => Err(bad_request("The request body is not a valid JSON object.")),
    }
}

const READ_ONLY: &[&str] = &[
    "id",
    "date_modified",
    "date_shipped",
    "status",
    "custom_status",
    "payment_status",
    "items_total",
    "items_shipped",
    "item_total",
    "refunded_amount",
    "is_deleted",
    "subtotal_tax",
    "total_tax",
    "products_url",
];

fn put_order(st: &State, o: &mut BcOrder, req: &Req<'_>) -> Response {
    let body = match json_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Some(k) = body.keys().find(|k| READ_ONLY.contains(&k.as_str())) {
        return bad_request(&format!(
            "The field '{k}' cannot be written to. Please remove it from your request before trying again."
        ));
    }
    if let Some(v) = body.get("staff_notes") {
        match v.as_str() {
            Some(s) if s.chars().count() <= 65_535 => o.staff_notes = s.to_string(),
            Some(_) => return bad_request("The field 'staff_notes' is too long (65535 characters maximum)."),
            None => return bad_request("The field 'staff_notes' must be a string."),
        }
    }
    if let Some(v) = body.get("customer_message") {
        match v.as_str() {
            Some(s) => o.customer_message = s.to_string(),
            None => return bad_request("The field 'customer_message' must be a string."),
        }
    }
    if let Some(v) = body.get("status_id") {
        match v.as_u64().filter(|s| *s < STATUSES.len() as u64) {
            Some(s) => o.status_id = s as u8,
            None => return bad_request("The field 'status_id' is invalid."),
        }
    }
    o.date_modified = Timestamp::now();
    ok(order_json(st, o, &req.base))
}

fn post_shipment(st: &State, db: &mut Db, idx: usize, req: &Req<'_>) -> Response {
    let body = match json_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let o = &db.orders[idx];
    let Some(address_id) = body.get("order_address_id").and_then(Json::as_u64) else {
        return bad_request("The required field 'order_address_id' was not supplied.");
    };
    if address_id != o.address_id {
        return bad_request(&format!("The order address {address_id} does not belong to order {}.", o.id));
    }
    let Some(items) = body.get("items").and_then(Json::as_array).filter(|a| !a.is_empty()) else {
        return bad_request("The required field 'items' was not supplied.");
    };
    let mut lines = Vec::new();
    for it in items {
        let (Some(opid), Some(qty)) = (
            it.get("order_product_id").and_then(Json::as_u64),
            it.get("quantity").and_then(Json::as_u64).filter(|q| *q >= 1),
        ) else {
            return bad_request(
                "Each item needs an integer 'order_product_id' and a 'quantity' of at least 1.",
            );
        };
        let Some(p) = o.products.iter().find(|p| p.id == opid) else {
            return bad_request(&format!("The order product {opid} does not belong to order {}.", o.id));
        };
        let ordered = st.data.orders[o.seed].line_items[p.line].quantity;
        if p.shipped + qty as u32 > ordered {
            return bad_request(&format!(
                "The quantity {qty} of order product {opid} exceeds the {} unit(s) not yet shipped.",
                ordered - p.shipped
            ));
        }
        lines.push((opid, qty as u32));
    }
    let text = |k: &str, max: usize| -> Result<String, Response> {
        match body.get(k) {
            None | Some(Json::Null) => Ok(String::new()),
            Some(Json::String(s)) if s.chars().count() <= max => Ok(s.clone()),
            Some(Json::String(_)) => {
                Err(bad_request(&format!("The field '{k}' is too long ({max} characters maximum).")))
            }
            Some(_) => Err(bad_request(&format!("The field '{k}' must be a string."))),
        }
    };
    let fields = (|| {
        Ok::<_, Response>((
            text("tracking_number", 50)?,
            text("shipping_provider", 100)?,
            text("tracking_carrier", 100)?,
            text("shipping_method", 250)?,
            text("tracking_link", 500)?,
            text("comments", 65_535)?,
        ))
    })();
    let (tracking_number, provider, carrier, method, link, comments) = match fields {
        Ok(f) => f,
        Err(r) => return r,
    };
    let generated = match (provider.as_str(), carrier.as_str()) {
        _ if tracking_number.is_empty() => String::new(),
        ("ups", _) | (_, "ups") => Carrier::Ups.tracking_url(&tracking_number),
        ("fedex", _) | (_, "fedex") => Carrier::FedEx.tracking_url(&tracking_number),
        ("usps", _) | (_, "usps") => Carrier::Usps.tracking_url(&tracking_number),
        _ => format!(
            "https://track.aftership.com/{}/{}",
            if carrier.is_empty() { "track" } else { &carrier },
            tracking_number
        ),
    };
    let id = db.next_shipment_id;
    db.next_shipment_id += 1;
    let o = &mut db.orders[idx];
    for (opid, q) in &lines {
        if let Some(p) = o.products.iter_mut().find(|p| p.id == *opid) {
            p.shipped += q;
        }
    }
    let total = o.items_total(&st.data);
    let shipped = o.items_shipped();
    if matches!(o.status_id, 0 | 1 | 2 | 3 | 7 | 8 | 9 | 11 | 12) {
        o.status_id = if shipped >= total { 2 } else { 3 };
    }
    let now = Timestamp::now();
    if shipped >= total {
        o.date_shipped = Some(now);
    }
    o.date_modified = now;
    o.shipments.push(Shipment {
        id,
        created: now,
        tracking_number,
        shipping_provider: provider,
        tracking_carrier: carrier,
        shipping_method: method,
        tracking_link: link,
        generated_tracking_link: generated,
        comments,
        address_id,
        items: lines,
    });
    let o = &db.orders[idx];
    let s = o.shipments.last().expect("just pushed");
    (StatusCode::CREATED, axum::Json(shipment_json(st, o, s))).into_response()
}

// ---- v3 refunds -------------------------------------------------------------------------------

/// What a refund item refunds. The sandbox's orders have no handling, gift wrapping or fees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Product,
    Shipping,
    Order,
}

impl ItemKind {
    fn name(self) -> &'static str {
        match self {
            ItemKind::Product => "PRODUCT",
            ItemKind::Shipping => "SHIPPING",
            ItemKind::Order => "ORDER",
        }
    }
}

/// One item of a refund, as stored.
#[derive(Debug, Clone)]
struct RefundItem {
    kind: ItemKind,
    /// Order product id (PRODUCT), order address id (SHIPPING) or order id (ORDER).
    item_id: u64,
    /// PRODUCT only.
    quantity: u32,
    /// Before tax: the units' price (PRODUCT) or the amount asked (SHIPPING, ORDER).
    amount: Decimal,
    tax: Decimal,
}

struct RefundPayment {
    id: u64,
    provider_id: String,
    amount: Decimal,
    offline: bool,
}

struct BcRefund {
    id: u64,
    created: Timestamp,
    reason: String,
    total: Decimal,
    tax: Decimal,
    items: Vec<RefundItem>,
    payments: Vec<RefundPayment>,
}

/// The online provider that took the order's payment: (`provider_id`, description).
fn provider_of(o: &seed::Order) -> (&'static str, &'static str) {
    if o.gateway == "paypal" {
        ("checkout_paypalexpress", "PayPal Express")
    } else {
        ("braintree", "Braintree")
    }
}

/// A seed refund as a v3 refund: its lines become PRODUCT items, its shipping a SHIPPING item,
/// paid back through the order's provider.
fn seeded_refund(
    id: u64,
    payment_id: u64,
    r: &seed::Refund,
    products: &[Product],
    address_id: u64,
    provider: &str,
) -> BcRefund {
    let mut items: Vec<RefundItem> = r
        .lines
        .iter()
        .map(|l| RefundItem {
            kind: ItemKind::Product,
            item_id: products[l.line_item].id,
            quantity: l.quantity,
            amount: l.subtotal,
            tax: l.tax,
        })
        .collect();
    if r.shipping > Decimal::ZERO {
        items.push(RefundItem {
            kind: ItemKind::Shipping,
            item_id: address_id,
            quantity: 0,
            amount: r.shipping,
            tax: Decimal::ZERO,
        });
    }
    let total = r.total();
    BcRefund {
        id,
        created: r.created_at,
        reason: r.note.clone().unwrap_or_default(),
        total,
        tax: r.lines.iter().map(|l| l.tax).sum(),
        items,
        payments: vec![RefundPayment {
            id: payment_id,
            provider_id: provider.into(),
            amount: total,
            offline: false,
        }],
    }
}

/// A v3 money value: a JSON number with at most 2 decimals, as BigCommerce sends it. The
/// number is written from the decimal's own digits (an integer stays an integer).
fn num(d: Decimal) -> Json {
    let d = round2(d).normalize();
    if d.fract().is_zero()
        && let Ok(i) = i64::try_from(d)
    {
        return Json::from(i);
    }
    // serde_json (without arbitrary_precision) holds numbers as f64; a 2-decimal amount of
    // realistic size survives the trip exactly (shortest round-trip printing).
    serde_json::from_str(&d.to_string()).unwrap_or(Json::Null)
}

/// A v3 money value from a request: a JSON number (not a string), ≥ 0, at most 2 decimals.
fn amount_of(v: Option<&Json>) -> Result<Decimal, &'static str> {
    let Some(Json::Number(n)) = v else { return Err("error.expected.jsnumber") };
    let text = n.to_string();
    let d = text
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| "error.expected.jsnumber")?;
    if d.is_sign_negative() {
        return Err("error.min.amount must not be negative");
    }
    if d.normalize().scale() > 2 {
        return Err("error.amount must be a 2 decimal place rounded value");
    }
    Ok(d)
}

/// A v3 error object.
fn v3_problem(title: &str, errors: serde_json::Map<String, Json>) -> Json {
    json!({"status": 422, "title": title, "type": STATUS_CODES_URL, "errors": errors})
}

/// Why a refund (or quote) cannot be made: a title and per-field errors.
struct Invalid {
    title: String,
    errors: serde_json::Map<String, Json>,
}

impl Invalid {
    fn new(title: impl Into<String>) -> Invalid {
        Invalid { title: title.into(), errors: serde_json::Map::new() }
    }
    fn field(title: impl Into<String>, field: String, what: impl Into<String>) -> Invalid {
        let mut e = Invalid::new(title);
        e.errors.insert(field, Json::String(what.into()));
        e
    }
    /// The refund quote's 422: a bare v3 error object.
    fn quote_response(self) -> Response {
        (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(v3_problem(&self.title, self.errors))).into_response()
    }
    /// The refund create's 422: the v3 error object wrapped in `{"data":[…]}`.
    fn refund_response(self) -> Response {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({"data": [v3_problem(&self.title, self.errors)]})),
        )
            .into_response()
    }
}

/// What a refund request's items come to.
struct Calc {
    items: Vec<RefundItem>,
    /// Tax on the items.
    tax: Decimal,
    /// The `ORDER` amounts.
    order_level: Decimal,
    /// What is refunded: the items and their tax, capped at what is left on the order.
    total: Decimal,
    /// `total` − what the items asked for: negative when they asked for more than is left.
    adjustment: Decimal,
}

const INVALID_ITEMS: &str = "The refund items are invalid.";

/// Read and price the `items` of a quote or refund request against the order, as BigCommerce
/// does: quantities within what is not yet refunded, shipping within what is left of it, and
/// the total capped at the order's refundable balance (the excess shows as `adjustment`).
fn calculate(st: &State, o: &BcOrder, body: &serde_json::Map<String, Json>) -> Result<Calc, Invalid> {
    let so = &st.data.orders[o.seed];
    if body.contains_key("tax_adjustment_amount") && !body.contains_key("items") {
        return Err(Invalid::field(
            "The order has no overcharged tax to refund.",
            "tax_adjustment_amount".into(),
            "no tax was overcharged on this order",
        ));
    }
    let Some(items) = body.get("items").and_then(Json::as_array) else {
        return Err(Invalid::field("JSON data is missing or invalid", "items".into(), "error.path.missing"));
    };
    if items.is_empty() {
        return Err(Invalid::field(INVALID_ITEMS, "items".into(), "at least one item is required"));
    }
    let remaining = so.total() - o.refunded();
    if remaining <= Decimal::ZERO {
        return Err(Invalid::new(format!("Order {} has nothing left to refund.", o.id)));
    }
    let mut out: Vec<RefundItem> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let at = |f: &str| format!("items[{i}].{f}");
        let Some(it) = it.as_object() else {
            return Err(Invalid::field(INVALID_ITEMS, format!("items[{i}]"), "error.expected.jsobject"));
        };
        let kind = match it.get("item_type").and_then(Json::as_str) {
            Some("PRODUCT") => ItemKind::Product,
            Some("SHIPPING") => ItemKind::Shipping,
            Some("ORDER") => ItemKind::Order,
            Some(t @ ("GIFT_WRAPPING" | "HANDLING" | "TAX" | "FEE")) => {
                return Err(Invalid::field(
                    format!("Order {} has no {} to refund.", o.id, t.to_ascii_lowercase().replace('_', " ")),
                    at("item_type"),
                    "nothing refundable of this type",
                ));
            }
            _ => return Err(Invalid::field(INVALID_ITEMS, at("item_type"), "error.expected.validenumvalue")),
        };
        let item_id = match it.get("item_id") {
            Some(Json::Number(n)) => {
                n.as_u64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64))
            }
            _ => None,
        };
        let Some(item_id) = item_id else {
            return Err(Invalid::field(INVALID_ITEMS, at("item_id"), "error.expected.jsnumber"));
        };
        if let Some(r) = it.get("reason")
            && r.as_str().is_none_or(|r| r.chars().count() > 1000)
        {
            return Err(Invalid::field(INVALID_ITEMS, at("reason"), "error.maxLength 1000"));
        }
        match kind {
            ItemKind::Product => {
                let Some(p) = o.products.iter().find(|p| p.id == item_id) else {
                    return Err(Invalid::field(
                        format!("Order product {item_id} does not belong to order {}.", o.id),
                        at("item_id"),
                        "unknown order product",
                    ));
                };
                let Some(qty) = it.get("quantity").and_then(Json::as_u64).filter(|q| *q >= 1) else {
                    return Err(Invalid::field(
                        INVALID_ITEMS,
                        at("quantity"),
                        "error.min.quantity must be at least 1",
                    ));
                };
                let line = &so.line_items[p.line];
                let asked: u32 =
                    out.iter().filter(|x| x.kind == kind && x.item_id == item_id).map(|x| x.quantity).sum();
                let left = line.quantity.saturating_sub(p.refunded).saturating_sub(asked);
                if qty > u64::from(left) {
                    return Err(Invalid::field(
                        format!(
                            "The quantity {qty} of order product {item_id} exceeds the {left} unit(s) left to refund."
                        ),
                        at("quantity"),
                        "exceeds the refundable quantity",
                    ));
                }
                let q = Decimal::from(qty);
                out.push(RefundItem {
                    kind,
                    item_id,
                    quantity: qty as u32,
                    amount: round2(line.unit_price * q),
                    tax: round2(line.unit_price * so.tax_rate) * q,
                });
            }
            ItemKind::Shipping => {
                if item_id != o.address_id {
                    return Err(Invalid::field(
                        format!("Order address {item_id} does not belong to order {}.", o.id),
                        at("item_id"),
                        "unknown order address",
                    ));
                }
                let amount = amount_of(it.get("amount"))
                    .map_err(|e| Invalid::field(INVALID_ITEMS, at("amount"), e))?;
                let asked: Decimal = out.iter().filter(|x| x.kind == kind).map(|x| x.amount).sum();
                let left = so.shipping_line.price - o.shipping_refunded() - asked;
                if amount > left {
                    return Err(Invalid::field(
                        format!(
                            "The shipping amount {} exceeds the {} left to refund.",
                            num(amount),
                            num(left.max(Decimal::ZERO))
                        ),
                        at("amount"),
                        "exceeds the refundable shipping",
                    ));
                }
                out.push(RefundItem { kind, item_id, quantity: 0, amount, tax: Decimal::ZERO });
            }
            ItemKind::Order => {
                if item_id != o.id {
                    return Err(Invalid::field(
                        format!("An ORDER item must name the order {}.", o.id),
                        at("item_id"),
                        "must be the order id",
                    ));
                }
                let amount = amount_of(it.get("amount"))
                    .map_err(|e| Invalid::field(INVALID_ITEMS, at("amount"), e))?;
                out.push(RefundItem { kind, item_id, quantity: 0, amount, tax: Decimal::ZERO });
            }
        }
    }
    let requested: Decimal = out.iter().map(|i| i.amount + i.tax).sum();
    if requested <= Decimal::ZERO {
        return Err(Invalid::field(
            INVALID_ITEMS,
            "items".into(),
            "the refund amount must be greater than 0",
        ));
    }
    let total = requested.min(remaining);
    Ok(Calc {
        tax: out.iter().map(|i| i.tax).sum(),
        order_level: out.iter().filter(|i| i.kind == ItemKind::Order).map(|i| i.amount).sum(),
        total,
        adjustment: total - requested,
        items: out,
    })
}

/// The refund methods on this order: the provider that took the payment, store
/// credit (registered customers only), and the offline "custom" method. Each method is a list
/// of payment options.
fn refund_methods(st: &State, o: &BcOrder) -> Vec<Vec<(String, String, bool)>> {
    let (provider, description) = provider_of(&st.data.orders[o.seed]);
    let mut m = vec![vec![(provider.to_string(), description.to_string(), false)]];
    if o.customer_id != 0 {
        m.push(vec![("storecredit".into(), "Store Credit".into(), false)]);
    }
    m.push(vec![("custom".into(), "Custom".into(), true)]);
    m
}

fn v3_json_body(req: &Req<'_>) -> Result<serde_json::Map<String, Json>, Response> {
    let ct = req.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !ct.starts_with("application/json") {
        return Err(v3_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The request's Content-Type must be application/json.",
        ));
    }
    match serde_json::from_slice::<Json>(req.body) {
        Ok(Json::Object(m)) => Ok(m),
        _ => Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(v3_problem("JSON data is missing or invalid", serde_json::Map::new())),
        )
            .into_response()),
    }
}

/// `POST /v3/orders/{id}/payment_actions/refund_quotes` → 201 `{"data":{…},"meta":{}}`.
fn post_refund_quote(st: &State, o: &BcOrder, req: &Req<'_>) -> Response {
    let body = match v3_json_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let calc = match calculate(st, o, &body) {
        Ok(c) => c,
        Err(e) => return e.quote_response(),
    };
    let methods: Vec<Json> = refund_methods(st, o)
        .into_iter()
        .map(|options| {
            Json::Array(
                options
                    .into_iter()
                    .map(|(id, description, offline)| {
                        json!({
                            "provider_id": id,
                            "provider_description": description,
                            "amount": num(calc.total),
                            "offline": offline,
                            "offline_provider": offline,
                            "offline_reason": if offline { "This is an offline payment provider." } else { "" },
                        })
                    })
                    .collect(),
            )
        })
        .collect();
    let data = json!({
        "order_id": o.id,
        "total_refund_amount": num(calc.total),
        "total_refund_tax_amount": num(calc.tax),
        "order_level_refund_amount": num(calc.order_level),
        "rounding": 0,
        "adjustment": num(calc.adjustment),
        "tax_inclusive": true,
        "refund_methods": methods,
    });
    (StatusCode::CREATED, axum::Json(json!({"data": data, "meta": {}}))).into_response()
}

/// `POST /v3/orders/{id}/payment_actions/refunds` → 201 `{"data":{refund},"meta":{}}`; the
/// payments must be options of one refund method and add up to the quoted total. The refund
/// changes the v2 order: `refunded_amount`, `quantity_refunded`, status 14 Partially Refunded
/// or 4 Refunded and the matching `payment_status`. Payment providers are not called (the
/// sandbox's Stripe and PayPal emulators keep their own state).
fn post_refund(st: &State, db: &mut Db, idx: usize, req: &Req<'_>) -> Response {
    let body = match v3_json_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let o = &db.orders[idx];
    let calc = match calculate(st, o, &body) {
        Ok(c) => c,
        Err(e) => return e.refund_response(),
    };
    let reason = match body.get("reason") {
        None | Some(Json::Null) => None,
        Some(Json::String(r)) if r.chars().count() <= 1000 => Some(r.clone()),
        Some(_) => {
            return Invalid::field(INVALID_ITEMS, "reason".into(), "error.maxLength 1000").refund_response();
        }
    };
    // Without a top-level reason, the first item's reason is the refund's.
    let reason = reason
        .or_else(|| {
            body.get("items")?.as_array()?.iter().find_map(|i| i.get("reason")?.as_str().map(str::to_string))
        })
        .unwrap_or_default();
    let Some(payments) = body.get("payments").and_then(Json::as_array).filter(|p| !p.is_empty()) else {
        return Invalid::field("JSON data is missing or invalid", "payments".into(), "error.path.missing")
            .refund_response();
    };
    let options: Vec<(String, bool)> =
        refund_methods(st, o).into_iter().flatten().map(|(id, _, off)| (id, off)).collect();
    let mut paid = Vec::new();
    for (i, p) in payments.iter().enumerate() {
        let Some(provider) = p.get("provider_id").and_then(Json::as_str) else {
            return Invalid::field(
                INVALID_ITEMS,
                format!("payments[{i}].provider_id"),
                "error.expected.jsstring",
            )
            .refund_response();
        };
        let Some((_, offline_only)) = options.iter().find(|(id, _)| id == provider) else {
            return Invalid::new(format!(
                "The payment provider '{provider}' is not available to refund order {}.",
                o.id
            ))
            .refund_response();
        };
        let amount = match amount_of(p.get("amount")) {
            Ok(a) => a,
            Err(e) => {
                return Invalid::field(INVALID_ITEMS, format!("payments[{i}].amount"), e).refund_response();
            }
        };
        let offline = p.get("offline").and_then(Json::as_bool).unwrap_or(false) || *offline_only;
        paid.push((provider.to_string(), amount, offline));
    }
    let sum: Decimal = paid.iter().map(|(_, a, _)| *a).sum();
    if sum != calc.total {
        return Invalid::new(format!(
            "The payments total {} does not match the refund total {}.",
            num(sum),
            num(calc.total)
        ))
        .refund_response();
    }
    let id = db.next_refund_id;
    db.next_refund_id += 1;
    let mut payments = Vec::new();
    for (provider_id, amount, offline) in paid {
        payments.push(RefundPayment { id: db.next_refund_payment_id, provider_id, amount, offline });
        db.next_refund_payment_id += 1;
    }
    let o = &mut db.orders[idx];
    for it in calc.items.iter().filter(|i| i.kind == ItemKind::Product) {
        if let Some(p) = o.products.iter_mut().find(|p| p.id == it.item_id) {
            p.refunded += it.quantity;
        }
    }
    let now = Timestamp::now();
    o.refunds.push(BcRefund {
        id,
        created: now,
        reason,
        total: calc.total,
        tax: calc.tax,
        items: calc.items,
        payments,
    });
    let fully = o.refunded() >= st.data.orders[o.seed].total();
    o.payment_status = if fully { "refunded" } else { "partially refunded" };
    if o.status_id != 5 {
        o.status_id = if fully { 4 } else { 14 };
    }
    o.date_modified = now;
    let o = &db.orders[idx];
    let r = o.refunds.last().expect("just pushed");
    (StatusCode::CREATED, axum::Json(json!({"data": refund_json(o, r), "meta": {}}))).into_response()
}

/// `GET /v3/orders/{id}/payment_actions/refunds`: every refund, by id ascending.
fn list_refunds(o: &BcOrder) -> Response {
    let data: Vec<Json> = o.refunds.iter().map(|r| refund_json(o, r)).collect();
    ok(json!({"data": data, "meta": {}}))
}

fn refund_json(o: &BcOrder, r: &BcRefund) -> Json {
    json!({
        "id": r.id,
        "order_id": o.id,
        "user_id": 0,
        "created": iso(r.created),
        "reason": r.reason,
        "total_amount": num(r.total),
        "total_tax": num(r.tax),
        "uses_merchant_override_values": false,
        "items": r.items.iter().map(|i| {
            let mut v = json!({"item_type": i.kind.name(), "item_id": i.item_id, "requested_amount": num(i.amount)});
            if i.kind == ItemKind::Product {
                v["quantity"] = json!(i.quantity);
            }
            v
        }).collect::<Vec<_>>(),
        "payments": r.payments.iter().map(|p| json!({
            "id": p.id,
            "provider_id": p.provider_id,
            "amount": num(p.amount),
            "offline": p.offline,
            "is_declined": false,
            "declined_message": "",
        })).collect::<Vec<_>>(),
    })
}

fn customers(st: &State, req: &Req<'_>) -> Response {
    let list = |k: &str| -> Option<Vec<String>> {
        req.param(k)
            .map(|v| v.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()).collect())
    };
    let emails = list("email:in");
    let ids = match list("id:in") {
        None => None,
        Some(v) => match v.iter().map(|s| s.parse::<u64>()).collect::<Result<Vec<_>, _>>() {
            Ok(ids) => Some(ids),
            Err(_) => {
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    axum::Json(
                        json!({"status": 422, "title": "The filter 'id:in' must be a list of integers.",
                        "type": STATUS_CODES_URL, "errors": {"id:in": "must be a list of integers"}}),
                    ),
                )
                    .into_response();
            }
        },
    };
    let like = list("name:like");
    let with_addresses = req.param("include").is_some_and(|i| i.split(',').any(|x| x == "addresses"));
    let num =
        |k: &str, d: u64| req.param(k).and_then(|v| v.parse::<u64>().ok()).filter(|n| *n >= 1).unwrap_or(d);
    let (page, limit) = (num("page", 1), num("limit", 50).min(MAX_LIMIT));
    let found: Vec<(usize, &seed::Customer)> = st
        .data
        .customers
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            emails.as_ref().is_none_or(|e| e.iter().any(|e| c.email.eq_ignore_ascii_case(e)))
                && ids.as_ref().is_none_or(|ids| ids.contains(&(*i as u64 + 1)))
                && like.as_ref().is_none_or(|l| {
                    let name = format!("{} {}", c.first_name, c.last_name).to_ascii_lowercase();
                    l.iter().any(|x| name.contains(x.as_str()))
                })
        })
        .collect();
    let total = found.len() as u64;
    let total_pages = total.div_ceil(limit).max(1);
    let data: Vec<Json> = found
        .iter()
        .skip(((page - 1) * limit) as usize)
        .take(limit as usize)
        .map(|(i, c)| {
            let id = *i as u64 + 1;
            let a = &c.address;
            let mut v = json!({
                "id": id,
                "email": c.email,
                "first_name": c.first_name,
                "last_name": c.last_name,
                "company": a.company.clone().unwrap_or_default(),
                "phone": c.phone.clone().unwrap_or_default(),
                "registration_ip_address": "",
                "notes": "",
                "tax_exempt_category": "",
                "customer_group_id": 0,
                "date_created": iso(c.created_at),
                "date_modified": iso(c.created_at),
                "address_count": 1,
                "attribute_count": 0,
                "authentication": {"force_password_reset": false},
                "accepts_product_review_abandoned_cart_emails": false,
                "origin_channel_id": 1,
                "channel_ids": [1],
            });
            if with_addresses {
                v["addresses"] = json!([{
                    "id": id,
                    "customer_id": id,
                    "first_name": a.first_name,
                    "last_name": a.last_name,
                    "company": a.company.clone().unwrap_or_default(),
                    "address1": a.address1,
                    "address2": a.address2.clone().unwrap_or_default(),
                    "city": a.city,
                    "state_or_province": a.province,
                    "postal_code": a.zip,
                    "country": a.country,
                    "country_code": a.country_code,
                    "phone": a.phone.clone().unwrap_or_default(),
                    "address_type": "residential",
                }]);
            }
            v
        })
        .collect();
    let link = |p: u64| format!("?page={p}&limit={limit}");
    let mut links = json!({"current": link(page)});
    if page > 1 {
        links["previous"] = json!(link(page - 1));
    }
    if page < total_pages {
        links["next"] = json!(link(page + 1));
    }
    ok(json!({
        "data": data,
        "meta": {"pagination": {
            "total": total,
            "count": data.len(),
            "per_page": limit,
            "current_page": page,
            "total_pages": total_pages,
            "links": links,
        }},
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_dates_in_v2_formats() {
        assert_eq!(m4(Decimal::new(6984, 2)), "69.8400");
        assert_eq!(m4(Decimal::ZERO), "0.0000");
        let t: Timestamp = "2019-03-05T21:40:11Z".parse().unwrap();
        assert_eq!(rfc2822(t), "Tue, 05 Mar 2019 21:40:11 +0000");
        assert_eq!(parse_date("Tue, 05 Mar 2019 21:40:11 +0000"), Some(t));
        assert_eq!(parse_date("2019-03-05T21:40:11+00:00"), Some(t));
        assert!(parse_date("yesterday").is_none());
    }

    #[test]
    fn ids_start_at_1001_and_statuses_follow_the_seed() {
        let st = State::new(&Options::default());
        let db = lock(&st.db);
        assert_eq!(db.orders[0].id, 1001);
        assert_eq!(db.orders[0].status_id, 14, "order 1001 is partially refunded");
        assert!(db.orders.len() >= 200);
        for o in &db.orders {
            let so = &st.data.orders[o.seed];
            assert_eq!(u64::from(so.number), o.id);
            if so.cancelled_at.is_some() {
                assert_eq!(o.status_id, 5);
            }
        }
    }

    #[test]
    fn quota_window_runs_out_and_resets() {
        let st = State::new(&Options {
            bigcommerce_quota: QuotaSpec { quota: 2, window: Duration::from_millis(80) },
            ..Options::default()
        });
        assert_eq!(st.window.take().left, 1);
        assert_eq!(st.window.take().left, 0);
        let slot = st.window.take();
        assert!(!slot.allowed && slot.left == 0 && slot.reset <= Duration::from_millis(80));
        std::thread::sleep(Duration::from_millis(90));
        assert!(st.window.take().allowed);
    }
}
