//! The profile file: where it lives, what it may contain, and how mistakes in it are reported.
//!
//! `$SHOPDESK_CONFIG`, or `config.toml` in the XDG config dir (`~/.config/shopdesk/`). It holds
//! profiles → stores (and later payments, carriers, CRM, analytics) with their non-secret
//! settings; secrets never go here (see `credentials`). Errors name the file, line and column;
//! unknown keys are warnings, not errors, so a newer file still works with an older binary.
//! Validation happens once at load time so commands can trust what they get.

pub mod edit;

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The commented template written by `config init` and shown by `config show --default`.
pub const DEFAULT_CONFIG: &str = include_str!("default-config.toml");

/// The Shopify Admin API version pinned when a store does not say.
pub const DEFAULT_SHOPIFY_API_VERSION: &str = "2026-10";

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Config {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Profile {
    /// `test` (default) or `production`.
    #[serde(default)]
    pub environment: Environment,
    pub rotate_after_days: Option<u32>,
    pub log_file: Option<PathBuf>,
    pub max_retries: Option<u32>,
    pub timeout_secs: Option<u64>,
    pub max_response_mb: Option<usize>,
    /// Seconds a read answer is cached (default 300; 0 turns the cache off).
    pub cache_ttl_secs: Option<u64>,
    /// Policy: the largest refund one command may make — a number for every currency
    /// (`max_refund = 500`) or a table per currency (`max_refund = { USD = 500, JPY = 60000 }`).
    pub max_refund: Option<MaxRefund>,
    /// Policy: refunds must give `--reason`.
    #[serde(default)]
    pub require_reason: bool,
    /// The store used when --store is not given and the profile has several.
    pub default_store: Option<String>,
    #[serde(default)]
    pub stores: BTreeMap<String, StoreConfig>,
    /// Payment gateways (`[profiles.X.payments.NAME]`), by name.
    #[serde(default)]
    pub payments: BTreeMap<String, GatewayConfig>,
    /// Carriers for `track` (`[profiles.X.carriers.NAME]`), by name.
    #[serde(default)]
    pub carriers: BTreeMap<String, CarrierConfig>,
    /// CRMs for `customer get` / `customer sync` (`[profiles.X.crm.NAME]`), by name.
    #[serde(default)]
    pub crm: BTreeMap<String, CrmConfig>,
    /// Analytics: `[profiles.X.analytics]` options and its services (`[profiles.X.analytics.NAME]`).
    #[serde(default)]
    pub analytics: AnalyticsConfig,
}

/// A CRM in a profile: `[profiles.X.crm.NAME] crm = "hubspot"`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CrmConfig {
    /// `salesforce` or `hubspot` (see `adapters::crm::REGISTRY`).
    pub crm: String,
    /// Salesforce: the org's My Domain (`https://acme.my.salesforce.com`), where the token is
    /// asked for. HubSpot: a base URL override (the sandbox, a proxy).
    pub url: Option<url::Url>,
    /// Salesforce: the pinned REST version (default `v66.0`).
    pub api_version: Option<String>,
    /// Salesforce: `client_credentials` (default; secret `client_secret`) or `jwt` (secret
    /// `private_key`, the PEM key whose certificate the connected app holds).
    pub auth: Option<String>,
    /// Salesforce: the connected app's consumer key.
    pub client_id: Option<String>,
    /// Salesforce JWT flow: the user to act as (`sub`).
    pub username: Option<String>,
    /// Salesforce JWT flow: the `aud` (default `https://login.salesforce.com`;
    /// `https://test.salesforce.com` for a sandbox org).
    pub audience: Option<String>,
    /// Salesforce: the Contact field marked External ID that `customer sync` upserts by
    /// (default `Shopdesk_Email__c`).
    pub external_id_field: Option<String>,
    pub credential_command: Option<String>,
    pub ca_file: Option<PathBuf>,
}

