//! Where secrets come from, and where `auth login` puts them.
//!
//! A support agent's machine, a CI runner and a headless server need different answers, so every
//! secret is looked up in a fixed order and the first hit wins:
//!
//! 1. **Sandbox override** — in-memory values for the built-in sandbox profile, so `--sandbox`
//!    never touches the user's keyring.
//! 2. **Environment variable** `SHOPDESK_<PROFILE>_<SERVICE>_<FIELD>` ([`SecretId::env_var`]) — for
//!    CI and servers. It is checked before the keyring so that a CI job is never blocked by a
//!    keyring it does not have.
//! 3. **`credential_command`** from the profile, run via `sh -c` (1Password, Vault, pass…). If it
//!    is configured it is authoritative: a failing command is an error, never a silent fallback to
//!    a possibly stale keyring copy.
//! 4. **The OS keyring** (service `shopdesk`, account `<profile>/<service>/<field>`): Secret Service
//!    or kernel keyutils on Linux, Keychain on macOS, Credential Manager on Windows. See
//!    [`keyring`] for backend selection, timeouts and the `SHOPDESK_KEYRING` override.
//!
//! There is deliberately **no plaintext file fallback**: users asked for a keyring that fails
//! loudly rather than one that quietly writes tokens to disk (cli/cli#10108, #12418).
//!
//! Values are only ever carried as [`Secret`]; errors and [`SecretStatus`] name *where* a secret
//! comes from and never contain it. The time each keyring secret was set is kept, without the
//! value, in `<state_dir>/credentials.toml` so `auth status` can flag keys due for rotation.

mod command;
mod env;
pub mod keyring;
mod meta;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::Error;
use crate::secret::Secret;

use self::env::EnvLookup;
use self::keyring::{Failure, Keyring};
use self::meta::Meta;

pub use self::keyring::{BACKEND_ENV, BACKENDS, SERVICE as KEYRING_SERVICE};

/// Names one secret: which profile, which configured service (store, payment provider, carrier…),
/// and which field of its credentials.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretId {
    pub profile: String,
    pub service: String,
    pub field: String,
}

impl SecretId {
    pub fn new(profile: impl Into<String>, service: impl Into<String>, field: impl Into<String>) -> Self {
        SecretId { profile: profile.into(), service: service.into(), field: field.into() }
    }

    /// The environment variable that supplies this secret:
    /// `SHOPDESK_<PROFILE>_<SERVICE>_<FIELD>`, upper-cased, non-alphanumerics replaced by `_`.
    pub fn env_var(&self) -> String {
        env::var_name(&self.profile, &self.service, &self.field)
    }

    /// The keyring account name, `<profile>/<service>/<field>` (the keyring service is `shopdesk`).
    pub fn account(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for SecretId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.profile, self.service, self.field)
    }
}

/// Where a secret came from (or would come from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An environment variable; holds its name.
    Env(String),
    /// The profile's `credential_command`.
    Command,
    /// The OS keyring; holds the backend: "secret-service", "keyutils", "keychain" or "windows".
    Keyring(&'static str),
    /// An in-memory value of the built-in sandbox profile.
    Sandbox,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Env(var) => write!(f, "env {var}"),
            Source::Command => f.write_str("credential_command"),
            Source::Keyring(backend) => write!(f, "keyring ({backend})"),
            Source::Sandbox => f.write_str("sandbox"),
        }
    }
}

/// What `auth status` shows for one secret. Never holds the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretStatus {
    pub id: SecretId,
    /// Where the secret would come from; `None` if it is not available anywhere.
    pub source: Option<Source>,
    /// When `auth login` stored it in the keyring (keyring sources only).
    pub set_at: Option<jiff::Timestamp>,
    /// Something the user should know or fix (keyring locked, secret lost at reboot, …).
    pub problem: Option<String>,
}

impl SecretStatus {
    /// Whole days since the secret was set, if known.
    pub fn age_days(&self, now: jiff::Timestamp) -> Option<i64> {
        self.set_at.map(|t| (now.as_second() - t.as_second()).div_euclid(86_400))
    }
}

