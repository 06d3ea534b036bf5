//! `auth login / status / logout` end to end through the binary, with the secret stored in a
//! real OS keyring: gnome-keyring's Secret Service on a private D-Bus session, and kernel
//! keyutils in a fresh session keyring. The stored token then authenticates `order get`
//! against the sandbox. Missing tools fail with the Debian package to install, unless
//! `SHOPDESK_SKIP_REAL_KEYRING=1` (see .ci/run).
#![cfg(target_os = "linux")]

mod support;

use shopdesk::sandbox::demo;
use support::{Host, shopify_env, stderr, stdout};

fn have(tool: &str, package: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found && std::env::var_os("SHOPDESK_SKIP_REAL_KEYRING").is_none() {
        panic!(
            "`{tool}` is missing: install the Debian package `{package}` (as .ci/run does), or set SHOPDESK_SKIP_REAL_KEYRING=1"
        );
    }
    found
}

/// The scenario, as a shell script run inside the keyring session.
const SCRIPT: &str = r#"
set -e
printf '%s\n' "$TOKEN" | "$BIN" auth login main --with-token
"$BIN" order get 1001 --json > "$OUT/order.json"
"$BIN" auth status --json > "$OUT/status.json"
"$BIN" auth logout main
if "$BIN" order get 1001 2> "$OUT/after.err"; then echo "still authenticated after logout"; exit 1; fi
echo done > "$OUT/done"
"#;

fn run(wrapper: &[&str], backend: &str) {
    let host = Host::default();
    let env = shopify_env(&host);
    let out = env.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut cmd = env.cmd();
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", env.path())
        .env("XDG_DATA_HOME", env.path().join("data"))
        .env("XDG_RUNTIME_DIR", env.path())
        .env("SHOPDESK_CONFIG", env.config_path())
        .env("SHOPDESK_STATE_DIR", env.path().join("state"))
        .env("SHOPDESK_KEYRING", backend)
        .env("NO_COLOR", "1")
        .env("BIN", assert_cmd::cargo::cargo_bin!("shopdesk"))
        .env("TOKEN", demo::SHOPIFY_STATIC_TOKEN)
        .env("OUT", &out);
    let mut full: Vec<String> = wrapper.iter().map(|s| s.to_string()).collect();
    full.extend(["sh".into(), "-c".into(), SCRIPT.into()]);
    let o = std::process::Command::new(&full[0])
        .args(&full[1..])
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .unwrap();
    assert!(out.join("done").exists(), "scenario failed:\n{}\n{}", stdout(&o), stderr(&o));
    let order: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("order.json")).unwrap()).unwrap();
    assert_eq!(order["number"], "#1001");
    let status = std::fs::read_to_string(out.join("status.json")).unwrap();
    assert!(status.contains(&format!("keyring ({backend})")), "{status}");
    assert!(status.contains("\"age_days\": 0"), "{status}");
    assert!(!status.contains(demo::SHOPIFY_STATIC_TOKEN), "auth status must never print the secret");
    let after = std::fs::read_to_string(out.join("after.err")).unwrap();
    assert!(after.contains("no secret for default/main/access_token"), "{after}");
    assert!(!stderr(&o).contains(demo::SHOPIFY_STATIC_TOKEN));
}

#[test]
fn login_status_logout_through_secret_service() {
    if !have("dbus-run-session", "dbus-daemon") || !have("gnome-keyring-daemon", "gnome-keyring") {
        return;
    }
    let unlock =
        "echo -n shopdesk-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec \"$@\"";
    run(&["dbus-run-session", "--", "sh", "-c", unlock, "sh"], "secret-service");
}

#[test]
fn login_status_logout_through_keyutils() {
    if !have("keyctl", "keyutils") {
        return;
    }
    run(&["keyctl", "session", "-"], "keyutils");
}