/// `[profiles.X.analytics]`: whether support actions emit events, and the services.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AnalyticsConfig {
    /// Emit an event for order lookups, refunds and tracking checks (default false).
    #[serde(default)]
    pub track_actions: bool,
    /// Put customer PII (email, name) in those events (default false: order and store
    /// references only).
    #[serde(default)]
    pub include_pii: bool,
    /// The services events go to, by name (`[profiles.X.analytics.mixpanel] service = "mixpanel"`).
    #[serde(flatten)]
    pub services: BTreeMap<String, AnalyticsServiceConfig>,
}

/// An analytics service: `[profiles.X.analytics.NAME] service = "mixpanel"`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AnalyticsServiceConfig {
    /// `mixpanel` or `ga4` (see `adapters::analytics::REGISTRY`).
    pub service: String,
    /// Base URL override (the sandbox, a proxy); for GA4 it replaces every Google host.
    pub url: Option<url::Url>,
    /// Mixpanel: `us` (default), `eu` or `in` data residency.
    pub region: Option<String>,
    /// Mixpanel: the project id `/import` needs with a service account.
    pub project_id: Option<String>,
    /// Mixpanel: the service account's username (its secret is `service_account_secret`).
    pub username: Option<String>,
    /// GA4: the web stream's measurement id (`G-…`; the secret is `api_secret`).
    pub measurement_id: Option<String>,
    /// GA4 Data API: the property id reports are run on.
    pub property_id: Option<String>,
    /// GA4 Data API: the service account's `client_email` (its key is the secret `private_key`).
    pub service_account: Option<String>,
    /// GA4 Data API: the key's `private_key_id` (sent as the JWT `kid`).
    pub private_key_id: Option<String>,
    pub credential_command: Option<String>,
    pub ca_file: Option<PathBuf>,
}

/// `max_refund`: one limit for every currency, or one per currency code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum MaxRefund {
    Any(#[serde(deserialize_with = "decimal_any")] rust_decimal::Decimal),
    PerCurrency(BTreeMap<String, Limit>),
}

/// One per-currency limit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Limit(#[serde(deserialize_with = "decimal_any")] pub rust_decimal::Decimal);

impl MaxRefund {
    /// The limit for a currency; `None` when the table does not name it (no limit).
    pub fn for_currency(&self, code: &str) -> Option<rust_decimal::Decimal> {
        match self {
            MaxRefund::Any(d) => Some(*d),
            MaxRefund::PerCurrency(m) => m.get(code).map(|l| l.0),
        }
    }
}

/// A TOML number (integer or float, read through its decimal text) or a string.
fn decimal_any<'de, D: serde::Deserializer<'de>>(d: D) -> Result<rust_decimal::Decimal, D::Error> {
    use serde::de::Error as _;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        I(i64),
        F(f64),
        S(String),
    }
    let text = match Raw::deserialize(d)? {
        Raw::I(i) => i.to_string(),
        Raw::F(f) => f.to_string(),
        Raw::S(s) => s,
    };
    let v: rust_decimal::Decimal =
        text.trim().parse().map_err(|_| D::Error::custom(format!("`{text}` is not an amount")))?;
    if v < rust_decimal::Decimal::ZERO {
        return Err(D::Error::custom("an amount limit cannot be negative"));
    }
    Ok(v)
}

/// A payment gateway in a profile: `[profiles.X.payments.NAME] gateway = "stripe"`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GatewayConfig {
    /// `stripe` or `paypal`.
    pub gateway: String,
    /// Base URL override (the sandbox, a proxy); default: the gateway's own.
    pub url: Option<url::Url>,
    /// PayPal: `sandbox` (default) or `live`; picks the base URL. Stripe decides by the key.
    pub environment: Option<String>,
    /// Stripe: the pinned `Stripe-Version`.
    pub api_version: Option<String>,
    /// PayPal: the REST app's client id (the secret is `client_secret`).
    pub client_id: Option<String>,
    /// PayPal: the webhook id deliveries are verified against (`webhook register` writes it).
    pub webhook_id: Option<String>,
    pub credential_command: Option<String>,
    pub ca_file: Option<PathBuf>,
}

