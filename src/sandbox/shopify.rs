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
//! Simplifications: the shop currency is the order's currency (shop and presentment money are
//! equal); discounts sit at order level; the 60-day `read_all_orders` rule is not enforced.
//! Money amounts are serialised like Shopify's `Decimal` (`"18.0"`, `"598.94"`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
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
    SUPPORTED_VERSIONS
        .iter()
        .find(|v| **v == asked)
        .copied()
        .unwrap_or(SUPPORTED_VERSIONS[0])
}

const INVALID_TOKEN: &str =
    "[API] Invalid API key or access token (unrecognized login or wrong password)";

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
    /// Order id → index into `data.orders`.
    order_index: HashMap<u64, usize>,
    /// Customers as JSON, with their order count and amount spent (also embedded in orders).
    customers: Vec<Json>,
    tokens: Mutex<HashMap<String, Token>>,
    buckets: Mutex<HashMap<String, Bucket>>,
    issued: AtomicU64,
    seed: u64,
    ttl: std::time::Duration,
    throttle: ThrottleSpec,
}

impl State {
    /// Order `i` (an index into the seed data) in Shopify's shape.
    fn order_json(&self, i: usize) -> Json {
        let o = &self.data.orders[i];
        order_json(
            o,
            &self.data.customers[o.customer],
            &self.customers[o.customer],
        )
    }

