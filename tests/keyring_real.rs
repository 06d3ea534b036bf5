//! The credentials module against real OS keyrings, end to end (Linux).
//!
//! Unit tests use keyring-core's mock store; these prove the real stores work the way
//! `shared/reference/crates.md` §2.3/§2.4 says, inside throwaway sessions so nothing touches the
//! developer's own keyring:
//!
//! - **Secret Service**: a private D-Bus session (`dbus-run-session`) with a gnome-keyring whose
//!   login keyring is created and unlocked with a fixed password in a temporary HOME.
//! - **keyutils**: a fresh session keyring (`keyctl session -`), which the kernel keyring needs to
//!   be writable (without one, `set` fails with `NoStorageAccess`).
//! - **fallback**: the same keyutils session, but with a session bus address that leads nowhere and
//!   no `SHOPDESK_KEYRING`: the automatic choice must fall back to keyutils and warn exactly once.
//!
//! Each outer test re-runs this test binary inside the prepared session, filtered to the
//! [`inner_round_trip`] test, which is a no-op unless `SHOPDESK_TEST_REAL_KEYRING_INNER` is set.
//! Missing tools fail the test with the Debian package to install, unless
//! `SHOPDESK_SKIP_REAL_KEYRING=1`.
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use shopdesk::credentials::{Credentials, SecretId, Source};
use shopdesk::secret::Secret;

/// Which scenario the inner run checks: "secret-service", "keyutils" or "fallback".
const INNER_ENV: &str = "SHOPDESK_TEST_REAL_KEYRING_INNER";
/// A file the inner run writes when it got to the end, so a filtered-out run cannot pass.
const MARKER_ENV: &str = "SHOPDESK_TEST_REAL_KEYRING_MARKER";
const SKIP_ENV: &str = "SHOPDESK_SKIP_REAL_KEYRING";
/// The password of the throwaway login keyring (fresh HOME every run).
const KEYRING_PASSWORD: &str = "shopdesk-ci-keyring";
const WARNING: &str = "warning: no Secret Service keyring is available";

#[test]
fn secret_service_round_trip() {
    let Some(tools) = require(&[
        ("dbus-run-session", "dbus-daemon"),
        ("gnome-keyring-daemon", "gnome-keyring"),
        ("secret-tool", "libsecret-tools"),
    ]) else {
        return;
    };
    let sandbox = Sandbox::new();
    let script = format!(
        "echo -n '{KEYRING_PASSWORD}' | gnome-keyring-daemon --unlock --components=secrets \
         >/dev/null && exec \"$@\""
    );
    let mut cmd = Command::new(&tools[0]);
    cmd.args(["--", "sh", "-c", &script, "sh"]);
    let out = sandbox.run_inner(cmd, "secret-service", Some("secret-service"));
    sandbox.assert_passed(&out);
    assert!(!stderr(&out).contains(WARNING), "{}", stderr(&out));
}

#[test]
fn keyutils_round_trip() {
    let Some(tools) = require(&[("keyctl", "keyutils")]) else {
        return;
    };
    let sandbox = Sandbox::new();
    let mut cmd = Command::new(&tools[0]);
    cmd.args(["session", "-"]);
    let out = sandbox.run_inner(cmd, "keyutils", Some("keyutils"));
    sandbox.assert_passed(&out);
    assert!(!stderr(&out).contains(WARNING), "{}", stderr(&out));
}

#[test]
fn falls_back_to_keyutils_without_secret_service() {
    let Some(tools) = require(&[("keyctl", "keyutils")]) else {
        return;
    };
    let sandbox = Sandbox::new();
    let mut cmd = Command::new(&tools[0]);
    cmd.args(["session", "-"]);
    let no_bus = format!("unix:path={}", sandbox.dir.path().join("no-bus").display());
    cmd.env("DBUS_SESSION_BUS_ADDRESS", no_bus);
    let out = sandbox.run_inner(cmd, "fallback", None);
    sandbox.assert_passed(&out);
    let err = stderr(&out);
    assert_eq!(err.matches(WARNING).count(), 1, "warning not printed once:\n{err}");
    assert!(err.contains("until the next reboot"), "{err}");
}

