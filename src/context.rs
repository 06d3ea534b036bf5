//! `Ctx`: everything a command needs, built once per run and passed in (gh's Factory).
//!
//! Commands never read globals, the environment or the config file themselves; they ask the
//! context. That is what lets `--sandbox` swap the whole world (config, credentials, base URLs)
//! in one place, and what keeps commands testable.

use crate::adapters::carriers::{self, Account, Carrier};
use crate::adapters::commerce::{self, Commerce, Store};
use crate::adapters::payments::{self, Gateway, Payments};
use crate::adapters::{analytics, crm};
use crate::cli::{Global, OutFormat};
use crate::config::{
    self, AnalyticsServiceConfig, AuthMode, CarrierConfig, Config, CrmConfig, Environment, GatewayConfig,
    Profile, StoreConfig,
};
use crate::credentials::{Credentials, SecretId};
use crate::error::{Error, Result};
use crate::output::{Format, Output, jq::Jq};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, Settings, VendorHooks, cache::Cache, log::Logger};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The profile name `--sandbox` uses.
pub const SANDBOX_PROFILE: &str = "sandbox";

pub struct Ctx {
    pub global: Global,
    pub config: Option<Config>,
    pub config_path: PathBuf,
    pub profile_name: String,
    pub credentials: Credentials,
    pub logger: Arc<Logger>,
    pub out: Output,
    pub stdin_tty: bool,
    pub stderr_tty: bool,
    /// Keeps an in-process sandbox alive for the run.
    pub sandbox: Option<crate::sandbox::Sandbox>,
    /// Never answer a read from the cache (refunds: a balance minutes old is not one to refund
    /// against), while writes still clear what other commands cached.
    pub fresh_reads: bool,
    /// Support-action events were queued during this run (see [`crate::analytics`]).
    pub emitted: std::sync::atomic::AtomicBool,
}

impl Ctx {
    pub async fn new(global: Global) -> Result<Ctx> {
        let stdout_tty = std::io::stdout().is_terminal();
        let color =
            stdout_tty && !global.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        // Compile --jq before anything is sent: a typo costs no API call.
        let jq = global.jq.as_deref().map(Jq::compile).transpose()?;
        let format = if global.json {
            Format::Json
        } else {
            match global.format {
                None => Format::Table,
                Some(f) => f.data_format().unwrap_or(Format::Table),
            }
        };
        let out = Output::new(format, jq, color, stdout_tty, Box::new(std::io::stdout()));
        let config_path = config::path()?;
        let credentials = Credentials::new(config::state_dir());
        let mut ctx = Ctx {
            global,
            config: None,
            config_path,
            profile_name: String::new(),
            credentials,
            logger: Arc::new(Logger::quiet()),
            out,
            stdin_tty: std::io::stdin().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            sandbox: None,
            fresh_reads: false,
            emitted: std::sync::atomic::AtomicBool::new(false),
        };
        if ctx.global.sandbox {
            ctx.start_sandbox().await?;
        } else if let Some(loaded) = config::load(&ctx.config_path, &commerce::platform_names())? {
            for w in &loaded.warnings {
                eprintln!("warning: {w}");
            }
            ctx.config = Some(loaded.config);
        }
        ctx.profile_name = match (&ctx.global.profile, &ctx.config) {
            _ if ctx.global.sandbox => SANDBOX_PROFILE.to_string(),
            (Some(p), _) => p.clone(),
            (None, Some(c)) => c.default_profile.clone().unwrap_or_else(|| "default".into()),
            (None, None) => "default".into(),
        };
        let log_file = ctx.profile().ok().and_then(|p| p.log_file.clone()).map(expand_home);
        ctx.logger = Arc::new(Logger::new(ctx.global.verbose, log_file)?);
        Ok(ctx)
    }

