//! The ONE table of webhook topics: portable names → each vendor's own, and how each vendor signs.
//!
//! Portable topics are what a script can use on every store: `order.created`, `order.updated`,
//! `fulfillment.created`, `refund.created`, `customer.created`. A vendor without one of them
//! says so (exit 2) and names what it offers instead; a topic in the vendor's own syntax that is
//! not in the table (`ORDERS_PAID`, `store/order/archived`, `charge.refunded`) is passed through
//! verbatim, so nothing the vendor offers is out of reach.
//!
//! Facts (shared/reference):
//! - Shopify (platforms.md §1.3, and the `WebhookSubscriptionTopic` enum of the 2026-10 schema in
//!   `specs/shopify`): `ORDERS_CREATE`, `ORDERS_UPDATED`, `FULFILLMENTS_CREATE`, `REFUNDS_CREATE`,
//!   `CUSTOMERS_CREATE`; REST spellings `orders/create` are the same names lower-cased with `/`.
//!   Deliveries are signed with the app's client secret (§1.8).
//! - WooCommerce (§2.3): `order.created`, `order.updated`, `customer.created`; **no refund or
//!   fulfillment topic** (refunds fire `order.updated`; a custom `action.<wp_hook>` topic such as
//!   `action.woocommerce_order_refunded` passes through). Signed with the secret given at
//!   creation (§2.8).
//! - BigCommerce (§4.2 scopes [B9]): `store/order/created`, `store/order/updated`,
//!   `store/shipment/created`, `store/order/refund/created`, `store/customer/created`. Signed with
//!   the app's client secret, Standard Webhooks (§4.7).
//! - Stripe (services.md §1): `refund.created` (listed in the facts); `customer.created` [U]
//!   (a long-standing Stripe event type, not in the facts). Stripe has no orders or
//!   fulfillments. The endpoint's `whsec_…` secret is issued at creation.
//! - PayPal (services.md §2): `PAYMENT.CAPTURE.REFUNDED` for refunds; no order, fulfillment or
//!   customer topic is mapped ([U] which checkout events would fit). PayPal signs with its
//!   certificate; verification needs the webhook id.
//! - Magento Open Source has no webhooks (platforms.md §3.3): not in the table, so every
//!   webhook command refuses it before sending anything.

use crate::error::{Error, Result};

/// The portable topics, in the order help texts list them.
pub const PORTABLE: &[&str] =
    &["order.created", "order.updated", "fulfillment.created", "refund.created", "customer.created"];

/// How a vendor's deliveries are signed, which decides what `register` does with secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    /// With the app's client secret (Shopify, BigCommerce): nothing to generate or store.
    AppClientSecret,
    /// With a secret shopdesk gives at creation (WooCommerce): generated or taken, then stored.
    GivenAtCreation,
    /// With a secret the vendor issues at creation (Stripe): stored from the answer.
    IssuedAtCreation,
    /// With the vendor's certificate, verified through its API by webhook id (PayPal).
    VerifiedById,
}

/// One vendor's row of the table.
pub struct Vendor {
    /// The platform (`platform = "…"`) or gateway (`gateway = "…"`) name.
    pub name: &'static str,
    pub display: &'static str,
    /// Portable topic → the vendor's topic; `None` where the vendor has none.
    pub map: &'static [(&'static str, Option<&'static str>)],
    /// What to use where the vendor lacks a portable topic.
    pub instead: &'static str,
    /// Whether a string is in the vendor's own topic syntax (passed through verbatim).
    pub native: fn(&str) -> bool,
    /// An example of the vendor's own syntax, for messages.
    pub example: &'static str,
    pub signing: Signing,
}

fn upper_snake(s: &str) -> bool {
    !s.is_empty()
        && s.contains('_')
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn dotted(s: &str, upper: bool) -> bool {
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.chars().all(|c| {
                c == '_'
                    || c.is_ascii_digit()
                    || if upper { c.is_ascii_uppercase() } else { c.is_ascii_lowercase() }
            })
    };
    s.split('.').count() >= 2 && s.split('.').all(part_ok)
}

