//! Store refunds, vendor-neutral: what the user asks for ([`RefundSpec`]), what the store says
//! that would refund ([`RefundQuote`]), and the marker that lets a rerun find a refund it made.
//!
//! # Why a quote carries a plan
//! A store's quote (Shopify's `suggestedRefund`, BigCommerce's refund quote) decides things the
//! refund request must repeat exactly — the parent transaction and gateway, the refund method,
//! how tax was split. The adapter that quoted keeps what it will send in `plan`, opaque to
//! everyone else and never printed, so `refund_create` sends precisely what was shown and
//! confirmed instead of quoting a second time.

use super::{Currency, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One `--item SKU[:QTY]`: a line chosen by SKU (or line item id); no quantity means all of it
/// that is still refundable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPick {
    pub sku: String,
    pub quantity: Option<u32>,
}

impl ItemPick {
    /// Parse `SKU` or `SKU:QTY` (QTY ≥ 1).
    pub fn parse(s: &str) -> Result<ItemPick, String> {
        let t = s.trim();
        let (sku, qty) =
            match t.rsplit_once(':') {
                Some((sku, q)) => {
                    let n: u32 =
                        q.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                            format!("`{s}`: the quantity after `:` must be a whole number ≥ 1")
                        })?;
                    (sku.trim(), Some(n))
                }
                None => (t, None),
            };
        if sku.is_empty() || sku.chars().any(char::is_whitespace) {
            return Err(format!("`{s}` is not SKU or SKU:QTY"));
        }
        Ok(ItemPick { sku: sku.to_string(), quantity: qty })
    }
}

/// `--shipping [AMOUNT]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ShippingPick {
    #[default]
    None,
    /// All shipping still refundable.
    Full,
    Amount(Decimal),
}

/// What `shopdesk refund` asks a store to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RefundSpec {
    /// `--amount`: a refund of this much not tied to lines (an order-level adjustment). With
    /// neither an amount nor items nor shipping, the whole refundable balance is refunded.
    pub amount: Option<Decimal>,
    pub items: Vec<ItemPick>,
    pub shipping: ShippingPick,
    /// Put the refunded items back in stock.
    pub restock: bool,
    pub reason: Option<String>,
    /// Email the customer (where the store does).
    pub notify: bool,
    /// Record the refund on the order without moving money through the gateway (WooCommerce
    /// `api_refund: false`, a Magento offline credit memo, BigCommerce's offline method).
    pub record_only: bool,
}

impl RefundSpec {
    /// Everything still refundable: no amount, no items, no shipping.
    pub fn is_full(&self) -> bool {
        self.amount.is_none() && self.items.is_empty() && self.shipping == ShippingPick::None
    }
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub line_item_id: String,
    pub sku: Option<String>,
    pub title: String,
    pub quantity: u32,
    /// Before tax.
    pub subtotal: Money,
    pub tax: Money,
}

/// What a refund would be, as the store computes it (or as shopdesk computes it for stores
/// without a quote API). `total` never exceeds `refundable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundQuote {
    /// The store's name in the profile.
    pub store: String,
    pub platform: String,
    /// The vendor's order id and the human number.
    pub order_id: String,
    pub order_number: String,
    pub currency: Currency,
    pub lines: Vec<QuoteLine>,
    pub shipping: Money,
    /// Tax on the lines and shipping (already part of `total`).
    pub tax: Money,
    /// An amount not tied to lines (`--amount`).
    pub adjustment: Money,
    pub total: Money,
    /// Left to refund on the order before this refund.
    pub refundable: Money,
    /// Where the money goes back (`shopify_payments`, `stripe`, `checkmo`…), when the store says.
    pub gateway: Option<String>,
    /// Money moves through the gateway; `false`: recorded on the order only.
    pub online: bool,
    pub restock: bool,
    /// Adapter-private: exactly what `refund_create` sends. Never printed.
    #[serde(skip)]
    pub plan: serde_json::Value,
}

/// The text put on every refund shopdesk makes (note, reason, comment or metadata, whatever
/// the store keeps), so a later run can find the refund by its idempotency key even on stores
/// that have no server-side idempotency.
pub fn refund_marker(key: &str) -> String {
    format!("[shopdesk {key}]")
}

/// Append the marker to a reason: the text stored with the refund.
pub fn marked_reason(reason: Option<&str>, key: &str) -> String {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => format!("{r} {}", refund_marker(key)),
        None => refund_marker(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_picks() {
        assert_eq!(ItemPick::parse("TSHIRT-M").unwrap(), ItemPick { sku: "TSHIRT-M".into(), quantity: None });
        assert_eq!(ItemPick::parse(" A:B:2 ").unwrap(), ItemPick { sku: "A:B".into(), quantity: Some(2) });
        for bad in ["", ":2", "X:0", "X:-1", "X:a", "A B:1"] {
            assert!(ItemPick::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn markers_are_findable() {
        let r = marked_reason(Some("damaged "), "shopdesk-ab");
        assert_eq!(r, "damaged [shopdesk shopdesk-ab]");
        assert!(r.contains(&refund_marker("shopdesk-ab")));
        assert_eq!(marked_reason(None, "k"), "[shopdesk k]");
        assert!(!marked_reason(None, "k1").contains(&refund_marker("k")));
    }
}
