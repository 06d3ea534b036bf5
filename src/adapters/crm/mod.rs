//! CRMs (Salesforce, HubSpot): the [`Crm`] trait and the registry.
//!
//! The same shape as [`crate::adapters::carriers`]: one file per CRM with its DTOs, its mapping
//! into [`CrmContact`] and an [`Info`] entry; one line per CRM in [`REGISTRY`]. Opening a CRM
//! (secrets, transport client) is shared with stores, gateways and carriers in
//! [`crate::context::Ctx::open_crm`]. What differs per CRM is data in its `Info`: the host,
//! which secrets a configuration needs, and how they become an [`AuthScheme`].
//!
//! Contacts are looked up by email, the key every store shares; `customer sync` upserts by it.
//! Safety for writes (plan, confirmation, `--dry-run`, journal) lives in the command.

pub mod hubspot;
pub mod salesforce;

use crate::config::CrmConfig;
use crate::domain::{ContactUpdate, CrmContact, CrmUpsert};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, VendorHooks};
use async_trait::async_trait;
use std::collections::HashMap;

/// Every CRM shopdesk speaks. One line per CRM.
pub static REGISTRY: &[&Info] = &[&salesforce::INFO, &hubspot::INFO];

/// A CRM's registry entry.
pub struct Info {
    /// The `crm = "…"` value in the profile.
    pub name: &'static str,
    /// Human name for messages.
    pub display: &'static str,
    /// The base URL when the profile gives none (`None`: the profile must give `url`, as
    /// Salesforce's My Domain).
    pub default_url: Option<&'static str>,
    /// The secret fields this configuration needs (stored under the CRM's name).
    pub secret_fields: fn(&CrmConfig) -> &'static [&'static str],
    /// Build the auth scheme from the profile entry and the secrets.
    pub auth: fn(&str, &CrmConfig, &HashMap<&'static str, Secret>) -> Result<AuthScheme>,
    pub hooks: VendorHooks,
    pub build: fn(Account) -> Box<dyn Crm>,
}

/// What an adapter is built from.
pub struct Account {
    /// The CRM's name in the profile.
    pub name: String,
    pub config: CrmConfig,
    pub client: Client,
}

impl Info {
    /// The base URL a profile entry resolves to.
    pub fn base_url(&self, name: &str, cfg: &CrmConfig) -> Result<url::Url> {
        if let Some(u) = &cfg.url {
            return Ok(u.clone());
        }
        let u = self.default_url.ok_or_else(|| {
            Error::usage(format!("crm {name}: {} needs url", self.display)).with_hint(format!(
                "add url = \"https://…\" under [profiles.….crm.{name}] (see README, Customers)"
            ))
        })?;
        u.parse().map_err(|e| Error::general(format!("{}: bad built-in URL {u}: {e}", self.display)))
    }
}

/// What every CRM adapter does.
#[async_trait]
pub trait Crm: Send + Sync {
    fn info(&self) -> &'static Info;
    /// The contact with this email (the newest when the CRM holds several); `None` when none.
    async fn find_contact(&self, email: &str) -> Result<Option<CrmContact>>;
    /// Create the contact, or update the one with this email. Fields that are `None` are left
    /// as they are.
    async fn upsert_contact(&self, update: &ContactUpdate) -> Result<CrmUpsert>;
    /// Reachability and credentials, for `test-connection`; a short description on success
    /// (with the API usage the CRM reports, e.g. Salesforce's `Sforce-Limit-Info`).
    async fn probe(&self) -> Result<String>;
}

/// Find a CRM's entry.
pub fn info(crm: &str) -> Option<&'static Info> {
    REGISTRY.iter().copied().find(|i| i.name == crm)
}

/// CRM names, for validation and help.
pub fn crm_names() -> Vec<&'static str> {
    REGISTRY.iter().map(|i| i.name).collect()
}

/// Fetch a named secret for an adapter's `auth` function.
pub fn secret(name: &str, secrets: &HashMap<&'static str, Secret>, field: &str) -> Result<Secret> {
    secrets.get(field).cloned().ok_or_else(|| Error::auth(format!("crm {name}: secret `{field}` missing")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_unique() {
        let mut n = crm_names();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), REGISTRY.len());
    }
}
