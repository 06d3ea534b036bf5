//! The Salesforce REST emulator: an org's My Domain (the OAuth token endpoint) at
//! `/salesforce/mydomain/…` and its instance (the REST API) at `/salesforce/instance/…`, in place
//! of `https://<MyDomain>.my.salesforce.com`.
//!
//! Written from `reference/services.md` §4a and the REST API Developer Guide pages it cites
//! ([D]); what those do not say is marked [U]:
//! - **OAuth** `POST /services/oauth2/token`, form body:
//!   - `grant_type=client_credentials&client_id&client_secret` ([`demo::SALESFORCE_CLIENT_ID`],
//!     [`demo::SALESFORCE_CLIENT_SECRET`]) [D];
//!   - `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>` [D]: the RS256
//!     signature is checked against the public half of [`demo::RSA_PRIVATE_KEY`] (the
//!     certificate the connected app holds), `iss` = the consumer key, `sub` =
//!     [`demo::SALESFORCE_USERNAME`], `aud` = `https://login.salesforce.com` or
//!     `https://test.salesforce.com`, `exp` in the future and at most 3 minutes (plus a minute
//!     of clock slack) ahead [D/3P].
//!
//!   The answer is `{"access_token","instance_url","id","token_type":"Bearer","issued_at",
//!   "scope"}` (+ `"signature"` for client credentials) with **no `expires_in`** [3P/U]: a
//!   client learns that a session expired from a 401. `instance_url` is this emulator's
//!   `/salesforce/instance` (same scheme and host as the request), deliberately not the My
//!   Domain, so a client that ignores `instance_url` fails. Refusals are 400
//!   `{"error","error_description"}` [U status and texts]: `invalid_client_id` "client
//!   identifier invalid", `invalid_client` "invalid client credentials", `invalid_grant`
//!   ("invalid assertion", "audience is invalid", "user hasn't approved this consumer",
//!   "expired authorization code"), `unsupported_grant_type`. Tokens live `Options::token_ttl`;
//!   [`crate::sandbox::Sandbox::expire_salesforce_tokens`] expires them all.
//! - **REST** under `/services/data/`: `GET /services/data/` lists versions without auth [D]
//!   (20.0 to 67.0, labelled by release); anything under an unknown `vXX.X` is 404 `NOT_FOUND`.
//!   Every other call needs `Authorization: Bearer <token>`, else 401
//!   `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]` [U, long-standing
//!   shape]. Errors are JSON arrays `[{"message","errorCode","fields"}]` [U].
//! - **Limits**: every `/services/data/…` answer carries `Sforce-Limit-Info: api-usage=N/M` [D]
//!   — N counts the authenticated calls of the sandbox's day, M is
//!   `Options::salesforce_daily_api_limit`; once N reaches M calls get 403
//!   `REQUEST_LIMIT_EXCEEDED` "TotalRequests Limit exceeded." [U text]. `GET vXX.X/limits`
//!   answers `{"DailyApiRequests":{"Max","Remaining"}, …}` [D].
//! - **SOQL** `GET vXX.X/query?q=…` [D], the subset shopdesk sends: `SELECT field, … FROM Contact
//!   [WHERE field = 'literal' [AND …]] [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST]] [LIMIT n]`,
//!   keywords and field names case-insensitive, text comparison case-insensitive, the string
//!   escapes of the SOQL reference (`\' \" \\ \n \r \t \b \f \uXXXX`; any other backslash is an
//!   error) [D]. Another object → 400 `INVALID_TYPE`; an unknown column → 400 `INVALID_FIELD`
//!   "No such column 'X' on entity 'Contact'. …" [D example]; anything else not understood →
//!   400 `MALFORMED_QUERY`. Answers `{"totalSize","done","records":[{"attributes":{"type","url"},
//!   …}],"nextRecordsUrl"?}`; `Account.Name` comes as a nested `Account` record (null without an
//!   account). Batches: 2,000 records, or `Sforce-Query-Options: batchSize=N` clamped to
//!   200–2,000 [D]; further batches at `nextRecordsUrl` = `/services/data/vXX.X/query/<locator>-<offset>` [D].
//! - **Contacts by external id** [D]: `GET`/`PATCH vXX.X/sobjects/Contact/{field}/{value}` where
//!   `field` is `Shopdesk_Email__c` (a unique External ID) or `Email` (an idLookup field [U]).
//!   `PATCH` creates (201 `{"id","success":true,"errors":[],"created":true}`) or updates (200
//!   with `"created":false` from v46.0, 204 before [U]); several matches → 300 with a JSON array
//!   of the candidates' URLs [U body]; the external id field in the body → 400 `INVALID_FIELD`
//!   [U]; another field → 404 `NOT_FOUND` "Provided external ID field does not exist or is not
//!   accessible" [U]. The documented TLD quirk: a value ending in `.inc` is 404 `NOT_FOUND` (the
//!   REST layer reads it as a file extension) [D] — the workaround the docs give is to query for
//!   the record id and write by id, which `POST vXX.X/sobjects/Contact` (create, 201) and
//!   `GET`/`PATCH vXX.X/sobjects/Contact/{Id}` (update, 204) serve.
//! - Writes check fields: unknown → 400 `INVALID_FIELD` "No such column 'X' on sobject of type
//!   Contact"; read-only (`Id`, `Name`, `CreatedDate`, `LastModifiedDate`) → 400
//!   `INVALID_FIELD_FOR_INSERT_UPDATE`; numbers/currency given as JSON numbers or numeric
//!   strings, anything else → 400 `JSON_PARSER_ERROR` [U]; a bad email → 400
//!   `INVALID_EMAIL_ADDRESS` [U]; a create without `LastName` → 400 `REQUIRED_FIELD_MISSING` [D].
//!   The custom fields `Shopdesk_Email__c`, `Shopdesk_Orders__c`, `Shopdesk_Total_Spent__c`
//!   (currency), `Shopdesk_Currency__c`, `Shopdesk_Last_Order__c`, `Shopdesk_Last_Order_At__c`
//!   (datetime) are what README tells an admin to create.
//! - **Seed**: a contact for Jane Doe (`jane@example.com`, account "Doe Household") and for every
//!   third customer of the Shopify demo store (`seed::Store::Shopify`), most with an account,
//!   `Shopdesk_Email__c` = their email (as if synced before). Customer 3 also has an older
//!   duplicate without the external id (so "newest first" matters); customer 6 has two contacts
//!   with the same external id (an upsert of that email is a 300).
//! - Control: `GET /_sandbox/salesforce/contacts` lists every contact as stored (with
//!   `AccountName`), so tests see what an upsert wrote.

