//! Salesforce REST: contacts by email (SOQL), upserts by an external id, API usage.
//!
//! Facts this file is built on (`shared/reference/services.md` §4a: developer.salesforce.com REST
//! API Developer Guide and SOQL reference pages [D], Salesforce help on the client-credentials
//! flow [D], JWT write-ups [3P]); [U] marks what is not verified:
//! - **Hosts.** The profile's `url` is the org's My Domain (`https://acme.my.salesforce.com`;
//!   required, there is no default host). The token is asked for there; every REST call then goes
//!   to the `instance_url` of the token answer [D], read through [`TokenSource::field`] (an
//!   `http://` instance for an `https://` My Domain is refused).
//! - **Version.** Pinned: `api_version` (default [`DEFAULT_VERSION`] `v66.0`, Spring '26) in
//!   `/services/data/vXX.X/…` [D].
//! - **Auth** (`auth` in the profile):
//!   - `client_credentials` (default): `POST {My Domain}/services/oauth2/token`, form body
//!     `grant_type=client_credentials&client_id&client_secret` [D] ([`GrantStyle::FormBody`];
//!     secret `client_secret`, `client_id` = the consumer key in the profile);
//!   - `jwt`: the JWT bearer flow [D/3P]: an RS256 assertion with `iss` = `client_id` (consumer
//!     key), `sub` = `username`, `aud` = `audience` (default [`DEFAULT_AUDIENCE`];
//!     `https://test.salesforce.com` for a sandbox org), `exp` 3 minutes ahead, signed with the
//!     secret `private_key` (PEM; the connected app holds its certificate),
//!     [`GrantStyle::JwtBearer`], posted to the same My Domain token endpoint.
//!
//!   The username-password flow is being retired [D] and is not offered. The answer has no
//!   `expires_in` [3P/U]: a session is used until a call answers 401 `INVALID_SESSION_ID`, after
//!   which the transport renews it once and repeats the call.
//! - **Contacts by email:** `GET /services/data/vXX.X/query?q=SELECT Id, FirstName, LastName,
//!   Email, Phone, Account.Name, LeadSource, CreatedDate, LastModifiedDate FROM Contact WHERE
//!   Email = '…' ORDER BY LastModifiedDate DESC` [D]; only standard fields, so it works in an org
//!   without shopdesk's custom fields. String literals are escaped as the SOQL reference says
//!   (`\'`, `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`; other control characters as `\uXXXX`) [D]
//!   ([`soql_string`]). Answers `{"totalSize","done","nextRecordsUrl"?,"records":[{"attributes":
//!   {"type","url"},…}]}`; while `done` is false the next batch is at `nextRecordsUrl`, relative
//!   to the instance [D] ([`Salesforce::query_all`]). Batches are asked for at 200 records
//!   (`Sforce-Query-Options: batchSize=200`, the minimum [D]): shopdesk's queries select by
//!   email, and a small batch bounds each answer whatever an org holds. Several contacts with
//!   one email: the newest is returned, `other_matches` in its properties counts the rest.
//!   `company` is the contact's `Account.Name`; the source URL is the record's `attributes.url`
//!   made absolute with the instance URL; `LeadSource` is kept in `properties`; Salesforce
//!   datetimes (`2026-11-01T09:30:00.000+0000`) become RFC 3339.
//! - **Upsert:** `PATCH /services/data/vXX.X/sobjects/Contact/{external_id_field}/{email}` [D]
//!   (default field [`DEFAULT_EXTERNAL_ID`] `Shopdesk_Email__c`, a custom Email field marked
//!   External ID and Unique; the email percent-encoded as one path segment). The body never
//!   holds the external id field itself [D]; it has `Email` (unless the external id field is
//!   `Email`), `FirstName`, `LastName`, `Phone`, and, only when known, the custom fields
//!   README asks the admin to create: `Shopdesk_Orders__c` (Number), `Shopdesk_Total_Spent__c`
//!   (Currency, sent as the exact decimal string, e.g. `"1234.50"`, never through a float;
//!   Salesforce accepts numeric strings [U]), `Shopdesk_Currency__c` (Text(3)),
//!   `Shopdesk_Last_Order__c` (Text) and `Shopdesk_Last_Order_At__c` (Date/Time). 201 → created,
//!   200 (v46.0+, `{"id","success","errors","created"}`) or 204 (older) → updated [D/U]; 300
//!   Multiple Choices (several records share the value; body: their URLs [U]) → a conflict
//!   naming them. The upsert is idempotent, so it is retried like a read.
//! - **The dot quirk** [D]: Salesforce can read an external id value's last dot as a file
//!   extension — an email at a `.inc` domain is a 404 on `sobjects/…/{field}/{value}`. Of the
//!   documented workarounds shopdesk uses "query for the record id, then write by id": after a
//!   404 on the upsert it runs `SELECT Id FROM Contact WHERE {field} = '…'`, then `PATCH
//!   sobjects/Contact/{Id}` (one match), `POST sobjects/Contact` with the external id in the
//!   body (none), or reports the duplicates (several). A 404 for a field the org lacks then
//!   surfaces as the query's `INVALID_FIELD` error, which names it.
//! - **Errors** are JSON arrays `[{"message","errorCode","fields"}]` [U, long-standing], read
//!   as `message [errorCode]` ([`error_message`]); the OAuth endpoint answers
//!   `{"error","error_description"}` [U], read as `description [error]` (a refusal is an
//!   authentication error with a hint from the transport). `REQUEST_LIMIT_EXCEEDED` (403) is the
//!   org's daily API allocation used up: a rate-limit error, not a permission one.
//!   `INVALID_FIELD` gets a hint about the custom fields and `external_id_field`.
//! - **API usage:** every answer carries `Sforce-Limit-Info: api-usage=N/M` (sometimes
//!   `; per-app-api-usage=…`) [D]; it is noted at `-v` and `probe` reports it (from
//!   `GET /services/data/vXX.X/limits`, `DailyApiRequests{Max,Remaining}` [D], when the header
//!   is missing).

use super::{Account, Crm, Info, secret};
use crate::adapters::carriers::code_messages;
use crate::config::CrmConfig;
use crate::domain::{ContactUpdate, CrmContact, CrmSource, CrmUpsert};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, GrantStyle, JwtGrant, Request, Response, TokenSource, VendorHooks};
use async_trait::async_trait;
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};