#[test]
fn locked_secret_service_is_an_error_not_a_fallback() {
    let Some(tools) =
        require(&[("dbus-run-session", "dbus-daemon"), ("gnome-keyring-daemon", "gnome-keyring")])
    else {
        return;
    };
    let sandbox = Sandbox::new();
    // gnome-keyring is D-Bus activated on first use, but no login keyring was ever unlocked.
    let mut cmd = Command::new(&tools[0]);
    cmd.arg("--");
    let out = sandbox.run_inner(cmd, "locked", None);
    sandbox.assert_passed(&out);
    assert!(!stderr(&out).contains(WARNING), "{}", stderr(&out));
}

/// Runs inside the prepared session; does nothing in a normal `cargo test` run.
#[test]
fn inner_round_trip() {
    let Ok(mode) = std::env::var(INNER_ENV) else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let marker = std::env::var(MARKER_ENV).expect("marker path");
    if mode == "locked" {
        rt.block_on(locked());
        std::fs::write(marker, "locked").unwrap();
        return;
    }
    let expected = match mode.as_str() {
        "secret-service" => "secret-service",
        "keyutils" | "fallback" => "keyutils",
        other => panic!("unknown {INNER_ENV}={other}"),
    };
    rt.block_on(round_trip(expected));
    std::fs::write(marker, expected).unwrap();
}