/// A carrier in a profile: `[profiles.X.carriers.NAME] carrier = "ups"`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CarrierConfig {
    /// `ups`, `dhl`, `fedex` or `usps` (see `adapters::carriers::REGISTRY`).
    pub carrier: String,
    /// Base URL override (the sandbox, a proxy); default: the carrier's host for `environment`.
    pub url: Option<url::Url>,
    /// `test` or `production`; picks the carrier's host where it has a test one (UPS CIE,
    /// FedEx apis-sandbox, USPS apis-tem). Default: the profile's `environment`.
    pub environment: Option<String>,
    /// UPS and USPS: the app's client id (consumer key); FedEx: the project's API key (the
    /// secret is `client_secret`).
    pub client_id: Option<String>,
    /// DHL: the `service` hint sent with every number (`express`, `parcel-de`, `ecommerce`, …).
    pub service: Option<String>,
    /// Shortest gap between two requests, e.g. `"5s"` (default: the carrier's published pace,
    /// DHL's free tier 5 s; `"0s"` for none).
    pub min_interval: Option<String>,
    pub credential_command: Option<String>,
    pub ca_file: Option<PathBuf>,
}

impl CarrierConfig {
    /// `min_interval` as a duration (`"5s"`, `"1m"`, `"500ms"`); `None` when unset.
    pub fn min_interval(&self) -> std::result::Result<Option<std::time::Duration>, String> {
        let Some(t) = &self.min_interval else { return Ok(None) };
        parse_duration(t).map(Some)
    }
}

/// A non-negative duration written as `5s`, `1m 30s`, `500ms`, `2h` or ISO 8601 (`PT5S`).
pub fn parse_duration(text: &str) -> std::result::Result<std::time::Duration, String> {
    let d: jiff::SignedDuration =
        text.trim().parse().map_err(|e| format!("`{text}` is not a duration like 5s, 1m or 500ms ({e})"))?;
    std::time::Duration::try_from(d).map_err(|_| format!("`{text}` is negative"))
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Test,
    Production,
}

/// How a store's credentials work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMode {
    /// A static access token (secret `access_token`).
    #[default]
    Token,
    /// OAuth client-credentials grant (`client_id` here, secret `client_secret`).
    ClientCredentials,
    /// HTTP Basic with a key and secret (WooCommerce over HTTPS).
    Basic,
    /// OAuth 1.0a signed requests (WooCommerce over HTTP; Magento integrations).
    Oauth1,
}

impl AuthMode {
    pub fn name(self) -> &'static str {
        match self {
            AuthMode::Token => "token",
            AuthMode::ClientCredentials => "client_credentials",
            AuthMode::Basic => "basic",
            AuthMode::Oauth1 => "oauth1",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct StoreConfig {
    pub platform: String,
    pub url: url::Url,
    pub api_version: Option<String>,
    #[serde(default)]
    pub auth: AuthMode,
    pub client_id: Option<String>,
    pub credential_command: Option<String>,
    pub ca_file: Option<PathBuf>,
    pub rotate_after_days: Option<u32>,
    /// OAuth 1.0a signature method: `HMAC-SHA256` (default) or `HMAC-SHA1`.
    pub signature_method: Option<String>,
    /// Magento store view code in `rest/{store_code}/V1` (default `default`).
    pub store_code: Option<String>,
}

/// Where the config file is.
pub fn path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("SHOPDESK_CONFIG") {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "shopdesk").ok_or_else(|| {
        Error::usage("cannot find a home directory for the config file")
            .with_hint("set SHOPDESK_CONFIG to a file path")
    })?;
    Ok(dirs.config_dir().join("config.toml"))
}

/// Non-secret state (credential set times, journals): `$SHOPDESK_STATE_DIR` or XDG state dir.
pub fn state_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("SHOPDESK_STATE_DIR") {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("", "", "shopdesk")
        .map(|d| d.state_dir().unwrap_or_else(|| d.data_local_dir()).to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("shopdesk-state"))
}

/// The response cache: `$SHOPDESK_CACHE_DIR` or the XDG cache dir.
/// Create `path` (and its directory) readable by the owner only, if it does not exist: state
/// files name customers and payments.
pub fn create_private(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::general(format!("cannot create the state directory {}: {e}", dir.display()))
        })?;
    }
    if !path.exists() {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        o.open(path).map_err(|e| Error::general(format!("cannot create {}: {e}", path.display())))?;
    }
    Ok(())
}