// Handlers answer errors as ready responses (as `paypal.rs` does).
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::{Request, State as AxState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json, json};

use super::jwt::{public_key_of, verify_rs256};
use super::seed::{self, Rng};
use super::tokens::Tokens;
use super::{Options, Shared, demo};

/// Where the My Domain (token endpoint) and the instance (REST API) are mounted.
pub const MY_DOMAIN_PATH: &str = "/salesforce/mydomain";
pub const INSTANCE_PATH: &str = "/salesforce/instance";

/// Newest API version served (Summer '26).
const NEWEST: u32 = 67;
const OLDEST: u32 = 20;
/// Default and bounds of a query batch.
const BATCH: usize = 2000;
const MIN_BATCH: usize = 200;

/// A Contact's fields: (canonical name, kind).
const FIELDS: &[(&str, Kind)] = &[
    ("Id", Kind::ReadOnly),
    ("FirstName", Kind::Text),
    ("LastName", Kind::Text),
    ("Name", Kind::ReadOnly),
    ("Email", Kind::Email),
    ("Phone", Kind::Text),
    ("AccountId", Kind::Text),
    ("Account.Name", Kind::ReadOnly),
    ("LeadSource", Kind::Text),
    ("CreatedDate", Kind::ReadOnly),
    ("LastModifiedDate", Kind::ReadOnly),
    ("Shopdesk_Email__c", Kind::Email),
    ("Shopdesk_Orders__c", Kind::Number),
    ("Shopdesk_Total_Spent__c", Kind::Number),
    ("Shopdesk_Currency__c", Kind::Text),
    ("Shopdesk_Last_Order__c", Kind::Text),
    ("Shopdesk_Last_Order_At__c", Kind::DateTime),
];

/// External id (or idLookup) fields a record can be addressed by.
const EXTERNAL_IDS: &[&str] = &["Shopdesk_Email__c", "Email"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ReadOnly,
    Text,
    Email,
    Number,
    DateTime,
}

fn field(name: &str) -> Option<(&'static str, Kind)> {
    FIELDS.iter().copied().find(|(f, _)| f.eq_ignore_ascii_case(name))
}

struct Db {
    /// Contacts as stored: canonical field name → value (`AccountId` links to `accounts`).
    contacts: Vec<Map<String, Json>>,
    accounts: HashMap<String, String>,
    /// Query locator → (all records, batch size).
    cursors: HashMap<String, (Vec<Json>, usize)>,
    next_contact: u64,
    next_cursor: u64,
}

pub(crate) struct State {
    tokens: Tokens,
    public_key: Vec<u8>,
    daily_limit: u64,
    used: AtomicU64,
    db: Mutex<Db>,
}

/// Salesforce's datetime format (`2026-11-01T09:30:00.000+0000`).
fn sf_time(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S.000+0000").to_string()
}

fn contact_id(n: u64) -> String {
    format!("003Sbx{n:09}AAA")
}

impl State {
    pub(crate) fn new(opts: &Options) -> State {
        let data = seed::Store::Shopify.data(opts.seed, opts.orders);
        let mut db = Db {
            contacts: Vec::new(),
            accounts: HashMap::new(),
            cursors: HashMap::new(),
            next_contact: 0,
            next_cursor: 0,
        };
        const SOURCES: &[&str] = &["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];
        for (i, c) in data.customers.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            let mut r = Rng::new(opts.seed ^ 0x5A1E_5F0C ^ (i as u64).wrapping_mul(0x9E37_79B9));
            // Most contacts belong to an account: Jane's household, a company, or a household.
            let account = if i == 0 {
                Some("Doe Household".to_string())
            } else if i % 9 == 6 {
                None
            } else {
                Some(c.address.company.clone().unwrap_or_else(|| format!("{} Household", c.last_name)))
            };
            let account_id = account.map(|name| {
                let id = format!("001Sbx{:09}AAA", db.accounts.len() + 1);
                db.accounts.insert(id.clone(), name);
                id
            });
            let modified = c.created_at + jiff::SignedDuration::from_hours(24 * (1 + r.below(200) as i64));
            let modified = modified.min(seed::epoch());
            let mut rec = Map::new();
            rec.insert("FirstName".into(), json!(c.first_name));
            rec.insert("LastName".into(), json!(c.last_name));
            rec.insert("Email".into(), json!(c.email));
            rec.insert("Phone".into(), json!(c.phone));
            rec.insert("AccountId".into(), json!(account_id));
            rec.insert("LeadSource".into(), json!(if i == 0 { "Web" } else { *r.pick(SOURCES) }));
            rec.insert("CreatedDate".into(), json!(sf_time(c.created_at.min(modified))));
            rec.insert("LastModifiedDate".into(), json!(sf_time(modified)));
            rec.insert("Shopdesk_Email__c".into(), json!(c.email));
            if i == 3 {
                // An older duplicate from a list import, without the external id.
                let mut old = rec.clone();
                old.insert("LeadSource".into(), json!("Purchased List"));
                old.insert("AccountId".into(), Json::Null);
                old.insert("Shopdesk_Email__c".into(), Json::Null);
                let t = c.created_at - jiff::SignedDuration::from_hours(24 * 30);
                old.insert("CreatedDate".into(), json!(sf_time(t)));
                old.insert("LastModifiedDate".into(), json!(sf_time(t)));
                db.insert(old);
            }
            if i == 6 {
                // The same external id twice: an upsert by it is ambiguous (300).
                db.insert(rec.clone());
            }
            db.insert(rec);
        }
        State {
            tokens: Tokens::new(opts.token_ttl, 0x5A1E_5F0C),
            public_key: public_key_of(demo::RSA_PRIVATE_KEY),
            daily_limit: opts.salesforce_daily_api_limit,
            used: AtomicU64::new(0),
            db: Mutex::new(db),
        }
    }

