//! The OS keyring, behind `keyring-core` and one store crate per platform.
//!
//! Why it looks like this (see `shared/reference/crates.md` §2):
//!
//! - **Store selection is lazy and happens once per process** ([`OnceLock`]). Commands that never
//!   touch the keyring (env vars, credential_command, sandbox) never open a D-Bus connection, and
//!   the keyutils fallback warning is printed at most once.
//! - **Linux: Secret Service first, kernel keyutils as a fallback.** The zbus Secret Service store
//!   (feature `crypto-rust`, which uses its own async-io executor; the `rt-tokio-*` features
//!   panic inside our runtime) persists secrets on disk via gnome-keyring / KWallet / KeePassXC.
//!   If there is no session bus or no Secret Service on it (`PlatformFailure`, `NoStorageAccess`,
//!   `NoDefaultStore` from the store constructor), we fall back to keyutils and warn that keyutils
//!   keeps secrets only in kernel memory, so they are gone after a reboot. A Secret Service that
//!   exists but is *locked* is not a reason to fall back: silently moving a secret from a durable
//!   keyring to one that forgets at reboot would surprise the user later, so that case is an error
//!   whose hint says how to unlock it (or to choose keyutils explicitly).
//! - **`SHOPDESK_KEYRING` forces a backend** (`secret-service` or `keyutils` on Linux, `keychain`
//!   on macOS, `windows` on Windows), with no fallback and no warning. CI and the real-keyring
//!   tests use it; users on headless servers who accept keyutils use it to silence the warning.
//! - **Every call runs on the blocking pool under a timeout.** The stores are synchronous and a
//!   D-Bus call can hang (a daemon waiting for an unlock prompt that no one can see), so each call
//!   runs in `spawn_blocking` and we stop waiting after [`TIMEOUT`]. The blocked thread cannot be
//!   cancelled; it is abandoned. Note for `main`: tokio waits for running blocking tasks when the
//!   runtime is dropped, so exit with `std::process::exit` (or `Runtime::shutdown_timeout`) after
//!   an error rather than returning from an async `main`.
//! - **There is no plaintext fallback**, ever. If no keyring works the user is told to use the env
//!   var or a credential_command.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};

use crate::error::Error;

/// The keyring service name every shopdesk secret is stored under.
pub const SERVICE: &str = "shopdesk";

/// The environment variable that forces a keyring backend.
pub const BACKEND_ENV: &str = "SHOPDESK_KEYRING";

/// How long we wait for any one keyring call.
pub const TIMEOUT: Duration = Duration::from_secs(3);

/// A chosen store and its short name (shown by `auth status` as `keyring (<name>)`).
#[derive(Clone)]
pub(crate) struct Selected {
    pub store: Arc<CredentialStore>,
    pub name: &'static str,
}

/// Which keyring a [`super::Credentials`] talks to.
#[derive(Clone)]
pub(crate) enum Keyring {
    /// The platform keyring, selected on first use (see module docs).
    Os,
    /// A store chosen by the caller (unit tests use `keyring_core::mock`).
    #[cfg_attr(not(test), allow(dead_code))]
    Fixed(Selected),
}

