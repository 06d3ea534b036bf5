//! The HubSpot CRM v3 contacts emulator, mounted at `/hubspot/…` in place of
//! `https://api.hubapi.com/…`.
//!
//! Written from `reference/services.md` §4b (HubSpot's published contacts spec,
//! `HubSpot/HubSpot-public-api-spec-collection` `CRM/Contacts/Rollouts/424/v3/contacts.json`,
//! developer docs and changelog):
//! - **Auth**: `Authorization: Bearer <private app token>`; only [`demo::HUBSPOT_ACCESS_TOKEN`]
//!   is accepted. Anything else → 401 with category `INVALID_AUTHENTICATION` (message [U]).
//! - **Search**: `POST /crm/v3/objects/contacts/search` with
//!   `{"filterGroups":[{"filters":[{"propertyName","operator","value"}]}],"properties":[…],
//!   "sorts":[{"propertyName","direction"}],"limit","after"}`. The published spec marks all five
//!   keys **required** (the real API is laxer), and so does this emulator: a body missing one →
//!   400 `VALIDATION_ERROR` naming it, so an adapter that drops one fails here as it would behind
//!   a validating proxy. Groups are OR'ed, filters in a group AND'ed; operators `EQ`, `NEQ`
//!   (case-insensitive), `CONTAINS_TOKEN`, `NOT_CONTAINS_TOKEN` (words of the value; `*` at
//!   either end of the token is a wildcard [U]), `HAS_PROPERTY`, `NOT_HAS_PROPERTY`, `IN`,
//!   `NOT_IN` (`values[]`); the range operators are not emulated (400 naming them). Limits
//!   since 2024-08-26: ≤5 groups, ≤10 filters per group, ≤25 in total; `limit` ≤200 → else 400
//!   `VALIDATION_ERROR`. Paging: `after` is an offset cursor, `paging.next.after` is given when
//!   more results follow. Answer `{"total","results":[SimplePublicObject],"paging"?}`.
//!   Searchable at once (the real index lags by seconds [3P]).
//! - **Create**: `POST /crm/v3/objects/contacts` `{"properties":{…},"associations":[]}` (the
//!   spec marks `associations` required; so does this emulator) → 201 SimplePublicObject
//!   `{id, properties, createdAt, updatedAt, archived:false}`; an email another contact has →
//!   409 `CONFLICT` "Contact already exists. Existing ID: N" [U wording, widely quoted].
//! - **Read / update / list**: `GET /crm/v3/objects/contacts/{id}?properties=…` (unknown → 404
//!   `OBJECT_NOT_FOUND`), `PATCH /crm/v3/objects/contacts/{id}` `{"properties":{…}}`,
//!   `GET /crm/v3/objects/contacts?limit&after&properties` (limit ≤100).
//! - **Properties**: values are strings in answers. Writing a property the portal does not have
//!   → 400 `VALIDATION_ERROR` "Property values were not valid" with an error code
//!   `PROPERTY_DOESNT_EXIST` and `context.propertyName` (the §4b example). Known: the standard
//!   contact properties in [`STANDARD`] and the shopdesk custom properties in [`SHOPDESK`] (the
//!   ones its README tells users to create). `createdate`, `lastmodifieddate`, `hs_object_id`
//!   are read-only (`READ_ONLY_VALUE` [U code]); number properties refuse non-numbers
//!   (`INVALID_DECIMAL` [U code]). Without `properties`, an answer carries `email`,
//!   `firstname`, `lastname`, `createdate`, `lastmodifieddate`, `hs_object_id`; those last three
//!   are always included [U].
//! - **Rate limits**: every non-search answer carries `X-HubSpot-RateLimit-Max`, `-Remaining`,
//!   `-Interval-Milliseconds` (a fixed window per account, [`Options::hubspot_quota`], default
//!   100 per 10 s like a Free/Starter private app; HubSpot's is rolling [D]), `-Daily` and
//!   `-Daily-Remaining` (250,000). Past the window → 429 with `Retry-After` (seconds, fractional
//!   [U: HubSpot may omit it]) and the error body `{"status":"error","message":"You have reached
//!   your ten_secondly_rolling limit.","errorType":"RATE_LIMIT","correlationId","policyName":
//!   "TEN_SECONDLY_ROLLING","category":"RATE_LIMITS"}` [U]. Search has its own limit, 5 per second
//!   per account ([`Options::hubspot_search_quota`]), and its answers carry no rate-limit headers
//!   (reportedly [U]); past it → 429 with policy `SECONDLY`.
//! - Errors: `{"status":"error","message","correlationId","category","errors":[{"message","code",
//!   "context"}]}`; the correlation id is a UUID derived from the seed and the answer count.
//!   Injected faults ([`fault_body`]) use the same shape.
//! - Seed: Jane Doe (`jane@example.com`, customer 0 of every store) and every 2nd Shopify
//!   customer (0, 2, 4, …), ids from 151 upwards, `lifecyclestage` `customer`, `createdate` the
//!   store customer's creation time and `lastmodifieddate` a day later, in ISO 8601 with
//!   milliseconds. `GET /_sandbox/hubspot/contacts` (control API, no faults, not logged) lists
//!   every contact with all its properties.