    fn db(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every issued token expires now.
    pub(crate) fn expire_tokens(&self) {
        self.tokens.expire_all();
    }

    /// Every contact as stored, with its account's name as `AccountName`.
    pub(crate) fn contacts(&self) -> Vec<Json> {
        let db = self.db();
        db.contacts
            .iter()
            .map(|c| {
                let mut c = c.clone();
                let name = c.get("AccountId").and_then(Json::as_str).and_then(|a| db.accounts.get(a));
                c.insert("AccountName".into(), json!(name));
                Json::Object(c)
            })
            .collect()
    }

    fn usage(&self) -> String {
        format!("api-usage={}/{}", self.used.load(Ordering::SeqCst), self.daily_limit)
    }
}

impl Db {
    /// Store a new contact (its `Id` and `Name` filled in); returns the id.
    fn insert(&mut self, mut rec: Map<String, Json>) -> String {
        self.next_contact += 1;
        let id = contact_id(self.next_contact);
        rec.insert("Id".into(), json!(id));
        name_of(&mut rec);
        self.contacts.push(rec);
        id
    }

    /// A field's value in a stored contact, `Account.Name` through the account.
    fn value(&self, c: &Map<String, Json>, name: &str) -> Json {
        if name == "Account.Name" {
            let id = c.get("AccountId").and_then(Json::as_str);
            return json!(id.and_then(|a| self.accounts.get(a)));
        }
        c.get(name).cloned().unwrap_or(Json::Null)
    }

    fn matching(&self, field: &str, value: &str) -> Vec<usize> {
        (0..self.contacts.len())
            .filter(|&i| {
                self.value(&self.contacts[i], field).as_str().is_some_and(|v| v.eq_ignore_ascii_case(value))
            })
            .collect()
    }
}

fn name_of(rec: &mut Map<String, Json>) {
    let part = |k: &str| rec.get(k).and_then(Json::as_str).unwrap_or_default().to_string();
    let name = format!("{} {}", part("FirstName"), part("LastName")).trim().to_string();
    rec.insert("Name".into(), json!(name));
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/salesforce/{*rest}", any(handle))
}

/// The control API's route (outside the fault layer).
pub(crate) fn control_routes() -> Router<Arc<Shared>> {
    Router::new().route(
        "/_sandbox/salesforce/contacts",
        get(|AxState(s): AxState<Arc<Shared>>| async move { axum::Json(s.salesforce.contacts()) }),
    )
}

/// Salesforce's error array.
fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, axum::Json(json!([{"message": message, "errorCode": code, "fields": []}]))).into_response()
}

/// The body of an injected fault with this HTTP status.
pub(crate) fn fault_body(status: u16) -> Json {
    let (code, message) = match status {
        429 | 403 => ("REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."),
        503 => ("SERVER_UNAVAILABLE", "The server is temporarily unavailable. Try again later."),
        _ => (
            "UNKNOWN_EXCEPTION",
            "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)",
        ),
    };
    json!([{"message": message, "errorCode": code}])
}

fn oauth_error(code: &str, description: &str) -> Response {
    (StatusCode::BAD_REQUEST, axum::Json(json!({"error": code, "error_description": description})))
        .into_response()
}

async fn handle(AxState(s): AxState<Arc<Shared>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let tls = parts.extensions.get::<super::tls::ViaTls>().is_some();
    let host = parts.headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1").to_string();
    let instance_url = format!("{}://{host}{INSTANCE_PATH}", if tls { "https" } else { "http" });
    let path = parts.uri.path();
    // Segments percent-decoded one by one, so an encoded `/` stays inside its segment.
    let segs: Vec<String> = path
        .split('/')
        .filter(|x| !x.is_empty())
        .map(|x| percent_encoding::percent_decode_str(x).decode_utf8_lossy().into_owned())
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let st = &s.salesforce;
    match (&parts.method, segs.as_slice()) {
        (&Method::POST, ["salesforce", "mydomain", "services", "oauth2", "token"]) => {
            token(st, &body, &instance_url)
        }
        (_, ["salesforce", "instance", "services", "data", rest @ ..]) => {
            let query = parts.uri.query().unwrap_or_default();
            let mut resp = data(st, &parts.method, rest, query, &parts.headers, &body);
            if let Ok(v) = HeaderValue::from_str(&st.usage()) {
                resp.headers_mut().insert("sforce-limit-info", v);
            }
            resp
        }
        _ => error(StatusCode::NOT_FOUND, "NOT_FOUND", "The requested resource does not exist"),
    }
}

