//! PayPal: Orders v2 and Payments v2 (not the deprecated v1 Payment/Sale API).
//!
//! Facts this file is built on (`shared/reference/services.md` §2, `specs/paypal/*.json`):
//! - Base URL by environment: `https://api-m.sandbox.paypal.com` (`environment = "sandbox"`, the
//!   default) or `https://api-m.paypal.com` (`"live"`, which makes the gateway production:
//!   `payment refund` then needs `--live`).
//! - OAuth2 client credentials: `POST /v1/oauth2/token` with HTTP Basic `client_id:secret` and
//!   `grant_type=client_credentials` ([`GrantStyle::BasicHeader`]); the transport's
//!   [`TokenSource`] caches the token until shortly before `expires_in` and renews it once after
//!   a 401.
//! - Money is a decimal *string* in major units inside `{"currency_code","value"}`.
//! - Ids: orders and captures are both 17 upper-case letters and digits, so the shape says
//!   "PayPal" but not which: a payment id is looked up as a capture first, then as an order (an
//!   order is refunded through its completed capture).
//! - Refund: `POST /v2/payments/captures/{id}/refund` (201) with `PayPal-Request-Id` (stored 45
//!   days by PayPal; a repeat returns the original result instead of refunding again) and
//!   `Prefer: return=representation`. There is no refund list per capture: the refunds are read
//!   from the capture's order (`purchase_units[].payments.refunds[]`).
//! - Errors: `{"name","message","debug_id","details":[{"issue","description"}]}`; a refund
//!   over the captured amount is 422 `REFUND_AMOUNT_EXCEEDED`.
//!
//! - Webhooks (§2 "Webhooks", `specs/paypal/notifications_webhooks_v1.json`): `POST
//!   /v1/notifications/webhooks` `{url, event_types: [{name}]}` → 201 with the webhook `id`,
//!   `GET` → `{webhooks: [...]}`, `DELETE /v1/notifications/webhooks/{id}` → 204. PayPal signs
//!   with its own certificate and has no shared secret: the receiver verifies through
//!   `verify-webhook-signature`, which needs the webhook `id` (stored by the command as the
//!   gateway's `webhook_id`). Webhooks carry no creation time or active flag.
//! - Verifying a delivery (§2 "Postback verification"): `POST
//!   /v1/notifications/verify-webhook-signature` with `auth_algo`, `cert_url`, `transmission_id`,
//!   `transmission_sig`, `transmission_time` (from the `PAYPAL-*` headers), `webhook_id` and
//!   `webhook_event` (the event, passed verbatim: re-serialising it can break the check [3P]) →
//!   `{"verification_status": "SUCCESS" | "FAILURE"}`.
//!
//! [U] a repeated `PayPal-Request-Id` is answered `200` (a new refund `201`); shopdesk reports a
//! 200 as a replay.

use super::{Gateway, Info, NewEndpoint, Payments, WebhookTransmission, secret};
use crate::config::GatewayConfig;
use crate::domain::{Currency, Money, Payment, PaymentRefund, RefundRequest, WebhookSubscription};
use crate::error::{Error, Kind, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Body, GrantStyle, Request, Response, TokenSource, VendorHooks};
use async_trait::async_trait;
use reqwest::header::{HeaderName, HeaderValue};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

pub static INFO: Info = Info {
    name: "paypal",
    display: "PayPal",
    sandbox_url: Some("https://api-m.sandbox.paypal.com"),
    live_url: "https://api-m.paypal.com",
    secret_fields: &["client_secret"],
    owns_id,
    auth,
    is_live: |cfg, _| cfg.environment.as_deref() == Some("live"),
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |gateway| Box::new(PayPal { gateway }),
};

/// The token endpoint, relative to the base URL.
pub const TOKEN_PATH: &str = "v1/oauth2/token";

