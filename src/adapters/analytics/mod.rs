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
//!
//! Shared by the adapters: [`split_by_size`] (a batch cut into requests under a byte limit:
//! Mixpanel's 10 MB, GA4's 130 kB), [`lenient`] (numbers that arrive as numbers or strings) and
//! the rule that a `url` override is HTTPS unless it is a loopback address
//! ([`Account::base_url`]): these services take their secrets in a header or the query string,
//! so a plain-HTTP override is only accepted for the sandbox and local proxies on this machine.

pub mod ga4;
pub mod mixpanel;

use crate::config::AnalyticsServiceConfig;
use crate::domain::{AnalyticsEvent, Report, ReportQuery, SendReport, ValidationMessage};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, VendorHooks};
use async_trait::async_trait;
use std::collections::HashMap;

/// Every analytics service shopdesk speaks. One line per service.
pub static REGISTRY: &[&Info] = &[&mixpanel::INFO, &ga4::INFO];

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
    /// replaces every host, else `default`. A plain-HTTP `url` is refused unless its host is a
    /// loopback address: the credentials travel in a header or the query string.
    pub fn base_url(&self, default: &str) -> Result<url::Url> {
        if let Some(u) = &self.config.url {
            if u.scheme() != "https" && !is_loopback(u) {
                return Err(Error::usage(format!(
                    "analytics {}: refusing plain-HTTP url {u}: the {} credentials would cross the network unencrypted",
                    self.name, self.config.service
                ))
                .with_hint("use an https:// url (plain http is accepted only for 127.0.0.1, ::1 and localhost)"));
            }
            return Ok(u.clone());
        }
        default.parse().map_err(|e| Error::general(format!("bad built-in URL {default}: {e}")))
    }

    /// A non-secret setting the service needs, or a usage error naming the profile key.
    pub fn setting<'a>(&self, value: &'a Option<String>, key: &str, what: &str) -> Result<&'a str> {
        value.as_deref().map(str::trim).filter(|v| !v.is_empty()).ok_or_else(|| {
            Error::usage(format!("analytics {}: {} needs `{key}` ({what})", self.name, self.config.service))
                .with_hint(format!("add {key} = \"…\" under [profiles.….analytics.{}]", self.name))
        })
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

fn is_loopback(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Cut items of the given encoded sizes into consecutive runs whose total, plus `per_item`
/// bytes of separator each and `overhead` for the envelope, stays within `max_bytes`. An item
/// too big on its own gets a run of its own (the service then refuses it, per event or with a
/// 413).
pub fn split_by_size(
    sizes: &[usize],
    max_bytes: usize,
    per_item: usize,
    overhead: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let (mut start, mut used) = (0, overhead);
    for (i, size) in sizes.iter().enumerate() {
        let add = size + per_item;
        if i > start && used + add > max_bytes {
            runs.push(start..i);
            (start, used) = (i, overhead);
        }
        used += add;
    }
    if start < sizes.len() {
        runs.push(start..sizes.len());
    }
    runs
}

/// Serde helpers for numbers a service sends as JSON numbers or as strings (GA4's metric
/// values are strings, its `rowCount` a number; Mixpanel's counts are numbers).
pub mod lenient {
    use serde::{Deserialize, Deserializer, de::Error as _};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        U(u64),
        I(i64),
        F(f64),
        S(String),
    }

    fn text(r: Raw) -> String {
        match r {
            Raw::U(n) => n.to_string(),
            Raw::I(n) => n.to_string(),
            Raw::F(f) => f.to_string(),
            Raw::S(s) => s,
        }
    }

    /// Any scalar as its text (nothing is rounded).
    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(text(Raw::deserialize(d)?))
    }

    /// A count, from a number or a numeric string; absent or `null` is 0.
    pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        match Option::<Raw>::deserialize(d)? {
            None => Ok(0),
            Some(r) => {
                let t = text(r);
                t.trim().parse().map_err(|_| D::Error::custom(format!("`{t}` is not a count")))
            }
        }
    }
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

    #[test]
    fn batches_split_by_size_keep_order_and_isolate_giants() {
        assert_eq!(split_by_size(&[4, 4, 4, 4], 10, 1, 2), vec![0..1, 1..2, 2..3, 3..4]);
        assert_eq!(split_by_size(&[3, 3, 3, 3, 3], 10, 0, 1), vec![0..3, 3..5]);
        assert_eq!(split_by_size(&[1, 50, 1], 10, 0, 0), vec![0..1, 1..2, 2..3]);
        assert_eq!(split_by_size(&[], 10, 0, 0), Vec::<std::ops::Range<usize>>::new());
    }

    #[test]
    fn lenient_numbers() {
        #[derive(serde::Deserialize)]
        struct T {
            #[serde(deserialize_with = "lenient::string")]
            v: String,
            #[serde(default, deserialize_with = "lenient::count")]
            n: u64,
        }
        let t: T = serde_json::from_str(r#"{"v":"12.50","n":"7"}"#).unwrap();
        assert_eq!((t.v.as_str(), t.n), ("12.50", 7));
        let t: T = serde_json::from_str(r#"{"v":1234,"n":3}"#).unwrap();
        assert_eq!((t.v.as_str(), t.n), ("1234", 3));
        let t: T = serde_json::from_str(r#"{"v":"x"}"#).unwrap();
        assert_eq!(t.n, 0);
        assert!(serde_json::from_str::<T>(r#"{"v":"x","n":"many"}"#).is_err());
    }

    #[test]
    fn a_plain_http_override_is_only_for_loopback() {
        let account = |url: &str| Account {
            name: "mp".into(),
            config: AnalyticsServiceConfig {
                service: "mixpanel".into(),
                url: Some(url.parse().unwrap()),
                ..Default::default()
            },
            secrets: HashMap::new(),
            connect: Box::new(|_, _, _| Err(Error::general("unused"))),
        };
        assert!(account("http://127.0.0.1:9/mixpanel").base_url("https://x.test").is_ok());
        assert!(account("http://localhost:9/").base_url("https://x.test").is_ok());
        assert!(account("https://proxy.example.com/").base_url("https://x.test").is_ok());
        let e = account("http://proxy.example.com/").base_url("https://x.test").unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
    }
}