pub fn cache_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("SHOPDESK_CACHE_DIR") {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("", "", "shopdesk")
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("shopdesk-cache"))
}

/// A loaded config plus the warnings found while loading.
pub struct Loaded {
    pub config: Config,
    pub path: PathBuf,
    pub warnings: Vec<String>,
}

/// Load and validate the config file. A missing file is `Ok(None)`.
pub fn load(path: &Path, known_platforms: &[&str]) -> Result<Option<Loaded>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::usage(format!("cannot read config file {}: {e}", path.display()))
                .with_hint("check the file's permissions, or point SHOPDESK_CONFIG elsewhere"));
        }
    };
    parse(&text, path, known_platforms).map(Some)
}

/// Parse config text; `path` is only used in messages.
pub fn parse(text: &str, path: &Path, known_platforms: &[&str]) -> Result<Loaded> {
    let mut unknown = Vec::new();
    let de = toml::Deserializer::parse(text).map_err(|e| syntax_error(path, text, &e))?;
    let config: Config = serde_ignored::deserialize(de, |p| unknown.push(p.to_string()))
        .map_err(|e: toml::de::Error| syntax_error(path, text, &e))?;
    let mut warnings: Vec<String> = unknown
        .into_iter()
        .map(|k| {
            format!(
                "{}: unknown key `{k}` ignored (a typo? see `shopdesk config show --default`)",
                path.display()
            )
        })
        .collect();
    validate(&config, path, known_platforms, &mut warnings)?;
    Ok(Loaded { config, path: path.to_path_buf(), warnings })
}

fn syntax_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
    let msg = e.message().trim().to_string();
    Error::usage(format!("config file {}:{line}:{col}: {msg}", path.display()))
        .with_hint("fix the file (`shopdesk config edit`), or compare with `shopdesk config show --default`")
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map(|i| offset - i).unwrap_or(offset + 1);
    (line, col)
}

fn validate(c: &Config, path: &Path, platforms: &[&str], _warnings: &mut [String]) -> Result<()> {
    let at = |what: String| {
        Error::usage(format!("config file {}: {what}", path.display()))
            .with_hint("fix it with `shopdesk config edit` or `shopdesk config set`")
    };
    if let Some(d) = &c.default_profile
        && !c.profiles.contains_key(d)
    {
        return Err(at(format!("default_profile `{d}` has no [profiles.{d}] table")));
    }
    for (pname, p) in &c.profiles {
        for (gname, g) in &p.payments {
            if let Some(u) = &g.url
                && !matches!(u.scheme(), "http" | "https")
            {
                return Err(at(format!(
                    "profiles.{pname}.payments.{gname}: url must be http(s)://…, got `{u}`"
                )));
            }
            if let Some(e) = &g.environment
                && !matches!(e.as_str(), "sandbox" | "live")
            {
                return Err(at(format!(
                    "profiles.{pname}.payments.{gname}: environment must be \"sandbox\" or \"live\", got `{e}`"
                )));
            }
        }
        for (cname, c) in &p.carriers {
            if let Some(u) = &c.url
                && !matches!(u.scheme(), "http" | "https")
            {
                return Err(at(format!(
                    "profiles.{pname}.carriers.{cname}: url must be http(s)://…, got `{u}`"
                )));
            }
            if let Some(e) = &c.environment
                && !matches!(e.as_str(), "test" | "production")
            {
                return Err(at(format!(
                    "profiles.{pname}.carriers.{cname}: environment must be \"test\" or \"production\", got `{e}`"
                )));
            }
            if let Err(e) = c.min_interval() {
                return Err(at(format!("profiles.{pname}.carriers.{cname}: min_interval: {e}")));
            }
        }
        for (sname, s) in &p.stores {
            if !platforms.contains(&s.platform.as_str()) {
                return Err(at(format!(
                    "profiles.{pname}.stores.{sname}: platform `{}` is not supported (supported: {})",
                    s.platform,
                    platforms.join(", ")
                )));
            }
            if !matches!(s.url.scheme(), "http" | "https") {
                return Err(at(format!(
                    "profiles.{pname}.stores.{sname}: url must be http(s)://…, got `{}`",
                    s.url
                )));
            }
            if s.auth == AuthMode::ClientCredentials && s.client_id.is_none() {
                return Err(at(format!(
                    "profiles.{pname}.stores.{sname}: auth = \"client_credentials\" needs client_id"
                )));
            }
            if let Some(v) = &s.api_version
                && !valid_api_version(v)
            {
                return Err(at(format!(
                    "profiles.{pname}.stores.{sname}: api_version `{v}` is not of the form YYYY-MM (e.g. 2026-10)"
                )));
            }
            if sname == "all" {
                return Err(at(format!("profiles.{pname}.stores: `all` is reserved for --store all")));
            }
        }
    }
    Ok(())
}

