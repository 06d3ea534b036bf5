//! Orders, line items, addresses, fulfillments and refunds: the neutral shapes.

use super::Money;
use serde::{Deserialize, Serialize};

/// Where a record came from: lets merged `--store all` output name each row's store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The store's name in the profile.
    pub store: String,
    /// The platform (`shopify`, `woocommerce`, …).
    pub platform: String,
    /// The vendor's own id for the record (e.g. `gid://shopify/Order/450789469`).
    pub platform_id: String,
}

/// Open, closed (archived) or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Open,
    Closed,
    Cancelled,
}

/// Payment state of an order, across platforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum FinancialStatus {
    Pending,
    Authorized,
    PartiallyPaid,
    Paid,
    PartiallyRefunded,
    Refunded,
    Voided,
    Expired,
    Unknown,
}

/// Shipping state of an order, across platforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum FulfillmentStatus {
    Unfulfilled,
    Partial,
    Fulfilled,
    Restocked,
    OnHold,
    NotRequired,
    Unknown,
}

macro_rules! display_as_serde {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let v = serde_json::to_value(self).map_err(|_| std::fmt::Error)?;
                f.write_str(v.as_str().unwrap_or_default())
            }
        }
    )*};
}
display_as_serde!(OrderStatus, FinancialStatus, FulfillmentStatus, ShipmentState);

/// A postal address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: Option<String>,
    pub company: Option<String>,
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub zip: Option<String>,
    pub country: Option<String>,
    pub phone: Option<String>,
}

impl Address {
    /// One line, for tables: `Bob Norman, Chestnut Street 92, Louisville KY 40202, US`.
    pub fn one_line(&self) -> String {
        let city = [self.city.as_deref(), self.province.as_deref(), self.zip.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.name.clone(),
            self.company.clone(),
            self.address1.clone(),
            self.address2.clone(),
            Some(city),
            self.country.clone(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// The customer as seen from an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRef {
    pub id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    pub id: String,
    pub sku: Option<String>,
    pub title: String,
    pub variant: Option<String>,
    pub quantity: u32,
    /// Quantity still refundable (after earlier refunds), when the vendor says.
    pub refundable_quantity: Option<u32>,
    pub unit_price: Money,
    pub total: Money,
}

/// Order-level totals. All in the order's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub subtotal: Money,
    pub shipping: Money,
    pub tax: Money,
    pub discounts: Money,
    pub total: Money,
    pub refunded: Money,
    pub outstanding: Money,
}

/// Shipment state of a fulfillment, normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentState {
    Pending,
    Open,
    Success,
    Cancelled,
    Failure,
    Unknown,
}

/// A parcel's tracking information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    pub carrier: Option<String>,
    pub number: Option<String>,
    pub url: Option<String>,
}

/// One item shipped in a fulfillment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FulfilledItem {
    pub line_item_id: String,
    pub sku: Option<String>,
    pub title: String,
    pub quantity: u32,
}

/// A shipment of some or all of an order's items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fulfillment {
    pub id: String,
    pub name: Option<String>,
    pub status: ShipmentState,
    /// The vendor's display status (e.g. `IN_TRANSIT`, `DELIVERED`), verbatim.
    pub display_status: Option<String>,
    pub created_at: Option<String>,
    pub delivered_at: Option<String>,
    pub estimated_delivery_at: Option<String>,
    pub tracking: Vec<Tracking>,
    pub items: Vec<FulfilledItem>,
}

/// A refunded line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundLine {
    pub line_item_id: String,
    pub title: String,
    pub quantity: u32,
    pub subtotal: Money,
}

/// A refund already made on an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub id: String,
    pub created_at: Option<String>,
    pub note: Option<String>,
    pub amount: Money,
    pub lines: Vec<RefundLine>,
}

/// A full order, as `order get` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub source: Source,
    /// The human order number (`#1001`).
    pub number: String,
    pub created_at: String,
    pub status: OrderStatus,
    pub financial_status: FinancialStatus,
    pub fulfillment_status: FulfillmentStatus,
    pub cancel_reason: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub customer: Option<CustomerRef>,
    pub currency: super::Currency,
    pub totals: Totals,
    pub line_items: Vec<LineItem>,
    pub shipping_address: Option<Address>,
    pub billing_address: Option<Address>,
    pub fulfillments: Vec<Fulfillment>,
    pub refunds: Vec<Refund>,
    pub note: Option<String>,
    pub tags: Vec<String>,
    pub gateways: Vec<String>,
}

/// One row of `order search`: enough to recognise the order, cheap to fetch in bulk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub source: Source,
    pub number: String,
    pub created_at: String,
    pub status: OrderStatus,
    pub financial_status: FinancialStatus,
    pub fulfillment_status: FulfillmentStatus,
    pub email: Option<String>,
    pub customer_name: Option<String>,
    pub total: Money,
    pub items: u32,
}

/// A note (comment) on an order. Shopify has one note per order; other stores keep a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: Option<String>,
    pub created_at: Option<String>,
    pub author: Option<String>,
    pub text: String,
    /// Visible to (and possibly emailed to) the customer.
    pub customer_visible: bool,
}

/// What `fulfillment create` asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFulfillment {
    pub tracking_number: String,
    pub carrier: Option<String>,
    pub tracking_url: Option<String>,
    /// Email the customer about the shipment.
    pub notify: bool,
}

/// A store customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub source: Source,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: Option<String>,
    pub orders_count: Option<u64>,
    pub total_spent: Option<Money>,
    pub default_address: Option<Address>,
}