fn shopify_native(s: &str) -> bool {
    upper_snake(s)
        || (s.contains('/')
            && s.split('/').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_')))
}

pub static VENDORS: &[Vendor] = &[
    Vendor {
        name: "shopify",
        display: "Shopify",
        map: &[
            ("order.created", Some("ORDERS_CREATE")),
            ("order.updated", Some("ORDERS_UPDATED")),
            ("fulfillment.created", Some("FULFILLMENTS_CREATE")),
            ("refund.created", Some("REFUNDS_CREATE")),
            ("customer.created", Some("CUSTOMERS_CREATE")),
        ],
        instead: "",
        native: shopify_native,
        example: "ORDERS_PAID",
        signing: Signing::AppClientSecret,
    },
    Vendor {
        name: "woocommerce",
        display: "WooCommerce",
        map: &[
            ("order.created", Some("order.created")),
            ("order.updated", Some("order.updated")),
            ("fulfillment.created", None),
            ("refund.created", None),
            ("customer.created", Some("customer.created")),
        ],
        instead: "WooCommerce has no refund or fulfillment topic: refunds and status changes fire order.updated, and a custom hook topic such as action.woocommerce_order_refunded is passed through as given",
        native: |s| dotted(s, false),
        example: "order.deleted",
        signing: Signing::GivenAtCreation,
    },
    Vendor {
        name: "bigcommerce",
        display: "BigCommerce",
        map: &[
            ("order.created", Some("store/order/created")),
            ("order.updated", Some("store/order/updated")),
            ("fulfillment.created", Some("store/shipment/created")),
            ("refund.created", Some("store/order/refund/created")),
            ("customer.created", Some("store/customer/created")),
        ],
        instead: "",
        native: |s| s.starts_with("store/") && s.len() > "store/".len(),
        example: "store/order/statusUpdated",
        signing: Signing::AppClientSecret,
    },
    Vendor {
        name: "stripe",
        display: "Stripe",
        map: &[
            ("order.created", None),
            ("order.updated", None),
            ("fulfillment.created", None),
            ("refund.created", Some("refund.created")),
            ("customer.created", Some("customer.created")),
        ],
        instead: "Stripe has no orders or fulfillments: use its payment events, e.g. payment_intent.succeeded or charge.refunded (passed through as given)",
        native: |s| s == "*" || dotted(s, false),
        example: "charge.refunded",
        signing: Signing::IssuedAtCreation,
    },
    Vendor {
        name: "paypal",
        display: "PayPal",
        map: &[
            ("order.created", None),
            ("order.updated", None),
            ("fulfillment.created", None),
            ("refund.created", Some("PAYMENT.CAPTURE.REFUNDED")),
            ("customer.created", None),
        ],
        instead: "PayPal has no order, fulfillment or customer topic here: use its event types, e.g. PAYMENT.CAPTURE.COMPLETED (passed through as given)",
        native: |s| s == "*" || dotted(s, true),
        example: "PAYMENT.CAPTURE.COMPLETED",
        signing: Signing::VerifiedById,
    },
];

/// The table row of a platform or gateway; `None` for one without webhooks (Magento).
pub fn vendor(name: &str) -> Option<&'static Vendor> {
    VENDORS.iter().find(|v| v.name == name)
}