fn owns_id(id: &str) -> bool {
    id.len() == 17 && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn auth(name: &str, cfg: &GatewayConfig, secrets: &HashMap<&'static str, Secret>) -> Result<AuthScheme> {
    let id = cfg.client_id.clone().ok_or_else(|| {
        Error::usage(format!("gateway {name}: PayPal needs client_id"))
            .with_hint(format!("add client_id = \"…\" under [payments.{name}] (the REST app's client id)"))
    })?;
    let source =
        TokenSource::new(TOKEN_PATH, id, secret(name, secrets, "client_secret")?, GrantStyle::BasicHeader);
    Ok(AuthScheme::Token {
        name: reqwest::header::AUTHORIZATION,
        prefix: "Bearer ",
        source: Arc::new(source),
    })
}

/// `{"name","message","details":[{"issue","description"}]}` (API) or
/// `{"error","error_description"}` (token endpoint) → one line.
pub fn error_message(_: reqwest::StatusCode, body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    if let Some(e) = v.get("error").and_then(|e| e.as_str()) {
        let d = v.get("error_description").and_then(|d| d.as_str()).unwrap_or_default();
        return Some(format!("{d} [{e}]"));
    }
    let name = v.get("name")?.as_str()?;
    let msg = v.get("message").and_then(|m| m.as_str()).unwrap_or_default();
    let issues: Vec<String> = v
        .get("details")
        .and_then(|d| d.as_array())
        .map(|d| {
            d.iter()
                .map(|x| {
                    let issue = x.get("issue").and_then(|i| i.as_str()).unwrap_or_default();
                    match x.get("description").and_then(|i| i.as_str()) {
                        Some(desc) => format!("{issue}: {desc}"),
                        None => issue.to_string(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Some(if issues.is_empty() {
        format!("{msg} [{name}]")
    } else {
        format!("{msg} [{name}] {}", issues.join("; "))
    })
}

// ---- DTOs -------------------------------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
struct Amount {
    currency_code: String,
    value: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize)]
struct Link {
    href: String,
    rel: String,
}

#[derive(Debug, Deserialize)]
struct Capture {
    id: String,
    status: String,
    amount: Amount,
    invoice_id: Option<String>,
    custom_id: Option<String>,
    create_time: Option<String>,
    supplementary_data: Option<Supplementary>,
}

#[derive(Debug, Deserialize)]
struct Supplementary {
    related_ids: Option<RelatedIds>,
}

#[derive(Debug, Deserialize)]
struct RelatedIds {
    order_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Refund {
    id: String,
    status: String,
    amount: Amount,
    invoice_id: Option<String>,
    custom_id: Option<String>,
    note_to_payer: Option<String>,
    create_time: Option<String>,
    #[serde(default)]
    links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
struct Order {
    id: String,
    status: String,
    #[serde(default)]
    purchase_units: Vec<PurchaseUnit>,
    create_time: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PurchaseUnit {
    amount: Option<Amount>,
    invoice_id: Option<String>,
    custom_id: Option<String>,
    payments: Option<UnitPayments>,
}

#[derive(Debug, Default, Deserialize)]
struct UnitPayments {
    #[serde(default)]
    captures: Vec<Capture>,
    #[serde(default)]
    refunds: Vec<Refund>,
}

// ---- mapping ----------------------------------------------------------------------------------

fn money(a: &Amount) -> Result<Money> {
    Money::parse(&a.value, &a.currency_code)
        .map_err(|e| Error::unavailable(format!("PayPal sent an unreadable amount: {e}")))
}

fn time(s: &Option<String>) -> Option<jiff::Timestamp> {
    s.as_deref().and_then(|t| t.parse().ok())
}

/// The capture a refund belongs to: its `up` link ends in `/captures/{id}`.
fn refund_capture(r: &Refund) -> Option<String> {
    r.links.iter().find(|l| l.rel == "up").and_then(|l| l.href.rsplit('/').next()).map(str::to_string)
}

fn counts(status: &str) -> bool {
    matches!(status, "COMPLETED" | "PENDING")
}

/// A refund answer for `capture` decoded and mapped, as `payment refund` does it (public so
/// `fuzz/` runs this code).
pub fn read_refund(
    gateway: &str,
    service: &str,
    resp: &Response,
    capture: &str,
    replayed: bool,
) -> Result<PaymentRefund> {
    map_refund(gateway, resp.json(service)?, Some(capture), replayed)
}

fn map_refund(gateway: &str, r: Refund, capture: Option<&str>, replayed: bool) -> Result<PaymentRefund> {
    Ok(PaymentRefund {
        payment_id: refund_capture(&r).or(capture.map(str::to_string)).unwrap_or_default(),
        amount: money(&r.amount)?,
        status: r.status.to_ascii_lowercase(),
        reason: r.note_to_payer.clone(),
        order_ref: r.invoice_id.clone().or(r.custom_id.clone()),
        created_at: time(&r.create_time),
        id: r.id,
        gateway: gateway.into(),
        replayed,
    })
}

/// A capture as a payment, given the refunds recorded against it.
fn capture_payment(
    gateway: &str,
    live: bool,
    c: &Capture,
    refunds: &[Refund],
    unit: Option<&PurchaseUnit>,
) -> Result<Payment> {
    let amount = money(&c.amount)?;
    // Decimal `+` and `-` panic past 7.9e28; the amounts are the answer's, so add up checked.
    let too_large =
        || Error::unavailable(format!("PayPal sent amounts for capture {} too large to add up", c.id));
    let refunded = refunds
        .iter()
        .filter(|r| counts(&r.status) && refund_capture(r).is_none_or(|id| id == c.id))
        .try_fold(Decimal::ZERO, |sum, r| sum.checked_add(money(&r.amount)?.amount).ok_or_else(too_large))?;
    let refundable = if matches!(c.status.as_str(), "COMPLETED" | "PARTIALLY_REFUNDED") {
        amount.amount.checked_sub(refunded).ok_or_else(too_large)?.max(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };
    Ok(Payment {
        id: c.id.clone(),
        gateway: gateway.into(),
        kind: "paypal_capture".into(),
        status: c.status.to_ascii_lowercase(),
        refunded: Money::new(refunded, amount.currency.clone()),
        refundable: Money::new(refundable, amount.currency.clone()),
        amount,
        refund_target: c.id.clone(),
        order_ref: c
            .invoice_id
            .clone()
            .or(c.custom_id.clone())
            .or_else(|| unit.and_then(|u| u.invoice_id.clone().or(u.custom_id.clone()))),
        live,
        created_at: time(&c.create_time),
    })
}

/// An order as a payment: its (first) completed capture is what gets refunded.
fn order_payment(gateway: &str, live: bool, o: Order) -> Result<Payment> {
    let unit = o.purchase_units.first();
    let pays = unit.and_then(|u| u.payments.as_ref());
    let capture =
        pays.and_then(|p| p.captures.iter().find(|c| c.status != "DECLINED" && c.status != "FAILED"));
    match capture {
        Some(c) => {
            let mut p = capture_payment(gateway, live, c, pays.map(|p| &p.refunds[..]).unwrap_or(&[]), unit)?;
            p.id = o.id.clone();
            p.kind = "paypal_order".into();
            p.created_at = time(&o.create_time).or(p.created_at);
            Ok(p)
        }
        None => {
            let amount = unit
                .and_then(|u| u.amount.as_ref())
                .map(money)
                .transpose()?
                .unwrap_or_else(|| Money::zero(Currency::new("USD").expect("USD is a currency")));
            Ok(Payment {
                id: o.id.clone(),
                gateway: gateway.into(),
                kind: "paypal_order".into(),
                status: o.status.to_ascii_lowercase(),
                refunded: Money::zero(amount.currency.clone()),
                refundable: Money::zero(amount.currency.clone()),
                amount,
                refund_target: o.id,
                order_ref: unit.and_then(|u| u.invoice_id.clone().or(u.custom_id.clone())),
                live,
                created_at: time(&o.create_time),
            })
        }
    }
}

// ---- the adapter ------------------------------------------------------------------------------

struct PayPal {
    gateway: Gateway,
}

impl PayPal {
    fn service(&self) -> String {
        self.gateway.client.name.clone()
    }

    fn get(&self, path: &str) -> Request {
        let mut r = Request::get(path);
        r.cacheable = false;
        r
    }

    async fn fetch<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.gateway.client.send(self.get(path)).await?.json(&self.service())
    }

    async fn capture(&self, id: &str) -> Result<Capture> {
        self.fetch(&format!("v2/payments/captures/{id}")).await
    }

    async fn order(&self, id: &str) -> Result<Order> {
        self.fetch(&format!("v2/checkout/orders/{id}")).await
    }

    /// The capture's order (for its refunds), when PayPal names it.
    async fn order_of(&self, c: &Capture) -> Result<Option<Order>> {
        match c
            .supplementary_data
            .as_ref()
            .and_then(|s| s.related_ids.as_ref())
            .and_then(|r| r.order_id.as_ref())
        {
            Some(o) => self.order(o).await.map(Some),
            None => Ok(None),
        }
    }

    fn not_found(&self, id: &str) -> Error {
        Error::not_found(format!("gateway {}: no PayPal order or capture {id}", self.gateway.name)).with_hint(
            "check the id, and the gateway's environment (sandbox or live) and client_id in the profile",
        )
    }
}

fn unit_of<'a>(o: &'a Order, capture: &str) -> Option<&'a PurchaseUnit> {
    o.purchase_units
        .iter()
        .find(|u| u.payments.as_ref().is_some_and(|p| p.captures.iter().any(|c| c.id == capture)))
}

#[async_trait]
impl Payments for PayPal {
    fn info(&self) -> &'static Info {
        &INFO
    }
    fn gateway(&self) -> &Gateway {
        &self.gateway
    }

    async fn payment(&self, id: &str) -> Result<Payment> {
        let (name, live) = (&self.gateway.name, self.gateway.live);
        match self.capture(id).await {
            Ok(c) => {
                let order = self.order_of(&c).await?;
                let unit = order.as_ref().and_then(|o| unit_of(o, &c.id));
                let refunds = unit.and_then(|u| u.payments.as_ref()).map(|p| &p.refunds[..]).unwrap_or(&[]);
                capture_payment(name, live, &c, refunds, unit)
            }
            Err(e) if e.kind == Kind::NotFound => match self.order(id).await {
                Ok(o) => order_payment(name, live, o),
                Err(e) if e.kind == Kind::NotFound => Err(self.not_found(id)),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    async fn refund(&self, capture: &str, r: &RefundRequest) -> Result<PaymentRefund> {
        let mut body = json!({});
        if let Some(m) = &r.amount {
            let exp = m.currency.exponent();
            let mut v = m.amount;
            if v.normalize().scale() > exp {
                return Err(Error::usage(format!(
                    "refund amount {v} has more decimals than {} allows",
                    m.currency
                )));
            }
            v.rescale(exp);
            body["amount"] = json!({"value": v.to_string(), "currency_code": m.currency.code()});
        }
        if let Some(o) = &r.order_ref {
            body["invoice_id"] = json!(o);
        }
        if let Some(reason) = r.reason {
            body["note_to_payer"] = json!(format!("Refund: {}", reason.as_str().replace('_', " ")));
        }
        let req = Request::post(&format!("v2/payments/captures/{capture}/refund"))
            .json(body)
            .header(HeaderName::from_static("prefer"), HeaderValue::from_static("return=representation"))
            .idempotency_key(HeaderName::from_static("paypal-request-id"), &r.idempotency_key);
        let resp: Response = self.gateway.client.send(req).await.map_err(|e| {
            if e.message.contains("PAYPAL_REQUEST_ID_PREVIOUSLY_USED")
                || e.message.contains("DUPLICATE_REQUEST_ID")
            {
                Error::conflict(format!(
                    "gateway {}: PayPal-Request-Id `{}` was already used for a different request: {}",
                    self.gateway.name, r.idempotency_key, e.message
                ))
                .with_hint(
                    "the earlier request stands; to refund again on purpose pass a new --idempotency-key",
                )
            } else if e.kind == Kind::NotFound {
                self.not_found(capture)
            } else {
                e
            }
        })?;
        let replayed = resp.status == reqwest::StatusCode::OK;
        read_refund(&self.gateway.name, &self.service(), &resp, capture, replayed)
    }

    async fn refunds(&self, id: &str) -> Result<Vec<PaymentRefund>> {
        let c = match self.capture(id).await {
            Ok(c) => c,
            Err(e) if e.kind == Kind::NotFound => return Err(self.not_found(id)),
            Err(e) => return Err(e),
        };
        let Some(order) = self.order_of(&c).await? else { return Ok(vec![]) };
        let mut out = Vec::new();
        for u in &order.purchase_units {
            for r in u.payments.iter().flat_map(|p| &p.refunds) {
                if refund_capture(r).is_none_or(|x| x == c.id) {
                    out.push(map_refund(&self.gateway.name, r.clone(), Some(&c.id), false)?);
                }
            }
        }
        Ok(out)
    }

    async fn probe(&self) -> Result<String> {
        // Obtaining a token proves the client id and secret; any read would do that.
        match self.capture("PROBE0000000000000").await {
            Ok(_) => {}
            Err(e) if e.kind == Kind::NotFound => {}
            Err(e) => return Err(e),
        }
        Ok(format!("client credentials accepted ({})", if self.gateway.live { "live" } else { "sandbox" }))
    }

    async fn webhooks(&self) -> Result<Vec<WebhookSubscription>> {
        #[derive(Deserialize)]
        struct List {
            #[serde(default)]
            webhooks: Vec<Webhook>,
        }
        let list: List = self.fetch("v1/notifications/webhooks").await?;
        Ok(list.webhooks.into_iter().flat_map(|w| w.rows(&self.gateway.name)).collect())
    }

    async fn webhook_create(&self, events: &[String], url: &str) -> Result<NewEndpoint> {
        let body = json!({
            "url": url,
            "event_types": events.iter().map(|e| json!({ "name": e })).collect::<Vec<_>>(),
        });
        let req = Request::post("v1/notifications/webhooks").json(body);
        let w: Webhook = self.gateway.client.send(req).await?.json(&self.service())?;
        Ok(NewEndpoint { rows: w.rows(&self.gateway.name), secret: None })
    }

    async fn webhook_delete(&self, id: &str) -> Result<()> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::usage(format!("`{id}` is not a PayPal webhook id"))
                .with_hint("`shopdesk webhook list --gateway NAME` shows the ids"));
        }
        let req = Request::new(reqwest::Method::DELETE, &format!("v1/notifications/webhooks/{id}"));
        self.gateway.client.send(req).await.map(|_| ())
    }

    async fn verify_webhook(&self, t: &WebhookTransmission<'_>) -> Result<bool> {
        #[derive(Deserialize)]
        struct Verdict {
            verification_status: String,
        }
        let mut req = Request::post("v1/notifications/verify-webhook-signature").retry_safe();
        req.body = Body::Raw { content_type: "application/json".into(), bytes: verify_body(t)?.into() };
        let v: Verdict = self.gateway.client.send(req).await?.json(&self.service())?;
        Ok(v.verification_status == "SUCCESS")
    }
}

/// The `verify-webhook-signature` request: the fields as JSON strings, the event as received.
pub fn verify_body(t: &WebhookTransmission<'_>) -> Result<Vec<u8>> {
    serde_json::from_slice::<serde::de::IgnoredAny>(t.event)
        .map_err(|e| Error::usage(format!("the PayPal delivery's body is not JSON: {e}")))?;
    let mut out = serde_json::to_vec(&json!({
        "auth_algo": t.auth_algo,
        "cert_url": t.cert_url,
        "transmission_id": t.transmission_id,
        "transmission_sig": t.transmission_sig,
        "transmission_time": t.transmission_time,
        "webhook_id": t.webhook_id,
    }))
    .map_err(|e| Error::general(format!("cannot encode the verification request: {e}")))?;
    out.pop(); // the closing brace
    out.extend_from_slice(b",\"webhook_event\":");
    out.extend_from_slice(t.event);
    out.push(b'}');
    Ok(out)
}

#[derive(Deserialize)]
struct Webhook {
    id: String,
    url: String,
    #[serde(default)]
    event_types: Vec<EventType>,
}

#[derive(Deserialize)]
struct EventType {
    name: String,
}

impl Webhook {
    fn rows(&self, gateway: &str) -> Vec<WebhookSubscription> {
        self.event_types
            .iter()
            .map(|e| WebhookSubscription {
                id: self.id.clone(),
                source: gateway.to_string(),
                topic: e.name.clone(),
                vendor_topic: e.name.clone(),
                url: self.url.clone(),
                active: true,
                created_at: None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &str = r#"{"id":"5O190127TN364715T","intent":"CAPTURE","status":"COMPLETED",
      "create_time":"2026-10-01T10:00:00Z",
      "purchase_units":[{"reference_id":"default","invoice_id":"1042",
        "amount":{"currency_code":"EUR","value":"100.00"},
        "payments":{"captures":[{"id":"3C679366HH908993F","status":"PARTIALLY_REFUNDED",
            "amount":{"currency_code":"EUR","value":"100.00"},"final_capture":true,
            "create_time":"2026-10-01T10:00:05Z"}],
          "refunds":[{"id":"1JU08902781691411","status":"COMPLETED","amount":{"currency_code":"EUR","value":"10.50"},
            "links":[{"href":"https://api-m.paypal.com/v2/payments/captures/3C679366HH908993F","rel":"up","method":"GET"}]},
            {"id":"1JU08902781691412","status":"FAILED","amount":{"currency_code":"EUR","value":"5.00"}}]}}]}"#;

    #[test]
    fn an_order_is_refunded_through_its_capture() {
        let o: Order = serde_json::from_str(ORDER).unwrap();
        let p = order_payment("paypal", false, o).unwrap();
        assert_eq!(p.kind, "paypal_order");
        assert_eq!(p.refund_target, "3C679366HH908993F");
        assert_eq!(p.amount.to_string(), "100.00 EUR");
        assert_eq!(p.refunded.to_string(), "10.50 EUR", "failed refunds do not count");
        assert_eq!(p.refundable.to_string(), "89.50 EUR");
        assert_eq!(p.order_ref.as_deref(), Some("1042"));
        assert_eq!(p.status, "partially_refunded");
    }

    #[test]
    fn amounts_too_large_to_add_up_are_a_bad_answer_not_a_panic() {
        let max = "79228162514264337593543950335";
        let refunds_overflow = ORDER.replace("10.50", max).replace(
            r#""FAILED","amount":{"currency_code":"EUR","value":"5.00""#,
            &format!(r#""COMPLETED","amount":{{"currency_code":"EUR","value":"{max}""#),
        );
        let err =
            order_payment("paypal", false, serde_json::from_str(&refunds_overflow).unwrap()).unwrap_err();
        assert!(err.to_string().contains("out of range"), "refused where it is read: {err}");
        let difference_overflows = ORDER.replace("100.00", &format!("-{max}")).replace("10.50", max);
        assert!(
            order_payment("paypal", false, serde_json::from_str(&difference_overflows).unwrap()).is_err()
        );
    }

    #[test]
    fn the_event_is_passed_on_verbatim() {
        let event = br#"{"id":"WH-1", "event_type":"PAYMENT.CAPTURE.REFUNDED","z":1.10}"#;
        let t = WebhookTransmission {
            webhook_id: "WID",
            transmission_id: "T1",
            transmission_time: "2026-01-01T00:00:00Z",
            transmission_sig: "c2ln",
            cert_url: "https://api.paypal.com/cert",
            auth_algo: "SHA256withRSA",
            event,
        };
        let body = String::from_utf8(verify_body(&t).unwrap()).unwrap();
        assert!(
            body.ends_with(&format!(",\"webhook_event\":{}}}", std::str::from_utf8(event).unwrap())),
            "{body}"
        );
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["webhook_id"], "WID");
        assert_eq!(v["webhook_event"]["event_type"], "PAYMENT.CAPTURE.REFUNDED");
        let bad = WebhookTransmission { event: b"not json", ..t };
        assert!(verify_body(&bad).is_err());
    }

    #[test]
    fn ids_and_errors() {
        assert!(owns_id("5O190127TN364715T") && owns_id("3C679366HH908993F"));
        assert!(!owns_id("pi_3PgafyB7WZ01zgk") && !owns_id("5o190127tn364715t") && !owns_id("123"));
        let b = br#"{"name":"UNPROCESSABLE_ENTITY","message":"The requested action could not be performed.","debug_id":"x",
          "details":[{"issue":"REFUND_AMOUNT_EXCEEDED","description":"The refund amount must be less than or equal to the capture amount that has not yet been refunded."}]}"#;
        let m = error_message(reqwest::StatusCode::UNPROCESSABLE_ENTITY, b).unwrap();
        assert!(m.contains("REFUND_AMOUNT_EXCEEDED") && m.contains("UNPROCESSABLE_ENTITY"), "{m}");
        let t = br#"{"error":"invalid_client","error_description":"Client Authentication failed"}"#;
        assert_eq!(
            error_message(reqwest::StatusCode::UNAUTHORIZED, t).unwrap(),
            "Client Authentication failed [invalid_client]"
        );
    }

    #[test]
    fn client_id_is_required_and_environment_decides_live() {
        let mut s = HashMap::new();
        s.insert("client_secret", Secret::new("x"));
        assert_eq!(auth("paypal", &GatewayConfig::default(), &s).err().unwrap().exit_code(), 2);
        let cfg = GatewayConfig {
            client_id: Some("id".into()),
            environment: Some("live".into()),
            ..Default::default()
        };
        assert!(auth("paypal", &cfg, &s).is_ok());
        assert!((INFO.is_live)(&cfg, &s));
        assert_eq!(INFO.base_url(&cfg).unwrap().as_str(), "https://api-m.paypal.com/");
        assert_eq!(
            INFO.base_url(&GatewayConfig::default()).unwrap().as_str(),
            "https://api-m.sandbox.paypal.com/"
        );
    }
}