// Handlers return `Result<_, Response>` so an error answer can leave early; a response is built
// once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value as Json, json};

use super::quota::{FixedWindow, QuotaSpec, Slot};
use super::{Options, Shared, demo, request_id, seed};

/// Standard contact properties the emulated portal has (a subset of HubSpot's).
pub const STANDARD: &[&str] = &[
    "email",
    "firstname",
    "lastname",
    "phone",
    "mobilephone",
    "company",
    "jobtitle",
    "website",
    "address",
    "city",
    "state",
    "zip",
    "country",
    "lifecyclestage",
    "hs_lead_status",
    "createdate",
    "lastmodifieddate",
    "hs_object_id",
];

/// The custom properties shopdesk writes (its README tells users to create them), with their
/// HubSpot field type.
pub const SHOPDESK: &[(&str, &str)] = &[
    ("shopdesk_orders_count", "number"),
    ("shopdesk_total_spent", "number"),
    ("shopdesk_currency", "string"),
    ("shopdesk_last_order", "string"),
    ("shopdesk_last_order_at", "datetime"),
];

const READ_ONLY: &[&str] = &["createdate", "lastmodifieddate", "hs_object_id"];
const ALWAYS: &[&str] = &["createdate", "lastmodifieddate", "hs_object_id"];
const DEFAULT_PROPS: &[&str] = &["email", "firstname", "lastname"];

/// HubSpot's daily request allowance for a Free/Starter private app.
pub const DAILY: u64 = 250_000;
/// The default per-10-s window of a Free/Starter private app.
pub const DEFAULT_QUOTA: QuotaSpec = QuotaSpec { quota: 100, window: std::time::Duration::from_secs(10) };
/// CRM search: 5 requests per second per account.
pub const DEFAULT_SEARCH_QUOTA: QuotaSpec = QuotaSpec { quota: 5, window: std::time::Duration::from_secs(1) };
/// Search limits since 2024-08-26.
const MAX_GROUPS: usize = 5;
const MAX_FILTERS_PER_GROUP: usize = 10;
const MAX_FILTERS: usize = 25;
const MAX_SEARCH_LIMIT: u64 = 200;
const MAX_LIST_LIMIT: u64 = 100;

#[derive(Debug, Clone)]
struct Contact {
    id: u64,
    properties: BTreeMap<String, String>,
    created: Timestamp,
    updated: Timestamp,
}

struct Db {
    contacts: BTreeMap<u64, Contact>,
    next_id: u64,
}

pub(crate) struct State {
    db: Mutex<Db>,
    window: FixedWindow,
    search: FixedWindow,
    daily_used: AtomicU64,
    /// Error answers given (correlation ids derive from it).
    errors: AtomicU64,
    seed: u64,
}

/// `2026-03-01T10:00:00.000Z`, as HubSpot writes times.
fn iso_millis(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let data = seed::Store::Shopify.data(opts.seed, opts.orders);
        let mut contacts = BTreeMap::new();
        let mut id = 151;
        for c in data.customers.iter().step_by(2) {
            let updated = c.created_at + SignedDuration::from_hours(24);
            let mut p = BTreeMap::new();
            p.insert("email".to_string(), c.email.to_ascii_lowercase());
            p.insert("firstname".to_string(), c.first_name.clone());
            p.insert("lastname".to_string(), c.last_name.clone());
            if let Some(ph) = &c.phone {
                p.insert("phone".to_string(), ph.clone());
            }
            p.insert("lifecyclestage".to_string(), "customer".to_string());
            let contact = Contact { id, properties: p, created: c.created_at, updated };
            contacts.insert(id, stamp(contact));
            id += 1;
        }
        State {
            db: Mutex::new(Db { contacts, next_id: id }),
            window: FixedWindow::new(opts.hubspot_quota),
            search: FixedWindow::new(opts.hubspot_search_quota),
            daily_used: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            seed: opts.seed,
        }
    }

    fn db(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn correlation_id(&self) -> String {
        request_id(self.seed ^ 0x4855_4253, self.errors.fetch_add(1, Ordering::Relaxed) + 1)
    }
}

/// The read-only properties follow the record's times and id.
fn stamp(mut c: Contact) -> Contact {
    c.properties.insert("createdate".into(), iso_millis(c.created));
    c.properties.insert("lastmodifieddate".into(), iso_millis(c.updated));
    c.properties.insert("hs_object_id".into(), c.id.to_string());
    c
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/hubspot/{*rest}", any(handle))
}

/// `GET /_sandbox/hubspot/contacts`: every contact with every property (control API).
pub(crate) fn control_routes() -> Router<Arc<Shared>> {
    Router::new().route("/_sandbox/hubspot/contacts", get(all_contacts))
}

