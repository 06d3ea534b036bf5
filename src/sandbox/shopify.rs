//! The Shopify Admin GraphQL emulator, mounted at `/shopify/{shop}`.
//!
//! - `POST /shopify/{shop}/admin/oauth/access_token`: the client-credentials grant
//!   (platforms.md §1.2a). Form or JSON body `grant_type=client_credentials&client_id&client_secret`;
//!   answers `{"access_token":"shpat_…","scope":"read_orders,…","expires_in":N}`. Tokens expire
//!   after [`Options::token_ttl`](super::Options); [`demo::SHOPIFY_STATIC_TOKEN`] never does.
//!   The OAuth error bodies (`invalid_client`, `unsupported_grant_type`, RFC 6749 shape) are our
//!   best guess: Shopify does not publish them.
//! - `POST /shopify/{shop}/admin/api/{version}/graphql.json`: `X-Shopify-Access-Token` checked
//!   (401 with Shopify's REST-style body otherwise); versions 2026-01…2026-10 and `unstable` are
//!   served as asked, anything else falls forward to the oldest supported (2026-01), reported
//!   in `X-Shopify-API-Version`. Documents are validated against [`SCHEMA_SDL`], a strict subset
//!   of the official 2026-10 schema; errors come back with HTTP 200 as Shopify sends them. Cost is
//!   computed with [`gql::cost`] and charged to a leaky bucket per token; an empty bucket gives
//!   the THROTTLED error (HTTP 200). Queries above 1000 points get MAX_COST_EXCEEDED.
//!
//! `orders(query:)` understands the search terms shopdesk sends: `name:#1001` / `name:1001`,
//! `email:`, `financial_status:`, `fulfillment_status:` (`shipped`/`fulfilled`, `partial`,
//! `unshipped`, `unfulfilled` = unshipped or partial, `any`), `status:open|closed|cancelled|any`,
//! `created_at:` / `updated_at:` / `processed_at:` with `>=`, `<=`, `>`, `<` or a bare date
//! (that UTC day), `tag:`, `customer_id:`, `id:`, a leading `-` to negate; terms are ANDed,
//! unknown fields are ignored like Shopify does, bare words match name, email or customer name.
//! `OR` and parentheses are not supported.
//!
//! Writes (`Mutation`), stateful for the life of the process (refunds: below): `orderUpdate(input: {id, note})`
//! replaces the note; `fulfillmentCreate(fulfillment: {lineItemsByFulfillmentOrder,
//! trackingInfo, notifyCustomer}, message)` ships the listed fulfillment order line items (all
//! remaining when none are listed) and stores the tracking verbatim. Both show on every later
//! read: the order's `note`, `fulfillments`, `fulfillmentOrders`, line items'
//! `unfulfilledQuantity`, `displayFulfillmentStatus`, `updatedAt`, and `fulfillment_status:`
//! search (and `updated_at:` search and sort). Each order has one fulfillment order (one
//! location), derived from the seed: `OPEN` with nothing shipped, `IN_PROGRESS` after a partial
//! fulfillment [U: our reading of the enum's description], `CLOSED` when nothing remains or the
//! order is cancelled [U]. Mutations need `write_orders` /
//! `write_merchant_managed_fulfillment_orders` and cost 10 plus their selection. Business errors
//! are `userErrors` with HTTP 200; their wording is ours where Shopify does not publish it [U],
//! except the closed fulfillment order ("… has an unfulfillable status= closed.", as seen in the
//! wild). `notifyCustomer` and `message` are accepted and ignored.
//!
//! Refunds: every order has payment `transactions` (a `SALE`, `PENDING` while unpaid; an
//! `AUTHORIZATION` and its `VOID` for voided orders; a `REFUND` child of the sale per refund),
//! `totalReceivedSet` and `totalRefundedShippingSet`; the store has one location (restocks go
//! there). `order.suggestedRefund(refundLineItems, refundShipping, shippingAmount,
//! suggestFullRefund)` prices lines at their unit price less their share of the order discount,
//! plus the order's tax rate (shipping is untaxed, as in the seed), caps quantities and shipping
//! at what is left [U], suggests the restock location for `RETURN`/`CANCEL`, and one
//! `SUGGESTED_REFUND` transaction against the sale; taking everything left takes exactly the
//! refundable balance (rounding goes to tax). `refundCreate(input) @idempotent(key:)` validates
//! (unknown order or line, quantity over what is refundable, restock without a location, shipping
//! or transactions over what is left, a parent that is not the order's sale, a gateway that
//! differs from it, an empty refund → userErrors, wording ours [U]) and then changes the order
//! as Shopify does: `refunds`, `totalRefundedSet` (the money in the refund's transactions),
//! refunded shipping, `currentTotalPriceSet`, `displayFinancialStatus` PARTIALLY_REFUNDED /
//! REFUNDED (and `financial_status:` search), per line `currentQuantity`, `refundableQuantity`,
//! `unfulfilledQuantity` and the fulfillment order's quantities. The key: required from 2026-04
//! (a top-level error without it; optional on 2026-01), never blank; the same key and input
//! answer the first result (the refund is made once, also when two requests race), another
//! input is refused with `IDEMPOTENCY_KEY_PARAMETER_MISMATCH` (Shopify's code; its placement as
//! a top-level error for refundCreate is [U]). Money stays in the emulator: the Stripe/PayPal
//! emulators' payments are not refunded by a store refund.
//!
//! Orders are rendered from the seed on demand, only for the page asked for, so a page costs
//! about the same with `sandbox serve --orders 10000` as with the default 260; an order a write
//! touches is rendered once, kept with its writes, and served from there.
//!
//! Simplifications: the shop currency is the order's currency (shop and presentment money are
//! equal); discounts sit at order level; the 60-day `read_all_orders` rule is not enforced.
//! Money amounts are serialised like Shopify's `Decimal` (`"18.0"`, `"598.94"`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use super::seed::{self, FinancialStatus, Order, Rng, SeedData};
use super::webhooks::{Registry, Subscription};
use super::{Options, Shared, ThrottleSpec, demo};
use crate::gql::{self, FieldSel, Resolver, Schema, TypeRef};

/// The schema subset the emulator serves (SDL).
pub const SCHEMA_SDL: &str = include_str!("shopify.graphql");

/// API versions served as asked; others fall forward to the first.
pub const SUPPORTED_VERSIONS: &[&str] = &["2026-01", "2026-04", "2026-07", "2026-10", "unstable"];

/// Shopify rejects single queries above this cost.
pub const MAX_QUERY_COST: u32 = 1000;

/// The emulator's schema.
pub fn schema() -> Schema {
    Schema::from_sdl(SCHEMA_SDL).expect("shopify.graphql is valid SDL")
}

/// The version Shopify would serve for a request naming `asked`.
pub fn served_version(asked: &str) -> &'static str {
    SUPPORTED_VERSIONS.iter().find(|v| **v == asked).copied().unwrap_or(SUPPORTED_VERSIONS[0])
}

const INVALID_TOKEN: &str = "[API] Invalid API key or access token (unrecognized login or wrong password)";

struct Token {
    expires: Option<Instant>,
    scopes: Vec<String>,
}

struct Bucket {
    available: f64,
    at: Instant,
}

pub(crate) struct State {
    schema: Schema,
    data: SeedData,
    /// Order id → index into `data.orders` (a fulfillment order's id is its order's).
    order_index: HashMap<u64, usize>,
    /// Orders changed by writes (notes, fulfillments), by index into `data.orders`, as Shopify
    /// renders them now; later reads see them. Every other order is rendered from the seed on
    /// demand ([`State::render`]), so a sandbox with 100,000 orders holds the compact seed records
    /// plus only what was written. Reads clone one order under a read lock.
    written: RwLock<HashMap<usize, Json>>,
    /// Customers as JSON, with their order count and amount spent (also embedded in orders).
    customers: Vec<Json>,
    /// Ids for records the emulator creates (fulfillments, refunds and their line items).
    next_id: AtomicU64,
    /// `refundCreate` idempotency keys → (the input first sent with the key, the payload it got).
    idempotency: Mutex<HashMap<String, (Json, Json)>>,
    tokens: Mutex<HashMap<String, Token>>,
    buckets: Mutex<HashMap<String, Bucket>>,
    issued: AtomicU64,
    seed: u64,
    ttl: std::time::Duration,
    throttle: ThrottleSpec,
}

impl State {
    fn read_orders(&self) -> RwLockReadGuard<'_, HashMap<usize, Json>> {
        self.written.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write_orders(&self) -> RwLockWriteGuard<'_, HashMap<usize, Json>> {
        self.written.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The index of the order a gid of `kind` (`Order`, `FulfillmentOrder`) names.
    fn index_of(&self, gid: &str, kind: &str) -> Option<usize> {
        let n = gid.strip_prefix("gid://shopify/")?.strip_prefix(kind)?.strip_prefix('/')?;
        self.order_index.get(&gid_number(n)?).copied()
    }

    /// Order `i` (an index into the seed data) in Shopify's shape, as seeded: no writes.
    fn render(&self, i: usize) -> Json {
        let o = &self.data.orders[i];
        order_json(o, &self.data.customers[o.customer], &self.customers[o.customer])
    }

    /// Order `i` as it is now: its written state if a write touched it, else the seed's.
    /// `written` is a guard from [`State::read_orders`] or [`State::write_orders`].
    fn current<'a>(&self, written: &'a HashMap<usize, Json>, i: usize) -> Cow<'a, Json> {
        match written.get(&i) {
            Some(o) => Cow::Borrowed(o),
            None => Cow::Owned(self.render(i)),
        }
    }

    /// Order `i` as it is now, for a write: rendered into `written` on its first write.
    fn current_mut<'a>(&self, written: &'a mut HashMap<usize, Json>, i: usize) -> &'a mut Json {
        written.entry(i).or_insert_with(|| self.render(i))
    }

    pub(crate) fn new(opts: &Options) -> State {
        let data = seed::Store::Shopify.data(opts.seed, opts.orders);
        // One pass for the per-customer totals; orders are rendered on demand (`render`), so a
        // sandbox with 100,000 orders holds only the compact seed records.
        let mut totals = vec![(0usize, Decimal::ZERO); data.customers.len()];
        for o in &data.orders {
            let t = &mut totals[o.customer];
            t.0 += 1;
            if o.cancelled_at.is_none() && o.financial_status != FinancialStatus::Pending {
                t.1 += o.current_total();
            }
        }
        let customers = data
            .customers
            .iter()
            .zip(totals)
            .map(|(c, (count, spent))| customer_json(c, count, spent))
            .collect();
        let order_index = data.orders.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        let mut tokens = HashMap::new();
        tokens.insert(
            demo::SHOPIFY_STATIC_TOKEN.to_string(),
            Token { expires: None, scopes: demo::SHOPIFY_SCOPES.iter().map(|s| s.to_string()).collect() },
        );
        State {
            schema: schema(),
            data,
            written: RwLock::new(HashMap::new()),
            order_index,
            customers,
            next_id: AtomicU64::new(7_100_000_000 + (opts.seed % 1000) * 1_000_000),
            idempotency: Mutex::new(HashMap::new()),
            tokens: Mutex::new(tokens),
            buckets: Mutex::new(HashMap::new()),
            issued: AtomicU64::new(0),
            seed: opts.seed,
            ttl: opts.token_ttl,
            throttle: opts.throttle,
        }
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/shopify/{shop}/admin/oauth/access_token", post(access_token))
        .route("/shopify/{shop}/admin/api/{version}/graphql.json", post(graphql))
}