pub static INFO: Info = Info {
    name: "salesforce",
    display: "Salesforce",
    default_url: None,
    secret_fields,
    auth,
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |account| Box::new(Salesforce::new(account)),
};

/// The REST version when the profile pins none.
pub const DEFAULT_VERSION: &str = "v66.0";
/// The token endpoint, relative to the My Domain.
pub const TOKEN_PATH: &str = "services/oauth2/token";
/// The Contact field upserts go by when the profile names none.
pub const DEFAULT_EXTERNAL_ID: &str = "Shopdesk_Email__c";
/// The JWT `aud` when the profile names none (production orgs).
pub const DEFAULT_AUDIENCE: &str = "https://login.salesforce.com";
/// How far ahead a JWT assertion expires (Salesforce accepts at most about 3 minutes).
const JWT_LIFETIME: std::time::Duration = std::time::Duration::from_secs(180);
/// Records per query batch (the minimum Salesforce allows; see the module docs).
const BATCH: &str = "batchSize=200";
/// What `find_contact` selects: standard fields only.
const CONTACT_FIELDS: &str =
    "Id, FirstName, LastName, Email, Phone, Account.Name, LeadSource, CreatedDate, LastModifiedDate";

/// How the profile signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignIn {
    ClientCredentials,
    Jwt,
}

fn sign_in(name: &str, cfg: &CrmConfig) -> Result<SignIn> {
    match cfg.auth.as_deref() {
        None | Some("client_credentials") => Ok(SignIn::ClientCredentials),
        Some("jwt") => Ok(SignIn::Jwt),
        Some(other) => Err(Error::usage(format!(
            "crm {name}: auth = \"{other}\" is not a Salesforce sign-in shopdesk supports"
        ))
        .with_hint(
            "use auth = \"client_credentials\" (consumer key and secret) or auth = \"jwt\" (consumer key, username and a private key); Salesforce is retiring the username-password flow",
        )),
    }
}

fn secret_fields(cfg: &CrmConfig) -> &'static [&'static str] {
    match sign_in("", cfg) {
        Ok(SignIn::ClientCredentials) => &["client_secret"],
        Ok(SignIn::Jwt) => &["private_key"],
        // `auth` reports the bad value; no secret is needed to get there.
        Err(_) => &[],
    }
}

/// A profile key the configuration needs, as a usage error naming it.
fn needs(name: &str, key: &str, what: &str) -> Error {
    Error::usage(format!("crm {name}: Salesforce needs {key} ({what})"))
        .with_hint(format!("add {key} = \"…\" under [profiles.….crm.{name}] (see README, Customers (CRM))"))
}

/// `api_version` as `vNN.N` (also accepted: `NN.N`).
fn api_version(name: &str, cfg: &CrmConfig) -> Result<String> {
    let raw = cfg.api_version.as_deref().unwrap_or(DEFAULT_VERSION).trim();
    let v = format!("v{}", raw.trim_start_matches(['v', 'V']));
    let ok = v[1..].split_once('.').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    });
    if ok {
        Ok(v)
    } else {
        Err(Error::usage(format!("crm {name}: api_version = \"{raw}\" is not a Salesforce REST version"))
            .with_hint(format!("write it like \"{DEFAULT_VERSION}\"")))
    }
}

/// `external_id_field`: an API name (it goes into URLs and SOQL, where names cannot be quoted).
fn external_id(name: &str, cfg: &CrmConfig) -> Result<String> {
    let f = cfg.external_id_field.as_deref().unwrap_or(DEFAULT_EXTERNAL_ID).trim();
    let ok = f.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(f.to_string())
    } else {
        Err(Error::usage(format!(
            "crm {name}: external_id_field = \"{f}\" is not a Salesforce field API name"
        ))
        .with_hint(format!("name the Contact field by its API name, e.g. \"{DEFAULT_EXTERNAL_ID}\"")))
    }
}

/// The auth scheme; also where the profile entry is checked, before anything is sent.
fn auth(name: &str, cfg: &CrmConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    api_version(name, cfg)?;
    external_id(name, cfg)?;
    let how = sign_in(name, cfg)?;
    let client_id =
        cfg.client_id.clone().ok_or_else(|| needs(name, "client_id", "the connected app's consumer key"))?;
    let source = match how {
        SignIn::ClientCredentials => TokenSource::new(
            TOKEN_PATH,
            client_id,
            secret(name, secrets, "client_secret")?,
            GrantStyle::FormBody,
        ),
        SignIn::Jwt => {
            let username = cfg
                .username
                .clone()
                .ok_or_else(|| needs(name, "username", "the Salesforce user the JWT flow acts as"))?;
            let grant = JwtGrant {
                issuer: client_id.clone(),
                subject: Some(username),
                audience: cfg.audience.clone().unwrap_or_else(|| DEFAULT_AUDIENCE.to_string()),
                scope: None,
                key_id: None,
                lifetime: JWT_LIFETIME,
            };
            TokenSource::new(
                TOKEN_PATH,
                client_id,
                secret(name, secrets, "private_key")?,
                GrantStyle::JwtBearer(grant),
            )
        }
    };
    Ok(AuthScheme::Token {
        name: reqwest::header::AUTHORIZATION,
        prefix: "Bearer ",
        source: Arc::new(source),
    })
}

// ---- errors and usage -------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ErrorBody {
    List(Vec<ApiError>),
    OAuth { error: String, error_description: Option<String> },
}

#[derive(Debug, Deserialize)]
struct ApiError {
    message: Option<String>,
    #[serde(rename = "errorCode")]
    error_code: Option<String>,
}

/// `[{"message","errorCode"}]` → `message [errorCode]; …`; `{"error","error_description"}` →
/// `description [error]`.
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    match serde_json::from_slice(body).ok()? {
        ErrorBody::List(list) => code_messages(list.into_iter().map(|e| (e.error_code, e.message))),
        ErrorBody::OAuth { error, error_description } => code_messages([(Some(error), error_description)]),
    }
}

