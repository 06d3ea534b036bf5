//! Stripe: PaymentIntents, Charges and Refunds over the v1 REST API.
//!
//! Facts this file is built on (`shared/reference/services.md` §1, `specs/stripe/spec3-2023-08.yaml`):
//! - One host for test and live money; the **key decides**: `sk_test_…`/`rk_test_…` move test
//!   money, `sk_live_…`/`rk_live_…` live money, so a live key makes the gateway production
//!   (`payment refund` then needs `--live`). Sent as `Authorization: Bearer <key>`.
//! - Request bodies are **form-encoded** with bracket notation (`metadata[order_id]=1001`), not
//!   JSON; amounts are **integers in minor units** with the currency's ISO exponent (USD 1099 =
//!   10.99, JPY 1200 = 1200, KWD 1234 = 1.234); currencies are lower case.
//! - Every request pins `Stripe-Version` ([`DEFAULT_VERSION`], or `api_version` in the profile)
//!   so a change of the account's default version cannot change the shapes read here.
//! - `POST /v1/refunds` carries `Idempotency-Key`: Stripe saves the first answer and replays it
//!   (header `Idempotent-Replayed: true`) for the same key and parameters; the same key with
//!   different parameters is an `idempotency_error`, mapped to a conflict (exit 6).
//! - A PaymentIntent's refunded amount lives on its charge: it is read with
//!   `expand[]=latest_charge`. Reads bypass the response cache: a refund decision must never
//!   rest on a stale refundable amount.
//! - Errors are `{"error":{"type","code","message","param"}}`.
//! - Webhook endpoints (§1 "Webhook endpoints API"): `POST /v1/webhook_endpoints` with `url`,
//!   `enabled_events[]` and `api_version` (pinned to the same version, so event payloads have
//!   the shapes this file reads), answered with the endpoint and its signing `secret`
//!   (`whsec_…`), which Stripe returns on creation only [U]: it is handed back as a
//!   [`Secret`] for the command to store and is never logged (the log masks `secret`). The
//!   create carries a fresh `Idempotency-Key`, so the transport may resend it after a lost
//!   answer without making a second endpoint. `GET` lists (cursor `starting_after`), `DELETE
//!   /v1/webhook_endpoints/{id}` removes.

use super::{Gateway, Info, NewEndpoint, Payments, secret};
use crate::config::GatewayConfig;
use crate::domain::{Currency, Money, Payment, PaymentRefund, RefundRequest, WebhookSubscription};
use crate::error::{Error, Kind, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Body, FormField, Request, Response, VendorHooks};
use async_trait::async_trait;
use reqwest::header::{HeaderName, HeaderValue};
use serde::Deserialize;
use std::collections::HashMap;

/// The API version shopdesk is written against and pins on every request.
pub const DEFAULT_VERSION: &str = "2025-09-30.clover";

pub static INFO: Info = Info {
    name: "stripe",
    display: "Stripe",
    sandbox_url: None,
    live_url: "https://api.stripe.com",
    secret_fields: &["secret_key"],
    owns_id,
    auth,
    is_live,
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |gateway| Box::new(Stripe { gateway }),
};