    /// `--sandbox`: start the emulators in-process and point a demo profile at them.
    async fn start_sandbox(&mut self) -> Result<()> {
        use crate::sandbox::{Options, Sandbox};
        let sb = Sandbox::start(Options::default())
            .await
            .map_err(|e| Error::general(format!("cannot start the built-in sandbox: {e}")))?;
        let mut profile = Profile { default_store: Some("shopify".into()), ..Profile::default() };
        let mut creds = std::mem::replace(&mut self.credentials, Credentials::new(config::state_dir()));
        for d in sb.demo_stores() {
            let auth: AuthMode = serde_json::from_value(serde_json::Value::String(d.auth.into()))
                .map_err(|e| Error::general(format!("sandbox store {}: {e}", d.name)))?;
            let store = StoreConfig {
                platform: d.platform.into(),
                url: d.url.parse().map_err(|e| Error::general(format!("sandbox URL {}: {e}", d.url)))?,
                api_version: None,
                auth,
                client_id: d.client_id.map(str::to_string),
                credential_command: None,
                ca_file: None,
                rotate_after_days: None,
                signature_method: None,
                store_code: None,
            };
            profile.stores.insert(d.name.into(), store);
            for (field, value) in d.secrets {
                let id =
                    SecretId { profile: SANDBOX_PROFILE.into(), service: d.name.into(), field: field.into() };
                creds = creds.with_override(id, Secret::new(value));
            }
        }
        for g in sb.demo_gateways() {
            let gw = GatewayConfig {
                gateway: g.gateway.into(),
                url: Some(g.url.parse().map_err(|e| Error::general(format!("sandbox URL {}: {e}", g.url)))?),
                client_id: g.client_id.map(str::to_string),
                ..GatewayConfig::default()
            };
            profile.payments.insert(g.name.into(), gw);
            for (field, value) in g.secrets {
                let id =
                    SecretId { profile: SANDBOX_PROFILE.into(), service: g.name.into(), field: field.into() };
                creds = creds.with_override(id, Secret::new(value));
            }
        }
        for c in sb.demo_carriers() {
            let carrier = CarrierConfig {
                carrier: c.carrier.into(),
                url: Some(c.url.parse().map_err(|e| Error::general(format!("sandbox URL {}: {e}", c.url)))?),
                client_id: c.client_id.map(str::to_string),
                min_interval: c.min_interval.clone(),
                ..CarrierConfig::default()
            };
            profile.carriers.insert(c.name.into(), carrier);
            for (field, value) in c.secrets {
                let id =
                    SecretId { profile: SANDBOX_PROFILE.into(), service: c.name.into(), field: field.into() };
                creds = creds.with_override(id, Secret::new(value));
            }
        }
        // CRMs and analytics services: their profile entry is built from the demo's settings
        // through serde, as if read from the file.
        let entry = |kind_key: &str, d: &crate::sandbox::DemoService| {
            let mut m = serde_json::Map::new();
            m.insert(kind_key.into(), d.kind.into());
            m.insert("url".into(), d.url.clone().into());
            for (k, v) in &d.settings {
                m.insert((*k).into(), v.clone().into());
            }
            serde_json::Value::Object(m)
        };
        let bad = |name: &str, e: serde_json::Error| Error::general(format!("sandbox service {name}: {e}"));
        for d in sb.demo_crms() {
            let c: CrmConfig = serde_json::from_value(entry("crm", &d)).map_err(|e| bad(d.name, e))?;
            profile.crm.insert(d.name.into(), c);
        }
        for d in sb.demo_analytics() {
            let a: AnalyticsServiceConfig =
                serde_json::from_value(entry("service", &d)).map_err(|e| bad(d.name, e))?;
            profile.analytics.services.insert(d.name.into(), a);
        }
        for d in sb.demo_crms().into_iter().chain(sb.demo_analytics()) {
            for (field, value) in d.secrets {
                let id =
                    SecretId { profile: SANDBOX_PROFILE.into(), service: d.name.into(), field: field.into() };
                creds = creds.with_override(id, Secret::new(value));
            }
        }
        self.credentials = creds;
        let mut cfg = Config { default_profile: Some(SANDBOX_PROFILE.into()), ..Default::default() };
        cfg.profiles.insert(SANDBOX_PROFILE.into(), profile);
        self.config = Some(cfg);
        self.sandbox = Some(sb);
        Ok(())
    }