/// The `errorCode`s of an error array.
fn error_codes(body: &[u8]) -> Vec<String> {
    match serde_json::from_slice(body) {
        Ok(ErrorBody::List(list)) => list.into_iter().filter_map(|e| e.error_code).collect(),
        _ => vec![],
    }
}

/// `Sforce-Limit-Info: api-usage=N/M[; …]` → (N, M).
fn api_usage(resp: &Response) -> Option<(u64, u64)> {
    let h = resp.header("sforce-limit-info")?;
    let v = h.split([';', ',']).find_map(|p| p.trim().strip_prefix("api-usage="))?;
    let (n, m) = v.split_once('/')?;
    Some((n.trim().parse().ok()?, m.trim().parse().ok()?))
}

// ---- SOQL and paths ---------------------------------------------------------------------------

/// A SOQL string literal's content: the escapes of the SOQL reference.
pub fn soql_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Everything but unreserved characters is percent-encoded in a path segment (`@`, `+`, `/`, …).
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

/// A URL Salesforce gave relative to the instance (`/services/data/…`) → absolute.
fn absolute(instance: &str, url: &str) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        url.to_string()
    } else {
        format!("{instance}{url}")
    }
}

/// Salesforce's `2026-11-01T09:30:00.000+0000` → RFC 3339 (as received when it does not parse).
fn rfc3339(s: &str) -> String {
    jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.f%z", s)
        .and_then(|t| t.to_timestamp())
        .or_else(|_| s.parse::<jiff::Timestamp>())
        .map(|t| t.to_string())
        .unwrap_or_else(|_| s.to_string())
}

// ---- DTOs -------------------------------------------------------------------------------------

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct QueryPage<T> {
    #[serde(default = "yes")]
    done: bool,
    next_records_url: Option<String>,
    #[serde(default = "Vec::new")]
    records: Vec<T>,
}

#[derive(Debug, Deserialize)]
struct Attributes {
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AccountRef {
    #[serde(rename = "Name")]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ContactRecord {
    #[serde(rename = "attributes")]
    attributes: Option<Attributes>,
    id: String,
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    account: Option<AccountRef>,
    lead_source: Option<String>,
    created_date: Option<String>,
    last_modified_date: Option<String>,
}

#[derive(Debug, Deserialize)]
struct IdRecord {
    #[serde(rename = "Id")]
    id: String,
}

/// A write's answer (`201`, and `200` from v46.0).
#[derive(Debug, Deserialize)]
struct SaveResult {
    id: Option<String>,
}

// ---- mapping ----------------------------------------------------------------------------------

fn map_contact(crm: &str, instance: &str, r: ContactRecord, matches: usize) -> CrmContact {
    let mut properties = BTreeMap::new();
    if let Some(s) = r.lead_source.filter(|s| !s.is_empty()) {
        properties.insert("LeadSource".to_string(), s);
    }
    if matches > 1 {
        properties.insert("other_matches".to_string(), (matches - 1).to_string());
    }
    CrmContact {
        source: CrmSource {
            crm: crm.to_string(),
            kind: INFO.name.to_string(),
            url: r.attributes.and_then(|a| a.url).map(|u| absolute(instance, &u)),
            id: r.id,
        },
        email: r.email,
        first_name: r.first_name,
        last_name: r.last_name,
        phone: r.phone,
        company: r.account.and_then(|a| a.name),
        stage: None,
        created_at: r.created_date.as_deref().map(rfc3339),
        updated_at: r.last_modified_date.as_deref().map(rfc3339),
        properties,
    }
}

/// The fields an upsert writes; `with_email` unless `Email` is the external id of the URL.
fn upsert_body(u: &ContactUpdate, with_email: bool) -> Map<String, Json> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Json>| {
        if let Some(v) = v {
            m.insert(k.to_string(), v);
        }
    };
    put("Email", with_email.then(|| json!(u.email.trim())));
    put("FirstName", u.first_name.as_ref().map(|s| json!(s)));
    put("LastName", u.last_name.as_ref().map(|s| json!(s)));
    put("Phone", u.phone.as_ref().map(|s| json!(s)));
    put("Shopdesk_Orders__c", u.orders_count.map(|n| json!(n)));
    if let Some(t) = &u.total_spent {
        // The exact decimal as text: never through a float.
        put("Shopdesk_Total_Spent__c", Some(json!(t.amount.to_string())));
        put("Shopdesk_Currency__c", Some(json!(t.currency.code())));
    }
    put("Shopdesk_Last_Order__c", u.last_order.as_ref().map(|s| json!(s)));
    put("Shopdesk_Last_Order_At__c", u.last_order_at.as_ref().map(|s| json!(s)));
    m
}

// ---- the adapter ------------------------------------------------------------------------------

struct Salesforce {
    account: Account,
    /// `vNN.N`.
    version: String,
    /// The Contact field upserts go by.
    external_id: String,
    /// The last `Sforce-Limit-Info` usage seen.
    usage: Mutex<Option<(u64, u64)>>,
}

impl Salesforce {
    fn new(account: Account) -> Salesforce {
        // Both were checked by `auth`, which runs first.
        let version = api_version(&account.name, &account.config).unwrap_or_else(|_| DEFAULT_VERSION.into());
        let external_id =
            external_id(&account.name, &account.config).unwrap_or_else(|_| DEFAULT_EXTERNAL_ID.into());
        Salesforce { account, version, external_id, usage: Mutex::new(None) }
    }

    fn client(&self) -> &crate::transport::Client {
        &self.account.client
    }

    /// The API base: the token answer's `instance_url` (obtaining a token if there is none).
    async fn instance(&self) -> Result<String> {
        let c = self.client();
        let given = match &c.auth {
            AuthScheme::Token { source, .. } => source.field(c, "instance_url").await?,
            _ => None,
        };
        let Some(given) = given else {
            c.logger.note(&format!("{}: the token answer has no instance_url; using the My Domain", c.name));
            return Ok(c.base.as_str().trim_end_matches('/').to_string());
        };
        let url = url::Url::parse(&given).map_err(|e| {
            Error::unavailable(format!(
                "{}: the token answer's instance_url `{given}` is not a URL: {e}",
                c.name
            ))
        })?;
        if url.scheme() != "https" && c.base.scheme() == "https" {
            return Err(Error::auth(format!(
                "{}: the token answer names a plain-HTTP instance_url ({given}); refusing to send the session there",
                c.name
            ))
            .with_hint("check `url` in the profile: it must be the org's My Domain"));
        }
        Ok(given.trim_end_matches('/').to_string())
    }