fn owns_id(id: &str) -> bool {
    (id.starts_with("pi_") || id.starts_with("ch_"))
        && id.len() > 3
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn auth(name: &str, _: &GatewayConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    let key = secret(name, secrets, "secret_key")?;
    let k = key.expose();
    if !["sk_test_", "sk_live_", "rk_test_", "rk_live_"].iter().any(|p| k.starts_with(p)) {
        return Err(Error::auth(format!(
            "gateway {name}: the stored Stripe key is not a secret or restricted key (sk_…/rk_…)"
        ))
        .with_hint(format!(
            "store the secret key with `shopdesk auth login {name}` (publishable pk_… keys cannot refund)"
        )));
    }
    Ok(AuthScheme::Header { name: reqwest::header::AUTHORIZATION, prefix: "Bearer ", secret: key })
}

fn is_live(_: &GatewayConfig, secrets: &HashMap<&'static str, Secret>) -> bool {
    secrets
        .get("secret_key")
        .is_some_and(|k| k.expose().starts_with("sk_live_") || k.expose().starts_with("rk_live_"))
}

/// `{"error":{"message","type","code"}}` → `message [type/code]`.
pub fn error_message(_: reqwest::StatusCode, body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Wrapper {
        error: ApiError,
    }
    #[derive(Deserialize)]
    struct ApiError {
        message: Option<String>,
        #[serde(rename = "type")]
        kind: Option<String>,
        code: Option<String>,
    }
    let w: Wrapper = serde_json::from_slice(body).ok()?;
    let tag = [w.error.kind, w.error.code].into_iter().flatten().collect::<Vec<_>>().join("/");
    let msg = w.error.message.unwrap_or_default();
    Some(if tag.is_empty() { msg } else { format!("{msg} [{tag}]") })
}

// ---- DTOs (from the spec's payment_intent, charge, refund and list schemas) -------------------

#[derive(Debug, Deserialize)]
struct PaymentIntent {
    id: String,
    amount: i64,
    currency: String,
    status: String,
    #[serde(default)]
    latest_charge: Option<ChargeRef>,
    #[serde(default)]
    metadata: HashMap<String, String>,
    created: Option<i64>,
    #[serde(default)]
    livemode: bool,
}

/// `latest_charge` is an id, or the charge itself with `expand[]=latest_charge`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ChargeRef {
    Expanded(Box<Charge>),
    Id(serde::de::IgnoredAny),
}

#[derive(Debug, Deserialize)]
struct Charge {
    id: String,
    amount: i64,
    #[serde(default)]
    amount_captured: i64,
    #[serde(default)]
    amount_refunded: i64,
    currency: String,
    status: String,
    #[serde(default)]
    refunded: bool,
    #[serde(default)]
    metadata: HashMap<String, String>,
    created: Option<i64>,
    #[serde(default)]
    livemode: bool,
}

