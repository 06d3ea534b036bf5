//! Analytics services (Mixpanel, GA4): the [`Analytics`] trait and the registry.
//!
//! One file per service with its DTOs and an [`Info`] entry; one line per service in
//! [`REGISTRY`]. A service may use more than one host with different credentials (GA4: the
//! Measurement Protocol with an `api_secret` in the query, the Data API with a service-account
//! token), so an adapter is given an [`Account`] that makes transport clients rather than one
//! ready client; everything still goes through the one transport.
//!
//! Sending is at-least-once: the local queue (`crate::analytics`) keeps an event until a
//! service has taken the batch, and each event carries an insert id the service dedupes by.

use crate::config::AnalyticsServiceConfig;
use crate::domain::{AnalyticsEvent, Report, ReportQuery, SendReport, ValidationMessage};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, VendorHooks};
use async_trait::async_trait;
use std::collections::HashMap;

/// Every analytics service shopdesk speaks. One line per service.
pub static REGISTRY: &[&Info] = &[];

/// A service's registry entry.
pub struct Info {
    /// The `service = "…"` value in the profile.
    pub name: &'static str,
    /// Human name for messages.
    pub display: &'static str,
    /// Most events one send may carry.
    pub max_batch: usize,
    /// The secret fields this configuration needs (stored under the service's name).
    pub secret_fields: fn(&AnalyticsServiceConfig) -> &'static [&'static str],
    pub build: fn(Account) -> Result<Box<dyn Analytics>>,
}

/// Makes a transport client for one of the service's hosts.
pub type Connect = Box<dyn Fn(url::Url, AuthScheme, VendorHooks) -> Result<Client> + Send + Sync>;

/// What an adapter is built from.
pub struct Account {
    /// The service's name in the profile.
    pub name: String,
    pub config: AnalyticsServiceConfig,
    pub secrets: HashMap<&'static str, Secret>,
    /// A transport client with the profile's settings, for a base URL and auth scheme.
    pub connect: Connect,
}

impl Account {
    /// The base URL for one of the service's hosts: the profile's `url` (the sandbox, a proxy)
    /// replaces every host, else `default`.
    pub fn base_url(&self, default: &str) -> Result<url::Url> {
        if let Some(u) = &self.config.url {
            return Ok(u.clone());
        }
        default.parse().map_err(|e| Error::general(format!("bad built-in URL {default}: {e}")))
    }

    /// A secret the configuration needs.
    pub fn secret(&self, field: &str) -> Result<Secret> {
        self.secrets.get(field).cloned().ok_or_else(|| {
            Error::auth(format!("analytics {}: secret `{field}` missing", self.name))
                .with_hint(format!("store it with `shopdesk auth login {} --field {field}`", self.name))
        })
    }
}

/// What every analytics adapter does.
#[async_trait]
pub trait Analytics: Send + Sync {
    fn info(&self) -> &'static Info;
    /// Send up to [`Info::max_batch`] events. `Err` when the batch as a whole failed (network,
    /// credentials, throttling): the caller keeps the events and retries later. Events the
    /// service refused one by one are in the report.
    async fn send(&self, events: &[AnalyticsEvent]) -> Result<SendReport>;
    /// Check events without recording them (GA4's validation server).
    async fn validate(&self, events: &[AnalyticsEvent]) -> Result<Vec<ValidationMessage>> {
        let _ = events;
        Err(Error::usage(format!("{} has no validation endpoint", self.info().display))
            .with_hint("--validate works with GA4 (its /debug/mp/collect)"))
    }
    /// Run a report (GA4's Data API).
    async fn report(&self, query: &ReportQuery) -> Result<Report> {
        let _ = query;
        Err(Error::usage(format!("{} reports are not supported", self.info().display))
            .with_hint("`analytics report` runs on GA4 (its Data API runReport)"))
    }
    /// Reachability and credentials, for `test-connection`.
    async fn probe(&self) -> Result<String>;
}

/// Find a service's entry.
pub fn info(service: &str) -> Option<&'static Info> {
    REGISTRY.iter().copied().find(|i| i.name == service)
}

/// Service names, for validation and help.
pub fn service_names() -> Vec<&'static str> {
    REGISTRY.iter().map(|i| i.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_unique_and_batches_positive() {
        let mut n = service_names();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), REGISTRY.len());
        assert!(REGISTRY.iter().all(|i| i.max_batch >= 1));
    }
}
