//! HubSpot CRM v3 contacts (`crm = "hubspot"`).
//!
//! Facts this file is built on (`shared/reference/services.md` §4b: HubSpot's published contacts
//! spec `HubSpot/HubSpot-public-api-spec-collection` `CRM/Contacts/Rollouts/424/v3/contacts.json`
//! [V], developer docs and changelog [D]):
//! - Base `https://api.hubapi.com` (the profile's `url` overrides it: the sandbox, a proxy).
//!   A private app's token as `Authorization: Bearer pat-…` (secret `access_token`, stored with
//!   `shopdesk auth login NAME`); scopes `crm.objects.contacts.read` and `.write`.
//! - Find: `POST /crm/v3/objects/contacts/search`. The published `PublicObjectSearchRequest`
//!   marks `filterGroups`, `properties`, `sorts`, `limit` and `after` **required** (the real API
//!   accepts fewer; a validating proxy does not), so all five are always sent ([`search_body`]):
//!   one group with `email EQ …`, the properties shopdesk reads ([`search_properties`]), newest
//!   `lastmodifieddate` first, and `after: "0"`. Answer `{"total","results":[SimplePublicObject],
//!   "paging"}`; a SimplePublicObject is `{id, properties{…}, createdAt, updatedAt, archived,
//!   url?}` with property values as strings (read leniently: numbers, booleans, `null`). The
//!   newest result wins. The record URL is HubSpot's `url` when it sends one; shopdesk does not
//!   know the portal id, so it does not build `app.hubspot.com/contacts/{portal}/…` links itself.
//! - Upsert: search by email, then `PATCH /crm/v3/objects/contacts/{id}` `{"properties":{…}}` with
//!   only the properties that differ (compared as numbers or times when both sides parse, so
//!   HubSpot's `"120.5"` equals shopdesk's `"120.50"`; nothing differs → `unchanged`, nothing
//!   sent), else `POST /crm/v3/objects/contacts` `{"properties":{…},"associations":[]}` → 201
//!   (`associations` is required by the spec's create input). A 409 `CONFLICT` on create ("Contact
//!   already exists. Existing ID: N" [U wording]: another writer, or the search index lagging a
//!   few seconds behind a fresh record [3P]) → the id is read from the message and PATCHed.
//! - Properties written: `email`, `firstname`, `lastname`, `phone`, and the custom properties
//!   [`CUSTOM`] (`shopdesk_orders_count` number, `shopdesk_total_spent` number as a decimal string
//!   rounded to the currency's minor unit, never a float, `shopdesk_currency`,
//!   `shopdesk_last_order`, `shopdesk_last_order_at` datetime in ISO 8601) when the update has
//!   them. Custom properties must exist in the portal; HubSpot otherwise answers 400
//!   `VALIDATION_ERROR` with code `PROPERTY_DOESNT_EXIST` and `context.propertyName`, which
//!   becomes an error naming the property and how to create it.
//! - Errors: `{"status":"error","message","correlationId","category","subCategory"?,"errors":
//!   [{"message","code","context"}]}` → "message [CATEGORY]: first error [CODE] (correlation id
//!   …)" ([`error_message`]) so support can quote the id to HubSpot. 401 → auth error with the
//!   `shopdesk auth login NAME` hint (the transport's).
//! - Rate limits [D]: per account, 100 requests / 10 s and 250,000 / day for a Free/Starter
//!   private app (190 / 10 s and more per day on higher tiers). Answers carry
//!   `X-HubSpot-RateLimit-Max`, `-Remaining`, `-Interval-Milliseconds`, `-Daily`,
//!   `-Daily-Remaining`, and on some APIs `-Secondly`/`-Secondly-Remaining`. [`pace`] waits a
//!   whole interval when the window is spent (the window is rolling and its reset is not sent,
//!   so a whole interval is the safe wait) and spreads the last tenth over the interval; a 429
//!   honours `Retry-After` (the transport). CRM search has its own limit of 5 requests per second
//!   per account [3P 2025; 4 in older docs] and its answers reportedly carry no rate-limit
//!   headers [U], so after every search the next request waits 200 ms.
//! - Probe: `GET /crm/v3/objects/contacts?limit=1`, reporting the headroom from the headers.
//!
//! [U] also: that `EQ` on `email` matches case-insensitively (the email is sent lower-cased
//! anyway); that number properties come back normalised (`"120.5"`); that search answers omit
//! the rate-limit headers.

