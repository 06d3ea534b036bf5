//! Webhook subscriptions on a store or gateway, vendor-neutral.
//!
//! A subscription says "deliver events of this kind to this URL". Stores (Shopify, WooCommerce,
//! BigCommerce) hold one topic per subscription; gateways (Stripe, PayPal) hold several event
//! types per endpoint, which the adapters report as one [`WebhookSubscription`] per event type,
//! all with the endpoint's id. The signing secret is never part of this type: it goes to the
//! credentials store (`webhook_secret`) and nowhere else.

use serde::{Deserialize, Serialize};

/// One subscription (or one event type of a gateway endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookSubscription {
    /// The vendor's id (what `webhook delete` takes).
    pub id: String,
    /// The store or gateway name in the profile.
    pub source: String,
    /// The portable topic (`order.created`, …) when the vendor topic maps to one, else the
    /// vendor topic.
    pub topic: String,
    /// The vendor's own name for it (`ORDERS_CREATE`, `store/order/created`, `refund.created`).
    pub vendor_topic: String,
    pub url: String,
    pub active: bool,
    pub created_at: Option<jiff::Timestamp>,
}