// ---- OAuth ------------------------------------------------------------------------------------

fn token(st: &State, body: &[u8], instance_url: &str) -> Response {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let now = Timestamp::now();
    let mut answer = match field("grant_type") {
        Some("client_credentials") => {
            if field("client_id") != Some(demo::SALESFORCE_CLIENT_ID) {
                return oauth_error("invalid_client_id", "client identifier invalid");
            }
            if field("client_secret") != Some(demo::SALESFORCE_CLIENT_SECRET) {
                return oauth_error("invalid_client", "invalid client credentials");
            }
            json!({"signature": format!("sbx{:016x}", now.as_second())})
        }
        Some("urn:ietf:params:oauth:grant-type:jwt-bearer") => {
            let Some(claims) = field("assertion").and_then(|a| verify_rs256(a, &st.public_key).ok()) else {
                return oauth_error("invalid_grant", "invalid assertion");
            };
            if claims["iss"] != demo::SALESFORCE_CLIENT_ID {
                return oauth_error("invalid_client_id", "client identifier invalid");
            }
            let aud = claims["aud"].as_str().unwrap_or_default().trim_end_matches('/');
            if !["https://login.salesforce.com", "https://test.salesforce.com"].contains(&aud) {
                return oauth_error("invalid_grant", "audience is invalid");
            }
            if claims["sub"] != demo::SALESFORCE_USERNAME {
                return oauth_error("invalid_grant", "user hasn't approved this consumer");
            }
            let exp = claims["exp"].as_i64().unwrap_or(0);
            if exp <= now.as_second() {
                return oauth_error("invalid_grant", "expired authorization code");
            }
            if exp > now.as_second() + 180 + 60 {
                return oauth_error("invalid_grant", "invalid assertion");
            }
            json!({})
        }
        Some(_) => return oauth_error("unsupported_grant_type", "grant type not supported"),
        None => return oauth_error("invalid_request", "grant type not supported"),
    };
    let tok = st.tokens.issue("00DSbx000000001!AQ");
    answer["access_token"] = json!(tok);
    answer["instance_url"] = json!(instance_url);
    answer["id"] = json!("https://login.salesforce.com/id/00DSbx000000001AAA/005Sbx000000001AAA");
    answer["token_type"] = json!("Bearer");
    answer["issued_at"] = json!(now.as_millisecond().to_string());
    answer["scope"] = json!("api");
    axum::Json(answer).into_response()
}

// ---- REST -------------------------------------------------------------------------------------

fn label(v: u32) -> String {
    let i = v - OLDEST;
    let season = ["Winter", "Spring", "Summer"][(i % 3) as usize];
    format!("{season} '{:02}", 11 + i / 3)
}

/// `v66.0` → 66 when served.
fn version(seg: &str) -> Option<u32> {
    let n: u32 = seg.strip_prefix('v')?.strip_suffix(".0")?.parse().ok()?;
    (OLDEST..=NEWEST).contains(&n).then_some(n)
}

fn data(
    st: &State,
    method: &Method,
    rest: &[&str],
    query: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let Some((first, rest)) = rest.split_first() else {
        let list: Vec<Json> = (OLDEST..=NEWEST)
            .map(|v| json!({"label": label(v), "url": format!("/services/data/v{v}.0"), "version": format!("{v}.0")}))
            .collect();
        return axum::Json(list).into_response();
    };
    let Some(v) = version(first) else {
        return error(StatusCode::NOT_FOUND, "NOT_FOUND", "The requested resource does not exist");
    };
    if !st.tokens.accepts(headers) {
        return error(StatusCode::UNAUTHORIZED, "INVALID_SESSION_ID", "Session expired or invalid");
    }
    // Counted unless the allocation is used up.
    if st
        .used
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < st.daily_limit).then_some(n + 1))
        .is_err()
    {
        return error(StatusCode::FORBIDDEN, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }
    let batch = batch_size(headers);
    match (method, rest) {
        (&Method::GET, ["limits"]) => {
            let used = st.used.load(Ordering::SeqCst);
            axum::Json(json!({
                "DailyApiRequests": {"Max": st.daily_limit, "Remaining": st.daily_limit.saturating_sub(used)},
                "DailyAsyncApexExecutions": {"Max": 250000, "Remaining": 250000},
                "DailyBulkV2QueryJobs": {"Max": 10000, "Remaining": 10000},
            }))
            .into_response()
        }
        (&Method::GET, ["query"]) => {
            let q = url::form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == "q")
                .map(|(_, v)| v.into_owned());
            let Some(q) = q else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "MALFORMED_QUERY",
                    "A query string has to be specified",
                );
            };
            match run_query(st, v, &q, batch) {
                Ok(page) => axum::Json(page).into_response(),
                Err(e) => e,
            }
        }
        (&Method::GET, ["query", locator]) => next_page(st, v, locator),
        (_, ["sobjects", "Contact", rest @ ..]) => contact(st, v, method, rest, body),
        (_, ["sobjects", other, ..]) => error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!("The requested resource does not exist (the sandbox serves Contact only, not {other})"),
        ),
        _ => error(StatusCode::NOT_FOUND, "NOT_FOUND", "The requested resource does not exist"),
    }
}