#[derive(Debug, Deserialize)]
struct Refund {
    id: String,
    amount: i64,
    currency: String,
    charge: Option<String>,
    payment_intent: Option<String>,
    reason: Option<String>,
    status: Option<String>,
    created: Option<i64>,
    #[serde(default)]
    metadata: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct List<T> {
    data: Vec<T>,
    #[serde(default)]
    has_more: bool,
}

// ---- mapping ----------------------------------------------------------------------------------

fn currency(c: &str) -> Result<Currency> {
    Currency::new(c).map_err(|e| Error::unavailable(format!("Stripe sent a bad currency: {e}")))
}

fn ts(secs: Option<i64>) -> Option<jiff::Timestamp> {
    secs.and_then(|s| jiff::Timestamp::from_second(s).ok())
}

fn order_ref(meta: &HashMap<String, String>) -> Option<String> {
    ["order_id", "order", "order_number"].iter().find_map(|k| meta.get(*k).cloned())
}

/// A payment answer (`what` is `payment_intents` or `charges`) decoded and mapped, as
/// `payment get` does it (public so `fuzz/` runs this code).
pub fn read_payment(gateway: &str, service: &str, what: &str, resp: &Response) -> Result<Payment> {
    if what == "payment_intents" {
        map_intent(gateway, resp.json(service)?)
    } else {
        map_charge(gateway, resp.json(service)?)
    }
}

/// A refund answer decoded and mapped, as `payment refund` does it (public for `fuzz/`).
pub fn read_refund(gateway: &str, service: &str, resp: &Response, replayed: bool) -> Result<PaymentRefund> {
    map_refund(gateway, resp.json(service)?, replayed)
}

/// What is left to refund: captured less refunded, never negative. Both come from the answer,
/// so a difference that does not fit an `i64` is refused as a bad answer instead of overflowing.
fn refundable(captured: i64, refunded: i64) -> Result<i64> {
    let left = captured.checked_sub(refunded).ok_or_else(|| {
        Error::unavailable(format!(
            "Stripe sent amounts no payment can have (captured {captured}, refunded {refunded} minor units)"
        ))
    })?;
    Ok(left.max(0))
}

fn map_intent(gateway: &str, pi: PaymentIntent) -> Result<Payment> {
    let cur = currency(&pi.currency)?;
    let (captured, refunded, charge_meta) = match &pi.latest_charge {
        Some(ChargeRef::Expanded(c)) => (c.amount_captured, c.amount_refunded, Some(&c.metadata)),
        _ => (if pi.status == "succeeded" { pi.amount } else { 0 }, 0, None),
    };
    let refundable = refundable(captured, refunded)?;
    Ok(Payment {
        refund_target: pi.id.clone(),
        id: pi.id,
        gateway: gateway.into(),
        kind: "payment_intent".into(),
        status: if refunded > 0 && refundable == 0 {
            "refunded".into()
        } else if refunded > 0 {
            "partially_refunded".into()
        } else {
            pi.status
        },
        amount: Money::from_minor(pi.amount, cur.clone()),
        refunded: Money::from_minor(refunded, cur.clone()),
        refundable: Money::from_minor(refundable, cur),
        order_ref: order_ref(&pi.metadata).or_else(|| charge_meta.and_then(order_ref)),
        live: pi.livemode,
        created_at: ts(pi.created),
    })
}

fn map_charge(gateway: &str, c: Charge) -> Result<Payment> {
    let cur = currency(&c.currency)?;
    let refundable = refundable(c.amount_captured, c.amount_refunded)?;
    Ok(Payment {
        refund_target: c.id.clone(),
        id: c.id,
        gateway: gateway.into(),
        kind: "charge".into(),
        status: if c.refunded {
            "refunded".into()
        } else if c.amount_refunded > 0 {
            "partially_refunded".into()
        } else {
            c.status
        },
        amount: Money::from_minor(c.amount, cur.clone()),
        refunded: Money::from_minor(c.amount_refunded, cur.clone()),
        refundable: Money::from_minor(refundable, cur),
        order_ref: order_ref(&c.metadata),
        live: c.livemode,
        created_at: ts(c.created),
    })
}

fn map_refund(gateway: &str, r: Refund, replayed: bool) -> Result<PaymentRefund> {
    let cur = currency(&r.currency)?;
    Ok(PaymentRefund {
        payment_id: r.payment_intent.or(r.charge).unwrap_or_default(),
        id: r.id,
        gateway: gateway.into(),
        amount: Money::from_minor(r.amount, cur),
        status: r.status.unwrap_or_else(|| "pending".into()),
        reason: r.reason,
        order_ref: order_ref(&r.metadata),
        created_at: ts(r.created),
        replayed,
    })
}

// ---- the adapter ------------------------------------------------------------------------------

struct Stripe {
    gateway: Gateway,
}

impl Stripe {
    fn service(&self) -> String {
        self.gateway.client.name.clone()
    }

    fn version(&self) -> HeaderValue {
        let v = self.gateway.config.api_version.as_deref().unwrap_or(DEFAULT_VERSION);
        HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static(DEFAULT_VERSION))
    }

    /// A read that always goes to Stripe (never the response cache).
    fn get(&self, path: &str) -> Request {
        let mut r = Request::get(path).header(HeaderName::from_static("stripe-version"), self.version());
        r.cacheable = false;
        r
    }

    async fn send(&self, req: Request) -> Result<Response> {
        self.gateway.client.send(req).await
    }