async fn all_contacts(AxState(s): AxState<Arc<Shared>>) -> Response {
    let db = s.hubspot.db();
    let list: Vec<Json> = db.contacts.values().map(|c| object(c, None)).collect();
    axum::Json(list).into_response()
}

/// HubSpot's error body.
fn error_body(correlation_id: &str, category: &str, message: &str, errors: Vec<Json>) -> Json {
    let mut b =
        json!({"status": "error", "message": message, "correlationId": correlation_id, "category": category});
    if !errors.is_empty() {
        b["errors"] = Json::Array(errors);
    }
    b
}

fn error(st: &State, status: StatusCode, category: &str, message: &str, errors: Vec<Json>) -> Response {
    (status, axum::Json(error_body(&st.correlation_id(), category, message, errors))).into_response()
}

fn validation(st: &State, message: &str) -> Response {
    error(st, StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message, vec![])
}

/// The body of an injected fault with this HTTP status.
pub(crate) fn fault_body(status: u16) -> Json {
    let cid = request_id(u64::from(status), 0);
    match status {
        429 => rate_limit_body(&cid, "ten_secondly_rolling"),
        _ => error_body(&cid, "INTERNAL_ERROR", "internal error", vec![]),
    }
}

fn rate_limit_body(correlation_id: &str, policy: &str) -> Json {
    json!({
        "status": "error",
        "message": format!("You have reached your {policy} limit."),
        "errorType": "RATE_LIMIT",
        "correlationId": correlation_id,
        "policyName": policy.to_ascii_uppercase(),
        "category": "RATE_LIMITS",
    })
}

fn too_many(st: &State, slot: Slot, policy: &str) -> Response {
    let mut r = (StatusCode::TOO_MANY_REQUESTS, axum::Json(rate_limit_body(&st.correlation_id(), policy)))
        .into_response();
    let secs = format!("{:.3}", slot.reset.as_secs_f64().max(0.001));
    if let Ok(v) = HeaderValue::from_str(&secs) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

fn rate_headers(r: &mut Response, st: &State, slot: Slot) {
    let daily_left = DAILY.saturating_sub(st.daily_used.load(Ordering::Relaxed));
    let h = r.headers_mut();
    let mut put = |k: &'static str, v: String| {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    };
    put("x-hubspot-ratelimit-daily", DAILY.to_string());
    put("x-hubspot-ratelimit-daily-remaining", daily_left.to_string());
    put("x-hubspot-ratelimit-interval-milliseconds", st.window.spec.window.as_millis().to_string());
    put("x-hubspot-ratelimit-max", st.window.spec.quota.to_string());
    put("x-hubspot-ratelimit-remaining", slot.left.to_string());
}

fn authorized(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.strip_prefix("Bearer "))
        .is_some_and(|t| t.trim() == demo::HUBSPOT_ACCESS_TOKEN)
}

async fn handle(
    AxState(s): AxState<Arc<Shared>>,
    method: Method,
    Path(rest): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let st = &s.hubspot;
    if !authorized(&headers) {
        return error(
            st,
            StatusCode::UNAUTHORIZED,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            vec![],
        );
    }
    let segs: Vec<&str> = rest.split('/').filter(|x| !x.is_empty()).collect();
    let query: Vec<(String, String)> =
        query.map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default();
    if let (&Method::POST, ["crm", "v3", "objects", "contacts", "search"]) = (&method, segs.as_slice()) {
        let slot = st.search.take();
        if !slot.allowed {
            return too_many(st, slot, "secondly");
        }
        st.daily_used.fetch_add(1, Ordering::Relaxed);
        return search(st, &body);
    }
    let slot = st.window.take();
    if !slot.allowed {
        let mut r = too_many(st, slot, "ten_secondly_rolling");
        rate_headers(&mut r, st, slot);
        return r;
    }
    st.daily_used.fetch_add(1, Ordering::Relaxed);
    let mut r = match (&method, segs.as_slice()) {
        (&Method::GET, ["crm", "v3", "objects", "contacts"]) => list(st, &query),
        (&Method::POST, ["crm", "v3", "objects", "contacts"]) => create(st, &body),
        (&Method::GET, ["crm", "v3", "objects", "contacts", id]) => read(st, id, &query),
        (&Method::PATCH, ["crm", "v3", "objects", "contacts", id]) => update(st, id, &body),
        _ => error(
            st,
            StatusCode::NOT_FOUND,
            "OBJECT_NOT_FOUND",
            &format!("No route for {method} /{rest}"),
            vec![],
        ),
    };
    rate_headers(&mut r, st, slot);
    r
}