/// `Sforce-Query-Options: batchSize=N`, clamped to 200–2,000.
fn batch_size(headers: &HeaderMap) -> usize {
    headers
        .get("sforce-query-options")
        .and_then(|h| h.to_str().ok())
        .and_then(|h| {
            h.split(',').find_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                (k.trim().eq_ignore_ascii_case("batchSize")).then(|| v.trim().parse::<usize>().ok())?
            })
        })
        .map_or(BATCH, |n| n.clamp(MIN_BATCH, BATCH))
}

fn record_url(v: u32, id: &str) -> String {
    format!("/services/data/v{v}.0/sobjects/Contact/{id}")
}

/// A stored contact as a query record with these fields (canonical names).
fn render(db: &Db, v: u32, c: &Map<String, Json>, fields: &[&'static str]) -> Json {
    let id = c.get("Id").and_then(Json::as_str).unwrap_or_default();
    let mut out = Map::new();
    out.insert("attributes".into(), json!({"type": "Contact", "url": record_url(v, id)}));
    for f in fields {
        if *f == "Account.Name" {
            let account = c.get("AccountId").and_then(Json::as_str).and_then(|a| {
                let name = db.accounts.get(a)?;
                Some(json!({"attributes": {"type": "Account", "url": format!("/services/data/v{v}.0/sobjects/Account/{a}")}, "Name": name}))
            });
            out.insert("Account".into(), account.unwrap_or(Json::Null));
        } else {
            out.insert((*f).into(), db.value(c, f));
        }
    }
    Json::Object(out)
}

fn page(v: u32, locator: &str, all: &[Json], offset: usize, batch: usize) -> Json {
    let end = (offset + batch).min(all.len());
    let mut p =
        json!({"totalSize": all.len(), "done": end >= all.len(), "records": &all[offset.min(end)..end]});
    if end < all.len() {
        p["nextRecordsUrl"] = json!(format!("/services/data/v{v}.0/query/{locator}-{end}"));
    }
    p
}

fn run_query(st: &State, v: u32, soql: &str, batch: usize) -> Result<Json, Response> {
    let q = soql::parse(soql).map_err(|e| e.response())?;
    let mut db = st.db();
    let mut rows: Vec<usize> = (0..db.contacts.len())
        .filter(|&i| {
            q.filters.iter().all(|(f, want)| {
                let got = db.value(&db.contacts[i], f);
                match want {
                    None => got.is_null(),
                    Some(w) => got.as_str().is_some_and(|g| g.eq_ignore_ascii_case(w)),
                }
            })
        })
        .collect();
    if let Some(o) = &q.order {
        let key = |i: &usize| db.value(&db.contacts[*i], o.field);
        rows.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            match (ka.is_null(), kb.is_null()) {
                (true, true) => std::cmp::Ordering::Equal,
                // Nulls first ascending, last descending, unless NULLS says otherwise.
                (true, false) => {
                    if o.nulls_first {
                        std::cmp::Ordering::Less
                    } else {
                        std::cmp::Ordering::Greater
                    }
                }
                (false, true) => {
                    if o.nulls_first {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Less
                    }
                }
                (false, false) => {
                    let o2 = sort_key(&ka).cmp(&sort_key(&kb));
                    if o.descending { o2.reverse() } else { o2 }
                }
            }
        });
    }
    if let Some(n) = q.limit {
        rows.truncate(n);
    }
    let all: Vec<Json> = rows.iter().map(|&i| render(&db, v, &db.contacts[i], &q.fields)).collect();
    if all.len() <= batch {
        return Ok(page(v, "", &all, 0, batch));
    }
    db.next_cursor += 1;
    let locator = format!("01gSbx{:09}AAA", db.next_cursor);
    let first = page(v, &locator, &all, 0, batch);
    db.cursors.insert(locator, (all, batch));
    Ok(first)
}

/// Numbers compare as numbers, everything else as case-folded text.
fn sort_key(v: &Json) -> (Decimal, String) {
    match v {
        Json::Number(n) => (n.to_string().parse().unwrap_or_default(), String::new()),
        other => (Decimal::ZERO, other.as_str().unwrap_or_default().to_lowercase()),
    }
}