fn json_response(status: StatusCode, body: Json) -> Response {
    (status, axum::Json(body)).into_response()
}

fn not_found() -> Response {
    json_response(StatusCode::NOT_FOUND, json!({"errors": "Not Found"}))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    json_response(status, json!({"error": error, "error_description": description}))
}

async fn access_token(
    AxState(s): AxState<Arc<Shared>>,
    Path(shop): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if shop != demo::SHOPIFY_SHOP {
        return not_found();
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let params: HashMap<String, String> = if is_json {
        match serde_json::from_slice::<Json>(&body) {
            Ok(Json::Object(o)) => {
                o.into_iter().filter_map(|(k, v)| Some((k, v.as_str()?.to_string()))).collect()
            }
            _ => {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "The request body is not valid JSON.",
                );
            }
        }
    } else {
        url::form_urlencoded::parse(&body).into_owned().collect()
    };
    match params.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing required parameter: grant_type.",
            );
        }
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "The sandbox supports only the client_credentials grant.",
            );
        }
    }
    let ok = params.get("client_id").map(String::as_str) == Some(demo::SHOPIFY_CLIENT_ID)
        && params.get("client_secret").map(String::as_str) == Some(demo::SHOPIFY_CLIENT_SECRET);
    if !ok {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
        );
    }
    let st = &s.shopify;
    let n = st.issued.fetch_add(1, Ordering::SeqCst) + 1;
    let mut rng = Rng::new(st.seed ^ n.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ 0x70CE);
    let token = format!("shpat_{:016x}{:016x}", rng.next_u64(), rng.next_u64());
    let scopes: Vec<String> = demo::SHOPIFY_SCOPES.iter().map(|s| s.to_string()).collect();
    let body = json!({
        "access_token": token,
        "scope": scopes.join(","),
        "expires_in": st.ttl.as_secs(),
    });
    st.tokens
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(token, Token { expires: Some(Instant::now() + st.ttl), scopes });
    json_response(StatusCode::OK, body)
}

async fn graphql(
    AxState(s): AxState<Arc<Shared>>,
    Path((shop, version)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let served = served_version(&version);
    let mut resp = graphql_inner(&s, &shop, served, &headers, &body);
    resp.headers_mut().insert("x-shopify-api-version", HeaderValue::from_static(served));
    resp
}

fn graphql_inner(s: &Shared, shop: &str, version: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let st = &s.shopify;
    if shop != demo::SHOPIFY_SHOP {
        return not_found();
    }
    let token = headers.get("x-shopify-access-token").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let scopes = {
        let mut tokens = st.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        tokens.retain(|_, t| t.expires.is_none_or(|e| e > now));
        match tokens.get(token) {
            Some(t) => t.scopes.clone(),
            None => {
                return json_response(StatusCode::UNAUTHORIZED, json!({"errors": INVALID_TOKEN}));
            }
        }
    };
    let is_graphql = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/graphql"));
    let (query, variables, op_name) = if is_graphql {
        (String::from_utf8_lossy(body).into_owned(), Json::Null, None)
    } else {
        let parsed: Json = serde_json::from_slice(body).unwrap_or(Json::Null);
        match parsed.get("query").and_then(Json::as_str) {
            Some(q) => (
                q.to_string(),
                parsed.get("variables").cloned().unwrap_or(Json::Null),
                parsed.get("operationName").and_then(Json::as_str).map(str::to_string),
            ),
            None => {
                return json_response(
                    StatusCode::BAD_REQUEST,
                    json!({"errors": {"query": "Required parameter missing or invalid"}}),
                );
            }
        }
    };
    let op = match gql::validate(&st.schema, &query, &variables, op_name.as_deref()) {
        Ok(op) => op,
        Err(errors) => {
            return json_response(
                StatusCode::OK,
                json!({"errors": errors.iter().map(|e| e.to_json()).collect::<Vec<_>>()}),
            );
        }
    };
    let requested = gql::cost(&st.schema, &op);
    if requested > MAX_QUERY_COST {
        let e = gql::GqlError::new(format!(
            "Query cost is {requested}, which exceeds the single query max cost limit ({MAX_QUERY_COST}).\n\n\
             See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n\
             cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\n\
             See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n"
        ))
        .code("MAX_COST_EXCEEDED")
        .ext("cost", json!(requested))
        .ext("maxCost", json!(MAX_QUERY_COST));
        return json_response(StatusCode::OK, json!({"errors": [e.to_json()]}));
    }
    let (throttle_forever, denied) = {
        let c = s.control();
        (c.throttle_forever, c.denied_scopes.clone())
    };
    // Leaky bucket per token.
    let available = {
        let mut buckets = st.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let max = st.throttle.maximum_available;
        let b = buckets.entry(token.to_string()).or_insert(Bucket { available: max, at: now });
        b.available =
            (b.available + now.duration_since(b.at).as_secs_f64() * st.throttle.restore_rate).min(max);
        b.at = now;
        if throttle_forever || f64::from(requested) > b.available {
            Err(b.available)
        } else {
            b.available -= f64::from(requested);
            Ok(b.available)
        }
    };
    let throttle_status = |available: f64| {
        json!({
            "maximumAvailable": st.throttle.maximum_available,
            "currentlyAvailable": (available * 10.0).floor() / 10.0,
            "restoreRate": st.throttle.restore_rate,
        })
    };
    let available = match available {
        Ok(a) => a,
        Err(a) => {
            return json_response(
                StatusCode::OK,
                json!({
                    "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
                    "extensions": {"cost": {"requestedQueryCost": requested, "actualQueryCost": null, "throttleStatus": throttle_status(a)}}
                }),
            );
        }
    };
    let cost = json!({"requestedQueryCost": requested, "actualQueryCost": requested, "throttleStatus": throttle_status(available)});
    // Access scopes per root field.
    let mut access_errors = Vec::new();
    for sel in &op.selection {
        let needed = match sel.field.name.as_str() {
            "order" | "orders" => Some("read_orders"),
            "customer" | "customers" => Some("read_customers"),
            "orderUpdate" => Some("write_orders"),
            "fulfillmentCreate" => Some("write_merchant_managed_fulfillment_orders"),
            "refundCreate" => Some("write_orders"),
            _ => None,
        };
        if let Some(scope) = needed
            && (denied.iter().any(|d| d == scope) || !scopes.iter().any(|s| s == scope))
        {
            access_errors.push(
                gql::GqlError::new(format!(
                    "Access denied for {} field. Required access: `{scope}` access scope.",
                    sel.field.name
                ))
                .at(sel.field.line, sel.field.column)
                .path(vec![json!(sel.field.response_key)])
                .code("ACCESS_DENIED")
                .ext("documentation", json!("https://shopify.dev/api/usage/access-scopes"))
                .ext("requiredAccess", json!(format!("`{scope}` access scope."))),
            );
        }
    }
    if !access_errors.is_empty() {
        return json_response(
            StatusCode::OK,
            json!({"errors": access_errors.iter().map(|e| e.to_json()).collect::<Vec<_>>(), "data": null, "extensions": {"cost": cost}}),
        );
    }
    // A denied scope is one the app was not granted: it is also missing from accessScopes.
    let granted: Vec<String> = scopes.iter().filter(|s| !denied.contains(s)).cloned().collect();
    // `@idempotent` on refundCreate: required from 2026-04, and a key already used with other
    // input is refused before anything runs.
    let idem_errors: Vec<Json> = op
        .selection
        .iter()
        .filter(|sel| sel.field.name == "refundCreate")
        .filter_map(|sel| idempotency_error(st, &sel.field, version))
        .map(|e| e.to_json())
        .collect();
    if !idem_errors.is_empty() {
        return json_response(
            StatusCode::OK,
            json!({"errors": idem_errors, "data": null, "extensions": {"cost": cost}}),
        );
    }
    let resolver = Resolve { st, scopes: &granted, hooks: &s.webhooks };
    let (data, errors) = gql::execute(&st.schema, &op, &Json::Object(Default::default()), &resolver);
    let mut out = serde_json::Map::new();
    if !errors.is_empty() {
        out.insert("errors".into(), errors.iter().map(|e| e.to_json()).collect());
    }
    out.insert("data".into(), data);
    out.insert("extensions".into(), json!({"cost": cost}));
    json_response(StatusCode::OK, Json::Object(out))
}

struct Resolve<'a> {
    st: &'a State,
    hooks: &'a Registry,
    scopes: &'a [String],
}

/// The numeric tail of a gid (`gid://shopify/Order/123?x=y` → 123).
fn gid_number(gid: &str) -> Option<u64> {
    gid.rsplit('/').next()?.split('?').next()?.parse().ok()
}

/// The cursor of a node sorted by its gid.
fn gid_cursor(id: &Json) -> String {
    cursor(id.as_str().and_then(gid_number).unwrap_or_default(), id)
}

/// The `last_id` inside a cursor made by [`cursor`].
fn cursor_id(c: &str) -> Option<u64> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(c).ok()?;
    serde_json::from_slice::<Json>(&bytes).ok()?["last_id"].as_u64()
}

fn cursor(last_id: u64, value: &Json) -> String {
    let c = json!({"last_id": last_id, "last_value": value});
    base64::engine::general_purpose::STANDARD.encode(c.to_string())
}