    fn data_url(&self, instance: &str, rest: &str) -> String {
        format!("{instance}/services/data/{}/{rest}", self.version)
    }

    /// Send; note the API usage at `-v`; any status comes back.
    async fn send_any(&self, req: Request) -> Result<Response> {
        let c = self.client();
        let resp = c.send_any(req).await?;
        if let Some((n, m)) = api_usage(&resp) {
            c.logger.note(&format!("{}: API usage {n}/{m} in the last 24 hours (Sforce-Limit-Info)", c.name));
            *self.usage.lock().unwrap_or_else(|e| e.into_inner()) = Some((n, m));
        }
        Ok(resp)
    }

    /// Send; a non-2xx status is an error.
    async fn send(&self, req: Request) -> Result<Response> {
        let resp = self.send_any(req).await?;
        if resp.status.is_success() { Ok(resp) } else { Err(self.error(&resp)) }
    }

    /// A non-2xx answer → the error taxonomy, with Salesforce's own codes where they matter.
    fn error(&self, resp: &Response) -> Error {
        let c = self.client();
        let codes = error_codes(&resp.body);
        let has = |code: &str| codes.iter().any(|c| c == code);
        if resp.status == StatusCode::FORBIDDEN && has("REQUEST_LIMIT_EXCEEDED") {
            let used = api_usage(resp).map(|(n, m)| format!(" (api usage {n}/{m})")).unwrap_or_default();
            let vendor = error_message(resp.status, &resp.body).unwrap_or_default();
            return Error::rate_limited(format!(
                "{}: the org's daily API request allocation is used up{used}: {vendor}",
                c.name
            ))
            .with_hint(
                "Salesforce counts API requests over a rolling 24 hours for the whole org; try again later, or ask the org's admin (Setup → Company Information shows the allocation)",
            );
        }
        let e = c.status_error(resp);
        if has("INVALID_FIELD") {
            return e.with_hint(format!(
                "the org lacks a field shopdesk uses: create the Contact fields README lists (Customers (CRM) → Salesforce), or point external_id_field (now `{}`) at an existing External ID field",
                self.external_id
            ));
        }
        e
    }

    /// Every record of a SOQL query, following `nextRecordsUrl` batch after batch.
    async fn query_all<T: DeserializeOwned>(&self, instance: &str, soql: &str) -> Result<Vec<T>> {
        let options = HeaderName::from_static("sforce-query-options");
        let batch = HeaderValue::from_static(BATCH);
        let mut req = Request::get(&self.data_url(instance, "query")).query("q", soql);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        loop {
            let resp = self.send(req.header(options.clone(), batch.clone())).await?;
            let page: QueryPage<T> = resp.json(&self.client().name)?;
            out.extend(page.records);
            match page.next_records_url.filter(|_| !page.done) {
                None => return Ok(out),
                Some(next) if !seen.insert(next.clone()) => {
                    return Err(Error::unavailable(format!(
                        "{}: the query's next batch {next} was already read; stopping",
                        self.client().name
                    )));
                }
                Some(next) => req = Request::get(&absolute(instance, &next)),
            }
        }
    }

    fn conflict(&self, email: &str, urls: &[String]) -> Error {
        Error::conflict(format!(
            "{}: {} contacts have {} = {email}, so Salesforce cannot tell which to update{}",
            self.client().name,
            if urls.is_empty() { "several".to_string() } else { urls.len().to_string() },
            self.external_id,
            if urls.is_empty() { String::new() } else { format!(": {}", urls.join(", ")) }
        ))
        .with_hint(
            "merge the duplicate contacts in Salesforce (or clear the field on all but one), then sync again",
        )
    }

    /// The documented workaround for a value Salesforce reads as a file extension: find the
    /// record by query, then write by id.
    async fn upsert_by_id(
        &self,
        instance: &str,
        email: &str,
        mut body: Map<String, Json>,
    ) -> Result<CrmUpsert> {
        let c = self.client();
        c.logger.note(&format!(
            "{}: the upsert by {} answered 404 (Salesforce reads some email domains, e.g. .inc, as a file extension); finding the contact by query and writing by record id",
            c.name, self.external_id
        ));
        let soql = format!("SELECT Id FROM Contact WHERE {} = '{}'", self.external_id, soql_string(email));
        let found: Vec<IdRecord> = self.query_all(instance, &soql).await?;
        match found.as_slice() {
            [] => {
                body.insert(self.external_id.clone(), json!(email));
                let req = Request::new(Method::POST, &self.data_url(instance, "sobjects/Contact"))
                    .json(Json::Object(body));
                let resp = self.send(req).await?;
                let id = resp.json::<SaveResult>(&c.name)?.id.unwrap_or_default();
                Ok(self.outcome(instance, id, "created"))
            }
            [one] => {
                let url = self.data_url(instance, &format!("sobjects/Contact/{}", segment(&one.id)));
                self.send(Request::new(Method::PATCH, &url).json(Json::Object(body)).retry_safe()).await?;
                Ok(self.outcome(instance, one.id.clone(), "updated"))
            }
            many => {
                let urls: Vec<String> = many
                    .iter()
                    .map(|r| self.data_url(instance, &format!("sobjects/Contact/{}", r.id)))
                    .collect();
                Err(self.conflict(email, &urls))
            }
        }
    }

    fn outcome(&self, instance: &str, id: String, action: &str) -> CrmUpsert {
        CrmUpsert {
            source: CrmSource {
                crm: self.account.name.clone(),
                kind: INFO.name.to_string(),
                url: (!id.is_empty()).then(|| self.data_url(instance, &format!("sobjects/Contact/{id}"))),
                id,
            },
            action: action.to_string(),
        }
    }
}

