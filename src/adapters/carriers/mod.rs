//! Carrier tracking (UPS, DHL, FedEx, USPS): the [`Carrier`] trait and the registry.
//!
//! The same shape as [`crate::adapters::payments`]: one file per carrier with its DTOs, its
//! status-mapping table, the mapping into [`crate::domain::Shipment`] and an [`Info`] entry; one
//! line per carrier in [`REGISTRY`]. Opening a carrier (secrets, transport client) is shared with
//! stores and gateways in [`crate::context::Ctx::open_carrier`]. What differs per carrier is data
//! in its `Info`: the hosts, the secret fields, how the credentials become an [`AuthScheme`], and
//! how many numbers one request may carry ([`Info::max_batch`]; the `track` command batches).
//!
//! Statuses: each carrier has a table from its raw code to a [`ShipmentStatus`] ([`map_status`]);
//! the raw code is always kept (`raw_status`, `events[].code`) so nothing is lost when the table
//! is coarse or a carrier adds a code (which maps to `unknown`).
//!
//! A number the carrier does not know is a [`TrackResult`] with an error, not an `Err`: `Err` is
//! for what fails the whole request (credentials, quota, network).

pub mod dhl;
pub mod fedex;
pub mod ups;
pub mod usps;

use crate::config::CarrierConfig;
use crate::domain::{ShipmentStatus, TrackResult};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, GrantStyle, TokenSource, VendorHooks};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Arc;

/// Every carrier shopdesk tracks with. One line per carrier.
pub static REGISTRY: &[&Info] = &[&ups::INFO, &dhl::INFO, &fedex::INFO, &usps::INFO];

/// A carrier's registry entry.
pub struct Info {
    /// The `carrier = "…"` value in the profile.
    pub name: &'static str,
    /// Human name for messages.
    pub display: &'static str,
    /// Production base URL.
    pub default_url: &'static str,
    /// Test base URL (`environment = "test"`); `None`: the carrier has only one host.
    pub test_url: Option<&'static str>,
    /// Secret fields the carrier needs (stored under the carrier's name in the profile).
    pub secret_fields: &'static [&'static str],
    /// Most numbers one `track` call may carry.
    pub max_batch: usize,
    /// Default shortest gap between requests (the carrier's published pace for a new app);
    /// the profile's `min_interval` overrides it.
    pub min_interval: std::time::Duration,
    /// Build the auth scheme from the profile entry and the secrets.
    pub auth: fn(&str, &CarrierConfig, &HashMap<&'static str, Secret>) -> Result<AuthScheme>,
    pub hooks: VendorHooks,
    pub build: fn(Account) -> Box<dyn Carrier>,
}

/// What an adapter is built from.
pub struct Account {
    /// The carrier's name in the profile.
    pub name: String,
    pub config: CarrierConfig,
    pub client: Client,
}

impl Info {
    /// The base URL a profile entry resolves to: its `url`, else the test or production host.
    /// `environment` has been resolved (profile default applied) by the caller.
    pub fn base_url(&self, cfg: &CarrierConfig) -> Result<url::Url> {
        if let Some(u) = &cfg.url {
            return Ok(u.clone());
        }
        let test = cfg.environment.as_deref() != Some("production");
        let u = if test { self.test_url.unwrap_or(self.default_url) } else { self.default_url };
        u.parse().map_err(|e| Error::general(format!("{}: bad built-in URL {u}: {e}", self.display)))
    }
}

/// What every carrier adapter does.
#[async_trait]
pub trait Carrier: Send + Sync {
    fn info(&self) -> &'static Info;
    /// Track up to [`Info::max_batch`] normalized numbers; one result per number, in order.
    async fn track(&self, numbers: &[String]) -> Result<Vec<TrackResult>>;
    /// Reachability and credentials, for `test-connection`; a short description on success.
    async fn probe(&self) -> Result<String>;
}

/// Find a carrier's entry.
pub fn info(carrier: &str) -> Option<&'static Info> {
    REGISTRY.iter().copied().find(|i| i.name == carrier)
}

/// Carrier names, for validation and help.
pub fn carrier_names() -> Vec<&'static str> {
    REGISTRY.iter().map(|i| i.name).collect()
}