/// A contact as HubSpot answers it, with the requested properties (`None`: every one it has).
fn object(c: &Contact, props: Option<&[String]>) -> Json {
    let mut p = Map::new();
    match props {
        None => {
            for (k, v) in &c.properties {
                p.insert(k.clone(), json!(v));
            }
        }
        Some(list) => {
            let wanted = list.iter().map(String::as_str).chain(ALWAYS.iter().copied());
            for k in wanted {
                p.insert(k.to_string(), c.properties.get(k).map_or(Json::Null, |v| json!(v)));
            }
        }
    }
    json!({
        "id": c.id.to_string(),
        "properties": p,
        "createdAt": iso_millis(c.created),
        "updatedAt": iso_millis(c.updated),
        "archived": false,
    })
}

fn default_props() -> Vec<String> {
    DEFAULT_PROPS.iter().map(|s| s.to_string()).collect()
}

/// `properties=a,b` (or repeated) from a query.
fn query_props(query: &[(String, String)]) -> Vec<String> {
    let list: Vec<String> = query
        .iter()
        .filter(|(k, _)| k == "properties")
        .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() { default_props() } else { list }
}

fn parse_json(st: &State, body: &[u8]) -> Result<Map<String, Json>, Response> {
    match serde_json::from_slice::<Json>(body) {
        Ok(Json::Object(m)) => Ok(m),
        _ => Err(validation(st, "Invalid input JSON: the body must be a JSON object")),
    }
}

fn list(st: &State, query: &[(String, String)]) -> Response {
    let q = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let limit = match q("limit").map(str::parse::<u64>) {
        None => 10,
        Some(Ok(n)) if (1..=MAX_LIST_LIMIT).contains(&n) => n,
        Some(_) => return validation(st, &format!("limit must be a number from 1 to {MAX_LIST_LIMIT}")),
    };
    let after = match q("after").map(str::parse::<u64>) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return validation(st, "after must be a paging cursor from a previous answer"),
    };
    let props = query_props(query);
    let db = st.db();
    let all: Vec<&Contact> = db.contacts.values().filter(|c| c.id > after).collect();
    let page: Vec<Json> = all.iter().take(limit as usize).map(|c| object(c, Some(&props))).collect();
    let mut out = json!({"results": page});
    if all.len() > limit as usize {
        let next = all[limit as usize - 1].id.to_string();
        out["paging"] = json!({"next": {"after": next, "link": format!("?after={next}")}});
    }
    axum::Json(out).into_response()
}

fn read(st: &State, id: &str, query: &[(String, String)]) -> Response {
    let props = query_props(query);
    let db = st.db();
    match id.parse::<u64>().ok().and_then(|n| db.contacts.get(&n)) {
        Some(c) => axum::Json(object(c, Some(&props))).into_response(),
        None => {
            drop(db);
            not_found(st, id)
        }
    }
}

fn not_found(st: &State, id: &str) -> Response {
    error(st, StatusCode::NOT_FOUND, "OBJECT_NOT_FOUND", &format!("resource not found: contact {id}"), vec![])
}

/// Check a `properties` object against the portal; the values as strings (`null` clears).
fn properties(st: &State, v: Option<&Json>) -> Result<BTreeMap<String, Option<String>>, Response> {
    let Some(Json::Object(m)) = v else {
        return Err(validation(
            st,
            "Invalid input JSON: `properties` must be an object of property name → value",
        ));
    };
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (k, v) in m {
        let kind = SHOPDESK.iter().find(|(n, _)| n == k).map(|(_, t)| *t);
        if kind.is_none() && !STANDARD.contains(&k.as_str()) {
            errors.push(json!({
                "message": format!("Property \"{k}\" does not exist"),
                "code": "PROPERTY_DOESNT_EXIST",
                "context": {"propertyName": [k]},
            }));
            continue;
        }
        if READ_ONLY.contains(&k.as_str()) {
            errors.push(json!({
                "message": format!("Property \"{k}\" is a read only property; its value cannot be set."),
                "code": "READ_ONLY_VALUE",
                "context": {"propertyName": [k]},
            }));
            continue;
        }
        let value = match v {
            Json::Null => None,
            Json::String(s) => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            Json::Bool(b) => Some(b.to_string()),
            _ => {
                errors.push(json!({
                    "message": format!("Property \"{k}\" must be a string, number or boolean"),
                    "code": "INVALID_OPTION",
                    "context": {"propertyName": [k]},
                }));
                continue;
            }
        };
        if kind == Some("number")
            && let Some(s) = &value
            && !s.is_empty()
            && s.parse::<rust_decimal::Decimal>().is_err()
        {
            errors.push(json!({
                "message": format!("{s} was not a valid number."),
                "code": "INVALID_DECIMAL",
                "context": {"propertyName": [k]},
            }));
            continue;
        }
        let value = if k == "email" { value.map(|e| e.trim().to_ascii_lowercase()) } else { value };
        out.insert(k.clone(), value);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(error(st, StatusCode::BAD_REQUEST, "VALIDATION_ERROR", "Property values were not valid", errors))
    }
}

fn conflict(st: &State, existing: u64) -> Response {
    error(
        st,
        StatusCode::CONFLICT,
        "CONFLICT",
        &format!("Contact already exists. Existing ID: {existing}"),
        vec![],
    )
}