/// Why a keyring call did not produce an answer.
pub(crate) enum Failure {
    /// No store could be opened; the error is ready to show.
    Unavailable(Error),
    /// The call did not return in time.
    Timeout(Duration),
    /// The store answered with an error.
    Store(&'static str, keyring_core::Error),
}

static SELECTED: OnceLock<Result<Selected, Error>> = OnceLock::new();

impl Keyring {
    /// Runs `op` on the entry for `account`, off the async threads, under `timeout`.
    /// Returns the result together with the backend name.
    pub(crate) async fn call<T, F>(
        &self,
        account: &str,
        timeout: Duration,
        op: F,
    ) -> Result<(T, &'static str), Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Entry) -> keyring_core::Result<T> + Send + 'static,
    {
        let this = self.clone();
        let account = account.to_string();
        let task = tokio::task::spawn_blocking(move || {
            let sel = match this {
                Keyring::Os => SELECTED.get_or_init(select).clone(),
                Keyring::Fixed(s) => Ok(s),
            }
            .map_err(Failure::Unavailable)?;
            let entry = Entry::new_in_store(&sel.store, SERVICE, &account)
                .map_err(|e| Failure::Store(sel.name, e))?;
            op(&entry).map(|v| (v, sel.name)).map_err(|e| Failure::Store(sel.name, e))
        });
        match tokio::time::timeout(timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => {
                Err(Failure::Unavailable(Error::general(format!("the keyring call crashed: {join}"))))
            }
            Err(_) => Err(Failure::Timeout(timeout)),
        }
    }
}

/// A description of a keyring error that never includes secret bytes (`BadEncoding` and
/// `BadDataFormat` carry the raw value, so they must never be `Debug`-printed).
pub(crate) fn describe(e: &keyring_core::Error) -> String {
    use keyring_core::Error as K;
    match e {
        K::NoStorageAccess(inner) => format!("the keyring is locked or refused access ({inner})"),
        K::PlatformFailure(inner) => format!("the keyring failed ({inner})"),
        K::BadEncoding(_) | K::BadDataFormat(..) => "the stored value is not readable text".to_string(),
        K::Ambiguous(items) => format!("{} keyring items match this account", items.len()),
        K::NoEntry => "no such keyring item".to_string(),
        other => other.to_string(),
    }
}

/// The hint shared by keyring errors: how to make the keyring work, or how to avoid it.
pub(crate) fn hint(env_var: &str) -> String {
    let fix = if cfg!(target_os = "linux") {
        "start and unlock a Secret Service (e.g. `gnome-keyring-daemon --unlock --components=secrets`, \
         or log in to a desktop session), or set SHOPDESK_KEYRING=keyutils to use the kernel \
         keyring (kept until reboot); "
    } else {
        "unlock the OS keyring; "
    };
    format!("{fix}or skip the keyring: set {env_var}, or set credential_command in the profile")
}

/// Picks the store for this process. Called once.
fn select() -> Result<Selected, Error> {
    match std::env::var(BACKEND_ENV) {
        Ok(name) if !name.is_empty() => forced(&name),
        _ => automatic(),
    }
}

fn open_failed(name: &str, e: &keyring_core::Error) -> Error {
    Error::auth(format!("could not open the {name} keyring: {}", describe(e)))
}

fn forced(name: &str) -> Result<Selected, Error> {
    #[allow(unused_variables)]
    let try_open = |n: &'static str| open(n).map_err(|e| open_failed(n, &e));
    let result = match name {
        #[cfg(target_os = "linux")]
        "secret-service" => try_open("secret-service"),
        #[cfg(target_os = "linux")]
        "keyutils" => try_open("keyutils"),
        #[cfg(target_os = "macos")]
        "keychain" => try_open("keychain"),
        #[cfg(target_os = "windows")]
        "windows" => try_open("windows"),
        other => {
            return Err(Error::usage(format!(
                "{BACKEND_ENV}={other} is not a keyring backend on this system"
            ))
            .with_hint(format!("use one of: {}, or unset {BACKEND_ENV}", BACKENDS.join(", "))));
        }
    };
    result.map_err(|e| {
        e.with_hint(format!("{BACKEND_ENV}={name} forces this backend; unset it to let shopdesk choose"))
    })
}

/// The backend names `SHOPDESK_KEYRING` accepts on this platform.
pub const BACKENDS: &[&str] = if cfg!(target_os = "linux") {
    &["secret-service", "keyutils"]
} else if cfg!(target_os = "macos") {
    &["keychain"]
} else if cfg!(target_os = "windows") {
    &["windows"]
} else {
    &[]
};

#[cfg(target_os = "linux")]
fn open(name: &'static str) -> keyring_core::Result<Selected> {
    let store: Arc<CredentialStore> = match name {
        "secret-service" => zbus_secret_service_keyring_store::Store::new()?,
        "keyutils" => linux_keyutils_keyring_store::Store::new()?,
        _ => unreachable!("unknown backend {name}"),
    };
    Ok(Selected { store, name })
}

#[cfg(target_os = "macos")]
fn open(name: &'static str) -> keyring_core::Result<Selected> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(Selected { store, name })
}

#[cfg(target_os = "windows")]
fn open(name: &'static str) -> keyring_core::Result<Selected> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(Selected { store, name })
}

#[cfg(target_os = "linux")]
fn automatic() -> Result<Selected, Error> {
    use keyring_core::Error as K;
    match open("secret-service") {
        Ok(sel) => Ok(sel),
        Err(ss @ (K::PlatformFailure(_) | K::NoStorageAccess(_) | K::NoDefaultStore)) => {
            let sel = open("keyutils").map_err(|ku| {
                Error::auth(format!(
                    "no OS keyring is usable: Secret Service: {}; kernel keyutils: {}",
                    describe(&ss),
                    describe(&ku)
                ))
            })?;
            eprintln!(
                "warning: no Secret Service keyring is available ({}); using the kernel keyring \
                 (keyutils) instead, which keeps secrets only until the next reboot. Start and \
                 unlock gnome-keyring (or another Secret Service) for durable storage, or set \
                 {BACKEND_ENV}=keyutils to accept this and silence the warning.",
                describe(&ss)
            );
            Ok(sel)
        }
        Err(e) => Err(open_failed("secret-service", &e)),
    }
}

#[cfg(target_os = "macos")]
fn automatic() -> Result<Selected, Error> {
    open("keychain").map_err(|e| open_failed("keychain", &e))
}

#[cfg(target_os = "windows")]
fn automatic() -> Result<Selected, Error> {
    open("windows").map_err(|e| open_failed("windows", &e))
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn automatic() -> Result<Selected, Error> {
    Err(Error::auth("shopdesk has no OS keyring support on this platform"))
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn open(name: &'static str) -> keyring_core::Result<Selected> {
    Err(keyring_core::Error::NotSupportedByStore(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;

    #[test]
    fn unknown_forced_backend_is_a_usage_error() {
        let e = forced("plaintext").err().unwrap();
        assert_eq!(e.kind, Kind::Usage);
        assert!(e.message.contains("SHOPDESK_KEYRING=plaintext"), "{}", e.message);
        let hint = e.hint.unwrap();
        for name in BACKENDS {
            assert!(hint.contains(name), "{hint}");
        }
    }

    #[test]
    fn descriptions_never_contain_stored_bytes() {
        let raw = b"shpat_secret_bytes".to_vec();
        for e in [
            keyring_core::Error::BadEncoding(raw.clone()),
            keyring_core::Error::BadDataFormat(raw.clone(), "bad padding".into()),
        ] {
            let text = describe(&e);
            assert!(!text.contains("shpat_secret_bytes"), "{text}");
        }
    }
}
