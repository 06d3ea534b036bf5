//! CRM records: a contact as Salesforce or HubSpot holds it, and what `customer sync` writes.

use super::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a CRM record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrmSource {
    /// The CRM's name in the profile.
    pub crm: String,
    /// `salesforce` or `hubspot`.
    pub kind: String,
    /// The vendor's record id (Salesforce `003…`, HubSpot's numeric id).
    pub id: String,
    /// The record in the vendor's web UI or API, when known.
    pub url: Option<String>,
}

/// A person in a CRM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrmContact {
    pub source: CrmSource,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    /// Salesforce: the Account name; HubSpot: `company`.
    pub company: Option<String>,
    /// Lifecycle stage / lead status, as the CRM words it.
    pub stage: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// Other fields the CRM returned (strings as the vendor sent them).
    pub properties: BTreeMap<String, String>,
}

/// What `customer sync` writes to a CRM: the contact as the stores know it. `None` fields are
/// left as they are in the CRM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactUpdate {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    /// Orders across the profile's stores.
    pub orders_count: Option<u64>,
    /// Total spent, when every store agrees on one currency.
    pub total_spent: Option<Money>,
    /// The newest order's reference (`shop/1001`).
    pub last_order: Option<String>,
    pub last_order_at: Option<String>,
}

/// The outcome of an upsert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrmUpsert {
    pub source: CrmSource,
    /// `created`, `updated` or `unchanged`.
    pub action: String,
}