fn owner_of(db: &Db, email: &str, except: Option<u64>) -> Option<u64> {
    db.contacts
        .values()
        .find(|c| {
            Some(c.id) != except && c.properties.get("email").is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
        .map(|c| c.id)
}

fn apply(c: &mut Contact, props: BTreeMap<String, Option<String>>) {
    for (k, v) in props {
        match v {
            Some(v) if !v.is_empty() => c.properties.insert(k, v),
            _ => c.properties.remove(&k),
        };
    }
}

fn create(st: &State, body: &[u8]) -> Response {
    let req = match parse_json(st, body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    // The spec's SimplePublicObjectInputForCreate requires both.
    for key in ["properties", "associations"] {
        if !req.contains_key(key) {
            return validation(st, &format!("Invalid input JSON: missing required property `{key}`"));
        }
    }
    if !req["associations"].is_array() {
        return validation(st, "Invalid input JSON: `associations` must be an array");
    }
    let props = match properties(st, req.get("properties")) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let mut db = st.db();
    if let Some(Some(email)) = props.get("email")
        && let Some(existing) = owner_of(&db, email, None)
    {
        drop(db);
        return conflict(st, existing);
    }
    let id = db.next_id;
    db.next_id += 1;
    let now = Timestamp::now();
    let mut c = Contact { id, properties: BTreeMap::new(), created: now, updated: now };
    apply(&mut c, props);
    let c = stamp(c);
    let answer = object(&c, None);
    db.contacts.insert(id, c);
    (StatusCode::CREATED, axum::Json(answer)).into_response()
}

fn update(st: &State, id: &str, body: &[u8]) -> Response {
    let req = match parse_json(st, body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let props = match properties(st, req.get("properties")) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let mut db = st.db();
    let Some(n) = id.parse::<u64>().ok().filter(|n| db.contacts.contains_key(n)) else {
        drop(db);
        return not_found(st, id);
    };
    if let Some(Some(email)) = props.get("email")
        && let Some(existing) = owner_of(&db, email, Some(n))
    {
        drop(db);
        return conflict(st, existing);
    }
    let c = db.contacts.get_mut(&n).expect("the contact exists: checked above");
    apply(c, props);
    c.updated = Timestamp::now().max(c.updated + SignedDuration::from_millis(1));
    let updated = stamp(c.clone());
    *c = updated.clone();
    axum::Json(object(&updated, None)).into_response()
}

// ---- search ---------------------------------------------------------------------------------

/// One filter of a search request.
struct Filter {
    property: String,
    operator: String,
    value: Option<String>,
    values: Vec<String>,
}

fn scalar(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The words of a value (what `CONTAINS_TOKEN` matches against).
fn tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric() && c != '@' && c != '.' && c != '-' && c != '_')
        .filter(|t| !t.is_empty())
        .flat_map(|t| std::iter::once(t.to_string()).chain(t.split(['@', '.']).map(str::to_string)))
        .map(|t| t.to_lowercase())
}

fn token_matches(value: &str, pattern: &str) -> bool {
    let p = pattern.to_lowercase();
    let (pre, suf) = (p.starts_with('*'), p.ends_with('*'));
    let core = p.trim_matches('*');
    tokens(value).any(|t| match (pre, suf) {
        (true, true) => t.contains(core),
        (true, false) => t.ends_with(core),
        (false, true) => t.starts_with(core),
        (false, false) => t == core,
    })
}

impl Filter {
    fn matches(&self, c: &Contact) -> bool {
        let have = c.properties.get(&self.property).filter(|v| !v.is_empty());
        let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        match self.operator.as_str() {
            "EQ" => have.zip(self.value.as_ref()).is_some_and(|(a, b)| eq(a, b)),
            "NEQ" => !have.zip(self.value.as_ref()).is_some_and(|(a, b)| eq(a, b)),
            "CONTAINS_TOKEN" => have.zip(self.value.as_ref()).is_some_and(|(a, b)| token_matches(a, b)),
            "NOT_CONTAINS_TOKEN" => !have.zip(self.value.as_ref()).is_some_and(|(a, b)| token_matches(a, b)),
            "HAS_PROPERTY" => have.is_some(),
            "NOT_HAS_PROPERTY" => have.is_none(),
            "IN" => have.is_some_and(|a| self.values.iter().any(|b| eq(a, b))),
            "NOT_IN" => !have.is_some_and(|a| self.values.iter().any(|b| eq(a, b))),
            _ => false,
        }
    }
}

const OPERATORS: &[&str] = &[
    "EQ",
    "NEQ",
    "CONTAINS_TOKEN",
    "NOT_CONTAINS_TOKEN",
    "HAS_PROPERTY",
    "NOT_HAS_PROPERTY",
    "IN",
    "NOT_IN",
];
const RANGE_OPERATORS: &[&str] = &["GT", "GTE", "LT", "LTE", "BETWEEN"];

fn parse_filters(st: &State, groups: &[Json]) -> Result<Vec<Vec<Filter>>, Response> {
    if groups.len() > MAX_GROUPS {
        return Err(validation(
            st,
            &format!("Too many filter groups ({}); the maximum is {MAX_GROUPS}.", groups.len()),
        ));
    }
    let mut total = 0;
    let mut out = Vec::new();
    for g in groups {
        let Some(filters) = g.get("filters").and_then(Json::as_array) else {
            return Err(validation(st, "Invalid input JSON: each filter group needs a `filters` array"));
        };
        if filters.len() > MAX_FILTERS_PER_GROUP {
            return Err(validation(
                st,
                &format!(
                    "Too many filters in a group ({}); the maximum is {MAX_FILTERS_PER_GROUP}.",
                    filters.len()
                ),
            ));
        }
        total += filters.len();
        let mut group = Vec::new();
        for f in filters {
            let property = f.get("propertyName").and_then(Json::as_str).unwrap_or_default().to_string();
            let operator = f.get("operator").and_then(Json::as_str).unwrap_or("EQ").to_string();
            if property.is_empty() {
                return Err(validation(st, "Invalid input JSON: a filter needs `propertyName`"));
            }
            if RANGE_OPERATORS.contains(&operator.as_str()) {
                return Err(validation(
                    st,
                    &format!(
                        "operator {operator} is valid for HubSpot but not emulated by the shopdesk sandbox"
                    ),
                ));
            }
            if !OPERATORS.contains(&operator.as_str()) {
                return Err(validation(st, &format!("Unknown filter operator `{operator}`")));
            }
            let value = f.get("value").and_then(scalar);
            let values: Vec<String> =
                f.get("values").and_then(Json::as_array).into_iter().flatten().filter_map(scalar).collect();
            let needs_value =
                !matches!(operator.as_str(), "HAS_PROPERTY" | "NOT_HAS_PROPERTY" | "IN" | "NOT_IN");
            if needs_value && value.is_none() {
                return Err(validation(
                    st,
                    &format!("Filter on `{property}` with {operator} needs a `value`"),
                ));
            }
            group.push(Filter { property, operator, value, values });
        }
        out.push(group);
    }
    if total > MAX_FILTERS {
        return Err(validation(
            st,
            &format!("Too many filters ({total}); the maximum is {MAX_FILTERS} in total."),
        ));
    }
    Ok(out)
}

fn search(st: &State, body: &[u8]) -> Response {
    let req = match parse_json(st, body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    // The published PublicObjectSearchRequest marks all five required.
    for key in ["filterGroups", "properties", "sorts", "limit", "after"] {
        if !req.contains_key(key) {
            return validation(
                st,
                &format!(
                    "Invalid input JSON: missing required property `{key}` (filterGroups, properties, sorts, limit and after are required)"
                ),
            );
        }
    }
    let (Some(groups), Some(props), Some(sorts)) =
        (req["filterGroups"].as_array(), req["properties"].as_array(), req["sorts"].as_array())
    else {
        return validation(st, "Invalid input JSON: filterGroups, properties and sorts must be arrays");
    };
    let Some(limit) = req["limit"].as_u64() else {
        return validation(st, "Invalid input JSON: limit must be an integer");
    };
    if limit > MAX_SEARCH_LIMIT {
        return validation(st, &format!("limit {limit} is too large; the maximum is {MAX_SEARCH_LIMIT}."));
    }
    let Some(after) = req["after"].as_str() else {
        return validation(
            st,
            "Invalid input JSON: after must be a string (a paging cursor, \"0\" to start)",
        );
    };
    let after: usize = match after.parse() {
        Ok(n) => n,
        Err(_) => {
            return validation(st, &format!("after `{after}` is not a paging cursor from a previous answer"));
        }
    };
    let groups = match parse_filters(st, groups) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let mut props: Vec<String> = props.iter().filter_map(|p| p.as_str().map(str::to_string)).collect();
    if props.is_empty() {
        props = default_props();
    }
    let db = st.db();
    let mut hits: Vec<&Contact> = db
        .contacts
        .values()
        .filter(|c| groups.is_empty() || groups.iter().any(|g| g.iter().all(|f| f.matches(c))))
        .collect();
    // The first sort decides (HubSpot allows one sort per request [D]).
    if let Some(s) = sorts.first() {
        let key = s.get("propertyName").and_then(Json::as_str).unwrap_or("hs_object_id").to_string();
        let desc = s.get("direction").and_then(Json::as_str) == Some("DESCENDING");
        hits.sort_by(|a, b| {
            let (x, y) = (a.properties.get(&key), b.properties.get(&key));
            let o = match (x.and_then(|v| v.parse::<f64>().ok()), y.and_then(|v| v.parse::<f64>().ok())) {
                (Some(p), Some(q)) => p.total_cmp(&q),
                _ => x.cmp(&y),
            };
            if desc { o.reverse() } else { o }
        });
    }
    let total = hits.len();
    let page: Vec<Json> =
        hits.iter().skip(after).take(limit as usize).map(|c| object(c, Some(&props))).collect();
    let mut out = json!({"total": total, "results": page});
    let next = after + limit as usize;
    if next < total && limit > 0 {
        out["paging"] = json!({"next": {"after": next.to_string(), "link": format!("?after={next}")}});
    }
    axum::Json(out).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::Sandbox;
    use std::time::Duration;

    async fn call(
        sb: &Sandbox,
        method: &str,
        path: &str,
        token: &str,
        body: Option<Json>,
    ) -> (u16, HeaderMap, Json) {
        let c = reqwest::Client::new();
        let url = format!("{}/hubspot/{path}", sb.base_url());
        let mut rb = c.request(method.parse().unwrap(), url).bearer_auth(token);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.unwrap();
        let status = r.status().as_u16();
        let h = r.headers().clone();
        let v = r.json().await.unwrap_or(Json::Null);
        (status, h, v)
    }

    fn search_body(filter_groups: Json) -> Json {
        json!({"filterGroups": filter_groups, "properties": ["email"], "sorts": [], "limit": 10, "after": "0"})
    }

    const SEARCH: &str = "crm/v3/objects/contacts/search";
    const CONTACTS: &str = "crm/v3/objects/contacts";

    #[tokio::test]
    async fn search_requires_the_five_keys_and_validates_limits() {
        let sb = Sandbox::start(Options { hubspot_search_quota: DEFAULT_QUOTA, ..Options::default() })
            .await
            .unwrap();
        let t = demo::HUBSPOT_ACCESS_TOKEN;
        for key in ["filterGroups", "properties", "sorts", "limit", "after"] {
            let mut b = search_body(json!([]));
            b.as_object_mut().unwrap().remove(key);
            let (s, _, v) = call(&sb, "POST", SEARCH, t, Some(b)).await;
            assert_eq!(s, 400, "{key}");
            assert_eq!(v["category"], "VALIDATION_ERROR");
            assert!(v["message"].as_str().unwrap().contains(&format!("`{key}`")), "{v}");
        }
        let eq = json!({"propertyName": "email", "operator": "EQ", "value": "x@y.z"});
        let six = Json::Array(vec![json!({"filters": [eq.clone()]}); 6]);
        assert_eq!(call(&sb, "POST", SEARCH, t, Some(search_body(six))).await.0, 400, "6 groups");
        let eleven = json!([{"filters": vec![eq.clone(); 11]}]);
        assert_eq!(call(&sb, "POST", SEARCH, t, Some(search_body(eleven))).await.0, 400, "11 filters");
        let twenty_six = Json::Array(vec![json!({"filters": vec![eq.clone(); 6]}); 5]);
        assert_eq!(call(&sb, "POST", SEARCH, t, Some(search_body(twenty_six))).await.0, 400, "30 filters");
        let mut big = search_body(json!([]));
        big["limit"] = json!(201);
        assert_eq!(call(&sb, "POST", SEARCH, t, Some(big)).await.0, 400);
        let (s, h, v) = call(&sb, "POST", SEARCH, "pat-na1-wrong", Some(search_body(json!([])))).await;
        assert_eq!((s, v["category"].as_str()), (401, Some("INVALID_AUTHENTICATION")));
        assert!(h.get("x-hubspot-ratelimit-max").is_none());
    }

    #[tokio::test]
    async fn search_filters_or_and_pages() {
        let sb = Sandbox::start(Options { hubspot_search_quota: DEFAULT_QUOTA, ..Options::default() })
            .await
            .unwrap();
        let t = demo::HUBSPOT_ACCESS_TOKEN;
        let f = |p: &str, op: &str, v: &str| json!({"propertyName": p, "operator": op, "value": v});
        let (s, h, v) = call(
            &sb,
            "POST",
            SEARCH,
            t,
            Some(search_body(json!([{"filters": [f("email", "EQ", "JANE@example.com")]}]))),
        )
        .await;
        assert_eq!(s, 200, "{v}");
        assert!(h.get("x-hubspot-ratelimit-remaining").is_none(), "search answers carry no rate headers");
        assert_eq!(v["total"], 1);
        let jane = &v["results"][0];
        assert_eq!(jane["properties"]["email"], "jane@example.com");
        assert!(jane["properties"]["createdate"].as_str().unwrap().ends_with(".000Z"), "{jane}");
        assert!(jane["properties"].get("firstname").is_none(), "only the requested properties");
        // OR of groups; AND within one.
        let both = json!([{"filters": [f("email", "EQ", "jane@example.com")]},
                          {"filters": [f("firstname", "EQ", "Jane"), f("lastname", "NEQ", "Doe")]}]);
        assert_eq!(call(&sb, "POST", SEARCH, t, Some(search_body(both))).await.2["total"], 1);
        let tok = json!([{"filters": [f("email", "CONTAINS_TOKEN", "jane")]}]);
        assert_eq!(call(&sb, "POST", SEARCH, t, Some(search_body(tok))).await.2["total"], 1);
        let all = json!([{"filters": [{"propertyName": "email", "operator": "HAS_PROPERTY"}]}]);
        let (_, _, v) = call(&sb, "POST", SEARCH, t, Some(search_body(all.clone()))).await;
        let total = v["total"].as_u64().unwrap();
        let customers = seed::Store::Shopify.data(0, seed::DEFAULT_ORDERS).customers.len() as u64;
        assert_eq!(total, customers.div_ceil(2), "every 2nd store customer");
        // Paging by cursor through everything.
        let mut seen = 0;
        let mut after = "0".to_string();
        loop {
            let mut b = search_body(all.clone());
            b["limit"] = json!(3);
            b["after"] = json!(after);
            let (_, _, v) = call(&sb, "POST", SEARCH, t, Some(b)).await;
            seen += v["results"].as_array().unwrap().len() as u64;
            match v["paging"]["next"]["after"].as_str() {
                Some(a) => after = a.to_string(),
                None => break,
            }
        }
        assert_eq!(seen, total);
    }

    #[tokio::test]
    async fn create_conflict_patch_and_unknown_property() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let t = demo::HUBSPOT_ACCESS_TOKEN;
        let (s, h, v) =
            call(&sb, "POST", CONTACTS, t, Some(json!({"properties": {"email": "new@example.com"}}))).await;
        assert_eq!((s, v["message"].as_str().unwrap().contains("`associations`")), (400, true), "{v}");
        assert_eq!(h["x-hubspot-ratelimit-max"], "100");
        let (s, _, v) = call(
            &sb,
            "POST",
            CONTACTS,
            t,
            Some(json!({"properties": {"email": "New@Example.com", "shopdesk_total_spent": "12.50"}, "associations": []})),
        )
        .await;
        assert_eq!(s, 201, "{v}");
        let id = v["id"].as_str().unwrap().to_string();
        assert_eq!(v["properties"]["email"], "new@example.com");
        let (s, _, v) = call(
            &sb,
            "POST",
            CONTACTS,
            t,
            Some(json!({"properties": {"email": "jane@example.com"}, "associations": []})),
        )
        .await;
        assert_eq!((s, v["category"].as_str()), (409, Some("CONFLICT")));
        assert_eq!(v["message"], "Contact already exists. Existing ID: 151");
        let path = format!("{CONTACTS}/{id}");
        let (s, _, v) = call(&sb, "PATCH", &path, t, Some(json!({"properties": {"favcolor": "red"}}))).await;
        assert_eq!(s, 400);
        assert_eq!(v["errors"][0]["code"], "PROPERTY_DOESNT_EXIST");
        assert_eq!(v["errors"][0]["context"]["propertyName"][0], "favcolor");
        let (s, h, v) = call(&sb, "PATCH", &path, t, Some(json!({"properties": {"firstname": "Nia"}}))).await;
        assert_eq!((s, v["properties"]["firstname"].as_str()), (200, Some("Nia")));
        assert_eq!(h["x-hubspot-ratelimit-remaining"], "95");
        let (s, _, v) =
            call(&sb, "GET", &format!("{path}?properties=firstname,shopdesk_total_spent"), t, None).await;
        assert_eq!(s, 200);
        assert_eq!(v["properties"]["shopdesk_total_spent"], "12.50");
        assert_eq!(call(&sb, "GET", &format!("{CONTACTS}/999999"), t, None).await.0, 404);
        let r: Json = reqwest::get(format!("{}/_sandbox/hubspot/contacts", sb.base_url()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(r.as_array().unwrap().iter().any(|c| c["properties"]["firstname"] == "Nia"));
    }

    #[tokio::test]
    async fn the_window_runs_out_with_a_rate_limit_body() {
        let quota = QuotaSpec { quota: 2, window: Duration::from_secs(30) };
        let sb = Sandbox::start(Options { hubspot_quota: quota, ..Options::default() }).await.unwrap();
        let t = demo::HUBSPOT_ACCESS_TOKEN;
        for left in ["1", "0"] {
            let (s, h, _) = call(&sb, "GET", &format!("{CONTACTS}?limit=1"), t, None).await;
            assert_eq!((s, h["x-hubspot-ratelimit-remaining"].to_str().unwrap()), (200, left));
            assert_eq!(h["x-hubspot-ratelimit-interval-milliseconds"], "30000");
            assert_eq!(h["x-hubspot-ratelimit-daily"], "250000");
        }
        let (s, h, v) = call(&sb, "GET", CONTACTS, t, None).await;
        assert_eq!((s, v["category"].as_str()), (429, Some("RATE_LIMITS")));
        let wait: f64 = h["retry-after"].to_str().unwrap().parse().unwrap();
        assert!(wait > 0.0 && wait <= 30.0);
        // Search has its own per-second budget.
        let (s, _, _) = call(&sb, "POST", SEARCH, t, Some(search_body(json!([])))).await;
        assert_eq!(s, 200);
    }
}