impl Resolver for Resolve<'_> {
    fn resolve(&self, parent_type: &str, f: &FieldSel, parent: &Json) -> Option<Result<Json, String>> {
        let st = self.st;
        if parent_type == "QueryRoot" {
            return Some(match f.name.as_str() {
                "order" => Ok(f
                    .arg_str("id")
                    .and_then(|id| st.index_of(id, "Order"))
                    .map_or(Json::Null, |i| st.current(&st.read_orders(), i).into_owned())),
                "customer" => Ok(f
                    .arg_str("id")
                    .filter(|id| id.starts_with("gid://shopify/Customer/"))
                    .and_then(gid_number)
                    .and_then(|n| st.data.customers.iter().position(|c| c.id == n))
                    .map_or(Json::Null, |i| st.customers[i].clone())),
                "orders" => self.orders(f),
                "customers" => self.customers(f),
                "webhookSubscriptions" => {
                    let subs: Vec<Json> = self.hooks.list("shopify").iter().map(webhook_json).collect();
                    gql::connection(&subs, f, 250, &|n| gid_cursor(&n["id"]))
                }
                "shop" => Ok(json!({
                    "id": "gid://shopify/Shop/68817551382",
                    "name": "Demo Store",
                    "myshopifyDomain": format!("{}.myshopify.com", demo::SHOPIFY_SHOP),
                    "email": "owner@demo-store.example.com",
                    "currencyCode": "USD",
                    "ianaTimezone": "Etc/UTC",
                })),
                "currentAppInstallation" => Ok(json!({
                    "id": "gid://shopify/AppInstallation/512345678",
                    "accessScopes": self.scopes.iter().map(|s| json!({"handle": s, "description": scope_description(s)})).collect::<Vec<_>>(),
                })),
                _ => Ok(Json::Null),
            });
        }
        if parent_type == "Mutation" {
            return Some(Ok(match f.name.as_str() {
                "orderUpdate" => emitted(self.hooks, st, order_update(st, f)),
                "fulfillmentCreate" => emitted(self.hooks, st, fulfillment_create(st, f)),
                "refundCreate" => refund_create(st, self.hooks, f),
                "webhookSubscriptionCreate" => webhook_create(self.hooks, f),
                "webhookSubscriptionDelete" => webhook_delete(self.hooks, f),
                _ => Json::Null,
            }));
        }
        if parent_type == "Order" && f.name == "suggestedRefund" {
            let Some(i) = parent["id"].as_str().and_then(|id| st.index_of(id, "Order")) else {
                return Some(Ok(Json::Null));
            };
            return Some(suggested_refund(st, i, parent, f));
        }
        let def = st.schema.get(parent_type)?.field(&f.name)?;
        let raw = parent.get(&f.name)?;
        let items = raw.as_array()?;
        if def.ty.base().ends_with("Connection") {
            return Some(gql::connection(items, f, 250, &|n| gid_cursor(&n["id"])));
        }
        if matches!(def.ty.nullable(), TypeRef::List(_))
            && let Some(first) = f.arg_i64("first")
        {
            if first > 250 {
                return Some(Err("The 'first' argument cannot exceed 250.".to_string()));
            }
            return Some(Ok(Json::Array(items.iter().take(first.max(0) as usize).cloned().collect())));
        }
        None
    }
}

fn scope_description(s: &str) -> &'static str {
    match s {
        "read_orders" | "read_all_orders" => "Read orders, transactions, and fulfillments",
        "write_orders" => "Modify orders, transactions, and fulfillments",
        "read_customers" => "Read customer details and customer groups",
        _ => "Read and modify fulfillment orders",
    }
}

impl Resolve<'_> {
    fn orders(&self, f: &FieldSel) -> Result<Json, String> {
        let st = self.st;
        let terms = parse_search(f.arg_str("query").unwrap_or_default());
        // One read lock for the whole request: the filter, the sort and the page see the same
        // writes. Orders no write touched are filtered and sorted on their seed records.
        let written = st.read_orders();
        let mut idx: Vec<usize> = (0..st.data.orders.len())
            .filter(|&i| {
                let (o, cur) = (&st.data.orders[i], written.get(&i));
                terms.iter().all(|t| t.matches(&st.data, o, cur))
            })
            .collect();
        let key = f.arg_str("sortKey").unwrap_or("PROCESSED_AT");
        let updated = |i: usize| written.get(&i).map_or_else(|| st.data.orders[i].updated_at(), updated_at);
        let sort_value = |i: usize| -> Json {
            let o = &st.data.orders[i];
            match key {
                "ID" => json!(o.id),
                "ORDER_NUMBER" => json!(o.number),
                "UPDATED_AT" => ts(updated(i)),
                _ => ts(o.created_at),
            }
        };
        match key {
            "UPDATED_AT" => idx.sort_by_key(|&i| (updated(i), st.data.orders[i].id)),
            "ID" => idx.sort_by_key(|&i| st.data.orders[i].id),
            _ => idx.sort_by_key(|&i| (st.data.orders[i].created_at, st.data.orders[i].id)),
        }
        // Only the page is rendered: cursors and order JSON are made for its orders alone (a
        // written order is cloned from `written`, any other rendered from the seed), and a cursor
        // is found by the order id inside it, so a page costs about the same at 10,000 orders as
        // at 260.
        let selected = |name: &str| f.selection.iter().any(|s| s.field.name == name);
        let want_orders = selected("edges") || selected("nodes");
        let cursor_at = |p: usize| cursor(st.data.orders[idx[p]].id, &sort_value(idx[p]));
        let find = |c: &str| {
            let id = cursor_id(c)?;
            let p = idx.iter().position(|&i| st.data.orders[i].id == id)?;
            (cursor_at(p) == c).then_some(p)
        };
        gql::connection_with(
            idx.len(),
            f,
            250,
            &cursor_at,
            &|p| if want_orders { st.current(&written, idx[p]).into_owned() } else { Json::Null },
            &find,
        )
    }

    fn customers(&self, f: &FieldSel) -> Result<Json, String> {
        let st = self.st;
        let q = f.arg_str("query").unwrap_or_default().to_lowercase();
        let items: Vec<Json> = st
            .data
            .customers
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                q.split_whitespace().all(|t| match t.split_once(':') {
                    Some(("email", v)) => c.email.eq_ignore_ascii_case(v.trim_matches('"')),
                    Some(("first_name", v)) => c.first_name.eq_ignore_ascii_case(v),
                    Some(("last_name", v)) => c.last_name.eq_ignore_ascii_case(v),
                    Some(("id", v)) => c.id.to_string() == v,
                    Some(_) => true,
                    None => {
                        c.email.to_lowercase().contains(t)
                            || c.first_name.to_lowercase().contains(t)
                            || c.last_name.to_lowercase().contains(t)
                    }
                })
            })
            .map(|(i, _)| st.customers[i].clone())
            .collect();
        gql::connection(&items, f, 250, &|n| gid_cursor(&n["id"]))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cmp {
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone)]
struct Term {
    negate: bool,
    field: Option<String>,
    cmp: Cmp,
    value: String,
}