    fn kind_of(id: &str) -> Result<&'static str> {
        if id.starts_with("pi_") {
            Ok("payment_intents")
        } else if id.starts_with("ch_") {
            Ok("charges")
        } else {
            Err(Error::usage(format!("`{id}` is not a Stripe PaymentIntent (pi_…) or Charge (ch_…) id"))
                .with_hint("copy the id from the Stripe dashboard, e.g. pi_3Pgafy…"))
        }
    }

    fn not_found(&self, id: &str, e: Error) -> Error {
        if e.kind == Kind::NotFound {
            Error::not_found(format!("gateway {}: no payment {id}", self.gateway.name)).with_hint(
                "check the id, and that the key belongs to the right Stripe account and mode (test/live)",
            )
        } else {
            e
        }
    }
}

#[async_trait]
impl Payments for Stripe {
    fn info(&self) -> &'static Info {
        &INFO
    }
    fn gateway(&self) -> &Gateway {
        &self.gateway
    }

    async fn payment(&self, id: &str) -> Result<Payment> {
        let what = Self::kind_of(id)?;
        let mut req = self.get(&format!("v1/{what}/{id}"));
        if what == "payment_intents" {
            req = req.query("expand[]", "latest_charge");
        }
        let resp = self.send(req).await.map_err(|e| self.not_found(id, e))?;
        read_payment(&self.gateway.name, &self.service(), what, &resp)
    }

    /// `GET /v1/payment_intents/search?query=metadata['order_id']:'N'` — the metadata key
    /// shopdesk's own refunds and the usual Shopify/WooCommerce Stripe plugins set [U for the
    /// plugins]. Search is eventually consistent (a minute behind, per Stripe's docs) [U].
    async fn payments_for_order(&self, order: &str) -> Result<Vec<Payment>> {
        let n = order.trim_start_matches('#').replace(['\'', '\\'], "");
        let req = self
            .get("v1/payment_intents/search")
            .query("query", format!("metadata['order_id']:'{n}'"))
            .query("expand[]", "data.latest_charge");
        let list: List<PaymentIntent> = self.send(req).await?.json(&self.service())?;
        list.data.into_iter().map(|pi| map_intent(&self.gateway.name, pi)).collect()
    }

    async fn refund(&self, id: &str, r: &RefundRequest) -> Result<PaymentRefund> {
        let target = if Self::kind_of(id)? == "payment_intents" { "payment_intent" } else { "charge" };
        let mut fields = vec![(target, FormField::Plain(id.to_string()))];
        if let Some(m) = &r.amount {
            let minor = m.to_minor().map_err(|e| {
                Error::usage(format!("refund amount: {e}")).with_hint(format!(
                    "{} has {} decimal places",
                    m.currency,
                    m.currency.exponent()
                ))
            })?;
            fields.push(("amount", FormField::Plain(minor.to_string())));
        }
        if let Some(reason) = r.reason {
            fields.push(("reason", FormField::Plain(reason.as_str().into())));
        }
        if let Some(o) = &r.order_ref {
            fields.push(("metadata[order_id]", FormField::Plain(o.clone())));
        }
        let mut req = Request::post("v1/refunds")
            .header(HeaderName::from_static("stripe-version"), self.version())
            .idempotency_key(HeaderName::from_static("idempotency-key"), &r.idempotency_key);
        req.body = Body::Form(fields);
        let resp = self.send(req).await.map_err(|e| {
            if e.message.contains("idempotency_error") {
                Error::conflict(format!(
                    "gateway {}: idempotency key `{}` was already used for a different refund: {}",
                    self.gateway.name, r.idempotency_key, e.message
                ))
                .with_hint(
                    "the earlier request stands; to refund again on purpose pass a new --idempotency-key",
                )
            } else {
                self.not_found(id, e)
            }
        })?;
        let replayed = resp.header("idempotent-replayed").is_some_and(|v| v.eq_ignore_ascii_case("true"));
        read_refund(&self.gateway.name, &self.service(), &resp, replayed)
    }

    async fn refunds(&self, id: &str) -> Result<Vec<PaymentRefund>> {
        let target = if Self::kind_of(id)? == "payment_intents" { "payment_intent" } else { "charge" };
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut req = self.get("v1/refunds").query(target, id).query("limit", "100");
            if let Some(a) = &after {
                req = req.query("starting_after", a.clone());
            }
            let page: List<Refund> =
                self.send(req).await.map_err(|e| self.not_found(id, e))?.json(&self.service())?;
            after = page.data.last().map(|r| r.id.clone());
            for r in page.data {
                out.push(map_refund(&self.gateway.name, r, false)?);
            }
            if !page.has_more || after.is_none() {
                break;
            }
        }
        // Stripe lists newest first.
        out.reverse();
        Ok(out)
    }

    async fn probe(&self) -> Result<String> {
        let resp = self.send(self.get("v1/refunds").query("limit", "1")).await?;
        let _: List<serde_json::Value> = resp.json(&self.service())?;
        Ok(format!("key accepted ({} mode)", if self.gateway.live { "live" } else { "test" }))
    }

    async fn webhooks(&self) -> Result<Vec<WebhookSubscription>> {
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut req = self.get("v1/webhook_endpoints").query("limit", "100");
            if let Some(a) = &after {
                req = req.query("starting_after", a.clone());
            }
            let page: List<Endpoint> = self.send(req).await?.json(&self.service())?;
            after = page.data.last().map(|e| e.id.clone());
            for e in page.data {
                out.extend(e.rows(&self.gateway.name));
            }
            if !page.has_more || after.is_none() {
                return Ok(out);
            }
        }
    }

    async fn webhook_create(&self, events: &[String], url: &str) -> Result<NewEndpoint> {
        let mut fields = vec![("url", FormField::Plain(url.to_string()))];
        fields.extend(events.iter().map(|e| ("enabled_events[]", FormField::Plain(e.clone()))));
        let version = self.version();
        fields
            .push(("api_version", FormField::Plain(version.to_str().unwrap_or(DEFAULT_VERSION).to_string())));
        let key = format!("shopdesk-webhook-{:032x}", rand::random::<u128>());
        let mut req = Request::post("v1/webhook_endpoints")
            .header(HeaderName::from_static("stripe-version"), version)
            .idempotency_key(HeaderName::from_static("idempotency-key"), &key)
            .sensitive_response();
        req.body = Body::Form(fields);
        let mut e: Endpoint = self.send(req).await?.json(&self.service())?;
        let secret = e.secret.take().map(Secret::new);
        Ok(NewEndpoint { rows: e.rows(&self.gateway.name), secret })
    }

    async fn webhook_delete(&self, id: &str) -> Result<()> {
        if !id.starts_with("we_") {
            return Err(Error::usage(format!("`{id}` is not a Stripe webhook endpoint id (we_…)"))
                .with_hint("`shopdesk webhook list --gateway NAME` shows the ids"));
        }
        let req = Request::new(reqwest::Method::DELETE, &format!("v1/webhook_endpoints/{id}"))
            .header(HeaderName::from_static("stripe-version"), self.version());
        self.send(req).await.map(|_| ())
    }
}