impl Vendor {
    /// The vendor topic for what the user typed: a portable topic through the table, or the
    /// vendor's own syntax verbatim (Shopify's REST spelling `orders/paid` becomes `ORDERS_PAID`).
    /// Anything else is a usage error naming what the vendor offers.
    pub fn resolve(&self, topic: &str) -> Result<String> {
        let t = topic.trim();
        if let Some((_, mapped)) = self.map.iter().find(|(p, _)| *p == t) {
            return mapped.map(str::to_string).ok_or_else(|| {
                Error::usage(format!("{} has no {t} topic; nothing was sent", self.display))
                    .with_hint(format!("{}; {}", self.offers(), self.instead))
            });
        }
        if (self.native)(t) {
            return Ok(if self.name == "shopify" {
                t.replace('/', "_").to_ascii_uppercase()
            } else {
                t.to_string()
            });
        }
        Err(Error::usage(format!(
            "`{t}` is neither a portable topic ({}) nor a {} topic; nothing was sent",
            PORTABLE.join(", "),
            self.display
        ))
        .with_hint(format!(
            "{}, or one of its own topics verbatim (e.g. {})",
            self.offers(),
            self.example
        )))
    }

    /// The portable topic a vendor topic stands for, else the vendor topic.
    pub fn portable(&self, vendor_topic: &str) -> String {
        self.map.iter().find(|(_, v)| *v == Some(vendor_topic)).map_or(vendor_topic, |(p, _)| *p).to_string()
    }

    /// "Shopify offers order.created (ORDERS_CREATE), …".
    fn offers(&self) -> String {
        let list: Vec<String> = self
            .map
            .iter()
            .filter_map(|(p, v)| v.map(|v| if *p == v { v.to_string() } else { format!("{p} ({v})") }))
            .collect();
        format!("{} offers {}", self.display, list.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vendor_maps_every_portable_topic_once() {
        for v in VENDORS {
            let keys: Vec<&str> = v.map.iter().map(|(p, _)| *p).collect();
            assert_eq!(keys, PORTABLE, "{}", v.name);
            for (_, t) in v.map {
                if let Some(t) = t {
                    assert!((v.native)(t), "{}: {t} must look like its own syntax", v.name);
                    assert_eq!(v.resolve(&v.portable(t)).unwrap(), *t);
                }
            }
            assert!(v.map.iter().all(|(_, t)| t.is_some()) || !v.instead.is_empty(), "{}", v.name);
        }
    }

    #[test]
    fn portable_topics_map_and_vendor_topics_pass_through() {
        let s = vendor("shopify").unwrap();
        assert_eq!(s.resolve("order.created").unwrap(), "ORDERS_CREATE");
        assert_eq!(s.resolve("ORDERS_PAID").unwrap(), "ORDERS_PAID");
        assert_eq!(s.resolve("orders/paid").unwrap(), "ORDERS_PAID");
        assert_eq!(s.portable("REFUNDS_CREATE"), "refund.created");
        assert_eq!(s.portable("ORDERS_PAID"), "ORDERS_PAID");
        let b = vendor("bigcommerce").unwrap();
        assert_eq!(b.resolve("fulfillment.created").unwrap(), "store/shipment/created");
        assert_eq!(b.resolve("store/order/archived").unwrap(), "store/order/archived");
        assert_eq!(vendor("paypal").unwrap().resolve("refund.created").unwrap(), "PAYMENT.CAPTURE.REFUNDED");
        assert_eq!(vendor("stripe").unwrap().resolve("charge.refunded").unwrap(), "charge.refunded");
        assert_eq!(
            vendor("woocommerce").unwrap().resolve("action.woocommerce_order_refunded").unwrap(),
            "action.woocommerce_order_refunded"
        );
    }

    #[test]
    fn a_missing_topic_names_what_the_vendor_offers() {
        let e = vendor("woocommerce").unwrap().resolve("refund.created").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("WooCommerce has no refund.created topic"), "{}", e.message);
        let hint = e.hint.unwrap();
        assert!(hint.contains("order.created") && hint.contains("order.updated"), "{hint}");
        let e = vendor("shopify").unwrap().resolve("order.paid!").unwrap_err();
        assert!(e.hint.unwrap().contains("order.created (ORDERS_CREATE)"));
        assert!(vendor("paypal").unwrap().resolve("order.created").is_err());
        assert!(vendor("stripe").unwrap().resolve("ORDERS_CREATE").is_err());
        assert!(vendor("magento").is_none());
    }
}