async fn round_trip(backend: &'static str) {
    let state = tempfile::tempdir().unwrap();
    let creds = Credentials::new(state.path().join("shopdesk"));
    // The kernel's persistent keyring outlives the session, so use a name no other run uses.
    let nonce = format!("{}_{}", std::process::id(), jiff::Timestamp::now().as_nanosecond());
    let id = SecretId::new("ci", "demo", format!("token_{nonce}"));
    let value = Secret::new(format!("shpat_real_{nonce}"));

    let st = creds.status(&id, None).await;
    assert_eq!(st.source, None, "{st:?}");
    assert_eq!(st.problem, None, "{st:?}");

    let src = creds.set(&id, &value).await.expect("set");
    assert_eq!(src, Source::Keyring(backend));

    let (got, src) = creds.get(&id, None).await.expect("get");
    assert_eq!(got.expose(), value.expose());
    assert_eq!(src, Source::Keyring(backend));

    // The item is really in the OS keyring, where other tools can see it.
    assert_eq!(read_externally(backend, &id.account()).as_deref(), Some(value.expose()));

    let st = creds.status(&id, None).await;
    assert_eq!(st.source, Some(Source::Keyring(backend)), "{st:?}");
    assert_eq!(st.problem, None, "{st:?}");
    assert_eq!(st.age_days(jiff::Timestamp::now()), Some(0));
    assert!(!format!("{st:?}").contains(value.expose()));

    let meta = std::fs::read_to_string(creds.metadata_path()).unwrap();
    assert!(!meta.contains(value.expose()), "{meta}");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(creds.metadata_path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    assert!(creds.delete(&id).await.expect("delete"));
    assert!(!creds.delete(&id).await.expect("second delete"));
    let e = creds.get(&id, None).await.unwrap_err();
    assert_eq!(e.exit_code(), 4);
    assert_eq!(e.message, format!("no secret for {id}"));
    assert_eq!(read_externally(backend, &id.account()), None);
}

/// With a Secret Service that is present but locked, `set` fails with a fix instead of quietly
/// moving the secret to keyutils.
async fn locked() {
    let state = tempfile::tempdir().unwrap();
    let creds = Credentials::new(state.path().join("shopdesk"));
    let id = SecretId::new("ci", "demo", "locked_token");
    let e = creds.set(&id, &Secret::new("shpat_never_stored")).await.unwrap_err();
    assert_eq!(e.exit_code(), 4, "{e:?}");
    assert!(e.message.contains("ci/demo/locked_token"), "{e:?}");
    assert!(!e.message.contains("shpat_never_stored"), "{e:?}");
    let hint = e.hint.unwrap_or_default();
    assert!(hint.contains("SHOPDESK_CI_DEMO_LOCKED_TOKEN"), "{hint}");
    eprintln!("locked keyring error: {} (hint: {hint})", e.message);
    assert!(!creds.metadata_path().exists());
}

/// The stored value as seen by the platform's own tool (`secret-tool`, `keyctl`), or `None`.
fn read_externally(backend: &str, account: &str) -> Option<String> {
    let out = match backend {
        "secret-service" => Command::new("secret-tool")
            .args(["lookup", "service", "shopdesk", "username", account])
            .output()
            .unwrap(),
        "keyutils" => {
            let desc = format!("keyring:{account}@shopdesk");
            let found = Command::new("keyctl").args(["search", "@s", "user", &desc]).output().unwrap();
            if !found.status.success() {
                return None;
            }
            let key = String::from_utf8(found.stdout).unwrap();
            Command::new("keyctl").args(["pipe", key.trim()]).output().unwrap()
        }
        other => panic!("no external check for {other}"),
    };
    if !out.status.success() || out.stdout.is_empty() {
        return None;
    }
    Some(String::from_utf8(out.stdout).unwrap().trim_end().to_string())
}

/// A temporary HOME and XDG tree for one inner run.
struct Sandbox {
    dir: tempfile::TempDir,
    marker: PathBuf,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home", "config", "data", "state", "cache", "run"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let run = dir.path().join("run");
            std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let marker = dir.path().join("inner-done");
        Sandbox { dir, marker }
    }

    /// Appends "<this test binary> inner_round_trip …" to `wrapper` and runs it in the sandbox.
    fn run_inner(&self, mut wrapper: Command, mode: &str, force: Option<&str>) -> Output {
        let p = |s: &str| self.dir.path().join(s);
        wrapper
            .arg(std::env::current_exe().unwrap())
            .args(["inner_round_trip", "--exact", "--nocapture", "--test-threads=1"])
            .env(INNER_ENV, mode)
            .env(MARKER_ENV, &self.marker)
            .env("HOME", p("home"))
            .env("XDG_CONFIG_HOME", p("config"))
            .env("XDG_DATA_HOME", p("data"))
            .env("XDG_STATE_HOME", p("state"))
            .env("XDG_CACHE_HOME", p("cache"))
            .env("XDG_RUNTIME_DIR", p("run"))
            .env_remove("SHOPDESK_KEYRING")
            .stdin(std::process::Stdio::null());
        if let Some(backend) = force {
            wrapper.env("SHOPDESK_KEYRING", backend);
        }
        // Never let the developer's real session leak in.
        if force == Some("secret-service") {
            wrapper.env_remove("DBUS_SESSION_BUS_ADDRESS");
        }
        wrapper.output().expect("could not start the session wrapper")
    }

    fn assert_passed(&self, out: &Output) {
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("test inner_round_trip ... ok"),
            "inner run failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{}",
            out.status,
            stderr(out)
        );
        assert!(self.marker.exists(), "inner run did not reach its end:\n{stdout}");
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The full paths of the given tools, or `None` if the test should be skipped. Panics with the
/// Debian package to install when one is missing.
fn require(tools: &[(&str, &str)]) -> Option<Vec<PathBuf>> {
    let skip = std::env::var(SKIP_ENV).is_ok_and(|v| v == "1");
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for (tool, package) in tools {
        match find_in_path(tool) {
            Some(path) => found.push(path),
            None => missing.push(format!("`{tool}` (Debian package `{package}`)")),
        }
    }
    if missing.is_empty() {
        return Some(found);
    }
    let msg = format!(
        "real-keyring test needs {}: install with `apt-get install -y {}`, or set {SKIP_ENV}=1 to skip",
        missing.join(" and "),
        tools.iter().map(|(_, p)| *p).collect::<Vec<_>>().join(" ")
    );
    if skip {
        eprintln!("skipped: {msg}");
        return None;
    }
    panic!("{msg}");
}

fn find_in_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(tool)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