    /// The selected profile; a clear error when there is no config or no such profile.
    pub fn profile(&self) -> Result<&Profile> {
        let cfg = self.config.as_ref().ok_or_else(|| {
            Error::usage(format!("no config file at {}", self.config_path.display())).with_hint(
                "create one with `shopdesk config init`, or try the demo data: `shopdesk --sandbox order get 1001`",
            )
        })?;
        cfg.profiles.get(&self.profile_name).ok_or_else(|| {
            let known: Vec<&str> = cfg.profiles.keys().map(String::as_str).collect();
            Error::usage(format!("unknown profile `{}`", self.profile_name)).with_hint(if known.is_empty() {
                "the config file defines no profiles; see `shopdesk config show --default`".to_string()
            } else {
                format!("profiles in {}: {}", self.config_path.display(), known.join(", "))
            })
        })
    }

    /// Store names of the profile.
    pub fn store_names(&self) -> Result<Vec<String>> {
        Ok(self.profile()?.stores.keys().cloned().collect())
    }

    /// `--store all`?
    pub fn all_stores(&self) -> bool {
        self.global.store.as_deref() == Some("all")
    }

    /// The stores a read command covers: every store for `--store all`, else the selected one.
    pub fn selected_stores(&self) -> Result<Vec<String>> {
        if self.global.store.as_deref() == Some("all") {
            let names = self.store_names()?;
            if names.is_empty() {
                return Err(Error::usage(format!("profile `{}` has no stores", self.profile_name)));
            }
            return Ok(names);
        }
        Ok(vec![self.selected_store()?])
    }

    /// `--store`, or the profile's only store.
    pub fn selected_store(&self) -> Result<String> {
        let names = self.store_names()?;
        match &self.global.store {
            Some(s) if s == "all" => {
                Err(Error::usage("this command works on one store; --store all is for reads")
                    .with_hint(format!("pick one with --store (stores: {})", names.join(", "))))
            }
            Some(s) if names.contains(s) => Ok(s.clone()),
            Some(s) => Err(Error::usage(format!("unknown store `{s}` in profile `{}`", self.profile_name))
                .with_hint(if names.is_empty() {
                    "add a [profiles.NAME.stores.STORE] table".to_string()
                } else {
                    format!("stores: {}", names.join(", "))
                })),
            None if self.profile()?.default_store.is_some() => {
                let d = self.profile()?.default_store.clone().unwrap_or_default();
                if names.contains(&d) {
                    Ok(d)
                } else {
                    Err(Error::usage(format!(
                        "default_store `{d}` is not a store of profile `{}`",
                        self.profile_name
                    ))
                    .with_hint(format!("stores: {}", names.join(", "))))
                }
            }
            None => match names.as_slice() {
                [one] => Ok(one.clone()),
                [] => Err(Error::usage(format!("profile `{}` has no stores", self.profile_name)).with_hint(
                    "add one with `shopdesk config init` or see `shopdesk config show --default`",
                )),
                many => Err(Error::usage(format!(
                    "profile `{}` has several stores; pick one with --store",
                    self.profile_name
                ))
                .with_hint(format!("stores: {}", many.join(", ")))),
            },
        }
    }

    pub fn store_config(&self, name: &str) -> Result<&StoreConfig> {
        self.profile()?
            .stores
            .get(name)
            .ok_or_else(|| Error::usage(format!("unknown store `{name}` in profile `{}`", self.profile_name)))
    }

    /// The secret id a store's credential is stored under.
    pub fn secret_id(&self, store: &str, field: &str) -> SecretId {
        SecretId { profile: self.profile_name.clone(), service: store.into(), field: field.into() }
    }

    fn settings(&self, ca_file: Option<PathBuf>) -> Result<Settings> {
        let p = self.profile()?;
        let mut s = Settings::default();
        if let Some(r) = p.max_retries {
            s.max_retries = r;
        }
        if let Some(t) = p.timeout_secs {
            s.timeout = Duration::from_secs(t.max(1));
        }
        if let Some(m) = p.max_response_mb {
            s.max_body_bytes = m.max(1) * 1024 * 1024;
        }
        s.ca_file = ca_file.map(expand_home);
        let ttl = p.cache_ttl_secs.unwrap_or(300);
        if !self.global.no_cache && ttl > 0 && self.sandbox.is_none() {
            let cache = Cache::new(config::cache_dir(), Duration::from_secs(ttl));
            s.cache = Some(Arc::new(if self.fresh_reads { cache.invalidate_only() } else { cache }));
        }
        Ok(s)
    }