/// A webhook endpoint (`we_…`); `secret` only in the answer to its creation.
#[derive(Deserialize)]
struct Endpoint {
    id: String,
    url: String,
    #[serde(default)]
    enabled_events: Vec<String>,
    status: Option<String>,
    created: Option<i64>,
    secret: Option<String>,
}

impl Endpoint {
    fn rows(&self, gateway: &str) -> Vec<WebhookSubscription> {
        self.enabled_events
            .iter()
            .map(|ev| WebhookSubscription {
                id: self.id.clone(),
                source: gateway.to_string(),
                topic: ev.clone(),
                vendor_topic: ev.clone(),
                url: self.url.clone(),
                active: self.status.as_deref() != Some("disabled"),
                created_at: ts(self.created),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_an_expanded_intent_in_minor_units() {
        let pi: PaymentIntent = serde_json::from_str(
            r#"{"id":"pi_1","object":"payment_intent","amount":1099,"currency":"usd","status":"succeeded",
               "latest_charge":{"id":"ch_1","amount":1099,"amount_captured":1099,"amount_refunded":500,
               "currency":"usd","status":"succeeded","refunded":false,"payment_intent":"pi_1","metadata":{}},
               "metadata":{"order_id":"1001"},"created":1721900000,"livemode":false}"#,
        )
        .unwrap();
        let p = map_intent("stripe", pi).unwrap();
        assert_eq!(p.amount.to_string(), "10.99 USD");
        assert_eq!(p.refunded.to_string(), "5.00 USD");
        assert_eq!(p.refundable.to_string(), "5.99 USD");
        assert_eq!(p.status, "partially_refunded");
        assert_eq!(p.order_ref.as_deref(), Some("1001"));
    }

    #[test]
    fn amounts_whose_difference_overflows_are_a_bad_answer_not_a_panic() {
        let c: Charge = serde_json::from_str(
            r#"{"id":"ch_o","amount":1,"amount_captured":-9223372036854775808,"amount_refunded":1,"currency":"usd","status":"succeeded"}"#,
        )
        .unwrap();
        let err = map_charge("stripe", c).unwrap_err().to_string();
        assert!(err.contains("captured -9223372036854775808, refunded 1"), "{err}");
        let pi: PaymentIntent = serde_json::from_str(
            r#"{"id":"pi_o","amount":1,"currency":"usd","status":"succeeded",
               "latest_charge":{"id":"ch_o","amount":1,"amount_captured":9223372036854775807,"amount_refunded":-1,
               "currency":"usd","status":"succeeded"}}"#,
        )
        .unwrap();
        assert!(map_intent("stripe", pi).is_err());
    }

    #[test]
    fn zero_and_three_decimal_currencies() {
        let c: Charge = serde_json::from_str(
            r#"{"id":"ch_j","amount":1200,"amount_captured":1200,"amount_refunded":0,"currency":"jpy","status":"succeeded"}"#,
        )
        .unwrap();
        assert_eq!(map_charge("stripe", c).unwrap().refundable.to_string(), "1200 JPY");
        let r: Refund = serde_json::from_str(
            r#"{"id":"re_k","amount":1234,"currency":"kwd","charge":"ch_k","payment_intent":null,"reason":"duplicate","status":"succeeded","created":1}"#,
        )
        .unwrap();
        let m = map_refund("stripe", r, true).unwrap();
        assert_eq!(m.amount.to_string(), "1.234 KWD");
        assert_eq!(m.payment_id, "ch_k");
        assert!(m.replayed);
    }

    #[test]
    fn error_bodies_name_type_and_code() {
        let b = br#"{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters they were first used with."}}"#;
        let m = error_message(reqwest::StatusCode::BAD_REQUEST, b).unwrap();
        assert!(m.ends_with("[idempotency_error]"), "{m}");
        let b = br#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such payment_intent: 'pi_x'"}}"#;
        assert!(error_message(reqwest::StatusCode::NOT_FOUND, b).unwrap().contains("resource_missing"));
    }

    #[test]
    fn keys_decide_live_mode() {
        let mut s = HashMap::new();
        s.insert("secret_key", Secret::new("sk_test_abc"));
        assert!(!is_live(&GatewayConfig::default(), &s));
        assert!(auth("stripe", &GatewayConfig::default(), &s).is_ok());
        s.insert("secret_key", Secret::new("rk_live_abc"));
        assert!(is_live(&GatewayConfig::default(), &s));
        s.insert("secret_key", Secret::new("pk_test_abc"));
        assert_eq!(auth("stripe", &GatewayConfig::default(), &s).err().unwrap().exit_code(), 4);
    }
}