use super::{Account, Crm, Info, secret};
use crate::adapters::carriers::code_messages;
use crate::config::CrmConfig;
use crate::domain::{ContactUpdate, CrmContact, CrmSource, CrmUpsert};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Request, Response, VendorHooks};
use async_trait::async_trait;
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

pub static INFO: Info = Info {
    name: "hubspot",
    display: "HubSpot",
    default_url: Some("https://api.hubapi.com"),
    secret_fields: |_| &["access_token"],
    auth,
    hooks: VendorHooks { error_message, throttled: |_| None, pace },
    build: |account| Box::new(HubSpot { account }),
};

const CONTACTS: &str = "crm/v3/objects/contacts";
const SEARCH: &str = "crm/v3/objects/contacts/search";

/// The custom contact properties shopdesk writes, with the HubSpot field type to create them as.
pub const CUSTOM: &[(&str, &str)] = &[
    ("shopdesk_orders_count", "Number"),
    ("shopdesk_total_spent", "Number"),
    ("shopdesk_currency", "Single-line text"),
    ("shopdesk_last_order", "Single-line text"),
    ("shopdesk_last_order_at", "Date and time"),
];

/// The standard properties [`CrmContact`] shows; a search asks for these and [`CUSTOM`].
const STANDARD: &[&str] = &[
    "email",
    "firstname",
    "lastname",
    "phone",
    "company",
    "lifecyclestage",
    "createdate",
    "lastmodifieddate",
];

/// The properties a search asks for: what [`CrmContact`] shows, plus the ones shopdesk writes.
fn search_properties() -> Vec<&'static str> {
    STANDARD.iter().copied().chain(CUSTOM.iter().map(|(name, _)| *name)).collect()
}

/// The gap after a search: CRM search allows 5 requests per second per account.
const SEARCH_GAP: Duration = Duration::from_millis(200);

fn auth(name: &str, _: &CrmConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    Ok(AuthScheme::Header {
        name: reqwest::header::AUTHORIZATION,
        prefix: "Bearer ",
        secret: secret(name, secrets, "access_token")?,
    })
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    message: Option<String>,
    category: Option<String>,
    correlation_id: Option<String>,
    #[serde(default)]
    errors: Vec<ErrorDetail>,
}

#[derive(Debug, Deserialize)]
struct ErrorDetail {
    message: Option<String>,
    code: Option<String>,
    #[serde(default)]
    context: HashMap<String, Value>,
}

/// A string as HubSpot sends it, or a number/boolean turned into one; `null` → `None`.
fn lenient_string<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

fn lenient_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<BTreeMap<String, String>, D::Error> {
    let m: BTreeMap<String, Value> = Option::deserialize(d)?.unwrap_or_default();
    Ok(m.into_iter()
        .filter_map(|(k, v)| match v {
            Value::String(s) => Some((k, s)),
            Value::Number(n) => Some((k, n.to_string())),
            Value::Bool(b) => Some((k, b.to_string())),
            _ => None,
        })
        .collect())
}

/// HubSpot's SimplePublicObject.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Object {
    #[serde(deserialize_with = "lenient_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "lenient_map")]
    properties: BTreeMap<String, String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SearchAnswer {
    #[serde(default)]
    results: Vec<Object>,
}

// ---- errors and rate limits -------------------------------------------------------------------

/// HubSpot's error body → "message [CATEGORY]: first error [CODE]; … (correlation id …)".
pub fn error_message(_: StatusCode, body: &[u8]) -> Option<String> {
    let e: ErrorBody = serde_json::from_slice(body).ok()?;
    let mut out = match (e.message, e.category) {
        (Some(m), Some(c)) => format!("{m} [{c}]"),
        (Some(m), None) => m,
        (None, Some(c)) => format!("[{c}]"),
        (None, None) if e.errors.is_empty() => return None,
        (None, None) => String::new(),
    };
    let details = code_messages(e.errors.into_iter().take(3).map(|d| (d.code, d.message)));
    if let Some(d) = details.filter(|d| !out.contains(d.as_str())) {
        out = if out.is_empty() { d } else { format!("{out}: {d}") };
    }
    if let Some(id) = e.correlation_id {
        out.push_str(&format!(" (correlation id {id})"));
    }
    Some(out)
}

