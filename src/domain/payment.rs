//! Payments and refunds at a gateway (Stripe, PayPal), vendor-neutral.
//!
//! A [`Payment`] is whatever the gateway calls the money the customer paid: a Stripe
//! PaymentIntent or Charge, a PayPal order or capture. `refund_target` is the id refunds are made
//! against (the PaymentIntent itself on Stripe, the capture on PayPal), and `refundable` is what
//! is left to refund, so a quote never has to know the vendor.

use super::Money;
use serde::{Deserialize, Serialize};

/// Why a refund is made. Stripe's enum; PayPal has no reason field and gets it as the note to
/// the payer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum RefundReason {
    Duplicate,
    Fraudulent,
    RequestedByCustomer,
}

impl RefundReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundReason::Duplicate => "duplicate",
            RefundReason::Fraudulent => "fraudulent",
            RefundReason::RequestedByCustomer => "requested_by_customer",
        }
    }
}

/// A payment at a gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The id as the gateway shows it (`pi_…`, `ch_…`, a PayPal order or capture id).
    pub id: String,
    /// The gateway's name in the profile (`stripe`, `paypal`).
    pub gateway: String,
    /// `payment_intent`, `charge`, `paypal_order` or `paypal_capture`.
    pub kind: String,
    /// The gateway's own status, lower case (`succeeded`, `completed`, `partially_refunded`…).
    pub status: String,
    /// What was paid.
    pub amount: Money,
    /// Refunded so far.
    pub refunded: Money,
    /// Left to refund (0 when nothing was captured).
    pub refundable: Money,
    /// The id refunds are created against.
    pub refund_target: String,
    /// The store order this payment belongs to, when the gateway records it (metadata,
    /// `custom_id`/`invoice_id`).
    pub order_ref: Option<String>,
    /// Live money (a live key or PayPal's live environment), not test mode.
    pub live: bool,
    pub created_at: Option<jiff::Timestamp>,
}

/// A refund at a gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRefund {
    pub id: String,
    pub gateway: String,
    /// The payment (or capture) refunded.
    pub payment_id: String,
    pub amount: Money,
    /// The gateway's status, lower case (`succeeded`, `pending`, `completed`, `failed`…).
    pub status: String,
    pub reason: Option<String>,
    pub order_ref: Option<String>,
    pub created_at: Option<jiff::Timestamp>,
    /// The gateway answered with the result of an earlier request with the same idempotency
    /// key instead of refunding again.
    #[serde(default)]
    pub replayed: bool,
}

/// What `payment refund` asks a gateway to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    /// `None`: everything still refundable.
    pub amount: Option<Money>,
    pub reason: Option<RefundReason>,
    /// Recorded with the refund (Stripe metadata `order_id`, PayPal `invoice_id`).
    pub order_ref: Option<String>,
    /// Sent as `Idempotency-Key` / `PayPal-Request-Id`.
    pub idempotency_key: String,
}