    /// The secrets a service (store, gateway or carrier) needs, by field name, from the credential
    /// chain (env, keyring, `credential_command`).
    async fn fetch_secrets(
        &self,
        service: &str,
        fields: &[&'static str],
        command: Option<&str>,
        what: &str,
    ) -> Result<HashMap<&'static str, Secret>> {
        let mut secrets = HashMap::new();
        for field in fields {
            let (secret, _source) = self
                .credentials
                .get(&self.secret_id(service, field), command)
                .await
                .map_err(|e| e.context(format!("{what} {service}")))?;
            secrets.insert(*field, secret);
        }
        Ok(secrets)
    }

    /// The transport client for a service, with the profile's settings.
    fn client(
        &self,
        service: &str,
        vendor: &str,
        url: url::Url,
        auth: AuthScheme,
        hooks: VendorHooks,
        ca_file: Option<PathBuf>,
    ) -> Result<Client> {
        Client::new(
            format!("{service} ({vendor})"),
            url,
            auth,
            hooks,
            self.settings(ca_file)?,
            self.logger.clone(),
        )
    }

    /// Open a store: secrets, transport, adapter.
    pub async fn open_store(&self, name: &str) -> Result<Box<dyn Commerce>> {
        let cfg = self.store_config(name)?.clone();
        let info = commerce::info(&cfg.platform)
            .ok_or_else(|| Error::usage(format!("store {name}: unsupported platform `{}`", cfg.platform)))?;
        let fields = commerce::secret_fields(name, &cfg)?;
        let secrets = self.fetch_secrets(name, fields, cfg.credential_command.as_deref(), "store").await?;
        let auth = commerce::auth_scheme(info, name, &cfg, &secrets)?;
        let client = self.client(name, info.name, cfg.url.clone(), auth, info.hooks, cfg.ca_file.clone())?;
        Ok((info.build)(Store { name: name.to_string(), config: cfg, client }))
    }

    /// The profile's payment gateways.
    pub fn gateway_names(&self) -> Result<Vec<String>> {
        Ok(self.profile()?.payments.keys().cloned().collect())
    }