/// A carrier's raw status code → status, through its table; unknown codes are `Unknown`.
pub fn map_status(table: &[(&str, ShipmentStatus)], code: &str) -> ShipmentStatus {
    table
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
        .map(|(_, s)| *s)
        .unwrap_or(ShipmentStatus::Unknown)
}

/// Fetch a named secret for an adapter's `auth` function.
pub fn secret(name: &str, secrets: &HashMap<&'static str, Secret>, field: &str) -> Result<Secret> {
    secrets
        .get(field)
        .cloned()
        .ok_or_else(|| Error::auth(format!("carrier {name}: secret `{field}` missing")))
}

/// OAuth client credentials for an adapter's `auth` function: the profile's `client_id` (what
/// the carrier calls it goes in the hint: `id_name`), the stored `client_secret`, a
/// [`TokenSource`] at `token_path` (cached until shortly before expiry, renewed once after a
/// 401), presented as `Authorization: Bearer …`.
pub fn client_credentials(
    info: &Info,
    name: &str,
    cfg: &CarrierConfig,
    secrets: &HashMap<&'static str, Secret>,
    token_path: &str,
    style: GrantStyle,
    id_name: &str,
) -> Result<AuthScheme> {
    let id = cfg.client_id.clone().ok_or_else(|| {
        Error::usage(format!("carrier {name}: {} needs client_id", info.display))
            .with_hint(format!("add client_id = \"…\" under [profiles.…carriers.{name}] ({id_name})"))
    })?;
    let source = TokenSource::new(token_path, id, secret(name, secrets, "client_secret")?, style);
    Ok(AuthScheme::Token {
        name: reqwest::header::AUTHORIZATION,
        prefix: "Bearer ",
        source: Arc::new(source),
    })
}

/// A vendor's `[{code, message}]` error list → `message [code]; …` (`None` when empty).
pub(crate) fn code_messages(
    list: impl IntoIterator<Item = (Option<String>, Option<String>)>,
) -> Option<String> {
    let list: Vec<String> = list
        .into_iter()
        .map(|(code, message)| match (message, code) {
            (Some(m), Some(c)) if !c.is_empty() => format!("{m} [{c}]"),
            (Some(m), _) => m,
            (None, Some(c)) => format!("[{c}]"),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() { None } else { Some(list.join("; ")) }
}

/// "City, ST, CC" from whatever parts are present.
pub(crate) fn place(parts: &[Option<&str>]) -> Option<String> {
    let p: Vec<&str> = parts.iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if p.is_empty() { None } else { Some(p.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_unique_and_batches_positive() {
        let mut n = carrier_names();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), REGISTRY.len());
        assert!(REGISTRY.iter().all(|i| i.max_batch >= 1));
    }

    #[test]
    fn environment_picks_the_host() {
        let ups = info("ups").unwrap();
        let test = CarrierConfig { carrier: "ups".into(), ..Default::default() };
        assert_eq!(ups.base_url(&test).unwrap().as_str(), "https://wwwcie.ups.com/");
        let prod = CarrierConfig { environment: Some("production".into()), ..test.clone() };
        assert_eq!(ups.base_url(&prod).unwrap().as_str(), "https://onlinetools.ups.com/");
        let dhl = info("dhl").unwrap();
        assert_eq!(dhl.base_url(&test).unwrap().as_str(), "https://api-eu.dhl.com/");
        let usps = info("usps").unwrap();
        assert_eq!(usps.base_url(&test).unwrap().as_str(), "https://apis-tem.usps.com/");
        assert_eq!(usps.base_url(&prod).unwrap().as_str(), "https://apis.usps.com/");
    }

    #[test]
    fn unknown_codes_map_to_unknown() {
        let t = [("D", ShipmentStatus::Delivered)];
        assert_eq!(map_status(&t, "d"), ShipmentStatus::Delivered);
        assert_eq!(map_status(&t, "ZZ"), ShipmentStatus::Unknown);
        assert_eq!(place(&[Some("WAYNE"), None, Some(" "), Some("US")]).as_deref(), Some("WAYNE, US"));
    }
}