fn next_page(st: &State, v: u32, locator: &str) -> Response {
    let db = st.db();
    let found = locator.rsplit_once('-').and_then(|(id, off)| {
        let (all, batch) = db.cursors.get(id)?;
        let off: usize = off.parse().ok()?;
        (off <= all.len()).then(|| page(v, id, all, off, *batch))
    });
    match found {
        Some(p) => axum::Json(p).into_response(),
        None => error(StatusCode::BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator"),
    }
}

// ---- sObject Contact --------------------------------------------------------------------------

/// Every field of a stored contact, as `GET` by id or external id answers it.
fn full(db: &Db, v: u32, c: &Map<String, Json>) -> Json {
    let fields: Vec<&'static str> = FIELDS.iter().map(|(f, _)| *f).filter(|f| *f != "Account.Name").collect();
    render(db, v, c, &fields)
}

fn contact(st: &State, v: u32, method: &Method, rest: &[&str], body: &[u8]) -> Response {
    match (method, rest) {
        (&Method::POST, []) => {
            let fields = match writable(body, None) {
                Ok(f) => f,
                Err(e) => return e,
            };
            create(st, fields, v)
        }
        (&Method::GET, [id]) | (&Method::PATCH, [id]) => {
            let mut db = st.db();
            let Some(i) = db.contacts.iter().position(|c| c.get("Id").and_then(Json::as_str) == Some(id))
            else {
                return error(StatusCode::NOT_FOUND, "NOT_FOUND", "The requested resource does not exist");
            };
            if *method == Method::GET {
                return axum::Json(full(&db, v, &db.contacts[i])).into_response();
            }
            let fields = match writable(body, None) {
                Ok(f) => f,
                Err(e) => return e,
            };
            update(&mut db.contacts[i], fields);
            StatusCode::NO_CONTENT.into_response()
        }
        (_, [ext, value]) => by_external_id(st, v, method, ext, value, body),
        _ => error(StatusCode::NOT_FOUND, "NOT_FOUND", "The requested resource does not exist"),
    }
}

fn by_external_id(st: &State, v: u32, method: &Method, ext: &str, value: &str, body: &[u8]) -> Response {
    let Some(ext) = EXTERNAL_IDS.iter().copied().find(|f| f.eq_ignore_ascii_case(ext)) else {
        return error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!("Provided external ID field does not exist or is not accessible: {ext}"),
        );
    };
    // The documented TLD quirk: `.inc` reads as a file extension.
    if value.to_ascii_lowercase().ends_with(".inc") {
        return error(StatusCode::NOT_FOUND, "NOT_FOUND", "The requested resource does not exist");
    }
    let mut db = st.db();
    let found = db.matching(ext, value);
    if found.len() > 1 {
        let urls: Vec<String> = found
            .iter()
            .map(|&i| record_url(v, db.contacts[i].get("Id").and_then(Json::as_str).unwrap_or_default()))
            .collect();
        return (StatusCode::MULTIPLE_CHOICES, axum::Json(urls)).into_response();
    }
    match *method {
        Method::GET => match found.first() {
            Some(&i) => axum::Json(full(&db, v, &db.contacts[i])).into_response(),
            None => error(
                StatusCode::NOT_FOUND,
                "NOT_FOUND",
                &format!("Provided external ID field does not exist or is not accessible: {value}"),
            ),
        },
        Method::PATCH => {
            let mut fields = match writable(body, Some(ext)) {
                Ok(f) => f,
                Err(e) => return e,
            };
            match found.first() {
                Some(&i) => {
                    let id = db.contacts[i].get("Id").cloned().unwrap_or_default();
                    update(&mut db.contacts[i], fields);
                    if v < 46 {
                        StatusCode::NO_CONTENT.into_response()
                    } else {
                        axum::Json(json!({"id": id, "success": true, "errors": [], "created": false}))
                            .into_response()
                    }
                }
                None => {
                    drop(db);
                    fields.insert(ext.into(), json!(value));
                    create(st, fields, v)
                }
            }
        }
        _ => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            &format!("HTTP Method '{method}' not allowed. Allowed are GET,PATCH,DELETE,HEAD"),
        ),
    }
}

fn create(st: &State, mut fields: Map<String, Json>, v: u32) -> Response {
    if fields.get("LastName").and_then(Json::as_str).is_none_or(|s| s.trim().is_empty()) {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!([{"message": "Required fields are missing: [LastName]", "errorCode": "REQUIRED_FIELD_MISSING", "fields": ["LastName"]}])),
        )
            .into_response();
    }
    let now = json!(sf_time(Timestamp::now()));
    fields.insert("CreatedDate".into(), now.clone());
    fields.insert("LastModifiedDate".into(), now);
    let id = st.db().insert(fields);
    let mut r =
        (StatusCode::CREATED, axum::Json(json!({"id": id, "success": true, "errors": [], "created": true})))
            .into_response();
    if let Ok(loc) = HeaderValue::from_str(&record_url(v, &id)) {
        r.headers_mut().insert("location", loc);
    }
    r
}

fn update(c: &mut Map<String, Json>, fields: Map<String, Json>) {
    c.extend(fields);
    c.insert("LastModifiedDate".into(), json!(sf_time(Timestamp::now())));
    name_of(c);
}

/// The body of a write, checked field by field; `ext` is the external id of the URL (not
/// allowed in the body).
fn writable(body: &[u8], ext: Option<&str>) -> Result<Map<String, Json>, Response> {
    let bad = |code: &str, msg: String| error(StatusCode::BAD_REQUEST, code, &msg);
    let Ok(Json::Object(m)) = serde_json::from_slice::<Json>(body) else {
        return Err(bad("JSON_PARSER_ERROR", "The request body is not a JSON object".into()));
    };
    let mut out = Map::new();
    for (k, val) in m {
        let Some((name, kind)) = field(&k).filter(|(n, _)| *n != "Account.Name") else {
            return Err(bad("INVALID_FIELD", format!("No such column '{k}' on sobject of type Contact")));
        };
        if Some(name) == ext {
            return Err(bad(
                "INVALID_FIELD",
                format!("{name} is the external ID in the URL; it cannot also be given in the request body"),
            ));
        }
        let stored = match (kind, &val) {
            (Kind::ReadOnly, _) => {
                return Err(bad(
                    "INVALID_FIELD_FOR_INSERT_UPDATE",
                    format!(
                        "Unable to create/update fields: {name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set."
                    ),
                ));
            }
            (_, Json::Null) => Json::Null,
            (Kind::Number, Json::Number(_)) => val,
            (Kind::Number, Json::String(s)) => match s.trim().parse::<Decimal>() {
                Ok(d) => serde_json::from_str(&d.normalize().to_string()).unwrap_or(Json::Null),
                Err(_) => {
                    return Err(bad(
                        "JSON_PARSER_ERROR",
                        format!(
                            "Cannot deserialize instance of double from VALUE_STRING value {s} or request may be missing a required field"
                        ),
                    ));
                }
            },
            (Kind::Email, Json::String(s)) => {
                let ok = s.split_once('@').is_some_and(|(u, d)| !u.is_empty() && d.contains('.'));
                if !ok {
                    return Err(bad("INVALID_EMAIL_ADDRESS", format!("{name}: invalid email address: {s}")));
                }
                val
            }
            (Kind::DateTime, Json::String(s)) => {
                if s.parse::<Timestamp>().is_err() {
                    return Err(bad(
                        "JSON_PARSER_ERROR",
                        format!(
                            "Cannot deserialize instance of datetime from VALUE_STRING value {s} or request may be missing a required field"
                        ),
                    ));
                }
                val
            }
            (Kind::Text, Json::String(_)) => val,
            (_, other) => {
                return Err(bad(
                    "JSON_PARSER_ERROR",
                    format!(
                        "Cannot deserialize instance of {name} from {other} or request may be missing a required field"
                    ),
                ));
            }
        };
        out.insert(name.into(), stored);
    }
    Ok(out)
}