    pub(crate) fn new(opts: &Options) -> State {
        let data = seed::generate(opts.seed, opts.orders);
        // One pass for the per-customer totals; orders are rendered on demand (`order_json`),
        // so a sandbox with 100,000 orders holds only the compact seed records.
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
        let order_index = data
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let mut tokens = HashMap::new();
        tokens.insert(
            demo::SHOPIFY_STATIC_TOKEN.to_string(),
            Token {
                expires: None,
                scopes: demo::SHOPIFY_SCOPES.iter().map(|s| s.to_string()).collect(),
            },
        );
        State {
            schema: schema(),
            data,
            order_index,
            customers,
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
        .route(
            "/shopify/{shop}/admin/oauth/access_token",
            post(access_token),
        )
        .route(
            "/shopify/{shop}/admin/api/{version}/graphql.json",
            post(graphql),
        )
}

fn json_response(status: StatusCode, body: Json) -> Response {
    (status, axum::Json(body)).into_response()
}

fn not_found() -> Response {
    json_response(StatusCode::NOT_FOUND, json!({"errors": "Not Found"}))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    json_response(
        status,
        json!({"error": error, "error_description": description}),
    )
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
            Ok(Json::Object(o)) => o
                .into_iter()
                .filter_map(|(k, v)| Some((k, v.as_str()?.to_string())))
                .collect(),
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
    st.tokens.lock().unwrap_or_else(|e| e.into_inner()).insert(
        token,
        Token {
            expires: Some(Instant::now() + st.ttl),
            scopes,
        },
    );
    json_response(StatusCode::OK, body)
}

async fn graphql(
    AxState(s): AxState<Arc<Shared>>,
    Path((shop, version)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let served = served_version(&version);
    let mut resp = graphql_inner(&s, &shop, &headers, &body);
    resp.headers_mut()
        .insert("x-shopify-api-version", HeaderValue::from_static(served));
    resp
}

fn graphql_inner(s: &Shared, shop: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let st = &s.shopify;
    if shop != demo::SHOPIFY_SHOP {
        return not_found();
    }
    let token = headers
        .get("x-shopify-access-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
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
                parsed
                    .get("operationName")
                    .and_then(Json::as_str)
                    .map(str::to_string),
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
        let b = buckets.entry(token.to_string()).or_insert(Bucket {
            available: max,
            at: now,
        });
        b.available = (b.available
            + now.duration_since(b.at).as_secs_f64() * st.throttle.restore_rate)
            .min(max);
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
                .ext(
                    "documentation",
                    json!("https://shopify.dev/api/usage/access-scopes"),
                )
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
    let resolver = Resolve {
        st,
        scopes: &scopes,
    };
    let (data, errors) = gql::execute(
        &st.schema,
        &op,
        &Json::Object(Default::default()),
        &resolver,
    );
    let mut out = serde_json::Map::new();
    if !errors.is_empty() {
        out.insert(
            "errors".into(),
            errors.iter().map(|e| e.to_json()).collect(),
        );
    }
    out.insert("data".into(), data);
    out.insert("extensions".into(), json!({"cost": cost}));
    json_response(StatusCode::OK, Json::Object(out))
}

struct Resolve<'a> {
    st: &'a State,
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
    fn resolve(
        &self,
        parent_type: &str,
        f: &FieldSel,
        parent: &Json,
    ) -> Option<Result<Json, String>> {
        let st = self.st;
        if parent_type == "QueryRoot" {
            return Some(match f.name.as_str() {
                "order" => Ok(f
                    .arg_str("id")
                    .filter(|id| id.starts_with("gid://shopify/Order/"))
                    .and_then(gid_number)
                    .and_then(|n| st.order_index.get(&n))
                    .map_or(Json::Null, |&i| st.order_json(i))),
                "customer" => Ok(f
                    .arg_str("id")
                    .filter(|id| id.starts_with("gid://shopify/Customer/"))
                    .and_then(gid_number)
                    .and_then(|n| st.data.customers.iter().position(|c| c.id == n))
                    .map_or(Json::Null, |i| st.customers[i].clone())),
                "orders" => self.orders(f),
                "customers" => self.customers(f),
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
            return Some(Ok(Json::Array(
                items.iter().take(first.max(0) as usize).cloned().collect(),
            )));
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
        let mut idx: Vec<usize> = (0..st.data.orders.len())
            .filter(|&i| {
                terms
                    .iter()
                    .all(|t| t.matches(&st.data, &st.data.orders[i]))
            })
            .collect();
        let key = f.arg_str("sortKey").unwrap_or("PROCESSED_AT");
        let sort_value = |i: usize| -> Json {
            let o = &st.data.orders[i];
            match key {
                "ID" => json!(o.id),
                "ORDER_NUMBER" => json!(o.number),
                "UPDATED_AT" => ts(o.updated_at()),
                _ => ts(o.created_at),
            }
        };
        match key {
            "UPDATED_AT" => {
                idx.sort_by_key(|&i| (st.data.orders[i].updated_at(), st.data.orders[i].id))
            }
            "ID" => idx.sort_by_key(|&i| st.data.orders[i].id),
            _ => idx.sort_by_key(|&i| (st.data.orders[i].created_at, st.data.orders[i].id)),
        }
        // Only the page is rendered: cursors and order JSON are made for its orders alone, and
        // a cursor is found by the order id inside it, so a page costs about the same at
        // 10,000 orders as at 260.
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
            &|p| {
                if want_orders {
                    st.order_json(idx[p])
                } else {
                    Json::Null
                }
            },
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
        terms.push(Term {
            negate,
            field,
            cmp,
            value: value.trim_matches('"').to_string(),
        });
    }
    terms
}

/// A date (`2026-01-01`, a UTC day) or a timestamp, as the range `[start, end)`.
fn time_range(v: &str) -> Option<(Timestamp, Timestamp)> {
    if let Ok(t) = v.parse::<Timestamp>() {
        return Some((t, t + SignedDuration::from_secs(1)));
    }
    let d: jiff::civil::Date = v.parse().ok()?;
    let start = d
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp();
    Some((start, start + SignedDuration::from_hours(24)))
}

impl Term {
    fn matches(&self, data: &SeedData, o: &Order) -> bool {
        let m = self.matches_plain(data, o);
        if self.negate { !m } else { m }
    }

    fn matches_plain(&self, data: &SeedData, o: &Order) -> bool {
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
            "financial_status" => match v.as_str() {
                "any" => true,
                "unpaid" => o.financial_status == FinancialStatus::Pending,
                s => o.financial_status.snake() == s,
            },
            "fulfillment_status" => {
                let fs = o.fulfillment_status();
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
                let t = if field == "updated_at" {
                    o.updated_at()
                } else {
                    o.created_at
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
    if n.scale() == 0 {
        format!("{n}.0")
    } else {
        n.to_string()
    }
}

fn money(d: Decimal, currency: &str) -> Json {
    json!({"amount": decimal_string(d), "currencyCode": currency})
}

fn bag(d: Decimal, currency: &str) -> Json {
    obj([
        ("shopMoney", money(d, currency)),
        ("presentmentMoney", money(d, currency)),
    ])
}

/// A JSON object from values already built: `json!` would serialise each of them again, which
/// made rendering an order (it nests dozens of these) the slowest part of a page.
fn obj<const N: usize>(fields: [(&str, Json); N]) -> Json {
    Json::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
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
    let fulfillment_status = match o.fulfillment_status() {
        "fulfilled" => "FULFILLED",
        "partial" => "PARTIALLY_FULFILLED",
        _ => "UNFULFILLED",
    };
    let address = address_json(&o.shipping_address, c.id + 1);
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
        ("totalOutstandingSet", bag(o.outstanding(), cur)),
        ("currentTotalPriceSet", bag(o.current_total(), cur)),
        ("lineItems", Json::Array(line_items)),
        ("fulfillments", Json::Array(fulfillments)),
        ("refunds", Json::Array(refunds)),
    ] {
        m.insert(k.to_string(), v);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let m = |q: &str| parse_search(q).iter().all(|t| t.matches(&data, o));
        assert!(m("name:#1001"));
        assert!(m("name:1001 email:JANE@example.com"));
        assert!(!m("name:1002"));
        assert!(m("financial_status:partially_refunded status:any foo:bar"));
        assert!(!m("-financial_status:partially_refunded"));
        assert!(m("created_at:>=2026-06-01 created_at:<2026-11-02"));
        assert!(!m("created_at:>2026-10-31"));
        assert!(m("fulfillment_status:shipped"));
        assert!(m("jane"));
    }
}