/// The secret lookup service. Cheap to clone.
#[derive(Clone)]
pub struct Credentials {
    state_dir: PathBuf,
    meta: Meta,
    overrides: HashMap<SecretId, Secret>,
    keyring: Keyring,
    env: EnvLookup,
    keyring_timeout: Duration,
    command_timeout: Duration,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("state_dir", &self.state_dir)
            .field("overrides", &self.overrides.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// Credentials backed by the process environment and the OS keyring. `state_dir` holds the
    /// non-secret metadata file (see [`Credentials::default_state_dir`]).
    pub fn new(state_dir: PathBuf) -> Self {
        Credentials {
            meta: Meta::new(&state_dir),
            state_dir,
            overrides: HashMap::new(),
            keyring: Keyring::Os,
            env: EnvLookup::process(),
            keyring_timeout: keyring::TIMEOUT,
            command_timeout: command::TIMEOUT,
        }
    }

    /// The platform's state directory for shopdesk (`$XDG_STATE_HOME/shopdesk`, usually
    /// `~/.local/state/shopdesk`; the local data directory where there is no state directory).
    pub fn default_state_dir() -> Option<PathBuf> {
        let dirs = directories::ProjectDirs::from("", "", "shopdesk")?;
        Some(dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_path_buf())
    }

    /// Adds an in-memory value that wins over every other source (the sandbox profile).
    pub fn with_override(mut self, id: SecretId, value: Secret) -> Self {
        self.overrides.insert(id, value);
        self
    }

    /// Whether an in-memory (sandbox) value exists for `id`; looks nowhere else.
    pub fn has_override(&self, id: &SecretId) -> bool {
        self.overrides.contains_key(id)
    }

    /// The directory holding the metadata file.
    pub fn state_dir(&self) -> &Path {
        &self.state_dir
    }

    /// The metadata file (set times, no secrets).
    pub fn metadata_path(&self) -> &Path {
        self.meta.path()
    }

    /// Use `store` instead of the OS keyring (tests).
    #[cfg(test)]
    pub(crate) fn with_store(
        mut self,
        store: std::sync::Arc<keyring_core::CredentialStore>,
        name: &'static str,
    ) -> Self {
        self.keyring = Keyring::Fixed(keyring::Selected { store, name });
        self
    }

    /// Read variables from `env` instead of the process environment (tests).
    #[cfg(test)]
    pub(crate) fn with_env(mut self, env: EnvLookup) -> Self {
        self.env = env;
        self
    }

    #[cfg(test)]
    pub(crate) fn with_timeouts(mut self, keyring: Duration, command: Duration) -> Self {
        self.keyring_timeout = keyring;
        self.command_timeout = command;
        self
    }

    /// The secret and where it came from: sandbox override, then env var, then `command` (the
    /// profile's credential_command, if configured), then the OS keyring.
    pub async fn get(&self, id: &SecretId, command: Option<&str>) -> Result<(Secret, Source), Error> {
        if let Some(value) = self.overrides.get(id) {
            return Ok((value.clone(), Source::Sandbox));
        }
        let var = id.env_var();
        if let Some(value) = self.env.get(&var) {
            return Ok((Secret::new(value), Source::Env(var)));
        }
        if let Some(command) = command {
            let value = command::run(command, &id.to_string(), self.command_timeout).await?;
            return Ok((value, Source::Command));
        }
        let read = self.keyring.call(&id.account(), self.keyring_timeout, |e| e.get_password()).await;
        match read {
            Ok((value, backend)) if !value.is_empty() => Ok((Secret::new(value), Source::Keyring(backend))),
            Ok(_) | Err(Failure::Store(_, keyring_core::Error::NoEntry)) => Err(self.missing(id)),
            Err(failure) => Err(self.keyring_error(id, "read", failure)),
        }
    }

    /// Stores `value` in the OS keyring and records the time. Returns where it went.
    pub async fn set(&self, id: &SecretId, value: &Secret) -> Result<Source, Error> {
        if value.expose().trim().is_empty() {
            return Err(Error::usage(format!("refusing to store an empty secret for {id}")).with_hint(
                "pass the token on stdin, e.g. `shopdesk auth login <service> --with-token < token.txt`",
            ));
        }
        let account = id.account();
        let plain = value.expose().to_string();
        let ((), backend) = self
            .keyring
            .call(&account, self.keyring_timeout, move |e| e.set_password(&plain))
            .await
            .map_err(|f| self.keyring_error(id, "store", f))?;
        if let Err(e) = self.meta.record_set(&account, backend, jiff::Timestamp::now()) {
            eprintln!("warning: stored {id} in the keyring, but could not record when: {}", e.message);
        }
        Ok(Source::Keyring(backend))
    }

    /// Deletes the keyring item. `Ok(true)` if there was one.
    pub async fn delete(&self, id: &SecretId) -> Result<bool, Error> {
        let account = id.account();
        let deleted = match self.keyring.call(&account, self.keyring_timeout, |e| e.delete_credential()).await
        {
            Ok(_) => true,
            Err(Failure::Store(_, keyring_core::Error::NoEntry)) => false,
            Err(failure) => return Err(self.keyring_error(id, "delete", failure)),
        };
        if let Err(e) = self.meta.remove(&account) {
            eprintln!("warning: could not update {}: {}", self.meta.path().display(), e.message);
        }
        Ok(deleted)
    }

    /// Where the secret would come from, and how old it is. Never returns or prints the value,
    /// and never runs the credential_command (it only reports that one is configured).
    pub async fn status(&self, id: &SecretId, command: Option<&str>) -> SecretStatus {
        let mut status = SecretStatus { id: id.clone(), source: None, set_at: None, problem: None };
        if self.overrides.contains_key(id) {
            status.source = Some(Source::Sandbox);
            return status;
        }
        let var = id.env_var();
        if self.env.get(&var).is_some() {
            status.source = Some(Source::Env(var));
            return status;
        }
        if command.is_some() {
            status.source = Some(Source::Command);
            return status;
        }
        let account = id.account();
        let record = match self.meta.get(&account) {
            Ok(r) => r,
            Err(e) => {
                status.problem = Some(e.message);
                None
            }
        };
        let found = self
            .keyring
            .call(&account, self.keyring_timeout, |e| e.get_secret().map(|v| !v.is_empty()))
            .await;
        match found {
            Ok((true, backend)) => {
                status.source = Some(Source::Keyring(backend));
                status.set_at = record.map(|r| r.set_at);
            }
            Ok((false, _)) | Err(Failure::Store(_, keyring_core::Error::NoEntry)) => {
                if let Some(r) = record {
                    status.problem = Some(format!(
                        "stored in the {} keyring at {}, but it is no longer there{}",
                        r.backend,
                        r.set_at,
                        lost_reason(&r.backend)
                    ));
                }
            }
            Err(failure) => {
                let e = self.keyring_error(id, "check", failure);
                status.problem = Some(match e.hint {
                    Some(h) => format!("{}; to fix: {h}", e.message),
                    None => e.message,
                });
            }
        }
        status
    }

    /// The error for a secret that is not available anywhere: names all three ways to provide it.
    fn missing(&self, id: &SecretId) -> Error {
        let profile_flag =
            if id.profile == "default" { String::new() } else { format!(" --profile {}", id.profile) };
        let mut message = format!("no secret for {id}");
        if let Ok(Some(r)) = self.meta.get(&id.account()) {
            message.push_str(&format!(
                " (it was stored in the {} keyring at {}{})",
                r.backend,
                r.set_at,
                lost_reason(&r.backend)
            ));
        }
        Error::auth(message).with_hint(format!(
            "store it with `shopdesk{profile_flag} auth login {}` (add --with-token to read it from \
             stdin), or set the environment variable {}, or set credential_command in profile `{}`",
            id.service,
            id.env_var(),
            id.profile
        ))
    }

    /// Turns a keyring failure into an error that names the cause and the way around it.
    fn keyring_error(&self, id: &SecretId, action: &str, failure: Failure) -> Error {
        let hint = keyring::hint(&id.env_var());
        match failure {
            Failure::Unavailable(e) => {
                let e = e.context(format!("cannot {action} {id}"));
                if e.hint.is_some() { e } else { e.with_hint(hint) }
            }
            Failure::Timeout(d) => Error::auth(format!(
                "the OS keyring did not answer within {} s (trying to {action} {id})",
                d.as_secs_f32()
            ))
            .with_hint(hint),
            Failure::Store(backend, e) => Error::auth(format!(
                "could not {action} {id} in the {backend} keyring: {}",
                keyring::describe(&e)
            ))
            .with_hint(hint),
        }
    }
}

fn lost_reason(backend: &str) -> &'static str {
    if backend == "keyutils" { "; the kernel keyring forgets secrets at reboot" } else { "" }
}

#[cfg(test)]
mod tests;
