//! Vendor adapters, one family per kind of service, each behind a trait with one registry.
//!
//! A family's `mod.rs` defines the trait and a `REGISTRY` list of `Info` entries; adding a vendor
//! is one new file plus one line in that list. Everything that iterates over vendors (`--store`
//! validation, `test-connection`, completions, the contract suite) reads the registry, so there
//! is no enum or match arm to update elsewhere. Adapters own their vendor DTOs and map them into
//! `crate::domain` types; nothing vendor-shaped leaves an adapter.

pub mod analytics;
pub mod carriers;
pub mod commerce;
pub mod crm;
pub mod payments;