// ---- the SOQL subset --------------------------------------------------------------------------

mod soql {
    use super::{Response, StatusCode, error, field};

    pub(super) struct Order {
        pub field: &'static str,
        pub descending: bool,
        pub nulls_first: bool,
    }

    pub(super) struct Query {
        pub fields: Vec<&'static str>,
        /// Field = literal (`None`: `= null`), all of them.
        pub filters: Vec<(&'static str, Option<String>)>,
        pub order: Option<Order>,
        pub limit: Option<usize>,
    }

    pub(super) enum QueryError {
        Malformed(String),
        Field(String),
        Type(String),
    }

    impl QueryError {
        pub fn response(&self) -> Response {
            match self {
                QueryError::Malformed(m) => error(StatusCode::BAD_REQUEST, "MALFORMED_QUERY", m),
                QueryError::Field(f) => error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_FIELD",
                    &format!(
                        "No such column '{f}' on entity 'Contact'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
                    ),
                ),
                QueryError::Type(t) => error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_TYPE",
                    &format!(
                        "sObject type '{t}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."
                    ),
                ),
            }
        }
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Tok {
        Word(String),
        Str(String),
        Comma,
        Eq,
    }

    fn tokens(s: &str) -> Result<Vec<Tok>, QueryError> {
        let mut out = Vec::new();
        let mut it = s.chars().peekable();
        while let Some(&c) = it.peek() {
            match c {
                c if c.is_whitespace() => {
                    it.next();
                }
                ',' => {
                    it.next();
                    out.push(Tok::Comma);
                }
                '=' => {
                    it.next();
                    out.push(Tok::Eq);
                }
                '\'' => {
                    it.next();
                    let mut lit = String::new();
                    loop {
                        match it.next() {
                            None => return Err(QueryError::Malformed("unterminated string literal".into())),
                            Some('\'') => break,
                            Some('\\') => {
                                let e = it.next().unwrap_or(' ');
                                lit.push(match e {
                                    'n' | 'N' => '\n',
                                    'r' | 'R' => '\r',
                                    't' | 'T' => '\t',
                                    'b' | 'B' => '\u{8}',
                                    'f' | 'F' => '\u{c}',
                                    '"' | '\'' | '\\' => e,
                                    'u' => {
                                        let hex: String = (0..4).filter_map(|_| it.next()).collect();
                                        u32::from_str_radix(&hex, 16)
                                            .ok()
                                            .and_then(char::from_u32)
                                            .ok_or_else(|| {
                                                QueryError::Malformed(format!(
                                                    "Invalid unicode escape \\u{hex}"
                                                ))
                                            })?
                                    }
                                    other => {
                                        return Err(QueryError::Malformed(format!(
                                            "Invalid string literal: illegal escape sequence \\{other}"
                                        )));
                                    }
                                });
                            }
                            Some(ch) => lit.push(ch),
                        }
                    }
                    out.push(Tok::Str(lit));
                }
                c if c.is_alphanumeric() || c == '_' || c == '.' => {
                    let mut w = String::new();
                    while let Some(&ch) = it.peek() {
                        if ch.is_alphanumeric() || ch == '_' || ch == '.' {
                            w.push(ch);
                            it.next();
                        } else {
                            break;
                        }
                    }
                    out.push(Tok::Word(w));
                }
                other => return Err(QueryError::Malformed(format!("unexpected token: '{other}'"))),
            }
        }
        Ok(out)
    }

    fn keyword(t: Option<&Tok>, k: &str) -> bool {
        matches!(t, Some(Tok::Word(w)) if w.eq_ignore_ascii_case(k))
    }