fn parse_search(q: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = q.trim();
    while !rest.is_empty() {
        // One token, honouring double quotes in the value.
        let mut end = rest.len();
        let mut in_quotes = false;
        for (i, ch) in rest.char_indices() {
            match ch {
                '"' => in_quotes = !in_quotes,
                c if c.is_whitespace() && !in_quotes => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let tok = &rest[..end];
        rest = rest[end..].trim_start();
        if tok.eq_ignore_ascii_case("AND") {
            continue;
        }
        let (negate, tok) = match tok.strip_prefix('-') {
            Some(t) => (true, t),
            None => (false, tok),
        };
        let (field, value) = match tok.split_once(':') {
            Some((f, v)) => (Some(f.to_lowercase()), v),
            None => (None, tok),
        };
        let (cmp, value) = if let Some(v) = value.strip_prefix(">=") {
            (Cmp::Ge, v)
        } else if let Some(v) = value.strip_prefix("<=") {
            (Cmp::Le, v)
        } else if let Some(v) = value.strip_prefix('>') {
            (Cmp::Gt, v)
        } else if let Some(v) = value.strip_prefix('<') {
            (Cmp::Lt, v)
        } else {
            (Cmp::Eq, value)
        };
        terms.push(Term { negate, field, cmp, value: value.trim_matches('"').to_string() });
    }
    terms
}

/// A date (`2026-01-01`, a UTC day) or a timestamp, as the range `[start, end)`.
fn time_range(v: &str) -> Option<(Timestamp, Timestamp)> {
    // Shopify's docs quote timestamps: created_at:>='2020-10-21T23:39:20Z'.
    let v = v.trim_matches(|c| c == '\'' || c == '"');
    if let Ok(t) = v.parse::<Timestamp>() {
        return Some((t, t + SignedDuration::from_secs(1)));
    }
    let d: jiff::civil::Date = v.parse().ok()?;
    let start = d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok()?.timestamp();
    Some((start, start + SignedDuration::from_hours(24)))
}

impl Term {
    /// `o` is the seed order; `cur` its current rendering when a write touched it (it carries the
    /// emulator's writes), `None` when the seed record is current.
    fn matches(&self, data: &SeedData, o: &Order, cur: Option<&Json>) -> bool {
        let m = self.matches_plain(data, o, cur);
        if self.negate { !m } else { m }
    }

    fn matches_plain(&self, data: &SeedData, o: &Order, cur: Option<&Json>) -> bool {
        let v = self.value.to_lowercase();
        let Some(field) = &self.field else {
            let c = &data.customers[o.customer];
            return o.name().to_lowercase() == v
                || o.number.to_string() == v
                || o.email.to_lowercase().contains(&v)
                || c.first_name.to_lowercase() == v
                || c.last_name.to_lowercase() == v;
        };
        match field.as_str() {
            "name" => v.trim_start_matches('#') == o.number.to_string(),
            "email" => o.email.eq_ignore_ascii_case(&v),
            "id" => o.id.to_string() == v,
            "customer_id" => data.customers[o.customer].id.to_string() == v,
            "tag" => o.tags.iter().any(|t| t.eq_ignore_ascii_case(&v)),
            "financial_status" => {
                // A refund made here changes it: a written order answers with what it shows now.
                let fs = match cur.and_then(|c| c["displayFinancialStatus"].as_str()) {
                    Some(d) => d.to_lowercase(),
                    None => o.financial_status.snake().to_string(),
                };
                match v.as_str() {
                    "any" => true,
                    "unpaid" => fs == "pending",
                    s => fs == s,
                }
            }
            "fulfillment_status" => {
                let display = match cur {
                    Some(c) => c["displayFulfillmentStatus"].as_str(),
                    None => Some(display_fulfillment_status(o)),
                };
                let fs = match display {
                    Some("FULFILLED") => "fulfilled",
                    Some("PARTIALLY_FULFILLED") => "partial",
                    _ => "unfulfilled",
                };
                match v.as_str() {
                    "any" => true,
                    "shipped" | "fulfilled" => fs == "fulfilled",
                    "partial" => fs == "partial",
                    "unshipped" => fs == "unfulfilled",
                    "unfulfilled" => fs != "fulfilled",
                    _ => false,
                }
            }
            "status" => match v.as_str() {
                "open" => o.closed_at.is_none() && o.cancelled_at.is_none(),
                "closed" => o.closed_at.is_some(),
                "cancelled" => o.cancelled_at.is_some(),
                _ => true,
            },
            "created_at" | "processed_at" | "updated_at" => {
                let t = match (field.as_str(), cur) {
                    ("updated_at", Some(c)) => updated_at(c),
                    ("updated_at", None) => o.updated_at(),
                    _ => o.created_at,
                };
                let Some((start, end)) = time_range(&self.value) else {
                    return true;
                };
                match self.cmp {
                    Cmp::Eq => t >= start && t < end,
                    Cmp::Ge => t >= start,
                    Cmp::Gt => t >= end,
                    Cmp::Le => t < end,
                    Cmp::Lt => t < start,
                }
            }
            // Shopify ignores fields it does not know.
            _ => true,
        }
    }
}

/// A Shopify `Decimal`: trailing zeros dropped, at least one decimal (`18.0`, `598.94`).
pub fn decimal_string(d: Decimal) -> String {
    let n = d.normalize();
    if n.scale() == 0 { format!("{n}.0") } else { n.to_string() }
}

fn money(d: Decimal, currency: &str) -> Json {
    json!({"amount": decimal_string(d), "currencyCode": currency})
}

fn bag(d: Decimal, currency: &str) -> Json {
    obj([("shopMoney", money(d, currency)), ("presentmentMoney", money(d, currency))])
}

/// A JSON object from values already built: `json!` would serialise each of them again, which
/// made rendering an order (it nests dozens of these) the slowest part of a page.
fn obj<const N: usize>(fields: [(&str, Json); N]) -> Json {
    Json::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn ts(t: Timestamp) -> Json {
    json!(t.to_string())
}

fn opt_ts(t: Option<Timestamp>) -> Json {
    t.map_or(Json::Null, ts)
}

fn address_json(a: &seed::Address, id: u64) -> Json {
    json!({
        "id": format!("gid://shopify/MailingAddress/{id}?model_name=Address"),
        "address1": a.address1,
        "address2": a.address2,
        "city": a.city,
        "company": a.company,
        "country": a.country,
        "countryCodeV2": a.country_code,
        "firstName": a.first_name,
        "lastName": a.last_name,
        "name": format!("{} {}", a.first_name, a.last_name),
        "phone": a.phone,
        "province": a.province,
        "provinceCode": a.province_code,
        "zip": a.zip,
    })
}

/// `orders`: how many orders the customer has; `spent`: their current totals, leaving out
/// cancelled and pending orders.
fn customer_json(c: &seed::Customer, orders: usize, spent: Decimal) -> Json {
    json!({
        "id": format!("gid://shopify/Customer/{}", c.id),
        "firstName": c.first_name,
        "lastName": c.last_name,
        "displayName": format!("{} {}", c.first_name, c.last_name),
        "email": c.email,
        "phone": c.phone,
        "defaultEmailAddress": { "emailAddress": c.email },
        "defaultPhoneNumber": c.phone.as_ref().map(|p| json!({ "phoneNumber": p })),
        "defaultAddress": address_json(&c.address, c.id + 1),
        "numberOfOrders": orders.to_string(),
        "amountSpent": money(spent, c.currency),
        "createdAt": ts(c.created_at),
    })
}

/// `customer`: the order's customer `c` as [`customer_json`] renders it.
fn order_json(o: &Order, c: &seed::Customer, customer: &Json) -> Json {
    let cur = o.currency;
    let line_items: Vec<Json> = o
        .line_items
        .iter()
        .enumerate()
        .map(|(i, li)| {
            let refunded = o.refunded_quantity(i);
            let current = li.quantity.saturating_sub(refunded);
            json!({
                "id": format!("gid://shopify/LineItem/{}", li.id),
                "name": li.name(),
                "title": li.title,
                "variantTitle": li.variant_title,
                "sku": li.sku,
                "quantity": li.quantity,
                "currentQuantity": current,
                "refundableQuantity": if o.cancelled_at.is_some() { 0 } else { current },
                "unfulfilledQuantity": current.saturating_sub(o.fulfilled_quantity(i)),
                "originalUnitPriceSet": bag(li.unit_price, cur),
                "originalTotalSet": bag(li.total(), cur),
                "discountedTotalSet": bag(li.total(), cur),
            })
        })
        .collect();
    let fulfillments: Vec<Json> = o
        .fulfillments
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let display = if f.delivered_at.is_some() {
                "DELIVERED"
            } else if f.in_transit_at.is_some() {
                "IN_TRANSIT"
            } else {
                "CONFIRMED"
            };
            json!({
                "id": format!("gid://shopify/Fulfillment/{}", f.id),
                "name": format!("{}-F{}", o.name(), n + 1),
                "status": "SUCCESS",
                "displayStatus": display,
                "createdAt": ts(f.created_at),
                "updatedAt": ts(f.updated_at()),
                "deliveredAt": opt_ts(f.delivered_at),
                "estimatedDeliveryAt": opt_ts(f.estimated_delivery_at),
                "inTransitAt": opt_ts(f.in_transit_at),
                "trackingInfo": [{"company": f.carrier.company(), "number": f.tracking_number, "url": f.tracking_url}],
                "fulfillmentLineItems": f.lines.iter().map(|l| json!({
                    "id": format!("gid://shopify/FulfillmentLineItem/{}", l.id),
                    "lineItem": line_items[l.line_item],
                    "quantity": l.quantity,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let refunds: Vec<Json> = o
        .refunds
        .iter()
        .map(|r| {
            json!({
                "id": format!("gid://shopify/Refund/{}", r.id),
                "createdAt": ts(r.created_at),
                "note": r.note,
                "totalRefundedSet": bag(r.total(), cur),
                "refundLineItems": r.lines.iter().map(|l| json!({
                    "id": format!("gid://shopify/RefundLineItem/{}", l.id),
                    "lineItem": line_items[l.line_item],
                    "quantity": l.quantity,
                    "restockType": l.restock_type.to_uppercase(),
                    "restocked": l.restock_type != "no_restock",
                    "priceSet": bag(o.line_items[l.line_item].unit_price, cur),
                    "subtotalSet": bag(l.subtotal, cur),
                    "totalTaxSet": bag(l.tax, cur),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let fulfillment_status = display_fulfillment_status(o);
    let address = address_json(&o.shipping_address, c.id + 1);
    let fulfillment_order = fulfillment_order_json(o, &line_items);
    let mut order = json!({
        "id": format!("gid://shopify/Order/{}", o.id),
        "legacyResourceId": o.id.to_string(),
        "name": o.name(),
        "number": o.number,
        "email": o.email,
        "phone": o.phone,
        "createdAt": ts(o.created_at),
        "updatedAt": ts(o.updated_at()),
        "processedAt": ts(o.created_at),
        "closed": o.closed_at.is_some(),
        "closedAt": opt_ts(o.closed_at),
        "cancelledAt": opt_ts(o.cancelled_at),
        "cancelReason": o.cancel_reason,
        "displayFinancialStatus": o.financial_status.snake().to_uppercase(),
        "displayFulfillmentStatus": fulfillment_status,
        "currencyCode": cur,
        "note": o.note,
        "tags": o.tags,
        "test": o.test,
        "paymentGatewayNames": [o.gateway],
        "subtotalLineItemsQuantity": o.line_items.iter().map(|l| l.quantity).sum::<u32>(),
    });
    let m = order.as_object_mut().expect("an object");
    for (k, v) in [
        ("customer", customer.clone()),
        ("shippingAddress", address.clone()),
        ("billingAddress", address),
        ("subtotalPriceSet", bag(o.subtotal(), cur)),
        ("totalPriceSet", bag(o.total(), cur)),
        ("totalTaxSet", bag(o.tax(), cur)),
        ("totalDiscountsSet", bag(o.discount, cur)),
        ("totalShippingPriceSet", bag(o.shipping_line.price, cur)),
        ("totalRefundedSet", bag(o.total_refunded(), cur)),
        ("totalReceivedSet", bag(received(o), cur)),
        ("totalRefundedShippingSet", bag(o.refunds.iter().map(|r| r.shipping).sum(), cur)),
        ("transactions", Json::Array(transactions_json(o))),
        ("totalOutstandingSet", bag(o.outstanding(), cur)),
        ("currentTotalPriceSet", bag(o.current_total(), cur)),
        ("lineItems", Json::Array(line_items)),
        ("fulfillments", Json::Array(fulfillments)),
        ("refunds", Json::Array(refunds)),
        ("fulfillmentOrders", Json::Array(vec![fulfillment_order])),
    ] {
        m.insert(k.to_string(), v);
    }
    order
}

/// The seed order's `displayFulfillmentStatus` (writes change it in the written rendering).
fn display_fulfillment_status(o: &Order) -> &'static str {
    match o.fulfillment_status() {
        "fulfilled" => "FULFILLED",
        "partial" => "PARTIALLY_FULFILLED",
        _ => "UNFULFILLED",
    }
}

/// The order's one fulfillment order (the sandbox store has a single location). Its id is the
/// order's id, its line items' ids are the line items'. Status: `CLOSED` once nothing remains
/// (or the order is cancelled), `IN_PROGRESS` after a partial fulfillment, `OPEN` before any.
fn fulfillment_order_json(o: &Order, line_items: &[Json]) -> Json {
    let cancelled = o.cancelled_at.is_some();
    let items: Vec<Json> = o
        .line_items
        .iter()
        .enumerate()
        .map(|(i, li)| {
            let total = li.quantity.saturating_sub(o.refunded_quantity(i));
            let remaining = if cancelled { 0 } else { total.saturating_sub(o.fulfilled_quantity(i)) };
            obj([
                ("id", json!(format!("gid://shopify/FulfillmentOrderLineItem/{}", li.id))),
                ("lineItem", line_items[i].clone()),
                ("sku", json!(li.sku)),
                ("productTitle", json!(li.title)),
                ("variantTitle", json!(li.variant_title)),
                ("totalQuantity", json!(total)),
                ("remainingQuantity", json!(remaining)),
            ])
        })
        .collect();
    let any_fulfilled = !o.fulfillments.is_empty();
    let status = fulfillment_order_status(cancelled, &items, any_fulfilled);
    let updated =
        o.fulfillments.iter().map(|f| f.created_at).chain(o.cancelled_at).max().unwrap_or(o.created_at);
    obj([
        ("id", json!(format!("gid://shopify/FulfillmentOrder/{}", o.id))),
        ("status", json!(status)),
        ("createdAt", ts(o.created_at)),
        ("updatedAt", ts(updated)),
        ("orderId", json!(format!("gid://shopify/Order/{}", o.id))),
        ("orderName", json!(o.name())),
        ("lineItems", Json::Array(items)),
    ])
}

fn fulfillment_order_status(cancelled: bool, items: &[Json], any_fulfilled: bool) -> &'static str {
    let remaining: u64 = items.iter().filter_map(|l| l["remainingQuantity"].as_u64()).sum();
    if cancelled || remaining == 0 {
        "CLOSED"
    } else if any_fulfilled {
        "IN_PROGRESS"
    } else {
        "OPEN"
    }
}

/// Now, to the second, as Shopify renders times.
fn now() -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second()).unwrap_or_else(|_| Timestamp::now())
}

/// An order's current `updatedAt`.
fn updated_at(order: &Json) -> Timestamp {
    order["updatedAt"].as_str().and_then(|t| t.parse().ok()).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn user_error(field: &[&str], message: impl Into<String>) -> Json {
    json!({"field": field, "message": message.into()})
}

/// Shopify caps an order's note at 5000 characters.
const NOTE_MAX_CHARS: usize = 5000;

/// A subscription as the `WebhookSubscription` object (the topic as the GraphQL enum).
fn webhook_json(w: &Subscription) -> Json {
    json!({
        "id": w.id, "topic": w.topics.first().map(|t| enum_topic(t)), "uri": w.address, "format": "JSON",
        "includeFields": [], "filter": null, "name": null,
        "createdAt": ts(w.created_at), "updatedAt": ts(w.created_at),
    })
}

/// `webhookSubscriptionCreate(topic, webhookSubscription: {uri, format})`: deliveries are
/// signed with the app's client secret (platforms.md §1.8), so that is the registry's secret.
/// A missing `uri` or a second subscription of the same topic and address is a user error, as
/// on Shopify ("Address for this topic has already been taken").
fn webhook_create(hooks: &Registry, f: &FieldSel) -> Json {
    let topic = rest_topic(f.arg_str("topic").unwrap_or_default());
    let input = f.arg("webhookSubscription").cloned().unwrap_or(Json::Null);
    let fail = |field: &str, m: &str| json!({"webhookSubscription": null, "userErrors": [user_error(&["webhookSubscription", field], m)]});
    let uri = match input["uri"].as_str() {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => u.to_string(),
        Some(_) => return fail("uri", "Address is invalid"),
        None => return fail("uri", "Address can't be blank"),
    };
    if hooks.list("shopify").iter().any(|w| w.address == uri && w.topics.first() == Some(&topic)) {
        return fail("uri", "Address for this topic has already been taken");
    }
    let sub = hooks.add(Subscription {
        id: format!("gid://shopify/WebhookSubscription/{}", 1_000_000 + hooks.next_number()),
        vendor: "shopify",
        topics: vec![topic],
        address: uri,
        secret: Some(demo::SHOPIFY_CLIENT_SECRET.to_string()),
        active: true,
        failures: 0,
        created_at: now(),
        extra: json!({"format": input["format"].as_str().unwrap_or("JSON")}),
    });
    json!({"webhookSubscription": webhook_json(&sub), "userErrors": []})
}

fn webhook_delete(hooks: &Registry, f: &FieldSel) -> Json {
    let id = f.arg_str("id").unwrap_or_default();
    if hooks.remove("shopify", id) {
        json!({"deletedWebhookSubscriptionId": id, "userErrors": []})
    } else {
        json!({"deletedWebhookSubscriptionId": null, "userErrors": [user_error(&["id"], "Webhook subscription does not exist")]})
    }
}

/// A `WebhookSubscriptionTopic` enum value (`ORDERS_CREATE`) in the spelling deliveries carry
/// in `X-Shopify-Topic` (`orders/create`): the registry keeps that one, since it is what
/// [`super::webhooks`] matches events against. The last `_` separates resource and action
/// (`ORDER_TRANSACTIONS_CREATE` → `order_transactions/create`).
pub(crate) fn rest_topic(t: &str) -> String {
    if t.contains('/') {
        return t.to_string();
    }
    match t.rsplit_once('_') {
        Some((resource, action)) => {
            format!("{}/{}", resource.to_ascii_lowercase(), action.to_ascii_lowercase())
        }
        None => t.to_ascii_lowercase(),
    }
}

/// The enum spelling of a REST topic (`orders/create` → `ORDERS_CREATE`).
fn enum_topic(t: &str) -> String {
    t.replace('/', "_").to_ascii_uppercase()
}

/// `orderUpdate(input: {id, note})`: the note replaces the previous one. Unknown order or an
/// over-long note give `userErrors` (wording ours, [U]) and change nothing.
fn order_update(st: &State, f: &FieldSel) -> Json {
    let input = f.arg("input").cloned().unwrap_or(Json::Null);
    let fail = |e: Json| json!({"order": null, "userErrors": [e]});
    let Some(i) = input["id"].as_str().and_then(|id| st.index_of(id, "Order")) else {
        return fail(user_error(&["id"], "Order does not exist"));
    };
    let note = input.get("note");
    if note.and_then(Json::as_str).is_some_and(|n| n.chars().count() > NOTE_MAX_CHARS) {
        return fail(user_error(
            &["note"],
            format!("Note is too long (maximum is {NOTE_MAX_CHARS} characters)"),
        ));
    }
    let mut written = st.write_orders();
    let order = match note {
        Some(note) => {
            let order = st.current_mut(&mut written, i);
            order["note"] = note.clone();
            order["updatedAt"] = ts(now());
            order.clone()
        }
        None => st.current(&written, i).into_owned(),
    };
    json!({"order": order, "userErrors": []})
}

/// `fulfillmentCreate(fulfillment: {lineItemsByFulfillmentOrder, trackingInfo, notifyCustomer})`:
/// ships the listed fulfillment order line items (all remaining ones when none are listed),
/// records the fulfillment with the tracking given (stored verbatim), and updates the fulfillment
/// order, the line items' `unfulfilledQuantity` and the order's `displayFulfillmentStatus`.
/// `notifyCustomer` and `message` are accepted and ignored (the sandbox sends no email).
/// Errors come back as `userErrors`; their wording is ours where Shopify's is unpublished [U].
fn fulfillment_create(st: &State, f: &FieldSel) -> Json {
    let input = f.arg("fulfillment").cloned().unwrap_or(Json::Null);
    let fail = |field: &[&str], m: String| json!({"fulfillment": null, "userErrors": [user_error(field, m)]});
    let groups = input["lineItemsByFulfillmentOrder"].as_array().cloned().unwrap_or_default();
    if groups.is_empty() {
        return fail(
            &["fulfillment", "lineItemsByFulfillmentOrder"],
            "Line items by fulfillment order can't be blank".into(),
        );
    }
    // Held from validation to the change, so no other write slips in between.
    let mut written = st.write_orders();
    let mut order_idx = None;
    // (fulfillment order line item index, quantity) per group, validated before anything changes.
    let mut picks: Vec<(usize, u64)> = Vec::new();
    for g in &groups {
        let fo_id = g["fulfillmentOrderId"].as_str().unwrap_or_default();
        let Some(i) = st.index_of(fo_id, "FulfillmentOrder") else {
            return fail(
                &["fulfillment", "lineItemsByFulfillmentOrder", "fulfillmentOrderId"],
                format!("Fulfillment order {fo_id} does not exist."),
            );
        };
        if order_idx.is_some_and(|o| o != i) {
            return fail(&["fulfillment"], "All fulfillment orders must belong to the same order.".into());
        }
        order_idx = Some(i);
        let order = st.current(&written, i);
        let fo = &order["fulfillmentOrders"][0];
        let status = fo["status"].as_str().unwrap_or_default();
        if !matches!(status, "OPEN" | "IN_PROGRESS") {
            return fail(
                &["fulfillment"],
                format!("Fulfillment order {fo_id} has an unfulfillable status= {}.", status.to_lowercase()),
            );
        }
        let items = fo["lineItems"].as_array().cloned().unwrap_or_default();
        match g["fulfillmentOrderLineItems"].as_array() {
            None => {
                for (k, li) in items.iter().enumerate() {
                    let rem = li["remainingQuantity"].as_u64().unwrap_or(0);
                    if rem > 0 {
                        picks.push((k, rem));
                    }
                }
            }
            Some(wanted) => {
                for w in wanted {
                    let id = w["id"].as_str().unwrap_or_default();
                    let q = w["quantity"].as_i64().unwrap_or(0);
                    let Some(k) = items.iter().position(|li| li["id"].as_str() == Some(id)) else {
                        return fail(
                            &[
                                "fulfillment",
                                "lineItemsByFulfillmentOrder",
                                "fulfillmentOrderLineItems",
                                "id",
                            ],
                            format!("Fulfillment order line item {id} does not exist."),
                        );
                    };
                    let rem = items[k]["remainingQuantity"].as_u64().unwrap_or(0);
                    if q <= 0 || q as u64 > rem {
                        return fail(
                            &[
                                "fulfillment",
                                "lineItemsByFulfillmentOrder",
                                "fulfillmentOrderLineItems",
                                "quantity",
                            ],
                            "Invalid fulfillment order line item quantity requested.".into(),
                        );
                    }
                    picks.push((k, q as u64));
                }
            }
        }
    }
    let Some(i) = order_idx else { return fail(&["fulfillment"], "Invalid fulfillment.".into()) };
    if picks.is_empty() {
        return fail(&["fulfillment"], "The fulfillment must contain at least one line item.".into());
    }
    let at = ts(now());
    let order = st.current_mut(&mut written, i);
    let n = order["fulfillments"].as_array().map_or(0, Vec::len);
    let tracking = &input["trackingInfo"];
    let has_tracking = ["number", "company", "url"].iter().any(|k| !tracking[*k].is_null());
    let mut lines = Vec::new();
    for (k, q) in &picks {
        let fo_item = &mut order["fulfillmentOrders"][0]["lineItems"][*k];
        let rem = fo_item["remainingQuantity"].as_u64().unwrap_or(0);
        fo_item["remainingQuantity"] = json!(rem.saturating_sub(*q));
        let li_id = fo_item["lineItem"]["id"].clone();
        let Some(li) =
            order["lineItems"].as_array_mut().and_then(|a| a.iter_mut().find(|l| l["id"] == li_id))
        else {
            continue;
        };
        let unf = li["unfulfilledQuantity"].as_u64().unwrap_or(0);
        li["unfulfilledQuantity"] = json!(unf.saturating_sub(*q));
        let li = li.clone();
        order["fulfillmentOrders"][0]["lineItems"][*k]["lineItem"] = li.clone();
        lines.push(json!({
            "id": format!("gid://shopify/FulfillmentLineItem/{}", st.next_id.fetch_add(1, Ordering::SeqCst)),
            "lineItem": li,
            "quantity": q,
        }));
    }
    let fulfillment = json!({
        "id": format!("gid://shopify/Fulfillment/{}", st.next_id.fetch_add(1, Ordering::SeqCst)),
        "name": format!("{}-F{}", order["name"].as_str().unwrap_or_default(), n + 1),
        "status": "SUCCESS",
        "displayStatus": "FULFILLED",
        "createdAt": at,
        "updatedAt": at,
        "deliveredAt": null,
        "estimatedDeliveryAt": null,
        "inTransitAt": null,
        "trackingInfo": if has_tracking {
            json!([{"company": tracking["company"], "number": tracking["number"], "url": tracking["url"]}])
        } else {
            json!([])
        },
        "fulfillmentLineItems": lines,
    });
    if let Some(list) = order["fulfillments"].as_array_mut() {
        list.push(fulfillment.clone());
    }
    let fo = &mut order["fulfillmentOrders"][0];
    let items = fo["lineItems"].as_array().cloned().unwrap_or_default();
    fo["status"] = json!(fulfillment_order_status(false, &items, true));
    fo["updatedAt"] = at.clone();
    let remaining: u64 = items.iter().filter_map(|l| l["remainingQuantity"].as_u64()).sum();
    order["displayFulfillmentStatus"] =
        json!(if remaining == 0 { "FULFILLED" } else { "PARTIALLY_FULFILLED" });
    order["updatedAt"] = at;
    json!({"fulfillment": fulfillment, "userErrors": []})
}

// ---- webhooks ----------------------------------------------------------------------------

/// A mutation's payload, unchanged; when it succeeded, its webhooks are emitted first:
/// `orders/updated` for every change, plus `fulfillments/create` or `refunds/create` for what
/// it made. Payloads are REST JSON (platforms.md §1.4, §1.8), rendered from the GraphQL state.
fn emitted(hooks: &super::webhooks::Registry, st: &State, payload: Json) -> Json {
    if payload["userErrors"].as_array().is_some_and(|e| !e.is_empty()) {
        return payload;
    }
    let order = match (&payload["order"], &payload["fulfillment"]) {
        (o, _) if o.is_object() => o.clone(),
        (_, f) if f.is_object() => {
            let written = st.read_orders();
            let found = written.values().find(|o| {
                o["fulfillments"].as_array().is_some_and(|fs| fs.iter().any(|x| x["id"] == f["id"]))
            });
            found.cloned().unwrap_or(Json::Null)
        }
        _ => Json::Null,
    };
    if !order.is_object() {
        return payload;
    }
    if payload["fulfillment"].is_object() {
        hooks.emit("shopify", "fulfillments/create", rest_fulfillment(&order, &payload["fulfillment"]));
    }
    if payload["refund"].is_object() {
        hooks.emit("shopify", "refunds/create", rest_refund(&order, &payload["refund"]));
    }
    hooks.emit("shopify", "orders/updated", rest_order(&order));
    payload
}

/// The numeric id of a gid, as REST JSON carries it.
fn legacy_id(gid: &Json) -> Json {
    gid.as_str().and_then(gid_number).map_or(Json::Null, |n| json!(n))
}

/// A GraphQL money bag's shop amount as a REST price string (`"12.50"`).
fn price(bag: &Json) -> Json {
    let mut d = amount(bag).round_dp(2);
    d.rescale(2);
    json!(d.to_string())
}

fn rest_line_item(li: &Json) -> Json {
    json!({
        "id": legacy_id(&li["id"]), "admin_graphql_api_id": li["id"], "sku": li["sku"],
        "title": li["title"], "variant_title": li["variantTitle"], "name": li["name"],
        "quantity": li["quantity"], "current_quantity": li["currentQuantity"],
        "fulfillable_quantity": li["unfulfilledQuantity"], "price": price(&li["originalUnitPriceSet"]),
    })
}

fn rest_address(a: &Json) -> Json {
    json!({
        "first_name": a["firstName"], "last_name": a["lastName"], "company": a["company"],
        "address1": a["address1"], "address2": a["address2"], "city": a["city"],
        "province": a["province"], "province_code": a["provinceCode"], "zip": a["zip"],
        "country": a["country"], "country_code": a["countryCodeV2"], "phone": a["phone"],
    })
}

fn rest_customer(c: &Json) -> Json {
    json!({
        "id": legacy_id(&c["id"]), "admin_graphql_api_id": c["id"], "email": c["email"],
        "first_name": c["firstName"], "last_name": c["lastName"], "phone": c["phone"],
        "created_at": c["createdAt"], "orders_count": c["numberOfOrders"].as_str().and_then(|n| n.parse::<u64>().ok()),
        "total_spent": price(&json!({"shopMoney": c["amountSpent"]})), "currency": c["amountSpent"]["currencyCode"],
    })
}

/// An order (GraphQL state) as the REST order a webhook carries: a subset of platforms.md §1.4.
fn rest_order(o: &Json) -> Json {
    let order_number: u64 =
        o["name"].as_str().unwrap_or_default().trim_start_matches('#').parse().unwrap_or_default();
    let fulfillment_status = match o["displayFulfillmentStatus"].as_str() {
        Some("FULFILLED") => json!("fulfilled"),
        Some("PARTIALLY_FULFILLED") => json!("partial"),
        _ => Json::Null,
    };
    json!({
        "id": legacy_id(&o["id"]), "admin_graphql_api_id": o["id"], "name": o["name"],
        "order_number": order_number, "number": order_number.saturating_sub(1000),
        "email": o["email"], "contact_email": o["email"], "phone": o["phone"],
        "created_at": o["createdAt"], "updated_at": o["updatedAt"], "processed_at": o["processedAt"],
        "closed_at": o["closedAt"], "cancelled_at": o["cancelledAt"], "cancel_reason": o["cancelReason"],
        "currency": o["currencyCode"], "presentment_currency": o["currencyCode"],
        "subtotal_price": price(&o["subtotalPriceSet"]), "total_tax": price(&o["totalTaxSet"]),
        "total_discounts": price(&o["totalDiscountsSet"]), "total_price": price(&o["totalPriceSet"]),
        "current_total_price": price(&o["currentTotalPriceSet"]),
        "total_outstanding": price(&o["totalOutstandingSet"]),
        "financial_status": o["displayFinancialStatus"].as_str().map(str::to_lowercase),
        "fulfillment_status": fulfillment_status,
        "note": o["note"], "tags": o["tags"].as_array().map(|t| t.iter().filter_map(Json::as_str).collect::<Vec<_>>().join(", ")),
        "test": o["test"], "payment_gateway_names": o["paymentGatewayNames"],
        "customer": if o["customer"].is_object() { rest_customer(&o["customer"]) } else { Json::Null },
        "shipping_address": rest_address(&o["shippingAddress"]),
        "billing_address": rest_address(&o["billingAddress"]),
        "line_items": o["lineItems"].as_array().into_iter().flatten().map(rest_line_item).collect::<Vec<_>>(),
    })
}

fn rest_fulfillment(o: &Json, f: &Json) -> Json {
    let tracking = f["trackingInfo"].as_array().cloned().unwrap_or_default();
    let numbers: Vec<&Json> = tracking.iter().map(|t| &t["number"]).filter(|n| !n.is_null()).collect();
    let urls: Vec<&Json> = tracking.iter().map(|t| &t["url"]).filter(|n| !n.is_null()).collect();
    json!({
        "id": legacy_id(&f["id"]), "admin_graphql_api_id": f["id"], "order_id": legacy_id(&o["id"]),
        "name": f["name"], "status": f["status"].as_str().map(str::to_lowercase),
        "created_at": f["createdAt"], "updated_at": f["updatedAt"],
        "tracking_company": tracking.first().map_or(Json::Null, |t| t["company"].clone()),
        "tracking_number": numbers.first().copied().cloned().unwrap_or(Json::Null),
        "tracking_numbers": numbers, "tracking_url": urls.first().copied().cloned().unwrap_or(Json::Null),
        "tracking_urls": urls,
        "line_items": f["fulfillmentLineItems"].as_array().into_iter().flatten().map(|l| {
            let mut li = rest_line_item(&l["lineItem"]);
            li["quantity"] = l["quantity"].clone();
            li
        }).collect::<Vec<_>>(),
    })
}

/// A refund as REST JSON: in refund line items `subtotal` and `total_tax` are JSON numbers, as
/// in Shopify's own fixture (platforms.md §1.4); the transactions are the order's refund
/// transactions made with it.
fn rest_refund(o: &Json, r: &Json) -> Json {
    let number = |bag: &Json| -> Json {
        let s = price(bag);
        s.as_str().and_then(|s| s.parse::<serde_json::Number>().ok()).map_or(Json::Null, Json::Number)
    };
    let lines: Vec<Json> = r["refundLineItems"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            json!({
                "id": legacy_id(&l["id"]), "line_item_id": legacy_id(&l["lineItem"]["id"]),
                "quantity": l["quantity"], "restock_type": l["restockType"].as_str().map(str::to_lowercase),
                "subtotal": number(&l["subtotalSet"]), "total_tax": number(&l["totalTaxSet"]),
                "line_item": rest_line_item(&l["lineItem"]),
            })
        })
        .collect();
    let transactions: Vec<Json> = o["transactions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["kind"] == "REFUND" && t["createdAt"] == r["createdAt"])
        .map(|t| {
            json!({
                "id": legacy_id(&t["id"]), "admin_graphql_api_id": t["id"], "order_id": legacy_id(&o["id"]),
                "kind": "refund", "status": t["status"].as_str().map(str::to_lowercase), "gateway": t["gateway"],
                "amount": price(&t["amountSet"]), "currency": o["currencyCode"],
                "parent_id": legacy_id(&t["parentTransaction"]["id"]), "created_at": t["createdAt"],
            })
        })
        .collect();
    json!({
        "id": legacy_id(&r["id"]), "admin_graphql_api_id": r["id"], "order_id": legacy_id(&o["id"]),
        "created_at": r["createdAt"], "processed_at": r["createdAt"], "note": r["note"],
        "restock": r["refundLineItems"].as_array().is_some_and(|ls| ls.iter().any(|l| l["restocked"] == true)),
        "refund_line_items": lines, "transactions": transactions,
    })
}

/// A sample payload of `topic` for `POST /_sandbox/webhooks/trigger`, from the store as it is
/// now: the first order (`orders/*`), the first order with a fulfillment or a refund, the first
/// customer.
pub(crate) fn webhook_sample(st: &State, topic: &str) -> Option<Json> {
    let written = st.read_orders();
    let first_with = |field: &str| {
        (0..st.data.orders.len())
            .map(|i| st.current(&written, i))
            .find(|o| o[field].as_array().is_some_and(|a| !a.is_empty()))
    };
    match topic {
        "orders/create" | "orders/updated" | "orders/paid" | "orders/cancelled" | "orders/fulfilled" => {
            Some(rest_order(&st.current(&written, 0)))
        }
        "fulfillments/create" | "fulfillments/update" => {
            let o = first_with("fulfillments")?;
            Some(rest_fulfillment(&o, &o["fulfillments"][0]))
        }
        "refunds/create" => {
            let o = first_with("refunds")?;
            Some(rest_refund(&o, &o["refunds"][0]))
        }
        "customers/create" | "customers/update" => Some(rest_customer(st.customers.first()?)),
        _ => None,
    }
}

// ---- refunds -----------------------------------------------------------------------------

/// The sandbox store's one location: where restocked items go back.
const LOCATION_ID: &str = "gid://shopify/Location/68509171734";

fn location_json() -> Json {
    json!({"id": LOCATION_ID, "name": "Shop location"})
}

/// Rounded to cents, half away from zero.
fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// A `MoneyBag`'s shop amount.
fn amount(bag: &Json) -> Decimal {
    bag["shopMoney"]["amount"].as_str().and_then(|a| a.parse().ok()).unwrap_or_default()
}

/// A `Money` input: a decimal string (`"10.50"`), or a number.
fn money_arg(v: &Json) -> Option<Decimal> {
    match v {
        Json::String(s) => s.trim().parse().ok(),
        Json::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// What the customer paid: the total once captured; nothing while pending or after a void.
fn received(o: &Order) -> Decimal {
    match o.financial_status {
        FinancialStatus::Pending | FinancialStatus::Voided => Decimal::ZERO,
        _ => o.total(),
    }
}

#[allow(clippy::too_many_arguments)]
fn transaction_json(
    id: u64,
    kind: &str,
    status: &str,
    gateway: &str,
    amount: Decimal,
    cur: &str,
    at: Timestamp,
    parent: Option<&Json>,
    test: bool,
) -> Json {
    obj([
        ("id", json!(format!("gid://shopify/OrderTransaction/{id}"))),
        ("kind", json!(kind)),
        ("status", json!(status)),
        ("gateway", json!(gateway)),
        ("amountSet", bag(amount, cur)),
        ("createdAt", ts(at)),
        ("parentTransaction", parent.cloned().unwrap_or(Json::Null)),
        ("test", json!(test)),
    ])
}

/// The seed order's payment transactions: a sale (pending until paid), an authorization and its
/// void for voided orders, and one refund transaction per seeded refund, child of the sale.
fn transactions_json(o: &Order) -> Vec<Json> {
    let (cur, gw) = (o.currency, o.gateway);
    let first = o.id * 10 + 1;
    match o.financial_status {
        FinancialStatus::Pending => {
            vec![transaction_json(first, "SALE", "PENDING", gw, o.total(), cur, o.created_at, None, o.test)]
        }
        FinancialStatus::Voided => {
            let auth = transaction_json(
                first,
                "AUTHORIZATION",
                "SUCCESS",
                gw,
                o.total(),
                cur,
                o.created_at,
                None,
                o.test,
            );
            let at = o.cancelled_at.unwrap_or(o.created_at);
            let void = transaction_json(
                o.id * 10 + 2,
                "VOID",
                "SUCCESS",
                gw,
                o.total(),
                cur,
                at,
                Some(&auth),
                o.test,
            );
            vec![auth, void]
        }
        _ => {
            let sale =
                transaction_json(first, "SALE", "SUCCESS", gw, o.total(), cur, o.created_at, None, o.test);
            let mut out = vec![sale.clone()];
            for r in &o.refunds {
                out.push(transaction_json(
                    r.id * 10 + 3,
                    "REFUND",
                    "SUCCESS",
                    gw,
                    r.total(),
                    cur,
                    r.created_at,
                    Some(&sale),
                    o.test,
                ));
            }
            out
        }
    }
}

/// The subtotal (after its share of the order-level discount) and tax of `quantity` units of a
/// line priced `unit`: what refunding them gives back. Tax is the order's rate on the subtotal;
/// shipping is untaxed in the sandbox (as in its seed).
fn line_refund(o: &Order, unit: Decimal, quantity: u64) -> (Decimal, Decimal) {
    let gross = unit * Decimal::from(quantity);
    let items: Decimal = o.line_items.iter().map(|l| l.total()).sum();
    let share = if items.is_zero() { Decimal::ZERO } else { cents(o.discount * gross / items) };
    let subtotal = gross - share;
    (subtotal, cents(subtotal * o.tax_rate))
}

/// A refund line as Shopify renders it (`id` null in a suggestion).
fn refund_line_json(
    id: Option<u64>,
    line: &Json,
    quantity: u64,
    restock: &str,
    sub: Decimal,
    tax: Decimal,
    cur: &str,
) -> Json {
    let restocking = matches!(restock, "RETURN" | "CANCEL" | "LEGACY_RESTOCK");
    obj([
        ("id", id.map_or(Json::Null, |n| json!(format!("gid://shopify/RefundLineItem/{n}")))),
        ("lineItem", line.clone()),
        ("location", if restocking { location_json() } else { Json::Null }),
        ("quantity", json!(quantity)),
        ("restockType", json!(restock)),
        ("restocked", json!(restocking)),
        ("priceSet", line["originalUnitPriceSet"].clone()),
        ("subtotalSet", bag(sub, cur)),
        ("totalTaxSet", bag(tax, cur)),
    ])
}

/// The order's successful sale or capture: the parent of its refunds.
fn sale_of(order: &Json) -> Option<&Json> {
    order["transactions"]
        .as_array()?
        .iter()
        .find(|t| matches!(t["kind"].as_str(), Some("SALE" | "CAPTURE")) && t["status"] == "SUCCESS")
}

/// Left to refund: received minus refunded (never below zero).
fn max_refundable(order: &Json) -> Decimal {
    (amount(&order["totalReceivedSet"]) - amount(&order["totalRefundedSet"])).max(Decimal::ZERO)
}

fn shipping_left(order: &Json) -> Decimal {
    (amount(&order["totalShippingPriceSet"]) - amount(&order["totalRefundedShippingSet"])).max(Decimal::ZERO)
}

/// `order.suggestedRefund(refundLineItems, refundShipping, shippingAmount, suggestFullRefund)`.
/// Quantities beyond what is refundable and a shipping amount beyond what is left are capped
/// rather than refused [U: Shopify's behaviour here is unpublished]; an unknown line item is a
/// field error. A suggestion that takes everything left takes exactly the refundable balance
/// (rounding goes to tax). The one suggested transaction is a child of the order's sale.
fn suggested_refund(st: &State, i: usize, order: &Json, f: &FieldSel) -> Result<Json, String> {
    let o = &st.data.orders[i];
    let cur = o.currency;
    let lines = order["lineItems"].as_array().cloned().unwrap_or_default();
    let refundable = |k: usize| lines[k]["refundableQuantity"].as_u64().unwrap_or(0);
    let mut picks: Vec<(usize, u64, String)> = Vec::new();
    if f.arg_bool("suggestFullRefund") == Some(true) {
        picks = (0..lines.len())
            .filter(|&k| refundable(k) > 0)
            .map(|k| (k, refundable(k), "NO_RESTOCK".into()))
            .collect();
    } else {
        for w in f.arg("refundLineItems").and_then(Json::as_array).into_iter().flatten() {
            let id = w["lineItemId"].as_str().unwrap_or_default();
            let Some(k) = lines.iter().position(|l| l["id"].as_str() == Some(id)) else {
                return Err(format!("Line item {id} does not exist"));
            };
            let taken: u64 = picks.iter().filter(|p| p.0 == k).map(|p| p.1).sum();
            let q = (w["quantity"].as_i64().unwrap_or(0).max(0) as u64).min(refundable(k) - taken);
            if q > 0 {
                picks.push((k, q, w["restockType"].as_str().unwrap_or("NO_RESTOCK").to_string()));
            }
        }
    }
    let ship_max = shipping_left(order);
    let shipping = match (f.arg("shippingAmount").and_then(money_arg), f.arg_bool("refundShipping")) {
        (Some(a), _) => a.clamp(Decimal::ZERO, ship_max),
        (None, Some(true)) => ship_max,
        _ => Decimal::ZERO,
    };
    let max = max_refundable(order);
    let (mut subtotal, mut tax) = (Decimal::ZERO, Decimal::ZERO);
    let mut refund_lines = Vec::new();
    for (k, q, restock) in &picks {
        let (sub, t) = line_refund(o, amount(&lines[*k]["originalUnitPriceSet"]), *q);
        subtotal += sub;
        tax += t;
        refund_lines.push(refund_line_json(None, &lines[*k], *q, restock, sub, t, cur));
    }
    let mut total = subtotal + tax + shipping;
    let everything = (0..lines.len())
        .all(|k| picks.iter().filter(|p| p.0 == k).map(|p| p.1).sum::<u64>() == refundable(k))
        && shipping == ship_max
        && !total.is_zero();
    if everything {
        total = max;
        tax = total - subtotal - shipping;
        if tax < Decimal::ZERO {
            subtotal += tax;
            tax = Decimal::ZERO;
        }
    }
    let total = total.min(max);
    let suggested: Vec<Json> = match sale_of(order) {
        Some(sale) if total > Decimal::ZERO => vec![obj([
            ("amountSet", bag(total, cur)),
            ("gateway", sale["gateway"].clone()),
            ("kind", json!("SUGGESTED_REFUND")),
            ("maximumRefundableSet", bag(max, cur)),
            ("parentTransaction", sale.clone()),
        ])],
        _ => Vec::new(),
    };
    Ok(obj([
        ("amountSet", bag(total, cur)),
        ("maximumRefundableSet", bag(max, cur)),
        ("subtotalSet", bag(subtotal, cur)),
        ("totalTaxSet", bag(tax, cur)),
        (
            "shipping",
            obj([
                ("amountSet", bag(shipping, cur)),
                ("maximumRefundableSet", bag(ship_max, cur)),
                ("taxSet", bag(Decimal::ZERO, cur)),
            ]),
        ),
        ("refundLineItems", Json::Array(refund_lines)),
        ("suggestedTransactions", Json::Array(suggested)),
    ]))
}

/// `@idempotent` on `refundCreate`: required from 2026-04 (optional in 2026-01), never blank,
/// and a key already used with different input is refused. Top-level errors; the wording and
/// codes are Shopify's published idempotency codes, their placement for refundCreate is [U].
fn idempotency_error(st: &State, f: &FieldSel, version: &str) -> Option<gql::GqlError> {
    let key = f.directive("idempotent").and_then(|d| d.args.get("key")).and_then(Json::as_str);
    let err = |m: &str, code: &str| {
        Some(gql::GqlError::new(m).at(f.line, f.column).path(vec![json!(f.response_key)]).code(code))
    };
    match key {
        None if version == "2026-01" => None,
        None => err(
            "The @idempotent directive is required for this mutation. See https://shopify.dev/docs/api/usage/idempotent-requests",
            "BAD_REQUEST",
        ),
        Some(k) if k.trim().is_empty() => {
            err("The idempotency key cannot be an empty string or whitespace only.", "BAD_REQUEST")
        }
        Some(k) => {
            let seen = st.idempotency.lock().unwrap_or_else(|e| e.into_inner());
            match seen.get(k) {
                Some((input, _)) if Some(input) != f.arg("input") => err(
                    "The same idempotency key cannot be used with different operation parameters.",
                    "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
                ),
                _ => None,
            }
        }
    }
}

/// `refundCreate(input) @idempotent(key:)`: a key seen before answers the first result again
/// (the refund is made once); otherwise the refund is validated, made and remembered under the
/// key. The key map is locked for the whole create, so two requests racing with one key make one
/// refund.
fn refund_create(st: &State, hooks: &super::webhooks::Registry, f: &FieldSel) -> Json {
    let input = f.arg("input").cloned().unwrap_or(Json::Null);
    let key = f.directive("idempotent").and_then(|d| d.args.get("key")).and_then(Json::as_str);
    let mut seen = st.idempotency.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, payload)) = key.and_then(|k| seen.get(k)) {
        return payload.clone();
    }
    let payload = emitted(hooks, st, make_refund(st, &input));
    if let Some(k) = key {
        seen.insert(k.to_string(), (input, payload.clone()));
    }
    payload
}

/// Validates and applies one refund. Every business error is a `userError` and changes nothing
/// (wording ours where Shopify's is unpublished [U]). A refund changes the order as Shopify
/// does: its refunds, `totalRefundedSet` (the money in its transactions), refunded shipping,
/// `currentTotalPriceSet`, `displayFinancialStatus` (PARTIALLY_REFUNDED / REFUNDED), the refund
/// transactions, and per line `currentQuantity`, `refundableQuantity`, `unfulfilledQuantity`
/// and the fulfillment order's quantities. Restocking records the restock type and location
/// (the sandbox keeps no inventory counts).
fn make_refund(st: &State, input: &Json) -> Json {
    let fail = |field: &[&str], m: String| json!({"order": null, "refund": null, "userErrors": [{"field": if field.is_empty() { Json::Null } else { json!(field) }, "message": m}]});
    let order_id = input["orderId"].as_str().unwrap_or_default();
    let Some(i) = st.index_of(order_id, "Order") else {
        return fail(&["orderId"], "Order does not exist".into());
    };
    let o = &st.data.orders[i];
    let cur = o.currency;
    if let Some(c) = input["currency"].as_str()
        && c != cur
    {
        return fail(&["currency"], format!("Currency must be the order's currency ({cur})"));
    }
    let mut written = st.write_orders();
    let order = st.current(&written, i).into_owned();
    let lines = order["lineItems"].as_array().cloned().unwrap_or_default();
    // (line index, quantity, restock type)
    let mut picks: Vec<(usize, u64, String)> = Vec::new();
    for (n, w) in input["refundLineItems"].as_array().into_iter().flatten().enumerate() {
        let n = n.to_string();
        let field = |leaf: &'static str| ["refundLineItems", n.as_str(), leaf];
        let id = w["lineItemId"].as_str().unwrap_or_default();
        let Some(k) = lines.iter().position(|l| l["id"].as_str() == Some(id)) else {
            return fail(&field("lineItemId"), format!("Line item {id} does not exist"));
        };
        let q = w["quantity"].as_i64().unwrap_or(0);
        let taken: u64 = picks.iter().filter(|p| p.0 == k).map(|p| p.1).sum();
        let left = lines[k]["refundableQuantity"].as_u64().unwrap_or(0).saturating_sub(taken);
        if q <= 0 || q as u64 > left {
            return fail(
                &field("quantity"),
                if q <= 0 {
                    "Quantity must be greater than 0".into()
                } else {
                    format!("Quantity cannot refund more items than were purchased ({left} refundable)")
                },
            );
        }
        let restock = w["restockType"].as_str().unwrap_or("NO_RESTOCK").to_string();
        if matches!(restock.as_str(), "RETURN" | "CANCEL" | "LEGACY_RESTOCK") {
            match w["locationId"].as_str() {
                None => {
                    return fail(&field("locationId"), "Location must be specified when restocking".into());
                }
                Some(l) if l != LOCATION_ID => {
                    return fail(&field("locationId"), format!("Location {l} does not exist"));
                }
                Some(_) => {}
            }
        }
        picks.push((k, q as u64, restock));
    }
    let ship_max = shipping_left(&order);
    let shipping = if input["shipping"]["fullRefund"] == true {
        ship_max
    } else {
        match input["shipping"].get("amount").filter(|v| !v.is_null()) {
            None => Decimal::ZERO,
            Some(v) => match money_arg(v) {
                Some(a) if a >= Decimal::ZERO && a <= ship_max => a,
                Some(a) if a >= Decimal::ZERO => {
                    return fail(
                        &["shipping", "amount"],
                        format!("Shipping refund amount {a} is more than the {ship_max} left to refund"),
                    );
                }
                _ => return fail(&["shipping", "amount"], "Shipping amount is invalid".into()),
            },
        }
    };
    let max = max_refundable(&order);
    let sale = sale_of(&order).cloned();
    let mut money_back = Decimal::ZERO;
    for (n, t) in input["transactions"].as_array().into_iter().flatten().enumerate() {
        let n = n.to_string();
        let path = |leaf: &'static str| ["transactions", n.as_str(), leaf];
        if t["kind"] != "REFUND" {
            return fail(&path("kind"), "Kind must be refund".into());
        }
        if t["orderId"].as_str() != Some(order_id) {
            return fail(&path("orderId"), "Transaction must belong to the refunded order".into());
        }
        let Some(parent) = sale.as_ref().filter(|s| s["id"].as_str() == t["parentId"].as_str()) else {
            return fail(&path("parentId"), "Parent transaction does not exist or cannot be refunded".into());
        };
        if parent["gateway"] != t["gateway"] {
            return fail(&path("gateway"), "Gateway must match the parent transaction's gateway".into());
        }
        match money_arg(&t["amount"]) {
            Some(a) if a > Decimal::ZERO => money_back += a,
            _ => return fail(&path("amount"), "Amount must be greater than 0".into()),
        }
    }
    if money_back > max {
        return fail(
            &["transactions"],
            format!("Refund amount {money_back} is more than the {max} {cur} that can be refunded"),
        );
    }
    if picks.is_empty() && shipping.is_zero() && money_back.is_zero() {
        return fail(&[], "Refund must include line items, shipping or transactions".into());
    }
    // Apply.
    let at = ts(now());
    let order = st.current_mut(&mut written, i);
    let mut refund_lines = Vec::new();
    for (k, q, restock) in &picks {
        let li = &mut order["lineItems"][*k];
        let current = li["currentQuantity"].as_u64().unwrap_or(0).saturating_sub(*q);
        li["currentQuantity"] = json!(current);
        li["refundableQuantity"] = json!(li["refundableQuantity"].as_u64().unwrap_or(0).saturating_sub(*q));
        li["unfulfilledQuantity"] = json!(li["unfulfilledQuantity"].as_u64().unwrap_or(0).min(current));
        let li = li.clone();
        let (sub, tax) = line_refund(o, amount(&li["originalUnitPriceSet"]), *q);
        let id = st.next_id.fetch_add(1, Ordering::SeqCst);
        refund_lines.push(refund_line_json(Some(id), &li, *q, restock, sub, tax, cur));
        let fo = &mut order["fulfillmentOrders"][0]["lineItems"][*k];
        fo["totalQuantity"] = json!(current);
        fo["remainingQuantity"] = li["unfulfilledQuantity"].clone();
        fo["lineItem"] = li;
    }
    if !picks.is_empty() {
        let items = order["fulfillmentOrders"][0]["lineItems"].as_array().cloned().unwrap_or_default();
        let cancelled = !order["cancelledAt"].is_null();
        let shipped = order["fulfillments"].as_array().is_some_and(|f| !f.is_empty());
        order["fulfillmentOrders"][0]["status"] = json!(fulfillment_order_status(cancelled, &items, shipped));
        order["fulfillmentOrders"][0]["updatedAt"] = at.clone();
    }
    let refund_id = st.next_id.fetch_add(1, Ordering::SeqCst);
    let mut transactions = Vec::new();
    for t in input["transactions"].as_array().into_iter().flatten() {
        let id = st.next_id.fetch_add(1, Ordering::SeqCst);
        let a = money_arg(&t["amount"]).unwrap_or_default();
        transactions.push(obj([
            ("id", json!(format!("gid://shopify/OrderTransaction/{id}"))),
            ("kind", json!("REFUND")),
            ("status", json!("SUCCESS")),
            ("gateway", t["gateway"].clone()),
            ("amountSet", bag(a, cur)),
            ("createdAt", at.clone()),
            ("parentTransaction", sale.clone().unwrap_or(Json::Null)),
            ("test", json!(o.test)),
        ]));
    }
    if let Some(list) = order["transactions"].as_array_mut() {
        list.extend(transactions);
    }
    let refunded = amount(&order["totalRefundedSet"]) + money_back;
    order["totalRefundedSet"] = bag(refunded, cur);
    order["totalRefundedShippingSet"] = bag(amount(&order["totalRefundedShippingSet"]) + shipping, cur);
    order["currentTotalPriceSet"] = bag(amount(&order["totalPriceSet"]) - refunded, cur);
    if !money_back.is_zero() {
        let received = amount(&order["totalReceivedSet"]);
        order["displayFinancialStatus"] =
            json!(if refunded >= received { "REFUNDED" } else { "PARTIALLY_REFUNDED" });
    }
    order["updatedAt"] = at.clone();
    let refund = obj([
        ("id", json!(format!("gid://shopify/Refund/{refund_id}"))),
        ("createdAt", at),
        ("note", input["note"].clone()),
        ("totalRefundedSet", bag(money_back, cur)),
        ("refundLineItems", Json::Array(refund_lines)),
    ]);
    if let Some(list) = order["refunds"].as_array_mut() {
        list.push(refund.clone());
    }
    json!({"order": order.clone(), "refund": refund, "userErrors": []})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_topics_are_kept_in_their_header_spelling() {
        assert_eq!(rest_topic("ORDERS_CREATE"), "orders/create");
        assert_eq!(rest_topic("ORDER_TRANSACTIONS_CREATE"), "order_transactions/create");
        assert_eq!(rest_topic("refunds/create"), "refunds/create");
        assert_eq!(enum_topic("fulfillments/create"), "FULFILLMENTS_CREATE");
    }

    #[test]
    fn the_sdl_parses_and_versions_fall_forward() {
        let s = schema();
        assert!(s.get("Order").is_some());
        assert_eq!(served_version("2026-10"), "2026-10");
        assert_eq!(served_version("unstable"), "unstable");
        assert_eq!(served_version("2024-01"), "2026-01");
    }

    #[test]
    fn decimals_look_like_shopifys() {
        assert_eq!(decimal_string(Decimal::new(1800, 2)), "18.0");
        assert_eq!(decimal_string(Decimal::new(59894, 2)), "598.94");
        assert_eq!(decimal_string(Decimal::ZERO), "0.0");
        assert_eq!(decimal_string(Decimal::new(1250, 2)), "12.5");
    }

    #[test]
    fn search_terms() {
        let data = seed::generate(3, seed::DEFAULT_ORDERS);
        let o = data.order_by_number(1001).unwrap();
        let c = &data.customers[o.customer];
        let rendered = order_json(o, c, &customer_json(c, 1, Decimal::ZERO));
        // An order no write touched is searched on its seed record (`None`); the same answers as
        // on its rendering.
        for cur in [None, Some(&rendered)] {
            let m = |q: &str| parse_search(q).iter().all(|t| t.matches(&data, o, cur));
            assert!(m("name:#1001"));
            assert!(m("name:1001 email:JANE@example.com"));
            assert!(!m("name:1002"));
            assert!(m("financial_status:partially_refunded status:any foo:bar"));
            assert!(!m("-financial_status:partially_refunded"));
            assert!(m("created_at:>=2026-06-01 created_at:<2026-11-02"));
            assert!(!m("created_at:>2026-10-31"));
            assert!(!m("updated_at:>2026-11-01"));
            assert!(m("fulfillment_status:shipped"));
            assert!(m("jane"));
        }
        // A written order is searched on what was written.
        let mut written = rendered.clone();
        written["displayFulfillmentStatus"] = json!("PARTIALLY_FULFILLED");
        written["updatedAt"] = json!("2026-11-20T10:00:00Z");
        let m = |q: &str| parse_search(q).iter().all(|t| t.matches(&data, o, Some(&written)));
        assert!(m("fulfillment_status:partial fulfillment_status:unfulfilled updated_at:>2026-11-01"));
        assert!(!m("fulfillment_status:shipped"));
        assert!(m("created_at:<2026-11-02"), "writes leave created_at alone");
    }
}