#[async_trait]
impl Crm for Salesforce {
    fn info(&self) -> &'static Info {
        &INFO
    }

    async fn find_contact(&self, email: &str) -> Result<Option<CrmContact>> {
        let instance = self.instance().await?;
        let soql = format!(
            "SELECT {CONTACT_FIELDS} FROM Contact WHERE Email = '{}' ORDER BY LastModifiedDate DESC",
            soql_string(email.trim())
        );
        let found: Vec<ContactRecord> = self.query_all(&instance, &soql).await?;
        let n = found.len();
        Ok(found.into_iter().next().map(|r| map_contact(&self.account.name, &instance, r, n)))
    }

    async fn upsert_contact(&self, update: &ContactUpdate) -> Result<CrmUpsert> {
        let email = update.email.trim();
        if email.is_empty() {
            return Err(Error::usage("a Salesforce upsert needs the contact's email"));
        }
        let instance = self.instance().await?;
        let by = format!("sobjects/Contact/{}/{}", self.external_id, segment(email));
        let url = self.data_url(&instance, &by);
        let body = upsert_body(update, !self.external_id.eq_ignore_ascii_case("Email"));
        // Idempotent: the same upsert twice is one create and one no-op update.
        let req = Request::new(Method::PATCH, &url).json(Json::Object(body.clone())).retry_safe();
        let resp = self.send_any(req).await?;
        let c = self.client();
        match resp.status.as_u16() {
            201 | 200 => {
                let id = resp.json::<SaveResult>(&c.name)?.id.unwrap_or_default();
                Ok(self.outcome(
                    &instance,
                    id,
                    if resp.status == StatusCode::CREATED { "created" } else { "updated" },
                ))
            }
            204 => {
                // Before v46.0 an update answers without a body: read the id back.
                let req = Request::get(&url).query("fields", "Id");
                let id = self.send(req).await?.json::<IdRecord>(&c.name)?.id;
                Ok(self.outcome(&instance, id, "updated"))
            }
            300 => {
                let urls: Vec<String> = serde_json::from_slice::<Vec<String>>(&resp.body)
                    .unwrap_or_default()
                    .iter()
                    .map(|u| absolute(&instance, u))
                    .collect();
                Err(self.conflict(email, &urls))
            }
            404 => self.upsert_by_id(&instance, email, body).await,
            _ => Err(self.error(&resp)),
        }
    }

    async fn probe(&self) -> Result<String> {
        let instance = self.instance().await?;
        let resp = self.send(Request::get(&self.data_url(&instance, "limits"))).await?;
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Limits {
            daily_api_requests: Option<Allocation>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Allocation {
            max: u64,
            remaining: u64,
        }
        let limits: Limits = resp.json(&self.client().name)?;
        let usage = api_usage(&resp)
            .or_else(|| limits.daily_api_requests.map(|a| (a.max.saturating_sub(a.remaining), a.max)));
        let how = match sign_in(&self.account.name, &self.account.config)? {
            SignIn::ClientCredentials => "client credentials accepted".to_string(),
            SignIn::Jwt => format!(
                "JWT bearer accepted for {}",
                self.account.config.username.as_deref().unwrap_or("the user")
            ),
        };
        Ok(format!(
            "{how}; REST {} at {instance}{}",
            self.version,
            usage.map(|(n, m)| format!("; api usage {n}/{m}")).unwrap_or_default()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Money};
    use crate::error::Kind;
    use crate::sandbox::{Options, Sandbox, demo, seed};
    use crate::transport::{Client, Settings, log::Logger};

    fn cfg(url: &str) -> CrmConfig {
        CrmConfig {
            crm: "salesforce".into(),
            url: Some(url.parse().unwrap()),
            client_id: Some(demo::SALESFORCE_CLIENT_ID.into()),
            username: Some(demo::SALESFORCE_USERNAME.into()),
            ..Default::default()
        }
    }

    fn demo_secrets() -> HashMap<&'static str, Secret> {
        let mut s = HashMap::new();
        s.insert("client_secret", Secret::new(demo::SALESFORCE_CLIENT_SECRET));
        s.insert("private_key", Secret::new(demo::RSA_PRIVATE_KEY));
        s
    }

    /// The adapter as `Ctx::open_crm` builds it, on a client made by hand.
    fn open_with(cfg: CrmConfig, secrets: &HashMap<&'static str, Secret>) -> Result<Salesforce> {
        let scheme = auth("sf", &cfg, secrets)?;
        let base = INFO.base_url("sf", &cfg)?;
        let client = Client::new(
            "sf (salesforce)".into(),
            base,
            scheme,
            INFO.hooks,
            Settings { max_retries: 1, ..Settings::default() },
            Arc::new(Logger::quiet()),
        )?;
        Ok(Salesforce::new(Account { name: "sf".into(), config: cfg, client }))
    }

    fn open(sb: &Sandbox) -> Salesforce {
        open_with(cfg(&sb.salesforce_url()), &demo_secrets()).unwrap()
    }

    fn count(sb: &Sandbox, needle: &str) -> usize {
        sb.requests().iter().filter(|r| r.path.contains(needle)).count()
    }

    fn update(email: &str) -> ContactUpdate {
        ContactUpdate {
            email: email.into(),
            first_name: Some("Ada".into()),
            last_name: Some("Lovelace".into()),
            phone: None,
            orders_count: Some(3),
            total_spent: Some(Money {
                amount: "1234.50".parse().unwrap(),
                currency: Currency::new("USD").unwrap(),
            }),
            last_order: Some("shopify/1042".into()),
            last_order_at: Some("2026-11-20T10:00:00Z".into()),
        }
    }

    fn stored<'a>(all: &'a [Json], field: &str, email: &str) -> Vec<&'a Json> {
        all.iter().filter(|c| c[field] == email).collect()
    }

    // ---- pure ---------------------------------------------------------------------------------

    #[test]
    fn soql_literals_are_escaped() {
        assert_eq!(soql_string("jane@example.com"), "jane@example.com");
        assert_eq!(soql_string(r"o'brien\x@example.com"), r"o\'brien\\x@example.com");
        assert_eq!(soql_string("a\"b\nc\td\r\u{8}\u{c}\u{1}"), r#"a\"b\nc\td\r\b\f\u0001"#);
        // An injection attempt stays inside the literal.
        let evil = "x' OR Email != '";
        assert_eq!(soql_string(evil), r"x\' OR Email != \'");
    }

    #[test]
    fn error_bodies_are_read() {
        let b = br#"[{"message":"No such column 'Foo__c' on entity 'Contact'.","errorCode":"INVALID_FIELD","fields":[]}]"#;
        assert_eq!(
            error_message(StatusCode::BAD_REQUEST, b).as_deref(),
            Some("No such column 'Foo__c' on entity 'Contact'. [INVALID_FIELD]")
        );
        assert_eq!(error_codes(b), ["INVALID_FIELD"]);
        let two = br#"[{"message":"a","errorCode":"X"},{"message":"b","errorCode":"Y"}]"#;
        assert_eq!(error_message(StatusCode::BAD_REQUEST, two).as_deref(), Some("a [X]; b [Y]"));
        let oauth = br#"{"error":"invalid_grant","error_description":"authentication failure"}"#;
        assert_eq!(
            error_message(StatusCode::BAD_REQUEST, oauth).as_deref(),
            Some("authentication failure [invalid_grant]")
        );
        assert_eq!(
            error_message(StatusCode::MULTIPLE_CHOICES, br#"["/services/data/v66.0/sobjects/Contact/1"]"#),
            None
        );
        assert_eq!(error_message(StatusCode::BAD_GATEWAY, b"<html>"), None);
    }

    #[test]
    fn query_pages_and_contacts_decode() {
        let page: QueryPage<ContactRecord> = serde_json::from_str(
            r#"{"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v66.0/query/01gD0000002HU6KIAW-2000",
               "records":[{"attributes":{"type":"Contact","url":"/services/data/v66.0/sobjects/Contact/003A"},
                 "Id":"003A","FirstName":"Jane","LastName":"Doe","Email":"jane@example.com","Phone":null,
                 "Account":{"attributes":{"type":"Account","url":"/x"},"Name":"Doe Household"},"LeadSource":"Web",
                 "CreatedDate":"2026-10-01T09:30:00.000+0000","LastModifiedDate":"2026-11-01T10:00:00.000+0200"},
                 {"attributes":{"type":"Contact"},"Id":"003B","Account":null}]}"#,
        )
        .unwrap();
        assert!(!page.done);
        assert_eq!(
            page.next_records_url.as_deref(),
            Some("/services/data/v66.0/query/01gD0000002HU6KIAW-2000")
        );
        let mut it = page.records.into_iter();
        let c = map_contact("sf", "https://acme.my.salesforce.com", it.next().unwrap(), 2);
        assert_eq!(
            c.source.url.as_deref(),
            Some("https://acme.my.salesforce.com/services/data/v66.0/sobjects/Contact/003A")
        );
        assert_eq!((c.source.kind.as_str(), c.source.id.as_str()), ("salesforce", "003A"));
        assert_eq!(c.company.as_deref(), Some("Doe Household"));
        assert_eq!(c.created_at.as_deref(), Some("2026-10-01T09:30:00Z"));
        assert_eq!(c.updated_at.as_deref(), Some("2026-11-01T08:00:00Z"));
        assert_eq!(c.properties["LeadSource"], "Web");
        assert_eq!(c.properties["other_matches"], "1");
        let bare = map_contact("sf", "https://x", it.next().unwrap(), 1);
        assert_eq!((bare.company, bare.source.url, bare.properties.len()), (None, None, 0));
        // `done` defaults to true; a page without records is empty.
        let p: QueryPage<IdRecord> = serde_json::from_str(r#"{"totalSize":0}"#).unwrap();
        assert!(p.done && p.records.is_empty());
        assert_eq!(rfc3339("not a date"), "not a date");
    }

    #[test]
    fn usage_header_is_parsed() {
        let mut headers = reqwest::header::HeaderMap::new();
        let resp = |h: &reqwest::header::HeaderMap| Response {
            status: StatusCode::OK,
            headers: h.clone(),
            body: Default::default(),
            url: "https://x/".parse().unwrap(),
            retries: 0,
            latency: Default::default(),
        };
        assert_eq!(api_usage(&resp(&headers)), None);
        headers.insert("sforce-limit-info", HeaderValue::from_static("api-usage=18/15000"));
        assert_eq!(api_usage(&resp(&headers)), Some((18, 15000)));
        headers.insert(
            "sforce-limit-info",
            HeaderValue::from_static("per-app-api-usage=17/250(appName=sample); api-usage=10018/100000"),
        );
        assert_eq!(api_usage(&resp(&headers)), Some((10018, 100000)));
    }

    #[test]
    fn upsert_bodies_carry_exact_money_and_only_known_fields() {
        let b = upsert_body(&update("ada@example.com"), true);
        assert_eq!(b["Shopdesk_Total_Spent__c"], "1234.50", "a decimal string, never a float");
        assert_eq!(b["Shopdesk_Currency__c"], "USD");
        assert_eq!(b["Shopdesk_Orders__c"], 3);
        assert_eq!(b["Email"], "ada@example.com");
        assert!(!b.contains_key("Phone"), "unknown fields are left alone");
        assert!(!b.contains_key(DEFAULT_EXTERNAL_ID), "the external id goes in the URL only");
        let bare = ContactUpdate {
            first_name: None,
            last_name: None,
            orders_count: None,
            total_spent: None,
            last_order: None,
            last_order_at: None,
            ..update("ada@example.com")
        };
        let b = upsert_body(&bare, false);
        assert!(b.is_empty(), "{b:?}");
        assert_eq!(segment("jane+vip@example.com"), "jane%2Bvip%40example.com");
        assert_eq!(segment("a/b"), "a%2Fb");
    }

    #[test]
    fn the_profile_entry_is_checked_before_anything_is_sent() {
        let base = cfg("https://acme.my.salesforce.com");
        let s = demo_secrets();
        assert!(auth("sf", &base, &s).is_ok());
        let err = |c: CrmConfig| auth("sf", &c, &s).err().expect("refused");
        let e = err(CrmConfig { client_id: None, ..base.clone() });
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("client_id") && e.hint.unwrap().contains("client_id = "), "{}", e.message);
        let jwt = CrmConfig { auth: Some("jwt".into()), ..base.clone() };
        assert!(auth("sf", &jwt, &s).is_ok());
        let e = err(CrmConfig { username: None, ..jwt.clone() });
        assert!(e.message.contains("username"), "{}", e.message);
        let e = err(CrmConfig { auth: Some("password".into()), ..base.clone() });
        assert!(e.message.contains("password") && e.hint.unwrap().contains("jwt"), "{}", e.message);
        assert!(
            err(CrmConfig { api_version: Some("latest".into()), ..base.clone() })
                .message
                .contains("api_version")
        );
        let e = err(CrmConfig { external_id_field: Some("Email__c' OR".into()), ..base.clone() });
        assert!(e.message.contains("external_id_field"), "{}", e.message);
        assert_eq!(
            api_version("sf", &CrmConfig { api_version: Some("65.0".into()), ..base.clone() }).unwrap(),
            "v65.0"
        );
        assert_eq!(secret_fields(&base), ["client_secret"]);
        assert_eq!(secret_fields(&jwt), ["private_key"]);
        assert!(secret_fields(&CrmConfig { auth: Some("x".into()), ..base.clone() }).is_empty());
        // The JWT flow needs its key: a missing secret is an auth error.
        let mut only_cc = HashMap::new();
        only_cc.insert("client_secret", Secret::new("x"));
        assert_eq!(auth("sf", &jwt, &only_cc).err().unwrap().kind, Kind::Auth);
        let e = INFO.base_url("sf", &CrmConfig { url: None, ..base }).unwrap_err();
        assert!(e.hint.unwrap().contains("url = "), "the My Domain is required");
    }

    // ---- against the emulator -----------------------------------------------------------------

    #[tokio::test]
    async fn jane_is_found_with_her_account_and_unknown_emails_are_none() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let sf = open(&sb);
        let jane = sf.find_contact("JANE@example.com").await.unwrap().expect("Jane is seeded");
        assert_eq!(jane.email.as_deref(), Some("jane@example.com"));
        assert_eq!((jane.first_name.as_deref(), jane.last_name.as_deref()), (Some("Jane"), Some("Doe")));
        assert_eq!(jane.company.as_deref(), Some("Doe Household"));
        let url = jane.source.url.unwrap();
        assert!(
            url.starts_with(&format!(
                "{}/salesforce/instance/services/data/v66.0/sobjects/Contact/003",
                sb.base_url()
            )),
            "{url}"
        );
        assert!(jane.updated_at.unwrap().parse::<jiff::Timestamp>().is_ok());
        assert_eq!(sf.find_contact("nobody@example.com").await.unwrap(), None);
        // Quotes and backslashes reach Salesforce as one literal (the emulator parses SOQL).
        assert_eq!(sf.find_contact(r"o'brien\x@example.com").await.unwrap(), None);
        // Customer 3 has two contacts: the newest wins, the other is counted.
        let c3 = &seed::Store::Shopify.data(0, seed::DEFAULT_ORDERS).customers[3];
        let found = sf.find_contact(&c3.email).await.unwrap().unwrap();
        assert_eq!(found.properties["other_matches"], "1");
        let all = sb.salesforce_contacts();
        let both = stored(&all, "Email", &c3.email);
        let newest = both.iter().max_by_key(|c| c["LastModifiedDate"].as_str().unwrap()).unwrap();
        assert_eq!(found.source.id, newest["Id"].as_str().unwrap(), "the newer one");
        assert!(newest["Shopdesk_Email__c"].is_string(), "the newer one is the synced one");
        assert_eq!(count(&sb, "/oauth2/token"), 1, "one session for all of it");
        assert!(
            count(&sb, "/salesforce/instance/services/data/v66.0/query") >= 4,
            "calls go to instance_url"
        );
    }

    #[tokio::test]
    async fn upsert_creates_then_updates_the_same_contact() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let sf = open(&sb);
        let u = update("ada@example.com");
        let first = sf.upsert_contact(&u).await.unwrap();
        assert_eq!(first.action, "created");
        assert!(first.source.id.starts_with("003"), "{first:?}");
        let all = sb.salesforce_contacts();
        let made = stored(&all, "Email", "ada@example.com");
        assert_eq!(made.len(), 1);
        let c = made[0];
        assert_eq!(c["Shopdesk_Email__c"], "ada@example.com", "the external id comes from the URL");
        assert_eq!((&c["FirstName"], &c["LastName"]), (&json!("Ada"), &json!("Lovelace")));
        assert_eq!(c["Shopdesk_Total_Spent__c"], 1234.5);
        assert_eq!(c["Shopdesk_Currency__c"], "USD");
        assert_eq!(c["Shopdesk_Last_Order__c"], "shopify/1042");
        let again = ContactUpdate { orders_count: Some(4), phone: Some("+1-555-0100".into()), ..u };
        let second = sf.upsert_contact(&again).await.unwrap();
        assert_eq!(
            (second.action.as_str(), second.source.id.as_str()),
            ("updated", first.source.id.as_str())
        );
        let all = sb.salesforce_contacts();
        let now = stored(&all, "Email", "ada@example.com");
        assert_eq!(now.len(), 1, "no duplicate");
        assert_eq!((&now[0]["Shopdesk_Orders__c"], &now[0]["Phone"]), (&json!(4), &json!("+1-555-0100")));
        // find sees it.
        let found = sf.find_contact("ada@example.com").await.unwrap().unwrap();
        assert_eq!(found.source.id, first.source.id);
    }

    #[tokio::test]
    async fn an_update_answered_204_reads_the_id_back() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let sf = open_with(
            CrmConfig { api_version: Some("v45.0".into()), ..cfg(&sb.salesforce_url()) },
            &demo_secrets(),
        )
        .unwrap();
        let r = sf.upsert_contact(&update("jane@example.com")).await.unwrap();
        assert_eq!(r.action, "updated");
        let jane = stored(&sb.salesforce_contacts(), "Email", "jane@example.com")[0].clone();
        assert_eq!(jane["Id"], r.source.id.as_str());
        assert_eq!(jane["LastName"], "Lovelace");
    }

    #[tokio::test]
    async fn emails_salesforce_reads_as_a_file_extension_go_through_the_record_id() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let sf = open(&sb);
        let u = update("ceo@acme.inc");
        assert_eq!(sf.upsert_contact(&u).await.unwrap().action, "created");
        assert_eq!(sf.upsert_contact(&u).await.unwrap().action, "updated");
        let all = sb.salesforce_contacts();
        let made = stored(&all, "Shopdesk_Email__c", "ceo@acme.inc");
        assert_eq!(made.len(), 1, "created once, then updated by id");
        let patches_by_id = sb
            .requests()
            .iter()
            .filter(|r| r.method == "PATCH" && r.path.ends_with(made[0]["Id"].as_str().unwrap()))
            .count();
        assert_eq!(patches_by_id, 1);
        assert_eq!(
            sb.requests().iter().filter(|r| r.status == Some(404)).count(),
            2,
            "each upsert tried the external id first"
        );
    }

    #[tokio::test]
    async fn ambiguous_external_ids_and_missing_fields_are_clear_errors() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let sf = open(&sb);
        let c6 = &seed::Store::Shopify.data(0, seed::DEFAULT_ORDERS).customers[6];
        let e = sf.upsert_contact(&update(&c6.email)).await.unwrap_err();
        assert_eq!(e.kind, Kind::Conflict);
        assert!(
            e.message.contains("2 contacts") && e.message.contains("/sobjects/Contact/003"),
            "{}",
            e.message
        );
        // A field the org does not have: the 404 falls back to the query, whose error names it.
        let sf = open_with(
            CrmConfig { external_id_field: Some("Nope__c".into()), ..cfg(&sb.salesforce_url()) },
            &demo_secrets(),
        )
        .unwrap();
        let e = sf.upsert_contact(&update("ada@example.com")).await.unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert!(
            e.message.contains("No such column 'Nope__c'") && e.message.contains("[INVALID_FIELD]"),
            "{}",
            e.message
        );
        assert!(e.hint.unwrap().contains("external_id_field"));
        // A create without LastName: Salesforce's own message.
        let e = open(&sb)
            .upsert_contact(&ContactUpdate { last_name: None, ..update("new@example.com") })
            .await
            .unwrap_err();
        assert!(e.message.contains("REQUIRED_FIELD_MISSING"), "{}", e.message);
    }

    #[tokio::test]
    async fn an_expired_session_is_renewed_once() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let sf = open(&sb);
        assert!(sf.find_contact("jane@example.com").await.unwrap().is_some());
        sb.expire_salesforce_tokens();
        assert!(sf.find_contact("jane@example.com").await.unwrap().is_some());
        assert_eq!(count(&sb, "/oauth2/token"), 2);
        assert_eq!(sb.requests().iter().filter(|r| r.status == Some(401)).count(), 1);
    }

    #[tokio::test]
    async fn the_jwt_flow_signs_in_with_the_private_key() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let jwt = CrmConfig { auth: Some("jwt".into()), ..cfg(&sb.salesforce_url()) };
        let mut only_key = HashMap::new();
        only_key.insert("private_key", Secret::new(demo::RSA_PRIVATE_KEY));
        let sf = open_with(jwt.clone(), &only_key).unwrap();
        assert!(sf.find_contact("jane@example.com").await.unwrap().is_some());
        assert!(sf.probe().await.unwrap().starts_with("JWT bearer accepted for integration@"));
        // The wrong user, or a key the app does not hold: an auth error with the JWT hint.
        let other =
            open_with(CrmConfig { username: Some("someone@else".into()), ..jwt.clone() }, &only_key).unwrap();
        let e = other.find_contact("jane@example.com").await.unwrap_err();
        assert_eq!(e.kind, Kind::Auth);
        assert!(e.message.contains("user hasn't approved this consumer [invalid_grant]"), "{}", e.message);
        assert!(e.hint.unwrap().contains("private_key"));
        let (key, _) = crate::transport::jwt::tests::test_key();
        only_key.insert("private_key", key);
        let e = open_with(jwt, &only_key).unwrap().find_contact("jane@example.com").await.unwrap_err();
        assert!(e.message.contains("invalid assertion"), "{}", e.message);
    }

    #[tokio::test]
    async fn bad_client_credentials_are_an_auth_error() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let mut s = demo_secrets();
        s.insert("client_secret", Secret::new("wrong"));
        let e = open_with(cfg(&sb.salesforce_url()), &s).unwrap().probe().await.unwrap_err();
        assert_eq!(e.kind, Kind::Auth);
        assert!(e.message.contains("invalid client credentials [invalid_client]"), "{}", e.message);
        assert!(!e.message.contains("wrong"));
    }

    #[tokio::test]
    async fn the_daily_allocation_used_up_is_a_rate_limit_not_a_permission_error() {
        let sb =
            Sandbox::start(Options { salesforce_daily_api_limit: 2, ..Options::default() }).await.unwrap();
        let sf = open(&sb);
        let p = sf.probe().await.unwrap();
        assert!(p.contains("api usage 1/2"), "{p}");
        sf.find_contact("jane@example.com").await.unwrap();
        let e = sf.find_contact("jane@example.com").await.unwrap_err();
        assert_eq!(e.kind, Kind::RateLimited);
        assert!(
            e.message.contains("daily API request allocation is used up (api usage 2/2)"),
            "{}",
            e.message
        );
        assert!(e.message.contains("REQUEST_LIMIT_EXCEEDED"), "{}", e.message);
    }

    #[tokio::test]
    async fn query_all_follows_next_records_url() {
        // 3000 orders: 600 customers, every third a contact (+2 duplicates) = 202 > one batch.
        let sb = Sandbox::start(Options { orders: 3000, ..Options::default() }).await.unwrap();
        let sf = open(&sb);
        let instance = sf.instance().await.unwrap();
        let all: Vec<IdRecord> = sf.query_all(&instance, "SELECT Id FROM Contact ORDER BY Id").await.unwrap();
        assert_eq!(all.len(), sb.salesforce_contacts().len());
        assert_eq!(all.len(), 202);
        let ids: HashSet<&str> = all.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), 202, "no record twice");
        let pages: Vec<_> = sb.requests().into_iter().filter(|r| r.path.contains("/query")).collect();
        assert_eq!(pages.len(), 2);
        assert!(pages[1].path.ends_with("-200"), "{}", pages[1].path);
    }
}