    fn column(t: Option<&Tok>) -> Result<&'static str, QueryError> {
        match t {
            Some(Tok::Word(w)) => field(w).map(|(f, _)| f).ok_or_else(|| QueryError::Field(w.clone())),
            Some(other) => Err(QueryError::Malformed(format!("unexpected token: {other:?}"))),
            None => Err(QueryError::Malformed("unexpected end of query".into())),
        }
    }

    pub(super) fn parse(s: &str) -> Result<Query, QueryError> {
        let toks = tokens(s)?;
        let mut i = 0;
        if !keyword(toks.first(), "SELECT") {
            return Err(QueryError::Malformed("unexpected token: the query must start with SELECT".into()));
        }
        i += 1;
        let mut fields = Vec::new();
        loop {
            fields.push(column(toks.get(i))?);
            i += 1;
            if toks.get(i) == Some(&Tok::Comma) {
                i += 1;
            } else {
                break;
            }
        }
        if !keyword(toks.get(i), "FROM") {
            return Err(QueryError::Malformed(format!("unexpected token: {:?}; expected FROM", toks.get(i))));
        }
        match toks.get(i + 1) {
            Some(Tok::Word(o)) if o.eq_ignore_ascii_case("Contact") => {}
            Some(Tok::Word(o)) => return Err(QueryError::Type(o.clone())),
            _ => return Err(QueryError::Malformed("unexpected end of query after FROM".into())),
        }
        i += 2;
        let mut q = Query { fields, filters: vec![], order: None, limit: None };
        if keyword(toks.get(i), "WHERE") {
            i += 1;
            loop {
                let f = column(toks.get(i))?;
                if toks.get(i + 1) != Some(&Tok::Eq) {
                    return Err(QueryError::Malformed(format!(
                        "unexpected token: {:?}; the sandbox understands field = 'value' only",
                        toks.get(i + 1)
                    )));
                }
                let value = match toks.get(i + 2) {
                    Some(Tok::Str(v)) => Some(v.clone()),
                    Some(Tok::Word(w)) if w.eq_ignore_ascii_case("null") => None,
                    other => return Err(QueryError::Malformed(format!("unexpected token: {other:?}"))),
                };
                q.filters.push((f, value));
                i += 3;
                if keyword(toks.get(i), "AND") {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        if keyword(toks.get(i), "ORDER") {
            if !keyword(toks.get(i + 1), "BY") {
                return Err(QueryError::Malformed("unexpected token: expected BY after ORDER".into()));
            }
            let f = column(toks.get(i + 2))?;
            i += 3;
            let mut descending = false;
            if keyword(toks.get(i), "DESC") {
                descending = true;
                i += 1;
            } else if keyword(toks.get(i), "ASC") {
                i += 1;
            }
            let mut nulls_first = !descending;
            if keyword(toks.get(i), "NULLS") {
                nulls_first = if keyword(toks.get(i + 1), "FIRST") {
                    true
                } else if keyword(toks.get(i + 1), "LAST") {
                    false
                } else {
                    return Err(QueryError::Malformed("unexpected token: expected FIRST or LAST".into()));
                };
                i += 2;
            }
            q.order = Some(Order { field: f, descending, nulls_first });
        }
        if keyword(toks.get(i), "LIMIT") {
            match toks.get(i + 1) {
                Some(Tok::Word(n)) if n.parse::<usize>().is_ok() => q.limit = n.parse().ok(),
                other => return Err(QueryError::Malformed(format!("unexpected token: {other:?}"))),
            }
            i += 2;
        }
        if let Some(t) = toks.get(i) {
            return Err(QueryError::Malformed(format!("unexpected token: {t:?}")));
        }
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::soql::{QueryError, parse};
    use super::*;

    #[test]
    fn the_soql_subset_parses_what_shopdesk_sends() {
        let q = parse(
            r"select Id, FirstName, Account.Name, lastmodifieddate FROM Contact WHERE Email = 'o\'brien\\x@example.com' ORDER BY LastModifiedDate DESC",
        )
        .ok()
        .unwrap();
        assert_eq!(q.fields, ["Id", "FirstName", "Account.Name", "LastModifiedDate"]);
        assert_eq!(q.filters, [("Email", Some(r"o'brien\x@example.com".to_string()))]);
        let o = q.order.unwrap();
        assert_eq!((o.field, o.descending, o.nulls_first), ("LastModifiedDate", true, false));
        assert!(parse("SELECT Id FROM Contact LIMIT 5").ok().unwrap().limit == Some(5));
        assert!(
            matches!(parse("SELECT Id, Foo__c FROM Contact"), Err(QueryError::Field(f)) if f == "Foo__c")
        );
        assert!(matches!(parse("SELECT Id FROM Lead"), Err(QueryError::Type(_))));
        assert!(matches!(
            parse("SELECT Id FROM Contact WHERE Email LIKE 'a%'"),
            Err(QueryError::Malformed(_))
        ));
        assert!(matches!(
            parse(r"SELECT Id FROM Contact WHERE Email = 'a\q'"),
            Err(QueryError::Malformed(_))
        ));
        assert!(matches!(parse("SELECT Id FROM Contact WHERE Email = 'a"), Err(QueryError::Malformed(_))));
    }

    #[test]
    fn seed_links_contacts_to_the_shopify_customers() {
        let st = State::new(&Options::default());
        let customers = seed::Store::Shopify.data(0, seed::DEFAULT_ORDERS).customers;
        let contacts = st.contacts();
        let jane = contacts.iter().find(|c| c["Email"] == "jane@example.com").unwrap();
        assert_eq!(jane["AccountName"], "Doe Household");
        assert_eq!(jane["Shopdesk_Email__c"], "jane@example.com");
        let with = |i: usize| contacts.iter().filter(|c| c["Email"] == customers[i].email.as_str()).count();
        assert_eq!((with(1), with(3), with(6), with(9)), (0, 2, 2, 1));
        assert_eq!(version("v66.0"), Some(66));
        assert_eq!(version("v99.0"), None);
        assert_eq!(label(66), "Spring '26");
        assert_eq!(label(65), "Winter '26");
    }

    #[test]
    fn batch_sizes_are_clamped() {
        let mut h = HeaderMap::new();
        assert_eq!(batch_size(&h), 2000);
        h.insert("sforce-query-options", HeaderValue::from_static("batchSize=500"));
        assert_eq!(batch_size(&h), 500);
        h.insert("sforce-query-options", HeaderValue::from_static("batchSize=10"));
        assert_eq!(batch_size(&h), 200);
    }
}
