//! Vendor-neutral domain types: what a support agent means by "an order", whatever store it is in.
//!
//! Adapters map their vendor DTOs into these types and nothing else leaves an adapter; commands
//! and output only ever see these. They serialize (serde) as the stable `--json` output, so
//! renaming a field is a breaking change (CHANGELOG).

mod analytics;
mod crm;
mod money;
mod order;
mod payment;
mod refund;
mod shipment;
mod webhook;

pub use analytics::*;
pub use crm::*;
pub use money::{Currency, Money, parse_decimal};
pub use order::*;
pub use payment::*;
pub use refund::*;
pub use shipment::*;
pub use webhook::*;
