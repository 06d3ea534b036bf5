//! Payment gateways (Stripe, PayPal): the [`Payments`] trait and the registry.
//!
//! The same shape as [`crate::adapters::commerce`]: one file per gateway with its DTOs, mapping
//! and an [`Info`] entry, one line per gateway in [`REGISTRY`]. Opening a gateway (secrets,
//! transport client) is shared with stores in [`crate::context::Ctx`]; what differs per gateway
//! is data in its `Info`: the secret fields, the default base URLs, how the credentials become an
//! [`AuthScheme`], which id shapes it owns, and the header that carries the idempotency key.
//!
//! Money safety lives in the command (`payment refund`: quote, confirmation, `--dry-run`,
//! idempotency key); adapters only carry the key to the vendor and report replays.

pub mod paypal;
pub mod stripe;

use crate::config::GatewayConfig;
use crate::domain::{Payment, PaymentRefund, RefundRequest, WebhookSubscription};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, VendorHooks};
use async_trait::async_trait;
use std::collections::HashMap;

/// Every gateway shopdesk speaks. One line per gateway.
pub static REGISTRY: &[&Info] = &[&stripe::INFO, &paypal::INFO];

/// A gateway's registry entry.
pub struct Info {
    /// The `gateway = "…"` value in the profile.
    pub name: &'static str,
    /// Human name for messages.
    pub display: &'static str,
    /// Base URL for test money (`None`: the same host, the key decides, as on Stripe).
    pub sandbox_url: Option<&'static str>,
    /// Base URL for live money.
    pub live_url: &'static str,
    /// Secret fields the gateway needs (stored under the gateway's name).
    pub secret_fields: &'static [&'static str],
    /// Whether an id the user typed looks like one of this gateway's.
    pub owns_id: fn(&str) -> bool,
    /// Build the auth scheme from the profile entry and the secrets.
    pub auth: fn(&str, &GatewayConfig, &HashMap<&'static str, Secret>) -> Result<AuthScheme>,
    /// Does this configuration move live money? (Stripe: a live key; PayPal: environment.)
    pub is_live: fn(&GatewayConfig, &HashMap<&'static str, Secret>) -> bool,
    pub hooks: VendorHooks,
    pub build: fn(Gateway) -> Box<dyn Payments>,
}

/// What an adapter is built from.
pub struct Gateway {
    /// The gateway's name in the profile.
    pub name: String,
    pub config: GatewayConfig,
    pub client: Client,
    /// Live money (see [`Info::is_live`]).
    pub live: bool,
}

impl Info {
    /// The base URL a profile entry resolves to: its `url`, else sandbox or live by environment.
    pub fn base_url(&self, cfg: &GatewayConfig) -> Result<url::Url> {
        if let Some(u) = &cfg.url {
            return Ok(u.clone());
        }
        let live = cfg.environment.as_deref() == Some("live");
        let u = if live { self.live_url } else { self.sandbox_url.unwrap_or(self.live_url) };
        u.parse().map_err(|e| Error::general(format!("{}: bad built-in URL {u}: {e}", self.display)))
    }
}

/// What every gateway adapter does.
#[async_trait]
pub trait Payments: Send + Sync {
    fn info(&self) -> &'static Info;
    fn gateway(&self) -> &Gateway;
    /// One payment with what is refunded and refundable. `NotFound` when it does not exist.
    async fn payment(&self, id: &str) -> Result<Payment>;
    /// Refund (part of) a payment, carrying the idempotency key to the vendor.
    async fn refund(&self, id: &str, req: &RefundRequest) -> Result<PaymentRefund>;
    /// The refunds of a payment, oldest first.
    async fn refunds(&self, id: &str) -> Result<Vec<PaymentRefund>>;
    /// The payments the gateway records for a store order number (newest first), for the
    /// merged `customer get` view. Gateways with no search by order say so (a usage error).
    async fn payments_for_order(&self, order: &str) -> Result<Vec<Payment>> {
        let _ = order;
        Err(Error::usage(format!("{} cannot list payments by order number", self.info().display))
            .with_hint("look a payment up by its id with `shopdesk payment get`"))
    }
    /// Reachability and credentials, for `test-connection`; a short description on success.
    async fn probe(&self) -> Result<String>;
    /// The webhook endpoints, one row per event type (rows of one endpoint share its id).
    async fn webhooks(&self) -> Result<Vec<WebhookSubscription>>;
    /// Create one endpoint for `events` (vendor event types) at `url`. Returns its rows and the
    /// signing secret when the vendor issues one (Stripe's `whsec_…`, shown only here).
    async fn webhook_create(&self, events: &[String], url: &str) -> Result<NewEndpoint>;
    /// Remove an endpoint by its id. `NotFound` when there is none.
    async fn webhook_delete(&self, id: &str) -> Result<()>;
    /// Ask the gateway whether a webhook delivery is genuine, for gateways that sign with no
    /// shared secret and verify through their API (PayPal). `Ok(false)`: the gateway says it
    /// is not. The others are checked with their signing secret by the receiver itself.
    async fn verify_webhook(&self, t: &WebhookTransmission<'_>) -> Result<bool> {
        let _ = t;
        Err(Error::usage(format!(
            "{} webhook deliveries are checked with a signing secret, not through its API",
            self.info().display
        )))
    }
}

/// A received webhook delivery as a gateway's verification API needs it (PayPal's
/// `verify-webhook-signature` fields, services.md §2).
pub struct WebhookTransmission<'a> {
    /// The id of the webhook (subscription) it was sent to.
    pub webhook_id: &'a str,
    pub transmission_id: &'a str,
    pub transmission_time: &'a str,
    pub transmission_sig: &'a str,
    pub cert_url: &'a str,
    pub auth_algo: &'a str,
    /// The body exactly as received (a JSON event): passed on verbatim, since re-serialising it
    /// can break the verification.
    pub event: &'a [u8],
}