/// How long the next request waits so the account's limits are not hit (see the module docs).
fn pace(r: &Response) -> Option<Duration> {
    let after_search = (r.url.path().ends_with("/search") && r.status != StatusCode::TOO_MANY_REQUESTS)
        .then_some(SEARCH_GAP);
    let secondly =
        (r.header_u64("x-hubspot-ratelimit-secondly-remaining") == Some(0)).then_some(Duration::from_secs(1));
    let window = (|| {
        let interval = Duration::from_millis(r.header_u64("x-hubspot-ratelimit-interval-milliseconds")?);
        let left = r.header_u64("x-hubspot-ratelimit-remaining")?;
        if left == 0 {
            return Some(interval);
        }
        let max = r.header_u64("x-hubspot-ratelimit-max")?;
        crate::transport::spread_over(interval, left, max)
    })();
    [after_search, secondly, window].into_iter().flatten().max()
}

/// "daily 249,998/250,000 left, 99/100 per 10 s" from the rate-limit headers, when present.
fn headroom(r: &Response) -> Option<String> {
    let mut parts = Vec::new();
    if let (Some(left), Some(max)) =
        (r.header_u64("x-hubspot-ratelimit-daily-remaining"), r.header_u64("x-hubspot-ratelimit-daily"))
    {
        parts.push(format!("daily {}/{} left", grouped(left), grouped(max)));
    }
    if let (Some(left), Some(max), Some(ms)) = (
        r.header_u64("x-hubspot-ratelimit-remaining"),
        r.header_u64("x-hubspot-ratelimit-max"),
        r.header_u64("x-hubspot-ratelimit-interval-milliseconds"),
    ) {
        let per = if ms % 1000 == 0 { format!("{} s", ms / 1000) } else { format!("{ms} ms") };
        parts.push(format!("{left}/{max} per {per}"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// 250000 → "250,000".
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---- request bodies and mapping ---------------------------------------------------------------

/// The search body: always all five keys the published spec requires.
fn search_body(email: &str) -> Value {
    json!({
        "filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email}]}],
        "properties": search_properties(),
        "sorts": [{"propertyName": "lastmodifieddate", "direction": "DESCENDING"}],
        "limit": 10,
        "after": "0",
    })
}

fn create_body(props: &BTreeMap<&'static str, String>) -> Value {
    json!({"properties": props, "associations": []})
}

fn patch_body(props: &BTreeMap<&'static str, String>) -> Value {
    json!({"properties": props})
}

/// The properties an update sets (`None` fields are left alone).
fn desired(u: &ContactUpdate) -> BTreeMap<&'static str, String> {
    let mut p = BTreeMap::new();
    p.insert("email", normal_email(&u.email));
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            p.insert(k, v);
        }
    };
    put("firstname", u.first_name.clone());
    put("lastname", u.last_name.clone());
    put("phone", u.phone.clone());
    put("shopdesk_orders_count", u.orders_count.map(|n| n.to_string()));
    put("shopdesk_total_spent", u.total_spent.as_ref().map(|m| minor_units(m.amount, m.currency.exponent())));
    put("shopdesk_currency", u.total_spent.as_ref().map(|m| m.currency.code().to_string()));
    put("shopdesk_last_order", u.last_order.clone());
    put("shopdesk_last_order_at", u.last_order_at.clone());
    p
}

/// `45.5` in a 2-decimal currency → `"45.50"`.
fn minor_units(amount: Decimal, exponent: u32) -> String {
    let mut a = amount.round_dp_with_strategy(exponent, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    a.rescale(exponent);
    a.to_string()
}

fn normal_email(e: &str) -> String {
    e.trim().to_ascii_lowercase()
}

/// Whether HubSpot's stored value already says what shopdesk would write.
fn same(key: &str, have: Option<&String>, want: &str) -> bool {
    let Some(have) = have.map(|h| h.trim()) else { return false };
    let want = want.trim();
    if have == want || (key == "email" && have.eq_ignore_ascii_case(want)) {
        return true;
    }
    if let (Ok(a), Ok(b)) = (have.parse::<Decimal>(), want.parse::<Decimal>()) {
        return a == b;
    }
    if let (Ok(a), Ok(b)) = (have.parse::<jiff::Timestamp>(), want.parse::<jiff::Timestamp>()) {
        return a == b;
    }
    false
}

/// The properties that differ from the stored record.
fn diff(
    have: &BTreeMap<String, String>,
    want: &BTreeMap<&'static str, String>,
) -> BTreeMap<&'static str, String> {
    want.iter().filter(|(k, v)| !same(k, have.get(**k), v)).map(|(k, v)| (*k, v.clone())).collect()
}

/// The id in "Contact already exists. Existing ID: 151".
fn existing_id(message: &str) -> Option<String> {
    let rest = &message[message.find("Existing ID:")? + "Existing ID:".len()..];
    let id: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    (!id.is_empty()).then_some(id)
}

/// The newest of several records (by `lastmodifieddate`, else `updatedAt`).
fn newest(results: Vec<Object>) -> Option<Object> {
    let key = |o: &Object| {
        o.properties
            .get("lastmodifieddate")
            .or(o.updated_at.as_ref())
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
    };
    // `max_by_key` keeps the last of equals; search already sorted newest first, so prefer the
    // first of equals by walking backwards.
    results.into_iter().rev().max_by_key(key)
}

fn to_contact(crm: &str, o: Object) -> CrmContact {
    let mut p = o.properties;
    let mut take = |k: &str| p.remove(k).filter(|v| !v.trim().is_empty());
    let email = take("email");
    let first_name = take("firstname");
    let last_name = take("lastname");
    let phone = take("phone");
    let company = take("company");
    let stage = take("lifecyclestage");
    let created_at = take("createdate").or(o.created_at);
    let updated_at = take("lastmodifieddate").or(o.updated_at);
    // The fields above took theirs; the id is the source's.
    p.retain(|k, v| k != "hs_object_id" && !v.trim().is_empty());
    CrmContact {
        source: CrmSource {
            crm: crm.to_string(),
            kind: INFO.name.into(),
            id: o.id.unwrap_or_default(),
            url: o.url,
        },
        email,
        first_name,
        last_name,
        phone,
        company,
        stage,
        created_at,
        updated_at,
        properties: p,
    }
}

/// A 400 naming properties the portal lacks → what to create.
fn missing_properties(crm: &str, e: &ErrorBody) -> Option<Error> {
    let names: Vec<String> = e
        .errors
        .iter()
        .filter(|d| d.code.as_deref() == Some("PROPERTY_DOESNT_EXIST"))
        .flat_map(|d| {
            let from_context: Vec<String> = match d.context.get("propertyName") {
                Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
                Some(Value::String(s)) => vec![s.clone()],
                _ => vec![],
            };
            if from_context.is_empty() {
                // `Property "x" does not exist`
                d.message
                    .as_deref()
                    .and_then(|m| m.split('"').nth(1))
                    .map(str::to_string)
                    .into_iter()
                    .collect()
            } else {
                from_context
            }
        })
        .collect();
    if names.is_empty() {
        return None;
    }
    let how: Vec<String> = names
        .iter()
        .map(|n| match CUSTOM.iter().find(|(c, _)| c == n) {
            Some((_, t)) => format!("`{n}` ({t})"),
            None => format!("`{n}`"),
        })
        .collect();
    let cid = e.correlation_id.as_deref().map(|c| format!(" (correlation id {c})")).unwrap_or_default();
    Some(
        Error::usage(format!(
            "crm {crm}: HubSpot has no contact propert{} {}{cid}",
            if names.len() == 1 { "y" } else { "ies" },
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ))
        .with_hint(format!(
            "create {} in HubSpot: Settings → Properties → Contact properties → Create property, with exactly that internal name (see README, Customers (CRM) → HubSpot)",
            how.join(", ")
        )),
    )
}

// ---- the adapter ------------------------------------------------------------------------------

struct HubSpot {
    account: Account,
}

impl HubSpot {
    fn ctx(&self, e: Error) -> Error {
        e.context(format!("crm {}", self.account.name))
    }

    /// The newest record with this email.
    async fn search(&self, email: &str) -> Result<Option<Object>> {
        let client = &self.account.client;
        let req = Request::post(SEARCH).json(search_body(&normal_email(email))).retry_safe();
        let resp = client.send(req).await.map_err(|e| self.ctx(e))?;
        let answer: SearchAnswer = resp.json(&client.name)?;
        Ok(newest(answer.results))
    }

    /// A failed write → an error; a missing custom property says how to create it.
    fn write_error(&self, resp: &Response) -> Error {
        if resp.status == StatusCode::BAD_REQUEST
            && let Ok(body) = serde_json::from_slice::<ErrorBody>(&resp.body)
            && let Some(e) = missing_properties(&self.account.name, &body)
        {
            return e;
        }
        self.ctx(self.account.client.status_error(resp))
    }

    async fn patch(&self, id: &str, props: &BTreeMap<&'static str, String>) -> Result<Object> {
        let client = &self.account.client;
        let req = Request::new(Method::PATCH, &format!("{CONTACTS}/{id}")).json(patch_body(props));
        let resp = client.send_any(req).await.map_err(|e| self.ctx(e))?;
        if !resp.status.is_success() {
            return Err(self.write_error(&resp));
        }
        resp.json(&client.name)
    }

    /// Create the contact; when HubSpot says it exists already (409: another writer, or the
    /// search index lagging behind a fresh record), update that one instead.
    async fn create(&self, want: &BTreeMap<&'static str, String>) -> Result<CrmUpsert> {
        let client = &self.account.client;
        let req = Request::post(CONTACTS).json(create_body(want));
        let resp = client.send_any(req).await.map_err(|e| self.ctx(e))?;
        if resp.status == StatusCode::CONFLICT {
            let body: ErrorBody = serde_json::from_slice(&resp.body).unwrap_or_default();
            if let Some(id) = body.message.as_deref().and_then(existing_id) {
                let o = self.patch(&id, want).await?;
                return Ok(CrmUpsert { source: self.source(id, o.url), action: "updated".into() });
            }
        }
        if !resp.status.is_success() {
            return Err(self.write_error(&resp));
        }
        let o: Object = resp.json(&client.name)?;
        Ok(CrmUpsert { source: self.source(o.id.unwrap_or_default(), o.url), action: "created".into() })
    }

    fn source(&self, id: String, url: Option<String>) -> CrmSource {
        CrmSource { crm: self.account.name.clone(), kind: INFO.name.into(), id, url }
    }
}

#[async_trait]
impl Crm for HubSpot {
    fn info(&self) -> &'static Info {
        &INFO
    }

    async fn find_contact(&self, email: &str) -> Result<Option<CrmContact>> {
        Ok(self.search(email).await?.map(|o| to_contact(&self.account.name, o)))
    }

    async fn upsert_contact(&self, update: &ContactUpdate) -> Result<CrmUpsert> {
        let want = desired(update);
        let Some(found) = self.search(&update.email).await? else {
            return self.create(&want).await;
        };
        let id = found.id.clone().unwrap_or_default();
        let changed = diff(&found.properties, &want);
        if changed.is_empty() {
            return Ok(CrmUpsert { source: self.source(id, found.url), action: "unchanged".into() });
        }
        let o = self.patch(&id, &changed).await?;
        Ok(CrmUpsert { source: self.source(id, o.url), action: "updated".into() })
    }

    async fn probe(&self) -> Result<String> {
        let req = Request::get(CONTACTS).query("limit", "1");
        let resp = self.account.client.send(req).await.map_err(|e| self.ctx(e))?;
        Ok(match headroom(&resp) {
            Some(h) => format!("private app token accepted; {h}"),
            None => "private app token accepted".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::sandbox::quota::QuotaSpec;
    use crate::sandbox::{Options, Sandbox, demo};
    use crate::transport::{Client, Settings, log::Logger};
    use std::sync::Arc;

    fn update(email: &str) -> ContactUpdate {
        ContactUpdate {
            email: email.into(),
            first_name: None,
            last_name: None,
            phone: None,
            orders_count: None,
            total_spent: None,
            last_order: None,
            last_order_at: None,
        }
    }

    fn account(sb: &Sandbox, token: &str, settings: Settings) -> Account {
        let mut secrets = HashMap::new();
        secrets.insert("access_token", Secret::new(token));
        let cfg = CrmConfig {
            crm: "hubspot".into(),
            url: Some(sb.hubspot_url().parse().unwrap()),
            ..Default::default()
        };
        let client = Client::new(
            "hs (hubspot)".into(),
            INFO.base_url("hs", &cfg).unwrap(),
            auth("hs", &cfg, &secrets).unwrap(),
            INFO.hooks,
            settings,
            Arc::new(Logger::quiet()),
        )
        .unwrap();
        Account { name: "hs".into(), config: cfg, client }
    }

    fn adapter(sb: &Sandbox, token: &str) -> Box<dyn Crm> {
        (INFO.build)(account(sb, token, Settings { max_retries: 2, ..Settings::default() }))
    }

    /// The sandbox's record of a contact, by email.
    async fn stored(sb: &Sandbox, email: &str) -> Value {
        let all: Vec<Value> = reqwest::get(format!("{}/_sandbox/hubspot/contacts", sb.base_url()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        all.into_iter().find(|c| c["properties"]["email"] == email).unwrap_or(Value::Null)
    }

    fn count(sb: &Sandbox, method: &str, suffix: &str, status: u16) -> usize {
        sb.requests()
            .iter()
            .filter(|r| r.method == method && r.path.ends_with(suffix) && r.status == Some(status))
            .count()
    }

    #[test]
    fn search_body_has_the_five_required_keys_with_their_types() {
        // services.md §4b: the spec marks after, filterGroups, limit, properties, sorts required.
        let b = search_body("jane@example.com");
        let o = b.as_object().unwrap();
        let mut keys: Vec<&str> = o.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["after", "filterGroups", "limit", "properties", "sorts"]);
        assert!(o["after"].is_string(), "after is a string cursor");
        assert!(o["limit"].is_u64() && o["limit"].as_u64().unwrap() <= 200);
        let f = &o["filterGroups"][0]["filters"][0];
        assert_eq!((f["propertyName"].as_str(), f["operator"].as_str()), (Some("email"), Some("EQ")));
        assert_eq!(f["value"], "jane@example.com");
        assert_eq!(o["sorts"][0], json!({"propertyName": "lastmodifieddate", "direction": "DESCENDING"}));
        let props: Vec<&str> =
            o["properties"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        for p in [
            "email",
            "firstname",
            "lastname",
            "phone",
            "company",
            "lifecyclestage",
            "createdate",
            "lastmodifieddate",
        ] {
            assert!(props.contains(&p), "{p}");
        }
        for (p, _) in CUSTOM {
            assert!(props.contains(p), "the properties shopdesk writes are read back: {p}");
        }
    }

    #[test]
    fn create_and_patch_bodies() {
        let mut u = update(" Ada@Example.com ");
        u.first_name = Some("Ada".into());
        u.orders_count = Some(3);
        u.total_spent =
            Some(Money::new("120.5".parse().unwrap(), crate::domain::Currency::new("USD").unwrap()));
        let want = desired(&u);
        let c = create_body(&want);
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["associations", "properties"]);
        assert_eq!(c["associations"], json!([]));
        assert_eq!(c["properties"]["email"], "ada@example.com");
        assert_eq!(c["properties"]["shopdesk_total_spent"], "120.50", "a decimal string, never a float");
        assert_eq!(c["properties"]["shopdesk_orders_count"], "3");
        assert_eq!(c["properties"]["shopdesk_currency"], "USD");
        assert!(c["properties"].get("lastname").is_none(), "None fields are left alone");
        let p = patch_body(&want);
        assert_eq!(p.as_object().unwrap().keys().collect::<Vec<_>>(), ["properties"]);
    }

    #[test]
    fn diff_compares_numbers_times_and_emails_by_value() {
        let have: BTreeMap<String, String> = [
            ("email", "ada@example.com"),
            ("shopdesk_total_spent", "120.5"),
            ("shopdesk_last_order_at", "2026-03-01T10:00:00.000Z"),
            ("firstname", "Ada"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let want: BTreeMap<&'static str, String> = [
            ("email", "ADA@example.com"),
            ("shopdesk_total_spent", "120.50"),
            ("shopdesk_last_order_at", "2026-03-01T10:00:00Z"),
            ("firstname", "Ada"),
            ("lastname", "Lovelace"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
        let d = diff(&have, &want);
        assert_eq!(d.keys().copied().collect::<Vec<_>>(), ["lastname"]);
    }

    #[test]
    fn errors_and_ids_from_hubspot_bodies() {
        // services.md §4b's example.
        let b = br#"{"status":"error","message":"Property values were not valid","correlationId":"aeb5f871-7f07-4993-9211-075dc63e7cbf","category":"VALIDATION_ERROR","errors":[{"message":"Property \"favcolor\" does not exist","code":"PROPERTY_DOESNT_EXIST","context":{"propertyName":["favcolor"]}}]}"#;
        let m = error_message(StatusCode::BAD_REQUEST, b).unwrap();
        assert_eq!(
            m,
            "Property values were not valid [VALIDATION_ERROR]: Property \"favcolor\" does not exist [PROPERTY_DOESNT_EXIST] (correlation id aeb5f871-7f07-4993-9211-075dc63e7cbf)"
        );
        let e = missing_properties("hs", &serde_json::from_slice(b).unwrap()).unwrap();
        assert!(e.message.contains("`favcolor`") && e.message.contains("aeb5f871"), "{}", e.message);
        assert!(e.hint.unwrap().contains("Create property"));
        assert_eq!(error_message(StatusCode::BAD_GATEWAY, b"<html>"), None);
        assert_eq!(existing_id("Contact already exists. Existing ID: 151").as_deref(), Some("151"));
        assert_eq!(existing_id("Contact already exists."), None);
        assert_eq!(grouped(249_998), "249,998");
        assert_eq!(grouped(100), "100");
    }

    fn resp(path: &str, headers: &[(&'static str, &str)]) -> Response {
        let mut h = reqwest::header::HeaderMap::new();
        for (k, v) in headers {
            h.insert(*k, v.parse().unwrap());
        }
        Response {
            status: StatusCode::OK,
            headers: h,
            body: Default::default(),
            url: format!("https://api.hubapi.com/{path}").parse().unwrap(),
            retries: 0,
            latency: Duration::ZERO,
        }
    }

    #[test]
    fn pace_reads_the_rate_limit_headers() {
        let h = |left: &'static str| {
            [
                ("x-hubspot-ratelimit-max", "100"),
                ("x-hubspot-ratelimit-remaining", left),
                ("x-hubspot-ratelimit-interval-milliseconds", "10000"),
            ]
        };
        assert_eq!(pace(&resp(CONTACTS, &h("50"))), None);
        assert_eq!(pace(&resp(CONTACTS, &h("0"))), Some(Duration::from_secs(10)));
        assert_eq!(pace(&resp(CONTACTS, &h("4"))), Some(Duration::from_secs(2)));
        assert_eq!(pace(&resp(SEARCH, &[])), Some(SEARCH_GAP), "search answers carry no headers");
        assert_eq!(
            pace(&resp(CONTACTS, &[("x-hubspot-ratelimit-secondly-remaining", "0")])),
            Some(Duration::from_secs(1))
        );
        assert_eq!(pace(&resp(CONTACTS, &[])), None);
        // Counters near the top of u64 once overflowed `left * 10` and wrapped `left + 1` to a
        // zero divisor (a panic even in release builds).
        let huge = |left: &'static str| {
            [
                ("x-hubspot-ratelimit-max", "18446744073709551615"),
                ("x-hubspot-ratelimit-remaining", left),
                ("x-hubspot-ratelimit-interval-milliseconds", "4294967295"),
            ]
        };
        assert_eq!(pace(&resp(CONTACTS, &huge("4294967295"))), Some(Duration::from_millis(1)));
        assert_eq!(pace(&resp(CONTACTS, &huge("18446744073709551615"))), None);
    }

    #[test]
    fn lenient_objects() {
        let o: Object = serde_json::from_str(
            r#"{"id":151,"properties":{"email":"a@b.c","shopdesk_orders_count":3,"company":null,"hs_object_id":"151"},"archived":false}"#,
        )
        .unwrap();
        let c = to_contact("hs", o);
        assert_eq!(c.source.id, "151");
        assert_eq!(c.properties.get("shopdesk_orders_count").map(String::as_str), Some("3"));
        assert_eq!(c.company, None);
        assert!(!c.properties.contains_key("hs_object_id"));
        assert_eq!(c.source.url, None, "no portal id, no invented link");
    }

    #[tokio::test]
    async fn find_jane_and_nobody() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let hs = adapter(&sb, demo::HUBSPOT_ACCESS_TOKEN);
        let jane = hs.find_contact("Jane@Example.com").await.unwrap().unwrap();
        assert_eq!(jane.source.kind, "hubspot");
        assert_eq!(jane.source.crm, "hs");
        assert_eq!(jane.source.id, "151");
        assert_eq!((jane.first_name.as_deref(), jane.last_name.as_deref()), (Some("Jane"), Some("Doe")));
        assert_eq!(jane.stage.as_deref(), Some("customer"));
        assert!(jane.created_at.unwrap().ends_with('Z'));
        assert_eq!(hs.find_contact("nobody@example.com").await.unwrap(), None);
        let desc = hs.probe().await.unwrap();
        assert!(
            desc.contains("daily 249,99") && desc.contains("/250,000 left") && desc.contains("per 10 s"),
            "{desc}"
        );
        assert_eq!(count(&sb, "POST", "/search", 400), 0, "the emulator accepted every search body");
    }

    #[tokio::test]
    async fn upsert_creates_updates_and_leaves_unchanged() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let hs = adapter(&sb, demo::HUBSPOT_ACCESS_TOKEN);
        let mut u = update("new.person@example.com");
        u.first_name = Some("New".into());
        u.orders_count = Some(2);
        u.total_spent =
            Some(Money::new("45.5".parse().unwrap(), crate::domain::Currency::new("EUR").unwrap()));
        u.last_order = Some("shopify/1007".into());
        u.last_order_at = Some("2026-03-01T10:00:00Z".into());
        let r = hs.upsert_contact(&u).await.unwrap();
        assert_eq!(r.action, "created");
        let s = stored(&sb, "new.person@example.com").await;
        assert_eq!(s["id"], r.source.id.as_str());
        assert_eq!(s["properties"]["shopdesk_total_spent"], "45.50");
        assert_eq!(s["properties"]["shopdesk_last_order"], "shopify/1007");
        assert_eq!(hs.upsert_contact(&u).await.unwrap().action, "unchanged");
        let patches = count(&sb, "PATCH", &r.source.id, 200);
        assert_eq!(patches, 0, "unchanged sends no PATCH");
        u.orders_count = Some(3);
        let r2 = hs.upsert_contact(&u).await.unwrap();
        assert_eq!((r2.action.as_str(), r2.source.id.as_str()), ("updated", r.source.id.as_str()));
        assert_eq!(stored(&sb, "new.person@example.com").await["properties"]["shopdesk_orders_count"], "3");
        // Jane exists: an update, not a create.
        let mut j = update("jane@example.com");
        j.phone = Some("+1 555 0100".into());
        assert_eq!(hs.upsert_contact(&j).await.unwrap().action, "updated");
        assert_eq!(count(&sb, "POST", "/contacts", 409), 0);
    }

    #[tokio::test]
    async fn a_create_race_is_resolved_by_the_existing_id() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        // What upsert does after a search that missed a record (another writer, or the search
        // index lagging): the create meets a 409 naming the record, which is then updated.
        let hs = HubSpot { account: account(&sb, demo::HUBSPOT_ACCESS_TOKEN, Settings::default()) };
        let mut u = update("jane@example.com");
        u.orders_count = Some(7);
        let r = hs.create(&desired(&u)).await.unwrap();
        assert_eq!((r.action.as_str(), r.source.id.as_str()), ("updated", "151"));
        assert_eq!(count(&sb, "POST", "/contacts", 409), 1);
        assert_eq!(count(&sb, "PATCH", "/contacts/151", 200), 1);
        assert_eq!(stored(&sb, "jane@example.com").await["properties"]["shopdesk_orders_count"], "7");
    }

    #[tokio::test]
    async fn a_missing_custom_property_says_how_to_create_it() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let hs = HubSpot { account: account(&sb, demo::HUBSPOT_ACCESS_TOKEN, Settings::default()) };
        let mut want = desired(&update("jane@example.com"));
        want.insert("shopdesk_loyalty_tier", "gold".into());
        let e = hs.patch("151", &want).await.unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message.contains("`shopdesk_loyalty_tier`") && e.message.contains("correlation id"),
            "{}",
            e.message
        );
        assert!(e.hint.as_deref().unwrap().contains("Contact properties"), "{:?}", e.hint);
    }

    #[tokio::test]
    async fn errors_are_mapped() {
        let sb = Sandbox::start(Options::default()).await.unwrap();
        let bad = adapter(&sb, "pat-na1-wrong-token-0000");
        let e = bad.find_contact("jane@example.com").await.unwrap_err();
        assert_eq!(e.exit_code(), 4);
        assert!(
            e.message.contains("INVALID_AUTHENTICATION") && e.message.contains("correlation id"),
            "{}",
            e.message
        );
        assert!(e.hint.as_deref().unwrap().contains("shopdesk auth login hs"), "{:?}", e.hint);
        assert!(!e.message.contains("wrong-token"), "the token is never quoted");
        assert_eq!(bad.probe().await.unwrap_err().exit_code(), 4);
    }

    #[tokio::test]
    async fn pacing_keeps_under_the_limits() {
        let quota = QuotaSpec { quota: 3, window: Duration::from_millis(300) };
        let sb = Sandbox::start(Options { hubspot_quota: quota, ..Options::default() }).await.unwrap();
        let hs = adapter(&sb, demo::HUBSPOT_ACCESS_TOKEN);
        for _ in 0..8 {
            hs.probe().await.unwrap();
        }
        // 8 searches in a row: more than the 5 per second search allows without pacing.
        for _ in 0..8 {
            hs.find_contact("jane@example.com").await.unwrap();
        }
        let throttled = sb.requests().iter().filter(|r| r.status == Some(429)).count();
        assert_eq!(throttled, 0, "paced instead of throttled: {:?}", sb.requests());
        assert_eq!(count(&sb, "GET", "/contacts", 200), 8);
    }
}