fn valid_api_version(v: &str) -> bool {
    v == "unstable"
        || (v.len() == 7
            && v.as_bytes()[4] == b'-'
            && v[..4].chars().all(|c| c.is_ascii_digit())
            && v[5..].chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &[&str] = &["shopify"];

    #[test]
    fn default_template_parses_cleanly() {
        let l = parse(DEFAULT_CONFIG, Path::new("default"), P).unwrap();
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let s = &l.config.profiles["default"].stores["main"];
        assert_eq!(s.platform, "shopify");
        assert_eq!(s.api_version.as_deref(), Some("2026-10"));
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = parse("default_profile = \"x\"\n[profiles.x\n", Path::new("c.toml"), P).err().unwrap();
        assert!(e.message.starts_with("config file c.toml:2:"), "{}", e.message);
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn unknown_keys_warn() {
        let t = "[profiles.p]\ncolour = 1\n[profiles.p.stores.s]\nplatform='shopify'\nurl='https://x.test'\ntokn='x'\n";
        let l = parse(t, Path::new("c.toml"), P).unwrap();
        assert_eq!(l.warnings.len(), 2, "{:?}", l.warnings);
        assert!(l.warnings.iter().any(|w| w.contains("profiles.p.stores.s.tokn")));
    }

    #[test]
    fn bad_values_are_errors() {
        let t = "[profiles.p.stores.s]\nplatform='shopfy'\nurl='https://x.test'\n";
        let e = parse(t, Path::new("c.toml"), P).err().unwrap();
        assert!(e.message.contains("platform `shopfy` is not supported"), "{}", e.message);
        let t = "[profiles.p.stores.s]\nplatform='shopify'\nurl='https://x.test'\napi_version='26-10'\n";
        assert!(parse(t, Path::new("c.toml"), P).is_err());
        let t =
            "[profiles.p.stores.s]\nplatform='shopify'\nurl='https://x.test'\nauth='client_credentials'\n";
        assert!(parse(t, Path::new("c.toml"), P).err().unwrap().message.contains("client_id"));
        let t = "[profiles.p.carriers.u]\ncarrier='ups'\nenvironment='live'\n";
        assert!(
            parse(t, Path::new("c.toml"), P).err().unwrap().message.contains("\"test\" or \"production\"")
        );
        let t = "[profiles.p.carriers.d]\ncarrier='dhl'\nmin_interval='soon'\n";
        assert!(parse(t, Path::new("c.toml"), P).err().unwrap().message.contains("min_interval"));
        assert_eq!(parse_duration("1m 30s").unwrap(), std::time::Duration::from_secs(90));
        assert_eq!(parse_duration("500ms").unwrap(), std::time::Duration::from_millis(500));
        assert!(parse_duration("-5s").is_err());
        let t = "[profiles.p.carriers.u]\ncarrier='ups'\nenvironment='test'\nclient_id='x'\n";
        let l = parse(t, Path::new("c.toml"), P).unwrap();
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        assert_eq!(l.config.profiles["p"].carriers["u"].carrier, "ups");
        let t = "default_profile='nope'\n";
        assert!(parse(t, Path::new("c.toml"), P).is_err());
    }
}