    /// Which configured gateway handles payment `id`: `--gateway` (a gateway name in the
    /// profile, or a gateway kind such as `stripe`), else the kind the id's shape belongs to.
    pub fn select_gateway(&self, id: &str, given: Option<&str>) -> Result<String> {
        let p = self.profile()?;
        let names = self.gateway_names()?;
        let listed = || {
            if names.is_empty() {
                format!(
                    "add one: [profiles.{}.payments.stripe] gateway = \"stripe\" (see README, Payments)",
                    self.profile_name
                )
            } else {
                format!("gateways: {}", names.join(", "))
            }
        };
        let kind = match given {
            Some(g) if p.payments.contains_key(g) => return Ok(g.to_string()),
            Some(g) if payments::info(g).is_some() => g.to_string(),
            Some(g) => {
                return Err(Error::usage(format!(
                    "unknown gateway `{g}` in profile `{}`",
                    self.profile_name
                ))
                .with_hint(listed()));
            }
            None => payments::infer(id).map(|i| i.name.to_string()).ok_or_else(|| {
                Error::usage(format!("cannot tell which gateway payment `{id}` belongs to"))
                    .with_hint(format!("pass --gateway ({})", payments::gateway_names().join(", ")))
            })?,
        };
        let matching: Vec<&String> =
            p.payments.iter().filter(|(_, g)| g.gateway == kind).map(|(n, _)| n).collect();
        match matching.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::usage(format!(
                "profile `{}` has no {kind} gateway for payment `{id}`",
                self.profile_name
            ))
            .with_hint(listed())),
            many => Err(Error::usage(format!("profile `{}` has several {kind} gateways", self.profile_name))
                .with_hint(format!(
                    "pick one with --gateway ({})",
                    many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ))),
        }
    }

    /// Open a payment gateway: secrets, transport, adapter — the same path as a store.
    pub async fn open_gateway(&self, name: &str) -> Result<Box<dyn Payments>> {
        let cfg = self.profile()?.payments.get(name).cloned().ok_or_else(|| {
            Error::usage(format!("unknown gateway `{name}` in profile `{}`", self.profile_name))
        })?;
        let info = payments::info(&cfg.gateway).ok_or_else(|| {
            Error::usage(format!("gateway {name}: unsupported gateway `{}`", cfg.gateway))
                .with_hint(format!("supported: {}", payments::gateway_names().join(", ")))
        })?;
        let secrets = self
            .fetch_secrets(name, info.secret_fields, cfg.credential_command.as_deref(), "gateway")
            .await?;
        let auth = (info.auth)(name, &cfg, &secrets)?;
        let live = (info.is_live)(&cfg, &secrets);
        let client =
            self.client(name, info.name, info.base_url(&cfg)?, auth, info.hooks, cfg.ca_file.clone())?;
        Ok((info.build)(Gateway { name: name.to_string(), config: cfg, client, live }))
    }

    /// The profile's carriers (`[profiles.X.carriers.NAME]`).
    pub fn carrier_names(&self) -> Result<Vec<String>> {
        Ok(self.profile()?.carriers.keys().cloned().collect())
    }

    /// The profile's carrier entry `name`, with `environment` defaulted from the profile.
    pub fn carrier_config(&self, name: &str) -> Result<CarrierConfig> {
        let p = self.profile()?;
        let mut cfg = p.carriers.get(name).cloned().ok_or_else(|| {
            let known = self.carrier_names().unwrap_or_default();
            Error::usage(format!("unknown carrier `{name}` in profile `{}`", self.profile_name)).with_hint(
                if known.is_empty() {
                    format!(
                        "add one: [profiles.{}.carriers.ups] carrier = \"ups\" (see README, Tracking)",
                        self.profile_name
                    )
                } else {
                    format!("carriers: {}", known.join(", "))
                },
            )
        })?;
        if cfg.environment.is_none() {
            let env = if p.environment == Environment::Production { "production" } else { "test" };
            cfg.environment = Some(env.into());
        }
        Ok(cfg)
    }

    /// Open a carrier: secrets, transport, adapter — the same path as a store or a gateway.
    pub async fn open_carrier(&self, name: &str) -> Result<Box<dyn Carrier>> {
        let cfg = self.carrier_config(name)?;
        let info = carriers::info(&cfg.carrier).ok_or_else(|| {
            Error::usage(format!("carrier {name}: unsupported carrier `{}`", cfg.carrier))
                .with_hint(format!("supported: {}", carriers::carrier_names().join(", ")))
        })?;
        let secrets = self
            .fetch_secrets(name, info.secret_fields, cfg.credential_command.as_deref(), "carrier")
            .await?;
        let auth = (info.auth)(name, &cfg, &secrets)?;
        let mut client =
            self.client(name, info.name, info.base_url(&cfg)?, auth, info.hooks, cfg.ca_file.clone())?;
        client.settings.min_interval = self.carrier_min_interval(name)?;
        Ok((info.build)(Account { name: name.to_string(), config: cfg, client }))
    }

    /// The gap a carrier's requests keep: the profile's `min_interval`, else the carrier's
    /// published default (DHL's free tier).
    pub fn carrier_min_interval(&self, name: &str) -> Result<std::time::Duration> {
        let cfg = self.carrier_config(name)?;
        let default = carriers::info(&cfg.carrier).map(|i| i.min_interval).unwrap_or_default();
        Ok(cfg
            .min_interval()
            .map_err(|e| Error::usage(format!("carrier {name}: min_interval: {e}")))?
            .unwrap_or(default))
    }

    /// The profile's CRMs (`[profiles.X.crm.NAME]`).
    pub fn crm_names(&self) -> Result<Vec<String>> {
        Ok(self.profile()?.crm.keys().cloned().collect())
    }

    /// The CRM `--to NAME` names: a CRM's name in the profile, or a kind (`hubspot`) the
    /// profile has exactly one of.
    pub fn select_crm(&self, given: &str) -> Result<String> {
        let p = self.profile()?;
        if p.crm.contains_key(given) {
            return Ok(given.to_string());
        }
        let of_kind: Vec<&String> = p.crm.iter().filter(|(_, c)| c.crm == given).map(|(n, _)| n).collect();
        match of_kind.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::usage(format!("profile `{}` has no CRM `{given}`", self.profile_name))
                .with_hint(if p.crm.is_empty() {
                    format!(
                        "add one: [profiles.{}.crm.hubspot] crm = \"hubspot\" (see README, Customers)",
                        self.profile_name
                    )
                } else {
                    format!("its CRMs: {}", p.crm.keys().cloned().collect::<Vec<_>>().join(", "))
                })),
            many => Err(Error::usage(format!("profile `{}` has several {given} CRMs", self.profile_name))
                .with_hint(format!(
                    "name one: {}",
                    many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ))),
        }
    }

    /// Open a CRM: secrets, transport, adapter — the same path as a store or a carrier.
    pub async fn open_crm(&self, name: &str) -> Result<Box<dyn crm::Crm>> {
        let cfg = self.profile()?.crm.get(name).cloned().ok_or_else(|| {
            Error::usage(format!("unknown CRM `{name}` in profile `{}`", self.profile_name))
        })?;
        let info = crm::info(&cfg.crm).ok_or_else(|| {
            Error::usage(format!("crm {name}: unsupported CRM `{}`", cfg.crm))
                .with_hint(format!("supported: {}", crm::crm_names().join(", ")))
        })?;
        let secrets = self
            .fetch_secrets(name, (info.secret_fields)(&cfg), cfg.credential_command.as_deref(), "crm")
            .await?;
        let auth = (info.auth)(name, &cfg, &secrets)?;
        let client =
            self.client(name, info.name, info.base_url(name, &cfg)?, auth, info.hooks, cfg.ca_file.clone())?;
        Ok((info.build)(crm::Account { name: name.to_string(), config: cfg, client }))
    }

    /// The profile's analytics services (`[profiles.X.analytics.NAME]`).
    pub fn analytics_names(&self) -> Result<Vec<String>> {
        Ok(self.profile()?.analytics.services.keys().cloned().collect())
    }

    /// Open an analytics service: secrets, then the adapter, which makes its transport clients.
    pub async fn open_analytics(&self, name: &str) -> Result<Box<dyn analytics::Analytics>> {
        let cfg = self.profile()?.analytics.services.get(name).cloned().ok_or_else(|| {
            let known = self.analytics_names().unwrap_or_default();
            Error::usage(format!("unknown analytics service `{name}` in profile `{}`", self.profile_name))
                .with_hint(if known.is_empty() {
                    format!(
                        "add one: [profiles.{}.analytics.mixpanel] service = \"mixpanel\" (see README, Analytics)",
                        self.profile_name
                    )
                } else {
                    format!("its analytics services: {}", known.join(", "))
                })
        })?;
        let info = analytics::info(&cfg.service).ok_or_else(|| {
            Error::usage(format!("analytics {name}: unsupported service `{}`", cfg.service))
                .with_hint(format!("supported: {}", analytics::service_names().join(", ")))
        })?;
        let secrets = self
            .fetch_secrets(name, (info.secret_fields)(&cfg), cfg.credential_command.as_deref(), "analytics")
            .await?;
        let settings = self.settings(cfg.ca_file.clone())?;
        let logger = self.logger.clone();
        let label = format!("{name} ({})", info.name);
        let connect: analytics::Connect = Box::new(move |url, auth, hooks| {
            Client::new(label.clone(), url, auth, hooks, settings.clone(), logger.clone())
        });
        (info.build)(analytics::Account { name: name.to_string(), config: cfg, secrets, connect })
    }

    /// The journal and audit log (`journal.sqlite3` in the state dir). Under `--sandbox` a
    /// separate file whose entries are cleared each run, since the emulators start afresh.
    pub fn journal(&self) -> Result<crate::journal::Journal> {
        let dir = config::state_dir();
        if self.sandbox.is_some() {
            let j = crate::journal::Journal::open(&dir.join("sandbox-journal.sqlite3"))?;
            j.clear_entries()?;
            return Ok(j);
        }
        crate::journal::Journal::open(&dir.join("journal.sqlite3"))
    }

    /// Is an interactive prompt possible?
    pub fn can_prompt(&self) -> bool {
        self.stdin_tty && self.stderr_tty && std::env::var_os("CI").is_none()
    }

    /// `--format junit` (only `test-connection` accepts it).
    pub fn wants_junit(&self) -> bool {
        self.global.format == Some(OutFormat::Junit)
    }
}

/// `~/x` → `$HOME/x`.
pub fn expand_home(p: PathBuf) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    p
}