/// What creating a gateway webhook endpoint returns.
pub struct NewEndpoint {
    pub rows: Vec<WebhookSubscription>,
    /// The signing secret the vendor issued, if it issues one.
    pub secret: Option<Secret>,
}

/// Find a gateway's entry.
pub fn info(gateway: &str) -> Option<&'static Info> {
    REGISTRY.iter().copied().find(|i| i.name == gateway)
}

/// Gateway names, for validation and help.
pub fn gateway_names() -> Vec<&'static str> {
    REGISTRY.iter().map(|i| i.name).collect()
}

/// The gateway an id belongs to, by its shape (`pi_…` → Stripe).
pub fn infer(id: &str) -> Option<&'static Info> {
    REGISTRY.iter().copied().find(|i| (i.owns_id)(id))
}

/// Fetch a named secret for an adapter's `auth` function.
pub fn secret(name: &str, secrets: &HashMap<&'static str, Secret>, field: &str) -> Result<Secret> {
    secrets
        .get(field)
        .cloned()
        .ok_or_else(|| Error::auth(format!("gateway {name}: secret `{field}` missing")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_infer_their_gateway() {
        assert_eq!(infer("pi_3PgafyB7WZ01zgkW1aBcDeF0").map(|i| i.name), Some("stripe"));
        assert_eq!(infer("ch_3PgafyB7WZ01zgkW0x9YzAbC").map(|i| i.name), Some("stripe"));
        assert_eq!(infer("5O190127TN364715T").map(|i| i.name), Some("paypal"));
        assert_eq!(infer("3C679366HH908993F").map(|i| i.name), Some("paypal"));
        assert!(infer("1001").is_none());
        assert!(infer("re_123").is_none());
    }

    #[test]
    fn registry_names_are_unique() {
        let mut n = gateway_names();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), REGISTRY.len());
    }
}
