//! Webhook subscriptions the store and gateway emulators hold, in one registry shared by all of
//! them (each emulator renders its own vendor's JSON for them), and the delivery of signed
//! events to their addresses.
//!
//! Emulators register, list and remove subscriptions here from their vendor-shaped endpoints
//! (Shopify `webhookSubscriptionCreate`, WooCommerce `/webhooks`, BigCommerce `/v3/hooks`,
//! Stripe `/v1/webhook_endpoints`, PayPal `/v1/notifications/webhooks`).

use jiff::Timestamp;
use serde_json::Value as Json;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// One subscription, in neutral terms.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    /// The vendor's id for it (numeric or prefixed, as the vendor does it).
    pub id: String,
    /// `shopify`, `woocommerce`, `bigcommerce`, `stripe`, `paypal`.
    pub vendor: &'static str,
    /// The vendor's own topic names (Stripe/PayPal: several event types).
    pub topics: Vec<String>,
    pub address: String,
    /// The signing secret the vendor uses for this subscription (Shopify: the app's client
    /// secret; WooCommerce: the one given at creation; BigCommerce: the app's client secret;
    /// Stripe: the `whsec_…` it issued; PayPal: none, verified through its API).
    pub secret: Option<String>,
    pub active: bool,
    /// Consecutive failed deliveries.
    pub failures: u32,
    pub created_at: Timestamp,
    /// Vendor-specific fields the emulator keeps (name, headers, api_version, …).
    pub extra: Json,
}

#[derive(Default)]
pub(crate) struct Registry {
    subs: Mutex<Vec<Subscription>>,
    next: AtomicU64,
}

impl Registry {
    fn subs(&self) -> std::sync::MutexGuard<'_, Vec<Subscription>> {
        self.subs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new number for ids (1, 2, …), unique across vendors.
    pub(crate) fn next_number(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub(crate) fn add(&self, sub: Subscription) -> Subscription {
        self.subs().push(sub.clone());
        sub
    }

    /// A vendor's subscriptions, oldest first.
    pub(crate) fn list(&self, vendor: &str) -> Vec<Subscription> {
        self.subs().iter().filter(|s| s.vendor == vendor).cloned().collect()
    }

    pub(crate) fn get(&self, vendor: &str, id: &str) -> Option<Subscription> {
        self.subs().iter().find(|s| s.vendor == vendor && s.id == id).cloned()
    }

    /// Change one subscription in place; false when there is none.
    pub(crate) fn update(&self, vendor: &str, id: &str, f: impl FnOnce(&mut Subscription)) -> bool {
        match self.subs().iter_mut().find(|s| s.vendor == vendor && s.id == id) {
            Some(s) => {
                f(s);
                true
            }
            None => false,
        }
    }

    pub(crate) fn remove(&self, vendor: &str, id: &str) -> bool {
        let mut subs = self.subs();
        let before = subs.len();
        subs.retain(|s| !(s.vendor == vendor && s.id == id));
        subs.len() != before
    }
}
